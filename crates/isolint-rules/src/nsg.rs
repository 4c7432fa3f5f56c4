//! Network security group evaluation, as Azure does it: the rules of the NSG
//! in priority order, the first match decides, default rules last.
//!
//! Flows name their far end by service tag (`AzureMachineLearning`,
//! `Storage.westeurope`) or prefix. Anything a rule uses that cannot be
//! known (an unknown field, an application security group, an IP range
//! compared with a service tag's unpublished addresses) makes the verdict
//! [`Verdict::Unknown`], never a denial.

use isolint_model::net::{is_private, overlaps, parse_v4};
use isolint_model::types as t;
use isolint_model::{Graph, ResIdx, Span, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Inbound,
    Outbound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
}

impl Protocol {
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
        }
    }
}

/// One side of a flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A service tag, possibly regional (`Storage.westeurope`).
    Tag(String),
    /// Addresses of this VNet (a subnet prefix, when known).
    Vnet(Option<ipnet::Ipv4Net>),
}

#[derive(Clone, Debug)]
pub struct Flow {
    pub direction: Direction,
    pub protocol: Protocol,
    pub port: u16,
    pub source: Endpoint,
    pub destination: Endpoint,
}

/// A security rule, inline or separate, or one of Azure's defaults.
#[derive(Clone, Debug)]
pub struct SecRule {
    pub name: String,
    pub priority: i64,
    pub allow: bool,
    pub direction: Direction,
    pub protocols: Vec<String>,
    pub ports: Vec<String>,
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    /// Where the rule is written (`None` for default rules).
    pub span: Option<Span>,
    /// The resource holding it (the NSG or the separate rule resource).
    pub holder: ResIdx,
    pub default: bool,
}

#[derive(Clone, Debug)]
pub enum Verdict {
    Allowed(SecRule),
    Denied(SecRule),
    Unknown,
}

fn strings(props: &Value, one: &str, many: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    if let Some(v) = props.get(one).filter(|v| !v.is_null()) {
        out.push(v.as_str()?.to_string());
    }
    if let Some(v) = props.get(many).filter(|v| !v.is_null()) {
        for i in v.as_list()? {
            out.push(i.as_str()?.to_string());
        }
    }
    Some(out)
}

fn parse_rule(props: &Value, name: String, span: Option<Span>, holder: ResIdx) -> Option<SecRule> {
    let direction = match props
        .get("direction")?
        .as_str()?
        .to_ascii_lowercase()
        .as_str()
    {
        "inbound" => Direction::Inbound,
        "outbound" => Direction::Outbound,
        _ => return None,
    };
    let allow = props.get("access")?.as_str()?.eq_ignore_ascii_case("allow");
    let priority = props.get("priority")?.as_i64()?;
    let protocols = vec![props.get("protocol")?.as_str()?.to_string()];
    let ports = strings(props, "destinationPortRange", "destinationPortRanges")?;
    let mut sources = strings(props, "sourceAddressPrefix", "sourceAddressPrefixes")?;
    let mut destinations = strings(
        props,
        "destinationAddressPrefix",
        "destinationAddressPrefixes",
    )?;
    // Application security groups are not resolved: they make the rule unknown.
    if props
        .get("sourceApplicationSecurityGroups")
        .and_then(Value::as_list)
        .is_some_and(|l| !l.is_empty())
    {
        sources.push("<asg>".into());
    }
    if props
        .get("destinationApplicationSecurityGroups")
        .and_then(Value::as_list)
        .is_some_and(|l| !l.is_empty())
    {
        destinations.push("<asg>".into());
    }
    Some(SecRule {
        name,
        priority,
        allow,
        direction,
        protocols,
        ports,
        sources,
        destinations,
        span,
        holder,
        default: false,
    })
}

/// The explicit rules of an NSG (inline and separate); `None` when any rule
/// cannot be read (then no verdict can be proven).
pub fn rules(g: &Graph, nsg: ResIdx) -> Option<Vec<SecRule>> {
    let res = g.get(nsg);
    let mut out = Vec::new();
    if let Some(list) = res.prop("properties.securityRules") {
        for (i, r) in list.as_list()?.iter().enumerate() {
            let name = r
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let span = r
                .span()
                .or_else(|| Some(res.site(&format!("properties.securityRules.{i}"))));
            out.push(parse_rule(r.get("properties")?, name, span, nsg)?);
        }
    }
    for c in g.children_of_type(nsg, t::NSG_RULE) {
        let cr = g.get(c);
        if cr.uncertain {
            return None;
        }
        let name = g.display_name(c).to_string();
        out.push(parse_rule(cr.prop("properties")?, name, Some(cr.span), c)?);
    }
    out.sort_by_key(|r| r.priority);
    Some(out)
}

fn default_rules(nsg: ResIdx, direction: Direction) -> Vec<SecRule> {
    let mk = |name: &str, priority: i64, allow: bool, src: &str, dst: &str| SecRule {
        name: name.into(),
        priority,
        allow,
        direction,
        protocols: vec!["*".into()],
        ports: vec!["*".into()],
        sources: vec![src.into()],
        destinations: vec![dst.into()],
        span: None,
        holder: nsg,
        default: true,
    };
    match direction {
        Direction::Inbound => vec![
            mk(
                "AllowVnetInBound",
                65000,
                true,
                "VirtualNetwork",
                "VirtualNetwork",
            ),
            mk(
                "AllowAzureLoadBalancerInBound",
                65001,
                true,
                "AzureLoadBalancer",
                "*",
            ),
            mk("DenyAllInBound", 65500, false, "*", "*"),
        ],
        Direction::Outbound => vec![
            mk(
                "AllowVnetOutBound",
                65000,
                true,
                "VirtualNetwork",
                "VirtualNetwork",
            ),
            mk("AllowInternetOutBound", 65001, true, "*", "Internet"),
            mk("DenyAllOutBound", 65500, false, "*", "*"),
        ],
    }
}

/// Does a rule's protocol field match? `None`: cannot tell.
fn protocol_matches(p: &str, flow: Protocol) -> Option<bool> {
    let p = p.trim();
    let is = |x: &str| p.eq_ignore_ascii_case(x);
    Some(if p == "*" || is("any") {
        true
    } else if is("tcp") {
        flow == Protocol::Tcp
    } else if is("udp") {
        flow == Protocol::Udp
    } else if is("icmp") || is("esp") || is("ah") {
        false
    } else {
        return None;
    })
}

/// Does a port field (`*`, `443`, `1000-2000`) match?
pub fn port_matches(spec: &str, port: u16) -> Option<bool> {
    let s = spec.trim();
    if s == "*" {
        return Some(true);
    }
    if let Some((a, b)) = s.split_once('-') {
        let (a, b) = (a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?);
        return Some(a <= port as u32 && port as u32 <= b);
    }
    Some(s.parse::<u32>().ok()? == port as u32)
}

/// Does an address field match an endpoint?
fn address_matches(spec: &str, ep: &Endpoint) -> Option<bool> {
    let s = spec.trim();
    if s == "*" || s.eq_ignore_ascii_case("any") {
        return Some(true);
    }
    if s == "<asg>" {
        return None;
    }
    let is = |x: &str| s.eq_ignore_ascii_case(x);
    match ep {
        Endpoint::Tag(tag) => {
            if is("internet") {
                // The service tags of the required flows are public addresses.
                return Some(true);
            }
            if is("virtualnetwork") || is("azureloadbalancer") {
                return Some(false);
            }
            if let Some(net) = parse_v4(s) {
                // A private range holds no public service address; 0.0.0.0/0 holds all.
                if net.prefix_len() == 0 {
                    return Some(true);
                }
                return if is_private(&net) { Some(false) } else { None };
            }
            // Tags: a bare tag covers its regional forms.
            let base = tag.split('.').next().unwrap_or(tag);
            Some(is(tag) || is(base))
        }
        Endpoint::Vnet(prefix) => {
            if is("virtualnetwork") {
                return Some(true);
            }
            if let Some(net) = parse_v4(s) {
                return prefix
                    .as_ref()
                    .map(|p| overlaps(&net, p) && net.contains(p));
            }
            // Another service tag never stands for this VNet's own addresses.
            Some(false)
        }
    }
}

fn any_matches(specs: &[String], f: impl Fn(&str) -> Option<bool>) -> Option<bool> {
    let mut unknown = false;
    for s in specs {
        match f(s) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unknown = true,
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}

fn rule_matches(r: &SecRule, flow: &Flow) -> Option<bool> {
    if r.direction != flow.direction {
        return Some(false);
    }
    let checks = [
        any_matches(&r.protocols, |p| protocol_matches(p, flow.protocol)),
        any_matches(&r.ports, |p| port_matches(p, flow.port)),
        any_matches(&r.sources, |a| address_matches(a, &flow.source)),
        any_matches(&r.destinations, |a| address_matches(a, &flow.destination)),
    ];
    if checks.contains(&Some(false)) {
        return Some(false);
    }
    if checks.contains(&None) {
        return None;
    }
    Some(true)
}

/// The verdict of an NSG on a flow.
pub fn evaluate(g: &Graph, nsg: ResIdx, flow: &Flow) -> Verdict {
    verdict(rules(g, nsg).as_deref(), nsg, flow)
}

fn verdict(explicit: Option<&[SecRule]>, nsg: ResIdx, flow: &Flow) -> Verdict {
    let Some(explicit) = explicit else {
        return Verdict::Unknown;
    };
    verdict_with(explicit, &default_rules(nsg, flow.direction), flow)
}

fn verdict_with(explicit: &[SecRule], defaults: &[SecRule], flow: &Flow) -> Verdict {
    for r in explicit.iter().chain(defaults.iter()) {
        match rule_matches(r, flow) {
            Some(true) => {
                return if r.allow {
                    Verdict::Allowed(r.clone())
                } else {
                    Verdict::Denied(r.clone())
                }
            }
            Some(false) => {}
            None => return Verdict::Unknown,
        }
    }
    Verdict::Unknown
}

/// Where a compute's traffic leaves from: its subnet, and the NSGs the
/// traffic crosses in order (a network interface's, then the subnet's).
pub struct Egress {
    pub subnet: ResIdx,
    pub nic: Option<ResIdx>,
    pub nsgs: Vec<ResIdx>,
}

/// The egress points of a compute: the subnet of a cluster or instance, or
/// the network interfaces of an attached virtual machine (each with the NSGs
/// on the way out, possibly none).
pub fn egress(g: &Graph, c: ResIdx) -> Vec<Egress> {
    use crate::defs::{compute_subnet, in_scope};
    use isolint_model::EdgeKind;
    if let Some(s) = compute_subnet(g, c) {
        if !in_scope(g, s) {
            return Vec::new();
        }
        return vec![Egress {
            subnet: s,
            nic: None,
            nsgs: g.target(s, EdgeKind::Nsg).into_iter().collect(),
        }];
    }
    let Some(vm) = g
        .target(c, EdgeKind::Attached)
        .filter(|v| g.get(*v).is(t::VM))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for nic in g.targets(vm, EdgeKind::Nic) {
        let Some(s) = g.target(nic, EdgeKind::Subnet) else {
            continue;
        };
        if !in_scope(g, nic) || !in_scope(g, s) {
            continue;
        }
        let nsgs: Vec<ResIdx> = g
            .target(nic, EdgeKind::Nsg)
            .into_iter()
            .chain(g.target(s, EdgeKind::Nsg))
            .collect();
        out.push(Egress {
            subnet: s,
            nic: Some(nic),
            nsgs,
        });
    }
    out
}

impl Egress {
    /// How findings name where the traffic leaves from.
    pub fn describe(&self, g: &Graph) -> String {
        match self.nic {
            Some(nic) => format!(
                "network interface '{}' in subnet '{}'",
                g.display_name(nic),
                g.display_name(self.subnet)
            ),
            None => format!("subnet '{}'", g.display_name(self.subnet)),
        }
    }
}

/// The verdict on a flow that crosses several NSGs in order (a network
/// interface's and its subnet's): every one must allow it. Returns the
/// verdict and the NSG that decided it (the first that denies, else the
/// last that allows).
pub fn path_verdict(
    cache: &NsgCache,
    g: &Graph,
    nsgs: &[ResIdx],
    flow: &Flow,
) -> (Verdict, Option<ResIdx>) {
    let mut unknown = false;
    let mut last = None;
    for &nsg in nsgs {
        match cache.evaluate(g, nsg, flow) {
            Verdict::Denied(r) => return (Verdict::Denied(r), Some(nsg)),
            Verdict::Unknown => unknown = true,
            Verdict::Allowed(r) => last = Some((r, nsg)),
        }
    }
    match last {
        Some((r, nsg)) if !unknown => (Verdict::Allowed(r), Some(nsg)),
        _ => (Verdict::Unknown, None),
    }
}

/// NSG rules read once per run: rules ask many flows of the same NSGs.
#[derive(Default)]
pub struct NsgCache {
    parsed: std::cell::RefCell<std::collections::HashMap<ResIdx, Option<std::rc::Rc<Parsed>>>>,
}

/// An NSG's explicit rules and its default rules in both directions.
struct Parsed {
    explicit: Vec<SecRule>,
    inbound: Vec<SecRule>,
    outbound: Vec<SecRule>,
}

impl NsgCache {
    /// The verdict of an NSG on a flow ([`evaluate`], with the NSG's rules read once).
    pub fn evaluate(&self, g: &Graph, nsg: ResIdx, flow: &Flow) -> Verdict {
        let cached = self.parsed.borrow().get(&nsg).cloned();
        let parsed = match cached {
            Some(c) => c,
            None => {
                let parsed = rules(g, nsg).map(|explicit| {
                    std::rc::Rc::new(Parsed {
                        explicit,
                        inbound: default_rules(nsg, Direction::Inbound),
                        outbound: default_rules(nsg, Direction::Outbound),
                    })
                });
                self.parsed.borrow_mut().insert(nsg, parsed.clone());
                parsed
            }
        };
        let Some(p) = parsed else {
            return Verdict::Unknown;
        };
        let defaults = match flow.direction {
            Direction::Inbound => &p.inbound,
            Direction::Outbound => &p.outbound,
        };
        verdict_with(&p.explicit, defaults, flow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_and_addresses() {
        assert_eq!(port_matches("*", 443), Some(true));
        assert_eq!(port_matches("400-500", 443), Some(true));
        assert_eq!(port_matches("80", 443), Some(false));
        assert_eq!(port_matches("x", 443), None);
        let aml = Endpoint::Tag("AzureMachineLearning".into());
        let st = Endpoint::Tag("Storage.westeurope".into());
        assert_eq!(address_matches("Internet", &aml), Some(true));
        assert_eq!(address_matches("VirtualNetwork", &aml), Some(false));
        assert_eq!(address_matches("Storage", &st), Some(true));
        assert_eq!(address_matches("Storage.eastus", &st), Some(false));
        assert_eq!(address_matches("10.0.0.0/8", &st), Some(false));
        assert_eq!(address_matches("20.0.0.0/8", &st), None);
        assert_eq!(address_matches("0.0.0.0/0", &st), Some(true));
        let v = Endpoint::Vnet(Some("10.0.1.0/24".parse().unwrap()));
        assert_eq!(address_matches("10.0.0.0/16", &v), Some(true));
        assert_eq!(address_matches("10.9.0.0/16", &v), Some(false));
        assert_eq!(address_matches("AzureMachineLearning", &v), Some(false));
    }
}
