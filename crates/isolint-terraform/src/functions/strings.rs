//! String functions.

use super::text::{char_count, graphemes};
use super::{to_string, Args, FnError, MAX_LIST, MAX_STRING};
use isolint_model::Value;
use isolint_model::ValueMap;

pub(super) fn chomp(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    Ok(Value::string(s.trim_end_matches(['\r', '\n'])))
}

pub(super) fn endswith(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(Value::bool(a.str(0)?.ends_with(&a.str(1)?)))
}

pub(super) fn startswith(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(Value::bool(a.str(0)?.starts_with(&a.str(1)?)))
}

pub(super) fn strcontains(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(Value::bool(a.str(0)?.contains(&a.str(1)?)))
}

pub(super) fn indent(a: &Args<'_>) -> Result<Value, FnError> {
    let spaces = a.int(0)?;
    let s = a.str(1)?;
    let spaces = usize::try_from(spaces).map_err(|_| {
        a.invalid(format!(
            "number of spaces must not be negative, got {spaces}"
        ))
    })?;
    let lines = s.matches('\n').count();
    let extra = lines
        .checked_mul(spaces)
        .and_then(|x| x.checked_add(s.len()))
        .unwrap_or(usize::MAX);
    a.check_str_len(extra)?;
    let pad = format!("\n{}", " ".repeat(if lines == 0 { 0 } else { spaces }));
    a.string_result(s.replace('\n', &pad))
}

pub(super) fn join(a: &Args<'_>) -> Result<Value, FnError> {
    let sep = a.str(0)?;
    let mut parts = Vec::new();
    let mut total = 0usize;
    for i in 1..a.len() {
        let list = a.list(i)?;
        for (ei, v) in list.iter().enumerate() {
            let s = to_string(v).map_err(|e| a.invalid(format!("element {ei} of list {i} {e}")))?;
            total = total.saturating_add(s.len()).saturating_add(sep.len());
            a.check_str_len(total)?;
            parts.push(s);
        }
    }
    a.string_result(parts.join(&sep))
}

/// Maps each character, or `None` when one maps to several (Go maps one to one).
fn map_chars(s: &str, f: impl Fn(char) -> Option<char>) -> Option<String> {
    s.chars().map(f).collect()
}

fn single<I: Iterator<Item = char>>(mut it: I) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

pub(super) fn lower(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    Ok(map_chars(&s, |c| single(c.to_lowercase()))
        .map(Value::string)
        .unwrap_or_else(Value::unknown))
}

pub(super) fn upper(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    Ok(map_chars(&s, |c| single(c.to_uppercase()))
        .map(Value::string)
        .unwrap_or_else(Value::unknown))
}

pub(super) fn title(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            // Title case differs from upper case for these digraphs.
            if matches!(c as u32, 0x01C4..=0x01CC | 0x01F1..=0x01F3) {
                return Ok(Value::unknown());
            }
            match single(c.to_uppercase()) {
                Some(u) => out.push(u),
                None => return Ok(Value::unknown()),
            }
        } else {
            out.push(c);
        }
        prev_sep = is_word_separator(c);
    }
    Ok(Value::string(out))
}

/// Go's `strings.Title` notion of a word separator.
fn is_word_separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '_');
    }
    if c.is_alphanumeric() {
        return false;
    }
    c.is_whitespace()
}

/// Compiles a pattern with RE2 (Go) semantics: `\d`, `\w`, `\s` and `\b`
/// are ASCII-only in Go, so they are rewritten to their ASCII forms.
pub(crate) fn compile_regex(a: &Args<'_>, pattern: &str) -> Result<regex::Regex, FnError> {
    let translated = translate_go_regex(pattern);
    regex::RegexBuilder::new(&translated)
        .size_limit(8 * 1024 * 1024)
        .dfa_size_limit(8 * 1024 * 1024)
        .nest_limit(100)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => a.limit("regular expression is too large"),
            other => a.invalid(format!("invalid regular expression {pattern:?}: {other}")),
        })
}

fn translate_go_regex(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut in_class = false;
    let mut chars = p.chars().peekable();
    let mut class_start = false;
    while let Some(c) = chars.next() {
        if c == '\\' && !in_class && chars.peek() == Some(&'Q') {
            // \Q...\E quotes a literal (RE2); Rust's regex lacks it.
            chars.next();
            let mut lit = String::new();
            while let Some(d) = chars.next() {
                if d == '\\' && chars.peek() == Some(&'E') {
                    chars.next();
                    break;
                }
                lit.push(d);
            }
            out.push_str(&regex::escape(&lit));
            continue;
        }
        if c == '\\' {
            let Some(e) = chars.next() else {
                out.push('\\');
                break;
            };
            let rep = if in_class {
                match e {
                    'd' => Some("0-9"),
                    'w' => Some("0-9A-Za-z_"),
                    's' => Some("\\t\\n\\x0C\\r\\x20"),
                    'D' => Some("[^0-9]"),
                    'W' => Some("[^0-9A-Za-z_]"),
                    'S' => Some("[^\\t\\n\\x0C\\r\\x20]"),
                    _ => None,
                }
            } else {
                match e {
                    'd' => Some("[0-9]"),
                    'w' => Some("[0-9A-Za-z_]"),
                    's' => Some("[\\t\\n\\x0C\\r\\x20]"),
                    'D' => Some("[^0-9]"),
                    'W' => Some("[^0-9A-Za-z_]"),
                    'S' => Some("[^\\t\\n\\x0C\\r\\x20]"),
                    'b' => Some("(?-u:\\b)"),
                    'B' => Some("(?-u:\\B)"),
                    _ => None,
                }
            };
            match rep {
                Some(r) => out.push_str(r),
                None => {
                    out.push('\\');
                    out.push(e);
                }
            }
            class_start = false;
            continue;
        }
        if in_class {
            if c == ']' && !class_start {
                in_class = false;
            } else if c == '[' && chars.peek() == Some(&':') {
                // A POSIX class like [:alpha:] stays as written.
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == ']' {
                        break;
                    }
                }
                class_start = false;
                continue;
            }
            class_start = class_start && c == '^';
            out.push(c);
            continue;
        }
        if c == '[' {
            in_class = true;
            class_start = true;
            out.push(c);
            if chars.peek() == Some(&'^') {
                out.push('^');
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    out
}

enum Shape {
    Whole,
    Positional(usize),
    Named(Vec<String>),
}

fn shape(a: &Args<'_>, re: &regex::Regex) -> Result<Shape, FnError> {
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    let named = names.iter().filter(|n| n.is_some()).count();
    let unnamed = names.len() - named;
    match (named, unnamed) {
        (0, 0) => Ok(Shape::Whole),
        (0, k) => Ok(Shape::Positional(k)),
        (_, 0) => Ok(Shape::Named(
            names.into_iter().flatten().map(str::to_string).collect(),
        )),
        _ => Err(
            a.invalid("invalid regexp pattern: cannot mix both named and unnamed capture groups")
        ),
    }
}

fn capture_value(shape: &Shape, caps: &regex::Captures<'_>) -> Value {
    let group = |i: usize| {
        caps.get(i)
            .map(|m| Value::string(m.as_str()))
            .unwrap_or_else(Value::null)
    };
    match shape {
        Shape::Whole => group(0),
        Shape::Positional(k) => Value::list((1..=*k).map(group).collect()),
        Shape::Named(names) => {
            let mut out = ValueMap::new();
            for name in names {
                let v = caps
                    .name(name)
                    .map(|m| Value::string(m.as_str()))
                    .unwrap_or_else(Value::null);
                out.insert(name.clone(), v);
            }
            Value::map(out)
        }
    }
}

pub(super) fn regex(a: &Args<'_>) -> Result<Value, FnError> {
    let pattern = a.str(0)?;
    let s = a.str(1)?;
    let re = compile_regex(a, &pattern)?;
    let shape = shape(a, &re)?;
    let caps = re
        .captures(&s)
        .ok_or_else(|| a.invalid("pattern did not match any part of the given string"))?;
    Ok(capture_value(&shape, &caps))
}

pub(super) fn regexall(a: &Args<'_>) -> Result<Value, FnError> {
    let pattern = a.str(0)?;
    let s = a.str(1)?;
    let re = compile_regex(a, &pattern)?;
    let shape = shape(a, &re)?;
    let mut out = Vec::new();
    for caps in re.captures_iter(&s) {
        if out.len() >= MAX_LIST {
            return Err(a.limit(format!("more than {MAX_LIST} matches")));
        }
        out.push(capture_value(&shape, &caps));
    }
    Ok(Value::list(out))
}

/// A piece of a Go-style replacement template (`$1`, `${name}`, `$$`).
enum Piece {
    Lit(String),
    Index(usize),
    Name(String),
}

fn parse_template(t: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut rest = t;
    while let Some(pos) = rest.find('$') {
        lit.push_str(rest.get(..pos).unwrap_or(""));
        let after = rest.get(pos + 1..).unwrap_or("");
        if let Some(tail) = after.strip_prefix('$') {
            lit.push('$');
            rest = tail;
            continue;
        }
        let (name, tail) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(end) => {
                    let name = inner.get(..end).unwrap_or("");
                    let ok =
                        !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
                    if ok {
                        (Some(name), inner.get(end + 1..).unwrap_or(""))
                    } else {
                        (None, after)
                    }
                }
                None => (None, after),
            }
        } else {
            let end = after
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map(|(i, _)| i)
                .unwrap_or(after.len());
            if end == 0 {
                (None, after)
            } else {
                (after.get(..end), after.get(end..).unwrap_or(""))
            }
        };
        match name {
            Some(name) => {
                if !lit.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                if name.chars().all(|c| c.is_ascii_digit()) {
                    // An index too large to exist expands to nothing.
                    pieces.push(Piece::Index(name.parse().unwrap_or(usize::MAX)));
                } else {
                    pieces.push(Piece::Name(name.to_string()));
                }
                rest = tail;
            }
            None => {
                lit.push('$');
                rest = after;
            }
        }
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    pieces
}

pub(super) fn replace(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let substr = a.str(1)?;
    let replacement = a.str(2)?;
    if substr.len() > 1 && substr.starts_with('/') && substr.ends_with('/') {
        let pattern = substr.get(1..substr.len() - 1).unwrap_or("");
        let re = compile_regex(a, pattern)?;
        let template = parse_template(&replacement);
        let mut out = String::new();
        let mut last = 0;
        for caps in re.captures_iter(&s) {
            let Some(m) = caps.get(0) else { continue };
            out.push_str(s.get(last..m.start()).unwrap_or(""));
            for piece in &template {
                let text = match piece {
                    Piece::Lit(t) => t.as_str(),
                    Piece::Index(i) => caps.get(*i).map(|m| m.as_str()).unwrap_or(""),
                    Piece::Name(n) => caps.name(n).map(|m| m.as_str()).unwrap_or(""),
                };
                if out.len().saturating_add(text.len()) > MAX_STRING {
                    return Err(a.limit(format!("result longer than {MAX_STRING} bytes")));
                }
                out.push_str(text);
            }
            last = m.end();
        }
        out.push_str(s.get(last..).unwrap_or(""));
        return a.string_result(out);
    }
    let count = if substr.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(substr.as_str()).count()
    };
    let len = count
        .checked_mul(replacement.len())
        .and_then(|x| x.checked_add(s.len()))
        .unwrap_or(usize::MAX);
    a.check_str_len(len)?;
    a.string_result(s.replace(substr.as_str(), &replacement))
}

pub(super) fn split(a: &Args<'_>) -> Result<Value, FnError> {
    let sep = a.str(0)?;
    let s = a.str(1)?;
    if sep.is_empty() {
        a.check_list_len(s.chars().count())?;
        return Ok(Value::list(
            s.chars().map(|c| Value::string(c.to_string())).collect(),
        ));
    }
    a.check_list_len(s.matches(sep.as_str()).count().saturating_add(1))?;
    Ok(Value::list(
        s.split(sep.as_str()).map(Value::string).collect(),
    ))
}

pub(super) fn strrev(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    match graphemes(&s) {
        Some(g) => Ok(Value::string(g.into_iter().rev().collect::<String>())),
        None => Ok(Value::unknown()),
    }
}

pub(super) fn substr(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let mut offset = a.int(1)?;
    let length = a.int(2)?;
    let Some(clusters) = graphemes(&s) else {
        return Ok(Value::unknown());
    };
    let total = i64::try_from(clusters.len()).unwrap_or(i64::MAX);
    if offset < 0 {
        if length == 0 {
            // Terraform's behaviour for this combination is irregular.
            return Ok(Value::unknown());
        }
        offset = offset.saturating_add(total).max(0);
    } else if length == 0 {
        return Ok(Value::string(""));
    }
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    if start >= clusters.len() {
        return Ok(Value::string(""));
    }
    let rest = clusters.get(start..).unwrap_or(&[]);
    let taken: String = if length < 0 {
        rest.concat()
    } else {
        let n = usize::try_from(length).unwrap_or(usize::MAX);
        rest.iter().take(n).copied().collect()
    };
    Ok(Value::string(taken))
}

pub(super) fn trim(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let cutset: Vec<char> = a.str(1)?.chars().collect();
    Ok(Value::string(s.trim_matches(cutset.as_slice())))
}

pub(super) fn trimprefix(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let p = a.str(1)?;
    Ok(Value::string(s.strip_prefix(p.as_str()).unwrap_or(&s)))
}

pub(super) fn trimsuffix(a: &Args<'_>) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let p = a.str(1)?;
    Ok(Value::string(s.strip_suffix(p.as_str()).unwrap_or(&s)))
}

pub(super) fn trimspace(a: &Args<'_>) -> Result<Value, FnError> {
    Ok(Value::string(a.str(0)?.trim()))
}

/// Length of a string in characters, for `length()`.
pub(super) fn strlen(s: &str) -> Value {
    match char_count(s) {
        Some(n) => Value::number(n as f64),
        None => Value::unknown(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn go_regex_translation() {
        assert_eq!(translate_go_regex(r"\d+"), "[0-9]+");
        assert_eq!(translate_go_regex(r"[\d.]"), "[0-9.]");
        assert_eq!(translate_go_regex(r"[]\d]"), "[]0-9]");
        assert_eq!(translate_go_regex(r"\\d"), r"\\d");
        assert_eq!(translate_go_regex(r"a\Q.*\Eb"), r"a\.\*b");
    }

    #[test]
    fn template_parsing() {
        let p = parse_template("a$1b${name}$$ $");
        assert_eq!(p.len(), 4);
        assert!(matches!(&p[0], Piece::Lit(t) if t == "a"));
        assert!(matches!(&p[1], Piece::Name(t) if t == "1b"));
        assert!(matches!(&p[2], Piece::Name(t) if t == "name"));
        assert!(matches!(&p[3], Piece::Lit(t) if t == "$ $"));
    }

    #[test]
    fn unicode_is_ascii_in_classes() {
        // Go's \d does not match Arabic-Indic digits.
        assert_eq!(ok("regexall", vec![s(r"\d"), s("1٣2")]), sl(&["1", "2"]));
    }
}
