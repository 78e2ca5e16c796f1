//! Old against new: one tracker compared with its version at the base of a change.
//!
//! This is the one comparison behind both `check --base`, which judges it
//! (`history.rs`), and `diff`, which shows it (`diff.rs`): so the two can never
//! disagree about what a change did. Steps are matched by id, entries are aligned so
//! that an entry put in front of recorded ones, a recorded entry removed and a recorded
//! entry changed are told apart, sources by id. Everything is compared as data:
//! re-indenting, re-quoting, reordering keys, comments, or rewriting the file in JSON
//! syntax change nothing.

use crate::check::finding::Finding;
use crate::syntax::document::{Node, Value};
use crate::syntax::span::Span;
use std::collections::BTreeMap;

/// Histories longer than this in their changed middle are paired by position rather
/// than aligned (the alignment is quadratic; real changes touch a handful of entries).
const MAX_ALIGN_CELLS: usize = 1_000_000;

/// A value before and after, with where the new one stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// At the base (`None`: absent).
    pub before: Option<String>,
    /// Now (`None`: absent).
    pub after: Option<String>,
    /// Where the new value (or its mapping) stands in the new file.
    pub span: Span,
}

/// One leaf of a changed entry or source: `note`, `evidence[0].locator`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// The path of the leaf inside the entry.
    pub field: String,
    /// At the base.
    pub before: Option<String>,
    /// Now.
    pub after: Option<String>,
}

/// A `correction: {date, reason}`, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// When the monitor amended the record.
    pub date: String,
    /// Why.
    pub reason: String,
}

/// What a history entry says, for showing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    /// Its date.
    pub date: String,
    /// Its status.
    pub status: String,
    /// Its note.
    pub note: Option<String>,
    /// Cited sources: id and locator.
    pub sources: Vec<(String, Option<String>)>,
    /// Its correction.
    pub correction: Option<Correction>,
}

/// How an entry changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// New, after every recorded entry.
    Appended,
    /// New, put in front of recorded entries.
    Inserted,
    /// Recorded at the base and gone.
    Removed,
    /// Recorded at the base and different now.
    Changed,
}

/// One entry that is not as it was.
#[derive(Debug, Clone)]
pub struct EntryChange {
    /// How.
    pub kind: EntryKind,
    /// The new entry, or (removed) where it stood: the entry now in its place, or the
    /// step's `history` key.
    pub span: Span,
    /// The entry at the base (removed, changed).
    pub before: Option<EntryView>,
    /// The entry now (appended, inserted, changed).
    pub after: Option<EntryView>,
    /// Changed: every leaf that differs (the correction is shown on its own).
    pub fields: Vec<FieldDiff>,
    /// Appended and inserted: the step's status before this entry.
    pub status_from: Option<String>,
    /// Inserted: the date of the recorded entry it was put in front of.
    pub precedes: Option<String>,
    /// What `check --base` says of it (filled by `append_only::judge`).
    pub findings: Vec<Finding>,
}

/// How a step changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// New since the base.
    Added,
    /// Gone since the base.
    Removed,
    /// There at both.
    Kept,
}

/// One step whose record is not as it was.
#[derive(Debug, Clone)]
pub struct StepChange {
    /// `recommendation/step`.
    pub step: String,
    /// How.
    pub kind: StepKind,
    /// The step's key now, or where a removed one was.
    pub span: Span,
    /// Removed: how many entries its history had.
    pub lost_entries: usize,
    /// Entries that changed, in the new history's order (removed ones where they were).
    pub entries: Vec<EntryChange>,
    /// What `check --base` says of the step itself.
    pub findings: Vec<Finding>,
}

/// How a source changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// New since the base.
    Added,
    /// Gone since the base.
    Removed,
    /// Its metadata changed.
    Changed,
}

/// One source that is not as it was.
#[derive(Debug, Clone)]
pub struct SourceChange {
    /// Its id.
    pub id: String,
    /// How.
    pub kind: SourceKind,
    /// Whether evidence cited it at the base (then it is part of the record).
    pub cited_at_base: bool,
    /// Its key now, or the `sources` key for a removed one.
    pub span: Span,
    /// Every leaf that differs (the correction is shown on its own).
    pub fields: Vec<FieldDiff>,
    /// Its correction at the base.
    pub correction_before: Option<Correction>,
    /// Its correction now.
    pub correction_after: Option<Correction>,
    /// What `check --base` says of it.
    pub findings: Vec<Finding>,
}

/// One tracker, old against new.
#[derive(Debug, Clone, Default)]
pub struct TrackerChange {
    /// The tracker's id (now, or at the base when it is gone).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it is now, as shown to the user (`None`: gone).
    pub file: Option<String>,
    /// Where it was at the base (`None`: new).
    pub old_file: Option<String>,
    /// `as_of`, when it changed.
    pub as_of: Option<Field>,
    /// `closed.date`, when it changed.
    pub closed: Option<Field>,
    /// `closed.date` at the base.
    pub closed_at_base: Option<String>,
    /// Sources that changed.
    pub sources: Vec<SourceChange>,
    /// Steps that changed.
    pub steps: Vec<StepChange>,
    /// What `check --base` says of the tracker as a whole (removed, as_of backwards).
    pub findings: Vec<Finding>,
}

impl TrackerChange {
    /// A tracker of the base that is in no checked file now.
    pub fn removed(id: &str, title: &str, old_file: String) -> Self {
        TrackerChange {
            id: id.to_string(),
            title: title.to_string(),
            old_file: Some(old_file),
            ..TrackerChange::default()
        }
    }

    /// Whether the tracker is new since the base.
    pub fn is_new(&self) -> bool {
        self.old_file.is_none()
    }

    /// Whether the tracker is gone.
    pub fn is_removed(&self) -> bool {
        self.file.is_none()
    }

    /// Whether it lives at another path than at the base.
    pub fn moved(&self) -> bool {
        matches!((&self.file, &self.old_file), (Some(a), Some(b)) if a != b)
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.is_new()
            && !self.is_removed()
            && !self.moved()
            && self.as_of.is_none()
            && self.closed.is_none()
            && self.sources.is_empty()
            && self.steps.is_empty()
            && self.findings.is_empty()
    }

    /// Every finding of every part, in file order.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = self.findings.clone();
        for s in &self.sources {
            out.extend(s.findings.iter().cloned());
        }
        for step in &self.steps {
            out.extend(step.findings.iter().cloned());
            for e in &step.entries {
                out.extend(e.findings.iter().cloned());
            }
        }
        out
    }
}

fn text(node: Option<&Node>) -> Option<String> {
    node.map(scalar_text)
}

/// A scalar as a reader would write it; a collection as compact JSON.
fn scalar_text(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        Value::Seq(_) | Value::Map(_) => node.to_json().to_string(),
    }
}

fn map(node: Option<&Node>) -> &[crate::syntax::document::Entry] {
    node.and_then(Node::as_map).unwrap_or_default()
}

fn seq(node: Option<&Node>) -> &[Node] {
    node.and_then(Node::as_seq).unwrap_or_default()
}

fn correction(node: Option<&Node>) -> Option<Correction> {
    let c = node?;
    Some(Correction {
        date: text(c.get("date")).unwrap_or_default(),
        reason: text(c.get("reason")).unwrap_or_default(),
    })
}

fn view(entry: &Node) -> EntryView {
    EntryView {
        date: text(entry.get("date")).unwrap_or_default(),
        status: text(entry.get("status")).unwrap_or_default(),
        note: text(entry.get("note")),
        sources: seq(entry.get("evidence"))
            .iter()
            .filter_map(|e| Some((text(e.get("source"))?, text(e.get("locator")))))
            .collect(),
        correction: correction(entry.get("correction")),
    }
}

/// Every leaf of `node` under `prefix`, skipping the top-level `correction`.
fn leaves(node: &Node, prefix: &str, out: &mut BTreeMap<String, String>) {
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                if prefix.is_empty() && e.key == "correction" {
                    continue;
                }
                let path = if prefix.is_empty() {
                    e.key.clone()
                } else {
                    format!("{prefix}.{}", e.key)
                };
                leaves(&e.value, &path, out);
            }
        }
        Value::Seq(items) => {
            if items.is_empty() {
                out.insert(prefix.to_string(), "[]".into());
            }
            for (i, item) in items.iter().enumerate() {
                leaves(item, &format!("{prefix}[{i}]"), out);
            }
        }
        _ => {
            out.insert(prefix.to_string(), scalar_text(node));
        }
    }
}

/// The leaves that differ between two versions of an entry or a source.
fn field_diffs(old: &Node, new: &Node) -> Vec<FieldDiff> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    leaves(old, "", &mut a);
    leaves(new, "", &mut b);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldDiff {
            field: k.clone(),
            before: a.get(k).cloned(),
            after: b.get(k).cloned(),
        })
        .collect()
}

/// How the old history lines up with the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Changed(usize, usize),
    Removed(usize),
    Inserted(usize),
    Appended(usize),
}

/// Aligns two histories: the longest run of identical entries in order (after the
/// common start and end, which is all an append touches), then each gap between
/// matches paired up by position as changes, the rest removed or new.
fn align(old: &[Node], new: &[Node]) -> Vec<Op> {
    let prefix = old
        .iter()
        .zip(new)
        .take_while(|(a, b)| a.same_value(b))
        .count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a.same_value(b))
        .count();
    let (o, n) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    // Matched pairs inside the middle, in order.
    let mut matches: Vec<(usize, usize)> = Vec::new();
    if !o.is_empty() && !n.is_empty() && o.len().saturating_mul(n.len()) <= MAX_ALIGN_CELLS {
        // Longest common subsequence, table from the end.
        let w = n.len() + 1;
        let mut t = vec![0u32; (o.len() + 1) * w];
        for i in (0..o.len()).rev() {
            for j in (0..n.len()).rev() {
                t[i * w + j] = if o[i].same_value(&n[j]) {
                    t[(i + 1) * w + j + 1] + 1
                } else {
                    t[(i + 1) * w + j].max(t[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < o.len() && j < n.len() {
            if o[i].same_value(&n[j]) {
                matches.push((i, j));
                i += 1;
                j += 1;
            } else if t[(i + 1) * w + j] > t[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let mut ops = vec![Op::Same; prefix];
    let (mut i, mut j) = (0, 0);
    let ends = matches
        .iter()
        .copied()
        .chain(std::iter::once((o.len(), n.len())));
    for (k, (mi, mj)) in ends.enumerate() {
        let last_gap = k == matches.len();
        // Nothing recorded follows the last gap unless the common end does.
        let recorded_after = !last_gap || suffix > 0;
        let (gap_old, gap_new) = (mi - i, mj - j);
        for d in 0..gap_old.min(gap_new) {
            ops.push(Op::Changed(prefix + i + d, prefix + j + d));
        }
        for d in gap_new.min(gap_old)..gap_old {
            ops.push(Op::Removed(prefix + i + d));
        }
        for d in gap_old.min(gap_new)..gap_new {
            ops.push(if recorded_after {
                Op::Inserted(prefix + j + d)
            } else {
                Op::Appended(prefix + j + d)
            });
        }
        if !last_gap {
            ops.push(Op::Same);
        }
        i = mi + 1;
        j = mj + 1;
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

/// The entries of one step that are not as they were.
fn entry_changes(
    old_step: Option<&Node>,
    new_step: &Node,
    new_step_span: Span,
) -> Vec<EntryChange> {
    let old = seq(old_step.and_then(|s| s.get("history")));
    let new = seq(new_step.get("history"));
    let history_span = new_step
        .entry("history")
        .map_or(new_step_span, |e| e.key_span);
    let mut out = Vec::new();
    // The status a new entry moves the step from: the entry before it in the new
    // history, or the step's status at the base when it is the first.
    let mut status = old_step.and_then(|s| text(s.get("status")));
    let mut j_next = 0;
    let entry = |kind, span, before, after| EntryChange {
        kind,
        span,
        before,
        after,
        fields: Vec::new(),
        status_from: None,
        precedes: None,
        findings: Vec::new(),
    };
    let ops = align(old, new);
    let mut i_old = 0;
    for op in &ops {
        match *op {
            Op::Same => {
                i_old += 1;
                status = text(new[j_next].get("status")).or(status);
                j_next += 1;
            }
            Op::Changed(i, j) => {
                let mut c = entry(
                    EntryKind::Changed,
                    new[j].span,
                    Some(view(&old[i])),
                    Some(view(&new[j])),
                );
                c.fields = field_diffs(&old[i], &new[j]);
                out.push(c);
                i_old = i + 1;
                status = text(new[j].get("status")).or(status);
                j_next = j + 1;
            }
            Op::Removed(i) => {
                // Point at the entry now in its place, else the last entry (it was
                // after it), else the history key.
                let span = new
                    .get(j_next)
                    .or(new.last())
                    .map_or(history_span, |n| n.span);
                out.push(entry(EntryKind::Removed, span, Some(view(&old[i])), None));
                i_old = i + 1;
            }
            Op::Inserted(j) | Op::Appended(j) => {
                let inserted = matches!(op, Op::Inserted(_));
                let mut c = entry(
                    if inserted {
                        EntryKind::Inserted
                    } else {
                        EntryKind::Appended
                    },
                    new[j].span,
                    None,
                    Some(view(&new[j])),
                );
                c.status_from = status.clone();
                if inserted {
                    // The recorded entry it now stands in front of: inserted entries
                    // come last in their gap, so that is the next old entry.
                    c.precedes = old.get(i_old).map(|n| view(n).date);
                }
                out.push(c);
                status = text(new[j].get("status")).or(status);
                j_next = j + 1;
            }
        }
    }
    out
}

/// Which sources any evidence of `root` cites.
fn cited(root: &Node) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for rec in map(root.get("recommendations")) {
        for step in map(rec.value.get("steps")) {
            for entry in seq(step.value.get("history")) {
                for e in seq(entry.get("evidence")) {
                    if let Some(s) = e.get("source").and_then(Node::as_str) {
                        out.insert(s.to_string());
                    }
                }
            }
        }
    }
    out
}

/// Compares a tracker's document at the base (`old`) with its document now (`new`).
/// `None` for `old`: the tracker is new. File names are the caller's to fill in.
pub fn compare(old: Option<&Node>, new: &Node) -> TrackerChange {
    let root_span = Span::point(1, 1);
    let key_span = |node: &Node, key: &str| node.entry(key).map_or(root_span, |e| e.key_span);
    let mut change = TrackerChange {
        id: text(new.get("id")).unwrap_or_default(),
        title: text(new.get("title")).unwrap_or_default(),
        ..TrackerChange::default()
    };
    let Some(old) = old else {
        return change;
    };
    let old_as_of = text(old.get("as_of"));
    let new_as_of = text(new.get("as_of"));
    if old_as_of != new_as_of {
        change.as_of = Some(Field {
            before: old_as_of,
            after: new_as_of,
            span: new.get("as_of").map_or(root_span, |n| n.span),
        });
    }
    let closed_date = |n: &Node| text(n.get("closed").and_then(|c| c.get("date")));
    change.closed_at_base = closed_date(old);
    if change.closed_at_base != closed_date(new) {
        change.closed = Some(Field {
            before: change.closed_at_base.clone(),
            after: closed_date(new),
            span: new
                .get("closed")
                .map_or_else(|| key_span(new, "id"), |n| n.span),
        });
    }

    // Sources, by id.
    let cited_before = cited(old);
    let new_sources = new.get("sources");
    let old_sources = old.get("sources");
    for s in map(old_sources) {
        let cited_at_base = cited_before.contains(&s.key);
        match new_sources.and_then(|n| n.entry(&s.key)) {
            None => change.sources.push(SourceChange {
                id: s.key.clone(),
                kind: SourceKind::Removed,
                cited_at_base,
                span: key_span(new, "sources"),
                fields: Vec::new(),
                correction_before: correction(s.value.get("correction")),
                correction_after: None,
                findings: Vec::new(),
            }),
            Some(now) if !s.value.same_value(&now.value) => change.sources.push(SourceChange {
                id: s.key.clone(),
                kind: SourceKind::Changed,
                cited_at_base,
                span: now.key_span,
                fields: field_diffs(&s.value, &now.value),
                correction_before: correction(s.value.get("correction")),
                correction_after: correction(now.value.get("correction")),
                findings: Vec::new(),
            }),
            Some(_) => {}
        }
    }
    for s in map(new_sources) {
        if old_sources.and_then(|o| o.get(&s.key)).is_none() {
            change.sources.push(SourceChange {
                id: s.key.clone(),
                kind: SourceKind::Added,
                cited_at_base: false,
                span: s.key_span,
                fields: Vec::new(),
                correction_before: None,
                correction_after: correction(s.value.get("correction")),
                findings: Vec::new(),
            });
        }
    }

    // Steps, by recommendation and step id.
    let new_recs = new.get("recommendations");
    let old_recs = old.get("recommendations");
    for rec in map(old_recs) {
        let new_rec = new_recs.and_then(|r| r.get(&rec.key));
        for step in map(rec.value.get("steps")) {
            let name = format!("{}/{}", rec.key, step.key);
            match new_rec
                .and_then(|r| r.get("steps"))
                .and_then(|s| s.entry(&step.key))
            {
                None => {
                    let span = match (new_rec, new_recs) {
                        (Some(r), _) => key_span(r, "steps"),
                        (None, Some(_)) => key_span(new, "recommendations"),
                        (None, None) => root_span,
                    };
                    change.steps.push(StepChange {
                        step: name,
                        kind: StepKind::Removed,
                        span,
                        lost_entries: seq(step.value.get("history")).len(),
                        entries: Vec::new(),
                        findings: Vec::new(),
                    });
                }
                Some(now) => {
                    let entries = entry_changes(Some(&step.value), &now.value, now.key_span);
                    if !entries.is_empty() {
                        change.steps.push(StepChange {
                            step: name,
                            kind: StepKind::Kept,
                            span: now.key_span,
                            lost_entries: 0,
                            entries,
                            findings: Vec::new(),
                        });
                    }
                }
            }
        }
    }
    for rec in map(new_recs) {
        let old_steps = old_recs
            .and_then(|r| r.get(&rec.key))
            .and_then(|r| r.get("steps"));
        for step in map(rec.value.get("steps")) {
            if old_steps.and_then(|s| s.get(&step.key)).is_none() {
                change.steps.push(StepChange {
                    step: format!("{}/{}", rec.key, step.key),
                    kind: StepKind::Added,
                    span: step.key_span,
                    lost_entries: 0,
                    entries: entry_changes(None, &step.value, step.key_span),
                    findings: Vec::new(),
                });
            }
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Limits, parse};

    fn entries(text: &str) -> Vec<Node> {
        let root = parse(text, &Limits::default()).unwrap();
        root.as_seq().unwrap().to_vec()
    }

    fn kinds(old: &str, new: &str) -> Vec<Op> {
        align(&entries(old), &entries(new))
    }

    #[test]
    fn appends_inserts_removals_and_changes_are_told_apart() {
        assert_eq!(
            kinds("[a, b]", "[a, b, c]"),
            [Op::Same, Op::Same, Op::Appended(2)]
        );
        assert_eq!(
            kinds("[a, b]", "[x, a, b]"),
            [Op::Inserted(0), Op::Same, Op::Same]
        );
        assert_eq!(
            kinds("[a, b, c]", "[a, c]"),
            [Op::Same, Op::Removed(1), Op::Same]
        );
        assert_eq!(
            kinds("[a, b, c]", "[a, B, c]"),
            [Op::Same, Op::Changed(1, 1), Op::Same]
        );
        assert_eq!(
            kinds("[a, b]", "[a, B, c]"),
            [Op::Same, Op::Changed(1, 1), Op::Appended(2)]
        );
        // Swapped: one stays, the other moved in front of it.
        assert_eq!(
            kinds("[a, b]", "[b, a]"),
            [Op::Inserted(0), Op::Same, Op::Removed(1)]
        );
        assert_eq!(kinds("[a]", "[]"), [Op::Removed(0)]);
    }

    #[test]
    fn key_order_and_style_are_not_changes() {
        let old = parse("{a: 1, b: [x, y]}", &Limits::default()).unwrap();
        let new = parse("b:\n  - x\n  - \"y\"\na: 1\n", &Limits::default()).unwrap();
        assert!(old.same_value(&new));
        let other = parse("{a: 1, b: [y, x]}", &Limits::default()).unwrap();
        assert!(!old.same_value(&other));
    }

    #[test]
    fn a_changed_entry_lists_each_changed_leaf() {
        let old = parse(
            "{date: 2021-01-01, note: one, evidence: [{source: a, locator: p1}]}",
            &Limits::default(),
        )
        .unwrap();
        let new = parse(
            "{date: 2021-01-01, note: two, evidence: [{source: a, locator: p2}], correction: {date: 2022-01-01, reason: r}}",
            &Limits::default(),
        )
        .unwrap();
        let diffs = field_diffs(&old, &new);
        let fields: Vec<_> = diffs.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["evidence[0].locator", "note"]);
        assert_eq!(diffs[1].before.as_deref(), Some("one"));
        assert_eq!(diffs[1].after.as_deref(), Some("two"));
    }
}
