use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{bool_prop, in_scope};
use isolint_model::types as t;
use isolint_model::{Finding, Severity, Value};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML107",
        name: "serverless-no-public-ip-with-ip-allowlist",
        severity: Severity::Warning,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "Serverless compute without a public IP, an IP allowlist, and no outbound private endpoint rule to the workspace.",
        what: "Reports a workspace whose serverless compute has no public IP, that restricts public access with an IP allowlist (`properties.ipAllowlist` or `properties.networkAcls.ipRules`, preview API versions), and that has no managed-network outbound rule of type `PrivateEndpoint` to the workspace itself.",
        why: "Serverless compute without a public IP reaches the workspace from addresses no allowlist can name; seed 002 requires an outbound private endpoint rule to the workspace in that configuration, otherwise jobs fail to talk to the workspace.",
        example_terraform: "resource \"azapi_resource\" \"ws\" {\n  type = \"Microsoft.MachineLearningServices/workspaces@2024-10-01-preview\"\n  body = { properties = {\n    ipAllowlist = [\"203.0.113.0/24\"]\n    serverlessComputeSettings = { serverlessComputeNoPublicIP = true }\n  } }\n}",
        example_bicep: "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01-preview' = {\n  properties: {\n    ipAllowlist: [ '203.0.113.0/24' ]\n    serverlessComputeSettings: { serverlessComputeNoPublicIP: true }\n  }\n}",
        fix: "Add a managed network outbound rule of type PrivateEndpoint to the workspace itself (sub-resource `amlworkspace`).",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        if bool_prop(
            g,
            w,
            "properties.serverlessComputeSettings.serverlessComputeNoPublicIP",
            Some(false),
        ) != Some(true)
        {
            continue;
        }
        let res = g.get(w);
        let non_empty = |p: &str| {
            res.prop(p)
                .and_then(Value::as_list)
                .is_some_and(|l| !l.is_empty())
        };
        if !non_empty("properties.ipAllowlist") && !non_empty("properties.networkAcls.ipRules") {
            continue;
        }
        // Outbound rules: inline in the managed network, or child resources.
        let mut rules: Vec<Value> = res
            .prop("properties.managedNetwork.outboundRules")
            .and_then(Value::as_map)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        for c in g.children_of_type(w, t::OUTBOUND_RULE) {
            if g.get(c).uncertain {
                rules.push(Value::unknown());
                continue;
            }
            rules.push(g.get(c).prop("properties").cloned().unwrap_or_default());
        }
        let mut unknown = false;
        let mut has = false;
        for r in &rules {
            let Some(ty) = r.get("type").and_then(Value::as_str) else {
                unknown = true;
                continue;
            };
            if !ty.eq_ignore_ascii_case("PrivateEndpoint") {
                continue;
            }
            let target = r
                .path("destination.subresourceTarget")
                .and_then(Value::as_str);
            match target {
                Some(t) if t.eq_ignore_ascii_case("amlworkspace") => has = true,
                Some(_) => {}
                None => unknown = true,
            }
        }
        if has || unknown {
            continue;
        }
        out.push(
            ctx.finding(&RULE.meta, w, Some("properties.serverlessComputeSettings.serverlessComputeNoPublicIP"), format!("workspace '{}' has serverless compute without a public IP and an IP allowlist, but no outbound private endpoint rule to itself; serverless jobs cannot reach the workspace", g.display_name(w)))
                .fix("add a managed network outbound rule of type PrivateEndpoint to the workspace (amlworkspace)"),
        );
    }
}
