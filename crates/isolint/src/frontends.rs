//! Routing files to the JSON (ARM, Terraform plan) and Bicep front-ends.

use crate::config::Config;
use isolint_json::DocKind;
use isolint_model::finding::meta;
use isolint_model::{FileId, GraphBuilder, Span, Unit};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn read(builder: &mut GraphBuilder, path: &Path, config: &Config) -> Option<FileId> {
    let too_big = std::fs::metadata(path)
        .map(|m| m.len() > config.limits.max_file_bytes)
        .unwrap_or(false);
    if too_big {
        builder.push_finding(
            meta::limit(
                None,
                format!(
                    "{} is larger than the {}-byte limit; it was not read",
                    path.display(),
                    config.limits.max_file_bytes
                ),
            )
            .resource(path.display().to_string()),
        );
        return None;
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(builder.sources_mut().add(path.to_path_buf(), text)),
            Err(e) => {
                builder.push_finding(
                    meta::parse_error(
                        None,
                        format!(
                            "{} is not valid UTF-8 (byte {})",
                            path.display(),
                            e.utf8_error().valid_up_to()
                        ),
                    )
                    .resource(path.display().to_string()),
                );
                None
            }
        },
        Err(e) => {
            builder.push_finding(
                meta::parse_error(None, format!("cannot read {}: {e}", path.display()))
                    .resource(path.display().to_string()),
            );
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

/// ARM templates (with their sibling and explicit parameter files) and,
/// later, Terraform plans. Templates linked by another scanned template are
/// evaluated through it, not on their own.
pub(crate) fn load_json(
    builder: &mut GraphBuilder,
    files: &[PathBuf],
    config: &Config,
    root: &Path,
    seen: &mut HashSet<PathBuf>,
) {
    let mut templates: Vec<FileId> = Vec::new();
    for p in files {
        if !seen.insert(isolint_terraform::module::normalize(p)) {
            continue;
        }
        // Classify from a cheap look at the text before registering the file.
        let Some(id) = read(builder, p, config) else {
            continue;
        };
        let kind = isolint_json::classify_text(&builder.sources().file(id).text);
        if kind == DocKind::ArmTemplate {
            templates.push(id);
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
        ..isolint_arm::ArmOptions::default()
    };
    for t in templates {
        let path = builder.sources().file(t).path.clone();
        if linked.contains(&isolint_terraform::module::normalize(&path)) {
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
        let unit = isolint_arm::load_template(builder.sources_mut(), t, &params, &opts);
        builder.add_unit(unit);
    }
}

/// Bicep files: syntax errors are reported (AML001); evaluation into
/// resources is not wired yet.
pub(crate) fn load_bicep(
    builder: &mut GraphBuilder,
    files: &[PathBuf],
    config: &Config,
    seen: &mut HashSet<PathBuf>,
) {
    for p in files {
        if !seen.insert(isolint_terraform::module::normalize(p)) {
            continue;
        }
        let Some(id) = read(builder, p, config) else {
            continue;
        };
        let parsed = isolint_bicep::parse(&builder.sources().file(id).text);
        let mut unit = Unit::default();
        for d in parsed.diagnostics {
            unit.findings.push(meta::parse_error(
                Some(Span::new(id, d.span.start as usize, d.span.end as usize)),
                format!("Bicep syntax error: {}", d.message),
            ));
        }
        builder.add_unit(unit);
    }
}
