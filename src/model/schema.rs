//! The JSON Schema of a tracker, generated from the catalog.
//!
//! The schema is the one contract shared by rectrack, editors (through the
//! yaml-language-server modeline) and other validators, so it is kept to draft-07 and
//! to keywords that draft has. It is data about the tracker format (which keys, which
//! ids the catalog allows), like the catalog it is built from, so it lives in the
//! model; `check::rules::schema` compiles it and translates its errors into findings,
//! and `rectrack schema` writes it out.

use crate::model::catalog::Catalog;
use crate::model::status::Status;
use serde_json::{Value as Json, json};

/// Kebab-case: lowercase letters and digits in hyphen-separated words.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// A date written `YYYY-MM-DD` (that it is a real date is `format: date`'s job).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// An http or https URL.
pub const URL_PATTERN: &str = "^https?://[^\\s]+$";

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
                "required": ["source", "locator"],
                "properties": {
                    "source": {"description": "Id of a source under `sources`.", "type": "string", "pattern": ID_PATTERN},
                    "locator": {"description": "Where in the source the evidence is: section, page, paragraph (`whole text` for a short communiqué).", "type": "string", "minLength": 1},
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
