//! The JSON Schema of a tracker, generated from the catalog.
//!
//! The schema is the one contract shared by rectrack, editors (through the
//! yaml-language-server modeline) and other validators, so it is kept to draft-07 and
//! to keywords that draft has, plus `patternErrorMessage`, an editor's message that
//! validators ignore. It is data about the tracker format (which keys, which
//! ids the catalog allows), like the catalog it is built from, so it lives in the
//! model; `check::rules::schema` compiles it and translates its errors into findings,
//! and `rectrack schema` writes it out.

use crate::model::catalog::{Catalog, Cite, builtin_ids};
use crate::model::status::Status;
use serde_json::{Value as Json, json};

/// Kebab-case: lowercase letters and digits in hyphen-separated words.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// A day of the calendar written `YYYY-MM-DD`: month lengths and leap years included.
///
/// `format: date` says the same, but editors do not enforce it (yaml-language-server
/// checks only the shape), so `2021-02-29` passed in the editor and failed in `check`.
/// The pattern makes every validator agree; `model::date::parse_date` accepts exactly
/// the strings it matches (a unit test compares them), year 0000 refused by both.
pub const DATE_PATTERN: &str = concat!(
    "^(?:",
    // Any year but 0000, then a month and a day that month has in every year.
    "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)-",
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    // February 29 of a leap year: a multiple of 4 that does not end in 00, or a
    // multiple of 400 (0400, 0800, ... 2000; 0000 is no year).
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29",
    ")$"
);
/// A language code: `en`, `fr`, `pt-BR`.
pub const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
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

    // Descriptions are in the catalog's default language: a schema has one.
    let lang = catalog.default_language();
    let parties: serde_json::Map<String, Json> = catalog
        .parties
        .iter()
        .map(|(id, name)| {
            (
                id.clone(),
                json!({
                    "description": format!("How this tracker names the `{id}` party (the catalog's: {}): one name, or one per language such as {{en: ..., fr: ...}}. Reports show it instead of the catalog's.", name.get(lang)),
                    // Each keyword applies to one type only, so a mistake is named
                    // where it is (`en: 3`) rather than as "no alternative fits".
                    "type": ["string", "object"],
                    "minLength": 1,
                    "minProperties": 1,
                    "propertyNames": {"pattern": LANGUAGE_PATTERN, "patternErrorMessage": "Not a language code such as en, fr or pt-BR."},
                    "additionalProperties": {"type": "string", "minLength": 1}
                }),
            )
        })
        .collect();
    let party_ids: Vec<_> = catalog.party_ids().collect();

    let recommendations: serde_json::Map<String, Json> = catalog
        .recommendations
        .iter()
        .map(|rec| {
            let steps: serde_json::Map<String, Json> = rec
                .steps
                .iter()
                .map(|step| {
                    let names: Vec<_> = step
                        .party
                        .iter()
                        .map(|p| catalog.party_name(p, lang).unwrap_or(p))
                        .collect();
                    (
                        step.id.clone(),
                        json!({
                            "title": step.title.get(lang),
                            "description": format!(
                                "{} — {} Party: {} ({}). Source: {}.",
                                step.title.get(lang),
                                step.description.get(lang),
                                step.party.join(", "),
                                names.join(", "),
                                cites(&step.from, lang)
                            ),
                            // The type beside the `allOf` is what makes an editor's
                            // completion insert `step-id:` and a new line, not the bare id.
                            "type": "object",
                            // The step's own title first: an editor heads a hover with
                            // the first title among the schemas that apply, and `step`
                            // (untitled) comes before `claim-needs-history`.
                            "allOf": [
                                {"$ref": "#/definitions/step"},
                                {"$ref": "#/definitions/claim-needs-history"}
                            ]
                        }),
                    )
                })
                .collect();
    let step_ids: Vec<_> = rec.steps.iter().map(|s| s.id.as_str()).collect();
            (
                rec.id.clone(),
                json!({
                    "title": rec.title.get(lang),
                    "description": format!("{} — {} Source: {}.", rec.title.get(lang), rec.description.get(lang), cites(&rec.from, lang)),
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

    // A tracker of the built-in catalog may leave the key out; any other names it, by
    // id or by a path whose spelling depends on where the tracker lives.
    let catalog_key = if builtin_ids().contains(&catalog.id.as_str()) {
        json!({"description": format!("The catalog this tracker follows: `{}` (the default when the key is absent), or the path of a catalog file relative to the tracker.", catalog.id), "type": "string", "minLength": 1})
    } else {
        json!({"description": format!("The catalog this tracker follows: the path of the catalog file `{}`, relative to the tracker.", catalog.id), "type": "string", "minLength": 1})
    };

    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "rectrack tracker",
        "description": format!("A record of how far each recommendation of the catalog `{}` has been carried out. Generated from the catalog by `rectrack schema`; do not edit by hand.", catalog.id),
        "type": "object",
        "additionalProperties": false,
        "required": ["schema_version", "id", "title", "as_of", "parties", "sources", "recommendations"],
        "properties": {
            "schema_version": {"description": "Version of the tracker format: 1.", "const": 1},
            "catalog": catalog_key,
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
            // No title, unlike every other definition: each step's own schema carries
            // the step's title, and a title here would head every step's hover instead.
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
                }
            },
            // Apart from `step`: yaml-language-server heads a step's hover with the
            // title of the first schema that applies to it, and an `if` inside `step`
            // would come first, carrying whichever step's title it saw last.
            "claim-needs-history": {
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
    });
    add_titles(&mut schema);
    schema
}

/// Titles of the shared definitions, which editors show as a hover's heading.
const DEFINITION_TITLES: [(&str, &str); 5] = [
    ("status", "Status"),
    ("source", "Source"),
    ("entry", "History entry"),
    ("evidence", "Evidence"),
    ("claim-needs-history", "A claimed status needs a history"),
];

/// Gives every shared definition (except `step`, see above) and every key of a
/// definition a title of its own.
///
/// A schema object that several places share (a definition, and the keys inside it)
/// and that has no title is headed, in yaml-language-server's hover, by the title of
/// whichever place used it last: hovering a step or an entry's `date` showed another
/// step's title. With a title of its own each one always reads the same.
fn add_titles(schema: &mut Json) {
    let Some(definitions) = schema.get_mut("definitions").and_then(Json::as_object_mut) else {
        return;
    };
    for (name, title) in DEFINITION_TITLES {
        if let Some(def) = definitions.get_mut(name).and_then(Json::as_object_mut) {
            def.insert("title".to_string(), json!(title));
        }
    }
    for def in definitions.values_mut() {
        let Some(properties) = def.get_mut("properties").and_then(Json::as_object_mut) else {
            continue;
        };
        for (key, property) in properties.iter_mut() {
            // A `$ref` takes its title from the definition it names.
            if let Some(p) = property.as_object_mut()
                && !p.contains_key("$ref")
                && !p.contains_key("title")
            {
                p.insert("title".to_string(), json!(key_title(key)));
            }
        }
    }
}

/// `next_review` as "Next review", `url` as "URL".
fn key_title(key: &str) -> String {
    if key == "url" {
        return "URL".to_string();
    }
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
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

// `patternErrorMessage` is what an editor says instead of printing the pattern
// (yaml-language-server and VS Code's JSON support read it); validators ignore it.

fn date_schema(description: &str) -> Json {
    json!({
        "description": description,
        "type": "string",
        "pattern": DATE_PATTERN,
        "patternErrorMessage": "Not a day of the calendar written YYYY-MM-DD, such as 2021-12-10 (February has 28 days, 29 in leap years).",
        "format": "date"
    })
}

fn url_schema(description: &str) -> Json {
    json!({
        "description": description,
        "type": "string",
        "pattern": URL_PATTERN,
        "patternErrorMessage": "Not an http or https URL: write the full address, starting with https://."
    })
}

/// Where a recommendation or step is made: `icg-306, Executive Summary; ...`.
fn cites(from: &[Cite], lang: &str) -> String {
    from.iter()
        .map(|c| format!("{}, {}", c.document, c.locator.get(lang)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The schema as the committed file holds it: pretty JSON with a final newline.
pub fn to_file_text(schema: &Json) -> String {
    // Serialising a `Value` cannot fail: its keys are strings and it holds no floats
    // that JSON lacks.
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
