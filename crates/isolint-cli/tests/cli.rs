//! The built `isolint` binary: output formats and exit status. The
//! machine-readable formats are checked against `--format json` of the same
//! run, so the tests hold as the example and the rule catalog grow.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn isolint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isolint"))
        .args(args)
        .current_dir(workspace_root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// `check examples/faulty` in `format`, which must exit with status 1.
fn faulty(format: &str) -> String {
    let out = isolint(&["check", "examples/faulty", "--format", format]);
    assert_eq!(out.status.code(), Some(1), "{format}: {out:?}");
    stdout(&out)
}

/// The findings of `--format json` on the faulty example.
fn faulty_findings() -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(&faulty("json")).unwrap();
    let findings = v["findings"].as_array().unwrap().clone();
    assert!(
        findings.iter().any(|f| f["rule"] == "AML301"),
        "the faulty example reports AML301"
    );
    findings
}

#[test]
fn sarif_on_the_faulty_example() {
    let want = faulty_findings();
    let v: serde_json::Value = serde_json::from_str(&faulty("sarif")).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "isolint");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), want.len());
    for (r, f) in results.iter().zip(&want) {
        assert_eq!(r["ruleId"], f["rule"]);
        let phys = &r["locations"][0]["physicalLocation"];
        let uri = phys["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(uri, f["file"].as_str().unwrap());
        assert!(uri.starts_with("examples/faulty/"), "{uri}");
        assert!(workspace_root().join(uri).is_file(), "{uri}");
        assert_eq!(phys["region"]["startLine"], f["line"]);
        assert_eq!(phys["region"]["startColumn"], f["column"]);
    }
}

#[test]
fn sarif_to_an_output_file() {
    let file = std::env::temp_dir().join(format!("isolint-cli-{}.sarif", std::process::id()));
    let out = isolint(&[
        "check",
        "examples/faulty",
        "--format",
        "sarif",
        "--output",
        file.to_str().unwrap(),
        "--fail-on",
        "never",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["runs"][0]["results"].as_array().map(Vec::len),
        Some(faulty_findings().len())
    );
}

#[test]
fn junit_on_the_faulty_example() {
    let want = faulty_findings();
    let text = faulty("junit");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert!(text.trim_end().ends_with("</testsuites>"));
    // One failing test case per (file, rule) that reported.
    let failing: BTreeSet<(String, String, String)> = want
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(text.matches("<failure ").count(), failing.len(), "{text}");
    for (file, rule, name) in &failing {
        let case = format!("<testcase classname=\"{file}\" name=\"{rule} {name}\">");
        assert!(text.contains(&case), "{text} lacks {case}");
    }
}

#[test]
fn github_on_the_faulty_example() {
    let want = faulty_findings();
    let text = faulty("github");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), want.len(), "{text}");
    for (l, f) in lines.iter().zip(&want) {
        // Columns only for a finding on one line.
        let col = if f["end_line"] == f["line"] {
            format!("col={},", f["column"])
        } else {
            String::new()
        };
        let start = format!(
            "::{} file={},line={},{col}",
            f["severity"].as_str().unwrap().replace("info", "notice"),
            f["file"].as_str().unwrap(),
            f["line"],
        );
        assert!(l.starts_with(&start), "{l} does not start with {start}");
        let title = format!(
            ",title={} {}::",
            f["rule"].as_str().unwrap(),
            f["name"].as_str().unwrap()
        );
        assert!(l.contains(&title), "{l} lacks {title}");
    }
}

#[test]
fn fail_on_never_exits_zero_in_every_format() {
    for format in ["human", "compact", "json", "sarif", "junit", "github"] {
        let out = isolint(&[
            "check",
            "examples/faulty",
            "--format",
            format,
            "--fail-on",
            "never",
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
        assert!(!out.stdout.is_empty(), "{format}");
    }
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = isolint(&["check", "examples/faulty", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
