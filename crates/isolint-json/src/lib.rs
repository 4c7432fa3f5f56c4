//! # isolint-json
//!
//! A span-aware JSONC parser. Every node of the tree ([`JsonNode`]) and every
//! object key ([`Member::key_span`]) keeps the byte range it was read from, so
//! that front-ends can point findings at the exact literal. The parser accepts
//! what real infrastructure-as-code JSON contains beyond strict JSON:
//!
//! - `//` line comments and `/* */` block comments,
//! - trailing commas in arrays and objects,
//! - raw control characters (newlines, tabs) inside strings,
//! - a UTF-8 byte order mark, CRLF line ends.
//!
//! Nesting is bounded ([`ParseOptions::max_depth`]); input of any shape gives a
//! tree or a [`ParseError`] with the span of the problem, never a panic or a
//! stack overflow.
//!
//! [`classify`] tells ARM templates, ARM parameter files and Terraform plans
//! apart; [`JsonNode::to_value`] turns a tree into an [`isolint_model::Value`]
//! whose every node has a *written* origin at its literal.
//!
//! When not to use it: for JSON that needs no spans, `serde_json` is faster.
//!
//! ```
//! use isolint_json::{parse, classify, DocKind};
//! use isolint_model::{FileId, OriginKind};
//! let text = r#"{
//!   // a comment
//!   "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
//!   "resources": [ { "name": "a", }, ],
//! }"#;
//! let doc = parse(FileId(0), text).unwrap();
//! assert_eq!(classify(&doc), DocKind::ArmTemplate);
//! let name = doc.get("resources").unwrap().index(0).unwrap().get("name").unwrap();
//! assert_eq!(&text[name.span.start as usize..name.span.end as usize], "\"a\"");
//! let v = doc.to_value();
//! assert_eq!(v.path("resources.0.name").unwrap().origin.kind, OriginKind::Written);
//! ```
#![forbid(unsafe_code)]

use isolint_model::{Data, FileId, Origin, Span, Value};
use std::fmt;

/// Default bound on array/object nesting.
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// A JSON value with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonNode {
    pub kind: JsonKind,
    /// The literal, from its first to its last byte (quotes and brackets included).
    pub span: Span,
}

/// The kinds of JSON values.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<JsonNode>),
    /// Members in document order (duplicates kept).
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    /// The key literal, quotes included.
    pub key_span: Span,
    pub value: JsonNode,
}

impl Member {
    /// The member from its key through its value.
    pub fn span(&self) -> Span {
        self.key_span.to(self.value.span)
    }
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    /// True when the input hit a bound (nesting depth) rather than being malformed.
    pub limit: bool,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parser settings.
#[derive(Clone, Copy, Debug)]
pub struct ParseOptions {
    /// Maximum nesting of arrays and objects.
    pub max_depth: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

/// Parses JSONC text (see the crate docs for what is accepted).
pub fn parse(file: FileId, text: &str) -> Result<JsonNode, ParseError> {
    parse_with(file, text, ParseOptions::default())
}

/// Parses JSONC text with explicit options.
pub fn parse_with(file: FileId, text: &str, opts: ParseOptions) -> Result<JsonNode, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        max_depth: opts.max_depth,
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.skip_ws()?;
    if p.pos >= p.bytes.len() {
        return Err(p.err_at(p.pos, p.pos, "empty document: expected a JSON value"));
    }
    let node = p.value(0)?;
    p.skip_ws()?;
    if p.pos < p.bytes.len() {
        let end = p.char_end(p.pos);
        return Err(p.err_at(p.pos, end, "unexpected content after the JSON value"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: FileId,
    max_depth: usize,
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn err_at(&self, start: usize, end: usize, msg: impl Into<String>) -> ParseError {
        ParseError {
            message: msg.into(),
            span: self.span(start, end),
            limit: false,
        }
    }

    /// End of the character starting at `i` (for error spans).
    fn char_end(&self, i: usize) -> usize {
        let mut e = i.saturating_add(1).min(self.bytes.len());
        while e < self.bytes.len() && !self.text.is_char_boundary(e) {
            e += 1;
        }
        e
    }

    fn describe(&self, i: usize) -> String {
        match self.text.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => format!("'{}'", c.escape_debug()),
            None => "end of file".to_string(),
        }
    }

    fn skip_ws(&mut self) -> Result<(), ParseError> {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => match self.bytes.get(self.pos + 1) {
                    Some(b'/') => {
                        while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                            self.pos += 1;
                        }
                    }
                    Some(b'*') => {
                        let start = self.pos;
                        self.pos += 2;
                        loop {
                            if self.pos + 1 >= self.bytes.len() {
                                return Err(self.err_at(
                                    start,
                                    start + 2,
                                    "unterminated block comment",
                                ));
                            }
                            if self.bytes[self.pos] == b'*' && self.bytes[self.pos + 1] == b'/' {
                                self.pos += 2;
                                break;
                            }
                            self.pos += 1;
                        }
                    }
                    _ => return Ok(()),
                },
                _ => {
                    // Other Unicode whitespace (a stray BOM, no-break space) is tolerated.
                    if let Some(c) = self.text.get(self.pos..).and_then(|s| s.chars().next()) {
                        if c == '\u{feff}' || c == '\u{a0}' {
                            self.pos += c.len_utf8();
                            continue;
                        }
                    }
                    return Ok(());
                }
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsonNode, ParseError> {
        let start = self.pos;
        match self.bytes.get(self.pos) {
            None => Err(self.err_at(
                start,
                start,
                "unexpected end of file: expected a JSON value",
            )),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(JsonNode {
                    kind: JsonKind::String(s),
                    span: self.span(start, self.pos),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't' | b'f' | b'n') => {
                for (word, kind) in [
                    ("true", JsonKind::Bool(true)),
                    ("false", JsonKind::Bool(false)),
                    ("null", JsonKind::Null),
                ] {
                    if self.bytes[self.pos..].starts_with(word.as_bytes()) {
                        let end = self.pos + word.len();
                        let next = self.bytes.get(end);
                        if !matches!(next, Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
                            self.pos = end;
                            return Ok(JsonNode {
                                kind,
                                span: self.span(start, end),
                            });
                        }
                    }
                }
                Err(self.unexpected(start, "a JSON value"))
            }
            Some(_) => Err(self.unexpected(start, "a JSON value")),
        }
    }

    fn unexpected(&self, at: usize, expected: &str) -> ParseError {
        let end = self.char_end(at);
        self.err_at(
            at,
            end,
            format!("expected {expected}, found {}", self.describe(at)),
        )
    }

    fn enter(&self, depth: usize) -> Result<usize, ParseError> {
        let d = depth + 1;
        if d > self.max_depth {
            return Err(ParseError {
                message: format!("JSON nesting is deeper than {} levels", self.max_depth),
                span: self.span(self.pos, self.pos + 1),
                limit: true,
            });
        }
        Ok(d)
    }

    fn object(&mut self, depth: usize) -> Result<JsonNode, ParseError> {
        let depth = self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        loop {
            self.skip_ws()?;
            match self.bytes.get(self.pos) {
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonNode {
                        kind: JsonKind::Object(members),
                        span: self.span(start, self.pos),
                    });
                }
                Some(b'"') => {}
                None => {
                    return Err(self.err_at(start, start + 1, "unterminated object: missing '}'"))
                }
                Some(_) => {
                    return Err(self.unexpected(self.pos, "a property name in double quotes or '}'"))
                }
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = self.span(key_start, self.pos);
            self.skip_ws()?;
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.unexpected(self.pos, "':' after the property name"));
            }
            self.pos += 1;
            self.skip_ws()?;
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws()?;
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                None => {
                    return Err(self.err_at(start, start + 1, "unterminated object: missing '}'"))
                }
                Some(_) => return Err(self.unexpected(self.pos, "',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<JsonNode, ParseError> {
        let depth = self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            match self.bytes.get(self.pos) {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonNode {
                        kind: JsonKind::Array(items),
                        span: self.span(start, self.pos),
                    });
                }
                None => {
                    return Err(self.err_at(start, start + 1, "unterminated array: missing ']'"))
                }
                _ => {}
            }
            items.push(self.value(depth)?);
            self.skip_ws()?;
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                None => {
                    return Err(self.err_at(start, start + 1, "unterminated array: missing ']'"))
                }
                Some(_) => return Err(self.unexpected(self.pos, "',' or ']'")),
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let s = self.text.get(at..at.checked_add(4)?)?;
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(s, 16).ok()
    }

    /// Reads a string literal starting at the opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.err_at(start, self.bytes.len(), "unterminated string"));
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[run..self.pos]);
                    let esc = self.pos;
                    let Some(&c) = self.bytes.get(self.pos + 1) else {
                        return Err(self.err_at(start, self.bytes.len(), "unterminated string"));
                    };
                    self.pos += 2;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let Some(hi) = self.hex4(self.pos) else {
                                return Err(self.err_at(
                                    esc,
                                    self.char_end(esc + 1),
                                    "invalid \\u escape: expected four hex digits",
                                ));
                            };
                            self.pos += 4;
                            let mut ch = None;
                            if (0xD800..0xDC00).contains(&hi)
                                && self.bytes.get(self.pos) == Some(&b'\\')
                                && self.bytes.get(self.pos + 1) == Some(&b'u')
                            {
                                if let Some(lo) = self
                                    .hex4(self.pos + 2)
                                    .filter(|lo| (0xDC00..0xE000).contains(lo))
                                {
                                    ch = char::from_u32(
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00),
                                    );
                                    self.pos += 6;
                                }
                            }
                            out.push(ch.or_else(|| char::from_u32(hi)).unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            let end = self.char_end(esc + 1);
                            return Err(self.err_at(
                                esc,
                                end,
                                format!(
                                    "invalid escape sequence '\\{}'",
                                    self.text.get(esc + 1..end).unwrap_or("?")
                                ),
                            ));
                        }
                    }
                    run = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn number(&mut self) -> Result<JsonNode, ParseError> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.pos;
            while matches!(p.bytes.get(p.pos), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > s
        };
        if !digits(self) {
            return Err(self.unexpected(self.pos, "a digit"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.unexpected(self.pos, "a digit after '.'"));
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.unexpected(self.pos, "a digit in the exponent"));
            }
        }
        let n: f64 = self.text[start..self.pos]
            .parse()
            .map_err(|_| self.err_at(start, self.pos, "invalid number"))?;
        Ok(JsonNode {
            kind: JsonKind::Number(n),
            span: self.span(start, self.pos),
        })
    }
}

impl JsonNode {
    /// The member named `key`: exact match first, then ignoring ASCII case
    /// (ARM treats property names case-insensitively).
    pub fn member(&self, key: &str) -> Option<&Member> {
        let JsonKind::Object(members) = &self.kind else {
            return None;
        };
        members
            .iter()
            .find(|m| m.key == key)
            .or_else(|| members.iter().find(|m| m.key.eq_ignore_ascii_case(key)))
    }

    /// The value of the member named `key` (see [`JsonNode::member`]).
    pub fn get(&self, key: &str) -> Option<&JsonNode> {
        self.member(key).map(|m| &m.value)
    }

    /// The `i`-th element of an array.
    pub fn index(&self, i: usize) -> Option<&JsonNode> {
        self.as_array()?.get(i)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            JsonKind::Bool(b) => Some(b),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self.kind {
            JsonKind::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[JsonNode]> {
        match &self.kind {
            JsonKind::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            JsonKind::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self.kind, JsonKind::Null)
    }

    /// The tree as a [`Value`] whose every node has a written origin at its
    /// literal. For duplicate keys the last one wins, as in most JSON readers.
    pub fn to_value(&self) -> Value {
        let data = match &self.kind {
            JsonKind::Null => Data::Null,
            JsonKind::Bool(b) => Data::Bool(*b),
            JsonKind::Number(n) => Data::Number(*n),
            JsonKind::String(s) => Data::String(s.clone()),
            JsonKind::Array(items) => Data::List(items.iter().map(JsonNode::to_value).collect()),
            JsonKind::Object(members) => {
                let mut m = isolint_model::ValueMap::new();
                for mem in members {
                    m.insert(mem.key.clone(), mem.value.to_value());
                }
                Data::Map(m)
            }
        };
        Value::new(data, Origin::written(self.span))
    }

    /// The tree as plain `serde_json` (spans dropped; last duplicate key wins).
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.kind {
            JsonKind::Null => serde_json::Value::Null,
            JsonKind::Bool(b) => serde_json::Value::Bool(*b),
            JsonKind::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    serde_json::Value::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n)
                        .map(serde_json::Value::Number)
                        .unwrap_or(serde_json::Value::Null)
                }
            }
            JsonKind::String(s) => serde_json::Value::String(s.clone()),
            JsonKind::Array(items) => {
                serde_json::Value::Array(items.iter().map(JsonNode::to_serde).collect())
            }
            JsonKind::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// What a JSON document is, judged by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// An ARM deployment template (`$schema` naming `deploymentTemplate`).
    ArmTemplate,
    /// An ARM parameter file (`$schema` naming `deploymentParameters`).
    ArmParameters,
    /// `terraform show -json` output (`format_version` with `planned_values` or `resource_changes`).
    TerraformPlan,
    Other,
}

/// Classifies a parsed document (see [`DocKind`]).
pub fn classify(doc: &JsonNode) -> DocKind {
    if doc.as_object().is_none() {
        return DocKind::Other;
    }
    if let Some(schema) = doc.get("$schema").and_then(JsonNode::as_str) {
        let s = schema.to_ascii_lowercase();
        if s.contains("deploymenttemplate") {
            return DocKind::ArmTemplate;
        }
        if s.contains("deploymentparameters") {
            return DocKind::ArmParameters;
        }
    }
    if doc.member("format_version").is_some()
        && (doc.member("planned_values").is_some() || doc.member("resource_changes").is_some())
    {
        return DocKind::TerraformPlan;
    }
    DocKind::Other
}

/// Classifies raw text cheaply: parses it only when it may be one of the
/// known kinds. Returns [`DocKind::Other`] for text that is not JSON.
pub fn classify_text(text: &str) -> DocKind {
    let lower_has = |needle: &str| {
        text.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if !(lower_has("deploymenttemplate")
        || lower_has("deploymentparameters")
        || lower_has("format_version"))
    {
        return DocKind::Other;
    }
    match parse(FileId(0), text) {
        Ok(doc) => classify(&doc),
        // Broken JSON that says what it is still goes to its front-end,
        // which reports the parse error.
        Err(_) if lower_has("\"$schema\"") && lower_has("deploymenttemplate") => {
            DocKind::ArmTemplate
        }
        Err(_) if lower_has("\"$schema\"") && lower_has("deploymentparameters") => {
            DocKind::ArmParameters
        }
        Err(_)
            if lower_has("\"format_version\"")
                && (lower_has("\"planned_values\"") || lower_has("\"resource_changes\"")) =>
        {
            DocKind::TerraformPlan
        }
        Err(_) => DocKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<JsonNode, ParseError> {
        parse(FileId(0), text)
    }

    fn slice(text: &str, s: Span) -> &str {
        &text[s.start as usize..s.end as usize]
    }

    #[test]
    fn comments_trailing_commas_and_raw_newlines() {
        let text = "{\n // line\n \"a\": [1, 2,], /* block\n */ \"b\": \"x\ny\", \"c\": {\"d\": null,},\n}";
        let doc = p(text).unwrap();
        assert_eq!(doc.get("a").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(doc.get("b").unwrap().as_str(), Some("x\ny"));
        assert!(doc.get("c").unwrap().get("d").unwrap().is_null());
        let m = doc.member("b").unwrap();
        assert_eq!(slice(text, m.key_span), "\"b\"");
        assert_eq!(slice(text, m.span()), "\"b\": \"x\ny\"");
    }

    #[test]
    fn bom_crlf_and_case_insensitive_get() {
        let text = "\u{feff}{\r\n  \"Name\": \"v\"\r\n}\r\n";
        let doc = p(text).unwrap();
        assert_eq!(doc.get("name").unwrap().as_str(), Some("v"));
        assert_eq!(slice(text, doc.get("NAME").unwrap().span), "\"v\"");
        assert_eq!(doc.span.start, 3);
    }

    #[test]
    fn escapes_and_numbers() {
        let doc = p(r#"["a\"b\\c\/\n\u0041\ud83d\ude00", -1.5e2, 0, 12]"#).unwrap();
        assert_eq!(doc.index(0).unwrap().as_str(), Some("a\"b\\c/\nA😀"));
        assert_eq!(doc.index(1).unwrap().as_f64(), Some(-150.0));
        assert_eq!(doc.index(3).unwrap().as_f64(), Some(12.0));
    }

    #[test]
    fn errors_have_positions() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let e = p(text).unwrap_err();
        assert_eq!(e.span.start as usize, text.find("\"b\"").unwrap());
        assert!(e.message.contains("','"), "{}", e.message);
        let e = p("{\"a\": \"x").unwrap_err();
        assert!(e.message.contains("unterminated string"));
        assert_eq!(e.span.start, 6);
        let e = p("[1, 2").unwrap_err();
        assert!(e.message.contains("unterminated array"));
        let e = p("").unwrap_err();
        assert!(e.message.contains("empty"));
        let e = p("{} x").unwrap_err();
        assert_eq!(e.span.start, 3);
        let e = p("/* never closed").unwrap_err();
        assert!(e.message.contains("block comment"));
        let e = p(r#"["\q"]"#).unwrap_err();
        assert_eq!((e.span.start, e.span.end), (2, 4));
        assert!(p("[tru]").is_err());
        assert!(p("[01x]").is_err());
        assert!(p("{\"a\" 1}").is_err());
        assert!(p("[\"\\u12\"]").is_err());
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let e = p(&deep).unwrap_err();
        assert!(e.limit);
        let deep = "{\"a\":".repeat(100_000);
        assert!(p(&deep).unwrap_err().limit);
        let ok = "[".repeat(200) + &"]".repeat(200);
        assert!(p(&ok).is_ok());
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "\"",
            "\\",
            "{\"",
            "{\"a\"",
            "{\"a\":",
            "[,]",
            "-",
            "1.",
            "1e",
            "\u{feff}",
            "\"\\u",
            "\"\\ud800\\u",
            "ü",
            "{,}",
        ] {
            let _ = p(t);
        }
        assert!(p("[,]").is_err());
    }

    #[test]
    fn classify_kinds() {
        let t = p(r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}"#).unwrap();
        assert_eq!(classify(&t), DocKind::ArmTemplate);
        let t = p(r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"}"#).unwrap();
        assert_eq!(classify(&t), DocKind::ArmParameters);
        let t = p(r#"{"format_version": "1.2", "planned_values": {}}"#).unwrap();
        assert_eq!(classify(&t), DocKind::TerraformPlan);
        assert_eq!(classify(&p("[]").unwrap()), DocKind::Other);
        assert_eq!(classify_text("not json deploymentTemplate"), DocKind::Other);
        assert_eq!(
            classify_text("{\"$schema\": \"x/deploymentTemplate.json#\", oops"),
            DocKind::ArmTemplate
        );
    }

    #[test]
    fn to_value_keeps_spans() {
        let text = r#"{"a": {"b": [true, "x"]}}"#;
        let v = p(text).unwrap().to_value();
        let x = v.path("a.b.1").unwrap();
        assert_eq!(slice(text, x.span().unwrap()), "\"x\"");
        assert_eq!(v.path("a.b.0").unwrap().as_bool(), Some(true));
        assert_eq!(
            p(text).unwrap().to_serde(),
            serde_json::json!({"a": {"b": [true, "x"]}})
        );
    }
}
