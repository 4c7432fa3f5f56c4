//! The registry of rules. One file per rule; each exports a `RULE`.

use crate::context::Ctx;
use isolint_model::{Finding, Severity};

mod aml001_parse_error;
mod aml002_unresolved_reference;
mod aml003_unused_suppression;
mod aml004_evaluation_limit;
mod aml101_workspace_private_endpoint_missing;
mod aml102_workspace_public_access_with_private_endpoint;
mod aml103_dependency_not_isolated;
mod aml104_v1_legacy_mode_blocks_managed_endpoints;
mod aml105_managed_network_with_vnet_compute;
mod aml106_online_endpoint_public_access;
mod aml107_serverless_no_public_ip_with_ip_allowlist;
mod aml108_dependency_other_subscription;
mod aml109_container_instance_with_private_workspace;
mod aml201_private_endpoint_dns_zone_missing;
mod aml202_private_dns_zone_mismatch;
mod aml203_private_dns_zone_not_linked;
mod aml204_custom_dns_without_forwarding;
mod aml301_acr_not_premium;
mod aml302_image_build_compute_missing;
mod aml303_image_build_compute_invalid;
mod aml304_image_build_compute_no_outbound;
mod aml305_acr_trusted_services_blocked;
mod aml306_acr_network_placement;
mod aml307_acr_private_with_identity_compute;
mod aml308_acr_public_access_enabled;
mod aml401_docker_bridge_overlap;
mod aml402_reserved_range_overlap;
mod aml403_compute_subnet_delegated;
mod aml404_compute_subnet_too_small;
mod aml405_peered_vnet_overlap;
mod aml406_subnet_outside_vnet;
mod aml501_no_public_ip_without_outbound;
mod aml502_public_ip_compute_inbound_blocked;
mod aml503_firewall_route_without_aml_return;
mod aml504_compute_instance_outside_workspace_network;
mod aml505_remote_compute_vnet_unreachable;
mod aml506_storage_region_mismatch;
mod aml601_nsg_blocks_required_outbound;
mod aml602_nsg_blocks_smb_to_storage;
mod aml603_service_tag_region_mismatch;
mod aml604_storage_exfiltration_risk;
mod aml605_firewall_missing_required_fqdn;
mod aml606_firewall_fqdn_rule_type;
mod aml701_storage_private_endpoint_missing;
mod aml702_storage_workspace_endpoint_colocation;
mod aml703_storage_firewall_blocks_workspace;
mod aml704_storage_anonymous_access;
mod aml705_keyvault_not_isolated;
mod aml706_keyvault_bypass_blocks_azure_services;
mod aml707_dependency_vnet_placement;
mod aml801_app_insights_not_workspace_based;
mod aml802_monitor_private_link_scope_private_only;
mod aml803_app_insights_outside_private_link_scope;

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable ID, `AMLnnn`.
    pub id: &'static str,
    /// Unique kebab-case name.
    pub name: &'static str,
    /// Default severity (configurable).
    pub severity: Severity,
    /// Seed articles the rule comes from (file names in the project's seeds).
    pub sources: &'static [&'static str],
    /// One line.
    pub summary: &'static str,
    /// *What it does* (markdown).
    pub what: &'static str,
    /// *Why it matters* (markdown).
    pub why: &'static str,
    /// A Terraform example that triggers the rule.
    pub example_terraform: &'static str,
    /// A Bicep example that triggers the rule.
    pub example_bicep: &'static str,
    /// *Fix* (markdown).
    pub fix: &'static str,
}

/// A rule: its metadata and its check (meta rules reported by the
/// front-ends or the driver have no check of their own here).
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Option<fn(&Ctx<'_>, &mut Vec<Finding>)>,
}

static ALL: &[&Rule] = &[
    &aml001_parse_error::RULE,
    &aml002_unresolved_reference::RULE,
    &aml003_unused_suppression::RULE,
    &aml004_evaluation_limit::RULE,
    &aml101_workspace_private_endpoint_missing::RULE,
    &aml102_workspace_public_access_with_private_endpoint::RULE,
    &aml103_dependency_not_isolated::RULE,
    &aml104_v1_legacy_mode_blocks_managed_endpoints::RULE,
    &aml105_managed_network_with_vnet_compute::RULE,
    &aml106_online_endpoint_public_access::RULE,
    &aml107_serverless_no_public_ip_with_ip_allowlist::RULE,
    &aml108_dependency_other_subscription::RULE,
    &aml109_container_instance_with_private_workspace::RULE,
    &aml201_private_endpoint_dns_zone_missing::RULE,
    &aml202_private_dns_zone_mismatch::RULE,
    &aml203_private_dns_zone_not_linked::RULE,
    &aml204_custom_dns_without_forwarding::RULE,
    &aml301_acr_not_premium::RULE,
    &aml302_image_build_compute_missing::RULE,
    &aml303_image_build_compute_invalid::RULE,
    &aml304_image_build_compute_no_outbound::RULE,
    &aml305_acr_trusted_services_blocked::RULE,
    &aml306_acr_network_placement::RULE,
    &aml307_acr_private_with_identity_compute::RULE,
    &aml308_acr_public_access_enabled::RULE,
    &aml401_docker_bridge_overlap::RULE,
    &aml402_reserved_range_overlap::RULE,
    &aml403_compute_subnet_delegated::RULE,
    &aml404_compute_subnet_too_small::RULE,
    &aml405_peered_vnet_overlap::RULE,
    &aml406_subnet_outside_vnet::RULE,
    &aml501_no_public_ip_without_outbound::RULE,
    &aml502_public_ip_compute_inbound_blocked::RULE,
    &aml503_firewall_route_without_aml_return::RULE,
    &aml504_compute_instance_outside_workspace_network::RULE,
    &aml505_remote_compute_vnet_unreachable::RULE,
    &aml506_storage_region_mismatch::RULE,
    &aml601_nsg_blocks_required_outbound::RULE,
    &aml602_nsg_blocks_smb_to_storage::RULE,
    &aml603_service_tag_region_mismatch::RULE,
    &aml604_storage_exfiltration_risk::RULE,
    &aml605_firewall_missing_required_fqdn::RULE,
    &aml606_firewall_fqdn_rule_type::RULE,
    &aml701_storage_private_endpoint_missing::RULE,
    &aml702_storage_workspace_endpoint_colocation::RULE,
    &aml703_storage_firewall_blocks_workspace::RULE,
    &aml704_storage_anonymous_access::RULE,
    &aml705_keyvault_not_isolated::RULE,
    &aml706_keyvault_bypass_blocks_azure_services::RULE,
    &aml707_dependency_vnet_placement::RULE,
    &aml801_app_insights_not_workspace_based::RULE,
    &aml802_monitor_private_link_scope_private_only::RULE,
    &aml803_app_insights_outside_private_link_scope::RULE,
];

/// Every rule, ordered by ID.
pub fn all() -> &'static [&'static Rule] {
    ALL
}

/// The rule with this ID (case-insensitive).
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.meta.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_and_names_are_unique_sorted_and_well_formed() {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        let mut prev = "";
        for r in all() {
            let m = &r.meta;
            assert!(
                m.id.len() == 6
                    && m.id.starts_with("AML")
                    && m.id[3..].chars().all(|c| c.is_ascii_digit()),
                "{}",
                m.id
            );
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.name
            );
            assert!(ids.insert(m.id) && names.insert(m.name));
            assert!(m.id > prev, "rules must be listed in ID order");
            prev = m.id;
            assert!(
                !m.summary.is_empty()
                    && !m.what.is_empty()
                    && !m.why.is_empty()
                    && !m.fix.is_empty()
            );
        }
        assert_eq!(
            by_id("aml301").map(|r| r.meta.name),
            Some("acr-not-premium")
        );
    }
}
