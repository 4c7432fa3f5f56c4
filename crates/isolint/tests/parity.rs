//! Parity: the same topology written in every format gives the same
//! findings. Each `testdata/<format>/<RULE>/<case>` twin of a Terraform
//! fixture must report the same (rule, message) pairs for the catalog
//! rules (the meta rules AML001-AML004 describe the files themselves, so
//! they differ by format and are left out).

mod common;

use std::collections::BTreeSet;

fn key(report: &isolint::Report) -> BTreeSet<(String, String)> {
    report
        .findings
        .iter()
        .filter(|f| !f.rule.starts_with("AML00"))
        .map(|f| (f.rule.to_string(), f.message.clone()))
        .collect()
}

#[test]
fn every_format_twin_gives_the_terraform_findings() {
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for (id, case, dir) in common::cases("terraform") {
        if id.starts_with("AML00") {
            continue;
        }
        let want = key(&common::run(&dir));
        for format in ["arm", "bicep", "plan"] {
            let twin = common::workspace_root()
                .join("testdata")
                .join(format)
                .join(&id)
                .join(&case);
            if !twin.is_dir() {
                continue;
            }
            let got = key(&common::run(&twin));
            if got != want {
                let only_tf: Vec<_> = want.difference(&got).collect();
                let only_twin: Vec<_> = got.difference(&want).collect();
                mismatches.push(format!("{format} twin of terraform {id}/{case} differs:\n  only in terraform: {only_tf:?}\n  only in {format}: {only_twin:?}"));
            }
            compared += 1;
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared >= 10, "only {compared} twins compared");
}
