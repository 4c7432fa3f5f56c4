//! `format` and `formatlist`: printf-style formatting with Terraform's verbs.
//!
//! Numbers follow Go's `math/big` formatting (which Terraform uses): `%e`
//! has at least two exponent digits; `%g` and `%v` use the shortest
//! representation and switch to an exponent when it is 6 or more (or below
//! -4), as Go does. Widths and precisions count characters.

use super::encoding::{json_encode, JsonStop};
use super::text::{char_count, graphemes};
use super::{is_exact_decimal, to_bool, to_int, to_number, to_string, Args, FnError, MAX_STRING};
use isolint_model::{Data, Value};

/// Why formatting stopped.
enum Stop {
    Invalid(String),
    Limit(String),
    /// The answer cannot be computed exactly.
    Unknown,
}

impl From<JsonStop> for Stop {
    fn from(j: JsonStop) -> Stop {
        match j {
            JsonStop::Unsure => Stop::Unknown,
            JsonStop::TooLong => Stop::Limit(format!("result longer than {MAX_STRING} bytes")),
        }
    }
}

impl Stop {
    fn into_result(self, a: &Args<'_>) -> Result<Value, FnError> {
        match self {
            Stop::Invalid(m) => Err(a.invalid(m)),
            Stop::Limit(m) => Err(a.limit(m)),
            Stop::Unknown => Ok(Value::unknown()),
        }
    }
}

pub(super) fn format(a: &Args<'_>) -> Result<Value, FnError> {
    let spec = a.str(0)?;
    let vals = a.args.get(1..).unwrap_or(&[]);
    match format_values(&spec, vals) {
        Ok(s) => Ok(Value::string(s)),
        Err(stop) => stop.into_result(a),
    }
}

pub(super) fn formatlist(a: &Args<'_>) -> Result<Value, FnError> {
    let spec_v = a.get(0)?;
    if !spec_v.is_wholly_known() {
        return Ok(Value::unknown());
    }
    let spec = a.str(0)?;
    let vals = a.args.get(1..).unwrap_or(&[]);
    let mut iter_len: Option<(usize, usize)> = None;
    for (i, v) in vals.iter().enumerate() {
        match &v.data {
            Data::Unknown => return Ok(Value::unknown()),
            Data::List(items) => match iter_len {
                None => iter_len = Some((items.len(), i)),
                Some((len, first)) if len != items.len() => {
                    return Err(a.invalid(format!(
                        "argument {} has length {}, which is inconsistent with argument {} of length {len}",
                        i + 2,
                        items.len(),
                        first + 2
                    )))
                }
                Some(_) => {}
            },
            _ => {}
        }
    }
    let n = iter_len.map(|(len, _)| len).unwrap_or(1);
    a.check_list_len(n)?;
    let mut out = Vec::with_capacity(n);
    let mut total = 0usize;
    for idx in 0..n {
        let row: Vec<Value> = vals
            .iter()
            .map(|v| match &v.data {
                Data::List(items) => items.get(idx).cloned().unwrap_or_default(),
                _ => v.clone(),
            })
            .collect();
        if !row.iter().all(Value::is_wholly_known) {
            out.push(Value::unknown());
            continue;
        }
        match format_values(&spec, &row) {
            Ok(s) => {
                total = total.saturating_add(s.len());
                a.check_str_len(total)?;
                out.push(Value::string(s));
            }
            Err(Stop::Unknown) => out.push(Value::unknown()),
            Err(stop) => return stop.into_result(a),
        }
    }
    Ok(Value::list(out))
}

#[derive(Default)]
struct Verb {
    zero: bool,
    sharp: bool,
    minus: bool,
    plus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
    mode: char,
}

fn read_num(chars: &[char], i: &mut usize) -> Result<usize, Stop> {
    let mut n: usize = 0;
    while let Some(c) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(c as usize))
            .filter(|n| *n <= MAX_STRING)
            .ok_or_else(|| Stop::Limit(format!("width or precision larger than {MAX_STRING}")))?;
        *i += 1;
    }
    Ok(n)
}

fn format_values(spec: &str, vals: &[Value]) -> Result<String, Stop> {
    let chars: Vec<char> = spec.chars().collect();
    let mut out = String::new();
    let mut next_arg = 1usize;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if out.len() > MAX_STRING {
            return Err(Stop::Limit(format!(
                "result longer than {MAX_STRING} bytes"
            )));
        }
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let mut verb = Verb::default();
        while let Some(&f) = chars.get(i) {
            match f {
                '0' => verb.zero = true,
                '#' => verb.sharp = true,
                '-' => verb.minus = true,
                '+' => verb.plus = true,
                ' ' => verb.space = true,
                _ => break,
            }
            i += 1;
        }
        let mut arg_num = next_arg;
        if chars.get(i) == Some(&'[') {
            i += 1;
            if !chars.get(i).is_some_and(|c| ('1'..='9').contains(c)) {
                return Err(Stop::Invalid(format!(
                    "invalid format string starting at offset {start}"
                )));
            }
            arg_num = read_num(&chars, &mut i)?;
            if chars.get(i) != Some(&']') {
                return Err(Stop::Invalid(format!(
                    "invalid format string starting at offset {start}"
                )));
            }
            i += 1;
        }
        match chars.get(i) {
            Some('*') => return Err(Stop::Unknown),
            Some(c) if ('1'..='9').contains(c) => verb.width = Some(read_num(&chars, &mut i)?),
            _ => {}
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                return Err(Stop::Unknown);
            }
            verb.prec = Some(read_num(&chars, &mut i)?);
        }
        match chars.get(i) {
            Some(m) if m.is_ascii_alphabetic() => verb.mode = *m,
            Some(m) => {
                return Err(Stop::Invalid(format!(
                    "unrecognized format character {m:?} at offset {i}"
                )))
            }
            None => {
                return Err(Stop::Invalid(format!(
                    "invalid format string starting at offset {start}"
                )))
            }
        }
        i += 1;
        let raw: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
        let arg = vals.get(arg_num - 1).ok_or_else(|| {
            Stop::Invalid(format!(
                "not enough arguments for {raw:?} at {start}: need index {arg_num} but have {} total",
                vals.len()
            ))
        })?;
        next_arg = arg_num + 1;
        let piece = format_one(&verb, &raw, start, arg)?;
        if out.len().saturating_add(piece.len()) > MAX_STRING {
            return Err(Stop::Limit(format!(
                "result longer than {MAX_STRING} bytes"
            )));
        }
        out.push_str(&piece);
    }
    Ok(out)
}

fn format_one(verb: &Verb, raw: &str, offset: usize, arg: &Value) -> Result<String, Stop> {
    let bad = |e: String| Stop::Invalid(format!("unsupported value for {raw:?} at {offset}: {e}"));
    if arg.is_unknown() {
        return Err(Stop::Unknown);
    }
    if verb.mode != 'v' && arg.is_null() {
        return Err(bad("null value cannot be formatted".to_string()));
    }
    match verb.mode {
        'v' => {
            if !verb.sharp {
                match &arg.data {
                    Data::String(s) => return pad(verb, s.clone()),
                    Data::Number(n) => {
                        let s = go_float(*n, 'g', None).ok_or(Stop::Unknown)?;
                        return pad(verb, s);
                    }
                    _ => {}
                }
            }
            let json = json_encode(arg).map_err(Stop::from)?;
            pad(verb, json)
        }
        't' => {
            let b = to_bool(arg).map_err(bad)?;
            Ok(b.to_string())
        }
        'b' | 'd' | 'o' | 'x' | 'X' => {
            let n = to_number(arg).map_err(bad)?;
            if n.fract() != 0.0 {
                return Err(bad("an integer is required".to_string()));
            }
            // Integers beyond i128 are printed exactly by Terraform; not here.
            let Some(i) = whole(n) else {
                return Err(Stop::Unknown);
            };
            Ok(format_integer(verb, i))
        }
        'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = to_number(arg).map_err(bad)?;
            format_float(verb, n).ok_or(Stop::Unknown)
        }
        's' | 'q' => {
            let mut s = to_string(arg).map_err(bad)?;
            if let Some(p) = verb.prec.filter(|p| *p > 0) {
                let g = graphemes(&s).ok_or(Stop::Unknown)?;
                s = g.into_iter().take(p).collect();
            }
            if verb.mode == 'q' {
                s = json_encode(&Value::string(s)).map_err(Stop::from)?;
            }
            pad(verb, s)
        }
        m => Err(Stop::Invalid(format!(
            "unsupported format verb {m:?} in {raw:?} at offset {offset}"
        ))),
    }
}

/// An integral float as an i128 (exact for every integral f64 below 1e38).
fn whole(n: f64) -> Option<i128> {
    if let Some(i) = to_int(n) {
        return Some(i128::from(i));
    }
    (n.is_finite() && n.fract() == 0.0 && n.abs() < 1e38).then_some(n as i128)
}

/// Pads to the verb's width, counting characters.
fn pad(verb: &Verb, s: String) -> Result<String, Stop> {
    let Some(width) = verb.width else {
        return Ok(s);
    };
    let len = char_count(&s).ok_or(Stop::Unknown)?;
    if len >= width {
        return Ok(s);
    }
    let fill = if verb.zero { "0" } else { " " }.repeat(width - len);
    Ok(if verb.minus { s + &fill } else { fill + &s })
}

fn format_integer(verb: &Verb, n: i128) -> String {
    let mag = n.unsigned_abs();
    let mut digits = match verb.mode {
        'b' => format!("{mag:b}"),
        'o' => format!("{mag:o}"),
        'x' => format!("{mag:x}"),
        'X' => format!("{mag:X}"),
        _ => format!("{mag}"),
    };
    let sign = if n < 0 {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let prefix = match (verb.sharp, verb.mode) {
        (true, 'b') => "0b",
        (true, 'o') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let mut zeros = 0usize;
    if let Some(p) = verb.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            return String::new();
        }
    }
    let length = sign.len() + prefix.len() + zeros + digits.len();
    let (mut left, mut right) = (0usize, 0usize);
    if let Some(w) = verb.width.filter(|w| *w > length) {
        let d = w - length;
        if verb.minus {
            right = d;
        } else if verb.zero && verb.prec.is_none() {
            zeros = d;
        } else {
            left = d;
        }
    }
    digits = format!("{}{}", "0".repeat(zeros), digits);
    format!(
        "{}{sign}{prefix}{digits}{}",
        " ".repeat(left),
        " ".repeat(right)
    )
}

fn format_float(verb: &Verb, n: f64) -> Option<String> {
    let body = go_float(n.abs(), verb.mode, verb.prec)?;
    let sign = if n.is_sign_negative() && n != 0.0 {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + body.len();
    let padding = verb
        .width
        .filter(|w| *w > len)
        .map(|w| w - len)
        .unwrap_or(0);
    Some(if verb.zero {
        format!("{sign}{}{body}", "0".repeat(padding))
    } else if verb.minus {
        format!("{sign}{body}{}", " ".repeat(padding))
    } else {
        format!("{}{sign}{body}", " ".repeat(padding))
    })
}

/// Decimal digits (no leading zeros, at least one digit) and the position
/// of the decimal point, from Rust's exponent formatting.
fn digits_of(e_repr: &str) -> Option<(Vec<u8>, i64)> {
    let (mant, exp) = e_repr.split_once('e')?;
    let exp: i64 = exp.parse().ok()?;
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some((digits, exp + 1))
}

fn exp_suffix(upper: bool, exp: i64) -> String {
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{e}{sign}{:02}", exp.unsigned_abs())
}

const MAX_E_DIGITS: usize = 800;
const MAX_F_PLACES: usize = 1100;

/// Formats a non-negative finite number as Go's `big.Float` does for
/// `%e`, `%f` and `%g` (`mode` 'g' with no precision is `%v`).
pub(super) fn go_float(x: f64, mode: char, prec: Option<usize>) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let neg = x < 0.0;
    let x = x.abs();
    let upper = mode.is_ascii_uppercase();
    // Rounding a decimal that ends exactly in 5 at the cut depends on
    // precision Terraform has and a float lacks (unless the float holds the
    // decimal exactly, when both round half to even): unknown.
    let (short, short_dp) = digits_of(&format!("{x:e}"))?;
    let kept = match (mode.to_ascii_lowercase(), prec) {
        ('e', p) => Some(p.unwrap_or(6) as i64 + 1),
        ('f', p) => Some(short_dp + p.unwrap_or(6) as i64),
        ('g', Some(p)) => Some(p.max(1) as i64),
        _ => None,
    };
    if let Some(kept) = kept {
        if !is_exact_decimal(x) && short.len() as i64 == kept + 1 && short.last() == Some(&b'5') {
            return None;
        }
    }
    let body = match mode.to_ascii_lowercase() {
        'e' => {
            let p = prec.unwrap_or(6);
            // A float has at most 767 significant decimal digits; Rust's
            // formatter refuses precisions above 65535.
            let pc = p.min(MAX_E_DIGITS);
            let (digits, dp) = digits_of(&format!("{x:.pc$e}"))?;
            e_form(&digits, dp, p + 1, upper)
        }
        'f' => {
            // A float has at most 1074 decimal places; beyond, zeros.
            let p = prec.unwrap_or(6);
            let pc = p.min(MAX_F_PLACES);
            let mut out = format!("{x:.pc$}");
            if p > pc {
                out.push_str(&"0".repeat(p - pc));
            }
            out
        }
        'g' => {
            let shortest = prec.is_none();
            let (mut digits, dp) = match prec {
                None => digits_of(&format!("{x:e}"))?,
                Some(p) => {
                    let pc = (p.max(1) - 1).min(MAX_E_DIGITS);
                    digits_of(&format!("{x:.pc$e}"))?
                }
            };
            while digits.len() > 1 && digits.last() == Some(&b'0') {
                digits.pop();
            }
            if x == 0.0 {
                digits = vec![b'0'];
            }
            let nd = digits.len();
            let mut p = prec.map(|p| p.max(1)).unwrap_or(nd);
            let mut eprec = p as i64;
            if eprec > nd as i64 && nd as i64 >= dp {
                eprec = nd as i64;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dp - 1;
            if exp < -4 || exp >= eprec {
                if p > nd {
                    p = nd;
                }
                e_form(&digits, dp, p, upper)
            } else {
                if p as i64 > dp {
                    p = nd;
                }
                let decimals = (p as i64 - dp).max(0) as usize;
                f_form(&digits, dp, decimals)
            }
        }
        _ => return None,
    };
    Some(if neg { format!("-{body}") } else { body })
}

/// `d.ddd e±xx` with `sig` significant digits taken from `digits`.
fn e_form(digits: &[u8], dp: i64, sig: usize, upper: bool) -> String {
    let mut s = String::new();
    s.push(char::from(*digits.first().unwrap_or(&b'0')));
    if sig > 1 {
        s.push('.');
        for k in 1..sig {
            s.push(char::from(*digits.get(k).unwrap_or(&b'0')));
        }
    }
    let exp = if digits.iter().all(|d| *d == b'0') {
        0
    } else {
        dp - 1
    };
    s + &exp_suffix(upper, exp)
}

/// Fixed notation with `decimals` places from exact `digits` and point position.
fn f_form(digits: &[u8], dp: i64, decimals: usize) -> String {
    let digit_at = |k: i64| -> char {
        if k < 0 {
            return '0';
        }
        char::from(*digits.get(k as usize).unwrap_or(&b'0'))
    };
    let mut s = String::new();
    if dp <= 0 {
        s.push('0');
    } else {
        for k in 0..dp {
            s.push(digit_at(k));
        }
    }
    if decimals > 0 {
        s.push('.');
        for k in 0..decimals as i64 {
            s.push(digit_at(dp + k));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_number_forms() {
        assert_eq!(go_float(1e6, 'g', None).as_deref(), Some("1e+06"));
        assert_eq!(go_float(123456.0, 'g', None).as_deref(), Some("123456"));
        assert_eq!(go_float(0.0001, 'g', None).as_deref(), Some("0.0001"));
        assert_eq!(go_float(0.00001, 'g', None).as_deref(), Some("1e-05"));
        assert_eq!(go_float(1.23456, 'g', Some(3)).as_deref(), Some("1.23"));
        assert_eq!(go_float(100.0, 'g', Some(3)).as_deref(), Some("100"));
        assert_eq!(go_float(1000.0, 'g', Some(3)).as_deref(), Some("1e+03"));
        assert_eq!(
            go_float(123.456, 'e', None).as_deref(),
            Some("1.234560e+02")
        );
        assert_eq!(go_float(0.0, 'e', Some(2)).as_deref(), Some("0.00e+00"));
        assert_eq!(go_float(123.456, 'f', Some(2)).as_deref(), Some("123.46"));
        assert_eq!(go_float(0.0, 'g', None).as_deref(), Some("0"));
        assert_eq!(go_float(1.5, 'G', None).as_deref(), Some("1.5"));
        assert_eq!(go_float(1e21, 'G', None).as_deref(), Some("1E+21"));
        // Ties at the rounding position are not decided with a float.
        assert_eq!(go_float(2.675, 'f', Some(2)), None);
        assert_eq!(go_float(0.125, 'e', Some(1)).as_deref(), Some("1.2e-01"));
        assert_eq!(go_float(0.375, 'f', Some(2)).as_deref(), Some("0.38"));
        assert_eq!(go_float(1.005, 'f', Some(2)), None);
        // Precisions beyond what Rust's formatter takes are padded, not a panic.
        assert_eq!(
            go_float(1.0, 'f', Some(70_000)).map(|s| s.len()),
            Some(70_002)
        );
        assert_eq!(
            go_float(1.0, 'e', Some(70_000)).map(|s| s.len()),
            Some(70_006)
        );
        assert_eq!(go_float(1.0, 'g', Some(70_000)).as_deref(), Some("1"));
        assert_eq!(go_float(2.675, 'f', Some(3)).as_deref(), Some("2.675"));
    }
}
