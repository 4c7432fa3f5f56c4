use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{effective_workspace, has_pe_group, in_scope, public_access_enabled};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML102",
        name: "workspace-public-access-with-private-endpoint",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "A workspace with a private endpoint still allows public network access.",
        what: "Reports a workspace that has a private endpoint (group `amlworkspace`) and leaves public network access enabled (explicitly, or by the provider default).",
        why: "A private endpoint is usually meant to make the workspace private, but with public access enabled the workspace stays reachable from the internet as well. Azure supports the combination, and the guidance (seed 000) calls it out as something to review: it is rarely what the network design intended.",
        example_terraform: "resource \"azurerm_machine_learning_workspace\" \"ws\" {\n  # public_network_access_enabled defaults to true in azurerm 4.x\n}\n\nresource \"azurerm_private_endpoint\" \"ws\" {\n  private_service_connection {\n    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id\n    subresource_names              = [\"amlworkspace\"]\n  }\n}",
        example_bicep: "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  properties: { publicNetworkAccess: 'Enabled' }\n}",
        fix: "Disable public access (`public_network_access_enabled = false`, `publicNetworkAccess: 'Disabled'`), or suppress the finding with the reason public access is needed.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || effective_workspace(g, w) != w {
            continue;
        }
        if has_pe_group(g, w, "amlworkspace").is_yes() && public_access_enabled(g, w).is_yes() {
            out.push(
                ctx.finding(&RULE.meta, w, Some("properties.publicNetworkAccess"), format!("workspace '{}' has a private endpoint but public network access is still enabled, so it stays reachable from the internet", g.display_name(w)))
                    .fix("disable public network access on the workspace, or record why it must stay open"),
            );
        }
    }
}
