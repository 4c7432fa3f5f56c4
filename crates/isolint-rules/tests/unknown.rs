//! Unknown is not false: a configuration where every value a rule reads is
//! unknown (but resources are linked) produces no finding at all.

use isolint_model::types as t;
use isolint_model::{Format, GraphBuilder, ResKey, Resource, SourceMap, Span, Unit, Value};
use isolint_rules::{run, Config};

fn res(sources: &mut SourceMap, addr: &str, ty: &str) -> Resource {
    let f = sources.add(format!("{addr}.tf"), "resource {}\n");
    let mut r = Resource::new(addr, ty, Span::new(f, 0, 10), Format::Terraform);
    r.name = Value::unknown();
    r
}

fn link(k: u32) -> Value {
    Value::unknown().with_resource(Some(ResKey(k)))
}

/// The same topology with every value unknown, or (control) with the values
/// known and wrong.
fn graph(known: bool) -> isolint_model::Graph {
    let v = |x: &str| {
        if known {
            Value::string(x)
        } else {
            Value::unknown()
        }
    };
    let mut s = SourceMap::new();
    let mut ws = res(&mut s, "ws", t::WORKSPACE);
    for p in [
        "properties.publicNetworkAccess",
        "properties.imageBuildCompute",
        "properties.managedNetwork.isolationMode",
        "kind",
    ] {
        ws.body.set_path(p, Value::unknown());
    }
    ws.body
        .set_path("properties.publicNetworkAccess", v("Disabled"));
    ws.body.set_path("properties.containerRegistry", link(1));
    ws.body.set_path("properties.storageAccount", link(2));
    let mut acr = res(&mut s, "acr", t::REGISTRY);
    acr.body.set_path("sku.name", v("Basic"));
    acr.body
        .set_path("properties.publicNetworkAccess", Value::unknown());
    let mut st = res(&mut s, "st", t::STORAGE);
    st.body
        .set_path("properties.networkAcls.defaultAction", Value::unknown());
    let mut pe = res(&mut s, "pe", t::PRIVATE_ENDPOINT);
    pe.body.set_path(
        "properties.privateLinkServiceConnections",
        Value::list(vec![Value::from_json(
            &serde_json::json!({"properties": {}}),
            Default::default(),
        )]),
    );
    pe.body.set_path(
        "properties.privateLinkServiceConnections.0.properties.privateLinkServiceId",
        link(0),
    );
    pe.body.set_path(
        "properties.privateLinkServiceConnections.0.properties.groupIds",
        Value::unknown(),
    );
    let mut vnet = res(&mut s, "vnet", t::VNET);
    vnet.body.set_path(
        "properties.addressSpace.addressPrefixes",
        Value::list(vec![v("172.17.0.0/16")]),
    );
    let mut subnet = res(&mut s, "subnet", t::SUBNET);
    subnet.parent = Some(link(4));
    subnet
        .body
        .set_path("properties.addressPrefix", Value::unknown());
    let mut compute = res(&mut s, "compute", t::COMPUTE);
    compute.parent = Some(link(0));
    compute
        .body
        .set_path("properties.computeType", Value::unknown());
    // A private endpoint whose existence is unknown makes nothing isolated either.
    let mut maybe = res(&mut s, "maybe", t::PRIVATE_ENDPOINT);
    maybe.uncertain = true;
    maybe.body.set_path(
        "properties.privateLinkServiceConnections",
        Value::from_json(
            &serde_json::json!([{"properties": {"groupIds": ["amlworkspace"]}}]),
            Default::default(),
        ),
    );
    maybe.body.set_path(
        "properties.privateLinkServiceConnections.0.properties.privateLinkServiceId",
        link(0),
    );
    let mut b = GraphBuilder::new(s);
    b.add_unit(Unit {
        resources: vec![ws, acr, st, pe, vnet, subnet, compute, maybe],
        ..Unit::default()
    });
    b.build()
}

fn config() -> Config {
    Config {
        reserved_ranges: vec!["0.0.0.0/0".parse().unwrap()],
        ..Config::default()
    }
}

#[test]
fn all_unknown_configuration_reports_nothing() {
    let findings = run(&graph(false), &config());
    assert!(
        findings.is_empty(),
        "unknown values produced findings: {findings:#?}"
    );
}

#[test]
fn the_same_topology_with_known_wrong_values_is_reported() {
    let findings = run(&graph(true), &config());
    let rules: std::collections::BTreeSet<&str> = findings.iter().map(|f| f.rule).collect();
    for r in ["AML301", "AML401", "AML402"] {
        assert!(rules.contains(r), "{r} missing from {rules:?}");
    }
}
