use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{default_deny, in_scope};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity, Value};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML703",
        name: "storage-firewall-blocks-workspace",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "The workspace's storage denies by default with neither a rule for the workspace nor the AzureServices bypass.",
        what: "Reports the storage account of a workspace whose network rules deny by default and that has neither a resource instance rule for the workspace (`private_link_access` / `resourceAccessRules` naming the workspace or the `Microsoft.MachineLearningServices/workspaces` type) nor `AzureServices` in its bypass list.",
        why: "The workspace service itself reads and writes the default storage account (job snapshots, logs, the studio). With the firewall closed and no exception for the workspace, those calls are refused and the studio and jobs fail (seed 000, \"secure Azure storage accounts\").",
        example_terraform: "resource \"azurerm_storage_account\" \"st\" {\n  network_rules {\n    default_action = \"Deny\"\n    bypass         = [\"None\"]\n  }\n}",
        example_bicep: "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  properties: { networkAcls: { defaultAction: 'Deny', bypass: 'None' } }\n}",
        fix: "Add a resource instance rule for the workspace (`private_link_access { endpoint_resource_id = <workspace id> }` / `resourceAccessRules`), or include `AzureServices` in the bypass list.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(st) = g.target(w, EdgeKind::Storage) else {
            continue;
        };
        if !in_scope(g, st) || !default_deny(g, st).is_yes() {
            continue;
        }
        let res = g.get(st);
        // Storage's documented default for an unspecified bypass is AzureServices
        // (ARM `NetworkRuleSet.bypass`; computed by azurerm when absent).
        let bypass = match res.prop("properties.networkAcls.bypass") {
            None => continue,
            Some(v) if v.is_null() => continue,
            Some(v) => v.as_str().map(str::to_string),
        };
        let Some(bypass) = bypass else { continue };
        if bypass
            .split(',')
            .any(|b| b.trim().eq_ignore_ascii_case("AzureServices"))
        {
            continue;
        }
        let rules: Vec<&Value> = res
            .body
            .path_all("properties.networkAcls.resourceAccessRules.*.resourceId");
        let mut unknown = false;
        let mut allows = false;
        for r in rules {
            if r.origin.resource.is_some() && r.is_unknown() {
                // A reference to a resource of the configuration: the workspace, or another one.
                allows = true;
                continue;
            }
            match r.as_str() {
                Some(id) => {
                    let lid = id.to_ascii_lowercase();
                    if lid.contains("microsoft.machinelearningservices/workspaces") {
                        allows = true;
                    }
                }
                None => unknown = true,
            }
        }
        if allows || unknown {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, st, Some("properties.networkAcls.defaultAction"), format!("storage account '{}' denies network access by default with no resource instance rule for workspace '{}' and no AzureServices bypass; the workspace cannot reach its own storage", g.display_name(st), g.display_name(w)))
            .fix("add a resource instance rule for the workspace, or add AzureServices to the storage account's bypass list");
        f.related
            .push(ctx.related(w, "the workspace using this storage"));
        out.push(f);
    }
}
