//! Effective routes: which route of a subnet's route table carries traffic
//! to a destination, as Azure chooses it.
//!
//! Azure picks the user route with the longest matching prefix. A route may
//! name a service tag instead of a prefix; a tag's prefixes are narrower than
//! any broad prefix that also covers them, and between tag routes a regional
//! tag (`Storage.westeurope`) wins over its bare tag (`Storage`), which wins
//! over `AzureCloud`. When no user route matches, the system routes apply
//! (public destinations go to the Internet).
//!
//! What cannot be decided from the configuration is [`Lookup::Unknown`]: a
//! route table declared elsewhere, a route whose prefix or next hop is not
//! known, a route that may not exist,
//! a public prefix other than `0.0.0.0/0` for a service tag destination (the
//! tag's addresses are not in the configuration).

use crate::defs::route_properties;
use ipnet::Ipv4Net;
use isolint_model::net::{is_non_public, parse_v4};
use isolint_model::{EdgeKind, Graph, ResIdx, Value};
use std::net::Ipv4Addr;

/// Where traffic is going.
#[derive(Clone, Debug)]
pub enum Dest {
    /// The public addresses of a service tag (`AzureMachineLearning`), in a
    /// region when known.
    Tag {
        tag: &'static str,
        region: Option<String>,
    },
    Addr(Ipv4Addr),
}

/// The route that carries the traffic.
#[derive(Clone, Debug)]
pub struct Chosen {
    /// The route's `properties` (ARM shape).
    pub route: Value,
    /// `nextHopType` as written (`VirtualAppliance`, `Internet`, `None`, …).
    pub hop: String,
    /// The route table it belongs to.
    pub table: ResIdx,
}

impl Chosen {
    pub fn hop_is(&self, hop: &str) -> bool {
        self.hop.eq_ignore_ascii_case(hop)
    }

    pub fn prefix(&self) -> &str {
        self.route
            .get("addressPrefix")
            .and_then(Value::as_str)
            .unwrap_or("")
    }
}

#[derive(Clone, Debug)]
pub enum Lookup {
    /// A user route carries it.
    Route(Chosen),
    /// No user route matches: the system routes apply.
    System,
    /// Cannot be told from the configuration.
    Unknown,
}

/// How specific a matching route is; higher wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Prefix(u8),
    AzureCloud,
    AzureCloudRegional,
    Tag,
    RegionalTag,
    /// Exact address (a /32) beats everything.
    Host,
}

/// Does a route's address prefix cover the destination? `None`: cannot tell.
fn matches(prefix: &str, dest: &Dest) -> Option<Option<Rank>> {
    let p = prefix.trim();
    if let Some(net) = parse_v4(p) {
        return Some(match dest {
            Dest::Addr(a) => net.contains(a).then(|| {
                if net.prefix_len() == 32 {
                    Rank::Host
                } else {
                    Rank::Prefix(net.prefix_len())
                }
            }),
            Dest::Tag { .. } if net.prefix_len() == 0 => Some(Rank::Prefix(0)),
            Dest::Tag { .. } if is_non_public(&net) => None,
            // Some of the tag's addresses may be inside, some not.
            Dest::Tag { .. } => return None,
        });
    }
    if p.contains('/') || p.contains(':') {
        // Malformed or IPv6: not a match for an IPv4 flow or a tag we model.
        return if p.contains(':') { Some(None) } else { None };
    }
    // A service tag, maybe with a region.
    let (base, reg) = match p.split_once('.') {
        Some((b, r)) => (b, Some(r)),
        None => (p, None),
    };
    Some(match dest {
        Dest::Addr(a) => {
            let host = Ipv4Net::new(*a, 32).ok()?;
            if is_non_public(&host) {
                None
            } else {
                return None;
            }
        }
        Dest::Tag { tag, region } => {
            let same = base.eq_ignore_ascii_case(tag);
            let cloud = base.eq_ignore_ascii_case("AzureCloud");
            if !same && !cloud {
                None
            } else {
                match reg {
                    None if same => Some(Rank::Tag),
                    None => Some(Rank::AzureCloud),
                    Some(r) => match region {
                        Some(d) if d.eq_ignore_ascii_case(r) => Some(if same {
                            Rank::RegionalTag
                        } else {
                            Rank::AzureCloudRegional
                        }),
                        Some(_) => None,
                        None => return None,
                    },
                }
            }
        }
    })
}

/// The route a route table chooses for a destination.
pub fn lookup_table(g: &Graph, rt: ResIdx, dest: &Dest) -> Lookup {
    // A table that may not exist, or one declared elsewhere (a data source,
    // `existing`): its routes are not known.
    if g.get(rt).uncertain || g.get(rt).existing {
        return Lookup::Unknown;
    }
    let (routes, uncertain) = route_properties(g, rt);
    if uncertain {
        return Lookup::Unknown;
    }
    let mut best: Option<(Rank, &Value, String)> = None;
    for r in &routes {
        let (Some(prefix), Some(hop)) = (
            r.get("addressPrefix").and_then(Value::as_str),
            r.get("nextHopType").and_then(Value::as_str),
        ) else {
            return Lookup::Unknown;
        };
        let Some(m) = matches(prefix, dest) else {
            return Lookup::Unknown;
        };
        let Some(rank) = m else { continue };
        match &best {
            Some((b, _, _)) if *b >= rank => {}
            _ => best = Some((rank, r, hop.to_string())),
        }
    }
    match best {
        Some((_, route, hop)) => Lookup::Route(Chosen {
            route: route.clone(),
            hop,
            table: rt,
        }),
        None => Lookup::System,
    }
}

/// The route a subnet's traffic to `dest` takes.
pub fn lookup(g: &Graph, subnet: ResIdx, dest: &Dest) -> Lookup {
    let has_table = g
        .get(subnet)
        .prop("properties.routeTable.id")
        .is_some_and(|v| !v.is_null());
    match g.target(subnet, EdgeKind::RouteTable) {
        Some(rt) => lookup_table(g, rt, dest),
        // A route table outside the scan: its routes are unknown.
        None if has_table => Lookup::Unknown,
        None => Lookup::System,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(t: &'static str, r: Option<&str>) -> Dest {
        Dest::Tag {
            tag: t,
            region: r.map(str::to_string),
        }
    }

    #[test]
    fn prefixes_and_tags_rank_as_azure_ranks_them() {
        let aml = tag("AzureMachineLearning", Some("westeurope"));
        assert_eq!(matches("0.0.0.0/0", &aml), Some(Some(Rank::Prefix(0))));
        assert_eq!(matches("10.0.0.0/8", &aml), Some(None));
        assert_eq!(matches("20.0.0.0/8", &aml), None);
        assert_eq!(matches("AzureMachineLearning", &aml), Some(Some(Rank::Tag)));
        assert_eq!(
            matches("azuremachinelearning.WestEurope", &aml),
            Some(Some(Rank::RegionalTag))
        );
        assert_eq!(matches("AzureMachineLearning.eastus", &aml), Some(None));
        assert_eq!(matches("Storage", &aml), Some(None));
        assert_eq!(matches("AzureCloud", &aml), Some(Some(Rank::AzureCloud)));
        let unknown_region = tag("AzureMachineLearning", None);
        assert_eq!(
            matches("AzureMachineLearning.eastus", &unknown_region),
            None
        );
        let a = Dest::Addr("10.1.2.3".parse().unwrap());
        assert_eq!(matches("10.1.0.0/16", &a), Some(Some(Rank::Prefix(16))));
        assert_eq!(matches("10.1.2.3/32", &a), Some(Some(Rank::Host)));
        assert_eq!(matches("10.2.0.0/16", &a), Some(None));
        assert_eq!(matches("Storage", &a), Some(None));
        let public = Dest::Addr("20.1.2.3".parse().unwrap());
        assert_eq!(matches("Storage", &public), None);
        assert!(Rank::RegionalTag > Rank::Tag);
        assert!(Rank::Tag > Rank::AzureCloudRegional);
        assert!(Rank::AzureCloud > Rank::Prefix(32));
        assert!(Rank::Prefix(24) > Rank::Prefix(0));
    }
}
