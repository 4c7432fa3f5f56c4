use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, workspace_isolated};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML803",
        name: "app-insights-outside-private-link-scope",
        severity: Severity::Info,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "An isolated workspace's Application Insights is in no Azure Monitor private link scope.",
        what: "Reports the Application Insights of an isolated workspace that no Azure Monitor private link scope of the configuration holds (no scoped resource links it). Not reported when a scoped resource's target cannot be known.",
        why: "Outside a private link scope, telemetry from compute goes to Azure Monitor's public endpoints, which then must be allowed outbound (`AzureMonitor`); seed 000 adds the component to a private link scope to keep it private.",
        example_terraform: "resource \"azurerm_application_insights\" \"ai\" {\n  workspace_id = azurerm_log_analytics_workspace.law.id\n}\n# no azurerm_monitor_private_link_scoped_service for it",
        example_bicep: "resource ai 'Microsoft.Insights/components@2020-02-02' = {\n  properties: { WorkspaceResourceId: law.id }\n}",
        fix: "Add the component to an Azure Monitor private link scope (`azurerm_monitor_private_link_scoped_service`, `privateLinkScopes/scopedResources`).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    // A scoped resource whose target is unknown might hold any component.
    let unknown_scoped = g
        .of_type(t::SCOPED_RESOURCE)
        .iter()
        .any(|s| g.target(*s, EdgeKind::ScopedResource).is_none());
    if unknown_scoped {
        return;
    }
    let mut seen = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || !workspace_isolated(g, w).is_yes() {
            continue;
        }
        let Some(ai) = g.target(w, EdgeKind::AppInsights) else {
            continue;
        };
        if !in_scope(g, ai)
            || !seen.insert(ai)
            || !g.sources_of(ai, EdgeKind::ScopedResource).is_empty()
        {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, ai, None, format!("Application Insights '{}' of isolated workspace '{}' is in no Azure Monitor private link scope; its telemetry uses public endpoints", g.display_name(ai), g.display_name(w)))
            .fix("add the component to an Azure Monitor private link scope");
        f.related.push(ctx.related(w, "the isolated workspace"));
        out.push(f);
    }
}
