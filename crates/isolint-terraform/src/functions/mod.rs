//! The Terraform function library, implemented from Terraform's documented semantics.
//!
//! [`call`] evaluates one function on already-evaluated arguments. Unknown
//! arguments make the result unknown (except where Terraform documents
//! otherwise). `try` and `can`, which need unevaluated arguments, and
//! `templatefile`, which needs the template evaluator, live in the evaluator.
//!
//! # Unknowns
//!
//! An argument that is or contains [`Data::Unknown`] makes the result
//! unknown, except for the functions that look inside their arguments:
//! `length` (a list of unknowns has a known length), `coalesce` and
//! `coalescelist` (the first usable argument, if every argument before it is
//! known), `concat`, `merge`, `chunklist`, `element`, `lookup`, `one`,
//! `keys`, `values`, `reverse`, `slice`, `zipmap`, `tolist`, `tomap`,
//! `formatlist`, `sensitive` and `nonsensitive` (which keep unknown elements
//! where they are). `flatten` is unknown when an element is unknown, since
//! that element may itself be a list. Unknown is never turned into `false`
//! or an empty value.
//!
//! # Unknown by design
//!
//! Some answers cannot be computed before deployment or exactly without
//! Terraform's own machinery; these return unknown rather than a guess:
//! `uuid`, `bcrypt`, `rsadecrypt`, `timestamp`, `plantimestamp`, `type`,
//! `yamlencode`, `base64gzip`, `yamldecode` (unless the document is JSON),
//! `abspath` of a relative path, `pathexpand` of `~`, text encodings other
//! than UTF-8, strings whose characters need full Unicode segmentation or
//! case mapping, decimal arithmetic a float cannot reproduce (`range` with a
//! step like 0.1, `sum` of non-binary fractions, `%.2f` of 2.675), and a
//! few undocumented corners (noted where they are handled).
//!
//! # Bounds
//!
//! No result list grows past [`MAX_LIST`] elements and no result string past
//! [`MAX_STRING`] bytes (checked before the allocation); files larger than
//! [`MAX_STRING`] are not read and nothing outside [`FnCtx::root`] is. No
//! input makes a function panic.

use isolint_model::{Data, OriginKind, Span, Value};
use std::path::Path;

mod collections;
mod conversion;
mod encoding;
mod filesystem;
mod format;
mod hash;
mod ip;
mod numeric;
mod strings;
mod text;
mod time;

/// The longest list a function may produce.
pub const MAX_LIST: usize = 100_000;
/// The longest string (in bytes) a function may produce.
pub const MAX_STRING: usize = 16 * 1024 * 1024;

/// What a function may need beyond its arguments.
pub struct FnCtx<'a> {
    /// The folder of the module being evaluated (`path.module`), for `file()` and friends.
    pub module_dir: &'a Path,
    /// No file outside this folder is read.
    pub root: &'a Path,
    /// The call expression, given to the result as its origin.
    pub span: Option<Span>,
}

/// Why a call produced no value.
#[derive(Debug, Clone, PartialEq)]
pub enum FnError {
    /// No function of that name.
    UnknownFunction(String),
    /// Wrong number or type of arguments, or an argument Terraform rejects.
    Invalid(String),
    /// The result would exceed a resource bound (reported as AML004).
    Limit(String),
}

/// How a function treats unknown arguments.
#[derive(Clone, Copy, PartialEq)]
enum Unknowns {
    /// Any argument that is or contains an unknown makes the result unknown.
    Propagate,
    /// The function looks at unknowns itself (`length`, `concat`, ...).
    Handle,
}

type Impl = fn(&Args<'_>) -> Result<Value, FnError>;

struct Spec {
    min: usize,
    /// `None`: variadic.
    max: Option<usize>,
    unknowns: Unknowns,
    f: Impl,
}

const fn spec(min: usize, max: Option<usize>, unknowns: Unknowns, f: Impl) -> Spec {
    Spec {
        min,
        max,
        unknowns,
        f,
    }
}

fn lookup(name: &str) -> Option<Spec> {
    use Unknowns::{Handle as H, Propagate as P};
    let n = |k: usize| Some(k);
    Some(match name {
        // strings
        "chomp" => spec(1, n(1), P, strings::chomp),
        "endswith" => spec(2, n(2), P, strings::endswith),
        "format" => spec(1, None, P, format::format),
        "formatlist" => spec(1, None, H, format::formatlist),
        "indent" => spec(2, n(2), P, strings::indent),
        "join" => spec(2, None, P, strings::join),
        "lower" => spec(1, n(1), P, strings::lower),
        "upper" => spec(1, n(1), P, strings::upper),
        "title" => spec(1, n(1), P, strings::title),
        "regex" => spec(2, n(2), P, strings::regex),
        "regexall" => spec(2, n(2), P, strings::regexall),
        "replace" => spec(3, n(3), P, strings::replace),
        "split" => spec(2, n(2), P, strings::split),
        "startswith" => spec(2, n(2), P, strings::startswith),
        "strcontains" => spec(2, n(2), P, strings::strcontains),
        "strrev" => spec(1, n(1), P, strings::strrev),
        "substr" => spec(3, n(3), P, strings::substr),
        "trim" => spec(2, n(2), P, strings::trim),
        "trimprefix" => spec(2, n(2), P, strings::trimprefix),
        "trimsuffix" => spec(2, n(2), P, strings::trimsuffix),
        "trimspace" => spec(1, n(1), P, strings::trimspace),
        // numeric
        "abs" => spec(1, n(1), P, numeric::abs),
        "ceil" => spec(1, n(1), P, numeric::ceil),
        "floor" => spec(1, n(1), P, numeric::floor),
        "log" => spec(2, n(2), P, numeric::log),
        "max" => spec(1, None, P, numeric::max),
        "min" => spec(1, None, P, numeric::min),
        "parseint" => spec(2, n(2), P, numeric::parseint),
        "pow" => spec(2, n(2), P, numeric::pow),
        "signum" => spec(1, n(1), P, numeric::signum),
        // collections
        "alltrue" => spec(1, n(1), P, collections::alltrue),
        "anytrue" => spec(1, n(1), P, collections::anytrue),
        "chunklist" => spec(2, n(2), H, collections::chunklist),
        "coalesce" => spec(1, None, H, collections::coalesce),
        "coalescelist" => spec(1, None, H, collections::coalescelist),
        "compact" => spec(1, n(1), P, collections::compact),
        "concat" => spec(0, None, H, collections::concat),
        "contains" => spec(2, n(2), P, collections::contains),
        "distinct" => spec(1, n(1), P, collections::distinct),
        "element" => spec(2, n(2), H, collections::element),
        "flatten" => spec(1, n(1), H, collections::flatten),
        "index" => spec(2, n(2), P, collections::index),
        "keys" => spec(1, n(1), H, collections::keys),
        "length" => spec(1, n(1), H, collections::length),
        "lookup" => spec(2, n(3), H, collections::lookup),
        "matchkeys" => spec(3, n(3), P, collections::matchkeys),
        "merge" => spec(0, None, H, collections::merge),
        "one" => spec(1, n(1), H, collections::one),
        "range" => spec(1, n(3), P, collections::range),
        "reverse" => spec(1, n(1), H, collections::reverse),
        "setintersection" => spec(1, None, P, collections::setintersection),
        "setproduct" => spec(2, None, P, collections::setproduct),
        "setsubtract" => spec(2, n(2), P, collections::setsubtract),
        "setunion" => spec(1, None, P, collections::setunion),
        "slice" => spec(3, n(3), H, collections::slice),
        "sort" => spec(1, n(1), P, collections::sort),
        "sum" => spec(1, n(1), P, collections::sum),
        "transpose" => spec(1, n(1), P, collections::transpose),
        "values" => spec(1, n(1), H, collections::values),
        "zipmap" => spec(2, n(2), H, collections::zipmap),
        // encoding
        "base64decode" => spec(1, n(1), P, encoding::base64decode),
        "base64encode" => spec(1, n(1), P, encoding::base64encode),
        "csvdecode" => spec(1, n(1), P, encoding::csvdecode),
        "jsondecode" => spec(1, n(1), P, encoding::jsondecode),
        "jsonencode" => spec(1, n(1), P, encoding::jsonencode),
        "textencodebase64" => spec(2, n(2), P, encoding::textencodebase64),
        "textdecodebase64" => spec(2, n(2), P, encoding::textdecodebase64),
        "urlencode" => spec(1, n(1), P, encoding::urlencode),
        "yamlencode" => spec(1, n(1), P, always_unknown),
        "yamldecode" => spec(1, n(1), P, encoding::yamldecode),
        "base64gzip" => spec(1, n(1), P, always_unknown),
        // filesystem
        "abspath" => spec(1, n(1), P, filesystem::abspath),
        "basename" => spec(1, n(1), P, filesystem::basename),
        "dirname" => spec(1, n(1), P, filesystem::dirname),
        "pathexpand" => spec(1, n(1), P, filesystem::pathexpand),
        "file" => spec(1, n(1), P, filesystem::file),
        "fileexists" => spec(1, n(1), P, filesystem::fileexists),
        "filebase64" => spec(1, n(1), P, filesystem::filebase64),
        "fileset" => spec(2, n(2), P, filesystem::fileset),
        // hash and crypto
        "md5" => spec(1, n(1), P, hash::md5),
        "sha1" => spec(1, n(1), P, hash::sha1),
        "sha256" => spec(1, n(1), P, hash::sha256),
        "sha512" => spec(1, n(1), P, hash::sha512),
        "base64sha256" => spec(1, n(1), P, hash::base64sha256),
        "base64sha512" => spec(1, n(1), P, hash::base64sha512),
        "filemd5" => spec(1, n(1), P, hash::filemd5),
        "filesha1" => spec(1, n(1), P, hash::filesha1),
        "filesha256" => spec(1, n(1), P, hash::filesha256),
        "filesha512" => spec(1, n(1), P, hash::filesha512),
        "filebase64sha256" => spec(1, n(1), P, hash::filebase64sha256),
        "filebase64sha512" => spec(1, n(1), P, hash::filebase64sha512),
        "uuid" => spec(0, n(0), P, always_unknown),
        "uuidv5" => spec(2, n(2), P, hash::uuidv5),
        "bcrypt" => spec(1, n(2), P, always_unknown),
        "rsadecrypt" => spec(2, n(2), P, always_unknown),
        // time
        "timestamp" => spec(0, n(0), P, always_unknown),
        "plantimestamp" => spec(0, n(0), P, always_unknown),
        "timeadd" => spec(2, n(2), P, time::timeadd),
        "timecmp" => spec(2, n(2), P, time::timecmp),
        "formatdate" => spec(2, n(2), P, time::formatdate),
        // IP network
        "cidrhost" => spec(2, n(2), P, ip::cidrhost),
        "cidrnetmask" => spec(1, n(1), P, ip::cidrnetmask),
        "cidrsubnet" => spec(3, n(3), P, ip::cidrsubnet),
        "cidrsubnets" => spec(1, None, P, ip::cidrsubnets),
        // type conversion
        "tobool" => spec(1, n(1), P, conversion::tobool),
        "tolist" => spec(1, n(1), H, conversion::tolist),
        "tomap" => spec(1, n(1), H, conversion::tomap),
        "tonumber" => spec(1, n(1), P, conversion::tonumber),
        "toset" => spec(1, n(1), P, conversion::toset),
        "tostring" => spec(1, n(1), P, conversion::tostring),
        "sensitive" => spec(1, n(1), H, conversion::passthrough),
        "nonsensitive" => spec(1, n(1), H, conversion::passthrough),
        "issensitive" => spec(1, n(1), H, conversion::issensitive),
        "type" => spec(1, n(1), H, always_unknown),
        _ => return None,
    })
}

/// Calls a Terraform function.
pub fn call(name: &str, args: Vec<Value>, ctx: &FnCtx<'_>) -> Result<Value, FnError> {
    if name.contains("::") {
        return Err(FnError::UnknownFunction(name.to_string()));
    }
    let Some(spec) = lookup(name) else {
        return Err(FnError::UnknownFunction(name.to_string()));
    };
    let count = args.len();
    if count < spec.min || spec.max.is_some_and(|max| count > max) {
        let expected = match spec.max {
            Some(max) if max == spec.min => format!("{max}"),
            Some(max) => format!("{} to {max}", spec.min),
            None => format!("at least {}", spec.min),
        };
        let plural = if expected == "1" { "" } else { "s" };
        return Err(FnError::Invalid(format!(
            "{name}: expects {expected} argument{plural}, got {count}"
        )));
    }
    if spec.unknowns == Unknowns::Propagate && !args.iter().all(Value::is_wholly_known) {
        return Ok(Value::unknown_at(ctx.span));
    }
    let call = Args { name, args, ctx };
    let mut out = (spec.f)(&call)?;
    out.origin.kind = OriginKind::Computed;
    if let Some(span) = ctx.span {
        out.origin.span = Some(span);
        stamp_children(&mut out, span);
    }
    Ok(out)
}

/// Gives the call's span to the parts of a result the function built
/// (parts taken from the arguments keep their own origin).
fn stamp_children(v: &mut Value, span: Span) {
    let children: Box<dyn Iterator<Item = &mut Value>> = match &mut v.data {
        Data::List(items) => Box::new(items.iter_mut()),
        Data::Map(m) => Box::new(m.values_mut()),
        _ => return,
    };
    for child in children {
        if child.origin.span.is_none() {
            child.origin.span = Some(span);
            child.origin.kind = OriginKind::Computed;
        }
        stamp_children(child, span);
    }
}

fn always_unknown(_: &Args<'_>) -> Result<Value, FnError> {
    Ok(Value::unknown())
}

/// One call's arguments, with typed accessors that convert as Terraform does.
pub(crate) struct Args<'a> {
    pub name: &'a str,
    pub args: Vec<Value>,
    pub ctx: &'a FnCtx<'a>,
}

impl Args<'_> {
    pub fn len(&self) -> usize {
        self.args.len()
    }

    pub fn get(&self, i: usize) -> Result<&Value, FnError> {
        self.args
            .get(i)
            .ok_or_else(|| self.invalid(format!("missing argument {}", i + 1)))
    }

    pub fn invalid(&self, msg: impl AsRef<str>) -> FnError {
        FnError::Invalid(format!("{}: {}", self.name, msg.as_ref()))
    }

    /// A bound was hit. The caller names the function in its report, so the
    /// message does not.
    pub fn limit(&self, msg: impl AsRef<str>) -> FnError {
        FnError::Limit(msg.as_ref().to_string())
    }

    fn what(&self, i: usize) -> String {
        format!("argument {}", i + 1)
    }

    /// A string argument (numbers and bools convert).
    pub fn str(&self, i: usize) -> Result<String, FnError> {
        let v = self.get(i)?;
        to_string(v).map_err(|e| self.invalid(format!("{} {e}", self.what(i))))
    }

    /// A number argument (numeric strings convert).
    pub fn num(&self, i: usize) -> Result<f64, FnError> {
        let v = self.get(i)?;
        to_number(v).map_err(|e| self.invalid(format!("{} {e}", self.what(i))))
    }

    /// A whole-number argument.
    pub fn int(&self, i: usize) -> Result<i64, FnError> {
        let n = self.num(i)?;
        to_int(n).ok_or_else(|| {
            let why = if n.fract() == 0.0 {
                "must be a whole number between -2^53 and 2^53"
            } else {
                "must be a whole number"
            };
            self.invalid(format!(
                "{} {why}, got {}",
                self.what(i),
                isolint_model::value::format_number(n)
            ))
        })
    }

    /// A list, tuple or set argument.
    pub fn list(&self, i: usize) -> Result<&[Value], FnError> {
        let v = self.get(i)?;
        match &v.data {
            Data::List(items) => Ok(items),
            Data::Null => Err(self.invalid(format!("{} must not be null", self.what(i)))),
            _ => Err(self.invalid(format!(
                "{} must be a list, got {}",
                self.what(i),
                v.type_name()
            ))),
        }
    }

    /// A map or object argument.
    pub fn map(&self, i: usize) -> Result<&isolint_model::ValueMap, FnError> {
        let v = self.get(i)?;
        match &v.data {
            Data::Map(m) => Ok(m),
            Data::Null => Err(self.invalid(format!("{} must not be null", self.what(i)))),
            _ => Err(self.invalid(format!(
                "{} must be a map, got {}",
                self.what(i),
                v.type_name()
            ))),
        }
    }

    /// A string result, bounded.
    pub fn string_result(&self, s: String) -> Result<Value, FnError> {
        if s.len() > MAX_STRING {
            return Err(self.limit(format!("result longer than {MAX_STRING} bytes")));
        }
        Ok(Value::string(s))
    }

    /// Fails when a list of `n` elements would be too long.
    pub fn check_list_len(&self, n: usize) -> Result<(), FnError> {
        if n > MAX_LIST {
            return Err(self.limit(format!(
                "result would have {n} elements, more than {MAX_LIST}"
            )));
        }
        Ok(())
    }

    /// Fails when a string of `n` bytes would be too long.
    pub fn check_str_len(&self, n: usize) -> Result<(), FnError> {
        if n > MAX_STRING {
            return Err(self.limit(format!(
                "result would be {n} bytes long, more than {MAX_STRING}"
            )));
        }
        Ok(())
    }
}

/// Converts a primitive to a string as Terraform does.
pub(crate) fn to_string(v: &Value) -> Result<String, String> {
    match &v.data {
        Data::String(s) => Ok(s.clone()),
        Data::Number(n) => number_to_string(*n).ok_or_else(|| "is not a finite number".to_string()),
        Data::Bool(b) => Ok(b.to_string()),
        Data::Null => Err("must not be null".to_string()),
        Data::Unknown => Err("is unknown".to_string()),
        Data::List(_) | Data::Map(_) => Err(format!("must be a string, got {}", v.type_name())),
    }
}

/// A number as Terraform prints it (never with an exponent).
pub(crate) fn number_to_string(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    if n == 0.0 {
        return Some("0".to_string());
    }
    Some(format!("{n}"))
}

/// Converts a primitive to a number as Terraform does.
pub(crate) fn to_number(v: &Value) -> Result<f64, String> {
    match &v.data {
        Data::Number(n) if n.is_finite() => Ok(*n),
        Data::Number(_) => Err("is not a finite number".to_string()),
        Data::String(s) => parse_number(s).ok_or_else(|| format!("{s:?} is not a number")),
        Data::Null => Err("must not be null".to_string()),
        Data::Unknown => Err("is unknown".to_string()),
        _ => Err(format!("must be a number, got {}", v.type_name())),
    }
}

/// Parses a number written as Terraform accepts it in a string.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let starts_ok = body.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let chars_ok = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !starts_ok || !chars_ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Converts a primitive to a bool as Terraform does.
pub(crate) fn to_bool(v: &Value) -> Result<bool, String> {
    match &v.data {
        Data::Bool(b) => Ok(*b),
        Data::String(s) if s == "true" => Ok(true),
        Data::String(s) if s == "false" => Ok(false),
        Data::String(s) => Err(format!("{s:?} is not a bool (\"true\" or \"false\")")),
        Data::Null => Err("must not be null".to_string()),
        Data::Unknown => Err("is unknown".to_string()),
        _ => Err(format!("must be a bool, got {}", v.type_name())),
    }
}

/// True when `n` is a multiple of 2^-20 below 2^32: sums and products of a
/// few such numbers are exact in a float, as they are in Terraform's
/// arbitrary-precision arithmetic.
pub(crate) fn is_exact_decimal(n: f64) -> bool {
    let scaled = n * 1_048_576.0;
    n.is_finite() && n.abs() < 4_294_967_296.0 && scaled.fract() == 0.0
}

/// A float that is a whole number safely representable as an integer.
pub(crate) fn to_int(n: f64) -> Option<i64> {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    (n.is_finite() && n.fract() == 0.0 && n.abs() <= LIMIT).then_some(n as i64)
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

    pub fn s(x: &str) -> Value {
        Value::string(x)
    }
    pub fn sl(items: &[&str]) -> Value {
        Value::list(items.iter().map(|x| Value::string(*x)).collect())
    }
    pub fn run(name: &str, args: Vec<Value>) -> Result<Value, FnError> {
        let here = Path::new(".");
        let ctx = FnCtx {
            module_dir: here,
            root: here,
            span: None,
        };
        call(name, args, &ctx)
    }
    pub fn ok(name: &str, args: Vec<Value>) -> Value {
        match run(name, args) {
            Ok(v) => v,
            Err(e) => panic!("{name} failed: {e:?}"),
        }
    }
}
