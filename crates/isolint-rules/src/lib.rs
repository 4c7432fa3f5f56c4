//! # isolint-rules
//!
//! The rule catalog. Each rule lives in one file under `rules/`, with its
//! metadata and documentation next to its check, and reads only the
//! [`isolint_model::Graph`]: rules never see syntax, so each works for every
//! input format. Shared questions ("is this workspace isolated?", "is this
//! resource restricted?") are answered once in [`defs`].
//!
//! ```
//! use isolint_model::{GraphBuilder, SourceMap};
//! use isolint_rules::{run, Config};
//! let graph = GraphBuilder::new(SourceMap::new()).build();
//! let findings = run(&graph, &Config::default());
//! assert!(findings.is_empty());
//! ```
#![forbid(unsafe_code)]

pub mod config;
pub mod context;
pub mod defs;
pub mod dns;
pub mod docs;
pub mod nsg;
pub mod routes;
pub mod rules;

pub use config::{Cloud, Config};
pub use context::Ctx;
pub use rules::{all, by_id, Rule, RuleMeta};

use isolint_model::{Finding, Graph};

/// Runs every rule over the graph and returns their findings (meta findings
/// of the front-ends are not included; they are in [`Graph::findings`]).
pub fn run(graph: &Graph, config: &Config) -> Vec<Finding> {
    let ctx = Ctx::new(graph, config);
    let mut out = Vec::new();
    for rule in all() {
        if let Some(check) = rule.check {
            check(&ctx, &mut out);
        }
    }
    out
}
