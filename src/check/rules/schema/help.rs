//! The words of schema findings: what a value should be, and what to do about it.

use super::place::TEXT_KEYS;
use crate::check::suggest::did_you_mean;

/// What to do about an empty list or map, by what it is.
pub(super) fn empty_help(path: &[&str]) -> &'static str {
    match path {
        [.., "from"] => "cite at least one passage: `- {document: ID, locator: ...}`",
        [.., "steps"] => "give the recommendation at least one step",
        [.., "party"] => "name at least one party",
        ["languages"] => "list at least one language, e.g. `[en]`",
        ["parties", _] => "write the name, or one per language: `{en: ..., fr: ...}`",
        [.., key] if TEXT_KEYS.contains(key) => {
            "write the text, or one per language: `{en: ..., fr: ...}`"
        }
        _ => "write at least one entry, or remove the key if it is optional",
    }
}

/// What to do about a language code that is not one.
pub(super) const LANGUAGE_HELP: &str =
    "write a lowercase language code (en, fr), with a subtag if needed (pt-BR)";

/// What to do about a key that is not a kebab-case id, by the kind of id it is.
pub(super) fn id_help(path: &[&str]) -> String {
    let (what, example) = match path {
        ["sources", ..] => ("source ids", "icg-306"),
        ["documents", ..] => ("document ids", "panel-report"),
        ["parties", ..] => ("party ids", "government"),
        ["recommendations"] => ("recommendation ids", "data-sharing"),
        ["recommendations", ..] => ("step ids", "data-published"),
        _ => ("ids", "icg-306"),
    };
    format!("{what} use lowercase letters, digits and hyphens, e.g. {example}")
}

/// What to do about a value of a catalog that is not a kebab-case id, by what it
/// names.
pub(super) fn catalog_id_help(path: &[&str]) -> String {
    let (what, example) = match path {
        ["id"] => ("catalog ids", "lake-chad-panel"),
        [.., "document"] => ("document ids", "panel-report"),
        [.., "party"] | [.., "party", _] => ("party ids", "government"),
        [.., "renamed_from", _] => ("step ids", "data-published"),
        _ => ("ids", "panel-report"),
    };
    format!("{what} use lowercase letters, digits and hyphens, e.g. {example}")
}

/// The kind of value a `type` of several types asks for, in words: the shapes that
/// take several are named for what they hold.
pub(super) fn one_of_types(types: &[String], path: &[&str]) -> String {
    let has = |t: &str| types.iter().any(|x| x == t);
    match path {
        ["parties", _] if has("string") && has("object") => {
            "a name, or a map of names per language".to_string()
        }
        _ if has("string") && has("object") => "a text, or a map of texts per language".to_string(),
        _ if has("string") && has("array") => "a party id, or a list of party ids".to_string(),
        _ => {
            let names: Vec<String> = types.iter().map(|t| type_name(t)).collect();
            names.join(" or ")
        }
    }
}

/// Keys written for another by meaning rather than by spelling, which "did you mean"
/// cannot guess from the letters: (written, meant). Each applies only where the meant
/// key is allowed (`date` is a key of an entry, and means `published` in a source).
const MEANT: &[(&str, &str)] = &[
    ("date", "published"),
    ("publication_date", "published"),
    ("published_on", "published"),
    ("link", "url"),
    ("name", "title"),
    ("page", "locator"),
    ("paragraph", "locator"),
    ("section", "locator"),
    ("comment", "note"),
    ("state", "status"),
];

/// `; did you mean `x`?` for an unknown key: the closest allowed key by spelling, or
/// else the one it is often written for; nothing when neither applies.
pub(super) fn suggestion(name: &str, allowed: &[String]) -> String {
    let by_spelling = did_you_mean(name, allowed.iter().map(String::as_str));
    if !by_spelling.is_empty() {
        return by_spelling;
    }
    MEANT
        .iter()
        .find(|(written, meant)| {
            name.eq_ignore_ascii_case(written) && allowed.iter().any(|a| a == meant)
        })
        .map_or_else(String::new, |(_, meant)| {
            format!("; did you mean `{meant}`?")
        })
}

pub(super) fn type_name(json_type: &str) -> String {
    match json_type {
        "object" => "a mapping",
        "array" => "a list",
        "string" => "text",
        "integer" | "number" => "a number",
        "boolean" => "true or false",
        "null" => "null",
        other => other,
    }
    .to_string()
}

pub(super) fn type_help(path: &[&str], expected: &str) -> String {
    match (path.last(), expected) {
        (_, "a name, or a map of names per language") => {
            "write one name (`government: Malian authorities`), or one per language \
(`{en: Malian authorities, fr: Autorités maliennes}`)"
                .to_string()
        }
        (_, "a text, or a map of texts per language") => {
            "write the text, or one per language: `{en: ..., fr: ...}`".to_string()
        }
        (_, "a party id, or a list of party ids") => {
            "write `party: government`, or `party: [government, jnim]` for parties acting together"
                .to_string()
        }
        (Some(&"history" | &"evidence"), _) => {
            "write one `- ` item per entry, indented under the key".to_string()
        }
        (_, "a mapping") => "write `key: value` lines indented under this key".to_string(),
        (_, "text") => {
            "write text here; quote it if it looks like a number, a date or true/false".to_string()
        }
        _ => format!("write {expected} here"),
    }
}
