//! Finding the inputs of a scan.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a scan will read, grouped by front-end.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Folders holding `.tf` files that are Terraform root modules (not
    /// called as a local module by another scanned folder).
    pub terraform_roots: Vec<PathBuf>,
    /// Files that could not be read while walking (reported as AML001).
    pub errors: Vec<(PathBuf, String)>,
    /// JSON files (ARM templates and parameters, Terraform plans), classified later by content.
    pub json: Vec<PathBuf>,
    /// `.bicep` and `.bicepparam` files.
    pub bicep: Vec<PathBuf>,
}

const SKIP_DIRS: &[&str] = &[".terraform", ".git", "node_modules"];

/// Walks the given paths (respecting `.gitignore`).
pub fn discover(paths: &[PathBuf]) -> Inputs {
    discover_limited(paths, crate::config::Limits::default().max_file_bytes)
}

/// Like [`discover`]; `.tf` files larger than `max_file_bytes` are not read
/// to find the module calls (their front-end reports them, AML004).
pub fn discover_limited(paths: &[PathBuf], max_file_bytes: u64) -> Inputs {
    let mut tf_dirs: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut inputs = Inputs::default();
    for p in paths {
        if p.is_file() {
            classify(p, &mut tf_dirs, &mut inputs);
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
            .hidden(false)
            .git_ignore(true)
            .git_exclude(true)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIP_DIRS.contains(&n)))
            })
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) {
                        classify(e.path(), &mut tf_dirs, &mut inputs);
                    }
                }
                Err(err) => {
                    let path = match &err {
                        ignore::Error::WithPath { path, .. } => path.clone(),
                        _ => p.clone(),
                    };
                    inputs.errors.push((path, err.to_string()));
                }
            }
        }
    }
    // Folders used as local modules by another folder are not roots.
    let mut called: BTreeSet<PathBuf> = BTreeSet::new();
    let mut calls: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for (dir, files) in &tf_dirs {
        for f in files {
            if std::fs::metadata(f).map_or(true, |m| m.len() > max_file_bytes) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(f) {
                for src in local_module_sources(&text) {
                    let target = isolint_terraform::module::normalize(&dir.join(src));
                    called.insert(target.clone());
                    calls
                        .entry(isolint_terraform::module::normalize(dir))
                        .or_default()
                        .push(target);
                }
            }
        }
    }
    inputs.terraform_roots = tf_dirs
        .keys()
        .filter(|d| !called.contains(&isolint_terraform::module::normalize(d)))
        .cloned()
        .collect();
    // Folders that call each other in a cycle, reached from no root: the
    // first of each such group is a root, so that it is scanned (and its
    // cycle reported) rather than silently skipped.
    let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
    let reach = |start: PathBuf, reached: &mut BTreeSet<PathBuf>| {
        let mut stack = vec![start];
        while let Some(d) = stack.pop() {
            if reached.insert(d.clone()) {
                stack.extend(calls.get(&d).into_iter().flatten().cloned());
            }
        }
    };
    for r in &inputs.terraform_roots {
        reach(isolint_terraform::module::normalize(r), &mut reached);
    }
    for d in tf_dirs.keys() {
        let n = isolint_terraform::module::normalize(d);
        if !reached.contains(&n) {
            inputs.terraform_roots.push(d.clone());
            reach(n, &mut reached);
        }
    }
    inputs
}

fn classify(p: &Path, tf_dirs: &mut BTreeMap<PathBuf, Vec<PathBuf>>, inputs: &mut Inputs) {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // `*.tf.json` is Terraform configuration, never an ARM template or a plan.
    if name.ends_with(".tf") || name.ends_with(".tf.json") {
        let dir = p
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        tf_dirs.entry(dir).or_default().push(p.to_path_buf());
    } else if name.ends_with(".tfvars.json") {
        // Loaded with its Terraform root.
    } else if name.ends_with(".json") {
        inputs.json.push(p.to_path_buf());
    } else if name.ends_with(".bicep") || name.ends_with(".bicepparam") {
        inputs.bicep.push(p.to_path_buf());
    }
}

/// `source = "./x"` / `"../x"` values written in a file (a cheap scan: module
/// sources must be literal strings in Terraform).
pub fn local_module_sources(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim_start();
        let Some(rest) = l.strip_prefix("source") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        let Some(end) = rest.find('"') else { continue };
        let v = &rest[..end];
        if v.starts_with("./") || v.starts_with("../") {
            out.push(v.to_string());
        }
    }
    out
}

/// The default scan root: the top of the git work tree holding `cwd`, else `cwd`.
pub fn default_root(cwd: &Path) -> PathBuf {
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    cwd.to_path_buf()
}

/// The root for a scanned folder when no `--root` is given: the default root
/// when the folder is inside it; otherwise (a path named outside the current
/// work tree) the top of the git work tree holding that folder, else the
/// top-most named folder itself.
pub fn root_for(dir: &Path, default: &Path) -> PathBuf {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let d = abs(dir);
    let def = abs(default);
    if d.starts_with(&def) {
        return default.to_path_buf();
    }
    let mut cur = Some(d.as_path());
    while let Some(c) = cur {
        if c.join(".git").exists() {
            return c.to_path_buf();
        }
        cur = c.parent();
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literal_local_sources_only() {
        let t = "module \"a\" {\n  source = \"./modules/net\"\n}\nmodule \"b\" {\n  source  = \"Azure/avm/azurerm\"\n}\nmodule \"c\" { source = \"../shared\" }\n";
        assert_eq!(local_module_sources(t), vec!["./modules/net".to_string()]);
    }
}
