//! `isolint-gen --resources N --seed S --out DIR [--formats tf,arm,bicep]`:
//! writes a synthetic monorepo of network-isolated Azure ML deployments (see
//! `isolint_bench::gen`) and prints a one-line summary.
#![forbid(unsafe_code)]

use isolint_bench::gen::{generate, Formats, Options};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: isolint-gen --resources N --seed S --out DIR [--formats tf,arm,bicep] [--fault-percent P] [--list-faults]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isolint-gen: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut resources: Option<usize> = None;
    let mut seed: u64 = 1;
    let mut out: Option<PathBuf> = None;
    let mut formats = Formats::ALL;
    let mut fault_percent: Option<u64> = None;
    let mut list_faults = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match key.as_str() {
            "--resources" | "-n" => {
                let v = value("--resources")?.replace(['_', ','], "");
                resources = Some(v.parse().map_err(|_| format!("bad --resources `{v}`"))?);
            }
            "--seed" | "-s" => {
                let v = value("--seed")?;
                seed = v.parse().map_err(|_| format!("bad --seed `{v}`"))?;
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--formats" => formats = Formats::parse(&value("--formats")?)?,
            "--fault-percent" => {
                let v = value("--fault-percent")?;
                let p: u64 = v
                    .parse()
                    .map_err(|_| format!("bad --fault-percent `{v}`"))?;
                if p > 100 {
                    return Err("--fault-percent is at most 100".into());
                }
                fault_percent = Some(p);
            }
            "--list-faults" => list_faults = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let resources = resources.ok_or("--resources is required")?;
    let out = out.ok_or("--out is required")?;
    let mut opts = Options::new(resources, seed);
    opts.formats = formats;
    if let Some(p) = fault_percent {
        opts.fault_percent = p;
    }
    let summary = generate(&out, &opts).map_err(|e| format!("{}: {e}", out.display()))?;
    if list_faults {
        for f in &summary.faults {
            println!("{} {}", f.kind.rule(), f.dir.display());
        }
    }
    println!("{}: {}", out.display(), summary.line());
    Ok(())
}
