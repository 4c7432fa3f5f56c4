//! The Terraform function library, checked against the examples of
//! Terraform's documentation, the unknown-propagation rules and the bounds.

use isolint_model::{Data, FileId, Origin, OriginKind, Span, Value};
use isolint_terraform::functions::{call, FnCtx, FnError};
use serde_json::{json, Value as Json};
use std::path::{Path, PathBuf};

fn run(name: &str, args: Vec<Value>) -> Result<Value, FnError> {
    let here = Path::new(".");
    let ctx = FnCtx {
        module_dir: here,
        root: here,
        span: None,
    };
    call(name, args, &ctx)
}

fn ok(name: &str, args: Vec<Value>) -> Value {
    match run(name, args) {
        Ok(v) => v,
        Err(e) => panic!("{name} failed: {e:?}"),
    }
}

/// Asserts a wholly known result equal to `want`.
fn eq(name: &str, args: Vec<Value>, want: Json) {
    let got = ok(name, args);
    assert!(
        got.is_wholly_known(),
        "{name}: result has unknowns: {got:?}"
    );
    assert_eq!(got.to_json(), want, "{name}");
}

fn unknown(name: &str, args: Vec<Value>) {
    let got = ok(name, args);
    assert!(got.is_unknown(), "{name}: expected unknown, got {got:?}");
}

fn invalid(name: &str, args: Vec<Value>) -> String {
    match run(name, args) {
        Err(FnError::Invalid(m)) => m,
        other => panic!("{name}: expected Invalid, got {other:?}"),
    }
}

fn limit(name: &str, args: Vec<Value>) {
    match run(name, args) {
        Err(FnError::Limit(_)) => {}
        other => panic!("{name}: expected Limit, got {other:?}"),
    }
}

fn j(v: Json) -> Value {
    Value::from_json(&v, Origin::default())
}
fn s(x: &str) -> Value {
    Value::string(x)
}
fn n(x: f64) -> Value {
    Value::number(x)
}
fn b(x: bool) -> Value {
    Value::bool(x)
}
fn unk() -> Value {
    Value::unknown()
}
fn null() -> Value {
    Value::null()
}

// ---------------------------------------------------------------- dispatch

#[test]
fn names_are_exact_and_provider_functions_unknown() {
    assert_eq!(
        run("nosuch", vec![]),
        Err(FnError::UnknownFunction("nosuch".into()))
    );
    assert_eq!(
        run("Lower", vec![s("A")]),
        Err(FnError::UnknownFunction("Lower".into()))
    );
    assert_eq!(
        run("provider::azurerm::normalise_resource_id", vec![s("x")]),
        Err(FnError::UnknownFunction(
            "provider::azurerm::normalise_resource_id".into()
        ))
    );
}

#[test]
fn arity_errors_name_the_function() {
    let m = invalid("lower", vec![]);
    assert!(m.contains("lower") && m.contains('1'), "{m}");
    let m = invalid("cidrsubnet", vec![s("10.0.0.0/8"), n(1.0)]);
    assert!(m.contains("cidrsubnet"), "{m}");
    invalid("lookup", vec![j(json!({})), s("a"), s("b"), s("c")]);
}

#[test]
fn results_are_computed_at_the_call_span() {
    let span = Span::new(FileId(3), 10, 20);
    let here = Path::new(".");
    let ctx = FnCtx {
        module_dir: here,
        root: here,
        span: Some(span),
    };
    let v = call("upper", vec![s("a")], &ctx).unwrap_or_default();
    assert_eq!(v.as_str(), Some("A"));
    assert_eq!(v.origin.span, Some(span));
    assert_eq!(v.origin.kind, OriginKind::Computed);
    // Parts the function built get the call span; parts passed through keep theirs.
    let own = Span::new(FileId(3), 1, 2);
    let kept = s("kept").with_origin(Origin::written(own));
    let v = call(
        "concat",
        vec![Value::list(vec![kept]), j(json!(["new"]))],
        &ctx,
    )
    .unwrap_or_default();
    let items = v.as_list().unwrap_or(&[]);
    assert_eq!(items[0].origin.span, Some(own));
    assert_eq!(items[0].origin.kind, OriginKind::Written);
    assert_eq!(items[1].origin.span, Some(span));
    let v = call("split", vec![s(","), s("a,b")], &ctx).unwrap_or_default();
    assert!(v
        .as_list()
        .is_some_and(|l| l.iter().all(|x| x.origin.span == Some(span))));
    let u = call("upper", vec![unk()], &ctx).unwrap_or_default();
    assert!(u.is_unknown());
    assert_eq!(u.origin.span, Some(span));
}

// ---------------------------------------------------------------- strings

#[test]
fn chomp_and_affixes() {
    eq("chomp", vec![s("hello\n")], json!("hello"));
    eq("chomp", vec![s("hello\r\n")], json!("hello"));
    eq("chomp", vec![s("hello\n\n")], json!("hello"));
    eq("chomp", vec![s("hello")], json!("hello"));
    eq("endswith", vec![s("hello world"), s("world")], json!(true));
    eq("endswith", vec![s("hello world"), s("hello")], json!(false));
    eq(
        "startswith",
        vec![s("hello world"), s("hello")],
        json!(true),
    );
    eq(
        "startswith",
        vec![s("hello world"), s("world")],
        json!(false),
    );
    eq("strcontains", vec![s("hello world"), s("wor")], json!(true));
    eq(
        "strcontains",
        vec![s("hello world"), s("wod")],
        json!(false),
    );
    eq(
        "trimprefix",
        vec![s("helloworld"), s("hello")],
        json!("world"),
    );
    eq(
        "trimprefix",
        vec![s("helloworld"), s("cat")],
        json!("helloworld"),
    );
    eq(
        "trimsuffix",
        vec![s("helloworld"), s("world")],
        json!("hello"),
    );
    eq("trimspace", vec![s("  hello\n\n")], json!("hello"));
    eq("trim", vec![s("?!hello?!"), s("!?")], json!("hello"));
    eq("trim", vec![s("foobar"), s("far")], json!("oob"));
    eq(
        "trim",
        vec![s("   hello! world.!  "), s("! ")],
        json!("hello! world."),
    );
}

#[test]
fn case_functions() {
    eq("lower", vec![s("HELLO")], json!("hello"));
    eq("lower", vec![s("АЛЛО!")], json!("алло!"));
    eq("upper", vec![s("hello")], json!("HELLO"));
    eq("upper", vec![s("алло!")], json!("АЛЛО!"));
    eq("title", vec![s("hello world")], json!("Hello World"));
    eq(
        "title",
        vec![s("hello-world_foo bar")],
        json!("Hello-World_foo Bar"),
    );
    // Go maps ß to itself; Rust would give "SS": not certain, so unknown.
    unknown("upper", vec![s("ß")]);
    // Numbers convert to strings.
    eq("upper", vec![n(12.0)], json!("12"));
}

#[test]
fn format_documented_examples() {
    eq(
        "format",
        vec![s("Hello, %s!"), s("Ander")],
        json!("Hello, Ander!"),
    );
    eq(
        "format",
        vec![s("There are %d lights"), n(4.0)],
        json!("There are 4 lights"),
    );
    eq("format", vec![s("%#v"), s("hello")], json!("\"hello\""));
    eq("format", vec![s("%#v"), b(true)], json!("true"));
    eq("format", vec![s("%#v"), n(1.0)], json!("1"));
    eq(
        "format",
        vec![s("%#v"), j(json!({"a": 1}))],
        json!("{\"a\":1}"),
    );
    eq("format", vec![s("%#v"), j(json!([true]))], json!("[true]"));
    eq("format", vec![s("%#v"), null()], json!("null"));
}

#[test]
fn format_verbs_and_flags() {
    eq("format", vec![s("%-5s|"), s("ab")], json!("ab   |"));
    eq("format", vec![s("%5s|"), s("ab")], json!("   ab|"));
    eq("format", vec![s("%.3s"), s("abcdef")], json!("abc"));
    eq("format", vec![s("%q"), s("a\"b")], json!("\"a\\\"b\""));
    eq("format", vec![s("%5d"), n(42.0)], json!("   42"));
    eq("format", vec![s("%05d"), n(-42.0)], json!("-0042"));
    eq("format", vec![s("%-5d|"), n(42.0)], json!("42   |"));
    eq("format", vec![s("%+d"), n(5.0)], json!("+5"));
    eq(
        "format",
        vec![s("%x %X %o %b"), n(255.0), n(255.0), n(8.0), n(5.0)],
        json!("ff FF 10 101"),
    );
    eq("format", vec![s("%#x"), n(255.0)], json!("0xff"));
    eq("format", vec![s("%d"), s("12")], json!("12"));
    eq("format", vec![s("%.3f"), n(1.2345678)], json!("1.235"));
    eq("format", vec![s("%f"), n(1.5)], json!("1.500000"));
    eq("format", vec![s("%8.2f|"), n(-1.5)], json!("   -1.50|"));
    eq("format", vec![s("%e"), n(123456.0)], json!("1.234560e+05"));
    eq("format", vec![s("%E"), n(0.000123)], json!("1.230000E-04"));
    eq("format", vec![s("%g"), n(0.5)], json!("0.5"));
    eq("format", vec![s("%v"), n(1000000.0)], json!("1e+06"));
    eq(
        "format",
        vec![s("%v %v %v"), n(12.0), s("x"), b(false)],
        json!("12 x false"),
    );
    eq("format", vec![s("%v"), null()], json!("null"));
    eq(
        "format",
        vec![s("%v"), j(json!(["a", 1]))],
        json!("[\"a\",1]"),
    );
    eq("format", vec![s("%t"), s("true")], json!("true"));
    eq("format", vec![s("100%%")], json!("100%"));
    eq(
        "format",
        vec![s("%[2]s %[1]s"), s("a"), s("b")],
        json!("b a"),
    );
    eq(
        "format",
        vec![s("%s %[1]s %s"), s("a"), s("b")],
        json!("a a b"),
    );
    eq("format", vec![s("%s"), n(1.5)], json!("1.5"));
}

#[test]
fn format_errors_and_bounds() {
    assert!(invalid("format", vec![s("%d"), n(1.5)]).contains("integer"));
    eq(
        "format",
        vec![s("%d"), n(1e20)],
        json!("100000000000000000000"),
    );
    unknown("format", vec![s("%d"), n(1e300)]);
    assert!(invalid("format", vec![s("%s %s"), s("a")]).contains("not enough arguments"));
    invalid("format", vec![s("%y"), n(1.0)]);
    invalid("format", vec![s("%s"), null()]);
    invalid("format", vec![s("abc %")]);
    invalid("format", vec![s("%t"), s("yes")]);
    invalid("format", vec![s("%d"), s("ten")]);
    invalid("format", vec![s("%[0]s"), s("a")]);
    invalid("format", vec![s("%[9]s"), s("a")]);
    limit("format", vec![s("%999999999s"), s("x")]);
    limit("format", vec![s("%.999999999f"), n(1.0)]);
    unknown("format", vec![s("%*d"), n(3.0), n(1.0)]);
    unknown("format", vec![s("%s"), unk()]);
    let mut with_unknown = j(json!({"a": 1}));
    if let Some(map) = with_unknown.as_map_mut() {
        map.insert("b".into(), unk());
    }
    unknown("format", vec![s("%v"), with_unknown]);
}

#[test]
fn formatlist_iterates_lists() {
    eq(
        "formatlist",
        vec![
            s("Hello, %s!"),
            j(json!(["Valentina", "Ander", "Olivia", "Sam"])),
        ],
        json!([
            "Hello, Valentina!",
            "Hello, Ander!",
            "Hello, Olivia!",
            "Hello, Sam!"
        ]),
    );
    eq(
        "formatlist",
        vec![
            s("%s, %s!"),
            s("Salutations"),
            j(json!(["Valentina", "Ander"])),
        ],
        json!(["Salutations, Valentina!", "Salutations, Ander!"]),
    );
    eq("formatlist", vec![s("%s"), s("x")], json!(["x"]));
    eq("formatlist", vec![s("%s"), j(json!([]))], json!([]));
    invalid(
        "formatlist",
        vec![s("%s%s"), j(json!(["a"])), j(json!(["a", "b"]))],
    );
    unknown("formatlist", vec![s("%s"), unk()]);
    let v = ok(
        "formatlist",
        vec![s("%s"), Value::list(vec![s("a"), unk()])],
    );
    let items = v.as_list().unwrap_or(&[]);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_str(), Some("a"));
    assert!(items[1].is_unknown());
}

#[test]
fn indent_and_join() {
    eq(
        "indent",
        vec![n(2.0), s("[\n  foo,\n  bar,\n]\n")],
        json!("[\n    foo,\n    bar,\n  ]\n  "),
    );
    eq("indent", vec![n(4.0), s("one line")], json!("one line"));
    invalid("indent", vec![n(-1.0), s("a\nb")]);
    limit("indent", vec![n(100_000_000.0), s("a\nb\nc")]);
    eq(
        "join",
        vec![s("-"), j(json!(["foo", "bar", "baz"]))],
        json!("foo-bar-baz"),
    );
    eq(
        "join",
        vec![s(", "), j(json!(["foo", "bar", "baz"]))],
        json!("foo, bar, baz"),
    );
    eq("join", vec![s(", "), j(json!(["foo"]))], json!("foo"));
    eq(
        "join",
        vec![s("-"), j(json!(["a"])), j(json!(["b", 1]))],
        json!("a-b-1"),
    );
    eq("join", vec![s("-"), j(json!([]))], json!(""));
    invalid("join", vec![s("-"), j(json!(["a", null]))]);
    invalid("join", vec![s("-"), s("not a list")]);
    unknown("join", vec![s("-"), Value::list(vec![s("a"), unk()])]);
}

#[test]
fn regex_functions() {
    eq(
        "regex",
        vec![s("[a-z]+"), s("53453453.345345aaabbbccc23454")],
        json!("aaabbbccc"),
    );
    eq(
        "regex",
        vec![s(r"(\d\d\d\d)-(\d\d)-(\d\d)"), s("2019-02-01")],
        json!(["2019", "02", "01"]),
    );
    eq(
        "regex",
        vec![
            s("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
            s("https://terraform.io/docs/"),
        ],
        json!({"authority": "terraform.io", "scheme": "https"}),
    );
    eq("regex", vec![s("(a)|(b)"), s("b")], json!([null, "b"]));
    let m = invalid("regex", vec![s("[a-z]+"), s("53453453.34534523454")]);
    assert!(m.contains("did not match"), "{m}");
    invalid("regex", vec![s("(?P<x>a)(b)"), s("ab")]);
    invalid("regex", vec![s("(unclosed"), s("x")]);
    eq(
        "regexall",
        vec![s("[a-z]+"), s("1234abcd5678efgh9")],
        json!(["abcd", "efgh"]),
    );
    eq(
        "length",
        vec![ok("regexall", vec![s("[a-z]+"), s("1234abcd5678efgh9")])],
        json!(2),
    );
    eq("regexall", vec![s("[a-z]+"), s("123456789")], json!([]));
    eq(
        "regexall",
        vec![s(r"(\w)=(\d)"), s("a=1 b=2")],
        json!([["a", "1"], ["b", "2"]]),
    );
    // RE2's \d is ASCII-only.
    eq("regexall", vec![s(r"\d"), s("1٣2")], json!(["1", "2"]));
    limit("regexall", vec![s(""), s(&"a".repeat(200_000))]);
}

#[test]
fn replace_substring_and_regex() {
    eq(
        "replace",
        vec![s("1 + 2 + 3"), s("+"), s("-")],
        json!("1 - 2 - 3"),
    );
    eq(
        "replace",
        vec![s("hello world"), s("/w.*d/"), s("everybody")],
        json!("hello everybody"),
    );
    eq(
        "replace",
        vec![s("abc123"), s(r"/(\d+)/"), s("<$1>")],
        json!("abc<123>"),
    );
    eq(
        "replace",
        vec![s("abc123"), s(r"/(?P<n>\d+)/"), s("${n}x$$")],
        json!("abc123x$"),
    );
    eq("replace", vec![s("a"), s(""), s("-")], json!("-a-"));
    eq("replace", vec![s("/"), s("/"), s("x")], json!("x"));
    limit(
        "replace",
        vec![s(&"a".repeat(1 << 20)), s("/a/"), s(&"$0".repeat(20))],
    );
    limit(
        "replace",
        vec![s(&"a".repeat(1 << 20)), s("a"), s(&"b".repeat(20))],
    );
}

#[test]
fn split_strrev_substr() {
    eq("split", vec![s(","), s("foo")], json!(["foo"]));
    eq(
        "split",
        vec![s(","), s("foo,bar,baz")],
        json!(["foo", "bar", "baz"]),
    );
    eq("split", vec![s(","), s("")], json!([""]));
    eq("split", vec![s(""), s("abc")], json!(["a", "b", "c"]));
    limit("split", vec![s(","), s(&",".repeat(200_000))]);
    eq("strrev", vec![s("hello")], json!("olleh"));
    eq("strrev", vec![s("a ☃")], json!("☃ a"));
    eq("strrev", vec![s("e\u{301}a")], json!("ae\u{301}"));
    eq(
        "substr",
        vec![s("hello world"), n(1.0), n(4.0)],
        json!("ello"),
    );
    eq("substr", vec![s("🤔🤷"), n(0.0), n(1.0)], json!("🤔"));
    eq(
        "substr",
        vec![s("hello world"), n(-5.0), n(-1.0)],
        json!("world"),
    );
    eq(
        "substr",
        vec![s("hello world"), n(6.0), n(10.0)],
        json!("world"),
    );
    eq("substr", vec![s("hello"), n(10.0), n(2.0)], json!(""));
    eq("substr", vec![s("hello"), n(0.0), n(0.0)], json!(""));
    eq("substr", vec![s("hello"), n(-10.0), n(2.0)], json!("he"));
    eq("substr", vec![s("hello"), n(1e15), n(1e15)], json!(""));
    invalid("substr", vec![s("hello"), n(0.5), n(1.0)]);
}

// ---------------------------------------------------------------- numbers

#[test]
fn numeric_functions() {
    eq("abs", vec![n(23.0)], json!(23));
    eq("abs", vec![n(0.0)], json!(0));
    eq("abs", vec![n(-12.4)], json!(12.4));
    eq("ceil", vec![n(5.0)], json!(5));
    eq("ceil", vec![n(5.1)], json!(6));
    eq("floor", vec![n(5.0)], json!(5));
    eq("floor", vec![n(4.9)], json!(4));
    eq("log", vec![n(50.0), n(10.0)], json!(1.6989700043360185));
    eq("log", vec![n(16.0), n(2.0)], json!(4));
    eq("log", vec![n(1.0), n(10.0)], json!(0));
    unknown("log", vec![n(0.0), n(10.0)]);
    eq("max", vec![n(12.0), n(54.0), n(3.0)], json!(54));
    eq("min", vec![n(12.0), n(54.0), n(3.0)], json!(3));
    eq("max", vec![s("5"), n(3.0)], json!(5));
    eq("pow", vec![n(3.0), n(2.0)], json!(9));
    eq("pow", vec![n(4.0), n(0.0)], json!(1));
    eq("signum", vec![n(-13.0)], json!(-1));
    eq("signum", vec![n(0.0)], json!(0));
    eq("signum", vec![n(344.0)], json!(1));
    invalid("abs", vec![s("x")]);
    invalid("abs", vec![b(true)]);
    invalid("max", vec![]);
}

#[test]
fn parseint_bases() {
    eq("parseint", vec![s("100"), n(10.0)], json!(100));
    eq("parseint", vec![s("FF"), n(16.0)], json!(255));
    eq("parseint", vec![s("-10"), n(16.0)], json!(-16));
    eq(
        "parseint",
        vec![s("1011111011101111"), n(2.0)],
        json!(48879),
    );
    eq("parseint", vec![s("aA"), n(62.0)], json!(656));
    eq("parseint", vec![s("zz"), n(36.0)], json!(1295));
    let m = invalid("parseint", vec![s("12"), n(2.0)]);
    assert!(m.contains("base 2"), "{m}");
    invalid("parseint", vec![s(""), n(10.0)]);
    invalid("parseint", vec![s("1"), n(1.0)]);
    invalid("parseint", vec![s("1"), n(63.0)]);
    // Too large for a float to hold exactly.
    unknown("parseint", vec![s(&"9".repeat(100_000)), n(10.0)]);
}

// ---------------------------------------------------------------- collections

#[test]
fn alltrue_anytrue() {
    eq("alltrue", vec![j(json!(["true", true]))], json!(true));
    eq("alltrue", vec![j(json!([true, false]))], json!(false));
    eq("alltrue", vec![j(json!([]))], json!(true));
    eq("anytrue", vec![j(json!(["true"]))], json!(true));
    eq("anytrue", vec![j(json!([true, false]))], json!(true));
    eq("anytrue", vec![j(json!([]))], json!(false));
    eq("anytrue", vec![j(json!([false]))], json!(false));
    // Unknown is not false.
    unknown("alltrue", vec![Value::list(vec![b(true), unk()])]);
    unknown("anytrue", vec![Value::list(vec![b(false), unk()])]);
    invalid("alltrue", vec![j(json!(["maybe"]))]);
}

#[test]
fn chunklist_coalesce_compact() {
    eq(
        "chunklist",
        vec![j(json!(["a", "b", "c", "d", "e"])), n(2.0)],
        json!([["a", "b"], ["c", "d"], ["e"]]),
    );
    eq(
        "chunklist",
        vec![j(json!(["a", "b", "c", "d", "e"])), n(1.0)],
        json!([["a"], ["b"], ["c"], ["d"], ["e"]]),
    );
    eq(
        "chunklist",
        vec![j(json!(["a", "b"])), n(0.0)],
        json!([["a", "b"]]),
    );
    eq("chunklist", vec![j(json!([])), n(3.0)], json!([]));
    eq("chunklist", vec![j(json!(["a"])), n(1e15)], json!([["a"]]));
    invalid("chunklist", vec![j(json!(["a"])), n(-1.0)]);
    eq("coalesce", vec![s("a"), s("b")], json!("a"));
    eq("coalesce", vec![s(""), s("b")], json!("b"));
    eq("coalesce", vec![n(1.0), n(2.0)], json!(1));
    eq("coalesce", vec![null(), s("x")], json!("x"));
    eq("coalesce", vec![n(1.0), s("hello")], json!("1"));
    eq("coalesce", vec![s("a"), unk()], json!("a"));
    unknown("coalesce", vec![unk(), s("x")]);
    unknown("coalesce", vec![s(""), unk(), s("x")]);
    invalid("coalesce", vec![null(), s("")]);
    eq(
        "coalescelist",
        vec![j(json!(["a", "b"])), j(json!(["c", "d"]))],
        json!(["a", "b"]),
    );
    eq(
        "coalescelist",
        vec![j(json!([])), j(json!(["c", "d"]))],
        json!(["c", "d"]),
    );
    let v = ok(
        "coalescelist",
        vec![Value::list(vec![unk()]), j(json!(["x"]))],
    );
    assert_eq!(v.as_list().map(<[Value]>::len), Some(1));
    unknown("coalescelist", vec![unk(), j(json!(["x"]))]);
    invalid("coalescelist", vec![j(json!([])), j(json!([]))]);
    eq(
        "compact",
        vec![j(json!(["a", "", "b", null, "c"]))],
        json!(["a", "b", "c"]),
    );
    unknown("compact", vec![Value::list(vec![s("a"), unk()])]);
}

#[test]
fn concat_contains_distinct_element() {
    eq(
        "concat",
        vec![j(json!(["a", ""])), j(json!(["b", "c"]))],
        json!(["a", "", "b", "c"]),
    );
    let v = ok("concat", vec![Value::list(vec![unk()]), j(json!(["b"]))]);
    let items = v.as_list().unwrap_or(&[]);
    assert_eq!(items.len(), 2);
    assert!(items[0].is_unknown());
    assert_eq!(items[1].as_str(), Some("b"));
    unknown("concat", vec![unk(), j(json!(["b"]))]);
    invalid("concat", vec![j(json!(["a"])), s("b")]);
    eq(
        "contains",
        vec![j(json!(["a", "b", "c"])), s("a")],
        json!(true),
    );
    eq(
        "contains",
        vec![j(json!(["a", "b", "c"])), s("d")],
        json!(false),
    );
    eq("contains", vec![j(json!(["1", "2"])), n(2.0)], json!(true));
    unknown("contains", vec![Value::list(vec![unk()]), s("a")]);
    eq(
        "distinct",
        vec![j(json!(["a", "b", "a", "c", "d", "b"]))],
        json!(["a", "b", "c", "d"]),
    );
    eq(
        "element",
        vec![j(json!(["a", "b", "c"])), n(1.0)],
        json!("b"),
    );
    eq(
        "element",
        vec![j(json!(["a", "b", "c"])), n(3.0)],
        json!("a"),
    );
    eq(
        "element",
        vec![j(json!(["a", "b", "c"])), n(1e15)],
        json!("b"),
    );
    invalid("element", vec![j(json!([])), n(0.0)]);
    invalid("element", vec![j(json!(["a"])), n(-1.0)]);
    eq(
        "element",
        vec![Value::list(vec![unk(), s("b")]), n(1.0)],
        json!("b"),
    );
    unknown("element", vec![Value::list(vec![unk(), s("b")]), n(0.0)]);
    unknown("element", vec![j(json!(["a"])), unk()]);
}

#[test]
fn flatten_index_keys_values_length() {
    eq(
        "flatten",
        vec![j(json!([["a", "b"], [], ["c"]]))],
        json!(["a", "b", "c"]),
    );
    eq(
        "flatten",
        vec![j(json!([[["a", "b"], []], ["c"]]))],
        json!(["a", "b", "c"]),
    );
    eq(
        "flatten",
        vec![j(json!([{"a": 1}, [2]]))],
        json!([{"a": 1}, 2]),
    );
    unknown("flatten", vec![Value::list(vec![j(json!(["a"])), unk()])]);
    eq("index", vec![j(json!(["a", "b", "c"])), s("b")], json!(1));
    invalid("index", vec![j(json!(["a", "b", "c"])), s("z")]);
    eq(
        "keys",
        vec![j(json!({"a": 1, "c": 2, "d": 3}))],
        json!(["a", "c", "d"]),
    );
    eq(
        "values",
        vec![j(json!({"a": 3, "c": 2, "d": 1}))],
        json!([3, 2, 1]),
    );
    let mut m = j(json!({"a": 1}));
    if let Some(map) = m.as_map_mut() {
        map.insert("b".into(), unk());
    }
    eq("keys", vec![m.clone()], json!(["a", "b"]));
    eq("length", vec![m.clone()], json!(2));
    let vals = ok("values", vec![m]);
    assert!(vals
        .as_list()
        .is_some_and(|l| l.len() == 2 && l[1].is_unknown()));
    unknown("keys", vec![unk()]);
    invalid("keys", vec![j(json!(["a"]))]);
    eq("length", vec![j(json!([]))], json!(0));
    eq("length", vec![j(json!(["a", "b"]))], json!(2));
    eq("length", vec![j(json!({"a": "b"}))], json!(1));
    eq("length", vec![s("hello")], json!(5));
    eq("length", vec![s("👾🕹️")], json!(2));
    eq("length", vec![s("e\u{301}")], json!(1));
    eq("length", vec![Value::list(vec![unk(), s("a")])], json!(2));
    unknown("length", vec![unk()]);
    unknown("length", vec![s("नमस्ते")]);
    invalid("length", vec![null()]);
    invalid("length", vec![b(true)]);
}

#[test]
fn lookup_matchkeys_merge_one() {
    let m = j(json!({"a": "ay", "b": "bee"}));
    eq("lookup", vec![m.clone(), s("a"), s("what?")], json!("ay"));
    eq(
        "lookup",
        vec![m.clone(), s("c"), s("what?")],
        json!("what?"),
    );
    eq("lookup", vec![m.clone(), s("b")], json!("bee"));
    invalid("lookup", vec![m.clone(), s("c")]);
    unknown("lookup", vec![m.clone(), unk(), s("x")]);
    unknown("lookup", vec![unk(), s("a"), s("x")]);
    eq("lookup", vec![m, s("a"), unk()], json!("ay"));
    eq(
        "matchkeys",
        vec![
            j(json!(["i-123", "i-abc", "i-def"])),
            j(json!(["us-west", "us-east", "us-east"])),
            j(json!(["us-east"])),
        ],
        json!(["i-abc", "i-def"]),
    );
    invalid(
        "matchkeys",
        vec![j(json!(["a"])), j(json!([])), j(json!([]))],
    );
    eq(
        "merge",
        vec![
            j(json!({"a": "b", "c": "d"})),
            j(json!({"e": "f", "c": "z"})),
        ],
        json!({"a": "b", "c": "z", "e": "f"}),
    );
    eq(
        "merge",
        vec![
            j(json!({"a": "b"})),
            j(json!({"a": [1, 2], "c": "z"})),
            j(json!({"d": 3})),
        ],
        json!({"a": [1, 2], "c": "z", "d": 3}),
    );
    eq("merge", vec![], json!({}));
    eq("merge", vec![null(), j(json!({"a": 1}))], json!({"a": 1}));
    let mut with_unknown = j(json!({}));
    if let Some(map) = with_unknown.as_map_mut() {
        map.insert("x".into(), unk());
    }
    let merged = ok("merge", vec![j(json!({"y": 1})), with_unknown]);
    assert!(merged.get("x").is_some_and(Value::is_unknown));
    assert_eq!(merged.get("y").and_then(Value::as_i64), Some(1));
    unknown("merge", vec![j(json!({"y": 1})), unk()]);
    invalid("merge", vec![j(json!({"y": 1})), s("x")]);
    eq("one", vec![j(json!([]))], json!(null));
    eq("one", vec![j(json!(["hello"]))], json!("hello"));
    invalid("one", vec![j(json!(["hello", "goodbye"]))]);
    unknown("one", vec![unk()]);
}

#[test]
fn range_like_terraform() {
    eq("range", vec![n(3.0)], json!([0, 1, 2]));
    eq("range", vec![n(1.0), n(4.0)], json!([1, 2, 3]));
    eq("range", vec![n(1.0), n(8.0), n(2.0)], json!([1, 3, 5, 7]));
    eq(
        "range",
        vec![n(1.0), n(4.0), n(0.5)],
        json!([1, 1.5, 2, 2.5, 3, 3.5]),
    );
    eq("range", vec![n(4.0), n(1.0)], json!([4, 3, 2]));
    eq("range", vec![n(10.0), n(5.0), n(-2.0)], json!([10, 8, 6]));
    eq("range", vec![n(0.0)], json!([]));
    eq("length", vec![ok("range", vec![n(1024.0)])], json!(1024));
    invalid("range", vec![n(1025.0)]);
    limit("range", vec![n(1e9)]);
    limit("range", vec![n(0.0), n(1.0), n(1e-300)]);
    invalid("range", vec![n(1.0), n(4.0), n(0.0)]);
    invalid("range", vec![n(1.0), n(4.0), n(-1.0)]);
    invalid("range", vec![n(4.0), n(1.0), n(1.0)]);
}

#[test]
fn reverse_sets_slice_sort_sum() {
    eq("reverse", vec![j(json!([1, 2, 3]))], json!([3, 2, 1]));
    eq(
        "setintersection",
        vec![
            j(json!(["a", "b"])),
            j(json!(["b", "c"])),
            j(json!(["b", "d"])),
        ],
        json!(["b"]),
    );
    eq(
        "setproduct",
        vec![
            j(json!(["development", "staging", "production"])),
            j(json!(["app1", "app2"])),
        ],
        json!([
            ["development", "app1"],
            ["development", "app2"],
            ["staging", "app1"],
            ["staging", "app2"],
            ["production", "app1"],
            ["production", "app2"]
        ]),
    );
    eq("setproduct", vec![j(json!(["a"])), j(json!([]))], json!([]));
    invalid("setproduct", vec![j(json!(["a"]))]);
    eq("concat", vec![], json!([]));
    let big = Value::list((0..1000).map(|i| n(f64::from(i))).collect());
    limit("setproduct", vec![big.clone(), big.clone(), big]);
    eq(
        "setsubtract",
        vec![j(json!(["a", "b", "c"])), j(json!(["a", "c"]))],
        json!(["b"]),
    );
    eq(
        "setunion",
        vec![j(json!(["a", "b"])), j(json!(["b", "c"])), j(json!(["d"]))],
        json!(["a", "b", "c", "d"]),
    );
    eq(
        "setunion",
        vec![j(json!([3, 1])), j(json!([2, 1]))],
        json!([1, 2, 3]),
    );
    unknown("setunion", vec![Value::list(vec![unk()]), j(json!(["a"]))]);
    eq(
        "slice",
        vec![j(json!(["a", "b", "c", "d"])), n(1.0), n(3.0)],
        json!(["b", "c"]),
    );
    invalid("slice", vec![j(json!(["a", "b"])), n(2.0), n(1.0)]);
    invalid("slice", vec![j(json!(["a", "b"])), n(0.0), n(5.0)]);
    invalid("slice", vec![j(json!(["a", "b"])), n(-1.0), n(1.0)]);
    eq(
        "sort",
        vec![j(json!(["e", "d", "a", "x"]))],
        json!(["a", "d", "e", "x"]),
    );
    eq("sort", vec![j(json!([3, 1, 11]))], json!(["1", "11", "3"]));
    unknown("sort", vec![Value::list(vec![s("b"), unk()])]);
    eq("sum", vec![j(json!([10, 13, 6, 4.5]))], json!(33.5));
    eq("sum", vec![j(json!(["1", 2]))], json!(3));
    invalid("sum", vec![j(json!([]))]);
    invalid("sum", vec![j(json!(["x"]))]);
    unknown("sum", vec![Value::list(vec![n(1.0), unk()])]);
}

#[test]
fn transpose_zipmap() {
    eq(
        "transpose",
        vec![j(json!({"a": ["1", "2"], "b": ["2", "3"]}))],
        json!({"1": ["a"], "2": ["a", "b"], "3": ["b"]}),
    );
    invalid("transpose", vec![j(json!({"a": "1"}))]);
    eq(
        "zipmap",
        vec![j(json!(["a", "b"])), j(json!([1, 2]))],
        json!({"a": 1, "b": 2}),
    );
    invalid("zipmap", vec![j(json!(["a"])), j(json!([1, 2]))]);
    let z = ok("zipmap", vec![j(json!(["a"])), Value::list(vec![unk()])]);
    assert!(z.get("a").is_some_and(Value::is_unknown));
    unknown("zipmap", vec![Value::list(vec![unk()]), j(json!([1]))]);
}

// ---------------------------------------------------------------- encoding

#[test]
fn base64_and_text_encodings() {
    eq(
        "base64encode",
        vec![s("Hello World")],
        json!("SGVsbG8gV29ybGQ="),
    );
    eq(
        "base64decode",
        vec![s("SGVsbG8gV29ybGQ=")],
        json!("Hello World"),
    );
    eq("base64decode", vec![s("SGVs\nbG8=")], json!("Hello"));
    invalid("base64decode", vec![s("!!")]);
    invalid("base64decode", vec![s("SGVsbG8")]);
    assert!(invalid("base64decode", vec![s("/w==")]).contains("UTF-8"));
    eq(
        "textencodebase64",
        vec![s("Hello World"), s("UTF-8")],
        json!("SGVsbG8gV29ybGQ="),
    );
    eq(
        "textdecodebase64",
        vec![s("SGVsbG8gV29ybGQ="), s("UTF-8")],
        json!("Hello World"),
    );
    unknown("textencodebase64", vec![s("Hello World"), s("UTF-16LE")]);
    unknown(
        "textdecodebase64",
        vec![s("SABlAGwAbABvAA=="), s("UTF-16LE")],
    );
    eq(
        "urlencode",
        vec![s("Hello World!")],
        json!("Hello+World%21"),
    );
    eq("urlencode", vec![s("☃")], json!("%E2%98%83"));
    eq(
        "urlencode",
        vec![s("foo:bar@localhost?foo=bar&bar=baz")],
        json!("foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"),
    );
}

#[test]
fn csv_and_json() {
    eq(
        "csvdecode",
        vec![s("a,b,c\n1,2,3\n4,5,6")],
        json!([{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "6"}]),
    );
    eq(
        "csvdecode",
        vec![s("a,b\n\"x,y\",\"q\"\"\"\n")],
        json!([{"a": "x,y", "b": "q\""}]),
    );
    eq("csvdecode", vec![s("a,b\n")], json!([]));
    invalid("csvdecode", vec![s("a,b\n1,2,3")]);
    invalid("csvdecode", vec![s("")]);
    invalid("csvdecode", vec![s("a,a\n1,2")]);
    eq(
        "jsondecode",
        vec![s("{\"hello\": \"world\"}")],
        json!({"hello": "world"}),
    );
    eq("jsondecode", vec![s("true")], json!(true));
    eq(
        "jsondecode",
        vec![s("[1, 2.5, null]")],
        json!([1, 2.5, null]),
    );
    invalid("jsondecode", vec![s("{nope")]);
    eq(
        "jsonencode",
        vec![j(json!({"hello": "world"}))],
        json!("{\"hello\":\"world\"}"),
    );
    eq(
        "jsonencode",
        vec![j(json!({"b": 1, "a": [true, null, 1.5]}))],
        json!("{\"a\":[true,null,1.5],\"b\":1}"),
    );
    eq(
        "jsonencode",
        vec![s("<&>")],
        json!("\"\\u003c\\u0026\\u003e\""),
    );
    eq("jsonencode", vec![n(1e21)], json!("1000000000000000000000"));
    // Escaping can make the JSON much longer than its input.
    limit("jsonencode", vec![s(&"\u{1}".repeat(3_000_000))]);
    limit("format", vec![s("%#v"), s(&"\u{1}".repeat(3_000_000))]);
    let mut with_unknown = j(json!({"a": 1}));
    if let Some(map) = with_unknown.as_map_mut() {
        map.insert("b".into(), unk());
    }
    unknown("jsonencode", vec![with_unknown]);
    unknown("yamlencode", vec![j(json!({"a": 1}))]);
    eq(
        "yamldecode",
        vec![s("{\"a\": [1, \"x\"]}")],
        json!({"a": [1, "x"]}),
    );
    unknown("yamldecode", vec![s("a: 1")]);
}

// ---------------------------------------------------------------- hashes

#[test]
fn hashes_of_strings() {
    eq(
        "md5",
        vec![s("hello world")],
        json!("5eb63bbbe01eeed093cb22bb8f5acdc3"),
    );
    eq(
        "sha1",
        vec![s("hello world")],
        json!("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"),
    );
    eq(
        "sha256",
        vec![s("hello world")],
        json!("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"),
    );
    eq(
        "sha512",
        vec![s("hello world")],
        json!("309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"),
    );
    eq(
        "base64sha256",
        vec![s("hello world")],
        json!("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="),
    );
    eq(
        "base64sha512",
        vec![s("hello world")],
        json!("MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="),
    );
    unknown("uuid", vec![]);
    unknown("bcrypt", vec![s("hello world")]);
    unknown("md5", vec![unk()]);
}

#[test]
fn uuidv5_documented_examples() {
    eq(
        "uuidv5",
        vec![s("dns"), s("www.terraform.io")],
        json!("a5008fae-b28c-5ba5-96cd-82b4c53552d6"),
    );
    eq(
        "uuidv5",
        vec![s("url"), s("https://www.terraform.io/")],
        json!("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"),
    );
    eq(
        "uuidv5",
        vec![s("oid"), s("1.3.6.1.4")],
        json!("af9d40a5-7a36-5c07-b23a-851cd99fbfa5"),
    );
    eq(
        "uuidv5",
        vec![s("x500"), s("CN=Example,C=GB")],
        json!("84e09961-4aa4-57f8-95b7-03edb1073253"),
    );
    eq(
        "uuidv5",
        vec![
            s("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
            s("www.terraform.io"),
        ],
        json!("a5008fae-b28c-5ba5-96cd-82b4c53552d6"),
    );
    invalid("uuidv5", vec![s("nope"), s("x")]);
}

// ---------------------------------------------------------------- filesystem

struct Tree {
    top: PathBuf,
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.top);
    }
}

fn tree(tag: &str) -> Tree {
    let top = std::env::temp_dir().join(format!(
        "isolint-fn-{tag}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&top);
    let module = top.join("root").join("mod");
    std::fs::create_dir_all(module.join("sub")).expect("mkdir");
    std::fs::write(module.join("a.txt"), "hello").expect("write");
    std::fs::write(module.join("sub").join("b.txt"), "b").expect("write");
    std::fs::write(module.join("sub").join("c.json"), "{}").expect("write");
    std::fs::write(module.join("bin.dat"), [0xffu8, 0xfe]).expect("write");
    std::fs::write(top.join("secret.txt"), "secret").expect("write");
    Tree { top }
}

fn run_in(t: &Tree, name: &str, args: Vec<Value>) -> Result<Value, FnError> {
    let root = t.top.join("root");
    let module = root.join("mod");
    let ctx = FnCtx {
        module_dir: &module,
        root: &root,
        span: None,
    };
    call(name, args, &ctx)
}

fn json_in(t: &Tree, name: &str, args: Vec<Value>) -> Json {
    match run_in(t, name, args) {
        Ok(v) => v.to_json(),
        Err(e) => panic!("{name}: {e:?}"),
    }
}

#[test]
fn files_inside_the_root_are_read() {
    let t = tree("read");
    assert_eq!(json_in(&t, "file", vec![s("a.txt")]), json!("hello"));
    assert_eq!(
        json_in(&t, "file", vec![s("./sub/../a.txt")]),
        json!("hello")
    );
    assert_eq!(json_in(&t, "file", vec![s("../mod/a.txt")]), json!("hello"));
    assert_eq!(
        json_in(&t, "filebase64", vec![s("a.txt")]),
        json!("aGVsbG8=")
    );
    assert_eq!(json_in(&t, "fileexists", vec![s("a.txt")]), json!(true));
    assert_eq!(json_in(&t, "fileexists", vec![s("nope.txt")]), json!(false));
    assert_eq!(
        json_in(&t, "filemd5", vec![s("a.txt")]),
        json!("5d41402abc4b2a76b9719d911017c592")
    );
    assert_eq!(
        json_in(&t, "filesha1", vec![s("a.txt")]),
        json!("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
    );
    assert_eq!(
        json_in(&t, "filesha256", vec![s("a.txt")]),
        json!("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    assert_eq!(
        json_in(&t, "filebase64sha256", vec![s("a.txt")]),
        json!("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
    );
    let sha512 = json_in(&t, "filesha512", vec![s("a.txt")]);
    assert_eq!(sha512.as_str().map(str::len), Some(128));
    let b512 = json_in(&t, "filebase64sha512", vec![s("a.txt")]);
    assert_eq!(b512.as_str().map(str::len), Some(88));
    assert_eq!(
        json_in(&t, "fileset", vec![s("."), s("*.txt")]),
        json!(["a.txt"])
    );
    assert_eq!(
        json_in(&t, "fileset", vec![s("."), s("**/*.txt")]),
        json!(["a.txt", "sub/b.txt"])
    );
    assert_eq!(
        json_in(&t, "fileset", vec![s("."), s("sub/*.{txt,json}")]),
        json!(["sub/b.txt", "sub/c.json"])
    );
    assert_eq!(
        json_in(&t, "fileset", vec![s("sub"), s("?.json")]),
        json!(["c.json"])
    );
    assert_eq!(
        json_in(&t, "fileset", vec![s("missing"), s("*")]),
        json!([])
    );
}

#[test]
fn files_outside_the_root_are_refused() {
    let t = tree("outside");
    for path in [
        "../../secret.txt",
        "../../root/../secret.txt",
        "/etc/hostname",
    ] {
        match run_in(&t, "file", vec![s(path)]) {
            Err(FnError::Invalid(m)) => assert!(m.contains("outside the scan root"), "{m}"),
            other => panic!("{path}: {other:?}"),
        }
    }
    match run_in(&t, "fileexists", vec![s("../../secret.txt")]) {
        Err(FnError::Invalid(m)) => assert!(m.contains("outside the scan root"), "{m}"),
        other => panic!("{other:?}"),
    }
    match run_in(&t, "filesha256", vec![s("../../secret.txt")]) {
        Err(FnError::Invalid(m)) => assert!(m.contains("outside the scan root"), "{m}"),
        other => panic!("{other:?}"),
    }
    match run_in(&t, "fileset", vec![s("../.."), s("*")]) {
        Err(FnError::Invalid(m)) => assert!(m.contains("outside the scan root"), "{m}"),
        other => panic!("{other:?}"),
    }
    #[cfg(unix)]
    {
        let link = t.top.join("root").join("mod").join("link.txt");
        if std::os::unix::fs::symlink(t.top.join("secret.txt"), &link).is_ok() {
            match run_in(&t, "file", vec![s("link.txt")]) {
                Err(FnError::Invalid(m)) => assert!(m.contains("outside the scan root"), "{m}"),
                other => panic!("symlink: {other:?}"),
            }
            assert_eq!(
                json_in(&t, "fileset", vec![s("."), s("*.txt")]),
                json!(["a.txt"])
            );
        }
    }
}

#[test]
fn file_errors_and_bounds() {
    let t = tree("errors");
    assert!(matches!(
        run_in(&t, "file", vec![s("missing.txt")]),
        Err(FnError::Invalid(_))
    ));
    assert!(matches!(
        run_in(&t, "file", vec![s("sub")]),
        Err(FnError::Invalid(_))
    ));
    assert!(matches!(
        run_in(&t, "fileexists", vec![s("sub")]),
        Err(FnError::Invalid(_))
    ));
    assert!(matches!(
        run_in(&t, "file", vec![s("bin.dat")]),
        Err(FnError::Invalid(_))
    ));
    assert_eq!(json_in(&t, "filebase64", vec![s("bin.dat")]), json!("//4="));
    let big = t.top.join("root").join("mod").join("big.bin");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(17 * 1024 * 1024).expect("set_len");
    assert!(matches!(
        run_in(&t, "file", vec![s("big.bin")]),
        Err(FnError::Limit(_))
    ));
    assert!(matches!(
        run_in(&t, "filemd5", vec![s("big.bin")]),
        Err(FnError::Limit(_))
    ));
}

#[test]
fn path_functions() {
    eq("basename", vec![s("foo/bar/baz.txt")], json!("baz.txt"));
    eq("basename", vec![s("foo/bar/")], json!("bar"));
    eq("basename", vec![s("/")], json!("/"));
    eq("basename", vec![s("")], json!("."));
    eq("dirname", vec![s("foo/bar/baz.txt")], json!("foo/bar"));
    eq("dirname", vec![s("/foo")], json!("/"));
    eq("dirname", vec![s("foo")], json!("."));
    eq("abspath", vec![s("/a/b/../c")], json!("/a/c"));
    unknown("abspath", vec![s("relative/path")]);
    unknown("pathexpand", vec![s("~/.ssh/id_rsa")]);
    eq(
        "pathexpand",
        vec![s("/etc/resolv.conf")],
        json!("/etc/resolv.conf"),
    );
}

// ---------------------------------------------------------------- time

#[test]
fn time_functions() {
    unknown("timestamp", vec![]);
    unknown("plantimestamp", vec![]);
    eq(
        "timeadd",
        vec![s("2017-11-22T00:00:00Z"), s("10m")],
        json!("2017-11-22T00:10:00Z"),
    );
    eq(
        "timeadd",
        vec![s("2017-11-22T00:00:00Z"), s("-1h")],
        json!("2017-11-21T23:00:00Z"),
    );
    eq(
        "timeadd",
        vec![s("2024-02-28T12:00:00+02:00"), s("24h")],
        json!("2024-02-29T12:00:00+02:00"),
    );
    eq(
        "timeadd",
        vec![s("2017-11-22T00:00:00.5Z"), s("1.5s")],
        json!("2017-11-22T00:00:02Z"),
    );
    invalid("timeadd", vec![s("2017-11-22"), s("1h")]);
    invalid("timeadd", vec![s("2017-11-22T00:00:00Z"), s("1 day")]);
    eq(
        "formatdate",
        vec![s("DD MMM YYYY hh:mm ZZZ"), s("2018-01-02T23:12:01Z")],
        json!("02 Jan 2018 23:12 UTC"),
    );
    eq(
        "formatdate",
        vec![s("EEEE, DD-MMM-YY hh:mm:ss ZZZ"), s("2018-01-02T23:12:01Z")],
        json!("Tuesday, 02-Jan-18 23:12:01 UTC"),
    );
    eq(
        "formatdate",
        vec![s("MMM DD, YYYY"), s("2018-01-02T23:12:01Z")],
        json!("Jan 02, 2018"),
    );
    eq(
        "formatdate",
        vec![s("HH:mmaa"), s("2018-01-02T23:12:01Z")],
        json!("11:12pm"),
    );
    eq(
        "formatdate",
        vec![s("h'h'mm ZZZZZ"), s("2018-01-02T23:12:01-08:00")],
        json!("23h12 -08:00"),
    );
    eq(
        "formatdate",
        vec![
            s("EEE, DD MMM YYYY hh:mm:ss ZZZ"),
            s("2018-01-02T23:12:01-08:00"),
        ],
        json!("Tue, 02 Jan 2018 23:12:01 -0800"),
    );
    eq(
        "formatdate",
        vec![s("Z|ZZZZ"), s("2018-01-02T23:12:01+05:30")],
        json!("+05:30|+0530"),
    );
    eq(
        "formatdate",
        vec![s("Z"), s("2018-01-02T23:12:01Z")],
        json!("Z"),
    );
    eq(
        "formatdate",
        vec![s("''D'''th'"), s("2018-01-02T23:12:01Z")],
        json!("'2'th"),
    );
    unknown("formatdate", vec![s("ZZZ"), s("2018-01-02T23:12:01+00:00")]);
    unknown("formatdate", vec![s("'open"), s("2018-01-02T23:12:01Z")]);
    eq(
        "timeadd",
        vec![s("2018-01-02T23:12:01+00:00"), s("1s")],
        json!("2018-01-02T23:12:02Z"),
    );
    invalid("formatdate", vec![s("QQ"), s("2018-01-02T23:12:01Z")]);
    eq(
        "timecmp",
        vec![s("2017-11-22T00:00:00Z"), s("2017-11-22T00:00:00Z")],
        json!(0),
    );
    eq(
        "timecmp",
        vec![s("2017-11-22T00:00:00Z"), s("2017-11-22T01:00:00+01:00")],
        json!(0),
    );
    eq(
        "timecmp",
        vec![s("2017-11-22T00:00:01Z"), s("2017-11-22T00:00:00Z")],
        json!(1),
    );
    eq(
        "timecmp",
        vec![s("2017-11-21T00:00:01Z"), s("2017-11-22T00:00:00Z")],
        json!(-1),
    );
}

// ---------------------------------------------------------------- IP

#[test]
fn cidrhost_examples() {
    eq(
        "cidrhost",
        vec![s("10.12.112.0/20"), n(16.0)],
        json!("10.12.112.16"),
    );
    eq(
        "cidrhost",
        vec![s("10.12.112.0/20"), n(268.0)],
        json!("10.12.113.12"),
    );
    eq(
        "cidrhost",
        vec![s("fd00:fd12:3456:7890:00a2::/72"), n(34.0)],
        json!("fd00:fd12:3456:7890::22"),
    );
    eq(
        "cidrhost",
        vec![s("10.1.1.0/20"), n(10.0)],
        json!("10.1.0.10"),
    );
    eq(
        "cidrhost",
        vec![s("10.0.0.0/24"), n(-1.0)],
        json!("10.0.0.255"),
    );
    eq(
        "cidrhost",
        vec![s("10.0.0.0/24"), n(-256.0)],
        json!("10.0.0.0"),
    );
    eq(
        "cidrhost",
        vec![s("10.0.0.0/24"), n(255.0)],
        json!("10.0.0.255"),
    );
    eq("cidrhost", vec![s("::/0"), n(1.0)], json!("::1"));
    let m = invalid("cidrhost", vec![s("10.0.0.0/24"), n(256.0)]);
    assert!(
        m.contains("does not accommodate a host numbered 256"),
        "{m}"
    );
    invalid("cidrhost", vec![s("10.0.0.0/24"), n(-257.0)]);
    invalid("cidrhost", vec![s("10.0.0.0"), n(1.0)]);
    invalid("cidrhost", vec![s("10.0.0.0/33"), n(1.0)]);
    invalid("cidrhost", vec![s("10.0.0.256/8"), n(1.0)]);
    unknown("cidrhost", vec![unk(), n(1.0)]);
}

#[test]
fn cidrnetmask_examples() {
    eq(
        "cidrnetmask",
        vec![s("172.16.0.0/12")],
        json!("255.240.0.0"),
    );
    eq(
        "cidrnetmask",
        vec![s("192.168.0.1/20")],
        json!("255.255.240.0"),
    );
    eq("cidrnetmask", vec![s("10.0.0.0/0")], json!("0.0.0.0"));
    eq(
        "cidrnetmask",
        vec![s("10.0.0.0/32")],
        json!("255.255.255.255"),
    );
    invalid("cidrnetmask", vec![s("fd00::/8")]);
}

#[test]
fn cidrsubnet_examples() {
    eq(
        "cidrsubnet",
        vec![s("172.16.0.0/12"), n(4.0), n(2.0)],
        json!("172.18.0.0/16"),
    );
    eq(
        "cidrsubnet",
        vec![s("10.1.2.0/24"), n(4.0), n(15.0)],
        json!("10.1.2.240/28"),
    );
    eq(
        "cidrsubnet",
        vec![s("fd00:fd12:3456:7890::/56"), n(16.0), n(162.0)],
        json!("fd00:fd12:3456:7800:a200::/72"),
    );
    eq(
        "cidrsubnet",
        vec![s("10.0.0.0/16"), n(8.0), n(255.0)],
        json!("10.0.255.0/24"),
    );
    eq(
        "cidrsubnet",
        vec![s("010.001.0.0/16"), n(8.0), n(1.0)],
        json!("10.1.1.0/24"),
    );
    eq(
        "cidrsubnet",
        vec![s("10.0.0.0/8"), n(0.0), n(0.0)],
        json!("10.0.0.0/8"),
    );
    let m = invalid("cidrsubnet", vec![s("10.0.0.0/4"), n(30.0), n(0.0)]);
    assert!(m.contains("exceeds 32 bits for IPv4"), "{m}");
    let m = invalid("cidrsubnet", vec![s("10.0.0.0/8"), n(8.0), n(256.0)]);
    assert!(
        m.contains("does not accommodate a subnet numbered 256"),
        "{m}"
    );
    let m = invalid("cidrsubnet", vec![s("fd00::/8"), n(33.0), n(0.0)]);
    assert!(m.contains("more than 32 bits"), "{m}");
    invalid("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), n(-1.0)]);
    invalid("cidrsubnet", vec![s("10.0.0.0/16"), n(-1.0), n(0.0)]);
    invalid("cidrsubnet", vec![s("not-a-cidr"), n(1.0), n(1.0)]);
    invalid("cidrsubnet", vec![s("10.0.0.0/16"), n(1.5), n(0.0)]);
    unknown("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), unk()]);
}

#[test]
fn cidrsubnets_examples() {
    eq(
        "cidrsubnets",
        vec![s("10.1.0.0/16"), n(4.0), n(4.0), n(8.0), n(4.0)],
        json!([
            "10.1.0.0/20",
            "10.1.16.0/20",
            "10.1.32.0/24",
            "10.1.48.0/20"
        ]),
    );
    eq(
        "cidrsubnets",
        vec![
            s("fd00:fd12:3456:7890::/56"),
            n(16.0),
            n(16.0),
            n(16.0),
            n(32.0),
        ],
        json!([
            "fd00:fd12:3456:7800::/72",
            "fd00:fd12:3456:7800:100::/72",
            "fd00:fd12:3456:7800:200::/72",
            "fd00:fd12:3456:7800:300::/88"
        ]),
    );
    eq("cidrsubnets", vec![s("10.0.0.0/8")], json!([]));
    eq(
        "cidrsubnets",
        vec![s("10.0.0.0/8"), n(1.0), n(1.0)],
        json!(["10.0.0.0/9", "10.128.0.0/9"]),
    );
    let m = invalid("cidrsubnets", vec![s("10.0.0.0/8"), n(1.0), n(1.0), n(1.0)]);
    assert!(m.contains("not enough remaining address space for a subnet with a prefix of 9 bits after 10.128.0.0/9"), "{m}");
    let m = invalid("cidrsubnets", vec![s("10.0.0.0/30"), n(1.0), n(3.0)]);
    assert!(
        m.contains("would extend prefix to 33 bits, which is too long for an IPv4 address"),
        "{m}"
    );
    invalid("cidrsubnets", vec![s("10.0.0.0/8"), n(1.0), n(0.0)]);
    invalid("cidrsubnets", vec![s("fe80::/48"), n(1.0), n(33.0)]);
    invalid("cidrsubnets", vec![s("10.0.0.0/8"), n(1e9)]);
    unknown("cidrsubnets", vec![s("10.0.0.0/8"), unk()]);
}

// ---------------------------------------------------------------- conversion

#[test]
fn conversions() {
    eq("tobool", vec![b(true)], json!(true));
    eq("tobool", vec![s("true")], json!(true));
    eq("tobool", vec![s("false")], json!(false));
    eq("tobool", vec![null()], json!(null));
    invalid("tobool", vec![s("no")]);
    invalid("tobool", vec![n(1.0)]);
    eq("tonumber", vec![n(1.0)], json!(1));
    eq("tonumber", vec![s("1")], json!(1));
    eq("tonumber", vec![s("-2.5e1")], json!(-25));
    eq("tonumber", vec![null()], json!(null));
    invalid("tonumber", vec![s("no")]);
    invalid("tonumber", vec![s("inf")]);
    eq("tostring", vec![s("hello")], json!("hello"));
    eq("tostring", vec![n(1.0)], json!("1"));
    eq("tostring", vec![n(1.5)], json!("1.5"));
    eq("tostring", vec![b(true)], json!("true"));
    eq("tostring", vec![null()], json!(null));
    invalid("tostring", vec![j(json!([]))]);
    eq(
        "tolist",
        vec![j(json!(["a", "b", "c"]))],
        json!(["a", "b", "c"]),
    );
    let l = ok("tolist", vec![Value::list(vec![unk(), s("a")])]);
    assert_eq!(l.as_list().map(<[Value]>::len), Some(2));
    invalid("tolist", vec![j(json!({"a": 1}))]);
    eq(
        "tolist",
        vec![j(json!(["a", 1, true, null]))],
        json!(["a", "1", "true", null]),
    );
    eq("tolist", vec![j(json!([1, 2]))], json!([1, 2]));
    eq(
        "tomap",
        vec![j(json!({"a": 1, "b": "x"}))],
        json!({"a": "1", "b": "x"}),
    );
    eq(
        "tomap",
        vec![j(json!({"a": 1, "b": 2}))],
        json!({"a": 1, "b": 2}),
    );
    invalid("tomap", vec![j(json!(["a"]))]);
    eq(
        "toset",
        vec![j(json!(["a", "b", "c"]))],
        json!(["a", "b", "c"]),
    );
    eq("toset", vec![j(json!(["c", "b", "b"]))], json!(["b", "c"]));
    eq(
        "toset",
        vec![j(json!(["a", "b", 3]))],
        json!(["3", "a", "b"]),
    );
    unknown("toset", vec![Value::list(vec![unk(), s("a")])]);
    eq("sensitive", vec![s("x")], json!("x"));
    eq("nonsensitive", vec![s("x")], json!("x"));
    eq("issensitive", vec![s("x")], json!(false));
    unknown("type", vec![s("x")]);
}

// ---------------------------------------------------------------- unknowns and bounds

#[test]
fn unknowns_propagate_and_never_become_false() {
    for (name, args) in [
        ("upper", vec![unk()]),
        ("join", vec![s(","), Value::list(vec![unk()])]),
        ("cidrsubnet", vec![unk(), n(8.0), n(1.0)]),
        ("contains", vec![Value::list(vec![unk()]), s("a")]),
        ("startswith", vec![unk(), s("a")]),
        ("strcontains", vec![s("abc"), unk()]),
        ("tobool", vec![unk()]),
        ("distinct", vec![Value::list(vec![s("a"), unk()])]),
        ("index", vec![Value::list(vec![unk()]), s("a")]),
        ("replace", vec![s("abc"), unk(), s("x")]),
        ("regex", vec![unk(), s("abc")]),
        ("tostring", vec![unk()]),
        ("base64encode", vec![unk()]),
        ("sha256", vec![unk()]),
        ("timeadd", vec![unk(), s("1h")]),
        (
            "setintersection",
            vec![Value::list(vec![unk()]), j(json!(["a"]))],
        ),
        ("transpose", vec![unk()]),
    ] {
        let v = ok(name, args);
        assert!(v.is_unknown(), "{name}: {v:?}");
        assert!(!matches!(v.data, Data::Bool(false)));
    }
}

#[test]
fn float_results_terraform_computes_exactly_are_not_guessed() {
    // Terraform's numbers are arbitrary-precision decimals.
    unknown("range", vec![n(0.0), n(1.0), n(0.1)]);
    unknown("sum", vec![j(json!([0.1, 0.2]))]);
    eq("sum", vec![j(json!([0.5, 0.25]))], json!(0.75));
    eq("sum", vec![j(json!([0.1]))], json!(0.1));
    unknown("format", vec![s("%.2f"), n(2.675)]);
    eq("format", vec![s("%.2f"), n(0.375)], json!("0.38"));
    eq("format", vec![s("%.1f"), n(0.25)], json!("0.2"));
    unknown("title", vec![s("ǆemal")]);
}

#[test]
fn re2_quoting_is_supported() {
    eq("regex", vec![s(r"\Q1+1\E=(\d)"), s("1+1=2")], json!(["2"]));
    eq(
        "replace",
        vec![s("a.b.c"), s(r"/\Q.\E/"), s("-")],
        json!("a-b-c"),
    );
}

#[test]
fn hostile_inputs_are_bounded() {
    limit("range", vec![n(1e300)]);
    // Set functions stay fast on long lists.
    let half: Vec<Value> = (0..50_000).map(|i| s(&format!("k{i}"))).collect();
    let other: Vec<Value> = (25_000..75_000).map(|i| s(&format!("k{i}"))).collect();
    let start = std::time::Instant::now();
    let v = ok(
        "setunion",
        vec![Value::list(half.clone()), Value::list(other.clone())],
    );
    assert_eq!(v.as_list().map(<[Value]>::len), Some(75_000));
    let v = ok(
        "setintersection",
        vec![Value::list(half.clone()), Value::list(other.clone())],
    );
    assert_eq!(v.as_list().map(<[Value]>::len), Some(25_000));
    let v = ok(
        "setsubtract",
        vec![Value::list(half.clone()), Value::list(other.clone())],
    );
    assert_eq!(v.as_list().map(<[Value]>::len), Some(25_000));
    let v = ok(
        "distinct",
        vec![Value::list([half.clone(), half.clone()].concat())],
    );
    assert_eq!(v.as_list().map(<[Value]>::len), Some(50_000));
    let v = ok(
        "matchkeys",
        vec![
            Value::list(half.clone()),
            Value::list(half),
            Value::list(other),
        ],
    );
    assert_eq!(v.as_list().map(<[Value]>::len), Some(25_000));
    assert!(start.elapsed().as_secs() < 30);
    // Rust's formatter panics above a precision of 65535; these must not.
    let v = ok("format", vec![s("%.70000f"), n(1.0)]);
    assert_eq!(v.as_str().map(str::len), Some(70_002));
    let v = ok("format", vec![s("%.70000e|%.70000g"), n(1.0), n(2.0)]);
    assert_eq!(v.as_str().map(str::len), Some(70_008));
    let v = ok("format", vec![s("%70000d"), n(1.0)]);
    assert_eq!(v.as_str().map(str::len), Some(70_000));
    invalid("range", vec![n(f64::MAX), n(0.0), n(1.0)]);
    limit("format", vec![s("%99999999999999999999999s"), s("x")]);
    limit("indent", vec![n(9e15), s(&"\n".repeat(10))]);
    limit("split", vec![s(""), s(&"x".repeat(200_000))]);
    let big = Value::list((0..60_000).map(|i| n(f64::from(i))).collect());
    limit("concat", vec![big.clone(), big.clone()]);
    limit("setunion", vec![big.clone(), big]);
    invalid("cidrsubnets", vec![s("::/0"), n(9e15)]);
    invalid("element", vec![j(json!(["a"])), n(f64::MAX)]);
    invalid("substr", vec![s("x"), n(f64::INFINITY), n(1.0)]);
    invalid("chunklist", vec![j(json!(["a"])), n(f64::NAN)]);
    limit("regex", vec![s("(((a{100}){100}){100})"), s("a")]);
    let _ = run("format", vec![s("%[99999999999999999999]s"), s("x")]);
    let _ = run("format", vec![s("%-0+ #[1]5.3x"), n(-255.0)]);
    let _ = run(
        "formatdate",
        vec![s("'unterminated"), s("2018-01-02T23:12:01Z")],
    );
    let _ = run("timeadd", vec![s("9999-12-31T23:59:59Z"), s("9999999999h")]);
    let _ = run("parseint", vec![s("-"), n(10.0)]);
}
