use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, compute_subnet, computes, in_scope, outbound_path, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, ResIdx, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML501",
        name: "no-public-ip-without-outbound",
        severity: Severity::Warning,
        sources: &["001_67535de2117e2c03.txt", "002_42e08c6b358a77f8.txt"],
        summary: "No-public-IP compute sits in a subnet with no outbound path.",
        what: "Reports a compute (or serverless compute) without a public IP whose subnet has neither a NAT gateway nor a route table sending `0.0.0.0/0` to a firewall or the internet. Warning when the subnet still has Azure's default outbound access; error when the subnet disables it (`default_outbound_access_enabled = false` / `defaultOutboundAccess: false`).",
        why: "Nodes without a public IP need an explicit outbound path to reach Azure Machine Learning, Batch, Storage and container registries (seeds 001 and 002). Default outbound access is being retired and is not recommended; with it disabled, nodes cannot reach anything and never become ready.",
        example_terraform: "resource \"azurerm_machine_learning_compute_cluster\" \"cpu\" {\n  node_public_ip_enabled = false\n  subnet_resource_id     = azurerm_subnet.training.id # no NAT gateway, no route table\n}",
        example_bicep: "resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false, subnet: { id: training.id } } }\n}",
        fix: "Associate a NAT gateway with the subnet, or a route table whose `0.0.0.0/0` route goes to your firewall.",
    },
    check: Some(check),
};

fn report(
    ctx: &Ctx<'_>,
    out: &mut Vec<Finding>,
    who: ResIdx,
    subnet: ResIdx,
    what: String,
    path: Option<&str>,
) {
    let g = ctx.graph;
    let disabled =
        bool_prop(g, subnet, "properties.defaultOutboundAccess", Some(true)) == Some(false);
    let mut f = ctx.finding(
        &RULE.meta,
        who,
        path,
        if disabled {
            format!("{what} has no public IP and subnet '{}' has no outbound path and no default outbound access; its nodes cannot reach Azure services", g.display_name(subnet))
        } else {
            format!("{what} has no public IP and subnet '{}' has no outbound path; it relies on default outbound access, which is not recommended", g.display_name(subnet))
        },
    );
    if disabled {
        f.severity = Severity::Error;
    }
    f.related
        .push(ctx.related(subnet, "the subnet without an outbound path"));
    out.push(f.fix(
        "associate a NAT gateway with the subnet, or a route table sending 0.0.0.0/0 to a firewall",
    ));
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        for c in computes(g, w) {
            if bool_prop(g, c, "properties.properties.enableNodePublicIp", Some(true))
                != Some(false)
            {
                continue;
            }
            let Some(s) = compute_subnet(g, c) else {
                continue;
            };
            if in_scope(g, s) && outbound_path(g, s) == Tri::No {
                report(
                    ctx,
                    out,
                    c,
                    s,
                    format!("compute '{}'", g.display_name(c)),
                    Some("properties.properties.enableNodePublicIp"),
                );
            }
        }
        if bool_prop(
            g,
            w,
            "properties.serverlessComputeSettings.serverlessComputeNoPublicIP",
            Some(false),
        ) == Some(true)
        {
            if let Some(s) = g.target(w, EdgeKind::ServerlessSubnet) {
                if in_scope(g, s) && outbound_path(g, s) == Tri::No {
                    report(
                        ctx,
                        out,
                        w,
                        s,
                        format!("serverless compute of workspace '{}'", g.display_name(w)),
                        Some("properties.serverlessComputeSettings.serverlessComputeNoPublicIP"),
                    );
                }
            }
        }
    }
}
