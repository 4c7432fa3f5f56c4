use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{has_pe, in_scope, public_access_enabled, workspaces_using};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML308",
        name: "acr-public-access-enabled",
        severity: Severity::Info,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "A workspace's registry has a private endpoint but public access is still enabled.",
        what: "Reports the container registry of a workspace that has a private endpoint while its public network access stays enabled (explicitly or by default).",
        why: "The private endpoint gives the virtual network a private path, but the registry stays reachable from the internet too. Seed 000 disables public access once the endpoint exists.",
        example_terraform: "resource \"azurerm_container_registry\" \"acr\" {\n  sku = \"Premium\"\n  # public_network_access_enabled defaults to true\n}",
        example_bicep: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  sku: { name: 'Premium' }\n  properties: { publicNetworkAccess: 'Enabled' }\n}",
        fix: "Disable public access on the registry (`public_network_access_enabled = false`, `publicNetworkAccess: 'Disabled'`).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &acr in g.of_type(t::REGISTRY) {
        if !in_scope(g, acr) || !has_pe(g, acr).is_yes() || !public_access_enabled(g, acr).is_yes()
        {
            continue;
        }
        let users = workspaces_using(g, acr, EdgeKind::Registry);
        let Some(&w) = users.first() else { continue };
        let mut f = ctx
            .finding(&RULE.meta, acr, Some("properties.publicNetworkAccess"), format!("container registry '{}' has a private endpoint but public network access is still enabled", g.display_name(acr)))
            .fix("disable public network access on the registry");
        f.related.push(ctx.related(w, "used by this workspace"));
        out.push(f);
    }
}
