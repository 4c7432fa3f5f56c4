//! Evaluation of a Terraform configuration, as Terraform evaluates it.
//!
//! Demand-driven and memoised: a local, a resource or a module output is
//! evaluated the first time something refers to it, then cached. Cycles
//! evaluate to unknown. Every evaluation step counts against a budget, every
//! expansion against the instance bound; hitting either reports AML004 and
//! yields unknown, never a finding.

use crate::functions::{self, FnCtx, FnError};
use crate::module::{block_span, normalize, Expr, ModuleDecl, ResDecl};
use crate::Options;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::{Directive, Element, Template};
use isolint_model::finding::meta;
use isolint_model::ValueMap;
use isolint_model::{Data, FileId, Finding, Origin, OriginKind, ResKey, Span, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;

/// One evaluated resource (or data source) instance.
#[derive(Debug)]
pub struct Record {
    pub address: String,
    pub ty: String,
    pub data: bool,
    /// Attributes and nested blocks (blocks as lists of objects), as written.
    pub attrs: Value,
    /// Where each attribute path (`sku`, `network_rule_set.0.default_action`) is written.
    pub sites: HashMap<String, Span>,
    pub span: Span,
    /// Existence not known (unknown `count` / `for_each`).
    pub uncertain: bool,
    /// Module calls that lead to this resource.
    pub trail: Vec<(String, Span)>,
}

#[derive(Clone, Default)]
struct Scope {
    inst: usize,
    count_index: Option<Value>,
    each: Option<(Value, Value)>,
    vars: Vec<(String, Value)>,
}

impl Scope {
    fn module(inst: usize) -> Scope {
        Scope {
            inst,
            ..Scope::default()
        }
    }
    fn with_var(&self, name: &str, v: Value) -> Scope {
        let mut s = self.clone();
        s.vars.push((name.to_string(), v));
        s
    }
}

struct ModInst {
    decl: Rc<ModuleDecl>,
    /// `""` for the root, else `module.a.module.b[0].`
    prefix: String,
    inputs: HashMap<String, Value>,
    trail: Vec<(String, Span)>,
    locals: HashMap<String, Value>,
    locals_busy: HashSet<String>,
    resources: HashMap<(bool, String, String), Value>,
    resources_busy: HashSet<(bool, String, String)>,
    modules: HashMap<String, Value>,
    modules_busy: HashSet<String>,
    expanded: bool,
}

pub struct Evaluator<'a> {
    decls: Vec<Rc<ModuleDecl>>,
    insts: Vec<ModInst>,
    pub records: Vec<Record>,
    pub findings: Vec<Finding>,
    opts: &'a Options,
    steps: u64,
    budget_reported: bool,
    depth: u32,
    /// Incremented by every evaluation error (for `try` and `can`).
    errors: u64,
}

const MAX_DEPTH: u32 = 400;

fn span_of(file: FileId, e: &impl hcl_edit::Span) -> Option<Span> {
    e.span().map(|r| Span::new(file, r.start, r.end))
}

impl<'a> Evaluator<'a> {
    pub fn new(
        modules: Vec<ModuleDecl>,
        root: usize,
        root_inputs: HashMap<String, Value>,
        opts: &'a Options,
    ) -> Evaluator<'a> {
        let decls: Vec<Rc<ModuleDecl>> = modules.into_iter().map(Rc::new).collect();
        let root_decl = decls[root].clone();
        let mut ev = Evaluator {
            decls,
            insts: Vec::new(),
            records: Vec::new(),
            findings: Vec::new(),
            opts,
            steps: 0,
            budget_reported: false,
            depth: 0,
            errors: 0,
        };
        ev.insts.push(ModInst::new(
            root_decl,
            String::new(),
            root_inputs,
            Vec::new(),
        ));
        ev
    }

    /// Evaluates every resource of every module instance.
    pub fn run(&mut self) {
        let mut i = 0;
        while i < self.insts.len() {
            if !self.insts[i].expanded {
                self.insts[i].expanded = true;
                let decl = self.insts[i].decl.clone();
                for r in &decl.resources {
                    self.resource_value(i, r.data, &r.ty, &r.name);
                }
                for m in &decl.modules {
                    self.module_value(i, &m.name);
                }
            }
            i += 1;
        }
    }

    fn tick(&mut self, span: Option<Span>) -> bool {
        self.steps += 1;
        if self.steps > self.opts.max_eval_steps {
            if !self.budget_reported {
                self.budget_reported = true;
                self.findings.push(meta::limit(
                    span,
                    format!(
                        "evaluation stopped after {} steps; the remaining values are unknown",
                        self.opts.max_eval_steps
                    ),
                ));
            }
            return false;
        }
        true
    }

    fn error(&mut self) -> Value {
        self.errors += 1;
        Value::unknown()
    }

    // ----- expressions -------------------------------------------------

    fn eval(&mut self, file: FileId, e: &Expression, sc: &Scope) -> Value {
        let span = span_of(file, e);
        if !self.tick(span) {
            return Value::unknown_at(span);
        }
        if self.depth >= MAX_DEPTH {
            self.findings.push(meta::limit(
                span,
                "expression nested too deeply; its value is unknown",
            ));
            return Value::unknown_at(span);
        }
        self.depth += 1;
        let v = self.eval_inner(file, e, sc, span);
        self.depth -= 1;
        v
    }

    fn eval_inner(
        &mut self,
        file: FileId,
        e: &Expression,
        sc: &Scope,
        span: Option<Span>,
    ) -> Value {
        let written = |d: Data| {
            Value::new(
                d,
                Origin {
                    span,
                    kind: OriginKind::Written,
                    resource: None,
                },
            )
        };
        let computed = |d: Data| {
            Value::new(
                d,
                Origin {
                    span,
                    kind: OriginKind::Computed,
                    resource: None,
                },
            )
        };
        match e {
            Expression::Null(_) => written(Data::Null),
            Expression::Bool(b) => written(Data::Bool(*b.value())),
            Expression::Number(n) => written(Data::Number(n.value().as_f64().unwrap_or(f64::NAN))),
            Expression::String(s) => written(Data::String(s.value().to_string())),
            Expression::Array(a) => {
                let items = a.iter().map(|x| self.eval(file, x, sc)).collect();
                written(Data::List(items))
            }
            Expression::Object(o) => {
                let mut m = ValueMap::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(id) => id.as_str().to_string(),
                        ObjectKey::Expression(Expression::Variable(id)) => id.as_str().to_string(),
                        ObjectKey::Expression(ke) => {
                            let kv = self.eval(file, ke, sc);
                            match to_template_string(&kv) {
                                Some(s) => s,
                                None => return Value::unknown_at(span),
                            }
                        }
                    };
                    let val = self.eval(file, v.expr(), sc);
                    m.insert(key, val);
                }
                written(Data::Map(m))
            }
            Expression::StringTemplate(t) => {
                let elems: Vec<&Element> = t.iter().collect();
                self.eval_template_elems(file, &elems, sc, span)
            }
            Expression::HeredocTemplate(h) => {
                let elems: Vec<&Element> = h.template.iter().collect();
                self.eval_template_elems(file, &elems, sc, span)
            }
            Expression::Parenthesis(p) => self.eval(file, p.inner(), sc),
            Expression::Variable(v) => {
                let name = v.as_str();
                if let Some((_, val)) = sc.vars.iter().rev().find(|(n, _)| n == name) {
                    return val.clone();
                }
                self.error()
            }
            Expression::Conditional(c) => {
                let cond = self.eval(file, &c.cond_expr, sc);
                match cond.as_bool() {
                    Some(true) => self.eval(file, &c.true_expr, sc),
                    Some(false) => self.eval(file, &c.false_expr, sc),
                    None if cond.is_unknown() => Value::unknown_at(span),
                    None => self.error(),
                }
            }
            Expression::FuncCall(f) => self.eval_call(file, f, sc, span),
            Expression::Traversal(t) => self.eval_traversal(file, t, sc, span),
            Expression::UnaryOp(u) => {
                let v = self.eval(file, &u.expr, sc);
                if v.is_unknown() {
                    return Value::unknown_at(span);
                }
                match u.operator.value() {
                    UnaryOperator::Neg => match v.as_f64() {
                        Some(n) => computed(Data::Number(-n))
                            .with_kind(v.origin.kind)
                            .with_span(span),
                        None => self.error(),
                    },
                    UnaryOperator::Not => match v.as_bool() {
                        Some(b) => computed(Data::Bool(!b)),
                        None => self.error(),
                    },
                }
            }
            Expression::BinaryOp(b) => {
                let l = self.eval(file, &b.lhs_expr, sc);
                let r = self.eval(file, &b.rhs_expr, sc);
                self.binary(*b.operator.value(), l, r, span)
            }
            Expression::ForExpr(f) => self.eval_for(file, f, sc, span),
        }
    }

    fn binary(&mut self, op: BinaryOperator, l: Value, r: Value, span: Option<Span>) -> Value {
        use BinaryOperator as B;
        let computed = |d: Data| {
            Value::new(
                d,
                Origin {
                    span,
                    kind: OriginKind::Computed,
                    resource: None,
                },
            )
        };
        match op {
            B::Eq | B::NotEq => {
                if !l.is_wholly_known() || !r.is_wholly_known() {
                    return Value::unknown_at(span);
                }
                let eq = values_equal(&l, &r);
                computed(Data::Bool(if op == B::Eq { eq } else { !eq }))
            }
            B::And | B::Or => {
                // Terraform short-circuits on a known decisive operand.
                let (lb, rb) = (l.as_bool(), r.as_bool());
                let out = match (op, lb, rb) {
                    (B::And, Some(false), _) | (B::And, _, Some(false)) => Some(false),
                    (B::Or, Some(true), _) | (B::Or, _, Some(true)) => Some(true),
                    (B::And, Some(true), Some(true)) => Some(true),
                    (B::Or, Some(false), Some(false)) => Some(false),
                    _ => None,
                };
                match out {
                    Some(b) => computed(Data::Bool(b)),
                    None if l.is_unknown() || r.is_unknown() => Value::unknown_at(span),
                    None => self.error(),
                }
            }
            _ => {
                if l.is_unknown() || r.is_unknown() {
                    return Value::unknown_at(span);
                }
                let (Some(a), Some(b)) = (l.as_f64(), r.as_f64()) else {
                    return self.error();
                };
                let d = match op {
                    B::Plus => Data::Number(a + b),
                    B::Minus => Data::Number(a - b),
                    B::Mul => Data::Number(a * b),
                    B::Div => {
                        if b == 0.0 {
                            return self.error();
                        }
                        Data::Number(a / b)
                    }
                    B::Mod => {
                        if b == 0.0 {
                            return self.error();
                        }
                        Data::Number(a % b)
                    }
                    B::Less => Data::Bool(a < b),
                    B::LessEq => Data::Bool(a <= b),
                    B::Greater => Data::Bool(a > b),
                    B::GreaterEq => Data::Bool(a >= b),
                    _ => return self.error(),
                };
                computed(d)
            }
        }
    }

    fn eval_template_elems(
        &mut self,
        file: FileId,
        elems: &[&Element],
        sc: &Scope,
        span: Option<Span>,
    ) -> Value {
        // A template that is exactly one interpolation yields that value unchanged.
        if let [Element::Interpolation(i)] = elems {
            return self.eval(file, &i.expr, sc);
        }
        let mut out = String::new();
        let mut unknown = false;
        for el in elems {
            if !self.render_element(file, el, sc, &mut out, &mut unknown) {
                return self.error();
            }
        }
        if unknown {
            return Value::unknown_at(span);
        }
        let all_literal = elems.iter().all(|e| matches!(e, Element::Literal(_)));
        let kind = if all_literal {
            OriginKind::Written
        } else {
            OriginKind::Computed
        };
        Value::new(
            Data::String(out),
            Origin {
                span,
                kind,
                resource: None,
            },
        )
    }

    fn render_template(
        &mut self,
        file: FileId,
        t: &Template,
        sc: &Scope,
        out: &mut String,
        unknown: &mut bool,
    ) -> bool {
        for el in t.iter() {
            if !self.render_element(file, el, sc, out, unknown) {
                return false;
            }
        }
        true
    }

    fn render_element(
        &mut self,
        file: FileId,
        el: &Element,
        sc: &Scope,
        out: &mut String,
        unknown: &mut bool,
    ) -> bool {
        if out.len() > 16 * 1024 * 1024 {
            self.findings.push(meta::limit(
                None,
                "a string template grew beyond 16 MiB; its value is unknown",
            ));
            *unknown = true;
            return true;
        }
        match el {
            Element::Literal(l) => out.push_str(l.value()),
            Element::Interpolation(i) => {
                let v = self.eval(file, &i.expr, sc);
                if v.is_unknown() {
                    *unknown = true;
                } else {
                    match to_template_string(&v) {
                        Some(s) => out.push_str(&s),
                        None => return false,
                    }
                }
            }
            Element::Directive(d) => match d.as_ref() {
                Directive::If(i) => {
                    let c = self.eval(file, &i.if_expr.cond_expr, sc);
                    match c.as_bool() {
                        Some(true) => {
                            return self.render_template(
                                file,
                                &i.if_expr.template,
                                sc,
                                out,
                                unknown,
                            )
                        }
                        Some(false) => {
                            if let Some(e) = &i.else_expr {
                                return self.render_template(file, &e.template, sc, out, unknown);
                            }
                        }
                        None => *unknown = true,
                    }
                }
                Directive::For(f) => {
                    let coll = self.eval(file, &f.for_expr.collection_expr, sc);
                    let Some(items) = iter_collection(&coll) else {
                        *unknown = true;
                        return true;
                    };
                    for (k, v) in items {
                        if !self.tick(None) {
                            *unknown = true;
                            return true;
                        }
                        let mut s2 = sc.with_var(f.for_expr.value_var.as_str(), v);
                        if let Some(kv) = &f.for_expr.key_var {
                            s2 = s2.with_var(kv.as_str(), k);
                        }
                        if !self.render_template(file, &f.for_expr.template, &s2, out, unknown) {
                            return false;
                        }
                    }
                }
            },
        }
        true
    }

    fn eval_for(
        &mut self,
        file: FileId,
        f: &hcl_edit::expr::ForExpr,
        sc: &Scope,
        span: Option<Span>,
    ) -> Value {
        let coll = self.eval(file, &f.intro.collection_expr, sc);
        let Some(items) = iter_collection(&coll) else {
            return if coll.is_unknown() {
                Value::unknown_at(span)
            } else {
                self.error()
            };
        };
        let computed = |d: Data| {
            Value::new(
                d,
                Origin {
                    span,
                    kind: OriginKind::Computed,
                    resource: None,
                },
            )
        };
        let mut list = Vec::new();
        let mut map: ValueMap = ValueMap::new();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for (k, v) in items {
            if !self.tick(span) {
                return Value::unknown_at(span);
            }
            let mut s2 = sc.with_var(f.intro.value_var.as_str(), v);
            if let Some(kv) = &f.intro.key_var {
                s2 = s2.with_var(kv.as_str(), k);
            }
            if let Some(c) = &f.cond {
                let cv = self.eval(file, &c.expr, &s2);
                match cv.as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return Value::unknown_at(span),
                }
            }
            let val = self.eval(file, &f.value_expr, &s2);
            match &f.key_expr {
                None => list.push(val),
                Some(ke) => {
                    let kv = self.eval(file, ke, &s2);
                    let Some(key) = to_template_string(&kv) else {
                        return Value::unknown_at(span);
                    };
                    if f.grouping {
                        groups.entry(key).or_default().push(val);
                    } else {
                        map.insert(key, val);
                    }
                }
            }
        }
        if f.key_expr.is_none() {
            computed(Data::List(list))
        } else if f.grouping {
            computed(Data::Map(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, computed(Data::List(v))))
                    .collect(),
            ))
        } else {
            computed(Data::Map(map))
        }
    }

    fn eval_call(
        &mut self,
        file: FileId,
        f: &hcl_edit::expr::FuncCall,
        sc: &Scope,
        span: Option<Span>,
    ) -> Value {
        let name = f.name.name.as_str();
        if !f.name.namespace.is_empty() {
            return Value::unknown_at(span);
        }
        let args: Vec<&Expression> = f.args.iter().collect();
        match name {
            "try" => {
                for a in &args {
                    let before = self.errors;
                    let v = self.eval(file, a, sc);
                    if self.errors == before {
                        return v;
                    }
                }
                return self.error();
            }
            "can" => {
                let Some(a) = args.first() else {
                    return self.error();
                };
                let before = self.errors;
                let v = self.eval(file, a, sc);
                let ok = self.errors == before;
                if ok && !v.is_wholly_known() {
                    return Value::unknown_at(span);
                }
                return Value::new(
                    Data::Bool(ok),
                    Origin::computed(span.unwrap_or(Span::new(file, 0, 0))),
                );
            }
            "templatefile" => return self.templatefile(file, &args, sc, span),
            _ => {}
        }
        let mut vals: Vec<Value> = args.iter().map(|a| self.eval(file, a, sc)).collect();
        if f.args.expand_final() {
            if let Some(last) = vals.pop() {
                match last.data {
                    Data::List(items) => vals.extend(items),
                    Data::Unknown => return Value::unknown_at(span),
                    _ => return self.error(),
                }
            }
        }
        let module_dir = self.insts[sc.inst].decl.dir.clone();
        let ctx = FnCtx {
            module_dir: &module_dir,
            root: &self.opts.root,
            span,
        };
        match functions::call(name, vals, &ctx) {
            Ok(v) => v,
            Err(FnError::Limit(msg)) => {
                self.findings.push(meta::limit(
                    span,
                    format!("{name}(): {msg}; the value is unknown"),
                ));
                Value::unknown_at(span)
            }
            Err(FnError::UnknownFunction(_)) => Value::unknown_at(span),
            Err(FnError::Invalid(msg)) if msg.contains("outside the scan root") => {
                self.findings.push(meta::unresolved(
                    span,
                    format!("{name}(): {msg}; it was not read"),
                ));
                Value::unknown_at(span)
            }
            Err(FnError::Invalid(_)) => self.error(),
        }
    }

    fn templatefile(
        &mut self,
        file: FileId,
        args: &[&Expression],
        sc: &Scope,
        span: Option<Span>,
    ) -> Value {
        if args.len() != 2 {
            return self.error();
        }
        let path = self.eval(file, args[0], sc);
        let vars = self.eval(file, args[1], sc);
        let (Some(p), Some(m)) = (path.as_str(), vars.as_map()) else {
            return Value::unknown_at(span);
        };
        let dir = self.insts[sc.inst].decl.dir.clone();
        let full = normalize(&dir.join(p));
        if !crate::module::inside_root(&full, &self.opts.root) {
            self.findings.push(meta::unresolved(
                span,
                format!("templatefile(\"{p}\") is outside the scan root; it was not read"),
            ));
            return Value::unknown_at(span);
        }
        let Ok(text) = crate::module::read_text(&full, self.opts) else {
            return self.error();
        };
        let Ok(tpl) = hcl_edit::parser::parse_template(&text) else {
            return self.error();
        };
        // The template's own spans point into another file: evaluate without spans.
        let mut s2 = Scope::module(sc.inst);
        for (k, v) in m {
            s2.vars.push((k.clone(), v.clone()));
        }
        let mut out = String::new();
        let mut unknown = false;
        // Spans inside the template are meaningless for `file`; use a detached id.
        if !self.render_template(FileId(u32::MAX), &tpl, &s2, &mut out, &mut unknown) {
            return self.error();
        }
        if unknown {
            return Value::unknown_at(span);
        }
        Value::new(
            Data::String(out),
            Origin {
                span,
                kind: OriginKind::Computed,
                resource: None,
            },
        )
    }

    fn eval_traversal(
        &mut self,
        file: FileId,
        t: &hcl_edit::expr::Traversal,
        sc: &Scope,
        span: Option<Span>,
    ) -> Value {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        let (val, used) = match &t.expr {
            Expression::Variable(v) => self.eval_root(file, v.as_str(), &ops, sc, span),
            other => (self.eval(file, other, sc), 0),
        };
        self.apply_ops(file, val, &ops[used..], sc)
    }

    fn apply_ops(
        &mut self,
        file: FileId,
        mut val: Value,
        ops: &[&TraversalOperator],
        sc: &Scope,
    ) -> Value {
        let mut i = 0;
        while i < ops.len() {
            match ops[i] {
                TraversalOperator::GetAttr(k) => val = self.get_attr(val, k.as_str()),
                TraversalOperator::Index(e) => {
                    let k = self.eval(file, e, sc);
                    val = self.index(val, &k);
                }
                TraversalOperator::LegacyIndex(n) => {
                    val = self.index(val, &Value::number(*n.value() as f64));
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let full = matches!(ops[i], TraversalOperator::FullSplat(_));
                    let mut end = i + 1;
                    if full {
                        end = ops.len();
                    } else {
                        while end < ops.len()
                            && matches!(
                                ops[end],
                                TraversalOperator::GetAttr(_) | TraversalOperator::LegacyIndex(_)
                            )
                        {
                            end += 1;
                        }
                    }
                    let rest = &ops[i + 1..end];
                    let origin = val.origin;
                    val = match val.data {
                        Data::Unknown => Value::unknown(),
                        Data::Null => Value::new(Data::List(Vec::new()), origin),
                        Data::List(items) => {
                            let out = items
                                .into_iter()
                                .map(|it| self.apply_ops(file, it, rest, sc))
                                .collect();
                            Value::new(Data::List(out), origin)
                        }
                        other => {
                            let one = self.apply_ops(file, Value::new(other, origin), rest, sc);
                            Value::new(Data::List(vec![one]), origin)
                        }
                    };
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        val
    }

    fn get_attr(&mut self, v: Value, k: &str) -> Value {
        match &v.data {
            Data::Unknown => Value::unknown().with_resource(v.origin.resource),
            Data::Map(m) => match m.get(k) {
                Some(x) => x.clone(),
                // An attribute the provider computes (`private_ip_address`):
                // unknown, but known to come from that resource.
                None if v.origin.resource.is_some() => {
                    Value::unknown().with_resource(v.origin.resource)
                }
                None => self.error(),
            },
            _ => self.error(),
        }
    }

    fn index(&mut self, v: Value, k: &Value) -> Value {
        if k.is_unknown() {
            return Value::unknown();
        }
        match &v.data {
            Data::Unknown => Value::unknown(),
            Data::List(items) => match k.as_i64() {
                Some(i) if i >= 0 && (i as usize) < items.len() => items[i as usize].clone(),
                _ => self.error(),
            },
            Data::Map(m) => match to_template_string(k).and_then(|s| m.get(&s)) {
                Some(x) => x.clone(),
                None => self.error(),
            },
            _ => self.error(),
        }
    }

    fn eval_root(
        &mut self,
        file: FileId,
        name: &str,
        ops: &[&TraversalOperator],
        sc: &Scope,
        span: Option<Span>,
    ) -> (Value, usize) {
        if let Some((_, v)) = sc.vars.iter().rev().find(|(n, _)| n == name) {
            return (v.clone(), 0);
        }
        let attr = |i: usize| -> Option<&str> {
            match ops.get(i) {
                Some(TraversalOperator::GetAttr(a)) => Some(a.as_str()),
                _ => None,
            }
        };
        match name {
            "var" => match attr(0) {
                Some(n) => (self.var_value(sc.inst, n), 1),
                None => (self.error(), 0),
            },
            "local" => match attr(0) {
                Some(n) => (self.local_value(sc.inst, n, span), 1),
                None => (self.error(), 0),
            },
            "count" => match (attr(0), &sc.count_index) {
                (Some("index"), Some(i)) => (i.clone(), 1),
                _ => (self.error(), 1),
            },
            "each" => match (attr(0), &sc.each) {
                (Some("key"), Some((k, _))) => (k.clone(), 1),
                (Some("value"), Some((_, v))) => (v.clone(), 1),
                _ => (self.error(), 1),
            },
            "path" => {
                let dir = self.insts[sc.inst].decl.dir.clone();
                let root_dir = self.insts[0].decl.dir.clone();
                let v = match attr(0) {
                    Some("module") => Value::string(dir.to_string_lossy().replace('\\', "/")),
                    Some("root") => Value::string(root_dir.to_string_lossy().replace('\\', "/")),
                    Some("cwd") => Value::string("."),
                    _ => self.error(),
                };
                (v, 1)
            }
            "terraform" => match attr(0) {
                Some("workspace") => (Value::string("default"), 1),
                _ => (Value::unknown(), 1),
            },
            "self" => (Value::unknown(), 0),
            "module" => match attr(0) {
                Some(n) => {
                    if !self.insts[sc.inst].modules.contains_key(n) {
                        let v = self.module_value(sc.inst, n);
                        if !self.insts[sc.inst].modules.contains_key(n) {
                            return (v, 1);
                        }
                    }
                    self.follow_stored(file, sc, &ops[1..], 1, |i| i.modules.get(n))
                }
                None => (self.error(), 0),
            },
            "data" => match (attr(0), attr(1)) {
                (Some(t), Some(n)) => self.resource_path(file, sc, true, t, n, &ops[2..], 2),
                _ => (self.error(), 0),
            },
            _ => match attr(0) {
                Some(n) => {
                    if self.insts[sc.inst].decl.resource(false, name, n).is_none() {
                        return (self.error(), 1);
                    }
                    self.resource_path(file, sc, false, name, n, &ops[1..], 1)
                }
                None => {
                    let _ = file;
                    (self.error(), 0)
                }
            },
        }
    }

    // ----- named values --------------------------------------------------

    fn var_value(&mut self, inst: usize, name: &str) -> Value {
        let decl = self.insts[inst].decl.clone();
        let Some(vd) = decl.variables.get(name) else {
            return self.error();
        };
        let raw = match self.insts[inst].inputs.get(name) {
            Some(v) => v.clone(),
            None => match &vd.default {
                Some(d) => self.eval(d.file, &d.expr, &Scope::module(inst)),
                None => Value::unknown_at(Some(vd.span)),
            },
        };
        match &vd.ty {
            Some(t) => self.convert(raw, t.file, &t.expr, inst),
            None => raw,
        }
    }

    /// Converts a variable value to its declared type (primitive conversions
    /// and `optional(...)` defaults in object types).
    fn convert(&mut self, v: Value, file: FileId, ty: &Expression, inst: usize) -> Value {
        if v.is_unknown() || v.is_null() {
            return v;
        }
        match ty {
            Expression::Variable(t) => match t.as_str() {
                "string" => match &v.data {
                    Data::Number(n) => Value::new(
                        Data::String(isolint_model::value::format_number(*n)),
                        v.origin,
                    ),
                    Data::Bool(b) => Value::new(Data::String(b.to_string()), v.origin),
                    _ => v,
                },
                "number" => match v.as_f64() {
                    Some(n) => Value::new(Data::Number(n), v.origin),
                    None => v,
                },
                "bool" => match v.as_bool() {
                    Some(b) => Value::new(Data::Bool(b), v.origin),
                    None => v,
                },
                _ => v,
            },
            Expression::FuncCall(f) => {
                let args: Vec<&Expression> = f.args.iter().collect();
                match (f.name.name.as_str(), args.as_slice()) {
                    ("list" | "set", [inner]) => match v.data {
                        Data::List(items) => {
                            let out = items
                                .into_iter()
                                .map(|x| self.convert(x, file, inner, inst))
                                .collect();
                            Value::new(Data::List(out), v.origin)
                        }
                        other => Value::new(other, v.origin),
                    },
                    ("map", [inner]) => match v.data {
                        Data::Map(m) => {
                            let out = m
                                .into_iter()
                                .map(|(k, x)| (k, self.convert(x, file, inner, inst)))
                                .collect();
                            Value::new(Data::Map(out), v.origin)
                        }
                        other => Value::new(other, v.origin),
                    },
                    ("object", [Expression::Object(spec)]) => {
                        let Data::Map(mut m) = v.data else { return v };
                        for (k, t) in spec.iter() {
                            let key = match k {
                                ObjectKey::Ident(i) => i.as_str().to_string(),
                                ObjectKey::Expression(Expression::Variable(i)) => {
                                    i.as_str().to_string()
                                }
                                _ => continue,
                            };
                            let (inner, default) = match t.expr() {
                                Expression::FuncCall(o) if o.name.name.as_str() == "optional" => {
                                    let oa: Vec<&Expression> = o.args.iter().collect();
                                    (oa.first().copied(), oa.get(1).copied())
                                }
                                other => (Some(other), None),
                            };
                            let present = m.get(&key).is_some_and(|x| !x.is_null());
                            if !present {
                                let d = match default {
                                    Some(d) => self.eval(file, d, &Scope::module(inst)),
                                    None => Value::null(),
                                };
                                m.insert(key.clone(), d);
                            }
                            if let (Some(inner), Some(cur)) = (inner, m.remove(&key)) {
                                let conv = self.convert(cur, file, inner, inst);
                                m.insert(key, conv);
                            }
                        }
                        Value::new(Data::Map(m), v.origin)
                    }
                    _ => v,
                }
            }
            _ => v,
        }
    }

    fn local_value(&mut self, inst: usize, name: &str, span: Option<Span>) -> Value {
        if let Some(v) = self.insts[inst].locals.get(name) {
            return v.clone();
        }
        let decl = self.insts[inst].decl.clone();
        let Some(e) = decl.locals.get(name) else {
            return self.error();
        };
        if !self.insts[inst].locals_busy.insert(name.to_string()) {
            self.findings.push(meta::limit(
                span.or(e.span()),
                format!("local.{name} refers to itself; its value is unknown"),
            ));
            return Value::unknown();
        }
        let v = self.eval(e.file, &e.expr, &Scope::module(inst));
        self.insts[inst].locals_busy.remove(name);
        self.insts[inst].locals.insert(name.to_string(), v.clone());
        v
    }

    /// The value of `type.name` (or `data.type.name`): an object, or a list /
    /// map of objects for `count` / `for_each`.
    /// A resource reference and the operators after it
    /// (`azurerm_subnet.a[0].id`): follows the static part of the path inside
    /// the stored object and clones only what it reaches, not the whole
    /// object. Returns the value and how many operators were used.
    #[allow(clippy::too_many_arguments)]
    fn resource_path(
        &mut self,
        file: FileId,
        sc: &Scope,
        data: bool,
        ty: &str,
        name: &str,
        rest: &[&TraversalOperator],
        used: usize,
    ) -> (Value, usize) {
        let key = (data, ty.to_string(), name.to_string());
        if !self.insts[sc.inst].resources.contains_key(&key) {
            let v = self.resource_value(sc.inst, data, ty, name);
            if !self.insts[sc.inst].resources.contains_key(&key) {
                return (v, used);
            }
        }
        self.follow_stored(file, sc, rest, used, |i| i.resources.get(&key))
    }

    /// Follows the static part of `rest` inside a value stored in the
    /// module instance (a resource's or a module call's object) and clones
    /// only what it reaches. Returns the value and the operators used.
    fn follow_stored(
        &mut self,
        file: FileId,
        sc: &Scope,
        rest: &[&TraversalOperator],
        used: usize,
        stored: impl Fn(&ModInst) -> Option<&Value>,
    ) -> (Value, usize) {
        let keys = self.static_keys(file, rest, sc);
        match stored(&self.insts[sc.inst]) {
            Some(v) => {
                let (sub, n) = descend(v, &keys);
                (sub.clone(), used + n)
            }
            None => (Value::unknown(), used),
        }
    }

    /// The keys of the leading attribute and index operators, evaluated (an
    /// index expression that is not known stops the list).
    fn static_keys(
        &mut self,
        file: FileId,
        ops: &[&TraversalOperator],
        sc: &Scope,
    ) -> Vec<StaticKey> {
        let mut keys = Vec::new();
        for op in ops {
            let k = match op {
                TraversalOperator::GetAttr(a) => StaticKey::Attr(a.as_str().to_string()),
                TraversalOperator::LegacyIndex(n) => StaticKey::Index(*n.value() as i64),
                TraversalOperator::Index(e) => {
                    let k = self.eval(file, e, sc);
                    match &k.data {
                        Data::Number(_) => match k.as_i64() {
                            Some(i) => StaticKey::Index(i),
                            None => break,
                        },
                        Data::String(s) => StaticKey::Key(s.clone()),
                        _ => break,
                    }
                }
                _ => break,
            };
            keys.push(k);
        }
        keys
    }

    fn resource_value(&mut self, inst: usize, data: bool, ty: &str, name: &str) -> Value {
        let key = (data, ty.to_string(), name.to_string());
        if let Some(v) = self.insts[inst].resources.get(&key) {
            return v.clone();
        }
        if !self.insts[inst].resources_busy.insert(key.clone()) {
            return Value::unknown();
        }
        let decl = self.insts[inst].decl.clone();
        let v = match decl.resource(data, ty, name) {
            Some(rd) => self.expand_resource(inst, rd),
            None => self.error(),
        };
        self.insts[inst].resources_busy.remove(&key);
        self.insts[inst].resources.insert(key, v.clone());
        v
    }

    fn expand_resource(&mut self, inst: usize, rd: &ResDecl) -> Value {
        let base = format!(
            "{}{}{}.{}",
            self.insts[inst].prefix,
            if rd.data { "data." } else { "" },
            rd.ty,
            rd.name
        );
        let sc = Scope::module(inst);
        match self.expansion(rd.file, &rd.block.body, &sc, rd.span) {
            Expansion::Single => self.instance(inst, rd, base, sc, false),
            Expansion::Unknown => {
                let mut s = sc.clone();
                s.count_index = Some(Value::unknown());
                s.each = Some((Value::unknown(), Value::unknown()));
                self.instance(inst, rd, format!("{base}[?]"), s, true);
                Value::unknown()
            }
            Expansion::Count(n) => {
                let mut items = Vec::new();
                for i in 0..n {
                    let mut s = sc.clone();
                    s.count_index = Some(Value::number(i as f64));
                    items.push(self.instance(inst, rd, format!("{base}[{i}]"), s, false));
                }
                Value::list(items)
            }
            Expansion::ForEach(entries) => {
                let mut m = ValueMap::new();
                for (k, v) in entries {
                    let mut s = sc.clone();
                    s.each = Some((Value::string(k.clone()), v));
                    let obj = self.instance(inst, rd, format!("{base}[\"{k}\"]"), s, false);
                    m.insert(k, obj);
                }
                Value::map(m)
            }
        }
    }

    fn expansion(&mut self, file: FileId, body: &Body, sc: &Scope, span: Span) -> Expansion {
        if let Some(c) = body.get_attribute("count") {
            let v = self.eval(file, &c.value, sc);
            return match v.as_i64() {
                Some(n) if n < 0 => Expansion::Count(0),
                Some(n) if n as u64 > self.opts.max_instances as u64 => {
                    self.findings.push(meta::limit(
                        span_of(file, &c.value).or(Some(span)),
                        format!(
                            "count = {n} exceeds the limit of {} instances; treated as unknown",
                            self.opts.max_instances
                        ),
                    ));
                    Expansion::Unknown
                }
                Some(n) => Expansion::Count(n as usize),
                None => Expansion::Unknown,
            };
        }
        if let Some(fe) = body.get_attribute("for_each") {
            let v = self.eval(file, &fe.value, sc);
            let entries: Vec<(String, Value)> = match &v.data {
                Data::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                Data::List(items) => {
                    let mut out = Vec::new();
                    for it in items {
                        match to_template_string(it) {
                            Some(s) => {
                                out.push((s.clone(), Value::string(s).with_origin(it.origin)))
                            }
                            None => return Expansion::Unknown,
                        }
                    }
                    out.sort_by(|a, b| a.0.cmp(&b.0));
                    out.dedup_by(|a, b| a.0 == b.0);
                    out
                }
                _ => return Expansion::Unknown,
            };
            if entries.len() > self.opts.max_instances {
                self.findings.push(meta::limit(
                    Some(span),
                    format!("for_each over {} elements exceeds the limit of {} instances; treated as unknown", entries.len(), self.opts.max_instances),
                ));
                return Expansion::Unknown;
            }
            return Expansion::ForEach(entries);
        }
        Expansion::Single
    }

    /// Evaluates one instance, records it and returns its object value.
    fn instance(
        &mut self,
        inst: usize,
        rd: &ResDecl,
        address: String,
        sc: Scope,
        uncertain: bool,
    ) -> Value {
        let mut sites = HashMap::new();
        let attrs = self.eval_body(rd.file, &rd.block.body, &sc, "", &mut sites);
        let key = ResKey(self.records.len() as u32);
        let mut obj = attrs.clone();
        mark_objects(&mut obj, key);
        if let Some(m) = obj.as_map_mut() {
            let id = m
                .get("id")
                .filter(|v| !v.is_null())
                .cloned()
                .unwrap_or_else(Value::unknown);
            m.insert("id".into(), id.with_resource(Some(key)));
            if let Some(n) = m.get("name").cloned() {
                m.insert("name".into(), n.with_resource(Some(key)));
            }
        }
        self.records.push(Record {
            address,
            ty: rd.ty.clone(),
            data: rd.data,
            attrs,
            sites,
            span: rd.span,
            uncertain,
            trail: self.insts[inst].trail.clone(),
        });
        obj
    }

    /// Evaluates a resource or nested block body into an object: attributes,
    /// and nested blocks as lists of objects (as Terraform's schema shows them).
    fn eval_body(
        &mut self,
        file: FileId,
        body: &Body,
        sc: &Scope,
        prefix: &str,
        sites: &mut HashMap<String, Span>,
    ) -> Value {
        let mut m: ValueMap = ValueMap::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let k = a.key.as_str();
                    if prefix.is_empty()
                        && matches!(k, "count" | "for_each" | "depends_on" | "provider")
                    {
                        continue;
                    }
                    let v = match (prefix.is_empty() && k == "body", &a.value) {
                        // An azapi `body = jsonencode({...})` whose object holds
                        // unknown ids would encode to one unknown string; keep the
                        // object instead, which is what the body means.
                        (true, Expression::FuncCall(f))
                            if f.name.name.as_str() == "jsonencode"
                                && f.name.namespace.is_empty()
                                && f.args.len() == 1 =>
                        {
                            let arg = f.args.iter().next().map(|x| self.eval(file, x, sc));
                            match arg {
                                Some(obj) if obj.as_map().is_some() => obj,
                                _ => self.eval(file, &a.value, sc),
                            }
                        }
                        _ => self.eval(file, &a.value, sc),
                    };
                    if let Some(sp) = span_of(file, a) {
                        sites.insert(format!("{prefix}{k}"), sp);
                    }
                    m.insert(k.to_string(), v);
                }
                Structure::Block(b) => {
                    let k = b.ident.as_str();
                    if matches!(k, "lifecycle" | "provisioner" | "connection") {
                        continue;
                    }
                    if k == "dynamic" {
                        self.eval_dynamic(file, b, sc, prefix, sites, &mut m);
                        continue;
                    }
                    self.push_block(
                        file,
                        k,
                        &b.body,
                        block_span(file, b),
                        sc,
                        prefix,
                        sites,
                        &mut m,
                    );
                }
            }
        }
        Value::new(Data::Map(m), Origin::default())
    }

    #[allow(clippy::too_many_arguments)]
    fn push_block(
        &mut self,
        file: FileId,
        name: &str,
        body: &Body,
        span: Span,
        sc: &Scope,
        prefix: &str,
        sites: &mut HashMap<String, Span>,
        m: &mut ValueMap,
    ) {
        let entry = m
            .entry(name.to_string())
            .or_insert_with(|| Value::new(Data::List(Vec::new()), Origin::written(span)));
        let idx = entry.as_list().map(<[Value]>::len).unwrap_or(0);
        let child_prefix = format!("{prefix}{name}.{idx}.");
        sites.insert(format!("{prefix}{name}.{idx}"), span);
        sites.entry(format!("{prefix}{name}")).or_insert(span);
        let v = self
            .eval_body(file, body, sc, &child_prefix, sites)
            .with_span(Some(span));
        if let Some(Data::List(items)) = m.get_mut(name).map(|e| &mut e.data) {
            items.push(v);
        }
    }

    fn eval_dynamic(
        &mut self,
        file: FileId,
        b: &Block,
        sc: &Scope,
        prefix: &str,
        sites: &mut HashMap<String, Span>,
        m: &mut ValueMap,
    ) {
        let Some(name) = b.labels.first().map(|l| l.as_str().to_string()) else {
            return;
        };
        let span = block_span(file, b);
        let iter_name = b
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| name.clone());
        let Some(content) = b.body.get_blocks("content").next() else {
            return;
        };
        let coll = match b.body.get_attribute("for_each") {
            Some(a) => self.eval(file, &a.value, sc),
            None => return,
        };
        let Some(items) = iter_collection(&coll) else {
            // Unknown number of blocks: record one block of unknown content.
            m.entry(name.clone())
                .or_insert_with(|| Value::unknown_at(Some(span)));
            return;
        };
        if items.len() > self.opts.max_instances {
            self.findings.push(meta::limit(
                Some(span),
                format!(
                    "dynamic \"{name}\" over {} elements exceeds the instance limit",
                    items.len()
                ),
            ));
            return;
        }
        for (k, v) in items {
            let mut it = ValueMap::new();
            it.insert("key".to_string(), k);
            it.insert("value".to_string(), v);
            let s2 = sc.with_var(&iter_name, Value::map(it));
            self.push_block(file, &name, &content.body, span, &s2, prefix, sites, m);
        }
    }

    fn module_value(&mut self, inst: usize, name: &str) -> Value {
        if let Some(v) = self.insts[inst].modules.get(name) {
            return v.clone();
        }
        if !self.insts[inst].modules_busy.insert(name.to_string()) {
            return Value::unknown();
        }
        let decl = self.insts[inst].decl.clone();
        let v = match decl.module(name) {
            Some(call) => {
                let sc = Scope::module(inst);
                let base = format!("{}module.{}", self.insts[inst].prefix, call.name);
                match call.child {
                    None => Value::unknown(),
                    Some(child) => {
                        match self.expansion(call.file, &call.block.body, &sc, call.span) {
                            Expansion::Single => self.module_instance(
                                inst,
                                call.file,
                                &call.block.body,
                                call.span,
                                child,
                                base,
                                sc,
                            ),
                            Expansion::Unknown => {
                                let mut s = sc.clone();
                                s.count_index = Some(Value::unknown());
                                s.each = Some((Value::unknown(), Value::unknown()));
                                self.module_instance(
                                    inst,
                                    call.file,
                                    &call.block.body,
                                    call.span,
                                    child,
                                    format!("{base}[?]"),
                                    s,
                                );
                                Value::unknown()
                            }
                            Expansion::Count(n) => {
                                let mut items = Vec::new();
                                for i in 0..n {
                                    let mut s = sc.clone();
                                    s.count_index = Some(Value::number(i as f64));
                                    items.push(self.module_instance(
                                        inst,
                                        call.file,
                                        &call.block.body,
                                        call.span,
                                        child,
                                        format!("{base}[{i}]"),
                                        s,
                                    ));
                                }
                                Value::list(items)
                            }
                            Expansion::ForEach(entries) => {
                                let mut m = ValueMap::new();
                                for (k, v) in entries {
                                    let mut s = sc.clone();
                                    s.each = Some((Value::string(k.clone()), v));
                                    let o = self.module_instance(
                                        inst,
                                        call.file,
                                        &call.block.body,
                                        call.span,
                                        child,
                                        format!("{base}[\"{k}\"]"),
                                        s,
                                    );
                                    m.insert(k, o);
                                }
                                Value::map(m)
                            }
                        }
                    }
                }
            }
            None => self.error(),
        };
        self.insts[inst].modules_busy.remove(name);
        self.insts[inst].modules.insert(name.to_string(), v.clone());
        v
    }

    #[allow(clippy::too_many_arguments)]
    fn module_instance(
        &mut self,
        parent: usize,
        file: FileId,
        body: &Body,
        span: Span,
        child: usize,
        address: String,
        sc: Scope,
    ) -> Value {
        if self.insts.len() >= self.opts.max_instances {
            self.findings.push(meta::limit(
                Some(span),
                "too many module instances; the rest are not evaluated",
            ));
            return Value::unknown();
        }
        let mut inputs = HashMap::new();
        for a in body.attributes() {
            let k = a.key.as_str();
            if matches!(
                k,
                "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
            ) {
                continue;
            }
            let v = self.eval(file, &a.value, &sc);
            inputs.insert(k.to_string(), v);
        }
        let mut trail = self.insts[parent].trail.clone();
        trail.push((format!("through {address}"), span));
        let decl = self.decls[child].clone();
        let idx = self.insts.len();
        self.insts.push(ModInst::new(
            decl.clone(),
            format!("{address}."),
            inputs,
            trail,
        ));
        let mut outs = ValueMap::new();
        for (name, e) in &decl.outputs {
            let v = self.eval(e.file, &e.expr, &Scope::module(idx));
            outs.insert(name.clone(), v);
        }
        Value::map(outs)
    }

    /// Evaluates a constant expression (tfvars) in the root module's scope.
    pub fn eval_const(&mut self, e: &Expr) -> Value {
        self.eval(e.file, &e.expr, &Scope::module(0))
    }

    pub fn set_root_input(&mut self, name: String, v: Value) {
        self.insts[0].inputs.insert(name, v);
    }

    pub fn root_decl(&self) -> Rc<ModuleDecl> {
        self.insts[0].decl.clone()
    }

    pub fn root_dir(&self) -> PathBuf {
        self.insts[0].decl.dir.clone()
    }
}

enum Expansion {
    Single,
    Unknown,
    Count(usize),
    ForEach(Vec<(String, Value)>),
}

impl ModInst {
    fn new(
        decl: Rc<ModuleDecl>,
        prefix: String,
        inputs: HashMap<String, Value>,
        trail: Vec<(String, Span)>,
    ) -> ModInst {
        ModInst {
            decl,
            prefix,
            inputs,
            trail,
            locals: HashMap::new(),
            locals_busy: HashSet::new(),
            resources: HashMap::new(),
            resources_busy: HashSet::new(),
            modules: HashMap::new(),
            modules_busy: HashSet::new(),
            expanded: false,
        }
    }
}

/// The (key, value) pairs a `for` iterates: list indices or sorted map keys.
fn iter_collection(v: &Value) -> Option<Vec<(Value, Value)>> {
    match &v.data {
        Data::List(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| (Value::number(i as f64), x.clone()))
                .collect(),
        ),
        Data::Map(m) => Some(
            m.iter()
                .map(|(k, x)| (Value::string(k.clone()), x.clone()))
                .collect(),
        ),
        _ => None,
    }
}

/// A primitive value as a template renders it.
pub fn to_template_string(v: &Value) -> Option<String> {
    match &v.data {
        Data::String(s) => Some(s.clone()),
        Data::Number(n) => Some(isolint_model::value::format_number(*n)),
        Data::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn values_equal(a: &Value, b: &Value) -> bool {
    match (&a.data, &b.data) {
        (Data::List(x), Data::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| values_equal(p, q))
        }
        (Data::Map(x), Data::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        (x, y) => x == y,
    }
}

/// Marks a resource's object and its nested block objects as read from the
/// resource, so that a computed attribute read from them
/// (`azurerm_firewall.fw.ip_configuration[0].private_ip_address`) is known
/// to come from it. Leaves keep their own origin.
fn mark_objects(v: &mut Value, key: ResKey) {
    let mut stack = vec![v];
    let mut budget = 100_000usize;
    while let Some(v) = stack.pop() {
        budget = match budget.checked_sub(1) {
            Some(b) => b,
            None => return,
        };
        match &mut v.data {
            Data::Map(m) => {
                if v.origin.resource.is_none() {
                    v.origin.resource = Some(key);
                }
                stack.extend(
                    m.values_mut()
                        .filter(|x| x.as_list().is_some() || x.as_map().is_some()),
                );
            }
            Data::List(items) => stack.extend(items.iter_mut().filter(|x| x.as_map().is_some())),
            _ => {}
        }
    }
}

/// One step of a reference path whose key is known before the value is read.
enum StaticKey {
    Attr(String),
    Index(i64),
    Key(String),
}

/// Follows static keys inside a value as long as each step is a plain hit (an
/// attribute or key that is present, an index in range); the caller applies
/// the remaining operators with their full semantics (errors, unknowns,
/// computed attributes). Returns the value reached and the steps taken.
fn descend<'v>(mut v: &'v Value, keys: &[StaticKey]) -> (&'v Value, usize) {
    let mut n = 0;
    for k in keys {
        let next = match (&v.data, k) {
            (Data::Map(m), StaticKey::Attr(a) | StaticKey::Key(a)) => m.get(a.as_str()),
            (Data::List(items), StaticKey::Index(i)) if *i >= 0 => items.get(*i as usize),
            _ => None,
        };
        match next {
            Some(x) => {
                v = x;
                n += 1;
            }
            None => break,
        }
    }
    (v, n)
}
