//! The Terraform function library with arbitrary arguments. The first byte
//! picks the function; the rest is a JSON array of arguments (the string
//! "<unknown>" stands for an unknown value), or, when it is not JSON, lines
//! taken as string arguments.
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "upper", "title",
    "regex", "regexall", "replace", "split", "startswith", "strcontains", "strrev", "substr",
    "trim", "trimprefix", "trimsuffix", "trimspace", "abs", "ceil", "floor", "log", "max", "min",
    "parseint", "pow", "signum", "alltrue", "anytrue", "chunklist", "coalesce", "coalescelist",
    "compact", "concat", "contains", "distinct", "element", "flatten", "index", "keys", "length",
    "lookup", "matchkeys", "merge", "one", "range", "reverse", "setintersection", "setproduct",
    "setsubtract", "setunion", "slice", "sort", "sum", "transpose", "values", "zipmap",
    "base64decode", "base64encode", "csvdecode", "jsondecode", "jsonencode", "textencodebase64",
    "textdecodebase64", "urlencode", "yamlencode", "yamldecode", "base64gzip", "abspath",
    "basename", "dirname", "pathexpand", "file", "fileexists", "filebase64", "fileset", "md5",
    "sha1", "sha256", "sha512", "base64sha256", "base64sha512", "filemd5", "filesha1",
    "filesha256", "filesha512", "filebase64sha256", "filebase64sha512", "uuid", "uuidv5",
    "bcrypt", "rsadecrypt", "timestamp", "plantimestamp", "timeadd", "timecmp", "formatdate",
    "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets", "tobool", "tolist", "tomap",
    "tonumber", "toset", "tostring", "sensitive", "nonsensitive", "issensitive", "type",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let args: Vec<isolint_model::Value> = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(a)) => a.iter().map(isolint_fuzz::to_value).collect(),
        Ok(v) => vec![isolint_fuzz::to_value(&v)],
        Err(_) => text.lines().map(isolint_model::Value::string).collect(),
    };
    let dir = isolint_fuzz::scratch_dir("functions");
    let ctx = isolint_terraform::functions::FnCtx {
        module_dir: &dir,
        root: &dir,
        span: None,
    };
    if let Ok(v) = isolint_terraform::functions::call(name, args, &ctx) {
        let _ = isolint_fuzz::consume(&v);
    }
});
