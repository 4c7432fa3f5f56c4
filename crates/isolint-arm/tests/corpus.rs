//! Smoke test over the shared corpus: every ARM template must load without
//! panicking; reports how many gave AML001. Run with
//! `cargo test -p isolint-arm --test corpus -- --ignored --nocapture`.

use isolint_arm::{load_template, sibling_parameter_files, ArmOptions};
use isolint_json::{classify_text, DocKind};
use isolint_model::SourceMap;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with(".git") && !p.ends_with("node_modules") {
                walk(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
#[ignore]
fn corpus_smoke() {
    let root = PathBuf::from(
        std::env::var("ISOLINT_CORPUS").unwrap_or_else(|_| "/work/shared/corpus".into()),
    );
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let (mut templates, mut failed, mut resources, mut limits, mut unresolved, mut unknown_names) =
        (0, 0, 0, 0, 0, 0);
    let start = std::time::Instant::now();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        if classify_text(&text) != DocKind::ArmTemplate {
            continue;
        }
        templates += 1;
        let mut sources = SourceMap::new();
        let id = sources.add(f.clone(), text);
        let params: Vec<_> = sibling_parameter_files(&f)
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| sources.add(p, t)))
            .collect();
        let opts = ArmOptions {
            root: root.clone(),
            ..ArmOptions::default()
        };
        let unit = load_template(&mut sources, id, &params, &opts);
        resources += unit.resources.len();
        unknown_names += unit
            .resources
            .iter()
            .filter(|r| r.name.is_unknown())
            .count();
        let errs: Vec<_> = unit
            .findings
            .iter()
            .filter(|x| x.rule == "AML001")
            .collect();
        limits += unit.findings.iter().filter(|x| x.rule == "AML004").count();
        unresolved += unit.findings.iter().filter(|x| x.rule == "AML002").count();
        if !errs.is_empty() {
            failed += 1;
            for e in errs.iter().take(2) {
                let loc = e
                    .span
                    .and_then(|s| sources.resolve(s))
                    .map(|(a, _)| format!("{}:{}", a.line, a.column))
                    .unwrap_or_default();
                println!("AML001 {}:{loc}: {}", f.display(), e.message);
            }
        }
    }
    println!(
        "ARM templates: {templates}, with AML001: {failed}, resources: {resources} ({unknown_names} with unknown names), AML004: {limits}, AML002: {unresolved}, time: {:?}",
        start.elapsed()
    );
}

/// Truncated and corrupted corpus templates must never panic.
#[test]
#[ignore]
fn corpus_mutations_never_panic() {
    let root = PathBuf::from(
        std::env::var("ISOLINT_CORPUS").unwrap_or_else(|_| "/work/shared/corpus".into()),
    );
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut runs = 0;
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        if classify_text(&text) != DocKind::ArmTemplate {
            continue;
        }
        let bytes = text.as_bytes();
        for k in 1..6 {
            let mut cut = bytes.len() * k / 6;
            while cut > 0 && !text.is_char_boundary(cut) {
                cut -= 1;
            }
            // Truncation, and a corrupted byte in the middle of an expression.
            let mut variants = vec![text[..cut].to_string()];
            let mut corrupted = text.clone();
            if let Some(pos) = corrupted[cut..].find("('").map(|p| p + cut) {
                corrupted.replace_range(pos..pos + 2, "((");
                variants.push(corrupted);
            }
            for v in variants {
                let mut sources = SourceMap::new();
                let id = sources.add(f.clone(), v);
                let u = load_template(
                    &mut sources,
                    id,
                    &[],
                    &ArmOptions {
                        root: root.clone(),
                        ..ArmOptions::default()
                    },
                );
                assert!(
                    !u.findings
                        .iter()
                        .any(|x| x.message.contains("evaluation failed")),
                    "panic on a variant of {}",
                    f.display()
                );
                runs += 1;
            }
        }
    }
    println!("mutated loads: {runs}");
}
