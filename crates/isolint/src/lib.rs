//! # isolint
//!
//! Lints Azure Machine Learning network isolation in infrastructure as code.
//! This crate wires the front-ends, the graph and the rules together:
//!
//! ```text
//! files ─▶ front-ends (parse, evaluate) ─▶ Graph ─▶ rules ─▶ findings ─▶ Report
//! ```
//!
//! ```no_run
//! let report = isolint::lint(&["infra".into()], &isolint::Config::default()).unwrap();
//! for f in &report.findings {
//!     println!("{} {}", f.rule, f.message);
//! }
//! ```
//!
//! The library prints nothing and keeps no global state.
#![forbid(unsafe_code)]

pub mod baseline;
pub mod config;
pub mod discover;
mod frontends;
pub mod github;
pub mod graph_export;
pub mod junit;
mod memory;
pub mod report;
pub mod sarif;

pub use config::{Config, FailOn};
pub use isolint_model::{Finding, Graph, Severity};
pub use report::{Report, Summary};

use isolint_model::finding::meta;
use isolint_model::{GraphBuilder, SourceMap, Span, Suppression};
use std::path::PathBuf;

/// Why a run could not happen at all (exit status 2).
#[derive(Debug)]
pub enum Error {
    /// A path named on the command line does not exist.
    MissingPath(PathBuf),
    Config(config::ConfigError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::MissingPath(p) => write!(f, "{}: no such file or folder", p.display()),
            Error::Config(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Lints files and folders.
pub fn lint(paths: &[PathBuf], config: &Config) -> Result<Report, Error> {
    for p in paths {
        if !p.exists() {
            return Err(Error::MissingPath(p.clone()));
        }
    }
    let default_root = config
        .root
        .clone()
        .unwrap_or_else(|| discover::default_root(&config.cwd));
    let mut builder = GraphBuilder::new(SourceMap::new());
    let mut tf_opts = isolint_terraform::Options::new(default_root.clone());
    tf_opts.cli_vars = config.tf_vars.clone();
    tf_opts.env_vars = config.env_vars.clone();
    tf_opts.max_file_bytes = config.limits.max_file_bytes;
    tf_opts.max_instances = config.limits.max_instances;
    tf_opts.max_module_depth = config.limits.max_module_depth;
    tf_opts.max_eval_steps = config.limits.max_eval_steps;
    let mut seen = std::collections::HashSet::new();
    // Plan every unit first (cheap: discovery and routing), then load them
    // in parallel.
    let mut jobs: Vec<frontends::Job> = Vec::new();
    for p in paths {
        // A path named outside the current work tree gets its own boundary.
        let root = match &config.root {
            Some(r) => r.clone(),
            None => discover::root_for(p, &default_root),
        };
        let inputs =
            discover::discover_limited(std::slice::from_ref(p), config.limits.max_file_bytes);
        for (path, msg) in &inputs.errors {
            builder.push_finding(
                meta::parse_error(None, format!("{}: {msg}", path.display()))
                    .resource(path.display().to_string()),
            );
        }
        tf_opts.root = root;
        // A folder that holds a plan is linted through the plan, which reads
        // the `.tf` files beside it for locations; not a second time as a root.
        let all: Vec<PathBuf> = inputs
            .json
            .iter()
            .chain(inputs.bicep.iter())
            .filter(|f| !seen.contains(&isolint_terraform::module::normalize(f)))
            .cloned()
            .collect();
        let mut pre = frontends::Prefetched::read(&all, config);
        let plan_dirs: std::collections::HashSet<PathBuf> = inputs
            .json
            .iter()
            .filter(|p| pre.kind(p) == Some(isolint_json::DocKind::TerraformPlan))
            .filter_map(|p| p.parent().map(isolint_terraform::module::normalize))
            .collect();
        for dir in &inputs.terraform_roots {
            if plan_dirs.contains(&isolint_terraform::module::normalize(dir)) {
                continue;
            }
            if !seen.insert(isolint_terraform::module::normalize(dir)) {
                continue;
            }
            jobs.push(frontends::Job::Terraform {
                dir: dir.clone(),
                opts: tf_opts.clone(),
            });
        }
        frontends::plan_json(
            &mut builder,
            &mut jobs,
            &inputs.json,
            config,
            &tf_opts.root,
            &mut seen,
            &mut pre,
        );
        frontends::plan_bicep(
            &mut builder,
            &mut jobs,
            &inputs.bicep,
            config,
            &mut seen,
            &mut pre,
        );
    }
    frontends::run_jobs(&mut builder, jobs, config.threads);
    let graph = builder.build();
    let mut findings: Vec<Finding> = graph.findings().to_vec();
    findings.extend(isolint_rules::run(&graph, &config.rules));
    Ok(finish(graph, findings, config))
}

/// Lints in-memory sources: for editors (unsaved buffers) and other tools
/// that hold the text already. Each `(path, text)` is routed by its path and
/// content, as discovery routes files: `.tf` / `.tf.json` files form one
/// Terraform root per folder (with that folder's `terraform.tfvars` and
/// `*.auto.tfvars` among the sources), `.json` files are ARM templates (an
/// `X.parameters.json` among the sources applies to `X.json`) or Terraform
/// plans, `.bicep` files are entries and a `.bicepparam` applies to the
/// template its `using` names. Paths only name the files (for locations and
/// folders); they need not exist.
///
/// Nothing is read from disk, except the files named in `config`
/// (`--var-file`, `--parameters`) and, when `config.root` is set, what the
/// sources reference within that folder (local Terraform modules, `file()`,
/// Bicep modules, linked templates). Without `config.root` such references
/// are not followed (AML002).
///
/// ```
/// let main_tf = r#"
/// resource "azurerm_container_registry" "acr" {
///   name = "acrml"
///   sku  = "Basic"
/// }
/// resource "azurerm_machine_learning_workspace" "ws" {
///   name                          = "mlw"
///   container_registry_id         = azurerm_container_registry.acr.id
///   public_network_access_enabled = false
///   image_build_compute_name      = "cpu"
/// }
/// "#;
/// let report = isolint::lint_sources(&[("infra/main.tf", main_tf)], &isolint::Config::default());
/// let f = report.findings.iter().find(|f| f.rule == "AML301").unwrap();
/// assert_eq!(f.resource.as_deref(), Some("azurerm_container_registry.acr"));
/// let loc = report.location(f.span.unwrap()).unwrap();
/// assert_eq!((loc.file.as_str(), loc.line), ("infra/main.tf", 4));
///
/// // With Premium there is no AML301.
/// let fixed = main_tf.replace("Basic", "Premium");
/// let report = isolint::lint_sources(&[("infra/main.tf", fixed)], &isolint::Config::default());
/// assert!(report.findings.iter().all(|f| f.rule != "AML301"));
/// ```
pub fn lint_sources<P: AsRef<std::path::Path>, S: AsRef<str>>(
    sources: &[(P, S)],
    config: &Config,
) -> Report {
    memory::lint_sources(sources, config)
}

/// Lints a graph built by the caller (for tools that run their own front-ends).
pub fn lint_graph(graph: Graph, config: &Config) -> Report {
    let mut findings: Vec<Finding> = graph.findings().to_vec();
    findings.extend(isolint_rules::run(&graph, &config.rules));
    finish(graph, findings, config)
}

fn finish(graph: Graph, findings: Vec<Finding>, config: &Config) -> Report {
    let (mut kept, suppressed, mut unused) = apply_suppressions(&graph, findings);
    kept.append(&mut unused);
    let mut out = Vec::new();
    for mut f in kept {
        if !config.enabled(f.rule) {
            continue;
        }
        f.severity = config.severity_of(f.rule, f.severity);
        out.push(f);
    }
    Report::new(graph, out, suppressed, config)
}

fn line_of(graph: &Graph, span: Span) -> Option<(isolint_model::FileId, u32)> {
    let f = graph.sources.get(span.file)?;
    Some((span.file, f.line_col(span.start).line))
}

/// Splits findings into kept and suppressed, and reports suppressions that
/// silence nothing or give no reason (AML003).
fn apply_suppressions(
    graph: &Graph,
    findings: Vec<Finding>,
) -> (Vec<Finding>, usize, Vec<Finding>) {
    let sups: &[Suppression] = graph.suppressions();
    let mut used = vec![Vec::<bool>::new(); sups.len()];
    for (i, s) in sups.iter().enumerate() {
        used[i] = vec![false; s.rules.len()];
    }
    let mut by_line: std::collections::HashMap<(isolint_model::FileId, u32), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, s) in sups.iter().enumerate() {
        by_line
            .entry((s.span.file, s.target_line))
            .or_default()
            .push(i);
    }
    let mut kept = Vec::new();
    let mut suppressed = 0;
    for f in findings {
        let mut lines: Vec<(isolint_model::FileId, u32)> = f
            .anchors
            .iter()
            .filter_map(|a| line_of(graph, *a))
            .collect();
        lines.extend(f.span.and_then(|s| line_of(graph, s)));
        let mut hit = false;
        for l in lines {
            for &si in by_line.get(&l).map(Vec::as_slice).unwrap_or(&[]) {
                let s = &sups[si];
                if s.reason.is_empty() {
                    continue;
                }
                if let Some(k) = s.rules.iter().position(|r| r.eq_ignore_ascii_case(f.rule)) {
                    used[si][k] = true;
                    hit = true;
                }
            }
        }
        if hit {
            suppressed += 1;
        } else {
            kept.push(f);
        }
    }
    let mut unused = Vec::new();
    for (i, s) in sups.iter().enumerate() {
        let mk = |msg: String| {
            Finding::new(
                "AML003",
                "unused-suppression",
                isolint_model::Severity::Warning,
                msg,
            )
            .at(Some(s.span))
        };
        if s.reason.is_empty() {
            unused.push(
                mk(format!(
                    "suppression of {} gives no reason, so it is not honoured",
                    s.rules.join(", ")
                ))
                .fix("add the reason after the rule IDs: isolint:ignore AML301 reason text"),
            );
            continue;
        }
        if s.rules.is_empty() {
            unused.push(
                mk("suppression names no rule".into())
                    .fix("name the rules to silence: isolint:ignore AML301 reason text"),
            );
            continue;
        }
        for (k, r) in s.rules.iter().enumerate() {
            if !used[i][k] {
                unused.push(mk(format!("suppression of {r} silences nothing: {r} did not fire on the next line")).fix("delete the suppression, or move it above the resource or attribute it is meant for"));
            }
        }
    }
    (kept, suppressed, unused)
}
