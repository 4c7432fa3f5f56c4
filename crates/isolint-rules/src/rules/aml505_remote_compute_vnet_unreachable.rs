use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    computes, has_unresolved_peering, in_scope, peered, value_is, vnet_of, workspace_pe_vnets,
};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML505",
        name: "remote-compute-vnet-unreachable",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A compute cluster's VNet can reach none of the workspace's private endpoints.",
        what: "Reports a compute cluster of a workspace with a private endpoint when the cluster's virtual network is not the private endpoint's network, is not peered with it, and holds no private endpoint of the workspace.",
        why: "A cluster may live in another virtual network (even another region), but it must reach the workspace through a private endpoint: in its own network, or in a peered one (seed 002). Otherwise the nodes cannot talk to the service and jobs stay queued.",
        example_terraform: "resource \"azurerm_machine_learning_compute_cluster\" \"remote\" {\n  subnet_resource_id = azurerm_subnet.remote.id # vnet-remote is not peered with vnet-ml\n}",
        example_bicep: "resource remote 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  properties: { computeType: 'AmlCompute', properties: { subnet: { id: remoteSubnet.id } } }\n}",
        fix: "Peer the cluster's virtual network with the workspace private endpoint's network (and link the private DNS zones to it), or add a workspace private endpoint in the cluster's network.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(wvnets) = workspace_pe_vnets(g, w) else {
            continue;
        };
        if wvnets.is_empty() || wvnets.iter().any(|v| has_unresolved_peering(g, *v)) {
            continue;
        }
        for c in computes(g, w) {
            if !value_is(g.get(c).prop("properties.computeType"), "AmlCompute").is_yes() {
                continue;
            }
            let Some(cv) = vnet_of(g, c) else { continue };
            if has_unresolved_peering(g, cv) || wvnets.iter().any(|v| *v == cv || peered(g, *v, cv))
            {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, c, Some("properties.properties.subnet.id"), format!("compute cluster '{}' is in virtual network '{}', which is neither peered with nor hosts a private endpoint of workspace '{}'; its nodes cannot reach the workspace", g.display_name(c), g.display_name(cv), g.display_name(w)))
                .fix("peer the cluster's virtual network with the workspace's private endpoint network, or add a workspace private endpoint in it");
            f.related
                .push(ctx.related(wvnets[0], "the workspace private endpoint's network"));
            out.push(f);
        }
    }
}
