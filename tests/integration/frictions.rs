//! The rough edges of issue #14 (items 6 and 7): `init` in a new repository, output
//! formats taken from `-o`, date arguments, summaries and suggestions. Each test drives
//! the binary as a monitor would and names what went wrong before.

use crate::{SHIPPED, TODAY, rectrack, run};
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
/// `--dry-run` on every writing command: `init` shows the file it would write, and the
/// schema with `--write-schema`, as a diff, refuses what the write would refuse, and
/// leaves the folder as it was.
#[test]
fn init_dry_run_shows_the_files_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    let (code, stdout, stderr) = in_dir(
        top,
        &[
            "init",
            "--dry-run",
            "--write-schema",
            "--as-of",
            "2022-01-01",
            "tracker/x.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("--- tracker/x.yaml\n+++ tracker/x.yaml\n@@ -0,0 +1,"),
        "{stdout}"
    );
    assert!(stdout.contains("\n+as_of: 2022-01-01\n"), "{stdout}");
    assert!(
        stdout.contains("--- schema/tracker.schema.json\n"),
        "{stdout}"
    );
    assert!(stderr.contains("nothing written (--dry-run)"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(top).unwrap().count(),
        0,
        "something was written"
    );

    // An existing file: refused without --force, as the write is; with it, the diff is
    // against what is there.
    let (code, _, _) = in_dir(top, &["init", "--as-of", "2022-01-01", "tracker/x.yaml"]);
    assert_eq!(code, 0);
    let before = std::fs::read(top.join("tracker/x.yaml")).unwrap();
    let (code, _, stderr) = in_dir(top, &["init", "--dry-run", "tracker/x.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists (use --force"), "{stderr}");
    let (code, stdout, _) = in_dir(
        top,
        &[
            "init",
            "--dry-run",
            "--force",
            "--as-of",
            "2022-01-02",
            "tracker/x.yaml",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        stdout.contains("\n-as_of: 2022-01-01\n+as_of: 2022-01-02\n"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(top.join("tracker/x.yaml")).unwrap(), before);
}

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
        (
            "new.yaml/",
            "new.yaml/ is a folder: give a file name such as new.yaml",
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

// --- small frictions --------------------------------------------------------------

/// Before: `report -o rep.html` without --format wrote Markdown into an HTML file.
#[test]
fn report_takes_its_format_from_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    let report = |args: &[&str]| {
        let mut cmd = rectrack();
        cmd.args(["report", SHIPPED, "--period", "2021-Q4"])
            .args(args);
        run(&mut cmd)
    };
    for (name, starts) in [
        ("rep.html", "<!DOCTYPE html>"),
        ("REP.HTM", "<!DOCTYPE html>"),
        ("rep.md", "# Status report"),
        ("rep.markdown", "# Status report"),
        ("rep.json", "{"),
        ("rep.csv", "tracker,"),
        ("rep.svg", "<svg"),
        // An extension that names no format: Markdown, as without -o.
        ("rep.txt", "# Status report"),
        ("rep", "# Status report"),
    ] {
        let path = out(name);
        let (code, _, stderr) = report(&["-o", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(starts),
            "{name}: {}",
            &text[..text.len().min(80)]
        );
    }
    // An explicit --format that agrees, or names a format for an unknown extension.
    let (code, _, stderr) = report(&["--format", "html", "-o", out("a.html").to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = report(&["--format", "json", "-o", out("a.txt").to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(out("a.txt"))
            .unwrap()
            .starts_with('{')
    );
    // --long goes with a .csv file without saying --format csv.
    let (code, _, stderr) = report(&["--long", "-o", out("long.csv").to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = report(&["--long", "-o", out("long.md").to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");

    // A mismatch is a usage error, and nothing is written.
    let (code, _, stderr) = report(&[
        "--format",
        "markdown",
        "-o",
        out("b.html").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--format markdown does not match -o ")
            && stderr.contains("b.html, whose extension says html: leave out --format (the extension decides), or name the file *.md"),
        "{stderr}"
    );
    assert!(!out("b.html").exists());
}

/// `status --lang fr` translates the table (the issue found it ignored; pinned here).
#[test]
fn status_table_speaks_the_language_asked() {
    let (code, stdout, stderr) = run(rectrack().args(["status", SHIPPED, "--lang", "fr"]));
    assert_eq!(code, 0, "{stderr}");
    for word in [
        "situation au 2021-12-10",
        "recommandation",
        "étape",
        "partie",
        "statut",
        "Autorités maliennes",
        "en cours",
        "non commencé",
        "inconnu",
    ] {
        assert!(stdout.contains(word), "{word}:\n{stdout}");
    }
    for english in [
        "status on",
        "recommendation ",
        " in progress",
        "not started",
    ] {
        assert!(!stdout.contains(english), "{english}:\n{stdout}");
    }
    let (_, markdown, _) =
        run(rectrack().args(["status", SHIPPED, "--lang", "fr", "--format", "markdown"]));
    assert!(
        markdown.contains("| recommandation | étape |"),
        "{markdown}"
    );
}

/// Before: `status --as-of` after the tracker's `as_of` showed the old statuses as if
/// they were that day's, where `report` warns.
#[test]
fn status_after_the_trackers_date_warns() {
    let status = |args: &[&str]| {
        let mut cmd = rectrack();
        cmd.args(["status", SHIPPED, "--today", TODAY]).args(args);
        run(&mut cmd)
    };
    let said = "The tracker records events up to 2021-12-10, 22 days before 2022-01-01: these are the statuses known on 2021-12-10.";
    let (code, table, _) = status(&["--as-of", "2022-01-01"]);
    assert_eq!(code, 0);
    assert!(table.contains(&format!("Warning: {said}")), "{table}");
    let (_, markdown, _) = status(&["--as-of", "2022-01-01", "--format", "markdown"]);
    assert!(markdown.contains(&format!("> {said}")), "{markdown}");
    let (_, html, _) = status(&["--as-of", "2022-01-01", "--format", "html"]);
    assert!(
        html.contains(&format!("<p class=\"warning\">{said}</p>")),
        "{html}"
    );
    for format in ["csv", "json"] {
        let (code, _, stderr) = status(&["--as-of", "2022-01-01", "--format", format]);
        assert_eq!(code, 0);
        assert!(
            stderr.contains(&format!("rectrack: warning: {SHIPPED}: {said}")),
            "{format}: {stderr}"
        );
    }
    let (_, french, _) = status(&["--as-of", "2021-12-11", "--lang", "fr"]);
    assert!(
        french.contains("Attention\u{a0}: Le suivi consigne les faits jusqu'au 2021-12-10, un jour avant le 2021-12-11\u{a0}: ce sont les statuts connus au 2021-12-10."),
        "{french}"
    );
    // On or before the tracker's date, the history answers: nothing to warn about.
    for date in ["2021-12-10", "2021-01-01"] {
        let (_, table, stderr) = status(&["--as-of", date]);
        assert!(
            !table.contains("Warning") && stderr.is_empty(),
            "{date}: {table}{stderr}"
        );
        let (_, _, stderr) = status(&["--as-of", date, "--format", "json"]);
        assert!(stderr.is_empty(), "{stderr}");
    }
    // The report says it too, as before.
    let (_, report, _) = run(rectrack().args(["report", SHIPPED, "--to", "2022-01-01"]));
    assert!(
        report.contains("The tracker records events up to 2021-12-10"),
        "{report}"
    );
}

/// Before: `--as-of 2022-02-30` said "not a date written YYYY-MM-DD", which it is.
#[test]
fn impossible_dates_say_there_is_no_such_day() {
    for (args, said) in [
        (
            &["status", "--as-of", "2022-02-30"][..],
            "`2022-02-30` is not a date: 2022 has no February 30",
        ),
        (
            &["status", "--as-of", "2021-02-29"],
            "2021 has no February 29 (2021 is not a leap year)",
        ),
        (&["check", "--today", "2022-13-01"], "there is no month 13"),
        (&["report", "--to", "2022-04-31"], "2022 has no April 31"),
        (&["report", "--from", "2022-01-00"], "January has no day 0"),
        (
            &["diff", "HEAD", "--today", "2022-06-31"],
            "2022 has no June 31",
        ),
        (
            &["init", "x.yaml", "--as-of", "2023-02-29"],
            "2023 has no February 29",
        ),
        (
            &["report", "--period", "2022-13"],
            "`2022-13` is not a period: there is no month 13",
        ),
        (
            &["report", "--period", "2022-Q5"],
            "there is no quarter 5: a year has four, Q1 to Q4",
        ),
        // A wrong shape still says what the shape is.
        (
            &["status", "--as-of", "2022-2-3"],
            "`2022-2-3` is not a date written YYYY-MM-DD",
        ),
        (
            &["report", "--period", "2022-H1"],
            "write a year (2022), a month (2022-03) or a quarter (2022-Q1)",
        ),
    ] {
        let (code, _, stderr) = run(rectrack().args(args));
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
}

/// Before: `check nonexistent.yaml` ended with "no problems; 1 path could not be read".
#[test]
fn check_summary_never_says_no_problems_when_a_path_failed() {
    let (code, stdout, stderr) = run(rectrack().args(["check", "nonexistent.yaml"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("nonexistent.yaml: No such file"),
        "{stderr}"
    );
    assert_eq!(
        stdout,
        "1 path could not be read (see above); nothing was checked\n"
    );

    let (code, stdout, _) =
        run(rectrack().args(["check", "--today", TODAY, "missing.yaml", "gone/", SHIPPED]));
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "2 paths could not be read (see above); checked 1 file, with no errors or warnings in it\n"
    );
    assert!(!stdout.contains("no problems"), "{stdout}");

    // Findings are counted as before, after what could not be read.
    let (_sandbox, dir) = crate::sandbox();
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        crate::read(SHIPPED).replace("as_of: 2021-12-10", "as_of: 2021-12-01"),
    )
    .unwrap();
    let (code, stdout, _) = run(rectrack()
        .args(["check", "--today", TODAY, "missing.yaml"])
        .arg(&bad));
    assert_eq!(code, 2);
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("1 path could not be read (see above); checked 1 file: ")
            && last.ends_with(" errors"),
        "{stdout}"
    );
}

/// Before: "unknown rule `history-rewriten`; did you mean `history-rewritten`?;
/// `rectrack explain` lists them all".
#[test]
fn explain_suggests_in_one_readable_sentence() {
    let (code, _, stderr) = run(rectrack().args(["explain", "history-rewriten"]));
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "rectrack: error: unknown rule `history-rewriten`: did you mean `history-rewritten`? (`rectrack explain` lists them all)\n"
    );
    let (code, _, stderr) = run(rectrack().args(["explain", "weather"]));
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "rectrack: error: unknown rule `weather` (`rectrack explain` lists them all)\n"
    );
    // The suggestion is a rule explain knows.
    let (code, stdout, _) = run(rectrack().args(["explain", "history-rewritten"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("history-rewritten"), "{stdout}");
}

// --- docs/tracker-format.md -------------------------------------------------------

/// The YAML blocks of a Markdown file, each with its fence's indentation removed.
fn yaml_blocks(doc: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for line in doc.lines() {
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed == "```yaml" => {
                open = Some((line.len() - trimmed.len(), String::new()));
            }
            None => {}
            Some((_, text)) if trimmed == "```" => {
                blocks.push(std::mem::take(text));
                open = None;
            }
            Some((indent, text)) => {
                text.push_str(line.get(*indent..).unwrap_or(""));
                text.push('\n');
            }
        }
    }
    assert!(open.is_none(), "a yaml block is never closed");
    blocks
}

/// Whether `fragment`'s lines (leading comments aside) are lines of `whole`, in
/// order and together, all shifted right by one same number of spaces.
fn contains_shifted(whole: &str, fragment: &str) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let frag: Vec<&str> = fragment
        .lines()
        .skip_while(|l| l.trim_start().starts_with('#'))
        .collect();
    let lines: Vec<&str> = whole.lines().collect();
    (0..lines.len()).any(|start| {
        let Some(shift) = indent(lines[start]).checked_sub(indent(frag[0])) else {
            return false;
        };
        frag.iter().enumerate().all(|(i, f)| {
            lines
                .get(start + i)
                .is_some_and(|l| *l == format!("{}{f}", " ".repeat(shift)))
        })
    })
}

/// `rectrack check` on `text` as tracker/doc.yaml of a scratch repository with the
/// schema: (exit code, stdout).
fn check_text(text: &str) -> (i32, String) {
    let (dir, trackers) = crate::sandbox();
    let file = trackers.join("doc.yaml");
    std::fs::write(&file, text).unwrap();
    let (code, stdout, _) = run(rectrack().current_dir(dir.path()).args([
        "check",
        "--today",
        TODAY,
        "tracker/doc.yaml",
    ]));
    if code == 0
        && let Some(validator) = crate::check_jsonschema("the format reference's examples")
    {
        let ok = std::process::Command::new(validator)
            .current_dir(dir.path())
            .args([
                "--schemafile",
                "schema/tracker.schema.json",
                "tracker/doc.yaml",
            ])
            .status()
            .unwrap()
            .success();
        assert!(
            ok,
            "check-jsonschema refuses what rectrack accepts:\n{text}"
        );
    }
    (code, stdout)
}

/// Every YAML example of the format reference is valid where it stands: the complete
/// tracker passes `check` (and check-jsonschema) and shows all six statuses; the
/// skeleton lacks only steps; each step, source, evidence and correction example is a
/// part of the complete tracker, word for word; `closed` added to it still passes; and
/// the page names every key the schema has.
#[test]
fn the_format_reference_examples_pass_check() {
    let doc = crate::read("docs/tracker-format.md");
    let blocks = yaml_blocks(&doc);
    let is_tracker = |b: &String| b.lines().any(|l| l.starts_with("schema_version:"));
    let is_skeleton = |b: &String| b.lines().any(|l| l.trim_start().starts_with("# ..."));
    let complete: Vec<&String> = blocks
        .iter()
        .filter(|b| is_tracker(b) && !is_skeleton(b))
        .collect();
    assert_eq!(complete.len(), 1, "one complete tracker");
    let complete = complete[0];
    let (code, stdout) = check_text(complete);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "checked 1 file: no problems\n"),
        "{complete}"
    );

    // An example per status.
    let (dir, trackers) = crate::sandbox();
    std::fs::write(trackers.join("doc.yaml"), complete).unwrap();
    let (code, json, _) = run(rectrack()
        .current_dir(dir.path())
        .args(["status", "--format", "json", "--today", TODAY]));
    assert_eq!(code, 0);
    let doc_json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut statuses: Vec<&str> = doc_json["trackers"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    assert_eq!(
        statuses,
        [
            "achieved",
            "in-progress",
            "not-started",
            "reversed",
            "stalled",
            "unknown"
        ]
    );

    let mut fragments = 0;
    for block in &blocks {
        let first = block
            .lines()
            .find(|l| !l.trim_start().starts_with('#'))
            .unwrap_or_default();
        if is_tracker(block) && is_skeleton(block) {
            // Only the steps the "..." stands for are missing.
            let (code, stdout) = check_text(block);
            assert_eq!(code, 1, "{stdout}");
            let rules: Vec<String> = crate::diagnostics(&stdout)
                .into_iter()
                .map(|(rule, _, _)| rule)
                .collect();
            assert!(
                !rules.is_empty() && rules.iter().all(|r| r == "missing-step"),
                "{stdout}"
            );
        } else if is_tracker(block) {
            // The complete tracker, checked above.
        } else if first.starts_with("closed:") {
            let (code, stdout) = check_text(&format!("{complete}{block}"));
            assert_eq!(
                (code, stdout.as_str()),
                (0, "checked 1 file: no problems\n"),
                "{block}"
            );
        } else if first.starts_with("note:") {
            // A lone value, shown for its quoting: it must at least be YAML, and the
            // text with ": " and "#" must stay text.
            let (_, stdout) = check_text(block);
            assert!(!stdout.contains("[yaml]"), "{block}\n{stdout}");
            // In place of the complete tracker's own step note, it passes.
            let own = "        note: Neither source speaks of views within JNIM's ranks.\n";
            assert!(complete.contains(own));
            let indented: String = block.lines().map(|l| format!("        {l}\n")).collect();
            let with_note = complete.replace(own, &indented);
            assert_eq!(check_text(&with_note).0, 0, "{with_note}");
        } else {
            assert!(
                contains_shifted(complete, block),
                "not in the complete tracker:\n{block}"
            );
        }
        fragments += 1;
    }
    assert!(fragments >= 12, "{fragments} examples");

    // Every key the schema knows is named on the page.
    let (_, schema, _) = run(rectrack().arg("schema"));
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let mut keys = std::collections::BTreeSet::new();
    fn walk(v: &serde_json::Value, keys: &mut std::collections::BTreeSet<String>) {
        if let Some(map) = v.as_object() {
            for (k, child) in map {
                if k == "properties" {
                    for (name, sub) in child.as_object().unwrap() {
                        keys.insert(name.clone());
                        // Below `recommendations` the keys are the catalog's ids.
                        if name != "recommendations" {
                            walk(sub, keys);
                        }
                    }
                } else {
                    walk(child, keys);
                }
            }
        }
    }
    walk(&schema, &mut keys);
    assert!(keys.len() > 20, "{keys:?}");
    for key in &keys {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/tracker-format.md never names `{key}`"
        );
    }
}

/// The format reference's commands for the monitor's jobs (add a source, record,
/// correct) run as written, in order, on its complete fictional tracker saved as
/// `tracker/example-fictional.yaml`: each is written, and the result passes `check`.
/// The lines go through `sh`, as a monitor's shell would read their quotes.
#[test]
fn the_format_reference_commands_run_as_written() {
    let doc = crate::read("docs/tracker-format.md");
    let blocks = yaml_blocks(&doc);
    let complete = blocks
        .iter()
        .filter(|b| b.contains("id: example-fictional"))
        .max_by_key(|b| b.len())
        .expect("the complete tracker");
    let jobs = &doc[doc.find("## The monitor's jobs").unwrap()..];
    let jobs = &jobs[..jobs.find("\n## ").unwrap()];
    let commands: Vec<&str> = jobs
        .lines()
        .filter_map(|l| l.strip_prefix("$ rectrack "))
        .collect();
    assert_eq!(
        commands.len(),
        3,
        "source add, record, correct: {commands:?}"
    );
    let (dir, trackers) = crate::sandbox();
    let file = trackers.join("example-fictional.yaml");
    std::fs::write(&file, complete).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rectrack");
    for command in commands {
        let before = std::fs::read(&file).unwrap();
        let out = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!("\"$RECTRACK\" --color never {command}"))
            .env("RECTRACK", &bin)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{command}\n{stderr}");
        assert_ne!(
            std::fs::read(&file).unwrap(),
            before,
            "{command} wrote nothing"
        );
        let (code, stdout, _) = run(rectrack()
            .current_dir(dir.path())
            .args(["check", "tracker/example-fictional.yaml"]));
        assert_eq!(code, 0, "after {command}:\n{stdout}");
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("          - date: 2022-07-12\n            status: in-progress\n            note: The government says it accepts a mediator.\n"),
        "{text}"
    );
}
