//! The ARM template front-end: JSON(C) parsing, classification, evaluation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = isolint_fuzz::scratch_dir("arm");
    let mut sources = isolint_model::SourceMap::new();
    let id = sources.add(dir.join("azuredeploy.json"), text);
    let _ = isolint_json::parse(id, text);
    let _ = isolint_json::classify_text(text);
    let _ = isolint_arm::linked_templates(&sources, id);
    let opts = isolint_arm::ArmOptions {
        root: dir,
        max_eval_steps: isolint_fuzz::FUZZ_EVAL_STEPS,
        max_copy: isolint_fuzz::FUZZ_INSTANCES,
        ..isolint_arm::ArmOptions::default()
    };
    let _ = isolint_arm::load_template(&mut sources, id, &[], &opts);
});
