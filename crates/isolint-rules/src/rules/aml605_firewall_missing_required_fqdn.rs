use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{compute_subnet, computes, in_scope, subnet_prefix};
use crate::routes::{lookup_table, Chosen, Dest, Lookup};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Graph, ResIdx, Severity, Value};
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML605",
        name: "firewall-missing-required-fqdn",
        severity: Severity::Warning,
        sources: &["001_67535de2117e2c03.txt"],
        summary: "A compute subnet routes to an Azure Firewall whose rules do not allow a host Azure ML needs.",
        what: "For each compute subnet whose route table sends `0.0.0.0/0` to an Azure Firewall of the configuration (matched by its private IP, or by the firewall subnet containing the next hop), checks that the firewall's allow rules (classic application and network rule collections, or its firewall policy's rule collection groups) cover every required host: `login.microsoftonline.com`, `management.azure.com`, `*.azureml.ms`, `*.azureml.net`, `ml.azure.com`, `graph.windows.net`, `*.instances.azureml.ms`, `<region>.tundra.azureml.ms` (UDP 5831, a network rule), `*.<region>.batch.azure.com`, `*.<region>.service.batch.azure.com`, `*.blob.core.windows.net`, `*.queue.core.windows.net`, `*.table.core.windows.net`, `mcr.microsoft.com`, `*.data.mcr.microsoft.com`. Network rules to the matching service tags count too. Not reported when a rule or the firewall policy's base policy cannot be known.",
        why: "With forced tunnelling, everything compute needs goes through the firewall; a host it does not allow fails silently: nodes never register, images cannot be pulled, jobs hang (seed 001, \"Azure Firewall\" and the host lists).",
        example_terraform: "resource \"azurerm_firewall_policy_rule_collection_group\" \"aml\" {\n  application_rule_collection {\n    rule {\n      destination_fqdns = [\"*.azureml.ms\"] # mcr.microsoft.com, batch, storage ... missing\n    }\n  }\n}",
        example_bicep: "{ ruleType: 'ApplicationRule', targetFqdns: [ '*.azureml.ms' ], protocols: [ { protocolType: 'Https', port: 443 } ] }",
        fix: "Allow the missing hosts in the firewall (application rules for HTTPS, a network rule for UDP 5831 to the tundra host), or the matching service tags in network rules.",
    },
    check: Some(check),
};

const NET_COLLECTION: &str = "Microsoft.Network/azureFirewalls/networkRuleCollections";
const APP_COLLECTION: &str = "Microsoft.Network/azureFirewalls/applicationRuleCollections";

/// A required host: name (may start with `*.`), needs UDP (tundra), service tags that cover it.
fn required(region: &str) -> Vec<(String, bool, &'static [&'static str])> {
    vec![
        (
            "login.microsoftonline.com".into(),
            false,
            &["AzureActiveDirectory"][..],
        ),
        (
            "management.azure.com".into(),
            false,
            &["AzureResourceManager"][..],
        ),
        ("*.azureml.ms".into(), false, &["AzureMachineLearning"][..]),
        ("*.azureml.net".into(), false, &["AzureMachineLearning"][..]),
        ("ml.azure.com".into(), false, &["AzureMachineLearning"][..]),
        (
            "graph.windows.net".into(),
            false,
            &["AzureActiveDirectory"][..],
        ),
        (
            "*.instances.azureml.ms".into(),
            false,
            &["AzureMachineLearning"][..],
        ),
        (
            format!("{region}.tundra.azureml.ms"),
            true,
            &["AzureMachineLearning"][..],
        ),
        (
            format!("*.{region}.batch.azure.com"),
            false,
            &["BatchNodeManagement"][..],
        ),
        (
            format!("*.{region}.service.batch.azure.com"),
            false,
            &["BatchNodeManagement"][..],
        ),
        ("*.blob.core.windows.net".into(), false, &["Storage"][..]),
        ("*.queue.core.windows.net".into(), false, &["Storage"][..]),
        ("*.table.core.windows.net".into(), false, &["Storage"][..]),
        (
            "mcr.microsoft.com".into(),
            false,
            &["MicrosoftContainerRegistry"][..],
        ),
        (
            "*.data.mcr.microsoft.com".into(),
            false,
            &["MicrosoftContainerRegistry"][..],
        ),
    ]
}

/// Does a rule's FQDN pattern cover a required host (both may be wildcards)?
pub(crate) fn covers(pattern: &str, host: &str) -> bool {
    let p = pattern.trim().trim_end_matches('.').to_ascii_lowercase();
    let h = host.to_ascii_lowercase();
    if p == "*" || p == h {
        return true;
    }
    match p.strip_prefix('*') {
        Some(suffix) if suffix.starts_with('.') => {
            let hs = h.strip_prefix('*').unwrap_or(&h);
            hs.ends_with(suffix) && hs.len() > suffix.len()
        }
        _ => false,
    }
}

struct Allowed {
    fqdns: Vec<(String, bool)>, // pattern, usable for UDP (network rule with UDP/Any)
    tags: Vec<(String, bool)>,
}

fn strs(v: Option<&Value>) -> Option<Vec<String>> {
    match v {
        None => Some(Vec::new()),
        Some(v) if v.is_null() => Some(Vec::new()),
        Some(v) => v
            .as_list()?
            .iter()
            .map(|x| x.as_str().map(str::to_string))
            .collect(),
    }
}

fn add_rule(r: &Value, network: bool, out: &mut Allowed) -> Option<()> {
    if network {
        let protos = strs(r.get("ipProtocols").or_else(|| r.get("protocols")))?;
        let udp = protos
            .iter()
            .any(|p| p.eq_ignore_ascii_case("UDP") || p.eq_ignore_ascii_case("Any") || p == "*");
        for f in strs(r.get("destinationFqdns"))? {
            out.fqdns.push((f, udp));
        }
        for a in strs(r.get("destinationAddresses"))? {
            out.tags.push((a, udp));
        }
    } else {
        for f in strs(r.get("targetFqdns"))? {
            out.fqdns.push((f, false));
        }
    }
    Some(())
}

fn allowed(g: &Graph, fw: ResIdx) -> Option<Allowed> {
    let mut out = Allowed {
        fqdns: Vec::new(),
        tags: Vec::new(),
    };
    let res = g.get(fw);
    let is_allow = |c: &Value| {
        c.path("properties.action.type")
            .or_else(|| c.path("action.type"))
            .and_then(Value::as_str)
            .map(|a| a.eq_ignore_ascii_case("Allow"))
    };
    for (path, network) in [
        ("properties.applicationRuleCollections", false),
        ("properties.networkRuleCollections", true),
    ] {
        for c in res.body.path_all(&format!("{path}.*")) {
            if c.is_unknown() || !is_allow(c)? {
                continue;
            }
            for r in c.path_all("properties.rules.*") {
                add_rule(r, network, &mut out)?;
            }
        }
    }
    for (ty, network) in [(APP_COLLECTION, false), (NET_COLLECTION, true)] {
        for c in g.children_of_type(fw, ty) {
            let cr = g.get(c);
            if cr.uncertain {
                return None;
            }
            if !is_allow(&cr.body)? {
                continue;
            }
            for r in cr.body.path_all("properties.rules.*") {
                add_rule(r, network, &mut out)?;
            }
        }
    }
    if let Some(pv) = res
        .prop("properties.firewallPolicy.id")
        .filter(|v| !v.is_null())
    {
        let Some(policy) = g.target(fw, EdgeKind::FirewallPolicy) else {
            let _ = pv;
            return None;
        };
        if g.get(policy)
            .prop("properties.basePolicy.id")
            .is_some_and(|v| !v.is_null())
        {
            return None;
        }
        for grp in g.children_of_type(policy, t::FIREWALL_RULE_GROUP) {
            if g.get(grp).uncertain {
                return None;
            }
            for c in g.get(grp).body.path_all("properties.ruleCollections.*") {
                if c.is_unknown() || !is_allow(c)? {
                    continue;
                }
                for r in c.path_all("rules.*") {
                    let network = r
                        .get("ruleType")
                        .and_then(Value::as_str)
                        .is_some_and(|x| x.eq_ignore_ascii_case("NetworkRule"));
                    add_rule(r, network, &mut out)?;
                }
            }
        }
    }
    Some(out)
}

/// Firewalls by private IP and by the prefixes of their subnets, built once per run.
struct Firewalls {
    by_ip: HashMap<Ipv4Addr, ResIdx>,
    by_subnet: Vec<(ipnet::Ipv4Net, ResIdx)>,
}

impl Firewalls {
    fn new(g: &Graph) -> Firewalls {
        let mut by_ip = HashMap::new();
        let mut by_subnet = Vec::new();
        for &fw in g.of_type(t::FIREWALL) {
            for v in g
                .get(fw)
                .body
                .path_all("properties.ipConfigurations.*.properties.privateIPAddress")
            {
                if let Some(ip) = v.as_str().and_then(|s| s.trim().parse().ok()) {
                    by_ip.entry(ip).or_insert(fw);
                }
            }
            for s in g.targets(fw, EdgeKind::Subnet) {
                if let Some(n) = subnet_prefix(g, s) {
                    by_subnet.push((n, fw));
                }
            }
        }
        Firewalls { by_ip, by_subnet }
    }

    /// The firewall a route's next hop is: the one its `nextHopIpAddress`
    /// was read from (`azurerm_firewall.fw.ip_configuration[0].private_ip_address`,
    /// known even though the address is computed), else the firewall with that
    /// private IP, else the firewall whose subnet holds the IP.
    fn next_hop(&self, g: &Graph, chosen: &Chosen) -> Option<ResIdx> {
        let v = chosen.route.get("nextHopIpAddress")?;
        if let Some(fw) = g
            .denoted(chosen.table, v)
            .filter(|r| g.get(*r).is(t::FIREWALL))
        {
            return Some(fw);
        }
        let ip: Ipv4Addr = v.as_str()?.trim().parse().ok()?;
        self.by_ip.get(&ip).copied().or_else(|| {
            self.by_subnet
                .iter()
                .find(|(n, _)| n.contains(&ip))
                .map(|(_, fw)| *fw)
        })
    }
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    if g.of_type(t::FIREWALL).is_empty() {
        return;
    }
    let firewalls = Firewalls::new(g);
    let mut done: BTreeSet<(ResIdx, ResIdx)> = BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(reg) = ctx.workspace_region(w) else {
            continue;
        };
        for c in computes(g, w) {
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            let Some(rt) = g.target(s, EdgeKind::RouteTable) else {
                continue;
            };
            // Each required host goes where the route for its service tag
            // sends it (longest prefix); only hosts routed to a firewall of
            // the scan are checked against that firewall.
            let mut by_fw: BTreeMap<ResIdx, Vec<String>> = BTreeMap::new();
            for (host, udp, tags) in required(&reg) {
                let dest = Dest::Tag {
                    tag: tags[0],
                    region: Some(reg.clone()),
                };
                let Lookup::Route(chosen) = lookup_table(g, rt, &dest) else {
                    continue;
                };
                if !chosen.hop_is("VirtualAppliance") {
                    continue;
                }
                let Some(fw) = firewalls.next_hop(g, &chosen) else {
                    continue;
                };
                if !in_scope(g, fw) || done.contains(&(fw, w)) {
                    continue;
                }
                let Some(allow) = allowed(g, fw) else {
                    continue;
                };
                let by_fqdn = allow
                    .fqdns
                    .iter()
                    .any(|(p, u)| covers(p, &host) && (!udp || *u));
                let by_tag = allow.tags.iter().any(|(a, u)| {
                    let base = a.split('.').next().unwrap_or(a);
                    (a == "*" || tags.iter().any(|t| base.eq_ignore_ascii_case(t))) && (!udp || *u)
                });
                let entry = by_fw.entry(fw).or_default();
                if !by_fqdn && !by_tag {
                    entry.push(if udp {
                        format!("{host} (UDP 5831)")
                    } else {
                        host
                    });
                }
            }
            for (fw, missing) in by_fw {
                done.insert((fw, w));
                if missing.is_empty() {
                    continue;
                }
                let holder = g.target(fw, EdgeKind::FirewallPolicy).unwrap_or(fw);
                let mut f = ctx
                    .finding(&RULE.meta, holder, None, format!("subnet '{}' of compute '{}' routes to firewall '{}', whose rules do not allow {}", g.display_name(s), g.display_name(c), g.display_name(fw), missing.join(", ")))
                    .fix("allow these hosts in the firewall (application rules on 443, a network rule for UDP 5831), or the matching service tags in network rules");
                f.related.push(ctx.related(rt, "the route to the firewall"));
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn wildcards() {
        assert!(covers("*.azureml.ms", "*.azureml.ms"));
        assert!(covers("*.azureml.ms", "*.instances.azureml.ms"));
        assert!(covers("*.azureml.ms", "westeurope.tundra.azureml.ms"));
        assert!(!covers("*.azureml.ms", "azureml.ms"));
        assert!(covers("*", "mcr.microsoft.com"));
        assert!(!covers("mcr.microsoft.com", "*.data.mcr.microsoft.com"));
        assert!(covers("MCR.microsoft.com", "mcr.microsoft.com"));
    }
}
