//! ARM template functions.
//!
//! Every function returns [`Data::Unknown`] rather than a guess when its
//! result depends on deployment-time state or on an unknown argument.

use crate::eval::{Local, Scope, State};
use crate::expr::Expr;
use isolint_json::JsonNode;
use isolint_model::finding::meta;
use isolint_model::value::format_number;
use isolint_model::ValueMap;
use isolint_model::{Data, FileId, Span, Value};

/// Placeholder for the subscription of the current deployment in resource IDs.
pub const SUBSCRIPTION_PLACEHOLDER: &str = "{subscriptionId}";
/// Placeholder for the resource group of the current deployment in resource IDs.
pub const RESOURCE_GROUP_PLACEHOLDER: &str = "{resourceGroup}";

fn unknown() -> Value {
    Value::unknown()
}

fn s(v: impl Into<String>) -> Value {
    Value::string(v)
}

fn n(x: f64) -> Value {
    Value::number(x)
}

fn b(x: bool) -> Value {
    Value::bool(x)
}

/// Functions that look at their arguments lazily or accept unknown arguments.
const LAZY: &[&str] = &[
    "if",
    "parameters",
    "variables",
    "copyindex",
    "lambda",
    "lambdavariables",
    "filter",
    "map",
    "reduce",
    "sort",
    "toobject",
    "and",
    "or",
    "coalesce",
    "createarray",
    "createobject",
    "reference",
    "tryget",
    "mapvalues",
    "groupby",
];

pub(crate) fn call(
    scope: &Scope,
    st: &mut State,
    name: &str,
    args: &[Expr],
    span: Span,
    local: &Local,
) -> Value {
    let lname = name.to_ascii_lowercase();
    if LAZY.contains(&lname.as_str()) {
        return lazy(scope, st, &lname, args, span, local);
    }
    if lname.contains('.') {
        return user_function(scope, st, &lname, args, span, local);
    }
    let vals: Vec<Value> = args
        .iter()
        .map(|a| scope.eval(st, a, span, local))
        .collect();
    if vals.iter().any(Value::is_unknown)
        && !matches!(
            lname.as_str(),
            "union"
                | "concat"
                | "length"
                | "empty"
                | "first"
                | "last"
                | "resourceid"
                | "subscriptionresourceid"
                | "managementgroupresourceid"
        )
    {
        return unknown();
    }
    if lname.starts_with("list") && lname != "lastindexof" {
        return unknown();
    }
    match eager(scope, st, &lname, vals, span) {
        Some(v) if too_big(&v) => {
            st.report(meta::limit(Some(span), format!("the result of {name}() is larger than isolint evaluates; it is treated as unknown")));
            unknown()
        }
        Some(v) => v,
        None => unknown(),
    }
}

/// Bounds on values built by functions (strings and lists can double at each step).
const MAX_STRING: usize = 1 << 20;
const MAX_LIST: usize = 100_000;

fn too_big(v: &Value) -> bool {
    match &v.data {
        Data::String(x) => x.len() > MAX_STRING,
        Data::List(items) => items.len() > MAX_LIST,
        _ => false,
    }
}

fn user_function(
    scope: &Scope,
    st: &mut State,
    lname: &str,
    args: &[Expr],
    span: Span,
    local: &Local,
) -> Value {
    let Some(def) = scope.user_function(lname) else {
        return unknown();
    };
    let Some(out) = def.get("output").and_then(|o| o.get("value")) else {
        return unknown();
    };
    let mut given = std::collections::HashMap::new();
    for (i, p) in def
        .get("parameters")
        .and_then(JsonNode::as_array)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        if let (Some(pn), Some(a)) = (p.get("name").and_then(JsonNode::as_str), args.get(i)) {
            given.insert(pn.to_ascii_lowercase(), scope.eval(st, a, span, local));
        }
    }
    // A user function sees only its own parameters (and other functions).
    let fscope = Scope::new(scope.file, def, given, scope.deployment_name.clone());
    fscope.eval_node(st, out, &Local::default(), None)
}

fn lambda_parts(e: &Expr) -> Option<(Vec<String>, &Expr)> {
    let Expr::Call(name, args) = e else {
        return None;
    };
    if !name.eq_ignore_ascii_case("lambda") || args.is_empty() {
        return None;
    }
    let (body, params) = args.split_last()?;
    let names = params
        .iter()
        .map(|p| match p {
            Expr::Str(s) => Some(s.to_ascii_lowercase()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((names, body))
}

fn apply_lambda(
    scope: &Scope,
    st: &mut State,
    lam: &(Vec<String>, &Expr),
    vals: &[Value],
    span: Span,
    local: &Local,
) -> Value {
    let mut l = local.clone();
    for (name, v) in lam.0.iter().zip(vals) {
        l.lambda.push((name.clone(), v.clone()));
    }
    scope.eval(st, lam.1, span, &l)
}

fn lazy(
    scope: &Scope,
    st: &mut State,
    lname: &str,
    args: &[Expr],
    span: Span,
    local: &Local,
) -> Value {
    let ev = |st: &mut State, i: usize| match args.get(i) {
        Some(a) => scope.eval(st, a, span, local),
        None => unknown(),
    };
    match lname {
        "parameters" | "variables" => {
            let name = ev(st, 0);
            let Some(name) = name.as_str() else {
                return unknown();
            };
            if lname == "parameters" {
                scope.parameter(st, name, span)
            } else {
                scope.variable(st, name, span)
            }
        }
        "if" => {
            let c = ev(st, 0);
            match c.as_bool() {
                Some(true) => ev(st, 1),
                Some(false) => ev(st, 2),
                None => unknown(),
            }
        }
        "and" | "or" => {
            let want = lname == "or";
            let mut saw_unknown = false;
            for i in 0..args.len() {
                match ev(st, i).as_bool() {
                    Some(x) if x == want => return b(want),
                    Some(_) => {}
                    None => saw_unknown = true,
                }
            }
            if saw_unknown {
                unknown()
            } else {
                b(!want)
            }
        }
        "coalesce" => {
            for i in 0..args.len() {
                let v = ev(st, i);
                if v.is_unknown() {
                    return unknown();
                }
                if !v.is_null() {
                    return v;
                }
            }
            Value::null()
        }
        "createarray" => Value::list((0..args.len()).map(|i| ev(st, i)).collect()),
        "createobject" => {
            let mut m = ValueMap::new();
            let mut i = 0;
            while i + 1 < args.len() {
                let k = ev(st, i);
                let v = ev(st, i + 1);
                match k.as_str() {
                    Some(k) => {
                        m.insert(k.to_string(), v);
                    }
                    None => return unknown(),
                }
                i += 2;
            }
            if args.len() % 2 == 1 {
                return unknown();
            }
            Value::map(m)
        }
        "tryget" => {
            let mut cur = ev(st, 0);
            for i in 1..args.len() {
                let k = ev(st, i);
                cur = match (&cur.data, &k.data) {
                    (Data::Unknown, _) | (_, Data::Unknown) => return unknown(),
                    (Data::Map(_), Data::String(key)) => match cur.get(key) {
                        Some(v) => v.clone(),
                        None => return Value::null(),
                    },
                    (Data::List(items), _) => match k
                        .as_i64()
                        .and_then(|i| usize::try_from(i).ok())
                        .and_then(|i| items.get(i))
                    {
                        Some(v) => v.clone(),
                        None => return Value::null(),
                    },
                    (Data::Null, _) => return Value::null(),
                    _ => return unknown(),
                };
            }
            cur
        }
        "copyindex" => {
            let a0 = ev(st, 0);
            let (loop_name, offset) = match (&a0.data, args.len()) {
                (_, 0) => (None, 0),
                (Data::String(s), 1) => (Some(s.to_ascii_lowercase()), 0),
                (Data::Number(_), 1) => (None, a0.as_i64().unwrap_or(0)),
                (Data::String(s), _) => {
                    let o = ev(st, 1);
                    match o.as_i64() {
                        Some(o) => (Some(s.to_ascii_lowercase()), o),
                        None => return unknown(),
                    }
                }
                _ => return unknown(),
            };
            let found = match &loop_name {
                Some(ln) => local
                    .named_copies
                    .iter()
                    .rev()
                    .chain(local.copies.iter().rev())
                    .find(|(n, _)| n == ln),
                None => local.copies.last(),
            };
            match found {
                Some((_, Some(i))) => i
                    .checked_add(offset)
                    .map(|x| n(x as f64))
                    .unwrap_or_else(unknown),
                _ => unknown(),
            }
        }
        "lambdavariables" => {
            let name = ev(st, 0);
            let Some(name) = name.as_str() else {
                return unknown();
            };
            let name = name.to_ascii_lowercase();
            local
                .lambda
                .iter()
                .rev()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(unknown)
        }
        "lambda" => unknown(),
        "filter" | "map" | "sort" | "toobject" | "reduce" | "mapvalues" | "groupby" => {
            let input = ev(st, 0);
            let lam_idx = if lname == "reduce" { 2 } else { 1 };
            let Some(lam) = args.get(lam_idx).and_then(lambda_parts) else {
                return unknown();
            };
            let items: Vec<Value> = match (&input.data, lname) {
                (Data::List(items), _) => items.clone(),
                (Data::Map(m), "mapvalues") => m.values().cloned().collect(),
                _ => return unknown(),
            };
            match lname {
                "filter" => {
                    let mut out = Vec::new();
                    for it in items {
                        match apply_lambda(scope, st, &lam, std::slice::from_ref(&it), span, local)
                            .as_bool()
                        {
                            Some(true) => out.push(it),
                            Some(false) => {}
                            None => return unknown(),
                        }
                    }
                    Value::list(out)
                }
                "map" => {
                    let mut out = Vec::new();
                    for (i, it) in items.into_iter().enumerate() {
                        out.push(apply_lambda(
                            scope,
                            st,
                            &lam,
                            &[it, n(i as f64)],
                            span,
                            local,
                        ));
                    }
                    Value::list(out)
                }
                "mapvalues" => {
                    let Data::Map(m) = &input.data else {
                        return unknown();
                    };
                    let mut out = ValueMap::new();
                    for (k, v) in m {
                        out.insert(
                            k.clone(),
                            apply_lambda(scope, st, &lam, std::slice::from_ref(v), span, local),
                        );
                    }
                    Value::map(out)
                }
                "reduce" => {
                    let mut acc = ev(st, 1);
                    for (i, it) in items.into_iter().enumerate() {
                        acc = apply_lambda(scope, st, &lam, &[acc, it, n(i as f64)], span, local);
                    }
                    acc
                }
                "toobject" => {
                    let val_lam = args.get(2).and_then(lambda_parts);
                    let mut out = ValueMap::new();
                    for it in items {
                        let k =
                            apply_lambda(scope, st, &lam, std::slice::from_ref(&it), span, local);
                        let Some(k) = k.as_str().map(str::to_string) else {
                            return unknown();
                        };
                        let v = match &val_lam {
                            Some(vl) => {
                                apply_lambda(scope, st, vl, std::slice::from_ref(&it), span, local)
                            }
                            None => it,
                        };
                        out.insert(k, v);
                    }
                    Value::map(out)
                }
                "sort" => {
                    // Insertion sort with the lambda as "a before b".
                    let mut out: Vec<Value> = Vec::new();
                    for it in items {
                        let mut pos = out.len();
                        for (j, o) in out.iter().enumerate() {
                            match apply_lambda(
                                scope,
                                st,
                                &lam,
                                &[it.clone(), o.clone()],
                                span,
                                local,
                            )
                            .as_bool()
                            {
                                Some(true) => {
                                    pos = j;
                                    break;
                                }
                                Some(false) => {}
                                None => return unknown(),
                            }
                        }
                        out.insert(pos, it);
                    }
                    Value::list(out)
                }
                _ => unknown(),
            }
        }
        "reference" => reference(scope, st, args, span, local),
        _ => unknown(),
    }
}

/// `reference(...)`: the outputs of a nested deployment evaluated here, else unknown.
fn reference(scope: &Scope, st: &mut State, args: &[Expr], span: Span, local: &Local) -> Value {
    let Some(a0) = args.first() else {
        return unknown();
    };
    let target = scope.eval(st, a0, span, local);
    let Some(t) = target.as_str() else {
        // A deployment whose name is unknown: find its declaration by the
        // symbolic form of the name.
        let decl = match a0 {
            Expr::Call(n, args) if n.eq_ignore_ascii_case("resourceId") => {
                scope.symbolic_target(st, n, args, local, span)
            }
            _ => {
                let segs = scope.segments(st, a0, local);
                let key = crate::eval::decl_key(isolint_model::types::DEPLOYMENT, &segs);
                scope.decls.borrow().get(&key).copied().flatten()
            }
        };
        let outputs = decl.and_then(|d| scope.outputs.borrow().get(&decl_output_key(d)).cloned());
        return match outputs {
            Some(outputs) => {
                let mut m = ValueMap::new();
                m.insert("outputs".to_string(), outputs);
                Value::map(m)
            }
            None => unknown(),
        };
    };
    let key = if t.starts_with('/') {
        match isolint_model::ResourceId::parse(t) {
            Some(id)
                if id
                    .resource_type
                    .eq_ignore_ascii_case(isolint_model::types::DEPLOYMENT) =>
            {
                id.names.join("/").to_ascii_lowercase()
            }
            _ => return unknown(),
        }
    } else {
        let lower = t.to_ascii_lowercase();
        match scope.symbols.borrow().get(&lower).and_then(Value::as_str) {
            Some(name) => name.to_ascii_lowercase(),
            None => lower,
        }
    };
    match scope.outputs.borrow().get(&key) {
        Some(outputs) => {
            let mut m = ValueMap::new();
            m.insert("outputs".to_string(), outputs.clone());
            Value::map(m)
        }
        None => unknown(),
    }
}

/// Key of a deployment's outputs by its declaration (for unknown names).
pub(crate) fn decl_output_key(decl: Span) -> String {
    format!("decl:{}:{}:{}", decl.file.0, decl.start, decl.end)
}

/// ARM's string form of a scalar (.NET style booleans).
fn to_text(v: &Value) -> Option<String> {
    match &v.data {
        Data::String(s) => Some(s.clone()),
        Data::Number(x) => Some(format_number(*x)),
        Data::Bool(true) => Some("True".into()),
        Data::Bool(false) => Some("False".into()),
        Data::Null => Some(String::new()),
        Data::List(_) | Data::Map(_) => compact_json(v),
        Data::Unknown => None,
    }
}

/// JSON text of a value, only when key order cannot matter (maps are kept
/// sorted here, ARM keeps declaration order).
fn compact_json(v: &Value) -> Option<String> {
    fn order_safe(v: &Value) -> bool {
        match &v.data {
            Data::Unknown => false,
            Data::Map(m) => m.len() <= 1 && m.values().all(order_safe),
            Data::List(items) => items.iter().all(order_safe),
            _ => true,
        }
    }
    order_safe(v).then(|| v.to_json().to_string())
}

fn as_int(v: &Value) -> Option<i64> {
    v.as_i64()
}

fn str_arg(vals: &[Value], i: usize) -> Option<&str> {
    vals.get(i)?.as_str()
}

fn deep_union(a: &Value, bv: &Value) -> Value {
    match (&a.data, &bv.data) {
        (Data::Map(ma), Data::Map(mb)) => {
            let mut out = ma.clone();
            for (k, v) in mb {
                let existing = out
                    .iter()
                    .find(|(ek, _)| ek.eq_ignore_ascii_case(k))
                    .map(|(ek, ev)| (ek.clone(), ev.clone()));
                match existing {
                    Some((ek, ev))
                        if matches!(ev.data, Data::Map(_)) && matches!(v.data, Data::Map(_)) =>
                    {
                        out.insert(ek, deep_union(&ev, v));
                    }
                    Some((ek, _)) => {
                        out.remove(&ek);
                        out.insert(k.clone(), v.clone());
                    }
                    None => {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            Value::map(out)
        }
        _ => bv.clone(),
    }
}

fn eager(
    scope: &Scope,
    st: &mut State,
    lname: &str,
    vals: Vec<Value>,
    span: Span,
) -> Option<Value> {
    let a = |i: usize| vals.get(i);
    let v = match lname {
        "true" => b(true),
        "false" => b(false),
        "null" => Value::null(),
        "string" => s(to_text(a(0)?)?),
        "int" => match &a(0)?.data {
            Data::String(x) => n(x.trim().parse::<i64>().ok()? as f64),
            Data::Number(x) => n(x.trunc()),
            _ => return None,
        },
        "float" => n(a(0)?.as_f64()?),
        "bool" => match &a(0)?.data {
            Data::Bool(x) => b(*x),
            Data::String(x) => b(match x.to_ascii_lowercase().as_str() {
                "true" => true,
                "false" => false,
                _ => return None,
            }),
            Data::Number(x) => b(*x != 0.0),
            _ => return None,
        },
        "json" => {
            let text = str_arg(&vals, 0)?;
            let node = isolint_json::parse(FileId(u32::MAX), text).ok()?;
            let mut v = node.to_value();
            strip_origins(&mut v, 0);
            v
        }
        "array" => match &a(0)?.data {
            Data::List(_) => a(0)?.clone(),
            _ => Value::list(vec![a(0)?.clone()]),
        },
        "concat" => {
            if vals
                .iter()
                .all(|v| matches!(v.data, Data::List(_) | Data::Null))
                && !vals.is_empty()
            {
                let mut out = Vec::new();
                for v in &vals {
                    if let Some(items) = v.as_list() {
                        out.extend(items.iter().cloned());
                    }
                }
                Value::list(out)
            } else {
                let mut out = String::new();
                for v in &vals {
                    if matches!(v.data, Data::List(_) | Data::Map(_)) {
                        return None;
                    }
                    out.push_str(&to_text(v)?);
                }
                s(out)
            }
        }
        "format" => s(dotnet_format(str_arg(&vals, 0)?, &vals[1..])?),
        "tolower" => s(str_arg(&vals, 0)?.to_lowercase()),
        "toupper" => s(str_arg(&vals, 0)?.to_uppercase()),
        "trim" => s(str_arg(&vals, 0)?.trim()),
        "replace" => {
            let old = str_arg(&vals, 1)?;
            if old.is_empty() {
                return None;
            }
            s(str_arg(&vals, 0)?.replace(old, &to_text(a(2)?)?))
        }
        "split" => {
            let text = str_arg(&vals, 0)?;
            let delims: Vec<String> = match &a(1)?.data {
                Data::String(d) => vec![d.clone()],
                Data::List(ds) => ds
                    .iter()
                    .map(|d| d.as_str().map(str::to_string))
                    .collect::<Option<_>>()?,
                _ => return None,
            };
            let mut parts = vec![text.to_string()];
            for d in delims.iter().filter(|d| !d.is_empty()) {
                parts = parts
                    .iter()
                    .flat_map(|p| p.split(d.as_str()).map(str::to_string).collect::<Vec<_>>())
                    .collect();
            }
            Value::list(parts.into_iter().map(s).collect())
        }
        "substring" => {
            let chars: Vec<char> = str_arg(&vals, 0)?.chars().collect();
            let start = usize::try_from(as_int(a(1)?)?).ok()?;
            let len = match a(2) {
                Some(l) => usize::try_from(as_int(l)?).ok()?,
                None => chars.len().checked_sub(start)?,
            };
            let end = start.checked_add(len)?;
            if end > chars.len() {
                return None;
            }
            s(chars[start..end].iter().collect::<String>())
        }
        "indexof" | "lastindexof" => match (&a(0)?.data, &a(1)?.data) {
            (Data::String(h), Data::String(nd)) => {
                let h = h.to_lowercase();
                let nd = nd.to_lowercase();
                let pos = if lname == "indexof" {
                    h.find(&nd)
                } else {
                    h.rfind(&nd)
                };
                n(pos.map(|p| h[..p].chars().count() as f64).unwrap_or(-1.0))
            }
            (Data::List(items), _) => {
                if items.iter().any(|i| !i.is_wholly_known()) {
                    return None;
                }
                let it = items.iter().enumerate();
                let pos = if lname == "indexof" {
                    it.clone()
                        .find(|(_, x)| *x == a(1).unwrap_or(&Value::null()))
                        .map(|(i, _)| i)
                } else {
                    it.rev()
                        .find(|(_, x)| *x == a(1).unwrap_or(&Value::null()))
                        .map(|(i, _)| i)
                };
                n(pos.map(|p| p as f64).unwrap_or(-1.0))
            }
            _ => return None,
        },
        "startswith" | "endswith" => {
            let h = str_arg(&vals, 0)?.to_lowercase();
            let nd = str_arg(&vals, 1)?.to_lowercase();
            b(if lname == "startswith" {
                h.starts_with(&nd)
            } else {
                h.ends_with(&nd)
            })
        }
        "contains" => match &a(0)?.data {
            Data::String(h) => b(h.contains(&to_text(a(1)?)?)),
            Data::List(items) => {
                let needle = a(1)?;
                if items.iter().any(|i| i == needle) {
                    b(true)
                } else if items.iter().all(Value::is_wholly_known) {
                    b(false)
                } else {
                    return None;
                }
            }
            Data::Map(_) => b(a(0)?.get(str_arg(&vals, 1)?).is_some()),
            _ => return None,
        },
        "empty" => match &a(0)?.data {
            Data::Null => b(true),
            Data::String(x) => b(x.is_empty()),
            Data::List(x) => b(x.is_empty()),
            Data::Map(x) => b(x.is_empty()),
            _ => return None,
        },
        "length" => match &a(0)?.data {
            Data::String(x) => n(x.chars().count() as f64),
            Data::List(x) => n(x.len() as f64),
            Data::Map(x) => n(x.len() as f64),
            _ => return None,
        },
        "first" | "last" => match &a(0)?.data {
            Data::String(x) => {
                let c = if lname == "first" {
                    x.chars().next()
                } else {
                    x.chars().last()
                };
                s(c.map(String::from).unwrap_or_default())
            }
            Data::List(x) => {
                let v = if lname == "first" {
                    x.first()
                } else {
                    x.last()
                };
                v.cloned().unwrap_or_else(Value::null)
            }
            _ => return None,
        },
        "skip" | "take" => {
            let k = as_int(a(1)?)?.max(0) as usize;
            match &a(0)?.data {
                Data::String(x) => {
                    let it = x.chars();
                    s(if lname == "skip" {
                        it.skip(k).collect::<String>()
                    } else {
                        it.take(k).collect::<String>()
                    })
                }
                Data::List(x) => {
                    let it = x.iter().cloned();
                    Value::list(if lname == "skip" {
                        it.skip(k).collect()
                    } else {
                        it.take(k).collect()
                    })
                }
                _ => return None,
            }
        }
        "union" => {
            if vals.iter().any(Value::is_unknown) {
                return None;
            }
            if vals
                .iter()
                .all(|v| matches!(v.data, Data::Map(_) | Data::Null))
            {
                let mut acc = Value::empty_map();
                for v in vals.iter().filter(|v| !v.is_null()) {
                    acc = deep_union(&acc, v);
                }
                acc
            } else if vals
                .iter()
                .all(|v| matches!(v.data, Data::List(_) | Data::Null))
            {
                let mut out: Vec<Value> = Vec::new();
                for v in &vals {
                    for it in v.as_list().unwrap_or(&[]) {
                        if !it.is_wholly_known() {
                            return None;
                        }
                        if !out.contains(it) {
                            out.push(it.clone());
                        }
                    }
                }
                Value::list(out)
            } else {
                return None;
            }
        }
        "intersection" => {
            if vals.iter().any(|v| !v.is_wholly_known()) || vals.is_empty() {
                return None;
            }
            match &vals[0].data {
                Data::Map(first) => {
                    let mut out = ValueMap::new();
                    for (k, v) in first {
                        if vals[1..]
                            .iter()
                            .all(|o| o.as_map().and_then(|m| m.get(k)) == Some(v))
                        {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                    Value::map(out)
                }
                Data::List(first) => {
                    let mut out: Vec<Value> = Vec::new();
                    for it in first {
                        if vals[1..]
                            .iter()
                            .all(|o| o.as_list().is_some_and(|l| l.contains(it)))
                            && !out.contains(it)
                        {
                            out.push(it.clone());
                        }
                    }
                    Value::list(out)
                }
                _ => return None,
            }
        }
        "flatten" => {
            let mut out = Vec::new();
            for it in a(0)?.as_list()? {
                out.extend(it.as_list()?.iter().cloned());
            }
            Value::list(out)
        }
        "items" => {
            let m = a(0)?.as_map()?;
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| k.to_lowercase());
            Value::list(
                keys.into_iter()
                    .map(|k| {
                        let mut e = ValueMap::new();
                        e.insert("key".to_string(), s(k.clone()));
                        e.insert("value".to_string(), m[k].clone());
                        Value::map(e)
                    })
                    .collect(),
            )
        }
        "indexfromend" | "tryindexfromend" => {
            let items = a(0)?.as_list()?;
            let k = usize::try_from(as_int(a(1)?)?).ok()?;
            match k
                .checked_sub(1)
                .and_then(|k| items.len().checked_sub(k + 1))
                .and_then(|i| items.get(i))
            {
                Some(v) => v.clone(),
                None if lname == "tryindexfromend" => Value::null(),
                None => return None,
            }
        }
        "objectkeys" => Value::list(a(0)?.as_map()?.keys().map(|k| s(k.clone())).collect()),
        "shallowmerge" => {
            let mut out = ValueMap::new();
            for it in a(0)?.as_list()? {
                for (k, v) in it.as_map()? {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::map(out)
        }
        "range" => {
            let start = as_int(a(0)?)?;
            let count = as_int(a(1)?)?;
            if count < 0 {
                return None;
            }
            if count > st.opts.max_copy as i64 {
                st.report(meta::limit(
                    Some(span),
                    format!(
                        "range() of {count} elements is not evaluated (limit {})",
                        st.opts.max_copy
                    ),
                ));
                return None;
            }
            Value::list(
                (0..count)
                    .map(|i| n(start.saturating_add(i) as f64))
                    .collect(),
            )
        }
        "join" => {
            let sep = str_arg(&vals, 1)?;
            let parts: Option<Vec<String>> = a(0)?.as_list()?.iter().map(to_text).collect();
            s(parts?.join(sep))
        }
        "equals" => {
            if !a(0)?.is_wholly_known() || !a(1)?.is_wholly_known() {
                return None;
            }
            b(a(0)? == a(1)?)
        }
        "not" => b(!a(0)?.as_bool()?),
        "greater" | "greaterorequals" | "less" | "lessorequals" => {
            let ord = match (&a(0)?.data, &a(1)?.data) {
                (Data::Number(x), Data::Number(y)) => x.partial_cmp(y)?,
                (Data::String(x), Data::String(y)) => x.cmp(y),
                _ => return None,
            };
            use std::cmp::Ordering::*;
            b(match lname {
                "greater" => ord == Greater,
                "greaterorequals" => ord != Less,
                "less" => ord == Less,
                _ => ord != Greater,
            })
        }
        "add" | "sub" | "mul" | "div" | "mod" => {
            let x = as_int(a(0)?)?;
            let y = as_int(a(1)?)?;
            let r = match lname {
                "add" => x.checked_add(y)?,
                "sub" => x.checked_sub(y)?,
                "mul" => x.checked_mul(y)?,
                "div" => x.checked_div(y)?,
                _ => x.checked_rem(y)?,
            };
            n(r as f64)
        }
        "min" | "max" => {
            let nums: Vec<f64> = if vals.len() == 1 {
                a(0)?
                    .as_list()?
                    .iter()
                    .map(Value::as_f64)
                    .collect::<Option<_>>()?
            } else {
                vals.iter().map(Value::as_f64).collect::<Option<_>>()?
            };
            let first = *nums.first()?;
            n(nums.iter().fold(
                first,
                |m, &x| if lname == "min" { m.min(x) } else { m.max(x) },
            ))
        }
        "padleft" => {
            let text = to_text(a(0)?)?;
            let width = usize::try_from(as_int(a(1)?)?).ok()?.min(10_000);
            let pad = str_arg(&vals, 2)
                .and_then(|p| p.chars().next())
                .unwrap_or(' ');
            let len = text.chars().count();
            let mut out: String = std::iter::repeat_n(pad, width.saturating_sub(len)).collect();
            out.push_str(&text);
            s(out)
        }
        "uricomponent" => s(uri_component(str_arg(&vals, 0)?)),
        "uricomponenttostring" => s(uri_decode(str_arg(&vals, 0)?)?),
        "uri" => {
            let base = str_arg(&vals, 0)?;
            let rel = str_arg(&vals, 1)?;
            if rel.contains("://") {
                s(rel)
            } else {
                let cut = base.rfind('/').map(|i| i + 1).unwrap_or(base.len());
                s(format!("{}{}", &base[..cut], rel.trim_start_matches('/')))
            }
        }
        "environment" => crate::env::environment(st.opts.cloud),
        "deployment" => {
            let mut m = ValueMap::new();
            m.insert("name".to_string(), scope.deployment_name.clone());
            m.insert("properties".to_string(), unknown());
            m.insert("location".to_string(), unknown());
            Value::map(m)
        }
        "resourceid" => resource_id(&vals, Scope3::ResourceGroup)?,
        "subscriptionresourceid" => resource_id(&vals, Scope3::Subscription)?,
        "tenantresourceid" => resource_id(&vals, Scope3::Tenant)?,
        "managementgroupresourceid" => resource_id(&vals, Scope3::ManagementGroup)?,
        "extensionresourceid" => {
            let base = str_arg(&vals, 0)?.trim_end_matches('/');
            let suffix = provider_path(str_arg(&vals, 1)?, &vals[2..])?;
            s(format!("{base}/providers/{suffix}"))
        }
        "parsecidr" => crate::env::parse_cidr(str_arg(&vals, 0)?)?,
        "cidrsubnet" => s(crate::env::cidr_subnet(
            str_arg(&vals, 0)?,
            as_int(a(1)?)?,
            as_int(a(2)?)?,
        )?),
        "cidrhost" => s(crate::env::cidr_host(str_arg(&vals, 0)?, as_int(a(1)?)?)?),
        // Deployment-time values: not knowable, or not reproducible exactly.
        _ => return None,
    };
    Some(v)
}

fn strip_origins(v: &mut Value, depth: usize) {
    v.origin.span = None;
    if depth > 512 {
        return;
    }
    match &mut v.data {
        Data::List(items) => items.iter_mut().for_each(|i| strip_origins(i, depth + 1)),
        Data::Map(m) => m.values_mut().for_each(|i| strip_origins(i, depth + 1)),
        _ => {}
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Scope3 {
    ResourceGroup,
    Subscription,
    Tenant,
    ManagementGroup,
}

/// `Namespace/type1/type2` + names → `Namespace/type1/n1/type2/n2`.
fn provider_path(ty: &str, names: &[Value]) -> Option<String> {
    let mut segs = ty.split('/').filter(|x| !x.is_empty());
    let ns = segs.next()?;
    let types: Vec<&str> = segs.collect();
    let mut name_segs = Vec::new();
    for nv in names {
        let nm = nv.as_str()?;
        name_segs.extend(nm.split('/').filter(|x| !x.is_empty()).map(str::to_string));
    }
    if types.is_empty() || name_segs.is_empty() {
        return None;
    }
    let mut out = ns.to_string();
    for (i, t) in types.iter().enumerate() {
        out.push('/');
        out.push_str(t);
        if let Some(nm) = name_segs.get(i) {
            out.push('/');
            out.push_str(nm);
        }
    }
    // Extra names beyond the type's depth are appended (ARM rejects them; keep the string parseable).
    for nm in name_segs.iter().skip(types.len()) {
        out.push('/');
        out.push_str(nm);
    }
    Some(out)
}

/// The ID of a resource of the current resource group (placeholders for
/// subscription and group), from its full type and full name.
pub(crate) fn group_resource_id(ty: &str, name: &str) -> Option<String> {
    let path = provider_path(ty, &[Value::string(name)])?;
    Some(format!("/subscriptions/{SUBSCRIPTION_PLACEHOLDER}/resourceGroups/{RESOURCE_GROUP_PLACEHOLDER}/providers/{path}"))
}

fn resource_id(vals: &[Value], kind: Scope3) -> Option<Value> {
    // The type is the first argument that contains a '/'.
    let ti = vals
        .iter()
        .position(|v| v.as_str().is_some_and(|x| x.contains('/')))?;
    let ty = vals[ti].as_str()?;
    let path = provider_path(ty, &vals[ti + 1..])?;
    let scope_args = &vals[..ti];
    let text = |v: &Value, ph: &str| {
        v.as_str()
            .map(str::to_string)
            .unwrap_or_else(|| ph.to_string())
    };
    let id = match kind {
        Scope3::ResourceGroup => {
            let (sub, rg) = match scope_args {
                [] => (
                    SUBSCRIPTION_PLACEHOLDER.to_string(),
                    RESOURCE_GROUP_PLACEHOLDER.to_string(),
                ),
                [rg] => (
                    SUBSCRIPTION_PLACEHOLDER.to_string(),
                    text(rg, RESOURCE_GROUP_PLACEHOLDER),
                ),
                [sub, rg, ..] => (
                    text(sub, SUBSCRIPTION_PLACEHOLDER),
                    text(rg, RESOURCE_GROUP_PLACEHOLDER),
                ),
            };
            format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/{path}")
        }
        Scope3::Subscription => {
            let sub = scope_args
                .first()
                .map(|v| text(v, SUBSCRIPTION_PLACEHOLDER))
                .unwrap_or_else(|| SUBSCRIPTION_PLACEHOLDER.to_string());
            format!("/subscriptions/{sub}/providers/{path}")
        }
        Scope3::Tenant => format!("/providers/{path}"),
        Scope3::ManagementGroup => {
            let mg = scope_args
                .first()
                .map(|v| text(v, "{managementGroup}"))
                .unwrap_or_else(|| "{managementGroup}".to_string());
            format!("/providers/Microsoft.Management/managementGroups/{mg}/providers/{path}")
        }
    };
    Some(s(id))
}

/// .NET composite formatting as ARM's `format()` does it: `{0}`, `{1,5}`,
/// `{0:D3}`, `{{`. Format strings other than D/d/N0 give `None`.
fn dotnet_format(fmt: &str, args: &[Value]) -> Option<String> {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '{' => {
                let close = chars[i..].iter().position(|c| *c == '}')? + i;
                let inner: String = chars[i + 1..close].iter().collect();
                let (head, spec) = match inner.split_once(':') {
                    Some((h, sp)) => (h, Some(sp)),
                    None => (inner.as_str(), None),
                };
                let (idx, align) = match head.split_once(',') {
                    Some((ix, al)) => (ix, Some(al.trim().parse::<i64>().ok()?)),
                    None => (head, None),
                };
                let arg = args.get(idx.trim().parse::<usize>().ok()?)?;
                let mut text = match spec {
                    None => to_text(arg)?,
                    Some(sp) => {
                        let x = arg.as_i64()?;
                        let (letter, width) = sp.split_at(sp.chars().next()?.len_utf8());
                        let width: usize = if width.is_empty() {
                            0
                        } else {
                            width.parse().ok()?
                        };
                        match letter {
                            "D" | "d" => {
                                let digits = x.unsigned_abs().to_string();
                                let pad = "0".repeat(width.saturating_sub(digits.len()).min(1000));
                                format!("{}{pad}{digits}", if x < 0 { "-" } else { "" })
                            }
                            _ => return None,
                        }
                    }
                };
                if let Some(al) = align {
                    let w = al.unsigned_abs().min(1000) as usize;
                    let len = text.chars().count();
                    if len < w {
                        let pad = " ".repeat(w - len);
                        text = if al > 0 {
                            format!("{pad}{text}")
                        } else {
                            format!("{text}{pad}")
                        };
                    }
                }
                out.push_str(&text);
                i = close + 1;
            }
            '}' => return None,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

fn uri_component(x: &str) -> String {
    let mut out = String::new();
    for byte in x.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn uri_decode(x: &str) -> Option<String> {
    let bytes = x.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let h = x.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Calls an ARM template function on arguments that are already evaluated
/// (for front-ends such as Bicep that share ARM's function library).
///
/// Functions whose arguments are lambdas or are evaluated lazily (`map`,
/// `filter`, `if`, `parameters`, `reference`, `copyIndex`, ...) are not
/// handled here and give unknown, as do functions whose result depends on
/// deployment-time state. Limit findings (AML004) are appended to `findings`.
pub fn call_function(
    name: &str,
    args: Vec<Value>,
    span: Span,
    opts: &crate::ArmOptions,
    findings: &mut Vec<isolint_model::Finding>,
) -> Value {
    let lname = name.to_ascii_lowercase();
    if LAZY.contains(&lname.as_str()) || lname.contains('.') {
        return unknown();
    }
    if args.iter().any(Value::is_unknown)
        && !matches!(
            lname.as_str(),
            "union"
                | "concat"
                | "length"
                | "empty"
                | "first"
                | "last"
                | "resourceid"
                | "subscriptionresourceid"
                | "managementgroupresourceid"
        )
    {
        return unknown();
    }
    if lname.starts_with("list") && lname != "lastindexof" {
        return unknown();
    }
    let Ok(doc) = isolint_json::parse(FileId(u32::MAX), "{}") else {
        return unknown();
    };
    let scope = Scope::new(
        FileId(u32::MAX),
        &doc,
        std::collections::HashMap::new(),
        unknown(),
    );
    let mut st = State::new(opts);
    let out = match eager(&scope, &mut st, &lname, args, span) {
        Some(v) if too_big(&v) => {
            st.report(meta::limit(Some(span), format!("the result of {name}() is larger than isolint evaluates; it is treated as unknown")));
            unknown()
        }
        Some(v) => v,
        None => unknown(),
    };
    findings.append(&mut st.findings);
    out
}

/// The ID of a resource in the current resource group of the deployment
/// (`{subscriptionId}` and `{resourceGroup}` placeholders), from its full
/// type and full name (`vnet/subnet`).
pub fn resource_group_resource_id(full_type: &str, full_name: &str) -> Option<String> {
    group_resource_id(full_type, full_name)
}
