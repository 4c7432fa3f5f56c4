//! Template tests over the hand-written templates in testdata/arm.

use isolint_arm::{load_template, sibling_parameter_files, ArmOptions};
use isolint_model::{OriginKind, Resource, SourceMap, Unit};
use std::path::{Path, PathBuf};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/arm")
}

fn load(rel: &str, with_siblings: bool) -> (SourceMap, Unit) {
    let path = testdata().join(rel);
    let mut sources = SourceMap::new();
    let id = sources.add(path.clone(), std::fs::read_to_string(&path).unwrap());
    let params: Vec<_> = if with_siblings {
        sibling_parameter_files(&path)
            .into_iter()
            .map(|p| {
                let t = std::fs::read_to_string(&p).unwrap();
                sources.add(p, t)
            })
            .collect()
    } else {
        Vec::new()
    };
    let opts = ArmOptions {
        root: testdata(),
        ..ArmOptions::default()
    };
    let unit = load_template(&mut sources, id, &params, &opts);
    (sources, unit)
}

fn find<'a>(u: &'a Unit, ty: &str, name: &str) -> &'a Resource {
    u.resources
        .iter()
        .find(|r| r.is(ty) && r.name.as_str() == Some(name))
        .unwrap_or_else(|| {
            panic!(
                "no {ty} '{name}' in {:#?}",
                u.resources.iter().map(|r| &r.address).collect::<Vec<_>>()
            )
        })
}

fn text(sources: &SourceMap, span: isolint_model::Span) -> String {
    let f = sources.file(span.file);
    f.text[span.start as usize..span.end as usize].to_string()
}

#[test]
fn nested_deployments_keep_the_outer_literal_origin_and_trail() {
    let (sources, u) = load("nested/azuredeploy.json", false);
    assert!(u.findings.is_empty(), "{:?}", u.findings);
    let vnet = find(&u, "Microsoft.Network/virtualNetworks", "vnet1");
    assert_eq!(
        vnet.address,
        "deployment 'network' > deployment 'vnet' > Microsoft.Network/virtualNetworks 'vnet1'"
    );
    let p = vnet
        .prop("properties.addressSpace.addressPrefixes.0")
        .unwrap();
    assert_eq!(p.as_str(), Some("172.17.0.0/16"));
    assert_eq!(p.origin.kind, OriginKind::Written);
    let span = p.span().unwrap();
    assert_eq!(text(&sources, span), "\"172.17.0.0/16\"");
    let line = sources.file(span.file).line_col(span.start).line;
    assert_eq!(line, 7, "the outer parameter's defaultValue line");
    // The computed subnet prefix points at its expression.
    let sp = vnet
        .prop("properties.subnets.0.properties.addressPrefix")
        .unwrap();
    assert_eq!(sp.as_str(), Some("172.17.1.0/24"));
    assert_eq!(sp.origin.kind, OriginKind::Computed);
    assert!(text(&sources, sp.span().unwrap()).contains("cidrSubnet"));
    assert_eq!(vnet.trail.len(), 2);
    assert!(vnet.trail[0].0.contains("'network'"), "{:?}", vnet.trail);
    assert!(vnet.trail[1].0.contains("'vnet'"));
    assert!(vnet
        .sites
        .contains_key("properties.addressSpace.addressPrefixes"));
    assert!(text(
        &sources,
        vnet.sites["properties.addressSpace.addressPrefixes"]
    )
    .starts_with("\"addressPrefixes\""));
    // Outputs flow back through reference(...).outputs.
    let pe = find(&u, "Microsoft.Network/privateEndpoints", "pe-ws");
    assert_eq!(
        pe.prop("properties.subnet.id").and_then(|v| v.as_str()),
        Some("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/training")
    );
    // The deployments themselves are resources too, without their template.
    let d = find(&u, "Microsoft.Resources/deployments", "network");
    assert!(d.prop("properties.template").is_none());
    assert!(d.trail.is_empty());
}

#[test]
fn loops_conditions_children_parameters_and_suppressions() {
    let (sources, u) = load("loops/azuredeploy.json", true);
    assert!(u.findings.is_empty(), "{:?}", u.findings);
    let vnet = find(&u, "Microsoft.Network/virtualNetworks", "dev-vnet");
    let subnets = vnet
        .prop("properties.subnets")
        .and_then(|v| v.as_list())
        .unwrap();
    assert_eq!(
        subnets.len(),
        3,
        "subnetCount comes from the parameter file"
    );
    assert_eq!(
        subnets[2]
            .path("properties.addressPrefix")
            .and_then(|v| v.as_str()),
        Some("10.0.3.0/24")
    );
    assert_eq!(
        subnets[0].get("name").and_then(|v| v.as_str()),
        Some("snet-0")
    );
    assert!(vnet
        .sites
        .contains_key("properties.subnets.1.properties.addressPrefix"));
    // Child resources: nested array and parent/child name.
    let nested = find(
        &u,
        "Microsoft.Network/virtualNetworks/subnets",
        "dev-vnet/nested-child",
    );
    assert_eq!(
        nested.address,
        "Microsoft.Network/virtualNetworks/subnets 'dev-vnet/nested-child'"
    );
    find(
        &u,
        "Microsoft.Network/virtualNetworks/subnets",
        "dev-vnet/slash-child",
    );
    let compute = find(
        &u,
        "Microsoft.MachineLearningServices/workspaces/computes",
        "ws/cpu-cluster",
    );
    assert_eq!(
        compute
            .prop("properties.properties.enableNodePublicIp")
            .and_then(|v| v.as_bool()),
        Some(false)
    );
    assert_eq!(
        compute.prop("properties.properties.subnet.id").and_then(|v| v.as_str()),
        Some("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/dev-vnet/subnets/snet-0")
    );
    // Copy loop: three storage accounts.
    let st: Vec<_> = u
        .resources
        .iter()
        .filter(|r| r.is("Microsoft.Storage/storageAccounts"))
        .collect();
    assert_eq!(
        st.iter()
            .map(|r| r.name.as_str().unwrap())
            .collect::<Vec<_>>(),
        vec!["sta", "stb", "stc"]
    );
    // Conditions: false is dropped, unknown is kept.
    assert!(!u
        .resources
        .iter()
        .any(|r| r.is("Microsoft.Network/bastionHosts")));
    assert!(u
        .resources
        .iter()
        .any(|r| r.is("Microsoft.Network/natGateways")));
    // Parameter file value, with its origin in the parameter file.
    let acr = find(&u, "Microsoft.ContainerRegistry/registries", "acr1");
    let sku = acr.prop("sku.name").unwrap();
    assert_eq!(sku.as_str(), Some("Premium"));
    assert!(sources
        .file(sku.span().unwrap().file)
        .path
        .ends_with("azuredeploy.parameters.json"));
    assert!(acr.prop("metadata").is_none());
    assert!(acr.prop("name").is_none() && acr.prop("apiVersion").is_none());
    assert_eq!(acr.api_version.as_deref(), Some("2023-07-01"));
    // Suppression on the registry.
    assert_eq!(u.suppressions.len(), 1);
    let s = &u.suppressions[0];
    assert_eq!(s.rules, vec!["AML301"]);
    assert!(s.reason.starts_with("dev registry"));
    assert_eq!(
        s.target_line,
        sources.file(acr.span.file).line_col(acr.span.start).line
    );
    assert!(text(&sources, s.span).starts_with("\"isolint:ignore\""));
}

#[test]
fn symbolic_names_existing_and_main_parameters() {
    let (sources, u) = load("symbolic/main.json", true);
    assert!(u.findings.is_empty(), "{:?}", u.findings);
    let vnet = u.resources.iter().find(|r| r.address == "vnet").unwrap();
    assert!(vnet.existing);
    let kv = u.resources.iter().find(|r| r.address == "kv").unwrap();
    assert_eq!(kv.name.as_str(), Some("kv-prod-1"));
    assert!(kv.prop("location").unwrap().is_unknown());
    let zone = u.resources.iter().find(|r| r.address == "zone").unwrap();
    assert_eq!(zone.name.as_str(), Some("privatelink.vault.azure.net"));
    let link = u
        .resources
        .iter()
        .find(|r| r.address == "zoneLink")
        .unwrap();
    assert_eq!(link.name.as_str(), Some("privatelink.vault.azure.net/link"));
    let _ = sources;
}

#[test]
fn unknown_parameters_without_parameter_file() {
    let (_, u) = load("symbolic/main.json", false);
    let kv = u.resources.iter().find(|r| r.address == "kv").unwrap();
    assert!(kv.name.is_unknown());
}

#[test]
fn linked_templates_relative_and_remote() {
    let (sources, u) = load("linked/azuredeploy.json", false);
    let st = find(&u, "Microsoft.Storage/storageAccounts", "stlinked");
    assert_eq!(
        st.address,
        "deployment 'storage' > Microsoft.Storage/storageAccounts 'stlinked'"
    );
    assert!(sources.file(st.span.file).path.ends_with("storage.json"));
    let unresolved: Vec<_> = u.findings.iter().filter(|f| f.rule == "AML002").collect();
    assert_eq!(unresolved.len(), 1, "{:?}", u.findings);
    assert!(unresolved[0]
        .message
        .contains("https://example.com/templates/remote.json"));
}

#[test]
fn linked_templates_outside_the_root_are_not_read() {
    let path = testdata().join("linked/azuredeploy.json");
    let mut sources = SourceMap::new();
    let id = sources.add(path.clone(), std::fs::read_to_string(&path).unwrap());
    let opts = ArmOptions {
        root: testdata().join("nested"),
        ..ArmOptions::default()
    };
    let u = load_template(&mut sources, id, &[], &opts);
    assert!(!u
        .resources
        .iter()
        .any(|r| r.is("Microsoft.Storage/storageAccounts")));
    assert!(u
        .findings
        .iter()
        .any(|f| f.rule == "AML002" && f.message.contains("outside")));
}

#[test]
fn parse_errors_are_aml001_with_position() {
    let (sources, u) = load("broken/azuredeploy.json", false);
    assert!(u.resources.is_empty());
    assert_eq!(u.findings.len(), 1);
    let f = &u.findings[0];
    assert_eq!(f.rule, "AML001");
    let (start, _) = sources.resolve(f.span.unwrap()).unwrap();
    let line4 = sources.file(f.span.unwrap().file).line_text(4).to_string();
    let col = line4.find("\"name\"").unwrap() as u32 + 1;
    assert_eq!((start.line, start.column), (4, col));
    assert!(f.message.contains("','"), "{}", f.message);
}

fn load_text(text: &str) -> Unit {
    let mut sources = SourceMap::new();
    let id = sources.add("t.json", text.to_string());
    load_template(&mut sources, id, &[], &ArmOptions::default())
}

#[test]
fn bounds_never_overflow() {
    // Deep JSON.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let u = load_text(&deep);
    assert!(u.findings.iter().any(|f| f.rule == "AML004"));
    // Huge copy count.
    let u = load_text(
        r#"{"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[concat('s', copyIndex())]", "copy": {"name": "l", "count": 1000000}}]}"#,
    );
    assert!(u.findings.iter().any(|f| f.rule == "AML004"));
    assert_eq!(u.resources.len(), 1);
    assert!(u.resources[0].name.is_unknown());
    // Self-referencing variables.
    let u = load_text(
        r#"{"variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[variables('a')]"}]}"#,
    );
    assert!(u.resources[0].name.is_unknown());
    // Deeply nested deployments.
    let mut t = r#"{"type": "Microsoft.Storage/storageAccounts", "name": "leaf"}"#.to_string();
    for i in 0..40 {
        t = format!(
            r#"{{"type": "Microsoft.Resources/deployments", "name": "d{i}", "properties": {{"expressionEvaluationOptions": {{"scope": "inner"}}, "template": {{"resources": [{t}]}}}}}}"#
        );
    }
    let u = load_text(&format!(r#"{{"resources": [{t}]}}"#));
    assert!(
        u.findings.iter().any(|f| f.rule == "AML004"),
        "{:?}",
        u.findings
    );
    // Long chains of variables.
    let mut vars = String::from(r#""v0": "x""#);
    for i in 1..5000 {
        vars.push_str(&format!(r#", "v{i}": "[variables('v{p}')]""#, p = i - 1));
    }
    let u = load_text(&format!(
        r#"{{"variables": {{{vars}}}, "resources": [{{"type": "Microsoft.Storage/storageAccounts", "name": "[variables('v4999')]"}}]}}"#
    ));
    assert!(u.resources[0].name.is_unknown());
    assert!(u.findings.iter().any(|f| f.rule == "AML004"));
    // Exponential variable growth is cut by the step budget.
    let mut vars = String::from(r#""v0": "x""#);
    for i in 1..60 {
        vars.push_str(&format!(
            r#", "v{i}": "[concat(variables('v{p}'), variables('v{p}'))]""#,
            p = i - 1
        ));
    }
    let u = load_text(&format!(
        r#"{{"variables": {{{vars}}}, "resources": [{{"type": "Microsoft.Storage/storageAccounts", "name": "[length(variables('v59'))]"}}]}}"#
    ));
    assert_eq!(u.resources.len(), 1);
}

#[test]
fn unknown_names_still_link_through_the_graph() {
    use isolint_model::{types, EdgeKind, GraphBuilder};
    let text = r#"{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "variables": {
        "st": "[concat('st', uniqueString(resourceGroup().id))]",
        "kv": "[format('kv-{0}', uniqueString(resourceGroup().id))]",
        "vnet": "[concat('vnet-', uniqueString(resourceGroup().id))]"
      },
      "resources": [
        { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[variables('st')]" },
        { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-01-01", "name": "[variables('vnet')]",
          "resources": [ { "type": "subnets", "apiVersion": "2023-01-01", "name": "pe", "properties": { "addressPrefix": "10.0.0.0/24" } } ] },
        { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-01-01", "name": "[format('{0}/{1}', variables('vnet'), 'compute')]" },
        { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "kvdeploy",
          "properties": { "expressionEvaluationOptions": { "scope": "inner" }, "mode": "Incremental",
            "parameters": { "name": { "value": "[variables('kv')]" } },
            "template": {
              "parameters": { "name": { "type": "string" } },
              "resources": [ { "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[parameters('name')]" } ],
              "outputs": { "id": { "type": "string", "value": "[resourceId('Microsoft.KeyVault/vaults', parameters('name'))]" } }
            } } },
        { "type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01", "name": "ws",
          "properties": {
            "storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', variables('st'))]",
            "keyVault": "[reference('kvdeploy').outputs.id.value]"
          } },
        { "type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-01-01", "name": "pe",
          "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnet'), 'pe')]" } } }
      ]
    }"#;
    let mut sources = SourceMap::new();
    let id = sources.add("link.json", text.to_string());
    let u = load_template(&mut sources, id, &[], &ArmOptions::default());
    assert!(u.findings.is_empty(), "{:?}", u.findings);
    let mut b = GraphBuilder::new(sources);
    b.add_unit(u);
    let g = b.build();
    let ws = g.of_type(types::WORKSPACE)[0];
    let st = g
        .target(ws, EdgeKind::Storage)
        .expect("workspace → storage edge");
    assert!(g.get(st).is(types::STORAGE));
    let kv = g
        .target(ws, EdgeKind::KeyVault)
        .expect("workspace → key vault edge through the nested deployment output");
    assert!(g.get(kv).is(types::KEY_VAULT));
    let pe = g.of_type(types::PRIVATE_ENDPOINT)[0];
    let sn = g.target(pe, EdgeKind::Subnet).expect("PE → subnet edge");
    assert!(g.get(sn).is(types::SUBNET));
    let vnet = g.of_type(types::VNET)[0];
    assert_eq!(
        g.parent(sn),
        Some(vnet),
        "nested child of a VNet with an unknown name"
    );
    assert_eq!(
        g.children_of_type(vnet, types::SUBNET).count(),
        2,
        "nested and format('{{0}}/{{1}}') children"
    );
}

#[test]
fn outer_scope_nested_deployments_in_a_copy_loop() {
    let (_, u) = load("outer-scope/azuredeploy.json", false);
    assert!(u.findings.is_empty(), "{:?}", u.findings);
    let zones: Vec<_> = u
        .resources
        .iter()
        .filter(|r| r.is("Microsoft.Network/privateDnsZones"))
        .collect();
    assert_eq!(zones.len(), 2);
    assert_eq!(zones[0].name.as_str(), Some("privatelink.vault.azure.net"));
    assert_eq!(zones[0].address, "deployment 'dns-westeurope' > Microsoft.Network/privateDnsZones 'privatelink.vault.azure.net'");
    assert_eq!(
        zones[1].prop("tags.region").and_then(|v| v.as_str()),
        Some("northeurope")
    );
    assert_eq!(
        zones[0].prop("tags.note").and_then(|v| v.as_str()),
        Some("[not an expression]")
    );
}

fn load_str(text: &str, opts: &ArmOptions) -> Unit {
    let mut sources = SourceMap::new();
    let id = sources.add("inline.json", text.to_string());
    load_template(&mut sources, id, &[], opts)
}

#[test]
fn reference_id_parameters_link_and_cloud() {
    let text = r#"{
      "languageVersion": "2.0",
      "resources": {
        "vnet": { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-01-01", "name": "vnet1" },
        "link": { "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "apiVersion": "2020-06-01",
                  "name": "[format('privatelink{0}/l', environment().suffixes.keyvaultDns)]",
                  "properties": { "virtualNetwork": { "id": "[reference('vnet', '2023-01-01', 'full').id]" } } },
        "mod": { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "mod",
                 "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
                   "parametersLink": { "uri": "https://example.com/p.json" },
                   "template": { "parameters": { "n": { "type": "string", "defaultValue": "dflt" } },
                     "resources": [ { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[parameters('n')]" } ] } } }
      }
    }"#;
    let u = load_str(text, &ArmOptions::default());
    let link = u.resources.iter().find(|r| r.address == "link").unwrap();
    assert_eq!(
        link.prop("properties.virtualNetwork.id").and_then(|v| v.as_str()),
        Some("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet1")
    );
    let st = u
        .resources
        .iter()
        .find(|r| r.is("Microsoft.Storage/storageAccounts"))
        .unwrap();
    assert!(
        st.name.is_unknown(),
        "a parameter file that is not read overrides defaults"
    );
    assert_eq!(st.address, "mod > Microsoft.Storage/storageAccounts '{n}'");
    assert!(u.findings.iter().any(|f| f.rule == "AML002"));
    let gov = ArmOptions {
        cloud: isolint_arm::Cloud::AzureUSGovernment,
        ..ArmOptions::default()
    };
    let u = load_str(text, &gov);
    let link = u.resources.iter().find(|r| r.address == "link").unwrap();
    assert_eq!(
        link.name.as_str(),
        Some("privatelink.vault.usgovcloudapi.net/l")
    );
}

#[test]
fn deployments_run_in_dependency_order() {
    let text = r#"{
      "resources": [
        { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "consumer",
          "dependsOn": [ "[resourceId('Microsoft.Resources/deployments', 'producer')]" ],
          "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
            "parameters": { "prefix": { "value": "[reference('producer').outputs.prefix.value]" } },
            "template": { "parameters": { "prefix": { "type": "string" } },
              "resources": [ { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-01-01", "name": "v",
                "properties": { "addressSpace": { "addressPrefixes": [ "[parameters('prefix')]" ] } } } ] } } },
        { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "producer",
          "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
            "template": { "outputs": { "prefix": { "type": "string", "value": "10.1.0.0/16" } } } } }
      ]
    }"#;
    let u = load_str(text, &ArmOptions::default());
    let v = find(&u, "Microsoft.Network/virtualNetworks", "v");
    assert_eq!(
        v.prop("properties.addressSpace.addressPrefixes.0")
            .and_then(|x| x.as_str()),
        Some("10.1.0.0/16")
    );
}

#[test]
fn user_functions_and_deployment_resource_group() {
    let text = r#"{
      "functions": [ { "namespace": "net", "members": {
        "subnetPrefix": { "parameters": [ { "name": "base", "type": "string" }, { "name": "i", "type": "int" } ],
                          "output": { "type": "string", "value": "[cidrSubnet(parameters('base'), 24, parameters('i'))]" } } } } ],
      "resources": [
        { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-01-01", "name": "v",
          "properties": { "subnets": [ { "name": "a", "properties": { "addressPrefix": "[net.subnetPrefix('10.9.0.0/16', 4)]" } } ] } },
        { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "other", "resourceGroup": "rg-net",
          "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
            "template": { "resources": [ { "type": "Microsoft.Network/privateDnsZones", "apiVersion": "2020-06-01", "name": "privatelink.blob.core.windows.net" } ] } } }
      ]
    }"#;
    let u = load_str(text, &ArmOptions::default());
    assert!(u.findings.is_empty(), "{:?}", u.findings);
    let v = find(&u, "Microsoft.Network/virtualNetworks", "v");
    assert_eq!(
        v.prop("properties.subnets.0.properties.addressPrefix")
            .and_then(|x| x.as_str()),
        Some("10.9.4.0/24")
    );
    let z = find(
        &u,
        "Microsoft.Network/privateDnsZones",
        "privatelink.blob.core.windows.net",
    );
    assert_eq!(
        z.resource_group.as_ref().and_then(|x| x.as_str()),
        Some("rg-net")
    );
    assert!(v.resource_group.is_none());
}
