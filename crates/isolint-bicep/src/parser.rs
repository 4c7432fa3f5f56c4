//! Recursive-descent parser with precedence climbing for operators.
//!
//! Newlines are significant in Bicep: they end statements and separate the
//! items of multi-line arrays and objects. Inside parentheses (function
//! arguments, parenthesized expressions, lambda parameters, decorator
//! arguments) and type arguments `<...>` they are not. The parser tracks this
//! with `skip_nl`, saved and restored whenever a bracket is entered.
//!
//! Error handling: parse functions never fail. They report a diagnostic, leave
//! the offending token in place and return an `Error` node; the enclosing
//! statement, object, array or argument list then skips ahead to a point where
//! parsing can resume (the next line, `,` or closing bracket).

use crate::ast::*;
use crate::lexer::{Tk, Token};
use crate::{Diagnostic, Span};
use std::collections::HashSet;

/// An upper bound on how deeply the parser may recurse for these tokens:
/// the deepest bracket nesting plus every token that can nest an expression
/// without brackets (a ternary `?`, a lambda `=>`, type arguments `<`, a
/// repeated prefix `!` or `-` in a type).
pub(crate) fn nesting_estimate(tokens: &[Token]) -> usize {
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut prefix = 0usize;
    let mut prev = Tk::NewLine;
    for t in tokens {
        if is_opener(t.kind) {
            depth += 1;
            max_depth = max_depth.max(depth);
        } else if is_closer(t.kind) {
            depth = depth.saturating_sub(1);
        } else {
            match t.kind {
                Tk::Question if !matches!(prev, Tk::Dot | Tk::LSquare) => prefix += 1,
                // `=>` nests a lambda body, `<` (possibly) generic type arguments.
                Tk::Arrow | Tk::Lt => prefix += 1,
                Tk::Bang | Tk::Minus if matches!(prev, Tk::Bang | Tk::Minus) => prefix += 1,
                _ => {}
            }
        }
        prev = t.kind;
    }
    max_depth + prefix
}

pub(crate) fn parse_tokens(
    src: &str,
    tokens: Vec<Token>,
    lex_diags: Vec<Diagnostic>,
    max_depth: u32,
) -> (Vec<Item>, Vec<Diagnostic>) {
    let mut reported: HashSet<u32> = HashSet::new();
    for d in &lex_diags {
        reported.insert(d.span.start);
    }
    let mut p = Parser {
        src,
        toks: tokens,
        pos: 0,
        skip_nl: false,
        depth: 0,
        max_depth,
        last_end: 0,
        diags: lex_diags,
        reported,
    };
    if p.toks.last().map(|t| t.kind) != Some(Tk::Eof) {
        let n = src.len();
        p.toks.push(Token {
            kind: Tk::Eof,
            span: Span::from_range(n, n),
            value: None,
        });
    }
    let items = p.parse_file();
    (items, p.diags)
}

/// Words that start a top-level declaration.
const DECL_KEYWORDS: &[&str] = &[
    "targetScope",
    "metadata",
    "param",
    "var",
    "resource",
    "module",
    "output",
    "type",
    "func",
    "import",
    "extension",
    "provider",
    "using",
    "extends",
    "test",
    "assert",
];

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    /// Whether line breaks are currently insignificant.
    skip_nl: bool,
    depth: u32,
    max_depth: u32,
    /// End offset of the last consumed token.
    last_end: u32,
    diags: Vec<Diagnostic>,
    /// Start offsets that already have a diagnostic (avoids cascades).
    reported: HashSet<u32>,
}

/// Binary operators: precedence (higher binds tighter) and operator.
fn binary_op(kind: Tk) -> Option<(u8, BinaryOp)> {
    Some(match kind {
        Tk::QQ => (1, BinaryOp::Coalesce),
        Tk::OrOr => (2, BinaryOp::Or),
        Tk::AndAnd => (3, BinaryOp::And),
        Tk::EqEq => (4, BinaryOp::Eq),
        Tk::NotEq => (4, BinaryOp::NotEq),
        Tk::EqTilde => (4, BinaryOp::EqInsensitive),
        Tk::NotTilde => (4, BinaryOp::NotEqInsensitive),
        Tk::Lt => (5, BinaryOp::Lt),
        Tk::Le => (5, BinaryOp::Le),
        Tk::Gt => (5, BinaryOp::Gt),
        Tk::Ge => (5, BinaryOp::Ge),
        Tk::Plus => (6, BinaryOp::Add),
        Tk::Minus => (6, BinaryOp::Sub),
        Tk::Star => (7, BinaryOp::Mul),
        Tk::Slash => (7, BinaryOp::Div),
        Tk::Percent => (7, BinaryOp::Mod),
        _ => return None,
    })
}

fn is_opener(k: Tk) -> bool {
    matches!(k, Tk::LParen | Tk::LSquare | Tk::LBrace | Tk::StrLeft)
}

fn is_closer(k: Tk) -> bool {
    matches!(k, Tk::RParen | Tk::RSquare | Tk::RBrace | Tk::StrRight)
}

impl Parser<'_> {
    // ----- token access -------------------------------------------------

    /// Skips line breaks when they are insignificant, but never into a line
    /// that starts a new declaration (so an unclosed `(` does not swallow the
    /// rest of the file).
    fn skip_nl_if_insignificant(&mut self) {
        if self.skip_nl {
            while self.toks[self.pos].kind == Tk::NewLine
                && !self.decl_start_at(self.pos + 1, false, true)
            {
                self.pos += 1;
            }
        }
    }

    /// The current token's kind (line breaks skipped when insignificant).
    fn peek(&mut self) -> Tk {
        self.skip_nl_if_insignificant();
        self.toks[self.pos].kind
    }

    fn cur(&mut self) -> &Token {
        self.skip_nl_if_insignificant();
        &self.toks[self.pos]
    }

    fn cur_span(&mut self) -> Span {
        self.cur().span
    }

    /// The kind of the token `n` positions after the current one, without
    /// skipping line breaks.
    fn peek_raw(&self, n: usize) -> Tk {
        self.toks.get(self.pos + n).map_or(Tk::Eof, |t| t.kind)
    }

    /// The kind of the next token after the current one, skipping line breaks
    /// only when they are insignificant.
    fn peek_next(&mut self) -> Tk {
        self.skip_nl_if_insignificant();
        let mut i = self.pos + 1;
        if self.skip_nl {
            while self.toks.get(i).map(|t| t.kind) == Some(Tk::NewLine) {
                i += 1;
            }
        }
        self.toks.get(i).map_or(Tk::Eof, |t| t.kind)
    }

    /// Is the next token (after any line breaks) `kind`? If so the line breaks
    /// are consumed. Used for constructs that may continue on the next line
    /// (`? :` of a ternary, `|` of a union type).
    fn at_past_newlines(&mut self, kind: Tk) -> bool {
        let mut i = self.pos;
        while self.toks[i].kind == Tk::NewLine {
            i += 1;
        }
        if self.toks[i].kind == kind {
            self.pos = i;
            true
        } else {
            false
        }
    }

    fn bump(&mut self) -> Token {
        self.skip_nl_if_insignificant();
        let tok = self.toks[self.pos].clone();
        if tok.kind != Tk::Eof {
            self.pos += 1;
            self.last_end = tok.span.end;
        }
        tok
    }

    fn at(&mut self, kind: Tk) -> bool {
        self.peek() == kind
    }

    fn eat(&mut self, kind: Tk) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn text(&self, span: Span) -> &str {
        span.text(self.src)
    }

    fn at_word(&mut self, word: &str) -> bool {
        self.skip_nl_if_insignificant();
        let t = &self.toks[self.pos];
        t.kind == Tk::Ident && t.span.text(self.src) == word
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if self.at_word(word) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// After `=` in a declaration: the value may start on the next line
    /// unless that line starts a new declaration.
    fn expect_assign(&mut self) -> bool {
        if !self.expect(Tk::Assign, "'='") {
            return false;
        }
        let mut i = self.pos;
        while self.toks[i].kind == Tk::NewLine {
            i += 1;
        }
        if i != self.pos && !self.decl_start_at(i, true, true) && self.toks[i].kind != Tk::Eof {
            self.pos = i;
        }
        true
    }

    /// Skips line breaks unless the next line starts a new declaration (used
    /// after tokens that must be followed by something: `?`, `:`, `=>`, `|`).
    fn skip_newlines_soft(&mut self) {
        let mut i = self.pos;
        while self.toks[i].kind == Tk::NewLine {
            i += 1;
        }
        if i != self.pos && !self.decl_start_at(i, true, true) && self.toks[i].kind != Tk::Eof {
            self.pos = i;
        }
    }

    fn skip_newlines(&mut self) {
        while self.toks[self.pos].kind == Tk::NewLine {
            self.pos += 1;
        }
    }

    fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.last_end.max(start))
    }

    // ----- diagnostics --------------------------------------------------

    #[inline(never)]
    fn error(&mut self, span: Span, message: impl Into<String>) {
        if self.reported.insert(span.start) {
            self.diags.push(Diagnostic::new(span, message));
        }
    }

    /// A description of the current token for messages.
    #[inline(never)]
    fn found(&mut self) -> String {
        let tok = self.cur().clone();
        match tok.kind {
            Tk::NewLine | Tk::Eof | Tk::Unknown => tok.kind.describe().to_string(),
            _ => {
                let text = self.text(tok.span);
                let mut shown: String = text.chars().take(30).collect();
                if shown.len() < text.len() {
                    shown.push('…');
                }
                if shown.starts_with('\'') {
                    shown
                } else {
                    format!("'{shown}'")
                }
            }
        }
    }

    /// The span to blame for "expected ..." at the current token. A line
    /// break is blamed as the (empty) position where the line ends.
    #[inline(never)]
    fn error_span_here(&mut self) -> Span {
        let tok = self.cur().clone();
        match tok.kind {
            Tk::NewLine | Tk::Eof => Span::new(tok.span.start, tok.span.start),
            _ => tok.span,
        }
    }

    #[inline(never)]
    fn expected(&mut self, what: &str) {
        let found = self.found();
        let span = self.error_span_here();
        self.error(span, format!("expected {what} but found {found}"));
    }

    fn expect(&mut self, kind: Tk, what: &str) -> bool {
        if self.eat(kind) {
            true
        } else {
            self.expected(what);
            false
        }
    }

    #[inline(never)]
    fn expect_ident(&mut self, what: &str) -> Ident {
        if self.at(Tk::Ident) {
            let tok = self.bump();
            Ident {
                name: self.text(tok.span).to_string(),
                span: tok.span,
            }
        } else {
            self.expected(what);
            let at = self.error_span_here().start;
            Ident {
                name: String::new(),
                span: Span::new(at, at),
            }
        }
    }

    // ----- recovery -----------------------------------------------------

    /// Is the token at `i` the first token of a line that starts a top-level
    /// declaration (`var x`, `param x`, `targetScope =`, ...)?
    ///
    /// `lax` also accepts a keyword followed by the end of the line or a
    /// string (a declaration missing its name); `allow_resource` says whether
    /// `resource` counts (inside an object it starts a nested resource).
    fn decl_start_at(&self, i: usize, lax: bool, allow_resource: bool) -> bool {
        let Some(tok) = self.toks.get(i) else {
            return false;
        };
        if tok.kind != Tk::Ident {
            return false;
        }
        if i > 0 && self.toks[i - 1].kind != Tk::NewLine {
            return false;
        }
        let word = tok.span.text(self.src);
        if !DECL_KEYWORDS.contains(&word) || (word == "resource" && !allow_resource) {
            return false;
        }
        let next = self.toks.get(i + 1).map_or(Tk::Eof, |t| t.kind);
        if matches!(next, Tk::StrComplete | Tk::StrLeft)
            || (lax && matches!(next, Tk::NewLine | Tk::Eof))
        {
            return true;
        }
        match word {
            "targetScope" => next == Tk::Assign,
            "using" | "extends" | "import" | "extension" | "provider" => {
                matches!(next, Tk::StrComplete | Tk::Ident | Tk::LBrace | Tk::Star)
            }
            _ => next == Tk::Ident,
        }
    }

    /// Skips tokens up to (not including) the next line break at bracket depth
    /// zero, the `closer` of the enclosing bracket, or (when `stop_at_comma`)
    /// a `,` at depth zero. Line breaks are always significant here unless
    /// `cross_lines` is set, in which case only a line break followed by a
    /// declaration stops.
    #[inline(never)]
    fn recover(&mut self, closer: Option<Tk>, stop_at_comma: bool, cross_lines: bool) {
        let mut depth = 0u32;
        loop {
            let k = self.toks[self.pos].kind;
            match k {
                Tk::Eof => return,
                Tk::NewLine
                    if (depth == 0 && !cross_lines)
                        || self.decl_start_at(self.pos + 1, false, true) =>
                {
                    return;
                }
                Tk::NewLine => {}
                Tk::Comma if depth == 0 && stop_at_comma => return,
                _ if depth == 0 && Some(k) == closer => return,
                _ if is_opener(k) => depth += 1,
                _ if is_closer(k) => {
                    if depth == 0 {
                        // A stray closer that belongs to nobody here.
                        if closer.is_some() {
                            // It may close an outer bracket: stop.
                            return;
                        }
                    } else {
                        depth -= 1;
                    }
                }
                _ => {}
            }
            self.pos += 1;
            self.last_end = self.toks[self.pos - 1].span.end;
        }
    }

    // ----- depth guard --------------------------------------------------

    /// Enters one level of nesting; `false` (after reporting) if too deep.
    #[inline(never)]
    fn enter(&mut self) -> bool {
        if self.depth >= self.max_depth {
            let span = self.error_span_here();
            let max = self.max_depth;
            self.error(
                span,
                format!("expression is nested too deeply (more than {max} levels)"),
            );
            // Skip the rest of the innermost bracket group (or line).
            let mut depth = 0u32;
            loop {
                let k = self.toks[self.pos].kind;
                if k == Tk::Eof {
                    break;
                }
                if k == Tk::NewLine
                    && ((depth == 0 && !self.skip_nl)
                        || self.decl_start_at(self.pos + 1, false, true))
                {
                    break;
                }
                if is_opener(k) {
                    depth += 1;
                } else if is_closer(k) {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                self.pos += 1;
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- statements ---------------------------------------------------

    fn parse_file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            if self.toks[self.pos].kind == Tk::Eof {
                break;
            }
            let before = self.diags.len();
            let start_pos = self.pos;
            let item = self.parse_statement();
            items.push(item);
            match self.toks[self.pos].kind {
                Tk::NewLine | Tk::Eof => {}
                _ => {
                    if self.diags.len() == before {
                        let found = self.found();
                        let span = self.error_span_here();
                        self.error(
                            span,
                            format!(
                                "expected a line break after the declaration but found {found}"
                            ),
                        );
                    }
                    self.recover(None, false, false);
                }
            }
            if self.pos == start_pos {
                // Make progress whatever happens.
                self.pos += 1;
            }
        }
        items
    }

    fn parse_decorators(&mut self) -> Vec<Decorator> {
        let mut decorators = Vec::new();
        while self.at(Tk::At) {
            let at = self.bump();
            if self.peek_raw(0) != Tk::Ident {
                self.expected("a decorator name");
                let span = self.span_from(at.span.start);
                decorators.push(Decorator {
                    expr: Expr::error(span),
                    span,
                });
                self.recover(None, false, false);
                self.skip_newlines();
                continue;
            }
            let expr = self.parse_postfix_expr();
            let span = self.span_from(at.span.start);
            decorators.push(Decorator { expr, span });
            // A decorator is followed by a line break (or, leniently, not).
            self.skip_newlines();
        }
        decorators
    }

    fn parse_statement(&mut self) -> Item {
        let start = self.cur_span().start;
        let decorators = self.parse_decorators();
        let kind = self.parse_declaration(decorators.last().map(|d| d.span));
        Item {
            decorators,
            kind,
            span: self.span_from(start),
        }
    }

    fn parse_declaration(&mut self, last_decorator: Option<Span>) -> ItemKind {
        let tok = self.cur().clone();
        let word = if tok.kind == Tk::Ident {
            self.text(tok.span).to_string()
        } else {
            String::new()
        };
        match word.as_str() {
            "targetScope" => {
                self.bump();
                self.expect(Tk::Assign, "'='");
                ItemKind::TargetScope(self.parse_expr())
            }
            "metadata" => {
                self.bump();
                let name = self.expect_ident("a metadata name");
                self.expect(Tk::Assign, "'='");
                let value = self.parse_expr();
                ItemKind::Metadata { name, value }
            }
            "param" => {
                self.bump();
                let name = self.expect_ident("a parameter name");
                if self.at(Tk::Assign) {
                    self.expect(Tk::Assign, "'='");
                    let value = self.parse_expr();
                    return ItemKind::Param(ParamDecl {
                        name,
                        ty: None,
                        value: Some(value),
                    });
                }
                let ty = self.parse_type();
                let value = if self.at(Tk::Assign) {
                    self.expect(Tk::Assign, "'='");
                    Some(self.parse_expr())
                } else {
                    None
                };
                ItemKind::Param(ParamDecl {
                    name,
                    ty: Some(ty),
                    value,
                })
            }
            "var" => {
                self.bump();
                let name = self.expect_ident("a variable name");
                let ty = if self.at(Tk::Assign) {
                    None
                } else {
                    Some(self.parse_type())
                };
                self.expect(Tk::Assign, "'='");
                let value = self.parse_expr();
                ItemKind::Var(VarDecl { name, ty, value })
            }
            "resource" => {
                self.bump();
                ItemKind::Resource(self.parse_resource_rest())
            }
            "module" => {
                self.bump();
                let name = self.expect_ident("a module name");
                let path = self.parse_string_operand("a module path string");
                self.expect_assign();
                let body = self.parse_decl_body();
                ItemKind::Module(ModuleDecl { name, path, body })
            }
            "test" => {
                self.bump();
                let name = self.expect_ident("a test name");
                let path = self.parse_string_operand("a file path string");
                self.expect_assign();
                let body = self.parse_decl_body();
                ItemKind::Test(TestDecl { name, path, body })
            }
            "output" => {
                self.bump();
                let name = self.expect_ident("an output name");
                let ty = self.parse_type();
                self.expect(Tk::Assign, "'='");
                let value = self.parse_expr();
                ItemKind::Output(OutputDecl { name, ty, value })
            }
            "type" => {
                self.bump();
                let name = self.expect_ident("a type name");
                self.expect_assign();
                let value = self.parse_type();
                ItemKind::Type(TypeDecl { name, value })
            }
            "func" => {
                self.bump();
                ItemKind::Func(self.parse_func_rest())
            }
            "import" => {
                self.bump();
                ItemKind::Import(self.parse_import_rest())
            }
            "extension" | "provider" => {
                self.bump();
                let keyword = if word == "extension" {
                    ExtensionKeyword::Extension
                } else {
                    ExtensionKeyword::Provider
                };
                let specifier = if self.at(Tk::Ident) {
                    let id = self.expect_ident("an extension name");
                    Expr::new(ExprKind::Ident(id.clone()), id.span)
                } else {
                    self.parse_string_operand("an extension name or string")
                };
                let config = if self.eat_word("with") {
                    Some(self.parse_expr())
                } else {
                    None
                };
                let alias = if self.eat_word("as") {
                    Some(self.expect_ident("an alias"))
                } else {
                    None
                };
                ItemKind::Extension(ExtensionDecl {
                    keyword,
                    specifier,
                    config,
                    alias,
                })
            }
            "using" => {
                self.bump();
                let target = if self.at(Tk::Ident) {
                    let id = self.expect_ident("'none'");
                    Expr::new(ExprKind::Ident(id.clone()), id.span)
                } else {
                    self.parse_string_operand("a file path string or 'none'")
                };
                let config = if self.eat_word("with") {
                    Some(self.parse_expr())
                } else {
                    None
                };
                ItemKind::Using(UsingDecl { target, config })
            }
            "extends" => {
                self.bump();
                ItemKind::Extends(self.parse_string_operand("a file path string"))
            }
            "assert" => {
                self.bump();
                let name = self.expect_ident("an assertion name");
                self.expect(Tk::Assign, "'='");
                let value = self.parse_expr();
                ItemKind::Assert { name, value }
            }
            _ => {
                let found = self.found();
                let span = self.error_span_here();
                match last_decorator {
                    Some(dec) => self.error(
                        dec,
                        format!("expected a declaration after the decorator but found {found}"),
                    ),
                    None => self.error(
                        span,
                        format!(
                            "expected a declaration (param, var, resource, module, output, type, func, import, ...) but found {found}"
                        ),
                    ),
                }
                ItemKind::Error
            }
        }
    }

    /// After `resource`: `name 'Type@version' [existing] = body`.
    fn parse_resource_rest(&mut self) -> ResourceDecl {
        let name = self.expect_ident("a resource name");
        let type_string = self.parse_string_operand("a resource type string");
        let existing = self.eat_word("existing");
        self.expect_assign();
        let body = self.parse_decl_body();
        ResourceDecl {
            name,
            type_string,
            existing,
            body,
        }
    }

    /// A string literal (possibly interpolated) where one is required.
    fn parse_string_operand(&mut self, what: &str) -> Expr {
        match self.peek() {
            Tk::StrComplete | Tk::StrLeft => self.parse_primary(),
            _ => {
                self.expected(what);
                let at = self.error_span_here().start;
                Expr::error(Span::new(at, at))
            }
        }
    }

    /// The value of a resource, module or test: an object, `if (c) {...}` or a
    /// `[for ...]` loop.
    #[inline(never)]
    fn parse_decl_body(&mut self) -> Expr {
        match self.peek() {
            Tk::LBrace => self.parse_object(),
            Tk::Ident if self.at_word("if") => self.parse_decl_if(),
            Tk::LSquare => {
                let mut i = self.pos + 1;
                while self.toks[i].kind == Tk::NewLine {
                    i += 1;
                }
                let is_for =
                    self.toks[i].kind == Tk::Ident && self.text(self.toks[i].span) == "for";
                if !is_for {
                    let found_span = self.toks[i].span;
                    let found_kind = self.toks[i].kind;
                    let found = match found_kind {
                        Tk::NewLine | Tk::Eof | Tk::Unknown => found_kind.describe().to_string(),
                        _ => format!("'{}'", self.text(found_span)),
                    };
                    self.error(found_span, format!("expected 'for' but found {found}"));
                    return self.parse_array();
                }
                let saved = self.skip_nl;
                self.skip_nl = false;
                let start = self.bump().span.start; // `[`
                self.pos = i;
                let e = self.parse_for_rest(start);
                self.skip_nl = saved;
                if let ExprKind::For(f) = &e.kind {
                    if !matches!(
                        f.body.kind,
                        ExprKind::Object(_) | ExprKind::IfCondition { .. } | ExprKind::Error
                    ) {
                        self.error(
                            f.body.span,
                            "expected '{' or 'if' for the body of a resource or module loop",
                        );
                    }
                }
                e
            }
            _ => {
                let found = self.found();
                let span = self.error_span_here();
                self.error(
                    span,
                    format!("expected '{{', '[' or 'if' but found {found}"),
                );
                Expr::error(Span::new(span.start, span.start))
            }
        }
    }

    /// `if (condition) { ... }` as the body of a resource or module.
    #[inline(never)]
    fn parse_decl_if(&mut self) -> Expr {
        let start = self.bump().span.start; // `if`
        let condition = self.parse_paren_condition();
        let body = if self.at(Tk::LBrace) {
            self.parse_object()
        } else {
            self.expected("'{'");
            let at = self.error_span_here().start;
            Expr::error(Span::new(at, at))
        };
        Expr::new(
            ExprKind::IfCondition {
                condition: Box::new(condition),
                body: Box::new(body),
            },
            self.span_from(start),
        )
    }

    #[inline(never)]
    fn parse_paren_condition(&mut self) -> Expr {
        let start = self.cur_span().start;
        if !self.expect(Tk::LParen, "'('") {
            return Expr::error(Span::new(start, start));
        }
        let saved = self.skip_nl;
        self.skip_nl = true;
        if self.at(Tk::RParen) {
            let span = self.span_from(start).to(self.cur_span());
            self.error(span, "parentheses must contain exactly one expression");
            self.bump();
            self.skip_nl = saved;
            return Expr::error(span);
        }
        let inner = self.parse_expr();
        if !self.eat(Tk::RParen) {
            self.expected("')'");
            self.recover(Some(Tk::RParen), false, true);
            self.eat(Tk::RParen);
        }
        self.skip_nl = saved;
        inner
    }

    /// After `func`: `name(params) returnType => body`.
    fn parse_func_rest(&mut self) -> FuncDecl {
        let name = self.expect_ident("a function name");
        let mut params = Vec::new();
        if self.expect(Tk::LParen, "'('") {
            let saved = self.skip_nl;
            self.skip_nl = true;
            if !self.eat(Tk::RParen) {
                loop {
                    let start = self.cur_span().start;
                    let pname = self.expect_ident("a parameter name");
                    let ty = self.parse_type();
                    params.push(FuncParam {
                        name: pname,
                        ty,
                        span: self.span_from(start),
                    });
                    if self.eat(Tk::Comma) {
                        continue;
                    }
                    if self.eat(Tk::RParen) {
                        break;
                    }
                    self.expected("',' or ')'");
                    self.recover(Some(Tk::RParen), false, true);
                    self.eat(Tk::RParen);
                    break;
                }
            }
            self.skip_nl = saved;
        }
        let return_type = self.parse_type();
        self.expect(Tk::Arrow, "'=>'");
        self.skip_newlines_soft();
        let body = self.parse_expr();
        FuncDecl {
            name,
            params,
            return_type,
            body,
        }
    }

    /// After `import`.
    fn parse_import_rest(&mut self) -> ImportDecl {
        if self.at(Tk::LBrace) {
            let items = self.parse_import_items();
            self.expect_from();
            let from = self.parse_string_operand("a file path string");
            return ImportDecl::Symbols { items, from };
        }
        if self.eat(Tk::Star) {
            if !self.eat_word("as") {
                self.expected("'as'");
            }
            let alias = self.expect_ident("an alias");
            self.expect_from();
            let from = self.parse_string_operand("a file path string");
            return ImportDecl::Wildcard { alias, from };
        }
        let specifier = if self.at(Tk::Ident) {
            let id = self.expect_ident("a namespace");
            Expr::new(ExprKind::Ident(id.clone()), id.span)
        } else {
            self.parse_string_operand("'{', '*' or a string")
        };
        let config = if self.eat_word("with") {
            Some(self.parse_expr())
        } else {
            None
        };
        let alias = if self.eat_word("as") {
            Some(self.expect_ident("an alias"))
        } else {
            None
        };
        ImportDecl::Namespace {
            specifier,
            config,
            alias,
        }
    }

    fn expect_from(&mut self) {
        if !self.eat_word("from") {
            self.expected("'from'");
        }
    }

    /// `{a, b as c, 'd-e' as f}` (items separated by commas or line breaks).
    fn parse_import_items(&mut self) -> Vec<ImportItem> {
        let saved = self.skip_nl;
        self.skip_nl = true;
        self.bump(); // `{`
        let mut items = Vec::new();
        loop {
            while self.eat(Tk::Comma) {}
            match self.peek() {
                Tk::RBrace => {
                    self.bump();
                    break;
                }
                Tk::Eof => {
                    self.expected("'}'");
                    break;
                }
                _ => {}
            }
            let start = self.cur_span().start;
            let name = match self.peek() {
                Tk::Ident => ImportName::Ident(self.expect_ident("a name")),
                Tk::StrComplete => {
                    let tok = self.bump();
                    ImportName::String {
                        value: tok.value.unwrap_or_default(),
                        span: tok.span,
                    }
                }
                _ => {
                    self.expected("a name to import");
                    self.recover(Some(Tk::RBrace), true, true);
                    if self.at(Tk::Comma) || self.at(Tk::RBrace) {
                        continue;
                    }
                    break;
                }
            };
            let alias = if self.eat_word("as") {
                Some(self.expect_ident("an alias"))
            } else {
                None
            };
            items.push(ImportItem {
                name,
                alias,
                span: self.span_from(start),
            });
            if !matches!(self.peek_raw(0), Tk::Comma | Tk::RBrace | Tk::NewLine) {
                self.expected("',', a line break or '}'");
                self.recover(Some(Tk::RBrace), true, true);
                if !(self.at(Tk::Comma) || self.at(Tk::RBrace)) {
                    break;
                }
            }
        }
        self.skip_nl = saved;
        items
    }

    // ----- expressions --------------------------------------------------

    pub(crate) fn parse_expr(&mut self) -> Expr {
        let start = self.cur_span().start;
        if !self.enter() {
            return Expr::error(self.span_from(start));
        }
        let e = self.parse_ternary();
        self.leave();
        e
    }

    fn parse_ternary(&mut self) -> Expr {
        let cond = self.parse_binary(0);
        if !self.at_past_newlines(Tk::Question) {
            return cond;
        }
        self.bump(); // `?`
        self.skip_newlines_soft();
        let then = self.parse_expr();
        let otherwise = if self.at_past_newlines(Tk::Colon) {
            self.bump();
            self.skip_newlines_soft();
            self.parse_expr()
        } else {
            self.expected("':'");
            let at = self.error_span_here().start;
            Expr::error(Span::new(at, at))
        };
        let span = cond.span.to(otherwise.span).to(then.span);
        Expr::new(
            ExprKind::Ternary {
                cond: Box::new(cond),
                then: Box::new(then),
                otherwise: Box::new(otherwise),
            },
            span,
        )
    }

    fn parse_binary(&mut self, min_prec: u8) -> Expr {
        let mut lhs = self.parse_unary();
        if matches!(lhs.kind, ExprKind::Error) {
            return lhs;
        }
        // Every operator adds a level to the (left-deep) tree: count it so that
        // very long chains cannot make the tree too deep to drop safely.
        let mut levels = 0;
        while let Some((prec, op)) = binary_op(self.peek()) {
            if prec < min_prec {
                break;
            }
            if !self.enter() {
                break;
            }
            levels += 1;
            self.bump();
            let rhs = self.parse_binary(prec + 1);
            let failed = matches!(rhs.kind, ExprKind::Error);
            let span = lhs.span.to(rhs.span);
            lhs = Expr::new(
                ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span,
            );
            if failed {
                break;
            }
        }
        for _ in 0..levels {
            self.leave();
        }
        lhs
    }

    fn parse_unary(&mut self) -> Expr {
        let op = match self.peek() {
            Tk::Bang => UnaryOp::Not,
            Tk::Minus => UnaryOp::Neg,
            Tk::Plus => UnaryOp::Plus,
            _ => return self.parse_postfix_expr(),
        };
        let start = self.bump().span.start;
        // As in Bicep, the operand of a unary operator is not itself a unary
        // expression (`--1` and `!!x` are errors; write `-(-1)`).
        let operand = self.parse_postfix_expr();
        if matches!(operand.kind, ExprKind::Error) {
            return Expr::error(self.span_from(start));
        }
        Expr::new(
            ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
            self.span_from(start),
        )
    }

    fn parse_postfix_expr(&mut self) -> Expr {
        let mut e = self.parse_primary();
        let start = e.span.start;
        let mut levels = 0;
        loop {
            if matches!(
                self.peek(),
                Tk::Dot | Tk::LSquare | Tk::ColonColon | Tk::Bang
            ) {
                if !self.enter() {
                    break;
                }
                levels += 1;
            }
            match self.peek() {
                Tk::Dot => {
                    self.bump();
                    let safe = self.eat(Tk::Question);
                    let name = self.expect_ident("a property name");
                    if name.name.is_empty() {
                        break;
                    }
                    if !safe && self.peek_raw(0) == Tk::LParen {
                        let args = self.parse_args();
                        e = Expr::new(
                            ExprKind::Call(Call {
                                base: Some(Box::new(e)),
                                name,
                                args,
                            }),
                            self.span_from(start),
                        );
                    } else {
                        e = Expr::new(
                            ExprKind::Property {
                                base: Box::new(e),
                                name,
                                safe,
                            },
                            self.span_from(start),
                        );
                    }
                }
                Tk::LSquare => {
                    self.bump();
                    let saved = self.skip_nl;
                    self.skip_nl = true;
                    let safe = self.eat(Tk::Question);
                    let from_end = self.eat(Tk::Caret);
                    let index = self.parse_expr();
                    if !self.eat(Tk::RSquare) {
                        self.expected("']'");
                        self.recover(Some(Tk::RSquare), false, false);
                        self.eat(Tk::RSquare);
                    }
                    self.skip_nl = saved;
                    e = Expr::new(
                        ExprKind::Index {
                            base: Box::new(e),
                            index: Box::new(index),
                            safe,
                            from_end,
                        },
                        self.span_from(start),
                    );
                }
                Tk::ColonColon => {
                    self.bump();
                    let name = self.expect_ident("a nested resource name");
                    e = Expr::new(
                        ExprKind::ResourceAccess {
                            base: Box::new(e),
                            name,
                        },
                        self.span_from(start),
                    );
                }
                Tk::Bang => {
                    self.bump();
                    e = Expr::new(ExprKind::NonNull(Box::new(e)), self.span_from(start));
                }
                _ => break,
            }
        }
        for _ in 0..levels {
            self.leave();
        }
        e
    }

    /// `(arg, arg, ...)`; the current token is `(`.
    #[inline(never)]
    fn parse_args(&mut self) -> Vec<Expr> {
        let saved = self.skip_nl;
        self.skip_nl = true;
        self.bump(); // `(`
        let mut args = Vec::new();
        if !self.eat(Tk::RParen) {
            loop {
                let before = self.diags.len();
                args.push(self.parse_expr());
                if self.eat(Tk::Comma) {
                    if self.at(Tk::RParen) {
                        let span = self.toks[self.pos - 1].span;
                        self.error(span, "a trailing ',' is not allowed in function arguments");
                        self.bump();
                        break;
                    }
                    continue;
                }
                if self.eat(Tk::RParen) {
                    break;
                }
                if self.diags.len() == before {
                    self.expected("',' or ')'");
                }
                self.recover(Some(Tk::RParen), true, true);
                if self.eat(Tk::Comma) {
                    continue;
                }
                self.eat(Tk::RParen);
                break;
            }
        }
        self.skip_nl = saved;
        args
    }

    fn parse_primary(&mut self) -> Expr {
        let tok = self.cur().clone();
        match tok.kind {
            Tk::Int => {
                self.bump();
                let text = self.text(tok.span);
                let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
                match digits.parse::<u64>() {
                    Ok(v) => Expr::new(ExprKind::Int(v), tok.span),
                    Err(_) => {
                        self.error(tok.span, "integer literal is too large");
                        Expr::new(ExprKind::Error, tok.span)
                    }
                }
            }
            Tk::StrComplete => {
                self.bump();
                Expr::new(ExprKind::String(tok.value.unwrap_or_default()), tok.span)
            }
            Tk::StrLeft => self.parse_interpolated(),
            Tk::Ident => {
                let text = self.text(tok.span).to_string();
                let literal = match text.as_str() {
                    "true" => Some(ExprKind::Bool(true)),
                    "false" => Some(ExprKind::Bool(false)),
                    "null" => Some(ExprKind::Null),
                    _ => None,
                };
                if let Some(kind) = literal {
                    self.bump();
                    return Expr::new(kind, tok.span);
                }
                match self.peek_raw(1) {
                    Tk::Arrow => {
                        self.bump();
                        let id = Ident {
                            name: text,
                            span: tok.span,
                        };
                        self.parse_lambda_rest(tok.span.start, vec![id])
                    }
                    Tk::LParen => {
                        self.bump();
                        let args = self.parse_args();
                        Expr::new(
                            ExprKind::Call(Call {
                                base: None,
                                name: Ident {
                                    name: text,
                                    span: tok.span,
                                },
                                args,
                            }),
                            self.span_from(tok.span.start),
                        )
                    }
                    _ => {
                        self.bump();
                        let id = Ident {
                            name: text,
                            span: tok.span,
                        };
                        Expr::new(ExprKind::Ident(id), tok.span)
                    }
                }
            }
            Tk::LParen => self.parse_paren_or_lambda(),
            Tk::LSquare => self.parse_array(),
            Tk::LBrace => self.parse_object(),
            _ => {
                let found = self.found();
                let span = self.error_span_here();
                self.error(span, format!("expected an expression but found {found}"));
                Expr::error(Span::new(span.start, span.start))
            }
        }
    }

    #[inline(never)]
    fn parse_lambda_rest(&mut self, start: u32, params: Vec<Ident>) -> Expr {
        self.bump(); // `=>`
        self.skip_newlines_soft();
        let body = self.parse_expr();
        Expr::new(
            ExprKind::Lambda {
                params,
                body: Box::new(body),
            },
            self.span_from(start),
        )
    }

    /// `'a${x}b${y}c'`; the current token is the left piece.
    #[inline(never)]
    fn parse_interpolated(&mut self) -> Expr {
        let first = self.bump();
        let start = first.span.start;
        let mut literals = vec![first.value.unwrap_or_default()];
        let mut exprs = Vec::new();
        // A line break ends a single-line string, interpolation or not.
        let saved = self.skip_nl;
        self.skip_nl = false;
        loop {
            exprs.push(self.parse_expr());
            match self.peek() {
                Tk::StrMiddle => {
                    let t = self.bump();
                    literals.push(t.value.unwrap_or_default());
                }
                Tk::StrRight => {
                    let t = self.bump();
                    literals.push(t.value.unwrap_or_default());
                    break;
                }
                _ => {
                    self.expected("'}' to end the interpolation");
                    // Skip to the rest of the string.
                    let mut depth = 0u32;
                    loop {
                        let k = self.toks[self.pos].kind;
                        match k {
                            Tk::Eof => break,
                            Tk::NewLine if depth == 0 => break,
                            Tk::StrMiddle | Tk::StrRight if depth == 0 => break,
                            Tk::StrLeft => depth += 1,
                            Tk::StrRight => depth = depth.saturating_sub(1),
                            _ => {}
                        }
                        self.pos += 1;
                    }
                    match self.toks[self.pos].kind {
                        Tk::StrMiddle => {
                            let t = self.bump();
                            literals.push(t.value.unwrap_or_default());
                        }
                        Tk::StrRight => {
                            let t = self.bump();
                            literals.push(t.value.unwrap_or_default());
                            break;
                        }
                        _ => {
                            literals.push(String::new());
                            break;
                        }
                    }
                }
            }
        }
        self.skip_nl = saved;
        Expr::new(
            ExprKind::Interpolated { literals, exprs },
            self.span_from(start),
        )
    }

    /// `(expr)` or a lambda `(a, b) => body` / `() => body`.
    #[inline(never)]
    fn parse_paren_or_lambda(&mut self) -> Expr {
        let saved = self.skip_nl;
        self.skip_nl = true;
        let start = self.bump().span.start; // `(`
        let mut items = Vec::new();
        let mut closed = true;
        if !self.eat(Tk::RParen) {
            loop {
                items.push(self.parse_expr());
                if self.eat(Tk::Comma) {
                    continue;
                }
                if self.eat(Tk::RParen) {
                    break;
                }
                self.expected("')'");
                self.recover(Some(Tk::RParen), false, true);
                closed = self.eat(Tk::RParen);
                break;
            }
        }
        self.skip_nl = saved;
        if self.peek_raw(0) == Tk::Arrow {
            let mut params = Vec::new();
            for item in items {
                match item.kind {
                    ExprKind::Ident(id) => params.push(id),
                    ExprKind::Error => {}
                    _ => self.error(item.span, "expected a lambda parameter name"),
                }
            }
            return self.parse_lambda_rest(start, params);
        }
        let span = self.span_from(start);
        match items.len() {
            0 => {
                if closed {
                    self.error(span, "parentheses must contain exactly one expression");
                }
                Expr::error(span)
            }
            1 => {
                let inner = items.pop().unwrap_or_else(|| Expr::error(span));
                Expr::new(ExprKind::Paren(Box::new(inner)), span)
            }
            _ => {
                self.error(span, "parentheses must contain exactly one expression");
                Expr::error(span)
            }
        }
    }

    /// `[...]` or `[for ...]`.
    #[inline(never)]
    fn parse_array(&mut self) -> Expr {
        let saved = self.skip_nl;
        self.skip_nl = false;
        let start = self.bump().span.start; // `[`
                                            // `[for` may have the `for` on the next line.
        let mut i = self.pos;
        while self.toks[i].kind == Tk::NewLine {
            i += 1;
        }
        if self.toks[i].kind == Tk::Ident
            && self.text(self.toks[i].span) == "for"
            && matches!(
                self.toks.get(i + 1).map(|t| t.kind),
                Some(Tk::Ident | Tk::LParen | Tk::RSquare)
            )
        {
            self.pos = i;
            let e = self.parse_for_rest(start);
            self.skip_nl = saved;
            return e;
        }
        let mut items = Vec::new();
        loop {
            let line_end = self.pos;
            self.skip_newlines();
            match self.peek() {
                Tk::RSquare => {
                    self.bump();
                    break;
                }
                Tk::Eof => {
                    self.expected("']'");
                    break;
                }
                Tk::Comma => {
                    let t = self.bump();
                    self.error(t.span, "unexpected ','; expected an array item");
                    continue;
                }
                Tk::RParen | Tk::RBrace | Tk::StrMiddle | Tk::StrRight => {
                    self.expected("']'");
                    break;
                }
                _ => {}
            }
            if self.decl_start_at(self.pos, false, true) && line_end != self.pos {
                // Leave the line break for the statement to end on.
                self.expected("']'");
                self.pos = line_end;
                break;
            }
            let before = self.diags.len();
            let item_start = self.pos;
            if self.at(Tk::Ellipsis) {
                let s = self.bump().span.start;
                let inner = self.parse_expr();
                items.push(Expr::new(
                    ExprKind::Spread(Box::new(inner)),
                    self.span_from(s),
                ));
            } else {
                items.push(self.parse_expr());
            }
            if !self.item_separator(Tk::RSquare, before, "an array item") && self.pos == item_start
            {
                self.bump();
            }
        }
        self.skip_nl = saved;
        Expr::new(ExprKind::Array(items), self.span_from(start))
    }

    /// After an array item, object property or type member: accepts `,`, a
    /// line break or the closing bracket. Returns `false` if it had to recover.
    #[inline(never)]
    fn item_separator(&mut self, closer: Tk, before: usize, what: &str) -> bool {
        match self.peek() {
            Tk::Comma => {
                let comma = self.bump();
                if self.peek_raw(0) == Tk::NewLine {
                    self.error(
                        comma.span,
                        "unexpected line break after ','; separate multi-line items with line breaks only",
                    );
                }
                true
            }
            Tk::NewLine => true,
            k if k == closer => true,
            _ => {
                if self.diags.len() == before {
                    let found = self.found();
                    let span = self.error_span_here();
                    self.error(
                        span,
                        format!("expected ',' or a line break after {what} but found {found}"),
                    );
                }
                self.recover(Some(closer), true, false);
                self.eat(Tk::Comma);
                false
            }
        }
    }

    /// After `[`: `for item in iterable: body]` or `for (item, index) in ...`.
    #[inline(never)]
    fn parse_for_rest(&mut self, start: u32) -> Expr {
        self.bump(); // `for`
        let header_saved = self.skip_nl;
        self.skip_nl = true;
        let (item, index) = if self.eat(Tk::LParen) {
            let item = self.expect_ident("a loop item name");
            let index = if self.eat(Tk::Comma) {
                Some(self.expect_ident("a loop index name"))
            } else {
                None
            };
            self.expect(Tk::RParen, "')'");
            (item, index)
        } else {
            (self.expect_ident("a loop item name"), None)
        };
        if !self.eat_word("in") {
            self.expected("'in'");
        }
        let iterable = self.parse_expr();
        self.expect(Tk::Colon, "':'");
        let body = if self.at_word("if")
            && matches!(self.peek_next(), Tk::LParen | Tk::LBrace | Tk::RSquare)
        {
            self.parse_decl_if()
        } else {
            self.parse_expr()
        };
        if !self.eat(Tk::RSquare) {
            self.expected("']'");
            self.recover(Some(Tk::RSquare), false, true);
            self.eat(Tk::RSquare);
        }
        self.skip_nl = header_saved;
        Expr::new(
            ExprKind::For(Box::new(ForExpr {
                item,
                index,
                iterable,
                body,
            })),
            self.span_from(start),
        )
    }

    /// `{ key: value ... }`
    #[inline(never)]
    fn parse_object(&mut self) -> Expr {
        let saved = self.skip_nl;
        self.skip_nl = false;
        let start = self.bump().span.start; // `{`
        let mut members = Vec::new();
        loop {
            let line_end = self.pos;
            self.skip_newlines();
            match self.peek() {
                Tk::RBrace => {
                    self.bump();
                    break;
                }
                Tk::Eof => {
                    self.expected("'}'");
                    break;
                }
                Tk::Comma => {
                    let t = self.bump();
                    self.error(t.span, "unexpected ','; expected a property");
                    continue;
                }
                Tk::RParen | Tk::RSquare | Tk::StrMiddle | Tk::StrRight => {
                    self.expected("'}'");
                    break;
                }
                _ => {}
            }
            if self.decl_start_at(self.pos, false, false) && line_end != self.pos {
                // Leave the line break for the statement to end on.
                self.expected("'}'");
                self.pos = line_end;
                break;
            }
            let before = self.diags.len();
            let member_start = self.pos;
            if let Some(m) = self.parse_object_member() {
                members.push(m);
            }
            if !self.item_separator(Tk::RBrace, before, "a property") && self.pos == member_start {
                self.bump();
            }
        }
        self.skip_nl = saved;
        Expr::new(ExprKind::Object(members), self.span_from(start))
    }

    #[inline(never)]
    fn parse_object_member(&mut self) -> Option<ObjectMember> {
        let start = self.cur_span().start;
        let decorators = self.parse_decorators();
        if self.at_word("resource") && self.peek_raw(1) == Tk::Ident {
            self.bump();
            let decl = self.parse_resource_rest();
            return Some(ObjectMember::Resource(Box::new(Item {
                decorators,
                kind: ItemKind::Resource(decl),
                span: self.span_from(start),
            })));
        }
        if let Some(last) = decorators.last() {
            let found = self.found();
            self.error(
                last.span,
                format!(
                    "expected a nested resource declaration after the decorator but found {found}"
                ),
            );
            if matches!(self.peek(), Tk::RBrace | Tk::Eof) {
                return None;
            }
        }
        if self.at(Tk::Ellipsis) {
            self.bump();
            let expr = self.parse_expr();
            return Some(ObjectMember::Spread {
                expr,
                span: self.span_from(start),
            });
        }
        let key = self.parse_property_key()?;
        self.expect(Tk::Colon, "':'");
        let value = self.parse_expr();
        Some(ObjectMember::Property(ObjectProperty {
            decorators,
            key,
            value,
            span: self.span_from(start),
        }))
    }

    #[inline(never)]
    fn parse_property_key(&mut self) -> Option<PropertyKey> {
        match self.peek() {
            Tk::Ident => Some(PropertyKey::Ident(self.expect_ident("a property name"))),
            Tk::StrComplete | Tk::StrLeft => Some(PropertyKey::Expr(self.parse_primary())),
            _ => {
                self.expected("a property name");
                None
            }
        }
    }

    // ----- types --------------------------------------------------------

    fn parse_type(&mut self) -> TypeExpr {
        let start = self.cur_span().start;
        if !self.enter() {
            return TypeExpr {
                kind: TypeKind::Error,
                span: self.span_from(start),
            };
        }
        let leading_pipe = self.eat(Tk::Pipe);
        let first = self.parse_type_postfix();
        let mut members = vec![first];
        while self.at_past_newlines(Tk::Pipe) {
            self.bump();
            self.skip_newlines_soft();
            members.push(self.parse_type_postfix());
        }
        self.leave();
        if members.len() == 1 && !leading_pipe {
            return members.pop().unwrap_or(TypeExpr {
                kind: TypeKind::Error,
                span: Span::new(start, start),
            });
        }
        TypeExpr {
            kind: TypeKind::Union(members),
            span: self.span_from(start),
        }
    }

    fn parse_type_postfix(&mut self) -> TypeExpr {
        let mut t = self.parse_type_primary();
        let start = t.span.start;
        let mut levels = 0;
        loop {
            if matches!(self.peek(), Tk::LSquare | Tk::Question | Tk::Bang | Tk::Dot) {
                if !self.enter() {
                    break;
                }
                levels += 1;
            }
            let kind = match self.peek() {
                Tk::LSquare => {
                    self.bump();
                    let saved = self.skip_nl;
                    self.skip_nl = true;
                    let kind = match self.peek() {
                        Tk::RSquare => TypeKind::Array(Box::new(t)),
                        Tk::Star => {
                            self.bump();
                            TypeKind::Items(Box::new(t))
                        }
                        Tk::Int => {
                            let tok = self.bump();
                            let index = self.text(tok.span).parse::<u64>().unwrap_or(u64::MAX);
                            TypeKind::Index {
                                base: Box::new(t),
                                index,
                            }
                        }
                        _ => {
                            self.expected("']', '*' or a tuple index");
                            TypeKind::Array(Box::new(t))
                        }
                    };
                    if !self.eat(Tk::RSquare) {
                        self.expected("']'");
                        self.recover(Some(Tk::RSquare), false, false);
                        self.eat(Tk::RSquare);
                    }
                    self.skip_nl = saved;
                    kind
                }
                Tk::Question => {
                    self.bump();
                    TypeKind::Nullable(Box::new(t))
                }
                Tk::Bang => {
                    self.bump();
                    TypeKind::NonNull(Box::new(t))
                }
                Tk::Dot => {
                    self.bump();
                    if self.eat(Tk::Star) {
                        TypeKind::AdditionalProperties(Box::new(t))
                    } else {
                        let name = self.expect_ident("a property name");
                        let prop = TypeKind::Property {
                            base: Box::new(t),
                            name,
                        };
                        if self.peek() == Tk::Lt {
                            let name = Box::new(TypeExpr {
                                kind: prop,
                                span: self.span_from(start),
                            });
                            let args = self.parse_type_args();
                            TypeKind::Generic { name, args }
                        } else {
                            prop
                        }
                    }
                }
                _ => break,
            };
            t = TypeExpr {
                kind,
                span: self.span_from(start),
            };
        }
        for _ in 0..levels {
            self.leave();
        }
        t
    }

    fn parse_type_primary(&mut self) -> TypeExpr {
        let tok = self.cur().clone();
        let start = tok.span.start;
        let kind = match tok.kind {
            Tk::Ident => {
                let text = self.text(tok.span).to_string();
                match text.as_str() {
                    "true" | "false" | "null" => TypeKind::Literal(self.parse_primary()),
                    "resource" if matches!(self.peek_raw(1), Tk::StrComplete | Tk::StrLeft) => {
                        self.bump();
                        let type_string = self.parse_primary();
                        TypeKind::Resource { type_string }
                    }
                    _ => {
                        self.bump();
                        let name = Ident {
                            name: text,
                            span: tok.span,
                        };
                        if self.peek() == Tk::Lt {
                            let args = self.parse_type_args();
                            let name = Box::new(TypeExpr {
                                span: name.span,
                                kind: TypeKind::Named(name),
                            });
                            TypeKind::Generic { name, args }
                        } else {
                            TypeKind::Named(name)
                        }
                    }
                }
            }
            Tk::StrComplete | Tk::StrLeft | Tk::Int => TypeKind::Literal(self.parse_primary()),
            Tk::Minus | Tk::Bang => {
                self.bump();
                if !self.enter() {
                    return TypeExpr {
                        kind: TypeKind::Error,
                        span: self.span_from(start),
                    };
                }
                let inner = self.parse_type_primary();
                self.leave();
                let op = if tok.kind == Tk::Minus {
                    UnaryOp::Neg
                } else {
                    UnaryOp::Not
                };
                let operand = match inner.kind {
                    TypeKind::Literal(e) => e,
                    TypeKind::Error => Expr::error(inner.span),
                    _ => {
                        self.error(inner.span, "expected a literal after '-' or '!' in a type");
                        Expr::error(inner.span)
                    }
                };
                TypeKind::Literal(Expr::new(
                    ExprKind::Unary {
                        op,
                        operand: Box::new(operand),
                    },
                    self.span_from(start),
                ))
            }
            Tk::LBrace => self.parse_object_type(),
            Tk::LSquare => self.parse_tuple_type(),
            Tk::LParen => {
                let saved = self.skip_nl;
                self.skip_nl = true;
                self.bump();
                let inner = self.parse_type();
                if !self.eat(Tk::RParen) {
                    self.expected("')'");
                    self.recover(Some(Tk::RParen), false, true);
                    self.eat(Tk::RParen);
                }
                self.skip_nl = saved;
                TypeKind::Paren(Box::new(inner))
            }
            _ => {
                let found = self.found();
                let span = self.error_span_here();
                self.error(span, format!("expected a type but found {found}"));
                return TypeExpr {
                    kind: TypeKind::Error,
                    span: Span::new(span.start, span.start),
                };
            }
        };
        TypeExpr {
            kind,
            span: self.span_from(start),
        }
    }

    /// `<arg, arg>` after a generic type name.
    #[inline(never)]
    fn parse_type_args(&mut self) -> Vec<TypeExpr> {
        let saved = self.skip_nl;
        self.skip_nl = true;
        self.bump(); // `<`
        let mut args = Vec::new();
        if !self.eat(Tk::Gt) {
            loop {
                args.push(self.parse_type());
                if self.eat(Tk::Comma) {
                    continue;
                }
                if self.eat(Tk::Gt) {
                    break;
                }
                self.expected("',' or '>'");
                self.recover(Some(Tk::Gt), false, true);
                self.eat(Tk::Gt);
                break;
            }
        }
        self.skip_nl = saved;
        args
    }

    #[inline(never)]
    fn parse_object_type(&mut self) -> TypeKind {
        let saved = self.skip_nl;
        self.skip_nl = false;
        self.bump(); // `{`
        let mut members = Vec::new();
        loop {
            let line_end = self.pos;
            self.skip_newlines();
            match self.peek() {
                Tk::RBrace => {
                    self.bump();
                    break;
                }
                Tk::Eof => {
                    self.expected("'}'");
                    break;
                }
                Tk::Comma => {
                    let t = self.bump();
                    self.error(t.span, "unexpected ','; expected a property");
                    continue;
                }
                Tk::RParen | Tk::RSquare | Tk::StrMiddle | Tk::StrRight => {
                    self.expected("'}'");
                    break;
                }
                _ => {}
            }
            if self.decl_start_at(self.pos, false, true) && line_end != self.pos {
                // Leave the line break for the statement to end on.
                self.expected("'}'");
                self.pos = line_end;
                break;
            }
            let before = self.diags.len();
            let member_start = self.pos;
            let start = self.cur_span().start;
            let decorators = self.parse_decorators();
            let key = if self.eat(Tk::Star) {
                Some(None)
            } else {
                self.parse_property_key().map(Some)
            };
            if let Some(key) = key {
                // Leniently accept `name?: type`.
                self.eat(Tk::Question);
                self.expect(Tk::Colon, "':'");
                // `name:` may be followed by a union starting on the next line.
                self.at_past_newlines(Tk::Pipe);
                let value = self.parse_type();
                members.push(ObjectTypeMember {
                    decorators,
                    key,
                    value,
                    span: self.span_from(start),
                });
            }
            if !self.item_separator(Tk::RBrace, before, "a property") && self.pos == member_start {
                self.bump();
            }
        }
        self.skip_nl = saved;
        TypeKind::Object(members)
    }

    #[inline(never)]
    fn parse_tuple_type(&mut self) -> TypeKind {
        let saved = self.skip_nl;
        self.skip_nl = false;
        self.bump(); // `[`
        let mut items = Vec::new();
        loop {
            let line_end = self.pos;
            self.skip_newlines();
            match self.peek() {
                Tk::RSquare => {
                    self.bump();
                    break;
                }
                Tk::Eof => {
                    self.expected("']'");
                    break;
                }
                Tk::Comma => {
                    let t = self.bump();
                    self.error(t.span, "unexpected ','; expected a tuple item");
                    continue;
                }
                Tk::RParen | Tk::RBrace | Tk::StrMiddle | Tk::StrRight => {
                    self.expected("']'");
                    break;
                }
                _ => {}
            }
            if self.decl_start_at(self.pos, false, true) && line_end != self.pos {
                // Leave the line break for the statement to end on.
                self.expected("']'");
                self.pos = line_end;
                break;
            }
            let before = self.diags.len();
            let item_start = self.pos;
            let start = self.cur_span().start;
            let decorators = self.parse_decorators();
            let ty = self.parse_type();
            items.push(TupleItem {
                decorators,
                ty,
                span: self.span_from(start),
            });
            if !self.item_separator(Tk::RSquare, before, "a tuple item") && self.pos == item_start {
                self.bump();
            }
        }
        self.skip_nl = saved;
        TypeKind::Tuple(items)
    }
}
