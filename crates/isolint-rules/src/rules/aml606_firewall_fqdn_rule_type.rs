use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::in_scope;
use isolint_model::types as t;
use isolint_model::{Finding, ResIdx, Severity, Value};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML606",
        name: "firewall-fqdn-rule-type",
        severity: Severity::Warning,
        sources: &["001_67535de2117e2c03.txt"],
        summary: "A firewall application rule targets FQDNs on ports other than 80/443.",
        what: "Reports an Azure Firewall application rule (classic rule collections, or firewall policy rule collection groups) whose protocols use a port other than 80 or 443 (`Mssql` rules excepted).",
        why: "Application rules only inspect HTTP and HTTPS. The flows Azure Machine Learning needs on other ports — UDP 5831 to `<region>.tundra.azureml.ms`, TCP 445 to storage, 8787 and 18881 to compute instances — must be network rules (seed 001); written as application rules they never match, and the firewall drops the traffic.",
        example_terraform: "application_rule_collection {\n  rule {\n    name = \"tundra\"\n    protocols {\n      type = \"Https\"\n      port = 5831\n    }\n    destination_fqdns = [\"westeurope.tundra.azureml.ms\"]\n  }\n}",
        example_bicep: "{ ruleType: 'ApplicationRule', name: 'tundra', protocols: [ { protocolType: 'Https', port: 5831 } ], targetFqdns: [ 'westeurope.tundra.azureml.ms' ] }",
        fix: "Move the rule to a network rule collection (with `destination_fqdns` and DNS proxy enabled on the firewall), keeping application rules for ports 80 and 443.",
    },
    check: Some(check),
};

const APP_COLLECTION: &str = "Microsoft.Network/azureFirewalls/applicationRuleCollections";

fn check_rules(ctx: &Ctx<'_>, holder: ResIdx, rules: Vec<&Value>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for r in rules {
        if let Some(rt) = r.get("ruleType").and_then(Value::as_str) {
            if !rt.eq_ignore_ascii_case("ApplicationRule") {
                continue;
            }
        }
        let Some(protocols) = r.get("protocols").and_then(Value::as_list) else {
            continue;
        };
        for p in protocols {
            let kind = p.get("protocolType").and_then(Value::as_str).unwrap_or("");
            if kind.eq_ignore_ascii_case("Mssql") {
                continue;
            }
            let Some(port) = p.get("port").and_then(Value::as_i64) else {
                continue;
            };
            if port == 80 || port == 443 {
                continue;
            }
            let name = r.get("name").and_then(Value::as_str).unwrap_or("(unnamed)");
            let fqdns: Vec<String> = r
                .get("targetFqdns")
                .and_then(Value::as_list)
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let mut f = ctx
                .finding(&RULE.meta, holder, None, format!("application rule {name} of '{}' targets {} on port {port}; application rules only handle HTTP/HTTPS, so this traffic is not allowed", g.display_name(holder), if fqdns.is_empty() { "FQDNs".to_string() } else { fqdns.join(", ") }))
                .fix(format!("move port {port} to a network rule (with destination FQDNs and the firewall's DNS proxy enabled)"));
            if let Some(sp) = p.span().or(r.span()) {
                f.span = Some(sp);
                f.anchors.push(sp);
            }
            out.push(f);
        }
    }
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &fw in g.of_type(t::FIREWALL) {
        if in_scope(g, fw) {
            let rules = g
                .get(fw)
                .body
                .path_all("properties.applicationRuleCollections.*.properties.rules.*");
            check_rules(ctx, fw, rules, out);
        }
    }
    for &c in g.of_type(APP_COLLECTION) {
        if in_scope(g, c) {
            check_rules(ctx, c, g.get(c).body.path_all("properties.rules.*"), out);
        }
    }
    for &rg in g.of_type(t::FIREWALL_RULE_GROUP) {
        if in_scope(g, rg) {
            check_rules(
                ctx,
                rg,
                g.get(rg)
                    .body
                    .path_all("properties.ruleCollections.*.rules.*"),
                out,
            );
        }
    }
}
