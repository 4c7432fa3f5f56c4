//! Source files and byte spans.
//!
//! Every value and every finding points back into a [`SourceFile`] through a
//! [`Span`]. Line and column numbers are computed on demand from the file's
//! line index, so spans stay small (12 bytes) and cheap to copy.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Identifies a file registered in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range inside one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { file, start, end }
    }

    /// A span covering both `self` and `other` (same file assumed; `self` wins otherwise).
    pub fn to(self, other: Span) -> Span {
        if self.file != other.file {
            return self;
        }
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A 1-based line and column (columns count Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// One file's text and its line index.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as it is shown to users (relative to the current folder when possible).
    pub path: PathBuf,
    pub text: Arc<str>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: Arc<str>) -> SourceFile {
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let mut column = self.text[start..end].chars().count() as u32 + 1;
        // A UTF-8 byte order mark is not a column.
        if line == 0 && self.text.starts_with('\u{feff}') && end > 0 {
            column -= 1;
        }
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: u32) -> &str {
        let i = (line.max(1) - 1) as usize;
        let Some(&start) = self.line_starts.get(i) else {
            return "";
        };
        let end = self
            .line_starts
            .get(i + 1)
            .map(|e| *e as usize)
            .unwrap_or(self.text.len());
        self.text[start as usize..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get((line.max(1) - 1) as usize).copied()
    }
}

/// All files a scan has read, addressed by [`FileId`].
///
/// A map can be *forked* ([`SourceMap::fork`]) so that independent scan units
/// load in parallel: a fork sees every file of the frozen map it came from
/// and registers new files under ids of its own. [`SourceMap::merge`] later
/// appends a fork's new files (in the order the caller chooses, so ids stay
/// deterministic) and gives the [`Remap`] to apply to what the fork produced.
#[derive(Debug, Default)]
pub struct SourceMap {
    /// The frozen map this one was forked from: ids below `offset` live there.
    base: Option<Arc<SourceMap>>,
    offset: u32,
    files: Vec<SourceFile>,
    by_path: std::collections::HashMap<PathBuf, FileId>,
}

/// A fork's own files, detached from the map it was forked from.
#[derive(Debug)]
pub struct ForkedFiles {
    offset: u32,
    files: Vec<SourceFile>,
}

/// How a fork's file ids translate into the merged map's.
#[derive(Debug, Clone)]
pub struct Remap {
    offset: u32,
    ids: Vec<FileId>,
}

impl Remap {
    pub fn apply(&self, id: FileId) -> FileId {
        match id.0.checked_sub(self.offset) {
            Some(i) => self.ids.get(i as usize).copied().unwrap_or(id),
            None => id,
        }
    }

    /// Nothing to translate.
    pub fn is_identity(&self) -> bool {
        self.ids
            .iter()
            .enumerate()
            .all(|(i, id)| id.0 == self.offset + i as u32)
    }
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// A new map that sees every file of `base` and adds its own after them.
    pub fn fork(base: &Arc<SourceMap>) -> SourceMap {
        SourceMap {
            base: Some(Arc::clone(base)),
            offset: base.len() as u32,
            files: Vec::new(),
            by_path: std::collections::HashMap::new(),
        }
    }

    /// The files this fork added, with its link to the base map dropped.
    pub fn detach(self) -> ForkedFiles {
        ForkedFiles {
            offset: self.offset,
            files: self.files,
        }
    }

    /// Appends a fork's files. A path already registered keeps its id (a
    /// module used by roots loaded in parallel stays one file).
    pub fn merge(&mut self, forked: ForkedFiles) -> Remap {
        let mut ids = Vec::with_capacity(forked.files.len());
        for f in forked.files {
            let id = match self.find(&f.path) {
                Some(id) => id,
                None => {
                    let id = FileId(self.len() as u32);
                    self.by_path.insert(f.path.clone(), id);
                    self.files.push(f);
                    id
                }
            };
            ids.push(id);
        }
        Remap {
            offset: forked.offset,
            ids,
        }
    }

    /// Registers a file. A path already registered keeps its first id, so a
    /// module used by several roots is one file in reports.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> FileId {
        let path = path.into();
        if let Some(id) = self.find(&path) {
            return id;
        }
        let id = FileId(self.len() as u32);
        self.by_path.insert(path.clone(), id);
        self.files.push(SourceFile::new(path, text.into()));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        match id.0.checked_sub(self.offset) {
            Some(i) => self.files.get(i as usize),
            None => self.base.as_ref()?.get(id),
        }
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        match self.get(id) {
            Some(f) => f,
            None => panic!("file id {} is not registered in this source map", id.0),
        }
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path
            .get(path)
            .copied()
            .or_else(|| self.base.as_ref()?.find(path))
    }

    pub fn len(&self) -> usize {
        self.offset as usize + self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        let base: Box<dyn Iterator<Item = (FileId, &SourceFile)>> = match &self.base {
            Some(b) => Box::new(b.iter()),
            None => Box::new(std::iter::empty()),
        };
        base.chain(
            self.files
                .iter()
                .enumerate()
                .map(|(i, f)| (FileId(self.offset + i as u32), f)),
        )
    }

    /// Start and end line/column of a span.
    pub fn resolve(&self, span: Span) -> Option<(LineCol, LineCol)> {
        let f = self.get(span.file)?;
        Some((f.line_col(span.start), f.line_col(span.end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_handles_crlf_and_bom() {
        let f = SourceFile::new("a".into(), "ab\r\nçd = 1\n".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(4), LineCol { line: 2, column: 1 });
        // 'd' comes after the two-byte 'ç'
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 2 });
        assert_eq!(f.line_text(1), "ab");
        let bom = SourceFile::new("b".into(), "\u{feff}x = 1".into());
        assert_eq!(bom.line_col(3), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn forks_merge_in_the_callers_order_and_share_paths() {
        let mut main = SourceMap::new();
        let a = main.add("a.tf", "a");
        let main = Arc::new(main);
        let mut f1 = SourceMap::fork(&main);
        let mut f2 = SourceMap::fork(&main);
        assert_eq!(f1.find(Path::new("a.tf")), Some(a));
        assert_eq!(f1.add("a.tf", "other"), a);
        let m1 = f1.add("mod.tf", "m");
        let b = f1.add("b.tf", "b");
        let m2 = f2.add("mod.tf", "m");
        let c = f2.add("c.tf", "c");
        assert_eq!((m1, m2), (FileId(1), FileId(1)));
        assert_eq!(&*f2.file(c).text, "c");
        assert_eq!(f1.iter().count(), 3);
        let (d1, d2) = (f1.detach(), f2.detach());
        let mut main = Arc::try_unwrap(main).unwrap();
        let r1 = main.merge(d1);
        let r2 = main.merge(d2);
        assert!(r1.is_identity());
        assert_eq!(r1.apply(b), FileId(2));
        assert_eq!(r2.apply(m2), FileId(1));
        assert_eq!(r2.apply(c), FileId(3));
        assert_eq!(r2.apply(a), a);
        assert_eq!(&*main.file(FileId(3)).text, "c");
        assert_eq!(main.find(Path::new("mod.tf")), Some(FileId(1)));
        assert_eq!(main.len(), 4);
    }
}
