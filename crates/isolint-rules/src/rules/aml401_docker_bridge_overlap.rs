use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::in_scope;
use isolint_model::net::{overlaps, parse_v4};
use isolint_model::types as t;
use isolint_model::{Finding, Graph, ResIdx, Severity, Value};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML401",
        name: "docker-bridge-overlap",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "A VNet address space or subnet prefix overlaps Docker's bridge network 172.17.0.0/16.",
        what: "Reports every virtual network address space and subnet prefix that overlaps `172.17.0.0/16` (either contains the other), after evaluating computed prefixes (`cidrsubnet(...)`, variables, ARM parameters). One finding per overlapping prefix, located where the prefix was written.",
        why: "Compute instances and clusters run jobs in Docker containers, and Docker's default bridge network is 172.17.0.0/16. When the virtual network uses that range, traffic from the containers to addresses in your VNet is routed to the bridge instead, and jobs fail to reach the workspace, storage or registry (seeds 000 and 003 warn against this range).",
        example_terraform: "resource \"azurerm_virtual_network\" \"vnet\" {\n  name          = \"vnet-ml\"\n  address_space = [\"172.17.0.0/16\"]\n  # ...\n}",
        example_bicep: "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'vnet-ml'\n  properties: {\n    addressSpace: { addressPrefixes: [ '172.17.0.0/16' ] }\n  }\n}",
        fix: "Choose an address space outside 172.17.0.0/16 (for example 10.0.0.0/16) for the virtual network and its subnets.",
    },
    check: Some(check),
};

/// Every prefix of a VNet or subnet, with the property path it sits at.
pub(crate) fn prefixes(g: &Graph, r: ResIdx) -> Vec<(String, Value)> {
    let res = g.get(r);
    let mut out = Vec::new();
    let paths: &[&str] = if res.is(t::VNET) {
        &["properties.addressSpace.addressPrefixes"]
    } else {
        &["properties.addressPrefix", "properties.addressPrefixes"]
    };
    for path in paths {
        if let Some(v) = res.prop(path) {
            match v.as_list() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        out.push((format!("{path}.{i}"), item.clone()));
                    }
                }
                None => out.push(((*path).to_string(), v.clone())),
            }
        }
    }
    out
}

/// Reports prefixes of VNets and subnets overlapping any of `ranges`.
pub(crate) fn check_ranges(
    ctx: &Ctx<'_>,
    meta: &'static RuleMeta,
    ranges: &[ipnet::Ipv4Net],
    out: &mut Vec<Finding>,
    describe: impl Fn(&ipnet::Ipv4Net) -> String,
) {
    let g = ctx.graph;
    for ty in [t::VNET, t::SUBNET] {
        for &r in g.of_type(ty) {
            if !in_scope(g, r) {
                continue;
            }
            for (path, v) in prefixes(g, r) {
                let Some(net) = v.as_str().and_then(parse_v4) else {
                    continue;
                };
                let Some(hit) = ranges.iter().find(|rg| overlaps(rg, &net)) else {
                    continue;
                };
                let what = if ty == t::VNET {
                    "address space"
                } else {
                    "subnet prefix"
                };
                let kind = if ty == t::VNET {
                    "virtual network"
                } else {
                    "subnet"
                };
                let f = ctx.finding(
                    meta,
                    r,
                    Some(&path),
                    format!(
                        "{what} {net} of {kind} '{}' overlaps {}",
                        g.display_name(r),
                        describe(hit)
                    ),
                );
                out.push(f.fix(format!(
                    "move the {kind} to a range that does not overlap {hit}"
                )));
            }
        }
    }
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let docker: ipnet::Ipv4Net = "172.17.0.0/16".parse().expect("valid literal");
    check_ranges(ctx, &RULE.meta, &[docker], out, |_| {
        "Docker's default bridge 172.17.0.0/16; containers on compute then cannot reach those addresses".to_string()
    });
}
