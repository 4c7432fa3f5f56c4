use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    aml_workspaces_of, custom_dns, has_orphans, in_scope, pe_groups, pe_zones, vnet_of, Tri,
};
use crate::dns;
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML201",
        name: "private-endpoint-dns-zone-missing",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "002_42e08c6b358a77f8.txt"],
        summary: "A private endpoint of an AML resource lacks a DNS zone group with every zone its group IDs need.",
        what: "Reports a private endpoint of the workspace, one of its dependencies or an Azure Monitor private link scope whose DNS zone groups do not attach every private DNS zone its group IDs require (for `amlworkspace`: `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net`; `blob`: `privatelink.blob.core.windows.net`; `vault`: `privatelink.vaultcore.azure.net`; `registry`: `privatelink.azurecr.io`; the US Government and China zones are accepted too), unless its virtual network uses custom DNS servers.",
        why: "Without the zone group, no A record is written for the endpoint, so names like `<workspace>.api.azureml.ms` keep resolving to the public address: clients and compute either fail to connect or leave the network (seeds 000 and 002).",
        example_terraform: "resource \"azurerm_private_endpoint\" \"ws\" {\n  private_service_connection {\n    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id\n    subresource_names              = [\"amlworkspace\"]\n  }\n  private_dns_zone_group {\n    name                 = \"ws\"\n    private_dns_zone_ids = [azurerm_private_dns_zone.api.id] # notebooks zone missing\n  }\n}",
        example_bicep: "resource zg 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {\n  parent: pe\n  name: 'default'\n  properties: { privateDnsZoneConfigs: [ { name: 'api', properties: { privateDnsZoneId: apiZone.id } } ] }\n}",
        fix: "Add a DNS zone group to the private endpoint that lists every required zone for its group IDs.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &pe in g.of_type(t::PRIVATE_ENDPOINT) {
        if !in_scope(g, pe) {
            continue;
        }
        let Some(target) = g.target(pe, EdgeKind::PeTarget) else {
            continue;
        };
        let related =
            g.get(target).is(t::PRIVATE_LINK_SCOPE) || !aml_workspaces_of(g, target).is_empty();
        if !related {
            continue;
        }
        let Some(vnet) = vnet_of(g, pe) else { continue };
        if custom_dns(g, vnet) != Tri::No {
            continue;
        }
        let Some(groups) = pe_groups(g, pe) else {
            continue;
        };
        // A zone group of the same deployment whose endpoint cannot be told might be the missing one.
        if has_orphans(g, t::DNS_ZONE_GROUP, pe) {
            continue;
        }
        let Some(zones) = pe_zones(g, pe) else {
            continue;
        };
        let have: Vec<String> = zones.iter().map(|z| z.name.clone()).collect();
        let mut missing: Vec<String> = Vec::new();
        for grp in groups.iter().filter(|x| dns::known_group(x)) {
            for z in dns::missing_zones(grp, &have, ctx.config.cloud) {
                if !missing.contains(&z) {
                    missing.push(z);
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        let list = missing.join(", ");
        let what = if zones.is_empty() {
            "has no DNS zone group".to_string()
        } else {
            format!(
                "lacks the zone{} {list}",
                if missing.len() > 1 { "s" } else { "" }
            )
        };
        let mut f = ctx
            .finding(
                &RULE.meta,
                pe,
                None,
                format!(
                    "private endpoint '{}' of '{}' ({}) {what}; without it the name keeps resolving to the public address",
                    g.display_name(pe),
                    g.display_name(target),
                    groups.join(", ")
                ),
            )
            .fix(format!("add a DNS zone group with {list} to the private endpoint"));
        f.related
            .push(ctx.related(target, "the private endpoint's target"));
        out.push(f);
    }
}
