use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{computes, in_scope, region};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML506",
        name: "storage-region-mismatch",
        severity: Severity::Info,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "The workspace's storage is in another region than a compute of the workspace.",
        what: "Reports a compute whose region differs from the region of its workspace's storage account.",
        why: "Compute reads job data and snapshots from the workspace's storage. Across regions that traffic is slower and billed as inter-region transfer, and with service endpoints (which are regional) it may not be allowed at all (seed 002, compute in a different region).",
        example_terraform: "resource \"azurerm_machine_learning_compute_cluster\" \"remote\" {\n  location = \"eastus\" # the storage account is in westeurope\n}",
        example_bicep: "resource remote 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  properties: { computeType: 'AmlCompute', computeLocation: 'eastus' }\n}",
        fix: "Run the compute in the storage account's region, or accept the cross-region traffic deliberately (and suppress with the reason).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        let Some(st) = g.target(w, EdgeKind::Storage) else {
            continue;
        };
        if !in_scope(g, w) || !in_scope(g, st) {
            continue;
        }
        let Some(sregion) = region(g.get(st).prop("location")) else {
            continue;
        };
        for c in computes(g, w) {
            let cres = g.get(c);
            let (path, cregion) = match region(cres.prop("properties.computeLocation")) {
                Some(r) => ("properties.computeLocation", Some(r)),
                None => ("location", region(cres.prop("location"))),
            };
            let Some(cregion) = cregion else { continue };
            if cregion == sregion {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, c, Some(path), format!("compute '{}' is in {cregion} but storage account '{}' of workspace '{}' is in {sregion}; data crosses regions", g.display_name(c), g.display_name(st), g.display_name(w)))
                .fix("run the compute in the storage account's region");
            f.related
                .push(ctx.related(st, "the workspace's storage account"));
            out.push(f);
        }
    }
}
