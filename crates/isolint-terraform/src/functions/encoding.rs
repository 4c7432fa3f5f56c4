//! Encoding functions: base64, CSV, JSON, URL, text encodings and YAML.

use super::{number_to_string, Args, FnError, MAX_LIST, MAX_STRING};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use isolint_model::ValueMap;
use isolint_model::{Data, Origin, OriginKind, Value};
use std::fmt::Write as _;

/// Go's `base64.StdEncoding`: padded, lenient about trailing bits.
const GO_STD: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

pub(crate) fn b64(bytes: &[u8]) -> String {
    GO_STD.encode(bytes)
}

/// Decodes base64 as Go does (line breaks are ignored).
fn b64_decode(a: &Args<'_>, s: &str) -> Result<Vec<u8>, FnError> {
    let cleaned: String = s.chars().filter(|c| *c != '\r' && *c != '\n').collect();
    GO_STD
        .decode(cleaned.as_bytes())
        .map_err(|e| a.invalid(format!("failed to decode base64 data: {e}")))
}

pub(super) fn base64encode(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    a.string_result(b64(s.as_bytes()))
}

pub(super) fn base64decode(a: &Args<'_>) -> Result<Value, FnError> {
    let bytes = b64_decode(a, &a.str(0)?)?;
    let s = String::from_utf8(bytes)
        .map_err(|_| a.invalid("the result of decoding the provided string is not valid UTF-8"))?;
    Ok(Value::string(s))
}

fn is_utf8_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("UTF-8") || name.eq_ignore_ascii_case("csUTF8")
}

pub(super) fn textencodebase64(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let enc = a.str(1)?;
    if !is_utf8_name(&enc) {
        return Ok(Value::unknown());
    }
    a.string_result(b64(s.as_bytes()))
}

pub(super) fn textdecodebase64(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let enc = a.str(1)?;
    if !is_utf8_name(&enc) {
        return Ok(Value::unknown());
    }
    let bytes = b64_decode(a, &s)?;
    Ok(String::from_utf8(bytes)
        .map(Value::string)
        .unwrap_or_else(|_| Value::unknown()))
}

pub(super) fn urlencode(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    a.check_str_len(s.len().saturating_mul(3))?;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    Ok(Value::string(out))
}

/// Why JSON could not be written.
#[derive(Debug, PartialEq)]
pub(crate) enum JsonStop {
    /// Unknown inside, or an encoding detail that is not certain.
    Unsure,
    /// Longer than [`MAX_STRING`].
    TooLong,
}

/// JSON as Terraform's `jsonencode` writes it: keys sorted, no spaces,
/// `<`, `>`, `&`, U+2028 and U+2029 escaped.
pub(crate) fn json_encode(v: &Value) -> Result<String, JsonStop> {
    let mut out = String::new();
    write_json(v, &mut out)?;
    Ok(out)
}

fn write_json(v: &Value, out: &mut String) -> Result<(), JsonStop> {
    if out.len() > MAX_STRING {
        return Err(JsonStop::TooLong);
    }
    match &v.data {
        Data::Null => out.push_str("null"),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::Number(n) => out.push_str(&number_to_string(*n).ok_or(JsonStop::Unsure)?),
        Data::String(s) => write_json_string(s, out)?,
        Data::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out)?;
            }
            out.push(']');
        }
        Data::Map(m) => {
            out.push('{');
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(k, out)?;
                out.push(':');
                write_json(item, out)?;
            }
            out.push('}');
        }
        Data::Unknown => return Err(JsonStop::Unsure),
    }
    Ok(())
}

fn write_json_string(s: &str, out: &mut String) -> Result<(), JsonStop> {
    if out.len().saturating_add(s.len()) > MAX_STRING {
        return Err(JsonStop::TooLong);
    }
    out.push('"');
    for c in s.chars() {
        if out.len() > MAX_STRING {
            return Err(JsonStop::TooLong);
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Go changed how it escapes these two; the exact form is not certain.
            '\u{8}' | '\u{c}' => return Err(JsonStop::Unsure),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    if out.len() > MAX_STRING {
        return Err(JsonStop::TooLong);
    }
    Ok(())
}

pub(super) fn jsonencode(a: &Args<'_>) -> Result<Value, FnError> {
    match json_encode(a.get(0)?) {
        Ok(s) => a.string_result(s),
        Err(JsonStop::Unsure) => Ok(Value::unknown()),
        Err(JsonStop::TooLong) => Err(a.limit(format!("result longer than {MAX_STRING} bytes"))),
    }
}

pub(super) fn jsondecode(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let json: serde_json::Value =
        serde_json::from_str(&s).map_err(|e| a.invalid(format!("invalid JSON: {e}")))?;
    Ok(from_json(a, &json))
}

fn from_json(a: &Args<'_>, json: &serde_json::Value) -> Value {
    let origin = Origin {
        span: a.ctx.span,
        kind: OriginKind::Computed,
        resource: None,
    };
    Value::from_json(json, origin)
}

/// YAML is decoded only when the document is JSON (which YAML includes).
pub(super) fn yamldecode(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let t = s.trim();
    if !(t.starts_with('{') || t.starts_with('[')) || s.contains('\t') {
        return Ok(Value::unknown());
    }
    match serde_json::from_str::<serde_json::Value>(t) {
        Ok(json) => Ok(from_json(a, &json)),
        Err(_) => Ok(Value::unknown()),
    }
}

pub(super) fn csvdecode(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let records = parse_csv(&s).map_err(|e| a.invalid(e))?;
    let mut rows = records.into_iter();
    let header = rows
        .next()
        .ok_or_else(|| a.invalid("missing header line"))?;
    for (i, name) in header.iter().enumerate() {
        if header.get(..i).unwrap_or(&[]).contains(name) {
            return Err(a.invalid(format!("duplicate column name {name:?}")));
        }
    }
    let mut out = Vec::new();
    for row in rows {
        if out.len() >= MAX_LIST {
            return Err(a.limit(format!("more than {MAX_LIST} rows")));
        }
        let mut m = ValueMap::new();
        for (k, v) in header.iter().zip(row) {
            m.insert(k.clone(), Value::string(v));
        }
        out.push(Value::map(m));
    }
    Ok(Value::list(out))
}

/// Parses CSV as Go's `encoding/csv` does with its default settings.
fn parse_csv(s: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records: Vec<Vec<String>> = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut line = 1usize;
    let n = chars.len();
    while i < n {
        // Skip empty lines.
        if chars.get(i) == Some(&'\n') {
            i += 1;
            line += 1;
            continue;
        }
        if chars.get(i) == Some(&'\r') && chars.get(i + 1) == Some(&'\n') {
            i += 2;
            line += 1;
            continue;
        }
        let mut record = Vec::new();
        loop {
            let mut field = String::new();
            if chars.get(i) == Some(&'"') {
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(format!(
                                "record on line {line}: extraneous or missing \" in quoted-field"
                            ))
                        }
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            field.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('\r') if chars.get(i + 1) == Some(&'\n') => {
                            field.push('\n');
                            line += 1;
                            i += 2;
                        }
                        Some(c) => {
                            if *c == '\n' {
                                line += 1;
                            }
                            field.push(*c);
                            i += 1;
                        }
                    }
                }
                match chars.get(i) {
                    None | Some(',') | Some('\n') => {}
                    Some('\r') if chars.get(i + 1) == Some(&'\n') => {}
                    Some(_) => {
                        return Err(format!(
                            "record on line {line}: extraneous or missing \" in quoted-field"
                        ))
                    }
                }
            } else {
                while let Some(&c) = chars.get(i) {
                    if c == ',' || c == '\n' || (c == '\r' && chars.get(i + 1) == Some(&'\n')) {
                        break;
                    }
                    if c == '"' {
                        return Err(format!(
                            "record on line {line}: bare \" in non-quoted-field"
                        ));
                    }
                    field.push(c);
                    i += 1;
                }
            }
            record.push(field);
            match chars.get(i) {
                Some(',') => {
                    i += 1;
                }
                Some('\r') => {
                    i += 2;
                    line += 1;
                    break;
                }
                Some(_) => {
                    i += 1;
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        if let Some(first) = records.first() {
            if first.len() != record.len() {
                return Err(format!(
                    "record on line {}: wrong number of fields",
                    line.saturating_sub(1).max(1)
                ));
            }
        }
        if records.len() > MAX_LIST {
            return Err(format!("more than {MAX_LIST} rows"));
        }
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let r = parse_csv("a,b\n\"x,\"\"y\"\"\",2\n").unwrap_or_default();
        assert_eq!(r, vec![vec!["a", "b"], vec!["x,\"y\"", "2"]]);
        assert!(parse_csv("a,b\nx\"y,1\n").is_err());
        assert!(parse_csv("a,b\n1,2,3\n").is_err());
        assert_eq!(parse_csv("a\r\n1\r\n\r\n2").map(|r| r.len()), Ok(3));
    }

    #[test]
    fn json_escaping() {
        let v = Value::string("<a&b>\u{2028}\"\\\n\u{1}");
        assert_eq!(
            json_encode(&v).as_deref(),
            Ok(r#""\u003ca\u0026b\u003e\u2028\"\\\n\u0001""#)
        );
        assert_eq!(json_encode(&Value::string("\u{8}")), Err(JsonStop::Unsure));
    }
}
