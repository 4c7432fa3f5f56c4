use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{aml_workspaces_of, computes, custom_dns, in_scope, vnet_of};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, ResIdx, Severity};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML204",
        name: "custom-dns-without-forwarding",
        severity: Severity::Info,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A VNet hosting AML private endpoints or compute uses custom DNS servers: they must forward to Azure DNS.",
        what: "Reports, once per virtual network, a network that hosts a private endpoint or a compute of a workspace and sets custom DNS servers. isolint cannot see those servers' configuration; this is a reminder of what they must do.",
        why: "Private endpoint names resolve only through the private zones, which only Azure DNS (168.63.129.16) answers from. Custom DNS servers must forward the `privatelink` zones (or everything) to Azure DNS, directly or through a DNS private resolver, or every private endpoint resolves publicly (seed 002).",
        example_terraform: "resource \"azurerm_virtual_network\" \"spoke\" {\n  dns_servers = [\"10.0.0.4\"]\n}",
        example_bicep: "resource spoke 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  properties: { dhcpOptions: { dnsServers: [ '10.0.0.4' ] } }\n}",
        fix: "Make sure the DNS servers forward the private link zones to 168.63.129.16 (or a DNS private resolver in a linked network); suppress this finding once they do.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut hosts: BTreeSet<(ResIdx, ResIdx)> = BTreeSet::new();
    for &pe in g.of_type(t::PRIVATE_ENDPOINT) {
        if !in_scope(g, pe) {
            continue;
        }
        let Some(target) = g.target(pe, EdgeKind::PeTarget) else {
            continue;
        };
        if aml_workspaces_of(g, target).is_empty() {
            continue;
        }
        if let Some(v) = vnet_of(g, pe) {
            hosts.insert((v, pe));
        }
    }
    for &w in g.of_type(t::WORKSPACE) {
        for c in computes(g, w) {
            if let Some(v) = vnet_of(g, c) {
                hosts.insert((v, c));
            }
        }
    }
    let mut seen = BTreeSet::new();
    for (v, who) in hosts {
        if !in_scope(g, v) || !seen.insert(v) || !custom_dns(g, v).is_yes() {
            continue;
        }
        let servers: Vec<String> = g
            .get(v)
            .prop("properties.dhcpOptions.dnsServers")
            .and_then(|x| x.as_list())
            .map(|l| {
                l.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut f = ctx
            .finding(
                &RULE.meta,
                v,
                Some("properties.dhcpOptions.dnsServers"),
                format!("virtual network '{}' uses custom DNS servers ({}); private endpoint names resolve only if they forward to Azure DNS (168.63.129.16)", g.display_name(v), servers.join(", ")),
            )
            .fix("forward the privatelink zones from these DNS servers to 168.63.129.16 or a DNS private resolver");
        f.related
            .push(ctx.related(who, "hosted in this virtual network"));
        out.push(f);
    }
}
