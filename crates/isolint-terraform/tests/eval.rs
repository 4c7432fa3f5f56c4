//! Terraform evaluation end to end: files on disk → canonical resources.

use isolint_model::{Data, Resource, SourceMap, Unit, Value};
use isolint_terraform::{load_root, CliVar, Options};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

static N: AtomicU32 = AtomicU32::new(0);

fn tree(files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "isolint-tf-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn load_with(dir: &Path, f: impl FnOnce(&mut Options)) -> (Unit, SourceMap) {
    let mut sources = SourceMap::new();
    let mut opts = Options::new(dir.to_path_buf());
    f(&mut opts);
    let unit = load_root(&mut sources, dir, &opts);
    (unit, sources)
}

fn load(dir: &Path) -> (Unit, SourceMap) {
    load_with(dir, |_| {})
}

fn res<'a>(u: &'a Unit, address: &str) -> &'a Resource {
    u.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| {
            panic!(
                "no {address} in {:?}",
                u.resources.iter().map(|r| &r.address).collect::<Vec<_>>()
            )
        })
}

fn s<'a>(r: &'a Resource, path: &str) -> Option<&'a str> {
    r.prop(path).and_then(Value::as_str)
}

#[test]
fn variables_follow_terraform_precedence() {
    let dir = tree(&[
        ("main.tf", "variable \"a\" { default = \"default\" }\nvariable \"b\" { default = \"default\" }\nvariable \"c\" { default = \"default\" }\nvariable \"d\" { default = \"default\" }\nvariable \"e\" {}\nvariable \"n\" { type = number }\nresource \"azurerm_container_registry\" \"r\" {\n  name = \"${var.a}-${var.b}-${var.c}-${var.d}\"\n  sku  = var.e\n  tags = { n = var.n + 1 }\n}\n"),
        ("terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\nc = \"tfvars\"\n"),
        ("b.auto.tfvars", "b = \"auto-b\"\nc = \"auto-b\"\n"),
        ("a.auto.tfvars", "b = \"auto-a\"\n"),
        ("extra.tfvars", "c = \"file\"\n"),
    ]);
    let (u, _) = load_with(&dir, |o| {
        o.env_vars = vec![
            ("a".into(), "env".into()),
            ("d".into(), "env".into()),
            ("n".into(), "41".into()),
        ];
        o.cli_vars = vec![
            CliVar::File(dir.join("extra.tfvars")),
            CliVar::Pair("e".into(), "Premium".into()),
        ];
    });
    let r = res(&u, "azurerm_container_registry.r");
    // a: tfvars beats env; b: auto.tfvars in lexical order; c: -var-file last; d: env beats default.
    assert_eq!(s(r, "name"), None, "name is not part of the ARM body");
    assert_eq!(r.name.as_str(), Some("tfvars-auto-b-file-env"));
    assert_eq!(s(r, "sku.name"), Some("Premium"));
    assert_eq!(r.prop("tags.n").and_then(Value::as_f64), Some(42.0));
}

#[test]
fn unset_variables_are_unknown_and_propagate() {
    let dir = tree(&[("main.tf", "variable \"sku\" {}\nvariable \"private\" { type = bool }\nresource \"azurerm_container_registry\" \"r\" {\n  name = \"acr-${var.sku}\"\n  sku = var.sku\n  public_network_access_enabled = !var.private\n}\n")]);
    let (u, _) = load(&dir);
    let r = res(&u, "azurerm_container_registry.r");
    assert!(r.name.is_unknown());
    assert!(r.prop("sku.name").unwrap().is_unknown());
    assert!(r
        .prop("properties.publicNetworkAccess")
        .unwrap()
        .is_unknown());
    assert!(u.findings.is_empty(), "{:?}", u.findings);
}

#[test]
fn count_for_each_and_dynamic_blocks_expand() {
    let dir = tree(&[(
        "main.tf",
        r#"
locals {
  subnets = { a = "10.0.1.0/24", b = "10.0.2.0/24" }
  rules   = [{ name = "r1", priority = 100 }, { name = "r2", priority = 200 }]
}
variable "n" { default = 2 }
resource "azurerm_virtual_network" "v" {
  count         = var.n
  name          = "vnet-${count.index}"
  address_space = [cidrsubnet("10.0.0.0/8", 8, count.index)]
}
resource "azurerm_subnet" "s" {
  for_each             = local.subnets
  name                 = each.key
  virtual_network_name = azurerm_virtual_network.v[0].name
  address_prefixes     = [each.value]
}
resource "azurerm_network_security_group" "nsg" {
  name = "nsg"
  dynamic "security_rule" {
    for_each = local.rules
    content {
      name     = security_rule.value.name
      priority = security_rule.value.priority
    }
  }
}
output "names" { value = [for k, v in azurerm_subnet.s : v.name] }
"#,
    )]);
    let (u, _) = load(&dir);
    assert_eq!(
        res(&u, "azurerm_virtual_network.v[1]")
            .prop("properties.addressSpace.addressPrefixes.0")
            .and_then(Value::as_str),
        Some("10.1.0.0/16")
    );
    let b = res(&u, "azurerm_subnet.s[\"b\"]");
    assert_eq!(b.name.as_str(), Some("b"));
    assert_eq!(
        b.prop("properties.addressPrefixes.0")
            .and_then(Value::as_str),
        Some("10.0.2.0/24")
    );
    // The parent link is a direct reference to vnet 0.
    let parent = b.parent.as_ref().unwrap();
    assert_eq!(parent.as_str(), Some("vnet-0"));
    assert!(parent.origin.resource.is_some());
    let nsg = res(&u, "azurerm_network_security_group.nsg");
    let rules = nsg
        .prop("properties.securityRules")
        .and_then(Value::as_list)
        .unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(
        rules[1].path("properties.priority").and_then(Value::as_i64),
        Some(200)
    );
}

#[test]
fn local_modules_with_count_outputs_and_trail() {
    let dir = tree(&[
        ("main.tf", "module \"net\" {\n  count  = 2\n  source = \"./modules/net\"\n  cidr   = cidrsubnet(\"172.16.0.0/12\", 4, count.index)\n}\nresource \"azurerm_private_endpoint\" \"pe\" {\n  name      = \"pe\"\n  subnet_id = module.net[1].subnet_id\n}\n"),
        ("modules/net/main.tf", "variable \"cidr\" {}\nresource \"azurerm_virtual_network\" \"v\" {\n  name          = \"v\"\n  address_space = [var.cidr]\n}\nresource \"azurerm_subnet\" \"s\" {\n  name                 = \"s\"\n  virtual_network_name = azurerm_virtual_network.v.name\n  address_prefixes     = [cidrsubnet(var.cidr, 8, 0)]\n}\noutput \"subnet_id\" { value = azurerm_subnet.s.id }\n"),
    ]);
    let (u, src) = load(&dir);
    let v1 = res(&u, "module.net[1].azurerm_virtual_network.v");
    assert_eq!(
        v1.prop("properties.addressSpace.addressPrefixes.0")
            .and_then(Value::as_str),
        Some("172.17.0.0/16")
    );
    assert_eq!(v1.trail.len(), 1);
    // The value's origin is the cidrsubnet call in the root module.
    let origin = v1
        .prop("properties.addressSpace.addressPrefixes.0")
        .unwrap()
        .span()
        .unwrap();
    assert!(src.file(origin.file).path.ends_with("main.tf"));
    assert_eq!(src.file(origin.file).line_col(origin.start).line, 4);
    // The PE's subnet is a direct link to module.net[1]'s subnet.
    let pe = res(&u, "azurerm_private_endpoint.pe");
    let key = pe
        .prop("properties.subnet.id")
        .unwrap()
        .origin
        .resource
        .unwrap();
    assert_eq!(
        u.resources[key.0 as usize].address,
        "module.net[1].azurerm_subnet.s"
    );
}

#[test]
fn module_outside_root_and_remote_modules_are_not_read() {
    let outer = tree(&[("shared/main.tf", "resource \"azurerm_virtual_network\" \"v\" { name = \"x\" }\n"), ("root/main.tf", "module \"a\" { source = \"../shared\" }\nmodule \"b\" { source = \"Azure/x/azurerm\" }\n")]);
    let root = outer.join("root");
    let (u, _) = load_with(&root, |o| o.root = root.clone());
    assert!(u.resources.is_empty());
    let msgs: Vec<&str> = u.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("outside the scan root")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("not fetched")), "{msgs:?}");
    assert!(u.findings.iter().all(|f| f.rule == "AML002"));
}

#[test]
fn module_cycles_and_huge_counts_are_bounded() {
    let dir = tree(&[
        ("main.tf", "module \"a\" { source = \"./a\" }\nresource \"azurerm_subnet\" \"many\" {\n  count = 1000000000\n  name = \"s\"\n}\n"),
        ("a/main.tf", "module \"back\" { source = \"../\" }\n"),
    ]);
    let (u, _) = load(&dir);
    assert!(
        u.findings
            .iter()
            .any(|f| f.rule == "AML004" && f.message.contains("cycle")),
        "{:?}",
        u.findings
    );
    assert!(u
        .findings
        .iter()
        .any(|f| f.rule == "AML004" && f.message.contains("1000000000")));
    // The huge count becomes one resource whose existence is unknown.
    let many: Vec<&Resource> = u
        .resources
        .iter()
        .filter(|r| r.address.starts_with("azurerm_subnet.many"))
        .collect();
    assert_eq!(many.len(), 1);
    assert!(many[0].uncertain);
}

#[test]
fn expressions_functions_try_and_templates() {
    let dir = tree(&[
        (
            "main.tf",
            r#"
variable "cfg" {
  type = object({ sku = optional(string, "Premium"), tier = optional(string) })
  default = {}
}
locals {
  names  = ["a", "b", "c"]
  upper  = [for n in local.names : upper(n) if n != "b"]
  joined = join(",", local.upper)
  safe   = try(local.missing_thing, "fallback")
  ok     = can(regex("^a", "abc"))
  splat  = [{ id = 1 }, { id = 2 }][*].id
  heredoc = <<-EOT
    hello ${local.joined}
    EOT
  rendered = templatefile("${path.module}/t.tpl", { who = "world" })
}
resource "azurerm_container_registry" "r" {
  name = local.joined
  sku  = var.cfg.sku
  tags = {
    safe     = local.safe
    ok       = local.ok
    splat    = jsonencode(local.splat)
    heredoc  = local.heredoc
    rendered = local.rendered
    tier     = var.cfg.tier == null ? "none" : "set"
  }
}
"#,
        ),
        ("t.tpl", "hi ${who}%{ if who == \"world\" }!%{ endif }"),
    ]);
    let (u, _) = load(&dir);
    let r = res(&u, "azurerm_container_registry.r");
    assert_eq!(r.name.as_str(), Some("A,C"));
    assert_eq!(s(r, "sku.name"), Some("Premium"));
    assert_eq!(s(r, "tags.safe"), Some("fallback"));
    assert_eq!(r.prop("tags.ok").and_then(Value::as_bool), Some(true));
    assert_eq!(s(r, "tags.splat"), Some("[1,2]"));
    assert_eq!(s(r, "tags.heredoc"), Some("hello A,C\n"));
    assert_eq!(s(r, "tags.rendered"), Some("hi world!"));
    assert_eq!(s(r, "tags.tier"), Some("none"));
}

#[test]
fn azurerm_defaults_are_marked_defaulted() {
    let dir = tree(&[("main.tf", "resource \"azurerm_container_registry\" \"r\" {\n  name = \"r\"\n  sku  = \"Basic\"\n}\nresource \"azurerm_machine_learning_compute_cluster\" \"c\" {\n  name = \"c\"\n  machine_learning_workspace_id = \"/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w\"\n  vm_size = \"Standard_DS3_v2\"\n}\n")]);
    let (u, _) = load(&dir);
    let r = res(&u, "azurerm_container_registry.r");
    let pna = r.prop("properties.publicNetworkAccess").unwrap();
    assert_eq!(pna.as_str(), Some("Enabled"));
    assert_eq!(pna.origin.kind, isolint_model::OriginKind::Defaulted);
    assert_eq!(
        s(r, "properties.networkRuleBypassOptions"),
        Some("AzureServices")
    );
    let c = res(&u, "azurerm_machine_learning_compute_cluster.c");
    assert_eq!(
        c.prop("properties.properties.enableNodePublicIp")
            .and_then(Value::as_bool),
        Some(true)
    );
    assert_eq!(s(c, "properties.computeType"), Some("AmlCompute"));
    assert!(matches!(
        c.parent.as_ref().map(|p| &p.data),
        Some(Data::String(_))
    ));
}

#[test]
fn associations_and_azapi_update_patch_their_target() {
    let dir = tree(&[(
        "main.tf",
        r#"
resource "azurerm_subnet" "s" {
  name                 = "s"
  virtual_network_name = "v"
  address_prefixes     = ["10.0.0.0/24"]
}
resource "azurerm_network_security_group" "n" { name = "n" }
resource "azurerm_subnet_network_security_group_association" "a" {
  subnet_id                 = azurerm_subnet.s.id
  network_security_group_id = azurerm_network_security_group.n.id
}
resource "azapi_resource" "ws" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "ws"
  parent_id = "/subscriptions/s/resourceGroups/g"
  body = jsonencode({ properties = { publicNetworkAccess = "Disabled" } })
}
resource "azapi_update_resource" "ibc" {
  type        = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  resource_id = azapi_resource.ws.id
  body = { properties = { imageBuildCompute = "cpu" } }
}
"#,
    )]);
    let (u, _) = load(&dir);
    let s_ = res(&u, "azurerm_subnet.s");
    assert!(s_
        .prop("properties.networkSecurityGroup.id")
        .unwrap()
        .origin
        .resource
        .is_some());
    let ws = res(&u, "azapi_resource.ws");
    assert_eq!(
        ws.resource_type,
        "Microsoft.MachineLearningServices/workspaces"
    );
    assert_eq!(ws.api_version.as_deref(), Some("2024-10-01"));
    assert_eq!(s(ws, "properties.publicNetworkAccess"), Some("Disabled"));
    assert_eq!(s(ws, "properties.imageBuildCompute"), Some("cpu"));
}

#[test]
fn hostile_files_do_not_stop_the_scan() {
    let dir = tree(&[
        ("a.tf", "resource \"x\" {\n"),
        (
            "b.tf",
            "resource \"azurerm_virtual_network\" \"v\" {\n  name = \"v\"\n}\n",
        ),
    ]);
    std::fs::write(dir.join("c.tf"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    std::fs::write(
        dir.join("d.tf"),
        format!(
            "locals {{ x = {}1{} }}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    )
    .unwrap();
    let (u, _) = load(&dir);
    assert!(u
        .resources
        .iter()
        .any(|r| r.address == "azurerm_virtual_network.v"));
    let parse_errors = u.findings.iter().filter(|f| f.rule == "AML001").count();
    assert!(parse_errors >= 2, "{:?}", u.findings);
}

#[test]
fn azapi_jsonencode_body_keeps_known_parts_when_ids_are_unknown() {
    let dir = tree(&[(
        "main.tf",
        r#"
resource "azurerm_container_registry" "acr" {
  name = "acr"
  sku  = "Basic"
}
resource "azapi_resource" "ws" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "ws"
  parent_id = "/subscriptions/s/resourceGroups/g"
  body = jsonencode({
    properties = {
      publicNetworkAccess = "Disabled"
      containerRegistry   = azurerm_container_registry.acr.id
    }
  })
}
"#,
    )]);
    let (u, _) = load(&dir);
    let ws = res(&u, "azapi_resource.ws");
    assert_eq!(s(ws, "properties.publicNetworkAccess"), Some("Disabled"));
    let acr = ws.prop("properties.containerRegistry").unwrap();
    assert!(acr.is_unknown());
    assert!(
        acr.origin.resource.is_some(),
        "the unknown id still links to the registry"
    );
}
