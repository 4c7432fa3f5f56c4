use super::{Rule, RuleMeta};
use crate::context::Ctx;
use crate::defs::{computes, in_scope, private_endpoints};
use crate::nsg::{egress, Direction, Endpoint, Flow, Protocol, Verdict};
use isolint_model::types as t;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML602",
        name: "nsg-blocks-smb-to-storage",
        severity: Severity::Error,
        sources: &["002_42e08c6b358a77f8.txt"],
        summary: "NSG evaluation denies TCP 445 from a compute subnet to the workspace's storage.",
        what: "Evaluates TCP 445 (SMB) from each compute subnet (and from the network interfaces of a virtual machine attached as compute, through their NSG first) to the workspace's storage: when the storage has a private endpoint, the flow goes to the endpoint's subnet (outbound NSG of the compute subnet, inbound NSG of the endpoint subnet); otherwise to the `Storage` service tag (outbound NSG of the compute subnet).",
        why: "Compute mounts the workspace's file share over SMB (TCP 445) for code, notebooks and outputs (seed 002: port 445 to the default storage must stay open). When it is denied, jobs fail to start and notebooks cannot open files.",
        example_terraform: "security_rule {\n  name                       = \"deny-smb\"\n  priority                   = 300\n  direction                  = \"Outbound\"\n  access                     = \"Deny\"\n  protocol                   = \"Tcp\"\n  destination_port_range     = \"445\"\n  source_address_prefix      = \"*\"\n  destination_address_prefix = \"*\"\n  source_port_range          = \"*\"\n}",
        example_bicep: "{ name: 'deny-smb', properties: { priority: 300, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', destinationPortRange: '445', sourceAddressPrefix: '*', destinationAddressPrefix: '*', sourcePortRange: '*' } }",
        fix: "Allow outbound TCP 445 from the compute subnet to the storage (its private endpoint subnet, or the `Storage` tag), and inbound on the endpoint's subnet.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    let mut done = std::collections::BTreeSet::new();
    for &w in g.of_type(t::WORKSPACE) {
        let Some(st) = g.target(w, EdgeKind::Storage) else {
            continue;
        };
        if !in_scope(g, w) || g.get(st).uncertain {
            continue;
        }
        let (pes, uncertain) = private_endpoints(g, st);
        if uncertain {
            continue;
        }
        for c in computes(g, w) {
            for e in egress(g, c) {
                let s = e.subnet;
                let src = Endpoint::Vnet(crate::defs::subnet_prefix(g, s));
                // (nsg, flow description, flow): the outbound flow is checked
                // against each NSG it leaves through (a network interface's,
                // then the subnet's), the inbound one against the endpoint
                // subnet's.
                let mut checks = Vec::new();
                if pes.is_empty() {
                    let tag = match ctx.workspace_region(w) {
                        Some(r) => format!("Storage.{r}"),
                        None => "Storage".to_string(),
                    };
                    for &nsg in &e.nsgs {
                        checks.push((
                            nsg,
                            format!("outbound TCP 445 to {tag}"),
                            Flow {
                                direction: Direction::Outbound,
                                protocol: Protocol::Tcp,
                                port: 445,
                                source: src.clone(),
                                destination: Endpoint::Tag(tag.clone()),
                            },
                        ));
                    }
                } else {
                    for pe in &pes {
                        let Some(ps) = g.target(*pe, EdgeKind::Subnet) else {
                            continue;
                        };
                        let dst = Endpoint::Vnet(crate::defs::subnet_prefix(g, ps));
                        for &nsg in &e.nsgs {
                            checks.push((
                                nsg,
                                format!(
                                    "outbound TCP 445 to the storage private endpoint '{}'",
                                    g.display_name(*pe)
                                ),
                                Flow {
                                    direction: Direction::Outbound,
                                    protocol: Protocol::Tcp,
                                    port: 445,
                                    source: src.clone(),
                                    destination: dst.clone(),
                                },
                            ));
                        }
                        if let Some(nsg) = g.target(ps, EdgeKind::Nsg) {
                            checks.push((
                                nsg,
                                format!(
                                    "inbound TCP 445 to the storage private endpoint '{}'",
                                    g.display_name(*pe)
                                ),
                                Flow {
                                    direction: Direction::Inbound,
                                    protocol: Protocol::Tcp,
                                    port: 445,
                                    source: src.clone(),
                                    destination: dst,
                                },
                            ));
                        }
                    }
                }
                for (nsg, what, flow) in checks {
                    if g.get(nsg).uncertain {
                        continue;
                    }
                    let Verdict::Denied(rule) = ctx.nsgs.evaluate(g, nsg, &flow) else {
                        continue;
                    };
                    if !done.insert((nsg, what.clone())) {
                        continue;
                    }
                    let how = if rule.default {
                        format!("the default rule {}", rule.name)
                    } else {
                        format!("rule {} (priority {})", rule.name, rule.priority)
                    };
                    let mut f = ctx
                    .finding(&RULE.meta, rule.holder, None, format!("{what} from {} is denied by {how} of NSG '{}'; compute '{}' cannot mount the workspace's file share", e.describe(g), g.display_name(nsg), g.display_name(c)))
                    .fix("allow TCP 445 between the compute subnet and the storage account");
                    if let Some(sp) = rule.span {
                        f.span = Some(sp);
                        f.anchors.push(sp);
                    }
                    f.related
                        .push(ctx.related(st, "the workspace's storage account"));
                    out.push(f);
                }
            }
        }
    }
}
