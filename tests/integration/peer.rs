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
