//! Helpers shared by the fuzz targets.
#![forbid(unsafe_code)]

use isolint_model::{Data, Value};
use std::path::PathBuf;

/// Evaluation bounds used while fuzzing: lower than the defaults so that one
/// input takes milliseconds, not seconds (the defaults are exercised by
/// `crates/isolint/tests/adversarial.rs`).
pub const FUZZ_EVAL_STEPS: u64 = 200_000;
pub const FUZZ_INSTANCES: usize = 1_000;

/// A private, empty folder for this fuzzing process (the scan root: nothing
/// outside it may be read).
pub fn scratch_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isolint-fuzz-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Writes `data` as the only file `file_name` of a fresh root folder.
pub fn write_root(name: &str, file_name: &str, data: &[u8]) -> PathBuf {
    let d = scratch_dir(name);
    if let Ok(rd) = std::fs::read_dir(&d) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                let _ = std::fs::remove_dir_all(&p);
            } else {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
    let _ = std::fs::write(d.join(file_name), data);
    d
}

/// A JSON value as a Terraform value.
pub fn to_value(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::null(),
        serde_json::Value::Bool(b) => Value::bool(*b),
        serde_json::Value::Number(n) => Value::number(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) if s == "<unknown>" => Value::unknown(),
        serde_json::Value::String(s) => Value::string(s.clone()),
        serde_json::Value::Array(a) => Value::list(a.iter().map(to_value).collect()),
        serde_json::Value::Object(o) => {
            Value::map(o.iter().map(|(k, v)| (k.clone(), to_value(v))).collect())
        }
    }
}

/// Keeps the compiler from dropping a result.
pub fn consume(v: &Value) -> bool {
    matches!(v.data, Data::Null)
}
