use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, compute_subnet, computes, in_scope};
use crate::nsg::{Direction, Endpoint, Flow, Protocol, Verdict};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML502",
        name: "public-ip-compute-inbound-blocked",
        severity: Severity::Error,
        sources: &["001_67535de2117e2c03.txt", "002_42e08c6b358a77f8.txt"],
        summary: "Compute with a public IP sits in a subnet whose NSG denies inbound TCP 44224 from AzureMachineLearning.",
        what: "Evaluates the NSG of the subnet of each compute that has a public IP for inbound TCP 44224 from the `AzureMachineLearning` service tag (rules by priority, default rules included — the default `DenyAllInBound` denies it when no rule allows it).",
        why: "Compute with a public IP is managed by the Azure Machine Learning service over inbound TCP 44224 (seeds 001 and 002). A subnet NSG that does not allow it leaves the nodes unreachable: they never become ready.",
        example_terraform: "resource \"azurerm_network_security_group\" \"training\" {\n  # no inbound rule for AzureMachineLearning on 44224\n}\n\nresource \"azurerm_machine_learning_compute_cluster\" \"cpu\" {\n  node_public_ip_enabled = true\n  subnet_resource_id     = azurerm_subnet.training.id\n}",
        example_bicep: "resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {\n  properties: { securityRules: [] }\n}",
        fix: "Allow inbound TCP 44224 from the `AzureMachineLearning` service tag to `VirtualNetwork`, or use compute without a public IP.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut done = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        for c in computes(g, w) {
            if bool_prop(g, c, "properties.properties.enableNodePublicIp", Some(true)) != Some(true)
            {
                continue;
            }
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            let Some(nsg) = g.target(s, EdgeKind::Nsg) else {
                continue;
            };
            if !in_scope(g, s) || g.get(nsg).uncertain || !done.insert(nsg) {
                continue;
            }
            let flow = Flow {
                direction: Direction::Inbound,
                protocol: Protocol::Tcp,
                port: 44224,
                source: Endpoint::Tag("AzureMachineLearning".into()),
                destination: Endpoint::Vnet(crate::defs::subnet_prefix(g, s)),
            };
            let Verdict::Denied(rule) = ctx.nsgs.evaluate(g, nsg, &flow) else {
                continue;
            };
            let how = if rule.default {
                format!("the default rule {}", rule.name)
            } else {
                format!("rule {} (priority {})", rule.name, rule.priority)
            };
            let mut f = ctx
                .finding(&RULE.meta, rule.holder, None, format!("inbound TCP 44224 from AzureMachineLearning to subnet '{}' is denied by {how} of NSG '{}'; compute '{}' has a public IP and is managed over that port", g.display_name(s), g.display_name(nsg), g.display_name(c)))
                .fix("add an inbound allow rule from AzureMachineLearning to VirtualNetwork on TCP 44224");
            if let Some(sp) = rule.span {
                f.span = Some(sp);
                f.anchors.push(sp);
            }
            f.related
                .push(ctx.related(c, "the compute with a public IP"));
            out.push(f);
        }
    }
}
