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

    /// Every value the resource holds at its top: name, body, parent and
    /// resource group (for walks over all its values).
    pub fn values_mut(&mut self) -> Vec<&mut Value> {
        let mut out: Vec<&mut Value> = vec![&mut self.name, &mut self.body];
        out.extend(self.parent.as_mut());
        out.extend(self.resource_group.as_mut());
        out
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

impl Unit {
    /// Gives back the room objects and lists reserved while they were built
    /// (a unit is complete when its front-end returns it).
    pub fn shrink_to_fit(&mut self) {
        self.resources.shrink_to_fit();
        for r in &mut self.resources {
            let mut stack = r.values_mut();
            while let Some(v) = stack.pop() {
                match &mut v.data {
                    crate::value::Data::List(items) => {
                        items.shrink_to_fit();
                        stack.extend(items.iter_mut());
                    }
                    crate::value::Data::Map(m) => {
                        m.shrink_to_fit();
                        stack.extend(m.values_mut());
                    }
                    crate::value::Data::String(s) => s.shrink_to_fit(),
                    _ => {}
                }
            }
        }
    }

    /// Rewrites every file id in the unit (spans of resources, values,
    /// findings and suppressions), after its source map was merged into
    /// another ([`crate::SourceMap::merge`]).
    pub fn remap_files(&mut self, remap: &crate::span::Remap) {
        if remap.is_identity() {
            return;
        }
        let fix = |s: &mut Span| s.file = remap.apply(s.file);
        for r in &mut self.resources {
            fix(&mut r.span);
            r.sites.values_mut().for_each(fix);
            r.trail.iter_mut().for_each(|(_, s)| fix(s));
            let mut stack = r.values_mut();
            // Iterative: values may nest as deep as their sources allow.
            while let Some(v) = stack.pop() {
                if let Some(s) = v.origin.span.as_mut() {
                    fix(s);
                }
                match &mut v.data {
                    crate::value::Data::List(items) => stack.extend(items.iter_mut()),
                    crate::value::Data::Map(m) => stack.extend(m.values_mut()),
                    _ => {}
                }
            }
        }
        for f in &mut self.findings {
            f.span.iter_mut().for_each(fix);
            f.anchors.iter_mut().for_each(fix);
            f.related
                .iter_mut()
                .filter_map(|r| r.span.as_mut())
                .for_each(fix);
        }
        self.suppressions.iter_mut().for_each(|s| fix(&mut s.span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{FileId, SourceMap};
    use std::sync::Arc;

    #[test]
    fn remap_reaches_nested_values_findings_and_suppressions() {
        let mut main = SourceMap::new();
        main.add("a", "");
        main.add("b", "");
        let main = Arc::new(main);
        let mut fork = SourceMap::fork(&main);
        let own = fork.add("c", "");
        assert_eq!(own, FileId(2));
        let forked = fork.detach();
        let mut main = Arc::try_unwrap(main).unwrap();
        main.add("c0", "");
        let remap = main.merge(forked);
        assert_eq!(remap.apply(own), FileId(3));

        let at = |f: FileId| Span::new(f, 1, 2);
        let mut r = Resource::new("x", "T", at(own), Format::Bicep);
        let mut inner = Value::string("v");
        inner.origin.span = Some(at(own));
        let list = Value {
            data: crate::value::Data::List(vec![inner]),
            origin: Default::default(),
        };
        let mut body = crate::ValueMap::new();
        body.insert("k".to_string(), list);
        r.body = Value {
            data: crate::value::Data::Map(body),
            origin: Default::default(),
        };
        r.sites.insert("k".into(), at(own));
        r.trail.push(("m".into(), at(FileId(0))));
        let mut unit = Unit::default();
        unit.resources.push(r);
        let mut f = Finding::new("AML001", "n", crate::Severity::Error, "m");
        f.span = Some(at(own));
        f.anchors.push(at(own));
        unit.findings.push(f);
        unit.suppressions.push(Suppression {
            rules: vec![],
            reason: String::new(),
            span: at(own),
            target_line: 1,
        });
        unit.remap_files(&remap);
        let r = &unit.resources[0];
        assert_eq!(r.span.file, FileId(3));
        assert_eq!(r.sites["k"].file, FileId(3));
        assert_eq!(r.trail[0].1.file, FileId(0));
        assert_eq!(r.prop("k.0").unwrap().span().unwrap().file, FileId(3));
        assert_eq!(unit.findings[0].span.unwrap().file, FileId(3));
        assert_eq!(unit.findings[0].anchors[0].file, FileId(3));
        assert_eq!(unit.suppressions[0].span.file, FileId(3));
    }
}
