//! `record`: one entry appended to a step's history, the step's status and the
//! tracker's `as_of` moved with it.

use crate::model::date::parse_date;
use crate::model::edit::place::Editor;
use crate::model::edit::render::{Kind, Out};
use crate::model::edit::verify::{object_at, verify};
use crate::model::edit::walk::{At, find_step, guard};
use crate::model::edit::{EditError, NewEntry, NewEvidence, RecordOptions};
use crate::model::tracker::Stance;
use crate::syntax::shape::Form;
use serde_json::Value as Json;

/// The entry as written: `date`, `status`, `note`, `evidence`.
pub(super) fn entry_out(entry: &NewEntry) -> Out {
    let mut pairs = vec![
        ("date", Out::Scalar(entry.date.to_string(), Kind::Date)),
        (
            "status",
            Out::Scalar(entry.status.id().to_string(), Kind::Word),
        ),
    ];
    if let Some(note) = &entry.note {
        pairs.push(("note", Out::Scalar(note.clone(), Kind::Text)));
    }
    if !entry.evidence.is_empty() {
        pairs.push(("evidence", evidence_out(&entry.evidence)));
    }
    Out::Map(pairs)
}

/// An evidence list as written: `source`, `locator`, `url`, and `stance` only when it
/// contradicts.
pub(super) fn evidence_out(evidence: &[NewEvidence]) -> Out {
    Out::List(
        evidence
            .iter()
            .map(|e| {
                let mut pairs = vec![("source", Out::Scalar(e.source.clone(), Kind::Word))];
                if let Some(l) = &e.locator {
                    pairs.push(("locator", Out::Scalar(l.clone(), Kind::Text)));
                }
                if let Some(u) = &e.url {
                    pairs.push(("url", Out::Scalar(u.clone(), Kind::Text)));
                }
                if e.stance == Stance::Contradicts {
                    pairs.push(("stance", Out::Scalar("contradicts".into(), Kind::Word)));
                }
                Out::Map(pairs)
            })
            .collect(),
    )
}

/// See [`super::record`].
pub(super) fn record(
    ed: &mut Editor<'_>,
    root: At<'_>,
    rec: &str,
    step: &str,
    entry: &NewEntry,
    options: RecordOptions,
) -> Result<String, EditError> {
    let found = find_step(root, rec, step)?;
    let step_map = found.value;
    let new = entry_out(entry);
    let mut expected = root.node.to_json();
    let path = ["recommendations", rec, "steps", step];
    let step_json = object_at(&mut expected, &path)
        .ok_or_else(|| EditError::Verify("the step is not a mapping".into()))?;

    // The entry, at the end of the history. It is then the step's last entry, which is
    // what the step's `status` must match (`status-mismatch`), so the status follows
    // whatever its date: an entry dated before the last one is refused by
    // `history-order`, and that finding alone says what is wrong.
    match step_map.pair("history") {
        None => {
            ed.insert_pair(step_map, &[], "history", &Out::List(vec![new.clone()]))?;
        }
        Some(history) => {
            guard(ed.root, history.value.shape, "the step's history")?;
            ed.append_item(step_map.shape, history, &new)?;
        }
    }
    match step_json.get_mut("history") {
        Some(Json::Array(items)) => items.push(new.to_json()),
        _ => {
            step_json.insert("history".into(), Json::Array(vec![new.to_json()]));
        }
    }

    // The step's status: the new last entry's.
    {
        let id = entry.status.id();
        match step_map.pair("status") {
            Some(p) if p.value.node.as_str() == Some(id) => {}
            Some(p) => ed.replace_scalar(step_map.shape, p, id, Kind::Word)?,
            None => {
                let value = Out::Scalar(id.to_string(), Kind::Word);
                ed.insert_pair(step_map, &[], "status", &value)?;
            }
        }
        step_json.insert("status".into(), Json::String(id.to_string()));
    }

    // `as_of`: set, or moved forward to the entry.
    let as_of = root.pair("as_of").ok_or(EditError::Unsupported {
        what: "the tracker has no `as_of`".into(),
        line: 1,
    })?;
    let current = as_of.value.node.as_str().and_then(parse_date);
    let target = match (options.as_of, current) {
        (Some(d), _) => Some(d),
        (None, Some(c)) if entry.date > c => Some(entry.date),
        (None, Some(_)) => None,
        (None, None) => Some(entry.date),
    };
    let written = as_of.value.node.as_str().map(str::to_string);
    if let Some(d) = target.filter(|d| written != Some(d.to_string())) {
        if matches!(as_of.value.shape.form, Form::Seq(_) | Form::Map(_)) {
            return Err(EditError::Unsupported {
                what: "`as_of` is not a date".into(),
                line: as_of.key_shape.span.start.line as usize,
            });
        }
        ed.replace_scalar(root.shape, as_of, &d.to_string(), Kind::Date)?;
        if let Some(map) = expected.as_object_mut() {
            map.insert("as_of".into(), Json::String(d.to_string()));
        }
    }
    let text = std::mem::take(&mut ed.splice).apply(ed.text.s)?;
    verify(&text, &expected)?;
    Ok(text)
}
