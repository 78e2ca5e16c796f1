//! Which catalog a tracker is checked against: `catalog:` resolved safely (a pull
//! request must not make rectrack read, let alone print, a file outside the checkout),
//! and `--catalog` on the commands about one catalog.

use crate::{Checkout, diagnostics, example_tracker, measure_in, read, rectrack, root, run};
use std::path::{Path, PathBuf};
use std::time::Duration;

const EXAMPLE: &str = "examples/fictional-river-accord";
const EXAMPLE_CATALOG: &str = "examples/fictional-river-accord/catalog.yaml";
const EXAMPLE_TRACKER: &str = "examples/fictional-river-accord/tracker/verdant-river-accord.yaml";
/// What a hostile file holds: it must never appear in any output.
const SECRET: &str = "SECRET-TOKEN-4711";

/// A scratch checkout holding the example catalog and its schema, and beside the
/// checkout a file that must never be read.
struct Scratch(Checkout);

impl std::ops::Deref for Scratch {
    type Target = Checkout;
    fn deref(&self) -> &Checkout {
        &self.0
    }
}

impl Scratch {
    fn new() -> Scratch {
        let s = Checkout::new();
        s.write("catalog.yaml", &read(EXAMPLE_CATALOG));
        s.write(
            "tracker.schema.json",
            &read(format!("{EXAMPLE}/tracker.schema.json")),
        );
        // A catalog-shaped file outside the checkout, so only containment refuses it.
        let outside = format!("{}# {SECRET}\n", read(EXAMPLE_CATALOG));
        std::fs::write(s.repo.parent().unwrap().join("outside.yaml"), outside).unwrap();
        Scratch(s)
    }

    /// Writes `tracker/NAME` as the example tracker naming `catalog`.
    fn tracker(&self, name: &str, catalog: &str) -> PathBuf {
        let text = example_tracker(catalog, name.trim_end_matches(".yaml"));
        let path = self.repo.join("tracker").join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

#[test]
fn the_example_passes_check_with_its_own_catalog() {
    let (code, stdout, stderr) =
        run(rectrack().args(["check", "examples/fictional-river-accord/tracker"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "checked 1 file: no problems\n");
}

#[test]
fn the_example_schema_is_what_schema_catalog_prints() {
    let (code, stdout, stderr) = run(rectrack().args(["schema", "--catalog", EXAMPLE_CATALOG]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        read(format!("{EXAMPLE}/tracker.schema.json")),
        "regenerate it: rectrack schema --catalog {EXAMPLE_CATALOG} > {EXAMPLE}/tracker.schema.json"
    );
    // Another catalog's schema: not the built-in one's.
    assert_ne!(stdout, read("schema/tracker.schema.json"));
}

#[test]
fn check_jsonschema_accepts_the_example_tracker_with_its_schema() {
    let Some(validator) = crate::check_jsonschema("the example's peer check") else {
        eprintln!("skipped: RECTRACK_CHECK_JSONSCHEMA is not set (./scripts/test sets it)");
        return;
    };
    let schema = format!("{EXAMPLE}/tracker.schema.json");
    let peer = |args: &[&str]| {
        std::process::Command::new(&validator)
            .current_dir(root())
            .args(args)
            .output()
            .unwrap()
    };
    let meta = peer(&["--check-metaschema", &schema]);
    assert!(meta.status.success(), "{meta:?}");
    let out = peer(&["--schemafile", &schema, EXAMPLE_TRACKER]);
    assert!(out.status.success(), "{out:?}");
    // And it is that catalog's schema: the built-in catalog's tracker fails it.
    let out = peer(&["--schemafile", &schema, crate::SHIPPED]);
    assert!(!out.status.success(), "{out:?}");
}

/// Every way out of the checkout, and every file that is no catalog, is one
/// `catalog-unresolved` error on the value, and no line of the file is printed.
#[test]
fn hostile_catalog_paths_are_refused_unread_and_unquoted() {
    let s = Scratch::new();
    let outside = s.repo.parent().unwrap().join("outside.yaml");
    std::os::unix::fs::symlink(&outside, s.repo.join("link-out.yaml")).unwrap();
    std::fs::create_dir(s.repo.join("folder.yaml")).unwrap();
    let fifo = s.repo.join("fifo.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::write(s.repo.join("latin1.yaml"), b"id: caf\xe9\n").unwrap();
    std::fs::write(s.repo.join("broken.yaml"), format!("a: [{SECRET}\n")).unwrap();
    std::fs::write(
        s.repo.join("invalid.yaml"),
        format!("catalog_format: 1\nid: {SECRET}\n"),
    )
    .unwrap();
    let mut big = read(EXAMPLE_CATALOG);
    big.push_str(&format!("# {SECRET}\n").repeat(20_000));
    std::fs::write(s.repo.join("big.yaml"), big).unwrap();
    let absolute = outside.display().to_string();
    let cases: &[(&str, &str)] = &[
        ("../../outside.yaml", "lies outside the current directory"),
        ("../link-out.yaml", "lies outside the current directory"),
        (&absolute, "is an absolute path"),
        ("../folder.yaml", "is not a regular file"),
        ("../fifo.yaml", "is not a regular file"),
        ("../big.yaml", "is larger than 100000 bytes"),
        ("../missing.yaml", "does not exist"),
        ("t.yaml", "is not a catalog"),
        ("other.yaml", "is not a catalog"),
        ("../latin1.yaml", "it is not UTF-8 text"),
        ("../broken.yaml", "it is not well-formed YAML"),
        ("../invalid.yaml", "the catalog has errors"),
        ("mali-jnim-dialog", "did you mean `mali-jnim-dialogue`?"),
    ];
    s.tracker("other.yaml", "../catalog.yaml");
    for (value, says) in cases {
        s.tracker("t.yaml", value);
        let (code, stdout, stderr) =
            s.run(&["check", "--max-file-size", "100000", "tracker/t.yaml"]);
        assert_eq!(code, 1, "{value}: {stdout}{stderr}");
        assert!(stdout.contains(says), "{value}: {stdout}");
        let rules: Vec<_> = diagnostics(&stdout).into_iter().map(|d| d.0).collect();
        assert_eq!(
            rules,
            ["catalog-unresolved"],
            "{value}: only the one finding\n{stdout}"
        );
        assert!(
            stdout.contains("tracker/t.yaml:6:10"),
            "{value}: on the value\n{stdout}"
        );
        assert!(
            !stdout.contains(SECRET) && !stderr.contains(SECRET),
            "{value}: {stdout}{stderr}"
        );
    }
    // A file that does not load says how to see why, by its path from here.
    s.tracker("t.yaml", "../broken.yaml");
    let (_, stdout, _) = s.run(&["check", "tracker/t.yaml"]);
    assert!(
        stdout.contains("run `rectrack check broken.yaml` for details"),
        "{stdout}"
    );
    // A value that would drive a terminal is shown escaped, not obeyed.
    s.tracker("t.yaml", "\"\\e[31m../red.yaml\"");
    let (code, stdout, _) = s.run(&["check", "tracker/t.yaml"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("does not exist") && !stdout.contains('\u{1b}'),
        "{stdout}"
    );
    // The built-in ids are listed for an unknown one.
    s.tracker("t.yaml", "lake-chad");
    let (_, stdout, _) = s.run(&["check", "tracker/t.yaml"]);
    assert!(
        stdout.contains("built-in catalogs: mali-jnim-dialogue"),
        "{stdout}"
    );
}

/// Outside any git checkout, the current directory is the limit: a catalog beside the
/// tracker is read when rectrack runs above it, refused when it runs elsewhere.
#[test]
fn without_a_checkout_the_current_directory_bounds_catalogs() {
    let s = Scratch::new();
    std::fs::remove_dir(s.repo.join(".git")).unwrap();
    s.tracker("t.yaml", "../catalog.yaml");
    let (code, stdout, _) = s.run(&["check", "tracker/t.yaml"]);
    assert_eq!(code, 0, "{stdout}");
    let inner = s.repo.join("tracker");
    let m = measure_in(&inner, &["check", "t.yaml"], Some(Duration::from_secs(60)));
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(m.stdout.contains("lies outside"), "{}", m.stdout);
}

#[test]
fn trackers_of_two_catalogs_in_one_run_each_get_their_own() {
    let s = Scratch::new();
    std::fs::create_dir(s.repo.join("tracker/deeper")).unwrap();
    for i in 0..40 {
        s.tracker(&format!("river-{i}.yaml"), "../catalog.yaml");
    }
    // One catalog, spelt from another folder: the same file.
    let text =
        read(EXAMPLE_TRACKER).replace("catalog: ../catalog.yaml", "catalog: ../../catalog.yaml");
    std::fs::write(s.repo.join("tracker/deeper/river.yaml"), text).unwrap();
    std::fs::copy(
        root().join(crate::SHIPPED),
        s.repo.join("tracker/mali.yaml"),
    )
    .unwrap();
    let (code, stdout, stderr) = s.run(&["check", "-j", "4", "--today", crate::TODAY, "tracker"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let rules: Vec<_> = diagnostics(&stdout).into_iter().map(|d| d.0).collect();
    // The shipped tracker's and the deeper one's modelines point at schemas this
    // scratch lacks: warnings, and nothing else.
    assert_eq!(rules, ["modeline-mismatch"; 2], "{stdout}");
    assert!(stdout.contains("checked 42 files"), "{stdout}");
    // The help for a catalog file's tracker prints that catalog's schema.
    assert!(
        stdout.contains(
            "help: regenerate it with `rectrack schema --catalog catalog.yaml > tracker/tracker.schema.json`"
        ),
        "{stdout}"
    );
}

#[test]
fn catalog_option_on_catalog_schema_and_init() {
    let (code, stdout, stderr) = run(rectrack().args(["catalog", "--catalog", EXAMPLE_CATALOG]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("gauges-installed"), "{stdout}");
    assert!(!stdout.contains("mediator-agreed"), "{stdout}");
    let (code, json, _) = run(rectrack().args([
        "catalog",
        "--catalog",
        "mali-jnim-dialogue",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        json,
        run(rectrack().args(["catalog", "--format", "json"])).1
    );
    let (code, stdout, _) = run(rectrack().args(["schema", "--catalog", "mali-jnim-dialogue"]));
    assert_eq!((code, stdout), (0, read("schema/tracker.schema.json")));
    // A bad --catalog is a usage error that says why, on every command.
    let bad: &[(&str, &str)] = &[
        ("mali-jnim-dialog", "did you mean `mali-jnim-dialogue`?"),
        ("missing.yaml", "--catalog missing.yaml:"),
        (crate::SHIPPED, "not a catalog"),
        ("tests/", "not a regular file"),
        ("/dev/null/x.yaml", "--catalog /dev/null/x.yaml:"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.yaml");
    let new = new.to_str().unwrap();
    for (given, says) in bad {
        for command in [
            vec!["catalog", "--catalog", given],
            vec!["schema", "--catalog", given],
            vec!["init", new, "--catalog", given],
        ] {
            let (code, stdout, stderr) = run(rectrack().args(&command));
            assert_eq!(code, 2, "{command:?}: {stdout}{stderr}");
            assert!(stderr.contains(says), "{command:?}: {stderr}");
            assert_eq!(stdout, "");
        }
    }
    assert!(!Path::new(new).exists());
}

#[test]
fn init_with_a_catalog_writes_a_tracker_that_passes_check() {
    let s = Scratch::new();
    std::fs::create_dir(s.repo.join("catalogs")).unwrap();
    std::fs::rename(
        s.repo.join("catalog.yaml"),
        s.repo.join("catalogs/river.yaml"),
    )
    .unwrap();
    let (code, stdout, stderr) = s.run(&[
        "init",
        "tracker/new.yaml",
        "--catalog",
        "catalogs/river.yaml",
        "--as-of",
        "2024-01-01",
        "--schema-ref",
        "../tracker.schema.json",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("lies outside"), "{stdout}");
    let text = std::fs::read_to_string(s.repo.join("tracker/new.yaml")).unwrap();
    assert!(
        text.contains("\ncatalog: \"../catalogs/river.yaml\"\n"),
        "{text}"
    );
    assert!(text.contains("gauges-installed:"), "{text}");
    assert!(text.contains("upland:"), "{text}");
    let (code, stdout, stderr) = s.run(&["check", "--today", "2024-01-02", "tracker/new.yaml"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "checked 1 file: no problems\n"),
        "{stderr}"
    );
    // And `record` names steps of the tracker's own catalog.
    let (code, stdout, stderr) = s.run(&[
        "record",
        "gauges-installed",
        "tracker/new.yaml",
        "--date",
        "2024-01-01",
        "--status",
        "not-started",
        "--today",
        "2024-01-02",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, _, stderr) = s.run(&[
        "record",
        "mediator-agreed",
        "tracker/new.yaml",
        "--date",
        "2024-01-01",
        "--status",
        "not-started",
        "--today",
        "2024-01-02",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no step `mediator-agreed` in the catalog"),
        "{stderr}"
    );
}

/// `init` from a folder that does not hold the catalog, outside any checkout, writes
/// the tracker but says that `check` there will refuse its catalog.
#[test]
fn init_says_when_check_will_not_reach_the_catalog() {
    let s = Scratch::new();
    std::fs::remove_dir(s.repo.join(".git")).unwrap();
    let m = measure_in(
        &s.repo.join("tracker"),
        &[
            "init",
            "new.yaml",
            "--catalog",
            "../catalog.yaml",
            "--as-of",
            "2024-01-01",
        ],
        Some(Duration::from_secs(60)),
    );
    assert_eq!(m.code, 0, "{}", m.stderr);
    assert!(
        m.stdout.contains("note: ../catalog.yaml lies outside"),
        "{}",
        m.stdout
    );
    let text = std::fs::read_to_string(s.repo.join("tracker/new.yaml")).unwrap();
    assert!(text.contains("\ncatalog: \"../catalog.yaml\"\n"), "{text}");
    // From the folder above, which holds both, the tracker passes.
    let (code, stdout, _) = s.run(&["check", "--today", "2024-01-02", "tracker/new.yaml"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("error"), "{stdout}");
}
