use super::*;
use crate::syntax::{Limits, parse};

/// Findings of `rule` for a tracker whose `mediator-agreed` step is `step`.
fn findings(rule: &str, as_of: &str, sources: &str, step: &str) -> Vec<Finding> {
    let text = format!(
        "as_of: {as_of}\nsources:\n{sources}recommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n{step}"
    );
    let doc = parse(&text, &Limits::default()).unwrap();
    let tracker = Tracker::from_document(doc);
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        stale_days: DEFAULT_STALE_DAYS,
    };
    check(&tracker, &Catalog::builtin().unwrap(), &ctx)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

const SRC: &str = "  a:\n    title: A\n";

fn entry(date: &str, status: &str) -> String {
    format!(
        "          - date: {date}\n            status: {status}\n            evidence: [{{source: a}}]\n"
    )
}

#[test]
fn status_must_match_the_last_entry_and_claims_need_history() {
    let step = format!(
        "        status: achieved\n        history:\n{}",
        entry("2021-01-01", "in-progress")
    );
    let f = findings("status-mismatch", "2021-12-10", SRC, &step);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].span.start.line, 9, "points at the status value");
    assert_eq!(
        findings(
            "status-mismatch",
            "2021-12-10",
            SRC,
            "        status: in-progress\n"
        )
        .len(),
        1
    );
    assert!(
        findings(
            "status-mismatch",
            "2021-12-10",
            SRC,
            "        status: not-started\n"
        )
        .is_empty()
    );
    assert!(
        findings(
            "status-mismatch",
            "2021-12-10",
            SRC,
            "        status: unknown\n"
        )
        .is_empty()
    );
}

#[test]
fn same_day_entries_are_in_order_and_earlier_ones_are_not() {
    let same = format!(
        "        status: in-progress\n        history:\n{}{}",
        entry("2021-01-01", "in-progress"),
        entry("2021-01-01", "in-progress")
    );
    assert!(findings("history-order", "2021-12-10", SRC, &same).is_empty());
    let back = format!(
        "        status: in-progress\n        history:\n{}{}{}",
        entry("2021-03-01", "in-progress"),
        entry("2021-01-01", "in-progress"),
        entry("2021-02-01", "in-progress")
    );
    let f = findings("history-order", "2021-12-10", SRC, &back);
    assert_eq!(
        f.len(),
        1,
        "only the first date earlier than its predecessor"
    );
    assert!(f[0].message.starts_with("2021-01-01"), "{}", f[0].message);
}

#[test]
fn not_started_may_follow_unknown_but_not_progress() {
    let ok = "        status: not-started\n        history:\n          - date: 2021-01-01\n            status: unknown\n          - date: 2021-02-01\n            status: not-started\n";
    assert!(findings("back-to-not-started", "2021-12-10", SRC, ok).is_empty());
    let bad = format!(
        "        status: not-started\n        history:\n{}          - date: 2021-02-01\n            status: not-started\n",
        entry("2021-01-01", "stalled")
    );
    assert_eq!(
        findings("back-to-not-started", "2021-12-10", SRC, &bad).len(),
        1
    );
}

#[test]
fn only_claims_need_evidence() {
    let step = "        status: stalled\n        history:\n          - date: 2021-01-01\n            status: not-started\n          - date: 2021-02-01\n            status: stalled\n";
    let f = findings("missing-evidence", "2021-12-10", SRC, step);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].span.start.line, 13, "the stalled entry's first line");
}

#[test]
fn stale_after_the_window_not_on_its_last_day() {
    let step = format!(
        "        status: in-progress\n        history:\n{}",
        entry("2021-06-13", "in-progress")
    );
    // 2021-12-10 − 2021-06-13 = 180 days: still fresh.
    assert!(findings("stale-step", "2021-12-10", SRC, &step).is_empty());
    assert_eq!(findings("stale-step", "2021-12-11", SRC, &step).len(), 1);
    let achieved = format!(
        "        status: achieved\n        history:\n{}",
        entry("2020-01-01", "achieved")
    );
    assert!(
        findings("stale-step", "2021-12-10", SRC, &achieved).is_empty(),
        "only active steps go stale"
    );
}

#[test]
fn review_is_overdue_only_before_as_of() {
    let on_the_day = "        status: unknown\n        next_review: 2021-12-10\n";
    assert!(findings("review-overdue", "2021-12-10", SRC, on_the_day).is_empty());
    let before = "        status: unknown\n        next_review: 2021-12-09\n";
    assert_eq!(
        findings("review-overdue", "2021-12-10", SRC, before).len(),
        1
    );
}

#[test]
fn sources_cited_and_unknown() {
    let step = format!(
        "        status: in-progress\n        history:\n{}",
        entry("2021-01-01", "in-progress")
    );
    let two = "  a:\n    title: A\n  b:\n    title: B\n";
    let unused = findings("unused-source", "2021-12-10", two, &step);
    assert_eq!(unused.len(), 1);
    assert!(unused[0].message.contains("`b`"));
    let f = findings(
        "unknown-source",
        "2021-12-10",
        "  b:\n    title: B\n",
        &step,
    );
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("`a`"), "{}", f[0].message);
}

#[test]
fn dates_after_as_of_and_today() {
    let step = format!(
        "        status: in-progress\n        history:\n{}",
        entry("2022-02-01", "in-progress")
    );
    assert_eq!(
        findings("date-after-as-of", "2021-12-10", SRC, &step).len(),
        1
    );
    let future = findings("future-date", "2022-03-01", SRC, &step);
    assert_eq!(
        future.len(),
        2,
        "as_of and the entry are both after 2022-01-01"
    );
}

#[test]
fn unknown_step_help_points_at_the_rename_or_at_sync() {
    let mut catalog = Catalog::builtin().unwrap();
    let mediator = catalog
        .recommendations
        .iter_mut()
        .find(|r| r.id == "mediator")
        .unwrap();
    mediator.steps[1].renamed_from = vec!["mediator-chosen".into()];
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        stale_days: DEFAULT_STALE_DAYS,
    };
    let help = |step: &str| {
        let text = format!(
            "as_of: 2021-12-10\nrecommendations:\n  mediator:\n    steps:\n      {step}:\n        status: unknown\n"
        );
        let doc = parse(&text, &Limits::default()).unwrap();
        let found: Vec<_> = check(&Tracker::from_document(doc), &catalog, &ctx)
            .into_iter()
            .filter(|f| f.rule == "unknown-step")
            .collect();
        assert_eq!(found.len(), 1, "{step}");
        found[0].help.clone()
    };
    assert_eq!(
        help("mediator-chosen"),
        "renamed `mediator-agreed` in catalog `mali-jnim-dialogue`: run `rectrack sync` on this tracker"
    );
    let gone = help("ceasefire-signed");
    assert!(
        gone.starts_with("catalog `mali-jnim-dialogue` has no such step (steps of `mediator` are: candidates-identified, mediator-agreed)"),
        "{gone}"
    );
    assert!(
        gone.contains("`renamed_from`") && gone.contains("rectrack sync"),
        "{gone}"
    );
    // A typo keeps its plain list: the message's "did you mean" is the fix.
    assert_eq!(
        help("mediator-agred"),
        "steps of `mediator` are: candidates-identified, mediator-agreed"
    );
}
