//! The shared definitions of the rule catalog ("Definitions used by the
//! rules" in the specification), as graph queries.
//!
//! Answers are three-valued: a condition is [`Tri::Yes`] only when proven
//! from known values, [`Tri::No`] only when every input is known, and
//! [`Tri::Unknown`] otherwise. Rules report on `Yes` only.

use isolint_model::types as t;
pub use isolint_model::Unresolved;
use isolint_model::{EdgeKind, Graph, ResIdx, Value};

/// A three-valued truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

impl Tri {
    pub fn is_yes(self) -> bool {
        self == Tri::Yes
    }
    /// Logical or: yes if any is yes, no only if all are no.
    pub fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::Yes, _) | (_, Tri::Yes) => Tri::Yes,
            (Tri::No, Tri::No) => Tri::No,
            _ => Tri::Unknown,
        }
    }
    pub fn from_bool(b: Option<bool>) -> Tri {
        match b {
            Some(true) => Tri::Yes,
            Some(false) => Tri::No,
            None => Tri::Unknown,
        }
    }
}

/// Case-insensitive comparison of a known string value with an enum value.
pub fn value_is(v: Option<&Value>, expected: &str) -> Tri {
    match v {
        None => Tri::No,
        Some(v) if v.is_null() => Tri::No,
        Some(v) => match v.as_str() {
            Some(s) => Tri::from_bool(Some(s.trim().eq_ignore_ascii_case(expected))),
            None => Tri::Unknown,
        },
    }
}

/// The private endpoints that target `r` (certain ones first, then whether an
/// uncertain one exists).
pub fn private_endpoints(g: &Graph, r: ResIdx) -> (Vec<ResIdx>, bool) {
    let all = g.sources_of(r, EdgeKind::PeTarget);
    let uncertain = all.iter().any(|p| g.get(*p).uncertain);
    (
        all.into_iter().filter(|p| !g.get(*p).uncertain).collect(),
        uncertain,
    )
}

/// The group IDs of a private endpoint (lower-cased); `None` when unknown.
pub fn pe_groups(g: &Graph, pe: ResIdx) -> Option<Vec<String>> {
    let res = g.get(pe);
    let mut out = Vec::new();
    for path in [
        "properties.privateLinkServiceConnections.*.properties.groupIds.*",
        "properties.manualPrivateLinkServiceConnections.*.properties.groupIds.*",
    ] {
        for v in res.body.path_all(path) {
            out.push(v.as_str()?.to_ascii_lowercase());
        }
    }
    Some(out)
}

/// Does `r` have a (certain) private endpoint with this group ID?
pub fn has_pe_group(g: &Graph, r: ResIdx, group: &str) -> Tri {
    let (pes, uncertain) = private_endpoints(g, r);
    let mut unknown = uncertain;
    for pe in pes {
        match pe_groups(g, pe) {
            Some(groups) if groups.iter().any(|x| x == group) => return Tri::Yes,
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown {
        Tri::Unknown
    } else {
        Tri::No
    }
}

/// Has `r` at least one private endpoint (of any group)?
pub fn has_pe(g: &Graph, r: ResIdx) -> Tri {
    let (pes, uncertain) = private_endpoints(g, r);
    if !pes.is_empty() {
        Tri::Yes
    } else if uncertain {
        Tri::Unknown
    } else {
        Tri::No
    }
}

/// Is public network access disabled (`properties.publicNetworkAccess`)?
pub fn public_access_disabled(g: &Graph, r: ResIdx) -> Tri {
    value_is(g.get(r).prop("properties.publicNetworkAccess"), "Disabled")
}

/// The workspace whose network settings apply: a `Project` workspace
/// inherits its hub's.
pub fn effective_workspace(g: &Graph, w: ResIdx) -> ResIdx {
    if value_is(g.get(w).prop("kind"), "Project").is_yes() {
        if let Some(h) = g.target(w, EdgeKind::Hub) {
            return h;
        }
    }
    w
}

/// Managed network isolation mode of a workspace, lower-cased (`disabled` when absent).
pub fn isolation_mode(g: &Graph, w: ResIdx) -> Option<String> {
    match g.get(w).prop("properties.managedNetwork.isolationMode") {
        None => Some("disabled".into()),
        Some(v) if v.is_null() => Some("disabled".into()),
        Some(v) => v.as_str().map(str::to_ascii_lowercase),
    }
}

/// Does the workspace use a managed network (isolation mode not `Disabled`)?
pub fn uses_managed_network(g: &Graph, w: ResIdx) -> Tri {
    match isolation_mode(g, effective_workspace(g, w)) {
        Some(m) => Tri::from_bool(Some(
            m == "allowinternetoutbound" || m == "allowonlyapprovedoutbound",
        )),
        None => Tri::Unknown,
    }
}

/// An isolated workspace: a workspace private endpoint, or public access
/// disabled, or a managed network.
pub fn workspace_isolated(g: &Graph, w: ResIdx) -> Tri {
    let w = effective_workspace(g, w);
    has_pe_group(g, w, "amlworkspace")
        .or(public_access_disabled(g, w))
        .or(uses_managed_network(g, w))
}

/// Network ACL default action `Deny`, at the path each resource type uses.
pub fn default_deny(g: &Graph, r: ResIdx) -> Tri {
    let res = g.get(r);
    let path = if res.is(t::REGISTRY) {
        "properties.networkRuleSet.defaultAction"
    } else {
        "properties.networkAcls.defaultAction"
    };
    value_is(res.prop(path), "Deny")
}

/// A restricted resource: a private endpoint, public access disabled, or a
/// network ACL that denies by default.
pub fn restricted(g: &Graph, r: ResIdx) -> Tri {
    has_pe(g, r)
        .or(public_access_disabled(g, r))
        .or(default_deny(g, r))
}

/// Why a resource is restricted, in words ("has a private endpoint"), when it is.
pub fn restriction_reason(g: &Graph, r: ResIdx) -> Option<&'static str> {
    if has_pe(g, r).is_yes() {
        Some("has a private endpoint")
    } else if public_access_disabled(g, r).is_yes() {
        Some("disables public network access")
    } else if default_deny(g, r).is_yes() {
        Some("denies network access by default")
    } else {
        None
    }
}

/// The workspaces that use `r` as a dependency of `kind`.
pub fn workspaces_using(g: &Graph, r: ResIdx, kind: EdgeKind) -> Vec<ResIdx> {
    g.sources_of(r, kind)
        .into_iter()
        .filter(|w| !g.get(*w).uncertain)
        .collect()
}

/// The compute of a workspace with this name (case-insensitive).
pub fn compute_named(g: &Graph, w: ResIdx, name: &str) -> Option<ResIdx> {
    g.children_of_type(w, t::COMPUTE).find(|c| {
        g.full_name(*c)
            .and_then(|n| n.rsplit('/').next())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// Is a VM size a GPU (or FPGA) size of the N-series (NC, ND, NV, NG, NP)?
pub fn is_gpu_size(size: &str) -> bool {
    let s = size.trim().to_ascii_lowercase();
    let s = s.strip_prefix("standard_").unwrap_or(&s);
    ["nc", "nd", "nv", "ng", "np"]
        .iter()
        .any(|p| s.starts_with(p))
}

/// Is this resource one the rules should look at (certain to exist, not just referenced)?
pub fn in_scope(g: &Graph, r: ResIdx) -> bool {
    let res = g.get(r);
    !res.uncertain && !res.existing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tri_logic_never_turns_unknown_into_no() {
        assert_eq!(Tri::No.or(Tri::Unknown), Tri::Unknown);
        assert_eq!(Tri::Unknown.or(Tri::Yes), Tri::Yes);
        assert_eq!(Tri::No.or(Tri::No), Tri::No);
        assert_eq!(value_is(Some(&Value::unknown()), "Deny"), Tri::Unknown);
        assert_eq!(value_is(Some(&Value::string("deny")), "Deny"), Tri::Yes);
        assert_eq!(value_is(None, "Deny"), Tri::No);
    }

    #[test]
    fn gpu_sizes() {
        assert!(is_gpu_size("Standard_NC6s_v3"));
        assert!(is_gpu_size("STANDARD_ND40rs_v2"));
        assert!(is_gpu_size("Standard_NV12"));
        assert!(!is_gpu_size("Standard_DS3_v2"));
        assert!(!is_gpu_size("Standard_E4s_v3"));
    }
}

// ----- networking ---------------------------------------------------------

/// The VNet a subnet belongs to.
pub fn vnet_of_subnet(g: &Graph, s: ResIdx) -> Option<ResIdx> {
    g.parent(s).filter(|p| g.get(*p).is(t::VNET))
}

/// The VNet of a private endpoint, compute or anything with a subnet edge.
pub fn vnet_of(g: &Graph, r: ResIdx) -> Option<ResIdx> {
    let kind = if g.get(r).is(t::WORKSPACE) {
        EdgeKind::ServerlessSubnet
    } else {
        EdgeKind::Subnet
    };
    g.target(r, kind).and_then(|s| vnet_of_subnet(g, s))
}

/// Does a VNet set custom DNS servers?
pub fn custom_dns(g: &Graph, vnet: ResIdx) -> Tri {
    match g.get(vnet).prop("properties.dhcpOptions.dnsServers") {
        None => Tri::No,
        Some(v) if v.is_null() => Tri::No,
        Some(v) => match v.as_list() {
            Some([]) => Tri::No,
            Some(items) if items.iter().all(|i| i.as_str().is_some()) => Tri::Yes,
            _ => Tri::Unknown,
        },
    }
}

/// Are two VNets peered (a peering declared in either direction)?
pub fn peered(g: &Graph, a: ResIdx, b: ResIdx) -> bool {
    let declared = |from: ResIdx, to: ResIdx| {
        g.children_of_type(from, t::PEERING)
            .any(|p| !g.get(p).uncertain && g.target(p, EdgeKind::PeeringRemote) == Some(to))
    };
    declared(a, b) || declared(b, a)
}

/// The VNets peered with a VNet (a peering declared in either direction).
pub fn peers(g: &Graph, v: ResIdx) -> Vec<ResIdx> {
    let mut out: Vec<ResIdx> = g
        .children_of_type(v, t::PEERING)
        .filter(|p| !g.get(*p).uncertain)
        .filter_map(|p| g.target(p, EdgeKind::PeeringRemote))
        .collect();
    for p in g.sources_of(v, EdgeKind::PeeringRemote) {
        if !g.get(p).uncertain {
            out.extend(g.parent(p).filter(|x| g.get(*x).is(t::VNET)));
        }
    }
    out.sort();
    out.dedup();
    out.retain(|x| *x != v);
    out
}

/// Does a VNet hold a private endpoint (in any of its subnets)?
pub fn has_pe_in_vnet(g: &Graph, v: ResIdx) -> bool {
    g.children_of_type(v, t::SUBNET).any(|s| {
        g.sources_of(s, EdgeKind::Subnet)
            .iter()
            .any(|r| g.get(*r).is(t::PRIVATE_ENDPOINT))
    })
}

/// Does any peering of this VNet point at a VNet outside the scan (or an unknown one)?
pub fn has_unresolved_peering(g: &Graph, v: ResIdx) -> bool {
    g.children_of_type(v, t::PEERING)
        .any(|p| g.target(p, EdgeKind::PeeringRemote).is_none())
}

/// A private DNS zone attached to a private endpoint.
#[derive(Clone, Debug)]
pub struct PeZone {
    /// Lower-case zone name.
    pub name: String,
    /// The zone resource, when it is in the scan.
    pub zone: Option<ResIdx>,
    /// The zone group that attaches it.
    pub group: ResIdx,
}

/// The zones a private endpoint's DNS zone groups attach. `None` when any of
/// them cannot be known (an unknown zone ID, a zone group that may not exist).
pub fn pe_zones(g: &Graph, pe: ResIdx) -> Option<Vec<PeZone>> {
    let mut out = Vec::new();
    for zg in g.children_of_type(pe, t::DNS_ZONE_GROUP) {
        if g.get(zg).uncertain {
            return None;
        }
        let values = g
            .get(zg)
            .body
            .path_all("properties.privateDnsZoneConfigs.*.properties.privateDnsZoneId");
        let resolved = g.targets(zg, EdgeKind::DnsZone);
        let unresolved: Vec<&crate::defs::Unresolved> = g
            .unresolved_from(zg)
            .filter(|u| u.kind == EdgeKind::DnsZone)
            .collect();
        if values.len() != resolved.len() + unresolved.len() {
            // Some zone IDs are unknown (or two configs name the same zone).
            let distinct_known = values.iter().all(|v| !v.is_unknown());
            if !distinct_known {
                return None;
            }
        }
        for z in resolved {
            let name = g.full_name(z)?.to_ascii_lowercase();
            out.push(PeZone {
                name,
                zone: Some(z),
                group: zg,
            });
        }
        for u in unresolved {
            let id = isolint_model::ResourceId::parse(&u.id)?;
            let name = id.names.last()?.to_ascii_lowercase();
            out.push(PeZone {
                name,
                zone: None,
                group: zg,
            });
        }
    }
    Some(out)
}

/// The VNets a zone has links to; `None` when a link's VNet is unknown or
/// outside the scan, or a link may not exist.
pub fn zone_linked_vnets(g: &Graph, zone: ResIdx) -> Option<Vec<ResIdx>> {
    let mut out = Vec::new();
    for l in g.children_of_type(zone, t::DNS_ZONE_LINK) {
        if g.get(l).uncertain {
            return None;
        }
        out.push(g.target(l, EdgeKind::LinkedVnet)?);
    }
    Some(out)
}

/// The workspaces whose network a resource belongs to: the workspace itself,
/// or the workspaces using it as storage, key vault, registry or Application
/// Insights, or (for a private link scope) the workspaces whose Application
/// Insights it holds.
pub fn aml_workspaces_of(g: &Graph, r: ResIdx) -> Vec<ResIdx> {
    let res = g.get(r);
    if res.is(t::WORKSPACE) {
        return vec![r];
    }
    let mut out = Vec::new();
    for kind in [
        EdgeKind::Storage,
        EdgeKind::KeyVault,
        EdgeKind::Registry,
        EdgeKind::AppInsights,
    ] {
        out.extend(workspaces_using(g, r, kind));
    }
    if res.is(t::PRIVATE_LINK_SCOPE) {
        for sr in g.children_of_type(r, t::SCOPED_RESOURCE) {
            if let Some(ai) = g.target(sr, EdgeKind::ScopedResource) {
                out.extend(workspaces_using(g, ai, EdgeKind::AppInsights));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The computes of a workspace that certainly exist.
pub fn computes(g: &Graph, w: ResIdx) -> Vec<ResIdx> {
    g.children_of_type(w, t::COMPUTE)
        .filter(|c| !g.get(*c).uncertain)
        .collect()
}

/// A boolean property (`true`/`false`, also as strings); absent gives `default`.
pub fn bool_prop(g: &Graph, r: ResIdx, path: &str, default: Option<bool>) -> Option<bool> {
    match g.get(r).prop(path) {
        None => default,
        Some(v) if v.is_null() => default,
        Some(v) => v.as_bool(),
    }
}

/// Public network access, with absence meaning enabled (the providers' default).
pub fn public_access_enabled(g: &Graph, r: ResIdx) -> Tri {
    match g.get(r).prop("properties.publicNetworkAccess") {
        None => Tri::Yes,
        Some(v) if v.is_null() => Tri::Yes,
        Some(v) => match v.as_str() {
            Some(s) => Tri::from_bool(Some(s.eq_ignore_ascii_case("Enabled"))),
            None => Tri::Unknown,
        },
    }
}

/// Public services every compute must reach (the outbound requirements of
/// an Azure ML compute, by service tag).
pub const REQUIRED_OUTBOUND_TAGS: [&str; 6] = [
    "AzureMachineLearning",
    "AzureActiveDirectory",
    "AzureResourceManager",
    "BatchNodeManagement",
    "Storage",
    "MicrosoftContainerRegistry",
];

/// The outbound path of a subnet: a NAT gateway, or routes that carry the
/// traffic to every required service (by longest prefix, see
/// [`crate::routes`]) to a virtual appliance or the Internet. A route to
/// `None`, or no route at all, is no path.
pub fn outbound_path(g: &Graph, subnet: ResIdx) -> Tri {
    use crate::routes::{lookup, Dest, Lookup};
    let res = g.get(subnet);
    match res.prop("properties.natGateway.id") {
        Some(v) if !v.is_null() => return Tri::Yes,
        _ => {}
    }
    let mut all = Tri::Yes;
    for tag in REQUIRED_OUTBOUND_TAGS {
        let hop = match lookup(g, subnet, &Dest::Tag { tag, region: None }) {
            Lookup::Unknown => Tri::Unknown,
            Lookup::System => Tri::No,
            Lookup::Route(r) if r.hop_is("VirtualAppliance") || r.hop_is("Internet") => Tri::Yes,
            Lookup::Route(r) if r.hop_is("None") => Tri::No,
            // A gateway (forced tunnelling) may or may not lead out.
            Lookup::Route(_) => Tri::Unknown,
        };
        match hop {
            Tri::No => return Tri::No,
            Tri::Unknown => all = Tri::Unknown,
            Tri::Yes => {}
        }
    }
    all
}

/// The `properties` of every route of a route table: inline routes and
/// separate route resources. Routes whose existence is unknown are left out;
/// the flag says whether there were any.
pub fn route_properties(g: &Graph, rt: ResIdx) -> (Vec<Value>, bool) {
    let mut routes: Vec<Value> = g
        .get(rt)
        .body
        .path_all("properties.routes.*.properties")
        .into_iter()
        .cloned()
        .collect();
    let mut uncertain = false;
    for r in g.children_of_type(rt, t::ROUTE) {
        if g.get(r).uncertain {
            uncertain = true;
            continue;
        }
        routes.push(g.get(r).prop("properties").cloned().unwrap_or_default());
    }
    (routes, uncertain)
}

/// The first address prefix of a subnet (`addressPrefix` or `addressPrefixes[0]`), when known.
pub fn subnet_prefix(g: &Graph, s: ResIdx) -> Option<ipnet::Ipv4Net> {
    let r = g.get(s);
    r.prop("properties.addressPrefix")
        .or_else(|| r.prop("properties.addressPrefixes.0"))
        .and_then(Value::as_str)
        .and_then(isolint_model::net::parse_v4)
}

/// Is a compute in a customer subnet (it names one)?
pub fn compute_subnet(g: &Graph, c: ResIdx) -> Option<ResIdx> {
    g.target(c, EdgeKind::Subnet)
}

/// Does a compute name a subnet at all (even one outside the scan)?
pub fn names_subnet(g: &Graph, c: ResIdx) -> Tri {
    match g.get(c).prop("properties.properties.subnet.id") {
        None => Tri::No,
        Some(v) if v.is_null() => Tri::No,
        Some(v) if v.is_unknown() && v.origin.resource.is_none() => Tri::Unknown,
        Some(_) => Tri::Yes,
    }
}

/// Does the graph hold a resource of this child type whose parent could not
/// be found (its name is unknown)? Such a child might belong to any parent,
/// so "this parent has no such child" cannot be proven.
/// Only children from the same scan unit as `near` count.
pub fn has_orphans(g: &Graph, child_type: &str, near: ResIdx) -> bool {
    let unit = g.unit(near);
    g.of_type(child_type)
        .iter()
        .any(|c| g.parent(*c).is_none() && g.unit(*c) == unit)
}

/// The VNets of a workspace's own private endpoints (group `amlworkspace`);
/// `None` when any of them cannot be known.
pub fn workspace_pe_vnets(g: &Graph, w: ResIdx) -> Option<Vec<ResIdx>> {
    let mut out = workspace_pe_subnets(g, w)?
        .into_iter()
        .map(|s| vnet_of_subnet(g, s))
        .collect::<Option<Vec<ResIdx>>>()?;
    out.sort();
    out.dedup();
    Some(out)
}

/// A region name in a comparable form (`West Europe` → `westeurope`).
pub fn region(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?;
    Some(
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase(),
    )
}

/// The subnets a storage account's, key vault's or registry's service
/// endpoint rules admit (`virtualNetworkRules`), when every rule is known
/// and in the scan; `Some(empty)` when there are none.
pub fn rule_subnets(g: &Graph, r: ResIdx) -> Option<Vec<ResIdx>> {
    let res = g.get(r);
    let path = if res.is(t::REGISTRY) {
        "properties.networkRuleSet.virtualNetworkRules"
    } else {
        "properties.networkAcls.virtualNetworkRules"
    };
    let entries = match res.prop(path) {
        None => return Some(Vec::new()),
        Some(v) if v.is_null() => return Some(Vec::new()),
        Some(v) => v.as_list()?.len(),
    };
    if g.unresolved_from(r).any(|u| u.kind == EdgeKind::RuleSubnet) {
        return None;
    }
    let mut subnets = g.targets(r, EdgeKind::RuleSubnet);
    // Every rule must have led to a subnet of the scan.
    if subnets.len() < entries {
        return None;
    }
    subnets.sort();
    subnets.dedup();
    Some(subnets)
}

/// The subnets of a workspace's own private endpoints (group
/// `amlworkspace`); `None` when any of them cannot be known.
pub fn workspace_pe_subnets(g: &Graph, w: ResIdx) -> Option<Vec<ResIdx>> {
    let (pes, uncertain) = private_endpoints(g, w);
    if uncertain {
        return None;
    }
    let mut out = Vec::new();
    for pe in pes {
        if pe_groups(g, pe)?.iter().any(|x| x == "amlworkspace") {
            out.push(g.target(pe, EdgeKind::Subnet)?);
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}
