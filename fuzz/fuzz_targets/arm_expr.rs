//! The ARM expression language: the parser on its own, then the evaluator on
//! the same expression placed in a variable, a resource name and property,
//! and an output of a template.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = isolint_arm::expr::classify(src);
    let _ = isolint_arm::expr::parse(src);
    let e = serde_json::Value::String(format!("[{src}]"));
    let template = serde_json::json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "p": { "type": "string", "defaultValue": "10.0.0.0/16" } },
        "variables": { "v": e, "w": "[variables('v')]" },
        "resources": [{
            "type": "Microsoft.Network/virtualNetworks",
            "apiVersion": "2023-05-01",
            "name": e,
            "location": "westeurope",
            "properties": { "addressSpace": { "addressPrefixes": [e] }, "x": "[variables('w')]" }
        }],
        "outputs": { "o": { "type": "object", "value": e } }
    });
    let text = template.to_string();
    let dir = isolint_fuzz::scratch_dir("arm_expr");
    let mut sources = isolint_model::SourceMap::new();
    let id = sources.add(dir.join("azuredeploy.json"), text);
    let opts = isolint_arm::ArmOptions {
        root: dir,
        max_eval_steps: isolint_fuzz::FUZZ_EVAL_STEPS,
        max_copy: isolint_fuzz::FUZZ_INSTANCES,
        ..isolint_arm::ArmOptions::default()
    };
    let _ = isolint_arm::load_template(&mut sources, id, &[], &opts);
});
