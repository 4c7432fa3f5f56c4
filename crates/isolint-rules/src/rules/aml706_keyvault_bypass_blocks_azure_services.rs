use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{default_deny, in_scope};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML706",
        name: "keyvault-bypass-blocks-azure-services",
        severity: Severity::Error,
        sources: &["004_e8e7c09feba3f12a.txt"],
        summary: "The workspace's key vault denies by default and does not let trusted Azure services through.",
        what: "Reports the key vault of a workspace whose network ACLs deny by default while `bypass` is not `AzureServices`.",
        why: "The workspace and its managed online endpoints read secrets from the key vault as a trusted Azure service. With the firewall closed and no trusted-services bypass, deployments fail to fetch keys and credentials (seed 004).",
        example_terraform: "resource \"azurerm_key_vault\" \"kv\" {\n  network_acls {\n    default_action = \"Deny\"\n    bypass         = \"None\"\n  }\n}",
        example_bicep: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  properties: { networkAcls: { defaultAction: 'Deny', bypass: 'None' } }\n}",
        fix: "Set `bypass = \"AzureServices\"` in the key vault's network ACLs.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut seen = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        let Some(kv) = g.target(w, EdgeKind::KeyVault) else {
            continue;
        };
        if !in_scope(g, w) || !in_scope(g, kv) || !seen.insert(kv) || !default_deny(g, kv).is_yes()
        {
            continue;
        }
        // Key Vault's documented default for an unspecified bypass is AzureServices.
        let Some(b) = g
            .get(kv)
            .prop("properties.networkAcls.bypass")
            .filter(|v| !v.is_null())
        else {
            continue;
        };
        let Some(bypass) = b.as_str() else { continue };
        if bypass.trim().eq_ignore_ascii_case("AzureServices") {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, kv, Some("properties.networkAcls.bypass"), format!("key vault '{}' denies network access by default and its bypass is {bypass}; the workspace and its endpoints cannot read secrets as a trusted service", g.display_name(kv)))
            .fix("set the key vault's network ACL bypass to AzureServices");
        f.related
            .push(ctx.related(w, "the workspace using this key vault"));
        out.push(f);
    }
}
