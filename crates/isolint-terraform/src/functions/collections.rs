//! Collection functions.
//!
//! Lists, tuples and sets are all `Data::List`; maps and objects are
//! `Data::Map`. Sets come out deduplicated and, for strings, numbers and
//! bools, in the order Terraform iterates them (sorted).

use super::strings::strlen;
use super::{is_exact_decimal, to_bool, to_number, to_string, Args, FnError, MAX_LIST};
use isolint_model::ValueMap;
use isolint_model::{Data, Value};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// Terraform's range() refuses to build more than this many numbers.
const RANGE_MAX: usize = 1024;

fn is_primitive(v: &Value) -> bool {
    matches!(v.data, Data::String(_) | Data::Number(_) | Data::Bool(_))
}

/// Equality after Terraform's primitive conversions (`1 == "1"` in a list of strings).
pub(crate) fn loose_eq(a: &Value, b: &Value) -> bool {
    if a.data == b.data {
        return true;
    }
    if is_primitive(a) && is_primitive(b) {
        if let (Ok(x), Ok(y)) = (to_string(a), to_string(b)) {
            if matches!(a.data, Data::String(_)) || matches!(b.data, Data::String(_)) {
                return x == y;
            }
        }
    }
    false
}

/// An identity for set membership, after Terraform's primitive conversions
/// (so `1` and `"1"` are the same member). Lets set functions run in linear
/// time on long lists.
pub(crate) fn key(v: &Value) -> String {
    match &v.data {
        Data::String(_) | Data::Number(_) | Data::Bool(_) => {
            format!("p{}", to_string(v).unwrap_or_default())
        }
        _ => format!("j{}", v.to_json()),
    }
}

fn keys_of(items: &[Value]) -> HashSet<String> {
    items.iter().map(key).collect()
}

/// Deduplicates and orders elements as a Terraform set would.
pub(crate) fn set_of(items: &[Value]) -> Vec<Value> {
    let strings = items.iter().any(|v| matches!(v.data, Data::String(_)));
    let all_prim = items.iter().all(is_primitive);
    // A set of mixed primitives including strings is a set of strings.
    let items: Vec<Value> = if strings && all_prim {
        items
            .iter()
            .map(|v| {
                to_string(v)
                    .map(Value::string)
                    .unwrap_or_else(|_| v.clone())
            })
            .collect()
    } else {
        items.to_vec()
    };
    let mut seen = HashSet::new();
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for v in items {
        if seen.insert(key(&v)) {
            out.push(v);
        }
    }
    let all = |f: fn(&Data) -> bool| out.iter().all(|v| f(&v.data));
    if all(|d| matches!(d, Data::String(_))) {
        out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if all(|d| matches!(d, Data::Number(_))) {
        out.sort_by(|a, b| {
            let x = a.as_f64().unwrap_or(0.0);
            let y = b.as_f64().unwrap_or(0.0);
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        });
    } else if all(|d| matches!(d, Data::Bool(_))) {
        out.sort_by_key(|v| matches!(v.data, Data::Bool(true)));
    }
    out
}

pub(super) fn alltrue(a: &Args<'_>) -> Result<Value, FnError> {
    for (i, v) in a.list(0)?.iter().enumerate() {
        if v.is_null() {
            return Ok(Value::bool(false));
        }
        let b = to_bool(v).map_err(|e| a.invalid(format!("element {i} {e}")))?;
        if !b {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

pub(super) fn anytrue(a: &Args<'_>) -> Result<Value, FnError> {
    for (i, v) in a.list(0)?.iter().enumerate() {
        if v.is_null() {
            continue;
        }
        if to_bool(v).map_err(|e| a.invalid(format!("element {i} {e}")))? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

pub(super) fn chunklist(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() || !a.get(1)?.is_wholly_known() {
        return Ok(Value::unknown());
    }
    let list = a.list(0)?;
    let size = a.int(1)?;
    if size < 0 {
        return Err(a.invalid("the size argument must be positive"));
    }
    if list.is_empty() {
        return Ok(Value::list(Vec::new()));
    }
    if size == 0 {
        return Ok(Value::list(vec![Value::list(list.to_vec())]));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    Ok(Value::list(
        list.chunks(size).map(|c| Value::list(c.to_vec())).collect(),
    ))
}

pub(super) fn coalesce(a: &Args<'_>) -> Result<Value, FnError> {
    let mut chosen = None;
    for v in &a.args {
        match &v.data {
            Data::Unknown => return Ok(Value::unknown()),
            Data::Null => continue,
            Data::String(s) if s.is_empty() => continue,
            _ => {
                chosen = Some(v.clone());
                break;
            }
        }
    }
    let Some(chosen) = chosen else {
        return Err(a.invalid("no non-null, non-empty-string arguments"));
    };
    let known: Vec<&Value> = a
        .args
        .iter()
        .filter(|v| !v.is_null() && !v.is_unknown())
        .collect();
    if known.iter().all(|v| is_primitive(v)) {
        let kinds_differ = known
            .iter()
            .any(|v| std::mem::discriminant(&v.data) != std::mem::discriminant(&chosen.data));
        if kinds_differ {
            let s = to_string(&chosen).map_err(|e| a.invalid(e))?;
            return Ok(Value::string(s).with_resource(chosen.origin.resource));
        }
        return Ok(chosen);
    }
    if known.iter().any(|v| is_primitive(v)) {
        return Err(a.invalid("all arguments must have the same type"));
    }
    Ok(chosen)
}

pub(super) fn coalescelist(a: &Args<'_>) -> Result<Value, FnError> {
    for (i, v) in a.args.iter().enumerate() {
        match &v.data {
            Data::Unknown => return Ok(Value::unknown()),
            Data::Null => continue,
            Data::List(items) if items.is_empty() => continue,
            Data::List(_) => return Ok(v.clone()),
            _ => {
                return Err(a.invalid(format!(
                    "argument {} must be a list, got {}",
                    i + 1,
                    v.type_name()
                )))
            }
        }
    }
    Err(a.invalid("no non-null arguments"))
}

pub(super) fn compact(a: &Args<'_>) -> Result<Value, FnError> {
    let mut out = Vec::new();
    for (i, v) in a.list(0)?.iter().enumerate() {
        if v.is_null() {
            continue;
        }
        let s = to_string(v).map_err(|e| a.invalid(format!("element {i} {e}")))?;
        if !s.is_empty() {
            out.push(Value::string(s));
        }
    }
    Ok(Value::list(out))
}

pub(super) fn concat(a: &Args<'_>) -> Result<Value, FnError> {
    if a.args.iter().any(Value::is_unknown) {
        return Ok(Value::unknown());
    }
    let mut total = 0usize;
    for i in 0..a.len() {
        total = total.saturating_add(a.list(i)?.len());
    }
    a.check_list_len(total)?;
    let mut out = Vec::with_capacity(total);
    for i in 0..a.len() {
        out.extend(a.list(i)?.iter().cloned());
    }
    Ok(Value::list(out))
}

pub(super) fn contains(a: &Args<'_>) -> Result<Value, FnError> {
    let list = a.list(0)?;
    let needle = a.get(1)?;
    Ok(Value::bool(list.iter().any(|v| loose_eq(v, needle))))
}

pub(super) fn distinct(a: &Args<'_>) -> Result<Value, FnError> {
    let mut seen = HashSet::new();
    let mut out: Vec<Value> = Vec::new();
    for v in a.list(0)? {
        if seen.insert(key(v)) {
            out.push(v.clone());
        }
    }
    Ok(Value::list(out))
}

pub(super) fn element(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() || !a.get(1)?.is_wholly_known() {
        return Ok(Value::unknown());
    }
    let list = a.list(0)?;
    let index = a.int(1)?;
    if list.is_empty() {
        return Err(a.invalid("cannot use element function with an empty list"));
    }
    if index < 0 {
        return Err(a.invalid("cannot use element function with a negative index"));
    }
    let len = i64::try_from(list.len()).unwrap_or(i64::MAX);
    let i = usize::try_from(index.rem_euclid(len)).unwrap_or(0);
    list.get(i)
        .cloned()
        .ok_or_else(|| a.invalid("index out of range"))
}

/// Flattens nested lists; `None` when an unknown might be a list.
fn flatten_into(items: &[Value], out: &mut Vec<Value>) -> Option<()> {
    for v in items {
        match &v.data {
            Data::List(inner) => flatten_into(inner, out)?,
            Data::Unknown => return None,
            _ => {
                if out.len() >= MAX_LIST {
                    return None;
                }
                out.push(v.clone());
            }
        }
    }
    Some(())
}

pub(super) fn flatten(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() {
        return Ok(Value::unknown());
    }
    let list = a.list(0)?;
    let mut out = Vec::new();
    match flatten_into(list, &mut out) {
        Some(()) => Ok(Value::list(out)),
        None if out.len() >= MAX_LIST => Err(a.limit(format!("more than {MAX_LIST} elements"))),
        // An unknown element may itself be a list: the shape is unknown.
        None => Ok(Value::unknown()),
    }
}

pub(super) fn index(a: &Args<'_>) -> Result<Value, FnError> {
    let list = a.list(0)?;
    let needle = a.get(1)?;
    list.iter()
        .position(|v| loose_eq(v, needle))
        .map(|i| Value::number(i as f64))
        .ok_or_else(|| a.invalid("item not found"))
}

pub(super) fn keys(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() {
        return Ok(Value::unknown());
    }
    let m = a.map(0)?;
    Ok(Value::list(
        m.keys().map(|k| Value::string(k.clone())).collect(),
    ))
}

pub(super) fn values(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() {
        return Ok(Value::unknown());
    }
    let m = a.map(0)?;
    Ok(Value::list(m.values().cloned().collect()))
}

pub(super) fn length(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Unknown => Ok(Value::unknown()),
        Data::String(s) => Ok(strlen(s)),
        Data::List(items) => Ok(Value::number(items.len() as f64)),
        Data::Map(m) => Ok(Value::number(m.len() as f64)),
        Data::Null => Err(a.invalid("argument must not be null")),
        _ => Err(a.invalid(format!(
            "argument must be a string, a collection type, or a structural type, got {}",
            v.type_name()
        ))),
    }
}

pub(super) fn lookup(a: &Args<'_>) -> Result<Value, FnError> {
    let map_v = a.get(0)?;
    let key_v = a.get(1)?;
    if map_v.is_unknown() || !key_v.is_wholly_known() {
        return Ok(Value::unknown());
    }
    let m = a.map(0)?;
    let key = a.str(1)?;
    if let Some(v) = m.get(&key) {
        return Ok(v.clone());
    }
    match a.args.get(2) {
        Some(default) => Ok(default.clone()),
        None => Err(a.invalid(format!(
            "lookup failed to find key {key:?} and no default was given"
        ))),
    }
}

pub(super) fn matchkeys(a: &Args<'_>) -> Result<Value, FnError> {
    let values = a.list(0)?;
    let keys = a.list(1)?;
    let search = a.list(2)?;
    if values.len() != keys.len() {
        return Err(a.invalid("length of keys and values should be equal"));
    }
    let wanted = keys_of(search);
    Ok(Value::list(
        values
            .iter()
            .zip(keys)
            .filter(|(_, k)| wanted.contains(&key(k)))
            .map(|(v, _)| v.clone())
            .collect(),
    ))
}

pub(super) fn merge(a: &Args<'_>) -> Result<Value, FnError> {
    let mut out: ValueMap = ValueMap::new();
    for (i, v) in a.args.iter().enumerate() {
        match &v.data {
            Data::Null => continue,
            Data::Unknown => return Ok(Value::unknown()),
            Data::Map(m) => {
                for (k, item) in m {
                    out.insert(k.clone(), item.clone());
                }
            }
            _ => {
                return Err(a.invalid(format!(
                    "arguments must be maps or objects, got {} for argument {}",
                    v.type_name(),
                    i + 1
                )))
            }
        }
    }
    Ok(Value::map(out))
}

pub(super) fn one(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Unknown => Ok(Value::unknown()),
        Data::Null => Ok(Value::null()),
        Data::List(items) => match items.as_slice() {
            [] => Ok(Value::null()),
            [only] => Ok(only.clone()),
            _ => Err(a.invalid(format!(
                "must be a list, set, or tuple value with either zero or one elements, got {}",
                items.len()
            ))),
        },
        _ => Err(a.invalid(format!(
            "argument must be a list, set or tuple, got {}",
            v.type_name()
        ))),
    }
}

pub(super) fn range(a: &Args<'_>) -> Result<Value, FnError> {
    let (start, end, step) = match a.len() {
        1 => (0.0, a.num(0)?, 1.0),
        2 => {
            let (s, e) = (a.num(0)?, a.num(1)?);
            (s, e, if e < s { -1.0 } else { 1.0 })
        }
        _ => (a.num(0)?, a.num(1)?, a.num(2)?),
    };
    if step == 0.0 {
        return Err(a.invalid("step must not be zero"));
    }
    if step < 0.0 && start < end {
        return Err(a.invalid("end must be less than start when step is negative"));
    }
    if step > 0.0 && end < start {
        return Err(a.invalid("end must be greater than start when step is positive"));
    }
    if ![start, end, step].iter().all(|x| is_exact_decimal(*x)) {
        // Terraform adds steps exactly; with a step like 0.1 a float
        // would drift (and print differently).
        if (end - start) / step > MAX_LIST as f64 {
            return Err(a.limit(format!("more than {MAX_LIST} values would be generated")));
        }
        return Ok(Value::unknown());
    }
    let count = ((end - start) / step).ceil();
    if !count.is_finite() || count > MAX_LIST as f64 {
        return Err(a.limit(format!("more than {MAX_LIST} values would be generated")));
    }
    let count = count.max(0.0) as usize;
    if count > RANGE_MAX {
        return Err(a.invalid(
            "more than 1024 values were generated; either decrease the difference between start and end or use a smaller step",
        ));
    }
    let mut out = Vec::with_capacity(count);
    let mut n = start;
    while out.len() <= RANGE_MAX {
        if (step < 0.0 && n <= end) || (step > 0.0 && n >= end) {
            break;
        }
        out.push(Value::number(n));
        n += step;
    }
    if out.len() > RANGE_MAX {
        return Err(a.invalid(
            "more than 1024 values were generated; either decrease the difference between start and end or use a smaller step",
        ));
    }
    Ok(Value::list(out))
}

pub(super) fn reverse(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() {
        return Ok(Value::unknown());
    }
    Ok(Value::list(a.list(0)?.iter().rev().cloned().collect()))
}

pub(super) fn setintersection(a: &Args<'_>) -> Result<Value, FnError> {
    let mut acc = set_of(a.list(0)?);
    for i in 1..a.len() {
        let other = keys_of(a.list(i)?);
        acc.retain(|v| other.contains(&key(v)));
    }
    Ok(Value::list(acc))
}

pub(super) fn setsubtract(a: &Args<'_>) -> Result<Value, FnError> {
    let mut acc = set_of(a.list(0)?);
    let other = keys_of(a.list(1)?);
    acc.retain(|v| !other.contains(&key(v)));
    Ok(Value::list(acc))
}

pub(super) fn setunion(a: &Args<'_>) -> Result<Value, FnError> {
    let mut all = Vec::new();
    for i in 0..a.len() {
        let l = a.list(i)?;
        a.check_list_len(all.len().saturating_add(l.len()))?;
        all.extend(l.iter().cloned());
    }
    Ok(Value::list(set_of(&all)))
}

pub(super) fn setproduct(a: &Args<'_>) -> Result<Value, FnError> {
    let mut lists = Vec::new();
    let mut total: usize = 1;
    for i in 0..a.len() {
        let l = a.list(i)?;
        total = total.saturating_mul(l.len());
        lists.push(l);
    }
    a.check_list_len(total)?;
    let mut out: Vec<Vec<Value>> = vec![Vec::new()];
    for l in lists {
        let mut next = Vec::with_capacity(out.len().saturating_mul(l.len()));
        for prefix in &out {
            for v in l {
                let mut row = prefix.clone();
                row.push(v.clone());
                next.push(row);
            }
        }
        out = next;
    }
    Ok(Value::list(out.into_iter().map(Value::list).collect()))
}

pub(super) fn slice(a: &Args<'_>) -> Result<Value, FnError> {
    if a.get(0)?.is_unknown() || !a.get(1)?.is_wholly_known() || !a.get(2)?.is_wholly_known() {
        return Ok(Value::unknown());
    }
    let list = a.list(0)?;
    let start = a.int(1)?;
    let end = a.int(2)?;
    if start < 0 {
        return Err(a.invalid("start index must not be less than zero"));
    }
    if end > list.len() as i64 {
        return Err(a.invalid("end index must not be greater than the length of the list"));
    }
    if start > end {
        return Err(a.invalid("start index must not be greater than end index"));
    }
    let (s, e) = (start as usize, end as usize);
    Ok(Value::list(list.get(s..e).unwrap_or(&[]).to_vec()))
}

pub(super) fn sort(a: &Args<'_>) -> Result<Value, FnError> {
    let mut out = Vec::new();
    for (i, v) in a.list(0)?.iter().enumerate() {
        if v.is_null() {
            return Err(a.invalid(format!(
                "given list element {i} is null; a null string cannot be sorted"
            )));
        }
        out.push(to_string(v).map_err(|e| a.invalid(format!("element {i} {e}")))?);
    }
    out.sort();
    Ok(Value::list(out.into_iter().map(Value::string).collect()))
}

pub(super) fn sum(a: &Args<'_>) -> Result<Value, FnError> {
    let list = a.list(0)?;
    if list.is_empty() {
        return Err(a.invalid("cannot sum an empty list"));
    }
    let mut total = 0.0;
    let mut exact = true;
    for (i, v) in list.iter().enumerate() {
        let x = to_number(v).map_err(|e| a.invalid(format!("element {i} {e}")))?;
        exact &= is_exact_decimal(x) || x.fract() == 0.0;
        total += x;
    }
    if !exact && list.len() > 1 {
        // Terraform sums decimals exactly (0.1 + 0.2 is 0.3); a float does not.
        return Ok(Value::unknown());
    }
    if !total.is_finite() {
        return Ok(Value::unknown());
    }
    Ok(Value::number(total))
}

pub(super) fn transpose(a: &Args<'_>) -> Result<Value, FnError> {
    let m = a.map(0)?;
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut total = 0usize;
    for (k, v) in m {
        let Data::List(items) = &v.data else {
            return Err(a.invalid(format!("value for key {k:?} must be a list of strings")));
        };
        for item in items {
            let s = to_string(item).map_err(|e| a.invalid(format!("element of {k:?} {e}")))?;
            total += 1;
            a.check_list_len(total)?;
            out.entry(s).or_default().push(Value::string(k.clone()));
        }
    }
    Ok(Value::map(
        out.into_iter().map(|(k, v)| (k, Value::list(v))).collect(),
    ))
}

pub(super) fn zipmap(a: &Args<'_>) -> Result<Value, FnError> {
    if !a.get(0)?.is_wholly_known() || a.get(1)?.is_unknown() {
        return Ok(Value::unknown());
    }
    let keys = a.list(0)?;
    let values = a.list(1)?;
    if keys.len() != values.len() {
        return Err(a.invalid(format!(
            "number of keys ({}) does not match number of values ({})",
            keys.len(),
            values.len()
        )));
    }
    let mut out = ValueMap::new();
    for (i, (k, v)) in keys.iter().zip(values).enumerate() {
        let k = to_string(k).map_err(|e| a.invalid(format!("key {i} {e}")))?;
        out.insert(k, v.clone());
    }
    Ok(Value::map(out))
}
