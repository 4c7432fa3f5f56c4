//! Rule documentation pages, generated from each rule's metadata.

use crate::rules::Rule;

/// The Markdown page of one rule (`docs/rules/AMLnnn.md`).
pub fn render(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut s = String::new();
    s.push_str(&format!("# {} {}\n\n", m.id, m.name));
    s.push_str(
        "<!-- Generated from the rule's metadata in crates/isolint-rules; edit it there. -->\n\n",
    );
    s.push_str(&format!(
        "Default severity: **{}**\n\n{}\n\n",
        m.severity, m.summary
    ));
    s.push_str(&format!("## What it does\n\n{}\n\n", m.what));
    s.push_str(&format!("## Why it matters\n\n{}\n\n", m.why));
    if !m.sources.is_empty() {
        s.push_str("Sources (seed articles): ");
        s.push_str(
            &m.sources
                .iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        s.push_str("\n\n");
    }
    s.push_str(&format!(
        "## Example\n\nTerraform:\n\n```hcl\n{}\n```\n\nBicep:\n\n```bicep\n{}\n```\n\n",
        m.example_terraform, m.example_bicep
    ));
    s.push_str(&format!("## Fix\n\n{}\n\n", m.fix));
    s.push_str(&format!(
        "## Suppressing\n\n`# isolint:ignore {id} reason` (Terraform) or `// isolint:ignore {id} reason` (Bicep) on the line above the resource or attribute; in ARM JSON, `\"metadata\": {{ \"isolint:ignore\": {{ \"{id}\": \"reason\" }} }}` on the resource. Severity can be changed with `[rules] {id} = \"warning\"` in `.isolint.toml`.\n",
        id = m.id
    ));
    s
}

/// The index page listing every rule (`docs/rules/README.md`).
pub fn render_index() -> String {
    let mut s = String::from("# Rules\n\n<!-- Generated from the rule metadata; edit it there. -->\n\n| ID | name | severity | summary |\n|---|---|---|---|\n");
    for r in crate::rules::all() {
        let m = &r.meta;
        s.push_str(&format!(
            "| [{id}]({id}.md) | {} | {} | {} |\n",
            m.name,
            m.severity,
            m.summary,
            id = m.id
        ));
    }
    s
}
