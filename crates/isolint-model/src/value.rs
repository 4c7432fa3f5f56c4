//! Values with provenance.
//!
//! A [`Value`] is what every front-end evaluates to: JSON-like data plus an
//! [`Origin`] that records where it was written (a span), whether it was
//! written, defaulted by the provider, or computed, and, when it stands for
//! another resource (a Terraform `azurerm_subnet.a.id`), which one.
//!
//! [`Data::Unknown`] marks a value that cannot be known before deployment.
//! Rules must treat it as "not proven": an unknown value never produces a
//! finding.

use crate::map::ValueMap;
use crate::span::Span;
use std::fmt;

/// Key of a resource inside the front-end unit that produced it (its index
/// in the unit's resource list). The graph builder turns it into a global id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResKey(pub u32);

/// How a value came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OriginKind {
    /// Written literally in a source file (the span points at the literal).
    #[default]
    Written,
    /// Filled in from the provider's or Azure's documented default.
    Defaulted,
    /// The result of an expression (the span points at the expression).
    Computed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Origin {
    pub span: Option<Span>,
    pub kind: OriginKind,
    /// Set when the value denotes (or was read from) a resource of the same unit.
    pub resource: Option<ResKey>,
}

impl Origin {
    pub fn written(span: Span) -> Origin {
        Origin {
            span: Some(span),
            kind: OriginKind::Written,
            resource: None,
        }
    }
    pub fn computed(span: Span) -> Origin {
        Origin {
            span: Some(span),
            kind: OriginKind::Computed,
            resource: None,
        }
    }
    pub fn defaulted(span: Option<Span>) -> Origin {
        Origin {
            span,
            kind: OriginKind::Defaulted,
            resource: None,
        }
    }
}

/// The data part of a value.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Data {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(ValueMap),
    /// Not knowable before deployment (or beyond what the evaluator computes).
    Unknown,
}

/// A value and where it came from.
#[derive(Clone, Debug, Default)]
pub struct Value {
    pub data: Data,
    pub origin: Origin,
}

/// Values compare by data only; provenance does not change what a value is.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.data == other.data
    }
}

impl Value {
    pub fn new(data: Data, origin: Origin) -> Value {
        Value { data, origin }
    }
    pub fn null() -> Value {
        Value::default()
    }
    pub fn unknown() -> Value {
        Value {
            data: Data::Unknown,
            origin: Origin::default(),
        }
    }
    pub fn unknown_at(span: Option<Span>) -> Value {
        Value {
            data: Data::Unknown,
            origin: Origin {
                span,
                kind: OriginKind::Computed,
                resource: None,
            },
        }
    }
    pub fn string(s: impl Into<String>) -> Value {
        Value::from(Data::String(s.into()))
    }
    pub fn bool(b: bool) -> Value {
        Value::from(Data::Bool(b))
    }
    pub fn number(n: f64) -> Value {
        Value::from(Data::Number(n))
    }
    pub fn list(items: Vec<Value>) -> Value {
        Value::from(Data::List(items))
    }
    pub fn map(entries: ValueMap) -> Value {
        Value::from(Data::Map(entries))
    }
    pub fn empty_map() -> Value {
        Value::from(Data::Map(ValueMap::new()))
    }

    pub fn with_origin(mut self, origin: Origin) -> Value {
        self.origin = origin;
        self
    }
    pub fn with_span(mut self, span: Option<Span>) -> Value {
        self.origin.span = span;
        self
    }
    pub fn with_kind(mut self, kind: OriginKind) -> Value {
        self.origin.kind = kind;
        self
    }
    pub fn with_resource(mut self, key: Option<ResKey>) -> Value {
        self.origin.resource = key;
        self
    }

    pub fn span(&self) -> Option<Span> {
        self.origin.span
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.data, Data::Unknown)
    }
    pub fn is_null(&self) -> bool {
        matches!(self.data, Data::Null)
    }
    /// True when the value or anything inside it is unknown.
    pub fn is_wholly_known(&self) -> bool {
        match &self.data {
            Data::Unknown => false,
            Data::List(items) => items.iter().all(Value::is_wholly_known),
            Data::Map(m) => m.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.data {
            Data::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match &self.data {
            Data::Bool(b) => Some(*b),
            Data::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Data::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match &self.data {
            Data::Number(n) => Some(*n),
            Data::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    /// An integer value (numbers with a fractional part are not integers).
    pub fn as_i64(&self) -> Option<i64> {
        let n = self.as_f64()?;
        (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
    }
    pub fn as_list(&self) -> Option<&[Value]> {
        match &self.data {
            Data::List(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_map(&self) -> Option<&ValueMap> {
        match &self.data {
            Data::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_map_mut(&mut self) -> Option<&mut ValueMap> {
        match &mut self.data {
            Data::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Member of a map, matching the key exactly first and then ignoring
    /// ASCII case (ARM property names are case-insensitive).
    pub fn get(&self, key: &str) -> Option<&Value> {
        let m = self.as_map()?;
        m.get(key).or_else(|| {
            m.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    }

    /// Follows a dotted path (`properties.subnet.id`); a numeric segment
    /// indexes a list.
    pub fn path(&self, path: &str) -> Option<&Value> {
        let mut cur = self;
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            cur = match &cur.data {
                Data::Map(_) => cur.get(seg)?,
                Data::List(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// Every value found at a path where `*` stands for each element of a list
    /// (`properties.subnets.*.properties.addressPrefix`). Paths through
    /// unknown values stop there (the unknown is returned).
    pub fn path_all<'a>(&'a self, path: &str) -> Vec<&'a Value> {
        let segs: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
        let mut out = Vec::new();
        collect_path(self, &segs, &mut out);
        out
    }

    /// Sets a value at a dotted path, creating maps along the way.
    pub fn set_path(&mut self, path: &str, value: Value) {
        let mut cur = self;
        let segs: Vec<&str> = path.split('.').collect();
        for (i, seg) in segs.iter().enumerate() {
            if !matches!(cur.data, Data::Map(_)) {
                cur.data = Data::Map(ValueMap::new());
            }
            let Data::Map(m) = &mut cur.data else {
                unreachable!()
            };
            if i + 1 == segs.len() {
                m.insert((*seg).to_string(), value);
                return;
            }
            cur = m.entry((*seg).to_string()).or_default();
        }
    }

    /// Short name of the kind of data, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.data {
            Data::Null => "null",
            Data::Bool(_) => "bool",
            Data::Number(_) => "number",
            Data::String(_) => "string",
            Data::List(_) => "list",
            Data::Map(_) => "object",
            Data::Unknown => "unknown",
        }
    }

    /// Plain JSON form (unknown becomes null). For output and tests.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.data {
            Data::Null | Data::Unknown => serde_json::Value::Null,
            Data::Bool(b) => serde_json::Value::Bool(*b),
            Data::Number(n) => number_to_json(*n),
            Data::String(s) => serde_json::Value::String(s.clone()),
            Data::List(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_json).collect())
            }
            Data::Map(m) => {
                serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }

    /// A JSON value turned into a value whose every node has `origin`.
    pub fn from_json(json: &serde_json::Value, origin: Origin) -> Value {
        let data = match json {
            serde_json::Value::Null => Data::Null,
            serde_json::Value::Bool(b) => Data::Bool(*b),
            serde_json::Value::Number(n) => Data::Number(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::String(s) => Data::String(s.clone()),
            serde_json::Value::Array(a) => {
                Data::List(a.iter().map(|v| Value::from_json(v, origin)).collect())
            }
            serde_json::Value::Object(o) => Data::Map(
                o.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v, origin)))
                    .collect(),
            ),
        };
        Value { data, origin }
    }
}

fn number_to_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

fn collect_path<'a>(v: &'a Value, segs: &[&str], out: &mut Vec<&'a Value>) {
    let Some((seg, rest)) = segs.split_first() else {
        out.push(v);
        return;
    };
    match &v.data {
        Data::Unknown => out.push(v),
        Data::List(items) if *seg == "*" => {
            for item in items {
                collect_path(item, rest, out);
            }
        }
        Data::List(items) => {
            if let Some(item) = seg.parse::<usize>().ok().and_then(|i| items.get(i)) {
                collect_path(item, rest, out);
            }
        }
        Data::Map(_) => {
            if let Some(child) = v.get(seg) {
                collect_path(child, rest, out);
            }
        }
        _ => {}
    }
}

impl From<Data> for Value {
    fn from(data: Data) -> Value {
        Value {
            data,
            origin: Origin::default(),
        }
    }
}

/// Formats a number as Terraform and ARM print it (integers without a fraction).
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1.0e16 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Value {
    /// A short human rendering (strings unquoted at top level).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.data {
            Data::String(s) => f.write_str(s),
            Data::Number(n) => f.write_str(&format_number(*n)),
            Data::Bool(b) => write!(f, "{b}"),
            Data::Null => f.write_str("null"),
            Data::Unknown => f.write_str("(known after apply)"),
            _ => write!(f, "{}", self.to_json()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_case_insensitive_keys() {
        let mut v = Value::empty_map();
        v.set_path("properties.subnet.id", Value::string("x"));
        v.set_path("sku.name", Value::string("Basic"));
        assert_eq!(
            v.path("Properties.Subnet.ID").and_then(Value::as_str),
            Some("x")
        );
        assert_eq!(v.path("sku.name").and_then(Value::as_str), Some("Basic"));
        assert!(v.path("sku.tier").is_none());
        let list = Value::list(vec![
            Value::from_json(&serde_json::json!({"p": {"a": 1}}), Origin::default()),
            Value::unknown(),
        ]);
        let mut root = Value::empty_map();
        root.set_path("items", list);
        let got = root.path_all("items.*.p.a");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_i64(), Some(1));
        assert!(got[1].is_unknown());
    }

    #[test]
    fn numbers_format_like_terraform() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(Value::number(10.0).to_json(), serde_json::json!(10));
    }
}
