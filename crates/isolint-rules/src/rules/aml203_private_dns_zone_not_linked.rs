use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::has_orphans;
use crate::defs::{
    aml_workspaces_of, computes, custom_dns, in_scope, pe_groups, pe_zones, vnet_of,
    zone_linked_vnets, Tri,
};
use crate::dns;
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, ResIdx, Severity};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML203",
        name: "private-dns-zone-not-linked",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A private DNS zone a private endpoint relies on is not linked to the VNet that needs it.",
        what: "Reports a private DNS zone attached to a private endpoint that has no virtual network link to the endpoint's virtual network, and a workspace's `privatelink.api.azureml.ms` / `privatelink.notebooks.azure.net` zone that has no link to a virtual network hosting the workspace's compute (the peered compute network scenario). Virtual networks that set custom DNS servers are left to AML204.",
        why: "A private zone answers only inside the virtual networks it is linked to. Anywhere else the workspace, storage or registry names resolve to public addresses: compute in a peered network cannot reach the workspace, notebooks do not open (seed 002, \"VNet peering\" scenario).",
        example_terraform: "resource \"azurerm_private_dns_zone_virtual_network_link\" \"api\" {\n  private_dns_zone_name = azurerm_private_dns_zone.api.name\n  virtual_network_id    = azurerm_virtual_network.hub.id # compute lives in vnet-compute\n}",
        example_bicep: "resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: apiZone\n  name: 'hub'\n  location: 'global'\n  properties: { virtualNetwork: { id: hub.id }, registrationEnabled: false }\n}",
        fix: "Add a virtual network link from the zone to each virtual network that hosts the endpoint or the workspace's compute.",
    },
    check: Some(check),
};

fn report(
    ctx: &Ctx<'_>,
    out: &mut Vec<Finding>,
    zone: ResIdx,
    vnet: ResIdx,
    who: ResIdx,
    role: &str,
) {
    let g = ctx.graph;
    // A link of the same deployment whose zone cannot be told might be the missing one.
    if has_orphans(g, t::DNS_ZONE_LINK, zone) {
        return;
    }
    let zname = g.display_name(zone).to_string();
    let vname = g.display_name(vnet).to_string();
    let mut f = ctx
        .finding(
            &RULE.meta,
            zone,
            None,
            format!("private DNS zone {zname} has no virtual network link to {vname}, which hosts {role} '{}'; names in that zone resolve to public addresses there", g.display_name(who)),
        )
        .fix(format!("add a virtual network link from {zname} to {vname}"));
    f.related
        .push(ctx.related(vnet, "the virtual network without a link"));
    f.related.push(ctx.related(who, role.to_string()));
    out.push(f);
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut done: BTreeSet<(ResIdx, ResIdx)> = BTreeSet::new();
    for &pe in g.of_type(t::PRIVATE_ENDPOINT) {
        if !in_scope(g, pe) {
            continue;
        }
        let Some(target) = g.target(pe, EdgeKind::PeTarget) else {
            continue;
        };
        let workspaces = aml_workspaces_of(g, target);
        if workspaces.is_empty() && !g.get(target).is(t::PRIVATE_LINK_SCOPE) {
            continue;
        }
        let Some(zones) = pe_zones(g, pe) else {
            continue;
        };
        // The endpoint's own VNet.
        if let Some(vnet) = vnet_of(g, pe) {
            if custom_dns(g, vnet) == Tri::No {
                for z in &zones {
                    let Some(zone) = z.zone else { continue };
                    if !in_scope(g, zone) {
                        continue;
                    }
                    let Some(linked) = zone_linked_vnets(g, zone) else {
                        continue;
                    };
                    if !linked.contains(&vnet) && done.insert((zone, vnet)) {
                        report(ctx, out, zone, vnet, pe, "private endpoint");
                    }
                }
            }
        }
        // The workspace zones and the VNets of the workspace's compute.
        if !g.get(target).is(t::WORKSPACE)
            || pe_groups(g, pe).is_none_or(|gs| !gs.iter().any(|x| x == "amlworkspace"))
        {
            continue;
        }
        for z in &zones {
            let Some(zone) = z.zone else { continue };
            if !in_scope(g, zone) || !dns::zone_belongs(&z.name, "amlworkspace") {
                continue;
            }
            let Some(linked) = zone_linked_vnets(g, zone) else {
                continue;
            };
            for c in computes(g, target) {
                let Some(cv) = vnet_of(g, c) else { continue };
                if custom_dns(g, cv) != Tri::No || linked.contains(&cv) {
                    continue;
                }
                if done.insert((zone, cv)) {
                    report(ctx, out, zone, cv, c, "compute");
                }
            }
        }
    }
}
