use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::in_scope;
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, OriginKind, ResourceId, Severity, Value};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML108",
        name: "dependency-other-subscription",
        severity: Severity::Error,
        sources: &["004_e8e7c09feba3f12a.txt"],
        summary: "A workspace dependency's literal resource ID names another subscription than the workspace's.",
        what: "Reports a storage account, key vault, container registry or Application Insights reference of a workspace written as a literal resource ID whose subscription differs from the workspace's own subscription. The workspace's subscription is known only from a literal ID that names the workspace (for example a private endpoint's target); otherwise nothing is reported.",
        why: "Managed online endpoints and the managed network require the workspace's dependencies in the workspace's own subscription (seed 004); a dependency in another subscription makes endpoint deployment fail.",
        example_terraform: "resource \"azurerm_machine_learning_workspace\" \"ws\" {\n  storage_account_id = \"/subscriptions/other-sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st\"\n}",
        example_bicep: "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  properties: { storageAccount: '/subscriptions/other-sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st' }\n}",
        fix: "Use dependencies in the workspace's subscription.",
    },
    check: Some(check),
};

fn literal_subscription(v: &Value) -> Option<String> {
    if v.origin.kind != OriginKind::Written {
        return None;
    }
    let sub = ResourceId::parse(v.as_str()?)?.subscription?;
    (!sub.starts_with('{') && !sub.contains('$') && !sub.contains('[')).then_some(sub)
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        // The workspace's subscription, from a literal ID that names it.
        let mut own = None;
        for pe in g.sources_of(w, EdgeKind::PeTarget) {
            for v in g.get(pe).body.path_all(
                "properties.privateLinkServiceConnections.*.properties.privateLinkServiceId",
            ) {
                if let Some(s) = literal_subscription(v) {
                    own = Some(s);
                }
            }
        }
        let Some(own) = own else { continue };
        for (path, label) in [
            ("properties.storageAccount", "storage account"),
            ("properties.keyVault", "key vault"),
            ("properties.containerRegistry", "container registry"),
            ("properties.applicationInsights", "Application Insights"),
        ] {
            let Some(v) = g.get(w).prop(path) else {
                continue;
            };
            let Some(sub) = literal_subscription(v) else {
                continue;
            };
            if sub.eq_ignore_ascii_case(&own) {
                continue;
            }
            out.push(
                ctx.finding(&RULE.meta, w, Some(path), format!("the {label} of workspace '{}' is in subscription {sub}, not the workspace's subscription {own}", g.display_name(w)))
                    .fix(format!("use a {label} in subscription {own}")),
            );
        }
    }
}
