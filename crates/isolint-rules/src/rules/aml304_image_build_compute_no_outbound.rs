use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    bool_prop, compute_named, compute_subnet, in_scope, outbound_path, value_is, Tri,
};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML304",
        name: "image-build-compute-no-outbound",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "The image build cluster has no public IP and its subnet has no outbound path.",
        what: "Reports a workspace whose image build compute is a cluster without a public IP in a subnet that has neither a NAT gateway nor a route table sending `0.0.0.0/0` to a virtual appliance or the internet.",
        why: "Image builds pull base images from Microsoft Container Registry and packages from PyPI or Conda. A cluster without a public IP reaches them only through an explicit outbound path (seeds 000 and 003); without one, every environment build times out.",
        example_terraform: "resource \"azurerm_machine_learning_compute_cluster\" \"build\" {\n  node_public_ip_enabled = false\n  subnet_resource_id     = azurerm_subnet.training.id # no NAT gateway, no route table\n}",
        example_bicep: "resource build 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false, subnet: { id: training.id } } }\n}",
        fix: "Associate a NAT gateway with the cluster's subnet, or a route table whose `0.0.0.0/0` route goes to your firewall.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(name) = g
            .get(w)
            .prop("properties.imageBuildCompute")
            .and_then(|v| v.as_str())
        else {
            continue;
        };
        let Some(c) = compute_named(g, w, name.trim()) else {
            continue;
        };
        if g.get(c).uncertain
            || !value_is(g.get(c).prop("properties.computeType"), "AmlCompute").is_yes()
        {
            continue;
        }
        if bool_prop(g, c, "properties.properties.enableNodePublicIp", Some(true)) != Some(false) {
            continue;
        }
        let Some(subnet) = compute_subnet(g, c) else {
            continue;
        };
        if outbound_path(g, subnet) != Tri::No {
            continue;
        }
        let mut f = ctx
            .finding(
                &RULE.meta,
                c,
                Some("properties.properties.subnet.id"),
                format!("image build cluster '{}' has no public IP and subnet '{}' has no outbound path (no NAT gateway, no 0.0.0.0/0 route); image builds cannot reach MCR, PyPI or Conda", g.display_name(c), g.display_name(subnet)),
            )
            .fix("associate a NAT gateway with the subnet, or a route table sending 0.0.0.0/0 to a firewall");
        f.related
            .push(ctx.related(subnet, "the subnet without an outbound path"));
        f.related
            .push(ctx.related(w, "uses the cluster for image builds"));
        out.push(f);
    }
}
