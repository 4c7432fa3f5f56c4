//! # isolint-terraform
//!
//! Terraform front-end of isolint.
#![forbid(unsafe_code)]

pub mod functions;
