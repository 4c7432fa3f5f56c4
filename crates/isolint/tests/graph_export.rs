//! `isolint graph`: the DOT, Mermaid and JSON pictures of the bundled faulty
//! example, and in-memory linting (`lint_sources`).

use isolint::{lint, lint_sources, Config, Report};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn faulty() -> Report {
    let root = workspace_root();
    let config = Config {
        cwd: root.clone(),
        root: Some(root.clone()),
        ..Config::default()
    };
    lint(&[root.join("examples/faulty")], &config).unwrap()
}

fn node_id(g: &Value, short_type: &str, name: &str) -> String {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["short_type"] == short_type && n["name"] == name)
        .unwrap_or_else(|| panic!("no node {short_type} {name}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn json_lists_nodes_and_typed_edges() {
    let g = faulty().to_graph_json();
    assert_eq!(g["version"], 1);
    let nodes = g["nodes"].as_array().unwrap();
    let edges = g["edges"].as_array().unwrap();
    // No noise: resource groups and folded child resources are not nodes.
    assert!(nodes
        .iter()
        .all(|n| n["type"] != "Microsoft.Resources/resourceGroups"
            && n["type"] != "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"));
    let ws = node_id(&g, "MachineLearningServices/workspaces", "mlw-mlfaulty");
    let acr = node_id(&g, "ContainerRegistry/registries", "acrmlfaulty");
    let vnet = node_id(&g, "Network/virtualNetworks", "vnet-mlfaulty");
    let pe_acr = node_id(&g, "Network/privateEndpoints", "pe-mlfaulty-acr");
    let zone = node_id(&g, "Network/privateDnsZones", "privatelink.azurecr.io");
    let has = |from: &str, to: &str, kind: &str| {
        edges
            .iter()
            .any(|e| e["from"] == from && e["to"] == to && e["kind"] == kind)
    };
    assert!(has(&ws, &acr, "registry"));
    assert!(has(&pe_acr, &acr, "pe-target"));
    assert!(
        has(&pe_acr, &zone, "dns-zone"),
        "zone group folded into an edge"
    );
    assert!(
        has(&zone, &vnet, "linked-vnet"),
        "zone link folded into an edge"
    );
    let folded = edges
        .iter()
        .find(|e| e["from"] == pe_acr && e["kind"] == "dns-zone")
        .unwrap();
    assert!(folded["via"].as_str().is_some());
    // Grouping: the endpoint sits in its subnet, in the VNet.
    let pe = nodes.iter().find(|n| n["id"] == pe_acr).unwrap();
    assert_eq!(pe["vnet"], Value::String(vnet.clone()));
    assert!(pe["subnet"].is_string());
    assert!(
        edges
            .iter()
            .any(|e| e["from"] == pe_acr && e["kind"] == "subnet" && e["implied"] == true),
        "the subnet edge is listed, marked as implied by grouping"
    );
    // Highlighting: the registry has the AML301 error; the workspace AML302.
    let acr_node = nodes.iter().find(|n| n["id"] == acr).unwrap();
    assert_eq!(acr_node["severity"], "error");
    assert!(acr_node["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "AML301"));
    let clean = nodes.iter().find(|n| n["id"] == pe_acr).unwrap();
    assert!(clean["severity"].is_null());
}

#[test]
fn mermaid_groups_by_vnet_and_subnet_and_labels_edges() {
    let m = faulty().to_mermaid();
    let g = faulty().to_graph_json();
    assert!(m.starts_with("flowchart LR\n"));
    let vnet = node_id(&g, "Network/virtualNetworks", "vnet-mlfaulty");
    let ws = node_id(&g, "MachineLearningServices/workspaces", "mlw-mlfaulty");
    let acr = node_id(&g, "ContainerRegistry/registries", "acrmlfaulty");
    let pe_acr = node_id(&g, "Network/privateEndpoints", "pe-mlfaulty-acr");
    assert!(m.contains(&format!(
        "subgraph vnet_{vnet}[\"VNet vnet-mlfaulty (172.17.0.0/16)\"]"
    )));
    assert!(m.contains("\"subnet snet-endpoints (172.17.2.0/24)\"]"));
    assert!(m.contains("\"subnet snet-training (172.17.1.0/24)\"]"));
    assert!(m.contains("subgraph dns_zones[\"private DNS zones\"]"));
    assert_eq!(
        m.matches("subgraph ").count(),
        m.lines().filter(|l| l.trim() == "end").count()
    );
    // The endpoint is declared inside the endpoints subnet.
    let sub_start = m.find("snet-endpoints (").unwrap();
    let sub_end = sub_start + m[sub_start..].find("\n    end").unwrap();
    assert!(m[sub_start..sub_end].contains(&format!("{pe_acr}([")));
    assert!(m.contains(&format!("{ws} -->|\"registry\"| {acr}")));
    assert!(m.contains(&format!("{pe_acr} -->|\"pe-target\"| {acr}")));
    // The registry (AML301) is red.
    let class_line = m
        .lines()
        .find(|l| l.trim_start().starts_with("class ") && l.ends_with(" error"))
        .unwrap();
    assert!(class_line.split([' ', ',']).any(|x| x == acr));
    assert!(m.contains("classDef error fill:#fde0e0,stroke:#d62728"));
}

#[test]
fn dot_is_valid_graphviz() {
    let dot = faulty().to_dot();
    assert!(dot.starts_with("digraph isolint {"));
    assert!(dot.contains("subgraph cluster_vnet_"));
    assert!(dot.contains("subgraph cluster_subnet_"));
    assert!(dot.contains("label=\"registry\""));
    assert!(dot.contains("#d62728"), "errors are red");
    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("note: Graphviz `dot` is not installed; DOT syntax not checked by Graphviz");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "dot -Tsvg: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

const MAIN_TF: &str = r#"
variable "acr_sku" {
  default = "Basic"
}
resource "azurerm_container_registry" "acr" {
  name = "acrml"
  sku  = var.acr_sku
}
resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw"
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
}
"#;

#[test]
fn in_memory_terraform_with_tfvars_of_its_folder() {
    let config = Config::default();
    let r = lint_sources(&[("nowhere/main.tf", MAIN_TF)], &config);
    let f = r.findings.iter().find(|f| f.rule == "AML301").unwrap();
    let loc = r.location(f.span.unwrap()).unwrap();
    assert_eq!((loc.file.as_str(), loc.line), ("nowhere/main.tf", 3));
    // The folder's terraform.tfvars applies; another folder's does not.
    let r = lint_sources(
        &[
            ("nowhere/main.tf", MAIN_TF),
            ("nowhere/terraform.tfvars", "acr_sku = \"Premium\"\n"),
        ],
        &config,
    );
    assert!(
        r.findings.iter().all(|f| f.rule != "AML301"),
        "{:?}",
        r.findings
    );
    let r = lint_sources(
        &[
            ("nowhere/main.tf", MAIN_TF),
            ("elsewhere/terraform.tfvars", "acr_sku = \"Premium\"\n"),
        ],
        &config,
    );
    assert!(r.findings.iter().any(|f| f.rule == "AML301"));
}

#[test]
fn in_memory_sources_match_the_files_on_disk() {
    let root = workspace_root();
    let dir = root.join("examples/faulty");
    let config = Config {
        cwd: root.clone(),
        root: Some(root.clone()),
        ..Config::default()
    };
    let on_disk = lint(std::slice::from_ref(&dir), &config).unwrap();
    // The root's own files in memory; its local module is read from disk
    // (inside `config.root`).
    let mut files = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            files.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    let in_memory = lint_sources(&files, &config);
    let key = |r: &Report| -> Vec<(String, Option<String>)> {
        r.findings
            .iter()
            .map(|f| (f.rule.to_string(), f.resource.clone()))
            .collect()
    };
    assert_eq!(key(&in_memory), key(&on_disk));
}

#[test]
fn in_memory_arm_and_unparsable_text() {
    let template = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": []
}"#;
    let r = lint_sources(
        &[
            ("t/azuredeploy.json", template),
            ("t/broken.tf", "resource {"),
        ],
        &Config::default(),
    );
    assert!(r.findings.iter().any(|f| f.rule == "AML001"));
    assert_eq!(r.summary.files, 2);
}

#[test]
fn in_memory_bicep_with_a_module_among_the_sources() {
    let root = workspace_root();
    let fire = std::fs::read_to_string(root.join("testdata/bicep/AML301/fire/main.bicep")).unwrap();
    let r = lint_sources(&[("bicep/main.bicep", fire.as_str())], &Config::default());
    assert!(
        r.findings.iter().any(|f| f.rule == "AML301"),
        "{:?}",
        r.findings
    );
    // A module that exists only in memory is found there (no AML002), and
    // is not linted as an entry of its own.
    let main = "module m './mod.bicep' = {\n  name: 'm'\n  params: { sku: 'Premium' }\n}\n";
    let module = "param sku string\nresource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acrmod'\n  location: 'westeurope'\n  sku: { name: sku }\n}\n";
    let r = lint_sources(
        &[("bicep/main.bicep", main), ("bicep/mod.bicep", module)],
        &Config::default(),
    );
    assert!(
        r.findings.iter().all(|f| f.rule != "AML002"),
        "{:?}",
        r.findings
    );
    assert_eq!(
        r.graph
            .of_type("Microsoft.ContainerRegistry/registries")
            .len(),
        1
    );
}
