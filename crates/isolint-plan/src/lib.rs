//! # isolint-plan
//!
//! The Terraform plan front-end of isolint. It reads the JSON that
//! `terraform show -json PLANFILE` prints (recognised by its content:
//! `format_version` with `planned_values` or `resource_changes`) into the
//! same canonical, ARM-shaped resources as the HCL front-end, through the
//! same azurerm mapping tables ([`isolint_terraform::azurerm::map`]).
//!
//! - **Values.** `planned_values` (the root module and every nested
//!   `child_modules` entry) gives each resource instance's attributes. An
//!   attribute that `resource_changes[].change.after_unknown` marks unknown
//!   becomes [`Data::Unknown`](isolint_model::Data::Unknown): never a finding.
//!   Instances that are only being deleted (or forgotten) are not read;
//!   `deferred_changes` (an unknown `count`) are read as resources whose
//!   existence is unknown. Data
//!   sources (`mode: "data"`, also from `prior_state`) are existing resources.
//!   Attributes the configuration does not set (provider defaults shown by
//!   the plan) are marked [`OriginKind::Defaulted`](isolint_model::OriginKind).
//! - **Links.** In a plan of a fresh deployment every `id` is unknown, so
//!   links come from the `references` of the expressions in
//!   `configuration.root_module`, followed through `module_calls` (for
//!   `var.*` inside a module and for module outputs). A reference to a
//!   resource with several instances picks the instance by its written key,
//!   else by the referring instance's own key (`count.index`, `each.key`).
//!   The value then carries `origin.resource`, exactly like an HCL reference.
//! - **Locations.** Without sources, a value's origin is the span of its JSON
//!   value in the plan, a site (`Resource::sites`) is the span of the JSON
//!   member, and a resource's span is its object in `planned_values` (from its
//!   `address` member on). When the
//!   Terraform sources sit beside the plan (or in [`PlanOptions::source_dir`]),
//!   the root is also evaluated with the HCL front-end (with the plan's
//!   variable values) and every plan resource with the same address is
//!   located in the `.tf` files: its span and sites are those of the HCL
//!   block, a value equal to the HCL value takes the HCL value's origin, and a
//!   value that differs keeps its plan span as a *computed* origin (shown as a
//!   related location). The plan location of such a resource is kept as a
//!   related location through [`Resource::trail`](isolint_model::Resource)
//!   ("planned in plan.json", at its `address` line). Resources the sources
//!   do not declare (a fetched remote module) stay located in the plan.
//!   Suppression comments of those sources apply.
//!
//! It prints nothing, and no input makes it panic.
//!
//! ```
//! use isolint_model::{types, SourceMap};
//! use isolint_plan::{load_plan, PlanOptions};
//! let plan = r#"{
//!   "format_version": "1.2",
//!   "planned_values": { "root_module": { "resources": [
//!     { "address": "azurerm_container_registry.acr", "mode": "managed",
//!       "type": "azurerm_container_registry", "name": "acr",
//!       "values": { "name": "acrml", "sku": "Standard" } } ] } },
//!   "resource_changes": [
//!     { "address": "azurerm_container_registry.acr", "mode": "managed",
//!       "type": "azurerm_container_registry", "name": "acr",
//!       "change": { "actions": ["create"], "after_unknown": { "id": true } } } ]
//! }"#;
//! let mut sources = SourceMap::new();
//! let file = sources.add("plan.json", plan);
//! let mut opts = PlanOptions::new(".".into());
//! opts.sources_beside = false;
//! let unit = load_plan(&mut sources, file, &opts);
//! let acr = &unit.resources[0];
//! assert_eq!(acr.resource_type, types::REGISTRY);
//! assert_eq!(acr.prop("sku.name").and_then(|v| v.as_str()), Some("Standard"));
//! ```
#![forbid(unsafe_code)]

pub mod address;

use address::Key;
use isolint_json::{JsonKind, JsonNode};
use isolint_model::finding::meta;
use isolint_model::{
    Data, FileId, Format, OriginKind, ResKey, SourceMap, Span, Suppression, Unit, Value,
};
use isolint_terraform::eval::Record;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Settings of one plan load.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// Settings of the HCL evaluation of the sources (scan root, limits).
    pub terraform: isolint_terraform::Options,
    /// The folder holding the plan's Terraform root module (`--source-root`).
    pub source_dir: Option<PathBuf>,
    /// Without `source_dir`, look for `.tf` files in the plan's own folder.
    pub sources_beside: bool,
}

impl PlanOptions {
    /// Options with `root` as the scan boundary, looking for sources beside the plan.
    pub fn new(root: PathBuf) -> PlanOptions {
        PlanOptions {
            terraform: isolint_terraform::Options::new(root),
            source_dir: None,
            sources_beside: true,
        }
    }
}

/// Nesting bound for modules and reference chains.
const MAX_DEPTH: u32 = 64;

/// Reads one registered plan file into a unit of canonical resources.
pub fn load_plan(sources: &mut SourceMap, file: FileId, opts: &PlanOptions) -> Unit {
    let Some(src) = sources.get(file) else {
        return Unit::default();
    };
    let text = src.text.clone();
    let plan_name = src
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "the plan".into());
    let doc = match isolint_json::parse(file, &text) {
        Ok(d) => d,
        Err(e) => {
            let f = if e.limit {
                meta::limit(Some(e.span), format!("Terraform plan JSON: {}", e.message))
            } else {
                meta::parse_error(Some(e.span), format!("Terraform plan JSON: {}", e.message))
            };
            return Unit {
                findings: vec![f],
                ..Unit::default()
            };
        }
    };
    let mut findings = Vec::new();
    if let Some(v) = doc.get("format_version") {
        let major = v
            .as_str()
            .and_then(|s| s.split('.').next()?.parse::<u32>().ok());
        if !matches!(major, Some(0 | 1)) {
            findings.push(meta::parse_error(
                Some(v.span),
                "unsupported Terraform plan format_version (isolint reads 0.x and 1.x); the plan was not read",
            ));
            return Unit {
                findings,
                ..Unit::default()
            };
        }
    }
    let plan = Plan::read(&doc, opts.terraform.max_instances);
    if plan.dropped > 0 {
        findings.push(meta::limit(
            doc.member("planned_values").map(|m| m.key_span),
            format!(
                "the plan has more than {} resource instances; {} were not read",
                opts.terraform.max_instances, plan.dropped
            ),
        ));
    }
    let mut records = plan.records();
    let index = Index::new(&plan);
    for (i, pr) in plan.resources.iter().enumerate() {
        index.link(pr, &mut records[i].attrs);
    }

    // The sources beside the plan: locate resources in the `.tf` files.
    let mut suppressions: Vec<Suppression> = Vec::new();
    if let Some(dir) = source_dir(sources, file, opts) {
        let inputs = plan_variables(&doc);
        let ev = isolint_terraform::eval_root(sources, &dir, &opts.terraform, &inputs);
        let twins: HashMap<&str, &Record> =
            ev.records.iter().map(|r| (r.address.as_str(), r)).collect();
        for (i, pr) in plan.resources.iter().enumerate() {
            if let Some(t) = twins.get(pr.address.as_str()) {
                adopt_twin(&mut records[i], t);
                // The plan location stays related.
                records[i]
                    .trail
                    .push((format!("planned in {plan_name}"), pr.address_span));
            }
        }
        suppressions = ev.suppressions;
    }
    let mut unit = isolint_terraform::build_unit(records, findings, suppressions);
    for r in &mut unit.resources {
        r.format = Format::TerraformPlan;
    }
    unit
}

/// One resource instance read from the plan.
struct PlanRes<'a> {
    address: String,
    /// Module-instance prefix (`module.a[0]`), `""` for the root.
    module: String,
    data: bool,
    ty: String,
    name: String,
    key: Option<Key>,
    span: Span,
    address_span: Span,
    values: Option<&'a JsonNode>,
    after_unknown: Option<&'a JsonNode>,
    trail: Vec<(String, Span)>,
    /// A deferred change: whether it exists is not known.
    uncertain: bool,
}

/// Module call names, data source or not, type, name.
type ConfigKey = (Vec<String>, bool, String, String);

struct Plan<'a> {
    resources: Vec<PlanRes<'a>>,
    config: Option<&'a JsonNode>,
    config_index: HashMap<ConfigKey, &'a JsonNode>,
    /// At most this many instances are read (AML004 beyond).
    limit: usize,
    dropped: usize,
}

impl<'a> Plan<'a> {
    fn read(doc: &'a JsonNode, limit: usize) -> Plan<'a> {
        // resource_changes by address (deposed objects are being deleted).
        let mut changes: HashMap<String, &'a JsonNode> = HashMap::new();
        for rc in doc
            .get("resource_changes")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            if rc.get("deposed").is_some_and(|d| !d.is_null()) {
                continue;
            }
            if let Some(a) = rc.get("address").and_then(JsonNode::as_str) {
                changes.insert(a.to_string(), rc);
            }
        }
        let mut plan = Plan {
            resources: Vec::new(),
            config: doc.path_node(&["configuration", "root_module"]),
            config_index: HashMap::new(),
            limit,
            dropped: 0,
        };
        if let Some(c) = plan.config {
            plan.index_config(c, &mut Vec::new(), 0);
        }
        let mut seen: HashSet<String> = HashSet::new();
        if let Some(root) = doc.path_node(&["planned_values", "root_module"]) {
            plan.walk(root, &changes, &mut seen, &[], false, 0);
        } else {
            // No planned values: the `after` object of each change.
            for rc in doc
                .get("resource_changes")
                .and_then(JsonNode::as_array)
                .unwrap_or(&[])
            {
                if rc.get("deposed").is_some_and(|d| !d.is_null()) {
                    continue;
                }
                let after = rc.path_node(&["change", "after"]);
                plan.push(rc, after, &changes, &mut seen, &[], false);
            }
        }
        // Deferred changes (an unknown `count` or `for_each`, Terraform 1.10+
        // with `-allow-deferral`): resources whose existence is unknown.
        for d in doc
            .get("deferred_changes")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            let Some(rc) = d.get("resource_change") else {
                continue;
            };
            let after = rc.path_node(&["change", "after"]);
            let before = plan.resources.len();
            plan.push(rc, after, &changes, &mut seen, &[], false);
            if let Some(r) = plan.resources.get_mut(before) {
                r.uncertain = true;
                r.after_unknown = rc.path_node(&["change", "after_unknown"]);
            }
        }
        // Data sources read while planning live in the prior state only.
        if let Some(prior) = doc.path_node(&["prior_state", "values", "root_module"]) {
            plan.walk(prior, &changes, &mut seen, &[], true, 0);
        }
        plan
    }

    fn walk(
        &mut self,
        module: &'a JsonNode,
        changes: &HashMap<String, &'a JsonNode>,
        seen: &mut HashSet<String>,
        trail: &[(String, Span)],
        data_only: bool,
        depth: u32,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for r in module
            .get("resources")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            self.push(r, r.get("values"), changes, seen, trail, data_only);
        }
        for c in module
            .get("child_modules")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            let mut t = trail.to_vec();
            if let Some(m) = c.member("address") {
                if let Some(a) = m.value.as_str() {
                    t.push((format!("through {a}"), m.span()));
                }
            }
            self.walk(c, changes, seen, &t, data_only, depth + 1);
        }
    }

    fn push(
        &mut self,
        r: &'a JsonNode,
        values: Option<&'a JsonNode>,
        changes: &HashMap<String, &'a JsonNode>,
        seen: &mut HashSet<String>,
        trail: &[(String, Span)],
        data_only: bool,
    ) {
        let Some(addr_member) = r.member("address") else {
            return;
        };
        let Some(address) = addr_member.value.as_str() else {
            return;
        };
        let data = r.get("mode").and_then(JsonNode::as_str) == Some("data");
        if data_only && !data {
            return;
        }
        if !seen.insert(address.to_string()) {
            return;
        }
        let change = changes.get(address).copied();
        if let Some(c) = change {
            let actions: Vec<&str> = c
                .path_node(&["change", "actions"])
                .and_then(JsonNode::as_array)
                .unwrap_or(&[])
                .iter()
                .filter_map(JsonNode::as_str)
                .collect();
            let gone = actions.iter().any(|a| *a == "delete" || *a == "forget")
                && !actions.contains(&"create");
            if gone {
                return;
            }
        }
        if self.resources.len() >= self.limit {
            self.dropped += 1;
            return;
        }
        let steps = address::parse(address).unwrap_or_default();
        let module = address::module_prefix(&steps);
        let ty = r
            .get("type")
            .and_then(JsonNode::as_str)
            .map(str::to_string)
            .or_else(|| {
                let rest = steps.len().checked_sub(2)?;
                Some(steps[rest].name.clone())
            })
            .unwrap_or_default();
        let name = r
            .get("name")
            .and_then(JsonNode::as_str)
            .map(str::to_string)
            .or_else(|| steps.last().map(|s| s.name.clone()))
            .unwrap_or_default();
        let key = r
            .get("index")
            .and_then(Key::from_json)
            .or_else(|| steps.last().and_then(|s| s.key.clone()));
        self.resources.push(PlanRes {
            address: address.to_string(),
            module,
            data,
            ty,
            name,
            key,
            // From the `address` member, so that the resource's first line names it.
            span: Span {
                start: addr_member.key_span.start.max(r.span.start),
                ..r.span
            },
            address_span: addr_member.span(),
            values: values.filter(|v| v.as_object().is_some()),
            after_unknown: change.and_then(|c| c.path_node(&["change", "after_unknown"])),
            trail: trail.to_vec(),
            uncertain: false,
        });
    }

    /// The configuration module of a module-instance prefix.
    fn config_module(&self, prefix: &str) -> Option<&'a JsonNode> {
        let mut cur = self.config?;
        for name in address::module_names(prefix) {
            cur = cur.path_node(&["module_calls", &name, "module"])?;
        }
        Some(cur)
    }

    fn config_resource(&self, pr: &PlanRes<'_>) -> Option<&'a JsonNode> {
        let key = (
            address::module_names(&pr.module),
            pr.data,
            pr.ty.clone(),
            pr.name.clone(),
        );
        self.config_index.get(&key).copied()
    }

    /// Indexes the configuration's resources by module path, mode, type and name.
    fn index_config(&mut self, m: &'a JsonNode, path: &mut Vec<String>, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        for r in m
            .get("resources")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            let (Some(ty), Some(name)) = (
                r.get("type").and_then(JsonNode::as_str),
                r.get("name").and_then(JsonNode::as_str),
            ) else {
                continue;
            };
            let data = r.get("mode").and_then(JsonNode::as_str) == Some("data");
            self.config_index
                .entry((path.clone(), data, ty.to_string(), name.to_string()))
                .or_insert(r);
        }
        for call in m
            .get("module_calls")
            .and_then(JsonNode::as_object)
            .unwrap_or(&[])
        {
            if let Some(child) = call.value.get("module") {
                path.push(call.key.clone());
                self.index_config(child, path, depth + 1);
                path.pop();
            }
        }
    }

    fn records(&self) -> Vec<Record> {
        self.resources
            .iter()
            .map(|pr| {
                let mut attrs = pr
                    .values
                    .map(JsonNode::to_value)
                    .unwrap_or_else(Value::empty_map);
                attrs.origin = Default::default();
                let mut sites = HashMap::new();
                if let Some(v) = pr.values {
                    collect_sites(v, "", &mut sites, 0);
                }
                if let Some(u) = pr.after_unknown {
                    overlay_unknown(&mut attrs, u, 0);
                }
                if let Some(cfg) = self.config_resource(pr) {
                    mark_defaulted(&mut attrs, cfg.get("expressions"), 0);
                }
                Record {
                    address: pr.address.clone(),
                    ty: pr.ty.clone(),
                    data: pr.data,
                    attrs,
                    sites,
                    span: pr.span,
                    uncertain: pr.uncertain,
                    trail: pr.trail.clone(),
                }
            })
            .collect()
    }
}

/// A small extension: follow object members by name.
trait PathNode {
    fn path_node(&self, path: &[&str]) -> Option<&JsonNode>;
}

impl PathNode for JsonNode {
    fn path_node(&self, path: &[&str]) -> Option<&JsonNode> {
        let mut cur = self;
        for p in path {
            cur = cur.get(p)?;
        }
        Some(cur)
    }
}

/// Where each attribute path is written in a plan resource's `values`:
/// `sku` → the member, `network_rule_set.0` → the block object,
/// `network_rule_set.0.default_action` → its member.
fn collect_sites(node: &JsonNode, prefix: &str, sites: &mut HashMap<String, Span>, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    for m in node.as_object().unwrap_or(&[]) {
        let path = format!("{prefix}{}", m.key);
        sites.insert(path.clone(), m.span());
        if let Some(items) = m.value.as_array() {
            for (i, e) in items.iter().enumerate() {
                if e.as_object().is_some() {
                    sites.insert(format!("{path}.{i}"), e.span);
                    collect_sites(e, &format!("{path}.{i}."), sites, depth + 1);
                }
            }
        }
    }
}

fn has_true(u: &JsonNode, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match &u.kind {
        JsonKind::Bool(b) => *b,
        JsonKind::Array(items) => items.iter().any(|i| has_true(i, depth + 1)),
        JsonKind::Object(ms) => ms.iter().any(|m| has_true(&m.value, depth + 1)),
        _ => false,
    }
}

/// Marks what `after_unknown` says is unknown after apply.
fn overlay_unknown(v: &mut Value, u: &JsonNode, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    match &u.kind {
        JsonKind::Bool(true) => {
            *v = Value::unknown();
        }
        JsonKind::Object(members) => {
            if !has_true(u, depth) {
                return;
            }
            if !matches!(v.data, Data::Map(_)) {
                v.data = Data::Map(Default::default());
            }
            if let Some(m) = v.as_map_mut() {
                for mem in members {
                    if has_true(&mem.value, depth + 1) {
                        let c = m.entry(mem.key.clone()).or_default();
                        overlay_unknown(c, &mem.value, depth + 1);
                    }
                }
            }
        }
        JsonKind::Array(items) => {
            if !has_true(u, depth) {
                return;
            }
            if !matches!(v.data, Data::List(_)) {
                v.data = Data::List(Vec::new());
            }
            if let Data::List(list) = &mut v.data {
                for (i, it) in items.iter().enumerate() {
                    if !has_true(it, depth + 1) {
                        continue;
                    }
                    while list.len() <= i {
                        list.push(Value::null());
                    }
                    overlay_unknown(&mut list[i], it, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn is_expression(e: &JsonNode) -> bool {
    e.member("references").is_some() || e.member("constant_value").is_some()
}

/// Attributes the configuration does not set are the provider's: defaulted.
fn mark_defaulted(attrs: &mut Value, exprs: Option<&JsonNode>, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    let Some(m) = attrs.as_map_mut() else { return };
    for (k, child) in m.iter_mut() {
        match exprs.and_then(|e| e.get(k)) {
            None => set_kind(child, OriginKind::Defaulted, depth),
            Some(e) if is_expression(e) => {}
            Some(e) => {
                // Nested blocks: a list of block expressions (or one object).
                if let Data::List(items) = &mut child.data {
                    for (i, it) in items.iter_mut().enumerate() {
                        let be = match &e.kind {
                            JsonKind::Array(bs) => bs.get(i).or(bs.first()),
                            _ => Some(e),
                        };
                        mark_defaulted(it, be, depth + 1);
                    }
                }
            }
        }
    }
}

fn set_kind(v: &mut Value, kind: OriginKind, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    if v.origin.kind == OriginKind::Written {
        v.origin.kind = kind;
    }
    match &mut v.data {
        Data::List(items) => items.iter_mut().for_each(|i| set_kind(i, kind, depth + 1)),
        Data::Map(m) => m.values_mut().for_each(|i| set_kind(i, kind, depth + 1)),
        _ => {}
    }
}

/// Every resource instance by base address (`module.a[0].azurerm_x.y`), for
/// following configuration references.
struct Index<'p, 'a> {
    plan: &'p Plan<'a>,
    by_base: HashMap<String, Vec<(Option<Key>, usize)>>,
    modules: HashSet<String>,
}

impl<'p, 'a> Index<'p, 'a> {
    fn new(plan: &'p Plan<'a>) -> Index<'p, 'a> {
        let mut by_base: HashMap<String, Vec<(Option<Key>, usize)>> = HashMap::new();
        let mut modules = HashSet::new();
        for (i, pr) in plan.resources.iter().enumerate() {
            let base = join(
                &pr.module,
                &format!(
                    "{}{}.{}",
                    if pr.data { "data." } else { "" },
                    pr.ty,
                    pr.name
                ),
            );
            by_base.entry(base).or_default().push((pr.key.clone(), i));
            let mut m = pr.module.clone();
            while !m.is_empty() {
                modules.insert(m.clone());
                m = address::split_last_module(&m)
                    .map(|(p, _)| p)
                    .unwrap_or_default();
            }
        }
        Index {
            plan,
            by_base,
            modules,
        }
    }

    /// Tags the values of one resource with the resources their configuration refers to.
    fn link(&self, pr: &PlanRes<'_>, attrs: &mut Value) {
        let Some(cfg) = self.plan.config_resource(pr) else {
            return;
        };
        let Some(exprs) = cfg.get("expressions") else {
            return;
        };
        self.link_block(attrs, exprs, &pr.module, pr.key.as_ref(), 0);
    }

    fn link_block(
        &self,
        v: &mut Value,
        exprs: &JsonNode,
        module: &str,
        own: Option<&Key>,
        depth: u32,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for mem in exprs.as_object().unwrap_or(&[]) {
            let e = &mem.value;
            if is_expression(e) {
                let mut targets = self.resolve(e, module, own, None, 0, false);
                // A value the provider computes (`ip_configuration[0]
                // .private_ip_address`): not known, but read from that resource.
                let unknown = v
                    .as_map()
                    .and_then(|m| m.get(&mem.key))
                    .is_none_or(Value::is_unknown);
                if targets.is_empty() && unknown {
                    targets = self.resolve(e, module, own, None, 0, true);
                }
                if targets.is_empty() {
                    continue;
                }
                let Some(m) = v.as_map_mut() else { return };
                let slot = m.entry(mem.key.clone()).or_insert_with(Value::unknown);
                apply_targets(slot, &targets);
                continue;
            }
            let Some(child) = v.as_map_mut().and_then(|m| m.get_mut(&mem.key)) else {
                continue;
            };
            if let Data::List(items) = &mut child.data {
                for (i, it) in items.iter_mut().enumerate() {
                    let be = match &e.kind {
                        JsonKind::Array(bs) => bs.get(i),
                        JsonKind::Object(_) => Some(e),
                        _ => None,
                    };
                    if let Some(be) = be {
                        self.link_block(it, be, module, own, depth + 1);
                    }
                }
            }
        }
    }

    /// The resources an expression refers to (by id or name, or by any
    /// attribute with `any_attr`), in order.
    fn resolve(
        &self,
        expr: &JsonNode,
        module: &str,
        own: Option<&Key>,
        selected: Option<&Key>,
        depth: u32,
        any_attr: bool,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if depth > MAX_DEPTH {
            return out;
        }
        let refs: Vec<&str> = expr
            .get("references")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(JsonNode::as_str)
            .collect();
        let uses_index = refs
            .iter()
            .any(|r| r.starts_with("count.") || r.starts_with("each."));
        let hint = selected.or(if uses_index { own } else { None });
        // Resource references grouped by base address: attributes used, key written.
        let mut groups: Vec<RefGroup> = Vec::new();
        for r in refs {
            let Some(steps) = address::parse(r) else {
                continue;
            };
            let attr = |i: usize| steps.get(i).map(|s| s.name.clone());
            match steps[0].name.as_str() {
                "local" | "path" | "terraform" | "count" | "each" | "self" => {}
                "var" => {
                    let (Some(var), Some((parent, call))) =
                        (steps.get(1), address::split_last_module(module))
                    else {
                        continue;
                    };
                    let arg = self
                        .plan
                        .config_module(&parent)
                        .and_then(|m| m.path_node(&["module_calls", &call.name, "expressions"]))
                        .and_then(|e| e.get(&var.name));
                    if let Some(arg) = arg {
                        let found = self.resolve(
                            arg,
                            &parent,
                            call.key.as_ref(),
                            None,
                            depth + 1,
                            any_attr,
                        );
                        push_all(&mut out, found);
                    }
                }
                "module" => {
                    let (Some(call), Some(output)) = (steps.get(1), steps.get(2)) else {
                        continue;
                    };
                    let mut child = join(module, &format!("module.{}", call.name));
                    if let Some(k) = &call.key {
                        child.push_str(&k.render());
                    } else if !self.modules.contains(&child) {
                        match hint {
                            Some(k) => child.push_str(&k.render()),
                            None => continue,
                        }
                    }
                    let sel = output
                        .key
                        .clone()
                        .or_else(|| steps.get(3).and_then(|s| s.key.clone()));
                    let expr = self
                        .plan
                        .config_module(&child)
                        .and_then(|m| m.path_node(&["outputs", &output.name, "expression"]));
                    if let Some(e) = expr {
                        let found =
                            self.resolve(e, &child, None, sel.as_ref(), depth + 1, any_attr);
                        push_all(&mut out, found);
                    }
                }
                "data" => {
                    if steps.len() < 3 {
                        continue;
                    }
                    let base = format!("data.{}.{}", steps[1].name, steps[2].name);
                    add_group(&mut groups, base, attr(3), steps[2].key.clone());
                }
                _ => {
                    if steps.len() < 2 {
                        continue;
                    }
                    let base = format!("{}.{}", steps[0].name, steps[1].name);
                    add_group(&mut groups, base, attr(2), steps[1].key.clone());
                }
            }
        }
        for (base, attrs, key) in groups {
            let linkable = any_attr
                || attrs
                    .iter()
                    .any(|a| matches!(a.as_deref(), Some("id" | "name")))
                || attrs.iter().all(Option::is_none);
            if !linkable {
                continue;
            }
            let Some(instances) = self.by_base.get(&join(module, &base)) else {
                continue;
            };
            let pick = match (&key, hint) {
                (Some(k), _) => instances.iter().find(|(ik, _)| ik.as_ref() == Some(k)),
                (None, _) if instances.len() == 1 && instances[0].0.is_none() => instances.first(),
                (None, Some(h)) => instances.iter().find(|(ik, _)| ik.as_ref() == Some(h)),
                (None, None) => None,
            };
            if let Some((_, i)) = pick {
                push_all(&mut out, vec![*i]);
            }
        }
        out
    }
}

/// References to one resource: its base address, the attributes used, the key written.
type RefGroup = (String, Vec<Option<String>>, Option<Key>);

fn add_group(groups: &mut Vec<RefGroup>, base: String, attr: Option<String>, key: Option<Key>) {
    match groups.iter_mut().find(|g| g.0 == base) {
        Some(g) => {
            g.1.push(attr);
            if g.2.is_none() {
                g.2 = key;
            }
        }
        None => groups.push((base, vec![attr], key)),
    }
}

fn push_all(out: &mut Vec<usize>, found: Vec<usize>) {
    for f in found {
        if !out.contains(&f) {
            out.push(f);
        }
    }
}

fn join(module: &str, rest: &str) -> String {
    if module.is_empty() {
        rest.to_string()
    } else {
        format!("{module}.{rest}")
    }
}

fn res_key(i: usize) -> Option<ResKey> {
    u32::try_from(i).ok().map(ResKey)
}

/// One target: the value (and a one-element list's element) stands for it.
/// Several targets: the elements of a list of the same length, in order.
fn apply_targets(v: &mut Value, targets: &[usize]) {
    if let [t] = targets {
        v.origin.resource = res_key(*t);
        if let Data::List(items) = &mut v.data {
            if let [only] = items.as_mut_slice() {
                only.origin.resource = res_key(*t);
            }
        }
        // An object expression referring to one resource (an azapi `body`):
        // Terraform gives the references of the whole expression, so the one
        // value inside it that is not known yet is the one that refers to it.
        if let Data::Map(_) = &v.data {
            let mut unknown: Vec<&mut Value> = Vec::new();
            let mut stack: Vec<&mut Value> = vec![v];
            let mut budget = 10_000usize;
            while let Some(x) = stack.pop() {
                budget = budget.saturating_sub(1);
                if budget == 0 {
                    return;
                }
                if x.is_unknown() {
                    unknown.push(x);
                    continue;
                }
                match &mut x.data {
                    Data::Map(m) => stack.extend(m.values_mut()),
                    Data::List(items) => stack.extend(items.iter_mut()),
                    _ => {}
                }
            }
            if let [only] = unknown.as_mut_slice() {
                only.origin.resource = res_key(*t);
            }
        }
        return;
    }
    if let Data::List(items) = &mut v.data {
        if items.len() == targets.len() {
            for (it, t) in items.iter_mut().zip(targets) {
                it.origin.resource = res_key(*t);
            }
        }
    }
}

/// The folder whose Terraform sources produced the plan, if any.
fn source_dir(sources: &SourceMap, file: FileId, opts: &PlanOptions) -> Option<PathBuf> {
    if let Some(d) = &opts.source_dir {
        return Some(d.clone());
    }
    if !opts.sources_beside {
        return None;
    }
    let path = &sources.get(file)?.path;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    has_config_files(&dir).then_some(dir)
}

fn has_config_files(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .any(|e| isolint_terraform::is_config_file(&e.path()))
        })
        .unwrap_or(false)
}

/// The root variable values the plan was made with.
fn plan_variables(doc: &JsonNode) -> Vec<(String, Value)> {
    doc.get("variables")
        .and_then(JsonNode::as_object)
        .unwrap_or(&[])
        .iter()
        .filter_map(|m| Some((m.key.clone(), m.value.get("value")?.to_value())))
        .collect()
}

/// Locates a plan record in its HCL twin (see the crate docs).
fn adopt_twin(rec: &mut Record, twin: &Record) {
    rec.span = twin.span;
    rec.sites = twin.sites.clone();
    rec.trail = twin.trail.clone();
    merge_origins(&mut rec.attrs, Some(&twin.attrs), 0);
}

fn merge_origins(p: &mut Value, h: Option<&Value>, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(h) = h.filter(|h| h.is_wholly_known() && h.origin.span.is_some()) {
        if *p == *h {
            copy_origins(p, h, depth);
            return;
        }
    }
    if p.origin.kind == OriginKind::Written && p.origin.span.is_some() {
        p.origin.kind = OriginKind::Computed;
    }
    match &mut p.data {
        Data::Map(m) => {
            for (k, c) in m.iter_mut() {
                merge_origins(
                    c,
                    h.and_then(|h| h.as_map()).and_then(|hm| hm.get(k)),
                    depth + 1,
                );
            }
        }
        Data::List(items) => {
            for (i, c) in items.iter_mut().enumerate() {
                merge_origins(
                    c,
                    h.and_then(|h| h.as_list()).and_then(|l| l.get(i)),
                    depth + 1,
                );
            }
        }
        _ => {}
    }
}

fn copy_origins(p: &mut Value, h: &Value, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    let resource = p.origin.resource;
    p.origin = h.origin;
    p.origin.resource = resource;
    match (&mut p.data, &h.data) {
        (Data::Map(pm), Data::Map(hm)) => {
            for (k, c) in pm.iter_mut() {
                if let Some(hc) = hm.get(k) {
                    copy_origins(c, hc, depth + 1);
                }
            }
        }
        (Data::List(pl), Data::List(hl)) => {
            for (c, hc) in pl.iter_mut().zip(hl) {
                copy_origins(c, hc, depth + 1);
            }
        }
        _ => {}
    }
}
