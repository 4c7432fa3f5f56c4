//! Evaluation of template values: parameters, variables, expressions,
//! property copy loops.

use crate::expr::{self, Expr, StrKind};
use crate::ArmOptions;
use isolint_json::{JsonKind, JsonNode};
use isolint_model::finding::meta;
use isolint_model::ValueMap;
use isolint_model::{Data, FileId, Finding, Origin, Span, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Mutable state shared by a whole load: budgets and findings.
pub(crate) struct State<'o> {
    pub opts: &'o ArmOptions,
    pub steps: u64,
    pub depth: usize,
    pub findings: Vec<Finding>,
    pub step_limit_reported: bool,
    pub reported: HashSet<(Span, &'static str)>,
    /// Expression strings that computed an unknown resource ID, mapped to the
    /// declaration (span of the resource object) the ID names.
    pub pending_links: HashMap<Span, Span>,
}

impl<'o> State<'o> {
    pub fn new(opts: &'o ArmOptions) -> State<'o> {
        State {
            opts,
            steps: 0,
            depth: 0,
            findings: Vec::new(),
            step_limit_reported: false,
            reported: HashSet::new(),
            pending_links: HashMap::new(),
        }
    }

    /// Records a finding once per (span, rule).
    pub fn report(&mut self, f: Finding) {
        if let Some(s) = f.span {
            if !self.reported.insert((s, f.rule)) {
                return;
            }
        }
        self.findings.push(f);
    }

    /// Counts one evaluation step; false when the budget is spent.
    fn step(&mut self, span: Span) -> bool {
        self.steps = self.steps.saturating_add(1);
        if self.steps > self.opts.max_eval_steps {
            if !self.step_limit_reported {
                self.step_limit_reported = true;
                self.findings.push(meta::limit(
                    Some(span),
                    format!(
                        "ARM template evaluation stopped after {} steps; the remaining values are unknown",
                        self.opts.max_eval_steps
                    ),
                ));
            }
            return false;
        }
        true
    }
}

/// Loop indexes and lambda variables visible to an expression.
#[derive(Clone, Debug, Default)]
pub(crate) struct Local {
    /// (loop name lower-cased, index or None when unknown), innermost last.
    pub copies: Vec<(String, Option<i64>)>,
    /// Property and variable copy loops: reachable only by name, as in ARM
    /// (an unnamed `copyIndex()` there means the resource loop).
    pub named_copies: Vec<(String, Option<i64>)>,
    pub lambda: Vec<(String, Value)>,
}

impl Local {
    pub fn with_copy(&self, name: &str, index: Option<i64>) -> Local {
        let mut l = self.clone();
        l.copies.push((name.to_ascii_lowercase(), index));
        l
    }
    pub fn with_named_copy(&self, name: &str, index: Option<i64>) -> Local {
        let mut l = self.clone();
        l.named_copies.push((name.to_ascii_lowercase(), index));
        l
    }
}

pub(crate) enum ParamSrc<'t> {
    /// A value given by a parameter file or a nested deployment.
    Given(Value),
    /// The template's `defaultValue`.
    Default(&'t JsonNode),
    /// Declared without a default and not given.
    Missing(Span),
}

/// What an expression can see: one template's parameters, variables,
/// functions and the outputs of the nested deployments it ran.
pub(crate) struct Scope<'t> {
    pub file: FileId,
    params: HashMap<String, ParamSrc<'t>>,
    param_cache: RefCell<HashMap<String, Value>>,
    vars: HashMap<String, &'t JsonNode>,
    var_copies: HashMap<String, &'t JsonNode>,
    var_cache: RefCell<HashMap<String, Value>>,
    in_progress: RefCell<HashSet<String>>,
    functions: HashMap<String, &'t JsonNode>,
    /// `deployment().name`, when known.
    pub deployment_name: Value,
    /// Outputs of nested deployments, by lower-cased deployment name or symbolic name.
    pub outputs: RefCell<HashMap<String, Value>>,
    /// languageVersion 2.0 symbolic names → deployment names.
    pub symbols: RefCell<HashMap<String, Value>>,
    /// Resource declarations by symbolic identity (type + name segments), for
    /// linking IDs whose names are unknown; `None` when ambiguous.
    pub decls: RefCell<HashMap<String, Option<Span>>>,
    /// languageVersion 2.0 symbolic names → resource IDs (when known).
    pub symbol_ids: RefCell<HashMap<String, Value>>,
    /// Symbolic name (lower case) → the declaration (languageVersion 2.0).
    pub symbol_decls: RefCell<HashMap<String, Span>>,
}

impl<'t> Scope<'t> {
    /// Builds the scope of `template`; `given` are parameter values supplied from outside.
    pub fn new(
        file: FileId,
        template: &'t JsonNode,
        given: HashMap<String, Value>,
        deployment_name: Value,
    ) -> Scope<'t> {
        let mut params = HashMap::new();
        if let Some(decls) = template.get("parameters").and_then(JsonNode::as_object) {
            for m in decls {
                let key = m.key.to_ascii_lowercase();
                let src = match given.get(&key) {
                    Some(v) => ParamSrc::Given(v.clone()),
                    None => match m.value.get("defaultValue") {
                        Some(d) => ParamSrc::Default(d),
                        None => ParamSrc::Missing(m.key_span),
                    },
                };
                params.insert(key, src);
            }
        }
        // Values given for parameters the template does not declare stay visible too.
        for (k, v) in given {
            params.entry(k).or_insert(ParamSrc::Given(v));
        }
        let mut vars = HashMap::new();
        let mut var_copies = HashMap::new();
        if let Some(decls) = template.get("variables").and_then(JsonNode::as_object) {
            for m in decls {
                if m.key.eq_ignore_ascii_case("copy") {
                    for spec in m.value.as_array().unwrap_or(&[]) {
                        if let Some(n) = spec.get("name").and_then(JsonNode::as_str) {
                            var_copies.insert(n.to_ascii_lowercase(), spec);
                        }
                    }
                } else {
                    vars.insert(m.key.to_ascii_lowercase(), &m.value);
                }
            }
        }
        let mut functions = HashMap::new();
        for ns in template
            .get("functions")
            .and_then(JsonNode::as_array)
            .unwrap_or(&[])
        {
            let Some(nsname) = ns.get("namespace").and_then(JsonNode::as_str) else {
                continue;
            };
            for m in ns
                .get("members")
                .and_then(JsonNode::as_object)
                .unwrap_or(&[])
            {
                functions.insert(format!("{nsname}.{}", m.key).to_ascii_lowercase(), &m.value);
            }
        }
        Scope {
            file,
            params,
            param_cache: RefCell::new(HashMap::new()),
            vars,
            var_copies,
            var_cache: RefCell::new(HashMap::new()),
            in_progress: RefCell::new(HashSet::new()),
            functions,
            deployment_name,
            outputs: RefCell::new(HashMap::new()),
            symbols: RefCell::new(HashMap::new()),
            decls: RefCell::new(HashMap::new()),
            symbol_ids: RefCell::new(HashMap::new()),
            symbol_decls: RefCell::new(HashMap::new()),
        }
    }

    pub fn parameter(&self, st: &mut State, name: &str, span: Span) -> Value {
        let key = name.to_ascii_lowercase();
        if let Some(v) = self.param_cache.borrow().get(&key) {
            return v.clone();
        }
        let v = match self.params.get(&key) {
            Some(ParamSrc::Given(v)) => v.clone(),
            Some(ParamSrc::Default(node)) => {
                let guard = format!("p:{key}");
                if !self.in_progress.borrow_mut().insert(guard.clone()) {
                    return Value::unknown_at(Some(span));
                }
                let v = self.eval_node(st, node, &Local::default(), None);
                self.in_progress.borrow_mut().remove(&guard);
                v
            }
            Some(ParamSrc::Missing(decl)) => Value::unknown_at(Some(*decl)),
            None => Value::unknown_at(Some(span)),
        };
        self.param_cache.borrow_mut().insert(key, v.clone());
        v
    }

    pub fn variable(&self, st: &mut State, name: &str, span: Span) -> Value {
        let key = name.to_ascii_lowercase();
        if let Some(v) = self.var_cache.borrow().get(&key) {
            return v.clone();
        }
        let guard = format!("v:{key}");
        if !self.in_progress.borrow_mut().insert(guard.clone()) {
            return Value::unknown_at(Some(span));
        }
        let v = if let Some(node) = self.vars.get(&key) {
            self.eval_node(st, node, &Local::default(), None)
        } else if let Some(spec) = self.var_copies.get(&key) {
            self.copy_array(st, spec, &Local::default(), None)
        } else {
            Value::unknown_at(Some(span))
        };
        self.in_progress.borrow_mut().remove(&guard);
        self.var_cache.borrow_mut().insert(key, v.clone());
        v
    }

    pub fn user_function(&self, name: &str) -> Option<&'t JsonNode> {
        self.functions.get(&name.to_ascii_lowercase()).copied()
    }

    /// Evaluates a `{name, count, input}` copy spec into a list.
    pub fn copy_array(
        &self,
        st: &mut State,
        spec: &JsonNode,
        local: &Local,
        sites: Option<(&mut BTreeMap<String, Span>, &str)>,
    ) -> Value {
        let name = spec.get("name").and_then(JsonNode::as_str).unwrap_or("");
        let count = spec
            .get("count")
            .map(|c| self.eval_node(st, c, local, None));
        let Some(input) = spec.get("input") else {
            return Value::unknown_at(Some(spec.span));
        };
        let n = match count.as_ref().and_then(Value::as_i64) {
            Some(n) if n < 0 => return Value::unknown_at(Some(spec.span)),
            Some(n) if n > st.opts.max_copy as i64 => {
                st.report(meta::limit(
                    Some(spec.span),
                    format!(
                        "copy loop '{name}' asks for {n} instances; more than {} are not evaluated",
                        st.opts.max_copy
                    ),
                ));
                return Value::unknown_at(Some(spec.span));
            }
            Some(n) => n,
            None => return Value::unknown_at(Some(spec.span)),
        };
        let mut items = Vec::new();
        let mut sites = sites;
        for i in 0..n {
            let l = local.with_named_copy(name, Some(i));
            let item = match sites.as_mut() {
                Some((map, prefix)) => {
                    let p = format!("{prefix}.{i}");
                    map.insert(p.clone(), input.span);
                    self.eval_node(st, input, &l, Some((map, &p)))
                }
                None => self.eval_node(st, input, &l, None),
            };
            items.push(item);
        }
        Value::list(items).with_origin(Origin::written(spec.span))
    }

    /// Evaluates a JSON node: literals keep written origins, expression
    /// strings are evaluated, property `copy` arrays are expanded. When
    /// `sites` is given, every member's span is recorded under its path.
    pub fn eval_node(
        &self,
        st: &mut State,
        node: &JsonNode,
        local: &Local,
        sites: Option<(&mut BTreeMap<String, Span>, &str)>,
    ) -> Value {
        if st.depth >= st.opts.max_eval_depth {
            st.report(meta::limit(
                Some(node.span),
                format!(
                    "ARM template evaluation is nested deeper than {} levels",
                    st.opts.max_eval_depth
                ),
            ));
            return Value::unknown_at(Some(node.span));
        }
        st.depth += 1;
        let v = self.eval_node_inner(st, node, local, sites);
        st.depth -= 1;
        v
    }

    fn eval_node_inner(
        &self,
        st: &mut State,
        node: &JsonNode,
        local: &Local,
        sites: Option<(&mut BTreeMap<String, Span>, &str)>,
    ) -> Value {
        match &node.kind {
            JsonKind::Null => Value::null().with_origin(Origin::written(node.span)),
            JsonKind::Bool(b) => Value::bool(*b).with_origin(Origin::written(node.span)),
            JsonKind::Number(n) => Value::number(*n).with_origin(Origin::written(node.span)),
            JsonKind::String(s) => self.eval_string(st, s, node.span, local),
            JsonKind::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut sites = sites;
                for (i, item) in items.iter().enumerate() {
                    let v = match sites.as_mut() {
                        Some((map, prefix)) => {
                            let p = join_path(prefix, &i.to_string());
                            map.insert(p.clone(), item.span);
                            self.eval_node(st, item, local, Some((map, &p)))
                        }
                        None => self.eval_node(st, item, local, None),
                    };
                    out.push(v);
                }
                Value::list(out).with_origin(Origin::written(node.span))
            }
            JsonKind::Object(members) => {
                let mut map = ValueMap::new();
                let mut sites = sites;
                for m in members {
                    if m.key.eq_ignore_ascii_case("copy") {
                        if let Some(specs) = m.value.as_array().filter(|a| {
                            a.iter()
                                .all(|s| s.get("input").is_some() && s.get("name").is_some())
                        }) {
                            for spec in specs {
                                let name = spec
                                    .get("name")
                                    .and_then(JsonNode::as_str)
                                    .unwrap_or("copy")
                                    .to_string();
                                let v = match sites.as_mut() {
                                    Some((smap, prefix)) => {
                                        let p = join_path(prefix, &name);
                                        smap.insert(p.clone(), spec.span);
                                        self.copy_array(st, spec, local, Some((smap, &p)))
                                    }
                                    None => self.copy_array(st, spec, local, None),
                                };
                                map.insert(name, v);
                            }
                            continue;
                        }
                    }
                    let key = match expr::classify(&m.key) {
                        StrKind::Literal(k) => k.into_owned(),
                        StrKind::Expression(_) => {
                            match self.eval_string(st, &m.key, m.key_span, local).data {
                                Data::String(s) => s,
                                _ => m.key.clone(),
                            }
                        }
                    };
                    let v = match sites.as_mut() {
                        Some((smap, prefix)) => {
                            let p = join_path(prefix, &key);
                            smap.insert(p.clone(), m.span());
                            self.eval_node(st, &m.value, local, Some((smap, &p)))
                        }
                        None => self.eval_node(st, &m.value, local, None),
                    };
                    map.insert(key, v);
                }
                Value::map(map).with_origin(Origin::written(node.span))
            }
        }
    }

    /// Evaluates a JSON string (literal or expression) found at `span`.
    pub fn eval_string(&self, st: &mut State, s: &str, span: Span, local: &Local) -> Value {
        match expr::classify(s) {
            StrKind::Literal(l) => Value::string(l.into_owned()).with_origin(Origin::written(span)),
            StrKind::Expression(src) => match expr::parse(src) {
                Ok(e) => {
                    let mut v = self.eval(st, &e, span, local);
                    fill_origin(&mut v, Origin::computed(span), 0);
                    if v.is_unknown() {
                        // `resourceId(...)`, or a runtime property of
                        // `reference(resourceId(...))`: the value comes from
                        // that resource even though it is not known.
                        let mut base = &e;
                        while let Expr::Prop(b, _) | Expr::Index(b, _) = base {
                            base = b;
                        }
                        let named = match base {
                            Expr::Call(f, args) if std::ptr::eq(base, &e) => Some((f, args)),
                            Expr::Call(f, args) if f.eq_ignore_ascii_case("reference") => {
                                match args.first() {
                                    Some(Expr::Call(n, a)) => Some((n, a)),
                                    _ => None,
                                }
                            }
                            _ => None,
                        };
                        if let Some((n, args)) = named {
                            if let Some(decl) = self.symbolic_target(st, n, args, local, span) {
                                st.pending_links.insert(span, decl);
                            }
                        } else if let Expr::Call(f, args) = base {
                            // `reference('symbolicName')`.
                            if let (true, Some(Expr::Str(sym))) =
                                (f.eq_ignore_ascii_case("reference"), args.first())
                            {
                                let decl = self
                                    .symbol_decls
                                    .borrow()
                                    .get(&sym.to_ascii_lowercase())
                                    .copied();
                                if let Some(decl) = decl {
                                    st.pending_links.insert(span, decl);
                                }
                            }
                        }
                    }
                    v
                }
                Err(err) => {
                    if err.limit {
                        st.report(meta::limit(
                            Some(span),
                            format!("ARM expression not evaluated: {}", err.message),
                        ));
                    } else {
                        st.report(meta::parse_error(
                            Some(span),
                            format!("invalid ARM template expression: {}", err.message),
                        ));
                    }
                    Value::unknown_at(Some(span))
                }
            },
        }
    }

    /// Evaluates a parsed expression.
    pub fn eval(&self, st: &mut State, e: &Expr, span: Span, local: &Local) -> Value {
        if !st.step(span) {
            return Value::unknown_at(Some(span));
        }
        if st.depth >= st.opts.max_eval_depth {
            st.report(meta::limit(
                Some(span),
                format!(
                    "ARM expression evaluation is nested deeper than {} levels",
                    st.opts.max_eval_depth
                ),
            ));
            return Value::unknown_at(Some(span));
        }
        st.depth += 1;
        let v = self.eval_inner(st, e, span, local);
        st.depth -= 1;
        v
    }

    fn eval_inner(&self, st: &mut State, e: &Expr, span: Span, local: &Local) -> Value {
        match e {
            Expr::Str(s) => Value::string(s.clone()),
            Expr::Num(n) => Value::number(*n),
            Expr::Prop(base, name) => {
                // reference(x).id is x's ID even though the rest of the state is unknown.
                if name.eq_ignore_ascii_case("id") {
                    if let Expr::Call(f, args) = &**base {
                        if f.eq_ignore_ascii_case("reference") {
                            if let Some(id) = self.reference_id(st, args, span, local) {
                                return id;
                            }
                        }
                    }
                }
                let b = self.eval(st, base, span, local);
                member(&b, name)
            }
            Expr::Index(base, idx) => {
                let b = self.eval(st, base, span, local);
                let i = self.eval(st, idx, span, local);
                index(&b, &i)
            }
            Expr::Call(name, args) => crate::functions::call(self, st, name, args, span, local),
        }
    }
}

/// `a.b`: case-insensitive member; anything not known is unknown.
pub(crate) fn member(b: &Value, name: &str) -> Value {
    match &b.data {
        Data::Map(_) => b.get(name).cloned().unwrap_or_else(Value::unknown),
        _ => Value::unknown(),
    }
}

/// `a[i]`.
pub(crate) fn index(b: &Value, i: &Value) -> Value {
    match (&b.data, &i.data) {
        (Data::List(items), _) => i
            .as_i64()
            .and_then(|n| usize::try_from(n).ok())
            .and_then(|n| items.get(n))
            .cloned()
            .unwrap_or_else(Value::unknown),
        (Data::Map(_), Data::String(k)) => b.get(k).cloned().unwrap_or_else(Value::unknown),
        _ => Value::unknown(),
    }
}

fn join_path(prefix: &str, seg: &str) -> String {
    if prefix.is_empty() {
        seg.to_string()
    } else {
        format!("{prefix}.{seg}")
    }
}

/// Gives every node without a span the origin `o` (computed values point at
/// the expression that computed them).
pub(crate) fn fill_origin(v: &mut Value, o: Origin, depth: usize) {
    if v.origin.span.is_none() {
        let res = v.origin.resource;
        v.origin = o;
        v.origin.resource = res;
    }
    if depth > 512 {
        return;
    }
    match &mut v.data {
        Data::List(items) => items.iter_mut().for_each(|i| fill_origin(i, o, depth + 1)),
        Data::Map(m) => m.values_mut().for_each(|i| fill_origin(i, o, depth + 1)),
        _ => {}
    }
}

impl Scope<'_> {
    /// The ID `reference(x, ...)` refers to: `x` itself when it is an ID,
    /// or the ID of the symbolic name `x`.
    fn reference_id(
        &self,
        st: &mut State,
        args: &[Expr],
        span: Span,
        local: &Local,
    ) -> Option<Value> {
        let target = self.eval(st, args.first()?, span, local);
        let t = target.as_str()?;
        if t.starts_with('/') && isolint_model::ResourceId::parse(t).is_some() {
            return Some(target);
        }
        self.symbol_ids
            .borrow()
            .get(&t.to_ascii_lowercase())
            .cloned()
    }

    /// The declaration an unknown `resourceId(...)` names, found by the
    /// symbolic form of its arguments (the same expressions as the
    /// declaration's name).
    pub(crate) fn symbolic_target(
        &self,
        st: &mut State,
        name: &str,
        args: &[Expr],
        local: &Local,
        span: Span,
    ) -> Option<Span> {
        if !(name.eq_ignore_ascii_case("resourceId")
            || name.eq_ignore_ascii_case("subscriptionResourceId"))
        {
            return None;
        }
        let mut ti = None;
        for (i, a) in args.iter().enumerate() {
            let v = self.eval(st, a, span, local);
            if v.as_str().is_some_and(|t| t.contains('/')) {
                ti = Some((i, v.as_str().unwrap_or_default().to_ascii_lowercase()));
                break;
            }
        }
        let (ti, ty) = ti?;
        let mut segs = Vec::new();
        for a in &args[ti + 1..] {
            segs.extend(self.segments(st, a, local));
        }
        let key = decl_key(&ty, &segs);
        self.decls.borrow().get(&key).copied().flatten()
    }

    /// Symbolic name segments of a name expression: known parts are
    /// `lit:<text>`, unknown parts `expr:<canonical expression>`.
    pub fn segments(&self, st: &mut State, e: &Expr, local: &Local) -> Vec<String> {
        match e {
            Expr::Call(n, args) if n.eq_ignore_ascii_case("format") => {
                if let Some(Expr::Str(fmt)) = args.first() {
                    if fmt.contains('/') {
                        let mut out = Vec::new();
                        for piece in fmt.split('/') {
                            let sub = Expr::Call(
                                "format".into(),
                                std::iter::once(Expr::Str(piece.to_string()))
                                    .chain(args[1..].iter().cloned())
                                    .collect(),
                            );
                            let trimmed = piece.trim();
                            let single = trimmed
                                .strip_prefix('{')
                                .and_then(|x| x.strip_suffix('}'))
                                .and_then(|x| x.parse::<usize>().ok());
                            match single.and_then(|i| args.get(i + 1)) {
                                Some(arg) => out.extend(self.segments(st, arg, local)),
                                None => out.push(self.segment(st, &sub, local)),
                            }
                        }
                        return out;
                    }
                }
            }
            Expr::Call(n, args)
                if n.eq_ignore_ascii_case("concat")
                    && args
                        .iter()
                        .any(|a| matches!(a, Expr::Str(x) if x.contains('/'))) =>
            {
                let mut out = Vec::new();
                let mut cur: Vec<Expr> = Vec::new();
                let flush = |cur: &mut Vec<Expr>, out: &mut Vec<String>, st: &mut State| {
                    match cur.len() {
                        0 => {}
                        1 => out.extend(self.segments(st, &cur[0], local)),
                        _ => out.push(self.segment(
                            st,
                            &Expr::Call("concat".into(), cur.clone()),
                            local,
                        )),
                    }
                    cur.clear();
                };
                for a in args {
                    match a {
                        Expr::Str(x) if x.contains('/') => {
                            let parts: Vec<&str> = x.split('/').collect();
                            for (i, p) in parts.iter().enumerate() {
                                if !p.is_empty() {
                                    cur.push(Expr::Str(p.to_string()));
                                }
                                if i + 1 < parts.len() {
                                    flush(&mut cur, &mut out, st);
                                }
                            }
                        }
                        other => cur.push(other.clone()),
                    }
                }
                flush(&mut cur, &mut out, st);
                return out;
            }
            _ => {}
        }
        let seg = self.segment(st, e, local);
        match seg.strip_prefix("lit:") {
            Some(text) if text.contains('/') => {
                text.split('/').map(|p| format!("lit:{p}")).collect()
            }
            _ => vec![seg],
        }
    }

    fn segment(&self, st: &mut State, e: &Expr, local: &Local) -> String {
        let v = self.eval(st, e, Span::new(self.file, 0, 0), local);
        match v.as_str() {
            Some(text) => format!("lit:{text}"),
            None => format!("expr:{}", canon(e)),
        }
    }

    /// Registers a resource declaration under its symbolic identity.
    pub fn register_decl(&self, key: String, decl: Span) {
        let mut d = self.decls.borrow_mut();
        match d.get(&key) {
            Some(Some(existing)) if *existing != decl => {
                d.insert(key, None);
            }
            Some(_) => {}
            None => {
                d.insert(key, Some(decl));
            }
        }
    }
}

/// The lookup key of a declaration: lower-cased type and name segments.
pub(crate) fn decl_key(ty: &str, segs: &[String]) -> String {
    let mut k = ty.to_ascii_lowercase();
    for s in segs {
        k.push('\u{1}');
        k.push_str(&s.to_ascii_lowercase());
    }
    k
}

/// A canonical text of an expression (function and variable names folded).
pub(crate) fn canon(e: &Expr) -> String {
    match e {
        Expr::Str(s) => format!("'{s}'"),
        Expr::Num(n) => isolint_model::value::format_number(*n),
        Expr::Call(n, args) => {
            let lname = n.to_ascii_lowercase();
            let parts: Vec<String> = args
                .iter()
                .map(|a| match (lname.as_str(), a) {
                    ("parameters" | "variables", Expr::Str(s)) => {
                        format!("'{}'", s.to_ascii_lowercase())
                    }
                    _ => canon(a),
                })
                .collect();
            format!("{lname}({})", parts.join(","))
        }
        Expr::Prop(b, n) => format!("{}.{}", canon(b), n.to_ascii_lowercase()),
        Expr::Index(b, i) => format!("{}[{}]", canon(b), canon(i)),
    }
}

impl Scope<'_> {
    /// A readable, stable rendering of a name whose value is unknown: known
    /// parts are kept, unknown parts become `{parameter}`, `{variable}` or
    /// `{function}` (`st{uniqueString}`, `{prefix}-vnet`).
    pub fn preview(&self, st: &mut State, raw: &str, span: Span, local: &Local) -> String {
        match expr::classify(raw) {
            StrKind::Literal(l) => l.into_owned(),
            StrKind::Expression(src) => match expr::parse(src) {
                Ok(e) => self.preview_expr(st, &e, span, local, 0),
                Err(_) => raw.to_string(),
            },
        }
    }

    fn preview_expr(
        &self,
        st: &mut State,
        e: &Expr,
        span: Span,
        local: &Local,
        depth: usize,
    ) -> String {
        let v = self.eval(st, e, span, local);
        match &v.data {
            Data::String(s) => return s.clone(),
            Data::Number(n) => return isolint_model::value::format_number(*n),
            _ => {}
        }
        if depth > 16 {
            return "{…}".to_string();
        }
        match e {
            Expr::Call(n, args) => {
                let ln = n.to_ascii_lowercase();
                match (ln.as_str(), args.first()) {
                    ("parameters" | "variables", Some(Expr::Str(name))) => format!("{{{name}}}"),
                    ("concat", _) => args
                        .iter()
                        .map(|a| self.preview_expr(st, a, span, local, depth + 1))
                        .collect(),
                    ("format", Some(Expr::Str(fmt))) => {
                        let mut out = String::new();
                        let mut rest = fmt.as_str();
                        while let Some(open) = rest.find('{') {
                            out.push_str(&rest[..open]);
                            let after = &rest[open + 1..];
                            if let Some(stripped) = after.strip_prefix('{') {
                                out.push('{');
                                rest = stripped;
                                continue;
                            }
                            let Some(close) = after.find('}') else {
                                out.push_str(&rest[open..]);
                                rest = "";
                                break;
                            };
                            let idx = after[..close]
                                .split([',', ':'])
                                .next()
                                .and_then(|i| i.trim().parse::<usize>().ok());
                            match idx.and_then(|i| args.get(i + 1)) {
                                Some(a) => {
                                    out.push_str(&self.preview_expr(st, a, span, local, depth + 1))
                                }
                                None => out.push_str("{…}"),
                            }
                            rest = &after[close + 1..];
                        }
                        out.push_str(&rest.replace("}}", "}"));
                        out
                    }
                    _ => format!("{{{n}}}"),
                }
            }
            _ => "{…}".to_string(),
        }
    }
}
