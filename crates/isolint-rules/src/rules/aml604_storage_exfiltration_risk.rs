use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{compute_subnet, computes};
use crate::nsg::{rules, Direction};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity, Value};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML604",
        name: "storage-exfiltration-risk",
        severity: Severity::Info,
        sources: &["001_67535de2117e2c03.txt", "002_42e08c6b358a77f8.txt"],
        summary: "A compute subnet can reach any storage account (Storage tag or service endpoint) with no service endpoint policy.",
        what: "Reports a compute subnet that has an explicit NSG rule allowing outbound to the `Storage` tag (any region), or a `Microsoft.Storage` service endpoint, but no service endpoint policy. The default rules alone do not count.",
        why: "The `Storage` tag and the storage service endpoint cover every storage account in the region, not only the workspace's: code running on the compute can copy data to any account. Seeds 001 and 002 recommend a service endpoint policy to restrict that path to your accounts.",
        example_terraform: "resource \"azurerm_subnet\" \"training\" {\n  service_endpoints = [\"Microsoft.Storage\"]\n  # service_endpoint_policy_ids not set\n}",
        example_bicep: "resource training 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {\n  properties: { serviceEndpoints: [ { service: 'Microsoft.Storage' } ] }\n}",
        fix: "Attach a service endpoint policy that allows only your storage accounts (`service_endpoint_policy_ids` / `serviceEndpointPolicies`).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut done = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        for c in computes(g, w) {
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            if g.get(s).uncertain || !done.insert(s) {
                continue;
            }
            let res = g.get(s);
            let policies = res.prop("properties.serviceEndpointPolicies");
            let has_policy = match policies {
                None => false,
                Some(v) if v.is_null() => false,
                Some(v) => match v.as_list() {
                    Some(l) => !l.is_empty(),
                    None => true, // unknown: maybe
                },
            };
            if has_policy {
                continue;
            }
            let endpoint = res
                .body
                .path_all("properties.serviceEndpoints.*.service")
                .into_iter()
                .any(|v: &Value| {
                    v.as_str()
                        .is_some_and(|x| x.eq_ignore_ascii_case("Microsoft.Storage"))
                });
            let tag_rule = g
                .target(s, EdgeKind::Nsg)
                .and_then(|nsg| rules(g, nsg))
                .and_then(|rs| {
                    rs.into_iter().find(|r| {
                        r.allow
                            && r.direction == Direction::Outbound
                            && r.destinations.iter().any(|d| {
                                d.eq_ignore_ascii_case("Storage")
                                    || d.to_ascii_lowercase().starts_with("storage.")
                            })
                    })
                });
            let what = match (&tag_rule, endpoint) {
                (Some(r), _) => format!("NSG rule {} allows outbound to the Storage tag", r.name),
                (None, true) => "it has a Microsoft.Storage service endpoint".to_string(),
                (None, false) => continue,
            };
            let mut f = ctx
                .finding(&RULE.meta, s, None, format!("compute subnet '{}' can reach any storage account ({what}) and has no service endpoint policy", g.display_name(s)))
                .fix("attach a service endpoint policy restricted to your storage accounts");
            if let Some(sp) = tag_rule.and_then(|r| r.span) {
                f.related.push(isolint_model::Related {
                    resource: None,
                    span: Some(sp),
                    message: "the rule allowing Storage".into(),
                });
            }
            f.related.push(ctx.related(c, "compute in this subnet"));
            out.push(f);
        }
    }
}
