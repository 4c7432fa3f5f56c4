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
    // hcl-edit backtracks for a very long time on some inputs with brackets
    // left open (found by fuzzing: 2 KB took 20 s); a file whose strings or
    // brackets do not close is reported without handing it to the parser.
    if let Some((at, msg)) = unbalanced(src) {
        return Err(meta::parse_error(
            Some(Span::new(file, at, at.saturating_add(1).min(src.len()))),
            format!("HCL syntax error: {msg}"),
        ));
    }
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

/// The first place where the text's quoted strings or brackets do not
/// close: a quoted string that a line break (or the end of the file)
/// interrupts, a closing bracket that does not match, a bracket never
/// closed. Comments and heredocs are skipped; newlines inside `${ }` and
/// `%{ }` of a string are allowed. `None` when everything closes, or when
/// the text is too odd for this scan to tell (the parser decides then).
fn unbalanced(src: &str) -> Option<(usize, &'static str)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Ctx {
        /// A quoted string opened at this offset.
        Str(usize),
        /// `${ … }` or `%{ … }` inside a string.
        Interp(usize),
        /// `{`, `[` or `(` in code, at this offset.
        Open(u8, usize),
    }
    const UNTERMINATED: &str =
        "unterminated string (a quoted string must end on the line it starts)";
    const MISMATCH: &str = "this closing bracket does not match the open one";
    const UNCLOSED: &str = "this bracket is never closed";
    let b = src.as_bytes();
    let mut stack: Vec<Ctx> = Vec::new();
    let mut i = 0;
    let line_end = |from: usize| {
        b[from..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| from + p)
    };
    while i < b.len() {
        let c = b[i];
        match stack.last().copied() {
            Some(Ctx::Str(start)) => match c {
                b'\n' => return Some((start, UNTERMINATED)),
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&b'{') => i += 2,
                b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                    stack.push(Ctx::Interp(i));
                    i += 1;
                }
                _ => {}
            },
            top => match c {
                b'#' => i = line_end(i),
                b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(i),
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i = match src[i + 2..].find("*/") {
                        Some(p) => i + 2 + p + 1,
                        None => return None,
                    };
                }
                b'"' => stack.push(Ctx::Str(i)),
                b'{' | b'[' | b'(' => stack.push(Ctx::Open(c, i)),
                b'}' | b']' | b')' => {
                    let want = match c {
                        b'}' => b'{',
                        b']' => b'[',
                        _ => b'(',
                    };
                    match top {
                        Some(Ctx::Open(o, _)) if o == want => {
                            stack.pop();
                        }
                        Some(Ctx::Interp(_)) if c == b'}' => {
                            stack.pop();
                        }
                        Some(_) => return Some((i, MISMATCH)),
                        None => return None,
                    }
                }
                b'<' if b.get(i + 1) == Some(&b'<') => {
                    // A heredoc: `<<ID` or `<<-ID`, then lines up to one that is `ID`.
                    let mut j = i + 2;
                    if b.get(j) == Some(&b'-') {
                        j += 1;
                    }
                    let id_start = j;
                    while j < b.len()
                        && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-')
                    {
                        j += 1;
                    }
                    let id = &src[id_start..j];
                    let eol = line_end(j);
                    if id.is_empty() || !src[j..eol].trim().is_empty() {
                        return None;
                    }
                    let mut k = eol + 1;
                    loop {
                        if k >= b.len() {
                            return None;
                        }
                        let e = line_end(k);
                        if src[k..e].trim() == id {
                            i = e;
                            break;
                        }
                        k = e + 1;
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    match stack.last() {
        Some(Ctx::Str(start)) => Some((*start, UNTERMINATED)),
        Some(Ctx::Open(_, at)) | Some(Ctx::Interp(at)) => Some((*at, UNCLOSED)),
        None => None,
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
    fn balance_scan_accepts_valid_hcl_and_finds_what_does_not_close() {
        let valid = [
            "a = [1, (2), {b = 3}]\n",
            "a = \"x ${[for v in [1] : v][0]} ${\"}\"} \\\" $${ %%{ y\"\n",
            "a = \"${join(\",\",\n  [\"a\"])}\"\n",
            "# [ ( { \"\n// ] \"\n/* [ \" */ a = 1\n",
            "a = <<EOT\n  [ \" ( {\n  EOT\nb = <<-X\n\"\n    X\n",
            "r \"t\" \"n\" {\n  dynamic \"d\" {\n    for_each = {for k, v in m : k => v}\n  }\n}\n",
            "a = \"%{ if x }[%{ endif }\"\n",
        ];
        for v in valid {
            assert_eq!(unbalanced(v), None, "{v}");
            let mut s = SourceMap::new();
            let f = s.add("a.tf", v);
            assert!(parse_hcl(&s, f).is_ok(), "hcl-edit rejects {v}");
        }
        assert_eq!(unbalanced("a = \"x\nb = 1\n").map(|e| e.0), Some(4));
        assert_eq!(unbalanced("a = [1, 2}\n").map(|e| e.0), Some(9));
        assert_eq!(unbalanced("a = f((1)\n").map(|e| e.0), Some(5));
        assert_eq!(unbalanced("a = \"${x\"\n").map(|e| e.0), Some(8));
        // Too odd to tell: left to the parser.
        assert_eq!(unbalanced("}\n"), None);
        assert_eq!(unbalanced("a = <<EOT\nno end\n"), None);
    }

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
