//! The self-check: an edit's result is parsed again and must read as the original plus
//! exactly the intended change. A layout the editor misjudged is refused, never
//! written.

use crate::model::edit::EditError;
use crate::syntax::{Limits, parse};
use serde_json::Value as Json;

/// Checks that `new` loads and reads as `expected`.
pub(super) fn verify(new: &str, expected: &Json) -> Result<(), EditError> {
    let doc = parse(new, &Limits::default()).map_err(|e| {
        EditError::Verify(format!(
            "the edited text would not load ({} at line {})",
            e.message, e.span.start.line
        ))
    })?;
    let got = doc.to_json();
    if &got == expected {
        Ok(())
    } else {
        Err(EditError::Verify(format!(
            "the edited text would read differently from the intended change (at {})",
            first_difference(expected, &got, "")
        )))
    }
}

/// The path of the first place two JSON values differ, for the message.
fn first_difference(a: &Json, b: &Json, path: &str) -> String {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for (k, v) in x {
                let here = format!("{path}/{k}");
                match y.get(k) {
                    Some(w) if w == v => {}
                    Some(w) => return first_difference(v, w, &here),
                    None => return here,
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map_or_else(|| path.to_string(), |k| format!("{path}/{k}"))
        }
        (Json::Array(x), Json::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (v, w))| v != w)
            .map_or_else(
                || path.to_string(),
                |(i, (v, w))| first_difference(v, w, &format!("{path}/{i}")),
            ),
        _ => path.to_string(),
    }
}

/// The mapping at `keys` in `json`, created as an empty mapping where missing (or
/// `null`); `None` when something else stands in the way.
pub(super) fn object_at<'j>(
    json: &'j mut Json,
    keys: &[&str],
) -> Option<&'j mut serde_json::Map<String, Json>> {
    let mut here = json;
    for k in keys {
        let map = here.as_object_mut()?;
        let next = map.entry((*k).to_string()).or_insert(Json::Null);
        if next.is_null() {
            *next = Json::Object(serde_json::Map::new());
        }
        here = next;
    }
    here.as_object_mut()
}
