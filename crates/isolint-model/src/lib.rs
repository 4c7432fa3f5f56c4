//! # isolint-model
//!
//! The canonical resource graph of isolint. Every front-end (Terraform HCL,
//! Terraform plan JSON, ARM JSON, Bicep) produces [`Resource`]s in one
//! shape, ARM's: an ARM type, a name and a body whose properties sit at their
//! ARM paths. Each [`Value`] carries its provenance (a [`Span`], whether it
//! was written, defaulted or computed) and may be [`Data::Unknown`].
//! [`GraphBuilder`] links the resources into a [`Graph`] with typed edges.
//!
//! This crate does no I/O, knows no syntax and no rules.
//!
//! ```
//! use isolint_model::*;
//! let mut sources = SourceMap::new();
//! let file = sources.add("main.tf", "resource \"x\" \"y\" {}");
//! let mut acr = Resource::new("azurerm_container_registry.acr", types::REGISTRY, Span::new(file, 0, 10), Format::Terraform);
//! acr.name = Value::string("acr");
//! acr.body.set_path("sku.name", Value::string("Basic"));
//! let mut b = GraphBuilder::new(sources);
//! b.add_unit(Unit { resources: vec![acr], ..Unit::default() });
//! let g = b.build();
//! let i = g.of_type(types::REGISTRY)[0];
//! assert_eq!(g.get(i).prop("sku.name").and_then(Value::as_str), Some("Basic"));
//! ```
#![forbid(unsafe_code)]

pub mod finding;
pub mod graph;
pub mod id;
pub mod map;
pub mod net;
pub mod resource;
pub mod span;
pub mod types;
pub mod value;

pub use finding::{Finding, Related, Severity};
pub use graph::{Edge, EdgeKind, Graph, GraphBuilder, ResIdx, Unresolved};
pub use id::{IdKey, ResourceId};
pub use map::ValueMap;
pub use resource::{Format, Resource, Suppression, Unit};
pub use span::{FileId, ForkedFiles, LineCol, Remap, SourceFile, SourceMap, Span};
pub use value::{Data, Origin, OriginKind, ResKey, Value};
