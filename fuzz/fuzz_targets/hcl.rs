//! The HCL front-end: parse and evaluate a root module written from bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = isolint_fuzz::write_root("hcl", "main.tf", data);
    let mut opts = isolint_terraform::Options::new(dir.clone());
    opts.max_eval_steps = isolint_fuzz::FUZZ_EVAL_STEPS;
    opts.max_instances = isolint_fuzz::FUZZ_INSTANCES;
    let mut sources = isolint_model::SourceMap::new();
    let _ = isolint_terraform::load_root(&mut sources, &dir, &opts);
});
