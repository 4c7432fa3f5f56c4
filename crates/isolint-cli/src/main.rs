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

fn check(args: CheckArgs) -> ExitCode {
    let mut config = Config::default();
    let config_path = match &args.config {
        Some(p) => {
            if !p.is_file() {
                return fail(format!("{}: no such config file", p.display()));
            }
            Some(p.clone())
        }
        None => isolint::config::find_config(&config.cwd),
    };
    if let Some(p) = config_path {
        if let Err(e) = isolint::config::apply_file(&mut config, &p) {
            return fail(e);
        }
    }
    if let Some(f) = &args.fail_on {
        match FailOn::parse(f) {
            Some(v) => config.fail_on = v,
            None => {
                return fail(format!(
                    "--fail-on must be error, warning, info or never, not {f}"
                ))
            }
        }
    }
    for v in &args.vars {
        match v.split_once('=') {
            Some((k, val)) => config.tf_vars.push(isolint_terraform::CliVar::Pair(
                k.to_string(),
                val.to_string(),
            )),
            None => return fail(format!("--var {v}: expected NAME=VALUE")),
        }
    }
    // Terraform applies -var and -var-file in command-line order; clap gives
    // them separately, so files (usually more general) come first.
    let mut files: Vec<isolint_terraform::CliVar> = args
        .var_files
        .iter()
        .cloned()
        .map(isolint_terraform::CliVar::File)
        .collect();
    files.append(&mut config.tf_vars);
    config.tf_vars = files;
    for p in args.var_files.iter().chain(&args.parameters) {
        if !p.is_file() {
            return fail(format!("{}: no such file", p.display()));
        }
    }
    config.parameters = args.parameters.clone();
    config.select = args.select.clone();
    config.ignore = args.ignore.clone();
    if let Some(r) = &args.root {
        if !r.is_dir() {
            return fail(format!("--root {}: no such folder", r.display()));
        }
        config.root = Some(r.clone());
    }
    if let Some(r) = &args.source_root {
        if !r.is_dir() {
            return fail(format!("--source-root {}: no such folder", r.display()));
        }
        config.source_root = Some(r.clone());
    }
    config.env_vars = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let report = match isolint::lint(&paths, &config) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let color = args.output.is_none()
        && !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
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
    if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
