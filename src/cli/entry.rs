//! The arguments `record`, `correct` and `source add` share: a step named as the
//! catalog names it, a status, evidence written `SOURCE:LOCATOR`, its stance, and a
//! source's fields.

use super::args::date_arg;
use super::exit::CliError;
use crate::check::suggest;
use crate::model::catalog::Catalog;
use crate::model::edit::{NewEvidence, NewSource};
use crate::model::status::Status;
use crate::model::tracker::Stance;
use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};

/// `--status`: one of the six statuses, each listed in `--help` with its meaning.
pub(super) fn status_arg() -> impl TypedValueParser<Value = Status> {
    PossibleValuesParser::new(Status::ALL.map(|s| PossibleValue::new(s.id()).help(s.meaning())))
        .map(|s| Status::from_id(&s).unwrap_or_default())
}

/// Evidence as written on the command line: the source's id, a colon, where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EvidenceArg {
    pub(super) source: String,
    pub(super) locator: String,
}

/// `--evidence icg-306:"Executive Summary, ¶4"` (the shell has removed the quotes):
/// split at the first colon, so a locator may hold colons of its own.
pub(super) fn evidence_arg(s: &str) -> Result<EvidenceArg, String> {
    const HOW: &str = "write the source's id, a colon, and where in the source: --evidence icg-306:\"Executive Summary, paragraph 4\"";
    let Some((source, locator)) = s.split_once(':') else {
        return Err(format!("no `:` between the source and the locator; {HOW}"));
    };
    let (source, locator) = (source.trim(), locator.trim());
    if source.is_empty() {
        return Err(format!("no source id before the `:`; {HOW}"));
    }
    if locator.is_empty() {
        return Err(format!(
            "no locator after `{source}:`: say where in the source (a section, a paragraph, a page); {HOW}"
        ));
    }
    Ok(EvidenceArg {
        source: source.to_string(),
        locator: locator.to_string(),
    })
}

/// Whether the evidence backs the entry or disputes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(super) enum StanceArg {
    /// the sources back the entry
    #[default]
    Supports,
    /// the sources dispute it (an official denial, a contrary report)
    Contradicts,
}

impl From<StanceArg> for Stance {
    fn from(s: StanceArg) -> Stance {
        match s {
            StanceArg::Supports => Stance::Supports,
            StanceArg::Contradicts => Stance::Contradicts,
        }
    }
}

/// The evidence of an entry: every `--evidence`, with the one `--stance`.
pub(super) fn evidence(given: &[EvidenceArg], stance: StanceArg) -> Vec<NewEvidence> {
    given
        .iter()
        .map(|e| NewEvidence {
            source: e.source.clone(),
            locator: Some(e.locator.clone()),
            url: None,
            stance: stance.into(),
        })
        .collect()
}

/// A step as the catalog names it: `recommendation/step`, or the step's id alone when
/// no other recommendation has a step of that id. Anything else is a usage error with
/// the closest step.
pub(super) fn resolve_step(catalog: &Catalog, given: &str) -> Result<(String, String), CliError> {
    let full: Vec<String> = catalog
        .steps()
        .map(|(r, s)| format!("{}/{}", r.id, s.id))
        .collect();
    if let Some((rec, step)) = given.split_once('/')
        && catalog
            .recommendation(rec)
            .and_then(|r| r.step(step))
            .is_some()
    {
        return Ok((rec.to_string(), step.to_string()));
    }
    let bare: Vec<(&str, &str)> = catalog
        .steps()
        .filter(|(_, s)| s.id == given)
        .map(|(r, s)| (r.id.as_str(), s.id.as_str()))
        .collect();
    match bare.as_slice() {
        [(rec, step)] => return Ok(((*rec).to_string(), (*step).to_string())),
        [] => {}
        several => {
            let names: Vec<String> = several.iter().map(|(r, s)| format!("{r}/{s}")).collect();
            return Err(CliError::Usage(format!(
                "`{given}` is a step of several recommendations: write one of {}",
                names.join(", ")
            )));
        }
    }
    // The closest full name, or the full name of the closest bare id.
    let hint = suggest::closest(given, full.iter().map(String::as_str))
        .map(str::to_string)
        .or_else(|| {
            let ids: Vec<&str> = catalog.steps().map(|(_, s)| s.id.as_str()).collect();
            let id = suggest::closest(given, ids)?;
            full.iter()
                .find(|f| f.ends_with(&format!("/{id}")))
                .cloned()
        })
        .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
    Err(CliError::Usage(format!(
        "no step `{given}` in the catalog{hint} (write `recommendation/step`; `rectrack catalog` lists them)"
    )))
}

/// A source's fields, for `source add` and `record --new-source`.
#[derive(Debug, Clone, Default, Args)]
pub(super) struct SourceFields {
    /// The source's title, as the document gives it.
    #[arg(long)]
    pub(super) title: Option<String>,
    /// Who published it.
    #[arg(long)]
    pub(super) publisher: Option<String>,
    /// When it was published (YYYY-MM-DD).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) published: Option<NaiveDate>,
    /// Its series or number, e.g. "Africa Report N°306".
    #[arg(long)]
    pub(super) reference: Option<String>,
    /// Where it can be read.
    #[arg(long)]
    pub(super) url: Option<String>,
    /// Its authors, in order, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub(super) authors: Vec<String>,
}

impl SourceFields {
    /// Whether any field was given.
    pub(super) fn any(&self) -> bool {
        self.title.is_some()
            || self.publisher.is_some()
            || self.published.is_some()
            || self.reference.is_some()
            || self.url.is_some()
            || !self.authors.is_empty()
    }

    /// The source `id` with these fields; a title is required.
    pub(super) fn source(&self, id: &str) -> Result<NewSource, CliError> {
        let Some(title) = self.title.clone() else {
            return Err(CliError::Usage(format!(
                "source `{id}` needs a title: add --title \"...\""
            )));
        };
        Ok(NewSource {
            id: id.to_string(),
            title,
            publisher: self.publisher.clone(),
            reference: self.reference.clone(),
            published: self.published,
            url: self.url.clone(),
            authors: self
                .authors
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_splits_at_the_first_colon() {
        let e = evidence_arg("icg-306:Executive Summary: ¶4").unwrap();
        assert_eq!(e.source, "icg-306");
        assert_eq!(e.locator, "Executive Summary: ¶4");
        assert!(
            evidence_arg("icg-306")
                .unwrap_err()
                .contains("--evidence icg-306:")
        );
        assert!(evidence_arg(":p. 4").unwrap_err().contains("no source id"));
        assert!(
            evidence_arg("icg-306: ")
                .unwrap_err()
                .contains("no locator")
        );
    }

    #[test]
    fn steps_are_found_by_full_or_bare_id_with_a_suggestion() {
        let c = Catalog::builtin().unwrap();
        let ok = |s: &str| resolve_step(&c, s).unwrap();
        assert_eq!(
            ok("mediator/candidates-identified"),
            ("mediator".into(), "candidates-identified".into())
        );
        assert_eq!(
            ok("candidates-identified"),
            ("mediator".into(), "candidates-identified".into())
        );
        let err = |s: &str| resolve_step(&c, s).unwrap_err().to_string();
        assert!(
            err("mediator/candidate-identified")
                .contains("did you mean `mediator/candidates-identified`?"),
            "{}",
            err("mediator/candidate-identified")
        );
        assert!(err("goverment-team").contains("did you mean `appoint-teams/government-team`?"));
        // A step filed under the wrong recommendation is not taken.
        assert!(err("mediator/government-team").contains("no step"));
        assert!(!err("weather").contains("did you mean"));
    }
}
