//! `sync`: a tracker brought in line with its catalog changes exactly where the catalog
//! says and nowhere else (comments, blank lines, quoting, flow maps, CRLF kept), never
//! drops a recorded history, and what it writes passes `check` and `check --base`. And
//! `check --base` across a rename: the same step, its history still append-only, with
//! no way through a rename to drop or rewrite a record.

use crate::history::git_in;
use crate::{SHIPPED, TODAY, diagnostics, read, rectrack, root, run, sandbox};
use std::path::{Path, PathBuf};

const EXAMPLE_CATALOG: &str = "examples/fictional-river-accord/catalog.yaml";
const EXAMPLE_SCHEMA: &str = "examples/fictional-river-accord/tracker.schema.json";
const EXAMPLE_TRACKER: &str = "examples/fictional-river-accord/tracker/verdant-river-accord.yaml";

/// `rectrack ARGS --today TODAY`, run in `dir`.
fn at(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(rectrack()
        .current_dir(dir)
        .args(args)
        .args(["--today", TODAY]))
}

/// A scratch git checkout: `catalog.yaml` (the example catalog, or as given), the
/// example's tracker schema beside it, and `tracker/river.yaml`.
struct Repo {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Repo {
    fn new(catalog: &str, tracker: &str) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        git_in(&path, &["init", "-q", "-b", "main"]);
        std::fs::create_dir(path.join("tracker")).unwrap();
        std::fs::copy(
            root().join(EXAMPLE_SCHEMA),
            path.join("tracker.schema.json"),
        )
        .unwrap();
        let repo = Repo { _dir: dir, path };
        repo.write(catalog, tracker);
        repo.commit("base");
        repo
    }

    fn write(&self, catalog: &str, tracker: &str) {
        std::fs::write(self.path.join("catalog.yaml"), catalog).unwrap();
        std::fs::write(self.file(), tracker).unwrap();
    }

    fn commit(&self, message: &str) {
        git_in(&self.path, &["add", "-A"]);
        git_in(&self.path, &["commit", "-q", "-m", message]);
    }

    fn file(&self) -> PathBuf {
        self.path.join("tracker/river.yaml")
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.file()).unwrap()
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        at(&self.path, args)
    }

    /// `check` and `check --base HEAD` both pass.
    fn passes(&self) {
        for args in [&["check"][..], &["check", "--base", "HEAD"]] {
            let (code, out, err) = self.run(args);
            assert_eq!(code, 0, "{args:?}: {out}{err}\n{}", self.text());
        }
    }
}

/// The example catalog.
fn catalog() -> String {
    read(EXAMPLE_CATALOG)
}

/// The example tracker.
fn tracker() -> String {
    read(EXAMPLE_TRACKER)
}

/// `text` with `from` replaced by `to`, which must be there once.
fn swap(text: &str, from: impl AsRef<str>, to: &str) -> String {
    let from = from.as_ref();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` once in the fixture"
    );
    text.replacen(from, to, 1)
}

/// The lines of the block that starts with the line `head` (whose indentation ends it).
fn block(text: &str, head: &str) -> String {
    let start = text.find(&format!("{head}\n")).expect("the block is there");
    let indent = head.len() - head.trim_start().len();
    let mut end = start + head.len() + 1;
    for line in text[end..].split_inclusive('\n') {
        let own = line.len() - line.trim_start().len();
        if line.trim().is_empty() || own <= indent {
            break;
        }
        end += line.len();
    }
    text[start..end].to_string()
}

/// The rules of the errors in human output, in order (warnings left out: a changed
/// catalog leaves the copied modeline schema behind, which is beside the point).
fn errors(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.strip_prefix("error["))
        .map(|r| r.split(']').next().unwrap_or_default().to_string())
        .collect()
}

/// A catalog step of the commission (in the example catalog's layout).
fn catalog_step(id: &str, renamed_from: &str) -> String {
    let mut s = format!(
        "      {id}:\n        party: commission\n        title: Step {id} (fictional)\n        description: A step of the tests (fictional).\n        from:\n          - document: panel-report\n            locator: Recommendation 1\n"
    );
    if !renamed_from.is_empty() {
        s.push_str(&format!("        renamed_from: [{renamed_from}]\n"));
    }
    s
}

#[test]
fn an_up_to_date_tracker_is_left_alone() {
    let (dir, trackers) = sandbox();
    let file = trackers.join("mali-jnim-dialogue.yaml");
    std::fs::copy(root().join(SHIPPED), &file).unwrap();
    let (code, out, err) = at(dir.path(), &["sync"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("already in line with catalog `mali-jnim-dialogue`; nothing to do"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(root().join(SHIPPED)).unwrap()
    );

    let repo = Repo::new(&catalog(), &tracker());
    let (code, _, err) = repo.run(&["sync", "tracker/river.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("already in line with catalog `fictional-river-accord`"),
        "{err}"
    );
    assert_eq!(repo.text(), tracker());
}

#[test]
fn the_shipped_tracker_gets_what_it_lacks_and_keeps_every_other_byte() {
    let shipped = read(SHIPPED);
    let party = "  jnim: Jama'at Nusrat al-Islam wal-Muslimin (JNIM)\n";
    let agenda = block(&shipped, "      agenda:");
    let debate = block(&shipped, "  public-debate:");
    let lacking = swap(&swap(&shipped, party, ""), format!("{agenda}{debate}"), "");
    let (dir, trackers) = sandbox();
    let file = trackers.join("mali-jnim-dialogue.yaml");
    std::fs::write(&file, &lacking).unwrap();

    // --dry-run: the diff on stdout, nothing written.
    let (code, out, err) = at(dir.path(), &["sync", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("--- tracker/mali-jnim-dialogue.yaml\n"),
        "{out}"
    );
    assert!(
        out.contains("\n+      agenda:\n+        status: unknown\n"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), lacking);
    assert!(
        err.contains("would sync with catalog `mali-jnim-dialogue` (3 changes)"),
        "{err}"
    );

    let (code, out, err) = at(dir.path(), &["sync"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    // Each thing where it was, in the catalog's words; not one other byte.
    let expected = swap(
        &swap(&shipped, party, "  jnim: JNIM\n"),
        format!("{agenda}{debate}"),
        "      agenda:\n        status: unknown\n  public-debate:\n    steps:\n      debate-held:\n        status: unknown\n      positions-defined:\n        status: unknown\n",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let said: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with("synced"))
        .take(4)
        .collect();
    assert_eq!(
        said,
        [
            "synced with catalog `mali-jnim-dialogue` (3 changes) in tracker/mali-jnim-dialogue.yaml",
            "  + party jnim (JNIM)",
            "  + step appoint-teams/agenda, as unknown",
            "  + recommendation public-debate, with 2 steps as unknown",
        ],
        "{err}"
    );
    let (code, out, err) = at(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    // And once in line, in line.
    let (code, _, err) = at(dir.path(), &["sync"]);
    assert_eq!(code, 0);
    assert!(err.contains("already in line"), "{err}");
}

/// The example tracker as it was before the catalog renamed `stations-built`.
fn tracker_before_rename() -> String {
    swap(
        &tracker(),
        "      gauges-installed:\n",
        "      stations-built:\n",
    )
}

#[test]
fn a_renamed_step_takes_its_new_id_and_keeps_its_history_through_check_base() {
    let repo = Repo::new(&catalog(), &tracker_before_rename());
    let (code, out, _) = repo.run(&["check"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[unknown-step]"), "{out}");
    let (code, out, err) = repo.run(&["sync"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("  ~ step data-sharing/stations-built renamed data-sharing/gauges-installed (the catalog's `renamed_from`)"),
        "{err}"
    );
    // Only the key's text changed: the file is the example's, byte for byte.
    assert_eq!(repo.text(), tracker());
    repo.passes();
    let (code, out, err) = repo.run(&["diff", "HEAD"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  ~ data-sharing/gauges-installed  renamed from stations-built\n"),
        "{out}"
    );
    let (_, json, _) = repo.run(&["diff", "HEAD", "--format", "json"]);
    assert!(
        json.contains(r#""renamed_from": "stations-built""#)
            || json.contains(r#""renamed_from":"stations-built""#),
        "{json}"
    );
    let (_, md, _) = repo.run(&["diff", "HEAD", "--format", "markdown"]);
    assert!(
        md.contains(
            "**step renamed** `data-sharing/gauges-installed`, renamed from `stations-built`"
        ),
        "{md}"
    );

    // Appending under the new id after the rename passes; rewriting an entry the rename
    // carried does not, in the same change.
    let appended = repo.text().replace(
        "                locator: first paragraph\n",
        "                locator: first paragraph\n          - date: 2023-09-30\n            status: achieved\n            note: Still working (fictional).\n            evidence:\n              - source: commission-bulletin-4\n                locator: section 2\n",
    );
    std::fs::write(repo.file(), &appended).unwrap();
    repo.passes();
    std::fs::write(
        repo.file(),
        appended.replace("Four of the nine gauges", "Five of the nine gauges"),
    )
    .unwrap();
    let (code, out, _) = repo.run(&["check", "--base", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    let rules = errors(&out);
    assert_eq!(rules, ["history-rewritten"], "{out}");
    assert!(
        out.contains("`data-sharing/gauges-installed`'s entry dated 2023-05-02"),
        "{out}"
    );
}

#[test]
fn a_step_with_history_the_catalog_dropped_is_never_dropped() {
    let dropped = swap(&catalog(), block(&catalog(), "      shared-database:"), "");
    let repo = Repo::new(&dropped, &tracker());
    let before = repo.text();
    for extra in [&["--dry-run"][..], &[]] {
        let mut args = vec!["sync", "tracker/river.yaml"];
        args.extend_from_slice(extra);
        let (code, out, err) = repo.run(&args);
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        let at = tracker()
            .lines()
            .position(|l| l == "      shared-database:")
            .unwrap()
            + 1;
        assert_eq!(
            diagnostics(&err),
            [("step-removed".to_string(), at, 7)],
            "{err}"
        );
        assert!(
            err.contains("step `data-sharing/shared-database` has 1 history entry, and catalog `fictional-river-accord` has no such step"),
            "{err}"
        );
        assert!(err.contains("nothing written"), "{err}");
        assert_eq!(repo.text(), before);
    }

    // Without history it goes, and says so; `check --base` agrees.
    let dropped = swap(&catalog(), block(&catalog(), "      first-case-heard:"), "");
    let repo = Repo::new(&dropped, &tracker());
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "  - step dispute-settlement/first-case-heard (not in the catalog; it had no history)"
        ),
        "{err}"
    );
    assert_eq!(
        repo.text(),
        swap(
            &tracker(),
            "      first-case-heard:\n        status: unknown\n",
            ""
        )
    );
    repo.passes();
    let (_, out, _) = repo.run(&["diff", "HEAD"]);
    assert!(
        out.contains("step removed, without history (its catalog no longer has it)"),
        "{out}"
    );
}

#[test]
fn two_histories_are_never_merged_into_one_step() {
    // The catalog claims both `data-published` and `shared-database` for one new step:
    // both have history, so sync refuses rather than pick one.
    let merged = swap(
        &swap(&catalog(), block(&catalog(), "      data-published:"), ""),
        block(&catalog(), "      shared-database:"),
        &catalog_step("data-everywhere", "data-published, shared-database"),
    );
    let repo = Repo::new(&merged, &tracker());
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 1, "{err}");
    let rules = errors(&err);
    assert_eq!(rules, ["step-removed", "step-removed"], "{err}");
    assert!(err.contains("sync does not merge histories"), "{err}");
    assert_eq!(repo.text(), tracker());
}

#[test]
fn new_steps_come_after_their_catalog_predecessor() {
    // One new step in the middle, one first, one last.
    let mut cat = swap(
        &catalog(),
        "      shared-database:\n",
        &format!(
            "{}      shared-database:\n",
            catalog_step("middle-step", "")
        ),
    );
    cat = swap(
        &cat,
        "    steps:\n      gauges-installed:\n",
        &format!(
            "    steps:\n{}      gauges-installed:\n",
            catalog_step("first-step", "")
        ),
    );
    cat = swap(
        &cat,
        "\n\nnot_tracked:",
        &format!(
            "\n{}\nnot_tracked:",
            catalog_step("last-step", "").trim_end()
        ),
    );
    let repo = Repo::new(&cat, &tracker());
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 0, "{err}");
    let unknown = |id: &str| format!("      {id}:\n        status: unknown\n");
    let shared = "      shared-database:\n";
    let mut expected = swap(
        &tracker(),
        shared,
        &format!("{}{shared}", unknown("middle-step")),
    );
    expected = swap(
        &expected,
        "    steps:\n      gauges-installed:\n",
        &format!(
            "    steps:\n{}      gauges-installed:\n",
            unknown("first-step")
        ),
    );
    expected = swap(
        &expected,
        unknown("first-case-heard"),
        &format!("{}{}", unknown("first-case-heard"), unknown("last-step")),
    );
    assert_eq!(repo.text(), expected);
    repo.passes();
}

#[test]
fn hostile_styles_change_only_where_the_catalog_says() {
    // A catalog with a renamed step, a new step and a dropped one without history.
    let cat = swap(
        &swap(&catalog(), block(&catalog(), "      first-case-heard:"), ""),
        "      shared-database:\n",
        &format!(
            "{}      shared-database:\n",
            catalog_step("middle-step", "")
        ),
    );
    // Comments everywhere, a quoted key, a flow map of steps, CRLF, anchors.
    let commented = swap(
        &tracker_before_rename(),
        "      stations-built:\n",
        "      # the panel's first step\n      'stations-built':   # its old id\n",
    );
    let flowed = swap(
        &commented,
        "      first-case-heard:\n        status: unknown\n",
        "      first-case-heard: {status: unknown}   # nothing known\n",
    );
    let cases: Vec<(&str, String, String)> = vec![
        (
            "comments and a quoted key",
            commented.clone(),
            swap(
                &swap(&commented, "'stations-built'", "'gauges-installed'"),
                "      shared-database:\n",
                "      middle-step:\n        status: unknown\n      shared-database:\n",
            )
            .replace("      first-case-heard:\n        status: unknown\n", ""),
        ),
        (
            "a step written as a flow map",
            flowed.clone(),
            swap(
                &swap(&flowed, "'stations-built'", "'gauges-installed'"),
                "      shared-database:\n",
                "      middle-step:\n        status: unknown\n      shared-database:\n",
            )
            .replace(
                "      first-case-heard: {status: unknown}   # nothing known\n",
                "",
            ),
        ),
    ];
    for (what, before, after) in cases {
        for crlf in [false, true] {
            let eol = |s: &str| {
                if crlf {
                    s.replace('\n', "\r\n")
                } else {
                    s.to_string()
                }
            };
            let repo = Repo::new(&cat, &eol(&before));
            let (code, _, err) = repo.run(&["sync"]);
            assert_eq!(code, 0, "{what}, crlf {crlf}: {err}");
            assert_eq!(repo.text(), eol(&after), "{what}, crlf {crlf}");
            repo.passes();
        }
    }

    // A whole recommendation's steps as one flow map: renamed and added in place.
    let flow_steps = "    steps: {stations-built: {status: unknown}, data-published: {status: unknown}, shared-database: {status: unknown}}\n";
    let data_sharing = block(&tracker(), "  data-sharing:");
    let small = swap(
        &tracker(),
        data_sharing,
        &format!("  data-sharing:\n{flow_steps}"),
    );
    let repo = Repo::new(&cat, &small);
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        repo.text(),
        swap(
            &swap(
                &small,
                flow_steps,
                "    steps: {gauges-installed: {status: unknown}, data-published: {status: unknown}, middle-step: {status: unknown}, shared-database: {status: unknown}}\n"
            ),
            "      first-case-heard:\n        status: unknown\n",
            "",
        )
    );

    // A step to drop whose anchor an alias repeats: refused as a change to make by
    // hand, never half-written.
    let anchored = swap(
        &swap(
            &tracker(),
            "      first-case-heard:\n        status: unknown\n",
            "      first-case-heard: *nothing\n",
        ),
        "      shared-database:\n",
        "      spare-step: &nothing\n        status: unknown\n      shared-database:\n",
    );
    let repo = Repo::new(&catalog(), &anchored);
    let (code, out, err) = repo.run(&["sync"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("holds an anchor that the alias on line")
            && err.contains("make this change by hand"),
        "{err}"
    );
    assert_eq!(repo.text(), anchored);
}

#[test]
fn without_file_sync_takes_the_one_tracker_of_tracker_folder() {
    let repo = Repo::new(&catalog(), &tracker_before_rename());
    std::fs::write(repo.path.join("tracker/second.yaml"), tracker()).unwrap();
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("holds 2 trackers: name the one to change"),
        "{err}"
    );
    assert_eq!(repo.text(), tracker_before_rename());
}

#[test]
fn a_rename_cannot_launder_a_record() {
    // The same change edits the catalog: `shared-database` is gone and a new step
    // claims it in `renamed_from`. The catalog of the new side decides, so this is a
    // rename, and the record must come along whole.
    let shared = &block(&catalog(), "      shared-database:");
    let claimed = swap(
        &catalog(),
        shared,
        &catalog_step("database-opened", "shared-database"),
    );
    let repo = Repo::new(&catalog(), &tracker());
    let recorded = &block(&tracker(), "      shared-database:");

    // Dropped, with a fresh step in its place: each recorded entry is missing.
    repo.write(
        &claimed,
        &swap(
            &tracker(),
            recorded,
            "      database-opened:\n        status: unknown\n",
        ),
    );
    let (code, out, _) = repo.run(&["check", "--base", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    let rules = errors(&out);
    assert!(rules.contains(&"history-rewritten".to_string()), "{out}");

    // Renamed with its history rewritten: refused at the entry.
    let renamed = swap(
        &tracker(),
        "      shared-database:\n",
        "      database-opened:\n",
    );
    repo.write(
        &claimed,
        &renamed.replace("has not been commissioned yet", "was commissioned"),
    );
    let (code, out, _) = repo.run(&["check", "--base", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    let rules = errors(&out);
    assert_eq!(rules, ["history-rewritten"], "{out}");

    // Renamed whole: allowed (the history now counts for the new step), and shown.
    repo.write(&claimed, &tracker());
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(repo.text(), renamed);
    repo.passes();
    let (_, out, _) = repo.run(&["diff", "HEAD"]);
    assert!(
        out.contains("  ~ data-sharing/database-opened  renamed from shared-database"),
        "{out}"
    );

    // Onto a step that has its own record at the base: that record stays its own, and
    // the renamed step's is gone.
    let onto = swap(
        &swap(&catalog(), shared, ""),
        "        renamed_from: [stations-built]\n",
        "        renamed_from: [stations-built, shared-database]\n",
    );
    repo.write(&onto, &swap(&tracker(), recorded, ""));
    let (code, out, _) = repo.run(&["check", "--base", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    let rules = errors(&out);
    assert_eq!(rules, ["step-removed"], "{out}");
}

#[test]
fn a_tracker_written_as_json_is_synced_as_json() {
    let yaml = tracker_before_rename();
    let doc = rectrack::syntax::parse(&yaml, &rectrack::syntax::Limits::default()).unwrap();
    let json = format!(
        "{}\n",
        serde_json::to_string_pretty(&doc.to_json()).unwrap()
    );
    assert!(json.contains("\"stations-built\": {"));
    let repo = Repo::new(&catalog(), &json);
    let (code, _, err) = repo.run(&["sync"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        repo.text(),
        swap(&json, "\"stations-built\"", "\"gauges-installed\"")
    );
    repo.passes();
}
