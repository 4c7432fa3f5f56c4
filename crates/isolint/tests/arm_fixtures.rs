//! ARM JSON fixtures: `testdata/arm/<RULE>/fire` reports the rule,
//! `near_miss` does not; outputs are snapshots.

mod common;

#[test]
fn arm_fixtures_fire_and_near_misses_stay_silent() {
    let fired = common::check_format("arm", 18);
    for r in isolint_rules::all() {
        assert!(
            fired.contains(r.meta.id),
            "rule {} has no ARM fixture that fires",
            r.meta.id
        );
    }
}

/// Issue 4's scenario: a VNet prefix that arrives through two levels of
/// nested deployment parameters is reported at the literal, with the
/// deployment chain as related locations.
#[test]
fn nested_deployment_prefix_is_reported_at_the_literal_with_the_chain() {
    let report = common::run(&common::workspace_root().join("testdata/arm/nested"));
    let json = report.to_json();
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "AML401" && f["message"].as_str().unwrap().contains("address space"))
        .expect("AML401 on the VNet");
    assert_eq!(f["file"], "testdata/arm/nested/azuredeploy.json");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(7), Some(23))
    );
    let related: Vec<&str> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert!(
        related.contains(&"deployed through nested deployment 'network'"),
        "{related:?}"
    );
    assert!(
        related.contains(&"deployed through nested deployment 'vnet'"),
        "{related:?}"
    );
}
