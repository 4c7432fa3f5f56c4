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
    let (mut templates, mut failed, mut resources, mut limits, mut unresolved) = (0, 0, 0, 0, 0);
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
        "ARM templates: {templates}, with AML001: {failed}, resources: {resources}, AML004: {limits}, AML002: {unresolved}, time: {:?}",
        start.elapsed()
    );
}
