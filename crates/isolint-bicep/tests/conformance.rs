//! Conformance with `bicep build`: for every valid sample folder of the
//! Azure/bicep corpus that has `main.bicep` and its compiled `main.json`, the
//! resources built from the Bicep source must equal those isolint-arm builds
//! from the compiled template: the same set of (type, full name) and every
//! property known on both sides equal.
//!
//! Set `ISOLINT_CONFORMANCE_VERBOSE=1` to print every difference.

use isolint_bicep::{load_bicep, load_bicep_with_outputs, BicepOptions};
use isolint_model::{Data, Resource, SourceMap, Unit, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The number of folders known to pass; the test fails if fewer do.
const MIN_PASSING: usize = 37;
/// The number of properties known to be compared; the test fails if fewer are.
const MIN_COMPARED: usize = 649;

fn corpus() -> PathBuf {
    PathBuf::from("/work/shared/corpus/Azure__bicep")
}

fn full_names(unit: &Unit) -> Vec<Option<String>> {
    let n = unit.resources.len();
    let mut out: Vec<Option<Option<String>>> = vec![None; n];
    fn get(
        unit: &Unit,
        i: usize,
        out: &mut Vec<Option<Option<String>>>,
        depth: usize,
    ) -> Option<String> {
        if let Some(v) = &out[i] {
            return v.clone();
        }
        let r = &unit.resources[i];
        let own = r.name.as_str().map(str::to_string);
        let v = match r.parent.as_ref().and_then(|p| p.origin.resource) {
            Some(k) if depth < 64 && (k.0 as usize) < unit.resources.len() => {
                match (get(unit, k.0 as usize, out, depth + 1), own) {
                    (Some(p), Some(o)) => Some(format!("{p}/{o}")),
                    _ => None,
                }
            }
            _ => own,
        };
        out[i] = Some(v.clone());
        v
    }
    (0..n).map(|i| get(unit, i, &mut out, 0)).collect()
}

fn index(unit: &Unit) -> BTreeMap<(String, String), Vec<&Resource>> {
    let names = full_names(unit);
    let mut out = BTreeMap::new();
    for (r, n) in unit.resources.iter().zip(names) {
        if r.existing {
            continue;
        }
        let Some(n) = n else { continue };
        out.entry((r.resource_type.to_ascii_lowercase(), n.to_ascii_lowercase()))
            .or_insert_with(Vec::new)
            .push(r);
    }
    out
}

/// Compares two values ignoring unknowns; returns (compared leaves, differences).
fn compare(a: &Value, b: &Value, path: &str, diffs: &mut Vec<String>) -> usize {
    match (&a.data, &b.data) {
        (Data::Unknown, _) | (_, Data::Unknown) => 0,
        (Data::Map(x), Data::Map(y)) => {
            let mut n = 0;
            let keys: std::collections::BTreeSet<String> =
                x.keys().chain(y.keys()).cloned().collect();
            for k in keys {
                let null = Value::null();
                let va = a.get(&k).unwrap_or(&null);
                let vb = b.get(&k).unwrap_or(&null);
                n += compare(va, vb, &format!("{path}.{k}"), diffs);
            }
            n
        }
        (Data::List(x), Data::List(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .map(|(i, (va, vb))| compare(va, vb, &format!("{path}.{i}"), diffs))
            .sum(),
        (Data::Number(x), Data::Number(y)) => {
            if x != y {
                diffs.push(format!("{path}: {x} != {y}"));
            }
            1
        }
        _ => {
            if a.to_json() != b.to_json() {
                diffs.push(format!("{path}: {} != {}", a.to_json(), b.to_json()));
            }
            1
        }
    }
}

struct Outcome {
    resources: usize,
    compared: usize,
    diffs: Vec<String>,
    /// Outputs: leaves compared and differences.
    out_compared: usize,
    out_diffs: Vec<String>,
}

fn check_folder(dir: &Path) -> Outcome {
    let root = corpus();
    let mut sources = SourceMap::new();
    let bicep = std::fs::read_to_string(dir.join("main.bicep")).unwrap_or_default();
    let json = std::fs::read_to_string(dir.join("main.json")).unwrap_or_default();
    let bf = sources.add(dir.join("main.bicep"), bicep);
    let jf = sources.add(dir.join("main.json"), json);
    let mut params = Vec::new();
    let pf = dir.join("main.parameters.json");
    if pf.is_file() {
        params.push(sources.add(pf.clone(), std::fs::read_to_string(&pf).unwrap_or_default()));
    }
    let bopts = BicepOptions {
        root: root.clone(),
        ..BicepOptions::default()
    };
    let aopts = isolint_arm::ArmOptions {
        root: root.clone(),
        ..isolint_arm::ArmOptions::default()
    };
    let (bu, bout) = load_bicep_with_outputs(&mut sources, bf, &params, &bopts);
    let (au, aout) = isolint_arm::load_template_with_outputs(&mut sources, jf, &params, &aopts);
    // ARM outputs are `{"name": {"value": ...}}`.
    let mut out_diffs = Vec::new();
    let mut out_compared = 0;
    if let (Some(b), Some(a)) = (bout.as_map(), aout.as_map()) {
        for (k, bv) in b {
            match a.get(k).and_then(|o| o.get("value")) {
                Some(av) => out_compared += compare(bv, av, &format!("output {k}"), &mut out_diffs),
                None => out_diffs.push(format!("output {k} missing from ARM")),
            }
        }
    }
    let bi = index(&bu);
    let ai = index(&au);
    let mut diffs = Vec::new();
    let mut compared = 0;
    for k in ai.keys() {
        if !bi.contains_key(k) {
            diffs.push(format!("missing from Bicep: {} '{}'", k.0, k.1));
        }
    }
    for (k, brs) in &bi {
        let Some(ars) = ai.get(k) else {
            diffs.push(format!(
                "extra in Bicep: {} '{}' ({})",
                k.0, k.1, brs[0].address
            ));
            continue;
        };
        // Several resources may share a name (module deployments in
        // different loops): each Bicep one must match one of the ARM ones.
        for br in brs {
            let mut best: Option<(usize, Vec<String>)> = None;
            for ar in ars {
                let mut d = Vec::new();
                let n = compare(&br.body, &ar.body, &format!("{} '{}'", k.0, k.1), &mut d);
                if best.as_ref().is_none_or(|(_, bd)| d.len() < bd.len()) {
                    best = Some((n, d));
                }
            }
            if let Some((n, d)) = best {
                compared += n;
                diffs.extend(d);
            }
        }
    }
    Outcome {
        resources: ai.len(),
        compared,
        diffs,
        out_compared,
        out_diffs,
    }
}

#[test]
fn bicep_matches_its_compiled_arm_template() {
    let base = corpus().join("src/Bicep.Core.Samples/Files/baselines");
    if !base.is_dir() {
        eprintln!(
            "note: corpus not found at {}; conformance skipped",
            base.display()
        );
        return;
    }
    let verbose = std::env::var_os("ISOLINT_CONFORMANCE_VERBOSE").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&base)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    let (mut total, mut passed, mut props) = (0, 0, 0);
    let (mut out_passed, mut out_props) = (0, 0);
    for d in dirs {
        let name = d
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with("Invalid")
            || !d.join("main.bicep").is_file()
            || !d.join("main.json").is_file()
        {
            continue;
        }
        total += 1;
        let o = check_folder(&d);
        props += o.compared;
        let ok = o.diffs.is_empty();
        if ok {
            passed += 1;
        }
        out_props += o.out_compared;
        if o.out_diffs.is_empty() {
            out_passed += 1;
        }
        eprintln!(
            "{} {name}: {} resources, {} properties compared, {} differences",
            if ok { "PASS" } else { "FAIL" },
            o.resources,
            o.compared,
            o.diffs.len()
        );
        eprintln!(
            "     outputs: {} compared, {} differences",
            o.out_compared,
            o.out_diffs.len()
        );
        if verbose {
            for x in o.diffs.iter().chain(&o.out_diffs).take(60) {
                eprintln!("    {x}");
            }
        }
    }
    eprintln!("conformance: {passed}/{total} folders pass, {props} properties compared");
    eprintln!(
        "outputs (informative): {out_passed}/{total} folders with equal outputs, {out_props} output values compared"
    );
    assert!(
        passed >= MIN_PASSING,
        "only {passed} folders pass (expected at least {MIN_PASSING})"
    );
    assert!(
        props >= MIN_COMPARED,
        "only {props} properties compared (expected at least {MIN_COMPARED})"
    );
}

/// Every `.bicep` file of the corpus parses without AML001, and every
/// `Invalid*` sample is evaluated without a panic.
#[test]
fn corpus_files_evaluate_without_panics() {
    let base = PathBuf::from("/work/shared/corpus");
    if !base.is_dir() {
        eprintln!("note: corpus not found; skipped");
        return;
    }
    let mut files = Vec::new();
    let mut stack = vec![base.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x == "bicep" || x == "bicepparam")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut aml001 = Vec::new();
    let mut invalid_aml001 = 0;
    for f in &files {
        let mut sources = SourceMap::new();
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let id = sources.add(f.clone(), text);
        let opts = BicepOptions {
            root: base.clone(),
            max_eval_steps: 200_000,
            ..BicepOptions::default()
        };
        let unit = load_bicep(&mut sources, id, &[], &opts);
        let invalid = f.to_string_lossy().contains("/Invalid");
        if invalid {
            invalid_aml001 += unit
                .findings
                .iter()
                .filter(|fi| fi.rule == "AML001")
                .count();
        }
        if !invalid && f.extension().is_some_and(|x| x == "bicep") {
            for fi in unit.findings.iter().filter(|fi| fi.rule == "AML001") {
                if fi.span.is_some_and(|s| s.file == id) {
                    aml001.push(format!("{}: {}", f.display(), fi.message));
                }
            }
        }
    }
    eprintln!(
        "{} files evaluated, {} AML001 in valid .bicep files, {invalid_aml001} in Invalid* samples",
        files.len(),
        aml001.len()
    );
    for x in &aml001 {
        eprintln!("  {x}");
    }
    assert!(aml001.is_empty());
}
