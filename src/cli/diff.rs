//! `rectrack diff REV`: what a change does to the record, in plain words.

use super::Exit;
use super::args::date_arg;
use super::exit::CliError;
use super::inputs::{report_unreadable, today, unreadable_paths};
use crate::check::base::Baseline;
use crate::check::rules::append_only::{self, BaseInfo};
use crate::model::change::TrackerChange;
use crate::present::text::escape;
use crate::syntax::{self, Limits};
use crate::sys::discover::discover;
use crate::sys::git::Base;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(super) struct DiffArgs {
    /// The git revision to compare with (a branch, tag or commit); the change is taken
    /// from the merge base of REV and HEAD, as a pull request shows it.
    pub(super) rev: String,
    /// Tracker files, or directories to search for *.yaml and *.yml.
    #[arg(default_value = "tracker")]
    pub(super) paths: Vec<PathBuf>,
    /// Output format: text, markdown (for a pull-request comment), json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(super) format: DiffFormat,
    /// The date to treat as today when judging corrections (default: the system date).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) today: Option<NaiveDate>,
}

pub(super) fn diff(args: DiffArgs) -> Result<Exit, CliError> {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let base = Base::resolve(&here, &args.rev)?;
    let found = discover(&args.paths);
    let unreadable = unreadable_paths(&found.errors);
    report_unreadable(&unreadable)?;
    let limits = Limits::default();
    let baseline = Baseline::load(base, &args.paths, &found.files, limits)?;
    let info = BaseInfo {
        rev: &baseline.base.rev,
        commit: baseline.base.short(),
        today: args.today.unwrap_or_else(today),
    };
    let mut changes = Vec::new();
    let mut broken = false;
    let mut ids = std::collections::HashSet::new();
    let mut not_parsed = std::collections::HashSet::new();
    // Files whose id differs from the base's tracker at their path: (old id, the
    // change it belongs to, the new id and where it stands).
    let mut replaced: Vec<(String, usize, String, crate::syntax::span::Span)> = Vec::new();
    let mut err = anstream::stderr();
    for file in &found.files {
        let path = &file.path;
        let shown = path.display().to_string();
        let said = escape::human(&shown);
        let repo_path = baseline.base.path_in_repo(path);
        let new = match crate::sys::read::read_tracker(file, limits.max_file_bytes) {
            Ok(Some(bytes)) => syntax::document(&bytes, &limits).ok(),
            Ok(None) => None,
            Err(e) => {
                writeln!(
                    err,
                    "rectrack: error: {said}: {}",
                    escape::human(&e.to_string())
                )?;
                return Ok(Exit::Trouble);
            }
        };
        let Some(new) = new else {
            broken = true;
            not_parsed.extend(repo_path);
            writeln!(
                err,
                "rectrack: {said}: not a well-formed tracker; `rectrack check {said}` says why"
            )?;
            continue;
        };
        let id = new
            .get("id")
            .and_then(|n| Some((n.as_str()?.to_string(), n.span)));
        match &id {
            Some((id, _)) => {
                ids.insert(id.clone());
            }
            None => not_parsed.extend(repo_path.clone()),
        }
        let change = baseline.change_for(repo_path.as_deref(), &shown, &new, None, &info);
        let id_now = id.as_ref().map(|(i, _)| i.as_str());
        let old_id = baseline
            .replaced_at(repo_path.as_deref(), id_now)
            .map(str::to_string);
        let index = changes.len();
        let change = change.unwrap_or_else(|| TrackerChange {
            file: Some(shown.clone()),
            old_file: Some(shown.clone()),
            ..TrackerChange::default()
        });
        if let (Some(old), Some((now, span))) = (old_id, &id) {
            replaced.push((old, index, now.clone(), *span));
        }
        changes.push(change);
    }
    for t in baseline.removed(&ids, &not_parsed) {
        let Some(id) = &t.id else { continue };
        match replaced.iter().find(|(old, ..)| old == id) {
            Some((_, index, now, span)) => {
                let shown = changes[*index].file.clone().unwrap_or_default();
                let f = append_only::removed_finding(id, &shown, Some((now, *span)), &info);
                changes[*index].findings.push(f);
            }
            None => {
                let mut gone = TrackerChange::removed(id, &t.title, t.shown.clone());
                gone.findings
                    .push(append_only::removed_finding(id, &t.shown, None, &info));
                changes.push(gone);
            }
        }
    }
    let text = match args.format {
        DiffFormat::Text => crate::present::diff::to_text(&changes, &info),
        DiffFormat::Markdown => crate::present::diff::to_markdown(&changes, &info),
        DiffFormat::Json => crate::present::diff::to_json(&changes, &info),
    };
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(if !unreadable.is_empty() {
        Exit::Trouble
    } else if broken {
        Exit::Findings
    } else {
        Exit::Success
    })
}
