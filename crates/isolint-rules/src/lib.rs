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
/// Rules run in parallel (rayon's global pool: `RAYON_NUM_THREADS` threads,
/// else one per CPU); findings come in catalog order whatever the timing.
pub fn run(graph: &Graph, config: &Config) -> Vec<Finding> {
    use rayon::prelude::*;
    let per_rule: Vec<Vec<Finding>> = all()
        .par_iter()
        .map(|rule| {
            let mut out = Vec::new();
            if let Some(check) = rule.check {
                check(&Ctx::new(graph, config), &mut out);
            }
            out
        })
        .collect();
    per_rule.into_iter().flatten().collect()
}
