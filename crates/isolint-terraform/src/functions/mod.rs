//! The Terraform function library, implemented from Terraform's documented semantics.
//!
//! [`call`] evaluates one function on already-evaluated arguments. Unknown
//! arguments make the result unknown (except where Terraform documents
//! otherwise). `try` and `can`, which need unevaluated arguments, and
//! `templatefile`, which needs the template evaluator, live in the evaluator.

use isolint_model::{Span, Value};
use std::path::Path;

/// What a function may need beyond its arguments.
pub struct FnCtx<'a> {
    /// The folder of the module being evaluated (`path.module`), for `file()` and friends.
    pub module_dir: &'a Path,
    /// No file outside this folder is read.
    pub root: &'a Path,
    /// The call expression, given to the result as its origin.
    pub span: Option<Span>,
}

/// Why a call produced no value.
#[derive(Debug, Clone, PartialEq)]
pub enum FnError {
    /// No function of that name.
    UnknownFunction(String),
    /// Wrong number or type of arguments, or an argument Terraform rejects.
    Invalid(String),
    /// The result would exceed a resource bound (reported as AML004).
    Limit(String),
}

/// Calls a Terraform function.
pub fn call(name: &str, args: Vec<Value>, ctx: &FnCtx<'_>) -> Result<Value, FnError> {
    let _ = (args, ctx);
    Err(FnError::UnknownFunction(name.to_string()))
}
