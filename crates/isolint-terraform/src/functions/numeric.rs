//! Numeric functions.

use super::{Args, FnError};
use isolint_model::Value;

/// A finite number result; anything else (overflow, NaN) is unknown.
fn finite(n: f64) -> Value {
    if n.is_finite() {
        Value::number(if n == 0.0 { 0.0 } else { n })
    } else {
        Value::unknown()
    }
}

pub(super) fn abs(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(finite(a.num(0)?.abs()))
}

pub(super) fn ceil(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(finite(a.num(0)?.ceil()))
}

pub(super) fn floor(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(finite(a.num(0)?.floor()))
}

pub(super) fn log(a: &Args<'_>) -> Result<Value, FnError> {
    let x = a.num(0)?;
    let base = a.num(1)?;
    Ok(finite(x.ln() / base.ln()))
}

pub(super) fn pow(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(finite(a.num(0)?.powf(a.num(1)?)))
}

pub(super) fn signum(a: &Args<'_>) -> Result<Value, FnError> {
    let n = a.num(0)?;
    Ok(Value::number(if n > 0.0 {
        1.0
    } else if n < 0.0 {
        -1.0
    } else {
        0.0
    }))
}

fn extreme(a: &Args<'_>, pick_greater: bool) -> Result<Value, FnError> {
    let mut best = a.num(0)?;
    for i in 1..a.len() {
        let n = a.num(i)?;
        if (pick_greater && n > best) || (!pick_greater && n < best) {
            best = n;
        }
    }
    Ok(Value::number(best))
}

pub(super) fn max(a: &Args<'_>) -> Result<Value, FnError> {
    extreme(a, true)
}

pub(super) fn min(a: &Args<'_>) -> Result<Value, FnError> {
    extreme(a, false)
}

pub(super) fn parseint(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let base = a.int(1)?;
    if !(2..=62).contains(&base) {
        return Err(a.invalid(format!(
            "base must be a whole number between 2 and 62 inclusive, got {base}"
        )));
    }
    let base = base as u32;
    let fail = || a.invalid(format!("cannot parse {s:?} as a base {base} integer"));
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..).unwrap_or("")),
        Some(b'+') => (false, s.get(1..).unwrap_or("")),
        _ => (false, s.as_str()),
    };
    if digits.is_empty() {
        return Err(fail());
    }
    let mut acc: u128 = 0;
    let mut overflow = false;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
            'A'..='Z' => c as u32 - 'A' as u32 + 36,
            _ => return Err(fail()),
        };
        if d >= base {
            return Err(fail());
        }
        if !overflow {
            match acc
                .checked_mul(u128::from(base))
                .and_then(|x| x.checked_add(u128::from(d)))
            {
                Some(x) => acc = x,
                None => overflow = true,
            }
        }
    }
    // Beyond 2^53 a float can no longer hold the exact integer.
    if overflow || acc > (1u128 << 53) {
        return Ok(Value::unknown());
    }
    let n = acc as f64;
    Ok(Value::number(if neg && acc != 0 { -n } else { n }))
}
