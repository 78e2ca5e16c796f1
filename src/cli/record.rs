//! `rectrack record`: append one dated entry to a step, in place.

use super::Exit;
use super::args::date_arg;
use super::edit::{self, Done, Mode, WriteOpts};
use super::entry::{self, EvidenceArg, SourceFields, StanceArg, evidence_arg, status_arg};
use super::exit::CliError;
use super::prompt::{self, Draft};
use crate::model::edit::{self as editor, NewEntry, RecordOptions};
use crate::model::status::Status;
use crate::sys::discover::is_tracker_name;
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  rectrack record mediator/candidates-identified --date 2022-03-01 --status in-progress \\
      --evidence icg-306:\"Executive Summary, paragraph 4\" --note \"...\"
  rectrack record candidates-identified --date 2022-03-01 --status in-progress \\
      --new-source icg-310 --title \"...\" --evidence icg-310:\"p. 4\" --note \"...\" --dry-run

On a terminal, a missing STEP, --date or --status is asked for (and evidence and a note
with them), then the change is shown and written only once confirmed. Elsewhere they are
required.

Exit status: 0 written (or shown, with --dry-run), 1 refused: the result would not pass
`rectrack check` (the diagnostics are shown against the proposed text), 2 usage or I/O
error.")]
pub(super) struct RecordArgs {
    /// The step: `recommendation/step` as `rectrack catalog` lists it, or the step's id
    /// alone when no other recommendation has a step of that id.
    pub(super) step: Option<String>,
    /// The tracker to change (default: the only tracker in `tracker/`).
    pub(super) file: Option<PathBuf>,
    /// When it happened (YYYY-MM-DD): not after today, nor before the step's last
    /// entry.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) date: Option<NaiveDate>,
    /// The step's status from that date. It becomes the step's `status` (the entry is
    /// the step's latest: one dated before the last entry is refused).
    #[arg(long, value_parser = status_arg(), value_name = "STATUS")]
    pub(super) status: Option<Status>,
    /// A source behind the entry: its id, a colon, and where in it, e.g.
    /// `--evidence icg-306:"Executive Summary, paragraph 4"`. Repeat for several, in
    /// order.
    #[arg(long, value_parser = evidence_arg, value_name = "SOURCE:LOCATOR")]
    pub(super) evidence: Vec<EvidenceArg>,
    /// What happened, in a sentence or two (expected whenever the status changes).
    #[arg(long, value_name = "TEXT")]
    pub(super) note: Option<String>,
    /// Whether the evidence supports the entry or contradicts it (an official denial,
    /// a contrary report). It applies to every --evidence of the entry; an entry whose
    /// sources disagree is recorded with one stance, then amended by hand.
    #[arg(long, value_enum, default_value_t, value_name = "STANCE")]
    pub(super) stance: StanceArg,
    /// Set the tracker's `as_of` to this date (default: moved forward to --date when
    /// that is later; never moved back).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) as_of: Option<NaiveDate>,
    /// Declare a new source in the same change, with --title and the other options of
    /// `rectrack source add`; cite it with --evidence ID:LOCATOR.
    #[arg(long, value_name = "ID", requires = "title")]
    pub(super) new_source: Option<String>,
    #[command(flatten)]
    pub(super) write: WriteOpts,
    #[command(flatten, next_help_heading = "The new source (with --new-source)")]
    pub(super) source: SourceFields,
}

pub(super) fn record(mut args: RecordArgs) -> Result<Exit, CliError> {
    // `record tracker/f.yaml` on a terminal: the one word is the file (no step id ends
    // in `.yaml`), and the step is asked for.
    if args.file.is_none()
        && let Some(word) = &args.step
        && is_tracker_name(std::path::Path::new(word))
    {
        args.file = args.step.take().map(PathBuf::from);
    }
    if args.new_source.is_none() && args.source.any() {
        return Err(CliError::Usage(
            "--title, --publisher, --published, --reference, --url and --authors describe a new source: give its id with --new-source ID".into(),
        ));
    }
    let missing: Vec<&str> = [
        ("STEP", args.step.is_none()),
        ("--date", args.date.is_none()),
        ("--status", args.status.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, gone)| gone.then_some(name))
    .collect();
    let asked = !missing.is_empty();
    if asked && !prompt::interactive() {
        return Err(CliError::Usage(format!(
            "missing {}: give {} (questions are asked only on a terminal)",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        )));
    }
    // Steps are the tracker's own catalog's, so the file is read first.
    let today = args.write.today();
    let opened = edit::open(edit::locate(args.file.as_deref())?, today)?;
    let catalog = Arc::clone(&opened.catalog);
    let step = args
        .step
        .as_deref()
        .map(|s| entry::resolve_step(&catalog, s))
        .transpose()?;
    let mut draft = Draft {
        step,
        date: args.date,
        status: args.status,
        evidence: args.evidence,
        note: args.note,
        new_source: args
            .new_source
            .as_deref()
            .map(|id| args.source.source(id))
            .transpose()?,
    };
    if asked {
        prompt::ask_record(&catalog, &opened.tracker, today, &mut draft)?;
    }
    let (Some((rec, step)), Some(date), Some(status)) = (draft.step, draft.date, draft.status)
    else {
        return Err(CliError::Usage(
            "STEP, --date and --status are needed".into(),
        ));
    };
    let new_entry = NewEntry {
        date,
        status,
        note: draft.note,
        evidence: entry::evidence(&draft.evidence, args.stance),
    };
    let options = RecordOptions { as_of: args.as_of };
    let what = format!("{rec}/{step} {date} {status}");
    let (text, done) = match &draft.new_source {
        Some(source) => {
            let declared = editor::add_source(&opened.text, &opened.root, source)
                .map_err(|e| edit::refused_edit(&opened.shown, &e))?;
            let root = edit::parse(&declared, &opened.shown)?;
            let text = editor::record(&declared, &root, &rec, &step, &new_entry, options)
                .map_err(|e| edit::refused_edit(&opened.shown, &e))?;
            let done = Done {
                done: format!("declared source {} and recorded {what}", source.id),
                would: format!("declare source {} and record {what}", source.id),
            };
            (text, done)
        }
        None => {
            let text = editor::record(&opened.text, &opened.root, &rec, &step, &new_entry, options)
                .map_err(|e| edit::refused_edit(&opened.shown, &e))?;
            let done = Done {
                done: format!("recorded {what}"),
                would: format!("record {what}"),
            };
            (text, done)
        }
    };
    edit::finish(&opened, &text, Mode::new(args.write.dry_run, asked), &done)
}
