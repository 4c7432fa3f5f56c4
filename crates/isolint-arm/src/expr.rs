//! The ARM template expression syntax: `[function(args).property['index']]`.

/// Maximum nesting of calls, indexes and property accesses in one expression.
pub const MAX_EXPR_DEPTH: usize = 64;

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Str(String),
    Num(f64),
    /// A function call; `name` keeps its case (`ns.fn` for user functions).
    Call(String, Vec<Expr>),
    /// `base.name`
    Prop(Box<Expr>, String),
    /// `base[index]`
    Index(Box<Expr>, Box<Expr>),
}

/// What a JSON string means to ARM.
#[derive(Debug, PartialEq)]
pub enum StrKind<'a> {
    /// A plain string (with a leading `[[` already reduced to `[`).
    Literal(std::borrow::Cow<'a, str>),
    /// The text between the outer brackets of an expression.
    Expression(&'a str),
}

/// Classifies a JSON string: `[...]` is an expression, `[[...` is the escape
/// for a literal that starts with `[`.
pub fn classify(s: &str) -> StrKind<'_> {
    if let Some(rest) = s.strip_prefix("[[") {
        let mut out = String::with_capacity(s.len());
        out.push('[');
        out.push_str(rest);
        return StrKind::Literal(out.into());
    }
    if s.starts_with('[') && s.ends_with(']') && s.len() >= 2 {
        return StrKind::Expression(&s[1..s.len() - 1]);
    }
    StrKind::Literal(s.into())
}

/// A syntax error in an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub message: String,
    /// True when the nesting bound was hit.
    pub limit: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Str(String),
    Num(f64),
    Ident(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
}

fn lex(src: &str) -> Result<Vec<Tok>, ExprError> {
    let err = |m: String| ExprError {
        message: m,
        limit: false,
    };
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Tok::LParen);
                i += 1
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1
            }
            '[' => {
                out.push(Tok::LBracket);
                i += 1
            }
            ']' => {
                out.push(Tok::RBracket);
                i += 1
            }
            ',' => {
                out.push(Tok::Comma);
                i += 1
            }
            '.' if !chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                out.push(Tok::Dot);
                i += 1
            }
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(err("unterminated string literal in expression".into()))
                        }
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            s.push(*c);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Str(s));
            }
            c if c.is_ascii_digit() || c == '-' || c == '.' => {
                let start = i;
                i += 1;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                let n: f64 = text
                    .parse()
                    .map_err(|_| err(format!("invalid number '{text}' in expression")))?;
                out.push(Tok::Num(n));
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                let start = i;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '$' || *c == '-')
                {
                    i += 1;
                }
                out.push(Tok::Ident(chars[start..i].iter().collect()));
            }
            other => return Err(err(format!("unexpected character '{other}' in expression"))),
        }
    }
    Ok(out)
}

/// Parses the text of an expression (without the outer brackets).
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let toks = lex(src)?;
    let mut p = P { toks, pos: 0 };
    let e = p.expr(0)?;
    if p.pos != p.toks.len() {
        return Err(p.err("unexpected content after the end of the expression"));
    }
    Ok(e)
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
}

impl P {
    fn err(&self, m: &str) -> ExprError {
        ExprError {
            message: m.to_string(),
            limit: false,
        }
    }
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn expect(&mut self, t: Tok, what: &str) -> Result<(), ExprError> {
        if self.next() == Some(t) {
            Ok(())
        } else {
            Err(self.err(&format!("expected {what} in expression")))
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ExprError> {
        if depth > MAX_EXPR_DEPTH {
            return Err(ExprError {
                message: format!("expression nesting is deeper than {MAX_EXPR_DEPTH} levels"),
                limit: true,
            });
        }
        let mut e = match self.next() {
            Some(Tok::Str(s)) => Expr::Str(s),
            Some(Tok::Num(n)) => Expr::Num(n),
            Some(Tok::Ident(mut name)) => {
                // Namespaced user-defined function: ns.fn(...)
                if self.peek() == Some(&Tok::Dot)
                    && matches!(self.toks.get(self.pos + 1), Some(Tok::Ident(_)))
                    && self.toks.get(self.pos + 2) == Some(&Tok::LParen)
                {
                    if let Some(Tok::Ident(member)) = self.toks.get(self.pos + 1).cloned() {
                        name = format!("{name}.{member}");
                        self.pos += 2;
                    }
                }
                if self.peek() == Some(&Tok::LParen) {
                    self.pos += 1;
                    let mut args = Vec::new();
                    if self.peek() == Some(&Tok::RParen) {
                        self.pos += 1;
                    } else {
                        loop {
                            args.push(self.expr(depth + 1)?);
                            match self.next() {
                                Some(Tok::Comma) => continue,
                                Some(Tok::RParen) => break,
                                _ => {
                                    return Err(
                                        self.err("expected ',' or ')' in function arguments")
                                    )
                                }
                            }
                        }
                    }
                    Expr::Call(name, args)
                } else if ["true", "false", "null"]
                    .iter()
                    .any(|w| name.eq_ignore_ascii_case(w))
                {
                    Expr::Call(name, Vec::new())
                } else {
                    return Err(self.err(&format!(
                        "'{name}' must be followed by '(' (a function call)"
                    )));
                }
            }
            _ => return Err(self.err("expected a string, number or function call")),
        };
        let mut chain = 0usize;
        loop {
            match self.peek() {
                Some(Tok::Dot) => {
                    self.pos += 1;
                    match self.next() {
                        Some(Tok::Ident(n)) => e = Expr::Prop(Box::new(e), n),
                        _ => return Err(self.err("expected a property name after '.'")),
                    }
                }
                Some(Tok::LBracket) => {
                    self.pos += 1;
                    let idx = self.expr(depth + 1)?;
                    self.expect(Tok::RBracket, "']'")?;
                    e = Expr::Index(Box::new(e), Box::new(idx));
                }
                _ => break,
            }
            chain += 1;
            if chain > 4 * MAX_EXPR_DEPTH {
                return Err(ExprError {
                    message: "expression has too many property accesses".into(),
                    limit: true,
                });
            }
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_brackets_and_escape() {
        assert_eq!(
            classify("[parameters('a')]"),
            StrKind::Expression("parameters('a')")
        );
        assert_eq!(
            classify("[[not an expression]"),
            StrKind::Literal("[not an expression]".into())
        );
        assert_eq!(classify("plain"), StrKind::Literal("plain".into()));
        assert_eq!(classify("[x"), StrKind::Literal("[x".into()));
    }

    #[test]
    fn parses_calls_props_and_indexes() {
        let e = parse("reference('a').outputs['x'].value").unwrap();
        let Expr::Prop(base, v) = e else { panic!() };
        assert_eq!(v, "value");
        assert!(matches!(*base, Expr::Index(_, _)));
        assert_eq!(
            parse("concat('it''s', -1)").unwrap(),
            Expr::Call(
                "concat".into(),
                vec![Expr::Str("it's".into()), Expr::Num(-1.0)]
            )
        );
        assert_eq!(
            parse("ns.fn(1)").unwrap(),
            Expr::Call("ns.fn".into(), vec![Expr::Num(1.0)])
        );
        assert_eq!(parse("true").unwrap(), Expr::Call("true".into(), vec![]));
        assert!(parse("concat('a'").is_err());
        assert!(parse("'abc").is_err());
        assert!(parse("a b").is_err());
        let deep = "concat(".repeat(200) + &")".repeat(200);
        assert!(parse(&deep).unwrap_err().limit);
    }
}
