use super::*;
use crate::model::change::compare;
use crate::model::tracker::Tracker;
use crate::syntax::{Limits, parse};

fn parsed(text: &str) -> Tracker {
    Tracker::from_document(&parse(text, &Limits::default()).unwrap())
}

fn doc(history: &str, extra: &str) -> Tracker {
    let text = format!(
        "as_of: 2022-01-01\nsources:\n  a: {{title: A}}\n{extra}recommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n        status: x\n        history:\n{history}"
    );
    parsed(&text)
}

const E1: &str =
    "          - {date: 2021-01-01, status: in-progress, note: one, evidence: [{source: a}]}\n";
const E2: &str = "          - {date: 2021-02-01, status: stalled, note: two}\n";
const E3: &str = "          - {date: 2021-03-01, status: achieved, note: three}\n";

fn rules(old: &Tracker, new: &Tracker) -> Vec<(&'static str, usize)> {
    let base = BaseInfo {
        rev: "HEAD~1",
        commit: "abc",
        today: NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(),
    };
    let mut change = compare(Some(old), new);
    change.file = Some("t.yaml".into());
    change.old_file = Some("t.yaml".into());
    judge(change, &base)
        .findings()
        .map(|f| (f.rule, f.span.start.line))
        .collect()
}

fn corrected(entry: &str, date: &str) -> String {
    entry.replace(
        "note: two}",
        &format!("note: two (amended), correction: {{date: {date}, reason: misread}}}}"),
    )
}

#[test]
fn appending_is_fine_and_rewriting_is_not() {
    let old = doc(&format!("{E1}{E2}"), "");
    assert!(rules(&old, &doc(&format!("{E1}{E2}{E3}"), "")).is_empty());
    let changed = E2.replace("stalled", "achieved");
    assert_eq!(
        rules(&old, &doc(&format!("{E1}{changed}"), "")),
        [("history-rewritten", 11)]
    );
}

#[test]
fn a_correction_covers_a_change_only_when_new_dated_and_not_in_the_future() {
    let old = doc(&format!("{E1}{E2}"), "");
    // Today, and any day from the entry's date on: fine.
    for date in ["2022-01-10", "2021-02-01"] {
        let new = doc(&format!("{E1}{}", corrected(E2, date)), "");
        assert!(rules(&old, &new).is_empty(), "{date}");
    }
    // After today, before the entry.
    for date in ["2022-01-11", "2099-01-01", "2021-01-31"] {
        let new = doc(&format!("{E1}{}", corrected(E2, date)), "");
        assert_eq!(rules(&old, &new), [("history-rewritten", 11)], "{date}");
    }
    // A correction already there at the base does not cover a further change.
    let old = doc(&format!("{E1}{}", corrected(E2, "2021-06-01")), "");
    let again = corrected(E2, "2021-06-01").replace("(amended)", "(amended twice)");
    assert_eq!(
        rules(&old, &doc(&format!("{E1}{again}"), "")),
        [("history-rewritten", 11)]
    );
}

#[test]
fn insertions_and_removals_are_named_as_such() {
    let old = doc(&format!("{E1}{E3}"), "");
    assert_eq!(
        rules(&old, &doc(&format!("{E2}{E1}{E3}"), "")),
        [("history-inserted", 10)]
    );
    assert_eq!(
        rules(&old, &doc(&format!("{E1}{E2}{E3}"), "")),
        [("history-inserted", 11)]
    );
    assert_eq!(rules(&old, &doc(E3, "")), [("history-rewritten", 10)]);
    // Removed from the end: said at the last entry, which it followed.
    assert_eq!(rules(&old, &doc(E1, "")), [("history-rewritten", 10)]);
    assert_eq!(
        rules(&old, &doc("", "")),
        [("history-rewritten", 9), ("history-rewritten", 9)]
    );
}

#[test]
fn new_status_without_note_is_a_warning() {
    let old = doc(E1, "");
    let bare = "          - {date: 2021-02-01, status: stalled, evidence: [{source: a}]}\n";
    assert_eq!(
        rules(&old, &doc(&format!("{E1}{bare}"), "")),
        [("status-change-without-note", 11)]
    );
    let same = "          - {date: 2021-02-01, status: in-progress}\n";
    assert!(rules(&old, &doc(&format!("{E1}{same}"), "")).is_empty());
}

#[test]
fn cited_sources_steps_and_as_of_do_not_go_back() {
    let old = doc(E1, "");
    let text = "as_of: 2021-12-01\nsources: {}\nrecommendations:\n  mediator:\n    steps: {}\n";
    let new = parsed(text);
    assert_eq!(
        rules(&old, &new),
        [
            ("as-of-backwards", 1),
            ("source-removed", 2),
            ("step-removed", 5)
        ]
    );
}

#[test]
fn a_cited_source_changes_only_with_a_correction() {
    let old = doc(E1, "");
    let retitled = doc(E1, "").clone();
    let text = |s: &str| {
        format!(
            "as_of: 2022-01-01\nsources:\n  a: {s}\nrecommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n        status: x\n        history:\n{E1}"
        )
    };
    let new = parsed(&text("{title: B}"));
    assert_eq!(rules(&old, &new), [("source-changed", 3)]);
    let new = parsed(&text(
        "{title: B, correction: {date: 2022-01-05, reason: typo}}",
    ));
    assert!(rules(&old, &new).is_empty());
    assert!(rules(&old, &retitled).is_empty());
}

#[test]
fn a_closed_tracker_takes_no_new_entry() {
    let old = doc(E1, "closed: {date: 2021-06-01, reason: talks ended}\n");
    let new = doc(
        &format!("{E1}{}", E2.replace("2021-02-01", "2021-05-01")),
        "closed: {date: 2021-06-01, reason: talks ended}\n",
    );
    assert_eq!(rules(&old, &new), [("entry-after-close", 12)]);
}
