//! No quadratic step: linting 10× the input must cost about 10× the time and
//! memory, not 100×.
//!
//! The test generates two corpora (`SMALL` and `10 × SMALL` resources, all
//! three formats) and lints each in a fresh child process, three times; the
//! child is this test executable itself, filtered to the ignored helper test
//! `lint_child` and told what to lint by the `ISOLINT_SCALING_DIR` variable.
//! The child times `isolint::lint` alone and reads its peak resident set
//! (`VmHWM` in `/proc/self/status`, Linux only; the memory check is skipped
//! elsewhere). The parent keeps the best time of three runs and the lowest
//! peak, and asserts:
//!
//! - `time(10n) / time(n) <= MAX_TIME_RATIO` (15): linear growth gives about
//!   10 (measured 9-10), quadratic growth about 100. The slack absorbs a
//!   loaded machine (debug build, two cores shared with other jobs): noise
//!   makes single runs slower, and the best of three filters most of it.
//! - `growth(10n) / growth(n) <= MAX_MEMORY_RATIO` (15), where growth is the
//!   peak minus the peak of linting an empty folder (the test harness, the
//!   code and the thread pools): linear growth gives about 10, a quadratic
//!   structure about 100.
//!
//! `SMALL` is chosen so that per-resource work dominates fixed costs (process
//! start is outside the timed span; thread start-up and rule setup are
//! inside) while the whole test stays within a few seconds in a debug build.
//! Run it in release with `cargo test --release -p isolint-bench --test
//! scaling -- --nocapture` to see the figures.

use isolint_bench::gen::{generate, Options};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SMALL: usize = 400;
const RUNS: usize = 3;
const MAX_TIME_RATIO: f64 = 15.0;
const MAX_MEMORY_RATIO: f64 = 15.0;
const ENV: &str = "ISOLINT_SCALING_DIR";

/// Lints the folder in `ISOLINT_SCALING_DIR` and prints one line with the
/// elapsed time and the peak resident set. Does nothing without the
/// variable (it is `#[ignore]`d: only the parent runs it, by name).
#[test]
#[ignore = "helper of `scaling_is_linear`, run in a child process"]
fn lint_child() {
    let Some(dir) = std::env::var_os(ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let config = isolint::Config {
        root: Some(dir.clone()),
        ..Default::default()
    };
    let start = Instant::now();
    let report = isolint::lint(std::slice::from_ref(&dir), &config).unwrap();
    let elapsed = start.elapsed();
    let resources = report.summary.resources;
    drop(report);
    println!(
        "ISOLINT_SCALING elapsed_us={} vmhwm_kb={} resources={}",
        elapsed.as_micros(),
        vm_hwm_kb().unwrap_or(0),
        resources
    );
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Measure {
    best_us: u128,
    peak_kb: u64,
    resources: usize,
}

fn measure(dir: &Path) -> Measure {
    let exe = std::env::current_exe().unwrap();
    let mut best_us = u128::MAX;
    let mut peak_kb = u64::MAX;
    let mut resources = 0;
    for _ in 0..RUNS {
        let out = Command::new(&exe)
            .args([
                "lint_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(ENV, dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "child failed: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = stdout
            .lines()
            .find_map(|l| l.find("ISOLINT_SCALING ").map(|i| &l[i..]))
            .unwrap_or_else(|| panic!("no measurement in child output: {stdout}"));
        let field = |name: &str| -> u128 {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
                .unwrap()
        };
        best_us = best_us.min(field("elapsed_us"));
        peak_kb = peak_kb.min(field("vmhwm_kb") as u64);
        resources = field("resources") as usize;
    }
    Measure {
        best_us,
        peak_kb,
        resources,
    }
}

#[test]
fn scaling_is_linear() {
    let base = std::env::temp_dir().join(format!("isolint-scaling-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let small_dir = base.join("small");
    let large_dir = base.join("large");
    let empty_dir = base.join("empty");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let small = generate(&small_dir, &Options::new(SMALL, 11)).unwrap();
    let large = generate(&large_dir, &Options::new(10 * SMALL, 11)).unwrap();
    let e = measure(&empty_dir);
    let s = measure(&small_dir);
    let l = measure(&large_dir);
    let _ = std::fs::remove_dir_all(&base);
    let time_ratio = l.best_us as f64 / s.best_us.max(1) as f64;
    let growth = |m: &Measure| m.peak_kb.saturating_sub(e.peak_kb).max(1) as f64;
    let memory_ratio = growth(&l) / growth(&s);
    println!(
        "small: {} resources ({} in the graph), {} bytes, {:.1} ms, peak {} KiB",
        small.total_resources(),
        s.resources,
        small.bytes,
        s.best_us as f64 / 1000.0,
        s.peak_kb
    );
    println!(
        "large: {} resources ({} in the graph), {} bytes, {:.1} ms, peak {} KiB",
        large.total_resources(),
        l.resources,
        large.bytes,
        l.best_us as f64 / 1000.0,
        l.peak_kb
    );
    println!("empty folder: peak {} KiB", e.peak_kb);
    println!("time ratio {time_ratio:.2} (bound {MAX_TIME_RATIO}), memory growth ratio {memory_ratio:.2} (bound {MAX_MEMORY_RATIO})");
    assert!(
        l.resources >= 9 * s.resources,
        "the large corpus must be about 10x the small one: {} vs {}",
        l.resources,
        s.resources
    );
    assert!(
        time_ratio <= MAX_TIME_RATIO,
        "10x the input took {time_ratio:.1}x the time (bound {MAX_TIME_RATIO}): a quadratic step?"
    );
    if e.peak_kb > 0 && s.peak_kb > e.peak_kb && l.peak_kb > 0 {
        assert!(
            memory_ratio <= MAX_MEMORY_RATIO,
            "10x the input took {memory_ratio:.1}x the memory (bound {MAX_MEMORY_RATIO}): a quadratic structure?"
        );
    }
}
