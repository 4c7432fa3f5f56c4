//! Pictures of the resource graph the rules see (`isolint graph`): Graphviz
//! DOT, Mermaid and JSON.
//!
//! The picture is a *view* of the [`Graph`]: the network-isolation topology
//! (workspaces and their dependencies, private endpoints, VNets and subnets,
//! private DNS zones, NSGs, route tables, NAT gateways, peerings) without the
//! noise (resource groups, NSG rules, routes, resources of other types that
//! nothing links to). Two kinds of child resources become labelled edges
//! instead of nodes: a private endpoint's DNS zone group (endpoint ──dns-zone──▶
//! zone), a zone's virtual network link (zone ──linked-vnet──▶ VNet) and a
//! private link scope's scoped resource (scope ──scoped-resource──▶ resource).
//! Resources are grouped by VNet and subnet (Graphviz clusters, Mermaid
//! subgraphs); resources attached to a subnet (private endpoints, computes)
//! sit inside it. Resources with findings are red (error) or orange
//! (warning); findings on resources that are not drawn colour the nearest
//! drawn ancestor, or the edge they were folded into.
//!
//! ```no_run
//! let report = isolint::lint(&["infra".into()], &isolint::Config::default()).unwrap();
//! let dot = report.to_dot(); // `dot -Tsvg` makes a picture of it
//! assert!(dot.starts_with("digraph"));
//! ```

use crate::report::Report;
use isolint_model::types as t;
use isolint_model::{EdgeKind, Graph, ResIdx, Severity};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// Types drawn whether or not anything links to them.
const TOPOLOGY_TYPES: &[&str] = &[
    t::WORKSPACE,
    t::COMPUTE,
    t::ONLINE_ENDPOINT,
    t::REGISTRY,
    t::STORAGE,
    t::KEY_VAULT,
    t::APP_INSIGHTS,
    t::LOG_ANALYTICS,
    t::PRIVATE_LINK_SCOPE,
    t::PRIVATE_ENDPOINT,
    t::PRIVATE_DNS_ZONE,
    t::VNET,
    t::SUBNET,
    t::PEERING,
    t::NSG,
    t::ROUTE_TABLE,
    t::NAT_GATEWAY,
    t::FIREWALL,
    t::FIREWALL_POLICY,
    t::CONTAINER_GROUP,
];

/// Types never drawn as nodes (folded into edges, or noise).
const HIDDEN_TYPES: &[&str] = &[
    t::DNS_ZONE_GROUP,
    t::DNS_ZONE_LINK,
    t::NSG_RULE,
    t::ROUTE,
    t::FIREWALL_RULE_GROUP,
    t::OUTBOUND_RULE,
    t::SCOPED_RESOURCE,
    t::DEPLOYMENT,
    "Microsoft.Resources/resourceGroups",
];

/// A finding as shown on the picture.
#[derive(Clone, Debug)]
struct Mark {
    rule: &'static str,
    severity: Severity,
    message: String,
}

#[derive(Debug)]
struct Node {
    idx: ResIdx,
    id: String,
    marks: Vec<Mark>,
    vnet: Option<ResIdx>,
    subnet: Option<ResIdx>,
}

#[derive(Debug)]
struct ViewEdge {
    from: ResIdx,
    to: ResIdx,
    kind: EdgeKind,
    /// The resource folded into this edge (zone group, zone link).
    via: Option<ResIdx>,
    marks: Vec<Mark>,
    /// Shown by grouping (a subnet's VNet, a private endpoint's subnet): left
    /// out of the pictures, kept in JSON.
    implied: bool,
}

/// The view of a report's graph that the three renderings share.
struct View<'a> {
    graph: &'a Graph,
    nodes: Vec<Node>,
    pos: HashMap<ResIdx, usize>,
    edges: Vec<ViewEdge>,
    /// VNet → subnets (in scan order); subnet → members.
    vnets: Vec<(ResIdx, Vec<ResIdx>)>,
    members: HashMap<ResIdx, Vec<ResIdx>>,
    loose_in_vnet: HashMap<ResIdx, Vec<ResIdx>>,
    zones: Vec<ResIdx>,
    ungrouped: Vec<ResIdx>,
}

fn is_any(graph: &Graph, i: ResIdx, types: &[&str]) -> bool {
    let r = graph.get(i);
    types.iter().any(|ty| r.is(ty))
}

fn kind_name(k: EdgeKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{k:?}"))
}

/// The ARM type without `Microsoft.`, keeping the namespace and the last
/// segment: `Network/privateEndpoints`, `MachineLearningServices/computes`.
pub fn short_type(resource_type: &str) -> String {
    let rest = resource_type
        .strip_prefix("Microsoft.")
        .or_else(|| resource_type.strip_prefix("microsoft."))
        .unwrap_or(resource_type);
    let mut parts = rest.split('/');
    let ns = parts.next().unwrap_or(rest);
    match parts.next_back() {
        Some(last) => format!("{ns}/{last}"),
        None => ns.to_string(),
    }
}

fn max_severity(marks: &[Mark]) -> Option<Severity> {
    marks.iter().map(|m| m.severity).max()
}

fn strings_at(graph: &Graph, i: ResIdx, paths: &[&str]) -> Option<String> {
    let r = graph.get(i);
    for p in paths {
        if let Some(v) = r.prop(p) {
            if let Some(s) = v.as_str() {
                return Some(s.to_string());
            }
            if let Some(l) = v.as_list() {
                let items: Vec<&str> = l.iter().filter_map(|x| x.as_str()).collect();
                if !items.is_empty() {
                    return Some(items.join(", "));
                }
            }
        }
    }
    None
}

/// The address prefixes of a VNet or subnet, when known.
fn prefixes(graph: &Graph, i: ResIdx) -> Option<String> {
    strings_at(
        graph,
        i,
        &[
            "properties.addressSpace.addressPrefixes",
            "properties.addressPrefix",
            "properties.addressPrefixes",
        ],
    )
}

impl<'a> View<'a> {
    fn new(report: &'a Report) -> View<'a> {
        let graph = &report.graph;
        // Findings by resource address.
        let mut by_address: HashMap<&str, Vec<ResIdx>> = HashMap::new();
        for (i, r) in graph.iter() {
            by_address.entry(r.address.as_str()).or_default().push(i);
        }
        let mut marks: HashMap<ResIdx, Vec<Mark>> = HashMap::new();
        for f in &report.findings {
            let Some(addr) = &f.resource else { continue };
            for &i in by_address
                .get(addr.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                marks.entry(i).or_default().push(Mark {
                    rule: f.rule,
                    severity: f.severity,
                    message: f.message.clone(),
                });
            }
        }
        // Which resources are nodes.
        let mut shown: BTreeSet<ResIdx> = BTreeSet::new();
        for (i, _) in graph.iter() {
            if is_any(graph, i, HIDDEN_TYPES) {
                continue;
            }
            if is_any(graph, i, TOPOLOGY_TYPES) {
                shown.insert(i);
            }
        }
        // Other resources: drawn when a drawn resource links to them (or they
        // to it), or when they have findings.
        let edges_all: Vec<_> = graph.edges().collect();
        for (a, b, e) in &edges_all {
            if e.kind == EdgeKind::Parent {
                continue;
            }
            for (x, y) in [(*a, *b), (*b, *a)] {
                if shown.contains(&x) && !is_any(graph, y, HIDDEN_TYPES) {
                    shown.insert(y);
                }
            }
        }
        for i in marks.keys() {
            if !is_any(graph, *i, HIDDEN_TYPES) {
                shown.insert(*i);
            }
        }
        // Findings on hidden resources colour their nearest drawn ancestor,
        // unless the resource is folded into an edge.
        let folded =
            |i: ResIdx| graph.get(i).is(t::DNS_ZONE_GROUP) || graph.get(i).is(t::DNS_ZONE_LINK);
        let mut node_marks: HashMap<ResIdx, Vec<Mark>> = HashMap::new();
        for (i, m) in &marks {
            if shown.contains(i) {
                node_marks.entry(*i).or_default().extend(m.iter().cloned());
                continue;
            }
            if folded(*i) {
                continue;
            }
            let mut cur = graph.parent(*i);
            let mut depth = 0;
            while let Some(p) = cur {
                if shown.contains(&p) {
                    node_marks.entry(p).or_default().extend(m.iter().cloned());
                    break;
                }
                depth += 1;
                if depth > 16 {
                    break;
                }
                cur = graph.parent(p);
            }
        }
        // Grouping.
        let vnet_of_subnet = |s: ResIdx| graph.parent(s).filter(|p| graph.get(*p).is(t::VNET));
        let mut subnet_of: HashMap<ResIdx, ResIdx> = HashMap::new();
        for &i in &shown {
            let r = graph.get(i);
            if r.is(t::SUBNET) {
                continue;
            }
            if let Some(s) = graph
                .target(i, EdgeKind::Subnet)
                .filter(|s| shown.contains(s))
            {
                subnet_of.insert(i, s);
            }
        }
        let mut nodes = Vec::new();
        let mut pos = HashMap::new();
        for &i in &shown {
            let r = graph.get(i);
            let (vnet, subnet) = if r.is(t::VNET) {
                (Some(i), None)
            } else if r.is(t::SUBNET) {
                (vnet_of_subnet(i).filter(|v| shown.contains(v)), Some(i))
            } else if r.is(t::PEERING) {
                (graph.parent(i).filter(|v| shown.contains(v)), None)
            } else if let Some(s) = subnet_of.get(&i) {
                (vnet_of_subnet(*s).filter(|v| shown.contains(v)), Some(*s))
            } else {
                (None, None)
            };
            pos.insert(i, nodes.len());
            nodes.push(Node {
                idx: i,
                id: format!("n{}", i.0),
                marks: node_marks.remove(&i).unwrap_or_default(),
                vnet,
                subnet,
            });
        }
        // Edges between drawn nodes, and folded edges.
        let mut edges: Vec<ViewEdge> = Vec::new();
        let mut seen: BTreeSet<(ResIdx, ResIdx, EdgeKind, Option<ResIdx>)> = BTreeSet::new();
        let mut push = |edges: &mut Vec<ViewEdge>, e: ViewEdge| {
            if seen.insert((e.from, e.to, e.kind, e.via)) {
                edges.push(e);
            }
        };
        for (a, b, e) in &edges_all {
            let (a, b) = (*a, *b);
            if shown.contains(&a) && shown.contains(&b) {
                let na = &nodes[pos[&a]];
                let implied = match e.kind {
                    EdgeKind::Parent => na.vnet == Some(b) || na.subnet == Some(b),
                    EdgeKind::Subnet => na.subnet == Some(b),
                    _ => false,
                };
                push(
                    &mut edges,
                    ViewEdge {
                        from: a,
                        to: b,
                        kind: e.kind,
                        via: None,
                        marks: Vec::new(),
                        implied,
                    },
                );
                continue;
            }
            // Zone group (child of a private endpoint) → zone.
            if e.kind == EdgeKind::DnsZone && graph.get(a).is(t::DNS_ZONE_GROUP) {
                if let Some(pe) = graph.parent(a).filter(|p| shown.contains(p)) {
                    if shown.contains(&b) {
                        push(
                            &mut edges,
                            ViewEdge {
                                from: pe,
                                to: b,
                                kind: EdgeKind::DnsZone,
                                via: Some(a),
                                marks: marks.get(&a).cloned().unwrap_or_default(),
                                implied: false,
                            },
                        );
                    }
                }
            }
            // Scoped resource (child of a private link scope) → linked resource.
            if e.kind == EdgeKind::ScopedResource && graph.get(a).is(t::SCOPED_RESOURCE) {
                if let Some(scope) = graph.parent(a).filter(|p| shown.contains(p)) {
                    if shown.contains(&b) {
                        push(
                            &mut edges,
                            ViewEdge {
                                from: scope,
                                to: b,
                                kind: EdgeKind::ScopedResource,
                                via: Some(a),
                                marks: marks.get(&a).cloned().unwrap_or_default(),
                                implied: false,
                            },
                        );
                    }
                }
            }
            // Zone link (child of a zone) → VNet.
            if e.kind == EdgeKind::LinkedVnet && graph.get(a).is(t::DNS_ZONE_LINK) {
                if let Some(z) = graph.parent(a).filter(|p| shown.contains(p)) {
                    if shown.contains(&b) {
                        push(
                            &mut edges,
                            ViewEdge {
                                from: z,
                                to: b,
                                kind: EdgeKind::LinkedVnet,
                                via: Some(a),
                                marks: marks.get(&a).cloned().unwrap_or_default(),
                                implied: false,
                            },
                        );
                    }
                }
            }
        }
        edges.sort_by_key(|e| (e.from, e.to, e.kind, e.via));
        // Groups.
        let mut vnets: Vec<(ResIdx, Vec<ResIdx>)> = Vec::new();
        let mut members: HashMap<ResIdx, Vec<ResIdx>> = HashMap::new();
        let mut loose_in_vnet: HashMap<ResIdx, Vec<ResIdx>> = HashMap::new();
        let mut zones = Vec::new();
        let mut ungrouped = Vec::new();
        for n in &nodes {
            let r = graph.get(n.idx);
            if r.is(t::VNET) {
                vnets.push((n.idx, Vec::new()));
            }
        }
        let vnet_pos: HashMap<ResIdx, usize> = vnets
            .iter()
            .enumerate()
            .map(|(k, (v, _))| (*v, k))
            .collect();
        for n in &nodes {
            let r = graph.get(n.idx);
            if r.is(t::VNET) {
                continue;
            }
            if r.is(t::SUBNET) {
                match n.vnet.and_then(|v| vnet_pos.get(&v)) {
                    Some(&k) => vnets[k].1.push(n.idx),
                    None => ungrouped.push(n.idx),
                }
                continue;
            }
            if let Some(s) = n.subnet {
                members.entry(s).or_default().push(n.idx);
                continue;
            }
            if let Some(v) = n.vnet {
                loose_in_vnet.entry(v).or_default().push(n.idx);
                continue;
            }
            if r.is(t::PRIVATE_DNS_ZONE) {
                zones.push(n.idx);
            } else {
                ungrouped.push(n.idx);
            }
        }
        // A subnet whose VNet is not drawn still groups its members.
        View {
            graph,
            nodes,
            pos,
            edges,
            vnets,
            members,
            loose_in_vnet,
            zones,
            ungrouped,
        }
    }

    fn node(&self, i: ResIdx) -> &Node {
        &self.nodes[self.pos[&i]]
    }

    fn label_lines(&self, i: ResIdx) -> Vec<String> {
        let g = self.graph;
        let r = g.get(i);
        let mut lines = vec![short_type(&r.resource_type), g.display_name(i).to_string()];
        if r.is(t::VNET) || r.is(t::SUBNET) {
            if let Some(p) = prefixes(g, i) {
                lines.push(p);
            }
        }
        if r.is(t::REGISTRY) {
            if let Some(s) = strings_at(g, i, &["sku.name"]) {
                lines.push(format!("sku {s}"));
            }
        }
        let n = self.node(i);
        let rules: BTreeSet<&str> = n.marks.iter().map(|m| m.rule).collect();
        if !rules.is_empty() {
            lines.push(rules.into_iter().collect::<Vec<_>>().join(" "));
        }
        lines
    }

    fn tooltip(&self, i: ResIdx) -> String {
        let n = self.node(i);
        let mut s = self.graph.get(i).address.clone();
        for m in &n.marks {
            let _ = write!(s, "\n{} {}: {}", m.severity, m.rule, m.message);
        }
        s
    }

    fn edge_label(e: &ViewEdge) -> String {
        let mut s = kind_name(e.kind);
        let rules: BTreeSet<&str> = e.marks.iter().map(|m| m.rule).collect();
        if !rules.is_empty() {
            s.push(' ');
            s.push_str(&rules.into_iter().collect::<Vec<_>>().join(" "));
        }
        s
    }

    /// Nodes in drawing order with their group path, for the renderers.
    fn groups(&self) -> Vec<Group> {
        let g = self.graph;
        let mut out = Vec::new();
        for (v, subnets) in &self.vnets {
            let mut children = Vec::new();
            for s in subnets {
                let ms = self.members.get(s).cloned().unwrap_or_default();
                if ms.is_empty() {
                    children.push(Group::Node(*s));
                } else {
                    let mut inner = vec![Group::Node(*s)];
                    inner.extend(ms.into_iter().map(Group::Node));
                    let label = match prefixes(g, *s) {
                        Some(p) => format!("subnet {} ({p})", g.display_name(*s)),
                        None => format!("subnet {}", g.display_name(*s)),
                    };
                    children.push(Group::Cluster {
                        id: format!("subnet_n{}", s.0),
                        label,
                        kind: ClusterKind::Subnet,
                        children: inner,
                    });
                }
            }
            let mut inner = vec![Group::Node(*v)];
            inner.extend(children);
            for x in self.loose_in_vnet.get(v).cloned().unwrap_or_default() {
                inner.push(Group::Node(x));
            }
            let label = match prefixes(g, *v) {
                Some(p) => format!("VNet {} ({p})", g.display_name(*v)),
                None => format!("VNet {}", g.display_name(*v)),
            };
            out.push(Group::Cluster {
                id: format!("vnet_n{}", v.0),
                label,
                kind: ClusterKind::Vnet,
                children: inner,
            });
        }
        // Subnets whose VNet is not drawn.
        for &s in &self.ungrouped {
            if g.get(s).is(t::SUBNET) {
                let ms = self.members.get(&s).cloned().unwrap_or_default();
                let mut inner = vec![Group::Node(s)];
                inner.extend(ms.into_iter().map(Group::Node));
                out.push(Group::Cluster {
                    id: format!("subnet_n{}", s.0),
                    label: format!("subnet {}", g.display_name(s)),
                    kind: ClusterKind::Subnet,
                    children: inner,
                });
            }
        }
        if !self.zones.is_empty() {
            out.push(Group::Cluster {
                id: "dns_zones".into(),
                label: "private DNS zones".into(),
                kind: ClusterKind::Zones,
                children: self.zones.iter().map(|z| Group::Node(*z)).collect(),
            });
        }
        for &x in &self.ungrouped {
            if !g.get(x).is(t::SUBNET) {
                out.push(Group::Node(x));
            }
        }
        out
    }

    fn summary_label(&self) -> String {
        let errors = self
            .nodes
            .iter()
            .filter(|n| max_severity(&n.marks) == Some(Severity::Error))
            .count();
        let warnings = self
            .nodes
            .iter()
            .filter(|n| max_severity(&n.marks) == Some(Severity::Warning))
            .count();
        format!(
            "isolint: {} resources, {} with errors (red), {} with warnings (orange)",
            self.nodes.len(),
            errors,
            warnings
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ClusterKind {
    Vnet,
    Subnet,
    Zones,
}

enum Group {
    Node(ResIdx),
    Cluster {
        id: String,
        label: String,
        kind: ClusterKind,
        children: Vec<Group>,
    },
}

const RED: &str = "#d62728";
const RED_FILL: &str = "#fde0e0";
const ORANGE: &str = "#ff7f0e";
const ORANGE_FILL: &str = "#ffe9d1";
const INFO: &str = "#1f77b4";

fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn dot_shape(graph: &Graph, i: ResIdx) -> &'static str {
    let r = graph.get(i);
    if r.is(t::PRIVATE_ENDPOINT) {
        "ellipse"
    } else if r.is(t::PRIVATE_DNS_ZONE) {
        "note"
    } else if r.is(t::VNET) {
        "box3d"
    } else if r.is(t::SUBNET) {
        "component"
    } else if r.is(t::WORKSPACE) {
        "doubleoctagon"
    } else if r.is(t::NSG) || r.is(t::FIREWALL) {
        "hexagon"
    } else if r.is(t::STORAGE) {
        "cylinder"
    } else {
        "box"
    }
}

fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Report {
    /// The topology the rules see, as a Graphviz DOT digraph (see the
    /// [module documentation](crate::graph_export)).
    pub fn to_dot(&self) -> String {
        let v = View::new(self);
        let mut s = String::new();
        s.push_str("digraph isolint {\n");
        let _ = writeln!(
            s,
            "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\"{}\", newrank=true, nodesep=0.25, ranksep=0.6];",
            dot_escape(&v.summary_label())
        );
        s.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n");
        s.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n");
        fn emit(v: &View<'_>, s: &mut String, g: &Group, depth: usize) {
            let pad = "  ".repeat(depth);
            match g {
                Group::Node(i) => {
                    let n = v.node(*i);
                    let r = v.graph.get(*i);
                    let label = v.label_lines(*i).join("\n");
                    let mut attrs = vec![
                        format!("label=\"{}\"", dot_escape(&label)),
                        format!("shape={}", dot_shape(v.graph, *i)),
                        format!("tooltip=\"{}\"", dot_escape(&v.tooltip(*i))),
                    ];
                    let mut style = vec!["filled"];
                    if dot_shape(v.graph, *i) == "box" {
                        style.push("rounded");
                    }
                    if r.uncertain {
                        style.push("dashed");
                    }
                    if r.existing {
                        style.push("dotted");
                    }
                    match max_severity(&n.marks) {
                        Some(Severity::Error) => {
                            attrs.push(format!("color=\"{RED}\", fillcolor=\"{RED_FILL}\", fontcolor=\"{RED}\", penwidth=2"));
                            style.push("bold");
                        }
                        Some(Severity::Warning) => {
                            attrs.push(format!(
                                "color=\"{ORANGE}\", fillcolor=\"{ORANGE_FILL}\", penwidth=2"
                            ));
                            style.push("bold");
                        }
                        Some(Severity::Info) => attrs.push(format!("color=\"{INFO}\"")),
                        None => {}
                    }
                    attrs.push(format!("style=\"{}\"", style.join(",")));
                    let _ = writeln!(s, "{pad}{} [{}];", n.id, attrs.join(", "));
                }
                Group::Cluster {
                    id,
                    label,
                    kind,
                    children,
                } => {
                    let _ = writeln!(s, "{pad}subgraph cluster_{id} {{");
                    let (color, fill) = match kind {
                        ClusterKind::Vnet => ("#1f77b4", "#eef5fb"),
                        ClusterKind::Subnet => ("#6baed6", "#ffffff"),
                        ClusterKind::Zones => ("#2ca02c", "#f1f9f1"),
                    };
                    let _ = writeln!(
                        s,
                        "{pad}  label=\"{}\"; style=\"rounded,filled\"; color=\"{color}\"; fillcolor=\"{fill}\"; fontname=\"Helvetica\"; fontsize=10;",
                        dot_escape(label)
                    );
                    for c in children {
                        emit(v, s, c, depth + 1);
                    }
                    let _ = writeln!(s, "{pad}}}");
                }
            }
        }
        for g in v.groups() {
            emit(&v, &mut s, &g, 1);
        }
        for e in v.edges.iter().filter(|e| !e.implied) {
            let mut attrs = vec![format!("label=\"{}\"", dot_escape(&View::edge_label(e)))];
            match max_severity(&e.marks) {
                Some(Severity::Error) => {
                    attrs.push(format!("color=\"{RED}\", fontcolor=\"{RED}\", penwidth=2"))
                }
                Some(Severity::Warning) => attrs.push(format!(
                    "color=\"{ORANGE}\", fontcolor=\"{ORANGE}\", penwidth=2"
                )),
                _ => {}
            }
            if e.kind == EdgeKind::Parent {
                attrs.push("style=dashed".into());
            }
            if let Some(via) = e.via {
                attrs.push(format!(
                    "tooltip=\"{}\"",
                    dot_escape(&self.graph.get(via).address)
                ));
            }
            let _ = writeln!(
                s,
                "  {} -> {} [{}];",
                v.node(e.from).id,
                v.node(e.to).id,
                attrs.join(", ")
            );
        }
        s.push_str("}\n");
        s
    }

    /// The topology the rules see, as a Mermaid flowchart (renders in
    /// GitHub and Azure DevOps Markdown).
    pub fn to_mermaid(&self) -> String {
        let v = View::new(self);
        let mut s = String::new();
        s.push_str("flowchart LR\n");
        let mut classes: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        fn emit(
            v: &View<'_>,
            s: &mut String,
            g: &Group,
            depth: usize,
            classes: &mut BTreeMap<&'static str, Vec<String>>,
        ) {
            let pad = "  ".repeat(depth);
            match g {
                Group::Node(i) => {
                    let n = v.node(*i);
                    let label = v
                        .label_lines(*i)
                        .iter()
                        .map(|l| mermaid_text(l))
                        .collect::<Vec<_>>()
                        .join("<br/>");
                    let r = v.graph.get(*i);
                    let (open, close) = if r.is(t::PRIVATE_ENDPOINT) {
                        ("([", "])")
                    } else if r.is(t::STORAGE) {
                        ("[(", ")]")
                    } else if r.is(t::WORKSPACE) {
                        ("{{", "}}")
                    } else if r.is(t::PRIVATE_DNS_ZONE) {
                        ("[/", "/]")
                    } else {
                        ("[", "]")
                    };
                    let _ = writeln!(s, "{pad}{}{open}\"{label}\"{close}", n.id);
                    match max_severity(&n.marks) {
                        Some(Severity::Error) => {
                            classes.entry("error").or_default().push(n.id.clone())
                        }
                        Some(Severity::Warning) => {
                            classes.entry("warning").or_default().push(n.id.clone())
                        }
                        Some(Severity::Info) => {
                            classes.entry("info").or_default().push(n.id.clone())
                        }
                        None => {}
                    }
                    if r.uncertain {
                        classes.entry("uncertain").or_default().push(n.id.clone());
                    }
                }
                Group::Cluster {
                    id,
                    label,
                    children,
                    ..
                } => {
                    let _ = writeln!(s, "{pad}subgraph {id}[\"{}\"]", mermaid_text(label));
                    for c in children {
                        emit(v, s, c, depth + 1, classes);
                    }
                    let _ = writeln!(s, "{pad}end");
                }
            }
        }
        for g in v.groups() {
            emit(&v, &mut s, &g, 1, &mut classes);
        }
        let mut link_styles: Vec<(usize, Severity)> = Vec::new();
        for (k, e) in v.edges.iter().filter(|e| !e.implied).enumerate() {
            let arrow = if e.kind == EdgeKind::Parent {
                "-.->"
            } else {
                "-->"
            };
            let _ = writeln!(
                s,
                "  {} {arrow}|\"{}\"| {}",
                v.node(e.from).id,
                mermaid_text(&View::edge_label(e)),
                v.node(e.to).id
            );
            if let Some(sev) = max_severity(&e.marks) {
                link_styles.push((k, sev));
            }
        }
        let _ = writeln!(
            s,
            "  classDef error fill:{RED_FILL},stroke:{RED},stroke-width:2px,color:{RED}"
        );
        let _ = writeln!(
            s,
            "  classDef warning fill:{ORANGE_FILL},stroke:{ORANGE},stroke-width:2px"
        );
        let _ = writeln!(s, "  classDef info stroke:{INFO}");
        s.push_str("  classDef uncertain stroke-dasharray:4 3\n");
        for (class, ids) in &classes {
            let _ = writeln!(s, "  class {} {class}", ids.join(","));
        }
        for (k, sev) in link_styles {
            let color = if sev == Severity::Error { RED } else { ORANGE };
            let _ = writeln!(s, "  linkStyle {k} stroke:{color},stroke-width:2px");
        }
        s
    }

    /// The view as JSON: `nodes` (id, address, ARM type, short type, name,
    /// the VNet and subnet they are grouped in, their findings) and `edges`
    /// (from, to, kind, and `via` for a zone group or zone link folded into
    /// the edge). Edges implied by grouping are listed too, with
    /// `"implied": true`.
    pub fn to_graph_json(&self) -> serde_json::Value {
        let v = View::new(self);
        let g = &self.graph;
        let nodes: Vec<serde_json::Value> = v
            .nodes
            .iter()
            .map(|n| {
                let r = g.get(n.idx);
                let loc = self.location(r.span);
                json!({
                    "id": n.id,
                    "address": r.address,
                    "type": r.resource_type,
                    "short_type": short_type(&r.resource_type),
                    "name": g.display_name(n.idx),
                    "full_name": g.full_name(n.idx),
                    "file": loc.as_ref().map(|l| l.file.clone()),
                    "line": loc.as_ref().map(|l| l.line),
                    "vnet": n.vnet.map(|x| v.node(x).id.clone()),
                    "subnet": n.subnet.map(|x| v.node(x).id.clone()),
                    "uncertain": r.uncertain,
                    "existing": r.existing,
                    "severity": max_severity(&n.marks).map(Severity::as_str),
                    "findings": n.marks.iter().map(|m| json!({
                        "rule": m.rule,
                        "severity": m.severity.as_str(),
                        "message": m.message,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let edges: Vec<serde_json::Value> = v
            .edges
            .iter()
            .map(|e| {
                let mut o = serde_json::Map::new();
                o.insert("from".into(), json!(v.node(e.from).id));
                o.insert("to".into(), json!(v.node(e.to).id));
                o.insert("kind".into(), json!(kind_name(e.kind)));
                if let Some(via) = e.via {
                    o.insert("via".into(), json!(g.get(via).address));
                }
                if e.implied {
                    o.insert("implied".into(), json!(true));
                }
                if let Some(sev) = max_severity(&e.marks) {
                    o.insert("severity".into(), json!(sev.as_str()));
                    o.insert(
                        "findings".into(),
                        json!(e
                            .marks
                            .iter()
                            .map(|m| json!({"rule": m.rule, "severity": m.severity.as_str(), "message": m.message}))
                            .collect::<Vec<_>>()),
                    );
                }
                serde_json::Value::Object(o)
            })
            .collect();
        json!({
            "version": 1,
            "tool": { "name": "isolint", "version": env!("CARGO_PKG_VERSION") },
            "nodes": nodes,
            "edges": edges,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::short_type;

    #[test]
    fn short_types_keep_namespace_and_last_segment() {
        assert_eq!(
            short_type("Microsoft.Network/privateEndpoints"),
            "Network/privateEndpoints"
        );
        assert_eq!(
            short_type("Microsoft.MachineLearningServices/workspaces/computes"),
            "MachineLearningServices/computes"
        );
        assert_eq!(short_type("Custom"), "Custom");
    }
}
