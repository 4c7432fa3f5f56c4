use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, compute_subnet, computes, in_scope};
use crate::routes::{lookup_table, Dest, Lookup};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML503",
        name: "firewall-route-without-aml-return",
        severity: Severity::Error,
        sources: &["001_67535de2117e2c03.txt"],
        summary: "Public-IP compute routes 0.0.0.0/0 to a firewall without Internet routes for AzureMachineLearning and BatchNodeManagement.",
        what: "Reports a compute with a public IP whose subnet's route table sends `0.0.0.0/0` to a virtual appliance but has no route with next hop `Internet` for the `AzureMachineLearning` and `BatchNodeManagement` service tags (with or without a region suffix).",
        why: "The service reaches public-IP compute on its public address; with forced tunnelling the replies leave through the firewall and are dropped as asymmetric. Seed 001 adds user-defined routes for these two tags straight to the internet.",
        example_terraform: "resource \"azurerm_route_table\" \"training\" {\n  route {\n    name                   = \"default\"\n    address_prefix         = \"0.0.0.0/0\"\n    next_hop_type          = \"VirtualAppliance\"\n    next_hop_in_ip_address = \"10.1.0.4\"\n  }\n}",
        example_bicep: "resource rt 'Microsoft.Network/routeTables@2024-05-01' = {\n  properties: { routes: [ { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.1.0.4' } } ] }\n}",
        fix: "Add routes with next hop `Internet` for the `AzureMachineLearning` and `BatchNodeManagement` service tags to the route table.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let reg = ctx.workspace_region(w);
        for c in computes(g, w) {
            if bool_prop(g, c, "properties.properties.enableNodePublicIp", Some(true)) != Some(true)
            {
                continue;
            }
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            let Some(rt) = g.target(s, EdgeKind::RouteTable) else {
                continue;
            };
            if !in_scope(g, s) {
                continue;
            }
            // The services reach the public-IP compute from these tags; the
            // replies follow the route chosen for the tag.
            let mut missing: Vec<&str> = Vec::new();
            let mut via: Option<String> = None;
            for tag in ["AzureMachineLearning", "BatchNodeManagement"] {
                let dest = Dest::Tag {
                    tag,
                    region: reg.clone(),
                };
                if let Lookup::Route(r) = lookup_table(g, rt, &dest) {
                    if r.hop_is("VirtualAppliance") {
                        missing.push(tag);
                        via.get_or_insert_with(|| r.prefix().to_string());
                    }
                }
            }
            let Some(via) = via else { continue };
            let mut f = ctx
                .finding(&RULE.meta, rt, Some("properties.routes"), format!("route table '{}' sends {via} to a virtual appliance but has no Internet route for {}; compute '{}' has a public IP and the service's traffic to it returns through the firewall", g.display_name(rt), missing.join(" and "), g.display_name(c)))
                .fix(format!("add routes with next hop Internet for {}", missing.join(" and ")));
            f.related.push(ctx.related(c, "the public-IP compute"));
            out.push(f);
        }
    }
}
