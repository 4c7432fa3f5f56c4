use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, restricted, workspace_isolated, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML103",
        name: "dependency-not-isolated",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "An isolated workspace's storage account, key vault or registry is not restricted.",
        what: "Reports each storage account, key vault and container registry of an isolated workspace that has no private endpoint, does not disable public access and does not deny network access by default.",
        why: "Isolating the workspace alone leaves its data and secrets on public endpoints: traffic between the workspace, its compute and that dependency crosses the internet instead of the virtual network (seed 000 secures each dependency with a private or service endpoint).",
        example_terraform: "resource \"azurerm_key_vault\" \"kv\" {\n  # no private endpoint, public access left enabled\n}\n\nresource \"azurerm_machine_learning_workspace\" \"ws\" {\n  key_vault_id                  = azurerm_key_vault.kv.id\n  public_network_access_enabled = false\n}",
        example_bicep: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  properties: { publicNetworkAccess: 'Enabled' }\n}",
        fix: "Give the dependency a private endpoint in the workspace's virtual network (or a service endpoint rule with a default `Deny`), and disable its public access.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || !workspace_isolated(g, w).is_yes() {
            continue;
        }
        for (kind, label) in [
            (EdgeKind::Storage, "storage account"),
            (EdgeKind::KeyVault, "key vault"),
            (EdgeKind::Registry, "container registry"),
        ] {
            let Some(d) = g.target(w, kind) else { continue };
            if !in_scope(g, d) || restricted(g, d) != Tri::No {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, d, None, format!("{label} '{}' of network-isolated workspace '{}' is not restricted (no private endpoint, public access enabled); its traffic with the workspace does not use the virtual network", g.display_name(d), g.display_name(w)))
                .fix(format!("add a private endpoint to the {label} and disable its public network access"));
            f.related.push(ctx.related(w, "the isolated workspace"));
            out.push(f);
        }
    }
}
