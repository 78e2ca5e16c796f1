//! The JSON Schema: generated from the catalog, and used to check a tracker's structure.
//!
//! The schema is the one contract shared by rectrack, editors (through the
//! yaml-language-server modeline) and other validators, so it is kept to draft-07 and
//! to keywords that draft has. rectrack maps each schema error back to the node it is
//! about and rewrites it in a monitor's words; errors that one of rectrack's own rules
//! reports more precisely (an unknown or missing catalog id, missing evidence) are left
//! to that rule, as the contract asks.

use crate::check::finding::Finding;
use crate::check::rules::{Rule, SCHEMA};
use crate::check::suggest::did_you_mean;
use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::syntax::document::{Node, PathStep};
use crate::syntax::span::Span;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::{Value as Json, json};

/// Kebab-case: lowercase letters and digits in hyphen-separated words.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// A date written `YYYY-MM-DD` (that it is a real date is `format: date`'s job).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// An http or https URL.
pub const URL_PATTERN: &str = "^https?://[^\\s]+$";

/// More unknown keys than this in one mapping make one finding that lists them.
const GROUP_AFTER: usize = 5;

/// Why the schema could not be built (a bug in the generator, never a user's input).
#[derive(Debug, thiserror::Error)]
#[error("the generated JSON Schema does not compile: {0}")]
pub struct SchemaError(String);

/// The JSON Schema for trackers of `catalog`.
pub fn generate(catalog: &Catalog) -> Json {
    let statuses: Vec<_> = Status::ALL.iter().map(|s| s.id()).collect();
    let status_help: Vec<_> = Status::ALL
        .iter()
        .map(|s| format!("{}: {}", s.id(), s.meaning()))
        .collect();
    let claims: Vec<_> = Status::ALL
        .iter()
        .filter(|s| s.needs_evidence())
        .map(|s| s.id())
        .collect();

    let parties: serde_json::Map<String, Json> = catalog
        .tracker_parties()
        .map(|(id, name)| {
            (
                id.to_string(),
                json!({
                    "description": format!("How this tracker names the `{id}` party (the catalog's: {name})."),
                    "type": "string",
                    "minLength": 1
                }),
            )
        })
        .collect();
    let party_ids: Vec<_> = catalog.tracker_parties().map(|(id, _)| id).collect();

    let recommendations: serde_json::Map<String, Json> = catalog
        .recommendations
        .iter()
        .map(|rec| {
            let steps: serde_json::Map<String, Json> = rec
                .steps
                .iter()
                .map(|step| {
                    let party = catalog.parties.get(&step.party).map_or("", String::as_str);
                    (
                        step.id.clone(),
                        json!({
                            "title": step.title,
                            "description": format!(
                                "{} — {} Party: {} ({}). Source: {}, {}.",
                                step.title, step.description, step.party, party, step.source, step.locator
                            ),
                            "allOf": [{"$ref": "#/definitions/step"}]
                        }),
                    )
                })
                .collect();
            let step_ids: Vec<_> = rec.steps.iter().map(|s| s.id.as_str()).collect();
            (
                rec.id.clone(),
                json!({
                    "title": rec.title,
                    "description": format!("{} — {} Source: {}, {}.", rec.title, rec.description, rec.source, rec.locator),
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["steps"],
                    "properties": {
                        "steps": {
                            "description": format!("Every step of `{}`, each with its status and history.", rec.id),
                            "type": "object",
                            "additionalProperties": false,
                            "required": step_ids,
                            "properties": steps
                        }
                    }
                }),
            )
        })
        .collect();
    let rec_ids: Vec<_> = catalog
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .collect();

    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "rectrack tracker",
        "description": "A record of how far each recommendation of the catalog has been carried out. Generated from schema/recommendations.yaml by `rectrack schema`; do not edit by hand.",
        "type": "object",
        "additionalProperties": false,
        "required": ["schema_version", "id", "title", "as_of", "parties", "sources", "recommendations"],
        "properties": {
            "schema_version": {"description": "Version of the tracker format: 1.", "const": 1},
            "id": {"description": "The tracker's id, kebab-case (for example mali-jnim-dialogue).", "type": "string", "pattern": ID_PATTERN},
            "title": {"description": "What the tracker follows, in one line.", "type": "string", "minLength": 1},
            "as_of": date_schema("The date this tracker describes (YYYY-MM-DD). No history entry may be later."),
            "parties": {
                "description": "Names for the catalog's parties.",
                "type": "object",
                "additionalProperties": false,
                "required": party_ids,
                "properties": parties
            },
            "sources": {
                "description": "Documents that evidence cites, by kebab-case id.",
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {"$ref": "#/definitions/source"}
            },
            "closed": dated_reason(
                "Present only when the tracker is retired: it keeps its record, and no entry may be dated after `date`. A tracker is retired this way, never deleted.",
                "When the tracker was closed (YYYY-MM-DD).",
                "Why it was closed.",
            ),
            "recommendations": {
                "description": "Every recommendation of the catalog, with every step.",
                "type": "object",
                "additionalProperties": false,
                "required": rec_ids,
                "properties": recommendations
            }
        },
        "definitions": {
            "status": {
                "description": format!("Status of a step. {}.", status_help.join("; ")),
                "enum": statuses
            },
            "source": {
                "description": "A citable document: report, article, communiqué.",
                "type": "object",
                "additionalProperties": false,
                "required": ["title"],
                "properties": {
                    "title": {"description": "Title of the document.", "type": "string", "minLength": 1},
                    "publisher": {"description": "Who published it.", "type": "string"},
                    "reference": {"description": "Series or number, e.g. Africa Report N°306.", "type": "string"},
                    "authors": {"description": "Authors, if named.", "type": "array", "items": {"type": "string"}},
                    "published": date_schema("Publication date (YYYY-MM-DD)."),
                    "url": url_schema("Where the document can be read (http or https)."),
                    "correction": dated_reason(
                        "Present only when the source's metadata was amended after entries cited it; update it with each amendment.",
                        "When the source was amended (YYYY-MM-DD).",
                        "Why it was amended.",
                    )
                }
            },
            "step": {
                "type": "object",
                "additionalProperties": false,
                "required": ["status"],
                "properties": {
                    "status": {"$ref": "#/definitions/status"},
                    "history": {
                        "description": "Dated entries, oldest first; the last one's status is the step's status. Append, never rewrite.",
                        "type": "array",
                        "items": {"$ref": "#/definitions/entry"}
                    },
                    "note": {"description": "A free note on the step.", "type": "string"},
                    "next_review": date_schema("When a monitor means to look at this step again (YYYY-MM-DD).")
                },
                "if": {"required": ["status"], "properties": {"status": {"enum": claims}}},
                "then": {"required": ["history"], "properties": {"history": {"minItems": 1}}}
            },
            "entry": {
                "description": "What was known on a date.",
                "type": "object",
                "additionalProperties": false,
                "required": ["date", "status"],
                "properties": {
                    "date": date_schema("When this became true (YYYY-MM-DD)."),
                    "status": {"$ref": "#/definitions/status"},
                    "note": {"description": "What happened, in a sentence or two.", "type": "string"},
                    "evidence": {
                        "description": "Sources for this entry; at least one unless the status is unknown or not-started.",
                        "type": "array",
                        "items": {"$ref": "#/definitions/evidence"}
                    },
                    "correction": dated_reason(
                        "Present only when the entry was amended after it was first recorded; update it with each amendment.",
                        "When the entry was amended (YYYY-MM-DD).",
                        "Why it was amended.",
                    )
                },
                "if": {"required": ["status"], "properties": {"status": {"enum": claims}}},
                "then": {"required": ["evidence"], "properties": {"evidence": {"minItems": 1}}}
            },
            "evidence": {
                "type": "object",
                "additionalProperties": false,
                "required": ["source"],
                "properties": {
                    "source": {"description": "Id of a source under `sources`.", "type": "string", "pattern": ID_PATTERN},
                    "locator": {"description": "Where in the source: section, page, paragraph.", "type": "string"},
                    "url": url_schema("A direct link to the passage (http or https)."),
                    "stance": {
                        "description": "supports (default) or contradicts: a source that disputes the entry, such as an official denial.",
                        "enum": ["supports", "contradicts"]
                    }
                }
            }
        }
    })
}

/// `{date, reason}`: a correction, or a tracker's closing.
fn dated_reason(description: &str, date: &str, reason: &str) -> Json {
    json!({
        "description": description,
        "type": "object",
        "additionalProperties": false,
        "required": ["date", "reason"],
        "properties": {
            "date": date_schema(date),
            "reason": {"description": reason, "type": "string", "minLength": 1}
        }
    })
}

fn date_schema(description: &str) -> Json {
    json!({"description": description, "type": "string", "pattern": DATE_PATTERN, "format": "date"})
}

fn url_schema(description: &str) -> Json {
    json!({"description": description, "type": "string", "pattern": URL_PATTERN})
}

/// The schema as the committed file holds it: pretty JSON with a final newline.
pub fn to_file_text(schema: &Json) -> String {
    // Serialising a `Value` cannot fail: its keys are strings and it holds no floats
    // that JSON lacks.
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A compiled schema, built once per run and used for every file.
pub struct SchemaChecker {
    schema: Json,
    validator: jsonschema::Validator,
}

impl SchemaChecker {
    /// Compiles the schema of `catalog`.
    pub fn new(catalog: &Catalog) -> Result<Self, SchemaError> {
        let schema = generate(catalog);
        // Formats are assertions here (draft-07 leaves it to the implementation), so
        // `2021-02-30` fails in rectrack as it does in check-jsonschema.
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            // One definition of a date for the schema and the rules: the validator's
            // own `date` accepts year 0000, which check-jsonschema refuses and from
            // which the rules could read no date.
            .with_format("date", |s: &str| {
                crate::model::date::parse_date(s).is_some()
            })
            .build(&schema)
            .map_err(|e| SchemaError(e.to_string()))?;
        Ok(SchemaChecker { schema, validator })
    }

    /// The schema this checker enforces.
    pub fn schema(&self) -> &Json {
        &self.schema
    }

    /// Schema findings for the document `root`.
    pub fn check(&self, root: &Node) -> Vec<Finding> {
        let instance = root.to_json();
        // Most files are valid: a yes/no pass costs less than collecting errors.
        if self.validator.is_valid(&instance) {
            return Vec::new();
        }
        let mut out: Vec<Finding> = Vec::new();
        // Several keys missing from one mapping make one finding, not one per key: a
        // file that is not a tracker at all should not bury the reader in seven errors.
        let mut missing: Vec<(String, usize, Vec<String>)> = Vec::new();
        for err in self.validator.iter_errors(&instance) {
            let Some(findings) = self.findings(root, &err) else {
                continue;
            };
            if let ValidationErrorKind::Required { property } = err.kind() {
                let path = err.instance_path().as_str().to_string();
                let name = property.as_str().unwrap_or_default().to_string();
                if let Some((_, index, names)) = missing.iter_mut().find(|(p, ..)| *p == path) {
                    names.push(name);
                    let (place, _) = out[*index]
                        .message
                        .split_once(" lacks ")
                        .unwrap_or_default();
                    let place = place.to_string();
                    let quoted: Vec<_> = names.iter().map(|n| format!("`{n}`")).collect();
                    let f = &mut out[*index];
                    f.message = format!("{place} lacks the required keys {}", quoted.join(", "));
                    f.label = "missing keys".to_string();
                    f.help = format!(
                        "add {}",
                        names
                            .iter()
                            .map(|n| format!("`{n}:`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    continue;
                }
                missing.push((path, out.len(), vec![name]));
            }
            out.extend(findings);
        }
        out
    }

    /// The findings for one schema error (one per key for unexpected keys); `None`
    /// when a rule of rectrack's own reports the same defect.
    fn findings(&self, root: &Node, err: &jsonschema::ValidationError<'_>) -> Option<Vec<Finding>> {
        let path: Vec<String> = err
            .instance_path()
            .iter()
            .map(|s| match s {
                LocationSegment::Property(p) => p.to_string(),
                LocationSegment::Index(i) => i.to_string(),
            })
            .collect();
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
                                did_you_mean(name, allowed.iter().map(String::as_str))
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
                format!("`{value_text}` is not a real calendar date"),
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
            .help("write the text, or remove the key if it is optional"),
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

    /// The schema node at a JSON pointer.
    fn at_pointer(&self, pointer: &str) -> Option<&Json> {
        self.schema.pointer(pointer)
    }

    /// Property names allowed by the object schema whose `additionalProperties` keyword
    /// is at `keyword_path`.
    fn allowed_keys(&self, keyword_path: &str) -> Vec<String> {
        let object = keyword_path
            .strip_suffix("/additionalProperties")
            .unwrap_or(keyword_path);
        self.at_pointer(&format!("{object}/properties"))
            .and_then(Json::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn property_description(&self, keyword_path: &str, name: &str) -> Option<String> {
        let object = keyword_path
            .strip_suffix("/required")
            .unwrap_or(keyword_path);
        let prop = self.at_pointer(&format!("{object}/properties/{name}"))?;
        let prop = match prop.get("$ref").and_then(Json::as_str) {
            Some(r) => self.at_pointer(r.trim_start_matches('#'))?,
            None => prop,
        };
        // An enum (the status) is better described by its values than by its prose.
        if let Some(values) = prop.get("enum").and_then(Json::as_array) {
            let values: Vec<_> = values.iter().filter_map(Json::as_str).collect();
            return Some(format!("one of {}", values.join(", ")));
        }
        prop.get("description")
            .and_then(Json::as_str)
            .map(str::to_string)
    }
}

/// A monitor's name for the place an instance path leads to.
fn describe(path: &[&str]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Limits, parse};

    fn checker() -> SchemaChecker {
        SchemaChecker::new(&Catalog::builtin().unwrap()).unwrap()
    }

    #[test]
    fn schema_is_draft_07_and_compiles() {
        let schema = generate(&Catalog::builtin().unwrap());
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(
            schema["properties"]["recommendations"]["required"]
                .as_array()
                .unwrap()
                .contains(&json!("mediator"))
        );
        checker();
    }

    #[test]
    fn describe_names_places_as_a_reader_counts_them() {
        assert_eq!(
            describe(&[
                "recommendations",
                "mediator",
                "steps",
                "agenda",
                "history",
                "0",
                "date"
            ]),
            "`date` of history entry #1 of `agenda`"
        );
        assert_eq!(describe(&[]), "the tracker");
    }

    #[test]
    fn allowed_keys_follow_the_keyword_path() {
        let c = checker();
        let keys = c.allowed_keys("/definitions/step/additionalProperties");
        assert_eq!(keys, ["history", "next_review", "note", "status"]);
    }

    #[test]
    fn a_root_level_typo_points_at_the_key_with_a_suggestion() {
        let doc = parse("schema_version: 1\ntitel: x\n", &Limits::default()).unwrap();
        let findings = checker().check(&doc);
        let typo = findings
            .iter()
            .find(|f| f.message.contains("titel"))
            .expect("unknown key reported");
        assert_eq!((typo.span.start.line, typo.span.start.col), (2, 1));
        assert!(
            typo.message.contains("did you mean `title`"),
            "{}",
            typo.message
        );
        let missing = findings
            .iter()
            .find(|f| f.message.contains("`as_of`"))
            .expect("missing key reported");
        assert_eq!((missing.span.start.line, missing.span.start.col), (1, 1));
        assert_eq!(
            missing.message,
            "the tracker lacks the required keys `id`, `title`, `as_of`, `parties`, `sources`, `recommendations`",
            "one finding for all keys missing from one mapping"
        );
    }

    #[test]
    fn a_source_id_that_is_not_kebab_case_is_reported_at_its_key() {
        // Found by the differential test: the finding stood on `sources:`, not on the
        // key, and did not say which key (an invisible character cannot be spotted).
        let doc = parse(
            "sources:\n  icg-306:\n    title: A\n  iss\u{200b}-today:\n    title: B\n  Icg-306:\n    title: C\n",
            &Limits::default(),
        )
        .unwrap();
        let mut found: Vec<_> = checker()
            .check(&doc)
            .into_iter()
            .filter(|f| f.message.contains("kebab-case"))
            .map(|f| (f.span.start.line, f.span.start.col, f.message))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                (
                    4,
                    3,
                    "`iss\\u{200b}-today` in `sources` is not a kebab-case id".to_string()
                ),
                (
                    6,
                    3,
                    "`Icg-306` in `sources` is not a kebab-case id".to_string()
                ),
            ]
        );
    }

    #[test]
    fn year_zero_is_not_a_date_for_the_schema_either() {
        // Found by the differential test: check-jsonschema refuses `0000-01-01`, the
        // validator's built-in `date` format accepted it.
        let doc = parse("as_of: 0000-01-01\n", &Limits::default()).unwrap();
        let found: Vec<_> = checker()
            .check(&doc)
            .into_iter()
            .filter(|f| f.message.contains("0000"))
            .map(|f| (f.span.start.line, f.span.start.col, f.message, f.help))
            .collect();
        assert_eq!(
            found,
            [(
                1,
                8,
                "`0000-01-01` is not a real calendar date".to_string(),
                "there is no year 0000: check the year".to_string()
            )]
        );
    }

    #[test]
    fn every_unknown_key_is_reported_at_its_own_place() {
        let doc = parse(
            "schema_version: 1
foo: 1
bar: 2
",
            &Limits::default(),
        )
        .unwrap();
        let mut lines: Vec<_> = checker()
            .check(&doc)
            .into_iter()
            .filter(|f| f.message.starts_with("unknown key"))
            .map(|f| f.span.start.line)
            .collect();
        lines.sort_unstable();
        assert_eq!(lines, [2, 3]);
    }
}
