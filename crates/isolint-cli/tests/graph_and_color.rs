//! `isolint graph`, colour (only on a terminal, never with `NO_COLOR`) and
//! the progress indicator (never when stderr is not a terminal).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn isolint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isolint"))
        .args(args)
        .current_dir(workspace_root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[test]
fn graph_formats_on_the_faulty_example() {
    let out = isolint(&["graph", "examples/faulty", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "registry"));
    assert!(
        out.stderr.is_empty(),
        "no progress output when not on a terminal"
    );
    let out = isolint(&["graph", "examples/faulty", "--format", "mermaid"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("flowchart LR"));
    let out = isolint(&["graph", "examples/faulty"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("digraph isolint {"));
    // The options `check` takes: a variable changes what is highlighted.
    let out = isolint(&[
        "graph",
        "examples/faulty",
        "--format",
        "json",
        "--var",
        "acr_sku=Premium",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let acr = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["short_type"] == "ContainerRegistry/registries")
        .unwrap();
    assert!(acr["severity"].is_null(), "{acr}");
}

#[test]
fn graph_errors_are_exit_status_2() {
    let out = isolint(&["graph", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    let out = isolint(&["graph", "examples/faulty", "--format", "png"]);
    assert_eq!(out.status.code(), Some(2));
    let out = isolint(&["graph", "examples/faulty", "--var", "novalue"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn no_colour_when_piped() {
    let out = isolint(&["check", "examples/faulty"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.contains(&0x1b),
        "no escape codes when stdout is a pipe"
    );
}

/// Runs `isolint check examples/faulty` on a pseudo-terminal (util-linux
/// `script`), with `NO_COLOR` set or not. `None` when `script` is missing.
fn on_a_terminal(no_color: Option<&str>, extra: &str) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_isolint");
    let mut cmd = Command::new("script");
    cmd.args([
        "-q",
        "-e",
        "-c",
        &format!("{bin} check examples/faulty {extra}"),
        "/dev/null",
    ])
    .current_dir(workspace_root())
    .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    // `script` from util-linux prints the program's output; anything else
    // (BSD `script` takes other arguments) is not a usable terminal.
    text.contains("AML301").then_some(text)
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let Some(tty) = on_a_terminal(None, "") else {
        eprintln!("note: util-linux `script` is not available; terminal colour not checked");
        return;
    };
    assert!(tty.contains("\x1b[1;31merror[AML301]"), "{tty}");
    let plain = on_a_terminal(Some("1"), "").unwrap();
    assert!(!plain.contains('\x1b'), "NO_COLOR=1: {plain}");
    let flag = on_a_terminal(None, "--no-color").unwrap();
    assert!(!flag.contains('\x1b'), "--no-color: {flag}");
}
