//! One schema error as findings, in a monitor's words.

use super::{GROUP_AFTER, SchemaChecker, instance_path};
use crate::check::finding::Finding;
use crate::check::rules::{Rule, SCHEMA};
use crate::check::suggest::did_you_mean;
use crate::model::schema::{DATE_PATTERN, URL_PATTERN};
use crate::syntax::document::{Node, PathStep};
use crate::syntax::span::Span;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::Value as Json;

/// What to do about evidence without a locator (missing or empty).
const LOCATOR_HELP: &str = "say where in the source the evidence is: `locator: paragraph 3` \
(for a short communiqué, `locator: whole text`)";

impl SchemaChecker {
    /// The findings for one schema error (one per key for unexpected keys); `None`
    /// when a rule of rectrack's own reports the same defect.
    pub(super) fn findings(
        &self,
        root: &Node,
        err: &jsonschema::ValidationError<'_>,
    ) -> Option<Vec<Finding>> {
        let path = instance_path(err);
        let steps: Vec<PathStep<'_>> = err
            .instance_path()
            .iter()
            .zip(&path)
            .map(|(seg, text)| match seg {
                LocationSegment::Property(_) => PathStep::Key(text),
                LocationSegment::Index(i) => PathStep::Index(i),
            })
            .collect();
        let schema_path = err.schema_path().as_str().to_string();
        let (here, _) = root.locate(steps.iter().copied());
        let node = here.node;
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        // Rules of rectrack's own that say the same thing better (the contract: the
        // specific rule's id wins).
        let covered_by_semantic_rule = schema_path.contains("/then/")
            || matches!(
                (err.kind(), p.as_slice()),
                (
                    ValidationErrorKind::AdditionalProperties { .. }
                        | ValidationErrorKind::Required { .. },
                    ["recommendations"] | ["recommendations", _, "steps"]
                )
            );
        if covered_by_semantic_rule {
            return None;
        }
        let value_text = node.display_value();
        let rule: &Rule = &SCHEMA;
        let finding = match err.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = self.allowed_keys(&schema_path);
                let where_ = describe(&p);
                // One finding per unexpected key, each at its own key. The keys are
                // indexed once: a file of 100,000 stray keys must not cost 100,000
                // scans of the mapping.
                let entries = node.as_map().unwrap_or_default();
                // Past a handful, one finding lists the first few and counts the rest:
                // a file that is not a tracker at all (100,000 stray keys) must not
                // bury the reader, while a few typos each get their own caret.
                if unexpected.len() > GROUP_AFTER {
                    // In the order of the file, as the reader meets them: the mapping's
                    // keys that are not allowed here, which is what `unexpected` holds.
                    // Read off the mapping, not indexed: an index of a million stray
                    // keys cost as much memory as the keys themselves.
                    let found: Vec<(Span, &str)> = entries
                        .iter()
                        .filter(|e| !allowed.contains(&e.key))
                        .take(GROUP_AFTER)
                        .map(|e| (e.key_span, e.key.as_str()))
                        .collect();
                    let first = found.first().map_or(node.span, |(span, _)| *span);
                    let names: Vec<String> = found
                        .iter()
                        .take(GROUP_AFTER)
                        .map(|(_, n)| format!("`{n}`"))
                        .collect();
                    let finding = Finding::new(
                        rule,
                        first,
                        format!(
                            "{} unknown keys in {where_}: {} and {} more",
                            unexpected.len(),
                            names.join(", "),
                            unexpected.len() - GROUP_AFTER
                        ),
                    )
                    .label("the first unknown key")
                    .help(format!(
                        "is this file a tracker? keys allowed here: {}",
                        allowed.join(", ")
                    ));
                    return Some(vec![finding]);
                }
                let extra: Vec<Finding> = unexpected
                    .iter()
                    .map(|name| {
                        let key_span = entries
                            .iter()
                            .find(|e| e.key == *name)
                            .map_or(node.span, |e| e.key_span);
                        let finding = Finding::new(
                            rule,
                            key_span,
                            format!(
                                "unknown key `{name}` in {where_}{}",
                                suggestion(name, &allowed)
                            ),
                        )
                        .label("unknown key");
                        if name == "<<" {
                            // YAML 1.1 merge keys are not part of YAML 1.2, which
                            // rectrack reads; saying so beats "unknown key".
                            finding.help(
                                "merge keys (`<<`) are not supported: write the keys out in full",
                            )
                        } else {
                            finding.help(format!("keys allowed here: {}", allowed.join(", ")))
                        }
                    })
                    .collect();
                return Some(extra);
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let span = match (here.key_span, p.is_empty()) {
                    (_, true) => Span::point(1, 1),
                    (Some(k), false) => k,
                    (None, false) => node.span,
                };
                let description = self.property_description(&schema_path, name);
                Finding::new(
                    rule,
                    span,
                    format!("{} lacks the required key `{name}`", describe(&p)),
                )
                .label(format!("`{name}` missing"))
                .help(match description {
                    // A reader must be able to find the passage; the schema's words
                    // ("where in the source") are right but give nothing to copy.
                    _ if name == "locator" => LOCATOR_HELP.to_string(),
                    Some(d) => format!("add `{name}:` — {d}"),
                    None => format!("add `{name}:`"),
                })
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Json::as_str).collect())
                    .unwrap_or_default();
                let what = if p.last() == Some(&"stance") {
                    "a stance"
                } else {
                    "a status"
                };
                Finding::new(
                    rule,
                    node.span,
                    format!(
                        "`{value_text}` is not {what}{}",
                        did_you_mean(&value_text, options.iter().copied())
                    ),
                )
                .label(format!("not {what}"))
                .help(format!("use one of: {}", options.join(", ")))
            }
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    jsonschema::error::TypeKind::Single(t) => type_name(&t.to_string()),
                    jsonschema::error::TypeKind::Multiple(_) => "another type".to_string(),
                };
                Finding::new(
                    rule,
                    node.span,
                    format!(
                        "{} should be {expected}, not {}",
                        describe(&p),
                        node.kind_name()
                    ),
                )
                .label(format!("expected {expected}"))
                .help(type_help(&p, &expected))
            }
            // A date shaped right that names no day fails `format: date` too, which
            // says why (the pattern, which editors enforce, encodes month lengths).
            ValidationErrorKind::Pattern { pattern }
                if pattern == DATE_PATTERN
                    && crate::model::date::no_such_day(&value_text).is_some() =>
            {
                return None;
            }
            ValidationErrorKind::Pattern { pattern } => {
                let (what, help) = match pattern.as_str() {
                    DATE_PATTERN => (
                        "is not a date written YYYY-MM-DD",
                        "write the date as YYYY-MM-DD, e.g. 2021-12-10 (zero-padded month and day)",
                    ),
                    URL_PATTERN => (
                        "is not an http or https URL",
                        "write the full address, starting with https:// (or http://)",
                    ),
                    _ => (
                        "is not a kebab-case id",
                        "ids use lowercase letters, digits and hyphens, e.g. icg-306",
                    ),
                };
                Finding::new(rule, node.span, format!("`{value_text}` {what}"))
                    .label("bad format")
                    .help(help)
            }
            // A value that is not even shaped like a date already has its pattern
            // error; "not a real calendar date" would only repeat it less clearly.
            ValidationErrorKind::Format { format }
                if format == "date"
                    && crate::model::date::parse_date_shape(&value_text).is_none() =>
            {
                return None;
            }
            ValidationErrorKind::Format { format } if format == "date" => Finding::new(
                rule,
                node.span,
                // Which part is wrong ("2021 has no February 29"), not only that one is.
                match crate::model::date::no_such_day(&value_text) {
                    Some(why) => format!("`{value_text}` is not a real calendar date: {why}"),
                    None => format!("`{value_text}` is not a real calendar date"),
                },
            )
            .label("no such day")
            .help(if value_text.starts_with("0000") {
                "there is no year 0000: check the year"
            } else {
                "check the day and month (for example, February has 28 days, 29 in leap years)"
            }),
            ValidationErrorKind::Constant { expected_value } => Finding::new(
                rule,
                node.span,
                format!("{} must be {expected_value}", describe(&p)),
            )
            .label(format!("expected {expected_value}"))
            .help(format!(
                "this rectrack reads tracker format version {expected_value}"
            )),
            ValidationErrorKind::MinLength { .. } => Finding::new(
                rule,
                node.span,
                format!("{} must not be empty", describe(&p)),
            )
            .label("empty")
            .help(if p.last() == Some(&"locator") {
                LOCATOR_HELP
            } else {
                "write the text, or remove the key if it is optional"
            }),
            ValidationErrorKind::PropertyNames { error } => {
                // The error is about one key (the inner error's instance): point at
                // that key, not at the mapping that holds it, and name it, so a key
                // that differs from a good one only by an invisible or look-alike
                // character is found.
                let name = error.instance().as_str().unwrap_or_default();
                let key_span = node
                    .as_map()
                    .unwrap_or_default()
                    .iter()
                    .find(|e| e.key == name)
                    .map(|e| e.key_span);
                Finding::new(
                    rule,
                    key_span.or(here.key_span).unwrap_or(node.span),
                    format!(
                        "`{}` in {} is not a kebab-case id",
                        name.escape_debug(),
                        describe(&p)
                    ),
                )
                .label("not a kebab-case id")
                .help("source ids use lowercase letters, digits and hyphens, e.g. icg-306")
            }
            _ => Finding::new(rule, node.span, format!("{}: {err}", describe(&p)))
                .help("see `rectrack explain schema` and schema/tracker.schema.json"),
        };
        Some(vec![finding])
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
fn suggestion(name: &str, allowed: &[String]) -> String {
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

/// A monitor's name for the place an instance path leads to.
pub(super) fn describe(path: &[&str]) -> String {
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
fn ordinal(index: &str) -> String {
    index
        .parse::<usize>()
        .map_or_else(|_| index.to_string(), |i| format!("#{}", i + 1))
}

fn type_name(json_type: &str) -> String {
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

fn type_help(path: &[&str], expected: &str) -> String {
    match (path.last(), expected) {
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
