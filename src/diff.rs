//! `rectrack diff REV`: what a change does to the record, in plain words.

use crate::document::Node;
use crate::history::BaseInfo;
use crate::tracker::parse_date;
use serde_json::json;

/// Version of the `diff --format json` shape.
pub const JSON_VERSION: u32 = 1;

/// A history entry added since the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// `recommendation/step`.
    pub step: String,
    /// Entry date.
    pub date: String,
    /// Status before the entry (`None` when unknown).
    pub from: Option<String>,
    /// Status the entry records.
    pub to: String,
    /// Its note.
    pub note: Option<String>,
    /// Cited sources: id and locator.
    pub sources: Vec<(String, Option<String>)>,
}

/// A recorded entry amended since the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amended {
    /// `recommendation/step`.
    pub step: String,
    /// The entry's date.
    pub date: String,
    /// The correction's date and reason, if it has one (without, `check --base` fails).
    pub correction: Option<(String, String)>,
}

/// What changed in one tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerDiff {
    /// File, as given.
    pub file: String,
    /// Tracker id.
    pub id: String,
    /// Tracker title.
    pub title: String,
    /// The tracker did not exist at the base.
    pub is_new: bool,
    /// `as_of` before and after, when it changed.
    pub as_of: Option<(Option<String>, String)>,
    /// Entries added.
    pub entries: Vec<NewEntry>,
    /// Entries amended.
    pub amended: Vec<Amended>,
}

impl TrackerDiff {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        !self.is_new && self.as_of.is_none() && self.entries.is_empty() && self.amended.is_empty()
    }
}

fn text(node: Option<&Node>) -> Option<String> {
    node.and_then(Node::as_str).map(str::to_string)
}

fn entries_of(step: Option<&Node>) -> &[Node] {
    step.and_then(|s| s.get("history"))
        .and_then(Node::as_seq)
        .unwrap_or_default()
}

/// The changes from `old` (`None`: a new tracker) to `new`.
pub fn diff(file: &str, old: Option<&Node>, new: &Node) -> TrackerDiff {
    let as_of_old = old.and_then(|o| text(o.get("as_of")));
    let as_of_new = text(new.get("as_of")).unwrap_or_default();
    let mut d = TrackerDiff {
        file: file.to_string(),
        id: text(new.get("id")).unwrap_or_default(),
        title: text(new.get("title")).unwrap_or_default(),
        is_new: old.is_none(),
        as_of: (as_of_old.as_deref() != Some(as_of_new.as_str()))
            .then(|| (as_of_old.clone(), as_of_new)),
        entries: Vec::new(),
        amended: Vec::new(),
    };
    let recs = new
        .get("recommendations")
        .and_then(Node::as_map)
        .unwrap_or_default();
    for rec in recs {
        let steps = rec
            .value
            .get("steps")
            .and_then(Node::as_map)
            .unwrap_or_default();
        for step in steps {
            let old_step = old
                .and_then(|o| o.get("recommendations"))
                .and_then(|r| r.get(&rec.key))
                .and_then(|r| r.get("steps"))
                .and_then(|s| s.get(&step.key));
            let before = entries_of(old_step);
            let now = entries_of(Some(&step.value));
            let name = format!("{}/{}", rec.key, step.key);
            let mut previous = old_step.and_then(|s| text(s.get("status")));
            for (k, entry) in now.iter().enumerate() {
                let status = text(entry.get("status"));
                match before.get(k) {
                    Some(b) if b.same_value(entry) => {}
                    Some(_) => d.amended.push(Amended {
                        step: name.clone(),
                        date: text(entry.get("date")).unwrap_or_default(),
                        correction: entry.get("correction").map(|c| {
                            (
                                text(c.get("date")).unwrap_or_default(),
                                text(c.get("reason")).unwrap_or_default(),
                            )
                        }),
                    }),
                    None => d.entries.push(NewEntry {
                        step: name.clone(),
                        date: text(entry.get("date")).unwrap_or_default(),
                        from: previous.clone().filter(|p| p != "unknown"),
                        to: status.clone().unwrap_or_default(),
                        note: text(entry.get("note")),
                        sources: entry
                            .get("evidence")
                            .and_then(Node::as_seq)
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|e| Some((text(e.get("source"))?, text(e.get("locator")))))
                            .collect(),
                    }),
                }
                previous = status.or(previous);
            }
        }
    }
    // Newest news first reads best in a pull request; ties keep file order.
    d.entries.sort_by(|a, b| {
        let key = |e: &NewEntry| parse_date(&e.date);
        key(b).cmp(&key(a))
    });
    d
}

fn transition(e: &NewEntry) -> String {
    match &e.from {
        Some(from) if *from != e.to => format!("{from} → {}", e.to),
        Some(_) => format!("still {}", e.to),
        None => e.to.clone(),
    }
}

fn sources(e: &NewEntry) -> String {
    e.sources
        .iter()
        .map(|(id, loc)| match loc {
            Some(l) => format!("{id} ({l})"),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "no tracker changes since REV" when nothing changed.
fn nothing(base: &BaseInfo<'_>) -> String {
    format!("no tracker changes since {}\n", base.rev)
}

/// Plain text for a terminal.
pub fn to_text(diffs: &[TrackerDiff], base: &BaseInfo<'_>) -> String {
    let changed: Vec<_> = diffs.iter().filter(|d| !d.is_empty()).collect();
    if changed.is_empty() {
        return nothing(base);
    }
    let mut out = String::new();
    for d in changed {
        out.push_str(&format!(
            "{} — {} ({}){}\n",
            d.file,
            d.title,
            d.id,
            if d.is_new { ", new tracker" } else { "" }
        ));
        if let Some((from, to)) = &d.as_of {
            out.push_str(&format!(
                "  as_of: {} → {to}\n",
                from.as_deref().unwrap_or("—")
            ));
        }
        for e in &d.entries {
            out.push_str(&format!("  + {}  {}  {}\n", e.step, e.date, transition(e)));
            if let Some(note) = &e.note {
                out.push_str(&format!("      note: {note}\n"));
            }
            if !e.sources.is_empty() {
                out.push_str(&format!("      sources: {}\n", sources(e)));
            }
        }
        for a in &d.amended {
            match &a.correction {
                Some((date, reason)) => out.push_str(&format!(
                    "  ~ {}  entry of {} corrected on {date}: {reason}\n",
                    a.step, a.date
                )),
                None => out.push_str(&format!(
                    "  ! {}  entry of {} changed without a correction\n",
                    a.step, a.date
                )),
            }
        }
        out.push('\n');
    }
    out
}

/// Markdown for a pull-request comment or a job summary.
pub fn to_markdown(diffs: &[TrackerDiff], base: &BaseInfo<'_>) -> String {
    let changed: Vec<_> = diffs.iter().filter(|d| !d.is_empty()).collect();
    if changed.is_empty() {
        return nothing(base);
    }
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("## Tracker changes since `{}`\n\n", base.rev);
    for d in changed {
        out.push_str(&format!(
            "### {} (`{}`){}\n\n",
            esc(&d.title),
            d.file,
            if d.is_new { " — new tracker" } else { "" }
        ));
        if let Some((from, to)) = &d.as_of {
            out.push_str(&format!(
                "- **as of** {} → {to}\n\n",
                from.as_deref().unwrap_or("—")
            ));
        }
        if !d.entries.is_empty() {
            out.push_str(
                "| step | date | status | note | sources |\n| --- | --- | --- | --- | --- |\n",
            );
            for e in &d.entries {
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    e.step,
                    e.date,
                    transition(e),
                    esc(e.note.as_deref().unwrap_or("")),
                    esc(&sources(e))
                ));
            }
            out.push('\n');
        }
        for a in &d.amended {
            match &a.correction {
                Some((date, reason)) => out.push_str(&format!(
                    "- **corrected** `{}`, entry of {}: on {date}, {}\n",
                    a.step,
                    a.date,
                    esc(reason)
                )),
                None => out.push_str(&format!(
                    "- **changed without a correction** `{}`, entry of {} (`check --base` fails)\n",
                    a.step, a.date
                )),
            }
        }
        if !d.amended.is_empty() {
            out.push('\n');
        }
    }
    out
}

/// JSON for scripts.
pub fn to_json(diffs: &[TrackerDiff], base: &BaseInfo<'_>) -> String {
    let trackers: Vec<_> = diffs
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| {
            json!({
                "file": d.file, "id": d.id, "title": d.title, "new": d.is_new,
                "as_of": d.as_of.as_ref().map(|(from, to)| json!({"from": from, "to": to})),
                "entries": d.entries.iter().map(|e| json!({
                    "step": e.step, "date": e.date, "from": e.from, "to": e.to, "note": e.note,
                    "sources": e.sources.iter().map(|(id, loc)| json!({"source": id, "locator": loc})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "amended": d.amended.iter().map(|a| json!({
                    "step": a.step, "date": a.date,
                    "correction": a.correction.as_ref().map(|(date, reason)| json!({"date": date, "reason": reason})),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "version": JSON_VERSION,
        "base": base.rev,
        "changed": !trackers.is_empty(),
        "trackers": trackers,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
