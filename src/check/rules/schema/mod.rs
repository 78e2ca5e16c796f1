//! The JSON Schema's rule (`schema`): a schema compiled once, and each of its errors
//! mapped back to the node it is about and rewritten in a monitor's words.
//!
//! Two schemas go through it: the trackers' (generated from their catalog in
//! `model::schema`) and the catalogs' (`schema/catalog.schema.json`, shipped for
//! editors and embedded here). Errors that one of rectrack's own rules reports more
//! precisely (an unknown or missing catalog id, missing evidence, a repeated language)
//! are left to that rule, as the contract asks.

mod help;
mod place;
mod translate;
mod tree;

use crate::check::finding::Finding;
use crate::model::catalog::Catalog;
use crate::model::schema::generate;
use crate::syntax::document::Node;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::Value as Json;
use tree::{Copies, Handle, Tree};

/// More unknown keys than this in one mapping make one finding that lists them.
const GROUP_AFTER: usize = 5;

/// Why a schema could not be built (a bug in the generator or in the shipped catalog
/// schema, never a user's input).
#[derive(Debug, thiserror::Error)]
#[error("the JSON Schema does not compile: {0}")]
pub struct SchemaError(String);

/// Required keys missing from one mapping, merged into the finding at `index`.
struct Missing {
    /// The mapping's instance path.
    path: Vec<String>,
    /// Where its finding is in the output.
    index: usize,
    /// The keys it lacks, in the order the schema named them.
    names: Vec<String>,
}

impl Missing {
    /// Says every missing key in the one finding.
    fn rewrite(&self, kind: SchemaKind, f: &mut Finding) {
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        let quoted: Vec<_> = self.names.iter().map(|n| format!("`{n}`")).collect();
        f.message = format!(
            "{} lacks the required keys {}",
            place::describe(kind, &path),
            quoted.join(", ")
        );
        f.label = "missing keys".to_string();
        let keys: Vec<_> = self.names.iter().map(|n| format!("`{n}:`")).collect();
        f.help = format!("add {}", keys.join(", "));
    }
}

/// The instance path of a schema error, one string per key or index.
fn instance_path(err: &jsonschema::ValidationError<'_>) -> Vec<String> {
    err.instance_path()
        .iter()
        .map(|s| match s {
            LocationSegment::Property(p) => p.to_string(),
            LocationSegment::Index(i) => i.to_string(),
        })
        .collect()
}

/// The catalogs' JSON Schema, as shipped for editors.
pub const CATALOG_SCHEMA_JSON: &str = include_str!("../../../../schema/catalog.schema.json");

/// What kind of file a schema describes: messages name places and give help in its
/// terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// A tracker, against the schema generated from its catalog.
    Tracker,
    /// A catalog, against `schema/catalog.schema.json`.
    Catalog,
}

/// A compiled schema, built once per run and used for every file.
pub struct SchemaChecker {
    schema: Json,
    /// Reads rectrack's own tree: no JSON copy of a document is made.
    validator: jsonschema::Validator<Tree>,
    kind: SchemaKind,
}

/// `schema` compiled for documents held as `F` (the same options whatever the
/// representation: the tests compare the tree's errors with `serde_json`'s).
fn build<F: jsonschema::json::Json>(
    schema: &Json,
) -> Result<jsonschema::Validator<F>, SchemaError> {
    // Formats are assertions here (draft-07 leaves it to the implementation), so
    // `2021-02-30` fails in rectrack as it does in check-jsonschema.
    jsonschema::options_for::<F>()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        // One definition of a date for the schema and the rules: the validator's own
        // `date` accepts year 0000, which check-jsonschema refuses and from which the
        // rules could read no date.
        .with_format("date", |s: &str| {
            crate::model::date::parse_date(s).is_some()
        })
        .build(schema)
        .map_err(|e| SchemaError(e.to_string()))
}

impl SchemaChecker {
    /// Compiles the schema of trackers of `catalog`.
    pub fn new(catalog: &Catalog) -> Result<Self, SchemaError> {
        Self::compile(generate(catalog), SchemaKind::Tracker)
    }

    /// Compiles the catalogs' schema, `schema/catalog.schema.json`.
    pub fn for_catalogs() -> Result<Self, SchemaError> {
        let schema: Json =
            serde_json::from_str(CATALOG_SCHEMA_JSON).map_err(|e| SchemaError(e.to_string()))?;
        Self::compile(schema, SchemaKind::Catalog)
    }

    /// Compiles `schema`, which describes files of `kind`.
    fn compile(schema: Json, kind: SchemaKind) -> Result<Self, SchemaError> {
        let validator = build::<Tree>(&schema)?;
        Ok(SchemaChecker {
            schema,
            validator,
            kind,
        })
    }

    /// The kind of file this schema describes.
    pub fn kind(&self) -> SchemaKind {
        self.kind
    }

    /// The schema this checker enforces.
    pub fn schema(&self) -> &Json {
        &self.schema
    }

    /// Schema findings for the document `root`.
    pub fn check(&self, root: &Node) -> Vec<Finding> {
        // Most files are valid: a yes/no pass costs less than collecting errors.
        if self.validator.is_valid(Handle::root(root)) {
            return Vec::new();
        }
        let copies = Copies::new();
        self.translate_all(
            root,
            self.validator
                .iter_errors(Handle::root_keeping(root, &copies)),
        )
    }

    /// The findings for the schema errors of the document `root`, in their order.
    fn translate_all<'e>(
        &self,
        root: &Node,
        errors: impl Iterator<Item = jsonschema::ValidationError<'e>>,
    ) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::new();
        // Several keys missing from one mapping make one finding, not one per key: a
        // file that is not a tracker at all should not bury the reader in seven errors.
        let mut missing: Vec<Missing> = Vec::new();
        for err in errors {
            let Some(findings) = self.findings(root, &err) else {
                continue;
            };
            if let ValidationErrorKind::Required { property } = err.kind() {
                let path = instance_path(&err);
                let name = property.as_str().unwrap_or_default().to_string();
                if let Some(m) = missing.iter_mut().find(|m| m.path == path) {
                    m.names.push(name);
                    m.rewrite(self.kind, &mut out[m.index]);
                    continue;
                }
                missing.push(Missing {
                    path,
                    index: out.len(),
                    names: vec![name],
                });
            }
            out.extend(findings);
        }
        out
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

#[cfg(test)]
mod tests;
