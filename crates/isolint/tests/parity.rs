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
            assert_eq!(got, want, "{format} twin of terraform {id}/{case} differs");
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} twins compared");
}
