//! The Bicep front-end: the parser, then the evaluator.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = isolint_bicep::parse(text);
    let _ = parsed.diagnostics.len();
    let dir = isolint_fuzz::scratch_dir("bicep");
    let mut sources = isolint_model::SourceMap::new();
    let id = sources.add(dir.join("main.bicep"), text);
    let _ = isolint_bicep::referenced_modules(&sources, id);
    let opts = isolint_bicep::BicepOptions {
        root: dir,
        max_eval_steps: isolint_fuzz::FUZZ_EVAL_STEPS,
        max_copy: isolint_fuzz::FUZZ_INSTANCES,
        ..isolint_bicep::BicepOptions::default()
    };
    let _ = isolint_bicep::load_bicep(&mut sources, id, &[], &opts);
});
