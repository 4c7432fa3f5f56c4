use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{aml_workspaces_of, in_scope, value_is, workspace_isolated};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML802",
        name: "monitor-private-link-scope-private-only",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "An Azure Monitor private link scope used with the workspace is in PrivateOnly mode.",
        what: "Reports an Azure Monitor private link scope that holds the Application Insights of a workspace (or any scope, when a workspace of the configuration is isolated) whose ingestion or query access mode is `PrivateOnly`.",
        why: "Azure Machine Learning supports Azure Monitor private link scopes only in `Open` mode (seed 000, limitations): in `PrivateOnly` mode, the service's own telemetry and the studio's monitoring views are cut off.",
        example_terraform: "resource \"azurerm_monitor_private_link_scope\" \"ampls\" {\n  ingestion_access_mode = \"PrivateOnly\"\n}",
        example_bicep: "resource ampls 'Microsoft.Insights/privateLinkScopes@2021-09-01' = {\n  properties: { accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'Open' } }\n}",
        fix: "Use `Open` for both access modes.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let any_isolated = g
        .of_type(t::WORKSPACE)
        .iter()
        .any(|w| in_scope(g, *w) && workspace_isolated(g, *w).is_yes());
    for &s in g.of_type(t::PRIVATE_LINK_SCOPE) {
        if !in_scope(g, s) {
            continue;
        }
        let holds = aml_workspaces_of(g, s);
        if holds.is_empty() && !any_isolated {
            continue;
        }
        for (path, what) in [
            (
                "properties.accessModeSettings.ingestionAccessMode",
                "ingestion",
            ),
            ("properties.accessModeSettings.queryAccessMode", "query"),
        ] {
            if !value_is(g.get(s).prop(path), "PrivateOnly").is_yes() {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, s, Some(path), format!("Azure Monitor private link scope '{}' uses PrivateOnly {what} access; Azure Machine Learning supports only Open mode", g.display_name(s)))
                .fix(format!("set the {what} access mode to Open"));
            if let Some(&w) = holds.first() {
                f.related
                    .push(ctx.related(w, "its Application Insights is in this scope"));
            }
            out.push(f);
        }
    }
}
