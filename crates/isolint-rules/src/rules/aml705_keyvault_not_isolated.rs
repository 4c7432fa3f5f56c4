use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{has_pe, in_scope, workspace_isolated, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML705",
        name: "keyvault-not-isolated",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "An isolated workspace's key vault has neither a private endpoint nor a service endpoint rule.",
        what: "Reports the key vault of an isolated workspace that has no private endpoint and no virtual network (service endpoint) rule.",
        why: "The workspace keeps connection secrets and keys in its key vault. Seed 000 secures the vault with a private endpoint (`vault`) or a service endpoint rule; otherwise the vault is reached over its public endpoint.",
        example_terraform: "resource \"azurerm_key_vault\" \"kv\" {\n  # no network_acls, no private endpoint\n}",
        example_bicep: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  properties: { publicNetworkAccess: 'Enabled' }\n}",
        fix: "Add a private endpoint (`vault`) for the key vault, or a service endpoint rule for the compute subnet with `default_action = \"Deny\"`.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || !workspace_isolated(g, w).is_yes() {
            continue;
        }
        let Some(kv) = g.target(w, EdgeKind::KeyVault) else {
            continue;
        };
        if !in_scope(g, kv) || has_pe(g, kv) != Tri::No {
            continue;
        }
        let rules = g.get(kv).prop("properties.networkAcls.virtualNetworkRules");
        let no_rules = match rules {
            None => true,
            Some(v) if v.is_null() => true,
            Some(v) => v.as_list().is_some_and(|l| l.is_empty()),
        };
        if !no_rules {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, kv, None, format!("key vault '{}' of isolated workspace '{}' has neither a private endpoint nor a service endpoint rule", g.display_name(kv), g.display_name(w)))
            .fix("add a private endpoint with subresource vault, or a virtual network rule with default action Deny");
        f.related.push(ctx.related(w, "the isolated workspace"));
        out.push(f);
    }
}
