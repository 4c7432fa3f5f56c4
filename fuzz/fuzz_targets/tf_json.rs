//! Terraform's JSON syntax (`*.tf.json`): parse and evaluate a root module.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = isolint_fuzz::write_root("tf_json", "main.tf.json", data);
    let mut opts = isolint_terraform::Options::new(dir.clone());
    opts.max_eval_steps = isolint_fuzz::FUZZ_EVAL_STEPS;
    opts.max_instances = isolint_fuzz::FUZZ_INSTANCES;
    let mut sources = isolint_model::SourceMap::new();
    let _ = isolint_terraform::load_root(&mut sources, &dir, &opts);
});
