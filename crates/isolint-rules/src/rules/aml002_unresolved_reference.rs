use super::{Rule, RuleMeta};
use crate::context::Ctx;
use isolint_model::{EdgeKind, Finding, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AML002",
        name: "unresolved-reference",
        severity: Severity::Info,
        sources: &[],
        summary: "A reference that matters to a rule points at nothing in the scanned configuration.",
        what: "Reports references the rules need but cannot follow: a private endpoint or workspace dependency given as a literal resource ID of a resource that is not in the scan, an image build compute name that names no compute of the workspace, a remote module source or linked template (never fetched), or a file outside the scan root.",
        why: "Rules only reason about what they can see. When a reference leads outside the configuration, the checks that depend on it are skipped rather than guessed, and this finding says which.",
        example_terraform: "resource \"azurerm_private_endpoint\" \"pe\" {\n  private_service_connection {\n    private_connection_resource_id = \"/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/elsewhere\"\n  }\n}",
        example_bicep: "module net 'br/public:avm/res/network/virtual-network:0.5.0' = {\n  name: 'net'\n}",
        fix: "Nothing to fix if the reference is intended: include the other configuration in the scan to have it checked, or select away this informational rule.",
    },
    check: Some(check),
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let g = ctx.graph;
    for u in g.unresolved() {
        let what = match u.kind {
            EdgeKind::PeTarget => "the private endpoint's target",
            EdgeKind::Storage => "the workspace's storage account",
            EdgeKind::KeyVault => "the workspace's key vault",
            EdgeKind::Registry => "the workspace's container registry",
            EdgeKind::AppInsights => "the workspace's Application Insights",
            _ => continue,
        };
        if g.get(u.from).uncertain {
            continue;
        }
        let path = u.path.split(".*").next().unwrap_or(u.path);
        let f = ctx.finding(
            &RULE.meta,
            u.from,
            Some(path),
            format!(
                "{what} is {} which is not in the scanned configuration; checks that need it are skipped",
                u.id
            ),
        );
        out.push(f.fix("scan the configuration that declares it too, if you want it checked"));
    }
}
