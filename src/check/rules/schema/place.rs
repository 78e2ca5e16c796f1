//! Where a schema error is, in words: an instance path (`recommendations/x/steps/y/
//! title/fr`) as a reader names the place (the `fr` text of `title` of step `y`).

use super::SchemaKind;

/// Keys of a catalog whose value is a Text: a map under one of them is keyed by
/// language.
pub(super) const TEXT_KEYS: &[&str] = &["title", "description", "locator", "summary", "why"];

/// A monitor's name for the place an instance path leads to, in a file of `kind`.
pub(super) fn describe(kind: SchemaKind, path: &[&str]) -> String {
    match kind {
        SchemaKind::Tracker => tracker(path),
        SchemaKind::Catalog => catalog(path),
    }
}

/// Whether a path segment is a list index.
fn is_index(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}

/// A catalog maintainer's name for the place in a catalog an instance path leads to.
/// The specific places come first, so a recommendation or step whose id happens to be
/// a key name (`title`) is still named as the recommendation or step it is.
fn catalog(path: &[&str]) -> String {
    match path {
        [] => "the catalog".to_string(),
        ["languages", i] if is_index(i) => format!("language {}", ordinal(i)),
        ["documents", doc] => format!("document `{doc}`"),
        ["documents", doc, "authors", i] if is_index(i) => {
            format!("author {} of document `{doc}`", ordinal(i))
        }
        ["parties", party] => format!("the name of party `{party}`"),
        ["parties", party, lang] => format!("the `{lang}` name of party `{party}`"),
        ["recommendations", rec] => format!("recommendation `{rec}`"),
        ["recommendations", _, "steps", step] => format!("step `{step}`"),
        ["not_tracked", i] if is_index(i) => format!("`not_tracked` entry {}", ordinal(i)),
        [owner @ .., "from", i] if is_index(i) => {
            format!("citation {} of {}", ordinal(i), catalog(owner))
        }
        [owner @ .., "party", i] if is_index(i) => {
            format!("party {} of {}", ordinal(i), catalog(owner))
        }
        [owner @ .., "renamed_from", i] if is_index(i) => {
            format!("old id {} of {}", ordinal(i), catalog(owner))
        }
        [owner @ .., text, lang]
            if TEXT_KEYS.contains(text) && owner.first() != Some(&"documents") =>
        {
            format!("the `{lang}` text of {}", catalog(&path[..path.len() - 1]))
        }
        [key] => format!("`{key}`"),
        [owner @ .., key] => format!("`{key}` of {}", catalog(owner)),
    }
}

/// A monitor's name for the place in a tracker an instance path leads to.
fn tracker(path: &[&str]) -> String {
    match path {
        [] => "the tracker".to_string(),
        ["recommendations", rec] => format!("recommendation `{rec}`"),
        ["recommendations", _, "steps", step] => format!("step `{step}`"),
        ["recommendations", _, "steps", step, "history", i] => {
            format!("history entry {} of `{step}`", ordinal(i))
        }
        [
            "recommendations",
            _,
            "steps",
            step,
            "history",
            i,
            "evidence",
            j,
        ] => {
            format!(
                "evidence {} of history entry {} of `{step}`",
                ordinal(j),
                ordinal(i)
            )
        }
        ["recommendations", _, "steps", step, "history", i, key] => {
            format!("`{key}` of history entry {} of `{step}`", ordinal(i))
        }
        [
            "recommendations",
            _,
            "steps",
            step,
            "history",
            i,
            "evidence",
            j,
            key,
        ] => format!(
            "`{key}` of evidence {} of history entry {} of `{step}`",
            ordinal(j),
            ordinal(i)
        ),
        ["recommendations", _, "steps", step, key] => format!("`{key}` of step `{step}`"),
        ["sources", source] => format!("source `{source}`"),
        ["sources", source, key] => format!("`{key}` of source `{source}`"),
        [.., key] => format!("`{key}`"),
    }
}

/// "2" (a zero-based index) as "#3", the way a reader counts list items.
pub(super) fn ordinal(index: &str) -> String {
    index
        .parse::<usize>()
        .map_or_else(|_| index.to_string(), |i| format!("#{}", i + 1))
}
