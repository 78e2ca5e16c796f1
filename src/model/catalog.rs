//! The recommendation catalog: recommendations, their steps, parties and sources.
//!
//! `schema/recommendations.yaml` is compiled into the binary so that the ids a tracker
//! is checked against cannot drift from the ones the schema and reports use.

use crate::syntax::{self, Limits, LoadError};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The catalog's YAML text, as shipped.
pub const CATALOG_YAML: &str = include_str!("../../schema/recommendations.yaml");

/// Why the catalog could not be read (only possible with a broken build or a custom
/// catalog file).
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
}

/// The whole catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Version of the catalog: raised when its format changes or a step changes
    /// meaning (its party, what it tracks), so a report says which one it used.
    pub catalog_version: u32,
    /// Documents the catalog cites, by id.
    pub sources: BTreeMap<String, CatalogSource>,
    /// Party ids and their names (`both` included).
    pub parties: BTreeMap<String, String>,
    /// Recommendations, in the order reports list them.
    pub recommendations: Vec<Recommendation>,
    /// Suggestions of the source documents the catalog leaves out, and why, so that a
    /// reader sees its coverage.
    #[serde(default)]
    pub not_tracked: Vec<NotTracked>,
}

/// A suggestion of a source document that no recommendation tracks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotTracked {
    /// Kebab-case id, unique in the catalog (other languages key their text on it).
    pub id: String,
    /// Source document id.
    pub source: String,
    /// Where in the source.
    pub locator: String,
    /// What the document suggests, in the project's words.
    pub summary: String,
    /// Why the catalog does not track it.
    pub why: String,
}

/// A document the catalog is drawn from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogSource {
    /// Title of the document.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Series or report number.
    pub reference: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Authors, if named.
    #[serde(default)]
    pub authors: Vec<String>,
}

/// One recommendation of a source document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Stable kebab-case id.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// A short description in the project's words.
    pub description: String,
    /// Source document id.
    pub source: String,
    /// Where in the source.
    pub locator: String,
    /// Its trackable steps.
    pub steps: Vec<Step>,
}

/// One observable action that implements part of a recommendation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable kebab-case id, unique within its recommendation.
    pub id: String,
    /// Party responsible: `government`, `jnim` or `both`.
    pub party: String,
    /// One-line title.
    pub title: String,
    /// A short description in the project's words.
    pub description: String,
    /// Source document id.
    pub source: String,
    /// Where in the source.
    pub locator: String,
}

impl Catalog {
    /// The catalog built into this binary.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_yaml(CATALOG_YAML)
    }

    /// Reads a catalog from YAML text and checks it is consistent.
    pub fn from_yaml(text: &str) -> Result<Catalog, CatalogError> {
        let node = syntax::parse(text, &Limits::default())?;
        let catalog: Catalog = serde_json::from_value(node.to_json())?;
        catalog.validate()?;
        Ok(catalog)
    }

    fn validate(&self) -> Result<(), CatalogError> {
        let mut seen = std::collections::HashSet::new();
        for rec in &self.recommendations {
            if !seen.insert(rec.id.as_str()) {
                return Err(CatalogError::Invalid(format!(
                    "recommendation `{}` twice",
                    rec.id
                )));
            }
            self.check_source(&rec.source, &rec.id)?;
            let mut steps = std::collections::HashSet::new();
            for step in &rec.steps {
                if !steps.insert(step.id.as_str()) {
                    return Err(CatalogError::Invalid(format!(
                        "step `{}/{}` twice",
                        rec.id, step.id
                    )));
                }
                if !self.parties.contains_key(&step.party) {
                    return Err(CatalogError::Invalid(format!(
                        "step `{}/{}` names unknown party `{}`",
                        rec.id, step.id, step.party
                    )));
                }
                self.check_source(&step.source, &step.id)?;
            }
        }
        let mut left_out = std::collections::HashSet::new();
        for item in &self.not_tracked {
            if !left_out.insert(item.id.as_str()) {
                return Err(CatalogError::Invalid(format!(
                    "not_tracked `{}` twice",
                    item.id
                )));
            }
            self.check_source(&item.source, &item.id)?;
        }
        Ok(())
    }

    fn check_source(&self, source: &str, who: &str) -> Result<(), CatalogError> {
        if self.sources.contains_key(source) {
            Ok(())
        } else {
            Err(CatalogError::Invalid(format!(
                "`{who}` cites unknown source `{source}`"
            )))
        }
    }

    /// The recommendation with this id.
    pub fn recommendation(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }

    /// The parties a tracker names (`both` is a catalog grouping, not a party to name).
    pub fn tracker_parties(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parties
            .iter()
            .filter(|(id, _)| id.as_str() != "both")
            .map(|(id, name)| (id.as_str(), name.as_str()))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_has_the_contracts_ids() {
        let c = Catalog::builtin().unwrap();
        let ids: Vec<_> = c
            .steps()
            .map(|(r, s)| format!("{}/{} {}", r.id, s.id, s.party))
            .collect();
        assert_eq!(
            ids,
            [
                "unify-ranks/government-consensus government",
                "unify-ranks/jnim-consensus jnim",
                "unify-ranks/foreign-partners government",
                "unify-ranks/security-assurances government",
                "appoint-teams/government-team government",
                "appoint-teams/jnim-team jnim",
                "appoint-teams/agenda both",
                "public-debate/debate-held government",
                "public-debate/positions-defined both",
                "mediator/candidates-identified government",
                "mediator/mediator-agreed both",
                "inclusivity/multi-level-engagement government",
                "inclusivity/grievances government",
                "inclusivity/interlocutors-identified government",
            ]
        );
        let parties: Vec<_> = c.tracker_parties().map(|(id, _)| id).collect();
        assert_eq!(parties, ["government", "jnim"]);
        let left_out: Vec<_> = c.not_tracked.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            left_out,
            [
                "ownership",
                "policymakers-recipients",
                "demobilisation",
                "social-contract",
                "regional-responses",
                "alongside-other-responses",
                "authorities-lead",
            ]
        );
    }

    #[test]
    fn inconsistent_catalogs_are_refused() {
        let bad = CATALOG_YAML.replace("party: jnim", "party: jmin");
        assert!(
            matches!(Catalog::from_yaml(&bad), Err(CatalogError::Invalid(m)) if m.contains("jmin"))
        );
        let bad = CATALOG_YAML.replace("  - id: policymakers-recipients", "  - id: ownership");
        assert!(
            matches!(Catalog::from_yaml(&bad), Err(CatalogError::Invalid(m)) if m.contains("`ownership` twice"))
        );
        let bad = CATALOG_YAML.replace(
            "  - id: ownership\n    source: iss-today-2020",
            "  - id: ownership\n    source: iss-2020",
        );
        assert!(
            matches!(Catalog::from_yaml(&bad), Err(CatalogError::Invalid(m)) if m.contains("iss-2020"))
        );
        let bad = CATALOG_YAML.replace("catalog_version", "catalogue_version");
        assert!(matches!(
            Catalog::from_yaml(&bad),
            Err(CatalogError::Shape(_))
        ));
    }
}
