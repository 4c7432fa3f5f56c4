use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    default_deny, in_scope, private_endpoints, rule_subnets, vnet_of, workspace_pe_subnets,
    workspace_pe_vnets, Tri,
};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, ResIdx, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML702",
        name: "storage-workspace-endpoint-colocation",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "The workspace's storage private endpoints are all outside the VNet of the workspace's private endpoint, or its service endpoint rules leave out that endpoint's subnet.",
        what: "Reports the storage account of a workspace when the storage uses private endpoints and none of them is in the virtual network of the workspace's private endpoint. When the storage admits subnets through service endpoint rules instead (network rules that deny by default, no private endpoint), reports it when the subnet of the workspace's private endpoint is not among those rules.",
        why: "The studio reaches the default storage through the same network as the workspace: with a storage private endpoint, the workspace's and the storage's endpoints must share a virtual network; with a service endpoint, the workspace's private endpoint must be in a subnet the storage admits (seed 000, limitations). Otherwise the studio cannot show data, and notebooks and the designer fail.",
        example_terraform: "resource \"azurerm_private_endpoint\" \"st_blob\" {\n  subnet_id = azurerm_subnet.data_vnet.id # the workspace PE is in vnet-ml\n}",
        example_bicep: "resource stBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {\n  properties: { subnet: { id: dataVnetSubnet.id } }\n}",
        fix: "Add storage private endpoints (blob and file) in the workspace private endpoint's virtual network.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(st) = g.target(w, EdgeKind::Storage) else {
            continue;
        };
        if !in_scope(g, st) {
            continue;
        }
        let Some(wvnets) = workspace_pe_vnets(g, w) else {
            continue;
        };
        if wvnets.is_empty() {
            continue;
        }
        let (pes, uncertain) = private_endpoints(g, st);
        if uncertain {
            continue;
        }
        if pes.is_empty() {
            service_endpoint_variant(ctx, w, st, out);
            continue;
        }
        let Some(svnets) = pes
            .iter()
            .map(|p| vnet_of(g, *p))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if svnets.iter().any(|v| wvnets.contains(v)) {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, st, None, format!("no private endpoint of storage account '{}' is in virtual network '{}', where workspace '{}' has its private endpoint; the studio cannot reach the storage", g.display_name(st), g.display_name(wvnets[0]), g.display_name(w)))
            .fix("add blob and file private endpoints for the storage account in the workspace private endpoint's virtual network");
        f.related
            .push(ctx.related(wvnets[0], "the workspace private endpoint's network"));
        out.push(f);
    }
}

/// Storage reached through service endpoints: the subnet of the workspace's
/// private endpoint must be among the storage's virtual network rules.
fn service_endpoint_variant(ctx: &Ctx<'_>, w: ResIdx, st: ResIdx, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    if default_deny(g, st) != Tri::Yes {
        return;
    }
    let Some(admitted) = rule_subnets(g, st) else {
        return;
    };
    let Some(wsubnets) = workspace_pe_subnets(g, w) else {
        return;
    };
    if admitted.is_empty() || wsubnets.is_empty() {
        return;
    }
    if wsubnets.iter().any(|s| admitted.contains(s)) {
        return;
    }
    let mut f = ctx
        .finding(&RULE.meta, st, Some("properties.networkAcls.virtualNetworkRules"), format!("storage account '{}' admits subnets through service endpoint rules, but not subnet '{}', where workspace '{}' has its private endpoint; the studio cannot reach the storage", g.display_name(st), g.display_name(wsubnets[0]), g.display_name(w)))
        .fix("add the subnet of the workspace private endpoint to the storage account's virtual network rules (with a Microsoft.Storage service endpoint), or give the storage private endpoints in that network");
    f.related
        .push(ctx.related(wsubnets[0], "the workspace private endpoint's subnet"));
    out.push(f);
}
