use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{has_pe_group, in_scope};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML109",
        name: "container-instance-with-private-workspace",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "A container group is deployed into a VNet subnet alongside a workspace with a private endpoint.",
        what: "Reports a container group (Azure Container Instances) placed in a virtual network subnet, in the same deployment as a workspace that has a private endpoint.",
        why: "Deploying models to Azure Container Instances in a virtual network is not supported when the workspace has a private endpoint (seed 000, limitations). Managed online endpoints are the supported way to serve models privately.",
        example_terraform: "resource \"azurerm_container_group\" \"scoring\" {\n  ip_address_type = \"Private\"\n  subnet_ids      = [azurerm_subnet.aci.id]\n}",
        example_bicep: "resource scoring 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {\n  properties: { subnetIds: [ { id: aciSubnet.id } ] }\n}",
        fix: "Serve the model from a managed online endpoint with public network access disabled instead of a container group in the VNet.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &cg in g.of_type(t::CONTAINER_GROUP) {
        if !in_scope(g, cg) {
            continue;
        }
        let in_vnet = g
            .get(cg)
            .prop("properties.subnetIds")
            .and_then(|v| v.as_list())
            .is_some_and(|l| !l.is_empty());
        if !in_vnet {
            continue;
        }
        let unit = g.unit(cg);
        let Some(&w) = g.of_type(t::WORKSPACE).iter().find(|w| {
            g.unit(**w) == unit && in_scope(g, **w) && has_pe_group(g, **w, "amlworkspace").is_yes()
        }) else {
            continue;
        };
        let mut f = ctx
            .finding(&RULE.meta, cg, Some("properties.subnetIds"), format!("container group '{}' is deployed into a virtual network while workspace '{}' has a private endpoint; Azure Container Instances in a VNet is not supported with a private workspace", g.display_name(cg), g.display_name(w)))
            .fix("serve the model from a managed online endpoint instead");
        f.related
            .push(ctx.related(w, "the workspace with a private endpoint"));
        out.push(f);
    }
}
