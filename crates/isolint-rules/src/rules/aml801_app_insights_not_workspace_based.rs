use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, workspace_isolated};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML801",
        name: "app-insights-not-workspace-based",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "An isolated workspace's Application Insights is not workspace-based.",
        what: "Reports the Application Insights component of an isolated workspace that names no Log Analytics workspace (`workspace_id` / `properties.WorkspaceResourceId`).",
        why: "Only workspace-based Application Insights can be placed in an Azure Monitor private link scope, which is how seed 000 keeps monitoring traffic on the private network. Classic components also stopped being supported.",
        example_terraform: "resource \"azurerm_application_insights\" \"ai\" {\n  application_type = \"web\"\n  # workspace_id missing\n}",
        example_bicep: "resource ai 'Microsoft.Insights/components@2020-02-02' = {\n  kind: 'web'\n  properties: { Application_Type: 'web' }\n}",
        fix: "Set `workspace_id` / `WorkspaceResourceId` to a Log Analytics workspace.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut seen = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || !workspace_isolated(g, w).is_yes() {
            continue;
        }
        let Some(ai) = g.target(w, EdgeKind::AppInsights) else {
            continue;
        };
        if !in_scope(g, ai) || !seen.insert(ai) {
            continue;
        }
        let absent = match g.get(ai).prop("properties.WorkspaceResourceId") {
            None => true,
            Some(v) => v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty()),
        };
        if !absent {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, ai, None, format!("Application Insights '{}' of isolated workspace '{}' is not workspace-based, so it cannot join an Azure Monitor private link scope", g.display_name(ai), g.display_name(w)))
            .fix("set workspace_id (Terraform) or properties.WorkspaceResourceId (ARM/Bicep) to a Log Analytics workspace");
        f.related.push(ctx.related(w, "the isolated workspace"));
        out.push(f);
    }
}
