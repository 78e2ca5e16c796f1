//! `record`, `correct` and `source add`: the file changes exactly as asked, or not at
//! all; the proposed text is held to every rule; hostile text stays data; a pipe is
//! never asked a question, a terminal is.

use crate::{SHIPPED, TODAY, rectrack, root, run, sandbox};
use std::path::{Path, PathBuf};

/// The shipped tracker's step with one entry, dated 2021-12-10, `not-started`.
const STEP: &str = "mediator/candidates-identified";

/// A scratch repository holding a copy of the shipped tracker; returns the folder and
/// the tracker's path in it.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let (dir, trackers) = sandbox();
    let file = trackers.join("mali-jnim-dialogue.yaml");
    std::fs::copy(root().join(SHIPPED), &file).unwrap();
    (dir, file)
}

/// `rectrack ARGS --today TODAY`, run in `dir`.
fn at(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(rectrack()
        .current_dir(dir)
        .args(args)
        .args(["--today", TODAY]))
}

/// `rectrack record STEP ... FILE` with a valid entry, plus `extra`.
fn record(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    record_as(
        dir,
        "icg-306:Executive Summary, paragraph 4",
        "A possible go-between is named (test text, no real event).",
        extra,
    )
}

/// [`record`] with this evidence and note.
fn record_as(dir: &Path, evidence: &str, note: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "record",
        STEP,
        "--date",
        "2022-03-01",
        "--status",
        "in-progress",
        "--evidence",
        evidence,
        "--note",
        note,
    ];
    args.extend_from_slice(extra);
    at(dir, &args)
}

/// The document of a tracker file, as JSON.
fn doc(file: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(file).unwrap();
    rectrack::syntax::parse(&text, &rectrack::syntax::Limits::default())
        .unwrap()
        .to_json()
}

/// The last history entry of `STEP`.
fn last_entry(file: &Path) -> serde_json::Value {
    let d = doc(file);
    d["recommendations"]["mediator"]["steps"]["candidates-identified"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone()
}

/// `rectrack check FILE` passes.
fn passes(dir: &Path, file: &Path) {
    let (code, stdout, stderr) = at(dir, &["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn record_appends_the_entry_moves_status_and_as_of_and_says_so() {
    let (dir, file) = repo();
    let before = std::fs::read_to_string(&file).unwrap();
    let (code, stdout, stderr) = record(dir.path(), &["tracker/mali-jnim-dialogue.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(
            "recorded mediator/candidates-identified 2022-03-01 in-progress in tracker/mali-jnim-dialogue.yaml; as_of 2021-12-10 → 2022-03-01\n"
        ),
        "{stderr}"
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert_ne!(before, after);
    let entry = last_entry(&file);
    assert_eq!(entry["date"], "2022-03-01");
    assert_eq!(entry["status"], "in-progress");
    assert_eq!(entry["evidence"][0]["source"], "icg-306");
    assert_eq!(
        entry["evidence"][0]["locator"],
        "Executive Summary, paragraph 4"
    );
    let d = doc(&file);
    assert_eq!(d["as_of"], "2022-03-01");
    assert_eq!(
        d["recommendations"]["mediator"]["steps"]["candidates-identified"]["status"],
        "in-progress"
    );
    passes(dir.path(), &file);
    // The comment at the top and every other step are as they were.
    assert!(after.starts_with(&before[..before.find("schema_version").unwrap()]));
}

#[test]
fn the_default_folder_must_hold_exactly_one_tracker() {
    let (dir, file) = repo();
    // One tracker: FILE may be left out.
    let (code, _, stderr) = record(dir.path(), &["--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("nothing written (--dry-run)"), "{stderr}");
    // Two: a usage error naming both.
    std::fs::copy(&file, dir.path().join("tracker/other.yaml")).unwrap();
    let (code, _, stderr) = record(dir.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("holds 2 trackers: name the one to change (tracker/mali-jnim-dialogue.yaml, tracker/other.yaml)"),
        "{stderr}"
    );
    // None, and no folder.
    for f in ["tracker/other.yaml", "tracker/mali-jnim-dialogue.yaml"] {
        std::fs::remove_file(dir.path().join(f)).unwrap();
    }
    let (code, _, stderr) = record(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("holds no tracker"), "{stderr}");
    std::fs::remove_dir(dir.path().join("tracker")).unwrap();
    let (code, _, stderr) = record(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("there is no `tracker/` folder"), "{stderr}");
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    let (code, stdout, stderr) = record(
        dir.path(),
        &["--dry-run", "tracker/mali-jnim-dialogue.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert!(
        stdout.starts_with(
            "--- tracker/mali-jnim-dialogue.yaml\n+++ tracker/mali-jnim-dialogue.yaml\n@@ "
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n-as_of: 2021-12-10\n+as_of: 2022-03-01\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n+          - date: 2022-03-01\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("would record mediator/candidates-identified 2022-03-01 in-progress in tracker/mali-jnim-dialogue.yaml; as_of 2021-12-10 → 2022-03-01; nothing written (--dry-run)"),
        "{stderr}"
    );
    // No temporary file is left in the folder either.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("tracker"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

/// Runs a `record` that must be refused, and checks that the file is untouched and
/// the diagnostics name `rule` on a line of the proposed text.
fn refused(args: &[&str], rule: &str) -> String {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    for dry in [false, true] {
        let mut all = args.to_vec();
        if dry {
            all.push("--dry-run");
        }
        let (code, _, stderr) = at(dir.path(), &all);
        assert_eq!(code, 1, "{all:?}: {stderr}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{all:?}");
        assert!(stderr.contains(&format!("error[{rule}]")), "{stderr}");
        assert!(
            stderr.contains("rectrack: refused: after this change"),
            "{stderr}"
        );
        assert!(stderr.contains("nothing written"), "{stderr}");
    }
    let (_, _, stderr) = at(dir.path(), args);
    stderr
}

#[test]
fn an_entry_dated_before_the_last_one_is_refused() {
    let stderr = refused(
        &[
            "record",
            STEP,
            "--date",
            "2021-06-01",
            "--status",
            "not-started",
            "--note",
            "Earlier.",
            "tracker/mali-jnim-dialogue.yaml",
        ],
        "history-order",
    );
    // Shown in the proposed text, where the new entry is.
    assert!(stderr.contains("- date: 2021-06-01"), "{stderr}");
}

#[test]
fn an_unknown_source_is_refused_with_a_suggestion() {
    let stderr = refused(
        &[
            "record",
            STEP,
            "--date",
            "2022-03-01",
            "--status",
            "in-progress",
            "--evidence",
            "icg-36:p. 4",
            "--note",
            "x",
            "tracker/mali-jnim-dialogue.yaml",
        ],
        "unknown-source",
    );
    assert!(stderr.contains("did you mean `icg-306`?"), "{stderr}");
    assert!(stderr.contains("source: icg-36"), "{stderr}");
}

#[test]
fn a_date_after_today_is_refused() {
    let stderr = refused(
        &[
            "record",
            STEP,
            "--date",
            "2027-06-01",
            "--status",
            "in-progress",
            "--evidence",
            "icg-306:p. 4",
            "--note",
            "x",
            "tracker/mali-jnim-dialogue.yaml",
        ],
        "future-date",
    );
    assert!(stderr.contains("2027-06-01"), "{stderr}");
}

#[test]
fn what_check_base_would_refuse_is_refused() {
    // `as_of` may not go back: the append-only judge sees the change, not only the rules.
    let stderr = refused(
        &[
            "record",
            STEP,
            "--date",
            "2021-12-10",
            "--status",
            "not-started",
            "--as-of",
            "2021-12-09",
            "tracker/mali-jnim-dialogue.yaml",
        ],
        "as-of-backwards",
    );
    assert!(
        stderr.contains(
            "`as_of` moved back from 2021-12-10 (at the file's current version) to 2021-12-09"
        ),
        "{stderr}"
    );
}

#[test]
fn warnings_do_not_block_and_are_shown_after_the_write() {
    let (dir, file) = repo();
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "record",
            STEP,
            "--date",
            "2022-03-01",
            "--status",
            "in-progress",
            "--evidence",
            "icg-306:p. 4",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let written = stderr
        .find("recorded mediator/candidates-identified")
        .unwrap();
    let warned = stderr.find("warning[status-change-without-note]").unwrap();
    assert!(written < warned, "{stderr}");
    assert_eq!(last_entry(&file)["date"], "2022-03-01");
}

#[test]
fn a_file_that_already_has_errors_is_refused_with_its_diagnostics() {
    let (dir, file) = repo();
    let broken = std::fs::read_to_string(&file).unwrap().replacen(
        "status: not-started",
        "status: not_started",
        1,
    );
    std::fs::write(&file, &broken).unwrap();
    let (code, stdout, stderr) = record(dir.path(), &["tracker/mali-jnim-dialogue.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("error[schema]: `not_started` is not a status"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "rectrack: tracker/mali-jnim-dialogue.yaml already has 1 error (above): fix it first"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
    // A file that is not YAML at all, the same.
    std::fs::write(&file, "a: [\n").unwrap();
    let (code, _, stderr) = record(dir.path(), &["tracker/mali-jnim-dialogue.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[yaml]"), "{stderr}");
}

#[test]
fn hostile_text_is_written_as_data_and_shown_escaped() {
    let (dir, file) = repo();
    let note = "Talks: \"maybe\" # not a comment\n- not: a list\u{1b}[31m red \u{7}\u{202e}";
    let locator = "line one\nline two: ¶4 # here";
    let evidence = format!("icg-306:{locator}");
    // Dry run first: the diff shows the text without obeying it.
    let (code, stdout, stderr) = record_as(
        dir.path(),
        &evidence,
        note,
        &["--dry-run", "tracker/mali-jnim-dialogue.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    for out in [&stdout, &stderr] {
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(!out.contains('\u{7}'), "{out}");
        assert!(!out.contains('\u{202e}'), "{out}");
    }
    // Written as YAML escapes, so the file itself holds no control character either.
    assert!(
        stdout.contains("+            note: \"Talks: \\\"maybe\\\" # not a comment\\n"),
        "{stdout}"
    );
    let (code, _, stderr) = record_as(
        dir.path(),
        &evidence,
        note,
        &["tracker/mali-jnim-dialogue.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    passes(dir.path(), &file);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        !written.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{written}"
    );
    // Read back exactly as given: nothing became a key, a list or a comment.
    let entry = last_entry(&file);
    assert_eq!(entry["note"], note);
    assert_eq!(entry["evidence"][0]["locator"], locator);
}

#[test]
fn a_source_id_that_is_not_kebab_case_is_refused() {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "source",
            "add",
            "ICG 310",
            "--title",
            "A report",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[schema]"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Cited in evidence: the source is unknown, and the closest declared one named.
    let (code, _, stderr) = record(
        dir.path(),
        &[
            "--evidence",
            "ICG_306:p. 4",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error["), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn file_arguments_that_are_not_a_tracker_file_in_its_folder_are_usage_errors() {
    let (dir, _) = repo();
    let outside = dir.path().join("outside.yaml");
    std::fs::copy(root().join(SHIPPED), &outside).unwrap();
    std::os::unix::fs::symlink("../outside.yaml", dir.path().join("tracker/link.yaml")).unwrap();
    let cases = [
        ("tracker/link.yaml", "a symbolic link leading outside"),
        (
            "tracker",
            "tracker is a folder: name the tracker file to change",
        ),
        (
            "tracker/missing.yaml",
            "tracker/missing.yaml: No such file or directory",
        ),
    ];
    for (file, message) in cases {
        let (code, stdout, stderr) = record(dir.path(), &[file]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.contains(message), "{file}: {stderr}");
    }
    assert_eq!(
        std::fs::read(&outside).unwrap(),
        std::fs::read(root().join(SHIPPED)).unwrap()
    );
    assert!(!dir.path().join("tracker/missing.yaml").exists());
}

#[test]
fn usage_errors_say_what_to_write() {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "record",
                "mediator/candidate-identified",
                "--date",
                "2022-03-01",
                "--status",
                "in-progress",
            ],
            "no step `mediator/candidate-identified` in the catalog; did you mean `mediator/candidates-identified`?",
        ),
        (
            &[
                "record",
                "candidates-identifed",
                "--date",
                "2022-03-01",
                "--status",
                "in-progress",
            ],
            "did you mean `mediator/candidates-identified`?",
        ),
        (
            &[
                "record",
                STEP,
                "--date",
                "2022-03-01",
                "--status",
                "in-progress",
                "--evidence",
                "icg-306",
            ],
            "no `:` between the source and the locator; write the source's id, a colon, and where in the source: --evidence icg-306:",
        ),
        (
            &["record", STEP],
            "missing --date, --status: give them (questions are asked only on a terminal)",
        ),
        (&["record"], "missing STEP, --date, --status"),
        (
            &[
                "record",
                STEP,
                "--date",
                "2022-03-01",
                "--status",
                "in-progress",
                "--title",
                "x",
            ],
            "give its id with --new-source ID",
        ),
    ];
    for (args, message) in cases {
        let (code, stdout, stderr) = at(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn source_add_declares_and_warns_that_it_is_unused() {
    let (dir, file) = repo();
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "source",
            "add",
            "icg-310",
            "--title",
            "Mali: A Second Report",
            "--publisher",
            "International Crisis Group",
            "--published",
            "2022-02-01",
            "--authors",
            "A. Author, B. Author",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("declared source icg-310 in tracker/mali-jnim-dialogue.yaml\n"),
        "{stderr}"
    );
    // Warnings do not block; they are shown after the write.
    assert!(stderr.contains("warning[unused-source]"), "{stderr}");
    let d = doc(&file);
    assert_eq!(d["sources"]["icg-310"]["title"], "Mali: A Second Report");
    assert_eq!(d["sources"]["icg-310"]["authors"][1], "B. Author");
    // Declared twice: refused.
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "source",
            "add",
            "icg-310",
            "--title",
            "Again",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("source `icg-310` is already declared"),
        "{stderr}"
    );
}

#[test]
fn record_with_a_new_source_declares_and_cites_it_in_one_change() {
    let (dir, file) = repo();
    let (code, _, stderr) = record(
        dir.path(),
        &[
            "--new-source",
            "icg-310",
            "--title",
            "Mali: A Second Report",
            "--evidence",
            "icg-310:p. 4",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("declared source icg-310 and recorded mediator/candidates-identified 2022-03-01 in-progress"), "{stderr}");
    assert!(!stderr.contains("unused-source"), "{stderr}");
    assert_eq!(last_entry(&file)["evidence"][1]["source"], "icg-310");
    passes(dir.path(), &file);
}

#[test]
fn correct_amends_an_entry_as_check_base_asks() {
    let (dir, file) = repo();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "add", "."]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "base",
    ]);
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "correct",
            STEP,
            "--entry",
            "2021-12-10",
            "--reason",
            "The note misdated the offer.",
            "--note",
            "ICG finds that no one has prepared high-level talks.",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with(&format!("corrected mediator/candidates-identified's entry of 2021-12-10 (note; correction dated {TODAY}) in tracker/mali-jnim-dialogue.yaml\n")),
        "{stderr}"
    );
    let entry = last_entry(&file);
    assert_eq!(
        entry["note"],
        "ICG finds that no one has prepared high-level talks."
    );
    assert_eq!(entry["correction"]["date"], TODAY);
    assert_eq!(
        entry["correction"]["reason"],
        "The note misdated the offer."
    );
    let (code, stdout, stderr) = at(dir.path(), &["check", "--base", "HEAD", "tracker"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // No entry of that date: said, nothing written.
    let before = std::fs::read(&file).unwrap();
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "correct",
            STEP,
            "--entry",
            "2020-01-01",
            "--reason",
            "x",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("has no entry dated 2020-01-01"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // A new status on the step's last entry: the step's status follows, so the amended
    // file passes `status-mismatch` and `check --base` alike.
    let (code, _, stderr) = at(
        dir.path(),
        &[
            "correct",
            STEP,
            "--entry",
            "2021-12-10",
            "--reason",
            "Neither document says whether contacts named anyone.",
            "--status",
            "unknown",
            "tracker/mali-jnim-dialogue.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(last_entry(&file)["status"], "unknown");
    assert_eq!(
        doc(&file)["recommendations"]["mediator"]["steps"]["candidates-identified"]["status"],
        "unknown"
    );
    let (code, stdout, stderr) = at(dir.path(), &["check", "--base", "HEAD", "tracker"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn a_written_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = repo();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, stderr) = record(dir.path(), &["tracker/mali-jnim-dialogue.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// `rectrack ARGS --today TODAY` in `dir`, on a pseudo-terminal (stdin, stdout and
/// stderr), colour off and ANSI sequences stripped from what is read back.
fn on_terminal(dir: &Path, args: &[&str]) -> rexpect::session::PtySession {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("rectrack"));
    cmd.current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .args(["--color", "never"])
        .args(args)
        .args(["--today", TODAY]);
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    rexpect::spawn_with_options(cmd, options).unwrap()
}

/// The exit code of a session's process, once it has ended.
fn exit_code(session: &mut rexpect::session::PtySession) -> i32 {
    session.exp_eof().unwrap();
    match session.process_mut().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("not an exit: {other:?}"),
    }
}

const DOWN: &str = "\x1b[B";

/// Sends keys one at a time, as a person types: between two keys the prompt puts the
/// terminal back in line mode, and a key sent in that moment would wait for a newline.
fn keys(s: &mut rexpect::session::PtySession, keys: &[&str]) {
    for k in keys {
        std::thread::sleep(std::time::Duration::from_millis(100));
        s.send(k).unwrap();
        s.flush().unwrap();
    }
}

/// Types `text` a character at a time, then Enter.
fn typed(s: &mut rexpect::session::PtySession, text: &str) {
    for c in text.chars() {
        std::thread::sleep(std::time::Duration::from_millis(15));
        s.send(&c.to_string()).unwrap();
        s.flush().unwrap();
    }
    keys(s, &["\r"]);
}

/// Answers `record`'s questions up to the confirmation: the step chosen from the
/// catalog's list, the status one below the step's current one, a date typed after
/// an impossible one is refused, the first source with a locator, a note.
fn answer_up_to_confirmation(s: &mut rexpect::session::PtySession) {
    s.exp_string("Step").unwrap();
    // Catalog order: mediator/candidates-identified is the tenth step.
    // (rexpect reads bytes as Latin-1: only ASCII is looked for.)
    s.exp_string("unify-ranks/government-consensus ").unwrap();
    keys(s, &[DOWN; 9]);
    keys(s, &["\r"]);
    s.exp_string("Status from that date").unwrap();
    s.exp_string("reliable information that nothing has been done yet (now)")
        .unwrap();
    keys(s, &[DOWN, "\r"]);
    s.exp_string("Date (YYYY-MM-DD)").unwrap();
    s.exp_string(TODAY).unwrap();
    typed(s, "2027-06-01");
    s.exp_string("2027-06-01 is after today (2027-01-01)")
        .unwrap();
    // The refused answer is cleared by the prompt; type a good one.
    typed(s, "2022-03-01");
    s.exp_string("Source").unwrap();
    s.exp_string("Mali: Enabling Dialogue with the Jihadist Coalition JNIM")
        .unwrap();
    s.exp_string("a new source").unwrap();
    keys(s, &["\r"]);
    s.exp_string("Locator").unwrap();
    typed(s, "Executive Summary, paragraph 4");
    s.exp_string("no other source").unwrap();
    keys(s, &["\r"]);
    s.exp_string("Note: what happened").unwrap();
    typed(
        s,
        "A possible go-between is named (test text, no real event).",
    );
    s.exp_string("+          - date: 2022-03-01").unwrap();
    s.exp_string("Write this change to tracker/mali-jnim-dialogue.yaml?")
        .unwrap();
}

#[test]
fn on_a_terminal_record_asks_for_what_is_missing_and_confirms() {
    let (dir, file) = repo();
    let mut s = on_terminal(dir.path(), &["record", "tracker/mali-jnim-dialogue.yaml"]);
    answer_up_to_confirmation(&mut s);
    keys(&mut s, &["y"]);
    s.exp_string(
        "recorded mediator/candidates-identified 2022-03-01 in-progress in tracker/mali-jnim-dialogue.yaml; as_of 2021-12-10 ",
    )
    .unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let entry = last_entry(&file);
    assert_eq!(entry["date"], "2022-03-01");
    assert_eq!(entry["status"], "in-progress");
    assert_eq!(
        entry["note"],
        "A possible go-between is named (test text, no real event)."
    );
    assert_eq!(
        entry["evidence"][0]["locator"],
        "Executive Summary, paragraph 4"
    );
    passes(dir.path(), &file);
}

#[test]
fn on_a_terminal_no_means_nothing_written() {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    let mut s = on_terminal(dir.path(), &["record", "tracker/mali-jnim-dialogue.yaml"]);
    answer_up_to_confirmation(&mut s);
    keys(&mut s, &["n"]);
    s.exp_string("rectrack: nothing written").unwrap();
    assert_eq!(exit_code(&mut s), 2);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn on_a_terminal_escape_cancels() {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    let mut s = on_terminal(dir.path(), &["record"]);
    s.exp_string("inclusivity/interlocutors-identified")
        .unwrap();
    keys(&mut s, &["\x1b"]);
    s.exp_string("rectrack: cancelled; nothing written")
        .unwrap();
    assert_eq!(exit_code(&mut s), 2);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_file_changed_while_the_monitor_was_answering_is_not_overwritten() {
    let (dir, file) = repo();
    let mut s = on_terminal(dir.path(), &["record", "tracker/mali-jnim-dialogue.yaml"]);
    answer_up_to_confirmation(&mut s);
    // Someone saves the file in an editor meanwhile.
    let edited = std::fs::read_to_string(&file).unwrap() + "# a comment saved meanwhile\n";
    std::fs::write(&file, &edited).unwrap();
    keys(&mut s, &["y"]);
    s.exp_string("changed on disk since rectrack read it: nothing written")
        .unwrap();
    assert_eq!(exit_code(&mut s), 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
}

#[test]
fn a_pipe_is_never_asked_a_question() {
    let (dir, file) = repo();
    let before = std::fs::read(&file).unwrap();
    // Standard error is a terminal, standard input a pipe: still no question.
    let bin = assert_cmd::cargo::cargo_bin("rectrack");
    let line = format!(
        "echo y | '{}' --color never record tracker/mali-jnim-dialogue.yaml --today {TODAY}; echo \"exit=$?\"",
        bin.display()
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.current_dir(dir.path()).args(["-c", &line]);
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    let mut s = rexpect::spawn_with_options(cmd, options).unwrap();
    let out = s.exp_string("exit=2").unwrap();
    assert!(
        out.contains(
            "missing STEP, --date, --status: give them (questions are asked only on a terminal)"
        ),
        "{out}"
    );
    assert!(!out.contains("Step"), "{out}");
    assert_eq!(exit_code(&mut s), 0);
    // And with every stream a pipe, as in CI.
    let (code, stdout, stderr) = at(dir.path(), &["record", "tracker/mali-jnim-dialogue.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("missing STEP, --date, --status"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_kept() {
    let (dir, file) = repo();
    let crlf = std::fs::read_to_string(&file)
        .unwrap()
        .replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    std::fs::write(&file, &bytes).unwrap();
    let (code, _, stderr) = record(dir.path(), &["tracker/mali-jnim-dialogue.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    let after = std::fs::read(&file).unwrap();
    assert!(after.starts_with(b"\xEF\xBB\xBF# yaml-language-server"));
    let text = String::from_utf8(after).unwrap();
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert_eq!(last_entry(&file)["date"], "2022-03-01");
    passes(dir.path(), &file);
}
