use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{has_pe, in_scope, value_is, workspace_isolated, workspaces_using, Tri};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML301",
        name: "acr-not-premium",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt", "004_e8e7c09feba3f12a.txt"],
        summary: "The container registry of a network-isolated workspace (or any registry with a private endpoint or network rules) is not Premium.",
        what: "Reports a container registry whose SKU is not `Premium` when it is the registry of an isolated workspace, or when it has a private endpoint or a network rule set of its own.",
        why: "Private endpoints and network rules exist only on the Premium tier of Azure Container Registry. The securing-the-workspace guidance (seeds 000 and 003) lists a Premium registry as a prerequisite of a workspace behind a virtual network, and the managed online endpoint guidance (seed 004) repeats it. A Basic or Standard registry either fails to deploy its private endpoint or stays reachable only over the public internet, so image builds and deployments fail once the workspace is private.",
        example_terraform: "resource \"azurerm_container_registry\" \"acr\" {\n  name                = \"acrml\"\n  sku                 = \"Standard\"\n  resource_group_name = azurerm_resource_group.rg.name\n  location            = azurerm_resource_group.rg.location\n}\n\nresource \"azurerm_machine_learning_workspace\" \"ws\" {\n  container_registry_id         = azurerm_container_registry.acr.id\n  public_network_access_enabled = false\n  # ...\n}",
        example_bicep: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acrml'\n  location: location\n  sku: { name: 'Standard' }\n}",
        fix: "Use the Premium SKU: `sku = \"Premium\"` in Terraform, `sku: { name: 'Premium' }` in Bicep and ARM.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &acr in g.of_type(t::REGISTRY) {
        if !in_scope(g, acr) {
            continue;
        }
        let sku = g.get(acr).prop("sku.name");
        let Some(sku_name) = sku.and_then(|v| v.as_str()) else {
            continue;
        };
        if value_is(sku, "Premium") != Tri::No {
            continue;
        }
        let users = workspaces_using(g, acr, EdgeKind::Registry);
        let isolated_user = users
            .iter()
            .copied()
            .find(|w| workspace_isolated(g, *w).is_yes());
        let own_pe = has_pe(g, acr).is_yes();
        let network_rules = g
            .get(acr)
            .prop("properties.networkRuleSet.defaultAction")
            .is_some_and(|v| v.origin.kind != isolint_model::OriginKind::Defaulted);
        let reason = if isolated_user.is_some() {
            "a registry used by a network-isolated workspace must be Premium"
        } else if own_pe {
            "private endpoints need the Premium tier"
        } else if network_rules {
            "network rules need the Premium tier"
        } else {
            continue;
        };
        let name = g.display_name(acr);
        let mut f = ctx
            .finding(&RULE.meta, acr, Some("sku.name"), format!("container registry '{name}' is {sku_name}; {reason}"))
            .fix("set the registry's SKU to Premium (Terraform `sku = \"Premium\"`, ARM/Bicep `sku.name: 'Premium'`)");
        if let Some(w) = isolated_user {
            f.related.push(ctx.related(w, "used by this workspace"));
        }
        out.push(f);
    }
}
