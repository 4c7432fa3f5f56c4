use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, computes, has_pe_in_vnet, in_scope, peers};
use crate::nsg::{egress, path_verdict, Direction, Endpoint, Flow, Protocol, Verdict};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, ResIdx, Severity};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML601",
        name: "nsg-blocks-required-outbound",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "001_67535de2117e2c03.txt", "002_42e08c6b358a77f8.txt"],
        summary: "An NSG on a compute subnet (or on an attached VM's network interface) denies an outbound flow Azure ML compute needs.",
        what: "Evaluates the network security group of each compute subnet as Azure does (rules by priority, first match decides, default rules last; for a virtual machine attached as compute, the NSG of its network interface first, then its subnet's, and both must allow) for every outbound flow Azure Machine Learning compute needs: `AzureActiveDirectory` TCP 80/443; `AzureMachineLearning` TCP 443, 8787, 18881 and UDP 5831; `BatchNodeManagement.<region>` 443; `AzureResourceManager` 443; `Storage.<region>` 443; `AzureFrontDoor.FrontEnd` 443; `MicrosoftContainerRegistry` 443; `AzureFrontDoor.FirstParty` 443; `VirtualNetwork` 443 when private endpoints are in the VNet or a peered one; `AzureMonitor` 443 unless Application Insights is in a private link scope; `Keyvault.<region>` 443 for high-business-impact workspaces. One finding per blocked flow, at the rule that denies it.",
        why: "Compute nodes register with the service, receive jobs, report metrics and pull images over these flows (seeds 000, 001 and 002). When an NSG denies one, nodes stay unusable or jobs hang in `Preparing` with no error pointing at the network.",
        example_terraform: "resource \"azurerm_network_security_group\" \"training\" {\n  security_rule {\n    name                       = \"deny-all-out\"\n    priority                   = 4000\n    direction                  = \"Outbound\"\n    access                     = \"Deny\"\n    protocol                   = \"*\"\n    source_port_range          = \"*\"\n    destination_port_range     = \"*\"\n    source_address_prefix      = \"*\"\n    destination_address_prefix = \"*\"\n  }\n}",
        example_bicep: "resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {\n  properties: { securityRules: [ { name: 'deny-all-out', properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*' } } ] }\n}",
        fix: "Add higher-priority (lower number) outbound allow rules for the required service tags and ports before the deny rule.",
    },
    check: Some(check),
};

/// The outbound flows compute of workspace `w` in `subnet` needs.
pub(crate) fn required_flows(
    ctx: &Ctx<'_>,
    w: ResIdx,
    subnet: ResIdx,
) -> Vec<(String, Protocol, u16)> {
    let g = ctx.graph;
    let reg = ctx.workspace_region(w);
    let regional = |tag: &str| match &reg {
        Some(r) => format!("{tag}.{r}"),
        None => tag.to_string(),
    };
    let mut flows: Vec<(String, Protocol, u16)> = vec![
        ("AzureActiveDirectory".into(), Protocol::Tcp, 80),
        ("AzureActiveDirectory".into(), Protocol::Tcp, 443),
        ("AzureMachineLearning".into(), Protocol::Tcp, 443),
        ("AzureMachineLearning".into(), Protocol::Tcp, 8787),
        ("AzureMachineLearning".into(), Protocol::Tcp, 18881),
        ("AzureMachineLearning".into(), Protocol::Udp, 5831),
        (regional("BatchNodeManagement"), Protocol::Tcp, 443),
        ("AzureResourceManager".into(), Protocol::Tcp, 443),
        (regional("Storage"), Protocol::Tcp, 443),
        ("AzureFrontDoor.FrontEnd".into(), Protocol::Tcp, 443),
        ("MicrosoftContainerRegistry".into(), Protocol::Tcp, 443),
        ("AzureFrontDoor.FirstParty".into(), Protocol::Tcp, 443),
    ];
    let in_ampls = g
        .target(w, EdgeKind::AppInsights)
        .is_some_and(|ai| !g.sources_of(ai, EdgeKind::ScopedResource).is_empty());
    if !in_ampls {
        flows.push(("AzureMonitor".into(), Protocol::Tcp, 443));
    }
    if bool_prop(g, w, "properties.hbiWorkspace", Some(false)) == Some(true) {
        flows.push((regional("Keyvault"), Protocol::Tcp, 443));
    }
    if let Some(v) = crate::defs::vnet_of_subnet(g, subnet) {
        let pe_here = std::iter::once(v)
            .chain(peers(g, v))
            .any(|n| has_pe_in_vnet(g, n));
        if pe_here {
            flows.push(("VirtualNetwork".into(), Protocol::Tcp, 443));
        }
    }
    flows
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut done: BTreeSet<(ResIdx, String, u16, &'static str)> = BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        for c in computes(g, w) {
            for e in egress(g, c) {
                if e.nsgs.iter().any(|n| g.get(*n).uncertain) {
                    continue;
                }
                let s = e.subnet;
                let src = Endpoint::Vnet(crate::defs::subnet_prefix(g, s));
                for (tag, proto, port) in required_flows(ctx, w, s) {
                    let dest = if tag == "VirtualNetwork" {
                        Endpoint::Vnet(None)
                    } else {
                        Endpoint::Tag(tag.clone())
                    };
                    let flow = Flow {
                        direction: Direction::Outbound,
                        protocol: proto,
                        port,
                        source: src.clone(),
                        destination: dest,
                    };
                    let (Verdict::Denied(rule), Some(nsg)) =
                        path_verdict(&ctx.nsgs, g, &e.nsgs, &flow)
                    else {
                        continue;
                    };
                    if !done.insert((nsg, tag.clone(), port, proto.name())) {
                        continue;
                    }
                    let how = if rule.default {
                        format!(
                            "the default rule {} (priority {})",
                            rule.name, rule.priority
                        )
                    } else {
                        format!("rule {} (priority {})", rule.name, rule.priority)
                    };
                    let from = e.describe(g);
                    let mut f = ctx
                        .finding(&RULE.meta, rule.holder, None, format!("outbound {} {port} to {tag} from {from} is denied by {how} of NSG '{}'; compute '{}' needs it", proto.name(), g.display_name(nsg), g.display_name(c)))
                        .fix(format!("add an outbound allow rule for {tag} {} {port} with a lower priority number than {}", proto.name(), rule.priority));
                    if let Some(sp) = rule.span {
                        f.span = Some(sp);
                        f.anchors.push(sp);
                    }
                    f.related
                        .push(ctx.related(c, "the compute that needs the flow"));
                    out.push(f);
                }
            }
        }
    }
}
