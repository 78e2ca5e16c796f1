//! `diff` as plain text for a terminal: every line of tracker words made visible.

use super::Diff;
use super::{
    changed, correction, date, nothing, refusals, refused, shown, sources, transition, view,
};
use crate::check::rules::append_only::Part;
use crate::model::change::{
    EntryChange, EntryKind, FieldDiff, SourceChange, SourceKind, StepKind, TrackerChange,
};
use crate::model::tracker::Entry;
use crate::present::Render;
use crate::present::text::escape;
use chrono::NaiveDate;

/// A date, or a dash when there is none.
fn or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
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

fn correction_text(e: Option<&Entry>) -> String {
    match e.and_then(|e| e.correction.as_deref()).map(correction) {
        Some((date, reason)) => format!("corrected on {date}: {reason}"),
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
#[derive(Debug, Clone, Copy)]
pub struct Text;

impl Render<Diff<'_>> for Text {
    fn render(&self, diff: &Diff<'_>) -> String {
        let (changes, base) = (diff.changes, diff.base);
        let list = changed(changes);
        if list.is_empty() {
            return nothing(base);
        }
        let mut out = format!(
            "changes since {} (merge base {})\n\n",
            escape::human(base.rev),
            base.commit
        );
        for j in list {
            let c = &j.change;
            line(&mut out, &header_text(c));
            for (part, f) in refusals(j) {
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
                    &format!("  as_of: {} → {}", or_dash(a.before), or_dash(a.after)),
                );
            }
            if let Some(cl) = &c.closed {
                line(
                    &mut out,
                    &format!("  closed: {} → {}", or_dash(cl.before), or_dash(cl.after)),
                );
            }
            for (s, step) in c.steps.iter().enumerate() {
                match step.kind {
                    StepKind::Removed if step.retired && step.lost_entries == 0 => {
                        line(
                            &mut out,
                            &format!(
                                "  - {}  step removed, without history (its catalog no longer has it)",
                                step.step
                            ),
                        );
                        continue;
                    }
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
                    StepKind::Kept => {
                        if let Some(old) = &step.renamed_from {
                            line(&mut out, &format!("  ~ {}  renamed from {old}", step.step));
                        }
                    }
                }
                for (k, e) in step.entries.iter().enumerate() {
                    let refused = refused(j, Part::Entry(s, k));
                    entry_text(&step.step, e, refused, &mut out);
                }
            }
            for s in &c.sources {
                source_text(s, &mut out);
            }
            out.push('\n');
        }
        out
    }
}

fn entry_text(step: &str, e: &EntryChange, refused: bool, out: &mut String) {
    match e.kind {
        EntryKind::Appended | EntryKind::Inserted => {
            let Some(a) = e.after.as_ref().map(view) else {
                return;
            };
            let mark = if e.kind == EntryKind::Inserted {
                format!(
                    "  + {step}  {}  {}  INSERTED before the recorded entry of {}",
                    a.date,
                    transition(e),
                    e.precedes
                        .map_or_else(|| "?".to_string(), |d| d.to_string())
                )
            } else {
                format!("  + {step}  {}  {}", a.date, transition(e))
            };
            line(out, &mark);
            if let Some(note) = &a.note {
                line(out, &format!("      note: {note}"));
            }
            if !a.sources.is_empty() {
                line(out, &format!("      sources: {}", sources(&a)));
            }
        }
        EntryKind::Removed => {
            let Some(b) = e.before.as_ref().map(view) else {
                return;
            };
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
            let date = date(
                e.before
                    .as_ref()
                    .and_then(|b| b.date.as_ref())
                    .map(|d| d.value),
            );
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

pub(super) fn source_text(s: &SourceChange, out: &mut String) {
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
                Some(c) if !s.correction_before.as_ref().is_some_and(|b| b.says_same(c)) => {
                    let (date, reason) = correction(c);
                    format!("corrected on {date}: {reason}")
                }
                _ => "changed".into(),
            };
            line(out, &format!("  ~ source {} {what}", s.id));
            field_lines(&s.fields, "      ", out);
        }
    }
}
