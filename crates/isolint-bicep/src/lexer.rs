//! The Bicep lexer: turns source text into tokens with byte spans.
//!
//! Comments and `#disable-next-line`-style directives are trivia: they are
//! collected into a separate list and never reach the parser. Consecutive line
//! breaks (with only whitespace and comments between them) become a single
//! [`Tk::NewLine`] token.
//!
//! Strings with interpolation are split into pieces the way Bicep does it:
//! `'a${b}c${d}e'` lexes as `StrLeft("a")`, `Ident(b)`, `StrMiddle("c")`,
//! `Ident(d)`, `StrRight("e")`. A string without interpolation is a single
//! `StrComplete`. Multi-line strings (`'''...'''`, and the interpolating
//! `$'''...${x}...'''` form) produce the same kinds of tokens.

use crate::{Comment, CommentKind, Diagnostic, Span};

/// Token kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    Ident,
    Int,
    StrComplete,
    StrLeft,
    StrMiddle,
    StrRight,
    At,
    Comma,
    Dot,
    Question,
    Colon,
    Assign,
    LParen,
    RParen,
    LBrace,
    RBrace,
    LSquare,
    RSquare,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,
    Lt,
    Le,
    Gt,
    Ge,
    EqEq,
    NotEq,
    EqTilde,
    NotTilde,
    AndAnd,
    OrOr,
    QQ,
    Arrow,
    ColonColon,
    Ellipsis,
    Pipe,
    Caret,
    NewLine,
    Unknown,
    Eof,
}

impl Tk {
    /// How the token kind is named in messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Tk::Ident => "an identifier",
            Tk::Int => "an integer",
            Tk::StrComplete | Tk::StrLeft => "a string",
            Tk::StrMiddle | Tk::StrRight => "the rest of a string",
            Tk::At => "'@'",
            Tk::Comma => "','",
            Tk::Dot => "'.'",
            Tk::Question => "'?'",
            Tk::Colon => "':'",
            Tk::Assign => "'='",
            Tk::LParen => "'('",
            Tk::RParen => "')'",
            Tk::LBrace => "'{'",
            Tk::RBrace => "'}'",
            Tk::LSquare => "'['",
            Tk::RSquare => "']'",
            Tk::Plus => "'+'",
            Tk::Minus => "'-'",
            Tk::Star => "'*'",
            Tk::Slash => "'/'",
            Tk::Percent => "'%'",
            Tk::Bang => "'!'",
            Tk::Lt => "'<'",
            Tk::Le => "'<='",
            Tk::Gt => "'>'",
            Tk::Ge => "'>='",
            Tk::EqEq => "'=='",
            Tk::NotEq => "'!='",
            Tk::EqTilde => "'=~'",
            Tk::NotTilde => "'!~'",
            Tk::AndAnd => "'&&'",
            Tk::OrOr => "'||'",
            Tk::QQ => "'??'",
            Tk::Arrow => "'=>'",
            Tk::ColonColon => "'::'",
            Tk::Ellipsis => "'...'",
            Tk::Pipe => "'|'",
            Tk::Caret => "'^'",
            Tk::NewLine => "a line break",
            Tk::Unknown => "an unrecognized character",
            Tk::Eof => "the end of the file",
        }
    }
}

/// One token. String tokens carry their decoded text in `value`.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: Tk,
    pub span: Span,
    pub value: Option<String>,
}

/// An open interpolation: which kind of string it belongs to and how many
/// unmatched `{` are open inside it.
struct Template {
    /// `None` for a single-line string, `Some(n)` for a multi-line string
    /// opened with `n` dollar signs.
    multiline: Option<usize>,
    braces: u32,
}

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Lexed {
    /// A copy of the tokens and diagnostics (comments are left out).
    pub(crate) fn clone_parts(&self) -> Lexed {
        Lexed {
            tokens: self.tokens.clone(),
            comments: Vec::new(),
            diagnostics: self.diagnostics.clone(),
        }
    }
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    comments: Vec<Comment>,
    diags: Vec<Diagnostic>,
    templates: Vec<Template>,
}

pub(crate) fn lex(src: &str) -> Lexed {
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        tokens: Vec::with_capacity(src.len() / 4 + 1),
        comments: Vec::new(),
        diags: Vec::new(),
        templates: Vec::new(),
    };
    // A UTF-8 byte order mark is not part of the program.
    if src.starts_with('\u{feff}') {
        lx.pos = 3;
    }
    lx.run();
    Lexed {
        tokens: lx.tokens,
        comments: lx.comments,
        diagnostics: lx.diags,
    }
}

fn span(start: usize, end: usize) -> Span {
    Span::from_range(start, end)
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Lexer<'_> {
    fn peek_at(&self, offset: usize) -> u8 {
        self.bytes.get(self.pos + offset).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn push(&mut self, kind: Tk, start: usize, end: usize, value: Option<String>) {
        self.tokens.push(Token {
            kind,
            span: span(start, end),
            value,
        });
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(span(start, end), message));
    }

    /// The length in bytes of the character at `pos` (1 at the end).
    fn char_len_at(&self, pos: usize) -> usize {
        self.src
            .get(pos..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8)
    }

    /// Is everything between the start of the current line and `pos` blank?
    fn only_blank_before_on_line(&self, pos: usize) -> bool {
        let mut i = pos;
        while i > 0 {
            match self.bytes[i - 1] {
                b' ' | b'\t' => i -= 1,
                b'\n' | b'\r' => return true,
                _ => return i == 3 && self.src.starts_with('\u{feff}'),
            }
        }
        true
    }

    fn run(&mut self) {
        loop {
            if self.at_end() {
                let n = self.bytes.len();
                if let Some(t) = self.templates.last() {
                    let what = if t.multiline.is_some() {
                        "unterminated multi-line string"
                    } else {
                        "unterminated string interpolation"
                    };
                    self.error(n, n, what);
                }
                self.push(Tk::Eof, n, n, None);
                return;
            }
            let start = self.pos;
            let b = self.bytes[start];
            match b {
                b' ' | b'\t' => self.pos += 1,
                b'\n' | b'\r' => {
                    // A line break ends any open single-line interpolation.
                    if matches!(self.templates.last(), Some(t) if t.multiline.is_none()) {
                        self.error(
                            start,
                            start,
                            "unterminated string: a single-line string cannot contain a line break",
                        );
                        while matches!(self.templates.last(), Some(t) if t.multiline.is_none()) {
                            self.templates.pop();
                        }
                    }
                    self.pos += 1;
                    if b == b'\r' && self.peek_at(0) == b'\n' {
                        self.pos += 1;
                    }
                    match self.tokens.last_mut() {
                        Some(t) if t.kind == Tk::NewLine => t.span.end = self.pos as u32,
                        _ => self.push(Tk::NewLine, start, self.pos, None),
                    }
                }
                b'/' if self.peek_at(1) == b'/' => {
                    let end = self.line_end(start);
                    self.pos = end;
                    self.comments.push(Comment {
                        kind: CommentKind::Line,
                        span: span(start, end),
                        text: self.src[start + 2..end].to_string(),
                    });
                }
                b'/' if self.peek_at(1) == b'*' => {
                    let body = start + 2;
                    let (end, text_end) = match self.src[body..].find("*/") {
                        Some(i) => (body + i + 2, body + i),
                        None => {
                            let n = self.bytes.len();
                            self.error(start, n, "unterminated multi-line comment");
                            (n, n)
                        }
                    };
                    self.pos = end;
                    self.comments.push(Comment {
                        kind: CommentKind::Block,
                        span: span(start, end),
                        text: self.src[body..text_end].to_string(),
                    });
                }
                b'#' if self.only_blank_before_on_line(start)
                    && is_ident_start(self.peek_at(1)) =>
                {
                    let end = self.line_end(start);
                    self.pos = end;
                    let name_end = self.src[start + 1..end]
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                        .map_or(end, |i| start + 1 + i);
                    let name = &self.src[start + 1..name_end];
                    if !matches!(
                        name,
                        "disable-next-line" | "disable-diagnostics" | "restore-diagnostics"
                    ) {
                        self.error(
                            start,
                            name_end,
                            format!(
                                "unknown directive '#{name}' (expected #disable-next-line, #disable-diagnostics or #restore-diagnostics)"
                            ),
                        );
                    }
                    self.comments.push(Comment {
                        kind: CommentKind::Directive,
                        span: span(start, end),
                        text: self.src[start + 1..end].to_string(),
                    });
                }
                b'\'' => {
                    if self.peek_at(1) == b'\'' && self.peek_at(2) == b'\'' {
                        self.pos += 3;
                        self.scan_multiline(start, 0, true);
                    } else {
                        self.pos += 1;
                        self.scan_string(start, true);
                    }
                }
                b'$' => {
                    let mut n = 0;
                    while self.peek_at(n) == b'$' {
                        n += 1;
                    }
                    if self.peek_at(n) == b'\''
                        && self.peek_at(n + 1) == b'\''
                        && self.peek_at(n + 2) == b'\''
                    {
                        self.pos += n + 3;
                        self.scan_multiline(start, n, true);
                    } else {
                        self.pos += 1;
                        self.error(start, self.pos, "unexpected character '$'");
                        self.push(Tk::Unknown, start, self.pos, None);
                    }
                }
                b'0'..=b'9' => {
                    while self.peek_at(0).is_ascii_digit() {
                        self.pos += 1;
                    }
                    if is_ident_start(self.peek_at(0)) {
                        while is_ident_continue(self.peek_at(0)) {
                            self.pos += 1;
                        }
                        self.error(start, self.pos, "invalid number");
                    }
                    self.push(Tk::Int, start, self.pos, None);
                }
                _ if is_ident_start(b) => {
                    while is_ident_continue(self.peek_at(0)) {
                        self.pos += 1;
                    }
                    self.push(Tk::Ident, start, self.pos, None);
                }
                b'{' => {
                    if let Some(t) = self.templates.last_mut() {
                        t.braces += 1;
                    }
                    self.pos += 1;
                    self.push(Tk::LBrace, start, self.pos, None);
                }
                b'}' => {
                    self.pos += 1;
                    match self.templates.last_mut() {
                        Some(t) if t.braces == 0 => {
                            let multiline = t.multiline;
                            self.templates.pop();
                            match multiline {
                                Some(n) => self.scan_multiline(start, n, false),
                                None => self.scan_string(start, false),
                            }
                        }
                        Some(t) => {
                            t.braces -= 1;
                            self.push(Tk::RBrace, start, self.pos, None);
                        }
                        None => self.push(Tk::RBrace, start, self.pos, None),
                    }
                }
                _ => self.punct(start, b),
            }
        }
    }

    fn line_end(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.bytes.len() && self.bytes[i] != b'\n' && self.bytes[i] != b'\r' {
            i += 1;
        }
        i
    }

    fn punct(&mut self, start: usize, b: u8) {
        let next = self.peek_at(1);
        let (kind, len) = match b {
            b'@' => (Tk::At, 1),
            b',' => (Tk::Comma, 1),
            b'.' if next == b'.' && self.peek_at(2) == b'.' => (Tk::Ellipsis, 3),
            b'.' => (Tk::Dot, 1),
            b'?' if next == b'?' => (Tk::QQ, 2),
            b'?' => (Tk::Question, 1),
            b':' if next == b':' => (Tk::ColonColon, 2),
            b':' => (Tk::Colon, 1),
            b'=' if next == b'=' => (Tk::EqEq, 2),
            b'=' if next == b'~' => (Tk::EqTilde, 2),
            b'=' if next == b'>' => (Tk::Arrow, 2),
            b'=' => (Tk::Assign, 1),
            b'!' if next == b'=' => (Tk::NotEq, 2),
            b'!' if next == b'~' => (Tk::NotTilde, 2),
            b'!' => (Tk::Bang, 1),
            b'<' if next == b'=' => (Tk::Le, 2),
            b'<' => (Tk::Lt, 1),
            b'>' if next == b'=' => (Tk::Ge, 2),
            b'>' => (Tk::Gt, 1),
            b'&' if next == b'&' => (Tk::AndAnd, 2),
            b'|' if next == b'|' => (Tk::OrOr, 2),
            b'|' => (Tk::Pipe, 1),
            b'^' => (Tk::Caret, 1),
            b'(' => (Tk::LParen, 1),
            b')' => (Tk::RParen, 1),
            b'[' => (Tk::LSquare, 1),
            b']' => (Tk::RSquare, 1),
            b'+' => (Tk::Plus, 1),
            b'-' => (Tk::Minus, 1),
            b'*' => (Tk::Star, 1),
            b'/' => (Tk::Slash, 1),
            b'%' => (Tk::Percent, 1),
            _ => {
                let len = self.char_len_at(start);
                let ch = &self.src[start..start + len];
                let shown = if ch.chars().all(|c| c.is_control()) {
                    format!("{:?}", ch)
                } else {
                    format!("'{ch}'")
                };
                self.error(start, start + len, format!("unexpected character {shown}"));
                (Tk::Unknown, len)
            }
        };
        self.pos = start + len;
        self.push(kind, start, self.pos, None);
    }

    /// Scans the body of a single-line string. The opening `'` (or the `}`
    /// closing an interpolation) has been consumed; `start` is where it began.
    fn scan_string(&mut self, start: usize, opened_by_quote: bool) {
        let mut value = String::new();
        loop {
            if self.at_end() || matches!(self.peek_at(0), b'\n' | b'\r') {
                self.error(start, self.pos, "unterminated string");
                let kind = if opened_by_quote {
                    Tk::StrComplete
                } else {
                    Tk::StrRight
                };
                self.push(kind, start, self.pos, Some(value));
                return;
            }
            let b = self.peek_at(0);
            match b {
                b'\'' => {
                    self.pos += 1;
                    let kind = if opened_by_quote {
                        Tk::StrComplete
                    } else {
                        Tk::StrRight
                    };
                    self.push(kind, start, self.pos, Some(value));
                    return;
                }
                b'$' if self.peek_at(1) == b'{' => {
                    self.pos += 2;
                    let kind = if opened_by_quote {
                        Tk::StrLeft
                    } else {
                        Tk::StrMiddle
                    };
                    self.push(kind, start, self.pos, Some(value));
                    self.templates.push(Template {
                        multiline: None,
                        braces: 0,
                    });
                    return;
                }
                b'\\' => self.scan_escape(&mut value),
                _ => {
                    // Copy a run of ordinary characters at once.
                    let run_start = self.pos;
                    let mut i = self.pos;
                    while i < self.bytes.len()
                        && !matches!(self.bytes[i], b'\'' | b'$' | b'\\' | b'\n' | b'\r')
                    {
                        i += 1;
                    }
                    if i == run_start {
                        // A lone '$'.
                        i += 1;
                    }
                    value.push_str(&self.src[run_start..i]);
                    self.pos = i;
                }
            }
        }
    }

    fn scan_escape(&mut self, value: &mut String) {
        let esc_start = self.pos;
        let c = self.peek_at(1);
        let simple = match c {
            b'\'' => Some('\''),
            b'\\' => Some('\\'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'$' => Some('$'),
            _ => None,
        };
        if let Some(ch) = simple {
            value.push(ch);
            self.pos += 2;
            return;
        }
        if c == b'u' && self.peek_at(2) == b'{' {
            let digits_start = self.pos + 3;
            let mut i = digits_start;
            while i < self.bytes.len() && self.bytes[i].is_ascii_hexdigit() {
                i += 1;
            }
            if i < self.bytes.len() && self.bytes[i] == b'}' && i > digits_start {
                let digits = &self.src[digits_start..i];
                self.pos = i + 1;
                match u32::from_str_radix(digits, 16) {
                    Ok(cp) if (0xD800..=0xDBFF).contains(&cp) => {
                        // A UTF-16 high surrogate: join it with a following
                        // `\u{...}` low surrogate when there is one.
                        if let Some((low, end)) = self.low_surrogate_at(self.pos) {
                            let c = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            value.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            self.pos = end;
                        } else {
                            value.push('\u{FFFD}');
                        }
                        return;
                    }
                    Ok(cp) if cp <= 0x10FFFF => {
                        value.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                        return;
                    }
                    _ => {
                        self.error(
                            esc_start,
                            self.pos,
                            "unicode escape sequence is out of range (at most \\u{10FFFF})",
                        );
                        value.push('\u{FFFD}');
                        return;
                    }
                }
            }
            self.pos = i.max(self.pos + 2);
            self.error(
                esc_start,
                self.pos,
                "invalid unicode escape: expected '\\u{' followed by hexadecimal digits and '}'",
            );
            return;
        }
        // Unknown escape: keep the character and report it.
        let len = if self.pos + 1 < self.bytes.len() && !matches!(c, b'\n' | b'\r') {
            1 + self.char_len_at(self.pos + 1)
        } else {
            1
        };
        let end = self.pos + len;
        let shown = self.src[esc_start..end].to_string();
        self.error(
            esc_start,
            end,
            format!(
                "invalid escape sequence '{shown}'; valid escapes are \\', \\\\, \\n, \\r, \\t, \\$ and \\u{{...}}"
            ),
        );
        value.push_str(&self.src[esc_start + 1..end]);
        self.pos = end;
    }

    /// A `\u{DC00}`..`\u{DFFF}` escape at `pos`: its value and end offset.
    fn low_surrogate_at(&self, pos: usize) -> Option<(u32, usize)> {
        let rest = self.src.get(pos..)?;
        let inner = rest.strip_prefix("\\u{")?;
        let close = inner.find('}')?;
        let digits = &inner[..close];
        if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let cp = u32::from_str_radix(digits, 16).ok()?;
        (0xDC00..=0xDFFF)
            .contains(&cp)
            .then_some((cp, pos + 3 + close + 1))
    }

    /// Scans the body of a multi-line string opened with `dollars` dollar signs
    /// (0 means the string cannot interpolate).
    fn scan_multiline(&mut self, start: usize, dollars: usize, opened_by_quotes: bool) {
        let mut value = String::new();
        if opened_by_quotes {
            // The first line break right after the opening quotes is dropped.
            if self.peek_at(0) == b'\r' && self.peek_at(1) == b'\n' {
                self.pos += 2;
            } else if self.peek_at(0) == b'\n' {
                self.pos += 1;
            }
        }
        loop {
            if self.at_end() {
                self.error(start, self.pos, "unterminated multi-line string");
                let kind = if opened_by_quotes {
                    Tk::StrComplete
                } else {
                    Tk::StrRight
                };
                self.push(kind, start, self.pos, Some(value));
                return;
            }
            let b = self.peek_at(0);
            if b == b'\'' && self.peek_at(1) == b'\'' && self.peek_at(2) == b'\'' {
                let mut k = 3;
                while self.peek_at(k) == b'\'' {
                    k += 1;
                }
                for _ in 3..k {
                    value.push('\'');
                }
                self.pos += k;
                let kind = if opened_by_quotes {
                    Tk::StrComplete
                } else {
                    Tk::StrRight
                };
                self.push(kind, start, self.pos, Some(value));
                return;
            }
            if b == b'$' && dollars > 0 {
                let mut m = 0;
                while self.peek_at(m) == b'$' {
                    m += 1;
                }
                if self.peek_at(m) == b'{' && m >= dollars {
                    for _ in 0..m - dollars {
                        value.push('$');
                    }
                    self.pos += m + 1;
                    let kind = if opened_by_quotes {
                        Tk::StrLeft
                    } else {
                        Tk::StrMiddle
                    };
                    self.push(kind, start, self.pos, Some(value));
                    self.templates.push(Template {
                        multiline: Some(dollars),
                        braces: 0,
                    });
                    return;
                }
                for _ in 0..m {
                    value.push('$');
                }
                self.pos += m;
                continue;
            }
            let run_start = self.pos;
            let mut i = self.pos;
            while i < self.bytes.len() && !matches!(self.bytes[i], b'\'' | b'$') {
                i += 1;
            }
            if i == run_start {
                i += 1;
            }
            value.push_str(&self.src[run_start..i]);
            self.pos = i;
        }
    }
}
