//! What a rule's check receives, and helpers to build located findings.

use crate::config::Config;
use crate::rules::RuleMeta;
use isolint_model::{Finding, Graph, OriginKind, ResIdx, Span};

/// The graph, the configuration and the shared definitions.
pub struct Ctx<'g> {
    pub graph: &'g Graph,
    pub config: &'g Config,
    /// NSG rules, read once for all the rules that evaluate flows.
    pub nsgs: crate::nsg::NsgCache,
}

impl<'g> Ctx<'g> {
    pub fn new(graph: &'g Graph, config: &'g Config) -> Ctx<'g> {
        Ctx {
            graph,
            config,
            nsgs: crate::nsg::NsgCache::default(),
        }
    }

    /// A workspace's region (its `location`), else the configured default
    /// region, in comparable form (`westeurope`).
    pub fn workspace_region(&self, w: ResIdx) -> Option<String> {
        crate::defs::region(self.graph.get(w).prop("location"))
            .or_else(|| self.config.default_region.clone())
    }

    /// The first line of a span (a resource block is located by its header).
    pub fn header(&self, span: Span) -> Span {
        let Some(f) = self.graph.sources.get(span.file) else {
            return span;
        };
        let text = &f.text;
        let start = (span.start as usize).min(text.len());
        let end = text[start..]
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(text.len())
            .min(span.end as usize);
        let end = text[start..end].trim_end().len() + start;
        Span::new(span.file, start, end.max(start))
    }

    /// A finding about resource `r` located at the property `path` (or the
    /// resource itself when `path` is `None` or the property is absent).
    ///
    /// The primary location is where the value was written (which may be a
    /// variable default or a parameter in another file); the attribute's own
    /// site and the module / deployment trail become related locations.
    pub fn finding(
        &self,
        meta: &'static RuleMeta,
        r: ResIdx,
        path: Option<&str>,
        message: String,
    ) -> Finding {
        let res = self.graph.get(r);
        let decl = self.header(res.span);
        let mut f =
            Finding::new(meta.id, meta.name, meta.severity, message).resource(res.address.clone());
        f.anchors.push(res.span);
        let mut primary = decl;
        if let Some(p) = path {
            f.path = Some(p.to_string());
            let site = res.site(p);
            let value = res.prop(p);
            if site != res.span {
                f.anchors.push(site);
                primary = site;
            }
            let outside = |w: Span| w.file != site.file || w.start < site.start || w.end > site.end;
            if let Some(v) = value {
                // A value written inside the attribute (a list element) is the most precise location.
                if let Some(w) = v
                    .span()
                    .filter(|w| site != res.span && !outside(*w) && w.file == site.file)
                {
                    primary = w;
                }
                if let Some(w) = v
                    .span()
                    .filter(|w| self.graph.sources.get(w.file).is_some() && outside(*w))
                {
                    if v.origin.kind == OriginKind::Written {
                        // Point at the literal; the attribute becomes related.
                        f.related.push(isolint_model::Related {
                            resource: Some(res.address.clone()),
                            span: Some(site),
                            message: "the value is used here".into(),
                        });
                        primary = w;
                    } else if v.origin.kind == OriginKind::Computed {
                        f.related.push(isolint_model::Related {
                            resource: None,
                            span: Some(w),
                            message: "the value is computed here".into(),
                        });
                    }
                }
            }
        }
        f.span = Some(primary);
        for (msg, span) in &res.trail {
            f.related.push(isolint_model::Related {
                resource: None,
                span: Some(self.header(*span)),
                message: msg.clone(),
            });
        }
        f
    }

    /// A related location pointing at another resource's declaration.
    pub fn related(&self, r: ResIdx, message: impl Into<String>) -> isolint_model::Related {
        let res = self.graph.get(r);
        isolint_model::Related {
            resource: Some(res.address.clone()),
            span: Some(self.header(res.span)),
            message: message.into(),
        }
    }
}
