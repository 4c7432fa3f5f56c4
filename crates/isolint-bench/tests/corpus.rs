//! The generated corpus lints as intended: no parse error (AML001), no
//! unresolved reference (AML002), every seeded fault reported in its
//! deployment, and nothing else reported.

use isolint_bench::gen::{generate, Options};
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isolint-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The deployment folder (`tf/env0003`, `arm/dep0001`, ...) a path lies in.
fn deployment_of(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    parts.windows(2).find_map(|w| {
        let deployment = w[1].starts_with("env") || w[1].starts_with("dep");
        (matches!(w[0], "tf" | "arm" | "bicep") && deployment).then(|| format!("{}/{}", w[0], w[1]))
    })
}

#[test]
fn generated_corpus_reports_exactly_the_seeded_faults() {
    let dir = temp_dir("corpus");
    // Seed 4 at this size seeds every fault kind in every format.
    let summary = generate(&dir, &Options::new(3_000, 4)).unwrap();
    assert_eq!(summary.total_resources(), 3_000);
    assert!(summary.deployments.iter().all(|&n| n > 0), "{summary:?}");
    let mut kinds = std::collections::BTreeSet::new();
    for (format, dir) in &summary.deployment_dirs {
        if let Some(f) = summary.faults.iter().find(|f| &f.dir == dir) {
            kinds.insert((*format, f.kind));
        }
    }
    assert_eq!(
        kinds.len(),
        9,
        "every fault kind in every format: {kinds:?}"
    );

    let config = isolint::Config {
        root: Some(dir.clone()),
        ..Default::default()
    };
    let report = isolint::lint(std::slice::from_ref(&dir), &config).unwrap();
    let json = report.to_json();
    let findings = json["findings"].as_array().unwrap();
    let mut found: Vec<(String, String)> = Vec::new();
    for f in findings {
        let rule = f["rule"].as_str().unwrap().to_string();
        assert!(
            rule != "AML001" && rule != "AML002" && rule != "AML004",
            "meta finding on generated input: {f}"
        );
        let mut deployment = f["file"].as_str().and_then(deployment_of);
        if deployment.is_none() {
            // A value computed in a shared module: the module call is related.
            deployment = f["related"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r["file"].as_str().and_then(deployment_of))
                .next();
        }
        let deployment =
            deployment.unwrap_or_else(|| panic!("finding outside any deployment: {f}"));
        found.push((deployment, rule));
    }
    for (deployment, rule) in &found {
        assert!(
            summary
                .faults
                .iter()
                .any(
                    |f| f.dir.to_string_lossy().replace('\\', "/") == *deployment
                        && f.kind.rule() == rule
                ),
            "{rule} in {deployment}, which carries no such fault"
        );
    }
    for f in &summary.faults {
        let d = f.dir.to_string_lossy().replace('\\', "/");
        assert!(
            found
                .iter()
                .any(|(dep, rule)| *dep == d && rule == f.kind.rule()),
            "seeded {} in {d} not reported",
            f.kind.rule()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generation_is_deterministic() {
    let a = temp_dir("det-a");
    let b = temp_dir("det-b");
    let sa = generate(&a, &Options::new(500, 9)).unwrap();
    let sb = generate(&b, &Options::new(500, 9)).unwrap();
    assert_eq!(
        (sa.files, sa.bytes, sa.resources),
        (sb.files, sb.bytes, sb.resources)
    );
    for (_, d) in &sa.deployment_dirs {
        for entry in std::fs::read_dir(a.join(d)).unwrap() {
            let p = entry.unwrap().path();
            let rel = p.strip_prefix(&a).unwrap();
            assert_eq!(
                std::fs::read(&p).unwrap(),
                std::fs::read(b.join(rel)).unwrap()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}
