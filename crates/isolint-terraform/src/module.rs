//! Loading a Terraform module: its files, declarations and local child modules.

use crate::parse::{parse_hcl, suppressions};
use crate::Options;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;
use isolint_model::finding::meta;
use isolint_model::{FileId, Finding, SourceMap, Span, Suppression};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// An expression and the file it is written in.
#[derive(Clone, Debug)]
pub struct Expr {
    pub file: FileId,
    pub expr: Expression,
}

impl Expr {
    pub fn span(&self) -> Option<Span> {
        self.expr
            .span()
            .map(|r| Span::new(self.file, r.start, r.end))
    }
}

#[derive(Debug)]
pub struct VarDecl {
    pub default: Option<Expr>,
    pub ty: Option<Expr>,
    pub span: Span,
}

#[derive(Debug)]
pub struct ResDecl {
    pub data: bool,
    pub ty: String,
    pub name: String,
    pub file: FileId,
    pub block: Block,
    pub span: Span,
}

#[derive(Debug)]
pub struct ModCall {
    pub name: String,
    pub file: FileId,
    pub block: Block,
    pub span: Span,
    /// Index of the loaded child module, when the source is local and loadable.
    pub child: Option<usize>,
}

/// Every declaration of one module folder.
#[derive(Debug, Default)]
pub struct ModuleDecl {
    pub dir: PathBuf,
    pub variables: BTreeMap<String, VarDecl>,
    pub locals: HashMap<String, Expr>,
    pub resources: Vec<ResDecl>,
    pub modules: Vec<ModCall>,
    pub outputs: BTreeMap<String, Expr>,
    /// `(data, type, name)` → index in `resources`.
    resource_index: HashMap<(bool, String, String), usize>,
    /// Module call name → index in `modules`.
    module_index: HashMap<String, usize>,
}

impl ModuleDecl {
    pub fn resource(&self, data: bool, ty: &str, name: &str) -> Option<&ResDecl> {
        self.resource_index
            .get(&(data, ty.to_string(), name.to_string()))
            .and_then(|i| self.resources.get(*i))
    }
    pub fn module(&self, name: &str) -> Option<&ModCall> {
        self.module_index
            .get(name)
            .and_then(|i| self.modules.get(*i))
    }
    /// Builds the lookup indexes (first declaration wins, as duplicates are an error in Terraform).
    pub fn index(&mut self) {
        self.resource_index.clear();
        for (i, r) in self.resources.iter().enumerate() {
            self.resource_index
                .entry((r.data, r.ty.clone(), r.name.clone()))
                .or_insert(i);
        }
        self.module_index.clear();
        for (i, m) in self.modules.iter().enumerate() {
            self.module_index.entry(m.name.clone()).or_insert(i);
        }
    }
}

pub fn block_span(file: FileId, b: &Block) -> Span {
    b.span()
        .map(|r| Span::new(file, r.start, r.end))
        .unwrap_or(Span::new(file, 0, 0))
}

/// Lexically normalises a path (`a/./b/../c` → `a/c`) without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// Is `p` inside `root`? Both are made absolute through the file system when possible.
pub fn inside_root(p: &Path, root: &Path) -> bool {
    let abs = |x: &Path| -> PathBuf {
        std::fs::canonicalize(x).unwrap_or_else(|_| {
            let base = std::env::current_dir().unwrap_or_default();
            normalize(&base.join(x))
        })
    };
    abs(p).starts_with(abs(root))
}

/// Reads a file as text, within the size bound; problems become findings.
pub fn read_text(path: &Path, opts: &Options) -> Result<String, Finding> {
    let meta = std::fs::metadata(path)
        .map_err(|e| meta::parse_error(None, format!("cannot read {}: {e}", path.display())))?;
    if meta.len() > opts.max_file_bytes {
        return Err(meta::limit(
            None,
            format!(
                "{} is {} bytes, over the {}-byte limit; it was not read",
                path.display(),
                meta.len(),
                opts.max_file_bytes
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| meta::parse_error(None, format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        meta::parse_error(
            None,
            format!(
                "{} is not valid UTF-8 (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// All modules of one root, loaded once each.
pub struct Loader<'a> {
    pub sources: &'a mut SourceMap,
    pub opts: &'a Options,
    pub modules: Vec<ModuleDecl>,
    pub findings: Vec<Finding>,
    pub suppressions: Vec<Suppression>,
    /// For each `.tf.json` file: how offsets of its generated HCL map back into it.
    pub remaps: HashMap<FileId, crate::json_config::Remap>,
    by_dir: HashMap<PathBuf, usize>,
    /// Folders on the current loading path (for cycle detection).
    stack: Vec<PathBuf>,
}

impl<'a> Loader<'a> {
    pub fn new(sources: &'a mut SourceMap, opts: &'a Options) -> Loader<'a> {
        Loader {
            sources,
            opts,
            modules: Vec::new(),
            findings: Vec::new(),
            suppressions: Vec::new(),
            remaps: HashMap::new(),
            by_dir: HashMap::new(),
            stack: Vec::new(),
        }
    }

    /// Loads the root module from already-registered files.
    pub fn load_root(&mut self, dir: &Path, files: &[FileId]) -> usize {
        let dir = normalize(dir);
        self.stack.push(dir.clone());
        let idx = self.load_files(dir.clone(), files);
        self.stack.pop();
        idx
    }

    /// Loads a module folder from disk (all its `*.tf` files, sorted).
    fn load_dir(&mut self, dir: &Path, call_span: Span) -> Option<usize> {
        let dir = normalize(dir);
        if let Some(&i) = self.by_dir.get(&dir) {
            if self.stack.contains(&dir) {
                self.findings.push(meta::limit(
                    Some(call_span),
                    format!(
                        "module cycle: {} is already being loaded on this path",
                        dir.display()
                    ),
                ));
                return None;
            }
            return Some(i);
        }
        if self.stack.len() >= self.opts.max_module_depth {
            self.findings.push(meta::limit(
                Some(call_span),
                format!(
                    "module nesting deeper than {} levels; {} was not loaded",
                    self.opts.max_module_depth,
                    dir.display()
                ),
            ));
            return None;
        }
        if !inside_root(&dir, &self.opts.root) {
            self.findings.push(meta::unresolved(
                Some(call_span),
                format!(
                    "module source {} is outside the scan root {}; it was not read",
                    dir.display(),
                    self.opts.root.display()
                ),
            ));
            return None;
        }
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    crate::is_config_file(p)
                        && std::fs::symlink_metadata(p)
                            .map(|m| !m.is_dir())
                            .unwrap_or(false)
                        && inside_root(p, &self.opts.root)
                })
                .collect(),
            Err(e) => {
                self.findings.push(meta::unresolved(
                    Some(call_span),
                    format!("module source {} cannot be read: {e}", dir.display()),
                ));
                return None;
            }
        };
        paths.sort();
        let mut files = Vec::new();
        for p in paths {
            match read_text(&p, self.opts) {
                Ok(text) => files.push(self.sources.add(p, text)),
                Err(mut f) => {
                    f.message = format!("{} (module {})", f.message, dir.display());
                    f.span = f.span.or(Some(call_span));
                    self.findings.push(f);
                }
            }
        }
        self.stack.push(dir.clone());
        let i = self.load_files(dir, &files);
        self.stack.pop();
        Some(i)
    }

    fn load_files(&mut self, dir: PathBuf, files: &[FileId]) -> usize {
        let idx = self.modules.len();
        self.by_dir.insert(dir.clone(), idx);
        self.modules.push(ModuleDecl {
            dir: dir.clone(),
            ..ModuleDecl::default()
        });
        let mut decl = ModuleDecl {
            dir: dir.clone(),
            ..ModuleDecl::default()
        };
        for &f in files {
            let is_json = self
                .sources
                .get(f)
                .and_then(|s| s.path.file_name())
                .and_then(|n| n.to_str())
                .is_some_and(crate::json_config::is_json_config);
            if is_json {
                match crate::json_config::to_body(self.sources, f) {
                    Ok((body, remap, findings)) => {
                        self.findings.extend(findings);
                        self.remaps.insert(f, remap);
                        collect(&mut decl, f, body);
                    }
                    Err(e) => self.findings.push(e),
                }
                continue;
            }
            self.suppressions.extend(suppressions(self.sources, f));
            let body = match parse_hcl(self.sources, f) {
                Ok(b) => b,
                Err(e) => {
                    self.findings.push(e);
                    continue;
                }
            };
            collect(&mut decl, f, body);
        }
        // Local child modules.
        for m in decl.modules.iter_mut() {
            let source = m
                .block
                .body
                .get_attribute("source")
                .and_then(|a| literal_string(&a.value));
            match source {
                Some(s) if s.starts_with("./") || s.starts_with("../") => {
                    m.child = self.load_dir(&dir.join(&s), m.span);
                }
                Some(s) => self.findings.push(meta::unresolved(
                    Some(m.span),
                    format!("module \"{}\" comes from {s}, which is not fetched; its resources are not linted", m.name),
                )),
                None => self.findings.push(meta::unresolved(
                    Some(m.span),
                    format!("module \"{}\" has no literal source", m.name),
                )),
            }
        }
        decl.index();
        self.modules[idx] = decl;
        idx
    }
}

fn literal_string(e: &Expression) -> Option<String> {
    match e {
        Expression::String(s) => Some(s.value().to_string()),
        Expression::StringTemplate(t) => {
            let mut out = String::new();
            for el in t.iter() {
                match el {
                    hcl_edit::template::Element::Literal(l) => out.push_str(l.value()),
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn label(b: &Block, i: usize) -> Option<String> {
    b.labels.get(i).map(|l| l.as_str().to_string())
}

fn collect(decl: &mut ModuleDecl, file: FileId, body: Body) {
    for s in body {
        let Structure::Block(b) = s else { continue };
        let span = block_span(file, &b);
        match b.ident.as_str() {
            "variable" => {
                if let Some(name) = label(&b, 0) {
                    let default = b.body.get_attribute("default").map(|a| Expr {
                        file,
                        expr: a.value.clone(),
                    });
                    let ty = b.body.get_attribute("type").map(|a| Expr {
                        file,
                        expr: a.value.clone(),
                    });
                    decl.variables.insert(name, VarDecl { default, ty, span });
                }
            }
            "locals" => {
                for a in b.body.attributes() {
                    decl.locals.insert(
                        a.key.as_str().to_string(),
                        Expr {
                            file,
                            expr: a.value.clone(),
                        },
                    );
                }
            }
            "output" => {
                if let (Some(name), Some(v)) = (label(&b, 0), b.body.get_attribute("value")) {
                    decl.outputs.insert(
                        name,
                        Expr {
                            file,
                            expr: v.value.clone(),
                        },
                    );
                }
            }
            "resource" | "data" => {
                if let (Some(ty), Some(name)) = (label(&b, 0), label(&b, 1)) {
                    decl.resources.push(ResDecl {
                        data: b.ident.as_str() == "data",
                        ty,
                        name,
                        file,
                        span,
                        block: b,
                    });
                }
            }
            "module" => {
                if let Some(name) = label(&b, 0) {
                    decl.modules.push(ModCall {
                        name,
                        file,
                        span,
                        block: b,
                        child: None,
                    });
                }
            }
            _ => {}
        }
    }
}
