//! The JUnit XML rendering of a report (`--format junit`), for CI systems
//! that show test results (Azure DevOps `PublishTestResults@2`, GitLab,
//! Jenkins).
//!
//! One `<testsuite>` per scanned file, one `<testcase>` per rule in each file
//! (`classname` = the file, `name` = `AMLnnn rule-name`). A rule that reported
//! in the file has a `<failure>` whose `type` is the highest severity of its
//! findings there, whose `message` holds their messages and whose text lists
//! each finding with its location, fix and related locations. Findings
//! without a file are gathered in a last suite named `(no file)`.

use crate::report::{display_path, Report};
use isolint_model::{Finding, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The suite of findings that have no file location.
pub const NO_FILE: &str = "(no file)";

impl Report {
    /// The report as a JUnit XML document.
    pub fn to_junit(&self) -> String {
        // file → rule → findings, files in path order.
        let mut files: BTreeMap<String, BTreeMap<&'static str, Vec<&Finding>>> = BTreeMap::new();
        for (_, f) in self.graph.sources.iter() {
            files.entry(display_path(&f.path, self.cwd())).or_default();
        }
        let mut unlocated: BTreeMap<&'static str, Vec<&Finding>> = BTreeMap::new();
        for f in &self.findings {
            match f.span.and_then(|s| self.location(s)) {
                Some(l) => files
                    .entry(l.file)
                    .or_default()
                    .entry(f.rule)
                    .or_default()
                    .push(f),
                None => unlocated.entry(f.rule).or_default().push(f),
            }
        }

        let rules: Vec<(&'static str, &'static str)> = isolint_rules::all()
            .iter()
            .map(|r| (r.meta.id, r.meta.name))
            .collect();
        let mut suites = String::new();
        let (mut tests, mut failures) = (0usize, 0usize);
        let mut suite = |name: &str, by_rule: &BTreeMap<&'static str, Vec<&Finding>>| {
            // Every rule, plus any rule that reported but is not in the catalog.
            let mut cases: Vec<(&str, &str)> = rules.clone();
            for (id, fs) in by_rule {
                if !rules.iter().any(|(r, _)| r == id) {
                    cases.push((id, fs.first().map(|f| f.name).unwrap_or("")));
                }
            }
            let failed = cases
                .iter()
                .filter(|(id, _)| by_rule.get(id).is_some_and(|v| !v.is_empty()))
                .count();
            tests += cases.len();
            failures += failed;
            let _ = writeln!(
                suites,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\">",
                attr(name),
                cases.len()
            );
            for (id, rule_name) in cases {
                let case_name = format!("{id} {rule_name}");
                match by_rule.get(id).filter(|v| !v.is_empty()) {
                    None => {
                        let _ = writeln!(
                            suites,
                            "    <testcase classname=\"{}\" name=\"{}\"/>",
                            attr(name),
                            attr(&case_name)
                        );
                    }
                    Some(found) => {
                        let severity = found
                            .iter()
                            .map(|f| f.severity)
                            .max()
                            .unwrap_or(Severity::Info);
                        let message = found
                            .iter()
                            .map(|f| f.message.as_str())
                            .collect::<Vec<_>>()
                            .join("\n");
                        let mut body = String::new();
                        for f in found {
                            self.describe(&mut body, f);
                        }
                        let _ = writeln!(
                            suites,
                            "    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
                            attr(name),
                            attr(&case_name),
                            attr(&message),
                            severity.as_str(),
                            text(&body)
                        );
                    }
                }
            }
            suites.push_str("  </testsuite>\n");
        };
        for (file, by_rule) in &files {
            suite(file, by_rule);
        }
        if !unlocated.is_empty() {
            suite(NO_FILE, &unlocated);
        }
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            "<testsuites name=\"isolint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        );
        s.push_str(&suites);
        s.push_str("</testsuites>\n");
        s
    }

    /// One finding as plain text: location, severity, message, resource,
    /// fix and related locations.
    fn describe(&self, out: &mut String, f: &Finding) {
        let loc = f
            .span
            .and_then(|s| self.location(s))
            .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
            .unwrap_or_default();
        let _ = write!(
            out,
            "{loc}{} {} {}: {}",
            f.severity, f.rule, f.name, f.message
        );
        if let Some(r) = &f.resource {
            let _ = write!(out, " [{r}]");
        }
        out.push('\n');
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "  fix: {fix}");
        }
        for r in &f.related {
            let loc = r
                .span
                .and_then(|s| self.location(s))
                .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
                .unwrap_or_default();
            let who = r
                .resource
                .as_ref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default();
            let _ = writeln!(out, "  related: {loc}{}{who}", r.message);
        }
    }
}

/// Escapes text content. Characters XML 1.0 cannot carry become U+FFFD.
fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value (double-quoted); line breaks and tabs become
/// character references so parsers keep them.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if allowed_in_xml(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// XML 1.0 `Char` (less the line breaks and tab handled by the caller).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(text("a<b>&c \"'"), "a&lt;b&gt;&amp;c \"'");
        assert_eq!(attr("a\"b'\nc\td"), "a&quot;b&apos;&#10;c&#9;d");
        assert_eq!(text("x\u{1}y\r\nz"), "x\u{fffd}y&#13;\nz");
    }
}
