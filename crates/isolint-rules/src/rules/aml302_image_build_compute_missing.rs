use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{effective_workspace, in_scope, restriction_reason, value_is};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML302",
        name: "image-build-compute-missing",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt", "004_e8e7c09feba3f12a.txt"],
        summary: "The workspace, its storage or its registry is restricted, but no image build compute is set.",
        what: "Reports a workspace that sets no image build compute (`image_build_compute_name` / `properties.imageBuildCompute` absent or empty) while the workspace itself, its storage account or its container registry is restricted (a private endpoint, public access disabled, or a network rule that denies by default).",
        why: "Without an image build compute, Azure Machine Learning builds environment images on a shared, serverless builder outside your network. Once the registry or the storage account only accepts traffic from the virtual network, that builder cannot push or read, and every job or deployment that needs a custom environment fails at build time (seeds 000, 003 and 004: \"enable Azure Container Registry\").",
        example_terraform: "resource \"azurerm_machine_learning_workspace\" \"ws\" {\n  public_network_access_enabled = false\n  container_registry_id         = azurerm_container_registry.acr.id\n  # image_build_compute_name is missing\n}",
        example_bicep: "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    containerRegistry: acr.id\n  }\n}",
        fix: "Name a CPU compute cluster in the virtual network as the image build compute: `image_build_compute_name = azurerm_machine_learning_compute_cluster.build.name` in Terraform, `imageBuildCompute: 'cpu-cluster'` in Bicep and ARM.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w)
            || effective_workspace(g, w) != w
            || value_is(g.get(w).prop("kind"), "Project").is_yes()
        {
            continue;
        }
        let res = g.get(w);
        let ibc = res.prop("properties.imageBuildCompute");
        let missing = match ibc {
            None => true,
            Some(v) if v.is_null() => true,
            Some(v) => v.as_str().is_some_and(|s| s.trim().is_empty()),
        };
        if !missing {
            continue;
        }
        let mut why = restriction_reason(g, w).map(|r| (format!("the workspace {r}"), w));
        for (kind, label) in [
            (EdgeKind::Registry, "container registry"),
            (EdgeKind::Storage, "storage account"),
        ] {
            if why.is_some() {
                break;
            }
            if let Some(d) = g.target(w, kind) {
                if !g.get(d).uncertain {
                    if let Some(r) = restriction_reason(g, d) {
                        why = Some((format!("its {label} '{}' {r}", g.display_name(d)), d));
                    }
                }
            }
        }
        let Some((what, culprit)) = why else { continue };
        // An explicit empty name is located; an absent (or null) one is the resource.
        let path = ibc
            .filter(|v| v.as_str().is_some())
            .map(|_| "properties.imageBuildCompute");
        let mut f = ctx
            .finding(
                &RULE.meta,
                w,
                path,
                format!(
                    "workspace '{}' sets no image build compute while {what}; environment images are then built outside the network and the build cannot reach the private resources",
                    g.display_name(w)
                ),
            )
            .fix("set image_build_compute_name (Terraform) or properties.imageBuildCompute (ARM/Bicep) to a CPU compute cluster in the virtual network");
        if culprit != w {
            f.related.push(ctx.related(culprit, "restricted here"));
        }
        out.push(f);
    }
}
