//! Safety (issue 10): nothing outside the scan root is read, symlinks do not
//! lead out of it, the default root is the git work tree, and linting needs
//! no network.

use isolint::{lint, Config, Report};
use std::path::{Path, PathBuf};

/// A fresh folder holding `root/` (the scan root) and `outside/` beside it.
fn sandbox(name: &str) -> (PathBuf, PathBuf) {
    let d = std::env::temp_dir().join(format!("isolint-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let root = d.join("root");
    let outside = d.join("outside");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    (root, outside)
}

fn write(p: &Path, text: &str) {
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

fn run_rooted(root: &Path, path: &Path) -> Report {
    let config = Config {
        cwd: root.to_path_buf(),
        root: Some(root.to_path_buf()),
        ..Config::default()
    };
    lint(&[path.to_path_buf()], &config).unwrap()
}

fn summary(r: &Report) -> Vec<(String, String)> {
    r.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.message.clone()))
        .collect()
}

/// No source file under `dir` was read (registered in the source map).
fn not_read(r: &Report, dir: &Path) {
    let dir = dir.canonicalize().unwrap();
    for f in r.graph.sources.iter().map(|(_, f)| f) {
        let p = f.path.canonicalize().unwrap_or_else(|_| f.path.clone());
        assert!(!p.starts_with(&dir), "{} was read", f.path.display());
    }
}

/// An AML002 finding whose message names `what` and says why.
fn unresolved_outside(r: &Report, what: &str) {
    assert!(
        r.findings.iter().any(|f| f.rule == "AML002"
            && f.message.contains(what)
            && f.message.contains("outside")),
        "no AML002 for {what}: {:?}",
        summary(r)
    );
}

/// A Basic registry: AML301 fires on it when it is read and evaluated.
const SECRET_TF: &str =
    "variable \"x\" {\n  default = \"secret\"\n}\noutput \"x\" {\n  value = var.x\n}\n";

#[test]
fn terraform_module_outside_root_is_not_read() {
    let (root, outside) = sandbox("tf-module");
    write(&outside.join("net/main.tf"), SECRET_TF);
    write(
        &root.join("main.tf"),
        "module \"net\" {\n  source = \"../outside/net\"\n}\n",
    );
    let r = run_rooted(&root, &root);
    unresolved_outside(&r, "outside/net");
    not_read(&r, &outside);
}

#[test]
fn terraform_file_and_templatefile_outside_root_are_not_read() {
    let (root, outside) = sandbox("tf-file");
    write(&outside.join("secret.txt"), "secret");
    write(&outside.join("t.tpl"), "${x}");
    write(
        &root.join("main.tf"),
        "locals {\n  a = file(\"../outside/secret.txt\")\n  b = templatefile(\"../outside/t.tpl\", { x = 1 })\n  c = file(\"/etc/hostname\")\n}\nresource \"azurerm_storage_account\" \"st\" {\n  name = \"${local.a}${local.b}${local.c}\"\n  account_tier = \"Standard\"\n  account_replication_type = \"LRS\"\n}\n",
    );
    let r = run_rooted(&root, &root);
    unresolved_outside(&r, "templatefile");
    unresolved_outside(&r, "secret.txt");
    unresolved_outside(&r, "/etc/hostname");
    not_read(&r, &outside);
}

const TEMPLATE_HEAD: &str = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\"";

#[test]
fn arm_linked_template_outside_root_is_not_read() {
    let (root, outside) = sandbox("arm-link");
    write(
        &outside.join("linked.json"),
        &format!("{{{TEMPLATE_HEAD}, \"resources\": []}}"),
    );
    write(
        &root.join("azuredeploy.json"),
        &format!("{{{TEMPLATE_HEAD}, \"resources\": [{{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"l\", \"properties\": {{\"mode\": \"Incremental\", \"templateLink\": {{\"relativePath\": \"../outside/linked.json\"}}}}}}]}}"),
    );
    let r = run_rooted(&root, &root);
    unresolved_outside(&r, "linked.json");
    not_read(&r, &outside);
}

#[test]
fn bicep_module_outside_root_is_not_read() {
    let (root, outside) = sandbox("bicep-module");
    write(&outside.join("m.bicep"), "param x string\n");
    write(
        &root.join("main.bicep"),
        "module m '../outside/m.bicep' = {\n  name: 'm'\n  params: { x: 'a' }\n}\nvar t = loadTextContent('../outside/m.bicep')\n",
    );
    let r = run_rooted(&root, &root);
    unresolved_outside(&r, "m.bicep");
    not_read(&r, &outside);
}

#[cfg(unix)]
#[test]
fn symlinks_do_not_lead_out_of_the_root() {
    use std::os::unix::fs::symlink;
    let (root, outside) = sandbox("symlinks");
    write(&outside.join("secret.tf"), SECRET_TF);
    write(&outside.join("terraform.tfvars"), "x = \"secret\"\n");
    write(&outside.join("net/main.tf"), SECRET_TF);
    write(
        &outside.join("t.json"),
        &format!("{{{TEMPLATE_HEAD}, \"resources\": []}}"),
    );
    write(&outside.join("m.bicep"), "param x string\n");
    write(&outside.join("p.json"), "{\"parameters\": {}}");
    write(&outside.join("s.txt"), "secret");
    // Files and folders in the root that are links to the outside.
    symlink(outside.join("secret.tf"), root.join("linked.tf")).unwrap();
    symlink(
        outside.join("terraform.tfvars"),
        root.join("terraform.tfvars"),
    )
    .unwrap();
    symlink(outside.join("net"), root.join("net")).unwrap();
    symlink(outside.join("t.json"), root.join("t.json")).unwrap();
    symlink(outside.join("t.json"), root.join("linked.json")).unwrap();
    symlink(outside.join("m.bicep"), root.join("m.bicep")).unwrap();
    symlink(outside.join("p.json"), root.join("main.parameters.json")).unwrap();
    symlink(outside.join("s.txt"), root.join("s.txt")).unwrap();
    write(
        &root.join("main.tf"),
        "variable \"x\" {}\nmodule \"net\" {\n  source = \"./net\"\n}\nlocals {\n  s = file(\"./s.txt\")\n}\n",
    );
    write(
        &root.join("main.bicep"),
        "module m 'm.bicep' = {\n  name: 'm'\n  params: { x: 'a' }\n}\n",
    );
    write(
        &root.join("azuredeploy.json"),
        &format!("{{{TEMPLATE_HEAD}, \"resources\": [{{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"l\", \"properties\": {{\"mode\": \"Incremental\", \"templateLink\": {{\"relativePath\": \"linked.json\"}}}}}}]}}"),
    );
    let r = run_rooted(&root, &root);
    not_read(&r, &outside);
    // The same when the link itself is named on the command line.
    let r = run_rooted(&root, &root.join("linked.tf"));
    not_read(&r, &outside);
}

/// `isolint check envs/prod` run inside a git work tree follows
/// `../../modules/network`: the default root is the top of the work tree.
#[test]
fn default_root_is_the_git_work_tree() {
    let (repo, _outside) = sandbox("git-root");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    write(
        &repo.join("modules/network/main.tf"),
        "variable \"name\" {}\noutput \"id\" {\n  value = var.name\n}\n",
    );
    write(
        &repo.join("envs/prod/main.tf"),
        "module \"network\" {\n  source = \"../../modules/network\"\n  name = \"n\"\n}\n",
    );
    let cwd = repo.join("envs/prod");
    assert_eq!(isolint::discover::default_root(&cwd), repo);
    let config = Config {
        cwd: cwd.clone(),
        root: None,
        ..Config::default()
    };
    let r = lint(std::slice::from_ref(&cwd), &config).unwrap();
    assert!(
        !r.findings.iter().any(|f| f.rule == "AML002"),
        "{:?}",
        summary(&r)
    );
    assert!(r
        .graph
        .sources
        .iter()
        .any(|(_, f)| f.path.to_string_lossy().contains("modules/network")));
    // Without a work tree the current folder is the root: the module is outside.
    std::fs::remove_dir_all(repo.join(".git")).unwrap();
    let r = lint(std::slice::from_ref(&cwd), &config).unwrap();
    unresolved_outside(&r, "modules/network");
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// What linting the examples and fixtures gives, as text.
fn lint_everything() -> String {
    let root = workspace_root();
    let config = Config {
        cwd: root.clone(),
        root: Some(root.clone()),
        ..Config::default()
    };
    let mut out = String::new();
    for p in [
        "examples/clean",
        "examples/faulty",
        "testdata/terraform/AML301",
        "testdata/terraform-json",
        "testdata/arm/AML301",
        "testdata/arm/linked",
        "testdata/bicep/AML301",
        "testdata/plan/AML301",
    ] {
        let r = lint(&[root.join(p)], &config).unwrap();
        for f in &r.findings {
            out.push_str(&format!("{p} {} {} {:?}\n", f.rule, f.message, f.span));
        }
    }
    out
}

const NO_NET_ENV: &str = "ISOLINT_SAFETY_NO_NETWORK_OUT";

/// Runs inside the network-less namespace (see below); does nothing otherwise.
#[test]
fn inner_lint_without_network() {
    if let Ok(out) = std::env::var(NO_NET_ENV) {
        // Prove there is no network here.
        assert!(std::net::TcpStream::connect("1.1.1.1:443").is_err());
        std::fs::write(out, lint_everything()).unwrap();
    }
}

/// Lints the examples and every fixture in a network namespace without
/// interfaces (`unshare -n`), through this test binary and through the CLI
/// binary when it has been built, and expects the same results as with a
/// network.
#[test]
fn no_network_is_needed() {
    let unshare = |args: &[&str]| {
        std::process::Command::new("unshare")
            .args(args)
            .arg("true")
            .status()
            .is_ok_and(|s| s.success())
    };
    let prefix: Vec<&str> = if unshare(&["-n"]) {
        vec!["-n"]
    } else if unshare(&["-rn"]) {
        vec!["-rn"]
    } else {
        eprintln!("no_network_is_needed: SKIPPED: unshare -n is not available here");
        return;
    };
    let me = std::env::current_exe().unwrap();
    let out = std::env::temp_dir().join(format!("isolint-nonet-{}", std::process::id()));
    let status = std::process::Command::new("unshare")
        .args(&prefix)
        .arg(&me)
        .args(["--exact", "inner_lint_without_network", "--test-threads=1"])
        .env(NO_NET_ENV, &out)
        .status()
        .unwrap();
    assert!(status.success());
    let offline = std::fs::read_to_string(&out).unwrap();
    assert_eq!(offline, lint_everything());
    assert!(offline.contains("AML"), "the fixtures give findings");
    // The CLI binary, when this build has it (`cargo test --workspace` builds it).
    let bin = me
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("isolint"))
        .filter(|b| b.is_file());
    let Some(bin) = bin else {
        eprintln!(
            "no_network_is_needed: the isolint binary is not built; only the library was checked"
        );
        return;
    };
    let root = workspace_root();
    for (example, want) in [("examples/clean", 0), ("examples/faulty", 1)] {
        let run = |offline: bool| {
            let mut c = if offline {
                let mut c = std::process::Command::new("unshare");
                c.args(&prefix).arg(&bin);
                c
            } else {
                std::process::Command::new(&bin)
            };
            c.current_dir(&root)
                .args(["check", example, "--format", "compact"])
                .output()
                .unwrap()
        };
        let off = run(true);
        let on = run(false);
        assert_eq!(off.status.code(), Some(want), "{example}: {off:?}");
        assert_eq!(off.stdout, on.stdout, "{example}");
    }
}
