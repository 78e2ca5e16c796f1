//! `rectrack correct`: amend a recorded entry, with the correction that says why.

use super::Exit;
use super::args::date_arg;
use super::edit::{self, Done, Mode, WriteOpts};
use super::entry::{self, EvidenceArg, StanceArg, evidence_arg, status_arg};
use super::exit::CliError;
use crate::model::edit::{self as editor, Amendment};
use crate::model::status::Status;
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Example:
  rectrack correct mediator/candidates-identified --entry 2022-03-01 \\
      --reason \"The note named the wrong envoy (ICG, paragraph 4)\" --note \"...\"

The entry keeps its date; what is given replaces what it said, and its `correction` is
dated today with the reason: exactly what `rectrack check --base` asks of a change to
recorded history. To record a new development, use `rectrack record`.

Exit status: 0 written (or shown, with --dry-run), 1 refused: the result would not pass
`rectrack check`, 2 usage or I/O error.")]
pub(super) struct CorrectArgs {
    /// The step: `recommendation/step`, or the step's id alone when no other
    /// recommendation has a step of that id.
    pub(super) step: String,
    /// The tracker to change (default: the only tracker in `tracker/`).
    pub(super) file: Option<PathBuf>,
    /// The date of the entry to amend (YYYY-MM-DD).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) entry: NaiveDate,
    /// Why the record is amended: the correction's `reason`.
    #[arg(long, value_name = "TEXT")]
    pub(super) reason: String,
    /// A new status for the entry.
    #[arg(long, value_parser = status_arg(), value_name = "STATUS")]
    pub(super) status: Option<Status>,
    /// A new note for the entry.
    #[arg(long, value_name = "TEXT")]
    pub(super) note: Option<String>,
    /// New evidence, replacing the entry's list: SOURCE:LOCATOR, repeated for several.
    #[arg(long, value_parser = evidence_arg, value_name = "SOURCE:LOCATOR")]
    pub(super) evidence: Vec<EvidenceArg>,
    /// The stance of every --evidence given (supports, or contradicts).
    #[arg(long, value_enum, value_name = "STANCE", requires = "evidence")]
    pub(super) stance: Option<StanceArg>,
    #[command(flatten)]
    pub(super) write: WriteOpts,
}

pub(super) fn correct(args: CorrectArgs) -> Result<Exit, CliError> {
    if args.reason.trim().is_empty() {
        return Err(CliError::Usage(
            "--reason is empty: say why the record is amended".into(),
        ));
    }
    let today = args.write.today();
    let opened = edit::open(edit::locate(args.file.as_deref())?, today)?;
    // Steps are the tracker's own catalog's.
    let (rec, step) = entry::resolve_step(&opened.catalog, &args.step)?;
    let evidence = (!args.evidence.is_empty())
        .then(|| entry::evidence(&args.evidence, args.stance.unwrap_or_default()));
    let mut changed: Vec<&str> = Vec::new();
    for (name, given) in [
        ("status", args.status.is_some()),
        ("note", args.note.is_some()),
        ("evidence", evidence.is_some()),
    ] {
        if given {
            changed.push(name);
        }
    }
    let amendment = Amendment {
        entry: args.entry,
        reason: args.reason,
        today,
        status: args.status,
        note: args.note,
        evidence,
    };
    let text = editor::correct(&opened.text, &opened.root, &rec, &step, &amendment)
        .map_err(|e| edit::refused_edit(&opened.shown, &e))?;
    let what = if changed.is_empty() {
        String::new()
    } else {
        format!("{}; ", changed.join(", "))
    };
    let done = Done {
        done: format!(
            "corrected {rec}/{step}'s entry of {} ({what}correction dated {today})",
            args.entry
        ),
        would: format!(
            "correct {rec}/{step}'s entry of {} ({what}correction dated {today})",
            args.entry
        ),
    };
    edit::finish(&opened, &text, Mode::new(args.write.dry_run, false), &done)
}
