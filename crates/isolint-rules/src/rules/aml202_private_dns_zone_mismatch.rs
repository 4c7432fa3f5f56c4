use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{in_scope, pe_groups, pe_zones};
use crate::dns;
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML202",
        name: "private-dns-zone-mismatch",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt"],
        summary: "A private endpoint's zone group attaches a zone that belongs to none of its group IDs.",
        what: "Reports each private DNS zone attached to a private endpoint's zone group whose name belongs to none of the endpoint's group IDs: a `blob` endpoint given the `file` zone, or a key vault endpoint given `privatelink.vault.azure.net` (what `'privatelink${environment().suffixes.keyvaultDns}'` evaluates to) instead of `privatelink.vaultcore.azure.net`.",
        why: "Azure writes the endpoint's A record into whatever zone the group names, so the record lands in a zone no client queries for that service, and the service's real name still resolves publicly (seed 000 lists the zone for each sub-resource).",
        example_terraform: "resource \"azurerm_private_endpoint\" \"kv\" {\n  private_service_connection {\n    subresource_names = [\"vault\"]\n  }\n  private_dns_zone_group {\n    private_dns_zone_ids = [azurerm_private_dns_zone.vault.id] # privatelink.vault.azure.net\n  }\n}",
        example_bicep: "resource vaultZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: 'privatelink${environment().suffixes.keyvaultDns}' // privatelink.vault.azure.net\n  location: 'global'\n}",
        fix: "Attach the zone that belongs to the group ID (for `vault`: `privatelink.vaultcore.azure.net`).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &pe in g.of_type(t::PRIVATE_ENDPOINT) {
        if !in_scope(g, pe) {
            continue;
        }
        let Some(groups) = pe_groups(g, pe) else {
            continue;
        };
        if groups.is_empty() || !groups.iter().all(|x| dns::known_group(x)) {
            continue;
        }
        let Some(zones) = pe_zones(g, pe) else {
            continue;
        };
        for z in zones {
            if groups.iter().any(|grp| dns::zone_belongs(&z.name, grp)) {
                continue;
            }
            let at = z.group;
            let mut f = ctx
                .finding(
                    &RULE.meta,
                    at,
                    Some("properties.privateDnsZoneConfigs"),
                    format!(
                        "private endpoint '{}' ({}) is given the zone {}, which does not serve that group ID; its DNS record lands where no client looks",
                        g.display_name(pe),
                        groups.join(", "),
                        z.name
                    ),
                )
                .fix(format!(
                    "attach {} instead",
                    groups.iter().flat_map(|grp| dns::required_zones(grp, ctx.config.cloud)).collect::<Vec<_>>().join(", ")
                ));
            if let Some(zr) = z.zone {
                f.related.push(ctx.related(zr, "the mismatched zone"));
            }
            out.push(f);
        }
    }
}
