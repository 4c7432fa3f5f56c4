use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, has_pe, in_scope};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML704",
        name: "storage-anonymous-access",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "The workspace's storage has a private endpoint and still allows anonymous blob access.",
        what: "Reports the storage account of a workspace that has a private endpoint and allows anonymous (public) blob access: `allow_nested_items_to_be_public` is true or absent (azurerm 4.x defaults it to true), or `allowBlobPublicAccess: true`.",
        why: "A private endpoint is pointless for containers that anyone can read anonymously over the public endpoint; seed 000 turns anonymous access off on the workspace's storage.",
        example_terraform: "resource \"azurerm_storage_account\" \"st\" {\n  # allow_nested_items_to_be_public defaults to true in azurerm 4.x\n}",
        example_bicep: "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  properties: { allowBlobPublicAccess: true }\n}",
        fix: "Set `allow_nested_items_to_be_public = false` / `allowBlobPublicAccess: false`.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut seen = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        let Some(st) = g.target(w, EdgeKind::Storage) else {
            continue;
        };
        if !in_scope(g, w) || !in_scope(g, st) || !seen.insert(st) || !has_pe(g, st).is_yes() {
            continue;
        }
        if bool_prop(g, st, "properties.allowBlobPublicAccess", None) != Some(true) {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, st, Some("properties.allowBlobPublicAccess"), format!("storage account '{}' has a private endpoint but still allows anonymous blob access", g.display_name(st)))
            .fix("set allow_nested_items_to_be_public = false (Terraform) or allowBlobPublicAccess: false (ARM/Bicep)");
        f.related
            .push(ctx.related(w, "the workspace using this storage"));
        out.push(f);
    }
}
