//! The machine-readable renderings: SARIF (validated against the official
//! 2.1.0 schema for every fixture), JUnit XML and GitHub workflow commands.

use isolint::{lint, Config, Report};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Lints one fixture folder as `fixtures.rs` does, from `cwd`, with only
/// the `select`ed rules (all when empty).
fn run_in(dir: &Path, cwd: &Path, select: &[&str]) -> Report {
    let mut config = Config {
        cwd: cwd.to_path_buf(),
        root: Some(cwd.to_path_buf()),
        select: select.iter().map(|s| s.to_string()).collect(),
        ..Config::default()
    };
    let toml = dir.join(".isolint.toml");
    if toml.exists() {
        isolint::config::apply_file(&mut config, &toml).unwrap();
    }
    lint(&[dir.to_path_buf()], &config).unwrap()
}

fn run(dir: &Path) -> Report {
    run_in(dir, &workspace_root(), &[])
}

/// The AML301 fixture with the rules whose findings the tests spell out
/// (other rules may fire on it as the catalog grows).
fn acr_fixture(select: &[&str]) -> Report {
    run_in(
        &fixture("testdata/terraform/AML301/fire"),
        &workspace_root(),
        select,
    )
}

fn fixture(rel: &str) -> PathBuf {
    workspace_root().join(rel)
}

/// Every lint run under `testdata/`: `<format>/<RULE>/<case>/`, and any other
/// folder directly under `<format>/` as a run of its own; plus the examples.
fn all_fixtures() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut out = Vec::new();
    let dirs = |p: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    for format in dirs(&root.join("testdata")) {
        for group in dirs(&format) {
            let name = group.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with("AML") {
                out.extend(dirs(&group));
            } else {
                out.push(group);
            }
        }
    }
    out.push(root.join("examples/faulty"));
    out.push(root.join("examples/clean"));
    out
}

fn sarif_schema() -> Option<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/schemas/sarif-schema-2.1.0.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).unwrap()),
        Err(_) => {
            println!(
                "note: {} not found; SARIF schema validation skipped",
                path.display()
            );
            None
        }
    }
}

fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Checks what the schema cannot: indexes, locations, fingerprints.
fn check_sarif_semantics(name: &str, report: &Report, sarif: &Value) {
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), isolint_rules::all().len(), "{name}");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len(), "{name}");
    let mut fingerprints = HashSet::new();
    for (r, f) in results.iter().zip(&report.findings) {
        assert_eq!(r["ruleId"], f.rule, "{name}");
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], f.rule, "{name}: ruleIndex");
        let text = r["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(&f.message), "{name}: {text}");
        if let Some(fix) = &f.fix {
            assert!(text.ends_with(fix.as_str()), "{name}: {text}");
        }
        let fp = r["partialFingerprints"]["isolint/v1"].as_str().unwrap();
        assert!(
            fingerprints.insert(fp.to_string()),
            "{name}: duplicate fingerprint"
        );
        let loc = &r["locations"][0];
        if let Some(l) = f.span.and_then(|s| report.location(s)) {
            let phys = &loc["physicalLocation"];
            assert_eq!(phys["artifactLocation"]["uri"], l.file.as_str(), "{name}");
            assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            assert!(
                workspace_root().join(&l.file).is_file(),
                "{name}: {} is not relative to the workspace root",
                l.file
            );
            assert_eq!(phys["region"]["startLine"], l.line, "{name}");
            assert_eq!(phys["region"]["startColumn"], l.column, "{name}");
            assert_eq!(phys["region"]["endLine"], l.end_line, "{name}");
            assert_eq!(phys["region"]["endColumn"], l.end_column, "{name}");
        }
        if let Some(res) = &f.resource {
            assert_eq!(
                loc["logicalLocations"][0]["fullyQualifiedName"],
                res.as_str(),
                "{name}"
            );
        }
        let related = r["relatedLocations"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(related, f.related.len(), "{name}");
        for (k, rel) in f.related.iter().enumerate() {
            let got = &r["relatedLocations"][k];
            assert_eq!(got["id"], k, "{name}");
            assert_eq!(got["message"]["text"], rel.message.as_str(), "{name}");
        }
    }
}

#[test]
fn sarif_of_every_fixture_is_valid_against_the_official_schema() {
    let Some(schema) = sarif_schema() else {
        return;
    };
    let started = Instant::now();
    let validator = jsonschema::validator_for(&schema).unwrap();

    // The validator rejects broken documents: a wrong version, an unknown
    // level, a result without a message, a region line of 0.
    let fixtures = all_fixtures();
    assert!(fixtures.len() >= 18, "{fixtures:?}");
    let good = acr_fixture(&["AML301"]).to_sarif();
    assert!(schema_errors(&validator, &good).is_empty());
    let mut broken = Vec::new();
    let mut b = good.clone();
    b["version"] = "2.0.0".into();
    broken.push(("version", b));
    let mut b = good.clone();
    b["runs"][0]["results"][0]["level"] = "fatal".into();
    broken.push(("level", b));
    let mut b = good.clone();
    b["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    broken.push(("message", b));
    let mut b = good.clone();
    b["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    broken.push(("startLine", b));
    let mut b = good.clone();
    b["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "info".into();
    broken.push(("rule level", b));
    let mut b = good.clone();
    b["runs"][0]["results"][0]["unexpectedProperty"] = true.into();
    broken.push(("unknown property", b));
    let mut b = good.clone();
    b.as_object_mut().unwrap().remove("runs");
    broken.push(("runs", b));
    for (what, doc) in &broken {
        assert!(
            !validator.is_valid(doc),
            "a SARIF document with a broken {what} passed validation"
        );
    }

    let mut results = 0;
    let mut validating = std::time::Duration::ZERO;
    for dir in &fixtures {
        let name = dir
            .strip_prefix(workspace_root())
            .unwrap()
            .display()
            .to_string();
        let report = run(dir);
        let sarif = report.to_sarif();
        let t = Instant::now();
        let errors = schema_errors(&validator, &sarif);
        validating += t.elapsed();
        assert!(
            errors.is_empty(),
            "{name}: invalid SARIF:\n{}\n{}",
            errors.join("\n"),
            serde_json::to_string_pretty(&sarif).unwrap()
        );
        check_sarif_semantics(&name, &report, &sarif);
        results += report.findings.len();
    }
    assert!(results > 10, "the fixtures should give results to validate");
    println!(
        "validated the SARIF of {} fixtures ({results} results): {:?} in all, {validating:?} validating",
        fixtures.len(),
        started.elapsed()
    );
}

#[test]
fn sarif_describes_the_rules_and_the_run() {
    let report = acr_fixture(&["AML301", "AML002"]);
    let sarif = report.to_sarif();
    assert_eq!(sarif["version"], "2.1.0");
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "isolint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    for (d, r) in rules.iter().zip(isolint_rules::all()) {
        let m = &r.meta;
        assert_eq!(d["id"], m.id);
        assert_eq!(d["name"], m.name);
        assert_eq!(d["shortDescription"]["text"], m.summary);
        assert_eq!(d["fullDescription"]["text"], m.what);
        let help = d["help"]["markdown"].as_str().unwrap();
        assert!(help.contains(m.why) && help.contains(m.fix), "{help}");
        let text = d["help"]["text"].as_str().unwrap();
        assert!(text.contains(m.why) && text.contains(m.fix), "{text}");
        assert_eq!(
            d["helpUri"],
            format!(
                "https://github.com/isolint/isolint/blob/main/docs/rules/{}.md",
                m.id
            )
        );
    }
    let level = |id: &str| {
        rules.iter().find(|d| d["id"] == id).unwrap()["defaultConfiguration"]["level"].clone()
    };
    assert_eq!(level("AML301"), "error");
    assert_eq!(level("AML003"), "warning");
    assert_eq!(level("AML002"), "note");

    let run = &sarif["runs"][0];
    let root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root_uri.starts_with("file:///") && root_uri.ends_with('/'),
        "{root_uri}"
    );
    let results = run["results"].as_array().unwrap();
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["error", "note", "error"]);
    let first = &results[0];
    assert_eq!(first["ruleId"], "AML301");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "testdata/terraform/AML301/fire/main.tf"
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
    assert_eq!(
        first["locations"][0]["logicalLocations"][0],
        serde_json::json!({ "fullyQualifiedName": "azurerm_container_registry.acr", "kind": "resource" })
    );
    let related = first["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["id"], 0);
    assert_eq!(related[0]["message"]["text"], "the value is used here");
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 25);
    assert_eq!(related[1]["id"], 1);
    assert_eq!(related[1]["message"]["text"], "used by this workspace");
    assert_eq!(
        related[1]["logicalLocations"][0]["fullyQualifiedName"],
        "azurerm_machine_learning_workspace.ws"
    );
    assert!(first["message"]["text"]
        .as_str()
        .unwrap()
        .contains("\nFix: "));
    assert_eq!(
        first["partialFingerprints"]["isolint/v1"],
        isolint::sarif::fingerprint("AML301", "azurerm_container_registry.acr", "sku.name", 0)
    );
}

/// Lines are not part of the fingerprint: the same findings moved down
/// by a few lines keep their fingerprints.
#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let src = fixture("testdata/terraform/AML301/fire");
    let tmp = std::env::temp_dir().join(format!("isolint-formats-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(
                tmp.join(p.file_name().unwrap()),
                format!("# moved\n\n\n{text}"),
            )
            .unwrap();
        }
    }
    let fps = |r: &Report| -> Vec<(String, u64)> {
        r.to_sarif()["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["partialFingerprints"]["isolint/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    x["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = fps(&run(&src));
    let after = fps(&run_in(&tmp, &tmp, &[]));
    let _ = std::fs::remove_dir_all(&tmp);
    assert_eq!(before.len(), after.len());
    assert!(!before.is_empty());
    for ((fa, la), (fb, lb)) in before.iter().zip(&after) {
        assert_eq!(fa, fb);
        assert_eq!(la + 3, *lb);
    }
}

fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    n.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", n.tag_name().name()))
}

#[test]
fn junit_has_a_suite_per_file_and_a_case_per_rule() {
    let report = run(&fixture("examples/faulty"));
    let xml = report.to_junit();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let rules = isolint_rules::all();

    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), report.graph.sources.len());
    let names: Vec<&str> = suites.iter().map(|s| attr(*s, "name")).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "suites are in file order");
    assert!(names.contains(&"examples/faulty/main.tf"), "{names:?}");

    // What the report says, per (file, rule).
    let mut want: BTreeMap<(String, String), Vec<&isolint::Finding>> = BTreeMap::new();
    for f in &report.findings {
        let l = report.location(f.span.unwrap()).unwrap();
        want.entry((l.file, f.rule.to_string()))
            .or_default()
            .push(f);
    }
    let mut failures = 0;
    for s in &suites {
        let file = attr(*s, "name");
        let cases: Vec<_> = s
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), rules.len(), "{file}");
        assert_eq!(attr(*s, "tests"), rules.len().to_string());
        let mut suite_failures = 0;
        for (c, r) in cases.iter().zip(rules) {
            assert_eq!(attr(*c, "classname"), file);
            assert_eq!(attr(*c, "name"), format!("{} {}", r.meta.id, r.meta.name));
            let failure = c.children().find(|n| n.has_tag_name("failure"));
            match want.get(&(file.to_string(), r.meta.id.to_string())) {
                None => assert!(failure.is_none(), "{file} {}", r.meta.id),
                Some(found) => {
                    let failure = failure.unwrap();
                    suite_failures += 1;
                    let max = found.iter().map(|f| f.severity).max().unwrap();
                    assert_eq!(attr(failure, "type"), max.as_str());
                    let message = attr(failure, "message");
                    let body = failure.text().unwrap_or("");
                    for f in found {
                        assert!(message.contains(&f.message), "{message}");
                        let l = report.location(f.span.unwrap()).unwrap();
                        let at = format!("{}:{}:{}: ", l.file, l.line, l.column);
                        assert!(body.contains(&at), "{body} lacks {at}");
                        assert!(body.contains(&f.message));
                        if let Some(fix) = &f.fix {
                            assert!(body.contains(fix.as_str()));
                        }
                    }
                    assert_eq!(message.lines().count(), found.len());
                }
            }
        }
        assert_eq!(attr(*s, "failures"), suite_failures.to_string());
        failures += suite_failures;
    }
    assert_eq!(failures, want.len());
    assert!(failures >= 3);
    assert_eq!(attr(root, "failures"), failures.to_string());
    assert_eq!(
        attr(root, "tests"),
        (rules.len() * report.graph.sources.len()).to_string()
    );
}

#[test]
fn junit_escapes_markup_and_keeps_line_breaks() {
    let mut report = acr_fixture(&["AML301"]);
    let nasty = "a <b> & \"c\" 'd'\nsecond line ]]> \u{1}";
    report.findings[0].message = nasty.to_string();
    let xml = report.to_junit();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let case = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase") && n.attribute("name") == Some("AML301 acr-not-premium")
        })
        .unwrap();
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    let expected = nasty.replace('\u{1}', "\u{fffd}");
    assert!(
        attr(failure, "message").contains(&expected),
        "{}",
        attr(failure, "message")
    );
    assert!(failure.text().unwrap().contains(&expected));
}

#[test]
fn junit_of_a_clean_run_has_only_passing_cases() {
    let report = run_in(
        &fixture("examples/clean"),
        &workspace_root(),
        &["AML301", "AML302", "AML303", "AML401", "AML402"],
    );
    assert!(report.findings.is_empty(), "{}", report.to_compact());
    let xml = report.to_junit();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    assert!(doc.descendants().all(|n| !n.has_tag_name("failure")));
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count()
            > 0
    );
}

#[test]
fn github_commands_for_a_fixture() {
    let report = acr_fixture(&["AML301", "AML002"]);
    let got = report.to_github();
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), report.findings.len());
    let want = [
        "::error file=testdata/terraform/AML301/fire/main.tf,line=4,col=13,endLine=4,endColumn=20,title=AML301 acr-not-premium::container registry 'acrml' is Basic; a registry used by a network-isolated workspace must be Premium%0Afix: set the registry's SKU to Premium (Terraform `sku = \"Premium\"`, ARM/Bicep `sku.name: 'Premium'`)",
        "::notice file=testdata/terraform/AML301/fire/main.tf,line=34,col=30,endLine=34,endColumn=35,title=AML002 unresolved-reference::image build compute 'cpu' of workspace 'mlw' is not defined in the scanned configuration; AML303 cannot check it%0Afix: define the compute cluster in the same configuration, or ignore this informational finding",
        "::error file=testdata/terraform/AML301/fire/main.tf,line=51,col=10,endLine=51,endColumn=20,title=AML301 acr-not-premium::container registry 'acrother' is Standard; private endpoints need the Premium tier%0Afix: set the registry's SKU to Premium (Terraform `sku = \"Premium\"`, ARM/Bicep `sku.name: 'Premium'`)",
    ];
    assert_eq!(lines, want);
    assert!(got.ends_with('\n'));
}

#[test]
fn github_commands_escape_data_and_properties() {
    let mut report = acr_fixture(&["AML301"]);
    report.findings.truncate(1);
    report.findings[0].message = "100% sure: a, b\r\nnext".to_string();
    report.findings[0].fix = None;
    report.findings[0].name = "odd:name,x";
    let got = report.to_github();
    assert_eq!(
        got,
        "::error file=testdata/terraform/AML301/fire/main.tf,line=4,col=13,endLine=4,endColumn=20,title=AML301 odd%3Aname%2Cx::100%25 sure: a, b%0D%0Anext\n"
    );
    assert_eq!(isolint::github::escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    assert_eq!(isolint::github::escape_data("a:b,c%\n"), "a:b,c%25%0A");
}

#[test]
fn github_severities_map_to_commands() {
    let mut report = acr_fixture(&["AML301"]);
    report.findings.truncate(1);
    let mut w = report.findings[0].clone();
    w.severity = isolint::Severity::Warning;
    report.findings.push(w);
    let out = report.to_github();
    let commands: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(commands, ["::error", "::warning"]);
}

/// A finding without a location (an unreadable path) still renders in every format.
#[test]
fn findings_without_a_location() {
    let mut report = acr_fixture(&["AML301"]);
    report.findings.truncate(1);
    report.findings[0].span = None;
    report.findings[0].related.clear();

    let sarif = report.to_sarif();
    let loc = &sarif["runs"][0]["results"][0]["locations"][0];
    assert!(loc.get("physicalLocation").is_none());
    assert_eq!(
        loc["logicalLocations"][0]["fullyQualifiedName"],
        "azurerm_container_registry.acr"
    );
    if let Some(schema) = sarif_schema() {
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert_eq!(schema_errors(&validator, &sarif), Vec::<String>::new());
    }

    let xml = report.to_junit();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let last = doc
        .root_element()
        .children()
        .rfind(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(last.attribute("name"), Some(isolint::junit::NO_FILE));
    assert_eq!(last.attribute("failures"), Some("1"));

    let gh = report.to_github();
    assert!(
        gh.starts_with("::error title=AML301 acr-not-premium::container registry 'acrml'"),
        "{gh}"
    );
}

#[test]
fn sarif_finding_without_file_or_resource_has_no_location() {
    let mut report = acr_fixture(&["AML301"]);
    report.findings.truncate(1);
    report.findings[0].span = None;
    report.findings[0].resource = None;
    let sarif = report.to_sarif();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["locations"], serde_json::json!([]));
    assert!(result["partialFingerprints"]["isolint/v1"].is_string());
    if let Some(schema) = sarif_schema() {
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert_eq!(schema_errors(&validator, &sarif), Vec::<String>::new());
    }
}
