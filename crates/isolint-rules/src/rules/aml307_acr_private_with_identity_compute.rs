use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{computes, in_scope, restricted, value_is, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML307",
        name: "acr-private-with-identity-compute",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "A workspace's registry is restricted and a compute cluster uses a managed identity.",
        what: "Reports a compute cluster with a managed identity when the container registry of its workspace is restricted.",
        why: "With a private registry, the cluster pulls images with its own managed identity, which then needs `AcrPull` on the registry; the guidance (seeds 000 and 003) calls out this combination because the role assignment is easy to forget and jobs then fail to start with image pull errors.",
        example_terraform: "resource \"azurerm_machine_learning_compute_cluster\" \"cpu\" {\n  identity {\n    type = \"SystemAssigned\"\n  }\n}",
        example_bicep: "resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  identity: { type: 'SystemAssigned' }\n}",
        fix: "Grant the cluster's identity `AcrPull` on the registry (and check it is in place), then suppress this finding with that reason.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(acr) = g.target(w, EdgeKind::Registry) else {
            continue;
        };
        if g.get(acr).uncertain || restricted(g, acr) != Tri::Yes {
            continue;
        }
        for c in computes(g, w) {
            if !value_is(g.get(c).prop("properties.computeType"), "AmlCompute").is_yes() {
                continue;
            }
            let Some(id) = g.get(c).prop("identity.type").and_then(|v| v.as_str()) else {
                continue;
            };
            if id.trim().eq_ignore_ascii_case("None") || id.trim().is_empty() {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, c, Some("identity.type"), format!("compute cluster '{}' uses a managed identity ({id}) and registry '{}' is private; the identity needs AcrPull on the registry to pull images", g.display_name(c), g.display_name(acr)))
                .fix("assign AcrPull on the registry to the cluster's identity");
            f.related.push(ctx.related(acr, "the private registry"));
            out.push(f);
        }
    }
}
