//! The evasion suite: every way around the append-only gate we could think of, each
//! tried in a scratch git repository through the real binary, as a pull request would
//! try it, and each asserting the rule and the line that stops it. Each case also runs
//! `diff --format json` and checks that every finding of `check --base` has its line
//! there: `diff` lands in the pull-request summary and must not hide what CI judged.
//!
//! The trackers are the fictional report fixtures (`tests/fixtures/report/`), so the
//! suite does not move when the shipped tracker's wording does.

use crate::history::git_in;
use crate::{read, root};
use rectrack::check::rules::{RULES, Scope};
use serde_json::Value;
use std::path::PathBuf;

/// The day the pull requests are checked on.
const TODAY: &str = "2023-01-10";
const NORTH: &str = "tracker/north.yaml";
const CENTRE: &str = "tracker/centre.yaml";

/// A monitoring repository with two trackers on `main`, and a pull-request branch `pr`
/// checked out.
struct Repo {
    dir: tempfile::TempDir,
}

fn fixture(name: &str) -> String {
    read(format!("tests/fixtures/report/{name}"))
        .replace("$schema=../../../schema/", "$schema=../schema/")
}

impl Repo {
    fn new() -> Self {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        std::fs::create_dir_all(repo.path("schema")).unwrap();
        std::fs::copy(
            root().join("schema/tracker.schema.json"),
            repo.path("schema/tracker.schema.json"),
        )
        .unwrap();
        repo.write(NORTH, &fixture("north.yaml"));
        repo.write(CENTRE, &fixture("centre.yaml"));
        repo.commit("base");
        repo.git(&["checkout", "-q", "-b", "pr"]);
        repo
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(self.dir.path(), args)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces the first `from` in `rel` (which must be there).
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel}: the edit applies: {from}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `rectrack ARGS` in the repository.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
        cmd.current_dir(self.dir.path())
            .args(["--color", "never"])
            .args(args);
        crate::run(&mut cmd)
    }

    /// `check --base main` on `tracker/`: (exit code, every finding as (rule, file,
    /// line)), after checking that `diff` shows each finding of a change rule.
    fn check(&self) -> (i32, Vec<(String, String, usize)>) {
        self.check_paths(&["tracker"])
    }

    fn check_paths(&self, paths: &[&str]) -> (i32, Vec<(String, String, usize)>) {
        let mut args = vec![
            "check", "--today", TODAY, "--base", "main", "--format", "json",
        ];
        args.extend(paths);
        let (code, stdout, stderr) = self.run(&args);
        assert!(code < 2, "{stdout}{stderr}");
        let doc: Value = serde_json::from_str(&stdout).unwrap();
        let mut found: Vec<(String, String, usize)> = doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        // The fixtures' own warnings (stale steps, an overdue review, an unused source)
        // are not what this suite is about.
        found.retain(|(rule, ..)| {
            let r = rectrack::check::rules::find(rule).unwrap();
            r.severity == rectrack::check::finding::Severity::Error || r.scope == Scope::Change
        });
        found.sort();
        self.diff_shows(&found, paths);
        // The human output agrees with the JSON, and says what to do for each.
        let mut human = vec!["check", "--today", TODAY, "--base", "main"];
        human.extend(paths);
        let (human_code, text, _) = self.run(&human);
        assert_eq!(human_code, code, "{text}");
        let mut shown: Vec<(String, usize)> = crate::diagnostics(&text)
            .into_iter()
            .filter(|(r, ..)| found.iter().any(|f| f.0 == *r))
            .map(|(r, l, _)| (r, l))
            .collect();
        shown.sort();
        let mut want: Vec<(String, usize)> =
            found.iter().map(|(r, _, l)| (r.clone(), *l)).collect();
        want.sort();
        assert_eq!(shown, want, "{text}");
        (code, found)
    }

    /// Every finding of a change rule has its line, rule and file in `diff --format json`.
    fn diff_shows(&self, found: &[(String, String, usize)], paths: &[&str]) {
        let mut args = vec!["diff", "main", "--today", TODAY, "--format", "json"];
        args.extend(paths);
        let (_, json, stderr) = self.run(&args);
        let doc: Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}{stderr}"));
        let mut in_diff: Vec<(String, String, usize)> = Vec::new();
        for t in doc["trackers"].as_array().unwrap() {
            let file = t["file"]
                .as_str()
                .or_else(|| t["old_file"].as_str())
                .unwrap()
                .to_string();
            let items = std::iter::once(t).chain(t["changes"].as_array().unwrap());
            for item in items {
                for f in item["findings"].as_array().unwrap() {
                    in_diff.push((
                        f["rule"].as_str().unwrap().to_string(),
                        file.clone(),
                        f["line"].as_u64().unwrap() as usize,
                    ));
                }
            }
        }
        let change_rules: Vec<&str> = RULES
            .iter()
            .filter(|r| r.scope == Scope::Change)
            .map(|r| r.id)
            .collect();
        for f in found
            .iter()
            .filter(|f| change_rules.contains(&f.0.as_str()))
        {
            assert!(
                in_diff.contains(f),
                "`check --base` says {f:?}; `diff` does not show it:\n{json}"
            );
        }
    }

    /// `diff main --format markdown`.
    fn markdown(&self) -> String {
        self.run(&["diff", "main", "--today", TODAY, "--format", "markdown"])
            .1
    }
}

/// 1-based number of the first line of `text` containing `needle`, after `after`.
fn line_of(text: &str, needle: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("no `{needle}` after line {after}"))
        .0
        + 1
}

fn finding(rule: &str, file: &str, line: usize) -> (String, String, usize) {
    (rule.to_string(), file.to_string(), line)
}

const STALLED_NOTE: &str = "note: \"Fictional: talks within the coalition stop.\"";
const REWORDED_NOTE: &str = "note: \"Fictional: talks stop.\"";

/// The `- date:` line of the entry whose note is `note`, in `text`.
fn entry_line(text: &str, note: &str) -> usize {
    line_of(text, note, 0) - 2
}

#[test]
fn an_untouched_change_and_an_append_pass() {
    let r = Repo::new();
    assert_eq!(r.check(), (0, vec![]));
    assert_eq!(r.markdown(), "no tracker changes since main\n");
    r.edit(
        NORTH,
        "      foreign-partners:\n        status: unknown\n",
        "      foreign-partners:\n        status: not-started\n        history:\n          - date: 2022-12-31\n            status: not-started\n            note: \"Fictional: nothing done yet.\"\n",
    );
    r.commit("append");
    assert_eq!(r.check(), (0, vec![]));
}

#[test]
fn a_renamed_tracker_is_compared_and_reported_as_moved() {
    let r = Repo::new();
    r.git(&["mv", NORTH, "tracker/n.yaml"]);
    r.commit("rename");
    assert_eq!(r.check(), (0, vec![]), "a move alone is allowed");
    assert!(
        r.markdown().contains(
            "### Test track North (fictional) (tracker/n.yaml) — moved from tracker/north.yaml"
        ),
        "{}",
        r.markdown()
    );

    r.edit("tracker/n.yaml", STALLED_NOTE, REWORDED_NOTE);
    r.commit("reword");
    let line = entry_line(&r.read("tracker/n.yaml"), REWORDED_NOTE);
    assert_eq!(
        r.check(),
        (
            1,
            vec![finding("history-rewritten", "tracker/n.yaml", line)]
        )
    );
}

#[test]
fn a_deleted_tracker_is_missed() {
    let r = Repo::new();
    r.git(&["rm", "-q", CENTRE]);
    r.commit("delete");
    assert_eq!(r.check(), (1, vec![finding("tracker-removed", CENTRE, 1)]));
    let md = r.markdown();
    assert!(
        md.contains("### Test track Centre (fictional) (tracker/centre.yaml) — **removed**"),
        "{md}"
    );
    // The human output names the file and says how to restore it.
    let (_, text, _) = r.run(&["check", "--today", TODAY, "--base", "main"]);
    assert!(text.contains("tracker `centre-track` was in tracker/centre.yaml at main and is in no checked file now"), "{text}");
    assert!(text.contains("git checkout "), "{text}");
    assert!(
        text.ends_with("checked 1 file: 1 error, 2 warnings\n"),
        "the gone tracker is not counted as checked: {text}"
    );
    let (_, json, _) = r.run(&[
        "check", "--today", TODAY, "--base", "main", "--format", "json",
    ]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["files"][1]["path"], CENTRE);
    assert_eq!(doc["files"][1]["gone"], true);
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn a_tracker_hidden_or_moved_out_of_the_checked_paths_is_missed() {
    for to in ["tracker/.archive/centre.yaml", "archive/centre.yaml"] {
        let r = Repo::new();
        std::fs::create_dir_all(r.path(to).parent().unwrap()).unwrap();
        r.git(&["mv", CENTRE, to]);
        r.commit("hide");
        assert_eq!(
            r.check(),
            (1, vec![finding("tracker-removed", CENTRE, 1)]),
            "{to}"
        );
        // Checked where it went, it is a move.
        let folder = to.rsplit_once('/').unwrap().0;
        let (code, found) = r.check_paths(&["tracker", folder]);
        assert_eq!((code, found), (0, vec![]), "{to}");
    }
}

#[test]
fn a_symlink_to_a_reworded_copy_is_read_through_and_compared() {
    let r = Repo::new();
    let reworded = r.read(NORTH).replacen(STALLED_NOTE, REWORDED_NOTE, 1);
    // The copy sits in a hidden folder inside the checked one, so only the link leads
    // to it (and it stays inside the folders given).
    r.write("tracker/.copies/north.yaml", &reworded);
    std::fs::remove_file(r.path(NORTH)).unwrap();
    std::os::unix::fs::symlink(".copies/north.yaml", r.path(NORTH)).unwrap();
    r.commit("link");
    let line = entry_line(&reworded, REWORDED_NOTE);
    assert_eq!(
        r.check(),
        (1, vec![finding("history-rewritten", NORTH, line)])
    );
}

#[test]
fn a_changed_id_is_a_removed_tracker_said_at_the_id() {
    let r = Repo::new();
    r.edit(NORTH, "id: north-track\n", "id: north-renamed\n");
    r.commit("new id");
    let line = line_of(&r.read(NORTH), "id: north-renamed", 0);
    assert_eq!(
        r.check(),
        (1, vec![finding("tracker-removed", NORTH, line)])
    );
    let (_, text, _) = r.run(&["check", "--today", TODAY, "--base", "main"]);
    assert!(
        text.contains(
            "this file held tracker `north-track` at main; its id is now `north-renamed`"
        ),
        "{text}"
    );
}

#[test]
fn two_files_with_one_id_fail_with_or_without_a_base() {
    let r = Repo::new();
    let copy = r.read(NORTH).replacen(STALLED_NOTE, REWORDED_NOTE, 1);
    r.write("tracker/z-copy.yaml", &copy);
    r.commit("copy");
    let id = line_of(&copy, "id: north-track", 0);
    let (code, stdout, _) = r.run(&["check", "--today", TODAY, "tracker"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        crate::diagnostics(&stdout)
            .into_iter()
            .filter(|d| d.0 == "duplicate-id")
            .collect::<Vec<_>>(),
        [("duplicate-id".to_string(), id, 5)]
    );
    assert!(
        stdout.contains("is already the id of tracker/north.yaml"),
        "{stdout}"
    );
    // With a base too. (The original is unchanged, so it is not parsed at the base;
    // once it is gone, the copy is the tracker and is held to its record.)
    let (code, found) = r.check();
    assert_eq!(code, 1);
    assert_eq!(found, [finding("duplicate-id", "tracker/z-copy.yaml", id)]);
    r.git(&["rm", "-q", NORTH]);
    r.commit("the copy replaces the original");
    assert_eq!(
        r.check(),
        (
            1,
            vec![finding(
                "history-rewritten",
                "tracker/z-copy.yaml",
                entry_line(&copy, REWORDED_NOTE)
            )]
        )
    );
}

fn correct(r: &Repo, note: &str, date: &str) {
    r.edit(
        NORTH,
        &format!("{STALLED_NOTE}\n"),
        &format!("{note}\n            correction:\n              date: {date}\n              reason: \"Fictional: reworded.\"\n"),
    );
}

#[test]
fn a_correction_counts_only_when_new_and_dated_between_the_entry_and_today() {
    // Today and the entry's own date are fine.
    for date in [TODAY, "2022-05-01"] {
        let r = Repo::new();
        correct(&r, REWORDED_NOTE, date);
        r.commit("correct");
        assert_eq!(r.check(), (0, vec![]), "{date}");
    }
    // In the future: refused, and `future-date` too.
    let r = Repo::new();
    correct(&r, REWORDED_NOTE, "2099-01-01");
    r.commit("correct in the future");
    let text = r.read(NORTH);
    assert_eq!(
        r.check(),
        (
            1,
            vec![
                finding("future-date", NORTH, line_of(&text, "date: 2099-01-01", 0)),
                finding("history-rewritten", NORTH, entry_line(&text, REWORDED_NOTE)),
            ]
        )
    );
    // Before the entry it corrects.
    let r = Repo::new();
    correct(&r, REWORDED_NOTE, "2022-04-30");
    r.commit("correct too early");
    let line = entry_line(&r.read(NORTH), REWORDED_NOTE);
    assert_eq!(
        r.check(),
        (1, vec![finding("history-rewritten", NORTH, line)])
    );
}

#[test]
fn a_correction_merged_earlier_does_not_unlock_a_later_rewrite() {
    let r = Repo::new();
    r.git(&["checkout", "-q", "main"]);
    correct(&r, REWORDED_NOTE, "2023-01-02");
    r.commit("an honest correction, merged");
    r.git(&["checkout", "-q", "-B", "pr"]);
    r.edit(
        NORTH,
        REWORDED_NOTE,
        "note: \"Fictional: something else entirely.\"",
    );
    r.commit("a second rewrite under the old correction");
    let line = entry_line(&r.read(NORTH), "something else entirely");
    assert_eq!(
        r.check(),
        (1, vec![finding("history-rewritten", NORTH, line)])
    );
    let (_, text, _) = r.run(&["check", "--today", TODAY, "--base", "main"]);
    assert!(text.contains("was already there at main"), "{text}");
}

#[test]
fn a_base_branch_that_moves_ahead_changes_nothing() {
    let r = Repo::new();
    correct(&r, REWORDED_NOTE, "2023-01-05");
    r.commit("correct");
    assert_eq!(r.check(), (0, vec![]));
    // Two days later, an unrelated change lands on main: an entry on another step,
    // committed after the correction's date.
    r.git(&["checkout", "-q", "main"]);
    r.edit(
        CENTRE,
        "      foreign-partners:\n        status: unknown\n",
        "      foreign-partners:\n        status: not-started\n        history:\n          - date: 2022-09-30\n            status: not-started\n            note: \"Fictional: landed on main.\"\n",
    );
    let out = std::process::Command::new("git")
        .current_dir(r.path("."))
        .env("GIT_COMMITTER_DATE", "2023-01-07T12:00:00")
        .args([
            "-c",
            "user.name=M",
            "-c",
            "user.email=m@example.org",
            "commit",
            "-qam",
            "main moves",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    r.git(&["checkout", "-q", "pr"]);
    // Compared with the merge base, the pull request still adds only its correction,
    // and main's new entry is not shown as removed.
    assert_eq!(r.check(), (0, vec![]));
    let md = r.markdown();
    assert!(!md.contains("landed on main"), "{md}");
    assert!(md.contains("**corrected**"), "{md}");
}

#[test]
fn a_cited_source_keeps_its_metadata_unless_corrected() {
    let cases = [
        (
            "    title: Fictional monitoring bulletin A (test data)\n",
            "    title: Fictional monitoring bulletin A, revised (test data)\n",
        ),
        (
            "    publisher: Test publisher\n  bulletin-b:",
            "    publisher: Test publisher\n    reference: No. 7\n  bulletin-b:",
        ),
        (
            "    publisher: Test publisher\n  bulletin-b:",
            "    publisher: Test publisher\n    url: https://example.org/new\n  bulletin-b:",
        ),
    ];
    for (from, to) in cases {
        let r = Repo::new();
        r.edit(NORTH, from, to);
        r.commit("source metadata");
        let line = line_of(&r.read(NORTH), "  bulletin-a:", 0);
        assert_eq!(
            r.check(),
            (1, vec![finding("source-changed", NORTH, line)]),
            "{to}"
        );
        // Declared, it passes.
        r.edit(
            NORTH,
            "  bulletin-a:\n",
            "  bulletin-a:\n    correction: {date: 2023-01-09, reason: \"Fictional: metadata fixed.\"}\n",
        );
        r.commit("declare it");
        assert_eq!(r.check(), (0, vec![]), "{to}");
    }
    // A cited source removed.
    let r = Repo::new();
    r.edit(
        NORTH,
        "  bulletin-b:\n    title: Fictional monitoring bulletin B (test data)\n    publisher: Test publisher\n    url: https://example.org/bulletin-b\n",
        "",
    );
    r.commit("drop a source");
    let (code, found) = r.check();
    assert_eq!(code, 1);
    let sources = line_of(&r.read(NORTH), "sources:", 0);
    assert!(
        found.contains(&finding("source-removed", NORTH, sources)),
        "{found:?}"
    );
}

#[test]
fn a_removed_step_and_an_emptied_history_are_shown_as_destructive() {
    let r = Repo::new();
    r.edit(
        NORTH,
        "      jnim-team:\n        status: not-started\n        next_review: 2022-06-01\n        history:\n          - date: 2021-12-10\n            status: not-started\n            note: \"Fictional test entry.\"\n",
        "",
    );
    r.edit(
        NORTH,
        "      debate-held:\n        status: achieved\n        history:\n",
        "      debate-held:\n        status: unknown\n        history: []\n        old:\n",
    );
    // `old:` keeps the entries in the file but out of the history: still a removal.
    r.commit("remove");
    let text = r.read(NORTH);
    let (code, found) = r.check();
    assert_eq!(code, 1);
    let steps = line_of(&text, "  appoint-teams:", 0) + 1;
    let history = line_of(&text, "        history: []", 0);
    assert!(
        found.contains(&finding("step-removed", NORTH, steps)),
        "{found:?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|f| **f == finding("history-rewritten", NORTH, history))
            .count(),
        2,
        "the two lost entries are said once each, at `history`: {found:?}"
    );
    let md = r.markdown();
    assert!(
        md.contains("⛔ **step removed** `appoint-teams/jnim-team`, with its history (1 entry)"),
        "{md}"
    );
    assert!(
        md.contains("⛔ **entry removed** `public-debate/debate-held`, entry of 2022-04-10"),
        "{md}"
    );
    assert!(
        md.contains("⛔ **entry removed** `public-debate/debate-held`, entry of 2022-08-15"),
        "{md}"
    );
}

#[test]
fn entries_swapped_on_the_same_day_are_caught() {
    let r = Repo::new();
    r.git(&["checkout", "-q", "main"]);
    r.edit(
        NORTH,
        "            note: \"Fictional: talks within the coalition stop.\"\n            evidence:\n              - source: bulletin-a\n                locator: item 1\n",
        "            note: \"Fictional: talks within the coalition stop.\"\n            evidence:\n              - source: bulletin-a\n                locator: item 1\n          - date: 2022-05-01\n            status: stalled\n            note: \"Fictional: a second report the same day.\"\n            evidence:\n              - source: bulletin-b\n                locator: item 3\n",
    );
    r.commit("two entries on one day");
    r.git(&["checkout", "-q", "-B", "pr"]);
    let text = r.read(NORTH);
    let first = entry_line(&text, STALLED_NOTE);
    let block = |at: usize| -> String {
        text.lines()
            .skip(at - 1)
            .take(6)
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let (a, b) = (block(first), block(first + 6));
    r.write(
        NORTH,
        &text.replacen(&format!("{a}{b}"), &format!("{b}{a}"), 1),
    );
    r.commit("swap");
    assert_eq!(
        r.check(),
        (
            1,
            vec![
                finding("history-inserted", NORTH, first),
                finding("history-rewritten", NORTH, first + 6),
            ]
        )
    );
    let md = r.markdown();
    assert!(md.contains("⛔ inserted before 2022-05-01"), "{md}");
}

#[test]
fn a_change_made_through_an_alias_is_a_change() {
    let r = Repo::new();
    // An anchor on the first entry's evidence, reused by the second entry: the same
    // data, so nothing changed.
    let ev = "            evidence:\n              - source: bulletin-a\n                locator: item 1\n";
    let text = r.read(NORTH);
    let start = line_of(&text, "      jnim-consensus:", 0);
    let (head, tail) = text.split_at(text.lines().take(start).map(|l| l.len() + 1).sum::<usize>());
    let tail = tail
        .replacen(ev, "            evidence: &ev\n              - source: bulletin-a\n                locator: item 1\n", 1)
        .replacen(ev, "            evidence: *ev\n", 1);
    r.write(NORTH, &format!("{head}{tail}"));
    r.commit("alias, same data");
    assert_eq!(r.check(), (0, vec![]));
    // The anchored list edited in one place: both entries changed.
    r.edit(NORTH, "            evidence: &ev\n              - source: bulletin-a\n                locator: item 1\n", "            evidence: &ev\n              - source: bulletin-a\n                locator: item 7\n");
    r.commit("edit through the alias");
    let text = r.read(NORTH);
    let first = line_of(&text, "evidence: &ev", 0) - 3;
    let second = line_of(&text, "evidence: *ev", 0) - 3;
    assert_eq!(
        r.check(),
        (
            1,
            vec![
                finding("history-rewritten", NORTH, first),
                finding("history-rewritten", NORTH, second),
            ]
        )
    );
}

#[test]
fn layout_quoting_key_order_comments_and_json_are_not_changes() {
    let r = Repo::new();
    r.edit(
        NORTH,
        "          - date: 2020-03-08\n            status: in-progress\n            note: \"Fictional test entry.\"\n",
        "          # a comment\n          - note: 'Fictional test entry.'\n            status: \"in-progress\"\n\n            date: \"2020-03-08\"\n",
    );
    r.edit(
        NORTH,
        "              - source: bulletin-a\n                locator: item 1\n          - date: 2022-05-01",
        "              - {locator: \"item 1\", source: bulletin-a}\n          - date: 2022-05-01",
    );
    r.commit("restyle");
    assert_eq!(r.check(), (0, vec![]));
    // The whole tracker rewritten as JSON (which is YAML).
    let doc =
        rectrack::syntax::parse(&r.read(NORTH), &rectrack::syntax::Limits::default()).unwrap();
    r.write(
        NORTH,
        &serde_json::to_string_pretty(&doc.to_json()).unwrap(),
    );
    r.commit("as JSON");
    assert_eq!(r.check(), (0, vec![]));
}

#[test]
fn a_closed_tracker_keeps_its_record_and_takes_no_new_entry() {
    let r = Repo::new();
    r.edit(
        CENTRE,
        "as_of: 2022-09-30\n",
        "as_of: 2022-09-30\nclosed:\n  date: 2022-09-30\n  reason: \"Fictional: talks ended.\"\n",
    );
    r.commit("close");
    assert_eq!(r.check(), (0, vec![]), "closing is allowed");
    r.git(&["checkout", "-q", "main"]);
    r.git(&["merge", "-q", "pr"]);
    r.git(&["checkout", "-q", "pr"]);
    // Appended later, even dated before the closing: refused.
    let entry = "      foreign-partners:\n        status: not-started\n        history:\n          - date: 2022-09-01\n            status: not-started\n            note: \"Fictional: late news.\"\n";
    r.edit(
        CENTRE,
        "      foreign-partners:\n        status: unknown\n",
        entry,
    );
    r.commit("append to a closed tracker");
    let line = line_of(&r.read(CENTRE), "- date: 2022-09-01", 0);
    assert_eq!(
        r.check(),
        (1, vec![finding("entry-after-close", CENTRE, line)])
    );
    // Dated after the closing: refused in every check.
    r.edit(CENTRE, "- date: 2022-09-01", "- date: 2022-09-30");
    r.edit(
        CENTRE,
        "  date: 2022-09-30\n  reason",
        "  date: 2022-09-29\n  reason",
    );
    let (code, stdout, _) = r.run(&["check", "--today", TODAY, CENTRE]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("error[entry-after-close]: this entry is dated 2022-09-30, after the tracker was closed (2022-09-29)"), "{stdout}");
}

#[test]
fn deleting_the_id_does_not_lift_the_rules() {
    let r = Repo::new();
    r.edit(NORTH, "id: north-track\n", "");
    r.edit(NORTH, STALLED_NOTE, REWORDED_NOTE);
    r.commit("no id, and a reworded entry");
    let line = entry_line(&r.read(NORTH), REWORDED_NOTE);
    assert_eq!(
        r.check(),
        (
            1,
            vec![
                finding("history-rewritten", NORTH, line),
                finding("schema", NORTH, 1),
            ]
        )
    );
}

#[cfg(unix)]
#[test]
fn a_tracker_whose_name_is_not_utf8_is_still_followed() {
    use std::os::unix::ffi::OsStrExt;
    let r = Repo::new();
    let odd = std::ffi::OsStr::from_bytes(b"tracker/caf\xe9.yaml");
    std::fs::rename(r.path(CENTRE), r.dir.path().join(odd)).unwrap();
    r.commit("an odd name");
    r.git(&["checkout", "-q", "main"]);
    r.git(&["merge", "-q", "pr"]);
    r.git(&["checkout", "-q", "pr"]);
    std::fs::remove_file(r.dir.path().join(odd)).unwrap();
    r.commit("delete it");
    let (code, found) = r.check();
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "tracker-removed");
}
