//! The built `isolint` binary: output formats and exit status.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The rules whose findings on `examples/faulty` the tests count (other
/// rules may be added to the catalog and fire there too).
const DOCUMENTED: &str = "AML301,AML302,AML401";

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

#[test]
fn sarif_on_the_faulty_example() {
    let out = isolint(&[
        "check",
        "examples/faulty",
        "--format",
        "sarif",
        "--select",
        DOCUMENTED,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "isolint");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let mut rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    rules.sort();
    assert_eq!(rules, ["AML301", "AML302", "AML401", "AML401"]);
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("examples/faulty/"), "{uri}");
        assert!(workspace_root().join(uri).is_file(), "{uri}");
    }
}

#[test]
fn sarif_to_an_output_file() {
    let file = std::env::temp_dir().join(format!("isolint-cli-{}.sarif", std::process::id()));
    let out = isolint(&[
        "check",
        "examples/clean",
        "--format",
        "sarif",
        "--output",
        file.to_str().unwrap(),
        "--select",
        DOCUMENTED,
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().map(Vec::len), Some(0));
}

#[test]
fn junit_on_the_faulty_example() {
    let out = isolint(&[
        "check",
        "examples/faulty",
        "--format",
        "junit",
        "--select",
        DOCUMENTED,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert!(text.trim_end().ends_with("</testsuites>"));
    assert_eq!(text.matches("<failure ").count(), 3, "{text}");
    assert!(text.contains(
        "<testcase classname=\"examples/faulty/variables.tf\" name=\"AML301 acr-not-premium\">"
    ));
}

#[test]
fn github_on_the_faulty_example() {
    let out = isolint(&[
        "check",
        "examples/faulty",
        "--format",
        "github",
        "--select",
        DOCUMENTED,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines
        .iter()
        .all(|l| l.starts_with("::error file=examples/faulty/")));
    assert!(lines[3].starts_with(
        "::error file=examples/faulty/variables.tf,line=14,col=17,endLine=14,endColumn=27,title=AML301 acr-not-premium::container registry 'acrmlfaulty' is Standard"
    ));
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
