//! Adversarial inputs (issue 10): every case must end with a finding (or
//! normal linting where stated) within a bounded time, and the process must
//! stay within a generous memory bound (VmHWM, read from /proc at the end of
//! each case; skipped where /proc is missing).

use isolint::{lint, Config, Finding, Report};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Each case must finish within this: 5 s, with room for unoptimised test
/// builds on a busy 2-core CI machine (measured: 0.5 s for the slowest case
/// unloaded, 3 s with two other compilers running).
const MAX_TIME: Duration = Duration::from_secs(if cfg!(debug_assertions) { 15 } else { 5 });
/// Peak resident memory of the whole test process (all cases together).
const MAX_RSS_KB: u64 = 2 * 1024 * 1024;

/// A fresh, empty folder for one case.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isolint-adversarial-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn config_for(root: &Path) -> Config {
    Config {
        cwd: root.to_path_buf(),
        root: Some(root.to_path_buf()),
        ..Config::default()
    }
}

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Lints `paths` under `root` with `config`, checking time and memory.
fn timed(case: &str, paths: &[PathBuf], config: &Config) -> Report {
    let start = Instant::now();
    let report = lint(paths, config).expect("lint runs");
    let took = start.elapsed();
    eprintln!(
        "adversarial {case}: {took:?} {:?}",
        report
            .findings
            .iter()
            .map(|f| format!(
                "{} {}",
                f.rule,
                f.message.chars().take(90).collect::<String>()
            ))
            .collect::<Vec<_>>()
    );
    assert!(took < MAX_TIME, "{case} took {took:?}");
    if let Some(kb) = peak_rss_kb() {
        eprintln!("adversarial {case}: peak RSS of the process so far {kb} kB");
        assert!(kb < MAX_RSS_KB, "{case}: peak RSS {kb} kB");
    }
    report
}

fn run(case: &str, root: &Path) -> Report {
    timed(case, &[root.to_path_buf()], &config_for(root))
}

fn rules(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.rule).collect()
}

fn has(r: &Report, rule: &str) -> bool {
    r.findings.iter().any(|f| f.rule == rule)
}

fn with<'a>(r: &'a Report, rule: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

fn assert_any(r: &Report, wanted: &[&str], case: &str) {
    assert!(
        wanted.iter().any(|w| has(r, w)),
        "{case}: expected one of {wanted:?}, got {:?}",
        r.findings
            .iter()
            .map(|f| (f.rule, f.message.as_str()))
            .collect::<Vec<_>>()
    );
}

/// `(rule, line, column)` of every finding that has a location.
fn located(r: &Report) -> Vec<(&'static str, u32, u32)> {
    let mut v: Vec<_> = r
        .findings
        .iter()
        .filter_map(|f| {
            let s = f.span?;
            let lc = r.graph.sources.get(s.file)?.line_col(s.start);
            Some((f.rule, lc.line, lc.column))
        })
        .collect();
    v.sort();
    v
}

const DEPTH: usize = 100_000;

/// Found by fuzzing (`fuzz/run.sh`, target `hcl`): 2 KB of unclosed `[`
/// took hcl-edit 20 s of backtracking. Unbalanced brackets are reported
/// before the parser runs.
#[test]
fn hcl_unclosed_brackets_are_reported_at_once() {
    let d = temp_dir("hcl-backtracking");
    let bytes = include_bytes!("regressions/fuzz-hcl-timeout.tf");
    std::fs::write(d.join("main.tf"), bytes).unwrap();
    let start = Instant::now();
    let r = run("hcl unclosed brackets", &d);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(located(&r), vec![("AML001", 2, 1951)]);
}

#[test]
fn hcl_nesting_100k_deep() {
    let d = temp_dir("hcl-deep");
    let text = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    std::fs::write(d.join("main.tf"), text).unwrap();
    let r = run("hcl nesting 100000", &d);
    assert_any(&r, &["AML001", "AML004"], "hcl nesting");
    // Parentheses and objects too.
    let text = format!(
        "locals {{\n  x = {}1{}\n  y = {}{}\n}}\n",
        "(".repeat(DEPTH),
        ")".repeat(DEPTH),
        "{a = ".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    std::fs::write(d.join("main.tf"), text).unwrap();
    let r = run("hcl nesting 100000 (parens, objects)", &d);
    assert_any(&r, &["AML001", "AML004"], "hcl nesting (parens)");
}

#[test]
fn json_nesting_100k_deep() {
    let d = temp_dir("json-deep");
    let text = format!(
        "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"variables\": {{\"x\": {}1{}}}, \"resources\": []}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    std::fs::write(d.join("azuredeploy.json"), text).unwrap();
    let r = run("json nesting 100000", &d);
    assert_any(&r, &["AML001", "AML004"], "json nesting");
}

#[test]
fn tf_json_nesting_100k_deep() {
    let d = temp_dir("tfjson-deep");
    let text = format!(
        "{{\"locals\": {{\"x\": {}1{}}}}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    std::fs::write(d.join("main.tf.json"), text).unwrap();
    let r = run("tf.json nesting 100000", &d);
    assert_any(&r, &["AML001", "AML004"], "tf.json nesting");
}

#[test]
fn bicep_nesting_100k_deep() {
    let d = temp_dir("bicep-deep");
    let text = format!(
        "var x = {}1{}\nvar y = {}1{}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH),
        "(".repeat(DEPTH),
        ")".repeat(DEPTH)
    );
    std::fs::write(d.join("main.bicep"), text).unwrap();
    let r = run("bicep nesting 100000", &d);
    assert_any(&r, &["AML001", "AML004"], "bicep nesting");
}

#[test]
fn count_one_billion() {
    let d = temp_dir("count");
    std::fs::write(
        d.join("main.tf"),
        "resource \"azurerm_storage_account\" \"st\" {\n  count = 1000000000\n  name = \"st${count.index}\"\n  account_tier = \"Standard\"\n  account_replication_type = \"LRS\"\n}\n",
    )
    .unwrap();
    let r = run("count = 1000000000", &d);
    assert!(has(&r, "AML004"), "{:?}", rules(&r));
}

#[test]
fn for_each_over_range_1e9() {
    let d = temp_dir("range");
    std::fs::write(
        d.join("main.tf"),
        "resource \"azurerm_storage_account\" \"st\" {\n  for_each = toset([for i in range(1e9) : tostring(i)])\n  name = \"st${each.key}\"\n  account_tier = \"Standard\"\n  account_replication_type = \"LRS\"\n}\n",
    )
    .unwrap();
    let r = run("for_each over range(1e9)", &d);
    // Terraform itself refuses range() beyond 1024 values; isolint reports
    // its own bound (AML004) instead of building the list.
    assert!(has(&r, "AML004"), "{:?}", rules(&r));
}

#[test]
fn cidrsubnets_with_huge_arguments() {
    let d = temp_dir("cidr");
    std::fs::write(
        d.join("main.tf"),
        "locals {\n  a = cidrsubnets(\"10.0.0.0/8\", 1000000000, 4294967296, -1)\n  b = cidrsubnet(\"fd00::/8\", 120, 1e300)\n  c = cidrhost(\"10.0.0.0/8\", 1e19)\n  d = cidrsubnets(\"::/0\", [for i in range(1000) : 7]...)\n}\nresource \"azurerm_virtual_network\" \"v\" {\n  name = \"v\"\n  address_space = concat(local.a, [local.b, local.c], local.d)\n}\n",
    )
    .unwrap();
    let r = run("cidrsubnets with huge arguments", &d);
    // Terraform rejects these calls; isolint treats them as unknown (no
    // finding from an unknown) and keeps going. Whatever it says, the scan ends.
    assert!(!has(&r, "AML001"), "{:?}", rules(&r));
}

#[test]
fn module_that_sources_its_parent() {
    let d = temp_dir("cycle");
    std::fs::create_dir_all(d.join("child")).unwrap();
    std::fs::write(
        d.join("main.tf"),
        "module \"child\" {\n  source = \"./child\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("child/main.tf"),
        "module \"parent\" {\n  source = \"../\"\n}\n",
    )
    .unwrap();
    let r = run("module cycle", &d);
    assert_any(&r, &["AML004", "AML002"], "module cycle");
    // A module that sources itself.
    let d = temp_dir("self-cycle");
    std::fs::write(d.join("main.tf"), "module \"me\" {\n  source = \"./\"\n}\n").unwrap();
    let r = run("module sourcing itself", &d);
    assert_any(&r, &["AML004", "AML002"], "self cycle");
}

#[test]
fn arm_nested_deployments_1000_deep() {
    let d = temp_dir("arm-nested");
    let mut inner = String::from("[]");
    for i in 0..1000 {
        inner = format!(
            "[{{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"d{i}\", \"properties\": {{\"mode\": \"Incremental\", \"expressionEvaluationOptions\": {{\"scope\": \"inner\"}}, \"template\": {{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"resources\": {inner}}}}}}}]"
        );
    }
    let text = format!(
        "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"resources\": {inner}}}"
    );
    std::fs::write(d.join("azuredeploy.json"), text).unwrap();
    let r = run("ARM nested deployments 1000 deep", &d);
    assert!(has(&r, "AML004"), "{:?}", rules(&r));
    // A chain of 1,000 linked templates (each file shallow): the deployment
    // depth bound, not the JSON one.
    let d = temp_dir("arm-linked-chain");
    for i in 0..1000 {
        let name = if i == 0 {
            "azuredeploy.json".to_string()
        } else {
            format!("d{i}.json")
        };
        std::fs::write(
            d.join(name),
            format!("{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"resources\": [{{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"l{i}\", \"properties\": {{\"mode\": \"Incremental\", \"templateLink\": {{\"relativePath\": \"d{}.json\"}}}}}}]}}", i + 1),
        )
        .unwrap();
    }
    let r = run("ARM linked templates 1000 deep", &d);
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "AML004" && f.message.contains("deeper than")),
        "{:?}",
        rules(&r)
    );
}

#[test]
fn bicep_module_cycle() {
    let d = temp_dir("bicep-cycle");
    std::fs::write(
        d.join("main.bicep"),
        "module a 'a.bicep' = {\n  name: 'a'\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a.bicep"),
        "module m 'main.bicep' = {\n  name: 'm'\n}\n",
    )
    .unwrap();
    let r = run("bicep module cycle", &d);
    assert_any(&r, &["AML004", "AML002"], "bicep module cycle");
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let d = temp_dir("symlink-loop");
    std::fs::create_dir_all(d.join("a")).unwrap();
    std::fs::write(d.join("a/main.tf"), "locals {\n  x = 1\n}\n").unwrap();
    std::os::unix::fs::symlink(&d, d.join("a/loop")).unwrap();
    std::os::unix::fs::symlink("self.tf", d.join("a/self.tf")).unwrap();
    std::os::unix::fs::symlink("b.bicep", d.join("a/c.bicep")).unwrap();
    std::os::unix::fs::symlink("c.bicep", d.join("a/b.bicep")).unwrap();
    let r = run("symlink loop", &d);
    // The loops are not followed; the real file lints normally.
    assert!(
        !r.findings.iter().any(|f| f.rule == "AML004"),
        "{:?}",
        rules(&r)
    );
}

/// A sparse file: its size is on the disk's books, not on the disk.
fn sparse(path: &Path, bytes: u64) {
    let f = std::fs::File::create(path).unwrap();
    f.set_len(bytes).unwrap();
}

#[test]
fn files_of_200_mb_are_refused_unread() {
    let d = temp_dir("large");
    for name in ["main.tf", "azuredeploy.json", "main.bicep"] {
        sparse(&d.join(name), 200 * 1024 * 1024);
    }
    let r = run("200 MB files", &d);
    let limits = with(&r, "AML004");
    assert_eq!(limits.len(), 3, "{:?}", rules(&r));
}

#[test]
fn file_over_a_lowered_limit_is_refused() {
    let d = temp_dir("large-real");
    // 20 MB of real HCL (comments), with the limit lowered to 1 MB.
    let line = "# padding padding padding padding padding padding padding padding\n";
    let text = line.repeat(20 * 1024 * 1024 / line.len());
    std::fs::write(d.join("main.tf"), &text).unwrap();
    std::fs::write(
        d.join("template.json"),
        format!("{{\"a\": \"{}\"}}", "x".repeat(2 << 20)),
    )
    .unwrap();
    let mut config = config_for(&d);
    config.limits.max_file_bytes = 1024 * 1024;
    let r = timed("20 MB file, 1 MB limit", std::slice::from_ref(&d), &config);
    assert_eq!(with(&r, "AML004").len(), 2, "{:?}", rules(&r));
}

#[test]
fn binary_file_named_tf() {
    let d = temp_dir("binary");
    let bytes: Vec<u8> = (0..65536u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(d.join("main.tf"), &bytes).unwrap();
    std::fs::write(d.join("x.bicep"), &bytes).unwrap();
    std::fs::write(d.join("x.json"), &bytes).unwrap();
    let r = run("binary .tf", &d);
    assert!(with(&r, "AML001").len() >= 3, "{:?}", rules(&r));
}

#[test]
fn invalid_utf8() {
    let d = temp_dir("utf8");
    std::fs::write(d.join("main.tf"), b"locals {\n  x = \"\xff\xfe\"\n}\n").unwrap();
    std::fs::write(d.join("main.bicep"), b"var x = '\xc3\x28'\n").unwrap();
    let r = run("invalid UTF-8", &d);
    assert_eq!(with(&r, "AML001").len(), 2, "{:?}", rules(&r));
}

fn fixture(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join(rel)).unwrap()
}

/// Lints `text` written as `name` in a fresh folder.
fn lint_text(case: &str, name: &str, text: &[u8]) -> Report {
    let d = temp_dir(case);
    std::fs::write(d.join(name), text).unwrap();
    run(case, &d)
}

#[test]
fn utf8_bom_lints_normally() {
    for (name, rel) in [
        ("main.tf", "testdata/terraform/AML301/fire/main.tf"),
        ("main.bicep", "testdata/bicep/AML301/fire/main.bicep"),
    ] {
        let text = fixture(rel);
        let plain = lint_text(&format!("bom-plain-{name}"), name, text.as_bytes());
        let bom = lint_text(
            &format!("bom-{name}"),
            name,
            format!("\u{feff}{text}").as_bytes(),
        );
        assert!(has(&plain, "AML301"), "{rel}: {:?}", rules(&plain));
        assert_eq!(located(&plain), located(&bom), "{rel} with a BOM");
    }
}

#[test]
fn crlf_lints_normally_with_exact_columns() {
    for (name, rel) in [
        ("main.tf", "testdata/terraform/AML301/fire/main.tf"),
        ("main.bicep", "testdata/bicep/AML301/fire/main.bicep"),
    ] {
        let text = fixture(rel);
        let plain = lint_text(&format!("lf-{name}"), name, text.as_bytes());
        let crlf = lint_text(
            &format!("crlf-{name}"),
            name,
            text.replace('\n', "\r\n").as_bytes(),
        );
        assert!(has(&crlf, "AML301"), "{rel}: {:?}", rules(&crlf));
        assert_eq!(located(&plain), located(&crlf), "{rel} with CRLF");
    }
    // The exact column of one finding: AML301 on `sku  = var.acr_sku`'s
    // value is reported where the value is written, `default = "Basic"`.
    let text = fixture("testdata/terraform/AML301/fire/main.tf");
    let crlf = lint_text("crlf-col", "main.tf", text.replace('\n', "\r\n").as_bytes());
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"Basic\""))
        .unwrap();
    let col = line.find("\"Basic\"").unwrap() as u32 + 1;
    let got = located(&crlf);
    assert!(
        got.contains(&("AML301", line_no as u32 + 1, col)),
        "expected AML301 at {}:{col}, got {got:?}",
        line_no + 1
    );
}

#[test]
fn empty_files() {
    let d = temp_dir("empty");
    for name in [
        "main.tf",
        "x.tf.json",
        "azuredeploy.json",
        "main.bicep",
        "terraform.tfvars",
    ] {
        std::fs::write(d.join(name), "").unwrap();
    }
    let r = run("empty files", &d);
    // An empty .tf is valid Terraform; an empty JSON document is not, but it
    // is not an ARM template either (classified by content, skipped).
    assert!(
        r.findings.iter().all(|f| f.rule == "AML001"),
        "{:?}",
        rules(&r)
    );
    assert!(!with(&r, "AML001")
        .iter()
        .any(|f| f.message.contains("main.tf:") || f.message.contains("main.bicep")));
}

#[cfg(unix)]
#[test]
fn unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    let d = temp_dir("unreadable");
    std::fs::create_dir_all(d.join("locked")).unwrap();
    std::fs::create_dir_all(d.join("open")).unwrap();
    std::fs::write(d.join("locked/main.tf"), "locals {\n  x = 1\n}\n").unwrap();
    std::fs::write(d.join("open/secret.tf"), "locals {\n  x = 1\n}\n").unwrap();
    std::fs::write(d.join("open/main.bicep"), "var x = 1\n").unwrap();
    let text = fixture("testdata/terraform/AML301/fire/main.tf");
    std::fs::create_dir_all(d.join("fine")).unwrap();
    std::fs::write(d.join("fine/main.tf"), text).unwrap();
    let perm = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    perm(&d.join("open/secret.tf"), 0o000);
    perm(&d.join("open/main.bicep"), 0o000);
    perm(&d.join("locked"), 0o000);
    let readable_anyway = std::fs::read(d.join("open/secret.tf")).is_ok();
    let r = run("unreadable file and folder", &d);
    perm(&d.join("locked"), 0o755);
    perm(&d.join("open/secret.tf"), 0o644);
    perm(&d.join("open/main.bicep"), 0o644);
    // The scan goes on past them.
    assert!(has(&r, "AML301"), "{:?}", rules(&r));
    if readable_anyway {
        eprintln!("unreadable_file_and_folder: running as root, chmod 000 does not stop reading; only the scan going on is checked");
        return;
    }
    let errors = with(&r, "AML001");
    for needle in ["locked", "secret.tf", "main.bicep"] {
        assert!(
            errors.iter().any(|f| f.message.contains(needle)),
            "no AML001 for {needle}: {:?}",
            errors.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
}

/// Every `[limits]` value of `.isolint.toml` is honoured by every front-end.
#[test]
fn limits_are_honoured_by_every_frontend() {
    const HEAD: &str = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\"";
    let check =
        |case: &str, files: &[(&str, String)], set: &dyn Fn(&mut isolint::config::Limits)| {
            let d = temp_dir(&format!("limits-{case}"));
            for (name, text) in files {
                let p = d.join(name);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, text).unwrap();
            }
            let plain = run(&format!("limits {case} (defaults)"), &d);
            assert!(
                !has(&plain, "AML004"),
                "{case} with defaults: {:?}",
                rules(&plain)
            );
            let mut config = config_for(&d);
            set(&mut config.limits);
            let r = timed(&format!("limits {case}"), std::slice::from_ref(&d), &config);
            assert!(has(&r, "AML004"), "{case}: {:?}", rules(&r));
        };
    // max_instances
    let set_instances = |l: &mut isolint::config::Limits| l.max_instances = 10;
    check(
        "instances-tf",
        &[("main.tf", "resource \"azurerm_storage_account\" \"st\" {\n  count = 50\n  name = \"st${count.index}\"\n}\n".into())],
        &set_instances,
    );
    check(
        "instances-arm",
        &[("azuredeploy.json", format!("{{{HEAD}, \"resources\": [{{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"[concat('st', copyIndex())]\", \"copy\": {{\"name\": \"c\", \"count\": 50}}}}]}}"))],
        &set_instances,
    );
    check(
        "instances-bicep",
        &[("main.bicep", "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, 50): {\n  name: 'st${i}'\n}]\n".into())],
        &set_instances,
    );
    // max_module_depth
    let set_depth = |l: &mut isolint::config::Limits| l.max_module_depth = 2;
    let mut tf = vec![(
        "main.tf",
        "module \"m\" {\n  source = \"./m1\"\n}\n".to_string(),
    )];
    let tf_names = [
        "m1/main.tf",
        "m1/m2/main.tf",
        "m1/m2/m3/main.tf",
        "m1/m2/m3/m4/main.tf",
    ];
    for (i, n) in tf_names.iter().enumerate() {
        let body = if i + 1 < tf_names.len() {
            format!("module \"m\" {{\n  source = \"./m{}\"\n}}\n", i + 2)
        } else {
            "locals {\n  x = 1\n}\n".to_string()
        };
        tf.push((n, body));
    }
    check("depth-tf", &tf, &set_depth);
    let mut inner = "[]".to_string();
    for i in 0..5 {
        inner = format!("[{{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"d{i}\", \"properties\": {{\"mode\": \"Incremental\", \"template\": {{{HEAD}, \"resources\": {inner}}}}}}}]");
    }
    check(
        "depth-arm",
        &[(
            "azuredeploy.json",
            format!("{{{HEAD}, \"resources\": {inner}}}"),
        )],
        &set_depth,
    );
    let bicep: Vec<(&str, String)> = ["main.bicep", "b1.bicep", "b2.bicep", "b3.bicep", "b4.bicep"]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let body = if i < 4 {
                format!("module m 'b{}.bicep' = {{\n  name: 'm{i}'\n}}\n", i + 1)
            } else {
                "var x = 1\n".to_string()
            };
            (*n, body)
        })
        .collect();
    check("depth-bicep", &bicep, &set_depth);
    // max_eval_steps
    let set_steps = |l: &mut isolint::config::Limits| l.max_eval_steps = 3;
    let busy_tf = "locals {\n  a = [for i in range(20) : i * 2]\n  b = [for x in local.a : x + 1]\n}\nresource \"azurerm_storage_account\" \"st\" {\n  name = \"st${length(local.b)}\"\n}\n";
    check("steps-tf", &[("main.tf", busy_tf.into())], &set_steps);
    check(
        "steps-arm",
        &[("azuredeploy.json", format!("{{{HEAD}, \"variables\": {{\"a\": \"[concat('a', 'b', 'c')]\", \"b\": \"[concat(variables('a'), variables('a'))]\"}}, \"resources\": [{{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"[concat(variables('b'), 'x')]\"}}]}}"))],
        &set_steps,
    );
    check(
        "steps-bicep",
        &[("main.bicep", "var a = [for i in range(0, 20): i * 2]\nvar b = length(a)\nresource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'st${b}${a[3]}'\n}\n".into())],
        &set_steps,
    );
    // max_file_bytes
    let set_bytes = |l: &mut isolint::config::Limits| l.max_file_bytes = 16;
    check("bytes-tf", &[("main.tf", busy_tf.into())], &set_bytes);
    check(
        "bytes-tfjson",
        &[("main.tf.json", "{\"locals\": {\"a\": 1}}".into())],
        &set_bytes,
    );
    check(
        "bytes-arm",
        &[("azuredeploy.json", format!("{{{HEAD}, \"resources\": []}}"))],
        &set_bytes,
    );
    check(
        "bytes-bicep",
        &[("main.bicep", "var a = 'hello world'\n".into())],
        &set_bytes,
    );
    check("bytes-plan", &[("plan.json", fixture_plan())], &set_bytes);
}

/// A plan fixture (the first `*.json` under `testdata/plan`).
fn fixture_plan() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/plan/AML301/fire");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    std::fs::read_to_string(&files[0]).unwrap()
}
