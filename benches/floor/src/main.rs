//! The floor peer: `rectrack-floor SCHEMA [--json] FILE...`.
//!
//! For each file, one after the other on one thread: read it, deserialize it into a
//! `serde_json::Value` (`serde_yaml`, or `serde_json` with `--json`), and validate it with
//! a `jsonschema` validator compiled once (draft 7, formats asserted, as rectrack
//! does). Prints one summary line and exits 0; a file that does not parse or is
//! invalid is counted and named on stderr. Exits 2 only on usage errors or a bad
//! schema.
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut json = false;
    let mut paths: Vec<PathBuf> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        if arg == "--json" {
            json = true;
        } else {
            paths.push(arg.into());
        }
    }
    if paths.is_empty() {
        eprintln!("usage: rectrack-floor SCHEMA [--json] FILE...");
        return ExitCode::from(2);
    }
    let schema_path = paths.remove(0);
    let validator = match std::fs::read(&schema_path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string()))
        .and_then(|schema| {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft7)
                .should_validate_formats(true)
                .build(&schema)
                .map_err(|e| e.to_string())
        }) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{}: {e}", schema_path.display());
            return ExitCode::from(2);
        }
    };
    let mut invalid = 0usize;
    for path in &paths {
        let value = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if json {
                    serde_json::from_slice::<Value>(&bytes).map_err(|e| e.to_string())
                } else {
                    serde_yaml::from_slice::<Value>(&bytes).map_err(|e| e.to_string())
                }
            });
        // The yes/no pass first, as rectrack does: errors are collected only for
        // the files that have some.
        let problem = match value {
            Ok(v) if validator.is_valid(&v) => continue,
            Ok(v) => validator.validate(&v).err().map(|e| e.to_string()),
            Err(e) => Some(e),
        };
        invalid += 1;
        eprintln!("{}: {}", path.display(), problem.unwrap_or_default());
    }
    println!(
        "{} files, {} valid, {invalid} invalid",
        paths.len(),
        paths.len() - invalid
    );
    ExitCode::SUCCESS
}
