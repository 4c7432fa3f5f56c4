//! Prints the syntax tree and diagnostics of a Bicep file: `cargo run -p isolint-bicep --example dump -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE [--quiet]");
        std::process::exit(2);
    };
    let quiet = std::env::args().any(|a| a == "--quiet");
    let text = match std::fs::read(&path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let parsed = isolint_bicep::parse(&text);
    if !quiet {
        println!("{:#?}", parsed.items);
    }
    let lines = isolint_bicep::LineIndex::new(&text);
    for d in &parsed.diagnostics {
        let lc = lines.line_col(d.span.start);
        println!("{path}:{}:{}: {}", lc.line, lc.column, d.message);
    }
}
