//! The rough edges of issue #14 (items 6 and 7): `init` in a new repository, output
//! formats taken from `-o`, date arguments, summaries and suggestions. Each test drives
//! the binary as a monitor would and names what went wrong before.

use crate::{rectrack, run};
use std::path::Path;

/// `rectrack ARGS` run from `dir` (a scratch repository).
fn in_dir(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(rectrack().current_dir(dir).args(args))
}

/// `rectrack schema`'s output.
fn schema_text() -> String {
    let (code, stdout, _) = run(rectrack().arg("schema"));
    assert_eq!(code, 0);
    stdout
}

// --- init -------------------------------------------------------------------------

/// Before: in a new repository, `init` then `check` warned that the modeline's schema
/// did not exist, and nothing said how to write it.
#[test]
fn init_says_how_to_write_the_schema_and_writes_it_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    let (code, stdout, stderr) = in_dir(top, &["init", "tracker/x.yaml", "--as-of", "2022-01-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "note: the editor modeline points at ../schema/tracker.schema.json, which does not exist: run `rectrack init --write-schema` or `rectrack schema > schema/tracker.schema.json`"
        ),
        "{stdout}"
    );
    let (code, stdout, _) = in_dir(top, &["check", "--today", "2022-01-01"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("warning[modeline-mismatch]"), "{stdout}");

    // The command the note gives writes the schema, and then `check` is clean.
    let (code, stdout, stderr) = in_dir(top, &["init", "--write-schema"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("wrote schema/tracker.schema.json"),
        "{stdout}"
    );
    let schema = top.join("schema/tracker.schema.json");
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), schema_text());
    let (code, stdout, _) = in_dir(top, &["check", "--today", "2022-01-01"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "checked 1 file: no problems\n");

    // The same schema again is fine, with or without a tracker to write, and the next
    // tracker's init has nothing to say about it.
    let (code, stdout, stderr) = in_dir(top, &["init", "--write-schema"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("already holds the schema"), "{stdout}");
    let (code, stdout, stderr) = in_dir(
        top,
        &[
            "init",
            "tracker/y.yaml",
            "--write-schema",
            "--as-of",
            "2022-01-01",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("already holds the schema"), "{stdout}");
    assert!(!stdout.contains("note:"), "{stdout}");
}

/// `init --write-schema FILE` writes both; a different file at the schema's place is
/// never replaced without --force, and then the tracker is not written either.
#[test]
fn init_write_schema_never_replaces_a_different_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    std::fs::create_dir(top.join("schema")).unwrap();
    let schema = top.join("schema/tracker.schema.json");
    std::fs::write(&schema, "{\"mine\": true}\n").unwrap();

    // Without --write-schema, init says the file there is not the schema.
    let (code, stdout, _) = in_dir(top, &["init", "tracker/a.yaml", "--as-of", "2022-01-01"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("which is not the schema this rectrack enforces: run `rectrack init --write-schema --force` or `rectrack schema > schema/tracker.schema.json`"),
        "{stdout}"
    );

    let (code, _, stderr) = in_dir(
        top,
        &[
            "init",
            "tracker/b.yaml",
            "--write-schema",
            "--as-of",
            "2022-01-01",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("schema/tracker.schema.json exists and is not the schema this rectrack enforces: pass --force to replace it"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&schema).unwrap(),
        "{\"mine\": true}\n"
    );
    assert!(!top.join("tracker/b.yaml").exists(), "nothing written");

    let (code, stdout, stderr) = in_dir(
        top,
        &[
            "init",
            "tracker/b.yaml",
            "--write-schema",
            "--force",
            "--as-of",
            "2022-01-01",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("wrote schema/tracker.schema.json"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), schema_text());
    let (code, stdout, _) = in_dir(top, &["check", "--today", "2022-01-01"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "checked 2 files: no problems\n")
    );

    // A modeline elsewhere: the schema goes where it points, relative to the tracker.
    let (code, stdout, stderr) = in_dir(
        top,
        &[
            "init",
            "deep/er/c.yaml",
            "--schema-ref",
            "s.json",
            "--write-schema",
            "--as-of",
            "2022-01-01",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("wrote deep/er/s.json"), "{stdout}");
    let (code, stdout, _) = in_dir(top, &["check", "--today", "2022-01-01", "deep"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "checked 1 file: no problems\n")
    );

    // A URL is never written (nor fetched).
    let (code, _, stderr) = in_dir(
        top,
        &[
            "init",
            "tracker/d.yaml",
            "--write-schema",
            "--schema-ref",
            "https://example.org/s.json",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is a URL: --write-schema writes a local file"),
        "{stderr}"
    );
    assert!(!top.join("tracker/d.yaml").exists());
}

/// Before: `init --as-of` in the future wrote a file that failed `future-date`.
#[test]
fn init_refuses_an_as_of_in_the_future() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = in_dir(dir.path(), &["init", "x.yaml", "--as-of", "2999-01-01"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--as-of 2999-01-01 is after today (")
            && stderr.contains("a tracker describes a date that has come"),
        "{stderr}"
    );
    assert!(!dir.path().join("x.yaml").exists());
}

/// Before: `init tracker/y.txt` succeeded, and `check` never found the file.
#[test]
fn init_refuses_names_check_would_never_find() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    for (name, said) in [
        (
            "tracker/y.txt",
            "tracker/y.txt would never be checked: `rectrack check` reads only files named *.yaml or *.yml; name it tracker/y.yaml",
        ),
        ("tracker/y", "name it tracker/y.yaml"),
        ("tracker/y.YAML", "name it tracker/y.yaml"),
        (
            "tracker/.y.yaml",
            "tracker/.y.yaml would never be checked: `rectrack check` skips hidden files when it searches a folder; name it tracker/y.yaml",
        ),
    ] {
        for force in [false, true] {
            let mut args = vec!["init", name, "--as-of", "2022-01-01"];
            if force {
                args.push("--force");
            }
            let (code, _, stderr) = in_dir(top, &args);
            assert_eq!(code, 2, "{args:?}");
            assert!(stderr.contains(said), "{args:?}: {stderr}");
            assert!(!top.join(name).exists(), "{name} not written");
        }
    }
    // Both names check reads are taken.
    for name in ["tracker/a.yaml", "tracker/b.yml"] {
        let (code, _, stderr) = in_dir(top, &["init", name, "--as-of", "2022-01-01"]);
        assert_eq!(code, 0, "{name}: {stderr}");
    }
    let (_, stdout, _) = in_dir(top, &["check", "--today", "2022-01-01"]);
    assert!(stdout.contains("checked 2 files"), "{stdout}");
}

/// Before: `init tracker/` said "already exists", and with --force "Is a directory
/// (os error 21)".
#[test]
fn init_on_a_folder_asks_for_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    std::fs::create_dir(top.join("tracker")).unwrap();
    for (arg, said) in [
        (
            "tracker/",
            "tracker/ is a folder: give a file name such as tracker/new.yaml",
        ),
        (
            "tracker",
            "tracker is a folder: give a file name such as tracker/new.yaml",
        ),
        (
            "missing/",
            "missing/ is a folder: give a file name such as missing/new.yaml",
        ),
    ] {
        for force in [false, true] {
            let mut args = vec!["init", arg];
            if force {
                args.push("--force");
            }
            let (code, _, stderr) = in_dir(top, &args);
            assert_eq!(code, 2, "{args:?}");
            assert!(stderr.contains(said), "{args:?}: {stderr}");
            assert!(!stderr.contains("os error"), "{stderr}");
        }
    }
    let (_, _, stderr) = in_dir(top, &["init", "tracker/", "--id", "gao"]);
    assert!(stderr.contains("such as tracker/gao.yaml"), "{stderr}");
    assert_eq!(std::fs::read_dir(top.join("tracker")).unwrap().count(), 0);
    assert!(!top.join("missing").exists());
}
