//! # isolint-bicep
//!
//! The [Bicep] front-end of isolint. It has two layers:
//!
//! - **Syntax**: a hand-written, error-tolerant parser for Bicep (`.bicep`)
//!   and Bicep parameter (`.bicepparam`) files ([`parse`]). It turns text into
//!   a tree of declarations and expressions, each node with the byte [`Span`]
//!   it came from. It never panics and never gives up: every syntax error
//!   becomes a [`Diagnostic`] with a span and a message, and parsing resumes
//!   at the next line, property or argument, so one mistake does not hide the
//!   rest of the file. Nesting is bounded (see [`MAX_DEPTH`]). Comments (and
//!   `#disable-next-line` directives) are kept in [`ParsedFile::comments`].
//! - **Evaluation**: [`load_bicep`] evaluates an entry file, with its
//!   parameter files, local modules and imports, into canonical, ARM-shaped
//!   [`isolint_model::Resource`]s (`format: Bicep`) in a [`isolint_model::Unit`].
//!
//! ## What is evaluated
//!
//! - `param` (values from parameter files, a module call or `.bicepparam`,
//!   else the default; a parameter with neither is unknown), `var`, `output`,
//!   user-defined `func`, `import {a, b as c} from './x.bicep'` and
//!   `import * as ns from './x.bicep'` (variables and functions); `type`
//!   declarations and decorators do not change values.
//! - Expressions: literals, interpolation, multi-line strings, operators
//!   (`&&` / `||` short-circuit, `??`, `=~`), ternaries, `.?`, `[?i]`, `[^i]`,
//!   `!`, spreads, `[for ...]` (with `if` filters), lambdas for `map`,
//!   `filter`, `reduce`, `sort`, `toObject`, `groupBy`, `mapValues`, and
//!   every other function through the ARM function library of
//!   `isolint-arm` (Bicep's functions are ARM's). `environment()` follows
//!   [`BicepOptions::cloud`]; `loadTextContent` / `loadJsonContent` read
//!   files inside the root. Whatever depends on the deployment
//!   (`resourceGroup()`, `subscription()`, `uniqueString()`, `guid()`,
//!   `newGuid()`, `utcNow()`, `getSecret()`, `list*()`, properties a
//!   resource declaration does not set) is `Data::Unknown`, never a guess.
//! - Resources: type and API version from `'Type@version'` (short types of
//!   nested resources are completed from their parent), `existing`,
//!   conditions (`if (false)` is not emitted; an unknown condition makes the
//!   resource `uncertain`), loops (at most [`BicepOptions::max_copy`]
//!   instances, else one uncertain instance with unknown loop variables and
//!   AML004), nested resources and `parent:` (the child's `name` is its own
//!   name and `parent` points at the parent's [`isolint_model::ResKey`]).
//!   The body is the declaration minus `name`, `parent`, `scope` and
//!   `dependsOn`; `sites` maps each ARM path written in the declaration to
//!   the span of that property.
//! - Symbolic references: `acr.id` is the resource ID
//!   (`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/...`,
//!   unknown when the name is) with `origin.resource` set, so links survive
//!   unknown names; `acr.name`, `acr.properties.x`, `acr.location` are the
//!   declared values; `vnet::subnet` names a nested resource.
//! - Modules: local paths only, evaluated as nested scopes with the
//!   parameters the call passes and the outputs read back
//!   (`m.outputs.subnetId`), with loops and conditions; each call also
//!   emits its `Microsoft.Resources/deployments` resource. A module path to a
//!   `.json` ARM template is evaluated by `isolint-arm`. Registry
//!   (`br:`, `br/alias:`) and template-spec (`ts:`) references are never
//!   fetched (AML002), nor are paths outside [`BicepOptions::root`] (AML002).
//!   Cycles are reported (AML002) and nesting is bounded
//!   ([`BicepOptions::max_module_depth`], AML004).
//!
//! ## Values and locations
//!
//! A literal keeps the span where it was written (a parameter default, a
//! `.bicepparam` value, a module argument in the caller, an ARM parameter
//! file entry): a *written* origin. A computed value points at its
//! expression: a *computed* origin.
//!
//! ## Addresses
//!
//! A resource's address is its symbolic name: `acr`; `acr[2]` for a loop
//! instance (`acr[*]` when the loop could not be expanded); `vnet::subnet`
//! for a nested resource; prefixed by `module <name>.` for each module it is
//! deployed through (`module network.vnet`, `module nets[1].vnet::subnet`).
//! The deployment of a module call is `module network`. Resources inside
//! modules carry a [`isolint_model::Resource::trail`]: one entry per module
//! call, outermost first, `through module <name>` with the span of the
//! module declaration.
//!
//! ## Suppressions
//!
//! `// isolint:ignore AML301,AML302 reason` on the line before a resource or
//! property becomes an [`isolint_model::Suppression`] whose `target_line` is
//! the next line that is neither blank nor a comment.
//!
//! ```
//! use isolint_bicep::{parse, ItemKind, ExprKind, LineIndex};
//!
//! let text = "\
//! // isolint:ignore AML301 reason
//! resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
//!   name: 'ws-${uniqueString(resourceGroup().id)}'
//!   properties: {
//!     publicNetworkAccess: 'Disabled'
//!   }
//! }
//! ";
//! let file = parse(text);
//! assert!(file.diagnostics.is_empty());
//! let ItemKind::Resource(res) = &file.items[0].kind else { panic!() };
//! assert_eq!(res.type_str(), Some("Microsoft.MachineLearningServices/workspaces@2024-04-01"));
//! let ExprKind::Object(members) = &res.body.kind else { panic!() };
//! assert_eq!(members.len(), 2);
//!
//! // The suppression comment is on the line before the resource.
//! let lines = LineIndex::new(text);
//! assert_eq!(file.comments[0].text.trim(), "isolint:ignore AML301 reason");
//! let comment_line = lines.line_col(file.comments[0].span.start).line;
//! assert_eq!(lines.line_col(file.items[0].span.start).line, comment_line + 1);
//! assert_eq!(comment_line, 1);
//!
//! // Errors are reported and the rest of the file is still parsed.
//! let file = parse("var a = 1 +\nvar b = 2\n");
//! assert_eq!(file.diagnostics.len(), 1);
//! assert_eq!(file.items.len(), 2);
//! ```
//!
//! [Bicep]: https://learn.microsoft.com/azure/azure-resource-manager/bicep/
#![forbid(unsafe_code)]

pub mod ast;
mod eval;
mod lexer;
mod parser;

pub use ast::*;
pub use eval::BicepOptions;
pub use isolint_arm::Cloud;

use isolint_model::finding::meta;
use isolint_model::{FileId, SourceMap, Unit, Value};
use std::path::{Path, PathBuf};

/// Evaluates the Bicep entry file `file` into canonical resources, with the
/// parameter files `params` applied in order (later files win): `.bicepparam`
/// files (by extension) and ARM parameter files (`{"parameters": {...}}`).
///
/// Modules and imported files are read from disk (inside
/// [`BicepOptions::root`] only) and added to `sources`. Syntax errors of every
/// file read are AML001 findings; unresolved modules AML002; limits AML004.
///
/// Never panics; evaluation runs on a thread with a large stack so that deep
/// (but bounded) nesting cannot overflow the caller's stack.
pub fn load_bicep(
    sources: &mut SourceMap,
    file: FileId,
    params: &[FileId],
    opts: &BicepOptions,
) -> Unit {
    load_bicep_with_outputs(sources, file, params, opts).0
}

/// [`load_bicep`], also returning the entry file's evaluated outputs
/// (`{"name": value}`).
pub fn load_bicep_with_outputs(
    sources: &mut SourceMap,
    file: FileId,
    params: &[FileId],
    opts: &BicepOptions,
) -> (Unit, Value) {
    let joined = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("isolint-bicep".into())
            .stack_size(DEEP_STACK_SIZE)
            .spawn_scoped(s, || eval::load_inner(sources, file, params, opts))
            .ok()
            .map(|h| h.join())
    });
    match joined {
        Some(Ok(out)) => out,
        Some(Err(_)) => {
            let mut u = Unit::default();
            u.findings
                .push(meta::limit(None, "Bicep evaluation failed"));
            (u, Value::unknown())
        }
        None => eval::load_inner(sources, file, params, opts),
    }
}

/// The local files a Bicep file uses as modules or imports (literal paths,
/// resolved against the file's folder, existing files only). A caller that
/// scans a folder skips these as entry files: they are evaluated through the
/// file that uses them, with the parameters it passes.
pub fn referenced_modules(sources: &SourceMap, file: FileId) -> Vec<PathBuf> {
    let Some(src) = sources.get(file) else {
        return Vec::new();
    };
    let parsed = parse(&src.text);
    let base = src.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = Vec::new();
    for item in &parsed.items {
        let path = match &item.kind {
            ItemKind::Module(m) => m.path_str(),
            ItemKind::Import(ImportDecl::Symbols { from, .. })
            | ItemKind::Import(ImportDecl::Wildcard { from, .. }) => from.as_str(),
            _ => None,
        };
        let Some(p) = path.filter(|p| !eval::is_registry_ref(p)) else {
            continue;
        };
        let full = eval::normalize(&base.join(p));
        if full.is_file() && !out.contains(&full) {
            out.push(full);
        }
    }
    out
}

/// The template a `.bicepparam` file applies to (`using './main.bicep'`),
/// resolved against the file's folder; `None` for `using none` or when there
/// is no `using`.
pub fn bicepparam_target(sources: &SourceMap, file: FileId) -> Option<PathBuf> {
    let src = sources.get(file)?;
    let parsed = parse(&src.text);
    let base = src.path.parent().map(Path::to_path_buf).unwrap_or_default();
    parsed.items.iter().find_map(|item| match &item.kind {
        ItemKind::Using(u) => u
            .target
            .as_str()
            .filter(|p| !eval::is_registry_ref(p))
            .map(|p| eval::normalize(&base.join(p))),
        _ => None,
    })
}

/// ARM parameter files that apply to a Bicep file by convention:
/// `main.bicep` takes `main.parameters.json` in the same folder (existing
/// files only).
pub fn sibling_parameter_files(entry: &Path) -> Vec<PathBuf> {
    isolint_arm::sibling_parameter_files(entry)
}

/// How deeply expressions, types and brackets may nest before the parser
/// reports an error instead of descending further.
pub const MAX_DEPTH: u32 = 256;

/// A byte range `start..end` in the parsed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// A span from `usize` offsets (saturating at `u32::MAX`).
    pub fn from_range(start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX);
        Span::new(start, end)
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text under the span (empty if it is not a valid range of `text`).
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// A syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentKind {
    /// `// ...`
    Line,
    /// `/* ... */`
    Block,
    /// A `#disable-next-line ...`, `#disable-diagnostics ...` or
    /// `#restore-diagnostics ...` directive.
    Directive,
}

/// A comment or directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub kind: CommentKind,
    /// The whole comment, delimiters included.
    pub span: Span,
    /// The text without the delimiters (`//`, `/*` and `*/`, `#`).
    pub text: String,
}

/// The result of [`parse`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedFile {
    /// The statements in source order.
    pub items: Vec<Item>,
    /// All comments and directives in source order.
    pub comments: Vec<Comment>,
    /// Syntax errors, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a `.bicep` or `.bicepparam` file. Never panics.
pub fn parse(text: &str) -> ParsedFile {
    let lexed = lexer::lex(text);
    let deep = parser::nesting_estimate(&lexed.tokens) > SHALLOW_NESTING;
    let (items, diagnostics) = if deep {
        // Deeply nested input: parse on a thread whose stack is known to be
        // large enough for MAX_DEPTH levels, whatever the caller's stack is.
        let lexer::Lexed {
            tokens,
            diagnostics,
            ..
        } = lexed.clone_parts();
        let spawned = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("isolint-bicep-parse".into())
                .stack_size(DEEP_STACK_SIZE)
                .spawn_scoped(scope, move || {
                    parser::parse_tokens(text, tokens, diagnostics, MAX_DEPTH)
                })
                .ok()
                .map(|handle| handle.join())
        });
        match spawned {
            Some(Ok(result)) => result,
            // No thread available (or it failed): parse here with a limit
            // that is safe on any reasonable stack.
            _ => parser::parse_tokens(text, lexed.tokens, lexed.diagnostics, FALLBACK_MAX_DEPTH),
        }
    } else {
        parser::parse_tokens(text, lexed.tokens, lexed.diagnostics, MAX_DEPTH)
    };
    let mut diagnostics = diagnostics;
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    ParsedFile {
        items,
        comments: lexed.comments,
        diagnostics,
    }
}

/// Inputs whose nesting estimate is at most this are parsed on the caller's
/// thread (a few hundred kilobytes of stack at most, even in debug builds).
const SHALLOW_NESTING: usize = 48;

/// The stack of the thread used for deeply nested input.
const DEEP_STACK_SIZE: usize = 64 << 20;

/// The depth limit used when no big-stack thread could be started.
const FALLBACK_MAX_DEPTH: u32 = 48;

/// A 1-based line and column (the column counts Unicode scalar values; a
/// byte order mark is not a column), as in `isolint_model::LineCol`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets to lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex { text, line_starts }
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0) as usize;
        let mut end = offset as usize;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let mut column = self.text.get(start..end).map_or(0, |s| s.chars().count());
        if line == 0 && end > 0 && self.text.starts_with('\u{feff}') {
            column -= 1;
        }
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}
