//! Writes the plan JSON (format 1.2) that `terraform show -json` would print
//! for a Terraform root, as isolint's HCL front-end evaluates it: values in
//! `planned_values`, what is unknown in `after_unknown`, references in
//! `configuration` (each `id`/`name` that stands for another resource), and
//! resources whose existence is unknown as deferred changes.
//!
//! Used to make plan twins of HCL fixtures (`testdata/plan/<RULE>/<case>`);
//! the twins of the first rules were written by hand.
//!
//! ```text
//! cargo run -p isolint-plan --example plan_from_hcl -- testdata/terraform/AML101/fire > plan.json
//! ```

use isolint_model::{Data, SourceMap, Value};
use isolint_plan::address;
use isolint_terraform::eval::Record;
use serde_json::{json, Map, Value as J};
use std::collections::BTreeMap;
use std::path::PathBuf;

const PROVIDER: &str = "registry.terraform.io/hashicorp/azurerm";

/// The JSON value and the unknown mask of a value.
fn split(v: &Value) -> (J, Option<J>) {
    match &v.data {
        Data::Unknown => (J::Null, Some(J::Bool(true))),
        Data::List(items) => {
            let parts: Vec<(J, Option<J>)> = items.iter().map(split).collect();
            let any = parts.iter().any(|p| p.1.is_some());
            let vals = parts.iter().map(|p| p.0.clone()).collect();
            let mask = any.then(|| {
                J::Array(
                    parts
                        .iter()
                        .map(|p| p.1.clone().unwrap_or(J::Bool(false)))
                        .collect(),
                )
            });
            (J::Array(vals), mask)
        }
        Data::Map(m) => {
            let mut vals = Map::new();
            let mut mask = Map::new();
            for (k, x) in m {
                let (a, b) = split(x);
                if b.is_none() || !a.is_null() {
                    vals.insert(k.clone(), a);
                }
                if let Some(b) = b {
                    mask.insert(k.clone(), b);
                }
            }
            let mask = (!mask.is_empty()).then_some(J::Object(mask));
            (J::Object(vals), mask)
        }
        _ => (v.to_json(), None),
    }
}

struct Ctx<'a> {
    recs: &'a [Record],
}

impl Ctx<'_> {
    /// The configuration expression of an attribute value.
    fn expr(&self, v: &Value, module: &str) -> J {
        let mut refs: Vec<String> = Vec::new();
        self.refs(v, module, &mut refs);
        if !refs.is_empty() {
            return json!({ "references": refs });
        }
        if v.is_wholly_known() {
            json!({ "constant_value": v.to_json() })
        } else {
            json!({ "references": ["var.unknown"] })
        }
    }

    fn refs(&self, v: &Value, module: &str, out: &mut Vec<String>) {
        if let Some(k) = v.origin.resource {
            if let Some(t) = self.recs.get(k.0 as usize) {
                let steps = address::parse(&t.address).unwrap_or_default();
                if address::module_prefix(&steps) == module {
                    let rel = t
                        .address
                        .strip_prefix(&format!("{module}."))
                        .unwrap_or(&t.address)
                        .to_string();
                    let attr = if v.as_str().is_some() { "name" } else { "id" };
                    out.push(format!("{rel}.{attr}"));
                    out.push(rel);
                    return;
                }
            }
        }
        match &v.data {
            Data::List(items) => items.iter().for_each(|i| self.refs(i, module, out)),
            // An object expression (`body = { properties = { resourceId = … } }`):
            // Terraform lists the references of the whole expression.
            Data::Map(m) => m.values().for_each(|i| self.refs(i, module, out)),
            _ => {}
        }
    }

    /// Expressions of a body: attributes, and nested blocks as lists.
    fn body(&self, attrs: &Value, rec: &Record, prefix: &str, module: &str) -> J {
        let mut out = Map::new();
        for (k, v) in attrs.as_map().into_iter().flatten() {
            let path = format!("{prefix}{k}");
            let is_block = rec.sites.contains_key(&format!("{path}.0"))
                && v.as_list()
                    .is_some_and(|l| l.iter().all(|b| b.as_map().is_some()));
            if is_block {
                let blocks: Vec<J> = v
                    .as_list()
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                    .map(|(i, b)| self.body(b, rec, &format!("{path}.{i}."), module))
                    .collect();
                out.insert(k.clone(), J::Array(blocks));
            } else if rec.sites.contains_key(&path) {
                out.insert(k.clone(), self.expr(v, module));
            }
        }
        J::Object(out)
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: plan_from_hcl DIR");
        std::process::exit(2);
    };
    let mut sources = SourceMap::new();
    let opts = isolint_terraform::Options::new(dir.clone());
    let ev = isolint_terraform::eval_root(&mut sources, &dir, &opts, &[]);
    let ctx = Ctx { recs: &ev.records };
    let mut modules: BTreeMap<String, Vec<J>> = BTreeMap::new();
    let mut changes = Vec::new();
    let mut deferred = Vec::new();
    let mut config: BTreeMap<String, Vec<J>> = BTreeMap::new();
    let mut configured = std::collections::HashSet::new();
    for rec in &ev.records {
        let steps = address::parse(&rec.address).unwrap_or_default();
        let module = address::module_prefix(&steps);
        let last = steps.last().cloned();
        let name = last.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        let mode = if rec.data { "data" } else { "managed" };
        let (mut values, mask) = split(&rec.attrs);
        let mut mask = mask.unwrap_or_else(|| json!({}));
        if let (Some(v), Some(m)) = (values.as_object_mut(), mask.as_object_mut()) {
            if v.get("id").is_none_or(J::is_null) {
                v.remove("id");
                m.insert("id".into(), J::Bool(true));
            }
        }
        let mut res = json!({
            "address": rec.address, "mode": mode, "type": rec.ty, "name": name,
        });
        if let Some(k) = last.and_then(|s| s.key) {
            res["index"] = match k {
                address::Key::Int(i) => json!(i),
                address::Key::Str(s) => json!(s),
            };
        }
        res["provider_name"] = json!(PROVIDER);
        let mut change = res.clone();
        res["schema_version"] = json!(0);
        res["values"] = values.clone();
        res["sensitive_values"] = json!({});
        change["change"] = json!({
            "actions": [if rec.data { "read" } else { "create" }],
            "before": null, "after": values, "after_unknown": mask,
            "before_sensitive": false, "after_sensitive": {},
        });
        if rec.uncertain {
            deferred.push(json!({ "reason": "instance_count_unknown", "resource_change": change }));
        } else {
            modules.entry(module.clone()).or_default().push(res);
            changes.push(change);
        }
        let base = format!("{mode}.{}.{name}", rec.ty);
        if configured.insert(format!("{module}/{base}")) {
            let mut c = json!({
                "address": format!("{}{}.{name}", if rec.data { "data." } else { "" }, rec.ty),
                "mode": mode, "type": rec.ty, "name": name,
                "provider_config_key": "azurerm",
                "expressions": ctx.body(&rec.attrs, rec, "", &module),
                "schema_version": 0,
            });
            if rec.address.ends_with(']') {
                c["count_expression"] = json!({ "references": ["var.count"] });
            }
            config.entry(module).or_default().push(c);
        }
    }
    // Nested modules, deepest last.
    fn module_json(prefix: &str, all: &BTreeMap<String, Vec<J>>) -> J {
        let mut m = json!({ "resources": all.get(prefix).cloned().unwrap_or_default() });
        let depth = prefix.matches("module.").count();
        let children: Vec<J> = all
            .keys()
            .filter(|k| {
                !k.is_empty()
                    && k.matches("module.").count() == depth + 1
                    && (prefix.is_empty() || k.starts_with(&format!("{prefix}.")))
            })
            .map(|k| {
                let mut c = module_json(k, all);
                c["address"] = json!(k);
                c
            })
            .collect();
        if !children.is_empty() {
            m["child_modules"] = J::Array(children);
        }
        if !prefix.is_empty() {
            let mut ordered = json!({ "address": prefix });
            for (k, v) in m.as_object().into_iter().flatten() {
                ordered[k] = v.clone();
            }
            return ordered;
        }
        m
    }
    fn config_json(prefix: &str, all: &BTreeMap<String, Vec<J>>) -> J {
        let mut m = json!({ "resources": all.get(prefix).cloned().unwrap_or_default() });
        let depth = prefix.matches("module.").count();
        let mut calls = Map::new();
        for k in all.keys().filter(|k| {
            !k.is_empty()
                && k.matches("module.").count() == depth + 1
                && (prefix.is_empty() || k.starts_with(&format!("{prefix}.")))
        }) {
            let names = address::module_names(k);
            if let Some(n) = names.last() {
                calls.insert(
                    n.clone(),
                    json!({ "source": format!("./modules/{n}"), "expressions": {}, "module": config_json(k, all) }),
                );
            }
        }
        if !calls.is_empty() {
            m["module_calls"] = J::Object(calls);
        }
        m
    }
    let mut doc = json!({
        "format_version": "1.2",
        "terraform_version": "1.10.0",
        "planned_values": { "root_module": module_json("", &modules) },
        "resource_changes": changes,
    });
    let complete = deferred.is_empty();
    if !complete {
        doc["deferred_changes"] = J::Array(deferred);
    }
    doc["configuration"] = json!({
        "provider_config": { "azurerm": { "name": "azurerm", "full_name": PROVIDER } },
        "root_module": config_json("", &config),
    });
    doc["timestamp"] = json!("2026-11-22T12:00:00Z");
    doc["applyable"] = json!(true);
    doc["complete"] = json!(complete);
    doc["errored"] = json!(false);
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
