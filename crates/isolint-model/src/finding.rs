//! Findings: what rules (and front-ends, for meta rules) report.

use crate::span::Span;
use std::fmt;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Another place involved in a finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub resource: Option<String>,
    pub span: Option<Span>,
    pub message: String,
}

/// One reported problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// What is wrong and what it breaks.
    pub message: String,
    /// How to fix it, in one sentence.
    pub fix: Option<String>,
    /// Address of the resource at fault.
    pub resource: Option<String>,
    /// ARM path of the attribute at fault (stable across edits; used by baselines).
    pub path: Option<String>,
    /// Primary location.
    pub span: Option<Span>,
    /// The lines a suppression comment may sit above: the resource's declaration and the attribute site.
    pub anchors: Vec<Span>,
    pub related: Vec<Related>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        name: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            name,
            severity,
            message: message.into(),
            fix: None,
            resource: None,
            path: None,
            span: None,
            anchors: Vec::new(),
            related: Vec::new(),
        }
    }
    pub fn at(mut self, span: Option<Span>) -> Finding {
        self.span = span;
        self
    }
    pub fn resource(mut self, address: impl Into<String>) -> Finding {
        self.resource = Some(address.into());
        self
    }
    pub fn fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }
    pub fn path(mut self, path: impl Into<String>) -> Finding {
        self.path = Some(path.into());
        self
    }
    pub fn related(
        mut self,
        resource: Option<String>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Finding {
        self.related.push(Related {
            resource,
            span,
            message: message.into(),
        });
        self
    }
}

/// The meta rules every front-end may report.
pub mod meta {
    use super::{Finding, Severity};
    use crate::span::Span;

    pub fn parse_error(span: Option<Span>, message: impl Into<String>) -> Finding {
        Finding::new("AML001", "parse-error", Severity::Error, message).at(span)
    }
    pub fn unresolved(span: Option<Span>, message: impl Into<String>) -> Finding {
        Finding::new("AML002", "unresolved-reference", Severity::Info, message).at(span)
    }
    pub fn limit(span: Option<Span>, message: impl Into<String>) -> Finding {
        Finding::new("AML004", "evaluation-limit", Severity::Warning, message).at(span)
    }
}
