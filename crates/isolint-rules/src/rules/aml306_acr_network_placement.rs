use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{
    compute_subnet, computes, default_deny, has_unresolved_peering, in_scope, names_subnet, peered,
    private_endpoints, rule_subnets, vnet_of, Tri,
};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, ResIdx, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML306",
        name: "acr-network-placement",
        severity: Severity::Warning,
        sources: &["000_ed2236deb18b3815.txt", "003_b938a20f7c6efc13.txt"],
        summary: "The registry's private endpoint is in a VNet that neither hosts nor is peered with the workspace's storage endpoint or compute.",
        what: "Reports the container registry of a workspace when the registry has private endpoints and the workspace's storage has private endpoints or the workspace has compute in a virtual network, but no registry endpoint's network is one of those networks or peered with one. Not reported when there is nothing to compare with. When the registry admits subnets through service endpoint rules instead (network rules that deny by default, no private endpoint), reports an error when a subnet of the workspace's compute, or the subnet of the storage's service endpoint rules, is not among the registry's rules.",
        why: "Image builds and jobs pull from the registry from the compute's network, next to the storage: the registry must be reachable there (seeds 000 and 003 place the registry in the same virtual network as the storage account and the compute).",
        example_terraform: "resource \"azurerm_private_endpoint\" \"acr\" {\n  subnet_id = azurerm_subnet.shared_services.id # compute and storage endpoints are in vnet-ml, not peered\n}",
        example_bicep: "resource acrPe 'Microsoft.Network/privateEndpoints@2024-05-01' = {\n  properties: { subnet: { id: sharedServicesSubnet.id } }\n}",
        fix: "Put the registry's private endpoint in the compute's virtual network, or peer the networks.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for &w in g.of_type(t::WORKSPACE) {
        if !in_scope(g, w) {
            continue;
        }
        let Some(acr) = g.target(w, EdgeKind::Registry) else {
            continue;
        };
        if !in_scope(g, acr) {
            continue;
        }
        let (acr_pes, uncertain) = private_endpoints(g, acr);
        if uncertain {
            continue;
        }
        if acr_pes.is_empty() {
            service_endpoint_variant(ctx, w, acr, out);
            continue;
        }
        let Some(acr_vnets) = acr_pes
            .iter()
            .map(|p| vnet_of(g, *p))
            .collect::<Option<Vec<ResIdx>>>()
        else {
            continue;
        };
        let mut targets: Vec<ResIdx> = Vec::new();
        if let Some(st) = g.target(w, EdgeKind::Storage) {
            let (pes, unc) = private_endpoints(g, st);
            if unc {
                continue;
            }
            for p in pes {
                let Some(v) = vnet_of(g, p) else { continue };
                targets.push(v);
            }
        }
        for c in computes(g, w) {
            if let Some(v) = vnet_of(g, c) {
                targets.push(v);
            }
        }
        targets.sort();
        targets.dedup();
        if targets.is_empty()
            || targets
                .iter()
                .chain(acr_vnets.iter())
                .any(|v| has_unresolved_peering(g, *v))
        {
            continue;
        }
        let reachable = acr_vnets
            .iter()
            .any(|a| targets.iter().any(|t| a == t || peered(g, *a, *t)));
        if reachable {
            continue;
        }
        let mut f = ctx
            .finding(&RULE.meta, acr, None, format!("the private endpoints of container registry '{}' are in '{}', which is neither the network of the workspace's storage endpoints or compute ('{}') nor peered with it", g.display_name(acr), g.display_name(acr_vnets[0]), g.display_name(targets[0])))
            .fix("add a registry private endpoint in the compute's virtual network, or peer the networks");
        f.related
            .push(ctx.related(targets[0], "the network of the storage endpoint or compute"));
        out.push(f);
    }
}

/// A registry reached through service endpoints: its rules must admit the
/// compute's subnets and the subnet the storage admits (error).
fn service_endpoint_variant(ctx: &Ctx<'_>, w: ResIdx, acr: ResIdx, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    if default_deny(g, acr) != Tri::Yes {
        return;
    }
    let Some(admitted) = rule_subnets(g, acr) else {
        return;
    };
    if admitted.is_empty() {
        return;
    }
    // (subnet, what needs it)
    let mut needed: Vec<(ResIdx, String)> = Vec::new();
    for c in computes(g, w) {
        match (names_subnet(g, c), compute_subnet(g, c)) {
            (Tri::No, _) => {}
            (_, Some(s)) => needed.push((s, format!("compute '{}'", g.display_name(c)))),
            // A subnet that is not known: nothing can be said.
            (_, None) => return,
        }
    }
    if let Some(st) = g.target(w, EdgeKind::Storage) {
        if private_endpoints(g, st).0.is_empty() && default_deny(g, st) == Tri::Yes {
            let Some(st_subnets) = rule_subnets(g, st) else {
                return;
            };
            if !st_subnets.is_empty() && !st_subnets.iter().any(|s| admitted.contains(s)) {
                needed.push((
                    st_subnets[0],
                    format!(
                        "the service endpoint of storage account '{}'",
                        g.display_name(st)
                    ),
                ));
            }
        }
    }
    let Some((subnet, who)) = needed.into_iter().find(|(s, _)| !admitted.contains(s)) else {
        return;
    };
    let mut f = ctx
        .finding(&RULE.meta, acr, Some("properties.networkRuleSet.virtualNetworkRules"), format!("container registry '{}' admits subnets through service endpoint rules, but not subnet '{}' of {who}; image pulls and builds from there fail", g.display_name(acr), g.display_name(subnet)))
        .fix("admit the subnet of the compute and of the storage service endpoint in the registry's network rules (with a Microsoft.ContainerRegistry service endpoint), or use a registry private endpoint");
    f.severity = Severity::Error;
    f.related
        .push(ctx.related(subnet, "the subnet the registry does not admit"));
    out.push(f);
}
