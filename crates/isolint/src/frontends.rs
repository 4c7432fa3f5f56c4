//! Routing files to the JSON (ARM, Terraform plan) and Bicep front-ends.

use crate::config::Config;
use isolint_json::DocKind;
use isolint_model::finding::meta;
use isolint_model::{FileId, Finding, ForkedFiles, GraphBuilder, SourceMap, Span, Unit};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One scan unit to load: everything a front-end needs, planned in order
/// before any is loaded, so that units load in parallel and still enter the
/// graph in the order they were planned.
pub(crate) enum Job {
    Terraform {
        dir: PathBuf,
        opts: isolint_terraform::Options,
    },
    Plan {
        plan: FileId,
        opts: isolint_plan::PlanOptions,
    },
    Arm {
        template: FileId,
        params: Vec<FileId>,
        opts: isolint_arm::ArmOptions,
    },
    Bicep {
        entry: FileId,
        params: Vec<FileId>,
        opts: isolint_bicep::BicepOptions,
    },
    /// Already loaded (syntax errors of a parameter file).
    Done(Unit),
}

impl Job {
    fn run(self, sources: &mut SourceMap) -> Unit {
        match self {
            Job::Terraform { dir, opts } => isolint_terraform::load_root(sources, &dir, &opts),
            Job::Plan { plan, opts } => isolint_plan::load_plan(sources, plan, &opts),
            Job::Arm {
                template,
                params,
                opts,
            } => isolint_arm::load_template(sources, template, &params, &opts),
            Job::Bicep {
                entry,
                params,
                opts,
            } => isolint_bicep::load_bicep(sources, entry, &params, &opts),
            Job::Done(unit) => unit,
        }
    }
}

/// Stack of the loader threads: front-ends recurse on nested input (bounded
/// by their limits), as deep as on a main thread.
const LOADER_STACK: usize = 16 * 1024 * 1024;

/// Loads the planned units in parallel (rayon; `RAYON_NUM_THREADS` sets the
/// number of threads) and adds them to the graph in the planned order. Each
/// unit loads into a fork of the source map; the forks are merged in order,
/// so file ids, and everything ordered by them, do not depend on timing.
pub(crate) fn run_jobs(builder: &mut GraphBuilder, jobs: Vec<Job>, threads: Option<usize>) {
    use rayon::prelude::*;
    let base = Arc::new(std::mem::take(builder.sources_mut()));
    let load = |job: Job| -> (ForkedFiles, Unit) {
        let mut fork = SourceMap::fork(&base);
        let mut unit = job.run(&mut fork);
        unit.shrink_to_fit();
        (fork.detach(), unit)
    };
    let loaded: Vec<(ForkedFiles, Unit)> = if jobs.len() <= 1 || threads == Some(1) {
        jobs.into_iter().map(load).collect()
    } else {
        match rayon::ThreadPoolBuilder::new()
            .stack_size(LOADER_STACK)
            .num_threads(threads.unwrap_or(0))
            .build()
        {
            Ok(pool) => pool.install(|| jobs.into_par_iter().map(load).collect()),
            // No threads to be had: load one after the other.
            Err(_) => jobs.into_iter().map(load).collect(),
        }
    };
    // Every fork is detached: the base map has one owner again.
    let mut sources = Arc::try_unwrap(base).unwrap_or_default();
    let mut units = Vec::with_capacity(loaded.len());
    for (files, mut unit) in loaded {
        let remap = sources.merge(files);
        unit.remap_files(&remap);
        units.push(unit);
    }
    *builder.sources_mut() = sources;
    for unit in units {
        builder.add_unit(unit);
    }
}

/// The scan root a file is read under.
fn root_of(path: &Path, config: &Config) -> PathBuf {
    config.root.clone().unwrap_or_else(|| {
        crate::discover::root_for(
            path.parent().unwrap_or_else(|| Path::new(".")),
            &crate::discover::default_root(&config.cwd),
        )
    })
}

/// A file's text, or the finding that says why it was not read.
type Loaded = Result<String, Box<Finding>>;

/// A file's text, or the finding that says why it was not read: a link out
/// of the scan root, over the size limit, unreadable, not UTF-8.
fn load_text(path: &Path, config: &Config) -> Loaded {
    let named = |f: Finding| Box::new(f.resource(path.display().to_string()));
    // A symbolic link leading out of the scan root is not followed.
    if !isolint_terraform::module::inside_root(path, &root_of(path, config)) {
        return Err(named(meta::unresolved(
            None,
            format!(
                "{} is a link to a file outside the scan root; it was not read",
                path.display()
            ),
        )));
    }
    let too_big = std::fs::metadata(path)
        .map(|m| m.len() > config.limits.max_file_bytes)
        .unwrap_or(false);
    if too_big {
        return Err(named(meta::limit(
            None,
            format!(
                "{} is larger than the {}-byte limit; it was not read",
                path.display(),
                config.limits.max_file_bytes
            ),
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        named(meta::parse_error(
            None,
            format!("cannot read {}: {e}", path.display()),
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        named(meta::parse_error(
            None,
            format!(
                "{} is not valid UTF-8 (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// JSON and Bicep files read ahead in parallel (with the kind of each JSON
/// document), so that routing does not read or parse them one by one. What
/// could not be read is kept as its finding, reported when routing meets
/// the file.
#[derive(Default)]
pub(crate) struct Prefetched {
    texts: std::collections::HashMap<PathBuf, Loaded>,
    kinds: std::collections::HashMap<PathBuf, DocKind>,
}

impl Prefetched {
    pub(crate) fn read(paths: &[PathBuf], config: &Config) -> Prefetched {
        use rayon::prelude::*;
        let read: Vec<(PathBuf, Loaded, Option<DocKind>)> = paths
            .par_iter()
            .map(|p| {
                let text = load_text(p, config);
                let is_json = p
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"));
                let kind = match &text {
                    Ok(t) if is_json => Some(isolint_json::classify_text(t)),
                    _ => None,
                };
                (p.clone(), text, kind)
            })
            .collect();
        let mut out = Prefetched::default();
        for (p, text, kind) in read {
            if let Some(k) = kind {
                out.kinds.insert(p.clone(), k);
            }
            out.texts.insert(p, text);
        }
        out
    }

    /// The kind of a JSON document read ahead.
    pub(crate) fn kind(&self, p: &Path) -> Option<DocKind> {
        self.kinds.get(p).copied()
    }
}

fn read(builder: &mut GraphBuilder, path: &Path, config: &Config) -> Option<FileId> {
    read_with(builder, path, config, &mut Prefetched::default())
}

/// Registers a file (read ahead or now); a file that cannot be read is a finding.
fn read_with(
    builder: &mut GraphBuilder,
    path: &Path,
    config: &Config,
    pre: &mut Prefetched,
) -> Option<FileId> {
    if let Some(id) = builder.sources().find(path) {
        return Some(id);
    }
    let text = pre
        .texts
        .remove(path)
        .unwrap_or_else(|| load_text(path, config));
    match text {
        Ok(text) => Some(builder.sources_mut().add(path.to_path_buf(), text)),
        Err(f) => {
            builder.push_finding(*f);
            None
        }
    }
}

fn arm_cloud(c: isolint_rules::Cloud) -> isolint_arm::Cloud {
    match c {
        isolint_rules::Cloud::AzureCloud => isolint_arm::Cloud::AzureCloud,
        isolint_rules::Cloud::AzureUSGovernment => isolint_arm::Cloud::AzureUSGovernment,
        isolint_rules::Cloud::AzureChinaCloud => isolint_arm::Cloud::AzureChinaCloud,
    }
}

/// ARM templates (with their sibling and explicit parameter files) and
/// Terraform plans (`isolint-plan`). Templates linked by another scanned template are
/// evaluated through it, not on their own.
pub(crate) fn plan_json(
    builder: &mut GraphBuilder,
    jobs: &mut Vec<Job>,
    files: &[PathBuf],
    config: &Config,
    root: &Path,
    seen: &mut HashSet<PathBuf>,
    pre: &mut Prefetched,
) {
    let mut templates: Vec<FileId> = Vec::new();
    for p in files {
        if !seen.insert(isolint_terraform::module::normalize(p)) {
            continue;
        }
        let known = pre.kind(p);
        let Some(id) = read_with(builder, p, config, pre) else {
            continue;
        };
        let kind =
            known.unwrap_or_else(|| isolint_json::classify_text(&builder.sources().file(id).text));
        if kind == DocKind::ArmTemplate {
            templates.push(id);
        } else if kind == DocKind::TerraformPlan {
            jobs.push(plan_job(id, config, root));
        }
    }
    let mut linked: HashSet<PathBuf> = HashSet::new();
    for &t in &templates {
        for l in isolint_arm::linked_templates(builder.sources(), t) {
            linked.insert(isolint_terraform::module::normalize(&l));
        }
    }
    let opts = isolint_arm::ArmOptions {
        root: root.to_path_buf(),
        cloud: arm_cloud(config.rules.cloud),
        max_depth: config.limits.max_module_depth,
        max_copy: config.limits.max_instances,
        max_eval_steps: config.limits.max_eval_steps,
        max_file_size: config.limits.max_file_bytes,
        ..isolint_arm::ArmOptions::default()
    };
    for t in templates {
        let path = builder.sources().file(t).path.clone();
        if linked.contains(&isolint_terraform::module::normalize(&path)) {
            continue;
        }
        // `main.json` beside `main.bicep` is `bicep build` output: the Bicep
        // source is linted instead, so findings point at the file people edit.
        if path.with_extension("bicep").is_file() {
            continue;
        }
        let mut params = Vec::new();
        for pf in isolint_arm::sibling_parameter_files(&path)
            .iter()
            .chain(config.parameters.iter())
        {
            if let Some(id) = read(builder, pf, config) {
                params.push(id);
            }
        }
        jobs.push(Job::Arm {
            template: t,
            params,
            opts: opts.clone(),
        });
    }
}

/// Bicep files. Entry files (those no other scanned Bicep file uses as a
/// module or import) are evaluated with their sibling `X.parameters.json`,
/// each `.bicepparam` file that names them (`using`), and the explicit
/// `--parameters` files; module files are evaluated through their callers.
/// A `.bicepparam` file whose template was not scanned is only parsed.
pub(crate) fn plan_bicep(
    builder: &mut GraphBuilder,
    jobs: &mut Vec<Job>,
    files: &[PathBuf],
    config: &Config,
    seen: &mut HashSet<PathBuf>,
    pre: &mut Prefetched,
) {
    use isolint_terraform::module::normalize;
    let mut entries: Vec<FileId> = Vec::new();
    let mut param_files: Vec<FileId> = Vec::new();
    for p in files {
        if !seen.insert(normalize(p)) {
            continue;
        }
        let Some(id) = read_with(builder, p, config, pre) else {
            continue;
        };
        let is_param = p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("bicepparam"));
        if is_param {
            param_files.push(id);
        } else {
            entries.push(id);
        }
    }
    let mut used: HashSet<PathBuf> = HashSet::new();
    let mut uses: std::collections::HashMap<PathBuf, Vec<PathBuf>> =
        std::collections::HashMap::new();
    // Which files each entry uses (each file parsed once, in parallel).
    let referenced: Vec<Vec<PathBuf>> = {
        use rayon::prelude::*;
        let sources = builder.sources();
        entries
            .par_iter()
            .map(|&e| isolint_bicep::referenced_modules(sources, e))
            .collect()
    };
    for (&e, refs) in entries.iter().zip(referenced) {
        let from = normalize(&builder.sources().file(e).path);
        for m in refs {
            used.insert(normalize(&m));
            uses.entry(from.clone()).or_default().push(normalize(&m));
        }
    }
    // Files that use each other in a cycle, reached from no entry: the first
    // of each such group is an entry, so that it is evaluated (and its cycle
    // reported) rather than silently skipped.
    let mut reached: HashSet<PathBuf> = HashSet::new();
    let reach = |start: PathBuf, reached: &mut HashSet<PathBuf>| {
        let mut stack = vec![start];
        while let Some(p) = stack.pop() {
            if reached.insert(p.clone()) {
                stack.extend(uses.get(&p).into_iter().flatten().cloned());
            }
        }
    };
    let paths: Vec<PathBuf> = entries
        .iter()
        .map(|&e| normalize(&builder.sources().file(e).path))
        .collect();
    for p in &paths {
        if !used.contains(p) {
            reach(p.clone(), &mut reached);
        }
    }
    for p in &paths {
        if !reached.contains(p) {
            used.remove(p);
            reach(p.clone(), &mut reached);
        }
    }
    let mut by_target: std::collections::HashMap<PathBuf, Vec<FileId>> =
        std::collections::HashMap::new();
    for &pf in &param_files {
        if let Some(t) = isolint_bicep::bicepparam_target(builder.sources(), pf) {
            by_target.entry(normalize(&t)).or_default().push(pf);
        }
    }
    let default_root = config
        .root
        .clone()
        .unwrap_or_else(|| crate::discover::default_root(&config.cwd));
    let mut applied: HashSet<FileId> = HashSet::new();
    for e in entries {
        let path = normalize(&builder.sources().file(e).path);
        if used.contains(&path) {
            continue;
        }
        let root = match &config.root {
            Some(r) => r.clone(),
            None => crate::discover::root_for(
                path.parent().unwrap_or_else(|| Path::new(".")),
                &default_root,
            ),
        };
        let opts = isolint_bicep::BicepOptions {
            root,
            cloud: arm_cloud(config.rules.cloud),
            max_module_depth: config.limits.max_module_depth,
            max_copy: config.limits.max_instances,
            max_eval_steps: config.limits.max_eval_steps,
            max_file_size: config.limits.max_file_bytes,
            ..isolint_bicep::BicepOptions::default()
        };
        let mut base_params = Vec::new();
        for pf in isolint_bicep::sibling_parameter_files(&path) {
            if let Some(id) = read(builder, &pf, config) {
                base_params.push(id);
            }
        }
        let mut explicit = Vec::new();
        for pf in &config.parameters {
            if let Some(id) = read(builder, pf, config) {
                explicit.push(id);
            }
        }
        // One evaluation per `.bicepparam` file naming this entry (or one
        // without any).
        let bicepparams = by_target.get(&path).cloned().unwrap_or_default();
        let variants: Vec<Option<FileId>> = if bicepparams.is_empty() {
            vec![None]
        } else {
            bicepparams.into_iter().map(Some).collect()
        };
        for bp in variants {
            let mut params = base_params.clone();
            if let Some(bp) = bp {
                applied.insert(bp);
                params.push(bp);
            }
            params.extend(explicit.iter().copied());
            jobs.push(Job::Bicep {
                entry: e,
                params,
                opts: opts.clone(),
            });
        }
    }
    // Parameter files whose template was not evaluated: syntax errors only.
    for pf in param_files {
        if applied.contains(&pf) {
            continue;
        }
        let parsed = isolint_bicep::parse(&builder.sources().file(pf).text);
        let mut unit = Unit::default();
        for d in parsed.diagnostics {
            unit.findings.push(meta::parse_error(
                Some(Span::new(pf, d.span.start as usize, d.span.end as usize)),
                format!("Bicep syntax error: {}", d.message),
            ));
        }
        jobs.push(Job::Done(unit));
    }
}

/// A Terraform plan (`terraform show -json`), located in the `.tf` files
/// beside it when they are there.
fn plan_job(id: FileId, config: &Config, root: &Path) -> Job {
    let mut opts = isolint_plan::PlanOptions::new(root.to_path_buf());
    opts.source_dir = config.source_root.clone();
    opts.terraform.max_file_bytes = config.limits.max_file_bytes;
    opts.terraform.max_instances = config.limits.max_instances;
    opts.terraform.max_module_depth = config.limits.max_module_depth;
    opts.terraform.max_eval_steps = config.limits.max_eval_steps;
    Job::Plan { plan: id, opts }
}
