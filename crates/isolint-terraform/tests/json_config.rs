//! Terraform JSON syntax: `.tf.json` beside `.tf`, `terraform.tfvars.json`,
//! `*.auto.tfvars.json`, locations in the JSON files.

use isolint_model::{types, SourceMap, Value};
use isolint_terraform::{load_root, Options};
use std::path::PathBuf;

fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isolint-tfjson-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (n, t) in files {
        std::fs::write(dir.join(n), t).unwrap();
    }
    dir
}

#[test]
fn json_and_hcl_files_form_one_root_with_json_variable_files() {
    let dir = scratch(
        "mixed",
        &[
            (
                "variables.tf",
                "variable \"sku\" {\n  default = \"Basic\"\n}\nvariable \"n\" {}\n",
            ),
            (
                "main.tf.json",
                r#"{
  "resource": {
    "azurerm_container_registry": {
      "acr": { "name": "acr${var.n}", "sku": "${var.sku}",
               "network_rule_set": { "default_action": "Deny" } }
    },
    "azurerm_machine_learning_workspace": {
      "ws": { "name": "mlw", "container_registry_id": "${azurerm_container_registry.acr.id}",
              "tags": { "team": "ml" } }
    }
  },
  "output": { "id": { "value": "${azurerm_container_registry.acr.id}" } }
}"#,
            ),
            ("terraform.tfvars.json", "{ \"sku\": \"Standard\" }"),
            ("x.auto.tfvars.json", "{ \"n\": 7 }"),
        ],
    );
    let mut sources = SourceMap::new();
    let opts = Options::new(dir.clone());
    let unit = load_root(&mut sources, &dir, &opts);
    assert!(unit.findings.is_empty(), "{:?}", unit.findings);
    let acr = unit
        .resources
        .iter()
        .find(|r| r.is(types::REGISTRY))
        .unwrap();
    assert_eq!(acr.name.as_str(), Some("acr7"));
    let sku = acr.prop("sku.name").unwrap();
    assert_eq!(sku.as_str(), Some("Standard"));
    // The value was written in the JSON variable file.
    let f = sources.file(sku.span().unwrap().file);
    assert!(f.path.ends_with("terraform.tfvars.json"));
    let s = sku.span().unwrap();
    assert_eq!(&f.text[s.start as usize..s.end as usize], "\"Standard\"");
    // The attribute's site is the JSON member in main.tf.json.
    let site = acr.site("sku.name");
    let mf = sources.file(site.file);
    assert!(mf.path.ends_with("main.tf.json"));
    assert_eq!(
        &mf.text[site.start as usize..site.end as usize],
        "\"sku\": \"${var.sku}\""
    );
    assert_eq!(
        acr.prop("properties.networkRuleSet.defaultAction")
            .and_then(Value::as_str),
        Some("Deny")
    );
    let ws = unit
        .resources
        .iter()
        .find(|r| r.is(types::WORKSPACE))
        .unwrap();
    let link = ws.prop("properties.containerRegistry").unwrap();
    assert!(link.is_unknown());
    assert!(link.origin.resource.is_some());
    assert_eq!(ws.prop("tags.team").and_then(Value::as_str), Some("ml"));
    let _ = std::fs::remove_dir_all(&dir);
}
