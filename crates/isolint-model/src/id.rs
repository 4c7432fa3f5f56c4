//! Azure resource IDs.
//!
//! Literal IDs (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/v/subnets/s`)
//! link resources across formats. [`ResourceId::parse`] splits one into its
//! scope, full resource type and name segments; [`ResourceId::key`] is the
//! form the graph indexes by (type and names, case-folded).

/// A parsed Azure resource ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceId {
    pub subscription: Option<String>,
    pub resource_group: Option<String>,
    /// Full type, e.g. `Microsoft.Network/virtualNetworks/subnets`.
    pub resource_type: String,
    /// One name per type segment after the namespace, e.g. `["v", "s"]`.
    pub names: Vec<String>,
}

impl ResourceId {
    /// Parses a resource ID. Returns `None` for strings that are not IDs.
    pub fn parse(id: &str) -> Option<ResourceId> {
        let id = id.trim();
        if !id.starts_with('/') {
            return None;
        }
        let segs: Vec<&str> = id.split('/').filter(|s| !s.is_empty()).collect();
        let mut subscription = None;
        let mut resource_group = None;
        let mut i = 0;
        let mut last_providers = None;
        while i < segs.len() {
            let s = segs[i];
            if s.eq_ignore_ascii_case("subscriptions")
                && i + 1 < segs.len()
                && last_providers.is_none()
            {
                subscription = Some(segs[i + 1].to_string());
                i += 2;
                continue;
            }
            if s.eq_ignore_ascii_case("resourceGroups")
                && i + 1 < segs.len()
                && last_providers.is_none()
            {
                resource_group = Some(segs[i + 1].to_string());
                i += 2;
                continue;
            }
            if s.eq_ignore_ascii_case("providers") {
                last_providers = Some(i);
            }
            i += 1;
        }
        let p = last_providers?;
        let rest = &segs[p + 1..];
        if rest.len() < 3 || rest.len().is_multiple_of(2) {
            return None;
        }
        let namespace = rest[0];
        let mut types = vec![namespace.to_string()];
        let mut names = Vec::new();
        for pair in rest[1..].chunks(2) {
            types.push(pair[0].to_string());
            names.push(pair[1].to_string());
        }
        Some(ResourceId {
            subscription,
            resource_group,
            resource_type: types.join("/"),
            names,
        })
    }

    /// The index key: lower-cased type and `/`-joined names.
    pub fn key(&self) -> IdKey {
        IdKey::new(&self.resource_type, &self.names.join("/"))
    }

    /// The ID of the parent resource, when this is a child resource.
    pub fn parent(&self) -> Option<ResourceId> {
        if self.names.len() < 2 {
            return None;
        }
        let mut t: Vec<&str> = self.resource_type.split('/').collect();
        t.pop();
        Some(ResourceId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            resource_type: t.join("/"),
            names: self.names[..self.names.len() - 1].to_vec(),
        })
    }

    /// Formats the ID with the given subscription and resource group
    /// (placeholders are written as `{subscriptionId}` / `{resourceGroup}` when absent).
    pub fn to_id_string(&self) -> String {
        let sub = self.subscription.as_deref().unwrap_or("{subscriptionId}");
        let rg = self.resource_group.as_deref().unwrap_or("{resourceGroup}");
        let mut parts = self.resource_type.split('/');
        let ns = parts.next().unwrap_or_default();
        let mut s = format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}");
        for (t, n) in parts.zip(self.names.iter()) {
            s.push('/');
            s.push_str(t);
            s.push('/');
            s.push_str(n);
        }
        s
    }
}

/// Case-folded `(type, name)` pair used to find resources by ID or by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdKey {
    pub resource_type: String,
    pub name: String,
}

impl IdKey {
    pub fn new(resource_type: &str, name: &str) -> IdKey {
        IdKey {
            resource_type: resource_type.to_ascii_lowercase(),
            name: name.to_ascii_lowercase(),
        }
    }
}

/// Number of name segments a resource type has (`Microsoft.Network/virtualNetworks/subnets` → 2).
pub fn type_depth(resource_type: &str) -> usize {
    resource_type.split('/').count().saturating_sub(1)
}

/// The parent type of a child type (`…/virtualNetworks/subnets` → `…/virtualNetworks`).
pub fn parent_type(resource_type: &str) -> Option<&str> {
    if type_depth(resource_type) < 2 {
        return None;
    }
    resource_type.rfind('/').map(|i| &resource_type[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_child_ids_and_scopes() {
        let id = ResourceId::parse(
            "/subscriptions/S/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
        )
        .unwrap();
        assert_eq!(id.subscription.as_deref(), Some("S"));
        assert_eq!(id.resource_group.as_deref(), Some("rg"));
        assert_eq!(
            id.resource_type,
            "Microsoft.Network/virtualNetworks/subnets"
        );
        assert_eq!(id.names, vec!["v", "s"]);
        assert_eq!(
            id.parent().unwrap().resource_type,
            "Microsoft.Network/virtualNetworks"
        );
        assert_eq!(
            id.key(),
            IdKey::new("microsoft.network/virtualnetworks/subnets", "V/S")
        );
        assert!(ResourceId::parse("not-an-id").is_none());
        assert!(ResourceId::parse("/subscriptions/S/resourceGroups/rg").is_none());
        let ext = ResourceId::parse(
            "/subscriptions/S/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/providers/Microsoft.Insights/diagnosticSettings/d",
        )
        .unwrap();
        assert_eq!(ext.resource_type, "Microsoft.Insights/diagnosticSettings");
        assert_eq!(
            parent_type("Microsoft.Network/virtualNetworks/subnets"),
            Some("Microsoft.Network/virtualNetworks")
        );
        assert_eq!(parent_type("Microsoft.Network/virtualNetworks"), None);
    }
}
