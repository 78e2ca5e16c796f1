//! An independent validator agrees with rectrack on structure: check-jsonschema, given
//! the committed schema, accepts exactly the files each fixture says it should, and
//! every tracker rectrack accepts.
//!
//! `./scripts/test` installs check-jsonschema into target/ and points
//! RECTRACK_CHECK_JSONSCHEMA at it. A plain `cargo test` without it skips this test
//! with a message; under CI (CI=true) a missing validator is a failure.

use crate::{SHIPPED, read, rectrack, root, run};

fn peer_accepts(validator: &str, file: &std::path::Path) -> bool {
    std::process::Command::new(validator)
        .current_dir(root())
        .args(["--schemafile", "schema/tracker.schema.json"])
        .arg(file)
        .output()
        .expect("check-jsonschema runs")
        .status
        .success()
}

#[test]
fn check_jsonschema_agrees_with_rectrack_on_structure() {
    let Some(validator) = crate::check_jsonschema("the peer check") else {
        eprintln!("skipped: RECTRACK_CHECK_JSONSCHEMA is not set (./scripts/test sets it)");
        return;
    };
    let meta = std::process::Command::new(&validator)
        .current_dir(root())
        .args(["--check-metaschema", "schema/tracker.schema.json"])
        .status()
        .unwrap();
    assert!(meta.success(), "check-jsonschema accepts the schema itself");

    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("new.yaml");
    assert_eq!(run(rectrack().arg("init").arg(&fresh)).0, 0);
    let mut accepted = vec![root().join(SHIPPED), fresh];
    for entry in std::fs::read_dir(root().join("tests/fixtures/valid")).unwrap() {
        accepted.push(entry.unwrap().path());
    }
    let fixtures = root().join("tests/fixtures/rules");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let text = read(&path);
        let want = text
            .lines()
            .find_map(|l| l.strip_prefix("# peer: "))
            .unwrap_or_else(|| panic!("{}: no `# peer:` line", path.display()));
        let expected = want.starts_with("pass");
        assert_eq!(
            peer_accepts(&validator, &path),
            expected,
            "{}: check-jsonschema should {}",
            path.display(),
            if expected { "accept it" } else { "reject it" }
        );
        let args = text
            .lines()
            .find_map(|l| l.strip_prefix("# args: "))
            .unwrap_or("--today 2022-01-01");
        if run(rectrack()
            .arg("check")
            .args(args.split_whitespace())
            .arg(&path))
        .0 == 0
        {
            accepted.push(path);
        }
    }
    for path in accepted {
        assert!(
            peer_accepts(&validator, &path),
            "{}: rectrack accepts it, check-jsonschema must too",
            path.display()
        );
    }
}

/// The date pattern alone, formats off (as an editor enforces it): check-jsonschema
/// accepts real days only, leap days included, in `as_of` and in an entry's `date`.
#[test]
fn check_jsonschema_enforces_the_date_pattern_without_formats() {
    let Some(validator) = crate::check_jsonschema("the date pattern check") else {
        eprintln!("skipped: RECTRACK_CHECK_JSONSCHEMA is not set (./scripts/test sets it)");
        return;
    };
    let shipped = read(SHIPPED);
    let dir = tempfile::tempdir().unwrap();
    for (date, real) in [
        ("2020-02-29", true),
        ("2000-02-29", true),
        ("2021-02-28", true),
        ("2021-02-29", false),
        ("1900-02-29", false),
        ("2021-04-31", false),
        ("2021-02-30", false),
        ("0000-01-01", false),
    ] {
        for (place, from, to) in [
            ("as_of", "as_of: 2021-12-10", format!("as_of: {date}")),
            (
                "an entry's date",
                "- date: 2020-02-10",
                format!("- date: {date}"),
            ),
        ] {
            assert!(shipped.contains(from));
            let file = dir.path().join(format!("{date}.yaml"));
            std::fs::write(&file, shipped.replacen(from, &to, 1)).unwrap();
            let out = std::process::Command::new(&validator)
                .current_dir(root())
                .args(["--disable-formats", "*"])
                .args(["--schemafile", "schema/tracker.schema.json"])
                .arg(&file)
                .output()
                .expect("check-jsonschema runs");
            assert_eq!(
                out.status.success(),
                real,
                "{date} in {place}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}
