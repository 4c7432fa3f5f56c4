use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, private_endpoints, vnet_of, workspace_pe_vnets};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML702",
        name: "storage-workspace-endpoint-colocation",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "The workspace's storage private endpoints are all outside the VNet of the workspace's private endpoint.",
        what: "Reports the storage account of a workspace when the storage uses private endpoints and none of them is in the virtual network of the workspace's private endpoint. (The service-endpoint variant of the requirement — the workspace endpoint's subnet among the storage's virtual network rules — is not checked yet.)",
        why: "The studio reaches the default storage through the same network as the workspace: with a storage private endpoint, the workspace's and the storage's endpoints must share a virtual network (seed 000, limitations). Otherwise the studio cannot show data, and notebooks and the designer fail.",
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
        if pes.is_empty() || uncertain {
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
