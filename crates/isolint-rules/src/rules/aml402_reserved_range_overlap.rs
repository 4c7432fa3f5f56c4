use super::{Rule, RuleMeta};
use crate::context::Ctx;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML402",
        name: "reserved-range-overlap",
        severity: Severity::Error,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "A VNet or subnet overlaps a range listed as reserved in the configuration.",
        what: "Reports every virtual network address space and subnet prefix that overlaps one of the ranges listed under `[network] reserved_ranges` in `.isolint.toml` (for example an on-premises network reached over VPN or ExpressRoute). No range is reserved by default.",
        why: "Azure accepts overlapping address spaces, but traffic cannot be routed between overlapping networks: once the workspace's network is peered or connected to the reserved range, clients and compute cannot reach the workspace or its dependencies (seeds 000 and 003 ask for non-overlapping address spaces).",
        example_terraform: "# .isolint.toml: [network] reserved_ranges = [\"10.0.0.0/8\"]\nresource \"azurerm_virtual_network\" \"vnet\" {\n  address_space = [\"10.1.0.0/16\"]\n}",
        example_bicep: "// .isolint.toml: [network] reserved_ranges = ['10.0.0.0/8']\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  properties: { addressSpace: { addressPrefixes: [ '10.1.0.0/16' ] } }\n}",
        fix: "Move the virtual network to a range that overlaps none of the reserved ranges, or correct the list of reserved ranges.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if ctx.config.reserved_ranges.is_empty() {
        return;
    }
    super::aml401_docker_bridge_overlap::check_ranges(
        ctx,
        &RULE.meta,
        &ctx.config.reserved_ranges,
        out,
        |r| format!("the reserved range {r} (from [network] reserved_ranges)"),
    );
}
