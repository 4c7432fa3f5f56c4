use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::in_scope;
use isolint_model::net::{overlaps, parse_v4};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Graph, ResIdx, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML405",
        name: "peered-vnet-overlap",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "Two peered VNets have overlapping address spaces.",
        what: "Reports a virtual network peering between two virtual networks whose address spaces overlap.",
        why: "Azure refuses to connect a peering between overlapping address spaces, and where it was connected before an address change traffic cannot be routed: compute in one network cannot reach the workspace's private endpoint in the other (extends seed 002's peered network scenario).",
        example_terraform: "resource \"azurerm_virtual_network_peering\" \"hub_to_spoke\" {\n  virtual_network_name      = azurerm_virtual_network.hub.name   # 10.0.0.0/16\n  remote_virtual_network_id = azurerm_virtual_network.spoke.id   # 10.0.0.0/16\n}",
        example_bicep: "resource peering 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {\n  parent: hub\n  properties: { remoteVirtualNetwork: { id: spoke.id } }\n}",
        fix: "Give the peered networks address spaces that do not overlap.",
    },
    check: Some(check),
};

fn spaces(g: &Graph, v: ResIdx) -> Option<Vec<ipnet::Ipv4Net>> {
    let list = g
        .get(v)
        .prop("properties.addressSpace.addressPrefixes")?
        .as_list()?;
    list.iter().map(|p| p.as_str().and_then(parse_v4)).collect()
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut seen = std::collections::BTreeSet::new();
    for &p in g.of_type(t::PEERING) {
        if !in_scope(g, p) {
            continue;
        }
        let (Some(a), Some(b)) = (g.parent(p), g.target(p, EdgeKind::PeeringRemote)) else {
            continue;
        };
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        let (Some(sa), Some(sb)) = (spaces(g, a), spaces(g, b)) else {
            continue;
        };
        let Some((x, y)) = sa
            .iter()
            .find_map(|x| sb.iter().find(|y| overlaps(x, y)).map(|y| (*x, *y)))
        else {
            continue;
        };
        let mut f = ctx
            .finding(&RULE.meta, p, None, format!("peered virtual networks '{}' ({x}) and '{}' ({y}) overlap; traffic between them cannot be routed", g.display_name(a), g.display_name(b)))
            .fix("renumber one of the networks so that their address spaces do not overlap");
        f.related.push(ctx.related(a, "one side"));
        f.related.push(ctx.related(b, "the other side"));
        out.push(f);
    }
}
