//! What `cargo package` would publish (the file list, without building it: seconds),
//! and the minimum Rust version the README promises. The package build itself, the
//! wheel and the pre-commit hook are exercised by `scripts/test-packaging` (minutes).

use crate::{read, root};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The files `cargo package --list` names for `package`, one per line, sorted.
fn package_list(package: &str) -> Vec<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // --allow-dirty: a developer runs this with uncommitted changes; --offline: a file
    // list needs no registry.
    let out = Command::new(cargo)
        .args([
            "package",
            "--list",
            "--locked",
            "--offline",
            "--allow-dirty",
            "-p",
        ])
        .arg(package)
        .current_dir(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "cargo package --list failed:\n{stderr}"
    );
    let mut files: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // Written by cargo only in a git checkout; not part of what the crate ships.
        .filter(|l| *l != ".cargo_vcs_info.json")
        .map(str::to_owned)
        .collect();
    files.sort();
    files
}

/// Every `.rs` file under `dir` (relative to the root, `/`-separated).
fn rust_files(dir: &str) -> BTreeSet<String> {
    walkdir::WalkDir::new(root().join(dir))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension() == Some("rs".as_ref()))
        .map(|e| relative(e.path()))
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `base/../x` as `x`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The files the library itself embeds (`include_str!`/`include_bytes!` outside unit
/// tests), relative to the root.
fn embedded_files() -> BTreeSet<String> {
    let include = regex::Regex::new(r#"include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)"#).unwrap();
    let mut needed = BTreeSet::new();
    for file in rust_files("src") {
        // Unit tests live in `tests.rs` files (or `tests/` folders) and are not built
        // from a package; what they include may stay out of it.
        if file.ends_with("/tests.rs") || file.contains("/tests/") {
            continue;
        }
        let text = read(&file);
        let dir = Path::new(&file).parent().unwrap();
        for cap in include.captures_iter(&text) {
            let target = normalize(&root().join(dir).join(&cap[1]));
            needed.insert(relative(&target));
        }
    }
    needed
}

#[test]
fn the_crate_package_holds_what_the_build_and_the_docs_need_and_nothing_else() {
    let files = package_list("rectrack");
    // Every source file, whatever other work adds under src/: listed in bulk so that
    // the snapshot names only what is deliberately shipped beside the code.
    let sources: BTreeSet<String> = files
        .iter()
        .filter(|f| f.starts_with("src/"))
        .cloned()
        .collect();
    assert_eq!(
        sources,
        rust_files("src"),
        "every .rs file under src/ ships"
    );
    let rest: Vec<&str> = files
        .iter()
        .filter(|f| !f.starts_with("src/"))
        .map(String::as_str)
        .collect();
    insta::assert_snapshot!(format!("src/**/*.rs\n{}", rest.join("\n")));

    for file in &files {
        for banned in [
            "tests/", "fuzz/", "benches/", "target/", ".ci/", "vendor/", "scripts/",
        ] {
            assert!(!file.starts_with(banned), "{file} must not ship");
        }
        let extension = Path::new(file)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        for banned in ["png", "snap"] {
            assert_ne!(
                extension.as_deref(),
                Some(banned),
                "{file}: no images or snapshots in the crate"
            );
        }
    }
    for must in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        // The version's commit and date: the code reads the variables it sets.
        "build.rs",
        "src/main.rs",
        "src/lib.rs",
    ] {
        assert!(files.iter().any(|f| f == must), "{must} is missing");
    }
    let embedded = embedded_files();
    // The catalog, its schema and the messages: if this shrinks, the scan is broken.
    assert!(embedded.len() >= 4, "{embedded:?}");
    for need in &embedded {
        assert!(
            files.contains(need),
            "{need} is embedded by the binary but not in the package"
        );
    }
}

#[test]
fn the_vendored_parser_is_packaged_under_its_own_name_and_rectrack_depends_on_it() {
    let files = package_list("rectrack-saphyr-parser");
    for must in ["LICENSE", "VENDORED.md", "src/lib.rs", "src/scanner.rs"] {
        assert!(
            files.iter().any(|f| f == must),
            "{must} is missing: {files:?}"
        );
    }
    // `[patch]` is dropped from a published manifest: a crate built from the package
    // would silently get upstream's parser without the memory-safety fix.
    let manifest = read("Cargo.toml");
    assert!(
        !manifest
            .lines()
            .any(|l| l.trim_start().starts_with("[patch")),
        "Cargo.toml must not rely on [patch]"
    );
    let vendored = read("vendor/saphyr-parser/Cargo.toml");
    assert_eq!(
        string_value(&vendored, "name").as_deref(),
        Some("rectrack-saphyr-parser")
    );
    let version = string_value(&vendored, "version").unwrap();
    let dependency = manifest
        .lines()
        .find(|l| l.starts_with("saphyr-parser"))
        .unwrap_or_default();
    assert!(
        dependency.contains(&format!(
            r#"package = "rectrack-saphyr-parser", version = "={version}""#
        )),
        "rectrack pins the vendored parser's exact version: {dependency}"
    );
}

/// The first `key = "value"` at the start of a line of a manifest (enough for these
/// checks, with no TOML crate added for them).
fn string_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.strip_prefix(key)?.trim_start().strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').to_owned())
    })
}

#[test]
fn the_readme_states_the_minimum_rust_version_cargo_toml_declares() {
    let manifest = read("Cargo.toml");
    let msrv = string_value(&manifest, "rust-version").unwrap();
    assert!(
        regex::Regex::new(r"^1\.\d+(\.\d+)?$")
            .unwrap()
            .is_match(&msrv),
        "rust-version: {msrv}"
    );
    let readme = read("README.md");
    assert!(
        readme.contains(&format!(
            "With only the Rust toolchain installed ({msrv} or later)"
        )),
        "README.md must state rust-version {msrv} where it says what to install"
    );
    let claim = regex::Regex::new(r"\b(1\.\d+(?:\.\d+)?) or later").unwrap();
    for cap in claim.captures_iter(&readme) {
        assert_eq!(
            &cap[1], msrv,
            "README.md names another minimum: {}",
            &cap[0]
        );
    }
    // clippy's incompatible_msrv reads rust-version; it must stay an error.
    assert!(
        manifest.contains("incompatible_msrv = \"deny\""),
        "[lints.clippy] denies incompatible_msrv"
    );
}
