//! The shared definitions of the rule catalog ("Definitions used by the
//! rules" in the specification), as graph queries.
//!
//! Answers are three-valued: a condition is [`Tri::Yes`] only when proven
//! from known values, [`Tri::No`] only when every input is known, and
//! [`Tri::Unknown`] otherwise. Rules report on `Yes` only.

use isolint_model::types as t;
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
