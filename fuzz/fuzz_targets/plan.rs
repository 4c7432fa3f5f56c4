//! Terraform plan JSON (`terraform show -json`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = isolint_fuzz::scratch_dir("plan");
    let mut sources = isolint_model::SourceMap::new();
    let id = sources.add(dir.join("plan.json"), text);
    let mut opts = isolint_plan::PlanOptions::new(dir);
    opts.terraform.max_eval_steps = isolint_fuzz::FUZZ_EVAL_STEPS;
    opts.terraform.max_instances = isolint_fuzz::FUZZ_INSTANCES;
    let _ = isolint_json::classify_text(text);
    let _ = isolint_plan::load_plan(&mut sources, id, &opts);
});
