//! `rectrack diff REV`: what a change does to the record, in plain words.

use super::Exit;
use super::args::date_arg;
use super::exit::CliError;
use super::inputs::{report_unreadable, today, unreadable_paths};
use crate::check::base::{BaseInfo, Baseline, Removal};
use crate::check::catalogs::Catalogs;
use crate::check::rules::append_only::{self, Judged, Part};
use crate::check::rules::catalog;
use crate::model::catalog::Catalog;
use crate::model::change::TrackerChange;
use crate::model::tracker::Tracker;
use crate::present::Render;
use crate::present::diff;
use crate::present::text::escape;
use crate::syntax::{self, Limits};
use crate::sys::discover::discover;
use crate::sys::git::Base;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(super) struct DiffArgs {
    /// The git revision to compare with (a branch, tag or commit); the change is taken
    /// from the merge base of REV and HEAD, as a pull request shows it (default:
    /// `base` in rectrack.toml). The settings are those of rectrack.toml at the base.
    #[arg(env = "RECTRACK_BASE")]
    pub(super) rev: Option<String>,
    /// Tracker files, or directories to search for *.yaml and *.yml (default: `paths`
    /// in rectrack.toml, else tracker).
    #[arg(default_value = super::config::template::DEFAULT_PATH)]
    pub(super) paths: Vec<PathBuf>,
    /// Output format: text, markdown (for a pull-request comment), json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(super) format: DiffFormat,
    /// The date to treat as today when judging corrections (default: the system date).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) today: Option<NaiveDate>,
    /// REV, resolved while the settings were read.
    #[arg(skip)]
    pub(super) resolved: Option<Base>,
}

pub(super) fn diff(args: DiffArgs) -> Result<Exit, CliError> {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // `config::apply` filled it in from the environment or rectrack.toml, or refused.
    let Some(rev) = args.rev.as_deref() else {
        return Err(CliError::Usage("diff needs REV".into()));
    };
    let base = match args.resolved {
        Some(base) => base,
        None => Base::resolve(&here, rev)?,
    };
    let found = discover(&args.paths);
    let unreadable = unreadable_paths(&found.errors);
    report_unreadable(&unreadable)?;
    let limits = Limits::default();
    // Each tracker's catalog now (its `catalog:`, resolved as `check` does) decides
    // which of its steps were renamed.
    let catalogs = Catalogs::new(Catalog::builtin()?, limits)?;
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
    // change it belongs to).
    let mut replaced: Vec<(String, usize)> = Vec::new();
    let mut err = anstream::stderr();
    for file in &found.files {
        let path = &file.path;
        let shown = path.display().to_string();
        let said = escape::human(&shown);
        let repo_path = baseline.base.path_in_repo(path);
        let new = match crate::sys::read::read_tracker(file, limits.max_file_bytes) {
            Ok(Some(bytes)) => match syntax::document(&bytes, &limits) {
                // A catalog beside the trackers is not one: it has no record to compare.
                // Its path is set aside like an unreadable file's, so the base's
                // version of it (whose `id:` reads like a tracker's) is not "removed".
                Ok(root) if catalog::is_catalog(&root) => {
                    not_parsed.extend(repo_path);
                    continue;
                }
                Ok(root) => Some(Tracker::from_document(root)),
                Err(_) => None,
            },
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
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        // A catalog that does not resolve renames nothing (`check` says why).
        let catalog = catalogs
            .resolve(folder.unwrap_or(Path::new(".")), new.catalog.as_ref())
            .ok();
        let id_now = new.id.as_ref().map(|i| i.value.as_str());
        match id_now {
            Some(id) => {
                ids.insert(id.to_string());
            }
            None => not_parsed.extend(repo_path.clone()),
        }
        let change = match baseline.change_for(
            repo_path.as_deref(),
            &shown,
            &new,
            None,
            catalog.as_ref().map(|c| &*c.catalog),
        ) {
            Some(change) => append_only::judge(change, &info),
            None => Judged::unjudged(TrackerChange {
                file: Some(shown.clone()),
                old_file: Some(shown.clone()),
                ..TrackerChange::default()
            }),
        };
        if let Some(old) = baseline.replaced_at(repo_path.as_deref(), id_now) {
            replaced.push((old.to_string(), changes.len()));
        }
        changes.push((change, new.id.clone()));
    }
    let old_ids: Vec<&str> = replaced.iter().map(|(old, _)| old.as_str()).collect();
    let mut gone = Vec::new();
    for removal in baseline.settle_removed(&ids, &not_parsed, &old_ids) {
        match removal {
            Removal::Replaced { index, old_id } => {
                let (judged, id) = &mut changes[replaced[index].1];
                let shown = judged.change.file.clone().unwrap_or_default();
                let now = id.as_ref().map(|i| (i.value.as_str(), i.span));
                let f = append_only::removed_finding(old_id, &shown, now, &info);
                judged.verdicts.push((Part::Tracker, f));
            }
            Removal::Gone { id, tracker } => {
                let change = TrackerChange::removed(id, &tracker.title, tracker.shown.clone());
                let f = append_only::removed_finding(id, &tracker.shown, None, &info);
                gone.push(Judged {
                    change,
                    verdicts: vec![(Part::Tracker, f)],
                });
            }
        }
    }
    let changes: Vec<Judged> = changes.into_iter().map(|(c, _)| c).chain(gone).collect();
    let view = diff::Diff {
        changes: &changes,
        base: &info,
    };
    let text = match args.format {
        DiffFormat::Text => diff::Text.render(&view),
        DiffFormat::Markdown => diff::Markdown.render(&view),
        DiffFormat::Json => diff::Json.render(&view),
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
