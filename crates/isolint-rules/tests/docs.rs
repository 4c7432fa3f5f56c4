//! `docs/rules/*.md` are generated from the rule metadata. This test fails
//! when they drift; `UPDATE_DOCS=1 cargo test -p isolint-rules --test docs`
//! regenerates them.

use std::path::Path;

#[test]
fn rule_docs_match_the_metadata() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut pages: Vec<(String, String)> = isolint_rules::all()
        .iter()
        .map(|r| (format!("{}.md", r.meta.id), isolint_rules::docs::render(r)))
        .collect();
    pages.push(("README.md".into(), isolint_rules::docs::render_index()));
    let mut stale = Vec::new();
    for (name, want) in &pages {
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, want).unwrap();
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if &have != want {
            stale.push(name.clone());
        }
    }
    // No page for a rule that does not exist.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !pages.iter().any(|(n, _)| *n == name) {
            stale.push(format!("{name} (no such rule)"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule docs: {stale:?}; run `UPDATE_DOCS=1 cargo test -p isolint-rules --test docs`"
    );
}
