use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    computes, effective_workspace, in_scope, names_subnet, uses_managed_network, Tri,
};
use isolint_model::types as t;
use isolint_model::{Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML105",
        name: "managed-network-with-vnet-compute",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "A workspace with a managed network has compute in a customer subnet.",
        what: "Reports a compute of a workspace whose managed network isolation mode is not `Disabled` when the compute (a cluster, an instance, or the workspace's serverless compute) names a subnet of your own virtual network.",
        why: "A managed network places compute in a Microsoft-managed virtual network; compute in your own subnet cannot be combined with it (seed 002). azurerm rejects a compute instance subnet with a managed network at apply time, and clusters end up outside the isolation you configured.",
        example_terraform: "resource \"azurerm_machine_learning_workspace\" \"ws\" {\n  managed_network {\n    isolation_mode = \"AllowOnlyApprovedOutbound\"\n  }\n}\n\nresource \"azurerm_machine_learning_compute_cluster\" \"cpu\" {\n  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id\n  subnet_resource_id            = azurerm_subnet.training.id\n}",
        example_bicep: "resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  parent: ws // managedNetwork.isolationMode: 'AllowInternetOutbound'\n  properties: { computeType: 'AmlCompute', properties: { subnet: { id: subnetId } } }\n}",
        fix: "Remove the subnet from the compute (it then runs in the managed network), or turn the managed network off and secure your own virtual network.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) || !uses_managed_network(g, effective_workspace(g, w)).is_yes() {
            continue;
        }
        for c in computes(g, w) {
            if names_subnet(g, c) != Tri::Yes {
                continue;
            }
            let mut f = ctx
                .finding(&RULE.meta, c, Some("properties.properties.subnet.id"), format!("compute '{}' names a customer subnet but workspace '{}' uses a managed network", g.display_name(c), g.display_name(w)))
                .fix("remove the compute's subnet so it runs in the managed network, or disable the managed network");
            f.related
                .push(ctx.related(w, "the workspace with the managed network"));
            out.push(f);
        }
        // Serverless compute with a custom subnet counts as compute in that subnet.
        let serverless = "properties.serverlessComputeSettings.serverlessComputeCustomSubnet";
        let names_serverless_subnet = g.get(w).prop(serverless).is_some_and(|v| {
            !v.is_null()
                && (v.as_str().is_some_and(|s| !s.trim().is_empty()) || v.origin.resource.is_some())
        });
        if names_serverless_subnet {
            out.push(
                ctx.finding(&RULE.meta, w, Some(serverless), format!("serverless compute of workspace '{}' names a customer subnet but the workspace uses a managed network", g.display_name(w)))
                    .fix("remove the serverless compute subnet so it runs in the managed network, or disable the managed network"),
            );
        }
    }
}
