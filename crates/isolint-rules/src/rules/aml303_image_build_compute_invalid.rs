use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{compute_named, in_scope, is_gpu_size, value_is};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML303",
        name: "image-build-compute-invalid",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "The image build compute is a compute instance, or a GPU cluster.",
        what: "Reports a workspace whose image build compute names a compute instance instead of a compute cluster, or a compute cluster whose VM size is a GPU size (N-series: NC, ND, NV, NG, NP families). When the name matches no compute of the workspace in the scan, AML002 says so instead.",
        why: "Azure Machine Learning only builds images on a compute cluster, and the guidance (seeds 000 and 003) asks for a CPU cluster: GPU sizes are not supported for image builds and cost far more while idle. Naming a compute instance or a GPU cluster leaves image builds failing exactly as if no build compute were set.",
        example_terraform: "resource \"azurerm_machine_learning_compute_instance\" \"ci\" {\n  name                          = \"ci-dev\"\n  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id\n  virtual_machine_size          = \"Standard_DS3_v2\"\n}\n\nresource \"azurerm_machine_learning_workspace\" \"ws\" {\n  image_build_compute_name = \"ci-dev\"\n  # ...\n}",
        example_bicep: "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  properties: {\n    imageBuildCompute: 'gpu-cluster' // Standard_NC6s_v3\n  }\n}",
        fix: "Point the image build compute at a CPU compute cluster (for example `Standard_DS3_v2`) in the virtual network.",
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
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let path = Some("properties.imageBuildCompute");
        let Some(c) = compute_named(g, w, name) else {
            let f = ctx.finding(
                &super::aml002_unresolved_reference::RULE.meta,
                w,
                path,
                format!("image build compute '{name}' of workspace '{}' is not defined in the scanned configuration; AML303 cannot check it", g.display_name(w)),
            );
            out.push(f.fix("define the compute cluster in the same configuration, or ignore this informational finding"));
            continue;
        };
        if g.get(c).uncertain {
            continue;
        }
        let cres = g.get(c);
        let ty = cres.prop("properties.computeType");
        let message = if value_is(ty, "ComputeInstance").is_yes() {
            format!("image build compute '{name}' is a compute instance; images are built only on a compute cluster")
        } else if value_is(ty, "AmlCompute").is_yes() {
            match cres
                .prop("properties.properties.vmSize")
                .and_then(|v| v.as_str())
            {
                Some(size) if is_gpu_size(size) => {
                    format!("image build compute '{name}' is a GPU cluster ({size}); image builds need a CPU cluster")
                }
                _ => continue,
            }
        } else {
            continue;
        };
        let mut f = ctx
            .finding(&RULE.meta, w, path, message)
            .fix("name a CPU compute cluster (for example Standard_DS3_v2) in the virtual network as the image build compute");
        f.related.push(ctx.related(c, "the compute named here"));
        out.push(f);
    }
}
