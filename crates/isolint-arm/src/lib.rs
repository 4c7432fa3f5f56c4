//! # isolint-arm
//!
//! The ARM JSON template front-end of isolint. It reads a deployment
//! template (and its parameter files), evaluates the template expression
//! language, and produces ARM-shaped [`Resource`](isolint_model::Resource)s in a [`Unit`]:
//!
//! - parameters (parameter files, `defaultValue`s; a parameter with neither is
//!   unknown), variables (also variable `copy`), user-defined functions;
//! - expressions: `[...]` strings (`[[` escapes a literal `[`), case-insensitive
//!   function names, property access and indexing, and the functions real
//!   templates use (string, array, object, comparison, logical, numeric,
//!   lambda, CIDR, resource-ID and deployment functions);
//! - resources as classic arrays and as languageVersion 2.0 symbolic-name
//!   objects, `existing` resources, child resources (nested `resources`
//!   arrays with short types and names, or `parent/child` names),
//!   `condition`, resource `copy` loops and property `copy` loops;
//! - nested deployments (`Microsoft.Resources/deployments`) with an inline
//!   template, in inner or outer expression scope, with parameters passed in
//!   and outputs read back through `reference(...).outputs`, to
//!   [`ArmOptions::max_depth`] levels; `templateLink.relativePath` is followed
//!   inside [`ArmOptions::root`]; remote links are reported (AML002), never fetched;
//! - inline suppressions: `"metadata": {"isolint:ignore": {"AML301": "reason"}}`.
//!
//! Whatever cannot be known before deployment (`reference()` of runtime state,
//! `list*()`, `resourceGroup()`, `subscription()`, `uniqueString()`, `guid()`,
//! `utcNow()`, parameters without a value) evaluates to
//! [`Data::Unknown`](isolint_model::Data::Unknown), which propagates and never
//! produces a finding.
//!
//! ## Resources
//!
//! Each emitted [`Resource`](isolint_model::Resource) has its full type (child types expanded:
//! `subnets` under a VNet becomes `Microsoft.Network/virtualNetworks/subnets`),
//! its `apiVersion`, its full evaluated name (`vnet/subnet`) and a body: the
//! declaration minus `name`, `type`, `apiVersion`, `dependsOn`, `copy`,
//! `condition`, `comments`, `resources`, `scope`, `existing` and `metadata`
//! (so `sku`, `kind`, `location`, `identity`, `tags`, `properties` sit at their
//! ARM paths). A nested deployment is emitted too, without its inline
//! `properties.template`. A child whose full name is unknown (its parent's
//! name is computed at deployment time) is linked to its parent directly
//! ([`Resource::parent`](isolint_model::Resource::parent)) and keeps its own short name.
//!
//! ## Values and locations
//!
//! Every value keeps the span of the JSON literal it came from: a value read
//! from a parameter default, a parameter file or a parameter passed to a
//! nested deployment points at that literal (a *written* origin); a value
//! computed by an expression points at the expression string (a *computed*
//! origin). [`Resource::sites`](isolint_model::Resource::sites) maps each ARM path of the body
//! (`sku.name`, `properties.addressSpace.addressPrefixes`, `properties.subnets.0`)
//! to the span of that member in the declaration.
//!
//! ## Resource IDs
//!
//! `resourceId()` and its siblings produce IDs that
//! [`ResourceId::parse`](isolint_model::ResourceId::parse) understands. The
//! subscription and resource group of the deployment are not known at lint
//! time, so they are written as the placeholders `{subscriptionId}` and
//! `{resourceGroup}`; the graph links by type and names only.
//!
//! When the names are unknown (`resourceId('Microsoft.Storage/storageAccounts',
//! variables('name'))` with a name built from `uniqueString()`), the ID is
//! unknown, but when its arguments are the same expressions as the name of a
//! resource declared in the same template, the value is linked to that
//! resource through [`Origin::resource`](isolint_model::Origin), across
//! nested-deployment parameters and outputs too. The graph then still finds
//! the edge.
//!
//! ## Addresses
//!
//! A resource's address (shown in findings) is
//!
//! - its symbolic name for languageVersion 2.0 templates (`vnet`, `subnets[2]` in a copy loop);
//! - otherwise its full type and full evaluated name:
//!   `Microsoft.Network/virtualNetworks/subnets 'vnet/default'`; when the name is
//!   not known, a preview of it where the unknown parts are written
//!   `{parameter}`, `{variable}` or `{function}` (names Azure accepts never
//!   contain braces), followed by the copy index, if any:
//!   `Microsoft.Storage/storageAccounts 'st{uniqueString}'`,
//!   `Microsoft.KeyVault/vaults '{keyVaultName}'`, `Microsoft.Network/publicIPAddresses '{prefix}-pip'[1]`;
//! - prefixed by the nested deployments it is deployed through, each written
//!   `deployment '<name>' > ` (or `<symbolic name> > ` in languageVersion 2.0
//!   templates, with `[i]` for copy loops):
//!   `deployment 'net' > deployment 'vnet' > Microsoft.Network/virtualNetworks 'vnet1'`,
//!   `storageAccount_privateDnsZones[0] > privateDnsZone`.
//!
//! Resources inside nested deployments also carry a [`Resource::trail`](isolint_model::Resource::trail):
//! one entry per enclosing deployment, outermost first, with the message
//! `deployed through nested deployment '<name>'` and the span of the
//! deployment resource.
//!
//! ## Example
//!
//! ```
//! use isolint_arm::{load_template, ArmOptions};
//! use isolint_model::SourceMap;
//! let mut sources = SourceMap::new();
//! let file = sources.add("azuredeploy.json", r#"{
//!   "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
//!   "parameters": { "name": { "type": "string", "defaultValue": "acr1" } },
//!   "resources": [ {
//!     "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
//!     "name": "[parameters('name')]", "location": "westeurope",
//!     "sku": { "name": "[concat('Pre', 'mium')]" }
//!   } ]
//! }"#);
//! let unit = load_template(&mut sources, file, &[], &ArmOptions::default());
//! assert!(unit.findings.is_empty());
//! let acr = &unit.resources[0];
//! assert_eq!(acr.address, "Microsoft.ContainerRegistry/registries 'acr1'");
//! assert_eq!(acr.name.as_str(), Some("acr1"));
//! assert_eq!(acr.prop("sku.name").and_then(|v| v.as_str()), Some("Premium"));
//! assert!(acr.sites.contains_key("sku.name"));
//! ```
#![forbid(unsafe_code)]

mod env;
mod eval;
pub mod expr;
mod functions;
mod template;

pub use functions::{
    call_function, resource_group_resource_id, RESOURCE_GROUP_PLACEHOLDER, SUBSCRIPTION_PLACEHOLDER,
};

/// The `environment()` object of a cloud, as templates see it.
pub fn environment(cloud: Cloud) -> Value {
    env::environment(cloud)
}

use eval::{Scope, State};
use isolint_json::{JsonNode, ParseError};
use isolint_model::finding::meta;
use isolint_model::{FileId, Finding, SourceMap, Unit, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The Azure cloud whose `environment()` values templates see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cloud {
    #[default]
    AzureCloud,
    AzureUSGovernment,
    AzureChinaCloud,
}

impl Cloud {
    /// Parses a cloud name as written in `.isolint.toml` (case-insensitive).
    pub fn parse(s: &str) -> Option<Cloud> {
        match s.to_ascii_lowercase().as_str() {
            "azurecloud" | "public" => Some(Cloud::AzureCloud),
            "azureusgovernment" | "usgovernment" => Some(Cloud::AzureUSGovernment),
            "azurechinacloud" | "china" => Some(Cloud::AzureChinaCloud),
            _ => None,
        }
    }
}

/// Settings and bounds of the ARM front-end.
#[derive(Clone, Debug)]
pub struct ArmOptions {
    /// No file outside this folder is read (linked templates).
    pub root: PathBuf,
    pub cloud: Cloud,
    /// Maximum nesting of nested deployments (AML004 beyond).
    pub max_depth: usize,
    /// Maximum instances of one copy loop or `range()` (AML004 beyond).
    pub max_copy: usize,
    /// Maximum expression evaluation steps for one template (AML004 beyond).
    pub max_eval_steps: u64,
    /// Maximum nesting of evaluation: JSON levels, expression levels and
    /// variables referring to variables, counted together (AML004 beyond).
    pub max_eval_depth: usize,
    /// Maximum JSON nesting (AML004 beyond).
    pub max_json_depth: usize,
    /// Maximum size of a linked template file, in bytes.
    pub max_file_size: u64,
}

impl Default for ArmOptions {
    fn default() -> Self {
        ArmOptions {
            root: PathBuf::from("."),
            cloud: Cloud::AzureCloud,
            max_depth: 32,
            max_copy: 10_000,
            max_eval_steps: 5_000_000,
            max_eval_depth: 1000,
            max_json_depth: isolint_json::DEFAULT_MAX_DEPTH,
            max_file_size: 32 * 1024 * 1024,
        }
    }
}

/// The finding for a JSON parse error: AML004 when a bound was hit, else AML001.
pub fn parse_error_finding(e: &ParseError) -> Finding {
    if e.limit {
        meta::limit(Some(e.span), format!("file not evaluated: {}", e.message))
    } else {
        meta::parse_error(Some(e.span), format!("invalid JSON: {}", e.message))
    }
}

/// Parameter files that apply to a template by convention: `X.json` takes
/// `X.parameters.json` in the same folder (so `azuredeploy.json` takes
/// `azuredeploy.parameters.json` and `main.json` takes `main.parameters.json`).
/// Only files that exist are returned.
pub fn sibling_parameter_files(template: &Path) -> Vec<PathBuf> {
    let Some(stem) = template.file_stem().and_then(|s| s.to_str()) else {
        return Vec::new();
    };
    if stem.to_ascii_lowercase().ends_with(".parameters") {
        return Vec::new();
    }
    let candidate = template.with_file_name(format!("{stem}.parameters.json"));
    if candidate.is_file() {
        vec![candidate]
    } else {
        Vec::new()
    }
}

/// The local templates `file` links to through a literal
/// `templateLink.relativePath` (resolved against the template's folder,
/// existing files only). A caller that scans a folder can skip these as
/// stand-alone templates: they are evaluated, with their parameters, through
/// the template that links them.
pub fn linked_templates(sources: &SourceMap, file: FileId) -> Vec<PathBuf> {
    fn walk(n: &JsonNode, base: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        if depth > isolint_json::DEFAULT_MAX_DEPTH {
            return;
        }
        match &n.kind {
            isolint_json::JsonKind::Object(members) => {
                for m in members {
                    if m.key.eq_ignore_ascii_case("templateLink") {
                        if let Some(rel) = m.value.get("relativePath").and_then(JsonNode::as_str) {
                            if let expr::StrKind::Literal(rel) = expr::classify(rel) {
                                let p = base.join(rel.as_ref());
                                if p.is_file() && !out.contains(&p) {
                                    out.push(p);
                                }
                            }
                        }
                    }
                    walk(&m.value, base, out, depth + 1);
                }
            }
            isolint_json::JsonKind::Array(items) => {
                items.iter().for_each(|i| walk(i, base, out, depth + 1))
            }
            _ => {}
        }
    }
    let Some(src) = sources.get(file) else {
        return Vec::new();
    };
    let Ok(doc) = isolint_json::parse(file, &src.text) else {
        return Vec::new();
    };
    let base = src.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = Vec::new();
    walk(&doc, &base, &mut out, 0);
    out
}

/// Evaluates the ARM template in `file` with the parameter files `params`
/// (applied in order, later files win) and returns its resources, meta
/// findings (AML001 parse errors, AML002 unresolved links, AML004 limits)
/// and inline suppressions. Linked templates read through
/// `templateLink.relativePath` are added to `sources`.
///
/// Never panics; evaluation runs on a thread with a large stack so that
/// deep (but bounded) nesting cannot overflow the caller's stack.
pub fn load_template(
    sources: &mut SourceMap,
    file: FileId,
    params: &[FileId],
    opts: &ArmOptions,
) -> Unit {
    load_template_with_outputs(sources, file, params, opts).0
}

/// [`load_template`], also returning the template's evaluated outputs
/// (`{"name": {"value": ..., "type": ...}}`; unknown when the template could
/// not be evaluated).
pub fn load_template_with_outputs(
    sources: &mut SourceMap,
    file: FileId,
    params: &[FileId],
    opts: &ArmOptions,
) -> (Unit, Value) {
    let joined = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("isolint-arm".into())
            .stack_size(64 * 1024 * 1024)
            .spawn_scoped(s, || load_inner(sources, file, params, opts))
            .ok()
            .map(|h| h.join())
    });
    match joined {
        Some(Ok(out)) => out,
        Some(Err(_)) => {
            let mut u = Unit::default();
            u.findings
                .push(meta::limit(None, "ARM template evaluation failed"));
            (u, Value::unknown())
        }
        // No thread could be started: evaluate on the caller's stack.
        None => load_inner(sources, file, params, opts),
    }
}

/// Number of name segments of a type (`Microsoft.Network/virtualNetworks/subnets` → 2).
fn id_depth(t: &str) -> usize {
    t.split('/').count().saturating_sub(1)
}

fn load_inner(
    sources: &mut SourceMap,
    file: FileId,
    params: &[FileId],
    opts: &ArmOptions,
) -> (Unit, Value) {
    let mut unit = Unit::default();
    let Some(src) = sources.get(file) else {
        return (unit, Value::unknown());
    };
    let text = src.text.clone();
    let path = src.path.clone();
    let popts = isolint_json::ParseOptions {
        max_depth: opts.max_json_depth,
    };
    let doc = match isolint_json::parse_with(file, &text, popts) {
        Ok(d) => d,
        Err(e) => {
            unit.findings.push(parse_error_finding(&e));
            return (unit, Value::unknown());
        }
    };
    let mut given: HashMap<String, Value> = HashMap::new();
    for &pf in params {
        let Some(ptext) = sources.get(pf).map(|f| f.text.clone()) else {
            continue;
        };
        match isolint_json::parse_with(pf, &ptext, popts) {
            Ok(pdoc) => read_parameter_file(&pdoc, &mut given),
            Err(e) => unit.findings.push(parse_error_finding(&e)),
        }
    }
    let st = State::new(opts);
    let mut loader = template::Loader::new(sources, st);
    let scope = Scope::new(file, &doc, given, Value::unknown());
    let ctx = template::DeployCtx {
        path: Some(path),
        ..Default::default()
    };
    let outputs = loader.run_template(&scope, &doc, &ctx, &eval::Local::default());
    drop(scope);
    for (child, decl, own, origin) in std::mem::take(&mut loader.pending_parents) {
        if let (Some([one]), Some(r)) = (
            loader.emitted.get(&decl).map(Vec::as_slice),
            loader.resources.get_mut(child),
        ) {
            r.parent = Some(
                Value::unknown().with_resource(u32::try_from(*one).ok().map(isolint_model::ResKey)),
            );
            r.name = Value::string(own).with_origin(origin);
        }
    }
    let pending = std::mem::take(&mut loader.st.pending_links);
    if !pending.is_empty() {
        for r in &mut loader.resources {
            template::link_unknown_ids(&mut r.body, &pending, &loader.emitted, 0);
        }
    }
    unit.resources = loader.resources;
    unit.suppressions = loader.suppressions;
    unit.findings.extend(loader.st.findings);
    (unit, outputs)
}

/// Reads `{"parameters": {"p": {"value": ...}}}` (or the bare parameters
/// object). Key Vault references are unknown.
fn read_parameter_file(doc: &JsonNode, given: &mut HashMap<String, Value>) {
    let params = doc
        .get("parameters")
        .filter(|p| p.as_object().is_some())
        .unwrap_or(doc);
    for m in params.as_object().unwrap_or(&[]) {
        if m.key.starts_with('$') || m.key.eq_ignore_ascii_case("contentVersion") {
            continue;
        }
        let v = match m.value.get("value") {
            Some(v) => v.to_value(),
            None => Value::unknown_at(Some(m.value.span)),
        };
        given.insert(m.key.to_ascii_lowercase(), v);
    }
}

#[cfg(test)]
mod tests;
