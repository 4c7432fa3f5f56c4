use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    bool_prop, computes, effective_workspace, has_pe_group, in_scope, names_subnet,
    uses_managed_network, value_is, Tri,
};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML101",
        name: "workspace-private-endpoint-missing",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt", "004_e8e7c09feba3f12a.txt"],
        summary: "No-public-IP compute in a VNet (or a private online endpoint) without a workspace private endpoint.",
        what: "Reports a workspace that has a compute cluster, compute instance or serverless compute with no public IP in a virtual network, or an online endpoint with public network access disabled, but no private endpoint with the group `amlworkspace`. Workspaces that use a managed network are left to AML105.",
        why: "Compute without a public IP talks to the workspace only over private addresses, and a private online endpoint is reachable only through the workspace's private endpoint. Without a workspace private endpoint, nodes cannot register with the service, jobs never start, and scoring requests have no path in (seeds 002 and 004).",
        example_terraform: "resource \"azurerm_machine_learning_compute_cluster\" \"cpu\" {\n  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id\n  subnet_resource_id            = azurerm_subnet.training.id\n  node_public_ip_enabled        = false\n  # ... and no azurerm_private_endpoint with subresource_names = [\"amlworkspace\"]\n}",
        example_bicep: "resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  parent: ws\n  name: 'cpu'\n  properties: {\n    computeType: 'AmlCompute'\n    properties: { enableNodePublicIp: false, subnet: { id: subnetId } }\n  }\n}",
        fix: "Add a private endpoint for the workspace (group `amlworkspace`) in the compute's virtual network, with the `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net` zones.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || effective_workspace(g, w) != w {
            continue;
        }
        if uses_managed_network(g, w) != Tri::No || has_pe_group(g, w, "amlworkspace") != Tri::No {
            continue;
        }
        let mut reason = None;
        for c in computes(g, w) {
            let no_public_ip =
                bool_prop(g, c, "properties.properties.enableNodePublicIp", Some(true))
                    == Some(false);
            if no_public_ip && names_subnet(g, c) == Tri::Yes {
                reason = Some((
                    format!(
                        "compute '{}' has no public IP in a virtual network",
                        g.display_name(c)
                    ),
                    Some(c),
                ));
                break;
            }
        }
        if reason.is_none() {
            let res = g.get(w);
            let serverless_subnet = res
                .prop("properties.serverlessComputeSettings.serverlessComputeCustomSubnet")
                .is_some_and(|v| {
                    !v.is_null() && (v.as_str().is_some() || v.origin.resource.is_some())
                });
            if serverless_subnet
                && bool_prop(
                    g,
                    w,
                    "properties.serverlessComputeSettings.serverlessComputeNoPublicIP",
                    Some(false),
                ) == Some(true)
            {
                reason = Some((
                    "serverless compute has no public IP in a virtual network".into(),
                    None,
                ));
            }
        }
        if reason.is_none() {
            for e in g.children_of_type(w, t::ONLINE_ENDPOINT) {
                if !g.get(e).uncertain
                    && value_is(g.get(e).prop("properties.publicNetworkAccess"), "Disabled")
                        .is_yes()
                {
                    reason = Some((
                        format!(
                            "online endpoint '{}' disables public access",
                            g.display_name(e)
                        ),
                        Some(e),
                    ));
                    break;
                }
            }
        }
        let Some((why, related)) = reason else {
            continue;
        };
        let mut f = ctx
            .finding(&RULE.meta, w, None, format!("workspace '{}' has no private endpoint (group amlworkspace) but its {why}; that traffic has no private path to the workspace", g.display_name(w)))
            .fix("add a private endpoint for the workspace with subresource amlworkspace in the compute's virtual network");
        if let Some(r) = related {
            f.related
                .push(ctx.related(r, "needs a private path to the workspace"));
        }
        out.push(f);
    }
}
