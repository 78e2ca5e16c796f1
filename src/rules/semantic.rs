//! rectrack's own rules: what a tracker means, beyond its shape.

use super::{
    BACK_TO_NOT_STARTED, DATE_AFTER_AS_OF, FUTURE_DATE, HISTORY_ORDER, MISSING_EVIDENCE,
    MISSING_STEP, REVIEW_OVERDUE, STALE_STEP, STATUS_MISMATCH, UNKNOWN_RECOMMENDATION,
    UNKNOWN_SOURCE, UNKNOWN_STEP, UNUSED_SOURCE,
};
use crate::catalog::Catalog;
use crate::diagnostic::Finding;
use crate::status::Status;
use crate::suggest::did_you_mean;
use crate::tracker::{StepEntry, Tracker};
use chrono::NaiveDate;
use std::collections::HashSet;

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
    for source in &tracker.sources {
        if !cited.contains(source.value.as_str()) {
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
    }
    out
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
    let Some(recs) = &tracker.recommendations else {
        return;
    };
    let steps = recs
        .entries
        .iter()
        .flat_map(|r| r.steps.iter().flat_map(|(_, s)| s));
    for step in steps {
        for entry in &step.history {
            let Some(date) = &entry.date else { continue };
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
fn history(step: &StepEntry, out: &mut Vec<Finding>) {
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
    let mut previous: Option<NaiveDate> = None;
    for entry in &step.history {
        if let Some(date) = &entry.date {
            if let Some(prev) = previous
                && date.value < prev
            {
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
            previous = Some(previous.map_or(date.value, |p| p.max(date.value)));
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
    step: &'t StepEntry,
    cited: &mut HashSet<&'t str>,
    out: &mut Vec<Finding>,
) {
    let known = || tracker.sources.iter().map(|s| s.value.as_str());
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
fn freshness(tracker: &Tracker, step: &StepEntry, ctx: &Context, out: &mut Vec<Finding>) {
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
