//! Reading `.tf` and `.tfvars` files into hcl-edit bodies, and finding
//! inline suppressions in their comments.

use hcl_edit::structure::Body;
use isolint_model::finding::meta;
use isolint_model::{FileId, Finding, SourceMap, Span, Suppression};

/// Parses one HCL file. A syntax error becomes an AML001 finding at the
/// parser's location.
pub fn parse_hcl(sources: &SourceMap, file: FileId) -> Result<Body, Finding> {
    let text = &sources.file(file).text;
    match text.strip_prefix('\u{feff}') {
        // The BOM's three bytes become three spaces, so every offset stays valid.
        Some(rest) => parse_str(&format!("   {rest}"), file),
        None => parse_str(text, file),
    }
}

fn parse_str(src: &str, file: FileId) -> Result<Body, Finding> {
    match hcl_edit::parser::parse_body(src) {
        Ok(b) => Ok(b),
        Err(first) => {
            // Terraform accepts a line break after `&&` / `||` inside
            // brackets where some hcl-edit versions do not: join such lines
            // (replacing the newline by a space keeps every byte offset).
            let joined = join_operator_lines(src);
            if joined != src {
                if let Ok(b) = hcl_edit::parser::parse_body(&joined) {
                    return Ok(b);
                }
            }
            let loc = first.location();
            let offset = loc.offset().min(src.len());
            let msg = first
                .message()
                .lines()
                .next()
                .unwrap_or("syntax error")
                .to_string();
            Err(meta::parse_error(
                Some(Span::new(
                    file,
                    offset,
                    offset.saturating_add(1).min(src.len().max(offset)),
                )),
                format!("HCL syntax error: {msg}"),
            ))
        }
    }
}

fn join_operator_lines(src: &str) -> String {
    let bytes = src.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if (bytes[i] == b'&' && bytes[i + 1] == b'&') || (bytes[i] == b'|' && bytes[i + 1] == b'|')
        {
            let mut j = i + 2;
            while j < bytes.len()
                && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r' || bytes[j] == b'\n')
            {
                if bytes[j] == b'\n' || bytes[j] == b'\r' {
                    out[j] = b' ';
                }
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| src.to_string())
}

/// Finds `# isolint:ignore AML301,AML302 reason` (or `//`) comments. Each
/// applies to the next line that is not blank and not a comment. A comment
/// without a reason is kept with an empty reason (the caller reports it).
pub fn suppressions(sources: &SourceMap, file: FileId) -> Vec<Suppression> {
    let f = sources.file(file);
    let mut out = Vec::new();
    let lines: Vec<&str> = f.text.split('\n').collect();
    let mut offset = 0usize;
    let mut starts = Vec::with_capacity(lines.len());
    for l in &lines {
        starts.push(offset);
        offset += l.len() + 1;
    }
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let body = if let Some(r) = trimmed.strip_prefix('#') {
            r
        } else if let Some(r) = trimmed.strip_prefix("//") {
            r
        } else {
            continue;
        };
        let Some(rest) = body.trim_start().strip_prefix("isolint:ignore") else {
            continue;
        };
        let rest = rest.trim();
        let (ids, reason) = match rest.find(char::is_whitespace) {
            Some(k) => (&rest[..k], rest[k..].trim()),
            None => (rest, ""),
        };
        let rules: Vec<String> = ids
            .split(',')
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect();
        let mut target = i + 1;
        while target < lines.len() {
            let t = lines[target].trim();
            if t.is_empty() || t.starts_with('#') || t.starts_with("//") {
                target += 1;
            } else {
                break;
            }
        }
        let col = line.len() - trimmed.len();
        out.push(Suppression {
            rules,
            reason: reason.to_string(),
            span: Span::new(file, starts[i] + col, starts[i] + line.trim_end().len()),
            target_line: target as u32 + 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_is_located() {
        let mut s = SourceMap::new();
        let f = s.add("a.tf", "resource \"x\" \"y\" {\n  a = \n}\n");
        let err = parse_hcl(&s, f).unwrap_err();
        assert_eq!(err.rule, "AML001");
        let (start, _) = s.resolve(err.span.unwrap()).unwrap();
        assert_eq!(start.line, 2);
    }

    #[test]
    fn bom_and_operator_line_breaks_parse() {
        let mut s = SourceMap::new();
        let f = s.add(
            "a.tf",
            "\u{feff}locals {\n  x = { for k, v in var.m : k => v if v.a &&\n  v.b }\n}\n",
        );
        assert!(parse_hcl(&s, f).is_ok());
        assert_eq!(join_operator_lines("a &&\n b"), "a &&  b");
    }

    #[test]
    fn suppression_targets_next_code_line() {
        let mut s = SourceMap::new();
        let f = s.add("a.tf", "# isolint:ignore AML301,aml302 legacy registry\n\nresource \"a\" \"b\" {}\n  # isolint:ignore AML401\n  x = 1\n");
        let sup = suppressions(&s, f);
        assert_eq!(sup.len(), 2);
        assert_eq!(sup[0].rules, vec!["AML301", "AML302"]);
        assert_eq!(sup[0].reason, "legacy registry");
        assert_eq!(sup[0].target_line, 3);
        assert_eq!(sup[1].reason, "");
        assert_eq!(sup[1].target_line, 5);
    }
}
