//! # isolint-bench
//!
//! Measurement tooling for isolint (issue 9): a deterministic generator of
//! synthetic monorepos ([`gen`]), the `isolint-gen` binary that writes them,
//! criterion benchmarks of each stage (`benches/stages.rs`) and a scaling
//! test (`tests/scaling.rs`). See `docs/performance.md`.
#![forbid(unsafe_code)]

pub mod gen;
