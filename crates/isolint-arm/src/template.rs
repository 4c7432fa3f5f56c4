//! Walking a template: resources, copy loops, conditions, child resources,
//! nested deployments and outputs.

use crate::eval::{Local, Scope, State};
use isolint_json::{JsonKind, JsonNode};
use isolint_model::finding::meta;
use isolint_model::ValueMap;
use isolint_model::{
    types, Data, FileId, Format, Origin, Resource, SourceMap, Span, Suppression, Value,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Members of a resource declaration that are not part of the ARM body.
const NOT_BODY: &[&str] = &[
    "name",
    "type",
    "apiversion",
    "dependson",
    "copy",
    "condition",
    "comments",
    "resources",
    "scope",
    "existing",
    "metadata",
    "import",
];

/// Where a template runs: the deployment chain leading to it.
#[derive(Clone, Default)]
pub(crate) struct DeployCtx {
    /// Address prefix (`deployment 'net' > `).
    pub prefix: String,
    pub trail: Vec<(String, Span)>,
    pub depth: usize,
    pub resource_group: Option<Value>,
    /// The file the template was read from (for `relativePath` links).
    pub path: Option<PathBuf>,
}

struct Parent {
    full_type: String,
    name: Value,
    /// Index of the parent's emitted resource.
    index: usize,
    /// The parent's name as shown in addresses.
    display: String,
}

pub(crate) struct Loader<'a, 'o> {
    pub sources: &'a mut SourceMap,
    pub st: State<'o>,
    pub resources: Vec<Resource>,
    pub suppressions: Vec<Suppression>,
    suppressed_at: HashSet<Span>,
    /// Linked files parsed so far (kept alive for the whole load).
    linked: Vec<(PathBuf, FileId)>,
    /// Indexes of the resources emitted from each declaration (by its span).
    pub emitted: HashMap<Span, Vec<usize>>,
    /// Children with unknown full names whose parent declaration is known:
    /// (child index, parent declaration, own name, its origin).
    pub pending_parents: Vec<(usize, Span, String, Origin)>,
}

impl<'a, 'o> Loader<'a, 'o> {
    pub fn new(sources: &'a mut SourceMap, st: State<'o>) -> Self {
        Loader {
            sources,
            st,
            resources: Vec::new(),
            suppressions: Vec::new(),
            suppressed_at: HashSet::new(),
            linked: Vec::new(),
            emitted: HashMap::new(),
            pending_parents: Vec::new(),
        }
    }

    /// Emits every resource of `tpl` evaluated in `scope`, then returns the outputs.
    pub fn run_template(
        &mut self,
        scope: &Scope,
        tpl: &JsonNode,
        ctx: &DeployCtx,
        local: &Local,
    ) -> Value {
        let mut decls: Vec<(Option<&str>, &JsonNode)> = Vec::new();
        match tpl.get("resources").map(|r| &r.kind) {
            Some(JsonKind::Array(items)) => decls.extend(items.iter().map(|i| (None, i))),
            Some(JsonKind::Object(members)) => {
                decls.extend(members.iter().map(|m| (Some(m.key.as_str()), &m.value)))
            }
            _ => {}
        }
        // Symbolic names: resource IDs for reference('sym').id, and deployment
        // names so that reference('sym') finds their outputs.
        for (sym, node) in &decls {
            if let Some(sym) = sym {
                if node.get("copy").is_none() {
                    scope
                        .symbol_decls
                        .borrow_mut()
                        .insert(sym.to_ascii_lowercase(), node.span);
                    let ty = node.get("type").and_then(JsonNode::as_str);
                    let name = node
                        .get("name")
                        .map(|nn| scope.eval_node(&mut self.st, nn, &Local::default(), None));
                    if let (Some(ty), Some(name)) = (ty, name.as_ref().and_then(Value::as_str)) {
                        if let Some(id) = crate::functions::group_resource_id(ty, name) {
                            scope
                                .symbol_ids
                                .borrow_mut()
                                .insert(sym.to_ascii_lowercase(), Value::string(id));
                        }
                    }
                }
                if is_deployment(node) {
                    if let Some(nn) = node.get("name") {
                        let v = scope.eval_node(&mut self.st, nn, &Local::default(), None);
                        scope
                            .symbols
                            .borrow_mut()
                            .insert(sym.to_ascii_lowercase(), v);
                    }
                }
            }
        }
        for (_, node) in &decls {
            self.register(scope, node, None);
        }
        // Nested deployments first, so that their outputs are known to the rest.
        let (deps, others): (Vec<_>, Vec<_>) =
            decls.into_iter().partition(|(_, n)| is_deployment(n));
        let deps = self.order_deployments(scope, deps, local);
        for (sym, node) in deps.into_iter().chain(others) {
            if node.as_object().is_none() {
                continue;
            }
            self.resource(scope, node, sym, None, local, ctx);
        }
        let mut outs = ValueMap::new();
        for m in tpl
            .get("outputs")
            .and_then(JsonNode::as_object)
            .unwrap_or(&[])
        {
            let v = if let Some(copy) = m.value.get("copy") {
                scope.copy_array(&mut self.st, copy, local, None)
            } else if let Some(v) = m.value.get("value") {
                scope.eval_node(&mut self.st, v, local, None)
            } else {
                Value::unknown()
            };
            let mut o = ValueMap::new();
            o.insert("value".to_string(), v);
            if let Some(t) = m.value.get("type").and_then(JsonNode::as_str) {
                o.insert("type".to_string(), Value::string(t));
            }
            outs.insert(m.key.clone(), Value::map(o));
        }
        Value::map(outs)
    }

    /// Orders nested deployments so that one whose `dependsOn` names another
    /// runs after it (its outputs are then known); document order otherwise,
    /// and for cycles.
    fn order_deployments<'n>(
        &mut self,
        scope: &Scope,
        deps: Vec<(Option<&'n str>, &'n JsonNode)>,
        local: &Local,
    ) -> Vec<(Option<&'n str>, &'n JsonNode)> {
        if deps.len() < 2 {
            return deps;
        }
        // Names by which each deployment can be depended on.
        let mut names: Vec<Vec<String>> = Vec::with_capacity(deps.len());
        for (sym, node) in &deps {
            let mut n = Vec::new();
            if let Some(sym) = sym {
                n.push(sym.to_ascii_lowercase());
            }
            if let Some(v) = node
                .get("name")
                .map(|nn| scope.eval_node(&mut self.st, nn, local, None))
            {
                if let Some(x) = v.as_str() {
                    n.push(x.to_ascii_lowercase());
                }
            }
            n.push(format!(
                "decl:{}",
                crate::functions::decl_output_key(node.span)
            ));
            names.push(n);
        }
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); deps.len()];
        for (i, (_, node)) in deps.iter().enumerate() {
            for d in node
                .get("dependsOn")
                .and_then(JsonNode::as_array)
                .unwrap_or(&[])
            {
                let Some(text) = d.as_str() else { continue };
                let mut keys = Vec::new();
                let v = scope.eval_node(&mut self.st, d, local, None);
                match v.as_str() {
                    Some(x) if x.starts_with('/') => {
                        if let Some(id) = isolint_model::ResourceId::parse(x) {
                            keys.push(id.names.join("/").to_ascii_lowercase());
                        }
                    }
                    Some(x) => keys.push(x.to_ascii_lowercase()),
                    None => {
                        if let crate::expr::StrKind::Expression(src) = crate::expr::classify(text) {
                            if let Ok(crate::expr::Expr::Call(n, args)) = crate::expr::parse(src) {
                                if let Some(decl) =
                                    scope.symbolic_target(&mut self.st, &n, &args, local, d.span)
                                {
                                    keys.push(format!(
                                        "decl:{}",
                                        crate::functions::decl_output_key(decl)
                                    ));
                                }
                            }
                        }
                    }
                }
                for (j, n) in names.iter().enumerate() {
                    if j != i && keys.iter().any(|k| n.contains(k)) && !edges[i].contains(&j) {
                        edges[i].push(j);
                    }
                }
            }
        }
        // Depth-first topological order, document order among independents.
        let mut state = vec![0u8; deps.len()];
        let mut order = Vec::with_capacity(deps.len());
        fn visit(
            i: usize,
            edges: &[Vec<usize>],
            state: &mut [u8],
            order: &mut Vec<usize>,
            depth: usize,
        ) {
            if state[i] != 0 || depth > 10_000 {
                return;
            }
            state[i] = 1;
            for &j in &edges[i] {
                visit(j, edges, state, order, depth + 1);
            }
            state[i] = 2;
            order.push(i);
        }
        for i in 0..deps.len() {
            visit(i, &edges, &mut state, &mut order, 0);
        }
        order
            .into_iter()
            .filter_map(|i| deps.get(i).copied())
            .collect()
    }

    /// Registers a declaration (and its nested children) under its symbolic
    /// identity, so that `resourceId()` calls with unknown names can still
    /// be linked to it.
    fn register(&mut self, scope: &Scope, node: &JsonNode, parent: Option<(&str, &[String])>) {
        let Some(ty) = node.get("type").and_then(JsonNode::as_str) else {
            return;
        };
        let Some(name) = node.get("name").and_then(JsonNode::as_str) else {
            return;
        };
        let own: Vec<String> = match crate::expr::classify(name) {
            crate::expr::StrKind::Literal(l) => l.split('/').map(|p| format!("lit:{p}")).collect(),
            crate::expr::StrKind::Expression(src) => match crate::expr::parse(src) {
                Ok(e) => scope.segments(&mut self.st, &e, &Local::default()),
                Err(_) => return,
            },
        };
        let (full_type, segs) = match parent {
            Some((pt, ps)) if !is_full_type(ty) => (
                format!("{pt}/{ty}"),
                ps.iter().cloned().chain(own).collect::<Vec<_>>(),
            ),
            _ => (ty.to_string(), own),
        };
        scope.register_decl(crate::eval::decl_key(&full_type, &segs), node.span);
        for child in node
            .get("resources")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            self.register(scope, child, Some((&full_type, &segs)));
        }
    }

    fn resource(
        &mut self,
        scope: &Scope,
        node: &JsonNode,
        sym: Option<&str>,
        parent: Option<&Parent>,
        local: &Local,
        ctx: &DeployCtx,
    ) {
        if let Some(copy) = node.get("copy").filter(|c| c.as_object().is_some()) {
            let cname = copy.get("name").and_then(JsonNode::as_str).unwrap_or("");
            let count = copy
                .get("count")
                .map(|c| scope.eval_node(&mut self.st, c, local, None));
            match count.as_ref().and_then(Value::as_i64) {
                Some(n) if n > self.st.opts.max_copy as i64 => {
                    self.st.report(meta::limit(
                        Some(copy.span),
                        format!("resource copy loop '{cname}' asks for {n} instances; only one instance with an unknown index is evaluated (limit {})", self.st.opts.max_copy),
                    ));
                    self.instance(
                        scope,
                        node,
                        sym,
                        parent,
                        &local.with_copy(cname, None),
                        ctx,
                        None,
                    );
                }
                Some(n) => {
                    for i in 0..n.max(0) {
                        self.instance(
                            scope,
                            node,
                            sym,
                            parent,
                            &local.with_copy(cname, Some(i)),
                            ctx,
                            Some(i),
                        );
                    }
                }
                None => self.instance(
                    scope,
                    node,
                    sym,
                    parent,
                    &local.with_copy(cname, None),
                    ctx,
                    None,
                ),
            }
        } else {
            self.instance(scope, node, sym, parent, local, ctx, None);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn instance(
        &mut self,
        scope: &Scope,
        node: &JsonNode,
        sym: Option<&str>,
        parent: Option<&Parent>,
        local: &Local,
        ctx: &DeployCtx,
        copy_i: Option<i64>,
    ) {
        // An unknown condition keeps the resource, marked as possibly absent.
        let mut uncertain = false;
        if let Some(c) = node.get("condition") {
            let cv = scope.eval_node(&mut self.st, c, local, None);
            match cv.as_bool() {
                Some(false) => return,
                Some(true) => {}
                None => uncertain = true,
            }
        }
        let ty = node
            .get("type")
            .map(|t| scope.eval_node(&mut self.st, t, local, None));
        let Some(short_type) = ty.as_ref().and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        let full_type = match parent {
            Some(p) if !is_full_type(&short_type) => format!("{}/{}", p.full_type, short_type),
            _ => short_type.clone(),
        };
        let own_name = node
            .get("name")
            .map(|n| scope.eval_node(&mut self.st, n, local, None))
            .unwrap_or_else(Value::unknown);
        let name = match parent {
            Some(p)
                if !is_full_type(&short_type)
                    || own_name.as_str().is_some_and(|n| !n.contains('/')) =>
            {
                match (p.name.as_str(), own_name.as_str()) {
                    (Some(pn), Some(on)) if !on.contains('/') => {
                        Value::string(format!("{pn}/{on}")).with_origin(own_name.origin)
                    }
                    (_, Some(on)) if on.contains('/') => own_name.clone(),
                    _ => Value::unknown_at(own_name.span()),
                }
            }
            _ => own_name.clone(),
        };
        let api_version = node
            .get("apiVersion")
            .map(|a| scope.eval_node(&mut self.st, a, local, None))
            .and_then(|v| v.as_str().map(str::to_string));
        // The name as shown in addresses (a readable preview when unknown).
        let shown = match name.as_str() {
            Some(n) => n.to_string(),
            None => {
                let raw = node.get("name").and_then(JsonNode::as_str).unwrap_or("?");
                let own = scope.preview(&mut self.st, raw, node.span, local);
                match parent {
                    Some(p) if !is_full_type(&short_type) && !own.contains('/') => {
                        format!("{}/{own}", p.display)
                    }
                    _ => own,
                }
            }
        };
        let mut r = Resource::new(
            address(
                ctx,
                sym,
                &full_type,
                &shown,
                name.as_str().is_some(),
                copy_i,
            ),
            full_type.clone(),
            node.span,
            Format::Arm,
        );
        r.api_version = api_version;
        r.name = name.clone();
        r.existing = node
            .get("existing")
            .and_then(JsonNode::as_bool)
            .unwrap_or(false);
        r.uncertain = uncertain;
        r.trail = ctx.trail.clone();
        r.resource_group = ctx.resource_group.clone();
        let deployment = full_type.eq_ignore_ascii_case(types::DEPLOYMENT);
        let mut body = ValueMap::new();
        let mut sites = BTreeMap::new();
        for m in node.as_object().unwrap_or(&[]) {
            let lk = m.key.to_ascii_lowercase();
            if NOT_BODY.contains(&lk.as_str()) {
                continue;
            }
            if deployment && (lk == "resourcegroup" || lk == "subscriptionid") {
                continue;
            }
            sites.insert(m.key.clone(), m.span());
            let v = if deployment && lk == "properties" {
                self.deployment_properties(scope, &m.value, local, &mut sites)
            } else {
                scope.eval_node(&mut self.st, &m.value, local, Some((&mut sites, &m.key)))
            };
            body.insert(m.key.clone(), v);
        }
        r.body = Value::map(body).with_origin(Origin::written(node.span));
        r.sites = sites;
        self.suppressions_of(node);
        let index = self.resources.len();
        // A child whose full name is unknown still knows its parent: link it
        // directly (the name then is relative to the parent).
        if r.name.is_unknown() && crate::id_depth(&full_type) >= 2 {
            let own_text = own_name
                .as_str()
                .filter(|n| !n.contains('/'))
                .map(str::to_string);
            match parent {
                Some(p) if !is_full_type(&short_type) => {
                    if let Some(own) = own_text {
                        r.parent =
                            Some(Value::unknown().with_resource(
                                u32::try_from(p.index).ok().map(isolint_model::ResKey),
                            ));
                        r.name = Value::string(own).with_origin(own_name.origin);
                    }
                }
                _ => {
                    if let Some(nn) = node.get("name").and_then(JsonNode::as_str) {
                        if let crate::expr::StrKind::Expression(src) = crate::expr::classify(nn) {
                            if let Ok(e) = crate::expr::parse(src) {
                                let segs = scope.segments(&mut self.st, &e, local);
                                if let (Some((last, head)), Some(pt)) = (
                                    segs.split_last(),
                                    full_type.rfind('/').map(|i| &full_type[..i]),
                                ) {
                                    if let Some(own) = last.strip_prefix("lit:") {
                                        let key = crate::eval::decl_key(pt, head);
                                        if let Some(Some(decl)) = scope.decls.borrow().get(&key) {
                                            self.pending_parents.push((
                                                index,
                                                *decl,
                                                own.to_string(),
                                                own_name.origin,
                                            ));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.emitted.entry(node.span).or_default().push(index);
        self.resources.push(r);

        if deployment && !r_existing(node) {
            self.nested_deployment(scope, node, sym, &name, &shown, local, ctx, copy_i);
        }
        if let Some(children) = node.get("resources").and_then(JsonNode::as_array) {
            let p = Parent {
                full_type,
                name,
                index,
                display: shown,
            };
            for child in children {
                if child.as_object().is_some() {
                    self.resource(scope, child, None, Some(&p), local, ctx);
                }
            }
        }
    }

    /// The body of a deployment resource: everything but the inline template.
    fn deployment_properties(
        &mut self,
        scope: &Scope,
        props: &JsonNode,
        local: &Local,
        sites: &mut BTreeMap<String, Span>,
    ) -> Value {
        let mut out = ValueMap::new();
        for m in props.as_object().unwrap_or(&[]) {
            let lk = m.key.to_ascii_lowercase();
            if lk == "template" {
                continue;
            }
            let path = format!("properties.{}", m.key);
            sites.insert(path.clone(), m.span());
            let v = if lk == "parameters" && !is_inner(props) {
                // Outer scope: the parameters are the nested template's, not evaluated here.
                Value::unknown_at(Some(m.value.span))
            } else {
                scope.eval_node(&mut self.st, &m.value, local, Some((sites, &path)))
            };
            out.insert(m.key.clone(), v);
        }
        Value::map(out).with_origin(Origin::written(props.span))
    }

    fn suppressions_of(&mut self, node: &JsonNode) {
        let Some(meta_m) = node
            .get("metadata")
            .and_then(|m| m.member("isolint:ignore"))
        else {
            return;
        };
        if !self.suppressed_at.insert(meta_m.span()) {
            return;
        }
        let line = self
            .sources
            .get(meta_m.key_span.file)
            .map(|f| f.line_col(node.span.start).line)
            .unwrap_or(1);
        match &meta_m.value.kind {
            JsonKind::Object(rules) => {
                for rm in rules {
                    self.suppressions.push(Suppression {
                        rules: rm
                            .key
                            .split(',')
                            .map(|x| x.trim().to_string())
                            .filter(|x| !x.is_empty())
                            .collect(),
                        reason: rm.value.as_str().unwrap_or("").to_string(),
                        span: meta_m.span(),
                        target_line: line,
                    });
                }
            }
            JsonKind::String(text) => {
                // "isolint:ignore": "AML301 reason"
                let (ids, reason) = text
                    .trim()
                    .split_once(char::is_whitespace)
                    .unwrap_or((text.trim(), ""));
                self.suppressions.push(Suppression {
                    rules: ids
                        .split(',')
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                        .collect(),
                    reason: reason.trim().to_string(),
                    span: meta_m.span(),
                    target_line: line,
                });
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn nested_deployment(
        &mut self,
        scope: &Scope,
        node: &JsonNode,
        sym: Option<&str>,
        name: &Value,
        shown: &str,
        local: &Local,
        ctx: &DeployCtx,
        copy_i: Option<i64>,
    ) {
        let Some(props) = node.get("properties") else {
            return;
        };
        let dname = name.as_str().map(str::to_string);
        let idx = copy_i.map(|i| format!("[{i}]")).unwrap_or_default();
        // How the deployment is named in addresses: its symbolic name, else
        // its evaluated name, else a preview of its name (see the crate docs).
        let (label, prefix) = match (sym, &dname) {
            (Some(sym), _) => (
                format!("{sym}{idx}"),
                format!("{}{sym}{idx} > ", ctx.prefix),
            ),
            (None, Some(d)) => (d.clone(), format!("{}deployment '{d}' > ", ctx.prefix)),
            (None, None) => (
                format!("{shown}{idx}"),
                format!("{}deployment '{shown}'{idx} > ", ctx.prefix),
            ),
        };
        if ctx.depth + 1 > self.st.opts.max_depth {
            self.st.report(meta::limit(
                Some(node.span),
                format!(
                    "nested deployment '{label}' is deeper than {} levels and is not evaluated",
                    self.st.opts.max_depth
                ),
            ));
            return;
        }
        let mut inner_ctx = DeployCtx {
            prefix,
            trail: ctx.trail.clone(),
            depth: ctx.depth + 1,
            resource_group: ctx.resource_group.clone(),
            path: ctx.path.clone(),
        };
        inner_ctx.trail.push((
            format!("deployed through nested deployment '{label}'"),
            node.span,
        ));
        if let Some(rg) = node.get("resourceGroup") {
            inner_ctx.resource_group = Some(scope.eval_node(&mut self.st, rg, local, None));
        }
        // Find the template: inline, or a local relative link.
        let linked;
        let tpl: &JsonNode =
            if let Some(t) = props.get("template").filter(|t| t.as_object().is_some()) {
                t
            } else if let Some(link) = props.get("templateLink") {
                match self.follow_link(scope, link, local, ctx) {
                    Some((node, path)) => {
                        linked = node;
                        inner_ctx.path = Some(path);
                        &linked
                    }
                    None => return,
                }
            } else {
                return;
            };
        let outputs = if is_inner(props) {
            let mut given = HashMap::new();
            for m in props
                .get("parameters")
                .and_then(JsonNode::as_object)
                .unwrap_or(&[])
            {
                let v = if let Some(v) = m.value.get("value") {
                    scope.eval_node(&mut self.st, v, local, None)
                } else {
                    Value::unknown_at(Some(m.value.span))
                };
                given.insert(m.key.to_ascii_lowercase(), v);
            }
            // Parameters from a linked parameter file are not read: every
            // parameter not passed inline is unknown (not its default).
            if let Some(pl) = props.get("parametersLink") {
                self.st.report(meta::unresolved(
                    Some(pl.span),
                    format!("the parameter file of nested deployment '{label}' is not read; its parameters are unknown"),
                ));
                for m in tpl
                    .get("parameters")
                    .and_then(JsonNode::as_object)
                    .unwrap_or(&[])
                {
                    given
                        .entry(m.key.to_ascii_lowercase())
                        .or_insert_with(|| Value::unknown_at(Some(pl.span)));
                }
            }
            let file = tpl.span.file;
            let inner = Scope::new(file, tpl, given, name.clone());
            let outs = self.run_template(&inner, tpl, &inner_ctx, &Local::default());
            drop(inner);
            outs
        } else {
            self.run_template(scope, tpl, &inner_ctx, local)
        };
        if let Some(d) = dname {
            scope
                .outputs
                .borrow_mut()
                .insert(d.to_ascii_lowercase(), outputs.clone());
        }
        if copy_i.is_none() {
            scope.outputs.borrow_mut().insert(
                crate::functions::decl_output_key(node.span),
                outputs.clone(),
            );
        }
        if let Some(sym) = sym {
            scope
                .outputs
                .borrow_mut()
                .insert(sym.to_ascii_lowercase(), outputs);
        }
    }

    /// Reads a `templateLink` with a `relativePath` inside the scan root; any
    /// other link is reported as unresolved (AML002) and never fetched.
    fn follow_link(
        &mut self,
        scope: &Scope,
        link: &JsonNode,
        local: &Local,
        ctx: &DeployCtx,
    ) -> Option<(JsonNode, PathBuf)> {
        let rel = link
            .get("relativePath")
            .map(|r| scope.eval_node(&mut self.st, r, local, None));
        let Some(rel) = rel.as_ref().and_then(Value::as_str).map(str::to_string) else {
            let what = link
                .get("uri")
                .map(|u| scope.eval_node(&mut self.st, u, local, None))
                .and_then(|u| u.as_str().map(str::to_string))
                .unwrap_or_else(|| "a remote template".to_string());
            self.st.report(meta::unresolved(
                Some(link.span),
                format!("linked template {what} is not read (remote templates are never fetched); its resources are not checked"),
            ));
            return None;
        };
        let base = ctx
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let target = base.join(&rel);
        let unresolved = |st: &mut State, why: &str| {
            st.report(meta::unresolved(
                Some(link.span),
                format!("linked template '{rel}' {why}; its resources are not checked"),
            ));
        };
        let canon = match target.canonicalize() {
            Ok(c) => c,
            Err(_) => {
                unresolved(&mut self.st, "was not found");
                return None;
            }
        };
        let root = self
            .st
            .opts
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.st.opts.root.clone());
        if !canon.starts_with(&root) {
            unresolved(&mut self.st, "is outside the scan root");
            return None;
        }
        let file = match self.linked.iter().find(|(p, _)| *p == canon) {
            Some((_, f)) => *f,
            None => {
                let meta_len = std::fs::metadata(&canon).map(|m| m.len()).unwrap_or(0);
                if meta_len > self.st.opts.max_file_size {
                    self.st.report(meta::limit(
                        Some(link.span),
                        format!(
                            "linked template '{rel}' is larger than {} bytes and is not read",
                            self.st.opts.max_file_size
                        ),
                    ));
                    return None;
                }
                let text = match std::fs::read_to_string(&canon) {
                    Ok(t) => t,
                    Err(_) => {
                        unresolved(&mut self.st, "could not be read");
                        return None;
                    }
                };
                let f = match self.sources.find(&target) {
                    Some(f) => f,
                    None => self.sources.add(target.clone(), text),
                };
                self.linked.push((canon.clone(), f));
                f
            }
        };
        let text = self.sources.get(file)?.text.clone();
        match isolint_json::parse_with(
            file,
            &text,
            isolint_json::ParseOptions {
                max_depth: self.st.opts.max_json_depth,
            },
        ) {
            Ok(node) => Some((node, target)),
            Err(e) => {
                self.st.report(crate::parse_error_finding(&e));
                None
            }
        }
    }
}

fn r_existing(node: &JsonNode) -> bool {
    node.get("existing")
        .and_then(JsonNode::as_bool)
        .unwrap_or(false)
}

fn is_deployment(node: &JsonNode) -> bool {
    node.get("type")
        .and_then(JsonNode::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case(types::DEPLOYMENT))
}

/// Linked templates always run in their own scope; inline ones only when asked.
fn is_inner(props: &JsonNode) -> bool {
    props.get("template").is_none()
        || props
            .get("expressionEvaluationOptions")
            .and_then(|o| o.get("scope"))
            .and_then(JsonNode::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("inner"))
}

/// A full type names its namespace: `Microsoft.Network/virtualNetworks`.
fn is_full_type(t: &str) -> bool {
    t.split('/').next().is_some_and(|ns| ns.contains('.'))
}

/// The address of a resource in findings (see the crate docs).
fn address(
    ctx: &DeployCtx,
    sym: Option<&str>,
    full_type: &str,
    shown: &str,
    known: bool,
    copy_i: Option<i64>,
) -> String {
    let idx = copy_i.map(|i| format!("[{i}]")).unwrap_or_default();
    let core = match sym {
        Some(sym) => format!("{sym}{idx}"),
        None if known => format!("{full_type} '{shown}'"),
        None => format!("{full_type} '{shown}'{idx}"),
    };
    format!("{}{core}", ctx.prefix)
}

/// Links unknown resource IDs to the resource they name (see
/// [`Loader::register`]) through [`Origin::resource`](isolint_model::Origin).
pub(crate) fn link_unknown_ids(
    v: &mut Value,
    pending: &HashMap<Span, Span>,
    emitted: &HashMap<Span, Vec<usize>>,
    depth: usize,
) {
    if v.is_unknown() && v.origin.resource.is_none() {
        if let Some(decl) = v.origin.span.and_then(|s| pending.get(&s)) {
            if let Some([one]) = emitted.get(decl).map(Vec::as_slice) {
                v.origin.resource = u32::try_from(*one).ok().map(isolint_model::ResKey);
            }
        }
    }
    if depth > 512 {
        return;
    }
    match &mut v.data {
        Data::List(items) => items
            .iter_mut()
            .for_each(|i| link_unknown_ids(i, pending, emitted, depth + 1)),
        Data::Map(m) => m
            .values_mut()
            .for_each(|i| link_unknown_ids(i, pending, emitted, depth + 1)),
        _ => {}
    }
}
