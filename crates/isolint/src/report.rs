//! The result of a run and its renderings (human, compact, JSON).

use crate::config::{Config, FailOn};
use isolint_model::{Finding, Graph, Severity, Span};
use serde_json::json;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Counts shown at the end of a run and in the JSON report.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub resources: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    /// Findings hidden by `--baseline`.
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
    /// Baselined findings that are no longer reported.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_gone: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A finding's location in user terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Findings of one run, sorted by file, line, column and rule.
pub struct Report {
    pub graph: Graph,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub fail_on: FailOn,
    cwd: PathBuf,
}

impl Report {
    pub(crate) fn new(
        graph: Graph,
        mut findings: Vec<Finding>,
        suppressed: usize,
        config: &Config,
    ) -> Report {
        let cwd = config.cwd.clone();
        let key = |f: &Finding| -> (String, u32, u32, &'static str) {
            match f.span.and_then(|s| locate(&graph, &cwd, s)) {
                Some(l) => (l.file, l.line, l.column, f.rule),
                None => (f.resource.clone().unwrap_or_default(), 0, 0, f.rule),
            }
        };
        findings.sort_by_cached_key(|f| (key(f), f.message.clone()));
        findings.dedup_by(|a, b| {
            a.rule == b.rule
                && a.span == b.span
                && a.message == b.message
                && a.resource == b.resource
        });
        let mut summary = Summary {
            files: graph.sources.len(),
            resources: graph.len(),
            suppressed,
            ..Summary::default()
        };
        for f in &findings {
            match f.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        Report {
            graph,
            findings,
            summary,
            fail_on: config.fail_on,
            cwd,
        }
    }

    /// Does the run fail (exit status 1)?
    pub fn failed(&self) -> bool {
        match self.fail_on {
            FailOn::Never => false,
            FailOn::Severity(min) => self.findings.iter().any(|f| f.severity >= min),
        }
    }

    pub fn location(&self, span: Span) -> Option<Location> {
        locate(&self.graph, &self.cwd, span)
    }

    /// The folder that locations are relative to.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The JSON report, version 1 (see `cli.md`).
    pub fn to_json(&self) -> serde_json::Value {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                let mut o = serde_json::Map::new();
                o.insert("rule".into(), json!(f.rule));
                o.insert("name".into(), json!(f.name));
                o.insert("severity".into(), json!(f.severity.as_str()));
                o.insert("message".into(), json!(f.message));
                o.insert("resource".into(), json!(f.resource));
                let loc = f.span.and_then(|s| self.location(s));
                o.insert("file".into(), json!(loc.as_ref().map(|l| l.file.clone())));
                o.insert("line".into(), json!(loc.as_ref().map(|l| l.line)));
                o.insert("column".into(), json!(loc.as_ref().map(|l| l.column)));
                o.insert("end_line".into(), json!(loc.as_ref().map(|l| l.end_line)));
                o.insert(
                    "end_column".into(),
                    json!(loc.as_ref().map(|l| l.end_column)),
                );
                let related: Vec<serde_json::Value> = f
                    .related
                    .iter()
                    .map(|r| {
                        let l = r.span.and_then(|s| self.location(s));
                        json!({
                            "resource": r.resource,
                            "file": l.as_ref().map(|l| l.file.clone()),
                            "line": l.as_ref().map(|l| l.line),
                            "column": l.as_ref().map(|l| l.column),
                            "message": r.message,
                        })
                    })
                    .collect();
                o.insert("related".into(), json!(related));
                if let Some(fix) = &f.fix {
                    o.insert("fix".into(), json!(fix));
                }
                if let Some(p) = &f.path {
                    o.insert("path".into(), json!(p));
                }
                serde_json::Value::Object(o)
            })
            .collect();
        json!({
            "version": 1,
            "tool": { "name": "isolint", "version": env!("CARGO_PKG_VERSION") },
            "findings": findings,
            "summary": self.summary,
        })
    }

    /// One line per finding: `file:line:col: severity RULE name: message [resource]`.
    pub fn to_compact(&self) -> String {
        let mut s = String::new();
        for f in &self.findings {
            let loc = f
                .span
                .and_then(|sp| self.location(sp))
                .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                .unwrap_or_else(|| "<unknown>".into());
            let _ = write!(
                s,
                "{loc}: {} {} {}: {}",
                f.severity, f.rule, f.name, f.message
            );
            if let Some(r) = &f.resource {
                let _ = write!(s, " [{r}]");
            }
            s.push('\n');
        }
        s
    }

    /// Diagnostics with source snippets, the fix and related locations.
    pub fn to_human(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| -> String {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let mut s = String::new();
        for f in &self.findings {
            let (label, code) = match f.severity {
                Severity::Error => ("error", "1;31"),
                Severity::Warning => ("warning", "1;33"),
                Severity::Info => ("info", "1;36"),
            };
            let _ = writeln!(
                s,
                "{}{} {}",
                paint(code, &format!("{label}[{}]", f.rule)),
                paint("1", &format!(" {}:", f.name)),
                paint("1", &f.message)
            );
            if let Some(span) = f.span {
                if let (Some(l), Some(file)) =
                    (self.location(span), self.graph.sources.get(span.file))
                {
                    let width = l.end_line.to_string().len().max(l.line.to_string().len());
                    let pad = " ".repeat(width);
                    let _ = writeln!(
                        s,
                        "{pad}{} {}:{}:{}",
                        paint("34", "-->"),
                        l.file,
                        l.line,
                        l.column
                    );
                    let _ = writeln!(s, "{pad} {}", paint("34", "|"));
                    let text = file.line_text(l.line);
                    let _ = writeln!(
                        s,
                        "{} {} {}",
                        paint("34", &format!("{:>width$}", l.line)),
                        paint("34", "|"),
                        text.replace('\t', " ")
                    );
                    let start = l.column.max(1) as usize;
                    let line_chars = text.chars().count();
                    let end = if l.end_line == l.line {
                        (l.end_column as usize).max(start + 1)
                    } else {
                        line_chars + 1
                    };
                    let marks = "^".repeat(end.saturating_sub(start).max(1));
                    let _ = writeln!(
                        s,
                        "{pad} {} {}{}",
                        paint("34", "|"),
                        " ".repeat(start - 1),
                        paint(code, &marks)
                    );
                }
            }
            if let Some(r) = &f.resource {
                let _ = writeln!(s, "  = resource: {r}");
            }
            if let Some(fix) = &f.fix {
                let _ = writeln!(s, "  = {} {fix}", paint("1", "fix:"));
            }
            for r in &f.related {
                let loc = r
                    .span
                    .and_then(|sp| self.location(sp))
                    .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
                    .unwrap_or_default();
                let who = r
                    .resource
                    .as_ref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default();
                let _ = writeln!(s, "  = related: {loc}{}{who}", r.message);
            }
            s.push('\n');
        }
        let sm = &self.summary;
        let _ = writeln!(
            s,
            "{} error{}, {} warning{}, {} info{} in {} file{} ({} resources){}",
            sm.errors,
            plural(sm.errors),
            sm.warnings,
            plural(sm.warnings),
            sm.infos,
            plural(sm.infos),
            sm.files,
            plural(sm.files),
            sm.resources,
            if sm.suppressed > 0 {
                format!("; {} suppressed", sm.suppressed)
            } else {
                String::new()
            } + &if sm.baselined > 0 || sm.baseline_gone > 0 {
                format!(
                    "; {} baselined ({} no longer found)",
                    sm.baselined, sm.baseline_gone
                )
            } else {
                String::new()
            }
        );
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The path as shown to users: relative to `cwd` when inside it, `/`-separated.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let rel = if path.is_absolute() {
        path.strip_prefix(cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn locate(graph: &Graph, cwd: &Path, span: Span) -> Option<Location> {
    let f = graph.sources.get(span.file)?;
    let (a, b) = (f.line_col(span.start), f.line_col(span.end));
    Some(Location {
        file: display_path(&f.path, cwd),
        line: a.line,
        column: a.column,
        end_line: b.line,
        end_column: b.column,
    })
}
