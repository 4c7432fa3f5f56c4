use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, value_is};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML404",
        name: "compute-subnet-too-small",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A subnet cannot hold the compute nodes and private endpoints placed in it.",
        what: "Reports a subnet whose usable addresses (2^(32-prefix) - 5, as Azure reserves five per subnet) are fewer than what is placed in it: one per compute instance, `max_node_count` per compute cluster, one per private endpoint. Not reported when any count or the prefix is unknown.",
        why: "Every cluster node and compute instance takes an address from the subnet, and so does every private endpoint. When the subnet runs out, scale-out stops and new nodes stay in `Preparing` until jobs time out (seed 002: the subnet must have enough free addresses).",
        example_terraform: "resource \"azurerm_subnet\" \"training\" {\n  address_prefixes = [\"10.0.1.0/28\"] # 11 usable addresses\n}\n\nresource \"azurerm_machine_learning_compute_cluster\" \"cpu\" {\n  subnet_resource_id = azurerm_subnet.training.id\n  scale_settings {\n    max_node_count = 20\n  }\n}",
        example_bicep: "resource training 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {\n  properties: { addressPrefix: '10.0.1.0/28' }\n}",
        fix: "Use a larger subnet, or lower `max_node_count`.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &s in g.of_type(t::SUBNET) {
        if !in_scope(g, s) {
            continue;
        }
        let res = g.get(s);
        let Some(net) = crate::defs::subnet_prefix(g, s) else {
            continue;
        };
        if res
            .prop("properties.addressPrefixes")
            .and_then(|v| v.as_list())
            .is_some_and(|l| l.len() > 1)
        {
            continue;
        }
        let usable: i64 = (1i64 << (32 - net.prefix_len() as i64)) - 5;
        let users = g.sources_of(s, EdgeKind::Subnet);
        let mut need: i64 = 0;
        let mut parts = Vec::new();
        let mut unknown = false;
        for u in users {
            let ur = g.get(u);
            if ur.uncertain {
                unknown = true;
                continue;
            }
            if ur.is(t::PRIVATE_ENDPOINT) {
                need += 1;
                parts.push(format!("private endpoint '{}'", g.display_name(u)));
            } else if ur.is(t::COMPUTE) {
                let ty = ur.prop("properties.computeType");
                if value_is(ty, "ComputeInstance").is_yes() {
                    need += 1;
                    parts.push(format!("compute instance '{}'", g.display_name(u)));
                } else if value_is(ty, "AmlCompute").is_yes() {
                    match ur
                        .prop("properties.properties.scaleSettings.maxNodeCount")
                        .and_then(|v| v.as_i64())
                    {
                        Some(n) if n >= 0 => {
                            need += n;
                            parts.push(format!("{n} nodes of cluster '{}'", g.display_name(u)));
                        }
                        _ => unknown = true,
                    }
                }
            }
        }
        if unknown || need <= usable.max(0) {
            continue;
        }
        out.push(
            ctx.finding(
                &RULE.meta,
                s,
                Some("properties.addressPrefixes"),
                format!(
                    "subnet '{}' ({net}) has {} usable addresses but needs {need}: {}",
                    g.display_name(s),
                    usable.max(0),
                    parts.join(", ")
                ),
            )
            .fix(format!(
                "use a prefix of /{} or larger for this subnet",
                smallest_prefix(need)
            )),
        );
    }
}

fn smallest_prefix(need: i64) -> u8 {
    let mut p: u8 = 29;
    while p > 0 && (1i64 << (32 - p as i64)) - 5 < need {
        p -= 1;
    }
    p
}
