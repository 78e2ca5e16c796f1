//! `rectrack diff REV`: what a change does to the record, in plain words.
//!
//! It shows the same comparison `check --base` judges (`compare.rs`, judged by
//! `history.rs`), so every finding of `check --base` has its line here: refused
//! changes first and marked with their rule, then moves, new entries, corrections
//! with the before and after of every changed field, and sources.

use crate::check::finding::{Finding, Severity};
use crate::check::rules::append_only::BaseInfo;
use crate::model::change::{
    EntryChange, EntryKind, EntryView, FieldDiff, SourceChange, SourceKind, StepKind, TrackerChange,
};
use crate::present::text::escape;
use crate::present::text::escape::markdown as cell;
use crate::present::text::json::{self as json_text, version};
use serde_json::{Value, json};

/// "no tracker changes since REV" when nothing changed.
fn nothing(base: &BaseInfo<'_>) -> String {
    format!("no tracker changes since {}\n", base.rev)
}

fn changed(changes: &[TrackerChange]) -> Vec<&TrackerChange> {
    // Removed trackers first: the most destructive change leads.
    let mut out: Vec<_> = changes.iter().filter(|c| !c.is_empty()).collect();
    out.sort_by_key(|c| !c.is_removed());
    out
}

fn transition(e: &EntryChange) -> String {
    let to = e.after.as_ref().map_or("", |a| a.status.as_str());
    match e.status_from.as_deref() {
        Some(from) if from != to && from != "unknown" => format!("{from} → {to}"),
        Some(from) if from == to => format!("still {to}"),
        _ => to.to_string(),
    }
}

fn sources(v: &EntryView) -> String {
    v.sources
        .iter()
        .map(|(id, loc)| match loc {
            Some(l) => format!("{id} ({l})"),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn shown(v: Option<&String>) -> String {
    v.map_or_else(|| "(none)".to_string(), |s| format!("\"{s}\""))
}

/// Every refused change of a tracker, destructive first: (part, finding).
fn refusals(c: &TrackerChange) -> Vec<(String, &Finding)> {
    fn add<'a>(out: &mut Vec<(String, &'a Finding)>, part: &str, findings: &'a [Finding]) {
        let errors = findings.iter().filter(|f| f.severity == Severity::Error);
        out.extend(errors.map(|f| (part.to_string(), f)));
    }
    let mut out = Vec::new();
    add(&mut out, "tracker", &c.findings);
    for s in &c.sources {
        add(&mut out, &format!("source {}", s.id), &s.findings);
    }
    for step in &c.steps {
        add(&mut out, &step.step, &step.findings);
        for e in &step.entries {
            add(&mut out, &step.step, &e.findings);
        }
    }
    out
}

fn header_text(c: &TrackerChange) -> String {
    let file = c.file.as_deref().or(c.old_file.as_deref()).unwrap_or("");
    let mut line = format!("{file} — {} ({})", c.title, c.id);
    if c.is_removed() {
        line.push_str(", REMOVED");
    } else if c.is_new() {
        line.push_str(", new tracker");
    } else if c.moved() {
        line.push_str(&format!(
            ", moved from {}",
            c.old_file.as_deref().unwrap_or("")
        ));
    }
    line
}

/// The lines of one changed field, indented.
fn field_lines(fields: &[FieldDiff], indent: &str, out: &mut String) {
    for f in fields {
        line(
            out,
            &format!(
                "{indent}{}: {} → {}",
                f.field,
                shown(f.before.as_ref()),
                shown(f.after.as_ref())
            ),
        );
    }
}

fn correction_text(v: Option<&EntryView>) -> String {
    match v.and_then(|v| v.correction.as_ref()) {
        Some(c) => format!("corrected on {}: {}", c.date, c.reason),
        None => "no correction".into(),
    }
}

/// One line of the text output: the tracker's words in it (titles, notes, keys, file
/// names) made visible, so nothing they hold starts a line of its own.
fn line(out: &mut String, text: &str) {
    out.push_str(&escape::human(text));
    out.push('\n');
}

/// Plain text for a terminal.
pub fn to_text(changes: &[TrackerChange], base: &BaseInfo<'_>) -> String {
    let list = changed(changes);
    if list.is_empty() {
        return nothing(base);
    }
    let mut out = format!(
        "changes since {} (merge base {})\n\n",
        base.rev, base.commit
    );
    for c in list {
        line(&mut out, &header_text(c));
        for (part, f) in refusals(c) {
            let place = match (part.as_str(), c.is_removed()) {
                (_, true) => String::new(),
                ("tracker", false) => format!(" (line {})", f.span.start.line),
                (part, false) => format!(" {part} (line {})", f.span.start.line),
            };
            line(&mut out, &format!("  ✗ {}{place}: {}", f.rule, f.message));
        }
        if let Some(a) = &c.as_of {
            line(
                &mut out,
                &format!(
                    "  as_of: {} → {}",
                    a.before.as_deref().unwrap_or("—"),
                    a.after.as_deref().unwrap_or("—")
                ),
            );
        }
        if let Some(cl) = &c.closed {
            line(
                &mut out,
                &format!(
                    "  closed: {} → {}",
                    cl.before.as_deref().unwrap_or("—"),
                    cl.after.as_deref().unwrap_or("—")
                ),
            );
        }
        for step in &c.steps {
            match step.kind {
                StepKind::Removed => {
                    line(
                        &mut out,
                        &format!(
                            "  - {}  step REMOVED, with its history ({} entr{})",
                            step.step,
                            step.lost_entries,
                            if step.lost_entries == 1 { "y" } else { "ies" }
                        ),
                    );
                    continue;
                }
                StepKind::Added => line(&mut out, &format!("  + {}  new step", step.step)),
                StepKind::Kept => {}
            }
            for e in &step.entries {
                entry_text(&step.step, e, &mut out);
            }
        }
        for s in &c.sources {
            source_text(s, &mut out);
        }
        out.push('\n');
    }
    out
}

fn entry_text(step: &str, e: &EntryChange, out: &mut String) {
    match e.kind {
        EntryKind::Appended | EntryKind::Inserted => {
            let Some(a) = &e.after else { return };
            let mark = if e.kind == EntryKind::Inserted {
                format!(
                    "  + {step}  {}  {}  INSERTED before the recorded entry of {}",
                    a.date,
                    transition(e),
                    e.precedes.as_deref().unwrap_or("?")
                )
            } else {
                format!("  + {step}  {}  {}", a.date, transition(e))
            };
            line(out, &mark);
            if let Some(note) = &a.note {
                line(out, &format!("      note: {note}"));
            }
            if !a.sources.is_empty() {
                line(out, &format!("      sources: {}", sources(a)));
            }
        }
        EntryKind::Removed => {
            let Some(b) = &e.before else { return };
            line(
                out,
                &format!(
                    "  - {step}  entry of {} REMOVED (was: {}{})",
                    b.date,
                    b.status,
                    b.note
                        .as_deref()
                        .map(|n| format!(", \"{n}\""))
                        .unwrap_or_default()
                ),
            );
        }
        EntryKind::Changed => {
            let date = e.before.as_ref().map_or("", |b| b.date.as_str());
            let refused = e.findings.iter().any(|f| f.severity == Severity::Error);
            line(
                out,
                &format!(
                    "  {} {step}  entry of {date} {}",
                    if refused { "!" } else { "~" },
                    if refused {
                        format!("changed, {}", correction_text(e.after.as_ref()))
                    } else {
                        correction_text(e.after.as_ref())
                    }
                ),
            );
            field_lines(&e.fields, "      ", out);
        }
    }
}

fn source_text(s: &SourceChange, out: &mut String) {
    match s.kind {
        SourceKind::Added => line(out, &format!("  + source {}", s.id)),
        SourceKind::Removed => line(
            out,
            &format!(
                "  - source {} removed{}",
                s.id,
                if s.cited_at_base {
                    " (it was cited)"
                } else {
                    ""
                }
            ),
        ),
        SourceKind::Changed => {
            let what = match &s.correction_after {
                Some(c) if s.correction_before.as_ref() != Some(c) => {
                    format!("corrected on {}: {}", c.date, c.reason)
                }
                _ => "changed".into(),
            };
            line(out, &format!("  ~ source {} {what}", s.id));
            field_lines(&s.fields, "      ", out);
        }
    }
}

/// Markdown for a pull-request comment or a job summary. Every piece of tracker text
/// goes through the report's cell escaping, so none of it can add markup.
pub fn to_markdown(changes: &[TrackerChange], base: &BaseInfo<'_>) -> String {
    let list = changed(changes);
    if list.is_empty() {
        return nothing(base);
    }
    let mut out = format!(
        "## Tracker changes since `{}` (merge base `{}`)\n\n",
        // The revision as given on the command line, in a code span (where Markdown
        // escapes do not apply): one line, no backquote to close the span.
        escape::human(base.rev).replace('`', "'"),
        base.commit
    );
    for c in list {
        let file = cell(c.file.as_deref().or(c.old_file.as_deref()).unwrap_or(""));
        let title = if c.title.is_empty() {
            cell(&c.id)
        } else {
            cell(&c.title)
        };
        let tail = if c.is_removed() {
            " — **removed**".to_string()
        } else if c.is_new() {
            " — new tracker".to_string()
        } else if c.moved() {
            format!(
                " — moved from {}",
                cell(c.old_file.as_deref().unwrap_or(""))
            )
        } else {
            String::new()
        };
        out.push_str(&format!("### {title} ({file}){tail}\n\n"));
        let refused = refusals(c);
        if !refused.is_empty() {
            out.push_str("**Refused by `check --base`:**\n\n");
            for (part, f) in &refused {
                // A tracker that is gone has no line to point at.
                let place = match (part.as_str(), c.is_removed()) {
                    (_, true) => String::new(),
                    ("tracker", false) => format!(" (line {})", f.span.start.line),
                    (part, false) => format!(" `{}` (line {})", cell(part), f.span.start.line),
                };
                out.push_str(&format!(
                    "- ⛔ **{}**{place}: {}\n",
                    f.rule,
                    cell(&f.message)
                ));
            }
            out.push('\n');
        }
        if let Some(a) = &c.as_of {
            out.push_str(&format!(
                "- **as of** {} → {}\n\n",
                cell(a.before.as_deref().unwrap_or("—")),
                cell(a.after.as_deref().unwrap_or("—"))
            ));
        }
        if let Some(cl) = &c.closed {
            out.push_str(&format!(
                "- **closed** {} → {}\n\n",
                cell(cl.before.as_deref().unwrap_or("—")),
                cell(cl.after.as_deref().unwrap_or("—"))
            ));
        }
        let new_entries: Vec<(&str, &EntryChange)> = c
            .steps
            .iter()
            .flat_map(|s| s.entries.iter().map(move |e| (s.step.as_str(), e)))
            .filter(|(_, e)| matches!(e.kind, EntryKind::Appended | EntryKind::Inserted))
            .collect();
        if !new_entries.is_empty() {
            out.push_str(
                "| step | date | status | note | sources |\n| --- | --- | --- | --- | --- |\n",
            );
            for (step, e) in new_entries {
                let Some(a) = &e.after else { continue };
                let date = if e.kind == EntryKind::Inserted {
                    format!(
                        "{} ⛔ inserted before {}",
                        cell(&a.date),
                        cell(e.precedes.as_deref().unwrap_or("?"))
                    )
                } else {
                    cell(&a.date)
                };
                out.push_str(&format!(
                    "| `{}` | {date} | {} | {} | {} |\n",
                    cell(step),
                    cell(&transition(e)),
                    cell(a.note.as_deref().unwrap_or("")),
                    cell(&sources(a))
                ));
            }
            out.push('\n');
        }
        let mut amended = String::new();
        for step in &c.steps {
            if step.kind == StepKind::Removed {
                amended.push_str(&format!(
                    "- ⛔ **step removed** `{}`, with its history ({} entr{})\n",
                    cell(&step.step),
                    step.lost_entries,
                    if step.lost_entries == 1 { "y" } else { "ies" }
                ));
            }
            for e in &step.entries {
                match e.kind {
                    EntryKind::Removed => {
                        let Some(b) = &e.before else { continue };
                        amended.push_str(&format!(
                            "- ⛔ **entry removed** `{}`, entry of {}: was {}{}\n",
                            cell(&step.step),
                            cell(&b.date),
                            cell(&b.status),
                            b.note
                                .as_deref()
                                .map(|n| format!(", “{}”", cell(n)))
                                .unwrap_or_default()
                        ));
                    }
                    EntryKind::Changed => {
                        let date = e.before.as_ref().map_or("", |b| b.date.as_str());
                        let refused = e.findings.iter().any(|f| f.severity == Severity::Error);
                        let said = match e.after.as_ref().and_then(|a| a.correction.as_ref()) {
                            Some(c) => {
                                format!("correction of {}: {}", cell(&c.date), cell(&c.reason))
                            }
                            None => "no correction".to_string(),
                        };
                        amended.push_str(&format!(
                            "- {} `{}`, entry of {}; {said}\n",
                            if refused {
                                "⛔ **changed**"
                            } else {
                                "**corrected**"
                            },
                            cell(&step.step),
                            cell(date),
                        ));
                        for f in &e.fields {
                            amended.push_str(&format!(
                                "  - {}: {} → {}\n",
                                cell(&f.field),
                                cell(&shown(f.before.as_ref())),
                                cell(&shown(f.after.as_ref()))
                            ));
                        }
                    }
                    EntryKind::Appended | EntryKind::Inserted => {}
                }
            }
        }
        for s in &c.sources {
            let mut text = String::new();
            source_text(s, &mut text);
            for (i, line) in text.lines().enumerate() {
                let indent = if i == 0 { "- " } else { "  - " };
                amended.push_str(&format!("{indent}{}\n", cell(line.trim())));
            }
        }
        if !amended.is_empty() {
            out.push_str(&amended);
            out.push('\n');
        }
    }
    out
}

fn findings_json(fs: &[Finding]) -> Vec<Value> {
    fs.iter()
        .map(|f| {
            json!({
                "rule": f.rule, "severity": f.severity.to_string(),
                "line": f.span.start.line, "column": f.span.start.col,
                "message": f.message,
            })
        })
        .collect()
}

fn view_json(v: Option<&EntryView>) -> Value {
    v.map_or(Value::Null, |v| {
        json!({
            "date": v.date, "status": v.status, "note": v.note,
            "sources": v.sources.iter().map(|(id, loc)| json!({"source": id, "locator": loc})).collect::<Vec<_>>(),
            "correction": v.correction.as_ref().map(|c| json!({"date": c.date, "reason": c.reason})),
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
pub fn to_json(changes: &[TrackerChange], base: &BaseInfo<'_>) -> String {
    let trackers: Vec<_> = changed(changes)
        .into_iter()
        .map(|c| {
            let mut items: Vec<Value> = Vec::new();
            for s in &c.sources {
                items.push(json!({
                    "kind": match s.kind { SourceKind::Added => "source-added", SourceKind::Removed => "source-removed", SourceKind::Changed => "source-changed" },
                    "source": s.id, "line": s.span.start.line, "cited_at_base": s.cited_at_base,
                    "fields": fields_json(&s.fields),
                    "correction": s.correction_after.as_ref().map(|c| json!({"date": c.date, "reason": c.reason})),
                    "findings": findings_json(&s.findings),
                }));
            }
            for step in &c.steps {
                let kind = match step.kind {
                    StepKind::Added => Some("step-added"),
                    StepKind::Removed => Some("step-removed"),
                    StepKind::Kept => None,
                };
                if let Some(kind) = kind {
                    items.push(json!({
                        "kind": kind, "step": step.step, "line": step.span.start.line,
                        "lost_entries": step.lost_entries,
                        "findings": findings_json(&step.findings),
                    }));
                }
                for e in &step.entries {
                    items.push(json!({
                        "kind": match e.kind {
                            EntryKind::Appended => "entry-appended",
                            EntryKind::Inserted => "entry-inserted",
                            EntryKind::Removed => "entry-removed",
                            EntryKind::Changed => "entry-changed",
                        },
                        "step": step.step, "line": e.span.start.line,
                        "status_from": e.status_from, "precedes": e.precedes,
                        "before": view_json(e.before.as_ref()), "after": view_json(e.after.as_ref()),
                        "fields": fields_json(&e.fields),
                        "findings": findings_json(&e.findings),
                    }));
                }
            }
            let field = |f: &Option<crate::model::change::Field>| {
                f.as_ref()
                    .map(|f| json!({"from": f.before, "to": f.after, "line": f.span.start.line}))
            };
            json!({
                "id": c.id, "title": c.title, "file": c.file, "old_file": c.old_file,
                "state": if c.is_removed() { "removed" } else if c.is_new() { "new" } else if c.moved() { "moved" } else { "changed" },
                "as_of": field(&c.as_of),
                "closed": field(&c.closed),
                "findings": findings_json(&c.findings),
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
