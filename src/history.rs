//! Append-only history: a tracker compared with its version at a base revision.
//!
//! Once an entry is merged it stays as it was, unless it says it was amended
//! (`correction` dated on or after the base commit). Steps, sources and `as_of` may not
//! move backwards either. Entries are compared as data (not as text), so re-indenting
//! or re-quoting a file is not a rewrite.

use crate::diagnostic::Finding;
use crate::document::{Entry, Node};
use crate::rules::{
    AS_OF_BACKWARDS, HISTORY_INSERTED, HISTORY_REWRITTEN, SOURCE_REMOVED,
    STATUS_CHANGE_WITHOUT_NOTE, STEP_REMOVED,
};
use crate::span::Span;
use crate::tracker::parse_date;
use chrono::NaiveDate;

/// What the comparison knows about the base.
#[derive(Debug, Clone)]
pub struct BaseInfo<'a> {
    /// The revision as written (for messages).
    pub rev: &'a str,
    /// Its commit date.
    pub date: NaiveDate,
}

fn map(node: Option<&Node>) -> &[Entry] {
    node.and_then(Node::as_map).unwrap_or_default()
}

fn seq(node: Option<&Node>) -> &[Node] {
    node.and_then(Node::as_seq).unwrap_or_default()
}

fn date_of(entry: &Node) -> String {
    entry
        .get("date")
        .and_then(Node::as_str)
        .unwrap_or("(no date)")
        .to_string()
}

fn status_of(entry: &Node) -> Option<&str> {
    entry.get("status").and_then(Node::as_str)
}

/// Whether `entry` declares an amendment made on or after the base commit.
fn corrected_since(entry: &Node, base: &BaseInfo<'_>) -> bool {
    entry
        .get("correction")
        .and_then(|c| c.get("date"))
        .and_then(Node::as_str)
        .and_then(parse_date)
        .is_some_and(|d| d >= base.date)
}

/// Findings about the change from `old` to `new`.
pub fn compare(old: &Node, new: &Node, base: &BaseInfo<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let root_span = Span::point(1, 1);
    let key_span = |node: &Node, key: &str| node.entry(key).map_or(root_span, |e| e.key_span);

    // as_of never moves back.
    let old_as_of = old.get("as_of").and_then(Node::as_str).and_then(parse_date);
    if let (Some(before), Some(node)) = (old_as_of, new.get("as_of"))
        && let Some(now) = node.as_str().and_then(parse_date)
        && now < before
    {
        out.push(
            Finding::new(
                &AS_OF_BACKWARDS,
                node.span,
                format!(
                    "`as_of` moved back from {before} (at {}) to {now}",
                    base.rev
                ),
            )
            .label("earlier than before")
            .help(format!("keep `as_of` at {before} or move it forward")),
        );
    }

    // Sources stay.
    let new_sources = map(new.get("sources"));
    for source in map(old.get("sources")) {
        if !new_sources.iter().any(|s| s.key == source.key) {
            out.push(
                Finding::new(
                    &SOURCE_REMOVED,
                    key_span(new, "sources"),
                    format!(
                        "source `{}` existed at {} and is gone",
                        source.key, base.rev
                    ),
                )
                .label("a source was removed here")
                .help(format!(
                    "put `{}` back under `sources:` (see `git show {}:FILE`)",
                    source.key, base.rev
                )),
            );
        }
    }

    // Steps stay, and their history only grows.
    let new_recs = new.get("recommendations");
    for rec in map(old.get("recommendations")) {
        let new_rec = new_recs.and_then(|r| r.get(&rec.key));
        let new_steps = new_rec.and_then(|r| r.get("steps"));
        for step in map(rec.value.get("steps")) {
            let Some(new_step) = new_steps.and_then(|s| s.get(&step.key)) else {
                let span = match (new_rec, new_recs) {
                    (Some(r), _) => key_span(r, "steps"),
                    (None, Some(_)) => key_span(new, "recommendations"),
                    (None, None) => root_span,
                };
                out.push(
                    Finding::new(
                        &STEP_REMOVED,
                        span,
                        format!(
                            "step `{}/{}` existed at {} and is gone",
                            rec.key, step.key, base.rev
                        ),
                    )
                    .label("a step was removed here")
                    .help(format!(
                        "put the step back with its history (see `git show {}:FILE`)",
                        base.rev
                    )),
                );
                continue;
            };
            let old_status = step.value.get("status").and_then(Node::as_str);
            history(&step.key, &step.value, new_step, old_status, base, &mut out);
        }
    }
    // Steps new since the base: their entries are all new.
    for rec in map(new_recs) {
        let old_steps = old
            .get("recommendations")
            .and_then(|r| r.get(&rec.key))
            .and_then(|r| r.get("steps"));
        for step in map(rec.value.get("steps")) {
            if old_steps.and_then(|s| s.get(&step.key)).is_none() {
                appended(&step.key, seq(step.value.get("history")), None, &mut out);
            }
        }
    }
    out
}

/// One step's history, old against new.
fn history<'a>(
    step: &str,
    old_step: &Node,
    new_step: &'a Node,
    old_status: Option<&'a str>,
    base: &BaseInfo<'_>,
    out: &mut Vec<Finding>,
) {
    let old = seq(old_step.get("history"));
    let new = seq(new_step.get("history"));
    let same = |i: usize, j: usize| old[i].same_value(&new[j]);
    let history_span = new_step
        .entry("history")
        .map_or(new_step.span, |e| e.key_span);
    let (mut i, mut j) = (0, 0);
    while i < old.len() {
        if j >= new.len() {
            let dates: Vec<_> = old[i..].iter().map(date_of).collect();
            out.push(
                Finding::new(
                    &HISTORY_REWRITTEN,
                    history_span,
                    format!(
                        "`{step}` lost {} entr{} recorded at {} (dated {})",
                        old.len() - i,
                        if old.len() - i == 1 { "y" } else { "ies" },
                        base.rev,
                        dates.join(", ")
                    ),
                )
                .label("entries removed")
                .help("history is append-only: put the entries back, and record what changed in a new entry"),
            );
            return;
        }
        if same(i, j) || corrected_since(&new[j], base) {
            i += 1;
            j += 1;
            continue;
        }
        // The old entry further down: something was put in front of it.
        if let Some(k) = (j + 1..new.len()).find(|&k| same(i, k)) {
            out.push(
                Finding::new(
                    &HISTORY_INSERTED,
                    new[j].span,
                    format!(
                        "a new entry (dated {}) was placed before `{step}`'s entry dated {}, recorded at {}",
                        date_of(&new[j]),
                        date_of(&old[i]),
                        base.rev
                    ),
                )
                .label("inserted before recorded history")
                .help("append new entries after the last one; history already published stays in place"),
            );
            j = k;
            continue;
        }
        // The next old entry is here: this one was removed.
        let removed = i + 1 < old.len() && same(i + 1, j);
        let finding = if removed {
            Finding::new(
                &HISTORY_REWRITTEN,
                new[j].span,
                format!("`{step}`'s entry dated {}, recorded at {}, was removed from before this one", date_of(&old[i]), base.rev),
            )
            .label("an entry was removed before this")
            .help("history is append-only: put the entry back, and record what changed in a new entry")
        } else {
            Finding::new(
                &HISTORY_REWRITTEN,
                new[j].span,
                format!("`{step}`'s entry dated {}, recorded at {}, was changed", date_of(&old[i]), base.rev),
            )
            .label("changed since it was recorded")
            .help(format!(
                "undo the change, or keep it and add `correction: {{date, reason}}` dated on or after {} saying why",
                base.date
            ))
        };
        out.push(finding);
        i += 1;
        if !removed {
            j += 1;
        }
    }
    let before = if j == 0 {
        old_status
    } else {
        status_of(&new[j - 1])
    };
    appended(step, &new[j..], before, out);
}

/// status-change-without-note on entries appended since the base.
fn appended<'a>(
    step: &str,
    entries: &'a [Node],
    mut previous: Option<&'a str>,
    out: &mut Vec<Finding>,
) {
    for entry in entries {
        let status = status_of(entry);
        let changes = status.is_some() && status != previous.or(Some("unknown"));
        if changes && entry.get("note").is_none() {
            out.push(
                Finding::new(
                    &STATUS_CHANGE_WITHOUT_NOTE,
                    entry.span,
                    format!(
                        "this new entry moves `{step}` from `{}` to `{}` without a note",
                        previous.unwrap_or("unknown"),
                        status.unwrap_or_default()
                    ),
                )
                .label("status changes here")
                .help("add `note:` saying what happened, in a sentence or two"),
            );
        }
        previous = status.or(previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Limits, parse};

    fn doc(history: &str, extra: &str) -> Node {
        let text = format!(
            "as_of: 2022-01-01\nsources:\n  a: {{title: A}}\n{extra}recommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n        status: x\n        history:\n{history}"
        );
        parse(&text, &Limits::default()).unwrap()
    }

    const E1: &str = "          - {date: 2021-01-01, status: in-progress, note: one}\n";
    const E2: &str = "          - {date: 2021-02-01, status: stalled, note: two}\n";
    const E3: &str = "          - {date: 2021-03-01, status: achieved, note: three}\n";

    fn rules(old: &Node, new: &Node) -> Vec<(&'static str, usize)> {
        let base = BaseInfo {
            rev: "HEAD~1",
            date: NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(),
        };
        compare(old, new, &base)
            .into_iter()
            .map(|f| (f.rule, f.span.start.line))
            .collect()
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
        let corrected = E2.replace(
            "note: two}",
            "note: two, correction: {date: 2022-01-10, reason: misread}}",
        );
        assert!(rules(&old, &doc(&format!("{E1}{corrected}"), "")).is_empty());
        let too_early = E2.replace(
            "note: two}",
            "note: two, correction: {date: 2022-01-09, reason: misread}}",
        );
        assert_eq!(
            rules(&old, &doc(&format!("{E1}{too_early}"), "")),
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
        assert_eq!(rules(&old, &doc(E1, "")), [("history-rewritten", 9)]);
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
    fn sources_steps_and_as_of_do_not_go_back() {
        let old = doc(E1, "");
        let text = "as_of: 2021-12-01\nsources: {}\nrecommendations:\n  mediator:\n    steps: {}\n";
        let new = parse(text, &Limits::default()).unwrap();
        assert_eq!(
            rules(&old, &new),
            [
                ("as-of-backwards", 1),
                ("source-removed", 2),
                ("step-removed", 5)
            ]
        );
    }
}
