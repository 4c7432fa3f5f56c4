use super::{Rule, RuleMeta};
use isolint_model::Severity;

/// Reported by the front-ends when a bound is hit.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML004",
        name: "evaluation-limit",
        severity: Severity::Warning,
        sources: &[],
        summary: "An evaluation limit was hit (expansion, depth, steps, file size); the values involved are unknown.",
        what: "Reports where isolint stopped evaluating because a bound was reached: a `count` / `for_each` / copy loop with more instances than the limit, module or deployment nesting deeper than the limit, an expression nested too deeply, the evaluation step budget, a cycle, or a file larger than the size limit.",
        why: "isolint runs on untrusted pull requests and in pre-commit hooks, so every expansion is bounded. Values past the bound are unknown, and unknown values never produce findings: what lies beyond the limit is not checked.",
        example_terraform: "resource \"azurerm_subnet\" \"s\" {\n  count = 1000000000\n}",
        example_bicep: "resource subnets 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = [for i in range(0, 1000000000): {\n  name: 'vnet/s${i}'\n}]",
        fix: "Check the configuration is what you meant; if it is, raise the limit under `[limits]` in `.isolint.toml`.",
    },
    check: None,
};
