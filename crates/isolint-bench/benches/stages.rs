//! Criterion benchmarks of each stage of isolint on a generated corpus
//! (`isolint_bench::gen`, seed 1, `ISOLINT_BENCH_RESOURCES` resources,
//! default 2,000, about 60 % Terraform, 20 % ARM, 20 % Bicep):
//!
//! - `hcl/hcl_edit_alone`: `hcl_edit::parser::parse_body` over every `.tf`
//!   file of the corpus, once each (the baseline of issue 9's target);
//! - `hcl/parse_hcl`: isolint's HCL parse (`isolint_terraform::parse::parse_hcl`);
//! - `hcl/lint_tf_only`: `isolint::lint` end to end on a Terraform-only corpus
//!   of the same seed, with the same bytes measure, so the two throughputs
//!   compare directly;
//! - `terraform/eval_root` (parse + evaluate) and `terraform/load_root`
//!   (parse + evaluate + azurerm mapping), every root;
//! - `arm/load_template`, `bicep/load_bicep`: the ARM and Bicep front-ends;
//! - `graph/build`: `GraphBuilder::build` from the units of all front-ends;
//! - `rules/run`: every rule on the built graph;
//! - `report/json`, `report/human`, `report/compact`: rendering a report of a
//!   corpus where every isolated deployment carries a fault;
//! - `lint/whole`: `isolint::lint` on the whole corpus.
//!
//! `cargo bench -p isolint-bench --bench stages`; figures in
//! `docs/performance.md`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use isolint_bench::gen::{generate, Formats, Options};
use isolint_model::{GraphBuilder, SourceMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

struct Corpus {
    dir: PathBuf,
    tf_roots: Vec<PathBuf>,
    tf_files: Vec<(PathBuf, String)>,
    /// (template, parameter file)
    arm: Vec<(PathBuf, PathBuf)>,
    /// (main.bicep, main.bicepparam)
    bicep: Vec<(PathBuf, PathBuf)>,
}

fn resources() -> usize {
    std::env::var("ISOLINT_BENCH_RESOURCES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(2_000)
}

fn corpus(name: &str, opts: &Options) -> Corpus {
    let dir = std::env::temp_dir().join(format!(
        "isolint-bench-stages-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let summary = generate(&dir, opts).expect("generate corpus");
    eprintln!("corpus {name}: {}", summary.line());
    let mut c = Corpus {
        dir: dir.clone(),
        tf_roots: Vec::new(),
        tf_files: Vec::new(),
        arm: Vec::new(),
        bicep: Vec::new(),
    };
    for (_, d) in &summary.deployment_dirs {
        let d = dir.join(d);
        if d.join("main.tf").is_file() {
            c.tf_roots.push(d);
        } else if d.join("azuredeploy.json").is_file() {
            c.arm.push((
                d.join("azuredeploy.json"),
                d.join("azuredeploy.parameters.json"),
            ));
        } else if d.join("main.bicep").is_file() {
            c.bicep
                .push((d.join("main.bicep"), d.join("main.bicepparam")));
        }
    }
    collect_tf(&dir, &mut c.tf_files);
    c
}

fn collect_tf(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_tf(&p, out);
        } else if p.extension().is_some_and(|e| e == "tf") {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p, text));
        }
    }
}

fn tf_bytes(c: &Corpus) -> u64 {
    c.tf_files.iter().map(|(_, t)| t.len() as u64).sum()
}

fn arm_opts(c: &Corpus) -> isolint_arm::ArmOptions {
    isolint_arm::ArmOptions {
        root: c.dir.clone(),
        ..isolint_arm::ArmOptions::default()
    }
}

fn bicep_opts(c: &Corpus) -> isolint_bicep::BicepOptions {
    isolint_bicep::BicepOptions {
        root: c.dir.clone(),
        ..isolint_bicep::BicepOptions::default()
    }
}

fn load_arm(
    sources: &mut SourceMap,
    c: &Corpus,
    opts: &isolint_arm::ArmOptions,
) -> Vec<isolint_model::Unit> {
    let mut units = Vec::with_capacity(c.arm.len());
    for (t, p) in &c.arm {
        let t = sources.add(t.clone(), std::fs::read_to_string(t).unwrap());
        let p = sources.add(p.clone(), std::fs::read_to_string(p).unwrap());
        units.push(isolint_arm::load_template(sources, t, &[p], opts));
    }
    units
}

fn load_bicep(
    sources: &mut SourceMap,
    c: &Corpus,
    opts: &isolint_bicep::BicepOptions,
) -> Vec<isolint_model::Unit> {
    let mut units = Vec::with_capacity(c.bicep.len());
    for (e, p) in &c.bicep {
        let e = sources.add(e.clone(), std::fs::read_to_string(e).unwrap());
        let p = sources.add(p.clone(), std::fs::read_to_string(p).unwrap());
        units.push(isolint_bicep::load_bicep(sources, e, &[p], opts));
    }
    units
}

/// Every front-end into one builder, as `isolint::lint` does (sequentially).
fn builder(c: &Corpus) -> GraphBuilder {
    let mut b = GraphBuilder::new(SourceMap::new());
    let tf = isolint_terraform::Options::new(c.dir.clone());
    for r in &c.tf_roots {
        let u = isolint_terraform::load_root(b.sources_mut(), r, &tf);
        b.add_unit(u);
    }
    for u in load_arm(b.sources_mut(), c, &arm_opts(c)) {
        b.add_unit(u);
    }
    for u in load_bicep(b.sources_mut(), c, &bicep_opts(c)) {
        b.add_unit(u);
    }
    b
}

fn lint(dir: &Path) -> isolint::Report {
    let config = isolint::Config {
        root: Some(dir.to_path_buf()),
        ..Default::default()
    };
    isolint::lint(&[dir.to_path_buf()], &config).unwrap()
}

fn stages(cr: &mut Criterion) {
    let n = resources();
    let c = corpus("all", &Options::new(n, 1));
    let mut tf_only = Options::new(n, 1);
    tf_only.formats = Formats::parse("tf").unwrap();
    let tfc = corpus("tf", &tf_only);
    let mut faulty = Options::new(n, 1);
    faulty.fault_percent = 100;
    let fc = corpus("faulty", &faulty);

    let mut g = cr.benchmark_group("hcl");
    g.throughput(Throughput::Bytes(tf_bytes(&c)));
    g.bench_function("hcl_edit_alone", |b| {
        b.iter(|| {
            for (_, text) in &c.tf_files {
                std::hint::black_box(hcl_edit::parser::parse_body(text).is_ok());
            }
        })
    });
    let mut sources = SourceMap::new();
    let ids: Vec<_> = c
        .tf_files
        .iter()
        .map(|(p, t)| sources.add(p.clone(), t.as_str()))
        .collect();
    g.bench_function("parse_hcl", |b| {
        b.iter(|| {
            for &id in &ids {
                std::hint::black_box(isolint_terraform::parse::parse_hcl(&sources, id).is_ok());
            }
        })
    });
    g.throughput(Throughput::Bytes(tf_bytes(&tfc)));
    g.bench_function("lint_tf_only", |b| b.iter(|| lint(&tfc.dir).findings.len()));
    g.finish();

    let mut g = cr.benchmark_group("terraform");
    g.throughput(Throughput::Elements(c.tf_roots.len() as u64));
    let opts = isolint_terraform::Options::new(c.dir.clone());
    g.bench_function("eval_root", |b| {
        b.iter(|| {
            let mut s = SourceMap::new();
            for r in &c.tf_roots {
                std::hint::black_box(
                    isolint_terraform::eval_root(&mut s, r, &opts, &[])
                        .records
                        .len(),
                );
            }
        })
    });
    g.bench_function("load_root", |b| {
        b.iter(|| {
            let mut s = SourceMap::new();
            for r in &c.tf_roots {
                std::hint::black_box(isolint_terraform::load_root(&mut s, r, &opts));
            }
        })
    });
    g.finish();

    let mut g = cr.benchmark_group("arm");
    g.throughput(Throughput::Elements(c.arm.len() as u64));
    let ao = arm_opts(&c);
    g.bench_function("load_template", |b| {
        b.iter(|| load_arm(&mut SourceMap::new(), &c, &ao).len())
    });
    g.finish();

    let mut g = cr.benchmark_group("bicep");
    g.throughput(Throughput::Elements(c.bicep.len() as u64));
    let bo = bicep_opts(&c);
    g.bench_function("load_bicep", |b| {
        b.iter(|| load_bicep(&mut SourceMap::new(), &c, &bo).len())
    });
    g.finish();

    let graph = builder(&c).build();
    let resources = graph.len() as u64;
    let mut g = cr.benchmark_group("graph");
    g.throughput(Throughput::Elements(resources));
    g.bench_function("build", |b| {
        b.iter_batched(|| builder(&c), |bl| bl.build(), BatchSize::LargeInput)
    });
    g.finish();

    let mut g = cr.benchmark_group("rules");
    g.throughput(Throughput::Elements(resources));
    let rc = isolint_rules::Config::default();
    g.bench_function("run", |b| b.iter(|| isolint_rules::run(&graph, &rc).len()));
    g.finish();

    let report = lint(&fc.dir);
    eprintln!("report corpus: {} findings", report.findings.len());
    let mut g = cr.benchmark_group("report");
    g.throughput(Throughput::Elements(report.findings.len() as u64));
    g.bench_function("json", |b| {
        b.iter(|| serde_json::to_string(&report.to_json()).unwrap().len())
    });
    g.bench_function("human", |b| b.iter(|| report.to_human(false).len()));
    g.bench_function("compact", |b| b.iter(|| report.to_compact().len()));
    g.finish();

    let mut g = cr.benchmark_group("lint");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("whole", |b| b.iter(|| lint(&c.dir).findings.len()));
    g.finish();

    for d in [&c.dir, &tfc.dir, &fc.dir] {
        let _ = std::fs::remove_dir_all(d);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
