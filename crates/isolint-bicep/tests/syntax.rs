//! Hand-written snippets for every construct the parser supports, error
//! recovery, spans and pathological input.

use isolint_bicep::*;

/// Parses `src` and fails (showing the diagnostics) if there are any.
fn ok(src: &str) -> ParsedFile {
    let file = parse(src);
    assert!(
        file.diagnostics.is_empty(),
        "unexpected diagnostics for {src:?}:\n{:#?}",
        file.diagnostics
    );
    file
}

/// The value of `var x = <src>`.
fn expr(src: &str) -> Expr {
    let file = ok(&format!("var x = {src}\n"));
    match file.items.into_iter().next().map(|i| i.kind) {
        Some(ItemKind::Var(v)) => v.value,
        other => panic!("expected a var, got {other:?}"),
    }
}

/// The value of `type t = <src>`.
fn ty(src: &str) -> TypeExpr {
    let file = ok(&format!("type t = {src}\n"));
    match file.items.into_iter().next().map(|i| i.kind) {
        Some(ItemKind::Type(t)) => t.value,
        other => panic!("expected a type, got {other:?}"),
    }
}

fn ident(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Ident(id) => &id.name,
        other => panic!("expected an identifier, got {other:?}"),
    }
}

fn string(e: &Expr) -> &str {
    e.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {:?}", e.kind))
}

fn binary(e: &Expr) -> (BinaryOp, &Expr, &Expr) {
    match &e.kind {
        ExprKind::Binary { op, lhs, rhs } => (*op, lhs, rhs),
        other => panic!("expected a binary expression, got {other:?}"),
    }
}

fn object(e: &Expr) -> &[ObjectMember] {
    match &e.kind {
        ExprKind::Object(m) => m,
        other => panic!("expected an object, got {other:?}"),
    }
}

fn prop<'a>(members: &'a [ObjectMember], name: &str) -> &'a Expr {
    members
        .iter()
        .find_map(|m| match m {
            ObjectMember::Property(p) if p.key.name() == Some(name) => Some(&p.value),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no property {name}"))
}

fn lc(text: &str, offset: u32) -> (u32, u32) {
    let l = LineIndex::new(text).line_col(offset);
    (l.line, l.column)
}

// ----- declarations -------------------------------------------------------

#[test]
fn target_scope_and_metadata() {
    let f = ok("targetScope = 'subscription'\nmetadata description = 'A template'\n");
    assert!(matches!(&f.items[0].kind, ItemKind::TargetScope(e) if string(e) == "subscription"));
    match &f.items[1].kind {
        ItemKind::Metadata { name, value } => {
            assert_eq!(name.name, "description");
            assert_eq!(string(value), "A template");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn params_with_decorators() {
    let src = "\
@allowed([
  'dev'
  'prod'
])
@description('The environment')
param env string = 'dev'

@secure()
@minLength(12)
param password string

@sys.description('Namespaced decorator')
@maxValue(10)
param count int = 3

param tags object?
";
    let f = ok(src);
    assert_eq!(f.items.len(), 4);
    let names: Vec<_> = f.items[0]
        .decorators
        .iter()
        .map(|d| d.name().unwrap_or(""))
        .collect();
    assert_eq!(names, ["allowed", "description"]);
    assert!(matches!(&f.items[0].decorators[0].args()[0].kind, ExprKind::Array(a) if a.len() == 2));
    let ItemKind::Param(p) = &f.items[0].kind else {
        panic!()
    };
    assert_eq!(p.name.name, "env");
    assert!(matches!(&p.ty, Some(TypeExpr { kind: TypeKind::Named(n), .. }) if n.name == "string"));
    assert_eq!(p.value.as_ref().map(string), Some("dev"));
    // The item span starts at the first decorator.
    assert_eq!(f.items[0].span.start, 0);

    let ItemKind::Param(p) = &f.items[1].kind else {
        panic!()
    };
    assert!(p.value.is_none());
    assert_eq!(f.items[1].decorators[0].name(), Some("secure"));

    // `@sys.description(...)` is a call with a namespace base.
    let d = &f.items[2].decorators[0];
    assert_eq!(d.name(), Some("description"));
    match &d.expr.kind {
        ExprKind::Call(c) => assert_eq!(c.base.as_deref().map(ident), Some("sys")),
        other => panic!("{other:?}"),
    }
    let ItemKind::Param(p) = &f.items[3].kind else {
        panic!()
    };
    assert!(matches!(
        &p.ty,
        Some(TypeExpr {
            kind: TypeKind::Nullable(_),
            ..
        })
    ));
}

#[test]
fn variables_typed_and_untyped() {
    let f = ok(
        "var a = 1\n@export()\nvar b string = 'x'\nvar c {\n  foo: string\n} = {\n  foo: 'x'\n}\n",
    );
    let ItemKind::Var(a) = &f.items[0].kind else {
        panic!()
    };
    assert!(a.ty.is_none());
    assert!(matches!(a.value.kind, ExprKind::Int(1)));
    let ItemKind::Var(b) = &f.items[1].kind else {
        panic!()
    };
    assert!(b.ty.is_some());
    let ItemKind::Var(c) = &f.items[2].kind else {
        panic!()
    };
    assert!(matches!(&c.ty, Some(TypeExpr { kind: TypeKind::Object(m), .. }) if m.len() == 1));
}

#[test]
fn resources_existing_parent_scope_and_children() {
    let src = "\
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {
  name: 'vnet'
  scope: resourceGroup('other-rg')
}

resource subnet 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {
  parent: vnet
  name: 'snet'
  properties: {
    addressPrefix: '10.0.0.0/24'
  }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'ws'
  location: location
  @batchSize(1)
  resource child 'computes' = {
    name: 'cpu'
    resource grandChild 'things' = {
      name: 'x'
    }
  }
}
var childId = ws::child::grandChild.id
";
    let f = ok(src);
    let ItemKind::Resource(vnet) = &f.items[0].kind else {
        panic!()
    };
    assert!(vnet.existing);
    assert_eq!(
        vnet.type_str(),
        Some("Microsoft.Network/virtualNetworks@2023-04-01")
    );
    let scope = prop(object(&vnet.body), "scope");
    assert!(
        matches!(&scope.kind, ExprKind::Call(c) if c.name.name == "resourceGroup" && c.args.len() == 1)
    );

    let ItemKind::Resource(subnet) = &f.items[1].kind else {
        panic!()
    };
    assert!(!subnet.existing);
    assert_eq!(ident(prop(object(&subnet.body), "parent")), "vnet");

    let ItemKind::Resource(ws) = &f.items[2].kind else {
        panic!()
    };
    let members = object(&ws.body);
    let child = members
        .iter()
        .find_map(|m| match m {
            ObjectMember::Resource(item) => Some(item),
            _ => None,
        })
        .expect("nested resource");
    assert_eq!(child.decorators[0].name(), Some("batchSize"));
    let ItemKind::Resource(child_decl) = &child.kind else {
        panic!()
    };
    assert_eq!(child_decl.name.name, "child");
    assert_eq!(child_decl.type_str(), Some("computes"));
    assert!(object(&child_decl.body)
        .iter()
        .any(|m| matches!(m, ObjectMember::Resource(_))));

    let ItemKind::Var(v) = &f.items[3].kind else {
        panic!()
    };
    let ExprKind::Property { base, name, .. } = &v.value.kind else {
        panic!()
    };
    assert_eq!(name.name, "id");
    let ExprKind::ResourceAccess { base, name } = &base.kind else {
        panic!()
    };
    assert_eq!(name.name, "grandChild");
    assert!(matches!(&base.kind, ExprKind::ResourceAccess { name, .. } if name.name == "child"));
}

#[test]
fn modules_with_local_and_registry_paths() {
    let src = "\
module a './modules/a.bicep' = {
  name: 'a'
  params: {
    location: location
  }
}
module b 'br:myregistry.azurecr.io/bicep/modules/storage:v1' = {
  name: 'b'
}
module c 'br/public:avm/res/network/virtual-network:0.1.0' = {
  name: 'c'
}
module d 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {
  name: 'd'
}
";
    let f = ok(src);
    let paths: Vec<_> = f
        .items
        .iter()
        .map(|i| match &i.kind {
            ItemKind::Module(m) => m.path_str().unwrap_or(""),
            _ => "",
        })
        .collect();
    assert_eq!(
        paths,
        [
            "./modules/a.bicep",
            "br:myregistry.azurecr.io/bicep/modules/storage:v1",
            "br/public:avm/res/network/virtual-network:0.1.0",
            "ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0"
        ]
    );
}

#[test]
fn conditional_resources_and_modules() {
    let src = "\
resource pe 'Microsoft.Network/privateEndpoints@2023-04-01' = if (enablePe && !empty(subnetId)) {
  name: 'pe'
}
module m './m.bicep' =
  // comment between
  if (deploy) {
    name: 'm'
  }
";
    let f = ok(src);
    let ItemKind::Resource(r) = &f.items[0].kind else {
        panic!()
    };
    let ExprKind::IfCondition { condition, body } = &r.body.kind else {
        panic!("{:?}", r.body.kind)
    };
    assert!(matches!(binary(condition).0, BinaryOp::And));
    assert_eq!(string(prop(object(body), "name")), "pe");
    let ItemKind::Module(m) = &f.items[1].kind else {
        panic!()
    };
    assert!(matches!(m.body.kind, ExprKind::IfCondition { .. }));
}

#[test]
fn loops_with_index_and_filters() {
    let src = "\
resource nsgs 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for (name, i) in names: if (i > 0) {
  name: '${name}-${i}'
}]
module mods './m.bicep' = [for sub in subnets: {
  name: sub.name
}]
var doubled = [for x in range(0, 3): x * 2]
var filtered = [
  for x in items: x.enabled ? x : null
]
";
    let f = ok(src);
    let ItemKind::Resource(r) = &f.items[0].kind else {
        panic!()
    };
    let ExprKind::For(l) = &r.body.kind else {
        panic!()
    };
    assert_eq!(l.item.name, "name");
    assert_eq!(l.index.as_ref().map(|i| i.name.as_str()), Some("i"));
    assert_eq!(ident(&l.iterable), "names");
    assert!(matches!(l.body.kind, ExprKind::IfCondition { .. }));

    let ItemKind::Var(v) = &f.items[2].kind else {
        panic!()
    };
    let ExprKind::For(l) = &v.value.kind else {
        panic!()
    };
    assert!(l.index.is_none());
    assert_eq!(binary(&l.body).0, BinaryOp::Mul);
    let ItemKind::Var(v) = &f.items[3].kind else {
        panic!()
    };
    assert!(matches!(v.value.kind, ExprKind::For(_)));
}

#[test]
fn outputs() {
    let f = ok("output id string = ws.id\noutput ids array = [for r in rs: r.id]\noutput st resource 'Microsoft.Storage/storageAccounts@2023-01-01' = stg\n@description('maybe')\noutput maybe string? = null\n");
    assert_eq!(f.items.len(), 4);
    let ItemKind::Output(o) = &f.items[2].kind else {
        panic!()
    };
    assert!(
        matches!(&o.ty.kind, TypeKind::Resource { type_string } if type_string.as_str() == Some("Microsoft.Storage/storageAccounts@2023-01-01"))
    );
    let ItemKind::Output(o) = &f.items[3].kind else {
        panic!()
    };
    assert!(matches!(o.ty.kind, TypeKind::Nullable(_)));
    assert!(matches!(o.value.kind, ExprKind::Null));
}

#[test]
fn type_declarations() {
    let t = ty("'Enabled' | 'Disabled'");
    assert!(matches!(&t.kind, TypeKind::Union(m) if m.len() == 2));
    let t = ty("\n  | 'a'\n  | 'b'\n  | 'c'");
    assert!(matches!(&t.kind, TypeKind::Union(m) if m.len() == 3));
    let t = ty("string[]");
    assert!(
        matches!(&t.kind, TypeKind::Array(inner) if matches!(&inner.kind, TypeKind::Named(n) if n.name == "string"))
    );
    let t = ty("int [] [] ?");
    assert!(
        matches!(&t.kind, TypeKind::Nullable(inner) if matches!(inner.kind, TypeKind::Array(_)))
    );
    let t = ty("resource<'Microsoft.Network/virtualNetworks@2023-04-01'>");
    assert!(matches!(&t.kind, TypeKind::Generic { args, .. } if args.len() == 1));
    let t =
        ty("sys.resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties.tags.*");
    assert!(matches!(t.kind, TypeKind::AdditionalProperties(_)));
    let t = ty("bar[*]");
    assert!(matches!(t.kind, TypeKind::Items(_)));
    let t = ty("tuple[1]");
    assert!(matches!(t.kind, TypeKind::Index { index: 1, .. }));
    let t = ty("('a' | -10 | !true | null | { x: int })[]");
    let TypeKind::Array(inner) = &t.kind else {
        panic!()
    };
    let TypeKind::Paren(inner) = &inner.kind else {
        panic!()
    };
    assert!(matches!(&inner.kind, TypeKind::Union(m) if m.len() == 5));
    let t = ty("nullable!");
    assert!(matches!(t.kind, TypeKind::NonNull(_)));

    let src = "\
@discriminator('kind')
@sealed()
type config = {
  @description('The name')
  @minLength(3)
  name: string
  'quoted-key': int
  optional: bool?
  nested: {
    inner: string[]
  }
  *: string
}
type pair = [
  @description('first')
  string
  int
]
";
    let f = ok(src);
    let ItemKind::Type(t) = &f.items[0].kind else {
        panic!()
    };
    assert_eq!(f.items[0].decorators.len(), 2);
    let TypeKind::Object(members) = &t.value.kind else {
        panic!()
    };
    assert_eq!(members.len(), 5);
    assert_eq!(members[0].decorators.len(), 2);
    assert_eq!(
        members[1].key.as_ref().and_then(|k| k.name()),
        Some("quoted-key")
    );
    assert!(members[4].key.is_none());
    let ItemKind::Type(t) = &f.items[1].kind else {
        panic!()
    };
    assert!(
        matches!(&t.value.kind, TypeKind::Tuple(items) if items.len() == 2 && items[0].decorators.len() == 1)
    );
}

#[test]
fn user_defined_functions() {
    let f = ok("func greet(name string, times int) string => 'Hi ${name}'\nfunc none() object => {\n  a: 1\n}\nfunc multi(\n  a string,\n  b string\n) string => '${a}${b}'\n");
    let ItemKind::Func(func) = &f.items[0].kind else {
        panic!()
    };
    assert_eq!(func.name.name, "greet");
    assert_eq!(func.params.len(), 2);
    assert_eq!(func.params[1].name.name, "times");
    assert!(matches!(&func.return_type.kind, TypeKind::Named(n) if n.name == "string"));
    assert!(matches!(func.body.kind, ExprKind::Interpolated { .. }));
    let ItemKind::Func(func) = &f.items[1].kind else {
        panic!()
    };
    assert!(func.params.is_empty());
    let ItemKind::Func(func) = &f.items[2].kind else {
        panic!()
    };
    assert_eq!(func.params.len(), 2);
}

#[test]
fn imports_extensions_and_providers() {
    let src = "\
import {a, b as c} from 'x.bicep'
import {
  'not-an-identifier' as d
  e
} from 'y.json'
import * as foo from 'br/public:z:1.0'
import 'az@1.0.0'
import 'kubernetes@1.0.0' with {
  namespace: 'default'
} as k8s
extension microsoftGraphV1
extension 'br:mcr.microsoft.com/bicep/extensions/foo:1.0' with { a: 1 } as foo2
provider 'az@1.0.0' as az2
";
    let f = ok(src);
    let ItemKind::Import(ImportDecl::Symbols { items, from }) = &f.items[0].kind else {
        panic!()
    };
    assert_eq!(string(from), "x.bicep");
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[0].name, ImportName::Ident(i) if i.name == "a"));
    assert_eq!(items[1].alias.as_ref().map(|a| a.name.as_str()), Some("c"));
    let ItemKind::Import(ImportDecl::Symbols { items, .. }) = &f.items[1].kind else {
        panic!()
    };
    assert!(
        matches!(&items[0].name, ImportName::String { value, .. } if value == "not-an-identifier")
    );
    assert_eq!(items.len(), 2);
    let ItemKind::Import(ImportDecl::Wildcard { alias, from }) = &f.items[2].kind else {
        panic!()
    };
    assert_eq!(alias.name, "foo");
    assert_eq!(string(from), "br/public:z:1.0");
    assert!(matches!(
        &f.items[3].kind,
        ItemKind::Import(ImportDecl::Namespace {
            config: None,
            alias: None,
            ..
        })
    ));
    assert!(matches!(
        &f.items[4].kind,
        ItemKind::Import(ImportDecl::Namespace {
            config: Some(_),
            alias: Some(_),
            ..
        })
    ));
    let ItemKind::Extension(e) = &f.items[5].kind else {
        panic!()
    };
    assert_eq!(e.keyword, ExtensionKeyword::Extension);
    assert_eq!(ident(&e.specifier), "microsoftGraphV1");
    let ItemKind::Extension(e) = &f.items[6].kind else {
        panic!()
    };
    assert!(e.config.is_some());
    assert_eq!(e.alias.as_ref().map(|a| a.name.as_str()), Some("foo2"));
    let ItemKind::Extension(e) = &f.items[7].kind else {
        panic!()
    };
    assert_eq!(e.keyword, ExtensionKeyword::Provider);
}

#[test]
fn bicepparam_files() {
    let src = "\
using './main.bicep'

param location = 'westeurope'
param tags = {
  env: 'dev'
}
param secret = az.getSecret('sub', 'rg', 'kv', 'name')
var prefix = 'x'
";
    let f = ok(src);
    assert!(matches!(&f.items[0].kind, ItemKind::Using(u) if string(&u.target) == "./main.bicep"));
    let ItemKind::Param(p) = &f.items[1].kind else {
        panic!()
    };
    assert!(p.ty.is_none());
    assert_eq!(p.value.as_ref().map(string), Some("westeurope"));
    let ItemKind::Param(p) = &f.items[3].kind else {
        panic!()
    };
    assert!(
        matches!(&p.value, Some(Expr { kind: ExprKind::Call(c), .. }) if c.name.name == "getSecret")
    );
    let f = ok("using none\nparam x = 1\n");
    assert!(matches!(&f.items[0].kind, ItemKind::Using(u) if ident(&u.target) == "none"));
}

#[test]
fn test_framework_statements() {
    let f = ok("test t 'main.bicep' = {\n  params: {}\n}\nassert ok = 1 == 1\n");
    assert!(matches!(f.items[0].kind, ItemKind::Test(_)));
    assert!(matches!(f.items[1].kind, ItemKind::Assert { .. }));
}

// ----- expressions --------------------------------------------------------

#[test]
fn operator_precedence() {
    // `||` binds looser than `&&`.
    let e = expr("a || b && c");
    let (op, lhs, rhs) = binary(&e);
    assert_eq!(op, BinaryOp::Or);
    assert_eq!(ident(lhs), "a");
    assert_eq!(binary(rhs).0, BinaryOp::And);
    // `??` binds looser than `||`.
    let e = expr("a ?? b || c");
    assert_eq!(binary(&e).0, BinaryOp::Coalesce);
    // Equality is looser than comparison, which is looser than `+`.
    let e = expr("a == b < c + 1");
    let (op, _, rhs) = binary(&e);
    assert_eq!(op, BinaryOp::Eq);
    let (op, _, rhs) = binary(rhs);
    assert_eq!(op, BinaryOp::Lt);
    assert_eq!(binary(rhs).0, BinaryOp::Add);
    // `*` binds tighter than `-`; operators are left-associative.
    let e = expr("1 - 2 * 3 - 4");
    let (op, lhs, rhs) = binary(&e);
    assert_eq!(op, BinaryOp::Sub);
    assert!(matches!(rhs.kind, ExprKind::Int(4)));
    let (_, _, inner) = binary(lhs);
    assert_eq!(binary(inner).0, BinaryOp::Mul);
    // `=~`, `!~`, `!=`, `%`, `/`, `>=`, `<=`.
    for (src, want) in [
        ("a =~ b", BinaryOp::EqInsensitive),
        ("a !~ b", BinaryOp::NotEqInsensitive),
        ("a != b", BinaryOp::NotEq),
        ("a % b", BinaryOp::Mod),
        ("a / b", BinaryOp::Div),
        ("a >= b", BinaryOp::Ge),
        ("a <= b", BinaryOp::Le),
        ("a > b", BinaryOp::Gt),
    ] {
        assert_eq!(binary(&expr(src)).0, want, "{src}");
    }
    // The ternary is the loosest and right-associative.
    let e = expr("a ?? b ? c : d ? e : f");
    let ExprKind::Ternary {
        cond, otherwise, ..
    } = &e.kind
    else {
        panic!()
    };
    assert_eq!(binary(cond).0, BinaryOp::Coalesce);
    assert!(matches!(otherwise.kind, ExprKind::Ternary { .. }));
    // Unary operators bind tighter than binary ones but looser than postfix.
    let e = expr("!a.b && -c[0] > 1");
    let (_, lhs, rhs) = binary(&e);
    assert!(
        matches!(&lhs.kind, ExprKind::Unary { op: UnaryOp::Not, operand } if matches!(operand.kind, ExprKind::Property { .. }))
    );
    let (_, neg, _) = binary(rhs);
    assert!(
        matches!(&neg.kind, ExprKind::Unary { op: UnaryOp::Neg, operand } if matches!(operand.kind, ExprKind::Index { .. }))
    );
}

#[test]
fn multi_line_ternary() {
    let e = expr("cond\n  ? 'a'\n  : 'b'");
    assert!(matches!(e.kind, ExprKind::Ternary { .. }));
}

#[test]
fn safe_access_non_null_and_indexing() {
    let e = expr("a.?b.c");
    let ExprKind::Property { base, safe, .. } = &e.kind else {
        panic!()
    };
    assert!(!safe);
    assert!(matches!(&base.kind, ExprKind::Property { safe: true, .. }));
    let e = expr("a[?'k']");
    assert!(matches!(&e.kind, ExprKind::Index { safe: true, .. }));
    let e = expr("a[0]!.b");
    let ExprKind::Property { base, .. } = &e.kind else {
        panic!()
    };
    assert!(
        matches!(&base.kind, ExprKind::NonNull(inner) if matches!(inner.kind, ExprKind::Index { .. }))
    );
    let e = expr("arr[^1]");
    assert!(matches!(&e.kind, ExprKind::Index { from_end: true, .. }));
    let e = expr("!flag");
    assert!(matches!(
        &e.kind,
        ExprKind::Unary {
            op: UnaryOp::Not,
            ..
        }
    ));
    let e = expr("x!");
    assert!(matches!(&e.kind, ExprKind::NonNull(_)));
}

#[test]
fn function_calls_with_namespaces() {
    let e = expr("sys.concat('a', az.resourceGroup().location, kv.getSecret('s'))");
    let ExprKind::Call(c) = &e.kind else { panic!() };
    assert_eq!(c.name.name, "concat");
    assert_eq!(c.base.as_deref().map(ident), Some("sys"));
    assert_eq!(c.args.len(), 3);
    let ExprKind::Property { base, name, .. } = &c.args[1].kind else {
        panic!()
    };
    assert_eq!(name.name, "location");
    assert!(
        matches!(&base.kind, ExprKind::Call(rg) if rg.name.name == "resourceGroup" && rg.args.is_empty())
    );
    assert!(matches!(&c.args[2].kind, ExprKind::Call(g) if g.name.name == "getSecret"));
    // Arguments may span lines.
    let e = expr("union(\n  a,\n  b\n)");
    assert!(matches!(&e.kind, ExprKind::Call(c) if c.args.len() == 2));
}

#[test]
fn lambdas() {
    let e = expr("map(xs, x => x.id)");
    let ExprKind::Call(c) = &e.kind else { panic!() };
    assert!(
        matches!(&c.args[1].kind, ExprKind::Lambda { params, .. } if params.len() == 1 && params[0].name == "x")
    );
    let e = expr("reduce(xs, 0, (acc, x) => acc + x)");
    let ExprKind::Call(c) = &e.kind else { panic!() };
    assert!(matches!(&c.args[2].kind, ExprKind::Lambda { params, .. } if params.len() == 2));
    let e = expr("f(() => 1)");
    let ExprKind::Call(c) = &e.kind else { panic!() };
    assert!(matches!(&c.args[0].kind, ExprKind::Lambda { params, .. } if params.is_empty()));
    // A parenthesized expression is not a lambda.
    assert!(matches!(expr("(1 + 2) * 3").kind, ExprKind::Binary { .. }));
}

#[test]
fn strings_interpolation_and_escapes() {
    let e = expr(r"'a${b}c${d.e}f'");
    let ExprKind::Interpolated { literals, exprs } = &e.kind else {
        panic!()
    };
    assert_eq!(literals, &["a", "c", "f"]);
    assert_eq!(exprs.len(), 2);
    assert_eq!(ident(&exprs[0]), "b");
    assert_eq!(
        string(&expr(r"'it\'s \\ \n\r\t \$ \${x} \u{41}\u{1F600}'")),
        "it's \\ \n\r\t $ ${x} A\u{1F600}"
    );
    // Surrogate pairs written as two escapes are joined.
    assert_eq!(string(&expr(r"'\u{D801}\u{DC37}'")), "\u{10437}");
    // Nested interpolation.
    let e = expr(r"'x${'y${z}'}'");
    let ExprKind::Interpolated { exprs, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(exprs[0].kind, ExprKind::Interpolated { .. }));
    // A lone `$` and braces are plain text.
    assert_eq!(string(&expr("'$ {x} $'")), "$ {x} $");
    // Objects inside interpolation keep track of braces.
    let e = expr("'${{a: 1}.a}'");
    assert!(matches!(e.kind, ExprKind::Interpolated { .. }));
}

#[test]
fn multi_line_strings() {
    assert_eq!(
        string(&expr("'''\nline1\n  ${notInterpolated}\\n\n'''")),
        "line1\n  ${notInterpolated}\\n\n"
    );
    assert_eq!(string(&expr("''''''")), "");
    assert_eq!(string(&expr("''''abc''''")), "'abc'");
    let e = expr("$'''\nHello ${name}!\n'''");
    let ExprKind::Interpolated { literals, exprs } = &e.kind else {
        panic!()
    };
    assert_eq!(literals, &["Hello ", "!\n"]);
    assert_eq!(ident(&exprs[0]), "name");
    let e = expr("$$'''${a}$${b}'''");
    let ExprKind::Interpolated { literals, exprs } = &e.kind else {
        panic!()
    };
    assert_eq!(literals, &["${a}", ""]);
    assert_eq!(ident(&exprs[0]), "b");
}

#[test]
fn objects_and_arrays_separators() {
    let e = expr("{\n  a: 1\n  'b-c': 2\n\n  d: [\n    1\n    2\n  ]\n}");
    let m = object(&e);
    assert_eq!(m.len(), 3);
    assert!(matches!(prop(m, "b-c").kind, ExprKind::Int(2)));
    assert!(matches!(&prop(m, "d").kind, ExprKind::Array(a) if a.len() == 2));
    let e = expr("{ a: 1, b: 2, }");
    assert_eq!(object(&e).len(), 2);
    let e = expr("[1, 2\n3, 4\n5]");
    assert!(matches!(&e.kind, ExprKind::Array(a) if a.len() == 5));
    let e = expr("{ '${k}': 1, if: 2, resource: 3 }");
    let m = object(&e);
    assert!(matches!(&m[0], ObjectMember::Property(p) if p.key.name().is_none()));
    assert!(matches!(prop(m, "resource").kind, ExprKind::Int(3)));
    // A comma followed by a line break is not allowed.
    let f = parse("var x = {\n  a: 1,\n  b: 2\n}\n");
    assert_eq!(f.diagnostics.len(), 1);
    assert_eq!(
        lc(
            "var x = {\n  a: 1,\n  b: 2\n}\n",
            f.diagnostics[0].span.start
        ),
        (2, 7)
    );
}

#[test]
fn spread_in_objects_and_arrays() {
    let e = expr("{\n  ...base\n  extra: 1\n}");
    let m = object(&e);
    assert!(matches!(&m[0], ObjectMember::Spread { expr, .. } if ident(expr) == "base"));
    let e = expr("[\n  ...(cond ? [a] : [])\n  b\n]");
    let ExprKind::Array(items) = &e.kind else {
        panic!()
    };
    assert!(
        matches!(&items[0].kind, ExprKind::Spread(inner) if matches!(inner.kind, ExprKind::Paren(_)))
    );
}

#[test]
fn comments_and_directives() {
    let src = "\
// isolint:ignore AML301 reason
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'ws' /* inline */
  properties: {
    // isolint:ignore AML302 another reason
    publicNetworkAccess: 'Enabled'
  }
}
#disable-next-line no-unused-vars
var unused = 1
";
    let f = ok(src);
    assert_eq!(f.comments.len(), 4);
    assert_eq!(f.comments[0].kind, CommentKind::Line);
    assert_eq!(f.comments[0].text, " isolint:ignore AML301 reason");
    assert_eq!(f.comments[0].span, Span::new(0, 31));
    assert_eq!(f.comments[1].kind, CommentKind::Block);
    assert_eq!(f.comments[1].text, " inline ");
    assert_eq!(f.comments[3].kind, CommentKind::Directive);
    assert_eq!(f.comments[3].text, "disable-next-line no-unused-vars");

    // The suppression comment sits on the line before the property it targets.
    let ItemKind::Resource(r) = &f.items[0].kind else {
        panic!()
    };
    let props = object(prop(object(&r.body), "properties"));
    let ObjectMember::Property(pna) = &props[0] else {
        panic!()
    };
    let (comment_line, _) = lc(src, f.comments[2].span.start);
    let (prop_line, prop_col) = lc(src, pna.span.start);
    assert_eq!(comment_line + 1, prop_line);
    assert_eq!((prop_line, prop_col), (6, 5));
    assert_eq!(lc(src, f.items[0].span.start), (2, 1));
}

// ----- spans --------------------------------------------------------------

#[test]
fn spans_point_at_the_source() {
    let src = "param location string = resourceGroup().location\n\nresource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'st${uniqueString(resourceGroup().id)}'\n  location: location\n}\n";
    let f = ok(src);
    let ItemKind::Param(p) = &f.items[0].kind else {
        panic!()
    };
    assert_eq!(p.name.span.text(src), "location");
    assert_eq!(lc(src, p.name.span.start), (1, 7));
    assert_eq!(
        p.value.as_ref().map(|v| v.span.text(src)),
        Some("resourceGroup().location")
    );
    let ItemKind::Resource(r) = &f.items[1].kind else {
        panic!()
    };
    assert_eq!(lc(src, f.items[1].span.start), (3, 1));
    assert_eq!(f.items[1].span.text(src).lines().count(), 4);
    assert!(f.items[1].span.text(src).ends_with('}'));
    assert_eq!(
        r.type_string.span.text(src),
        "'Microsoft.Storage/storageAccounts@2023-01-01'"
    );
    let name = prop(object(&r.body), "name");
    assert_eq!(lc(src, name.span.start), (4, 9));
    assert_eq!(
        name.span.text(src),
        "'st${uniqueString(resourceGroup().id)}'"
    );
    let loc = prop(object(&r.body), "location");
    assert_eq!(lc(src, loc.span.start), (5, 13));
    assert_eq!(lc(src, loc.span.end), (5, 21));
}

#[test]
fn byte_order_mark_and_crlf() {
    let src = "\u{feff}var a = 1\r\nvar b = {\r\n  c: 'd'\r\n}\r\n";
    let f = ok(src);
    assert_eq!(f.items.len(), 2);
    let ItemKind::Var(b) = &f.items[1].kind else {
        panic!()
    };
    assert_eq!(object(&b.value).len(), 1);
}

// ----- errors and recovery ------------------------------------------------

#[test]
fn a_bad_line_does_not_hide_the_rest() {
    let src =
        "var a = 1\nvar b = * 2\nparam c string\nresource d 'T@2020-01-01' = {\n  name: 'd'\n}\n";
    let f = parse(src);
    assert_eq!(f.diagnostics.len(), 1, "{:#?}", f.diagnostics);
    let d = &f.diagnostics[0];
    assert_eq!(lc(src, d.span.start), (2, 9));
    assert_eq!(d.span.text(src), "*");
    assert!(
        d.message.contains("expected an expression"),
        "{}",
        d.message
    );
    assert_eq!(f.items.len(), 4);
    assert!(matches!(f.items[2].kind, ItemKind::Param(_)));
    assert!(matches!(f.items[3].kind, ItemKind::Resource(_)));
}

#[test]
fn a_bad_property_does_not_hide_the_others() {
    let src = "resource r 'T@2020-01-01' = {\n  name: 'r'\n  location westus\n  properties: {\n    x: 1\n  }\n}\nvar after = 1\n";
    let f = parse(src);
    assert_eq!(f.diagnostics.len(), 1, "{:#?}", f.diagnostics);
    assert_eq!(lc(src, f.diagnostics[0].span.start), (3, 12));
    assert!(f.diagnostics[0].message.contains("':'"));
    let ItemKind::Resource(r) = &f.items[0].kind else {
        panic!()
    };
    let m = object(&r.body);
    assert!(matches!(prop(m, "properties").kind, ExprKind::Object(_)));
    assert!(matches!(f.items[1].kind, ItemKind::Var(_)));
}

#[test]
fn unclosed_brackets_stop_at_the_next_declaration() {
    let src = "var a = concat('x',\nvar b = [1, 2\nvar c = {\n  d: 1\nparam e string\n";
    let f = parse(src);
    assert!(!f.diagnostics.is_empty());
    let names: Vec<_> = f
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Var(v) => Some(v.name.name.as_str()),
            ItemKind::Param(p) => Some(p.name.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["a", "b", "c", "e"]);
}

#[test]
fn various_errors_are_reported_with_spans() {
    for (src, line, col) in [
        ("var x = 'unterminated\nvar y = 1\n", 1, 9),
        ("var x = '\\q'\n", 1, 10),
        ("var x = 1 2\n", 1, 11),
        ("var = 1\n", 1, 5),
        ("resource r 'T@1' = 3\n", 1, 20),
        ("var x = (1, 2)\n", 1, 9),
        ("var x = --1\n", 1, 10),
        ("var x = {\n  a: 1\n", 3, 1),
        ("@description('x')\n", 1, 1),
        ("var x = a.\n", 1, 11),
        ("var x = ;\n", 1, 9),
        ("#madeup-directive\n", 1, 1),
        ("/* never closed\nvar x = 1\n", 1, 1),
        ("var x = 99999999999999999999999\n", 1, 9),
        ("param p fluffy bunny\n", 1, 16),
        ("var x = [for]\n", 1, 13),
        ("var x = 'a${b'\n", 1, 14),
        ("func f(a string string => a\n", 1, 17),
    ] {
        let f = parse(src);
        assert!(!f.diagnostics.is_empty(), "no diagnostic for {src:?}");
        let d = &f.diagnostics[0];
        assert_eq!(lc(src, d.span.start), (line, col), "{src:?}: {}", d.message);
    }
}

#[test]
fn decorators_inside_objects_need_a_nested_resource() {
    let src = "resource r 'T@1' = {\n  @description('x')\n  name: 'r'\n}\n";
    let f = parse(src);
    assert_eq!(f.diagnostics.len(), 1);
    assert_eq!(lc(src, f.diagnostics[0].span.start), (2, 3));
}

#[test]
fn resource_bodies_must_be_objects_loops_or_conditions() {
    let f = parse("resource r 'T@1' = [for x in y: 'nope']\n");
    assert_eq!(f.diagnostics.len(), 1);
    let f = parse("module m 'm.bicep' = []\n");
    assert_eq!(f.diagnostics.len(), 1);
    assert!(f.diagnostics[0].message.contains("'for'"));
}

// ----- robustness ---------------------------------------------------------

#[test]
fn deep_nesting_is_bounded() {
    for open in ["[", "(", "{ a: ", "'${", "!", "-", "x => "] {
        let src = format!("var x = {}1\nvar y = 2\n", open.repeat(100_000));
        let f = parse(&src);
        assert!(!f.diagnostics.is_empty(), "{open}");
        assert!(
            f.diagnostics.len() < 100,
            "{open}: {} diagnostics",
            f.diagnostics.len()
        );
    }
    let balanced = format!("var x = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let f = parse(&balanced);
    assert!(f
        .diagnostics
        .iter()
        .any(|d| d.message.contains("nested too deeply")));
    let types = format!(
        "type t = {}string{}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(!parse(&types).diagnostics.is_empty());
    let objects = format!(
        "type t = {}string{}\n",
        "{a: ".repeat(100_000),
        "}".repeat(100_000)
    );
    assert!(!parse(&objects).diagnostics.is_empty());
}

#[test]
fn long_chains_are_bounded() {
    let sum = format!("var x = 1{}\nvar y = 2\n", " + 1".repeat(100_000));
    let f = parse(&sum);
    assert!(!f.diagnostics.is_empty());
    assert_eq!(f.items.len(), 2);
    let props = format!("var x = a{}\n", ".b".repeat(100_000));
    assert!(!parse(&props).diagnostics.is_empty());
    let arrays = format!("type t = string{}\n", "[]".repeat(100_000));
    assert!(!parse(&arrays).diagnostics.is_empty());
    // Reasonable lengths are fine.
    ok(&format!("var x = 1{}\n", " + 1".repeat(100)));
    ok(&format!(
        "var x = {}1{}\n",
        "[".repeat(100),
        "]".repeat(100)
    ));
}

#[test]
fn never_panics_on_garbage() {
    let samples = [
        "",
        "\u{feff}",
        "'",
        "'''",
        "$'''${",
        "'${",
        "}",
        "]]]]",
        ")))",
        "@",
        "@@@@",
        "resource",
        "resource r",
        "resource r 'x'",
        "resource r 'x' =",
        "module m 'x' = if",
        "module m 'x' = [for",
        "module m 'x' = [for (",
        "import {",
        "import * as",
        "func f(",
        "type t = {",
        "type t = [",
        "type t = x<",
        "var x = a ? b",
        "var x = (a, b) =>",
        "\\u{",
        "'\\u{110000}'",
        "'\\u{'",
        "#",
        "ü = ö",
        "var x = '\u{1F600}${'\u{1F600}'}'",
        "\r\r\n\n\r",
        "var x = [\n,\n,\n]",
        "var x = {\n,\n}",
        "param x string = {\n  a: [\n    {\n      b: (\n",
    ];
    for s in samples {
        let _ = parse(s);
    }
    // Every prefix of a realistic file.
    let text = include_str!("../src/lib.rs");
    let bicep = "@description('x')\nparam p string = 'a${b}c'\nresource r 'T@1' existing = [for (x, i) in y: if (x) {\n  name: x.?y[?0]!\n  ...z\n  resource c 'U' = {}\n}]\nfunc f(a int) int => a * 2\nimport {a as b} from 'c'\ntype t = ('a' | 'b')[]?\nvar l = map(xs, (x, y) => '''\nq\n''')\n";
    for end in 0..=bicep.len() {
        if bicep.is_char_boundary(end) {
            let _ = parse(&bicep[..end]);
        }
    }
    let _ = parse(text);
}

#[test]
fn line_index_is_one_based_and_skips_the_bom() {
    let text = "\u{feff}ab\nc\u{e9}d\n";
    let lines = LineIndex::new(text);
    assert_eq!(lines.line_col(3), LineCol { line: 1, column: 1 });
    assert_eq!(lines.line_col(4), LineCol { line: 1, column: 2 });
    // After the two-byte 'é' the column advances by one character.
    assert_eq!(lines.line_col(9), LineCol { line: 2, column: 3 });
    assert_eq!(lines.line_col(1000), LineCol { line: 3, column: 1 });
}

#[test]
fn mutations_never_panic() {
    let base = "\
targetScope = 'resourceGroup'
@description('Workspace name')
param name string = 'ws-${uniqueString(resourceGroup().id)}'
var subnets = [for (s, i) in items: {
  name: s.name
  prefix: '10.0.${i}.0/24'
}]
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = if (deploy) {
  name: name
  properties: {
    publicNetworkAccess: isolated ? 'Disabled' : 'Enabled'
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      ...extra
    }
  }
  resource child 'computes' = {
    name: 'c'
  }
}
output id string = ws.?id ?? ''
type t = ('a' | 'b')[]?
func f(x int) int => x * 2
var m = $'''
${name}
'''
";
    let pieces = [
        "'", "'''", "${", "}", "{", "[", "(", ")", "]", "\n", "@", "?", ":", "=>", "$'''", "\\",
        "/*", "//", "#", "...", "!", "::",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let mut b = base.as_bytes().to_vec();
        for _ in 0..(next() % 4 + 1) {
            if b.is_empty() {
                break;
            }
            let at = (next() as usize) % b.len();
            match next() % 3 {
                0 => {
                    let len = ((next() % 20) as usize).min(b.len() - at);
                    b.drain(at..at + len);
                }
                1 => {
                    let piece = pieces[(next() as usize) % pieces.len()];
                    for (i, c) in piece.bytes().enumerate() {
                        b.insert(at + i, c);
                    }
                }
                _ => b.truncate(at),
            }
        }
        let text = String::from_utf8_lossy(&b);
        let f = parse(&text);
        for d in &f.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
        }
    }
}

#[test]
fn deep_nesting_without_brackets_is_bounded() {
    let ternary = format!("var x = {}1\n", "a ? b : ".repeat(100_000));
    assert!(!parse(&ternary).diagnostics.is_empty());
    let generics = format!("type t = {}'x'\n", "g<".repeat(100_000));
    assert!(!parse(&generics).diagnostics.is_empty());
    let negations = format!("type t = {}true\n", "!".repeat(100_000));
    assert!(!parse(&negations).diagnostics.is_empty());
}
