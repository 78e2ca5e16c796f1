//! `diff` as Markdown for a pull-request comment or a job summary.

use super::Diff;
use super::text::source_text;
use super::{changed, correction, nothing, refusals, refused, shown, sources, transition, view};
use crate::check::rules::append_only::Part;
use crate::model::change::{EntryChange, EntryKind, StepKind};
use crate::present::Render;
use crate::present::text::escape::{self, markdown as cell};
use chrono::NaiveDate;

/// A date, or a dash when there is none.
fn or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
}

/// Markdown for a pull-request comment or a job summary. Every piece of tracker text
/// goes through the report's cell escaping, so none of it can add markup.
#[derive(Debug, Clone, Copy)]
pub struct Markdown;

impl Render<Diff<'_>> for Markdown {
    fn render(&self, diff: &Diff<'_>) -> String {
        let (changes, base) = (diff.changes, diff.base);
        let list = changed(changes);
        if list.is_empty() {
            return nothing(base);
        }
        let mut out = format!(
            "## Tracker changes since `{}` (merge base `{}`)\n\n",
            escape::markdown_code(base.rev),
            base.commit
        );
        for j in list {
            let c = &j.change;
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
            let refused_ones = refusals(j);
            if !refused_ones.is_empty() {
                out.push_str("**Refused by `check --base`:**\n\n");
                for (part, f) in &refused_ones {
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
                    cell(&or_dash(a.before)),
                    cell(&or_dash(a.after))
                ));
            }
            if let Some(cl) = &c.closed {
                out.push_str(&format!(
                    "- **closed** {} → {}\n\n",
                    cell(&or_dash(cl.before)),
                    cell(&or_dash(cl.after))
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
                    let Some(a) = e.after.as_ref().map(view) else {
                        continue;
                    };
                    let date = if e.kind == EntryKind::Inserted {
                        format!(
                            "{} ⛔ inserted before {}",
                            cell(&a.date),
                            cell(
                                &e.precedes
                                    .map_or_else(|| "?".to_string(), |d| d.to_string())
                            )
                        )
                    } else {
                        cell(&a.date)
                    };
                    out.push_str(&format!(
                        "| `{}` | {date} | {} | {} | {} |\n",
                        cell(step),
                        cell(&transition(e)),
                        cell(a.note.as_deref().unwrap_or("")),
                        cell(&sources(&a))
                    ));
                }
                out.push('\n');
            }
            let mut amended = String::new();
            for (s, step) in c.steps.iter().enumerate() {
                if step.kind == StepKind::Removed && step.retired && step.lost_entries == 0 {
                    amended.push_str(&format!(
                        "- **step removed** `{}`, without history (its catalog no longer has it)\n",
                        cell(&step.step)
                    ));
                } else if let Some(old) = &step.renamed_from {
                    amended.push_str(&format!(
                        "- **step renamed** `{}`, renamed from `{}`\n",
                        cell(&step.step),
                        cell(old)
                    ));
                } else if step.kind == StepKind::Removed {
                    amended.push_str(&format!(
                        "- ⛔ **step removed** `{}`, with its history ({} entr{})\n",
                        cell(&step.step),
                        step.lost_entries,
                        if step.lost_entries == 1 { "y" } else { "ies" }
                    ));
                }
                for (k, e) in step.entries.iter().enumerate() {
                    match e.kind {
                        EntryKind::Removed => {
                            let Some(b) = e.before.as_ref().map(view) else {
                                continue;
                            };
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
                            let date = e
                                .before
                                .as_ref()
                                .map(view)
                                .map(|b| b.date)
                                .unwrap_or_default();
                            let refused = refused(j, Part::Entry(s, k));
                            let said = match e.after.as_ref().and_then(|a| a.correction.as_ref()) {
                                Some(c) => {
                                    let (date, reason) = correction(c);
                                    format!("correction of {}: {}", cell(&date), cell(&reason))
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
                                cell(&date),
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
}
