//! Prints the resources isolint reads from ARM templates.
//! Usage: `cargo run -p isolint-arm --example arm_dump -- FILE.json [PARAMS.json ...]`
use isolint_arm::{load_template, sibling_parameter_files, ArmOptions};
use isolint_model::SourceMap;
use std::path::PathBuf;

fn main() {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let Some(tpl) = args.first() else {
        eprintln!("usage: arm_dump TEMPLATE.json [PARAMETERS.json ...]");
        std::process::exit(2);
    };
    let mut sources = SourceMap::new();
    let Ok(text) = std::fs::read_to_string(tpl) else {
        eprintln!("cannot read {}", tpl.display());
        std::process::exit(2);
    };
    let id = sources.add(tpl.clone(), text);
    let mut pfiles: Vec<PathBuf> = args[1..].to_vec();
    if pfiles.is_empty() {
        pfiles = sibling_parameter_files(tpl);
    }
    let params: Vec<_> = pfiles
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| sources.add(p, t)))
        .collect();
    let root = tpl.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let unit = load_template(
        &mut sources,
        id,
        &params,
        &ArmOptions {
            root,
            ..ArmOptions::default()
        },
    );
    for r in &unit.resources {
        println!(
            "{}  [{}] name={} existing={}",
            r.address, r.resource_type, r.name, r.existing
        );
        if std::env::var("ARM_DUMP_BODY").is_ok() {
            println!("    {}", r.body.to_json());
        }
    }
    for f in &unit.findings {
        let loc = f
            .span
            .and_then(|s| sources.resolve(s))
            .map(|(a, _)| format!("{}:{}", a.line, a.column))
            .unwrap_or_default();
        println!("{} {loc} {}", f.rule, f.message);
    }
    for s in &unit.suppressions {
        println!("suppression {:?} line {}", s.rules, s.target_line);
    }
    if std::env::var("ARM_DUMP_EDGES").is_ok() {
        let mut b = isolint_model::GraphBuilder::new(sources);
        b.add_unit(unit);
        let g = b.build();
        for (from, to, e) in g.edges() {
            println!(
                "edge {:?}: {} -> {}",
                e.kind,
                g.get(from).address,
                g.get(to).address
            );
        }
        for u in g.unresolved() {
            println!(
                "unresolved {:?}: {} -> {}",
                u.kind,
                g.get(u.from).address,
                u.id
            );
        }
    }
}
