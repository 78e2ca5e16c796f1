//! `rectrack sync`: bring a tracker in line with its catalog, in place.

use super::Exit;
use super::edit::{self, Done, Mode, WriteOpts};
use super::exit::CliError;
use crate::check::finding::Finding;
use crate::check::rules::{MISSING_STEP, STEP_REMOVED, UNKNOWN_RECOMMENDATION, UNKNOWN_STEP};
use crate::model::edit::{self as editor, Held, SyncChange};
use crate::present::text::{escape, plural};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "What it does, one line each:
  + a step the catalog has and the tracker lacks, as `status: unknown`, after the step
    that precedes it in the catalog (a new recommendation with all its steps; a missing
    party under `parties`, with the catalog's name)
  ~ a step key the catalog lists in a step's `renamed_from` takes the new id: only the
    key changes, its history and comments stay
  - a step (recommendation, party) the catalog no longer has, when it has no history

A step the catalog no longer has that has history is never dropped: sync refuses (exit
1) and writes nothing. Comments, blank lines and the file's style are kept.

Exit status: 0 written, shown (--dry-run) or already in line, 1 refused (a step with
history would go, or the result would not pass `rectrack check`), 2 usage or I/O error.")]
pub(super) struct SyncArgs {
    /// The tracker to bring in line (default: the only tracker in `tracker/`).
    pub(super) file: Option<PathBuf>,
    #[command(flatten)]
    pub(super) write: WriteOpts,
}

/// The errors `sync` repairs, which may stand in the file it opens: steps and
/// recommendations out of line with the catalog, and `parties` missing a party or
/// naming one the catalog does not have.
fn repaired_by_sync(f: &Finding) -> bool {
    [MISSING_STEP.id, UNKNOWN_STEP.id, UNKNOWN_RECOMMENDATION.id].contains(&f.rule)
        || (f.rule == "schema" && f.message.contains("`parties`"))
}

/// One change, as the line that says it.
fn line(change: &SyncChange) -> String {
    match change {
        SyncChange::AddedParty { id, name } => format!("+ party {id} ({name})"),
        SyncChange::DroppedParty { id } => format!("- party {id} (not in the catalog)"),
        SyncChange::AddedRecommendation { rec, steps } => format!(
            "+ recommendation {rec}, with {} as unknown",
            plural::count(*steps, "step", "steps")
        ),
        SyncChange::DroppedRecommendation { rec } => {
            format!("- recommendation {rec} (not in the catalog; no step had history)")
        }
        SyncChange::AddedStep { rec, step } => format!("+ step {rec}/{step}, as unknown"),
        SyncChange::Renamed { rec, from, to } => {
            format!("~ step {rec}/{from} renamed {rec}/{to} (the catalog's `renamed_from`)")
        }
        SyncChange::DroppedStep {
            rec,
            step,
            renamed_to: None,
        } => format!("- step {rec}/{step} (not in the catalog; it had no history)"),
        SyncChange::DroppedStep {
            rec,
            step,
            renamed_to: Some(to),
        } => format!(
            "- step {rec}/{step} (renamed {to} in the catalog, which the tracker already has; it had no history)"
        ),
    }
}

/// The diagnostic for a step sync will not drop.
fn held(h: &Held, catalog: &str) -> Finding {
    let entries = plural::count(h.entries, "history entry", "history entries");
    let id = h.step.rsplit('/').next().unwrap_or(&h.step);
    match &h.merge_into {
        None => Finding::new(
            &STEP_REMOVED,
            h.span,
            format!(
                "step `{}` has {entries}, and catalog `{catalog}` has no such step: sync does not drop a recorded history",
                h.step
            ),
        )
        .label("recorded here")
        .help(format!(
            "a typo: correct the key (`rectrack check` suggests the closest id); a step the catalog renamed: list `{id}` in the new step's `renamed_from` (docs/catalog-format.md); a step it dropped: a step with a record stays in the catalog"
        )),
        Some(to) => Finding::new(
            &STEP_REMOVED,
            h.span,
            format!(
                "step `{}` has {entries}, and catalog `{catalog}` makes it `{to}` as well as another recorded step: sync does not merge histories",
                h.step
            ),
        )
        .label("one of two histories")
        .help(format!(
            "a step carries one history: list only one of the recorded ids in `{to}`'s `renamed_from`"
        )),
    }
}

pub(super) fn sync(args: SyncArgs) -> Result<Exit, CliError> {
    let today = args.write.today();
    let opened = edit::open_with(edit::locate(args.file.as_deref())?, today, repaired_by_sync)?;
    // The tracker's own catalog (its `catalog:`), as `check` resolves it.
    let catalog = std::sync::Arc::clone(&opened.catalog);
    let shown = escape::human(&opened.shown);
    let synced = editor::sync(&opened.text, &opened.root, &catalog)
        .map_err(|e| edit::refused_edit(&opened.shown, &e))?;
    if !synced.held.is_empty() {
        let findings: Vec<Finding> = synced.held.iter().map(|h| held(h, &catalog.id)).collect();
        edit::show(&opened.shown, &opened.text, &findings)?;
        writeln!(
            anstream::stderr(),
            "rectrack: refused: syncing {shown} with catalog `{}` would drop {} with history (shown above); nothing written",
            escape::human(&catalog.id),
            plural::count(findings.len(), "step", "steps")
        )?;
        return Err(CliError::Reported(Exit::Findings));
    }
    if synced.changes.is_empty() {
        if !opened.tolerated.is_empty() {
            // Out of line in a way sync does not repair: say what `check` says.
            edit::show(&opened.shown, &opened.text, &opened.tolerated)?;
            writeln!(
                anstream::stderr(),
                "rectrack: {shown} has {} that sync cannot repair (above); nothing written",
                plural::count(opened.tolerated.len(), "error", "errors")
            )?;
            return Err(CliError::Reported(Exit::Findings));
        }
        writeln!(
            anstream::stderr(),
            "rectrack: {shown} is already in line with catalog `{}`; nothing to do",
            escape::human(&catalog.id)
        )?;
        return Ok(Exit::Success);
    }
    let count = plural::count(synced.changes.len(), "change", "changes");
    let done = Done {
        done: format!("synced with catalog `{}` ({count})", catalog.id),
        would: format!("sync with catalog `{}` ({count})", catalog.id),
        details: synced.changes.iter().map(line).collect(),
    };
    edit::finish(
        &opened,
        &synced.text,
        Mode::new(args.write.dry_run, false),
        &done,
    )
}
