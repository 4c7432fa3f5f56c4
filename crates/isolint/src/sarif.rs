//! The SARIF 2.1.0 rendering of a report (`--format sarif`), for code
//! scanning services such as GitHub code scanning.
//!
//! One run; the driver lists every rule; each finding is a result with its
//! primary location (file relative to `%SRCROOT%`, the current folder), the
//! resource address as a logical location, its related locations, and a
//! partial fingerprint built from the rule, the resource address and the
//! attribute path (never from line numbers, so it survives edits elsewhere
//! in the file).

use crate::report::{Location, Report};
use isolint_model::{Finding, Severity};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// The project's repository; rule help pages live under `docs/rules/`.
pub const REPOSITORY: &str = "https://github.com/isolint/isolint";

/// The JSON schema URI written in `$schema`.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The URI base ID file locations are relative to.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of [`fingerprint`] in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "isolint/v1";

/// The absolute address of a rule's documentation page.
pub fn help_uri(rule_id: &str) -> String {
    format!("{REPOSITORY}/blob/main/docs/rules/{rule_id}.md")
}

/// SARIF `level` of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A stable fingerprint of a finding: SHA-256 of its rule, resource address
/// and attribute path (plus an ordinal when several findings share them).
pub fn fingerprint(rule: &str, resource: &str, path: &str, ordinal: usize) -> String {
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    h.update([0]);
    h.update(resource.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    if ordinal > 0 {
        h.update([0]);
        h.update(ordinal.to_string().as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Report {
    /// The report as a SARIF 2.1.0 log.
    pub fn to_sarif(&self) -> Value {
        let rules = isolint_rules::all();
        let index: HashMap<&str, usize> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.id, i))
            .collect();
        let descriptors: Vec<Value> = rules.iter().map(|r| rule_descriptor(&r.meta)).collect();

        let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
        let results: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                let loc = f.span.and_then(|s| self.location(s));
                let resource = f
                    .resource
                    .clone()
                    .or_else(|| loc.as_ref().map(|l| l.file.clone()))
                    .unwrap_or_default();
                let key = (
                    f.rule.to_string(),
                    resource,
                    f.path.clone().unwrap_or_default(),
                );
                let n = seen.entry(key.clone()).or_insert(0);
                let ordinal = *n;
                *n += 1;
                let fp = fingerprint(&key.0, &key.1, &key.2, ordinal);
                self.result(f, loc.as_ref(), index.get(f.rule).copied(), fp)
            })
            .collect();

        let mut driver = Map::new();
        driver.insert("name".into(), json!("isolint"));
        driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
        driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
        driver.insert("informationUri".into(), json!(REPOSITORY));
        driver.insert("rules".into(), Value::Array(descriptors));

        let mut run = Map::new();
        run.insert("tool".into(), json!({ "driver": driver }));
        if let Some(uri) = dir_uri(self.cwd()) {
            run.insert(
                "originalUriBaseIds".into(),
                json!({ SRCROOT: {
                    "uri": uri,
                    "description": { "text": "The folder isolint ran in; file locations are relative to it." }
                } }),
            );
        }
        run.insert("results".into(), Value::Array(results));
        run.insert("columnKind".into(), json!("unicodeCodePoints"));
        run.insert(
            "properties".into(),
            json!({ "summary": self.summary, "failed": self.failed() }),
        );
        json!({
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [Value::Object(run)],
        })
    }

    fn result(
        &self,
        f: &Finding,
        loc: Option<&Location>,
        rule_index: Option<usize>,
        fp: String,
    ) -> Value {
        let mut text = f.message.clone();
        if let Some(fix) = &f.fix {
            text.push_str("\nFix: ");
            text.push_str(fix);
        }
        let mut r = Map::new();
        r.insert("ruleId".into(), json!(f.rule));
        if let Some(i) = rule_index {
            r.insert("ruleIndex".into(), json!(i));
        }
        r.insert("level".into(), json!(level(f.severity)));
        r.insert("message".into(), json!({ "text": text }));
        // A finding with neither a file nor a resource has no location.
        let locations: Vec<Value> = if loc.is_some() || f.resource.is_some() {
            vec![location(loc, f.resource.as_deref(), None, None)]
        } else {
            Vec::new()
        };
        r.insert("locations".into(), Value::Array(locations));
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                let l = rel.span.and_then(|s| self.location(s));
                location(
                    l.as_ref(),
                    rel.resource.as_deref(),
                    Some(i),
                    Some(&rel.message),
                )
            })
            .collect();
        if !related.is_empty() {
            r.insert("relatedLocations".into(), Value::Array(related));
        }
        r.insert("partialFingerprints".into(), json!({ FINGERPRINT_KEY: fp }));
        let mut props = Map::new();
        props.insert("name".into(), json!(f.name));
        if let Some(res) = &f.resource {
            props.insert("resource".into(), json!(res));
        }
        if let Some(p) = &f.path {
            props.insert("path".into(), json!(p));
        }
        if let Some(fix) = &f.fix {
            props.insert("fix".into(), json!(fix));
        }
        r.insert("properties".into(), Value::Object(props));
        Value::Object(r)
    }
}

/// A SARIF `location`: the file region when known, the resource address as
/// a logical location, and for related locations an ID and a message.
fn location(
    loc: Option<&Location>,
    resource: Option<&str>,
    id: Option<usize>,
    message: Option<&str>,
) -> Value {
    let mut o = Map::new();
    if let Some(i) = id {
        o.insert("id".into(), json!(i));
    }
    if let Some(l) = loc {
        let mut artifact = Map::new();
        match absolute_file_uri(&l.file) {
            Some(uri) => {
                artifact.insert("uri".into(), json!(uri));
            }
            None => {
                artifact.insert("uri".into(), json!(encode_path(&l.file)));
                artifact.insert("uriBaseId".into(), json!(SRCROOT));
            }
        }
        let line = l.line.max(1);
        let column = l.column.max(1);
        // An end before the start (never expected) collapses to the start.
        let (end_line, end_column) = if (l.end_line, l.end_column) < (line, column) {
            (line, column)
        } else {
            (l.end_line, l.end_column.max(1))
        };
        o.insert(
            "physicalLocation".into(),
            json!({
                "artifactLocation": artifact,
                "region": {
                    "startLine": line,
                    "startColumn": column,
                    "endLine": end_line,
                    "endColumn": end_column,
                }
            }),
        );
    }
    if let Some(res) = resource {
        o.insert(
            "logicalLocations".into(),
            json!([{ "fullyQualifiedName": res, "kind": "resource" }]),
        );
    }
    if let Some(m) = message {
        o.insert("message".into(), json!({ "text": m }));
    }
    Value::Object(o)
}

fn rule_descriptor(m: &isolint_rules::RuleMeta) -> Value {
    let uri = help_uri(m.id);
    let help_text = format!(
        "{}\n\nWhy it matters: {}\n\nFix: {}\n\nDocumentation: {uri}",
        m.what, m.why, m.fix
    );
    let mut help_md = format!(
        "{}\n\n## Why it matters\n\n{}\n\n## Fix\n\n{}\n\n",
        m.what, m.why, m.fix
    );
    if !m.example_terraform.is_empty() {
        help_md.push_str(&format!(
            "## Example (Terraform)\n\n```hcl\n{}\n```\n\n",
            m.example_terraform
        ));
    }
    if !m.example_bicep.is_empty() {
        help_md.push_str(&format!(
            "## Example (Bicep)\n\n```bicep\n{}\n```\n\n",
            m.example_bicep
        ));
    }
    help_md.push_str(&format!("[{} documentation]({uri})", m.id));
    json!({
        "id": m.id,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": m.what, "markdown": m.what },
        "help": { "text": help_text, "markdown": help_md },
        "helpUri": uri,
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": { "tags": ["azure-machine-learning", "network-isolation"] },
    })
}

/// Percent-encodes a `/`-separated path for use in a URI (everything but
/// unreserved characters and `/`; a drive letter's `:` is kept by callers).
fn encode_path(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// A `file:` URI for an absolute display path (`/x`, `//server/share/x`,
/// `C:/x`); `None` for a relative one.
fn absolute_file_uri(path: &str) -> Option<String> {
    if path.starts_with("//") {
        return Some(format!("file:{}", encode_path(path)));
    }
    if path.starts_with('/') {
        return Some(format!("file://{}", encode_path(path)));
    }
    let b = path.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/' {
        return Some(format!(
            "file:///{}:{}",
            &path[..1],
            encode_path(&path[2..])
        ));
    }
    None
}

/// The `file:` URI of a folder, ending in `/`; `None` when it is not absolute.
fn dir_uri(dir: &Path) -> Option<String> {
    let s = dir.to_string_lossy().replace('\\', "/");
    let mut uri = absolute_file_uri(&s)?;
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(encode_path("infra/main.tf"), "infra/main.tf");
        assert_eq!(encode_path("my infra/ä.tf"), "my%20infra/%C3%A4.tf");
        assert_eq!(encode_path("a:b#c%"), "a%3Ab%23c%25");
        assert_eq!(absolute_file_uri("infra/main.tf"), None);
        assert_eq!(
            absolute_file_uri("/home/u/x y.tf").as_deref(),
            Some("file:///home/u/x%20y.tf")
        );
        assert_eq!(
            absolute_file_uri("C:/src/main.tf").as_deref(),
            Some("file:///C:/src/main.tf")
        );
        assert_eq!(
            absolute_file_uri("//server/share/a.tf").as_deref(),
            Some("file://server/share/a.tf")
        );
        assert_eq!(
            dir_uri(Path::new("/work/repo")).as_deref(),
            Some("file:///work/repo/")
        );
        assert_eq!(dir_uri(Path::new("/")).as_deref(), Some("file:///"));
        assert_eq!(dir_uri(Path::new("rel")), None);
    }

    #[test]
    fn fingerprints_ignore_lines_and_separate_fields() {
        let a = fingerprint("AML301", "azurerm_container_registry.acr", "sku.name", 0);
        assert_eq!(a.len(), 64);
        assert_eq!(
            a,
            fingerprint("AML301", "azurerm_container_registry.acr", "sku.name", 0)
        );
        assert_ne!(
            a,
            fingerprint("AML301", "azurerm_container_registry.acr", "sku.name", 1)
        );
        assert_ne!(fingerprint("A", "bc", "", 0), fingerprint("A", "b", "c", 0));
    }
}
