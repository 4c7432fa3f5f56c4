//! Every rule's fixtures: `testdata/<format>/<RULE>/fire` must report the
//! rule, `near_miss` must not. The compact and JSON outputs are snapshots.

use isolint::{lint, Config};
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn run(dir: &Path) -> isolint::Report {
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

fn cases(format: &str) -> Vec<(String, String, PathBuf)> {
    let base = workspace_root().join("testdata").join(format);
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&base).unwrap() {
        let rule = rule.unwrap().path();
        let id = rule.file_name().unwrap().to_string_lossy().to_string();
        if !id.starts_with("AML") {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            out.push((id.clone(), name, case));
        }
    }
    out.sort();
    out
}

#[test]
fn terraform_fixtures_fire_and_near_misses_stay_silent() {
    let all = cases("terraform");
    assert!(
        all.len() >= 18,
        "expected a fire and a near-miss case per rule, found {}",
        all.len()
    );
    let mut rules_with_fire = std::collections::BTreeSet::new();
    for (id, case, dir) in all {
        let report = run(&dir);
        let fired = report.findings.iter().filter(|f| f.rule == id).count();
        if case.starts_with("fire") {
            assert!(
                fired > 0,
                "{id}/{case}: expected {id} to fire; got {}",
                report.to_compact()
            );
            rules_with_fire.insert(id.clone());
        } else {
            assert_eq!(
                fired,
                0,
                "{id}/{case}: {id} must not fire; got {}",
                report.to_compact()
            );
        }
        // Every finding is located.
        for f in &report.findings {
            assert!(
                f.span.is_some(),
                "{id}/{case}: finding without a location: {f:?}"
            );
        }
        insta::assert_snapshot!(
            format!("terraform__{id}__{case}__compact"),
            report.to_compact()
        );
        insta::assert_json_snapshot!(format!("terraform__{id}__{case}__json"), report.to_json());
        insta::assert_snapshot!(
            format!("terraform__{id}__{case}__human"),
            report.to_human(false)
        );
    }
    for r in isolint_rules::all() {
        assert!(
            rules_with_fire.contains(r.meta.id),
            "rule {} has no Terraform fixture that fires",
            r.meta.id
        );
    }
}

#[test]
fn bicep_fixtures_fire_and_near_misses_stay_silent() {
    let all = cases("bicep");
    assert!(
        all.len() >= 18,
        "expected a fire and a near-miss case per rule, found {}",
        all.len()
    );
    let mut rules_with_fire = std::collections::BTreeSet::new();
    for (id, case, dir) in all {
        let report = run(&dir);
        let fired = report.findings.iter().filter(|f| f.rule == id).count();
        if case.starts_with("fire") {
            assert!(
                fired > 0,
                "bicep {id}/{case}: expected {id} to fire; got {}",
                report.to_compact()
            );
            rules_with_fire.insert(id.clone());
        } else {
            assert_eq!(
                fired,
                0,
                "bicep {id}/{case}: {id} must not fire; got {}",
                report.to_compact()
            );
        }
        for f in &report.findings {
            assert!(
                f.span.is_some(),
                "bicep {id}/{case}: finding without a location: {f:?}"
            );
        }
        insta::assert_snapshot!(format!("bicep__{id}__{case}__compact"), report.to_compact());
        insta::assert_json_snapshot!(format!("bicep__{id}__{case}__json"), report.to_json());
    }
    for r in isolint_rules::all() {
        assert!(
            rules_with_fire.contains(r.meta.id),
            "rule {} has no Bicep fixture that fires",
            r.meta.id
        );
    }
}

/// The "done means": a Docker-bridge literal passed by `main.bicep`
/// to a local module is reported at the line of that literal.
#[test]
fn bicep_module_argument_literal_is_the_primary_location() {
    let dir = workspace_root().join("testdata/bicep/AML401/fire_module");
    let report = run(&dir);
    let json = report.to_json();
    let hits: Vec<(String, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "AML401")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        hits.contains(&(
            "testdata/bicep/AML401/fire_module/main.bicep".to_string(),
            8
        )),
        "{}",
        report.to_compact()
    );
}

#[test]
fn faulty_example_reports_exactly_the_documented_findings() {
    let report = run(&workspace_root().join("examples/faulty"));
    let json = report.to_json();
    let got: Vec<(String, String, String, u64, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = vec![
        (
            "AML302",
            "azurerm_machine_learning_workspace.ws",
            "examples/faulty/main.tf",
            56,
            1,
        ),
        (
            "AML401",
            "module.network.azurerm_virtual_network.this",
            "examples/faulty/modules/network/main.tf",
            27,
            3,
        ),
        (
            "AML401",
            "module.network.azurerm_subnet.training",
            "examples/faulty/modules/network/main.tf",
            34,
            27,
        ),
        (
            "AML301",
            "azurerm_container_registry.acr",
            "examples/faulty/variables.tf",
            14,
            17,
        ),
    ];
    let want: Vec<(String, String, String, u64, u64)> = want
        .into_iter()
        .map(|(a, b, c, d, e)| (a.to_string(), b.to_string(), c.to_string(), d, e))
        .collect();
    assert_eq!(got, want);
    assert!(report.failed());
    insta::assert_snapshot!("example_faulty_human", report.to_human(false));
}

#[test]
fn clean_example_reports_nothing() {
    let report = run(&workspace_root().join("examples/clean"));
    assert!(report.findings.is_empty(), "{}", report.to_compact());
    assert!(!report.failed());
    assert!(report.summary.resources > 5);
}
