//! The plan reader on hand-made plans (modules, unknowns, deletions) and on
//! real `terraform show -json` files from the shared corpus.

use isolint_model::{types, Data, EdgeKind, GraphBuilder, SourceMap, Unit, Value};
use isolint_plan::{load_plan, PlanOptions};
use std::path::Path;

fn load(text: &str) -> (SourceMap, Unit) {
    let mut sources = SourceMap::new();
    let file = sources.add("plan.json", text.to_string());
    let mut opts = PlanOptions::new(".".into());
    opts.sources_beside = false;
    let unit = load_plan(&mut sources, file, &opts);
    (sources, unit)
}

fn find<'u>(unit: &'u Unit, address: &str) -> &'u isolint_model::Resource {
    unit.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("{address} not read"))
}

const MODULES: &str = r#"{
  "format_version": "1.2",
  "planned_values": { "root_module": {
    "resources": [
      { "address": "azurerm_subnet.a", "mode": "managed", "type": "azurerm_subnet", "name": "a",
        "values": { "name": "snet-a", "virtual_network_name": "vnet", "address_prefixes": ["10.0.0.0/24"] } },
      { "address": "azurerm_machine_learning_workspace.ws", "mode": "managed",
        "type": "azurerm_machine_learning_workspace", "name": "ws",
        "values": { "name": "mlw", "public_network_access_enabled": false } },
      { "address": "azurerm_key_vault.old", "mode": "managed", "type": "azurerm_key_vault", "name": "old",
        "values": { "name": "kv-old", "sku_name": "standard" } }
    ],
    "child_modules": [ { "address": "module.acr[0]", "resources": [
      { "address": "module.acr[0].azurerm_container_registry.this", "mode": "managed",
        "type": "azurerm_container_registry", "name": "this", "index": null,
        "values": { "name": "acrml", "sku": "Standard" } },
      { "address": "module.acr[0].azurerm_private_endpoint.pe", "mode": "managed",
        "type": "azurerm_private_endpoint", "name": "pe",
        "values": { "name": "pe-acr", "private_service_connection": [
          { "name": "acr", "subresource_names": ["registry"], "is_manual_connection": false } ] } }
    ] } ]
  } },
  "resource_changes": [
    { "address": "azurerm_subnet.a", "change": { "actions": ["create"], "after_unknown": { "id": true } } },
    { "address": "azurerm_machine_learning_workspace.ws",
      "change": { "actions": ["create"], "after_unknown": { "id": true, "container_registry_id": true } } },
    { "address": "azurerm_key_vault.old", "change": { "actions": ["delete"] } },
    { "address": "module.acr[0].azurerm_container_registry.this",
      "change": { "actions": ["create"], "after_unknown": { "id": true, "network_rule_set": true } } },
    { "address": "module.acr[0].azurerm_private_endpoint.pe",
      "change": { "actions": ["create"], "after_unknown": { "id": true, "subnet_id": true,
        "private_service_connection": [ { "private_connection_resource_id": true } ] } } }
  ],
  "configuration": { "root_module": {
    "resources": [
      { "address": "azurerm_subnet.a", "mode": "managed", "type": "azurerm_subnet", "name": "a",
        "expressions": { "name": { "constant_value": "snet-a" } } },
      { "address": "azurerm_machine_learning_workspace.ws", "mode": "managed",
        "type": "azurerm_machine_learning_workspace", "name": "ws",
        "expressions": { "name": { "constant_value": "mlw" },
          "container_registry_id": { "references": ["module.acr[0].registry_id", "module.acr[0]", "module.acr"] } } }
    ],
    "module_calls": { "acr": {
      "source": "./modules/acr",
      "count_expression": { "constant_value": 1 },
      "expressions": { "subnet_id": { "references": ["azurerm_subnet.a.id", "azurerm_subnet.a"] } },
      "module": {
        "outputs": { "registry_id": { "expression": {
          "references": ["azurerm_container_registry.this.id", "azurerm_container_registry.this"] } } },
        "resources": [
          { "address": "azurerm_container_registry.this", "mode": "managed",
            "type": "azurerm_container_registry", "name": "this",
            "expressions": { "name": { "constant_value": "acrml" }, "sku": { "constant_value": "Standard" } } },
          { "address": "azurerm_private_endpoint.pe", "mode": "managed",
            "type": "azurerm_private_endpoint", "name": "pe",
            "expressions": { "subnet_id": { "references": ["var.subnet_id"] },
              "private_service_connection": [ {
                "private_connection_resource_id": { "references": ["azurerm_container_registry.this.id", "azurerm_container_registry.this"] },
                "subresource_names": { "constant_value": ["registry"] } } ] } }
        ]
      }
    } }
  } }
}"#;

#[test]
fn references_through_modules_link_unknown_ids() {
    let (sources, unit) = load(MODULES);
    assert!(unit.findings.is_empty(), "{:?}", unit.findings);
    // Being deleted: not read.
    assert!(unit
        .resources
        .iter()
        .all(|r| r.address != "azurerm_key_vault.old"));
    let key_of = |address: &str| {
        unit.resources
            .iter()
            .position(|r| r.address == address)
            .map(|i| isolint_model::ResKey(i as u32))
    };
    let ws = find(&unit, "azurerm_machine_learning_workspace.ws");
    let cr = ws.prop("properties.containerRegistry").unwrap();
    assert!(cr.is_unknown());
    assert_eq!(
        cr.origin.resource,
        key_of("module.acr[0].azurerm_container_registry.this")
    );
    let pe = find(&unit, "module.acr[0].azurerm_private_endpoint.pe");
    // `var.subnet_id` inside the module → the root's subnet.
    let subnet = pe.prop("properties.subnet.id").unwrap();
    assert!(subnet.is_unknown());
    assert_eq!(subnet.origin.resource, key_of("azurerm_subnet.a"));
    // An unknown attribute the configuration does not set stays unknown:
    // never turned into a value.
    let acr = find(&unit, "module.acr[0].azurerm_container_registry.this");
    assert_eq!(
        acr.prop("sku.name").and_then(Value::as_str),
        Some("Standard")
    );
    assert!(acr.trail.iter().any(|(m, _)| m == "through module.acr[0]"));
    // The graph sees every edge of this fresh deployment.
    let mut b = GraphBuilder::new(sources);
    b.add_unit(unit);
    let g = b.build();
    let ws_i = g.of_type(types::WORKSPACE)[0];
    let acr_i = g.of_type(types::REGISTRY)[0];
    let pe_i = g.of_type(types::PRIVATE_ENDPOINT)[0];
    let subnet_i = g.of_type(types::SUBNET)[0];
    assert_eq!(g.target(ws_i, EdgeKind::Registry), Some(acr_i));
    assert_eq!(g.target(pe_i, EdgeKind::PeTarget), Some(acr_i));
    assert_eq!(g.target(pe_i, EdgeKind::Subnet), Some(subnet_i));
}

#[test]
fn locations_point_at_the_plan_values() {
    let (sources, unit) = load(MODULES);
    let acr = find(&unit, "module.acr[0].azurerm_container_registry.this");
    let text = &sources.file(acr.span.file).text;
    let sku = acr.prop("sku.name").unwrap().span().unwrap();
    assert_eq!(&text[sku.start as usize..sku.end as usize], "\"Standard\"");
    let site = acr.site("sku.name");
    assert_eq!(
        &text[site.start as usize..site.end as usize],
        "\"sku\": \"Standard\""
    );
    assert!(text[acr.span.start as usize..].starts_with("\"address\""));
}

#[test]
fn broken_and_odd_input_never_panics() {
    for text in [
        "",
        "{",
        "[]",
        r#"{"format_version": "2.0", "planned_values": {}}"#,
        r#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [1, {"address": 2}, {"address": "a.b", "values": []}]}}}"#,
        r#"{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"address": "module.x[", "resources": [{"address": "module.x[.t.n", "values": {}}]}]}}}"#,
        r#"{"format_version": "1.2", "resource_changes": [{"address": "azurerm_subnet.x", "change": {"actions": ["create"], "after": {"name": "s"}, "after_unknown": {"address_prefixes": [true, {"a": [true]}]}}}]}"#,
    ] {
        let (_, unit) = load(text);
        let _ = unit.resources.len();
    }
    let (_, unit) = load(r#"{"format_version": "2.0", "planned_values": {}}"#);
    assert_eq!(unit.findings[0].rule, "AML001");
}

#[test]
fn instances_beyond_the_limit_are_an_evaluation_limit() {
    let mut sources = SourceMap::new();
    let file = sources.add("plan.json", MODULES.to_string());
    let mut opts = PlanOptions::new(".".into());
    opts.sources_beside = false;
    opts.terraform.max_instances = 2;
    let unit = load_plan(&mut sources, file, &opts);
    assert_eq!(unit.resources.len(), 2);
    assert_eq!(unit.findings[0].rule, "AML004");
}

#[test]
fn after_unknown_marks_values_unknown() {
    let (_, unit) = load(
        r#"{"format_version": "1.2", "resource_changes": [{"address": "azurerm_subnet.x", "mode": "managed",
        "type": "azurerm_subnet", "name": "x",
        "change": {"actions": ["create"], "after": {"name": "s", "address_prefixes": [null]},
        "after_unknown": {"address_prefixes": [true]}}}]}"#,
    );
    let s = find(&unit, "azurerm_subnet.x");
    let p = s.prop("properties.addressPrefixes.0").unwrap();
    assert!(matches!(p.data, Data::Unknown));
}

/// Real plans of the shared corpus (skipped when the corpus is absent).
#[test]
fn real_azurerm_plans_read_sensibly() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let cases = [
        (
            "terraform-compliance__cli/tests/functional/test_issue-294/plan.out.json",
            20,
        ),
        (
            "bridgecrewio__checkov/tests/terraform/runner/resources/plan_with_resource_reference/tfplan_extra_ref.json",
            4,
        ),
    ];
    for (path, count) in cases {
        let p = corpus.join(path);
        let Ok(text) = std::fs::read_to_string(&p) else {
            eprintln!("skipped: {} not found", p.display());
            continue;
        };
        let (sources, unit) = load(&text);
        assert!(unit.findings.is_empty(), "{path}: {:?}", unit.findings);
        assert_eq!(unit.resources.len(), count, "{path}");
        let mut b = GraphBuilder::new(sources);
        b.add_unit(unit);
        let g = b.build();
        if path.contains("checkov") {
            // The security rule's parent NSG comes from `network_security_group_name`.
            let rule = g.of_type(types::NSG_RULE)[0];
            let parent = g.parent(rule).expect("rule has its NSG");
            assert_eq!(g.get(parent).address, "azurerm_network_security_group.pass");
        } else {
            // Old-style references (`azurerm_virtual_network.main`) still link.
            let subnet = g.of_type(types::SUBNET)[0];
            let parent = g.parent(subnet).expect("subnet has its VNet");
            assert_eq!(g.get(parent).address, "azurerm_virtual_network.main");
            assert!(g.iter().any(|(_, r)| r.address
                == "module.linuxservers-fail.data.azurerm_resource_group.vm"
                && r.existing));
        }
    }
}
