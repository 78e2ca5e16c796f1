//! Embeds every `locales/*.ftl` file, so a new language is one new file: no list of
//! languages is kept in the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .filter_map(|p| {
                    let code = p.file_stem()?.to_str()?.to_string();
                    Some((code, p.display().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let mut code = String::from(
        "/// Every locale file: (language code, Fluent text).\npub const LOCALES: &[(&str, &str)] = &[\n",
    );
    for (lang, path) in &found {
        println!("cargo::rerun-if-changed={path}");
        let _ = writeln!(code, "    ({lang:?}, include_str!({path:?})),");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("locales.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo::error=cannot write {}: {e}", out.display());
    }
}
