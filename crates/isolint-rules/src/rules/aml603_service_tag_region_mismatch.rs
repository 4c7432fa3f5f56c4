use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{compute_subnet, computes, in_scope};
use crate::nsg::rules;
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML603",
        name: "service-tag-region-mismatch",
        severity: Severity::Warning,
        sources: &["001_67535de2117e2c03.txt"],
        summary: "An NSG rule allows a regional service tag of another region than the workspace's.",
        what: "Reports an allow rule of a compute subnet's NSG whose address is a regional tag (`Storage.X`, `BatchNodeManagement.X`, `Keyvault.X`, `AzureMachineLearning.X`) where X is not the workspace's region.",
        why: "Regional tags cover only that region's addresses. A rule for another region opens nothing the compute needs, while the flow to the workspace's own region stays blocked (seed 001 uses the workspace's region in every regional tag).",
        example_terraform: "security_rule {\n  name                       = \"storage\"\n  access                     = \"Allow\"\n  direction                  = \"Outbound\"\n  destination_address_prefix = \"Storage.eastus\" # the workspace is in westeurope\n}",
        example_bicep: "{ name: 'storage', properties: { access: 'Allow', direction: 'Outbound', destinationAddressPrefix: 'Storage.eastus' } }",
        fix: "Use the workspace's region in the tag (for example `Storage.westeurope`), or the bare tag.",
    },
    check: Some(check),
};

const REGIONAL: &[&str] = &[
    "storage",
    "batchnodemanagement",
    "keyvault",
    "azuremachinelearning",
];

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut done = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(wr) = ctx.workspace_region(w) else {
            continue;
        };
        for c in computes(g, w) {
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            let Some(nsg) = g.target(s, EdgeKind::Nsg) else {
                continue;
            };
            if !done.insert(nsg) {
                continue;
            }
            let Some(list) = rules(g, nsg) else { continue };
            for r in list.iter().filter(|r| r.allow) {
                for addr in r.destinations.iter().chain(r.sources.iter()) {
                    let Some((tag, reg)) = addr.split_once('.') else {
                        continue;
                    };
                    if !REGIONAL.contains(&tag.to_ascii_lowercase().as_str())
                        || reg.eq_ignore_ascii_case(&wr)
                    {
                        continue;
                    }
                    let mut f = ctx
                        .finding(&RULE.meta, r.holder, None, format!("rule {} of NSG '{}' allows {addr}, but workspace '{}' is in {wr}; the flow to {tag}.{wr} is not opened", r.name, g.display_name(nsg), g.display_name(w)))
                        .fix(format!("use {tag}.{wr} (or the bare tag {tag})"));
                    if let Some(sp) = r.span {
                        f.span = Some(sp);
                        f.anchors.push(sp);
                    }
                    out.push(f);
                }
            }
        }
    }
}
