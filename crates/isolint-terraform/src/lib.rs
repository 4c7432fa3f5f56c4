//! # isolint-terraform
//!
//! The Terraform front-end of isolint. It reads a root module (a folder of
//! `.tf` files), evaluates it as `terraform plan` would before anything is
//! deployed — input variables from defaults, `terraform.tfvars`,
//! `*.auto.tfvars`, `-var-file`, `-var` and `TF_VAR_*`; locals; references;
//! `count` / `for_each`; `dynamic` blocks; local child modules; the function
//! library — and maps each azurerm / azapi resource onto an ARM-shaped
//! [`isolint_model::Resource`]. Whatever cannot be known before apply is
//! [`isolint_model::Data::Unknown`].
//!
//! It knows no rules and prints nothing.
//!
//! ```no_run
//! use isolint_model::SourceMap;
//! use isolint_terraform::{load_root, Options};
//! let mut sources = SourceMap::new();
//! let opts = Options::new(".".into());
//! let unit = load_root(&mut sources, std::path::Path::new("infra"), &opts);
//! for r in &unit.resources {
//!     println!("{} is {}", r.address, r.resource_type);
//! }
//! ```
#![forbid(unsafe_code)]
// Errors are findings (AML001 with a location); they are built once per file.
#![allow(clippy::result_large_err)]

pub mod azurerm;
pub mod eval;
pub mod functions;
pub mod json_config;
pub mod module;
pub mod parse;

use isolint_model::finding::meta;
use isolint_model::{Data, FileId, Finding, SourceMap, Unit, Value};
use module::{read_text, Expr, Loader};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A `-var` or `-var-file` argument, in command-line order.
#[derive(Clone, Debug)]
pub enum CliVar {
    Pair(String, String),
    File(PathBuf),
}

/// Settings of one Terraform load.
#[derive(Clone, Debug)]
pub struct Options {
    /// No file outside this folder is read.
    pub root: PathBuf,
    pub cli_vars: Vec<CliVar>,
    /// `TF_VAR_name` environment values (name without the prefix).
    pub env_vars: Vec<(String, String)>,
    pub max_file_bytes: u64,
    pub max_instances: usize,
    pub max_module_depth: usize,
    pub max_eval_steps: u64,
}

impl Options {
    pub fn new(root: PathBuf) -> Options {
        Options {
            root,
            cli_vars: Vec::new(),
            env_vars: Vec::new(),
            max_file_bytes: 16 * 1024 * 1024,
            max_instances: 10_000,
            max_module_depth: 32,
            max_eval_steps: 20_000_000,
        }
    }
}

/// Is this file one the Terraform front-end reads as part of a root module?
/// (`*.tf`, and `*.tf.json` in Terraform's JSON syntax).
pub fn is_config_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "tf")
        || path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(json_config::is_json_config)
}

/// Loads and evaluates the root module in `dir`: every `*.tf` file there,
/// plus the variable files Terraform loads automatically.
pub fn load_root(sources: &mut SourceMap, dir: &Path, opts: &Options) -> Unit {
    let ev = eval_root(sources, dir, opts, &[]);
    build_unit(ev.records, ev.findings, ev.suppressions)
}

/// Like [`load_root`] for files already registered in `sources` (see
/// [`eval_registered`]).
pub fn load_registered(
    sources: &mut SourceMap,
    dir: &Path,
    files: &[FileId],
    var_files: &[FileId],
    opts: &Options,
) -> Unit {
    let ev = eval_registered(sources, dir, files, var_files, opts, &[]);
    build_unit(ev.records, ev.findings, ev.suppressions)
}

/// What evaluating a root gives before the azurerm mapping: one [`eval::Record`]
/// per resource instance (as written, with the sites of its attributes), the
/// meta findings and the suppression comments.
#[derive(Debug, Default)]
pub struct Evaluated {
    pub records: Vec<eval::Record>,
    pub findings: Vec<Finding>,
    pub suppressions: Vec<isolint_model::Suppression>,
}

/// Evaluates the root module in `dir` like [`load_root`] without mapping it.
/// `inputs` are values for root variables declared without a default, used
/// unless a variable file, the environment or the command line sets them (the
/// plan front-end passes the values a plan was made with).
pub fn eval_root(
    sources: &mut SourceMap,
    dir: &Path,
    opts: &Options,
    inputs: &[(String, Value)],
) -> Evaluated {
    let mut findings: Vec<Finding> = Vec::new();
    let mut tf_files = Vec::new();
    let mut auto_vars = Vec::new();
    // `terraform.tfvars` before `terraform.tfvars.json`, as Terraform loads them.
    let mut default_vars = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut paths: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                let name = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("")
                    .to_string();
                if std::fs::metadata(&p).map(|m| m.is_dir()).unwrap_or(true) {
                    continue;
                }
                let wanted = name.ends_with(".tf")
                    || json_config::is_json_config(&name)
                    || name.starts_with("terraform.tfvars")
                    || name.contains(".auto.tfvars");
                // A symbolic link leading out of the scan root is not followed.
                if wanted && !module::inside_root(&p, &opts.root) {
                    findings.push(
                        isolint_model::finding::meta::unresolved(
                            None,
                            format!(
                                "{} is a link to a file outside the scan root; it was not read",
                                p.display()
                            ),
                        )
                        .resource(p.display().to_string()),
                    );
                    continue;
                }
                if name.ends_with(".tf") || json_config::is_json_config(&name) {
                    tf_files.push(p);
                } else if name == "terraform.tfvars" || name == "terraform.tfvars.json" {
                    default_vars.push(p);
                } else if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") {
                    auto_vars.push(p);
                }
            }
        }
        Err(e) => {
            findings.push(meta::parse_error(
                None,
                format!("cannot read folder {}: {e}", dir.display()),
            ));
        }
    }
    let read = |sources: &mut SourceMap, p: &Path, findings: &mut Vec<Finding>| -> Option<FileId> {
        match read_text(p, opts) {
            Ok(text) => Some(sources.add(p.to_path_buf(), text)),
            Err(f) => {
                findings.push(f);
                None
            }
        }
    };
    let files: Vec<FileId> = tf_files
        .iter()
        .filter_map(|p| read(sources, p, &mut findings))
        .collect();
    // Variable files in Terraform's order of precedence (later wins).
    let mut var_files: Vec<FileId> = Vec::new();
    for p in &default_vars {
        var_files.extend(read(sources, p, &mut findings));
    }
    for p in &auto_vars {
        var_files.extend(read(sources, p, &mut findings));
    }
    let mut ev = eval_registered(sources, dir, &files, &var_files, opts, inputs);
    findings.append(&mut ev.findings);
    ev.findings = findings;
    ev
}

/// Evaluates a root module whose files are already in `sources` (for
/// in-memory text: editors, other tools). `files` are its configuration
/// files (`.tf`, `.tf.json`) and `var_files` its automatically loaded
/// variable files in Terraform's order (`terraform.tfvars`,
/// `terraform.tfvars.json`, then `*.auto.tfvars` sorted by name). Nothing is
/// read from disk except the `-var-file`s of `opts.cli_vars` and the local
/// modules the files call (within `opts.root`).
pub fn eval_registered(
    sources: &mut SourceMap,
    dir: &Path,
    files: &[FileId],
    var_files: &[FileId],
    opts: &Options,
    inputs: &[(String, Value)],
) -> Evaluated {
    let mut findings: Vec<Finding> = Vec::new();
    let read = |sources: &mut SourceMap, p: &Path, findings: &mut Vec<Finding>| -> Option<FileId> {
        match read_text(p, opts) {
            Ok(text) => Some(sources.add(p.to_path_buf(), text)),
            Err(f) => {
                findings.push(f);
                None
            }
        }
    };
    let var_files = var_files.to_vec();
    let mut cli: Vec<Result<FileId, (String, String)>> = Vec::new();
    for v in &opts.cli_vars {
        match v {
            CliVar::File(p) => {
                if let Some(f) = read(sources, p, &mut findings) {
                    cli.push(Ok(f));
                }
            }
            CliVar::Pair(k, val) => cli.push(Err((k.clone(), val.clone()))),
        }
    }

    let mut loader = Loader::new(sources, opts);
    let root = loader.load_root(dir, files);
    let Loader {
        modules,
        findings: load_findings,
        suppressions,
        sources,
        remaps,
        ..
    } = loader;
    findings.extend(load_findings);

    let root_decl_vars: HashMap<String, Option<Expr>> = modules[root]
        .variables
        .iter()
        .map(|(k, v)| (k.clone(), v.ty.clone()))
        .collect();
    let without_default: Vec<String> = modules[root]
        .variables
        .iter()
        .filter(|(_, v)| v.default.is_none())
        .map(|(k, _)| k.clone())
        .collect();
    let mut ev = eval::Evaluator::new(modules, root, HashMap::new(), opts);
    // Given values of variables without a default, then the environment,
    // then files, then the command line.
    for (k, v) in inputs {
        if without_default.contains(k) {
            ev.set_root_input(k.clone(), v.clone());
        }
    }
    for (k, v) in &opts.env_vars {
        if let Some(ty) = root_decl_vars.get(k) {
            let val = string_var(v, ty.as_ref(), &mut ev);
            ev.set_root_input(k.clone(), val);
        }
    }
    let apply_file = |ev: &mut eval::Evaluator<'_>,
                      sources: &mut SourceMap,
                      f: FileId,
                      findings: &mut Vec<Finding>| {
        let json = sources
            .get(f)
            .and_then(|s| s.path.file_name())
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".json"));
        if json {
            match json_config::read_vars(sources, f) {
                Ok(vars) => {
                    for (k, v) in vars {
                        ev.set_root_input(k, v);
                    }
                }
                Err(e) => findings.push(e),
            }
            return;
        }
        match parse::parse_hcl(sources, f) {
            Ok(body) => {
                for a in body.attributes() {
                    let e = Expr {
                        file: f,
                        expr: a.value.clone(),
                    };
                    let v = ev.eval_const(&e);
                    ev.set_root_input(a.key.as_str().to_string(), v);
                }
            }
            Err(e) => findings.push(e),
        }
    };
    for f in var_files {
        apply_file(&mut ev, sources, f, &mut findings);
    }
    for c in cli {
        match c {
            Ok(f) => apply_file(&mut ev, sources, f, &mut findings),
            Err((k, v)) => {
                let ty = root_decl_vars.get(&k).cloned().flatten();
                let val = string_var(&v, ty.as_ref(), &mut ev);
                ev.set_root_input(k, val);
            }
        }
    }
    ev.run();
    findings.extend(std::mem::take(&mut ev.findings));
    let mut records = std::mem::take(&mut ev.records);
    drop(ev);
    if !remaps.is_empty() {
        remap_json_spans(&remaps, &mut records, &mut findings);
    }
    Evaluated {
        records,
        findings,
        suppressions,
    }
}

/// A variable given as a string (`-var`, `TF_VAR_`): kept as a string when
/// the variable is a string (or untyped), parsed as an HCL expression otherwise.
fn string_var(raw: &str, ty: Option<&Expr>, ev: &mut eval::Evaluator<'_>) -> Value {
    let is_string = match ty.map(|t| &t.expr) {
        None => true,
        Some(hcl_edit::expr::Expression::Variable(v)) => v.as_str() == "string",
        _ => false,
    };
    if !is_string {
        if let Ok(e) = hcl_edit::parser::parse_expr(raw) {
            let v = ev.eval_const(&Expr {
                file: FileId(u32::MAX),
                expr: e,
            });
            let v = strip_spans(v);
            if !v.is_unknown() {
                return v;
            }
        }
    }
    Value::string(raw)
}

fn strip_spans(mut v: Value) -> Value {
    v.origin.span = None;
    match &mut v.data {
        Data::List(items) => {
            for i in items.iter_mut() {
                *i = strip_spans(std::mem::take(i));
            }
        }
        Data::Map(m) => {
            for (_, x) in m.iter_mut() {
                *x = strip_spans(std::mem::take(x));
            }
        }
        _ => {}
    }
    v
}

/// Maps evaluated records onto canonical resources (the record at index `i`
/// becomes [`isolint_model::ResKey`]`(i)`), applies the patches of
/// association resources to their targets, and appends the extra resources
/// (a private endpoint's DNS zone group) after all records.
pub fn build_unit(
    records: Vec<eval::Record>,
    findings: Vec<Finding>,
    suppressions: Vec<isolint_model::Suppression>,
) -> Unit {
    let mut resources = Vec::with_capacity(records.len());
    let mut extra = Vec::new();
    let mut patches = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let m = azurerm::map(rec, isolint_model::ResKey(i as u32));
        resources.push(m.resource);
        extra.extend(m.extra);
        patches.extend(m.patches);
    }
    for p in patches {
        let Some(k) = p.target.origin.resource else {
            continue;
        };
        if let Some(r) = resources.get_mut(k.0 as usize) {
            r.body.set_path(&p.path, p.value);
            r.sites.insert(p.path, p.site);
        }
    }
    resources.extend(extra);
    Unit {
        resources,
        findings,
        suppressions,
    }
}

/// Spans of `.tf.json` files point into their generated HCL while
/// evaluating; this moves them back into the JSON text.
fn remap_json_spans(
    remaps: &HashMap<FileId, json_config::Remap>,
    records: &mut [eval::Record],
    findings: &mut [Finding],
) {
    let span = |s: isolint_model::Span| match remaps.get(&s.file) {
        Some(r) => r.span(s),
        None => s,
    };
    for rec in records.iter_mut() {
        rec.span = span(rec.span);
        for s in rec.sites.values_mut() {
            *s = span(*s);
        }
        for (_, s) in rec.trail.iter_mut() {
            *s = span(*s);
        }
        for (file, r) in remaps {
            r.value(&mut rec.attrs, *file, 0);
        }
    }
    for f in findings.iter_mut() {
        f.span = f.span.map(span);
        for r in f.related.iter_mut() {
            r.span = r.span.map(span);
        }
    }
}
