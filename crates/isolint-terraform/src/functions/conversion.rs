//! Type conversion functions.

use super::collections::set_of;
use super::{parse_number, to_string, Args, FnError};
use isolint_model::{Data, Value};

pub(super) fn tobool(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Null => Ok(Value::null()),
        Data::Bool(_) => Ok(v.clone()),
        Data::String(s) if s == "true" => Ok(Value::bool(true)),
        Data::String(s) if s == "false" => Ok(Value::bool(false)),
        _ => Err(a.invalid(format!("cannot convert {} to bool", describe(v)))),
    }
}

pub(super) fn tonumber(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Null => Ok(Value::null()),
        Data::Number(_) => Ok(v.clone()),
        Data::String(s) => parse_number(s)
            .map(Value::number)
            .ok_or_else(|| a.invalid(format!("cannot convert {s:?} to number"))),
        _ => Err(a.invalid(format!("cannot convert {} to number", describe(v)))),
    }
}

pub(super) fn tostring(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Null => Ok(Value::null()),
        Data::String(_) => Ok(v.clone()),
        Data::Number(_) | Data::Bool(_) => {
            to_string(v).map(Value::string).map_err(|e| a.invalid(e))
        }
        _ => Err(a.invalid(format!("cannot convert {} to string", describe(v)))),
    }
}

/// Terraform's element-type unification for primitives: when strings are
/// mixed with numbers or bools, every element becomes a string.
fn unify(mut items: Vec<&mut Value>) {
    let prim = |v: &Value| matches!(v.data, Data::String(_) | Data::Number(_) | Data::Bool(_));
    let all_prim_or_null = items.iter().all(|v| prim(v) || v.is_null());
    let has_string = items.iter().any(|v| matches!(v.data, Data::String(_)));
    let mixed = items
        .iter()
        .any(|v| matches!(v.data, Data::Number(_) | Data::Bool(_)));
    if all_prim_or_null && has_string && mixed {
        for v in items.iter_mut() {
            if let Ok(s) = to_string(v) {
                v.data = Data::String(s);
            }
        }
    }
}

pub(super) fn tolist(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Unknown => Ok(Value::unknown()),
        Data::Null => Ok(Value::null()),
        Data::List(_) => {
            let mut out = v.clone();
            if let Data::List(items) = &mut out.data {
                unify(items.iter_mut().collect());
            }
            Ok(out)
        }
        _ => Err(a.invalid(format!("cannot convert {} to list", describe(v)))),
    }
}

pub(super) fn toset(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Null => Ok(Value::null()),
        Data::List(items) => Ok(Value::list(set_of(items))),
        _ => Err(a.invalid(format!("cannot convert {} to set", describe(v)))),
    }
}

pub(super) fn tomap(a: &Args<'_>) -> Result<Value, FnError> {
    let v = a.get(0)?;
    match &v.data {
        Data::Unknown => Ok(Value::unknown()),
        Data::Null => Ok(Value::null()),
        Data::Map(_) => {
            let mut out = v.clone();
            if let Data::Map(m) = &mut out.data {
                unify(m.values_mut().collect());
            }
            Ok(out)
        }
        _ => Err(a.invalid(format!("cannot convert {} to map", describe(v)))),
    }
}

/// `sensitive` and `nonsensitive`: isolint does not track sensitivity.
pub(super) fn passthrough(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(a.get(0)?.clone())
}

pub(super) fn issensitive(_: &Args<'_>) -> Result<Value, FnError> {
    Ok(Value::bool(false))
}

fn describe(v: &Value) -> String {
    match &v.data {
        Data::String(s) => format!("string {s:?}"),
        Data::Number(_) | Data::Bool(_) => format!("{} {v}", v.type_name()),
        _ => v.type_name().to_string(),
    }
}
