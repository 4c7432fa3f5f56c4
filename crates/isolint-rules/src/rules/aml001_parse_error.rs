use super::{Rule, RuleMeta};
use isolint_model::Severity;

/// Reported by the front-ends when a file cannot be parsed.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML001",
        name: "parse-error",
        severity: Severity::Error,
        sources: &[],
        summary: "A file cannot be parsed; it is reported and the other files are still linted.",
        what: "Reports a file that isolint cannot read as Terraform, ARM JSON or Bicep: a syntax error (with the parser's line and column), a file that is not UTF-8, or a file that cannot be read at all.",
        why: "A file isolint cannot read is a file it cannot check: its resources are missing from the graph, so findings that depend on them are missing too. The rest of the scan goes on.",
        example_terraform: "resource \"azurerm_container_registry\" \"acr\" {\n  sku = \n}",
        example_bicep: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  sku: {\n}",
        fix: "Fix the syntax error at the reported location (`terraform validate` or `bicep build` gives the same position).",
    },
    check: None,
};
