//! Shared helpers of the fixture tests.
#![allow(dead_code)]

use isolint::{lint, Config, Report};
use std::path::{Path, PathBuf};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Lints one fixture folder with its `.isolint.toml`, paths relative to the workspace root.
pub fn run(dir: &Path) -> Report {
    let root = workspace_root();
    let mut config = Config {
        cwd: root.clone(),
        root: Some(root.clone()),
        ..Config::default()
    };
    let toml = dir.join(".isolint.toml");
    if toml.exists() {
        isolint::config::apply_file(&mut config, &toml).unwrap();
    }
    lint(&[dir.to_path_buf()], &config).unwrap()
}

/// `(rule, case, folder)` for every `testdata/<format>/<RULE>/<case>`.
pub fn cases(format: &str) -> Vec<(String, String, PathBuf)> {
    let base = workspace_root().join("testdata").join(format);
    let mut out = Vec::new();
    let Ok(rules) = std::fs::read_dir(&base) else {
        return out;
    };
    for rule in rules {
        let rule = rule.unwrap().path();
        let id = rule.file_name().unwrap().to_string_lossy().to_string();
        if !id.starts_with("AML") || !rule.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            if case.is_dir() {
                let name = case.file_name().unwrap().to_string_lossy().to_string();
                out.push((id.clone(), name, case));
            }
        }
    }
    out.sort();
    out
}

/// Checks that `fire` cases report their rule and `near_miss` cases do not,
/// that every finding is located, and snapshots the outputs.
pub fn check_format(format: &str, min_cases: usize) -> std::collections::BTreeSet<String> {
    let all = cases(format);
    assert!(
        all.len() >= min_cases,
        "expected at least {min_cases} {format} fixtures, found {}",
        all.len()
    );
    let mut fired_rules = std::collections::BTreeSet::new();
    for (id, case, dir) in all {
        let report = run(&dir);
        let fired = report.findings.iter().filter(|f| f.rule == id).count();
        if case.starts_with("fire") {
            assert!(
                fired > 0,
                "{format} {id}/{case}: expected {id} to fire; got {}",
                report.to_compact()
            );
            fired_rules.insert(id.clone());
        } else {
            assert_eq!(
                fired,
                0,
                "{format} {id}/{case}: {id} must not fire; got {}",
                report.to_compact()
            );
        }
        for f in &report.findings {
            assert!(
                f.span.is_some(),
                "{format} {id}/{case}: finding without a location: {f:?}"
            );
        }
        insta::assert_snapshot!(
            format!("{format}__{id}__{case}__compact"),
            report.to_compact()
        );
        insta::assert_json_snapshot!(format!("{format}__{id}__{case}__json"), report.to_json());
        insta::assert_snapshot!(
            format!("{format}__{id}__{case}__human"),
            report.to_human(false)
        );
    }
    fired_rules
}
