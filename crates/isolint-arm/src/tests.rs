//! Unit tests of the expression functions (examples from the ARM template function docs).

use crate::eval::{Local, Scope, State};
use crate::ArmOptions;
use isolint_json::JsonNode;
use isolint_model::{FileId, Span, Value};
use std::collections::HashMap;

fn empty_template() -> JsonNode {
    isolint_json::parse(FileId(0), r#"{"parameters": {"p": {"type": "string", "defaultValue": "dflt"}, "o": {"type": "object", "defaultValue": {"a": {"b": [1, 2, 3]}}}}, "variables": {"v": "[concat(parameters('p'), '-x')]", "arr": ["x", "y"]}}"#).unwrap()
}

/// Evaluates one expression string in a small template.
fn ev(s: &str) -> Value {
    let tpl = empty_template();
    let opts = ArmOptions::default();
    let mut st = State::new(&opts);
    let scope = Scope::new(FileId(0), &tpl, HashMap::new(), Value::unknown());
    scope.eval_string(&mut st, s, Span::new(FileId(0), 0, 0), &Local::default())
}

fn j(s: &str) -> serde_json::Value {
    let v = ev(s);
    assert!(v.is_wholly_known(), "{s} gave an unknown: {v:?}");
    v.to_json()
}

use serde_json::json;

#[test]
fn literals_escape_and_access() {
    assert_eq!(j("plain"), json!("plain"));
    assert_eq!(j("[[not evaluated]"), json!("[not evaluated]"));
    assert_eq!(j("[parameters('o').a.b[1]]"), json!(2));
    assert_eq!(j("[parameters('O')['a']['B'][0]]"), json!(1));
    assert_eq!(j("[PARAMETERS('p')]"), json!("dflt"));
    assert_eq!(j("[variables('v')]"), json!("dflt-x"));
    assert_eq!(j("[variables('arr')[1]]"), json!("y"));
}

#[test]
fn string_functions() {
    assert_eq!(j("[concat('abc', '-', 1, true)]"), json!("abc-1True"));
    assert_eq!(
        j("[concat(createArray(1, 2), createArray(3))]"),
        json!([1, 2, 3])
    );
    assert_eq!(
        j("[format('{0}, {1}. Formatted number: {2:D3}', 'Hello', 'User', 8)]"),
        json!("Hello, User. Formatted number: 008")
    );
    assert_eq!(j("[format('{{literal}} {0}', 'x')]"), json!("{literal} x"));
    assert_eq!(j("[toLower('One Two')]"), json!("one two"));
    assert_eq!(j("[toUpper('One Two')]"), json!("ONE TWO"));
    assert_eq!(j("[replace('123-123-1234', '-', '')]"), json!("1231231234"));
    assert_eq!(
        j("[split('one,two,three', ',')]"),
        json!(["one", "two", "three"])
    );
    assert_eq!(
        j("[split('one;two,three', createArray(',', ';'))]"),
        json!(["one", "two", "three"])
    );
    assert_eq!(j("[substring('one two three', 4, 3)]"), json!("two"));
    assert!(ev("[substring('abc', 2, 5)]").is_unknown());
    assert_eq!(j("[indexOf('abcdef', 'CD')]"), json!(2));
    assert_eq!(j("[lastIndexOf('abcdef', 'z')]"), json!(-1));
    assert_eq!(j("[indexOf(createArray('a', 'b'), 'b')]"), json!(1));
    assert_eq!(j("[contains('OneTwoThree', 'e')]"), json!(true));
    assert_eq!(j("[contains('OneTwoThree', 'z')]"), json!(false));
    assert_eq!(
        j("[contains(createObject('one', 'a'), 'ONE')]"),
        json!(true)
    );
    assert_eq!(j("[startsWith('abcdef', 'AB')]"), json!(true));
    assert_eq!(j("[endsWith('abcdef', 'e')]"), json!(false));
    assert_eq!(j("[trim('  x ')]"), json!("x"));
    assert_eq!(j("[padLeft('123', 10, '0')]"), json!("0000000123"));
    assert_eq!(j("[string(1)]"), json!("1"));
    assert_eq!(j("[string(createArray('a', 'b'))]"), json!("[\"a\",\"b\"]"));
    assert_eq!(
        j("[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]"),
        json!("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json")
    );
    assert_eq!(
        j("[uriComponentToString('http%3A%2F%2Fcontoso.com')]"),
        json!("http://contoso.com")
    );
    assert_eq!(
        j("[uri('http://contoso.com/resources/azuredeploy.json', 'nested/x.json')]"),
        json!("http://contoso.com/resources/nested/x.json")
    );
    assert_eq!(j("[join(createArray('a', 'b', 'c'), ',')]"), json!("a,b,c"));
}

#[test]
fn array_and_object_functions() {
    assert_eq!(j("[empty('')]"), json!(true));
    assert_eq!(j("[empty(createArray())]"), json!(true));
    assert_eq!(j("[empty(json('{}'))]"), json!(true));
    assert_eq!(j("[length('One Two Three')]"), json!(13));
    assert_eq!(j("[length(createArray('a', 'b', 'c'))]"), json!(3));
    assert_eq!(j("[length(parameters('o'))]"), json!(1));
    assert_eq!(j("[first(createArray('one', 'two'))]"), json!("one"));
    assert_eq!(j("[first('One')]"), json!("O"));
    assert_eq!(j("[last(createArray('one', 'two'))]"), json!("two"));
    assert_eq!(j("[last('One')]"), json!("e"));
    assert_eq!(
        j("[skip(createArray('one', 'two', 'three'), 2)]"),
        json!(["three"])
    );
    assert_eq!(j("[skip('one two three', 4)]"), json!("two three"));
    assert_eq!(
        j("[take(createArray('one', 'two', 'three'), 2)]"),
        json!(["one", "two"])
    );
    assert_eq!(j("[take('one two three', 2)]"), json!("on"));
    assert_eq!(
        j("[union(createArray('one', 'two'), createArray('two', 'four'))]"),
        json!(["one", "two", "four"])
    );
    assert_eq!(
        j("[union(json('{\"a\": \"b\", \"c\": {\"d\": 1}}'), json('{\"c\": {\"e\": 2}, \"f\": 3}'))]"),
        json!({"a": "b", "c": {"d": 1, "e": 2}, "f": 3})
    );
    assert_eq!(
        j("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]"),
        json!(["two", "three"])
    );
    assert_eq!(j("[intersection(createObject('one', 'a', 'two', 'b'), createObject('one', 'a', 'two', 'z'))]"), json!({"one": "a"}));
    assert_eq!(
        j("[createObject('intProp', 1, 'arr', createArray(1))]"),
        json!({"intProp": 1, "arr": [1]})
    );
    assert_eq!(j("[json('[1, \"a\", null]')]"), json!([1, "a", null]));
    assert_eq!(
        j("[items(createObject('b', 2, 'a', 1))]"),
        json!([{"key": "a", "value": 1}, {"key": "b", "value": 2}])
    );
    assert_eq!(j("[range(1, 3)]"), json!([1, 2, 3]));
    assert_eq!(j("[tryGet(parameters('o'), 'a', 'b', 2)]"), json!(3));
    assert_eq!(j("[tryGet(parameters('o'), 'missing')]"), json!(null));
    assert_eq!(j("[array('x')]"), json!(["x"]));
    assert_eq!(
        j("[flatten(createArray(createArray(1), createArray(2, 3)))]"),
        json!([1, 2, 3])
    );
    assert_eq!(j("[objectKeys(createObject('a', 1))]"), json!(["a"]));
    assert_eq!(j("[contains(createArray(1, 2), 2)]"), json!(true));
    assert_eq!(
        j("[indexFromEnd(createArray('a', 'b', 'c'), 1)]"),
        json!("c")
    );
    assert_eq!(j("[tryIndexFromEnd(createArray('a'), 5)]"), json!(null));
}

#[test]
fn logic_comparison_and_numbers() {
    assert_eq!(j("[if(equals(1, 1), 'yes', 'no')]"), json!("yes"));
    assert_eq!(j("[if(false(), reference('x').y, 'safe')]"), json!("safe"));
    assert_eq!(j("[coalesce(null(), null(), 'x')]"), json!("x"));
    assert_eq!(
        j("[equals(createArray(1, 'a'), createArray(1, 'a'))]"),
        json!(true)
    );
    assert_eq!(j("[not(true)]"), json!(false));
    assert_eq!(j("[and(true, false)]"), json!(false));
    assert_eq!(j("[or(false, true)]"), json!(true));
    assert_eq!(j("[greater(10, 5)]"), json!(true));
    assert_eq!(j("[greaterOrEquals('A', 'a')]"), json!(false));
    assert_eq!(j("[less(1, 2)]"), json!(true));
    assert_eq!(j("[lessOrEquals(2, 2)]"), json!(true));
    assert_eq!(j("[int('4')]"), json!(4));
    assert_eq!(j("[bool('TRUE')]"), json!(true));
    assert_eq!(j("[add(5, 3)]"), json!(8));
    assert_eq!(j("[sub(7, 3)]"), json!(4));
    assert_eq!(j("[mul(5, 3)]"), json!(15));
    assert_eq!(j("[div(8, 3)]"), json!(2));
    assert_eq!(j("[mod(7, 3)]"), json!(1));
    assert!(ev("[div(1, 0)]").is_unknown());
    assert_eq!(j("[min(createArray(0, 3, 2))]"), json!(0));
    assert_eq!(j("[max(0, 3, 2)]"), json!(3));
}

#[test]
fn lambdas_and_cidr() {
    assert_eq!(
        j("[filter(createArray(1, 5, 10), lambda('x', greater(lambdaVariables('x'), 4)))]"),
        json!([5, 10])
    );
    assert_eq!(
        j("[map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))]"),
        json!([10, 20])
    );
    assert_eq!(j("[reduce(createArray(1, 2, 3), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]"), json!(6));
    assert_eq!(j("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]"), json!([1, 2, 3]));
    assert_eq!(
        j("[toObject(createArray('a', 'b'), lambda('x', lambdaVariables('x')), lambda('x', 1))]"),
        json!({"a": 1, "b": 1})
    );
    assert_eq!(
        j("[cidrSubnet('10.144.0.0/20', 24, 3)]"),
        json!("10.144.3.0/24")
    );
    assert_eq!(j("[cidrHost('10.144.3.0/24', 3)]"), json!("10.144.3.4"));
    assert_eq!(
        j("[parseCidr('10.144.0.0/20').broadcast]"),
        json!("10.144.15.255")
    );
}

#[test]
fn resource_ids_environment_and_unknowns() {
    assert_eq!(
        j("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]"),
        json!("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default")
    );
    assert_eq!(
        j("[resourceId('otherRg', 'Microsoft.Storage/storageAccounts', 'st')]"),
        json!("/subscriptions/{subscriptionId}/resourceGroups/otherRg/providers/Microsoft.Storage/storageAccounts/st")
    );
    assert_eq!(
        j("[resourceId(resourceGroup().name, 'Microsoft.Storage/storageAccounts', 'st')]"),
        json!("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Storage/storageAccounts/st")
    );
    assert_eq!(
        j("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"),
        json!(
            "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/abc"
        )
    );
    assert_eq!(
        j("[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')]"),
        json!("/providers/Microsoft.Authorization/policyDefinitions/p")
    );
    assert_eq!(
        j("[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st'), 'Microsoft.Authorization/locks', 'l')]"),
        json!("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/locks/l")
    );
    let id = ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]");
    let parsed = isolint_model::ResourceId::parse(id.as_str().unwrap()).unwrap();
    assert_eq!(parsed.names, vec!["vnet", "default"]);
    assert_eq!(
        j("[concat('privatelink', environment().suffixes.keyvaultDns)]"),
        json!("privatelink.vault.azure.net")
    );
    assert_eq!(
        j("[environment().suffixes.storage]"),
        json!("core.windows.net")
    );
    assert_eq!(
        j("[environment().suffixes.acrLoginServer]"),
        json!(".azurecr.io")
    );
    for unknown in [
        "[resourceGroup().location]",
        "[concat(resourceGroup().name, '-x')]",
        "[subscription().subscriptionId]",
        "[uniqueString(resourceGroup().id)]",
        "[guid('a')]",
        "[reference('x').properties.y]",
        "[listKeys('x', '2020-01-01').keys[0].value]",
        "[utcNow()]",
        "[toLower(reference('x').a)]",
        "[equals(reference('x').a, 'b')]",
        "[copyIndex()]",
        "[noSuchFunction(1)]",
        "[parameters('undeclared')]",
    ] {
        assert!(ev(unknown).is_unknown(), "{unknown} should be unknown");
    }
    assert_eq!(j("[and(false, reference('x').a)]"), json!(false));
    assert_eq!(j("[length(createArray(reference('x'), 1))]"), json!(2));
}

#[test]
fn origins_written_and_computed() {
    use isolint_model::OriginKind;
    let v = ev("[parameters('p')]");
    assert_eq!(
        v.origin.kind,
        OriginKind::Written,
        "a parameter default keeps its literal's origin"
    );
    let v = ev("[concat(parameters('p'), 'x')]");
    assert_eq!(v.origin.kind, OriginKind::Computed);
}

#[test]
fn invalid_expressions_never_panic() {
    for s in [
        "[concat(]",
        "[']",
        "[a.b]",
        "[1 2]",
        "[)]",
        "[]",
        "[parameters()]",
        "[copyIndex('x', 'y')]",
        "[substring('a', -1)]",
        "[range(0, 100000000)]",
        "[padLeft('x', 99999999999)]",
        "[cidrSubnet('10.0.0.0/8', 40, 1)]",
        "[format('{9}', 1)]",
        "[format('{0:X}', 1)]",
    ] {
        let _ = ev(s);
    }
}
