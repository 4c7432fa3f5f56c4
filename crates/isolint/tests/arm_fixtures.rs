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
