use super::*;
use crate::model::change::compare;
use crate::model::tracker::Tracker;
use crate::syntax::{Limits, parse};

fn parsed(text: &str) -> Tracker {
    Tracker::from_document(parse(text, &Limits::default()).unwrap())
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
    let mut change = compare(Some(old), new, None);
    change.file = Some("t.yaml".into());
    change.old_file = Some("t.yaml".into());
    judge(change, &base)
        .findings()
        .map(|f| (f.rule, f.span.start.line as usize))
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

/// A catalog of one recommendation `r` whose steps are `steps`: (id, renamed_from).
fn catalog(steps: &[(&str, &[&str])]) -> crate::model::catalog::Catalog {
    let mut text = String::from(
        "catalog_format: 1\nid: t\ntitle: T\nlanguages: [en]\ndocuments: {d: {title: D}}\nparties: {p: P}\nrecommendations:\n  r:\n    title: R\n    description: R\n    from: [{document: d, locator: x}]\n    steps:\n",
    );
    for (id, old) in steps {
        text.push_str(&format!(
            "      {id}: {{party: p, title: S, description: S, from: [{{document: d, locator: x}}], renamed_from: [{}]}}\n",
            old.join(", ")
        ));
    }
    crate::model::catalog::Catalog::from_yaml(&text).unwrap()
}

/// A tracker of recommendation `r` with `steps`: (id, its history as flow items).
fn steps_doc(steps: &[(&str, &[&str])]) -> Tracker {
    let mut text = String::from(
        "as_of: 2022-01-01\nsources:\n  a: {title: A}\nrecommendations:\n  r:\n    steps:\n",
    );
    for (id, history) in steps {
        text.push_str(&format!(
            "      {id}: {{status: x, history: [{}]}}\n",
            history.join(", ")
        ));
    }
    parsed(&text)
}

const H1: &str = "{date: 2021-01-01, status: in-progress, note: one, evidence: [{source: a}]}";
const H2: &str = "{date: 2021-02-01, status: stalled, note: two}";
const H3: &str = "{date: 2021-03-01, status: stalled, note: three}";

/// What `check --base` says of `old` → `new` judged with `catalog`, and the steps of
/// the comparison as `kind step [renamed_from]`.
fn judged_with(
    old: &Tracker,
    new: &Tracker,
    catalog: &crate::model::catalog::Catalog,
) -> (Vec<&'static str>, Vec<String>) {
    let base = BaseInfo {
        rev: "HEAD~1",
        commit: "abc",
        today: NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(),
    };
    let mut change = compare(Some(old), new, Some(catalog));
    change.file = Some("t.yaml".into());
    change.old_file = Some("t.yaml".into());
    let judged = judge(change, &base);
    let steps = judged
        .change
        .steps
        .iter()
        .map(|s| {
            format!(
                "{:?} {} {}",
                s.kind,
                s.step,
                s.renamed_from.as_deref().unwrap_or("-")
            )
        })
        .collect();
    (judged.findings().map(|f| f.rule).collect(), steps)
}

#[test]
fn a_rename_alone_passes_and_keeps_its_history_append_only() {
    let cat = catalog(&[("new", &["old"])]);
    let old = steps_doc(&[("old", &[H1, H2])]);
    let (rules, steps) = judged_with(&old, &steps_doc(&[("new", &[H1, H2])]), &cat);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(steps, ["Kept r/new old"]);
    // Appending under the new id is still an append.
    let (rules, _) = judged_with(&old, &steps_doc(&[("new", &[H1, H2, H3])]), &cat);
    assert!(rules.is_empty(), "{rules:?}");
    // A rename that also rewrites an entry fails at that entry, one that drops one too.
    let rewritten = H2.replace("two", "TWO");
    let (rules, _) = judged_with(&old, &steps_doc(&[("new", &[H1, &rewritten])]), &cat);
    assert_eq!(rules, ["history-rewritten"]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("new", &[H2])]), &cat);
    assert_eq!(rules, ["history-rewritten"]);
    // Without the catalog's word, the same change is a removal and an addition.
    let (rules, steps) = judged_with(
        &old,
        &steps_doc(&[("new", &[H1, H2])]),
        &catalog(&[("new", &[])]),
    );
    assert_eq!(rules, ["step-removed"]);
    assert_eq!(steps, ["Removed r/old -", "Added r/new -"]);
}

#[test]
fn a_rename_cannot_take_over_or_launder_a_record() {
    // Renamed onto an id that has its own record: that step keeps it, the old is gone.
    let cat = catalog(&[("new", &["old"])]);
    let old = steps_doc(&[("old", &[H1]), ("new", &[H2])]);
    let (rules, steps) = judged_with(&old, &steps_doc(&[("new", &[H2])]), &cat);
    assert_eq!(rules, ["step-removed"]);
    assert_eq!(steps, ["Removed r/old -"]);
    // ... nor by moving the old history onto it.
    let (rules, _) = judged_with(&old, &steps_doc(&[("new", &[H1, H2])]), &cat);
    assert!(
        rules.contains(&"step-removed") && rules.contains(&"history-inserted"),
        "{rules:?}"
    );

    // Two steps claiming one old id (a broken catalog): neither is the old step.
    let two = catalog(&[("a", &["old"]), ("b", &["old"])]);
    let old = steps_doc(&[("old", &[H1])]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("a", &[H1]), ("b", &[H1])]), &two);
    assert_eq!(rules, ["step-removed"]);

    // One step claiming two old ids: one history can be kept, not both.
    let merged = catalog(&[("new", &["a", "b"])]);
    let old = steps_doc(&[("a", &[H1]), ("b", &[H2])]);
    let (rules, steps) = judged_with(&old, &steps_doc(&[("new", &[H2])]), &merged);
    assert_eq!(rules, ["step-removed"]);
    assert_eq!(steps, ["Removed r/a -", "Kept r/new b"]);
    // An old id without history may go (its catalog renamed it away): `sync` drops it.
    let old = steps_doc(&[("a", &[H1]), ("b", &[])]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("new", &[H1])]), &merged);
    assert!(rules.is_empty(), "{rules:?}");

    // Renaming back: `new` at the base, the old id now. The old id is no current step,
    // so `new` is removed (and `check` says `unknown-step` of the file itself).
    let old = steps_doc(&[("new", &[H1])]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("old", &[H1])]), &cat);
    assert_eq!(rules, ["step-removed"]);

    // The catalog edited in the same change to claim a deleted step: the step's history
    // must come along entry by entry, so the record cannot be dropped this way ...
    let old = steps_doc(&[("gone", &[H1, H2])]);
    let claims = catalog(&[("fresh", &["gone"])]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("fresh", &[])]), &claims);
    assert_eq!(rules, ["history-rewritten", "history-rewritten"]);
    // ... but kept whole, it is a rename the new side's catalog allows.
    let (rules, steps) = judged_with(&old, &steps_doc(&[("fresh", &[H1, H2])]), &claims);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(steps, ["Kept r/fresh gone"]);
}

#[test]
fn a_step_its_catalog_dropped_goes_only_without_history() {
    let cat = catalog(&[("kept", &[])]);
    let old = steps_doc(&[("kept", &[H1]), ("dropped", &[])]);
    let (rules, steps) = judged_with(&old, &steps_doc(&[("kept", &[H1])]), &cat);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(steps, ["Removed r/dropped -"]);
    let old = steps_doc(&[("kept", &[H1]), ("dropped", &[H2])]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("kept", &[H1])]), &cat);
    assert_eq!(rules, ["step-removed"]);
    // A step still in the catalog is never removed silently, history or not.
    let cat = catalog(&[("kept", &[]), ("dropped", &[])]);
    let old = steps_doc(&[("kept", &[H1]), ("dropped", &[])]);
    let (rules, _) = judged_with(&old, &steps_doc(&[("kept", &[H1])]), &cat);
    assert_eq!(rules, ["step-removed"]);
}
