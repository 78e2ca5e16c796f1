//! One schema error as findings, in a monitor's words.

use super::help::{
    LANGUAGE_HELP, catalog_id_help, empty_help, id_help, one_of_types, suggestion, type_help,
    type_name,
};
use super::place::describe;
use super::{GROUP_AFTER, SchemaChecker, SchemaKind, instance_path};
use crate::check::finding::Finding;
use crate::check::rules::{Rule, SCHEMA};
use crate::check::suggest::did_you_mean;
use crate::model::schema::{DATE_PATTERN, LANGUAGE_PATTERN, URL_PATTERN};
use crate::syntax::document::{Node, PathStep};
use crate::syntax::span::Span;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use serde_json::Value as Json;

/// What to do about evidence without a locator (missing or empty).
const LOCATOR_HELP: &str = "say where in the source the evidence is: `locator: paragraph 3` \
(for a short communiqué, `locator: whole text`)";

/// What to do about a catalog citation without a locator (missing or empty).
const CATALOG_LOCATOR_HELP: &str = "say where in the document a reader finds it: \
`locator: Recommendation 4(b)` or `locator: p. 12, paragraph 3`";

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
        let covered_by_own_rule = match self.kind {
            SchemaKind::Tracker => {
                schema_path.contains("/then/")
                    || matches!(
                        (err.kind(), p.as_slice()),
                        (
                            ValidationErrorKind::AdditionalProperties { .. }
                                | ValidationErrorKind::Required { .. },
                            ["recommendations"] | ["recommendations", _, "steps"]
                        )
                    )
            }
            // A code twice in `languages`, a party twice in a step's list, an old id
            // twice in `renamed_from`: `catalog-duplicate-id` names the repeat.
            SchemaKind::Catalog => matches!(err.kind(), ValidationErrorKind::UniqueItems),
        };
        if covered_by_own_rule {
            return None;
        }
        let kind = self.kind;
        let describe = |p: &[&str]| describe(kind, p);
        let locator_help = match kind {
            SchemaKind::Tracker => LOCATOR_HELP,
            SchemaKind::Catalog => CATALOG_LOCATOR_HELP,
        };
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
                        .filter(|e| !allowed.iter().any(|k| *k == e.key))
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
                        "is this file a {}? keys allowed here: {}",
                        match kind {
                            SchemaKind::Tracker => "tracker",
                            SchemaKind::Catalog => "catalog",
                        },
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
                    _ if name == "locator" => locator_help.to_string(),
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
            ValidationErrorKind::Type { kind: types } => {
                let expected = match types {
                    jsonschema::error::TypeKind::Single(t) => type_name(&t.to_string()),
                    jsonschema::error::TypeKind::Multiple(set) => {
                        let names: Vec<String> = set.into_iter().map(|t| t.to_string()).collect();
                        one_of_types(&names, &p)
                    }
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
                    LANGUAGE_PATTERN => (
                        "is not a language code such as en, fr or pt-BR",
                        LANGUAGE_HELP,
                    ),
                    _ => (
                        "is not a kebab-case id",
                        "ids use lowercase letters, digits and hyphens, e.g. icg-306",
                    ),
                };
                let help = match (kind, pattern.as_str()) {
                    (SchemaKind::Catalog, crate::model::schema::ID_PATTERN) => catalog_id_help(&p),
                    _ => help.to_string(),
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
                "this rectrack reads {} format version {expected_value}",
                match kind {
                    SchemaKind::Tracker => "tracker",
                    SchemaKind::Catalog => "catalog",
                }
            )),
            ValidationErrorKind::MinLength { .. } => Finding::new(
                rule,
                node.span,
                format!("{} must not be empty", describe(&p)),
            )
            .label("empty")
            .help(if p.last() == Some(&"locator") {
                locator_help
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
                let span = key_span.or(here.key_span).unwrap_or(node.span);
                // The key is what is wrong, so the message says what it should be: a
                // language code in a map of texts, an id of the right kind elsewhere.
                let is_language = matches!(
                    error.kind(),
                    ValidationErrorKind::Pattern { pattern } if pattern == LANGUAGE_PATTERN
                );
                if is_language {
                    Finding::new(
                        rule,
                        span,
                        format!(
                            "`{}` in {} is not a language code such as en, fr or pt-BR",
                            name.escape_debug(),
                            describe(&p)
                        ),
                    )
                    .label("not a language code")
                    .help(LANGUAGE_HELP)
                } else {
                    Finding::new(
                        rule,
                        span,
                        format!(
                            "`{}` in {} is not a kebab-case id",
                            name.escape_debug(),
                            describe(&p)
                        ),
                    )
                    .label("not a kebab-case id")
                    .help(id_help(&p))
                }
            }
            ValidationErrorKind::OneOfNotValid { context } => {
                return Some(self.one_of(root, err, context, &p, node));
            }
            ValidationErrorKind::MinItems { .. } | ValidationErrorKind::MinProperties { .. } => {
                Finding::new(
                    rule,
                    node.span,
                    format!("{} must not be empty", describe(&p)),
                )
                .label("empty")
                .help(empty_help(&p))
            }
            ValidationErrorKind::Minimum { limit } => Finding::new(
                rule,
                node.span,
                format!(
                    "{} must be at least {limit}, not {value_text}",
                    describe(&p)
                ),
            )
            .label(format!("below {limit}"))
            .help(if p.last() == Some(&"version") {
                "versions count from 1: raise the number when a step changes meaning"
            } else {
                "write a larger number"
            }),
            _ => {
                Finding::new(rule, node.span, format!("{}: {err}", describe(&p))).help(match kind {
                    SchemaKind::Tracker => {
                        "see `rectrack explain schema` and schema/tracker.schema.json"
                    }
                    SchemaKind::Catalog => {
                        "see docs/catalog-format.md and schema/catalog.schema.json"
                    }
                })
            }
        };
        Some(vec![finding])
    }
}

impl SchemaChecker {
    /// A value that fits none of the shapes a `oneOf` allows (a text, a party). When
    /// it has the type of one of them, that shape's own errors say what is wrong
    /// inside it (`{}` is empty, `EN` is no language code); otherwise one finding
    /// names the shapes allowed, where the validator would say "not valid under any
    /// of the schemas listed".
    fn one_of(
        &self,
        root: &Node,
        err: &jsonschema::ValidationError<'_>,
        context: &[Vec<jsonschema::ValidationError<'static>>],
        p: &[&str],
        node: &Node,
    ) -> Vec<Finding> {
        let here = err.instance_path().as_str();
        let mut types: Vec<String> = Vec::new();
        for branch in context {
            let wrong_type = branch.iter().find_map(|e| match e.kind() {
                ValidationErrorKind::Type { kind } if e.instance_path().as_str() == here => {
                    Some(kind)
                }
                _ => None,
            });
            match wrong_type {
                None => {
                    return branch
                        .iter()
                        .filter_map(|e| self.findings(root, e))
                        .flatten()
                        .collect();
                }
                Some(TypeKind::Single(t)) => types.push(t.to_string()),
                Some(TypeKind::Multiple(set)) => {
                    types.extend(set.into_iter().map(|t| t.to_string()));
                }
            }
        }
        let expected = one_of_types(&types, p);
        let finding = Finding::new(
            &SCHEMA,
            node.span,
            format!(
                "{} should be {expected}, not {}",
                describe(self.kind, p),
                node.kind_name()
            ),
        )
        .label(format!("expected {expected}"))
        .help(type_help(p, &expected));
        vec![finding]
    }
}
