//! The GitHub Actions rendering of a report (`--format github`): one
//! workflow command per finding, which the runner turns into an annotation
//! on the file and line.
//!
//! ```text
//! ::error file=infra/main.tf,line=12,col=3,endLine=12,endColumn=20,title=AML301 acr-not-premium::MESSAGE
//! ```
//!
//! Errors are `::error`, warnings `::warning`, infos `::notice`. GitHub
//! honours columns only within one line, so `col` and `endColumn` are left
//! out when a finding spans several lines. The message is followed by the
//! fix on a line of its own.

use crate::report::Report;
use isolint_model::Severity;
use std::fmt::Write as _;

impl Report {
    /// One GitHub Actions workflow command per finding, each on its own line.
    pub fn to_github(&self) -> String {
        let mut s = String::new();
        for f in &self.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props: Vec<String> = Vec::new();
            if let Some(l) = f.span.and_then(|sp| self.location(sp)) {
                props.push(format!("file={}", escape_property(&l.file)));
                props.push(format!("line={}", l.line));
                if l.end_line == l.line {
                    props.push(format!("col={}", l.column));
                    props.push(format!("endLine={}", l.end_line));
                    props.push(format!("endColumn={}", l.end_column));
                } else {
                    props.push(format!("endLine={}", l.end_line));
                }
            }
            props.push(format!(
                "title={}",
                escape_property(&format!("{} {}", f.rule, f.name))
            ));
            let mut message = f.message.clone();
            if let Some(fix) = &f.fix {
                message.push_str("\nfix: ");
                message.push_str(fix);
            }
            let _ = writeln!(
                s,
                "::{command} {}::{}",
                props.join(","),
                escape_data(&message)
            );
        }
        s
    }
}

/// Escapes a workflow command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
    }
}
