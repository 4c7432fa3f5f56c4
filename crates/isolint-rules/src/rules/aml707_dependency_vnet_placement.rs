use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    has_unresolved_peering, in_scope, peered, private_endpoints, vnet_of, workspace_pe_vnets,
};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML707",
        name: "dependency-vnet-placement",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "A key vault or storage private endpoint sits in a VNet that cannot reach the workspace's.",
        what: "Reports a private endpoint of the workspace's key vault or storage account whose virtual network is neither the virtual network of the workspace's private endpoint nor peered with it.",
        why: "The workspace's clients and compute reach the dependency through its private endpoint. In a network that is neither the workspace's nor peered with it, the endpoint is unreachable from where the work runs (seed 000).",
        example_terraform: "resource \"azurerm_private_endpoint\" \"kv\" {\n  subnet_id = azurerm_subnet.other_vnet.id # the workspace's PE is in vnet-ml, not peered\n}",
        example_bicep: "resource kvPe 'Microsoft.Network/privateEndpoints@2024-05-01' = {\n  properties: { subnet: { id: otherVnetSubnet.id } }\n}",
        fix: "Place the dependency's private endpoint in the workspace's virtual network, or peer the two networks.",
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
        for (kind, label) in [
            (EdgeKind::KeyVault, "key vault"),
            (EdgeKind::Storage, "storage account"),
        ] {
            let Some(d) = g.target(w, kind) else { continue };
            if !in_scope(g, d) {
                continue;
            }
            let (pes, _) = private_endpoints(g, d);
            for pe in pes {
                let Some(v) = vnet_of(g, pe) else { continue };
                if has_unresolved_peering(g, v)
                    || wvnets.iter().any(|wv| *wv == v || peered(g, *wv, v))
                {
                    continue;
                }
                let mut f = ctx
                    .finding(&RULE.meta, pe, Some("properties.subnet.id"), format!("private endpoint '{}' of {label} '{}' is in virtual network '{}', which is neither the workspace's private endpoint network nor peered with it", g.display_name(pe), g.display_name(d), g.display_name(v)))
                    .fix("move the private endpoint into the workspace's virtual network, or peer the networks");
                f.related
                    .push(ctx.related(wvnets[0], "the workspace's private endpoint network"));
                out.push(f);
            }
        }
    }
}
