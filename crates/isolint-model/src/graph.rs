//! The resource graph: every resource of a scan, indexed, with typed edges.
//!
//! Built once by [`GraphBuilder`] from the [`Unit`]s the front-ends produce.
//! Edges come from three sources, tried in order for each reference-valued
//! property: a direct link recorded by the front-end (a Terraform reference
//! such as `azurerm_subnet.a.id`), a literal ARM resource ID, and, for child
//! resources, the parent named in the resource name (`vnet/subnet`).
//! Lookups by id, type, name and parent are hash-indexed: no query scans all
//! resources.

use crate::finding::Finding;
use crate::id::{parent_type, IdKey, ResourceId};
use crate::resource::{Resource, Suppression, Unit};
use crate::span::SourceMap;
use crate::types as t;
use crate::value::{Data, Value};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::HashMap;

/// Index of a resource in a [`Graph`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResIdx(pub u32);

/// What an edge means. Edges point from the resource holding the reference
/// to the resource referenced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// Child → parent (subnet → VNet, compute → workspace, zone group → PE, link → zone, peering → VNet).
    Parent,
    /// Private endpoint → the resource it connects to.
    PeTarget,
    /// Private endpoint, compute, firewall or container group → subnet.
    Subnet,
    /// Workspace → storage account.
    Storage,
    /// Workspace → key vault.
    KeyVault,
    /// Workspace → container registry.
    Registry,
    /// Workspace → Application Insights.
    AppInsights,
    /// Project workspace → hub workspace.
    Hub,
    /// Workspace → subnet of its serverless compute.
    ServerlessSubnet,
    /// DNS zone group → private DNS zone.
    DnsZone,
    /// DNS zone virtual network link → VNet.
    LinkedVnet,
    /// Subnet or network interface → NSG.
    Nsg,
    /// Subnet → route table.
    RouteTable,
    /// Subnet → NAT gateway.
    NatGateway,
    /// Peering → remote VNet.
    PeeringRemote,
    /// Scoped resource of a private link scope → the linked resource.
    ScopedResource,
    /// Application Insights → Log Analytics workspace.
    LogAnalytics,
    /// Firewall → firewall policy.
    FirewallPolicy,
    /// Compute → the Azure resource it attaches (AKS, Databricks, …).
    Attached,
    /// Virtual machine → its network interfaces.
    Nic,
    /// Storage account, key vault or container registry → a subnet its
    /// network rules admit (service endpoint rules).
    RuleSubnet,
}

/// One edge rule: for resources of `from_type`, the values at `path` are references of `kind`.
struct EdgeSpec {
    from_type: &'static str,
    path: &'static str,
    kind: EdgeKind,
}

const EDGE_SPECS: &[EdgeSpec] = &[
    EdgeSpec {
        from_type: t::STORAGE,
        path: "properties.networkAcls.virtualNetworkRules.*.id",
        kind: EdgeKind::RuleSubnet,
    },
    EdgeSpec {
        from_type: t::KEY_VAULT,
        path: "properties.networkAcls.virtualNetworkRules.*.id",
        kind: EdgeKind::RuleSubnet,
    },
    EdgeSpec {
        from_type: t::REGISTRY,
        path: "properties.networkRuleSet.virtualNetworkRules.*.id",
        kind: EdgeKind::RuleSubnet,
    },
    EdgeSpec {
        from_type: t::PRIVATE_ENDPOINT,
        path: "properties.subnet.id",
        kind: EdgeKind::Subnet,
    },
    EdgeSpec {
        from_type: t::PRIVATE_ENDPOINT,
        path: "properties.privateLinkServiceConnections.*.properties.privateLinkServiceId",
        kind: EdgeKind::PeTarget,
    },
    EdgeSpec {
        from_type: t::PRIVATE_ENDPOINT,
        path: "properties.manualPrivateLinkServiceConnections.*.properties.privateLinkServiceId",
        kind: EdgeKind::PeTarget,
    },
    EdgeSpec {
        from_type: t::DNS_ZONE_GROUP,
        path: "properties.privateDnsZoneConfigs.*.properties.privateDnsZoneId",
        kind: EdgeKind::DnsZone,
    },
    EdgeSpec {
        from_type: t::DNS_ZONE_LINK,
        path: "properties.virtualNetwork.id",
        kind: EdgeKind::LinkedVnet,
    },
    EdgeSpec {
        from_type: t::WORKSPACE,
        path: "properties.storageAccount",
        kind: EdgeKind::Storage,
    },
    EdgeSpec {
        from_type: t::WORKSPACE,
        path: "properties.keyVault",
        kind: EdgeKind::KeyVault,
    },
    EdgeSpec {
        from_type: t::WORKSPACE,
        path: "properties.containerRegistry",
        kind: EdgeKind::Registry,
    },
    EdgeSpec {
        from_type: t::WORKSPACE,
        path: "properties.applicationInsights",
        kind: EdgeKind::AppInsights,
    },
    EdgeSpec {
        from_type: t::WORKSPACE,
        path: "properties.hubResourceId",
        kind: EdgeKind::Hub,
    },
    EdgeSpec {
        from_type: t::WORKSPACE,
        path: "properties.serverlessComputeSettings.serverlessComputeCustomSubnet",
        kind: EdgeKind::ServerlessSubnet,
    },
    EdgeSpec {
        from_type: t::COMPUTE,
        path: "properties.properties.subnet.id",
        kind: EdgeKind::Subnet,
    },
    EdgeSpec {
        from_type: t::COMPUTE,
        path: "properties.resourceId",
        kind: EdgeKind::Attached,
    },
    EdgeSpec {
        from_type: t::SUBNET,
        path: "properties.networkSecurityGroup.id",
        kind: EdgeKind::Nsg,
    },
    EdgeSpec {
        from_type: t::NIC,
        path: "properties.networkSecurityGroup.id",
        kind: EdgeKind::Nsg,
    },
    EdgeSpec {
        from_type: t::NIC,
        path: "properties.ipConfigurations.*.properties.subnet.id",
        kind: EdgeKind::Subnet,
    },
    EdgeSpec {
        from_type: t::VM,
        path: "properties.networkProfile.networkInterfaces.*.id",
        kind: EdgeKind::Nic,
    },
    EdgeSpec {
        from_type: t::SUBNET,
        path: "properties.routeTable.id",
        kind: EdgeKind::RouteTable,
    },
    EdgeSpec {
        from_type: t::SUBNET,
        path: "properties.natGateway.id",
        kind: EdgeKind::NatGateway,
    },
    EdgeSpec {
        from_type: t::PEERING,
        path: "properties.remoteVirtualNetwork.id",
        kind: EdgeKind::PeeringRemote,
    },
    EdgeSpec {
        from_type: t::SCOPED_RESOURCE,
        path: "properties.linkedResourceId",
        kind: EdgeKind::ScopedResource,
    },
    EdgeSpec {
        from_type: t::APP_INSIGHTS,
        path: "properties.WorkspaceResourceId",
        kind: EdgeKind::LogAnalytics,
    },
    EdgeSpec {
        from_type: t::FIREWALL,
        path: "properties.ipConfigurations.*.properties.subnet.id",
        kind: EdgeKind::Subnet,
    },
    EdgeSpec {
        from_type: t::FIREWALL,
        path: "properties.firewallPolicy.id",
        kind: EdgeKind::FirewallPolicy,
    },
    EdgeSpec {
        from_type: t::CONTAINER_GROUP,
        path: "properties.subnetIds.*.id",
        kind: EdgeKind::Subnet,
    },
];

/// A reference that names a resource ID not present in the scan.
#[derive(Clone, Debug)]
pub struct Unresolved {
    pub from: ResIdx,
    pub kind: EdgeKind,
    pub path: &'static str,
    pub id: String,
    pub value: Value,
}

/// An edge with the property path it came from.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub kind: EdgeKind,
    /// The value that made the edge (for locations).
    pub path: &'static str,
}

/// Collects units and builds the [`Graph`].
#[derive(Default)]
pub struct GraphBuilder {
    sources: SourceMap,
    resources: Vec<Resource>,
    unit_of: Vec<u32>,
    unit_bases: Vec<u32>,
    findings: Vec<Finding>,
    suppressions: Vec<Suppression>,
}

impl GraphBuilder {
    pub fn new(sources: SourceMap) -> GraphBuilder {
        GraphBuilder {
            sources,
            ..GraphBuilder::default()
        }
    }

    pub fn sources_mut(&mut self) -> &mut SourceMap {
        &mut self.sources
    }

    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// Adds the resources and meta findings of one unit.
    pub fn add_unit(&mut self, unit: Unit) {
        let u = self.unit_bases.len() as u32;
        self.unit_bases.push(self.resources.len() as u32);
        for r in unit.resources {
            self.resources.push(r);
            self.unit_of.push(u);
        }
        self.findings.extend(unit.findings);
        self.suppressions.extend(unit.suppressions);
    }

    pub fn push_finding(&mut self, f: Finding) {
        self.findings.push(f);
    }

    pub fn build(mut self) -> Graph {
        split_inline_subnets(&mut self.resources, &mut self.unit_of);
        let n = self.resources.len();
        let mut g = Graph {
            sources: self.sources,
            by_type: HashMap::new(),
            by_key: HashMap::new(),
            full_names: vec![None; n],
            parent: vec![None; n],
            children: vec![Vec::new(); n],
            edges: DiGraph::with_capacity(n, n),
            unresolved: Vec::new(),
            unresolved_by_from: HashMap::new(),
            unit_of: self.unit_of.clone(),
            unit_bases: self.unit_bases.clone(),
            findings: self.findings,
            suppressions: self.suppressions,
            resources: Vec::new(),
        };
        for i in 0..n {
            g.edges.add_node(ResIdx(i as u32));
            g.by_type
                .entry(self.resources[i].resource_type.to_ascii_lowercase())
                .or_default()
                .push(ResIdx(i as u32));
        }
        let resolver = Resolver {
            unit_of: &self.unit_of,
            unit_bases: &self.unit_bases,
        };
        // Parents and full names, in order of type depth so that a parent's
        // full name is known before its children's.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| crate::id::type_depth(&self.resources[i].resource_type));
        for &i in &order {
            let r = &self.resources[i];
            let own = r.name.as_str().map(str::to_string);
            if let Some(pv) = &r.parent {
                let p = resolver.direct(i, pv).or_else(|| {
                    pv.as_str()
                        .and_then(ResourceId::parse)
                        .and_then(|id| g.lookup_key(&id.key(), self.unit_of[i], &resolver))
                });
                if let Some(p) = p {
                    let p = g.declared(&self.resources, p);
                    g.parent[i] = Some(p);
                    if let (Some(pn), Some(own)) = (g.full_names[p.0 as usize].clone(), own) {
                        g.full_names[i] = Some(format!("{pn}/{own}"));
                    }
                }
            } else if let Some(own) = own {
                g.full_names[i] = Some(own);
            }
            if let Some(full) = g.full_names[i].clone() {
                g.by_key
                    .entry(IdKey::new(&r.resource_type, &full))
                    .or_default()
                    .push(ResIdx(i as u32));
                if g.parent[i].is_none() {
                    if let (Some(pt), Some((pn, _))) =
                        (parent_type(&r.resource_type), full.rsplit_once('/'))
                    {
                        g.parent[i] = g
                            .lookup_key(&IdKey::new(pt, pn), self.unit_of[i], &resolver)
                            .map(|p| g.declared(&self.resources, p));
                    }
                }
            }
            if let Some(p) = g.parent[i] {
                g.children[p.0 as usize].push(ResIdx(i as u32));
                g.edges.add_edge(
                    NodeIndex::new(i),
                    NodeIndex::new(p.0 as usize),
                    Edge {
                        kind: EdgeKind::Parent,
                        path: "parent",
                    },
                );
            }
        }
        for i in 0..n {
            let ty = self.resources[i].resource_type.clone();
            for spec in EDGE_SPECS
                .iter()
                .filter(|s| s.from_type.eq_ignore_ascii_case(&ty))
            {
                let values: Vec<Value> = self.resources[i]
                    .body
                    .path_all(spec.path)
                    .into_iter()
                    .cloned()
                    .collect();
                for v in values {
                    let target = resolver.direct(i, &v).or_else(|| {
                        v.as_str()
                            .and_then(ResourceId::parse)
                            .and_then(|id| g.lookup_key(&id.key(), self.unit_of[i], &resolver))
                    });
                    match target.map(|t| g.declared(&self.resources, t)) {
                        Some(tgt) => {
                            g.edges.add_edge(
                                NodeIndex::new(i),
                                NodeIndex::new(tgt.0 as usize),
                                Edge {
                                    kind: spec.kind,
                                    path: spec.path,
                                },
                            );
                        }
                        None => {
                            if let Some(s) = v.as_str().filter(|s| ResourceId::parse(s).is_some()) {
                                g.unresolved.push(Unresolved {
                                    from: ResIdx(i as u32),
                                    kind: spec.kind,
                                    path: spec.path,
                                    id: s.to_string(),
                                    value: v.clone(),
                                });
                            }
                        }
                    }
                }
            }
        }
        for (k, u) in g.unresolved.iter().enumerate() {
            g.unresolved_by_from.entry(u.from).or_default().push(k);
        }
        g.resources = self.resources;
        g
    }
}

struct Resolver<'a> {
    unit_of: &'a [u32],
    unit_bases: &'a [u32],
}

impl Resolver<'_> {
    /// The resource a value was linked to by its front-end.
    fn direct(&self, from: usize, v: &Value) -> Option<ResIdx> {
        let key = v.origin.resource?;
        let unit = *self.unit_of.get(from)? as usize;
        let base = *self.unit_bases.get(unit)?;
        let idx = base.checked_add(key.0)?;
        let next = self.unit_bases.get(unit + 1).copied().unwrap_or(u32::MAX);
        (idx < next && (idx as usize) < self.unit_of.len()).then_some(ResIdx(idx))
    }
}

/// Splits VNets' inline `properties.subnets[]` into subnet resources so that
/// inline and separate subnets give the same graph.
fn split_inline_subnets(resources: &mut Vec<Resource>, unit_of: &mut Vec<u32>) {
    let n = resources.len();
    for i in 0..n {
        if !resources[i].is(t::VNET) {
            continue;
        }
        let Some(Data::List(subnets)) = resources[i]
            .body
            .path("properties.subnets")
            .map(|v| v.data.clone())
        else {
            continue;
        };
        let vnet_name = resources[i].name.clone();
        for (k, s) in subnets.into_iter().enumerate() {
            let name = s.get("name").cloned().unwrap_or_else(Value::unknown);
            let label = name
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| k.to_string());
            let span = s.span().unwrap_or(resources[i].span);
            let mut sub = Resource::new(
                format!("{}.subnet[\"{label}\"]", resources[i].address),
                t::SUBNET,
                span,
                resources[i].format,
            );
            sub.api_version = resources[i].api_version.clone();
            sub.name = match (vnet_name.as_str(), name.as_str()) {
                (Some(v), Some(s)) => Value::string(format!("{v}/{s}")).with_origin(name.origin),
                _ => Value::unknown(),
            };
            let mut body = Value::empty_map();
            if let Some(p) = s.get("properties") {
                body.set_path("properties", p.clone());
            }
            sub.body = body;
            sub.resource_group = resources[i].resource_group.clone();
            sub.trail = resources[i].trail.clone();
            for (path, site) in resources[i].sites.iter() {
                let prefix = format!("properties.subnets.{k}.");
                if let Some(rest) = path.strip_prefix(&prefix) {
                    sub.sites.insert(rest.to_string(), *site);
                }
            }
            resources.push(sub);
            unit_of.push(unit_of[i]);
        }
    }
}

/// The graph the rules read.
pub struct Graph {
    pub sources: SourceMap,
    resources: Vec<Resource>,
    by_type: HashMap<String, Vec<ResIdx>>,
    by_key: HashMap<IdKey, Vec<ResIdx>>,
    full_names: Vec<Option<String>>,
    parent: Vec<Option<ResIdx>>,
    children: Vec<Vec<ResIdx>>,
    edges: DiGraph<ResIdx, Edge>,
    unresolved: Vec<Unresolved>,
    unresolved_by_from: HashMap<ResIdx, Vec<usize>>,
    findings: Vec<Finding>,
    suppressions: Vec<Suppression>,
    unit_of: Vec<u32>,
    unit_bases: Vec<u32>,
}

impl Graph {
    /// The resource a value stands for or was read from, as its front-end
    /// linked it (`azurerm_firewall.fw.ip_configuration[0].private_ip_address`,
    /// Bicep `fw.properties.…`, ARM `reference(…)`), seen from resource
    /// `from`: known even when the value itself is computed at deployment.
    pub fn denoted(&self, from: ResIdx, v: &Value) -> Option<ResIdx> {
        let resolver = Resolver {
            unit_of: &self.unit_of,
            unit_bases: &self.unit_bases,
        };
        let i = resolver.direct(from.0 as usize, v)?;
        Some(self.declared(&self.resources, i))
    }

    /// The scan unit (Terraform root, ARM template, Bicep entry) a resource came from.
    pub fn unit(&self, i: ResIdx) -> u32 {
        self.unit_of.get(i.0 as usize).copied().unwrap_or(u32::MAX)
    }
    pub fn len(&self) -> usize {
        self.resources.len()
    }
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }
    pub fn get(&self, i: ResIdx) -> &Resource {
        &self.resources[i.0 as usize]
    }
    pub fn iter(&self) -> impl Iterator<Item = (ResIdx, &Resource)> {
        self.resources
            .iter()
            .enumerate()
            .map(|(i, r)| (ResIdx(i as u32), r))
    }
    /// Every resource of an ARM type (case-insensitive), in scan order.
    pub fn of_type(&self, resource_type: &str) -> &[ResIdx] {
        self.by_type
            .get(&resource_type.to_ascii_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
    /// The full ARM name (`vnet/subnet`), when known.
    pub fn full_name(&self, i: ResIdx) -> Option<&str> {
        self.full_names[i.0 as usize].as_deref()
    }
    /// The last segment of the name, or the address when the name is unknown.
    pub fn display_name(&self, i: ResIdx) -> &str {
        match self.full_name(i) {
            Some(n) => n.rsplit('/').next().unwrap_or(n),
            None => &self.get(i).address,
        }
    }
    pub fn parent(&self, i: ResIdx) -> Option<ResIdx> {
        self.parent[i.0 as usize]
    }
    pub fn children(&self, i: ResIdx) -> &[ResIdx] {
        &self.children[i.0 as usize]
    }
    /// Children of one type.
    pub fn children_of_type<'a>(
        &'a self,
        i: ResIdx,
        resource_type: &'a str,
    ) -> impl Iterator<Item = ResIdx> + 'a {
        self.children(i)
            .iter()
            .copied()
            .filter(move |c| self.get(*c).is(resource_type))
    }
    /// Resources that `i` references with edges of `kind`.
    pub fn targets(&self, i: ResIdx, kind: EdgeKind) -> Vec<ResIdx> {
        let mut out: Vec<ResIdx> = self
            .edges
            .edges_directed(NodeIndex::new(i.0 as usize), Direction::Outgoing)
            .filter(|e| e.weight().kind == kind)
            .map(|e| ResIdx(e.target().index() as u32))
            .collect();
        out.sort();
        out.dedup();
        out
    }
    /// The first target of `kind`.
    pub fn target(&self, i: ResIdx, kind: EdgeKind) -> Option<ResIdx> {
        self.targets(i, kind).into_iter().next()
    }
    /// Resources that reference `i` with edges of `kind`.
    pub fn sources_of(&self, i: ResIdx, kind: EdgeKind) -> Vec<ResIdx> {
        let mut out: Vec<ResIdx> = self
            .edges
            .edges_directed(NodeIndex::new(i.0 as usize), Direction::Incoming)
            .filter(|e| e.weight().kind == kind)
            .map(|e| ResIdx(e.source().index() as u32))
            .collect();
        out.sort();
        out.dedup();
        out
    }
    /// Every edge, for pictures and debugging.
    pub fn edges(&self) -> impl Iterator<Item = (ResIdx, ResIdx, Edge)> + '_ {
        self.edges.edge_references().map(|e| {
            (
                ResIdx(e.source().index() as u32),
                ResIdx(e.target().index() as u32),
                *e.weight(),
            )
        })
    }
    /// Finds a resource by type and full name (case-insensitive).
    pub fn find(&self, resource_type: &str, full_name: &str) -> Option<ResIdx> {
        self.by_key
            .get(&IdKey::new(resource_type, full_name))
            .and_then(|v| v.first().copied())
    }
    /// Finds the resource an ID string names.
    pub fn find_id(&self, id: &str) -> Option<ResIdx> {
        let id = ResourceId::parse(id)?;
        self.by_key.get(&id.key()).and_then(|v| v.first().copied())
    }
    pub fn unresolved(&self) -> &[Unresolved] {
        &self.unresolved
    }
    /// The unresolved references held by one resource.
    pub fn unresolved_from(&self, i: ResIdx) -> impl Iterator<Item = &Unresolved> {
        self.unresolved_by_from
            .get(&i)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|k| self.unresolved.get(*k))
    }
    /// Meta findings from the front-ends.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    pub fn suppressions(&self) -> &[Suppression] {
        &self.suppressions
    }

    /// An `existing` resource stands for the declared resource of the same
    /// ID when the scan has one: links to it go to the declaration.
    fn declared(&self, resources: &[Resource], i: ResIdx) -> ResIdx {
        let Some(r) = resources.get(i.0 as usize) else {
            return i;
        };
        if !r.existing {
            return i;
        }
        let Some(full) = self.full_names.get(i.0 as usize).and_then(|n| n.as_deref()) else {
            return i;
        };
        self.by_key
            .get(&IdKey::new(&r.resource_type, full))
            .and_then(|c| {
                // Only within one deployment: names such as private DNS
                // zones repeat across the deployments of a monorepo.
                c.iter().copied().find(|c| {
                    resources.get(c.0 as usize).is_some_and(|x| !x.existing)
                        && self.unit_of.get(c.0 as usize) == self.unit_of.get(i.0 as usize)
                })
            })
            .unwrap_or(i)
    }

    fn lookup_key(&self, key: &IdKey, unit: u32, r: &Resolver<'_>) -> Option<ResIdx> {
        let cands = self.by_key.get(key)?;
        cands
            .iter()
            .copied()
            .find(|c| r.unit_of.get(c.0 as usize) == Some(&unit))
            .or_else(|| cands.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::Format;
    use crate::span::{FileId, Span};
    use crate::value::ResKey;

    fn res(addr: &str, ty: &str, name: &str) -> Resource {
        let mut r = Resource::new(addr, ty, Span::new(FileId(0), 0, 1), Format::Arm);
        r.name = Value::string(name);
        r
    }

    #[test]
    fn links_by_direct_reference_by_id_and_by_parent_name() {
        let mut vnet = res("vnet", t::VNET, "v");
        vnet.body.set_path(
            "properties.subnets",
            Value::from_json(&serde_json::json!([{"name": "inline", "properties": {"addressPrefix": "10.0.1.0/24"}}]), Default::default()),
        );
        let subnet = res("snet", t::SUBNET, "v/s");
        let mut pe = res("pe", t::PRIVATE_ENDPOINT, "pe");
        pe.body.set_path(
            "properties.subnet.id",
            Value::unknown().with_resource(Some(ResKey(1))),
        );
        pe.body.set_path(
            "properties.privateLinkServiceConnections",
            Value::from_json(
                &serde_json::json!([{"properties": {"privateLinkServiceId": "/subscriptions/x/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/acr"}},
                                    {"properties": {"privateLinkServiceId": "/subscriptions/x/resourceGroups/r/providers/Microsoft.KeyVault/vaults/elsewhere"}}]),
                Default::default(),
            ),
        );
        let acr = res("acr", t::REGISTRY, "ACR");
        let mut b = GraphBuilder::new(SourceMap::new());
        b.add_unit(Unit {
            resources: vec![vnet, subnet, pe, acr],
            ..Unit::default()
        });
        let g = b.build();
        assert_eq!(g.len(), 5, "inline subnet split into its own resource");
        let pe = g.of_type(t::PRIVATE_ENDPOINT)[0];
        assert_eq!(g.target(pe, EdgeKind::Subnet), Some(ResIdx(1)));
        assert_eq!(g.target(pe, EdgeKind::PeTarget), Some(ResIdx(3)));
        assert_eq!(g.unresolved().len(), 1);
        assert_eq!(g.parent(ResIdx(1)), Some(ResIdx(0)));
        let inline = g.find(t::SUBNET, "v/inline").unwrap();
        assert_eq!(g.parent(inline), Some(ResIdx(0)));
        assert_eq!(g.children(ResIdx(0)).len(), 2);
        assert_eq!(g.sources_of(ResIdx(3), EdgeKind::PeTarget), vec![pe]);
    }

    #[test]
    fn links_to_an_existing_resource_go_to_its_declaration() {
        let declared = res("vnet", t::VNET, "v");
        let mut existing = res("vnet_ref", t::VNET, "v");
        existing.existing = true;
        let mut link = res("link", t::DNS_ZONE_LINK, "zone/l");
        link.body.set_path(
            "properties.virtualNetwork.id",
            Value::unknown().with_resource(Some(ResKey(1))),
        );
        let zone = res("zone", t::PRIVATE_DNS_ZONE, "zone");
        let mut b = GraphBuilder::new(SourceMap::new());
        b.add_unit(Unit {
            resources: vec![declared, existing, link, zone],
            ..Unit::default()
        });
        let g = b.build();
        assert_eq!(g.target(ResIdx(2), EdgeKind::LinkedVnet), Some(ResIdx(0)));
        assert_eq!(g.parent(ResIdx(2)), Some(ResIdx(3)));
    }
}
