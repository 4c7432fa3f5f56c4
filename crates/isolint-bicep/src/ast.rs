//! The syntax tree. Every node carries the [`Span`] of the source text it was
//! parsed from. Nodes the parser could not make sense of are kept as
//! [`ExprKind::Error`], [`TypeKind::Error`] or [`ItemKind::Error`] so that the
//! rest of the tree is still available.

use crate::Span;

/// A name as written in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// `@name(...)` before a declaration, an object-type member, a tuple item or a
/// nested resource. `expr` is usually a [`ExprKind::Call`] (possibly
/// namespaced, as in `@sys.description('...')`).
#[derive(Clone, Debug, PartialEq)]
pub struct Decorator {
    pub expr: Expr,
    /// From the `@` to the end of the expression.
    pub span: Span,
}

impl Decorator {
    /// The decorator's function name (`description` for both
    /// `@description(...)` and `@sys.description(...)`).
    pub fn name(&self) -> Option<&str> {
        match &self.expr.kind {
            ExprKind::Call(call) => Some(call.name.name.as_str()),
            ExprKind::Ident(id) => Some(id.name.as_str()),
            _ => None,
        }
    }

    /// The arguments of the decorator call (empty for a bare `@name`).
    pub fn args(&self) -> &[Expr] {
        match &self.expr.kind {
            ExprKind::Call(call) => &call.args,
            _ => &[],
        }
    }
}

/// A top-level statement (or a nested resource inside a resource body).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub decorators: Vec<Decorator>,
    pub kind: ItemKind,
    /// From the first decorator (or the keyword) to the end of the statement.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// `targetScope = 'subscription'`
    TargetScope(Expr),
    /// `metadata name = value`
    Metadata {
        name: Ident,
        value: Expr,
    },
    Param(ParamDecl),
    Var(VarDecl),
    Resource(ResourceDecl),
    Module(ModuleDecl),
    Output(OutputDecl),
    Type(TypeDecl),
    Func(FuncDecl),
    Import(ImportDecl),
    /// `extension ...` or (older) `provider ...`.
    Extension(ExtensionDecl),
    /// `using 'main.bicep'` / `using none` (`.bicepparam` files).
    Using(UsingDecl),
    /// `extends 'base.bicepparam'` (`.bicepparam` files).
    Extends(Expr),
    /// `test name 'file.bicep' = {...}` (Bicep test framework).
    Test(TestDecl),
    /// `assert name = condition` (Bicep test framework).
    Assert {
        name: Ident,
        value: Expr,
    },
    /// A statement that could not be parsed; a diagnostic was reported.
    Error,
}

/// `param name type = default` in a `.bicep` file, or `param name = value` in a
/// `.bicepparam` file (then `ty` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDecl {
    pub name: Ident,
    pub ty: Option<TypeExpr>,
    pub value: Option<Expr>,
}

/// `var name = value` or `var name type = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct VarDecl {
    pub name: Ident,
    pub ty: Option<TypeExpr>,
    pub value: Expr,
}

/// `resource name 'Type@version' [existing] = body`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceDecl {
    pub name: Ident,
    /// The type string, normally a [`ExprKind::String`].
    pub type_string: Expr,
    pub existing: bool,
    /// An object, an [`ExprKind::IfCondition`] or an [`ExprKind::For`].
    pub body: Expr,
}

impl ResourceDecl {
    /// The literal type string (`'Microsoft.Network/virtualNetworks@2023-04-01'`).
    pub fn type_str(&self) -> Option<&str> {
        self.type_string.as_str()
    }
}

/// `module name 'path' = body` (the path may be a `br:`, `br/alias:` or `ts:`
/// reference).
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleDecl {
    pub name: Ident,
    pub path: Expr,
    pub body: Expr,
}

impl ModuleDecl {
    pub fn path_str(&self) -> Option<&str> {
        self.path.as_str()
    }
}

/// `output name type = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub value: Expr,
}

/// `type name = type-expression`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDecl {
    pub name: Ident,
    pub value: TypeExpr,
}

/// `func name(a string, b int) returnType => body`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub name: Ident,
    pub params: Vec<FuncParam>,
    pub return_type: TypeExpr,
    pub body: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncParam {
    pub name: Ident,
    pub ty: TypeExpr,
    pub span: Span,
}

/// The three forms of `import`.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportDecl {
    /// `import {a, b as c} from 'file.bicep'`
    Symbols { items: Vec<ImportItem>, from: Expr },
    /// `import * as alias from 'file.bicep'`
    Wildcard { alias: Ident, from: Expr },
    /// The older provider form: `import 'az@1.0.0' [with {...}] [as alias]`.
    Namespace {
        specifier: Expr,
        config: Option<Expr>,
        alias: Option<Ident>,
    },
}

/// One item of `import {...} from ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportItem {
    /// The exported name: an identifier or a quoted string.
    pub name: ImportName,
    pub alias: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportName {
    Ident(Ident),
    String { value: String, span: Span },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionKeyword {
    Extension,
    Provider,
}

/// `extension az`, `extension 'br:...' with {...} as alias`, `provider ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtensionDecl {
    pub keyword: ExtensionKeyword,
    /// An identifier (`az`) or a string (`'br:...'`).
    pub specifier: Expr,
    pub config: Option<Expr>,
    pub alias: Option<Ident>,
}

/// `using 'main.bicep'`, `using none`, optionally `with {...}`.
#[derive(Clone, Debug, PartialEq)]
pub struct UsingDecl {
    /// A string, or the identifier `none`.
    pub target: Expr,
    pub config: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestDecl {
    pub name: Ident,
    pub path: Expr,
    pub body: Expr,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub(crate) fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    pub(crate) fn error(span: Span) -> Expr {
        Expr {
            kind: ExprKind::Error,
            span,
        }
    }

    /// The value of a string literal without interpolation.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::String(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A non-negative integer literal (`-5` is a [`UnaryOp::Neg`] around `5`).
    Int(u64),
    Bool(bool),
    Null,
    /// A string without interpolation (escapes already decoded; multi-line
    /// strings too).
    String(String),
    /// `'a${x}b${y}c'`: `literals.len() == exprs.len() + 1`.
    Interpolated {
        literals: Vec<String>,
        exprs: Vec<Expr>,
    },
    /// A reference to a parameter, variable, resource, module, ...
    Ident(Ident),
    /// `[a, b, ...c]` (items may be [`ExprKind::Spread`]).
    Array(Vec<Expr>),
    Object(Vec<ObjectMember>),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `cond ? then : otherwise`
    Ternary {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `base.name` or `base.?name` (`safe`).
    Property {
        base: Box<Expr>,
        name: Ident,
        safe: bool,
    },
    /// `base[index]`, `base[?index]` (`safe`), `base[^index]` (`from_end`,
    /// counting from the end: `[^1]` is the last item).
    Index {
        base: Box<Expr>,
        index: Box<Expr>,
        safe: bool,
        from_end: bool,
    },
    /// `parent::child`
    ResourceAccess {
        base: Box<Expr>,
        name: Ident,
    },
    /// `expr!`
    NonNull(Box<Expr>),
    Call(Call),
    /// `x => body`, `(a, b) => body`, `() => body`.
    Lambda {
        params: Vec<Ident>,
        body: Box<Expr>,
    },
    /// `[for item in iterable: body]`, `[for (item, index) in iterable: body]`.
    For(Box<ForExpr>),
    /// `if (condition) body`: the body of a conditional resource or module,
    /// also inside a loop (`[for x in y: if (x.enabled) {...}]`).
    IfCondition {
        condition: Box<Expr>,
        body: Box<Expr>,
    },
    /// `(expr)`
    Paren(Box<Expr>),
    /// `...expr` inside an array.
    Spread(Box<Expr>),
    /// Something that could not be parsed; a diagnostic was reported.
    Error,
}

/// A function call: `name(args)`, `ns.name(args)` (`sys.concat`,
/// `az.resourceGroup`) or an instance function such as `kv.getSecret('x')`.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// What is left of the `.`, if anything (a namespace or a resource).
    pub base: Option<Box<Expr>>,
    pub name: Ident,
    pub args: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForExpr {
    pub item: Ident,
    pub index: Option<Ident>,
    pub iterable: Expr,
    pub body: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `!`
    Not,
    /// `-`
    Neg,
    /// `+`
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `??`
    Coalesce,
    /// `||`
    Or,
    /// `&&`
    And,
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `=~` (case-insensitive equality)
    EqInsensitive,
    /// `!~` (case-insensitive inequality)
    NotEqInsensitive,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Coalesce => "??",
            BinaryOp::Or => "||",
            BinaryOp::And => "&&",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::EqInsensitive => "=~",
            BinaryOp::NotEqInsensitive => "!~",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
        }
    }
}

/// A member of an object literal.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectMember {
    Property(ObjectProperty),
    /// `...expr`
    Spread {
        expr: Expr,
        span: Span,
    },
    /// A nested (child) resource declared inside a resource body.
    Resource(Box<Item>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectProperty {
    /// Decorators written before the property (only meaningful for nested
    /// resources, but kept if present).
    pub decorators: Vec<Decorator>,
    pub key: PropertyKey,
    pub value: Expr,
    pub span: Span,
}

/// An object key: `name:` or `'quoted name':` (possibly interpolated).
#[derive(Clone, Debug, PartialEq)]
pub enum PropertyKey {
    Ident(Ident),
    Expr(Expr),
}

impl PropertyKey {
    /// The key's name, unless it is an interpolated string.
    pub fn name(&self) -> Option<&str> {
        match self {
            PropertyKey::Ident(id) => Some(&id.name),
            PropertyKey::Expr(e) => e.as_str(),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            PropertyKey::Ident(id) => id.span,
            PropertyKey::Expr(e) => e.span,
        }
    }
}

/// A type expression (after `param x`, `output x`, `type x =`, in function
/// signatures and typed variables).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// `string`, `int`, `myType`, ...
    Named(Ident),
    /// `sys.string`, `mod.myType`, `myType.prop`.
    Property {
        base: Box<TypeExpr>,
        name: Ident,
    },
    /// `resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>`,
    /// `resource<'...'>`.
    Generic {
        name: Box<TypeExpr>,
        args: Vec<TypeExpr>,
    },
    /// `resource 'Microsoft.Storage/storageAccounts@2023-01-01'` (typed
    /// resource parameters and outputs).
    Resource {
        type_string: Expr,
    },
    /// A literal type: a string, an integer, `true`, `false`, `null`, or a
    /// negated/inverted literal (`-10`, `!true`).
    Literal(Expr),
    Object(Vec<ObjectTypeMember>),
    /// `[string, int]`
    Tuple(Vec<TupleItem>),
    /// `T[]`
    Array(Box<TypeExpr>),
    /// `'a' | 'b'`
    Union(Vec<TypeExpr>),
    /// `T?`
    Nullable(Box<TypeExpr>),
    /// `T!`
    NonNull(Box<TypeExpr>),
    /// `T[*]`: the element type of an array type.
    Items(Box<TypeExpr>),
    /// `T.*`: the additional-properties type of an object type.
    AdditionalProperties(Box<TypeExpr>),
    /// `T[1]`: an element of a tuple type.
    Index {
        base: Box<TypeExpr>,
        index: u64,
    },
    /// `(T)`
    Paren(Box<TypeExpr>),
    Error,
}

/// A member of an object type: `name: type`, `'quoted': type`, or `*: type`.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectTypeMember {
    pub decorators: Vec<Decorator>,
    /// `None` for the additional-properties member `*`.
    pub key: Option<PropertyKey>,
    pub value: TypeExpr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TupleItem {
    pub decorators: Vec<Decorator>,
    pub ty: TypeExpr,
    pub span: Span,
}
