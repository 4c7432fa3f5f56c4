use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{computes, in_scope, region, value_is, vnet_of, workspace_pe_vnets};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML504",
        name: "compute-instance-outside-workspace-network",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A compute instance is in another region than its workspace, or in another VNet than the workspace's private endpoint.",
        what: "Reports a compute instance whose region differs from its workspace's, or — when the workspace has a private endpoint — whose virtual network is not the private endpoint's. Compute clusters may do both; compute instances may not.",
        why: "A compute instance must live in the workspace's region and in the same virtual network as the workspace's private endpoint (seed 002); otherwise it fails to create, or cannot reach the workspace and shows as unhealthy.",
        example_terraform: "resource \"azurerm_machine_learning_compute_instance\" \"dev\" {\n  subnet_resource_id = azurerm_subnet.other_vnet.id # the workspace PE is in vnet-ml\n}",
        example_bicep: "resource dev 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  location: 'eastus' // the workspace is in westeurope\n  properties: { computeType: 'ComputeInstance' }\n}",
        fix: "Create the compute instance in the workspace's region, in the virtual network of the workspace's private endpoint.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let wregion = region(g.get(w).prop("location"));
        let wvnets = workspace_pe_vnets(g, w);
        for c in computes(g, w) {
            if !value_is(g.get(c).prop("properties.computeType"), "ComputeInstance").is_yes() {
                continue;
            }
            let cres = g.get(c);
            let cregion = region(cres.prop("properties.computeLocation"))
                .or_else(|| region(cres.prop("location")));
            if let (Some(a), Some(b)) = (&wregion, &cregion) {
                if a != b {
                    let mut f = ctx
                        .finding(&RULE.meta, c, Some("location"), format!("compute instance '{}' is in {b} but workspace '{}' is in {a}; compute instances must be in the workspace's region", g.display_name(c), g.display_name(w)))
                        .fix("create the compute instance in the workspace's region");
                    f.related.push(ctx.related(w, "the workspace"));
                    out.push(f);
                    continue;
                }
            }
            let (Some(wv), Some(cv)) = (&wvnets, vnet_of(g, c)) else {
                continue;
            };
            if wv.is_empty() || wv.contains(&cv) {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, c, Some("properties.properties.subnet.id"), format!("compute instance '{}' is in virtual network '{}', not in '{}' where workspace '{}' has its private endpoint", g.display_name(c), g.display_name(cv), g.display_name(wv[0]), g.display_name(w)))
                .fix("put the compute instance in a subnet of the workspace private endpoint's virtual network");
            f.related
                .push(ctx.related(wv[0], "the workspace private endpoint's network"));
            out.push(f);
        }
    }
}
