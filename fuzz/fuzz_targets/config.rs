//! The configuration file (`.isolint.toml`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut config = isolint::Config::default();
    let _ = isolint::config::apply_str(&mut config, text, ".isolint.toml");
});
