//! Evaluation of a Bicep entry file (with its modules, imports and parameter
//! files) into canonical, ARM-shaped resources. See the crate documentation
//! for the address format and what is known and unknown.

use crate::ast::*;
use crate::{parse, CommentKind, ParsedFile, Span as BSpan};
use isolint_arm::Cloud;
use isolint_model::finding::meta;
use isolint_model::value::format_number;
use isolint_model::ValueMap;
use isolint_model::{
    Data, FileId, Finding, Format, Origin, ResKey, Resource, SourceMap, Span, Suppression, Unit,
    Value,
};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// Settings and bounds of the Bicep front-end.
#[derive(Clone, Debug)]
pub struct BicepOptions {
    /// No file outside this folder is read (modules, imports, `load*()`).
    pub root: PathBuf,
    /// The cloud whose `environment()` values templates see.
    pub cloud: Cloud,
    /// Maximum nesting of modules (AML004 beyond).
    pub max_module_depth: usize,
    /// Maximum instances of one loop or `range()` (AML004 beyond).
    pub max_copy: usize,
    /// Maximum expression evaluation steps for one entry file (AML004 beyond).
    pub max_eval_steps: u64,
    /// Maximum nesting of evaluation (expressions, variables referring to
    /// variables, function calls), AML004 beyond.
    pub max_eval_depth: usize,
    /// Maximum size of a module, import or loaded file, in bytes.
    pub max_file_size: u64,
}

impl Default for BicepOptions {
    fn default() -> Self {
        BicepOptions {
            root: PathBuf::from("."),
            cloud: Cloud::AzureCloud,
            max_module_depth: 32,
            max_copy: 10_000,
            max_eval_steps: 5_000_000,
            max_eval_depth: 400,
            max_file_size: 32 * 1024 * 1024,
        }
    }
}

type Locals = Vec<(String, Value)>;

/// Bounds on values built by interpolation and spreads (they can double at
/// each step).
const MAX_STRING: usize = 1 << 20;
const MAX_LIST: usize = 100_000;
/// Bound on the values copied into new arrays and objects by one load.
const MAX_COPIED_NODES: u64 = 1_000_000;

#[derive(Clone)]
enum Sym {
    Param(usize),
    Var(usize),
    Res(usize),
    Module(usize),
    Func(usize),
    /// An imported symbol: the module it lives in and its name there.
    Import(Rc<Module>, String),
    /// `import * as ns from '...'`.
    Namespace(Rc<Module>),
}

struct ResDecl {
    item: Item,
    parent: Option<usize>,
    /// `vnet` or `vnet::subnet`.
    sym: String,
}

/// One instance of a Bicep file: the entry file, a module call, an import.
struct Module {
    file: FileId,
    path: PathBuf,
    parsed: Rc<ParsedFile>,
    given: HashMap<String, Value>,
    symbols: HashMap<String, Sym>,
    resdecls: Vec<ResDecl>,
    cache: RefCell<HashMap<String, Value>>,
    res_cache: RefCell<HashMap<usize, Value>>,
    mod_cache: RefCell<HashMap<usize, Value>>,
    busy: RefCell<HashSet<String>>,
    /// Address prefix: `""` or `module network.`.
    prefix: String,
    trail: Vec<(String, Span)>,
    /// Files on the module stack, this one last (cycle detection).
    chain: Vec<PathBuf>,
    uncertain: bool,
    target_scope: String,
}

struct ResInfo {
    full_type: String,
    full_name: Value,
    id: Value,
}

struct Loader<'s> {
    sources: &'s mut SourceMap,
    opts: BicepOptions,
    arm: isolint_arm::ArmOptions,
    unit: Unit,
    infos: Vec<ResInfo>,
    steps: u64,
    steps_reported: bool,
    copied: u64,
    copied_reported: bool,
    depth: usize,
    depth_reported: bool,
    parsed: HashMap<FileId, Rc<ParsedFile>>,
    reported: HashSet<(Span, &'static str)>,
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Lexical normalisation of `a/./b/../c`.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        let base = std::env::current_dir().unwrap_or_default();
        normalize(&base.join(p))
    })
}

fn inside_root(p: &Path, root: &Path) -> bool {
    absolute(p).starts_with(absolute(root))
}

/// Is this module or import path a registry or template-spec reference?
pub(crate) fn is_registry_ref(p: &str) -> bool {
    let l = p.to_ascii_lowercase();
    l.starts_with("br:") || l.starts_with("br/") || l.starts_with("ts:") || l.starts_with("ts/")
}

fn is_full_type(t: &str) -> bool {
    t.split('/').next().is_some_and(|ns| ns.contains('.'))
}

fn type_parts(s: &str) -> (&str, Option<&str>) {
    // `az:My.Rp/type@version`: an extension alias before the type.
    let s = match s.split_once(':') {
        Some((alias, rest)) if !alias.contains('/') && !alias.contains('@') => rest,
        _ => s,
    };
    match s.split_once('@') {
        Some((t, v)) => (t, Some(v)),
        None => (s, None),
    }
}

fn text_of(v: &Value, arm: &isolint_arm::ArmOptions) -> Option<String> {
    match &v.data {
        Data::String(s) => Some(s.clone()),
        Data::Number(n) => Some(format_number(*n)),
        Data::Bool(b) => Some(b.to_string()),
        Data::Unknown => None,
        Data::Null => Some(String::new()),
        _ => {
            let mut f = Vec::new();
            isolint_arm::call_function(
                "string",
                vec![v.clone()],
                Span::new(FileId(u32::MAX), 0, 0),
                arm,
                &mut f,
            )
            .as_str()
            .map(str::to_string)
        }
    }
}

impl<'s> Loader<'s> {
    fn sp(&self, m: &Module, s: BSpan) -> Span {
        Span::new(m.file, s.start as usize, s.end as usize)
    }

    fn report(&mut self, f: Finding) {
        if let Some(s) = f.span {
            if !self.reported.insert((s, f.rule)) {
                return;
            }
        }
        self.unit.findings.push(f);
    }

    /// Parses a file once, reporting its syntax errors and suppressions.
    fn parsed(&mut self, file: FileId) -> Rc<ParsedFile> {
        if let Some(p) = self.parsed.get(&file) {
            return p.clone();
        }
        let text = self
            .sources
            .get(file)
            .map(|f| f.text.clone())
            .unwrap_or_else(|| "".into());
        let parsed = Rc::new(parse(&text));
        for d in &parsed.diagnostics {
            self.report(meta::parse_error(
                Some(Span::new(file, d.span.start as usize, d.span.end as usize)),
                format!("Bicep syntax error: {}", d.message),
            ));
        }
        self.unit
            .suppressions
            .extend(suppressions(file, &text, &parsed));
        self.parsed.insert(file, parsed.clone());
        parsed
    }

    /// Reads a local file (module, import) into the source map.
    fn read_file(&mut self, path: &Path, at: Span, what: &str) -> Option<FileId> {
        let path = normalize(path);
        if let Some(id) = self.sources.find(&path) {
            return Some(id);
        }
        if !inside_root(&path, &self.opts.root) {
            self.report(meta::unresolved(
                Some(at),
                format!(
                    "{what} '{}' is outside the scanned folder; it was not read",
                    path.display()
                ),
            ));
            return None;
        }
        let meta_ok = std::fs::metadata(&path);
        match meta_ok {
            Ok(md) if md.is_file() && md.len() > self.opts.max_file_size => {
                self.report(meta::limit(
                    Some(at),
                    format!(
                        "{what} '{}' is larger than {} bytes; it was not read",
                        path.display(),
                        self.opts.max_file_size
                    ),
                ));
                None
            }
            Ok(md) if md.is_file() => match std::fs::read_to_string(&path) {
                Ok(text) => Some(self.sources.add(path, text)),
                Err(e) => {
                    self.report(meta::unresolved(
                        Some(at),
                        format!("{what} '{}' cannot be read: {e}", path.display()),
                    ));
                    None
                }
            },
            _ => {
                self.report(meta::unresolved(
                    Some(at),
                    format!("{what} '{}' was not found", path.display()),
                ));
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn open_module(
        &mut self,
        file: FileId,
        given: HashMap<String, Value>,
        prefix: String,
        trail: Vec<(String, Span)>,
        chain: Vec<PathBuf>,
        uncertain: bool,
    ) -> Rc<Module> {
        let parsed = self.parsed(file);
        let path = self
            .sources
            .get(file)
            .map(|f| f.path.clone())
            .unwrap_or_default();
        let mut chain = chain;
        chain.push(normalize(&path));
        let mut m = Module {
            file,
            path,
            parsed: parsed.clone(),
            given,
            symbols: HashMap::new(),
            resdecls: Vec::new(),
            cache: RefCell::new(HashMap::new()),
            res_cache: RefCell::new(HashMap::new()),
            mod_cache: RefCell::new(HashMap::new()),
            busy: RefCell::new(HashSet::new()),
            prefix,
            trail,
            chain,
            uncertain,
            target_scope: "resourceGroup".to_string(),
        };
        for (i, item) in parsed.items.iter().enumerate() {
            match &item.kind {
                ItemKind::Param(p) => {
                    m.symbols.insert(p.name.name.clone(), Sym::Param(i));
                }
                ItemKind::Var(v) => {
                    m.symbols.insert(v.name.name.clone(), Sym::Var(i));
                }
                ItemKind::Func(f) => {
                    m.symbols.insert(f.name.name.clone(), Sym::Func(i));
                }
                ItemKind::Module(md) => {
                    m.symbols.insert(md.name.name.clone(), Sym::Module(i));
                }
                ItemKind::Resource(r) => {
                    let idx = m.resdecls.len();
                    m.symbols.insert(r.name.name.clone(), Sym::Res(idx));
                    collect_resdecls(&mut m, item, None, 0);
                }
                ItemKind::TargetScope(e) => {
                    if let Some(s) = e.as_str() {
                        m.target_scope = s.to_string();
                    }
                }
                ItemKind::Import(imp) => self.import(&mut m, imp),
                _ => {}
            }
        }
        // Nested resources are also visible by their own name (inside their
        // parent's body), unless the name is taken.
        for (j, d) in m.resdecls.iter().enumerate() {
            if d.parent.is_some() {
                if let ItemKind::Resource(r) = &d.item.kind {
                    m.symbols.entry(r.name.name.clone()).or_insert(Sym::Res(j));
                }
            }
        }
        Rc::new(m)
    }

    fn resolve_local(&mut self, m: &Module, expr: &Expr, what: &str) -> Option<FileId> {
        let at = self.sp(m, expr.span);
        let Some(p) = expr.as_str() else {
            self.report(meta::unresolved(
                Some(at),
                format!("{what} path is not a literal string; it was not read"),
            ));
            return None;
        };
        if is_registry_ref(p) {
            self.report(meta::unresolved(
                Some(at),
                if what == "module" {
                    format!("{what} '{p}' is a registry or template-spec reference; isolint does not fetch it, so its resources are not checked")
                } else {
                    format!("{what} '{p}' is a registry reference; isolint does not fetch it, so the symbols it provides are unknown")
                },
            ));
            return None;
        }
        let base = m.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let full = normalize(&base.join(p));
        if m.chain.contains(&full) {
            self.report(meta::unresolved(
                Some(at),
                format!("{what} '{p}' refers back to a file that is already being evaluated (a cycle); it was not evaluated again"),
            ));
            return None;
        }
        if m.chain.len() > self.opts.max_module_depth {
            self.report(meta::limit(
                Some(at),
                format!(
                    "{what} '{p}' is nested more than {} levels deep; it was not evaluated",
                    self.opts.max_module_depth
                ),
            ));
            return None;
        }
        self.read_file(&full, at, what)
    }

    fn import(&mut self, m: &mut Module, imp: &ImportDecl) {
        let (from, items, alias) = match imp {
            ImportDecl::Symbols { items, from } => (from, Some(items), None),
            ImportDecl::Wildcard { alias, from } => (from, None, Some(alias)),
            ImportDecl::Namespace { .. } => return,
        };
        // Imports from ARM JSON templates are not evaluated (their symbols
        // stay unknown).
        if from
            .as_str()
            .is_some_and(|p| p.to_ascii_lowercase().ends_with(".json"))
        {
            return;
        }
        let Some(fid) = self.resolve_local(m, from, "import") else {
            return;
        };
        if fid == m.file {
            return;
        }
        let target = self.open_module(
            fid,
            HashMap::new(),
            String::new(),
            Vec::new(),
            m.chain.clone(),
            false,
        );
        if let Some(alias) = alias {
            m.symbols
                .insert(alias.name.clone(), Sym::Namespace(target.clone()));
        }
        for it in items.map(Vec::as_slice).unwrap_or(&[]) {
            let name = match &it.name {
                ImportName::Ident(i) => i.name.clone(),
                ImportName::String { value, .. } => value.clone(),
            };
            let local = it
                .alias
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or(name.clone());
            m.symbols.insert(local, Sym::Import(target.clone(), name));
        }
    }

    /// Emits every resource and module of `m`.
    fn run_module(&mut self, m: &Rc<Module>) {
        for i in 0..m.resdecls.len() {
            self.resource(m, i);
        }
        for (i, item) in m.parsed.items.iter().enumerate() {
            if matches!(item.kind, ItemKind::Module(_)) {
                self.module(m, i);
            }
        }
    }

    fn outputs(&mut self, m: &Rc<Module>) -> Value {
        let mut out = ValueMap::new();
        for item in &m.parsed.items {
            if let ItemKind::Output(o) = &item.kind {
                let v = self.eval(m, &o.value, &Vec::new());
                out.insert(o.name.name.clone(), v);
            }
        }
        Value::map(out)
    }

    // ----- budgets -------------------------------------------------------

    fn step(&mut self, at: Span) -> bool {
        self.steps = self.steps.saturating_add(1);
        if self.steps > self.opts.max_eval_steps {
            if !self.steps_reported {
                self.steps_reported = true;
                self.unit.findings.push(meta::limit(
                    Some(at),
                    format!(
                        "Bicep evaluation stopped after {} steps; the remaining values are unknown",
                        self.opts.max_eval_steps
                    ),
                ));
            }
            return false;
        }
        if self.depth > self.opts.max_eval_depth {
            if !self.depth_reported {
                self.depth_reported = true;
                self.unit.findings.push(meta::limit(
                    Some(at),
                    format!(
                        "Bicep evaluation nests more than {} levels; deeper values are unknown",
                        self.opts.max_eval_depth
                    ),
                ));
            }
            return false;
        }
        true
    }

    /// Charges the size of a value copied into a new one to the step
    /// budget, so that values doubling at each step cannot exhaust memory.
    fn charge(&mut self, v: &Value, at: Span) -> bool {
        fn weight(v: &Value, cap: u64, depth: usize) -> u64 {
            if depth > 512 {
                return cap;
            }
            let mut n: u64 = 1;
            match &v.data {
                Data::List(items) => {
                    for i in items {
                        n = n.saturating_add(weight(i, cap, depth + 1));
                        if n >= cap {
                            return cap;
                        }
                    }
                }
                Data::Map(m) => {
                    for i in m.values() {
                        n = n.saturating_add(weight(i, cap, depth + 1));
                        if n >= cap {
                            return cap;
                        }
                    }
                }
                _ => {}
            }
            n
        }
        let left = MAX_COPIED_NODES
            .saturating_sub(self.copied)
            .saturating_add(1);
        let w = weight(v, left, 0);
        self.copied = self.copied.saturating_add(w);
        if self.copied > MAX_COPIED_NODES {
            if !self.copied_reported {
                self.copied_reported = true;
                self.unit.findings.push(meta::limit(
                    Some(at),
                    format!("Bicep evaluation stopped after copying {MAX_COPIED_NODES} values; the remaining values are unknown"),
                ));
            }
            return false;
        }
        self.step(at)
    }

    // ----- symbols -------------------------------------------------------

    fn symbol(&mut self, m: &Rc<Module>, name: &str, at: BSpan) -> Value {
        let Some(sym) = m.symbols.get(name).cloned() else {
            return Value::unknown_at(Some(self.sp(m, at)));
        };
        match sym {
            Sym::Param(i) => self.param(m, i),
            Sym::Var(i) => self.var(m, i),
            Sym::Res(j) => self.resource(m, j),
            Sym::Module(i) => self.module(m, i),
            Sym::Import(target, n) => {
                self.depth += 1;
                let v = if self.depth > self.opts.max_eval_depth {
                    Value::unknown()
                } else {
                    self.symbol(&target, &n, at)
                };
                self.depth -= 1;
                v
            }
            Sym::Func(_) | Sym::Namespace(_) => Value::unknown_at(Some(self.sp(m, at))),
        }
    }

    fn param(&mut self, m: &Rc<Module>, i: usize) -> Value {
        let Some(ItemKind::Param(p)) = m.parsed.items.get(i).map(|it| &it.kind) else {
            return Value::unknown();
        };
        let key = format!("p:{}", p.name.name);
        if let Some(v) = m.cache.borrow().get(&key) {
            return v.clone();
        }
        let given = m.given.get(&p.name.name).cloned().or_else(|| {
            m.given
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&p.name.name))
                .map(|(_, v)| v.clone())
        });
        let v = match given {
            Some(v) => v,
            None => match &p.value {
                Some(d) => {
                    if !m.busy.borrow_mut().insert(key.clone()) {
                        return Value::unknown();
                    }
                    let v = self.eval(m, d, &Vec::new());
                    m.busy.borrow_mut().remove(&key);
                    v
                }
                None => Value::unknown_at(Some(self.sp(m, p.name.span))),
            },
        };
        m.cache.borrow_mut().insert(key, v.clone());
        v
    }

    fn var(&mut self, m: &Rc<Module>, i: usize) -> Value {
        let Some(ItemKind::Var(d)) = m.parsed.items.get(i).map(|it| &it.kind) else {
            return Value::unknown();
        };
        let key = format!("v:{}", d.name.name);
        if let Some(v) = m.cache.borrow().get(&key) {
            return v.clone();
        }
        if !m.busy.borrow_mut().insert(key.clone()) {
            return Value::unknown();
        }
        let v = self.eval(m, &d.value, &Vec::new());
        m.busy.borrow_mut().remove(&key);
        m.cache.borrow_mut().insert(key, v.clone());
        v
    }

    // ----- resources -----------------------------------------------------

    fn resource(&mut self, m: &Rc<Module>, i: usize) -> Value {
        if let Some(v) = m.res_cache.borrow().get(&i) {
            return v.clone();
        }
        let key = format!("r:{i}");
        if !m.busy.borrow_mut().insert(key.clone()) {
            return Value::unknown();
        }
        let v = self.resource_decl(m, i);
        m.busy.borrow_mut().remove(&key);
        m.res_cache.borrow_mut().insert(i, v.clone());
        v
    }

    fn resource_decl(&mut self, m: &Rc<Module>, i: usize) -> Value {
        let Some(decl) = m.resdecls.get(i) else {
            return Value::unknown();
        };
        let ItemKind::Resource(rd) = &decl.item.kind else {
            return Value::unknown();
        };
        let Some(tstr) = rd.type_str() else {
            return Value::unknown();
        };
        let (ty, api) = type_parts(tstr);
        let mut full_type = ty.to_string();
        let mut api = api.map(str::to_string);
        let mut parent_key = None;
        if let Some(p) = decl.parent {
            let pv = self.resource(m, p);
            parent_key = pv.origin.resource;
            if let Some(info) = parent_key.and_then(|k| self.infos.get(k.0 as usize)) {
                if !is_full_type(ty) {
                    full_type = format!("{}/{ty}", info.full_type);
                }
            } else if !is_full_type(ty) {
                // Parent not emitted (false condition): neither is the child.
                if let Some(ItemKind::Resource(prd)) = m.resdecls.get(p).map(|d| &d.item.kind) {
                    let (pt, _) = type_parts(prd.type_str().unwrap_or(""));
                    full_type = format!("{pt}/{ty}");
                }
                if pv.is_null() {
                    return Value::null();
                }
            }
            if api.is_none() {
                if let Some(ItemKind::Resource(prd)) = m.resdecls.get(p).map(|d| &d.item.kind) {
                    api = type_parts(prd.type_str().unwrap_or(""))
                        .1
                        .map(str::to_string);
                }
            }
        }
        let ctx = InstanceCtx {
            decl_index: i,
            full_type,
            api,
            parent_key,
            existing: rd.existing,
        };
        match &rd.body.kind {
            ExprKind::For(f) => {
                let mut out = Vec::new();
                match self.for_items(m, f, &Vec::new()) {
                    Some(items) => {
                        for (idx, (item, locals)) in items.into_iter().enumerate() {
                            let _ = item;
                            if let Some(v) = self.instance(
                                m,
                                &ctx,
                                &f.body,
                                &locals,
                                Some(idx.to_string()),
                                false,
                            ) {
                                out.push(v);
                            }
                        }
                    }
                    None => {
                        let locals = unknown_loop_locals(f);
                        if let Some(v) =
                            self.instance(m, &ctx, &f.body, &locals, Some("*".into()), true)
                        {
                            out.push(v);
                        }
                    }
                }
                Value::list(out)
            }
            _ => self
                .instance(m, &ctx, &rd.body, &Vec::new(), None, false)
                .unwrap_or_else(Value::null),
        }
    }

    /// Emits one instance; `None` when a false condition removes it.
    fn instance(
        &mut self,
        m: &Rc<Module>,
        ctx: &InstanceCtx,
        body: &Expr,
        locals: &Locals,
        index: Option<String>,
        uncertain: bool,
    ) -> Option<Value> {
        let mut uncertain = uncertain || m.uncertain;
        let mut body = body;
        if let ExprKind::IfCondition { condition, body: b } = &body.kind {
            match self.eval(m, condition, locals).as_bool() {
                Some(true) => {}
                Some(false) => return None,
                None => uncertain = true,
            }
            body = b;
        }
        let decl = m.resdecls.get(ctx.decl_index)?;
        let ExprKind::Object(members) = &body.kind else {
            return Some(Value::unknown());
        };
        let mut props = ValueMap::new();
        let mut name = Value::unknown_at(Some(self.sp(m, decl.item.span)));
        let mut parent_key = ctx.parent_key;
        let mut scope_val: Option<Value> = None;
        let mut sites = BTreeMap::new();
        for mem in members {
            match mem {
                ObjectMember::Property(p) => {
                    let Some(k) = p.key.name() else { continue };
                    match k {
                        "name" => name = self.eval(m, &p.value, locals),
                        "parent" => {
                            let pv = self.eval(m, &p.value, locals);
                            if pv.origin.resource.is_some() {
                                parent_key = pv.origin.resource;
                            }
                        }
                        "scope" => scope_val = Some(self.eval(m, &p.value, locals)),
                        "dependsOn" => {}
                        _ => {
                            let v = self.eval(m, &p.value, locals);
                            props.insert(k.to_string(), v);
                            sites.insert(k.to_string(), self.sp(m, p.span));
                            self.collect_sites(m, &p.value, k, &mut sites, 0);
                        }
                    }
                }
                ObjectMember::Spread { expr, .. } => {
                    let v = self.eval(m, expr, locals);
                    if let Some(map) = v.as_map() {
                        for (k, v) in map {
                            props.insert(k.clone(), v.clone());
                        }
                    }
                }
                ObjectMember::Resource(_) => {}
            }
        }
        // A child of a resource whose existence is unknown is uncertain too.
        if parent_key
            .and_then(|k| self.unit.resources.get(k.0 as usize))
            .is_some_and(|p| p.uncertain)
        {
            uncertain = true;
        }
        let full_name = match parent_key.and_then(|k| self.infos.get(k.0 as usize)) {
            Some(info) => match (info.full_name.as_str(), name.as_str()) {
                (Some(p), Some(n)) => Value::string(format!("{p}/{n}")),
                _ => Value::unknown(),
            },
            None => name.clone(),
        };
        // A child's ID extends its parent's (which carries the scope).
        let parent_id = parent_key
            .and_then(|k| self.infos.get(k.0 as usize))
            .map(|i| i.id.clone());
        let id = match (parent_id, name.as_str()) {
            (Some(pid), Some(own)) => match (pid.as_str(), ctx.full_type.rsplit_once('/')) {
                (Some(pid), Some((_, last))) => Value::string(format!("{pid}/{last}/{own}")),
                _ => Value::unknown(),
            },
            (Some(_), None) => Value::unknown(),
            (None, _) => self.resource_id(m, &ctx.full_type, &full_name, scope_val.as_ref()),
        };
        let key = ResKey(u32::try_from(self.unit.resources.len()).ok()?);
        let address = match &index {
            Some(i) => format!("{}{}[{i}]", m.prefix, decl.sym),
            None => format!("{}{}", m.prefix, decl.sym),
        };
        let mut r = Resource::new(
            address,
            ctx.full_type.clone(),
            self.sp(m, decl.item.span),
            Format::Bicep,
        );
        r.api_version = ctx.api.clone();
        r.name = name.clone();
        if let Some(pk) = parent_key {
            r.parent = Some(Value::unknown().with_resource(Some(pk)));
        }
        let mut body = Value::map(props.clone());
        if ctx
            .full_type
            .eq_ignore_ascii_case("Microsoft.Resources/deployments")
        {
            if let Some(p) = body.as_map_mut().and_then(|b| b.get_mut("properties")) {
                if let Some(pm) = p.as_map_mut() {
                    pm.remove("template");
                }
            }
        }
        r.body = body;
        r.sites = sites;
        r.existing = ctx.existing;
        r.uncertain = uncertain;
        r.trail = m.trail.clone();
        self.unit.resources.push(r);
        self.infos.push(ResInfo {
            full_type: ctx.full_type.clone(),
            full_name,
            id: id.clone(),
        });
        let at = match &decl.item.kind {
            ItemKind::Resource(rd) => self.sp(m, rd.name.span),
            _ => self.sp(m, decl.item.span),
        };
        let mut obj = props;
        obj.insert(
            "id".into(),
            id.with_origin(Origin::computed(at))
                .with_resource(Some(key)),
        );
        obj.insert("name".into(), name);
        obj.insert("type".into(), Value::string(ctx.full_type.clone()));
        if let Some(a) = &ctx.api {
            obj.insert("apiVersion".into(), Value::string(a.clone()));
        }
        Some(
            Value::map(obj)
                .with_origin(Origin::computed(at))
                .with_resource(Some(key)),
        )
    }

    fn resource_id(
        &mut self,
        m: &Module,
        full_type: &str,
        full_name: &Value,
        scope: Option<&Value>,
    ) -> Value {
        let Some(name) = full_name.as_str() else {
            return Value::unknown();
        };
        // `scope: resourceGroup('sub', 'rg')`, `scope: subscription('sub')`.
        if let Some(sc) = scope.filter(|sc| sc.origin.resource.is_none()) {
            if let Some(sid) = sc.get("id").and_then(Value::as_str) {
                let mut f = Vec::new();
                let p = isolint_arm::call_function(
                    "tenantResourceId",
                    vec![Value::string(full_type), Value::string(name)],
                    Span::new(FileId(u32::MAX), 0, 0),
                    &self.arm,
                    &mut f,
                );
                return match p.as_str() {
                    Some(p) => Value::string(format!("{sid}{p}")),
                    None => Value::unknown(),
                };
            }
        }
        // Extension resources (`scope: acr`).
        if let Some(sc) = scope {
            if sc.origin.resource.is_some() {
                return match sc.get("id").and_then(Value::as_str) {
                    Some(sid) => {
                        let mut f = Vec::new();
                        isolint_arm::call_function(
                            "extensionResourceId",
                            vec![
                                Value::string(sid),
                                Value::string(full_type),
                                Value::string(name),
                            ],
                            Span::new(FileId(u32::MAX), 0, 0),
                            &self.arm,
                            &mut f,
                        )
                    }
                    None => Value::unknown(),
                };
            }
        }
        let fname = match lower(&m.target_scope).as_str() {
            "subscription" => "subscriptionResourceId",
            "tenant" => "tenantResourceId",
            "managementgroup" => "managementGroupResourceId",
            _ => {
                return isolint_arm::resource_group_resource_id(full_type, name)
                    .map(Value::string)
                    .unwrap_or_else(Value::unknown)
            }
        };
        let mut f = Vec::new();
        isolint_arm::call_function(
            fname,
            vec![Value::string(full_type), Value::string(name)],
            Span::new(FileId(u32::MAX), 0, 0),
            &self.arm,
            &mut f,
        )
    }

    /// Sites of the members written literally under `path`.
    fn collect_sites(
        &self,
        m: &Module,
        e: &Expr,
        path: &str,
        sites: &mut BTreeMap<String, Span>,
        depth: usize,
    ) {
        if depth > 64 {
            return;
        }
        match &e.kind {
            ExprKind::Object(members) => {
                for mem in members {
                    if let ObjectMember::Property(p) = mem {
                        if let Some(k) = p.key.name() {
                            let sub = format!("{path}.{k}");
                            sites.insert(sub.clone(), self.sp(m, p.span));
                            self.collect_sites(m, &p.value, &sub, sites, depth + 1);
                        }
                    }
                }
            }
            ExprKind::Array(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Spread(_))) {
                    return;
                }
                for (i, it) in items.iter().enumerate() {
                    let sub = format!("{path}.{i}");
                    sites.insert(sub.clone(), self.sp(m, it.span));
                    self.collect_sites(m, it, &sub, sites, depth + 1);
                }
            }
            ExprKind::Paren(x) => self.collect_sites(m, x, path, sites, depth + 1),
            _ => {}
        }
    }

    // ----- modules -------------------------------------------------------

    fn module(&mut self, m: &Rc<Module>, i: usize) -> Value {
        if let Some(v) = m.mod_cache.borrow().get(&i) {
            return v.clone();
        }
        let key = format!("m:{i}");
        if !m.busy.borrow_mut().insert(key.clone()) {
            return Value::unknown();
        }
        let v = self.module_decl(m, i);
        m.busy.borrow_mut().remove(&key);
        m.mod_cache.borrow_mut().insert(i, v.clone());
        v
    }

    fn module_decl(&mut self, m: &Rc<Module>, i: usize) -> Value {
        let Some(item) = m.parsed.items.get(i) else {
            return Value::unknown();
        };
        let ItemKind::Module(md) = &item.kind else {
            return Value::unknown();
        };
        let is_json = md
            .path_str()
            .is_some_and(|p| p.to_ascii_lowercase().ends_with(".json"));
        let Some(fid) = self.resolve_local(m, &md.path, "module") else {
            return Value::unknown();
        };
        match &md.body.kind {
            ExprKind::For(f) => {
                let mut out = Vec::new();
                match self.for_items(m, f, &Vec::new()) {
                    Some(items) => {
                        for (idx, (_, locals)) in items.into_iter().enumerate() {
                            if let Some(v) = self.module_instance(
                                m,
                                item,
                                md,
                                fid,
                                is_json,
                                &f.body,
                                &locals,
                                Some(idx.to_string()),
                                false,
                            ) {
                                out.push(v);
                            }
                        }
                    }
                    None => {
                        let locals = unknown_loop_locals(f);
                        if let Some(v) = self.module_instance(
                            m,
                            item,
                            md,
                            fid,
                            is_json,
                            &f.body,
                            &locals,
                            Some("*".into()),
                            true,
                        ) {
                            out.push(v);
                        }
                    }
                }
                Value::list(out)
            }
            _ => self
                .module_instance(
                    m,
                    item,
                    md,
                    fid,
                    is_json,
                    &md.body,
                    &Vec::new(),
                    None,
                    false,
                )
                .unwrap_or_else(Value::null),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn module_instance(
        &mut self,
        m: &Rc<Module>,
        item: &Item,
        md: &ModuleDecl,
        fid: FileId,
        is_json: bool,
        body: &Expr,
        locals: &Locals,
        index: Option<String>,
        uncertain: bool,
    ) -> Option<Value> {
        let mut uncertain = uncertain || m.uncertain;
        let mut body = body;
        if let ExprKind::IfCondition { condition, body: b } = &body.kind {
            match self.eval(m, condition, locals).as_bool() {
                Some(true) => {}
                Some(false) => return None,
                None => uncertain = true,
            }
            body = b;
        }
        let ExprKind::Object(members) = &body.kind else {
            return Some(Value::unknown());
        };
        let mut dname = Value::unknown();
        let mut given = HashMap::new();
        let mut param_map = ValueMap::new();
        let mut has_params = false;
        for mem in members {
            let ObjectMember::Property(p) = mem else {
                continue;
            };
            match p.key.name() {
                Some("name") => dname = self.eval(m, &p.value, locals),
                Some("params") => {
                    has_params = true;
                    let secrets = self.secret_params(m, &p.value, locals);
                    let v = self.eval(m, &p.value, locals);
                    if let Some(map) = v.as_map() {
                        for (k, v) in map {
                            given.insert(k.clone(), v.clone());
                            let mut w = ValueMap::new();
                            match secrets.get(k) {
                                Some(r) => w.insert("reference".to_string(), r.clone()),
                                None => w.insert("value".to_string(), v.clone()),
                            };
                            param_map.insert(k.clone(), Value::map(w));
                        }
                    }
                }
                _ => {}
            }
        }
        let label = match &index {
            Some(i) => format!("{}[{i}]", md.name.name),
            None => md.name.name.clone(),
        };
        let decl_span = self.sp(m, item.span);
        // The deployment resource itself.
        let key = ResKey(u32::try_from(self.unit.resources.len()).ok()?);
        let mut dep = Resource::new(
            format!("{}module {label}", m.prefix),
            "Microsoft.Resources/deployments",
            decl_span,
            Format::Bicep,
        );
        dep.api_version = Some("2022-09-01".into());
        dep.name = dname.clone();
        dep.body.set_path(
            "properties.expressionEvaluationOptions.scope",
            Value::string("inner"),
        );
        dep.body
            .set_path("properties.mode", Value::string("Incremental"));
        if has_params {
            dep.body
                .set_path("properties.parameters", Value::map(param_map));
        }
        dep.uncertain = uncertain;
        dep.trail = m.trail.clone();
        self.unit.resources.push(dep);
        self.infos.push(ResInfo {
            full_type: "Microsoft.Resources/deployments".into(),
            full_name: dname.clone(),
            id: Value::unknown(),
        });
        let mut trail = m.trail.clone();
        trail.push((format!("through module {label}"), decl_span));
        let outputs = if is_json {
            self.json_module(fid, given, &trail, &m.prefix, &label, uncertain)
        } else {
            let child = self.open_module(
                fid,
                given,
                format!("{}module {label}.", m.prefix),
                trail,
                m.chain.clone(),
                uncertain,
            );
            self.run_module(&child);
            self.outputs(&child)
        };
        let mut obj = ValueMap::new();
        obj.insert("name".to_string(), dname);
        obj.insert("outputs".to_string(), outputs);
        Some(
            Value::map(obj)
                .with_origin(Origin::computed(self.sp(m, md.name.span)))
                .with_resource(Some(key)),
        )
    }

    /// A module that is an ARM JSON template: evaluated by isolint-arm.
    /// Parameters are passed as a synthetic parameter file, so their values
    /// lose their source locations.
    fn json_module(
        &mut self,
        fid: FileId,
        given: HashMap<String, Value>,
        trail: &[(String, Span)],
        prefix: &str,
        label: &str,
        uncertain: bool,
    ) -> Value {
        let mut params = serde_json::Map::new();
        for (k, v) in &given {
            if v.is_wholly_known() {
                params.insert(k.clone(), serde_json::json!({ "value": v.to_json() }));
            }
        }
        let doc = serde_json::json!({ "parameters": params });
        let Some(base) = self.sources.get(fid).map(|f| f.path.clone()) else {
            return Value::unknown();
        };
        let ppath = base.with_extension(format!("isolint-module-{label}.parameters.json"));
        let pid = self.sources.add(ppath, doc.to_string());
        let arm = isolint_arm::ArmOptions {
            root: self.opts.root.clone(),
            cloud: self.opts.cloud,
            ..isolint_arm::ArmOptions::default()
        };
        let sub = isolint_arm::load_template(self.sources, fid, &[pid], &arm);
        let offset = self.unit.resources.len();
        for mut r in sub.resources {
            r.address = format!("{prefix}module {label}.{}", r.address);
            let mut t = trail.to_vec();
            t.append(&mut r.trail);
            r.trail = t;
            r.uncertain |= uncertain;
            shift_keys(&mut r.body, offset, 0);
            if let Some(p) = &mut r.parent {
                shift_keys(p, offset, 0);
            }
            self.infos.push(ResInfo {
                full_type: r.resource_type.clone(),
                full_name: r.name.clone(),
                id: Value::unknown(),
            });
            self.unit.resources.push(r);
        }
        self.unit.findings.extend(sub.findings);
        self.unit.suppressions.extend(sub.suppressions);
        Value::unknown()
    }

    // ----- loops ---------------------------------------------------------

    /// The instances of a loop: (item, locals with the loop variables);
    /// `None` when the iterable is unknown or too large (reported).
    fn for_items(
        &mut self,
        m: &Rc<Module>,
        f: &ForExpr,
        locals: &Locals,
    ) -> Option<Vec<(Value, Locals)>> {
        let it = self.eval(m, &f.iterable, locals);
        let items = it.as_list()?;
        if items.len() > self.opts.max_copy {
            let at = self.sp(m, f.iterable.span);
            self.report(meta::limit(
                Some(at),
                format!(
                    "loop over {} items exceeds the limit of {}; it is evaluated once with unknown values",
                    items.len(),
                    self.opts.max_copy
                ),
            ));
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            let mut l = locals.clone();
            l.push((f.item.name.clone(), v.clone()));
            if let Some(ix) = &f.index {
                l.push((ix.name.clone(), Value::number(i as f64)));
            }
            out.push((v.clone(), l));
        }
        Some(out)
    }

    // ----- expressions ---------------------------------------------------

    fn eval(&mut self, m: &Rc<Module>, e: &Expr, locals: &Locals) -> Value {
        let at = self.sp(m, e.span);
        if !self.step(at) {
            return Value::unknown_at(Some(at));
        }
        self.depth += 1;
        let v = self.eval_inner(m, e, locals, at);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, m: &Rc<Module>, e: &Expr, locals: &Locals, at: Span) -> Value {
        let written = Origin::written(at);
        let computed = Origin::computed(at);
        match &e.kind {
            ExprKind::Int(n) => Value::number(*n as f64).with_origin(written),
            ExprKind::Bool(b) => Value::bool(*b).with_origin(written),
            ExprKind::Null => Value::null().with_origin(written),
            ExprKind::String(s) => Value::string(s.clone()).with_origin(written),
            ExprKind::Interpolated { literals, exprs } => {
                let mut out = String::new();
                let mut known = true;
                for (i, lit) in literals.iter().enumerate() {
                    out.push_str(lit);
                    if let Some(x) = exprs.get(i) {
                        let v = self.eval(m, x, locals);
                        match text_of(&v, &self.arm) {
                            Some(t) if known => out.push_str(&t),
                            _ => known = false,
                        }
                    }
                }
                if known && out.len() > MAX_STRING {
                    self.report(meta::limit(
                        Some(at),
                        "this string is longer than isolint evaluates; it is treated as unknown",
                    ));
                    Value::unknown_at(Some(at))
                } else if known {
                    Value::string(out).with_origin(computed)
                } else {
                    Value::unknown_at(Some(at))
                }
            }
            ExprKind::Ident(id) => {
                if let Some((_, v)) = locals.iter().rev().find(|(n, _)| *n == id.name) {
                    return v.clone();
                }
                self.symbol(m, &id.name, id.span)
            }
            ExprKind::Array(items) => {
                let mut out = Vec::new();
                for it in items {
                    if let ExprKind::Spread(x) = &it.kind {
                        let v = self.eval(m, x, locals);
                        match v.as_list() {
                            Some(l) if out.len().saturating_add(l.len()) <= MAX_LIST => {
                                out.extend(l.iter().cloned())
                            }
                            Some(_) => {
                                self.report(meta::limit(
                                    Some(at),
                                    "this list is longer than isolint evaluates; it is treated as unknown",
                                ));
                                return Value::unknown_at(Some(at));
                            }
                            None => return Value::unknown_at(Some(at)),
                        }
                    } else {
                        let v = self.eval(m, it, locals);
                        if !self.charge(&v, at) {
                            return Value::unknown_at(Some(at));
                        }
                        out.push(v);
                    }
                }
                Value::list(out).with_origin(written)
            }
            ExprKind::Object(members) => {
                let mut out = ValueMap::new();
                for mem in members {
                    match mem {
                        ObjectMember::Property(p) => {
                            let key = match p.key.name() {
                                Some(k) => k.to_string(),
                                None => match &p.key {
                                    PropertyKey::Expr(k) => {
                                        match self.eval(m, k, locals).as_str() {
                                            Some(k) => k.to_string(),
                                            None => return Value::unknown_at(Some(at)),
                                        }
                                    }
                                    PropertyKey::Ident(i) => i.name.clone(),
                                },
                            };
                            let v = self.eval(m, &p.value, locals);
                            if !self.charge(&v, at) {
                                return Value::unknown_at(Some(at));
                            }
                            out.insert(key, v);
                        }
                        ObjectMember::Spread { expr, .. } => {
                            let v = self.eval(m, expr, locals);
                            match &v.data {
                                Data::Map(mm) => {
                                    for (k, x) in mm {
                                        out.insert(k.clone(), x.clone());
                                    }
                                }
                                Data::Null => {}
                                _ => return Value::unknown_at(Some(at)),
                            }
                        }
                        ObjectMember::Resource(_) => {}
                    }
                }
                Value::map(out).with_origin(written)
            }
            ExprKind::Unary { op, operand } => {
                let v = self.eval(m, operand, locals);
                let r = match op {
                    UnaryOp::Not => v.as_bool().map(|b| Value::bool(!b)),
                    UnaryOp::Neg => match v.data {
                        Data::Number(n) => Some(Value::number(-n)),
                        _ => None,
                    },
                    UnaryOp::Plus => match v.data {
                        Data::Number(n) => Some(Value::number(n)),
                        _ => None,
                    },
                };
                match r {
                    // `-5` is still the literal the user wrote.
                    Some(x) if matches!(operand.kind, ExprKind::Int(_)) => x.with_origin(written),
                    Some(x) => x.with_origin(computed),
                    None => Value::unknown_at(Some(at)),
                }
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(m, *op, lhs, rhs, locals, at),
            ExprKind::Ternary {
                cond,
                then,
                otherwise,
            } => match self.eval(m, cond, locals).as_bool() {
                Some(true) => self.eval(m, then, locals),
                Some(false) => self.eval(m, otherwise, locals),
                None => Value::unknown_at(Some(at)),
            },
            ExprKind::Property { base, name, safe } => {
                if let ExprKind::Ident(id) = &base.kind {
                    if !locals.iter().any(|(n, _)| *n == id.name) {
                        if let Some(Sym::Namespace(target)) = m.symbols.get(&id.name).cloned() {
                            return self.symbol(&target, &name.name, name.span);
                        }
                    }
                }
                let b = self.eval(m, base, locals);
                let v = member(&b, &name.name, *safe);
                // A property a resource declaration does not set may still
                // exist at deployment time.
                if v.is_null()
                    && b.get(&name.name).is_none()
                    && self.rooted_in_resource(m, base, locals)
                {
                    return Value::unknown_at(Some(at));
                }
                v
            }
            ExprKind::Index {
                base,
                index,
                safe,
                from_end,
            } => {
                let b = self.eval(m, base, locals);
                let i = self.eval(m, index, locals);
                index_value(&b, &i, *safe, *from_end)
            }
            ExprKind::ResourceAccess { .. } => match self.resdecl_of(m, e) {
                Some(j) => self.resource(m, j),
                None => Value::unknown_at(Some(at)),
            },
            ExprKind::NonNull(x) | ExprKind::Paren(x) | ExprKind::Spread(x) => {
                self.eval(m, x, locals)
            }
            ExprKind::Call(c) => {
                let v = self.call(m, c, locals, at);
                if v.origin.span.is_none() {
                    let r = v.origin.resource;
                    v.with_origin(computed).with_resource(r)
                } else {
                    v
                }
            }
            ExprKind::For(f) => match self.for_items(m, f, locals) {
                Some(items) => {
                    let mut out = Vec::new();
                    for (_, l) in items {
                        if let ExprKind::IfCondition { condition, body } = &f.body.kind {
                            match self.eval(m, condition, &l).as_bool() {
                                Some(true) => out.push(self.eval(m, body, &l)),
                                Some(false) => {}
                                None => return Value::unknown_at(Some(at)),
                            }
                        } else {
                            out.push(self.eval(m, &f.body, &l));
                        }
                    }
                    Value::list(out).with_origin(computed)
                }
                None => Value::unknown_at(Some(at)),
            },
            ExprKind::IfCondition { body, .. } => self.eval(m, body, locals),
            ExprKind::Lambda { .. } | ExprKind::Error => Value::unknown_at(Some(at)),
        }
    }

    /// Does a property chain start at a resource (`st.properties.x`)?
    fn rooted_in_resource(&self, m: &Module, e: &Expr, locals: &Locals) -> bool {
        match &e.kind {
            ExprKind::Ident(id) => {
                !locals.iter().any(|(n, _)| *n == id.name)
                    && matches!(m.symbols.get(&id.name), Some(Sym::Res(_)))
            }
            ExprKind::ResourceAccess { .. } => true,
            ExprKind::Property { base, .. }
            | ExprKind::Index { base, .. }
            | ExprKind::NonNull(base)
            | ExprKind::Paren(base) => self.rooted_in_resource(m, base, locals),
            _ => false,
        }
    }

    /// The resource declaration an expression names (`vnet`, `vnet::subnet`).
    fn resdecl_of(&self, m: &Module, e: &Expr) -> Option<usize> {
        match &e.kind {
            ExprKind::Ident(id) => match m.symbols.get(&id.name) {
                Some(Sym::Res(j)) => Some(*j),
                _ => None,
            },
            ExprKind::ResourceAccess { base, name } => {
                let p = self.resdecl_of(m, base)?;
                m.resdecls.iter().position(|d| {
                    d.parent == Some(p)
                        && matches!(&d.item.kind, ItemKind::Resource(r) if r.name.name == name.name)
                })
            }
            _ => None,
        }
    }

    fn binary(
        &mut self,
        m: &Rc<Module>,
        op: BinaryOp,
        lhs: &Expr,
        rhs: &Expr,
        locals: &Locals,
        at: Span,
    ) -> Value {
        let unknown = Value::unknown_at(Some(at));
        let computed = Origin::computed(at);
        match op {
            BinaryOp::Coalesce => {
                let l = self.eval(m, lhs, locals);
                return match l.data {
                    Data::Unknown => unknown,
                    Data::Null => self.eval(m, rhs, locals),
                    _ => l,
                };
            }
            BinaryOp::And | BinaryOp::Or => {
                let want = op == BinaryOp::Or;
                let l = self.eval(m, lhs, locals).as_bool();
                if l == Some(want) {
                    return Value::bool(want).with_origin(computed);
                }
                let r = self.eval(m, rhs, locals).as_bool();
                return match (l, r) {
                    (_, Some(x)) if x == want => Value::bool(want).with_origin(computed),
                    (Some(_), Some(_)) => Value::bool(!want).with_origin(computed),
                    _ => unknown,
                };
            }
            _ => {}
        }
        let l = self.eval(m, lhs, locals);
        let r = self.eval(m, rhs, locals);
        if !l.is_wholly_known() || !r.is_wholly_known() {
            return unknown;
        }
        let out = match op {
            BinaryOp::Eq => Some(Value::bool(l == r)),
            BinaryOp::NotEq => Some(Value::bool(l != r)),
            BinaryOp::EqInsensitive | BinaryOp::NotEqInsensitive => {
                match (l.as_str(), r.as_str()) {
                    (Some(a), Some(b)) => {
                        let eq = a.to_lowercase() == b.to_lowercase();
                        Some(Value::bool(eq == (op == BinaryOp::EqInsensitive)))
                    }
                    _ => None,
                }
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                let ord = match (&l.data, &r.data) {
                    (Data::Number(a), Data::Number(b)) => a.partial_cmp(b),
                    (Data::String(a), Data::String(b)) => Some(a.cmp(b)),
                    _ => None,
                };
                ord.map(|o| {
                    use std::cmp::Ordering::*;
                    Value::bool(match op {
                        BinaryOp::Lt => o == Less,
                        BinaryOp::Le => o != Greater,
                        BinaryOp::Gt => o == Greater,
                        _ => o != Less,
                    })
                })
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => {
                match (l.as_i64(), r.as_i64(), &l.data, &r.data) {
                    (Some(a), Some(b), Data::Number(_), Data::Number(_)) => {
                        let x = match op {
                            BinaryOp::Add => a.checked_add(b),
                            BinaryOp::Sub => a.checked_sub(b),
                            BinaryOp::Mul => a.checked_mul(b),
                            BinaryOp::Div => a.checked_div(b),
                            _ => a.checked_rem(b),
                        };
                        x.map(|x| Value::number(x as f64))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match out {
            Some(v) => v.with_origin(computed),
            None => unknown,
        }
    }

    fn apply(&mut self, m: &Rc<Module>, lam: &Expr, args: &[Value], locals: &Locals) -> Value {
        let ExprKind::Lambda { params, body } = &lam.kind else {
            return Value::unknown();
        };
        let mut l = locals.clone();
        for (p, v) in params.iter().zip(args) {
            l.push((p.name.clone(), v.clone()));
        }
        self.eval(m, body, &l)
    }

    fn call_user(&mut self, target: &Rc<Module>, i: usize, args: Vec<Value>) -> Value {
        let Some(ItemKind::Func(f)) = target.parsed.items.get(i).map(|it| &it.kind) else {
            return Value::unknown();
        };
        let mut l = Vec::new();
        for (p, v) in f.params.iter().zip(args) {
            l.push((p.name.name.clone(), v));
        }
        self.eval(target, &f.body, &l)
    }

    /// The user function a call names, if any: (module, item index).
    fn user_func(&self, m: &Rc<Module>, c: &Call, depth: usize) -> Option<(Rc<Module>, usize)> {
        if depth > 16 {
            return None;
        }
        fn find(m: &Rc<Module>, name: &str, depth: usize) -> Option<(Rc<Module>, usize)> {
            if depth > 16 {
                return None;
            }
            match m.symbols.get(name)? {
                Sym::Func(i) => Some((m.clone(), *i)),
                Sym::Import(t, n) => find(t, n, depth + 1),
                _ => None,
            }
        }
        match c.base.as_deref().map(|b| &b.kind) {
            None => find(m, &c.name.name, depth),
            Some(ExprKind::Ident(ns)) => match m.symbols.get(&ns.name)? {
                Sym::Namespace(t) => find(t, &c.name.name, depth),
                _ => None,
            },
            _ => None,
        }
    }

    fn call(&mut self, m: &Rc<Module>, c: &Call, locals: &Locals, at: Span) -> Value {
        if let Some((t, i)) = self.user_func(m, c, 0) {
            let args: Vec<Value> = c.args.iter().map(|a| self.eval(m, a, locals)).collect();
            return self.call_user(&t, i, args);
        }
        if let Some(b) = &c.base {
            match &b.kind {
                ExprKind::Ident(id)
                    if (id.name == "az" || id.name == "sys")
                        && !m.symbols.contains_key(&id.name) => {}
                // Instance functions (`kv.getSecret()`, `st.listKeys()`).
                _ => return Value::unknown_at(Some(at)),
            }
        }
        let name = lower(&c.name.name);
        let arg = |i: usize| c.args.get(i);
        match name.as_str() {
            "any" => {
                return match arg(0) {
                    Some(a) => self.eval(m, a, locals),
                    None => Value::unknown(),
                }
            }
            "environment" => return isolint_arm::environment(self.opts.cloud),
            "resourcegroup" | "subscription" if !c.args.is_empty() => {
                let args: Vec<Value> = c.args.iter().map(|a| self.eval(m, a, locals)).collect();
                return scope_object(&name, &args);
            }
            "tenant" if c.args.is_empty() => {
                // As a scope: resources deployed to the tenant have IDs
                // starting at `/providers/`.
                let mut t = ValueMap::new();
                t.insert("id".to_string(), Value::string(""));
                return Value::map(t);
            }
            "resourcegroup"
            | "subscription"
            | "tenant"
            | "managementgroup"
            | "deployer"
            | "deployment"
            | "newguid"
            | "utcnow"
            | "readenvironmentvariable"
            | "externalinput"
            | "getsecret" => return Value::unknown_at(Some(at)),
            "coalesce" => {
                for a in &c.args {
                    let v = self.eval(m, a, locals);
                    match v.data {
                        Data::Unknown => return Value::unknown_at(Some(at)),
                        Data::Null => {}
                        _ => return v,
                    }
                }
                return Value::null();
            }
            "and" | "or" => {
                let want = name == "or";
                let mut unknown = false;
                for a in &c.args {
                    match self.eval(m, a, locals).as_bool() {
                        Some(x) if x == want => return Value::bool(want),
                        Some(_) => {}
                        None => unknown = true,
                    }
                }
                return if unknown {
                    Value::unknown_at(Some(at))
                } else {
                    Value::bool(!want)
                };
            }
            "tryget" => {
                let mut cur = match arg(0) {
                    Some(a) => self.eval(m, a, locals),
                    None => return Value::unknown(),
                };
                for a in c.args.iter().skip(1) {
                    let k = self.eval(m, a, locals);
                    cur = match (&cur.data, &k.data) {
                        (Data::Null, _) => return Value::null(),
                        (Data::Map(_), Data::String(s)) => match cur.get(s) {
                            Some(v) => v.clone(),
                            None => return Value::null(),
                        },
                        (Data::List(items), Data::Number(_)) => {
                            match k
                                .as_i64()
                                .and_then(|i| usize::try_from(i).ok())
                                .and_then(|i| items.get(i))
                            {
                                Some(v) => v.clone(),
                                None => return Value::null(),
                            }
                        }
                        _ => return Value::unknown_at(Some(at)),
                    };
                }
                return cur;
            }
            "nameof" => {
                return match arg(0).and_then(last_name) {
                    Some(n) => Value::string(n).with_origin(Origin::computed(at)),
                    None => Value::unknown_at(Some(at)),
                }
            }
            "map" | "filter" | "reduce" | "sort" | "toobject" | "groupby" | "mapvalues" => {
                return self.lambda_call(m, &name, c, locals, at);
            }
            "loadtextcontent" | "loadjsoncontent" => {
                return self.load_content(m, &name, c, locals, at);
            }
            n if n.starts_with("load") => return Value::unknown_at(Some(at)),
            _ => {}
        }
        let args: Vec<Value> = c.args.iter().map(|a| self.eval(m, a, locals)).collect();
        let mut findings = Vec::new();
        let v = isolint_arm::call_function(&c.name.name, args, at, &self.arm, &mut findings);
        for f in findings {
            self.report(f);
        }
        v
    }

    /// Module parameters given as `kv.getSecret('name'[, 'version'])`: the
    /// Key Vault reference ARM passes instead of a value.
    fn secret_params(
        &mut self,
        m: &Rc<Module>,
        params: &Expr,
        locals: &Locals,
    ) -> HashMap<String, Value> {
        let mut out = HashMap::new();
        let ExprKind::Object(members) = &params.kind else {
            return out;
        };
        for mem in members {
            let ObjectMember::Property(p) = mem else {
                continue;
            };
            let Some(k) = p.key.name() else {
                continue;
            };
            // Through parentheses and ternaries whose condition is known.
            let mut e = &p.value;
            for _ in 0..64 {
                match &e.kind {
                    ExprKind::Paren(x) => e = x,
                    ExprKind::Ternary {
                        cond,
                        then,
                        otherwise,
                    } => match self.eval(m, cond, locals).as_bool() {
                        Some(true) => e = then,
                        Some(false) => e = otherwise,
                        None => break,
                    },
                    _ => break,
                }
            }
            let ExprKind::Call(c) = &e.kind else {
                continue;
            };
            let Some(base) = c.base.as_deref() else {
                continue;
            };
            if !c.name.name.eq_ignore_ascii_case("getSecret") {
                continue;
            }
            let kv = self.eval(m, base, locals);
            let mut r = ValueMap::new();
            let mut vault = ValueMap::new();
            vault.insert(
                "id".to_string(),
                kv.get("id").cloned().unwrap_or_else(Value::unknown),
            );
            r.insert("keyVault".to_string(), Value::map(vault));
            if let Some(a) = c.args.first() {
                r.insert("secretName".to_string(), self.eval(m, a, locals));
            }
            if let Some(a) = c.args.get(1) {
                r.insert("secretVersion".to_string(), self.eval(m, a, locals));
            }
            out.insert(k.to_string(), Value::map(r));
        }
        out
    }

    fn lambda_call(
        &mut self,
        m: &Rc<Module>,
        name: &str,
        c: &Call,
        locals: &Locals,
        at: Span,
    ) -> Value {
        let unknown = Value::unknown_at(Some(at));
        let Some(input) = c.args.first() else {
            return unknown;
        };
        let input = self.eval(m, input, locals);
        let lam_idx = if name == "reduce" { 2 } else { 1 };
        let Some(lam) = c.args.get(lam_idx) else {
            return unknown;
        };
        if name == "mapvalues" {
            let Some(map) = input.as_map() else {
                return unknown;
            };
            let mut out = ValueMap::new();
            for (k, v) in map {
                out.insert(
                    k.clone(),
                    self.apply(m, lam, std::slice::from_ref(v), locals),
                );
            }
            return Value::map(out);
        }
        let Some(items) = input.as_list() else {
            return unknown;
        };
        let items = items.to_vec();
        match name {
            "map" => {
                let mut out = Vec::new();
                for (i, it) in items.into_iter().enumerate() {
                    out.push(self.apply(m, lam, &[it, Value::number(i as f64)], locals));
                }
                Value::list(out)
            }
            "filter" => {
                let mut out = Vec::new();
                for (i, it) in items.into_iter().enumerate() {
                    match self
                        .apply(m, lam, &[it.clone(), Value::number(i as f64)], locals)
                        .as_bool()
                    {
                        Some(true) => out.push(it),
                        Some(false) => {}
                        None => return unknown,
                    }
                }
                Value::list(out)
            }
            "reduce" => {
                let mut acc = match c.args.get(1) {
                    Some(a) => self.eval(m, a, locals),
                    None => return unknown,
                };
                for (i, it) in items.into_iter().enumerate() {
                    acc = self.apply(m, lam, &[acc, it, Value::number(i as f64)], locals);
                }
                acc
            }
            "sort" => {
                let mut out: Vec<Value> = Vec::new();
                for it in items {
                    let mut pos = out.len();
                    for (j, o) in out.iter().enumerate() {
                        match self
                            .apply(m, lam, &[it.clone(), o.clone()], locals)
                            .as_bool()
                        {
                            Some(true) => {
                                pos = j;
                                break;
                            }
                            Some(false) => {}
                            None => return unknown,
                        }
                    }
                    out.insert(pos, it);
                }
                Value::list(out)
            }
            "toobject" => {
                let val = c.args.get(2);
                let mut out = ValueMap::new();
                for it in items {
                    let k = self.apply(m, lam, std::slice::from_ref(&it), locals);
                    let Some(k) = k.as_str().map(str::to_string) else {
                        return unknown;
                    };
                    let v = match val {
                        Some(vl) => self.apply(m, vl, std::slice::from_ref(&it), locals),
                        None => it,
                    };
                    out.insert(k, v);
                }
                Value::map(out)
            }
            "groupby" => {
                let mut out: ValueMap = ValueMap::new();
                for it in items {
                    let k = self.apply(m, lam, std::slice::from_ref(&it), locals);
                    let Some(k) = k.as_str().map(str::to_string) else {
                        return unknown;
                    };
                    let e = out.entry(k).or_insert_with(|| Value::list(Vec::new()));
                    if let Data::List(l) = &mut e.data {
                        l.push(it);
                    }
                }
                Value::map(out)
            }
            _ => unknown,
        }
    }

    fn load_content(
        &mut self,
        m: &Rc<Module>,
        name: &str,
        c: &Call,
        locals: &Locals,
        at: Span,
    ) -> Value {
        let unknown = Value::unknown_at(Some(at));
        let Some(p) = c.args.first() else {
            return unknown;
        };
        let pv = self.eval(m, p, locals);
        let Some(rel) = pv.as_str() else {
            return unknown;
        };
        let base = m.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let full = normalize(&base.join(rel));
        if !inside_root(&full, &self.opts.root) {
            return unknown;
        }
        let too_big = std::fs::metadata(&full)
            .map(|md| md.len() > self.opts.max_file_size)
            .unwrap_or(true);
        if too_big {
            return unknown;
        }
        let Ok(text) = std::fs::read_to_string(&full) else {
            return unknown;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        if name == "loadtextcontent" {
            return Value::string(text).with_origin(Origin::computed(at));
        }
        if c.args.len() > 1 {
            // JSONPath selection is not evaluated.
            return unknown;
        }
        match isolint_json::parse(FileId(u32::MAX), &text) {
            Ok(node) => {
                let mut v = node.to_value();
                set_origin(&mut v, Origin::computed(at), 0);
                v
            }
            Err(_) => unknown,
        }
    }
}

struct InstanceCtx {
    decl_index: usize,
    full_type: String,
    api: Option<String>,
    parent_key: Option<ResKey>,
    existing: bool,
}

fn unknown_loop_locals(f: &ForExpr) -> Locals {
    let mut l = vec![(f.item.name.clone(), Value::unknown())];
    if let Some(ix) = &f.index {
        l.push((ix.name.clone(), Value::unknown()));
    }
    l
}

/// `resourceGroup('sub', 'rg')` / `resourceGroup('rg')` / `subscription('sub')`
/// as a scope: its `id` and `name` where the arguments are known.
fn scope_object(name: &str, args: &[Value]) -> Value {
    use isolint_arm::SUBSCRIPTION_PLACEHOLDER;
    let text = |v: Option<&Value>, ph: &str| match v {
        Some(v) => v.as_str().map(str::to_string),
        None => Some(ph.to_string()),
    };
    let mut m = ValueMap::new();
    let id = if name == "subscription" {
        let sub = text(args.first(), SUBSCRIPTION_PLACEHOLDER);
        if let Some(s) = &sub {
            m.insert("subscriptionId".to_string(), Value::string(s.clone()));
        }
        sub.map(|s| format!("/subscriptions/{s}"))
    } else {
        let (sub, rg) = match args {
            [rg] => (
                Some(SUBSCRIPTION_PLACEHOLDER.to_string()),
                text(Some(rg), ""),
            ),
            [sub, rg, ..] => (text(Some(sub), ""), text(Some(rg), "")),
            [] => (None, None),
        };
        if let Some(rg) = &rg {
            m.insert("name".to_string(), Value::string(rg.clone()));
        }
        match (sub, rg) {
            (Some(s), Some(r)) => Some(format!("/subscriptions/{s}/resourceGroups/{r}")),
            _ => None,
        }
    };
    m.insert(
        "id".to_string(),
        id.map(Value::string).unwrap_or_else(Value::unknown),
    );
    Value::map(m)
}

/// `nameof(x)`: the last name of a symbol, property or index expression.
fn last_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(i) => Some(i.name.clone()),
        ExprKind::Property { name, .. } | ExprKind::ResourceAccess { name, .. } => {
            Some(name.name.clone())
        }
        ExprKind::Index { index, .. } => index.as_str().map(str::to_string),
        ExprKind::Paren(x) | ExprKind::NonNull(x) => last_name(x),
        _ => None,
    }
}

fn set_origin(v: &mut Value, o: Origin, depth: usize) {
    v.origin = o;
    if depth > 256 {
        return;
    }
    match &mut v.data {
        Data::List(items) => items.iter_mut().for_each(|i| set_origin(i, o, depth + 1)),
        Data::Map(mm) => mm.values_mut().for_each(|i| set_origin(i, o, depth + 1)),
        _ => {}
    }
}

fn shift_keys(v: &mut Value, offset: usize, depth: usize) {
    if let Some(k) = v.origin.resource {
        v.origin.resource = u32::try_from(k.0 as usize + offset).ok().map(ResKey);
    }
    if depth > 256 {
        return;
    }
    match &mut v.data {
        Data::List(items) => items
            .iter_mut()
            .for_each(|i| shift_keys(i, offset, depth + 1)),
        Data::Map(mm) => mm
            .values_mut()
            .for_each(|i| shift_keys(i, offset, depth + 1)),
        _ => {}
    }
}

fn collect_resdecls(m: &mut Module, item: &Item, parent: Option<(usize, String)>, depth: usize) {
    let ItemKind::Resource(r) = &item.kind else {
        return;
    };
    if depth > 32 {
        return;
    }
    let idx = m.resdecls.len();
    let sym = match &parent {
        Some((_, ps)) => format!("{ps}::{}", r.name.name),
        None => r.name.name.clone(),
    };
    m.resdecls.push(ResDecl {
        item: item.clone(),
        parent: parent.map(|p| p.0),
        sym: sym.clone(),
    });
    let mut body = &r.body;
    if let ExprKind::IfCondition { body: b, .. } = &body.kind {
        body = b;
    }
    if let ExprKind::Object(members) = &body.kind {
        for mem in members {
            if let ObjectMember::Resource(child) = mem {
                collect_resdecls(m, child, Some((idx, sym.clone())), depth + 1);
            }
        }
    }
}

/// A part of a resource's object stays linked to the resource, so that a
/// runtime property read from it (`fw.properties.ipConfigurations[0]
/// .properties.privateIPAddress`) is known to come from that resource.
fn from_resource(parent: &Value, mut child: Value) -> Value {
    if child.origin.resource.is_none() && matches!(child.data, Data::Map(_) | Data::List(_)) {
        child.origin.resource = parent.origin.resource;
    }
    child
}

fn member(b: &Value, name: &str, safe: bool) -> Value {
    match &b.data {
        Data::Map(_) => match b.get(name) {
            Some(v) => from_resource(b, v.clone()),
            None if safe && b.origin.resource.is_none() => Value::null(),
            None => Value::unknown().with_resource(b.origin.resource),
        },
        Data::Null if safe => Value::null(),
        _ => Value::unknown(),
    }
}

fn index_value(b: &Value, i: &Value, safe: bool, from_end: bool) -> Value {
    match (&b.data, &i.data) {
        (Data::List(items), Data::Number(_)) => {
            let Some(n) = i.as_i64() else {
                return Value::unknown();
            };
            let idx = if from_end {
                i64::try_from(items.len())
                    .ok()
                    .and_then(|l| l.checked_sub(n))
            } else {
                Some(n)
            };
            match idx
                .and_then(|x| usize::try_from(x).ok())
                .and_then(|x| items.get(x))
            {
                Some(v) => from_resource(b, v.clone()),
                None if safe => Value::null(),
                None => Value::unknown(),
            }
        }
        (Data::Map(_), Data::String(k)) => member(b, k, safe),
        (Data::Null, _) if safe => Value::null(),
        _ => Value::unknown(),
    }
}

/// `// isolint:ignore AML301,AML302 reason` comments of a file.
pub(crate) fn suppressions(file: FileId, text: &str, parsed: &ParsedFile) -> Vec<Suppression> {
    let mut out = Vec::new();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |off: usize| match line_starts.binary_search(&off) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    for c in &parsed.comments {
        if c.kind != CommentKind::Line {
            continue;
        }
        let body = c.text.trim();
        let Some(rest) = body.strip_prefix("isolint:ignore") else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let rest = rest.trim();
        let (ids, reason) = match rest.find(char::is_whitespace) {
            Some(k) => (&rest[..k], rest[k..].trim()),
            None => (rest, ""),
        };
        let rules: Vec<String> = ids
            .split(',')
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect();
        let line = line_of(c.span.start as usize);
        let mut target = line + 1;
        while let Some(&start) = line_starts.get(target) {
            let end = line_starts.get(target + 1).copied().unwrap_or(text.len());
            let t = text.get(start..end).unwrap_or("").trim();
            if t.is_empty() || t.starts_with("//") || t.starts_with("/*") || t.starts_with('#') {
                target += 1;
            } else {
                break;
            }
        }
        out.push(Suppression {
            rules,
            reason: reason.to_string(),
            span: Span::new(file, c.span.start as usize, c.span.end as usize),
            target_line: u32::try_from(target + 1).unwrap_or(u32::MAX),
        });
    }
    out
}

/// Reads an ARM parameter file (`{"parameters": {"p": {"value": ...}}}`).
fn json_parameters(
    sources: &SourceMap,
    pf: FileId,
    into: &mut HashMap<String, Value>,
) -> Option<Finding> {
    let text = sources.get(pf)?.text.clone();
    let doc = match isolint_json::parse(pf, &text) {
        Ok(d) => d,
        Err(e) => return Some(isolint_arm::parse_error_finding(&e)),
    };
    let params = doc
        .get("parameters")
        .filter(|p| p.as_object().is_some())
        .unwrap_or(&doc);
    for mem in params.as_object().unwrap_or(&[]) {
        if mem.key.starts_with('$') || mem.key.eq_ignore_ascii_case("contentVersion") {
            continue;
        }
        let v = match mem.value.get("value") {
            Some(v) => v.to_value(),
            None => Value::unknown_at(Some(mem.value.span)),
        };
        into.insert(mem.key.clone(), v);
    }
    None
}

pub(crate) fn load_inner(
    sources: &mut SourceMap,
    file: FileId,
    params: &[FileId],
    opts: &BicepOptions,
) -> (Unit, Value) {
    let arm = isolint_arm::ArmOptions {
        root: opts.root.clone(),
        cloud: opts.cloud,
        max_copy: opts.max_copy,
        ..isolint_arm::ArmOptions::default()
    };
    let mut l = Loader {
        sources,
        opts: opts.clone(),
        arm,
        unit: Unit::default(),
        infos: Vec::new(),
        steps: 0,
        steps_reported: false,
        copied: 0,
        copied_reported: false,
        depth: 0,
        depth_reported: false,
        parsed: HashMap::new(),
        reported: HashSet::new(),
    };
    let mut given = HashMap::new();
    for &pf in params {
        let is_bicepparam = l
            .sources
            .get(pf)
            .and_then(|f| {
                f.path
                    .extension()
                    .map(|e| e.eq_ignore_ascii_case("bicepparam"))
            })
            .unwrap_or(false);
        if is_bicepparam {
            let pm = l.open_module(
                pf,
                HashMap::new(),
                String::new(),
                Vec::new(),
                Vec::new(),
                false,
            );
            for item in &pm.parsed.items {
                if let ItemKind::Param(p) = &item.kind {
                    if p.value.is_some() {
                        let v = l.symbol(&pm, &p.name.name, p.name.span);
                        given.insert(p.name.name.clone(), v);
                    }
                }
            }
        } else if let Some(f) = json_parameters(l.sources, pf, &mut given) {
            l.report(f);
        }
    }
    let m = l.open_module(file, given, String::new(), Vec::new(), Vec::new(), false);
    l.run_module(&m);
    let outputs = l.outputs(&m);
    (l.unit, outputs)
}
