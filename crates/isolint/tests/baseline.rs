//! Baselines hide recorded findings across unrelated edits and count the
//! ones that are gone.

mod common;

use isolint::baseline::Baseline;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn run(dir: &std::path::Path) -> isolint::Report {
    let config = isolint::Config {
        cwd: dir.to_path_buf(),
        root: Some(dir.to_path_buf()),
        ..isolint::Config::default()
    };
    isolint::lint(&[dir.to_path_buf()], &config).unwrap()
}

#[test]
fn baseline_survives_line_shifts_and_reports_gone_findings() {
    let dir = std::env::temp_dir().join(format!("isolint-baseline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&common::workspace_root().join("examples/faulty"), &dir);
    let first = run(&dir);
    assert_eq!(first.findings.len(), 6);
    let baseline = Baseline::parse(&first.to_baseline().to_string()).unwrap();
    assert_eq!(baseline.len(), 6);

    // An unrelated edit shifts every line of main.tf.
    let main = dir.join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, format!("# a new comment\n\n{text}")).unwrap();
    let mut shifted = run(&dir);
    let out = shifted.apply_baseline(&baseline);
    assert_eq!((out.hidden, out.gone), (6, 0));
    assert!(shifted.findings.is_empty());
    assert!(!shifted.failed());

    // Fixing the registry SKU makes its finding gone; a new problem is reported.
    let vars = dir.join("variables.tf");
    let text = std::fs::read_to_string(&vars).unwrap();
    std::fs::write(&vars, text.replace("\"Standard\"", "\"Premium\"")).unwrap();
    std::fs::write(
        dir.join("extra.tf"),
        "resource \"azurerm_virtual_network\" \"extra\" {\n  name          = \"vnet-extra\"\n  address_space = [\"172.17.0.0/16\"]\n}\n",
    )
    .unwrap();
    let mut next = run(&dir);
    let out = next.apply_baseline(&baseline);
    assert_eq!((out.hidden, out.gone), (5, 1));
    assert_eq!(next.findings.len(), 1);
    assert_eq!(next.findings[0].rule, "AML401");
    assert_eq!(next.summary.baselined, 5);
    assert_eq!(next.summary.baseline_gone, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_baselines_are_rejected() {
    assert!(Baseline::parse("not json").is_err());
    assert!(Baseline::parse("{\"version\": 2, \"findings\": []}").is_err());
    assert!(Baseline::parse("{\"version\": 1, \"findings\": [{}]}").is_err());
    assert!(Baseline::parse("{\"version\": 1, \"findings\": []}")
        .unwrap()
        .is_empty());
}
