use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::in_scope;
use isolint_model::net::{overlaps, parse_v4};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML406",
        name: "subnet-outside-vnet",
        severity: Severity::Error,
        sources: &[],
        summary: "A subnet prefix lies outside its VNet's address space, or two subnets of a VNet overlap.",
        what: "Reports a subnet prefix not contained in any address space of its virtual network, and a subnet prefix that overlaps another subnet of the same network. Computed prefixes are evaluated; unknown ones are skipped.",
        why: "Azure rejects both at deployment time, often after the rest of a long deployment succeeded, and the usual cause — a `cidrsubnet` index or a variable changed in one place but not the other — is easy to catch before `apply`.",
        example_terraform: "resource \"azurerm_virtual_network\" \"vnet\" {\n  address_space = [\"10.0.0.0/16\"]\n}\n\nresource \"azurerm_subnet\" \"training\" {\n  virtual_network_name = azurerm_virtual_network.vnet.name\n  address_prefixes     = [\"10.1.0.0/24\"]\n}",
        example_bicep: "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  properties: {\n    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }\n    subnets: [ { name: 'training', properties: { addressPrefix: '10.1.0.0/24' } } ]\n  }\n}",
        fix: "Choose subnet prefixes inside the virtual network's address space that do not overlap each other.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &v in g.of_type(t::VNET) {
        if !in_scope(g, v) {
            continue;
        }
        let Some(list) = g
            .get(v)
            .prop("properties.addressSpace.addressPrefixes")
            .and_then(|x| x.as_list())
        else {
            continue;
        };
        let Some(spaces) = list
            .iter()
            .map(|p| p.as_str().and_then(parse_v4))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let mut placed: Vec<(ipnet::Ipv4Net, isolint_model::ResIdx)> = Vec::new();
        for s in g.children_of_type(v, t::SUBNET) {
            if !in_scope(g, s) {
                continue;
            }
            for (path, val) in super::aml401_docker_bridge_overlap::prefixes(g, s) {
                let Some(net) = val.as_str().and_then(parse_v4) else {
                    continue;
                };
                if !spaces.iter().any(|sp| sp.contains(&net)) {
                    out.push(
                        ctx.finding(&RULE.meta, s, Some(&path), format!("subnet prefix {net} of '{}' is outside the address space of virtual network '{}' ({})", g.display_name(s), g.display_name(v), spaces.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")))
                            .fix("choose a subnet prefix inside the virtual network's address space"),
                    );
                }
                if let Some((other_net, other)) = placed.iter().find(|(o, _)| overlaps(o, &net)) {
                    let mut f = ctx
                        .finding(&RULE.meta, s, Some(&path), format!("subnet prefix {net} of '{}' overlaps {other_net} of subnet '{}' in the same virtual network", g.display_name(s), g.display_name(*other)))
                        .fix("give each subnet its own, non-overlapping prefix");
                    f.related
                        .push(ctx.related(*other, "the overlapping subnet"));
                    out.push(f);
                }
                placed.push((net, s));
            }
        }
    }
}
