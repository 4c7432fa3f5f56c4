use super::{Rule, RuleMeta};
use isolint_model::Severity;

/// Reported by the driver after suppressions are applied.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML003",
        name: "unused-suppression",
        severity: Severity::Warning,
        sources: &[],
        summary: "An inline suppression silences nothing, or gives no reason.",
        what: "Reports an `isolint:ignore` comment (or ARM `metadata.\"isolint:ignore\"` entry) that names a rule which did not fire on the resource or attribute it sits above, and a suppression written without a reason (which is not honoured).",
        why: "Suppressions outlive the problems they hid. A stale one hides the next real finding on that line; one without a reason leaves the next reader unable to judge whether it still holds.",
        example_terraform: "# isolint:ignore AML301 legacy registry, moved to Premium in 2025\nresource \"azurerm_container_registry\" \"acr\" {\n  sku = \"Premium\"\n}",
        example_bicep: "// isolint:ignore AML301 legacy registry\nresource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  sku: { name: 'Premium' }\n}",
        fix: "Delete the suppression, or give it a reason after the rule IDs: `# isolint:ignore AML301 reason text`.",
    },
    check: None,
};
