use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{compute_subnet, computes, in_scope};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML403",
        name: "compute-subnet-delegated",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A subnet used by Azure ML compute is delegated to a service.",
        what: "Reports a compute cluster or compute instance whose subnet has a delegation to a service (`delegation` blocks / `properties.delegations`).",
        why: "A delegated subnet belongs to the service it is delegated to; Azure Machine Learning compute cannot create its nodes there (seed 002: the compute subnet must not be delegated). The compute fails to provision.",
        example_terraform: "resource \"azurerm_subnet\" \"training\" {\n  delegation {\n    name = \"aci\"\n    service_delegation {\n      name = \"Microsoft.ContainerInstance/containerGroups\"\n    }\n  }\n}",
        example_bicep: "resource training 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {\n  properties: { delegations: [ { name: 'aci', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } } ] }\n}",
        fix: "Use a subnet without delegations for the compute.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        for c in computes(g, w) {
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            if !in_scope(g, s) {
                continue;
            }
            let Some(dl) = g
                .get(s)
                .prop("properties.delegations")
                .and_then(|v| v.as_list())
            else {
                continue;
            };
            let Some(first) = dl.first() else { continue };
            let service = first
                .path("properties.serviceName")
                .and_then(|v| v.as_str())
                .unwrap_or("a service")
                .to_string();
            let mut f = ctx
                .finding(&RULE.meta, s, Some("properties.delegations"), format!("subnet '{}' is delegated to {service} but compute '{}' uses it; compute cannot be created in a delegated subnet", g.display_name(s), g.display_name(c)))
                .fix("give the compute a subnet without delegations");
            f.related.push(ctx.related(c, "the compute in this subnet"));
            out.push(f);
        }
    }
}
