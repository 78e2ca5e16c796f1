//! A recommendation catalog: the recommendations of some documents, the steps a
//! tracker records for each, the parties responsible and where each comes from.
//!
//! Catalogs are data (docs/catalog-format.md): the built-in one,
//! `schema/recommendations.yaml`, is embedded in the binary, and a tracker may name a
//! catalog file of its own. This module reads a catalog that is well-formed; a broken
//! one is explained, with spans, by `check`'s catalog rules, which run first, so the
//! errors here are short.

mod text;

pub use text::Text;

use crate::syntax::document::{Node, Pair, Value};
use crate::syntax::{self, Limits, LoadError};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// The built-in catalog's YAML text, as shipped.
pub const CATALOG_YAML: &str = include_str!("../../../schema/recommendations.yaml");

/// The id of the built-in catalog, which trackers without a `catalog:` key use.
pub const BUILTIN_ID: &str = "mali-jnim-dialogue";

/// Every built-in catalog: (id, YAML text).
pub const BUILTIN: &[(&str, &str)] = &[(BUILTIN_ID, CATALOG_YAML)];

/// The top-level key that marks a YAML file as a catalog.
pub const FORMAT_KEY: &str = "catalog_format";

/// Why a catalog could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The YAML itself is broken.
    #[error("catalog line {}:{}: {}", .0.span.start.line, .0.span.start.col, .0.message)]
    Yaml(#[from] LoadError),
    /// The YAML does not have the catalog's shape.
    #[error("catalog: {0}")]
    Shape(#[from] serde_json::Error),
    /// Ids or references are inconsistent.
    #[error("catalog: {0}")]
    Invalid(String),
    /// No built-in catalog has this id.
    #[error("no built-in catalog `{id}` (built in: {})", builtin_ids().join(", "))]
    Unknown {
        /// The id asked for.
        id: String,
    },
}

/// The ids of the built-in catalogs.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The whole catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Kebab-case id, which trackers name in `catalog:`.
    pub id: String,
    /// Raised when a step changes meaning, so a report says which one it used.
    pub version: Option<u32>,
    /// What the catalog covers.
    pub title: Text,
    /// Languages its text is written in; the first is the default.
    pub languages: Vec<String>,
    /// Documents the recommendations come from, by id, in catalog order.
    pub documents: Vec<(String, Document)>,
    /// Party ids and their names, in catalog order.
    pub parties: Vec<(String, Text)>,
    /// Recommendations, in the order reports list them.
    pub recommendations: Vec<Recommendation>,
    /// Suggestions of the documents the catalog leaves out, and why, so that a reader
    /// sees its coverage.
    pub not_tracked: Vec<NotTracked>,
}

/// A suggestion of a document that no recommendation tracks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotTracked {
    /// Document id.
    pub document: String,
    /// Where in the document.
    pub locator: Text,
    /// What the document suggests, in the catalog's words.
    pub summary: Text,
    /// Why the catalog does not track it.
    pub why: Text,
}

/// A document the catalog is drawn from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Title of the document.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Series or report number.
    pub reference: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// Authors, if named.
    #[serde(default)]
    pub authors: Vec<String>,
}

/// Where a recommendation or step is made.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// Document id.
    pub document: String,
    /// Where in the document, in words a reader can follow.
    pub locator: Text,
}

/// One recommendation of a document.
#[derive(Debug, Clone)]
pub struct Recommendation {
    /// Stable kebab-case id.
    pub id: String,
    /// One-line title.
    pub title: Text,
    /// A short description in the catalog's words.
    pub description: Text,
    /// Where it is made.
    pub from: Vec<Cite>,
    /// Its trackable steps, in catalog order.
    pub steps: Vec<Step>,
}

/// One observable action that implements part of a recommendation.
#[derive(Debug, Clone)]
pub struct Step {
    /// Stable kebab-case id, unique within its recommendation.
    pub id: String,
    /// Parties responsible, by id: one, or several acting together.
    pub party: Vec<String>,
    /// One-line title.
    pub title: Text,
    /// A short description in the catalog's words.
    pub description: Text,
    /// Where it is made.
    pub from: Vec<Cite>,
    /// Ids the step had in earlier versions of the catalog.
    pub renamed_from: Vec<String>,
}

/// A recommendation as written, its steps read apart to keep their order.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecommendationFields {
    title: Text,
    description: Text,
    from: Vec<Cite>,
    #[allow(dead_code)]
    steps: serde::de::IgnoredAny,
}

/// A step as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFields {
    party: Parties,
    title: Text,
    description: Text,
    from: Vec<Cite>,
    #[serde(default)]
    renamed_from: Vec<String>,
}

/// `party: government` or `party: [government, jnim]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Parties {
    One(String),
    Many(Vec<String>),
}

/// The top level as written; maps whose order matters are read apart.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFields {
    catalog_format: u32,
    id: String,
    #[serde(default)]
    version: Option<u32>,
    title: Text,
    languages: Vec<String>,
    #[allow(dead_code)]
    documents: serde::de::IgnoredAny,
    #[allow(dead_code)]
    parties: serde::de::IgnoredAny,
    #[allow(dead_code)]
    recommendations: serde::de::IgnoredAny,
    #[serde(default)]
    not_tracked: Vec<NotTracked>,
}

/// A mapping's entries in source order, each value read as `T`. (JSON objects here
/// are sorted by key; catalog order is report order, so maps are read off the node.)
fn ordered<'n, T: DeserializeOwned>(
    node: &'n Node,
    key: &str,
) -> Result<Vec<(&'n Pair, T)>, CatalogError> {
    let Some(value) = node.get(key) else {
        return Err(CatalogError::Invalid(format!("`{key}` is missing")));
    };
    let Value::Map(pairs) = &value.value else {
        return Err(CatalogError::Invalid(format!("`{key}` is not a mapping")));
    };
    pairs
        .iter()
        .map(|p| Ok((p, serde_json::from_value(p.value.to_json())?)))
        .collect()
}

/// The entries of [`ordered`] by their keys.
fn keyed<T>(entries: Vec<(&Pair, T)>) -> Vec<(String, T)> {
    entries
        .into_iter()
        .map(|(p, t)| (p.key.to_string(), t))
        .collect()
}

impl Catalog {
    /// The built-in catalog trackers use by default.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_yaml(CATALOG_YAML)
    }

    /// The built-in catalog with this id.
    pub fn builtin_named(id: &str) -> Result<Catalog, CatalogError> {
        let (_, text) = BUILTIN
            .iter()
            .find(|(builtin, _)| *builtin == id)
            .ok_or_else(|| CatalogError::Unknown { id: id.to_string() })?;
        Catalog::from_yaml(text)
    }

    /// Reads a catalog from YAML text and checks its references.
    pub fn from_yaml(text: &str) -> Result<Catalog, CatalogError> {
        let node = syntax::parse(text, &Limits::default())?;
        Catalog::from_node(&node)
    }

    /// Reads a catalog from its parsed document and checks its references.
    pub fn from_node(node: &Node) -> Result<Catalog, CatalogError> {
        let fields: CatalogFields = serde_json::from_value(node.to_json())?;
        if fields.catalog_format != 1 {
            return Err(CatalogError::Invalid(format!(
                "catalog_format {} (this rectrack reads 1)",
                fields.catalog_format
            )));
        }
        let mut recommendations = Vec::new();
        for (rec, fields) in ordered::<RecommendationFields>(node, "recommendations")? {
            let steps = ordered::<StepFields>(&rec.value, "steps")?
                .into_iter()
                .map(|(step, s)| Step {
                    id: step.key.to_string(),
                    party: match s.party {
                        Parties::One(p) => vec![p],
                        Parties::Many(ps) => ps,
                    },
                    title: s.title,
                    description: s.description,
                    from: s.from,
                    renamed_from: s.renamed_from,
                })
                .collect();
            recommendations.push(Recommendation {
                id: rec.key.to_string(),
                title: fields.title,
                description: fields.description,
                from: fields.from,
                steps,
            });
        }
        let mut catalog = Catalog {
            id: fields.id,
            version: fields.version,
            title: fields.title,
            languages: fields.languages,
            documents: keyed(ordered(node, "documents")?),
            parties: keyed(ordered(node, "parties")?),
            recommendations,
            not_tracked: fields.not_tracked,
        };
        catalog.order_texts();
        catalog.validate()?;
        Ok(catalog)
    }

    /// Every text with the default language first, for [`Text::get`]'s fallback.
    fn order_texts(&mut self) {
        let langs = self.languages.clone();
        self.title.order_by(&langs);
        for (_, name) in &mut self.parties {
            name.order_by(&langs);
        }
        let cites = |from: &mut Vec<Cite>| {
            for c in from {
                c.locator.order_by(&langs);
            }
        };
        for rec in &mut self.recommendations {
            rec.title.order_by(&langs);
            rec.description.order_by(&langs);
            cites(&mut rec.from);
            for step in &mut rec.steps {
                step.title.order_by(&langs);
                step.description.order_by(&langs);
                cites(&mut step.from);
            }
        }
        for item in &mut self.not_tracked {
            for t in [&mut item.locator, &mut item.summary, &mut item.why] {
                t.order_by(&langs);
            }
        }
    }

    /// The references a report relies on; `check`'s catalog rules say the same with
    /// spans, so this is the last line, not the explanation.
    fn validate(&self) -> Result<(), CatalogError> {
        if self.languages.is_empty() {
            return Err(CatalogError::Invalid("`languages` is empty".into()));
        }
        let documents: HashSet<&str> = self.documents.iter().map(|(id, _)| id.as_str()).collect();
        let parties: HashSet<&str> = self.parties.iter().map(|(id, _)| id.as_str()).collect();
        let cited = |from: &[Cite], who: &str| -> Result<(), CatalogError> {
            match from
                .iter()
                .find(|c| !documents.contains(c.document.as_str()))
            {
                Some(c) => Err(CatalogError::Invalid(format!(
                    "`{who}` cites unknown document `{}`",
                    c.document
                ))),
                None => Ok(()),
            }
        };
        for rec in &self.recommendations {
            cited(&rec.from, &rec.id)?;
            for step in &rec.steps {
                let who = format!("{}/{}", rec.id, step.id);
                if step.from.is_empty() {
                    return Err(CatalogError::Invalid(format!("`{who}` has no `from`")));
                }
                cited(&step.from, &who)?;
                if let Some(p) = step.party.iter().find(|p| !parties.contains(p.as_str())) {
                    return Err(CatalogError::Invalid(format!(
                        "step `{who}` names unknown party `{p}`"
                    )));
                }
                if step.party.is_empty() {
                    return Err(CatalogError::Invalid(format!("step `{who}` has no party")));
                }
            }
        }
        for item in &self.not_tracked {
            if !documents.contains(item.document.as_str()) {
                return Err(CatalogError::Invalid(format!(
                    "`not_tracked` cites unknown document `{}`",
                    item.document
                )));
            }
        }
        Ok(())
    }

    /// The default language of its text.
    pub fn default_language(&self) -> &str {
        self.languages.first().map_or("en", String::as_str)
    }

    /// The recommendation with this id.
    pub fn recommendation(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|(d, _)| d == id).map(|(_, d)| d)
    }

    /// A party's name in `lang`, if the catalog has the party.
    pub fn party_name(&self, id: &str, lang: &str) -> Option<&str> {
        self.parties
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, name)| name.get(lang))
    }

    /// The party ids, in catalog order (what a tracker's `parties` names).
    pub fn party_ids(&self) -> impl Iterator<Item = &str> {
        self.parties.iter().map(|(id, _)| id.as_str())
    }

    /// Every step with its recommendation, in catalog order.
    pub fn steps(&self) -> impl Iterator<Item = (&Recommendation, &Step)> {
        self.recommendations
            .iter()
            .flat_map(|r| r.steps.iter().map(move |s| (r, s)))
    }
}

impl Recommendation {
    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The step that had this id in an earlier version of the catalog.
    pub fn renamed(&self, old: &str) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.renamed_from.iter().any(|r| r == old))
    }
}

impl Step {
    /// Its parties as one key (`government`, `government+jnim`), for grouping steps
    /// by who is responsible.
    pub fn party_key(&self) -> String {
        self.party.join("+")
    }
}

#[cfg(test)]
mod tests;
