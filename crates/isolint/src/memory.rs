//! Linting in-memory sources (editors, other IaC tools): each text is routed
//! to its front-end by its path's extension and its content.

use crate::config::Config;
use crate::report::Report;
use isolint_json::DocKind;
use isolint_model::finding::meta;
use isolint_model::{FileId, GraphBuilder, SourceMap, Span, Unit};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// A root no file can be inside (a child of a file, or of nothing): with no
/// `config.root`, in-memory linting reads nothing from disk.
fn no_root() -> PathBuf {
    PathBuf::from("/dev/null/isolint-in-memory")
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn folder_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub(crate) fn lint_sources<P: AsRef<Path>, S: AsRef<str>>(
    files: &[(P, S)],
    config: &Config,
) -> Report {
    let root = config.root.clone().unwrap_or_else(no_root);
    let mut builder = GraphBuilder::new(SourceMap::new());
    // Register every text once (the first of a repeated path wins).
    let mut ids: Vec<(PathBuf, FileId)> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for (p, text) in files {
        let p = p.as_ref().to_path_buf();
        if !seen.insert(p.clone()) {
            continue;
        }
        let text = text.as_ref();
        if text.len() as u64 > config.limits.max_file_bytes {
            builder.push_finding(
                meta::limit(
                    None,
                    format!(
                        "{} is larger than the {}-byte limit; it was not read",
                        p.display(),
                        config.limits.max_file_bytes
                    ),
                )
                .resource(p.display().to_string()),
            );
            continue;
        }
        let id = builder.sources_mut().add(p.clone(), text.to_string());
        ids.push((p, id));
    }
    let by_path: BTreeMap<PathBuf, FileId> = ids.iter().cloned().collect();

    // Terraform: one root per folder of `.tf` / `.tf.json` files, with the
    // variable files Terraform loads automatically from that folder.
    let mut tf: BTreeMap<PathBuf, Vec<FileId>> = BTreeMap::new();
    let mut json: Vec<(PathBuf, FileId)> = Vec::new();
    let mut bicep: Vec<(PathBuf, FileId)> = Vec::new();
    let mut bicepparam: Vec<(PathBuf, FileId)> = Vec::new();
    for (p, id) in &ids {
        let name = name_of(p);
        if name.ends_with(".tf") || name.ends_with(".tf.json") {
            tf.entry(folder_of(p)).or_default().push(*id);
        } else if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
            // Applied with their folder's root below.
        } else if name.ends_with(".json") {
            json.push((p.clone(), *id));
        } else if name.ends_with(".bicepparam") {
            bicepparam.push((p.clone(), *id));
        } else if name.ends_with(".bicep") {
            bicep.push((p.clone(), *id));
        }
    }
    let called: HashSet<PathBuf> = tf
        .iter()
        .flat_map(|(dir, files)| {
            let sources = builder.sources();
            files
                .iter()
                .flat_map(|f| crate::discover::local_module_sources(&sources.file(*f).text))
                .map(|src| isolint_terraform::module::normalize(&dir.join(src)))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut tf_opts = isolint_terraform::Options::new(root.clone());
    tf_opts.cli_vars = config.tf_vars.clone();
    tf_opts.env_vars = config.env_vars.clone();
    tf_opts.max_file_bytes = config.limits.max_file_bytes;
    tf_opts.max_instances = config.limits.max_instances;
    tf_opts.max_module_depth = config.limits.max_module_depth;
    tf_opts.max_eval_steps = config.limits.max_eval_steps;
    for (dir, mut files) in tf {
        if called.contains(&isolint_terraform::module::normalize(&dir)) {
            continue;
        }
        files.sort_by_key(|f| builder.sources().file(*f).path.clone());
        // `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)` by name.
        let mut defaults = Vec::new();
        let mut autos = Vec::new();
        for (p, id) in &by_path {
            if folder_of(p) != dir {
                continue;
            }
            let name = name_of(p);
            if name == "terraform.tfvars" || name == "terraform.tfvars.json" {
                defaults.push((name, *id));
            } else if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") {
                autos.push((name, *id));
            }
        }
        defaults.sort();
        autos.sort();
        let var_files: Vec<FileId> = defaults
            .into_iter()
            .chain(autos)
            .map(|(_, id)| id)
            .collect();
        let unit = isolint_terraform::load_registered(
            builder.sources_mut(),
            &dir,
            &files,
            &var_files,
            &tf_opts,
        );
        builder.add_unit(unit);
    }

    // ARM templates (with an in-memory `X.parameters.json` beside them and
    // the explicit parameter files) and Terraform plans.
    let arm_opts = isolint_arm::ArmOptions {
        root: root.clone(),
        cloud: arm_cloud(config.rules.cloud),
        ..isolint_arm::ArmOptions::default()
    };
    let explicit = |builder: &mut GraphBuilder| -> Vec<FileId> {
        let mut out = Vec::new();
        for pf in &config.parameters {
            match std::fs::read_to_string(pf) {
                Ok(text) => out.push(builder.sources_mut().add(pf.clone(), text)),
                Err(e) => builder.push_finding(
                    meta::parse_error(None, format!("cannot read {}: {e}", pf.display()))
                        .resource(pf.display().to_string()),
                ),
            }
        }
        out
    };
    for (p, id) in &json {
        let kind = isolint_json::classify_text(&builder.sources().file(*id).text);
        match kind {
            DocKind::ArmTemplate => {
                let mut params = Vec::new();
                if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                    let sib = p.with_file_name(format!("{stem}.parameters.json"));
                    if let Some(pid) = by_path.get(&sib) {
                        params.push(*pid);
                    }
                }
                params.extend(explicit(&mut builder));
                let unit =
                    isolint_arm::load_template(builder.sources_mut(), *id, &params, &arm_opts);
                builder.add_unit(unit);
            }
            DocKind::TerraformPlan => {
                let mut opts = isolint_plan::PlanOptions::new(root.clone());
                opts.terraform.max_file_bytes = config.limits.max_file_bytes;
                opts.terraform.max_instances = config.limits.max_instances;
                opts.terraform.max_module_depth = config.limits.max_module_depth;
                opts.terraform.max_eval_steps = config.limits.max_eval_steps;
                let unit = isolint_plan::load_plan(builder.sources_mut(), *id, &opts);
                builder.add_unit(unit);
            }
            _ => {}
        }
    }

    // Bicep: every `.bicep` text no other one uses is an entry, evaluated
    // once per in-memory `.bicepparam` naming it (or once without); modules
    // among the sources are found in memory by the evaluator.
    let bicep_opts = isolint_bicep::BicepOptions {
        root: root.clone(),
        cloud: arm_cloud(config.rules.cloud),
        max_module_depth: config.limits.max_module_depth,
        max_copy: config.limits.max_instances,
        max_eval_steps: config.limits.max_eval_steps,
        max_file_size: config.limits.max_file_bytes,
        ..isolint_bicep::BicepOptions::default()
    };
    let mut applied: HashSet<FileId> = HashSet::new();
    let targets: Vec<(Option<PathBuf>, FileId)> = bicepparam
        .iter()
        .map(|(_, id)| {
            (
                isolint_bicep::bicepparam_target(builder.sources(), *id),
                *id,
            )
        })
        .collect();
    // Texts another in-memory Bicep file uses as a module or import are
    // evaluated through it, not as entries.
    let used: HashSet<PathBuf> = bicep
        .iter()
        .flat_map(|(p, id)| used_bicep_files(p, &builder.sources().file(*id).text))
        .collect();
    for (p, id) in &bicep {
        let norm = isolint_terraform::module::normalize(p);
        if used.contains(&norm) {
            continue;
        }
        let mut base = Vec::new();
        if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
            let sib = p.with_file_name(format!("{stem}.parameters.json"));
            if let Some(pid) = by_path.get(&sib) {
                base.push(*pid);
            }
        }
        let explicit_ids = explicit(&mut builder);
        let mine: Vec<FileId> = targets
            .iter()
            .filter(|(t, _)| t.as_ref() == Some(&norm))
            .map(|(_, f)| *f)
            .collect();
        let variants: Vec<Option<FileId>> = if mine.is_empty() {
            vec![None]
        } else {
            mine.into_iter().map(Some).collect()
        };
        for bp in variants {
            let mut params = base.clone();
            if let Some(bp) = bp {
                applied.insert(bp);
                params.push(bp);
            }
            params.extend(explicit_ids.iter().copied());
            let unit = isolint_bicep::load_bicep(builder.sources_mut(), *id, &params, &bicep_opts);
            builder.add_unit(unit);
        }
    }
    for (_, pf) in &bicepparam {
        if applied.contains(pf) {
            continue;
        }
        let parsed = isolint_bicep::parse(&builder.sources().file(*pf).text);
        let mut unit = Unit::default();
        for d in parsed.diagnostics {
            unit.findings.push(meta::parse_error(
                Some(Span::new(*pf, d.span.start as usize, d.span.end as usize)),
                format!("Bicep syntax error: {}", d.message),
            ));
        }
        builder.add_unit(unit);
    }
    crate::lint_graph(builder.build(), config)
}

/// The local paths a Bicep text names as modules or imports (normalised,
/// resolved against its folder; registry references left out).
fn used_bicep_files(path: &Path, text: &str) -> Vec<PathBuf> {
    use isolint_bicep::{ImportDecl, ItemKind};
    let base = folder_of(path);
    let parsed = isolint_bicep::parse(text);
    let mut out = Vec::new();
    for item in &parsed.items {
        let target = match &item.kind {
            ItemKind::Module(m) => m.path_str(),
            ItemKind::Import(ImportDecl::Symbols { from, .. })
            | ItemKind::Import(ImportDecl::Wildcard { from, .. }) => from.as_str(),
            _ => None,
        };
        // `br:`, `br/alias:`, `ts:` references live in registries.
        if let Some(t) = target.filter(|t| !t.contains(':')) {
            out.push(isolint_terraform::module::normalize(&base.join(t)));
        }
    }
    out
}

fn arm_cloud(c: isolint_rules::Cloud) -> isolint_arm::Cloud {
    match c {
        isolint_rules::Cloud::AzureCloud => isolint_arm::Cloud::AzureCloud,
        isolint_rules::Cloud::AzureUSGovernment => isolint_arm::Cloud::AzureUSGovernment,
        isolint_rules::Cloud::AzureChinaCloud => isolint_arm::Cloud::AzureChinaCloud,
    }
}
