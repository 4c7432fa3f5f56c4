//! `.isolint.toml` and the settings of one run.

use isolint_model::Severity;
use isolint_rules::Cloud;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The lowest severity that fails the run, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        if s.eq_ignore_ascii_case("never") {
            return Some(FailOn::Never);
        }
        Severity::parse(s).map(FailOn::Severity)
    }
}

/// Limits that bound evaluation (`[limits]`).
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_instances: usize,
    pub max_module_depth: usize,
    pub max_eval_steps: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_instances: 10_000,
            max_module_depth: 32,
            max_eval_steps: 20_000_000,
        }
    }
}

/// Everything one lint run needs.
#[derive(Clone, Debug)]
pub struct Config {
    pub rules: isolint_rules::Config,
    /// Per-rule severity (`None` = off).
    pub severity: BTreeMap<String, Option<Severity>>,
    pub fail_on: FailOn,
    /// Run only rules matching these IDs or prefixes (empty = all).
    pub select: Vec<String>,
    /// Skip rules matching these IDs or prefixes.
    pub ignore: Vec<String>,
    /// No file outside this folder is read. `None`: the git work tree holding
    /// the current folder, else the current folder.
    pub root: Option<PathBuf>,
    /// Terraform `-var` / `-var-file`, in order.
    pub tf_vars: Vec<isolint_terraform::CliVar>,
    /// ARM / Bicep parameter files.
    pub parameters: Vec<PathBuf>,
    /// The Terraform root module a plan JSON was made from (`--source-root`);
    /// `None`: the `.tf` files beside the plan, if any.
    pub source_root: Option<PathBuf>,
    pub limits: Limits,
    /// Paths are shown relative to this folder.
    pub cwd: PathBuf,
    /// `TF_VAR_*` values.
    pub env_vars: Vec<(String, String)>,
    /// Threads that load scan units in parallel. `None`: `RAYON_NUM_THREADS`
    /// when set, else one per CPU. Output does not depend on it.
    pub threads: Option<usize>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            rules: isolint_rules::Config::default(),
            severity: BTreeMap::new(),
            fail_on: FailOn::Severity(Severity::Error),
            select: Vec::new(),
            ignore: Vec::new(),
            root: None,
            tf_vars: Vec::new(),
            parameters: Vec::new(),
            source_root: None,
            limits: Limits::default(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            env_vars: Vec::new(),
            threads: None,
        }
    }
}

impl Config {
    /// Is the rule enabled by `select` / `ignore` / `[rules] X = "off"`?
    pub fn enabled(&self, id: &str) -> bool {
        let matches = |p: &String| id.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase());
        if !self.select.is_empty() && !self.select.iter().any(matches) {
            return false;
        }
        if self.ignore.iter().any(matches) {
            return false;
        }
        !matches!(self.severity.get(id), Some(None))
    }

    /// The severity a rule's findings get.
    pub fn severity_of(&self, id: &str, default: Severity) -> Severity {
        match self.severity.get(id) {
            Some(Some(s)) => *s,
            _ => default,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    fail_on: Option<String>,
    rules: Option<BTreeMap<String, String>>,
    network: Option<NetworkSection>,
    azure: Option<AzureSection>,
    workspace: Option<WorkspaceSection>,
    limits: Option<LimitsSection>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NetworkSection {
    reserved_ranges: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AzureSection {
    cloud: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WorkspaceSection {
    batch_endpoints: Option<bool>,
    default_region: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LimitsSection {
    max_file_bytes: Option<u64>,
    max_instances: Option<usize>,
    max_module_depth: Option<usize>,
    max_eval_steps: Option<u64>,
}

/// A configuration file problem, with its location.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// Applies a `.isolint.toml` file to `config`.
pub fn apply_file(config: &mut Config, path: &Path) -> Result<(), ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: cannot read: {e}", path.display())))?;
    apply_str(config, &text, &path.display().to_string())
}

/// Applies configuration text (`name` is used in messages).
pub fn apply_str(config: &mut Config, text: &str, name: &str) -> Result<(), ConfigError> {
    let fc: FileConfig = toml::from_str(text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                (
                    before.matches('\n').count() + 1,
                    before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1,
                )
            })
            .unwrap_or((1, 1));
        ConfigError(format!("{name}:{line}:{col}: {}", e.message()))
    })?;
    if let Some(f) = fc.fail_on {
        config.fail_on = FailOn::parse(&f).ok_or_else(|| {
            ConfigError(format!(
                "{name}:{}:1: fail_on must be error, warning, info or never, not \"{f}\"",
                line_of(text, "fail_on")
            ))
        })?;
    }
    for (id, sev) in fc.rules.unwrap_or_default() {
        let line = line_of(text, &id);
        let Some(rule) = isolint_rules::by_id(&id) else {
            return Err(ConfigError(format!(
                "{name}:{line}:1: [rules] {id}: no such rule (see `isolint rules`)"
            )));
        };
        let value = if sev.eq_ignore_ascii_case("off") {
            None
        } else {
            Some(Severity::parse(&sev).ok_or_else(|| {
                ConfigError(format!("{name}:{line}:1: [rules] {id} must be \"error\", \"warning\", \"info\" or \"off\", not \"{sev}\""))
            })?)
        };
        config.severity.insert(rule.meta.id.to_string(), value);
    }
    if let Some(n) = fc.network {
        for r in n.reserved_ranges.unwrap_or_default() {
            let net = r.parse::<ipnet::Ipv4Net>().map_err(|_| {
                ConfigError(format!(
                    "{name}:{}:1: [network] reserved_ranges: \"{r}\" is not an IPv4 CIDR range",
                    line_of(text, "reserved_ranges")
                ))
            })?;
            config.rules.reserved_ranges.push(net);
        }
    }
    if let Some(a) = fc.azure {
        if let Some(c) = a.cloud {
            config.rules.cloud = Cloud::parse(&c).ok_or_else(|| {
                ConfigError(format!(
                    "{name}:{}:1: [azure] cloud must be AzureCloud, AzureUSGovernment or AzureChinaCloud, not \"{c}\"",
                    line_of(text, "cloud")
                ))
            })?;
        }
    }
    if let Some(w) = fc.workspace {
        if let Some(b) = w.batch_endpoints {
            config.rules.batch_endpoints = b;
        }
        if w.default_region.is_some() {
            config.rules.default_region = w.default_region;
        }
    }
    if let Some(l) = fc.limits {
        let d = &mut config.limits;
        d.max_file_bytes = l.max_file_bytes.unwrap_or(d.max_file_bytes);
        d.max_instances = l.max_instances.unwrap_or(d.max_instances);
        d.max_module_depth = l.max_module_depth.unwrap_or(d.max_module_depth);
        d.max_eval_steps = l.max_eval_steps.unwrap_or(d.max_eval_steps);
    }
    Ok(())
}

/// The nearest `.isolint.toml` from `start` upward.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let p = d.join(".isolint.toml");
        if p.is_file() {
            return Some(p);
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_file() {
        let mut c = Config::default();
        apply_str(
            &mut c,
            "fail_on = \"warning\"\n[rules]\nAML204 = \"off\"\nAML301 = \"warning\"\n[network]\nreserved_ranges = [\"172.16.0.0/16\"]\n[azure]\ncloud = \"AzureUSGovernment\"\n[workspace]\nbatch_endpoints = true\ndefault_region = \"eastus\"\n",
            "t",
        )
        .unwrap();
        assert_eq!(c.severity.get("AML204"), Some(&None));
        assert!(c.rules.batch_endpoints);
        assert_eq!(c.rules.default_region.as_deref(), Some("eastus"));
        let mut c = Config::default();
        apply_str(&mut c, "fail_on = \"warning\"\n[rules]\nAML301 = \"warning\"\nAML401 = \"off\"\n[network]\nreserved_ranges = [\"172.16.0.0/16\"]\n[azure]\ncloud = \"AzureUSGovernment\"\n", "t").unwrap();
        assert_eq!(c.fail_on, FailOn::Severity(Severity::Warning));
        assert_eq!(c.severity_of("AML301", Severity::Error), Severity::Warning);
        assert!(!c.enabled("AML401"));
        assert_eq!(c.rules.reserved_ranges.len(), 1);
        assert_eq!(c.rules.cloud, Cloud::AzureUSGovernment);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_line() {
        let mut c = Config::default();
        let e = apply_str(
            &mut c,
            "fail_on = \"error\"\n[network]\nreserved = []\n",
            "x.toml",
        )
        .unwrap_err();
        assert!(e.0.starts_with("x.toml:3:"), "{}", e.0);
        assert!(e.0.contains("reserved"), "{}", e.0);
        let e = apply_str(&mut c, "[rules]\nAML301 = \"loud\"\n", "x.toml").unwrap_err();
        assert!(e.0.starts_with("x.toml:2:"), "{}", e.0);
        let e = apply_str(&mut c, "fail_on = 3\n", "x.toml").unwrap_err();
        assert!(e.0.starts_with("x.toml:1:"), "{}", e.0);
    }

    #[test]
    fn select_and_ignore_take_prefixes() {
        let c = Config {
            select: vec!["AML3".into()],
            ignore: vec!["AML302".into()],
            ..Config::default()
        };
        assert!(c.enabled("AML301"));
        assert!(!c.enabled("AML302"));
        assert!(!c.enabled("AML401"));
    }
}
