//! rectrack's own rules: what a tracker means, beyond its shape.

use super::{
    BACK_TO_NOT_STARTED, DATE_AFTER_AS_OF, DUPLICATE_ID, ENTRY_AFTER_CLOSE, FUTURE_DATE,
    HISTORY_ORDER, MISSING_EVIDENCE, MISSING_STEP, REVIEW_OVERDUE, STALE_STEP, STATUS_MISMATCH,
    UNKNOWN_RECOMMENDATION, UNKNOWN_SOURCE, UNKNOWN_STEP, UNUSED_SOURCE,
};
use crate::check::finding::Finding;
use crate::check::suggest::did_you_mean;
use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::model::tracker::{Step, Tracker};
use chrono::NaiveDate;
use std::collections::HashSet;

/// More findings of one rule in one mapping than this make one finding listing them.
const GROUP_AFTER: usize = 5;

/// Default staleness window, in days before `as_of`.
pub const DEFAULT_STALE_DAYS: u32 = 180;

/// What the rules compare against besides the file.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// "Today", for `future-date`.
    pub today: NaiveDate,
    /// The staleness window for `stale-step`, in days.
    pub stale_days: u32,
}

/// Runs every semantic rule on `tracker`.
pub fn check(tracker: &Tracker, catalog: &Catalog, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    catalog_ids(tracker, catalog, &mut out);
    dates(tracker, ctx, &mut out);
    let mut cited = HashSet::new();
    if let Some(recs) = &tracker.recommendations {
        for rec in &recs.entries {
            // An unknown recommendation's steps have nothing to be checked against;
            // its own diagnostic says what to do first.
            if catalog.recommendation(&rec.id.value).is_none() {
                continue;
            }
            for step in rec.steps.iter().flat_map(|(_, steps)| steps) {
                history(step, &mut out);
                sources(tracker, step, &mut cited, &mut out);
                freshness(tracker, step, ctx, &mut out);
            }
        }
    }
    // Citations can only be counted when every step could be read; otherwise a source
    // cited in an unreadable part would be wrongly reported unused.
    let all_steps_read = tracker.recommendations.as_ref().is_some_and(|r| {
        r.entries
            .iter()
            .all(|e| e.steps.is_some() || catalog.recommendation(&e.id.value).is_none())
    });
    let sources = if all_steps_read {
        tracker.sources.as_slice()
    } else {
        &[]
    };
    let unused: Vec<_> = sources
        .iter()
        .map(|s| &s.id)
        .filter(|id| !cited.contains(id.value.as_str()))
        .collect();
    // Past a handful, one warning lists the first few and counts the rest.
    if unused.len() > GROUP_AFTER {
        let names: Vec<String> = unused
            .iter()
            .take(GROUP_AFTER)
            .map(|id| format!("`{}`", id.value))
            .collect();
        out.push(
            Finding::new(
                &UNUSED_SOURCE,
                unused[0].span,
                format!(
                    "{} sources are not cited by any evidence: {} and {} more",
                    unused.len(),
                    names.join(", "),
                    unused.len() - GROUP_AFTER
                ),
            )
            .label("the first one never cited")
            .help("cite them in history entries' `evidence`, or remove them from `sources`"),
        );
        return out;
    }
    for source in unused {
        out.push(
            Finding::new(
                &UNUSED_SOURCE,
                source.span,
                format!("source `{}` is not cited by any evidence", source.value),
            )
            .label("never cited")
            .help("cite it in a history entry's `evidence`, or remove it from `sources`"),
        );
    }
    out
}

/// duplicate-id: a file whose `id` (at `span`) an earlier checked file, `first`, has.
pub fn duplicate_id(id: &str, span: crate::syntax::span::Span, first: &str) -> Finding {
    Finding::new(
        &DUPLICATE_ID,
        span,
        format!("tracker id `{id}` is already the id of {first}"),
    )
    .label("a second tracker with this id")
    .help("a tracker's id is its identity: give this tracker its own id, or remove the copy")
}

/// unknown-recommendation, unknown-step, missing-step.
fn catalog_ids(tracker: &Tracker, catalog: &Catalog, out: &mut Vec<Finding>) {
    let Some(recs) = &tracker.recommendations else {
        return;
    };
    let rec_ids = || catalog.recommendations.iter().map(|r| r.id.as_str());
    for rec in &recs.entries {
        let Some(known) = catalog.recommendation(&rec.id.value) else {
            out.push(
                Finding::new(
                    &UNKNOWN_RECOMMENDATION,
                    rec.id.span,
                    format!(
                        "`{}` is not a recommendation of the catalog{}",
                        rec.id.value,
                        did_you_mean(&rec.id.value, rec_ids())
                    ),
                )
                .label("unknown recommendation")
                .help(format!(
                    "recommendations are: {}",
                    rec_ids().collect::<Vec<_>>().join(", ")
                )),
            );
            continue;
        };
        let Some((steps_span, steps)) = &rec.steps else {
            continue;
        };
        let step_ids = || known.steps.iter().map(|s| s.id.as_str());
        for step in steps {
            if known.step(&step.id.value).is_none() {
                let elsewhere = catalog
                    .steps()
                    .find(|(_, s)| s.id == step.id.value)
                    .map(|(r, _)| format!(" (it belongs to `{}`)", r.id))
                    .unwrap_or_default();
                out.push(
                    Finding::new(
                        &UNKNOWN_STEP,
                        step.id.span,
                        format!(
                            "`{}` is not a step of `{}`{}{}",
                            step.id.value,
                            known.id,
                            elsewhere,
                            did_you_mean(&step.id.value, step_ids())
                        ),
                    )
                    .label("unknown step")
                    .help(format!(
                        "steps of `{}` are: {}",
                        known.id,
                        step_ids().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        let missing: Vec<_> = step_ids()
            .filter(|id| !steps.iter().any(|s| s.id.value == *id))
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    &MISSING_STEP,
                    *steps_span,
                    format!(
                        "`{}` lacks step{} {}",
                        known.id,
                        if missing.len() > 1 { "s" } else { "" },
                        quote_list(&missing)
                    ),
                )
                .label("missing steps here")
                .help("add each missing step; if nothing is known about it, give it `status: unknown`"),
            );
        }
    }
    let missing: Vec<_> = rec_ids()
        .filter(|id| !recs.entries.iter().any(|r| r.id.value == *id))
        .collect();
    if !missing.is_empty() {
        out.push(
            Finding::new(
                &MISSING_STEP,
                recs.key_span,
                format!(
                    "recommendation{} {} missing, with all {} steps",
                    if missing.len() > 1 { "s" } else { "" },
                    quote_list(&missing),
                    if missing.len() > 1 { "their" } else { "its" }
                ),
            )
            .label("missing recommendations here")
            .help("add the recommendation with every step (`rectrack init` writes a complete skeleton)"),
        );
    }
}

fn quote_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// future-date on `as_of`, and the date rules on every history entry.
fn dates(tracker: &Tracker, ctx: &Context, out: &mut Vec<Finding>) {
    if let Some(as_of) = &tracker.as_of
        && as_of.value > ctx.today
    {
        out.push(
                Finding::new(
                    &FUTURE_DATE,
                    as_of.span,
                    format!("`as_of` {} is later than today ({})", as_of.value, ctx.today),
                )
                .label("in the future")
                .help("set `as_of` to the date the tracker describes, no later than today (a typo in the year?)"),
            );
    }
    // A correction or closing "in 2099" would cover every later rewrite: dates of
    // amendments are held to today like any other.
    let future =
        |what: &str, c: Option<&crate::model::tracker::Correction>, out: &mut Vec<Finding>| {
            if let Some(date) = c.and_then(|c| c.date.as_ref())
                && date.value > ctx.today
            {
                out.push(
                    Finding::new(
                        &FUTURE_DATE,
                        date.span,
                        format!(
                            "{what} date {} is later than today ({})",
                            date.value, ctx.today
                        ),
                    )
                    .label("in the future")
                    .help(format!(
                        "date the {what} the day it was made, no later than today"
                    )),
                );
            }
        };
    future("closing", tracker.closed.as_ref(), out);
    for source in &tracker.sources {
        future("correction", source.correction.as_ref(), out);
    }
    let closed = tracker
        .closed
        .as_ref()
        .and_then(|c| c.date.as_ref())
        .map(|d| d.value);
    let Some(recs) = &tracker.recommendations else {
        return;
    };
    let steps = recs
        .entries
        .iter()
        .flat_map(|r| r.steps.iter().flat_map(|(_, s)| s));
    for step in steps {
        for entry in &step.history {
            future("correction", entry.correction.as_ref(), out);
            let Some(date) = &entry.date else { continue };
            if let Some(closed) = closed
                && date.value > closed
            {
                out.push(
                    Finding::new(
                        &ENTRY_AFTER_CLOSE,
                        date.span,
                        format!("this entry is dated {}, after the tracker was closed ({closed})", date.value),
                    )
                    .label("after the tracker closed")
                    .help("a closed tracker records nothing after its closing date: correct the date, or record this in another tracker"),
                );
            }
            if let Some(as_of) = &tracker.as_of
                && date.value > as_of.value
            {
                out.push(
                        Finding::new(
                            &DATE_AFTER_AS_OF,
                            date.span,
                            format!(
                                "history date {} is later than the tracker's `as_of` ({})",
                                date.value, as_of.value
                            ),
                        )
                        .label("after as_of")
                        .help("correct the date, or move `as_of` forward to the date the tracker now describes"),
                    );
            }
            if date.value > ctx.today {
                out.push(
                    Finding::new(
                        &FUTURE_DATE,
                        date.span,
                        format!("history date {} is later than today ({})", date.value, ctx.today),
                    )
                    .label("in the future")
                    .help("a history records what has happened: correct the date (a typo in the year?)"),
                );
            }
        }
    }
}

/// status-mismatch, history-order, back-to-not-started, missing-evidence.
fn history(step: &Step, out: &mut Vec<Finding>) {
    let last = step.history.last();
    if let Some(status) = &step.status {
        match last.and_then(|e| e.status.as_ref().map(|s| (e, s))) {
            Some((entry, last_status)) if last_status.value != status.value => {
                let when = entry.date.as_ref().map_or_else(String::new, |d| {
                    format!(" ({}, line {})", d.value, entry.span.start.line)
                });
                out.push(
                    Finding::new(
                        &STATUS_MISMATCH,
                        status.span,
                        format!(
                            "step `{}` has status `{}` but its last history entry{} says `{}`",
                            step.id.value, status.value, when, last_status.value
                        ),
                    )
                    .label(format!("expected `{}`", last_status.value))
                    .help("make `status` the status of the latest entry, or append a dated entry with the new status and its evidence"),
                );
            }
            None if step.history.is_empty() && status.value.needs_evidence() => {
                out.push(
                    Finding::new(
                        &STATUS_MISMATCH,
                        status.span,
                        format!(
                            "step `{}` has status `{}` but no history entry to show for it",
                            step.id.value, status.value
                        ),
                    )
                    .label("no history behind this")
                    .help("add a `history:` entry with the date, this status and its evidence"),
                );
            }
            _ => {}
        }
    }
    let mut moved = false;
    // One finding per step, at the first entry earlier than the one before it: moving
    // that entry usually fixes the rest, and a cascade of errors would hide that.
    let mut previous: Option<NaiveDate> = None;
    let mut out_of_order = false;
    for entry in &step.history {
        if let Some(date) = &entry.date {
            if let Some(prev) = previous
                && date.value < prev
                && !out_of_order
            {
                out_of_order = true;
                out.push(
                    Finding::new(
                        &HISTORY_ORDER,
                        date.span,
                        format!("{} comes after an entry dated {prev}", date.value),
                    )
                    .label("earlier than the entry before it")
                    .help("history runs oldest first: move this entry to its place in time (or fix the date)"),
                );
            }
            previous = Some(date.value);
        }
        let Some(status) = &entry.status else {
            continue;
        };
        if status.value == Status::NotStarted && moved {
            out.push(
                Finding::new(
                    &BACK_TO_NOT_STARTED,
                    entry.span,
                    format!(
                        "step `{}` goes back to `not-started` after it had moved",
                        step.id.value
                    ),
                )
                .label("back to not-started")
                .help("record a setback as `stalled` (blocked) or `reversed` (undone)"),
            );
        }
        moved |= status.value.needs_evidence();
        if status.value.needs_evidence() && entry.evidence.is_empty() {
            out.push(
                Finding::new(
                    &MISSING_EVIDENCE,
                    entry.span,
                    format!("this `{}` entry cites no evidence", status.value),
                )
                .label("no evidence")
                .help("add `evidence:` with at least one `- source: ID` (and a `locator:`) from `sources`"),
            );
        }
    }
}

/// unknown-source; collects cited ids for unused-source.
fn sources<'t>(
    tracker: &Tracker,
    step: &'t Step,
    cited: &mut HashSet<&'t str>,
    out: &mut Vec<Finding>,
) {
    let known = || tracker.sources.iter().map(|s| s.id.value.as_str());
    for source in step
        .history
        .iter()
        .flat_map(|e| &e.evidence)
        .filter_map(|e| e.source.as_ref())
    {
        cited.insert(&source.value);
        if !known().any(|k| k == source.value) {
            let listed = known().collect::<Vec<_>>().join(", ");
            out.push(
                Finding::new(
                    &UNKNOWN_SOURCE,
                    source.span,
                    format!(
                        "evidence cites `{}`, which is not under `sources`{}",
                        source.value,
                        did_you_mean(&source.value, known())
                    ),
                )
                .label("unknown source")
                .help(if listed.is_empty() {
                    "add the source under `sources:` with at least its `title`".to_string()
                } else {
                    format!("sources are: {listed}; or add this one under `sources:`")
                }),
            );
        }
    }
}

/// stale-step and review-overdue.
fn freshness(tracker: &Tracker, step: &Step, ctx: &Context, out: &mut Vec<Finding>) {
    let Some(as_of) = &tracker.as_of else { return };
    if let Some(review) = &step.next_review
        && review.value < as_of.value
    {
        out.push(
            Finding::new(
                &REVIEW_OVERDUE,
                review.span,
                format!(
                    "the review of `{}` was due {} (before `as_of` {})",
                    step.id.value, review.value, as_of.value
                ),
            )
            .label("overdue")
            .help(
                "review the step, append an entry if anything changed, and set a new `next_review`",
            ),
        );
    }
    let active = step
        .status
        .as_ref()
        .is_some_and(|s| matches!(s.value, Status::InProgress | Status::Stalled));
    let last_date = step.history.last().and_then(|e| e.date.as_ref());
    if let (true, Some(last)) = (active, last_date) {
        let age = (as_of.value - last.value).num_days();
        if age > i64::from(ctx.stale_days) {
            out.push(
                Finding::new(
                    &STALE_STEP,
                    step.id.span,
                    format!(
                        "step `{}` is {} but its last entry ({}) is {age} days older than `as_of`",
                        step.id.value,
                        step.status.as_ref().map_or("", |s| s.value.id()),
                        last.value
                    ),
                )
                .label(format!("no news for more than {} days", ctx.stale_days))
                .help("look for recent information and append an entry, even one that confirms the status"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::load::{Limits, parse};

    /// Findings of `rule` for a tracker whose `mediator-agreed` step is `step`.
    fn findings(rule: &str, as_of: &str, sources: &str, step: &str) -> Vec<Finding> {
        let text = format!(
            "as_of: {as_of}\nsources:\n{sources}recommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n{step}"
        );
        let doc = parse(&text, &Limits::default()).unwrap();
        let tracker = Tracker::from_document(&doc);
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
}
