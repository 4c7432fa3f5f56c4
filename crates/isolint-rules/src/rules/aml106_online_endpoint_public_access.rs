use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, public_access_enabled, workspace_isolated};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML106",
        name: "online-endpoint-public-access",
        severity: Severity::Warning,
        sources: &["004_e8e7c09feba3f12a.txt"],
        summary: "An online endpoint of an isolated workspace accepts public scoring traffic.",
        what: "Reports a managed online endpoint of an isolated workspace whose public network access is enabled (explicitly or by default).",
        why: "Isolating the workspace does not isolate its endpoints: an endpoint with public access keeps accepting scoring requests from the internet. The guidance for secure managed online endpoints (seed 004) disables it so that scoring goes through the workspace's private endpoint.",
        example_terraform: "resource \"azapi_resource\" \"endpoint\" {\n  type      = \"Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01\"\n  parent_id = azurerm_machine_learning_workspace.ws.id\n  body = { properties = { authMode = \"Key\", publicNetworkAccess = \"Enabled\" } }\n}",
        example_bicep: "resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {\n  parent: ws\n  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }\n}",
        fix: "Set the endpoint's `publicNetworkAccess` to `Disabled`.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &e in g.of_type(t::ONLINE_ENDPOINT) {
        if !in_scope(g, e) {
            continue;
        }
        let Some(w) = g.parent(e) else { continue };
        if !workspace_isolated(g, w).is_yes() || !public_access_enabled(g, e).is_yes() {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, e, Some("properties.publicNetworkAccess"), format!("online endpoint '{}' of network-isolated workspace '{}' accepts scoring requests from the internet", g.display_name(e), g.display_name(w)))
            .fix("set the endpoint's publicNetworkAccess to Disabled");
        f.related.push(ctx.related(w, "the isolated workspace"));
        out.push(f);
    }
}
