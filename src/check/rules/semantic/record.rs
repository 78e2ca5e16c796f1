//! The rules on a tracker's record: dates, the order and status of history entries,
//! evidence and sources, and how fresh each step is.

use super::Context;
use crate::check::finding::Finding;
use crate::check::rules::{
    BACK_TO_NOT_STARTED, DATE_AFTER_AS_OF, ENTRY_AFTER_CLOSE, FUTURE_DATE, HISTORY_ORDER,
    MISSING_EVIDENCE, REVIEW_OVERDUE, STALE_STEP, STATUS_MISMATCH, UNKNOWN_SOURCE,
};
use crate::check::suggest::did_you_mean;
use crate::model::status::Status;
use crate::model::tracker::{Entry, Step, Tracker};
use chrono::NaiveDate;
use std::collections::HashSet;

/// future-date on `as_of`, and the date rules on every history entry.
pub(super) fn dates(tracker: &Tracker, ctx: &Context, out: &mut Vec<Finding>) {
    if let Some(as_of) = &tracker.as_of
        && as_of.value > ctx.today
    {
        out.push(
            Finding::new(
                &FUTURE_DATE,
                as_of.span,
                format!(
                    "`as_of` {} is later than today ({})",
                    as_of.value, ctx.today
                ),
            )
            .label("in the future")
            .help(concat!(
                "set `as_of` to the date the tracker describes, ",
                "no later than today (a typo in the year?)"
            )),
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
            future("correction", entry.correction.as_deref(), out);
            let Some(date) = &entry.date else { continue };
            if let Some(closed) = closed
                && date.value > closed
            {
                out.push(
                    Finding::new(
                        &ENTRY_AFTER_CLOSE,
                        date.span,
                        format!(
                            "this entry is dated {}, after the tracker was closed ({closed})",
                            date.value
                        ),
                    )
                    .label("after the tracker closed")
                    .help(concat!(
                        "a closed tracker records nothing after its closing date: ",
                        "correct the date, or record this in another tracker"
                    )),
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
                    .help(concat!(
                        "correct the date, or move `as_of` forward ",
                        "to the date the tracker now describes"
                    )),
                );
            }
            if date.value > ctx.today {
                out.push(
                    Finding::new(
                        &FUTURE_DATE,
                        date.span,
                        format!(
                            "history date {} is later than today ({})",
                            date.value, ctx.today
                        ),
                    )
                    .label("in the future")
                    .help(concat!(
                        "a history records what has happened: ",
                        "correct the date (a typo in the year?)"
                    )),
                );
            }
        }
    }
}

/// status-mismatch, history-order, back-to-not-started, missing-evidence.
pub(super) fn history(step: &Step, out: &mut Vec<Finding>) {
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
                    .help(concat!(
                        "make `status` the status of the latest entry, or append ",
                        "a dated entry with the new status and its evidence"
                    )),
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
                    .help(concat!(
                        "history runs oldest first: move this entry ",
                        "to its place in time (or fix the date)"
                    )),
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
        if status.value.needs_evidence() && !entry.has_evidence() {
            out.push(
                Finding::new(
                    &MISSING_EVIDENCE,
                    entry.span,
                    format!("this `{}` entry cites no evidence", status.value),
                )
                .label("no evidence")
                .help(concat!(
                    "add `evidence:` with at least one `- source: ",
                    "ID` (and a `locator:`) from `sources`"
                )),
            );
        }
    }
}

/// unknown-source; collects cited ids for unused-source.
pub(super) fn sources<'t>(
    tracker: &Tracker,
    step: &'t Step,
    cited: &mut HashSet<&'t str>,
    out: &mut Vec<Finding>,
) {
    let known = || tracker.sources.iter().map(|s| s.id.value.as_str());
    for source in step
        .history
        .iter()
        .flat_map(Entry::evidence)
        .filter_map(|e| e.source)
    {
        cited.insert(source.value);
        if !known().any(|k| k == source.value) {
            let listed = known().collect::<Vec<_>>().join(", ");
            out.push(
                Finding::new(
                    &UNKNOWN_SOURCE,
                    source.span,
                    format!(
                        "evidence cites `{}`, which is not under `sources`{}",
                        source.value,
                        did_you_mean(source.value, known())
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
pub(super) fn freshness(tracker: &Tracker, step: &Step, ctx: &Context, out: &mut Vec<Finding>) {
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
                .help(concat!(
                    "look for recent information and append an ",
                    "entry, even one that confirms the status"
                )),
            );
        }
    }
}
