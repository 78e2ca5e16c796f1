//! A run over trackers of several catalogs: the trackers grouped by catalog, each
//! group a [`Report`] rendered with its own catalog, so no table ever mixes the steps
//! of two catalogs. A run over trackers of one catalog is one group, and every format
//! renders it exactly as a single report.

use super::{Ctx, Input, PeriodRequest, Report, TrackerReport, words};
use crate::model::catalog::Catalog;
use crate::model::period::PeriodError;
use crate::present::i18n::Messages;
use std::sync::Arc;

/// What every format needs besides the reports: the reader's words and the staleness
/// window. Each group brings its own catalog ([`Reader::with`] makes its [`Ctx`]).
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    /// Words in the reader's language.
    pub m: &'a Messages,
    /// Days without news after which a step is stale.
    pub stale_days: u32,
}

impl<'a> Reader<'a> {
    /// The context for rendering the trackers of `catalog`.
    pub fn with<'c>(&self, catalog: &'c Catalog) -> Ctx<'c>
    where
        'a: 'c,
    {
        Ctx {
            catalog,
            m: self.m,
            stale_days: self.stale_days,
        }
    }
}

/// The trackers of one catalog, reported together.
#[derive(Debug, Clone)]
pub struct Group {
    /// The catalog they were checked against.
    pub catalog: Arc<Catalog>,
    /// Their report, built with that catalog.
    pub report: Report,
}

impl Group {
    /// Its rendering context.
    pub fn ctx<'c>(&'c self, reader: &Reader<'c>) -> Ctx<'c> {
        reader.with(&self.catalog)
    }

    /// "Catalog fictional-river-accord: Verdant River Accord, ...", in the reader's
    /// language, with the catalog's title passed through `esc`.
    pub fn heading(&self, m: &Messages, esc: impl Fn(&str) -> String) -> String {
        m.args(
            "catalog-heading",
            &[
                ("id", esc(&self.catalog.id).into()),
                ("title", esc(m.text(&self.catalog.title)).into()),
            ],
        )
    }
}

/// A run's report: its trackers grouped by catalog, groups in the order their first
/// tracker comes, trackers in their order within a group.
#[derive(Debug, Clone)]
pub struct Grouped {
    /// At least one group (an empty run is one empty group of the default catalog).
    pub groups: Vec<Group>,
}

impl Grouped {
    /// Groups `inputs` by catalog (the same catalog is the same `Arc`: a run reads
    /// each catalog once) and builds each group's report. `default` is the catalog of
    /// an empty run.
    pub fn build(
        inputs: &[(Input<'_>, Arc<Catalog>)],
        default: &Arc<Catalog>,
        request: PeriodRequest,
        stale_days: u32,
    ) -> Result<Grouped, PeriodError> {
        let mut by_catalog: Vec<(Arc<Catalog>, Vec<Input<'_>>)> = Vec::new();
        for (input, catalog) in inputs {
            match by_catalog.iter_mut().find(|(c, _)| Arc::ptr_eq(c, catalog)) {
                Some((_, list)) => list.push(*input),
                None => by_catalog.push((Arc::clone(catalog), vec![*input])),
            }
        }
        if by_catalog.is_empty() {
            by_catalog.push((Arc::clone(default), Vec::new()));
        }
        let groups = by_catalog
            .into_iter()
            .map(|(catalog, inputs)| {
                Ok(Group {
                    report: Report::build(&inputs, &catalog, request, stale_days)?,
                    catalog,
                })
            })
            .collect::<Result<Vec<_>, PeriodError>>()?;
        Ok(Grouped { groups })
    }

    /// The one group, when every tracker follows the same catalog: the formats then
    /// write exactly what they write for one catalog.
    pub fn single(&self) -> Option<&Group> {
        match self.groups.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Every tracker, group after group, with its group.
    pub fn trackers(&self) -> impl Iterator<Item = (&Group, &TrackerReport)> {
        self.groups
            .iter()
            .flat_map(|g| g.report.trackers.iter().map(move |t| (g, t)))
    }

    /// How many trackers there are in all.
    pub fn tracker_count(&self) -> usize {
        self.groups.iter().map(|g| g.report.trackers.len()).sum()
    }

    /// One provenance line per catalog, in group order.
    pub fn provenance(&self, m: &Messages) -> Vec<String> {
        self.groups
            .iter()
            .map(|g| words::provenance(m, &g.report))
            .collect()
    }
}

#[cfg(test)]
mod tests;
