use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, restricted, workspaces_using, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML305",
        name: "acr-trusted-services-blocked",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "A workspace's restricted registry does not let trusted Azure services through.",
        what: "Reports the container registry of a workspace when the registry is restricted and `network_rule_bypass_option` / `networkRuleBypassOptions` is not `AzureServices`.",
        why: "The workspace's own service identity pushes and pulls environment images as a trusted Azure service. When the registry is private and trusted services are not allowed, those calls are refused and image builds and deployments fail (seeds 000 and 003, \"allow trusted services\").",
        example_terraform: "resource \"azurerm_container_registry\" \"acr\" {\n  sku                           = \"Premium\"\n  public_network_access_enabled = false\n  network_rule_bypass_option    = \"None\"\n}",
        example_bicep: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  sku: { name: 'Premium' }\n  properties: { publicNetworkAccess: 'Disabled', networkRuleBypassOptions: 'None' }\n}",
        fix: "Allow trusted services: `network_rule_bypass_option = \"AzureServices\"` / `networkRuleBypassOptions: 'AzureServices'`.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &acr in g.of_type(t::REGISTRY) {
        if !in_scope(g, acr) || restricted(g, acr) != Tri::Yes {
            continue;
        }
        let users = workspaces_using(g, acr, EdgeKind::Registry);
        let Some(&w) = users.first() else { continue };
        let Some(bypass) = g
            .get(acr)
            .prop("properties.networkRuleBypassOptions")
            .filter(|v| !v.is_null())
        else {
            continue;
        };
        let Some(b) = bypass.as_str() else { continue };
        if b.split(',')
            .any(|x| x.trim().eq_ignore_ascii_case("AzureServices"))
        {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, acr, Some("properties.networkRuleBypassOptions"), format!("container registry '{}' is private but does not let trusted Azure services through (bypass {b}); the workspace cannot push or pull images", g.display_name(acr)))
            .fix("set network_rule_bypass_option = \"AzureServices\" (Terraform) or networkRuleBypassOptions: 'AzureServices' (ARM/Bicep)");
        f.related.push(ctx.related(w, "used by this workspace"));
        out.push(f);
    }
}
