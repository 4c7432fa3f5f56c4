//! Parses every `.bicep` / `.bicepparam` file of the shared corpus (when it is
//! present) and checks that valid files parse without diagnostics.
//!
//! Files under a folder whose name starts with `Invalid` are deliberately
//! broken Bicep samples: they must parse without panicking, and diagnostics
//! are expected.

use isolint_bicep::{parse, LineIndex};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The number of valid corpus files allowed to produce diagnostics (all of
/// them parse cleanly today; raise only with a good reason).
const MAX_FAILURES: usize = 0;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("bicep" | "bicepparam")
        ) {
            out.push(path);
        }
    }
}

fn is_invalid_sample(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|s| s.starts_with("Invalid"))
    })
}

#[test]
fn corpus_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !root.is_dir() {
        println!("note: corpus not found at {}; skipping", root.display());
        return;
    }
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut texts = Vec::new();
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        texts.push((path, String::from_utf8_lossy(&bytes).into_owned()));
    }

    let started = Instant::now();
    let mut valid = 0usize;
    let mut failures = 0usize;
    let mut invalid = 0usize;
    let mut invalid_with_diags = 0usize;
    let mut samples_valid = 0usize;
    let mut samples_passed = 0usize;
    for (path, text) in &texts {
        let parsed = parse(text);
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let is_sample = rel.starts_with("Azure__bicep") && rel.ends_with("main.bicep");
        if is_invalid_sample(rel) {
            invalid += 1;
            if !parsed.diagnostics.is_empty() {
                invalid_with_diags += 1;
            }
            continue;
        }
        valid += 1;
        if is_sample {
            samples_valid += 1;
        }
        if parsed.diagnostics.is_empty() {
            if is_sample {
                samples_passed += 1;
            }
            continue;
        }
        failures += 1;
        let lines = LineIndex::new(text);
        println!(
            "FAIL {} ({} diagnostics)",
            rel.display(),
            parsed.diagnostics.len()
        );
        for d in parsed.diagnostics.iter().take(5) {
            let lc = lines.line_col(d.span.start);
            println!("    {}:{}: {}", lc.line, lc.column, d.message);
        }
    }
    let elapsed = started.elapsed();
    println!(
        "valid files: {}/{} parsed without diagnostics ({:.1}%)",
        valid - failures,
        valid,
        100.0 * (valid - failures) as f64 / valid.max(1) as f64
    );
    println!("Azure__bicep valid main.bicep samples: {samples_passed}/{samples_valid}");
    println!(
        "Invalid* samples: {invalid} parsed without panic, {invalid_with_diags} with diagnostics"
    );
    println!("parsed {} files in {:?}", texts.len(), elapsed);
    assert_eq!(
        failures, MAX_FAILURES,
        "{failures} valid corpus files produced diagnostics (expected at most {MAX_FAILURES})"
    );
}
