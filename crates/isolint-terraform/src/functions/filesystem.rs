//! Filesystem functions.
//!
//! Paths are relative to the module folder. Nothing outside the scan root is
//! read: a path that leaves it (through `..` or a symbolic link) is an
//! error, and so is a missing file. Files larger than [`MAX_STRING`] are a
//! resource-bound error.

use super::encoding::b64;
use super::{Args, FnError, MAX_LIST, MAX_STRING};
use isolint_model::Value;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

/// Directory entries `fileset` may visit before giving up.
const MAX_WALK: usize = 100_000;

/// Lexically resolves `.` and `..` (no filesystem access).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

struct Resolved {
    /// The canonical path, when the file exists.
    real: Option<PathBuf>,
    shown: String,
}

/// Resolves `path` against the module folder, refusing anything outside the scan root.
fn resolve(a: &Args<'_>, path: &str) -> Result<Resolved, FnError> {
    let root = a
        .ctx
        .root
        .canonicalize()
        .map_err(|e| a.invalid(format!("cannot access the scan root: {e}")))?;
    let base = a
        .ctx
        .module_dir
        .canonicalize()
        .map_err(|e| a.invalid(format!("cannot access the module folder: {e}")))?;
    let joined = base.join(path);
    let outside = || {
        a.invalid(format!(
            "cannot read {path:?}: the path is outside the scan root"
        ))
    };
    match joined.canonicalize() {
        Ok(real) => {
            if !real.starts_with(&root) {
                return Err(outside());
            }
            Ok(Resolved {
                real: Some(real),
                shown: path.to_string(),
            })
        }
        Err(_) => {
            if !normalize(&joined).starts_with(&root) {
                return Err(outside());
            }
            Ok(Resolved {
                real: None,
                shown: path.to_string(),
            })
        }
    }
}

/// Reads a file inside the scan root, bounded.
pub(crate) fn read_bytes(a: &Args<'_>, path: &str) -> Result<Vec<u8>, FnError> {
    let r = resolve(a, path)?;
    let Some(real) = r.real else {
        return Err(a.invalid(format!("no file exists at {:?}", r.shown)));
    };
    let meta = std::fs::metadata(&real)
        .map_err(|e| a.invalid(format!("cannot read {:?}: {e}", r.shown)))?;
    if meta.is_dir() {
        return Err(a.invalid(format!("{:?} is a directory, not a file", r.shown)));
    }
    if meta.len() > MAX_STRING as u64 {
        return Err(a.limit(format!("{:?} is larger than {MAX_STRING} bytes", r.shown)));
    }
    let file = std::fs::File::open(&real)
        .map_err(|e| a.invalid(format!("cannot read {:?}: {e}", r.shown)))?;
    let mut data = Vec::new();
    file.take(MAX_STRING as u64 + 1)
        .read_to_end(&mut data)
        .map_err(|e| a.invalid(format!("cannot read {:?}: {e}", r.shown)))?;
    if data.len() > MAX_STRING {
        return Err(a.limit(format!("{:?} is larger than {MAX_STRING} bytes", r.shown)));
    }
    Ok(data)
}

pub(super) fn file(a: &Args<'_>) -> Result<Value, FnError> {
    let path = a.str(0)?;
    let data = read_bytes(a, &path)?;
    let s = String::from_utf8(data).map_err(|_| {
        a.invalid(format!(
            "contents of {path:?} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents"
        ))
    })?;
    Ok(Value::string(s))
}

pub(super) fn filebase64(a: &Args<'_>) -> Result<Value, FnError> {
    let path = a.str(0)?;
    let data = read_bytes(a, &path)?;
    a.string_result(b64(&data))
}

pub(super) fn fileexists(a: &Args<'_>) -> Result<Value, FnError> {
    let path = a.str(0)?;
    let r = resolve(a, &path)?;
    let Some(real) = r.real else {
        return Ok(Value::bool(false));
    };
    match std::fs::metadata(&real) {
        Ok(m) if m.is_file() => Ok(Value::bool(true)),
        Ok(m) if m.is_dir() => Err(a.invalid(format!("{path:?} is a directory, not a file"))),
        Ok(_) => Err(a.invalid(format!("{path:?} is not a regular file"))),
        Err(_) => Ok(Value::bool(false)),
    }
}

pub(super) fn fileset(a: &Args<'_>) -> Result<Value, FnError> {
    let path = a.str(0)?;
    let pattern = a.str(1)?;
    let patterns = expand_braces(&pattern)
        .ok_or_else(|| a.limit("the pattern has too many {...} alternatives"))?;
    let patterns: Vec<Vec<String>> = patterns
        .iter()
        .map(|p| {
            p.split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .map(str::to_string)
                .collect()
        })
        .collect();
    let r = resolve(a, &path)?;
    let Some(dir) = r.real else {
        return Ok(Value::list(Vec::new()));
    };
    let root = a
        .ctx
        .root
        .canonicalize()
        .map_err(|e| a.invalid(format!("cannot access the scan root: {e}")))?;
    let mut found = Vec::new();
    let mut visited = 0usize;
    let mut stack: Vec<(PathBuf, Vec<String>)> = vec![(dir, Vec::new())];
    while let Some((d, rel)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            visited += 1;
            if visited > MAX_WALK {
                return Err(a.limit(format!("more than {MAX_WALK} entries under {path:?}")));
            }
            let Ok(real) = entry.path().canonicalize() else {
                continue;
            };
            if !real.starts_with(&root) {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let mut segs = rel.clone();
            segs.push(name);
            let Ok(meta) = std::fs::metadata(&real) else {
                continue;
            };
            if meta.is_dir() {
                // Symbolic links to folders are not followed (no cycles).
                let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(true);
                if !is_link {
                    stack.push((real, segs));
                }
            } else if meta.is_file() && patterns.iter().any(|p| glob_match(p, &segs)) {
                if found.len() >= MAX_LIST {
                    return Err(a.limit(format!("more than {MAX_LIST} matching files")));
                }
                found.push(segs.join("/"));
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(Value::list(found.into_iter().map(Value::string).collect()))
}

/// Expands `{a,b}` alternatives (bounded).
fn expand_braces(p: &str) -> Option<Vec<String>> {
    let mut out = vec![p.to_string()];
    loop {
        let mut next = Vec::new();
        let mut changed = false;
        for s in &out {
            match split_first_brace(s) {
                Some((pre, alts, post)) => {
                    changed = true;
                    for alt in alts {
                        next.push(format!("{pre}{alt}{post}"));
                        if next.len() > 1000 {
                            return None;
                        }
                    }
                }
                None => next.push(s.clone()),
            }
        }
        out = next;
        if !changed {
            return Some(out);
        }
    }
}

/// The first top-level `{...}` group: text before, alternatives, text after.
fn split_first_brace(s: &str) -> Option<(String, Vec<String>, String)> {
    let open = s.find('{')?;
    let mut depth = 0usize;
    let mut alts = Vec::new();
    let mut cur = String::new();
    for (i, c) in s.get(open..)?.char_indices() {
        match c {
            '{' => {
                depth += 1;
                if depth > 1 {
                    cur.push(c);
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    alts.push(cur);
                    let pre = s.get(..open)?.to_string();
                    let post = s.get(open + i + 1..)?.to_string();
                    return Some((pre, alts, post));
                }
                cur.push(c);
            }
            ',' if depth == 1 => alts.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    None
}

/// Matches path segments against pattern segments (`**` spans folders).
fn glob_match(pat: &[String], path: &[String]) -> bool {
    // dp[i][j]: pat[i..] matches path[j..]
    let (n, m) = (pat.len(), path.len());
    let mut dp = vec![vec![false; m + 1]; n + 1];
    if let Some(last) = dp.get_mut(n).and_then(|row| row.get_mut(m)) {
        *last = true;
    }
    for i in (0..n).rev() {
        for j in (0..=m).rev() {
            let seg = pat.get(i).map(String::as_str).unwrap_or("");
            let v = if seg == "**" {
                let skip = dp
                    .get(i + 1)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(false);
                let eat = j < m
                    && dp
                        .get(i)
                        .and_then(|r| r.get(j + 1))
                        .copied()
                        .unwrap_or(false);
                skip || eat
            } else {
                j < m
                    && path.get(j).is_some_and(|p| segment_match(seg, p))
                    && dp
                        .get(i + 1)
                        .and_then(|r| r.get(j + 1))
                        .copied()
                        .unwrap_or(false)
            };
            if let Some(cell) = dp.get_mut(i).and_then(|r| r.get_mut(j)) {
                *cell = v;
            }
        }
    }
    dp.first().and_then(|r| r.first()).copied().unwrap_or(false)
}

enum Tok {
    Star,
    Any,
    Lit(char),
    Class(Vec<(char, char)>, bool),
}

fn tokenize(p: &str) -> Vec<Tok> {
    let chars: Vec<char> = p.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '*' => out.push(Tok::Star),
            '?' => out.push(Tok::Any),
            '\\' => {
                if let Some(&e) = chars.get(i) {
                    out.push(Tok::Lit(e));
                    i += 1;
                }
            }
            '[' => {
                let mut j = i;
                let negate = matches!(chars.get(j), Some('!') | Some('^'));
                if negate {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut closed = false;
                let mut first = true;
                while let Some(&d) = chars.get(j) {
                    if d == ']' && !first {
                        closed = true;
                        j += 1;
                        break;
                    }
                    first = false;
                    let lo = if d == '\\' {
                        j += 1;
                        chars.get(j).copied().unwrap_or('\\')
                    } else {
                        d
                    };
                    j += 1;
                    if chars.get(j) == Some(&'-') && chars.get(j + 1).is_some_and(|c| *c != ']') {
                        let hi = chars.get(j + 1).copied().unwrap_or(lo);
                        ranges.push((lo, hi));
                        j += 2;
                    } else {
                        ranges.push((lo, lo));
                    }
                }
                if closed {
                    out.push(Tok::Class(ranges, negate));
                    i = j;
                } else {
                    out.push(Tok::Lit('['));
                }
            }
            c => out.push(Tok::Lit(c)),
        }
    }
    out
}

fn segment_match(pat: &str, name: &str) -> bool {
    let toks = tokenize(pat);
    let chars: Vec<char> = name.chars().collect();
    let (n, m) = (toks.len(), chars.len());
    let mut dp = vec![vec![false; m + 1]; n + 1];
    if let Some(cell) = dp.get_mut(n).and_then(|r| r.get_mut(m)) {
        *cell = true;
    }
    for i in (0..n).rev() {
        for j in (0..=m).rev() {
            let at =
                |ii: usize, jj: usize| dp.get(ii).and_then(|r| r.get(jj)).copied().unwrap_or(false);
            let c = chars.get(j);
            let v = match toks.get(i) {
                Some(Tok::Star) => at(i + 1, j) || (c.is_some() && at(i, j + 1)),
                Some(Tok::Any) => c.is_some() && at(i + 1, j + 1),
                Some(Tok::Lit(l)) => c == Some(l) && at(i + 1, j + 1),
                Some(Tok::Class(ranges, negate)) => {
                    c.is_some_and(|c| ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *negate)
                        && at(i + 1, j + 1)
                }
                None => false,
            };
            if let Some(cell) = dp.get_mut(i).and_then(|r| r.get_mut(j)) {
                *cell = v;
            }
        }
    }
    dp.first().and_then(|r| r.first()).copied().unwrap_or(false)
}

/// Go's `path.Clean` for slash-separated paths.
fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_string(),
        (false, false) => body,
    }
}

pub(super) fn abspath(a: &Args<'_>) -> Result<Value, FnError> {
    let p = a.str(0)?;
    if p.starts_with('/') {
        return Ok(Value::string(clean(&p)));
    }
    // Relative to Terraform's working folder, which isolint does not know.
    Ok(Value::unknown())
}

pub(super) fn basename(a: &Args<'_>) -> Result<Value, FnError> {
    let p = a.str(0)?;
    if p.is_empty() {
        return Ok(Value::string("."));
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(Value::string("/"));
    }
    let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
    Ok(Value::string(base))
}

pub(super) fn dirname(a: &Args<'_>) -> Result<Value, FnError> {
    let p = a.str(0)?;
    let dir = match p.rfind('/') {
        Some(i) => p.get(..=i).unwrap_or(""),
        None => "",
    };
    Ok(Value::string(clean(dir)))
}

pub(super) fn pathexpand(a: &Args<'_>) -> Result<Value, FnError> {
    let p = a.str(0)?;
    if p.starts_with('~') {
        // The home folder of whoever runs Terraform is not known.
        return Ok(Value::unknown());
    }
    Ok(Value::string(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(p: &str) -> Vec<String> {
        p.split('/').map(str::to_string).collect()
    }

    #[test]
    fn globs() {
        assert!(glob_match(&segs("*.txt"), &segs("a.txt")));
        assert!(!glob_match(&segs("*.txt"), &segs("d/a.txt")));
        assert!(glob_match(&segs("**/*.txt"), &segs("a.txt")));
        assert!(glob_match(&segs("**/*.txt"), &segs("d/e/a.txt")));
        assert!(glob_match(&segs("d/**"), &segs("d/e/a.txt")));
        assert!(segment_match("[a-c]?.t*", "bx.tf"));
        assert!(!segment_match("[!a-c]x", "bx"));
        assert_eq!(
            expand_braces("*.{tf,json}").unwrap_or_default(),
            vec!["*.tf".to_string(), "*.json".to_string()]
        );
    }

    #[test]
    fn go_clean() {
        assert_eq!(clean("foo/bar/"), "foo/bar");
        assert_eq!(clean("/a/../.."), "/");
        assert_eq!(clean("../a/./b/.."), "../a");
        assert_eq!(clean(""), ".");
    }
}
