use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{has_pe, has_pe_group, in_scope, workspace_isolated, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML701",
        name: "storage-private-endpoint-missing",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "An isolated workspace's storage uses private endpoints but lacks the blob or file one.",
        what: "Reports the storage account of an isolated workspace when it is restricted through private endpoints but has no `blob` or no `file` endpoint. With `batch_endpoints = true` under `[workspace]` in `.isolint.toml`, `queue` and `table` endpoints are required too.",
        why: "Azure Machine Learning reads and writes the default datastore over blob, and mounts notebooks and code snapshots over file (seed 000). A storage account reachable only through private endpoints, without both, leaves one of those paths with nowhere to go: jobs or notebooks fail. Batch endpoints and ParallelRunStep also use queues and tables.",
        example_terraform: "resource \"azurerm_private_endpoint\" \"st_blob\" {\n  private_service_connection {\n    private_connection_resource_id = azurerm_storage_account.st.id\n    subresource_names              = [\"blob\"]\n  }\n}\n# no endpoint with subresource_names = [\"file\"]",
        example_bicep: "resource stBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {\n  properties: { privateLinkServiceConnections: [ { name: 'blob', properties: { privateLinkServiceId: st.id, groupIds: [ 'blob' ] } } ] }\n}",
        fix: "Add private endpoints for the missing sub-resources of the storage account.",
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
        let Some(st) = g.target(w, EdgeKind::Storage) else {
            continue;
        };
        if !in_scope(g, st) || !has_pe(g, st).is_yes() || !seen.insert(st) {
            continue;
        }
        let mut needed = vec!["blob", "file"];
        if ctx.config.batch_endpoints {
            needed.extend(["queue", "table"]);
        }
        let missing: Vec<&str> = needed
            .into_iter()
            .filter(|grp| has_pe_group(g, st, grp) == Tri::No)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, st, None, format!("storage account '{}' of isolated workspace '{}' uses private endpoints but has none for {}; that traffic has no path", g.display_name(st), g.display_name(w), missing.join(" and ")))
            .fix(format!("add private endpoints for {} on the storage account", missing.join(", ")));
        f.related.push(ctx.related(w, "the isolated workspace"));
        out.push(f);
    }
}
