//! Evaluation of Bicep files into canonical resources.

use isolint_bicep::{bicepparam_target, load_bicep, referenced_modules, BicepOptions};
use isolint_model::{Format, OriginKind, ResKey, SourceMap, Unit, Value};
use std::path::{Path, PathBuf};

fn load(text: &str) -> (SourceMap, Unit) {
    let mut sources = SourceMap::new();
    let f = sources.add("/nonexistent/main.bicep", text);
    let unit = load_bicep(&mut sources, f, &[], &BicepOptions::default());
    (sources, unit)
}

fn res<'u>(unit: &'u Unit, address: &str) -> &'u isolint_model::Resource {
    unit.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| {
            panic!(
                "no resource {address}; have {:?}",
                unit.resources
                    .iter()
                    .map(|r| &r.address)
                    .collect::<Vec<_>>()
            )
        })
}

fn s(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// A scratch folder with files, removed on drop.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir = std::env::temp_dir().join(format!("isolint-bicep-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (p, text) in files {
            let full = dir.join(p);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        Tree(dir)
    }

    fn load(&self, entry: &str, params: &[&str]) -> (SourceMap, Unit) {
        let mut sources = SourceMap::new();
        let path = self.0.join(entry);
        let f = sources.add(path.clone(), std::fs::read_to_string(&path).unwrap());
        let mut ps = Vec::new();
        for p in params {
            let pp = self.0.join(p);
            ps.push(sources.add(pp.clone(), std::fs::read_to_string(&pp).unwrap()));
        }
        let opts = BicepOptions {
            root: self.0.clone(),
            ..BicepOptions::default()
        };
        let unit = load_bicep(&mut sources, f, &ps, &opts);
        (sources, unit)
    }

    fn path(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn resources_have_arm_shape_sites_and_origins() {
    let text = "param sku string = 'Basic'\n\
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n\
  name: 'acr${toLower('X')}'\n\
  location: 'westeurope'\n\
  sku: { name: sku }\n\
  properties: { publicNetworkAccess: 'Disabled' }\n\
  dependsOn: []\n\
}\n";
    let (sources, unit) = load(text);
    assert!(unit.findings.is_empty(), "{:?}", unit.findings);
    let acr = res(&unit, "acr");
    assert_eq!(acr.format, Format::Bicep);
    assert_eq!(acr.resource_type, "Microsoft.ContainerRegistry/registries");
    assert_eq!(acr.api_version.as_deref(), Some("2023-07-01"));
    assert_eq!(acr.name.as_str(), Some("acrx"));
    assert_eq!(s(acr.prop("sku.name")), Some("Basic"));
    assert!(acr.prop("dependsOn").is_none() && acr.prop("name").is_none());
    // The SKU's origin is the parameter default, written.
    let sku = acr.prop("sku.name").unwrap();
    assert_eq!(sku.origin.kind, OriginKind::Written);
    let (start, _) = sources.resolve(sku.span().unwrap()).unwrap();
    assert_eq!((start.line, start.column), (1, 20));
    // The site is the property in the declaration.
    let (site, _) = sources.resolve(acr.site("sku.name")).unwrap();
    assert_eq!(site.line, 5);
    assert!(acr.sites.contains_key("properties.publicNetworkAccess"));
    // A computed name points at the expression.
    assert_eq!(acr.name.origin.kind, OriginKind::Computed);
}

#[test]
fn symbolic_references_link_even_when_names_are_unknown() {
    let text = "param name string\n\
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: name\n  location: 'x'\n  properties: { minimumTlsVersion: 'TLS1_2' }\n}\n\
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr1'\n}\n\
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {\n  name: 'ws'\n  properties: {\n    storageAccount: st.id\n    containerRegistry: acr.id\n    friendlyName: st.properties.minimumTlsVersion\n    description: acr.name\n    hbiWorkspace: st.properties.?unknownThing == null\n  }\n}\n";
    let (_, unit) = load(text);
    let ws = res(&unit, "ws");
    let st_id = ws.prop("properties.storageAccount").unwrap();
    assert!(st_id.is_unknown());
    assert_eq!(st_id.origin.resource, Some(ResKey(0)));
    let acr_id = ws.prop("properties.containerRegistry").unwrap();
    assert_eq!(
        acr_id.as_str(),
        Some("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerRegistry/registries/acr1")
    );
    assert_eq!(acr_id.origin.resource, Some(ResKey(1)));
    assert_eq!(s(ws.prop("properties.friendlyName")), Some("TLS1_2"));
    assert_eq!(s(ws.prop("properties.description")), Some("acr1"));
    // A property the declaration does not set is not known.
    assert!(ws.prop("properties.hbiWorkspace").unwrap().is_unknown());
}

#[test]
fn loops_conditions_and_children() {
    let text = "param maybe bool\n\
var names = ['a', 'b', 'c']\n\
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: 'vnet'\n  properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } }\n\
  resource snet 'subnets' = {\n    name: 'default'\n    properties: { addressPrefix: '10.0.0.0/24' }\n  }\n}\n\
resource subs 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = [for (n, i) in names: if (n != 'b') {\n  parent: vnet\n  name: 'snet-${n}-${i}'\n}]\n\
resource never 'Microsoft.Network/virtualNetworks@2023-09-01' = if (false) {\n  name: 'never'\n}\n\
resource perhaps 'Microsoft.Network/virtualNetworks@2023-09-01' = if (maybe) {\n  name: 'perhaps'\n  resource kid 'subnets' = {\n    name: 'k'\n  }\n}\n\
resource old 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {\n  name: 'old'\n}\n\
output first string = vnet::snet.id\n";
    let (_, unit) = load(text);
    let snet = res(&unit, "vnet::snet");
    assert_eq!(
        snet.resource_type,
        "Microsoft.Network/virtualNetworks/subnets"
    );
    assert_eq!(snet.api_version.as_deref(), Some("2023-09-01"));
    assert_eq!(snet.name.as_str(), Some("default"));
    assert_eq!(
        snet.parent.as_ref().unwrap().origin.resource,
        Some(ResKey(0))
    );
    assert_eq!(res(&unit, "subs[0]").name.as_str(), Some("snet-a-0"));
    assert_eq!(res(&unit, "subs[2]").name.as_str(), Some("snet-c-2"));
    assert!(unit
        .resources
        .iter()
        .all(|r| r.address != "subs[1]" && r.address != "never"));
    assert!(res(&unit, "perhaps").uncertain);
    assert!(res(&unit, "perhaps::kid").uncertain);
    assert!(res(&unit, "old").existing);
}

#[test]
fn expressions_lambdas_and_functions() {
    let text = "var xs = [3, 1, 2]\n\
var obj = { a: { b: 'deep' } }\n\
func prefix(n string) string => 'p-${n}'\n\
resource r 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: prefix('x')\n  tags: {\n\
    sorted: string(sort(xs, (a, b) => a < b))\n\
    mapped: string(map(xs, x => x * 2))\n\
    filtered: string(filter(xs, x => x > 1))\n\
    reduced: string(reduce(xs, 0, (acc, x) => acc + x))\n\
    keyed: string(toObject(['k'], k => k, k => 'v'))\n\
    coalesced: obj.?missing ?? 'fallback'\n\
    safe: obj.a.b!\n\
    tern: length(xs) == 3 ? 'yes' : 'no'\n\
    multi: '''\nline\n'''\n\
    cidr: cidrSubnet('10.0.0.0/16', 24, 3)\n\
    env: environment().suffixes.storage\n\
    rg: resourceGroup().location\n\
    uniq: uniqueString('a')\n\
    nm: nameof(obj.a)\n\
  }\n}\n";
    let (_, unit) = load(text);
    assert!(unit.findings.is_empty(), "{:?}", unit.findings);
    let r = res(&unit, "r");
    assert_eq!(r.name.as_str(), Some("p-x"));
    let t = |k: &str| r.prop(&format!("tags.{k}")).cloned().unwrap();
    assert_eq!(t("sorted").as_str(), Some("[1,2,3]"));
    assert_eq!(t("mapped").as_str(), Some("[6,2,4]"));
    assert_eq!(t("filtered").as_str(), Some("[3,2]"));
    assert_eq!(t("reduced").as_str(), Some("6"));
    assert_eq!(t("keyed").as_str(), Some("{\"k\":\"v\"}"));
    assert_eq!(t("coalesced").as_str(), Some("fallback"));
    assert_eq!(t("safe").as_str(), Some("deep"));
    assert_eq!(t("tern").as_str(), Some("yes"));
    assert_eq!(t("multi").as_str(), Some("line\n"));
    assert_eq!(t("cidr").as_str(), Some("10.0.3.0/24"));
    assert_eq!(t("env").as_str(), Some("core.windows.net"));
    assert!(t("rg").is_unknown());
    assert!(t("uniq").is_unknown());
    assert_eq!(t("nm").as_str(), Some("a"));
}

#[test]
fn loop_limits_are_reported() {
    let text = "resource many 'Microsoft.Network/virtualNetworks@2023-09-01' = [for i in range(0, 100000000): {\n  name: 'v${i}'\n}]\n";
    let (_, unit) = load(text);
    assert!(unit.findings.iter().any(|f| f.rule == "AML004"));
    assert_eq!(unit.resources.len(), 1);
    assert!(unit.resources[0].uncertain);
}

#[test]
fn syntax_errors_are_located_and_later_declarations_survive() {
    let text = "var a = 1 +\nresource v 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: 'v'\n}\n";
    let (sources, unit) = load(text);
    let e: Vec<_> = unit
        .findings
        .iter()
        .filter(|f| f.rule == "AML001")
        .collect();
    assert_eq!(e.len(), 1);
    assert!(sources.resolve(e[0].span.unwrap()).unwrap().0.line <= 2);
    assert_eq!(res(&unit, "v").name.as_str(), Some("v"));
}

#[test]
fn suppression_comments_target_the_next_code_line() {
    let text = "// isolint:ignore AML301,aml302 legacy registry\n\n// another comment\nresource v 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: 'v'\n  properties: {\n    // isolint:ignore AML401\n    addressSpace: {}\n  }\n}\n";
    let (_, unit) = load(text);
    assert_eq!(unit.suppressions.len(), 2);
    assert_eq!(unit.suppressions[0].rules, vec!["AML301", "AML302"]);
    assert_eq!(unit.suppressions[0].reason, "legacy registry");
    assert_eq!(unit.suppressions[0].target_line, 4);
    assert_eq!(unit.suppressions[1].reason, "");
    assert_eq!(unit.suppressions[1].target_line, 8);
}

#[test]
fn modules_pass_parameters_and_outputs_with_their_origins() {
    let t = Tree::new(
        "modules",
        &[
            (
                "main.bicep",
                "module network './modules/network.bicep' = {\n  name: 'network'\n  params: {\n    addressSpace: '172.17.0.0/16'\n  }\n}\n\
module nets './modules/network.bicep' = [for i in range(0, 2): {\n  name: 'net${i}'\n  params: { addressSpace: '10.${i}.0.0/16' }\n}]\n\
resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {\n  name: 'pe'\n  properties: { subnet: { id: network.outputs.subnetId } }\n}\n\
module remote 'br/public:avm/res/network/virtual-network:0.7.0' = {\n  name: 'remote'\n}\n\
module outside '../../elsewhere.bicep' = {\n  name: 'outside'\n}\n",
            ),
            (
                "modules/network.bicep",
                "param addressSpace string\n\
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: 'vnet'\n  properties: { addressSpace: { addressPrefixes: [ addressSpace ] } }\n\
  resource snet 'subnets' = {\n    name: 'default'\n  }\n}\n\
output subnetId string = vnet::snet.id\n",
            ),
        ],
    );
    let (sources, unit) = t.load("main.bicep", &[]);
    let vnet = res(&unit, "module network.vnet");
    let prefix = vnet
        .prop("properties.addressSpace.addressPrefixes.0")
        .unwrap();
    assert_eq!(prefix.as_str(), Some("172.17.0.0/16"));
    let span = prefix.span().unwrap();
    assert!(sources.file(span.file).path.ends_with("main.bicep"));
    assert_eq!(sources.resolve(span).unwrap().0.line, 4);
    assert_eq!(vnet.trail.len(), 1);
    assert_eq!(vnet.trail[0].0, "through module network");
    assert_eq!(
        s(res(&unit, "module nets[1].vnet").prop("properties.addressSpace.addressPrefixes.0")),
        Some("10.1.0.0/16")
    );
    let pe = res(&unit, "pe");
    assert_eq!(
        s(pe.prop("properties.subnet.id")),
        Some("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default")
    );
    let aml002: Vec<_> = unit
        .findings
        .iter()
        .filter(|f| f.rule == "AML002")
        .collect();
    assert_eq!(aml002.len(), 2, "{aml002:?}");
    assert!(aml002.iter().any(|f| f.message.contains("registry")));
    assert!(aml002.iter().any(|f| f.message.contains("outside")));
    // The facade helper lists the local module.
    let main = sources.find(&t.path("main.bicep")).unwrap();
    let mods = referenced_modules(&sources, main);
    assert_eq!(mods, vec![t.path("modules/network.bicep")]);
}

#[test]
fn module_cycles_and_depth_are_bounded() {
    let t = Tree::new(
        "cycle",
        &[
            ("a.bicep", "module b './b.bicep' = {\n  name: 'b'\n}\n"),
            ("b.bicep", "module a './a.bicep' = {\n  name: 'a'\n}\n"),
        ],
    );
    let (_, unit) = t.load("a.bicep", &[]);
    assert!(unit
        .findings
        .iter()
        .any(|f| f.rule == "AML002" && f.message.contains("cycle")));
}

#[test]
fn parameter_files_apply() {
    let t = Tree::new(
        "params",
        &[
            (
                "main.bicep",
                "param sku string = 'Premium'\nparam loc string = 'a'\nresource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n  location: loc\n  sku: { name: sku }\n}\n",
            ),
            ("main.parameters.json", "{\"parameters\": {\"loc\": {\"value\": \"fromjson\"}, \"sku\": {\"value\": \"Standard\"}}}"),
            ("dev.bicepparam", "using './main.bicep'\nvar base = 'Ba'\nparam sku = '${base}sic'\n"),
        ],
    );
    let (sources, unit) = t.load("main.bicep", &["main.parameters.json", "dev.bicepparam"]);
    let acr = res(&unit, "acr");
    assert_eq!(s(acr.prop("sku.name")), Some("Basic"));
    assert_eq!(s(acr.prop("location")), Some("fromjson"));
    let dev = sources.find(&t.path("dev.bicepparam")).unwrap();
    assert_eq!(bicepparam_target(&sources, dev), Some(t.path("main.bicep")));
    assert_eq!(
        isolint_bicep::sibling_parameter_files(&t.path("main.bicep")),
        vec![t.path("main.parameters.json")]
    );
}

#[test]
fn imports_bring_variables_and_functions() {
    let t = Tree::new(
        "imports",
        &[
            (
                "main.bicep",
                "import { prefix, tag as t } from './shared.bicep'\nimport * as shared from './shared.bicep'\nresource v 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: t('v')\n  properties: { addressSpace: { addressPrefixes: [ prefix, shared.prefix ] } }\n}\n",
            ),
            (
                "shared.bicep",
                "@export()\nvar prefix = '10.9.0.0/16'\n@export()\nfunc tag(n string) string => 'tag-${n}'\n",
            ),
        ],
    );
    let (_, unit) = t.load("main.bicep", &[]);
    let v = res(&unit, "v");
    assert_eq!(v.name.as_str(), Some("tag-v"));
    assert_eq!(
        s(v.prop("properties.addressSpace.addressPrefixes.0")),
        Some("10.9.0.0/16")
    );
    assert_eq!(
        s(v.prop("properties.addressSpace.addressPrefixes.1")),
        Some("10.9.0.0/16")
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let mut deep = String::from("var x = ");
    for _ in 0..5000 {
        deep.push('(');
    }
    deep.push('1');
    let inputs = [
        deep.as_str(),
        "var a = b\nvar b = a\nresource r 'A.B/c@1' = { name: a }\n",
        "func f(x int) int => f(x)\nvar y = f(1)\nresource r 'A.B/c@1' = { name: string(y) }\n",
        "resource r 'A.B/c@1' = [for i in range(0, 5): { name: 'x${i / 0}${9223372036854775807 * 9}' }]\n",
        "resource r 'A.B/c@1' = { parent: r, name: r.name }\n",
        "module m '' = { name: 'x' }\nmodule n 'nope.bicep' = {}\n",
        "resource r 'x' = {\n",
    ];
    for text in inputs {
        let _ = load(text);
    }
    let _ = Path::new(".");
}

#[test]
fn json_modules_are_evaluated_by_the_arm_front_end() {
    let t = Tree::new(
        "jsonmod",
        &[
            (
                "main.bicep",
                "module net './net.json' = {\n  name: 'net'\n  params: { prefix: '172.17.0.0/16' }\n}\n",
            ),
            (
                "net.json",
                r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
"parameters": {"prefix": {"type": "string", "defaultValue": "10.0.0.0/16"}},
"resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet",
"properties": {"addressSpace": {"addressPrefixes": ["[parameters('prefix')]"]}}}]}"#,
            ),
        ],
    );
    let (_, unit) = t.load("main.bicep", &[]);
    let vnet = unit
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.Network/virtualNetworks")
        .expect("vnet");
    assert!(vnet.address.starts_with("module net."), "{}", vnet.address);
    assert_eq!(
        s(vnet.prop("properties.addressSpace.addressPrefixes.0")),
        Some("172.17.0.0/16")
    );
    assert_eq!(vnet.trail[0].0, "through module net");
}

#[test]
fn doubling_values_are_bounded() {
    let mut text = String::from("var a0 = 'xxxxxxxxxxxxxxxx'\nvar l0 = [1, 2, 3, 4]\n");
    for i in 1..64 {
        text.push_str(&format!(
            "var a{i} = '${{a{p}}}${{a{p}}}'\nvar l{i} = [...l{p}, ...l{p}]\n",
            p = i - 1
        ));
    }
    text.push_str("resource r 'A.B/c@1' = {\n  name: a63\n  tags: { l: string(length(l63)) }\n}\n");
    let (_, unit) = load(&text);
    assert!(unit.resources[0].name.is_unknown());
    assert!(unit.findings.iter().any(|f| f.rule == "AML004"));
}

#[test]
fn doubling_structures_are_bounded() {
    let mut text = String::from("var a0 = { k: 'v' }\n");
    for i in 1..64 {
        text.push_str(&format!("var a{i} = {{ x: a{p}, y: [a{p}] }}\n", p = i - 1));
    }
    text.push_str("resource r 'A.B/c@1' = {\n  name: 'r'\n  properties: a63\n}\n");
    let (_, unit) = load(&text);
    assert!(unit.findings.iter().any(|f| f.rule == "AML004"));
}
