//! Terraform's JSON configuration syntax (`*.tf.json`) and JSON variable
//! files (`*.tfvars.json`).
//!
//! A `.tf.json` document is rewritten into equivalent HCL native syntax
//! (strings become quoted templates, `"${var.x}"` stays a template whose only
//! part is an interpolation, so it evaluates to the value itself), parsed with
//! hcl-edit and fed to the same loader as a `.tf` file. The HCL text exists
//! only in memory: a [`Remap`] translates every offset of it back into the
//! JSON file, so values, sites and resource spans point at the JSON source.
//!
//! Terraform decides between an attribute and a nested block from the
//! provider schema, which isolint does not have: inside `resource` and `data`
//! bodies an object (or an array of objects) is a nested block unless its name
//! is a known map attribute (`tags`, azapi `body`, …); `module` arguments and
//! `locals` are always attributes. `variable` defaults are literal values,
//! `variable` types are expressions, as Terraform reads them.

use hcl_edit::structure::Body;
use isolint_json::{JsonKind, JsonNode};
use isolint_model::finding::meta;
use isolint_model::{Data, FileId, Finding, SourceMap, Span, Value};

/// Names of map-valued attributes that are never nested blocks.
const MAP_ATTRS: &[&str] = &[
    "tags",
    "body",
    "headers",
    "outputs",
    "app_settings",
    "metadata",
    "labels",
    "parameters",
    "settings",
    "protected_settings",
    "triggers",
    "variables",
    "environment_variables",
    "secure_environment_variables",
    "annotations",
    "dimensions",
    "locks",
    "response_export_values",
    "sensitive_body",
    "replace_triggers_refs",
];

/// Skip these keys in resource bodies: not evaluated by isolint.
const SKIPPED_META: &[&str] = &["lifecycle", "connection", "provisioner", "//"];

const MAX_DEPTH: u32 = 200;

/// One piece of the generated HCL and the JSON bytes it stands for.
#[derive(Clone, Copy, Debug)]
struct Seg {
    syn: (usize, usize),
    json: (usize, usize),
}

/// Translates offsets of the generated HCL text back into the JSON file.
#[derive(Clone, Debug, Default)]
pub struct Remap {
    /// Sorted by start offset in the generated text.
    segs: Vec<Seg>,
}

impl Remap {
    /// The JSON offset for a generated offset: inside the innermost piece
    /// that contains it (offsets inside a string map one to one while the
    /// two texts have the same length there).
    fn offset(&self, o: usize) -> usize {
        let i = self.segs.partition_point(|s| s.syn.0 <= o);
        let mut steps = 0;
        let mut j = i;
        while j > 0 && steps < 4096 {
            j -= 1;
            steps += 1;
            let s = self.segs[j];
            if s.syn.0 <= o && o <= s.syn.1 {
                if o == s.syn.1 {
                    return s.json.1;
                }
                let within = o - s.syn.0;
                return (s.json.0 + within).min(s.json.1);
            }
        }
        self.segs
            .get(i.saturating_sub(1))
            .map(|s| s.json.1)
            .unwrap_or(0)
    }

    /// A span of the generated text as a span of the JSON file.
    pub fn span(&self, s: Span) -> Span {
        let start = self.offset(s.start as usize);
        let end = self.offset(s.end as usize).max(start);
        Span::new(s.file, start, end)
    }

    /// Every span inside a value.
    pub fn value(&self, v: &mut Value, file: FileId, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(s) = v.origin.span.filter(|s| s.file == file) {
            v.origin.span = Some(self.span(s));
        }
        match &mut v.data {
            Data::List(items) => items
                .iter_mut()
                .for_each(|i| self.value(i, file, depth + 1)),
            Data::Map(m) => m.values_mut().for_each(|i| self.value(i, file, depth + 1)),
            _ => {}
        }
    }
}

/// Is this file Terraform JSON configuration?
pub fn is_json_config(name: &str) -> bool {
    name.ends_with(".tf.json")
}

/// Is this file a JSON variable file?
pub fn is_json_vars(name: &str) -> bool {
    name.ends_with(".tfvars.json")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Strings are templates.
    Template,
    /// Strings are literal (variable defaults).
    Literal,
    /// Strings are HCL expressions (variable types).
    Raw,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// Resource, data source or nested block: objects may be blocks.
    Resource,
    Variable,
    Output,
    Module,
}

struct Gen<'a> {
    text: &'a str,
    out: String,
    segs: Vec<Seg>,
    findings: Vec<Finding>,
    file: FileId,
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// An HCL quoted string for `s`; `literal` escapes template sequences.
fn quote(s: &str, literal: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // A template sequence is copied as it is: quotes inside `${ }` are
        // HCL syntax, not string content (`$${` stays a literal `${`).
        if !literal && (c == '$' || c == '%') {
            if chars.peek() == Some(&c) {
                out.push(c);
                out.push(c);
                chars.next();
                continue;
            }
            if chars.peek() == Some(&'{') {
                out.push(c);
                copy_sequence(&mut chars, &mut out);
                continue;
            }
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if literal && chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Copies `{ … }` up to its matching brace, skipping strings inside.
fn copy_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    let mut depth = 0usize;
    let mut in_str = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(' '),
            '\r' => {}
            _ => out.push(c),
        }
        if in_str {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

impl Gen<'_> {
    fn seg(&mut self, syn_start: usize, json: Span) {
        let syn_end = self.out.len();
        self.segs.push(Seg {
            syn: (syn_start, syn_end),
            json: (json.start as usize, json.end as usize),
        });
    }

    /// Writes `s` standing for the JSON bytes of `json`.
    fn put(&mut self, s: &str, json: Span) {
        let start = self.out.len();
        self.out.push_str(s);
        self.seg(start, json);
    }

    fn close_span(node: &JsonNode) -> Span {
        Span {
            file: node.span.file,
            start: node.span.end.saturating_sub(1),
            end: node.span.end,
        }
    }

    fn top(&mut self, doc: &JsonNode) {
        for m in doc.as_object().unwrap_or(&[]) {
            match m.key.as_str() {
                "resource" | "data" => {
                    for t in m.value.as_object().unwrap_or(&[]) {
                        for n in t.value.as_object().unwrap_or(&[]) {
                            for body in each_object(&n.value) {
                                self.block(
                                    &m.key,
                                    &[(&t.key, t.key_span), (&n.key, n.key_span)],
                                    n.key_span,
                                    body,
                                    BodyKind::Resource,
                                    0,
                                );
                            }
                        }
                    }
                }
                "variable" | "output" | "module" => {
                    let kind = match m.key.as_str() {
                        "variable" => BodyKind::Variable,
                        "output" => BodyKind::Output,
                        _ => BodyKind::Module,
                    };
                    for n in m.value.as_object().unwrap_or(&[]) {
                        for body in each_object(&n.value) {
                            self.block(&m.key, &[(&n.key, n.key_span)], n.key_span, body, kind, 0);
                        }
                    }
                }
                "locals" => {
                    for body in each_object(&m.value) {
                        let start = self.out.len();
                        self.out.push_str("locals {\n");
                        self.seg(start, m.key_span);
                        for a in body.as_object().unwrap_or(&[]) {
                            if a.key != "//" {
                                self.attribute(&a.key, a.key_span, &a.value, Mode::Template, 0);
                            }
                        }
                        self.put("}", Self::close_span(body));
                        self.out.push('\n');
                    }
                }
                _ => {}
            }
        }
    }

    fn block(
        &mut self,
        ident: &str,
        labels: &[(&str, Span)],
        ident_span: Span,
        body: &JsonNode,
        kind: BodyKind,
        depth: u32,
    ) {
        if depth > MAX_DEPTH || !is_ident(ident) {
            return;
        }
        self.put(ident, ident_span);
        for (l, sp) in labels {
            self.out.push(' ');
            self.put(&quote(l, true), *sp);
        }
        self.out.push_str(" {\n");
        for a in body.as_object().unwrap_or(&[]) {
            let k = a.key.as_str();
            if !is_ident(k) {
                continue;
            }
            match kind {
                BodyKind::Resource => {
                    if SKIPPED_META.contains(&k) {
                        continue;
                    }
                    if k == "dynamic" {
                        for d in a.value.as_object().unwrap_or(&[]) {
                            for db in each_object(&d.value) {
                                self.dynamic(&d.key, d.key_span, db, depth + 1);
                            }
                        }
                        continue;
                    }
                    let blocks = nested_blocks(k, &a.value);
                    if let Some(bs) = blocks {
                        for b in bs {
                            self.block(k, &[], a.key_span, b, BodyKind::Resource, depth + 1);
                        }
                        continue;
                    }
                    self.attribute(k, a.key_span, &a.value, Mode::Template, depth);
                }
                BodyKind::Variable => match k {
                    "default" => self.attribute(k, a.key_span, &a.value, Mode::Literal, depth),
                    "type" => self.attribute(k, a.key_span, &a.value, Mode::Raw, depth),
                    "description" | "sensitive" | "nullable" => {
                        self.attribute(k, a.key_span, &a.value, Mode::Literal, depth)
                    }
                    _ => {}
                },
                BodyKind::Output => {
                    if k == "value" {
                        self.attribute(k, a.key_span, &a.value, Mode::Template, depth);
                    }
                }
                BodyKind::Module => match k {
                    "source" | "version" => {
                        self.attribute(k, a.key_span, &a.value, Mode::Literal, depth)
                    }
                    "providers" | "depends_on" | "//" => {}
                    _ => self.attribute(k, a.key_span, &a.value, Mode::Template, depth),
                },
            }
        }
        self.put("}", Self::close_span(body));
        self.out.push('\n');
    }

    fn dynamic(&mut self, name: &str, name_span: Span, body: &JsonNode, depth: u32) {
        if depth > MAX_DEPTH || !is_ident(name) {
            return;
        }
        self.put("dynamic", name_span);
        self.out.push(' ');
        self.put(&quote(name, true), name_span);
        self.out.push_str(" {\n");
        for a in body.as_object().unwrap_or(&[]) {
            match a.key.as_str() {
                "for_each" => {
                    self.attribute("for_each", a.key_span, &a.value, Mode::Template, depth)
                }
                "iterator" => self.attribute("iterator", a.key_span, &a.value, Mode::Raw, depth),
                "content" => {
                    for c in each_object(&a.value) {
                        self.block("content", &[], a.key_span, c, BodyKind::Resource, depth + 1);
                    }
                }
                _ => {}
            }
        }
        self.put("}", Self::close_span(body));
        self.out.push('\n');
    }

    fn attribute(&mut self, key: &str, key_span: Span, value: &JsonNode, mode: Mode, depth: u32) {
        if !is_ident(key) {
            return;
        }
        self.put(key, key_span);
        self.out.push_str(" = ");
        self.expr(value, mode, depth + 1);
        self.out.push('\n');
    }

    fn expr(&mut self, v: &JsonNode, mode: Mode, depth: u32) {
        let start = self.out.len();
        if depth > MAX_DEPTH {
            self.out.push_str("null");
            self.seg(start, v.span);
            return;
        }
        match &v.kind {
            JsonKind::Null => self.out.push_str("null"),
            JsonKind::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            JsonKind::Number(n) => {
                let raw = self
                    .text
                    .get(v.span.start as usize..v.span.end as usize)
                    .unwrap_or("");
                if raw.parse::<f64>().is_ok() && !raw.is_empty() {
                    self.out.push_str(raw);
                } else {
                    self.out.push_str(&format!("{n}"));
                }
            }
            JsonKind::String(s) => match mode {
                Mode::Literal => self.out.push_str(&quote(s, true)),
                Mode::Raw => {
                    let flat = s.replace(['\n', '\r'], " ");
                    if hcl_edit::parser::parse_expr(&flat).is_ok() {
                        self.out.push_str(&flat);
                    } else {
                        self.bad(v.span, "is not a valid expression");
                        self.out.push_str("null");
                    }
                }
                Mode::Template => {
                    if hcl_edit::parser::parse_template(s).is_ok() {
                        self.out.push_str(&quote(s, false));
                    } else {
                        self.bad(v.span, "is not a valid template");
                        self.out.push_str("null");
                    }
                }
            },
            JsonKind::Array(items) => {
                self.out.push('[');
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(it, mode, depth + 1);
                }
                self.out.push(']');
            }
            JsonKind::Object(members) => {
                self.out.push('{');
                let mut first = true;
                for m in members {
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    let key = if mode == Mode::Template
                        && hcl_edit::parser::parse_template(&m.key).is_ok()
                    {
                        quote(&m.key, false)
                    } else {
                        quote(&m.key, true)
                    };
                    self.put(&key, m.key_span);
                    self.out.push_str(" = ");
                    self.expr(&m.value, mode, depth + 1);
                }
                self.out.push('}');
            }
        }
        self.seg(start, v.span);
    }

    fn bad(&mut self, span: Span, what: &str) {
        self.findings.push(meta::parse_error(
            Some(Span {
                file: self.file,
                ..span
            }),
            format!("Terraform JSON syntax: this string {what}; its value is unknown"),
        ));
    }
}

/// A value that is one object or an array of objects, as a list.
fn each_object(v: &JsonNode) -> Vec<&JsonNode> {
    match &v.kind {
        JsonKind::Object(_) => vec![v],
        JsonKind::Array(items) => items.iter().filter(|i| i.as_object().is_some()).collect(),
        _ => Vec::new(),
    }
}

/// The nested blocks a resource-body member stands for, if it is one.
fn nested_blocks<'n>(key: &str, v: &'n JsonNode) -> Option<Vec<&'n JsonNode>> {
    if MAP_ATTRS.contains(&key) || matches!(key, "count" | "for_each" | "depends_on" | "provider") {
        return None;
    }
    match &v.kind {
        JsonKind::Object(_) => Some(vec![v]),
        JsonKind::Array(items)
            if !items.is_empty() && items.iter().all(|i| i.as_object().is_some()) =>
        {
            Some(items.iter().collect())
        }
        _ => None,
    }
}

/// Parses a `.tf.json` file into an HCL body and the map back to the JSON
/// offsets. Strings that are not valid templates are AML001 findings (their
/// value is unknown); a file that is not JSON is one AML001 finding.
pub fn to_body(sources: &SourceMap, file: FileId) -> Result<(Body, Remap, Vec<Finding>), Finding> {
    let Some(src) = sources.get(file) else {
        return Err(meta::parse_error(None, "file not registered"));
    };
    let text = src.text.clone();
    let doc = isolint_json::parse(file, &text).map_err(|e| {
        meta::parse_error(
            Some(e.span),
            format!("Terraform JSON configuration: {}", e.message),
        )
    })?;
    if doc.as_object().is_none() {
        return Err(meta::parse_error(
            Some(doc.span),
            "Terraform JSON configuration must be an object",
        ));
    }
    let mut g = Gen {
        text: &text,
        out: String::new(),
        segs: Vec::new(),
        findings: Vec::new(),
        file,
    };
    g.top(&doc);
    let mut segs = g.segs;
    segs.sort_by_key(|s| (s.syn.0, std::cmp::Reverse(s.syn.1)));
    let remap = Remap { segs };
    match hcl_edit::parser::parse_body(&g.out) {
        Ok(body) => Ok((body, remap, g.findings)),
        Err(e) => {
            let at = remap.offset(e.location().offset());
            Err(meta::parse_error(
                Some(Span::new(file, at, at + 1)),
                format!(
                    "Terraform JSON configuration could not be read: {}",
                    e.message().lines().next().unwrap_or("syntax error")
                ),
            ))
        }
    }
}

/// The variable values of a `.tfvars.json` file (literal JSON values, each
/// located at its JSON literal).
pub fn read_vars(sources: &SourceMap, file: FileId) -> Result<Vec<(String, Value)>, Finding> {
    let Some(src) = sources.get(file) else {
        return Err(meta::parse_error(None, "file not registered"));
    };
    let doc = isolint_json::parse(file, &src.text).map_err(|e| {
        meta::parse_error(Some(e.span), format!("JSON variable file: {}", e.message))
    })?;
    let Some(members) = doc.as_object() else {
        return Err(meta::parse_error(
            Some(doc.span),
            "a JSON variable file must be an object",
        ));
    };
    Ok(members
        .iter()
        .map(|m| (m.key.clone(), m.value.to_value()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_templates_or_escapes_them() {
        assert_eq!(quote("${var.x}", false), "\"${var.x}\"");
        assert_eq!(quote("${var.x}", true), "\"$${var.x}\"");
        assert_eq!(quote("a\"b\n", false), "\"a\\\"b\\n\"");
        assert_eq!(
            quote("${f(\"x\", {a = 1})}-$${y}", false),
            "\"${f(\"x\", {a = 1})}-$${y}\""
        );
        assert!(is_ident("azurerm_subnet"));
        assert!(!is_ident("a b"));
        assert!(!is_ident("1a"));
    }

    #[test]
    fn odd_documents_give_findings_not_panics() {
        for text in [
            "",
            "[]",
            "{\"resource\": []}",
            "{\"resource\": {\"t\": {\"n\": {\"a\": \"${\"}}}}",
            "{\"resource\": {\"t\": {\"n\": {\"a b\": 1, \"x\": 1e400, \"y\": -0.5}}}}",
            "{\"resource\": {\"t\": {\"n\": [{\"dynamic\": {\"d\": {\"for_each\": \"${var.x}\", \"content\": {\"k\": \"v\"}}}}]}}}",
            "{\"variable\": {\"v\": {\"type\": \"map(\", \"default\": {\"${x}\": \"%{y}\"}}}}",
            "{\"module\": {\"m\": {\"source\": \"./m\", \"obj\": {\"a\": [1, {\"b\": null}]}}}, \"locals\": [{\"a\": 1}, {\"b\": \"${local.a}\"}]}",
        ] {
            let mut sources = SourceMap::new();
            let f = sources.add("x.tf.json", text);
            let _ = to_body(&sources, f);
        }
        let mut sources = SourceMap::new();
        let f = sources.add(
            "x.tf.json",
            "{\"resource\": {\"t\": {\"n\": {\"a\": \"${\"}}}}",
        );
        let (_, _, findings) = to_body(&sources, f).unwrap();
        assert_eq!(findings[0].rule, "AML001");
    }

    #[test]
    fn generated_hcl_parses_and_maps_back() {
        let mut sources = SourceMap::new();
        let text = r#"{
  "variable": { "sku": { "default": "Basic", "type": "string" } },
  "resource": {
    "azurerm_container_registry": {
      "acr": { "name": "acr${var.sku}", "sku": "${var.sku}", "tags": { "a": "b" },
               "network_rule_set": { "default_action": "Deny" } }
    }
  }
}"#;
        let f = sources.add("main.tf.json", text);
        let (body, remap, findings) = to_body(&sources, f).unwrap();
        assert!(findings.is_empty());
        let blocks: Vec<_> = body.blocks().collect();
        assert_eq!(blocks.len(), 2);
        let res = blocks[1];
        let sku = res.body.get_attribute("sku").unwrap();
        let r = hcl_edit::Span::span(sku).unwrap();
        let s = remap.span(Span::new(f, r.start, r.end));
        assert_eq!(
            &text[s.start as usize..s.end as usize],
            "\"sku\": \"${var.sku}\""
        );
        assert!(res.body.get_blocks("network_rule_set").next().is_some());
        assert!(res.body.get_attribute("tags").is_some());
    }
}
