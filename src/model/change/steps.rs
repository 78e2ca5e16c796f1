//! Steps old against new: matched by id, or across a rename that the new side's
//! catalog declares (`renamed_from`), so a renamed step's history is compared entry by
//! entry with the history it had under its old id.
//!
//! A rename is never a way out of the record: a new id that had its own step at the
//! base is matched with that step, never with a renamed one; an old id claimed by two
//! steps of the catalog matches neither; of several old steps claimed by one new step,
//! only the one whose history the new step keeps best is matched, the others are
//! removed (and judged so).

use super::{StepChange, StepKind, all_steps, entry_changes, find_step, rec_of};
use crate::model::catalog::Catalog;
use crate::model::tracker::{Step, Tracker};
use crate::syntax::span::Span;
use std::collections::HashMap;

/// The step of recommendation `rec` in `tracker`.
fn step_of<'t>(tracker: &'t Tracker, rec: &str, id: &str) -> Option<&'t Step> {
    rec_of(tracker, rec)
        .and_then(|r| r.steps.as_ref())
        .and_then(|(_, steps)| find_step(steps, id))
}

/// The one step of `rec` in `catalog` that lists `old` in `renamed_from` (none when
/// two claim it: a broken catalog renames nothing).
fn renamed_to<'c>(catalog: &'c Catalog, rec: &str, old: &str) -> Option<&'c str> {
    let r = catalog.recommendation(rec)?;
    let mut claims = r
        .steps
        .iter()
        .filter(|s| s.id != old && s.renamed_from.iter().any(|o| o == old));
    match (claims.next(), claims.next()) {
        (Some(s), None) => Some(s.id.as_str()),
        _ => None,
    }
}

/// How much of the old history the new one does not keep as it was: the entries
/// removed, changed or put in front of recorded ones.
fn damage(old: &Step, new: &Step) -> usize {
    entry_changes(Some(old), new)
        .iter()
        .filter(|e| e.kind != super::EntryKind::Appended)
        .count()
}

/// Old steps gone under their id whose new id (a step of the new side that was not
/// there at the base) the catalog declares: (rec, old id) → new id.
fn renames(old: &Tracker, new: &Tracker, catalog: &Catalog) -> HashMap<(String, String), String> {
    // new (rec, id) → (old id, damage) of the best claimer so far.
    let mut best: HashMap<(String, String), (String, usize)> = HashMap::new();
    for (rec, was) in all_steps(old) {
        let id = was.id.value.as_str();
        if step_of(new, rec, id).is_some() {
            continue;
        }
        let Some(to) = renamed_to(catalog, rec, id) else {
            continue;
        };
        // A new id with its own record at the base keeps it: no step takes it over.
        if step_of(old, rec, to).is_some() {
            continue;
        }
        let Some(now) = step_of(new, rec, to) else {
            continue;
        };
        let cost = damage(was, now);
        let key = (rec.to_string(), to.to_string());
        if best.get(&key).is_none_or(|(_, c)| cost < *c) {
            best.insert(key, (id.to_string(), cost));
        }
    }
    best.into_iter()
        .map(|((rec, to), (from, _))| ((rec, from), to))
        .collect()
}

/// Whether `catalog` still has step `id` in recommendation `rec`.
fn in_catalog(catalog: Option<&Catalog>, rec: &str, id: &str) -> bool {
    catalog.is_none_or(|c| c.recommendation(rec).is_some_and(|r| r.step(id).is_some()))
}

/// The steps whose record is not as it was, old steps first (in the base's order),
/// then new ones.
pub(super) fn compare(
    old: &Tracker,
    new: &Tracker,
    catalog: Option<&Catalog>,
    root_span: Span,
) -> Vec<StepChange> {
    let renamed = catalog.map(|c| renames(old, new, c)).unwrap_or_default();
    let mut out = Vec::new();
    for (rec, was) in all_steps(old) {
        let name = |id: &str| format!("{rec}/{id}");
        let id = was.id.value.as_str();
        if let Some(now) = step_of(new, rec, id) {
            let entries = entry_changes(Some(was), now);
            if !entries.is_empty() {
                out.push(StepChange {
                    step: name(id),
                    kind: StepKind::Kept,
                    span: now.id.span,
                    lost_entries: 0,
                    renamed_from: None,
                    retired: false,
                    entries,
                });
            }
            continue;
        }
        let to = renamed.get(&(rec.to_string(), id.to_string()));
        if let Some(now) = to.and_then(|to| step_of(new, rec, to)) {
            // The same step under its new id: listed even when its history is as it
            // was, so the rename shows.
            out.push(StepChange {
                step: name(&now.id.value),
                kind: StepKind::Kept,
                span: now.id.span,
                lost_entries: 0,
                renamed_from: Some(id.to_string()),
                retired: false,
                entries: entry_changes(Some(was), now),
            });
            continue;
        }
        let new_rec = rec_of(new, rec);
        let span = match (new_rec, &new.recommendations) {
            (Some(r), _) => r.steps.as_ref().map_or(root_span, |(key, _)| *key),
            (None, Some(recs)) => recs.key_span,
            (None, None) => root_span,
        };
        out.push(StepChange {
            step: name(id),
            kind: StepKind::Removed,
            span,
            lost_entries: was.history.len(),
            renamed_from: None,
            retired: !in_catalog(catalog, rec, id),
            entries: Vec::new(),
        });
    }
    let targets: Vec<(&str, &str)> = renamed
        .iter()
        .map(|((rec, _), to)| (rec.as_str(), to.as_str()))
        .collect();
    for (rec, now) in all_steps(new) {
        let id = now.id.value.as_str();
        if step_of(old, rec, id).is_some() || targets.contains(&(rec, id)) {
            continue;
        }
        out.push(StepChange {
            step: format!("{rec}/{id}"),
            kind: StepKind::Added,
            span: now.id.span,
            lost_entries: 0,
            renamed_from: None,
            retired: false,
            entries: entry_changes(None, now),
        });
    }
    out
}
