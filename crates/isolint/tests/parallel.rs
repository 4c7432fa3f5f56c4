//! Scan units load in parallel; the report must not depend on how many
//! threads did the work or in which order they finished.

use std::path::PathBuf;

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn report(threads: usize) -> (serde_json::Value, String, usize) {
    let root = testdata().canonicalize().unwrap();
    let config = isolint::Config {
        root: Some(root.clone()),
        cwd: root.clone(),
        threads: Some(threads),
        ..isolint::Config::default()
    };
    let r = isolint::lint(&[root], &config).unwrap();
    (r.to_json(), r.to_human(false), r.graph.sources.len())
}

#[test]
fn every_thread_count_gives_the_same_report() {
    let (json1, human1, files1) = report(1);
    // The whole fixture tree: hundreds of units in four formats, Terraform
    // modules shared between roots, nested ARM deployments, Bicep modules.
    let findings = json1["findings"].as_array().unwrap().len();
    assert!(findings > 300, "only {findings} findings");
    assert!(files1 > 400, "only {files1} files");
    for threads in [2, 3, 8] {
        let (json, human, files) = report(threads);
        assert_eq!(files, files1, "{threads} threads registered other files");
        assert!(json == json1, "{threads} threads changed the JSON report");
        assert!(
            human == human1,
            "{threads} threads changed the human report"
        );
    }
}
