//! Canonical resources: ARM-shaped whatever format they were written in.

use crate::finding::Finding;
use crate::span::Span;
use crate::value::Value;
use std::collections::BTreeMap;

/// The input format a resource was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Terraform,
    TerraformPlan,
    Arm,
    Bicep,
}

/// One Azure resource, described the way ARM describes it.
///
/// `body` holds the ARM resource body (`sku`, `kind`, `location`, `identity`,
/// `tags`, `properties`), with property names at their ARM paths. Terraform
/// attributes are mapped onto these paths by the Terraform front-end, with the
/// provider's defaults filled in (marked [`OriginKind::Defaulted`](crate::value::OriginKind)).
#[derive(Clone, Debug)]
pub struct Resource {
    /// How users name it: `azurerm_subnet.a[0]`, `module.net.azurerm_subnet.a`,
    /// an ARM symbolic name or `Microsoft.Network/virtualNetworks 'vnet'`.
    pub address: String,
    /// ARM type in its canonical case, e.g. `Microsoft.ContainerRegistry/registries`.
    pub resource_type: String,
    pub api_version: Option<String>,
    /// Full ARM name (`vnet/subnet` for a child), possibly unknown. When
    /// `parent` is set, this is the name relative to the parent.
    pub name: Value,
    /// Explicit reference to the parent resource (Terraform's
    /// `machine_learning_workspace_id`, `azapi_resource.parent_id`, Bicep `parent:`).
    pub parent: Option<Value>,
    /// The ARM body.
    pub body: Value,
    /// The whole declaration.
    pub span: Span,
    /// Where each ARM path was written in the declaration (the attribute, not
    /// the value's origin, which can be a variable default elsewhere).
    pub sites: BTreeMap<String, Span>,
    pub format: Format,
    /// Declared as existing elsewhere (ARM/Bicep `existing`, Terraform data source).
    pub existing: bool,
    /// Whether the resource exists is not known (an unknown `count`,
    /// `for_each` or ARM `condition`). Rules do not report on it, and do not
    /// count it as present.
    pub uncertain: bool,
    /// Resource group name, when the format says it.
    pub resource_group: Option<Value>,
    /// The source-level type (`azurerm_container_registry`), when it differs from the ARM type.
    pub source_type: Option<String>,
    /// Locations that explain how values reached this resource (module calls,
    /// nested deployments), shown as related locations.
    pub trail: Vec<(String, Span)>,
}

impl Resource {
    pub fn new(
        address: impl Into<String>,
        resource_type: impl Into<String>,
        span: Span,
        format: Format,
    ) -> Resource {
        Resource {
            address: address.into(),
            resource_type: resource_type.into(),
            api_version: None,
            name: Value::unknown(),
            parent: None,
            body: Value::empty_map(),
            span,
            sites: BTreeMap::new(),
            format,
            existing: false,
            uncertain: false,
            resource_group: None,
            source_type: None,
            trail: Vec::new(),
        }
    }

    /// A property at an ARM path (`properties.publicNetworkAccess`, `sku.name`).
    pub fn prop(&self, path: &str) -> Option<&Value> {
        self.body.path(path)
    }

    /// Is this resource of the given ARM type (case-insensitive)?
    pub fn is(&self, resource_type: &str) -> bool {
        self.resource_type.eq_ignore_ascii_case(resource_type)
    }

    /// The span that best locates a property: the site where the attribute
    /// is written, else the value's own span, else the declaration.
    pub fn site(&self, path: &str) -> Span {
        // The attribute itself, else the nearest enclosing attribute
        // (`properties.addressSpace.addressPrefixes` for `….addressPrefixes.0`).
        let mut p = path;
        loop {
            if let Some(s) = self.sites.get(p).copied().or_else(|| {
                self.sites
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(p))
                    .map(|(_, s)| *s)
            }) {
                return s;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => break,
            }
        }
        self.prop(path).and_then(|v| v.span()).unwrap_or(self.span)
    }
}

/// An inline suppression found in a source file.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: String,
    /// The comment itself.
    pub span: Span,
    /// The line (1-based) of the declaration or attribute it applies to.
    pub target_line: u32,
}

/// What one front-end produced from one scan unit (a Terraform root, an ARM
/// template with its parameters, a Bicep entry file).
#[derive(Debug, Default)]
pub struct Unit {
    pub resources: Vec<Resource>,
    /// Meta findings (AML001 parse errors, AML002, AML004).
    pub findings: Vec<Finding>,
    pub suppressions: Vec<Suppression>,
}
