//! rectrack's own rules: what a tracker means, beyond its shape.
//!
//! In: the typed tracker, the catalog and the day. Out: findings. This file holds the
//! catalog rules (ids, missing steps, duplicate ids); `record.rs` the rules on the
//! recorded history (dates, order, status, evidence, sources, freshness).

mod record;

use crate::check::finding::Finding;
use crate::check::rules::{
    DUPLICATE_ID, MISSING_STEP, UNKNOWN_RECOMMENDATION, UNKNOWN_STEP, UNUSED_SOURCE,
};
use crate::check::suggest::did_you_mean;
use crate::model::catalog::Catalog;
use crate::model::tracker::Tracker;
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
    record::dates(tracker, ctx, &mut out);
    let mut cited = HashSet::new();
    if let Some(recs) = &tracker.recommendations {
        for rec in &recs.entries {
            // An unknown recommendation's steps have nothing to be checked against;
            // its own diagnostic says what to do first.
            if catalog.recommendation(&rec.id.value).is_none() {
                continue;
            }
            for step in rec.steps.iter().flat_map(|(_, steps)| steps) {
                record::history(step, &mut out);
                record::sources(tracker, step, &mut cited, &mut out);
                record::freshness(tracker, step, ctx, &mut out);
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
                let suggestion = did_you_mean(&step.id.value, step_ids());
                let listed = format!(
                    "steps of `{}` are: {}",
                    known.id,
                    step_ids().collect::<Vec<_>>().join(", ")
                );
                // A step the catalog renamed is no typo: the tracker follows with sync.
                // Neither is one the catalog lacks outright, nothing like it nearby.
                let help = match known.renamed(&step.id.value) {
                    Some(new) => format!(
                        "renamed `{}` in catalog `{}`: run `rectrack sync` on this tracker",
                        new.id, catalog.id
                    ),
                    None if suggestion.is_empty() && elsewhere.is_empty() => format!(
                        "catalog `{}` has no such step ({listed}): if the catalog renamed it, list `{}` in the new step's `renamed_from` and run `rectrack sync` on this tracker",
                        catalog.id, step.id.value
                    ),
                    None => listed,
                };
                out.push(
                    Finding::new(
                        &UNKNOWN_STEP,
                        step.id.span,
                        format!(
                            "`{}` is not a step of `{}`{}{}",
                            step.id.value, known.id, elsewhere, suggestion
                        ),
                    )
                    .label("unknown step")
                    .help(help),
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
                .help(concat!(
                    "add each missing step; if nothing is ",
                    "known about it, give it `status: unknown` ",
                    "(`rectrack sync` adds every missing step so)"
                )),
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
            .help(concat!(
                "add the recommendation with every step ",
                "(`rectrack sync` adds it, every step `unknown`)"
            )),
        );
    }
}

fn quote_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
