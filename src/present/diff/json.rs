//! `diff` as JSON for scripts: every change with its line in the file now and the
//! findings `check --base` makes of it.

use super::Diff;
use super::{changed, correction, view};
use crate::check::finding::Finding;
use crate::check::rules::append_only::Part;
use crate::model::change::{EntryKind, FieldDiff, SourceKind, StepKind};
use crate::model::status::Status;
use crate::model::tracker::{Correction, Entry};
use crate::present::Render;
use crate::present::text::json::{self as json_text, version};
use serde_json::{Value, json};

fn findings_json<'a>(fs: impl Iterator<Item = &'a Finding>) -> Vec<Value> {
    fs.map(|f| {
        json!({
            "rule": f.rule, "severity": f.severity.to_string(),
            "line": f.span.start.line, "column": f.span.start.col,
            "message": f.message,
        })
    })
    .collect()
}

fn correction_json(c: &Correction) -> Value {
    let (date, reason) = correction(c);
    json!({"date": date, "reason": reason})
}

fn view_json(e: Option<&Entry>) -> Value {
    e.map_or(Value::Null, |e| {
        let v = view(e);
        json!({
            "date": v.date, "status": v.status, "note": v.note,
            "sources": v.sources.iter().map(|(id, loc)| json!({"source": id, "locator": loc})).collect::<Vec<_>>(),
            "correction": v.correction.as_ref().map(|(date, reason)| json!({"date": date, "reason": reason})),
        })
    })
}

fn fields_json(fields: &[FieldDiff]) -> Vec<Value> {
    fields
        .iter()
        .map(|f| json!({"field": f.field, "before": f.before, "after": f.after}))
        .collect()
}

/// JSON for scripts: every change with its line in the file now and the findings
/// `check --base` makes of it.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl Render<Diff<'_>> for Json {
    fn render(&self, diff: &Diff<'_>) -> String {
        let (changes, base) = (diff.changes, diff.base);
        let trackers: Vec<_> = changed(changes)
            .into_iter()
            .map(|j| {
                let c = &j.change;
                let mut items: Vec<Value> = Vec::new();
                for (i, s) in c.sources.iter().enumerate() {
                    items.push(json!({
                        "kind": match s.kind { SourceKind::Added => "source-added", SourceKind::Removed => "source-removed", SourceKind::Changed => "source-changed" },
                        "source": s.id, "line": s.span.start.line, "cited_at_base": s.cited_at_base,
                        "fields": fields_json(&s.fields),
                        "correction": s.correction_after.as_ref().map(correction_json),
                        "findings": findings_json(j.at(Part::Source(i))),
                    }));
                }
                for (i, step) in c.steps.iter().enumerate() {
                    let kind = match step.kind {
                        StepKind::Added => Some("step-added"),
                        StepKind::Removed => Some("step-removed"),
                        StepKind::Kept if step.renamed_from.is_some() => Some("step-renamed"),
                        StepKind::Kept => None,
                    };
                    if let Some(kind) = kind {
                        let mut item = json!({
                            "kind": kind, "step": step.step, "line": step.span.start.line,
                            "lost_entries": step.lost_entries,
                            "findings": findings_json(j.at(Part::Step(i))),
                        });
                        // Only where it says something, so other items keep their shape.
                        if let (Some(old), Some(map)) = (&step.renamed_from, item.as_object_mut()) {
                            map.insert("renamed_from".into(), json!(old));
                        }
                        if step.retired && let Some(map) = item.as_object_mut() {
                            map.insert("retired".into(), json!(true));
                        }
                        items.push(item);
                    }
                    for (k, e) in step.entries.iter().enumerate() {
                        items.push(json!({
                            "kind": match e.kind {
                                EntryKind::Appended => "entry-appended",
                                EntryKind::Inserted => "entry-inserted",
                                EntryKind::Removed => "entry-removed",
                                EntryKind::Changed => "entry-changed",
                            },
                            "step": step.step, "line": e.span.start.line,
                            "status_from": e.status_from.map(Status::id),
                            "precedes": e.precedes.map(|d| d.to_string()),
                            "before": view_json(e.before.as_ref()), "after": view_json(e.after.as_ref()),
                            "fields": fields_json(&e.fields),
                            "findings": findings_json(j.at(Part::Entry(i, k))),
                        }));
                    }
                }
                let field = |f: &Option<crate::model::change::Field>| {
                    f.as_ref()
                        .map(|f| {
                            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
                            json!({"from": day(f.before), "to": day(f.after), "line": f.span.start.line})
                        })
                };
                json!({
                    "id": c.id, "title": c.title, "file": c.file, "old_file": c.old_file,
                    "state": if c.is_removed() { "removed" } else if c.is_new() { "new" } else if c.moved() { "moved" } else { "changed" },
                    "as_of": field(&c.as_of),
                    "closed": field(&c.closed),
                    "findings": findings_json(j.at(Part::Tracker)),
                    "changes": items,
                })
            })
            .collect();
        let doc = json!({
            "version": version::DIFF,
            "base": base.rev,
            "merge_base": base.commit,
            "changed": !trackers.is_empty(),
            "trackers": trackers,
        });
        json_text::to_text(&doc)
    }
}
