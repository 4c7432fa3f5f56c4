//! The `isolint` command: thin glue between the arguments and the library.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand, ValueEnum};
use isolint::{Config, FailOn};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "isolint",
    version,
    about = "Lint Azure Machine Learning network isolation in Terraform, ARM and Bicep"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and folders (default: the current folder).
    Check(Box<CheckArgs>),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print one rule's documentation.
    Explain {
        /// Rule ID, e.g. AML301.
        rule: String,
    },
    /// Print the resource graph the rules see (workspaces, private endpoints,
    /// VNets, subnets, DNS zones...), resources with findings highlighted.
    Graph(Box<GraphArgs>),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg graph.dot -o graph.svg`).
    Dot,
    /// A Mermaid flowchart (renders in GitHub and Azure DevOps Markdown).
    Mermaid,
    /// Nodes and edges with their kinds.
    Json,
}

#[derive(clap::Args)]
struct GraphArgs {
    /// Files and folders to read.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
    /// Write the graph to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Config file (default: the nearest .isolint.toml upward).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Terraform input variable NAME=VALUE.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Terraform variable file.
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// ARM / Bicep parameter file.
    #[arg(long, value_name = "FILE")]
    parameters: Vec<PathBuf>,
    /// Highlight only findings of these rules (IDs or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not highlight findings of these rules (IDs or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// No file outside this folder is read.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Compact,
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub code scanning and others).
    Sarif,
    /// JUnit XML: one test suite per file, one test case per rule.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and folders to lint.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Config file (default: the nearest .isolint.toml upward).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Terraform input variable NAME=VALUE.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Terraform variable file.
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// ARM / Bicep parameter file.
    #[arg(long, value_name = "FILE")]
    parameters: Vec<PathBuf>,
    /// Lowest severity that makes the exit status 1: error, warning, info or never.
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<String>,
    /// Run only these rules (IDs or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (IDs or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// No file outside this folder is read.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Terraform root module of the plan JSON files (default: the .tf files beside each plan).
    #[arg(long, value_name = "DIR")]
    source_root: Option<PathBuf>,
    /// Plain text output.
    #[arg(long)]
    no_color: bool,
    /// Hide the findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Graph(args) => graph(*args),
        Command::Rules { format } => {
            print!("{}", rules_listing(format));
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match isolint_rules::by_id(&rule) {
            Some(r) => {
                print!("{}", isolint_rules::docs::render(r));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("isolint: no rule {rule} (see `isolint rules`)");
                ExitCode::from(2)
            }
        },
    }
}

fn rules_listing(format: ListFormat) -> String {
    let rules = isolint_rules::all();
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    let m = &r.meta;
                    serde_json::json!({
                        "id": m.id,
                        "name": m.name,
                        "severity": m.severity.as_str(),
                        "summary": m.summary,
                        "sources": m.sources,
                        "help_uri": format!("docs/rules/{}.md", m.id),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&serde_json::json!({ "rules": list }))
                .unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Human => {
            let mut s = String::new();
            for r in rules {
                let m = &r.meta;
                s.push_str(&format!(
                    "{}  {:<40} {:<8} {}\n",
                    m.id,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                ));
            }
            s
        }
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("isolint: {msg}");
    ExitCode::from(2)
}

/// The options `check` and `graph` share.
struct InputOptions<'a> {
    config: &'a Option<PathBuf>,
    vars: &'a [String],
    var_files: &'a [PathBuf],
    parameters: &'a [PathBuf],
    select: &'a [String],
    ignore: &'a [String],
    root: &'a Option<PathBuf>,
    fail_on: Option<&'a str>,
}

/// Builds the run's configuration from the config file and the options; an
/// error is the exit status 2 message.
fn build_config(o: &InputOptions<'_>) -> Result<Config, String> {
    let mut config = Config::default();
    let config_path = match o.config {
        Some(p) => {
            if !p.is_file() {
                return Err(format!("{}: no such config file", p.display()));
            }
            Some(p.clone())
        }
        None => isolint::config::find_config(&config.cwd),
    };
    if let Some(p) = config_path {
        isolint::config::apply_file(&mut config, &p).map_err(|e| e.to_string())?;
    }
    if let Some(f) = o.fail_on {
        match FailOn::parse(f) {
            Some(v) => config.fail_on = v,
            None => {
                return Err(format!(
                    "--fail-on must be error, warning, info or never, not {f}"
                ))
            }
        }
    }
    for v in o.vars {
        match v.split_once('=') {
            Some((k, val)) => config.tf_vars.push(isolint_terraform::CliVar::Pair(
                k.to_string(),
                val.to_string(),
            )),
            None => return Err(format!("--var {v}: expected NAME=VALUE")),
        }
    }
    // Terraform applies -var and -var-file in command-line order; clap gives
    // them separately, so files (usually more general) come first.
    let mut files: Vec<isolint_terraform::CliVar> = o
        .var_files
        .iter()
        .cloned()
        .map(isolint_terraform::CliVar::File)
        .collect();
    files.append(&mut config.tf_vars);
    config.tf_vars = files;
    for p in o.var_files.iter().chain(o.parameters) {
        if !p.is_file() {
            return Err(format!("{}: no such file", p.display()));
        }
    }
    config.parameters = o.parameters.to_vec();
    config.select = o.select.to_vec();
    config.ignore = o.ignore.to_vec();
    if let Some(r) = o.root {
        if !r.is_dir() {
            return Err(format!("--root {}: no such folder", r.display()));
        }
        config.root = Some(r.clone());
    }
    config.env_vars = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();
    Ok(config)
}

fn check(args: CheckArgs) -> ExitCode {
    let mut config = match build_config(&InputOptions {
        config: &args.config,
        vars: &args.vars,
        var_files: &args.var_files,
        parameters: &args.parameters,
        select: &args.select,
        ignore: &args.ignore,
        root: &args.root,
        fail_on: args.fail_on.as_deref(),
    }) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    if let Some(r) = &args.source_root {
        if !r.is_dir() {
            return fail(format!("--source-root {}: no such folder", r.display()));
        }
        config.source_root = Some(r.clone());
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let baseline = match &args.baseline {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => match isolint::baseline::Baseline::parse(&t) {
                Ok(b) => Some(b),
                Err(e) => return fail(format!("{}: {e}", p.display())),
            },
            Err(e) => return fail(format!("{}: {e}", p.display())),
        },
        None => None,
    };
    let mut report = match lint_with_progress(&paths, &config) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Some(p) = &args.write_baseline {
        let mut s = serde_json::to_string_pretty(&report.to_baseline()).unwrap_or_default();
        s.push('\n');
        if let Err(e) = std::fs::write(p, s) {
            return fail(format!("{}: {e}", p.display()));
        }
        eprintln!(
            "isolint: recorded {} findings in {}",
            report.findings.len(),
            p.display()
        );
        return ExitCode::SUCCESS;
    }
    if let Some(b) = &baseline {
        report.apply_baseline(b);
    }
    let color = use_color(
        args.output.is_none(),
        args.no_color,
        std::env::var_os("NO_COLOR"),
        std::io::stdout().is_terminal(),
    );
    let text = match args.format {
        OutputFormat::Human => report.to_human(color),
        OutputFormat::Compact => report.to_compact(),
        OutputFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
            s.push('\n');
            s
        }
        OutputFormat::Sarif => {
            let mut s = serde_json::to_string_pretty(&report.to_sarif()).unwrap_or_default();
            s.push('\n');
            s
        }
        OutputFormat::Junit => report.to_junit(),
        OutputFormat::Github => report.to_github(),
    };
    let written = match &args.output {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display())),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        return fail(e);
    }
    let failed = report.failed();
    // The process ends here: freeing the graph value by value would only
    // cost time (a tenth of a large run).
    std::mem::forget(report);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Colour only on a terminal, never with `--no-color`, `--output` or a
/// non-empty `NO_COLOR` (<https://no-color.org>).
fn use_color(
    to_stdout: bool,
    no_color_flag: bool,
    no_color_env: Option<std::ffi::OsString>,
    stdout_is_terminal: bool,
) -> bool {
    to_stdout && !no_color_flag && no_color_env.is_none_or(|v| v.is_empty()) && stdout_is_terminal
}

/// Runs the lint; when it takes longer than a second and stderr is a
/// terminal, a spinner with the elapsed time shows on stderr until it ends
/// (cleared afterwards). Nothing is printed otherwise.
fn lint_with_progress(
    paths: &[PathBuf],
    config: &Config,
) -> Result<isolint::Report, isolint::Error> {
    if !std::io::stderr().is_terminal() {
        return isolint::lint(paths, config);
    }
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let spinner = std::thread::spawn(move || {
        let start = std::time::Instant::now();
        if done_rx
            .recv_timeout(std::time::Duration::from_secs(1))
            .is_ok()
        {
            return;
        }
        let frames = ['|', '/', '-', '\\'];
        let mut k = 0usize;
        let mut err = std::io::stderr();
        loop {
            let _ = write!(
                err,
                "\r{} isolint: reading and evaluating... {:.0}s",
                frames[k % frames.len()],
                start.elapsed().as_secs_f64()
            );
            let _ = err.flush();
            k += 1;
            match done_rx.recv_timeout(std::time::Duration::from_millis(120)) {
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                _ => break,
            }
        }
        // Clear the line (with spaces: no escape codes).
        let _ = write!(err, "\r{:60}\r", "");
        let _ = err.flush();
    });
    let result = isolint::lint(paths, config);
    let _ = done_tx.send(());
    let _ = spinner.join();
    result
}

fn graph(args: GraphArgs) -> ExitCode {
    let config = match build_config(&InputOptions {
        config: &args.config,
        vars: &args.vars,
        var_files: &args.var_files,
        parameters: &args.parameters,
        select: &args.select,
        ignore: &args.ignore,
        root: &args.root,
        fail_on: None,
    }) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let report = match lint_with_progress(&paths, &config) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let text = match args.format {
        GraphFormat::Dot => report.to_dot(),
        GraphFormat::Mermaid => report.to_mermaid(),
        GraphFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report.to_graph_json()).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    let written = match &args.output {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display())),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        assert!(use_color(true, false, None, true));
        assert!(!use_color(true, false, None, false), "not a terminal");
        assert!(!use_color(true, true, None, true), "--no-color");
        assert!(!use_color(false, false, None, true), "--output");
        assert!(
            !use_color(true, false, Some("1".into()), true),
            "NO_COLOR=1"
        );
        assert!(
            use_color(true, false, Some("".into()), true),
            "an empty NO_COLOR does not count"
        );
    }

    #[test]
    fn rules_json_lists_every_rule_with_metadata() {
        let v: serde_json::Value = serde_json::from_str(&rules_listing(ListFormat::Json)).unwrap();
        let rules = v["rules"].as_array().unwrap();
        assert_eq!(rules.len(), isolint_rules::all().len());
        assert!(rules.iter().any(|r| r["id"] == "AML301"
            && r["name"] == "acr-not-premium"
            && r["severity"] == "error"));
    }
}
