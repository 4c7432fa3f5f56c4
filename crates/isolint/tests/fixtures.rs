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
    // Every rule has a Bicep fixture that fires.
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
            111,
            1,
        ),
        (
            "AML203",
            "azurerm_private_dns_zone.zone[\"notebooks\"]",
            "examples/faulty/main.tf",
            126,
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
            "AML401",
            "module.network.azurerm_subnet.endpoints",
            "examples/faulty/modules/network/main.tf",
            41,
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

// ----- Terraform plan JSON (`testdata/plan/<RULE>/<case>/plan.json`) -----

#[test]
fn plan_fixtures_fire_and_near_misses_stay_silent() {
    let all = cases("plan");
    assert!(
        all.len() >= 18,
        "expected plan fixtures, found {}",
        all.len()
    );
    let mut rules_with_fire = std::collections::BTreeSet::new();
    for (id, case, dir) in all {
        let report = run(&dir);
        let fired = report.findings.iter().filter(|f| f.rule == id).count();
        if case.starts_with("fire") {
            assert!(
                fired > 0,
                "plan {id}/{case}: expected {id} to fire; got {}",
                report.to_compact()
            );
            rules_with_fire.insert(id.clone());
        } else {
            assert_eq!(
                fired,
                0,
                "plan {id}/{case}: {id} must not fire; got {}",
                report.to_compact()
            );
        }
        for f in &report.findings {
            assert!(
                f.span.is_some(),
                "plan {id}/{case}: finding without a location: {f:?}"
            );
        }
        insta::assert_snapshot!(format!("plan__{id}__{case}__compact"), report.to_compact());
        insta::assert_json_snapshot!(format!("plan__{id}__{case}__json"), report.to_json());
    }
    // Suppression comments exist only in sources: AML003 fires from a plan
    // when its sources sit beside it (see the parity test).
    assert!(rules_with_fire.len() >= 8, "{rules_with_fire:?}");
}

fn config_for(dir: &Path) -> Config {
    let root = workspace_root();
    let mut config = Config {
        cwd: root.clone(),
        root: Some(root),
        ..Config::default()
    };
    let toml = dir.join(".isolint.toml");
    if toml.exists() {
        isolint::config::apply_file(&mut config, &toml).unwrap();
    }
    config
}

/// Lints one plan file alone, located in the Terraform sources of `sources`
/// when given (as `--source-root` would).
fn run_plan(plan: &Path, sources: Option<&Path>, config: &Config) -> isolint::Report {
    use isolint_model::{GraphBuilder, SourceMap};
    let mut builder = GraphBuilder::new(SourceMap::new());
    let text = std::fs::read_to_string(plan).unwrap();
    let id = builder.sources_mut().add(plan.to_path_buf(), text);
    let mut opts = isolint_plan::PlanOptions::new(workspace_root());
    opts.source_dir = sources.map(Path::to_path_buf);
    opts.sources_beside = false;
    let unit = isolint_plan::load_plan(builder.sources_mut(), id, &opts);
    builder.add_unit(unit);
    isolint::lint_graph(builder.build(), config)
}

type Keyed = std::collections::BTreeSet<(String, String)>;

/// (rule, resource) of every finding, leaving out what only one side can
/// report: the remote-module AML002 of HCL (a plan holds the fetched module),
/// and, when `no_suppressions`, AML003 (comments are in sources only).
fn keyed(report: &isolint::Report, no_suppressions: bool) -> Keyed {
    report
        .findings
        .iter()
        .filter(|f| !(f.rule == "AML002" && f.message.contains("is not fetched")))
        .filter(|f| !(no_suppressions && f.rule == "AML003"))
        .map(|f| (f.rule.to_string(), f.resource.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn plan_and_hcl_fixtures_report_the_same_findings() {
    let plans: std::collections::BTreeMap<(String, String), PathBuf> = cases("plan")
        .into_iter()
        .map(|(id, case, dir)| ((id, case), dir))
        .collect();
    let mut compared = std::collections::BTreeSet::new();
    for (id, case, dir) in cases("terraform") {
        let Some(plan_dir) = plans.get(&(id.clone(), case.clone())) else {
            continue;
        };
        let config = config_for(&dir);
        let hcl = run(&dir);
        let plan_file = plan_dir.join("plan.json");
        // The plan alone (suppression comments aside) ...
        let alone = run_plan(&plan_file, None, &config);
        // ... and the plan located in its sources, whose comments then apply.
        let located = run_plan(&plan_file, Some(&dir), &config);
        // Suppressions silence findings in HCL that the plan alone reports.
        let suppressing = hcl.summary.suppressed > 0;
        assert!(
            suppressing || keyed(&alone, true) == keyed(&hcl, true),
            "{id}/{case}: plan alone and HCL differ\nplan:\n{}\nhcl:\n{}",
            alone.to_compact(),
            hcl.to_compact()
        );
        assert_eq!(
            keyed(&located, false),
            keyed(&hcl, false),
            "{id}/{case}: plan with sources and HCL differ\nplan:\n{}\nhcl:\n{}",
            located.to_compact(),
            hcl.to_compact()
        );
        compared.insert(id);
    }
    // Rules whose Terraform fixtures have no plan twin yet are listed, not failed.
    let missing: Vec<String> = cases("terraform")
        .into_iter()
        .map(|(id, _, _)| id)
        .filter(|id| !compared.contains(id))
        .collect();
    if !missing.is_empty() {
        eprintln!("Terraform fixtures without a plan twin: {missing:?}");
    }
    assert!(compared.len() >= 9, "{compared:?}");
}

#[test]
fn fresh_isolated_workspace_plan_reports_standard_registry() {
    // Every id is unknown in this plan; the workspace → registry link comes
    // from the configuration's references.
    let dir = workspace_root().join("testdata/plan/AML301/fire_fresh");
    let plan = dir.join("plan.json");
    let config = config_for(&dir);
    let aml301 = |r: &isolint::Report| -> Vec<serde_json::Value> {
        r.to_json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "AML301")
            .cloned()
            .collect()
    };
    // The plan alone: located at the value in the plan.
    let alone = run_plan(&plan, None, &config);
    let found = aml301(&alone);
    assert_eq!(found.len(), 1, "{}", alone.to_compact());
    let f = &found[0];
    assert_eq!(f["resource"], "azurerm_container_registry.acr");
    assert_eq!(f["file"], "testdata/plan/AML301/fire_fresh/plan.json");
    let text = std::fs::read_to_string(&plan).unwrap();
    let line = f["line"].as_u64().unwrap() as usize;
    let col = f["column"].as_u64().unwrap() as usize;
    assert!(
        text.lines().nth(line - 1).unwrap()[col - 1..].starts_with("\"Standard\""),
        "{f}"
    );
    assert!(f["message"].as_str().unwrap().contains("Standard"));
    // With the sources beside it: the .tf attribute first, the plan related.
    let located = run_plan(&plan, Some(&dir), &config);
    let found = aml301(&located);
    assert_eq!(found.len(), 1, "{}", located.to_compact());
    let f = &found[0];
    assert_eq!(f["file"], "testdata/plan/AML301/fire_fresh/main.tf");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(50), Some(25))
    );
    assert!(
        f["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["file"] == "testdata/plan/AML301/fire_fresh/plan.json"),
        "{f}"
    );
    // Both ways see the same findings.
    assert_eq!(keyed(&alone, true), keyed(&located, true));
}

// ----- Terraform JSON syntax (`testdata/terraform-json/<RULE>/<case>`) -----

#[test]
fn terraform_json_fixtures_fire_and_match_their_hcl_twins() {
    let all = cases("terraform-json");
    assert!(
        all.len() >= 4,
        "expected .tf.json fixtures, found {}",
        all.len()
    );
    for (id, case, dir) in all {
        let report = run(&dir);
        let fired = report.findings.iter().filter(|f| f.rule == id).count();
        if case.starts_with("fire") {
            assert!(fired > 0, "{id}/{case}: {}", report.to_compact());
            // Located in the JSON file, at the value.
            assert!(
                report
                    .findings
                    .iter()
                    .filter(|f| f.rule == id)
                    .all(|f| f.span.is_some()),
                "{}",
                report.to_compact()
            );
        } else {
            assert_eq!(fired, 0, "{id}/{case}: {}", report.to_compact());
        }
        // The same topology written in HCL gives the same findings of the rule.
        let hcl_dir = workspace_root()
            .join("testdata/terraform")
            .join(&id)
            .join(&case);
        if case == "fire" && hcl_dir.exists() {
            let hcl = run(&hcl_dir);
            let of_rule = |r: &isolint::Report| -> Keyed {
                keyed(r, true)
                    .into_iter()
                    .filter(|(rule, _)| *rule == id)
                    .collect()
            };
            let json = of_rule(&report);
            assert!(
                json.is_subset(&of_rule(&hcl)),
                "{id}/{case}: {}\n{}",
                report.to_compact(),
                hcl.to_compact()
            );
        }
        insta::assert_snapshot!(
            format!("terraform_json__{id}__{case}__compact"),
            report.to_compact()
        );
    }
}
