//! Embedding isolint: lint in-memory text (an editor buffer, a generated
//! configuration) and print the findings and the topology.
//!
//! ```sh
//! cargo run -p isolint --example embed
//! ```

use isolint::{lint_sources, Config};

const MAIN_TF: &str = r#"
resource "azurerm_container_registry" "acr" {
  name = "acrml"
  sku  = "Basic"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw"
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
}
"#;

fn main() {
    let config = Config::default();
    let report = lint_sources(&[("infra/main.tf", MAIN_TF)], &config);
    for f in &report.findings {
        let at = f
            .span
            .and_then(|s| report.location(s))
            .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
            .unwrap_or_default();
        println!("{at}: {} {} {}", f.severity, f.rule, f.message);
    }
    println!("\n{}", report.to_mermaid());
    if report.failed() {
        std::process::exit(1);
    }
}
