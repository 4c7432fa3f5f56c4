use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, in_scope, uses_managed_network};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML104",
        name: "v1-legacy-mode-blocks-managed-endpoints",
        severity: Severity::Error,
        sources: &["004_e8e7c09feba3f12a.txt"],
        summary: "v1 legacy mode is on while the workspace has an online endpoint or a managed network.",
        what: "Reports a workspace with `v1_legacy_mode_enabled = true` / `v1LegacyMode: true` that also has a managed online endpoint or a managed network.",
        why: "v1 legacy mode turns off the v2 API surface that managed online endpoints and the managed network depend on; the guidance for secure managed online endpoints (seed 004) requires it to be off. Deployment succeeds, then endpoint creation or network provisioning fails.",
        example_terraform: "resource \"azurerm_machine_learning_workspace\" \"ws\" {\n  v1_legacy_mode_enabled = true\n  managed_network {\n    isolation_mode = \"AllowOnlyApprovedOutbound\"\n  }\n}",
        example_bicep: "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  properties: {\n    v1LegacyMode: true\n    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' }\n  }\n}",
        fix: "Turn v1 legacy mode off (`v1_legacy_mode_enabled = false`, `v1LegacyMode: false`).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || bool_prop(g, w, "properties.v1LegacyMode", Some(false)) != Some(true)
        {
            continue;
        }
        let endpoint = g
            .children_of_type(w, t::ONLINE_ENDPOINT)
            .find(|e| !g.get(*e).uncertain);
        let what = if let Some(e) = endpoint {
            format!("online endpoint '{}'", g.display_name(e))
        } else if uses_managed_network(g, w).is_yes() {
            "a managed network".to_string()
        } else {
            continue;
        };
        out.push(
            ctx.finding(&RULE.meta, w, Some("properties.v1LegacyMode"), format!("workspace '{}' has v1 legacy mode on and {what}; managed online endpoints and the managed network need it off", g.display_name(w)))
                .fix("set v1_legacy_mode_enabled = false (Terraform) or v1LegacyMode: false (ARM/Bicep)"),
        );
    }
}
