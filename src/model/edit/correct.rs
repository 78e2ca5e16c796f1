//! `correct`: a recorded entry amended, with the `correction` that says so.

use crate::model::date::parse_date;
use crate::model::edit::place::Editor;
use crate::model::edit::record::evidence_out;
use crate::model::edit::render::{Kind, Out};
use crate::model::edit::verify::{object_at, verify};
use crate::model::edit::walk::{At, find_step, guard};
use crate::model::edit::{Amendment, EditError};
use crate::syntax::shape::Form;
use serde_json::Value as Json;

/// See [`super::correct`].
pub(super) fn correct(
    ed: &mut Editor<'_>,
    root: At<'_>,
    rec: &str,
    step: &str,
    amendment: &Amendment,
) -> Result<String, EditError> {
    let name = format!("{rec}/{step}");
    let found = find_step(root, rec, step)?;
    let no_entry = || EditError::NoEntry {
        step: name.clone(),
        date: amendment.entry,
    };
    let history = found.value.pair("history").ok_or_else(no_entry)?;
    guard(ed.root, history.value.shape, "the step's history")?;
    let dated: Vec<(usize, At<'_>)> = history
        .value
        .items()
        .into_iter()
        .enumerate()
        .filter(|(_, item)| {
            item.node
                .get("date")
                .and_then(|d| d.as_str())
                .and_then(parse_date)
                == Some(amendment.entry)
        })
        .collect();
    let (index, entry) = match dated.as_slice() {
        [] => return Err(no_entry()),
        [one] => *one,
        several => {
            return Err(EditError::SeveralEntries {
                step: name,
                date: amendment.entry,
                count: several.len(),
            });
        }
    };
    guard(ed.root, entry.shape, "the entry")?;
    if !matches!(entry.shape.form, Form::Map(_)) {
        return Err(EditError::Unsupported {
            what: "the entry is not a mapping".into(),
            line: entry.shape.span.start.line as usize,
        });
    }

    let mut expected = root.node.to_json();
    let path = ["recommendations", rec, "steps", step];
    let entry_json = object_at(&mut expected, &path)
        .and_then(|s| s.get_mut("history"))
        .and_then(|h| h.get_mut(index))
        .and_then(Json::as_object_mut)
        .ok_or_else(|| EditError::Verify("the entry is not a mapping".into()))?;

    let mut set = |ed: &mut Editor<'_>, key: &'static str, value: Out, after: &[&str]| {
        entry_json.insert(key.to_string(), value.to_json());
        match (entry.pair(key), &value) {
            (Some(p), Out::Scalar(s, kind)) => ed.replace_scalar(entry.shape, p, s, *kind),
            (Some(p), _) => ed.replace_value(p, &value),
            (None, _) => ed.insert_pair(entry, after, key, &value),
        }
    };
    if let Some(status) = amendment.status {
        let value = Out::Scalar(status.id().to_string(), Kind::Word);
        set(ed, "status", value, &["date"])?;
    }
    if let Some(note) = &amendment.note {
        let value = Out::Scalar(note.clone(), Kind::Text);
        set(ed, "note", value, &["status", "date"])?;
    }
    if let Some(evidence) = &amendment.evidence {
        set(
            ed,
            "evidence",
            evidence_out(evidence),
            &["note", "status", "date"],
        )?;
    }

    // The correction: its date and reason replaced where it has them, added if not.
    let date = Out::Scalar(amendment.today.to_string(), Kind::Date);
    let reason = Out::Scalar(amendment.reason.clone(), Kind::Text);
    match entry.pair("correction") {
        Some(c) if matches!(c.value.shape.form, Form::Map(_)) => {
            guard(ed.root, c.value.shape, "the entry's correction")?;
            let json = entry_json
                .get_mut("correction")
                .and_then(Json::as_object_mut)
                .ok_or_else(|| EditError::Verify("the correction is not a mapping".into()))?;
            for (key, value, after) in [("date", date, &[][..]), ("reason", reason, &["date"][..])]
            {
                json.insert(key.to_string(), value.to_json());
                match (c.value.pair(key), &value) {
                    (Some(p), Out::Scalar(s, kind)) => {
                        ed.replace_scalar(c.value.shape, p, s, *kind)?;
                    }
                    _ => ed.insert_pair(c.value, after, key, &value)?,
                }
            }
        }
        Some(c) => {
            let value = Out::Map(vec![("date", date), ("reason", reason)]);
            entry_json.insert("correction".into(), value.to_json());
            ed.replace_value(c, &value)?;
        }
        None => {
            let value = Out::Map(vec![("date", date), ("reason", reason)]);
            entry_json.insert("correction".into(), value.to_json());
            ed.insert_pair(entry, &[], "correction", &value)?;
        }
    }
    // A new status on the step's last entry is the step's status too: `status-mismatch`
    // would otherwise refuse the very amendment asked for.
    let last = index + 1 == history.value.items().len();
    if let (true, Some(status)) = (last, amendment.status) {
        let id = status.id();
        match found.value.pair("status") {
            Some(p) if p.value.node.as_str() == Some(id) => {}
            Some(p) => ed.replace_scalar(found.value.shape, p, id, Kind::Word)?,
            None => {
                let value = Out::Scalar(id.to_string(), Kind::Word);
                ed.insert_pair(found.value, &[], "status", &value)?;
            }
        }
        object_at(&mut expected, &path)
            .ok_or_else(|| EditError::Verify("the step is not a mapping".into()))?
            .insert("status".into(), Json::String(id.to_string()));
    }
    let text = std::mem::take(&mut ed.splice).apply(ed.text.s)?;
    verify(&text, &expected)?;
    Ok(text)
}
