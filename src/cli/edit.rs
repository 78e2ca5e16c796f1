//! What the writing commands (`record`, `correct`, `source add`) share: finding the
//! tracker, reading it as `check` does, refusing one that already has errors, checking
//! the text proposed for it with every rule, and writing it (or showing it).
//!
//! Nothing is written unless the result passes: `check`'s rules on the new text (its
//! modeline resolved from the file's real place), and the append-only judge of
//! `check --base` between the file as read and the result, so a command can never
//! produce what CI refuses. Warnings do not block (a later `as_of` legitimately makes
//! other steps stale; a source declared alone is unused until cited): they are shown
//! after the write.

use super::Exit;
use super::args::date_arg;
use super::exit::CliError;
use super::inputs::today;
use super::prompt;
use crate::check::base::BaseInfo;
use crate::check::checker::{Checked, Checker};
use crate::check::finding::{Finding, Severity};
use crate::check::rules::{self, append_only, semantic::Context};
use crate::model::catalog::Catalog;
use crate::model::change;
use crate::model::edit::EditError;
use crate::model::tracker::Tracker;
use crate::present::Render;
use crate::present::findings::{self, CheckedFile};
use crate::present::patch::{Patch, Unified};
use crate::present::text::{escape, plural};
use crate::syntax::document::Node;
use crate::syntax::{self, Limits};
use crate::sys::discover::{DiscoverError, discover};
use crate::sys::read::{Found, read_tracker};
use crate::sys::write::replace_atomic;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder searched when no FILE is given, as `check` and `status` search it.
const DEFAULT_FOLDER: &str = "tracker";

/// A UTF-8 byte-order mark: dropped when the text is read, put back when it is written.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Options every writing command has.
#[derive(Debug, Args)]
pub(super) struct WriteOpts {
    /// Print the change as a unified diff and write nothing. Still refused (exit 1)
    /// when the result would not pass `check`.
    #[arg(long)]
    pub(super) dry_run: bool,
    /// The date to treat as today (YYYY-MM-DD; default: the system date), as `check
    /// --today`: no date may be after it, and a correction is dated with it.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) today: Option<NaiveDate>,
}

impl WriteOpts {
    /// The day the rules judge on.
    pub(super) fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(today)
    }
}

/// How the change ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Written at once.
    Write,
    /// Shown as a diff, not written (`--dry-run`).
    DryRun,
    /// Shown as a diff, written if the monitor says yes (after prompts).
    Confirm,
}

impl Mode {
    pub(super) fn new(dry_run: bool, asked: bool) -> Mode {
        match (dry_run, asked) {
            (true, _) => Mode::DryRun,
            (false, true) => Mode::Confirm,
            (false, false) => Mode::Write,
        }
    }
}

/// A tracker read and found free of errors, ready to be edited.
pub(super) struct Opened {
    /// Its path, as named or found.
    pub(super) path: PathBuf,
    /// Its path, as shown.
    pub(super) shown: String,
    /// Its bytes as read: the file must still hold them when the new text replaces it.
    bytes: Vec<u8>,
    /// Its text (a byte-order mark dropped).
    pub(super) text: String,
    /// Its document.
    pub(super) root: Node,
    /// The tracker as read.
    pub(super) tracker: Tracker,
    /// Every rule, for the proposed text.
    pub(super) checker: Checker,
    /// The tracker's own catalog (its `catalog:`), which steps are named from.
    pub(super) catalog: Arc<Catalog>,
}

/// The tracker to edit: FILE when given (a file, not a folder, and a link only into
/// the folder that holds it, as `check` reads it), else the only tracker of the
/// default folder.
pub(super) fn locate(file: Option<&Path>) -> Result<Found, CliError> {
    let Some(file) = file else {
        return only_tracker();
    };
    if std::fs::metadata(file).is_ok_and(|m| m.is_dir()) {
        return Err(CliError::Usage(format!(
            "{} is a folder: name the tracker file to change (e.g. {})",
            file.display(),
            file.join("my-tracker.yaml").display()
        )));
    }
    let mut found = discover(&[file.to_path_buf()]);
    if let Some(e) = found.errors.pop() {
        return Err(CliError::Usage(e.to_string()));
    }
    found
        .files
        .pop()
        .ok_or_else(|| CliError::Usage(format!("{}: not found", file.display())))
}

/// The one tracker of the default folder.
fn only_tracker() -> Result<Found, CliError> {
    let folder = PathBuf::from(DEFAULT_FOLDER);
    if !folder.is_dir() {
        return Err(CliError::Usage(format!(
            "no FILE given, and there is no `{DEFAULT_FOLDER}/` folder here to find one in: name the tracker file"
        )));
    }
    let found = discover(std::slice::from_ref(&folder));
    let refused: Vec<String> = found
        .errors
        .iter()
        .filter(|e| !matches!(e, DiscoverError::Empty(_)))
        .map(ToString::to_string)
        .collect();
    let mut files = found.files;
    if files.len() == 1 && refused.is_empty() {
        return Ok(files.remove(0));
    }
    let mut names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    names.extend(refused);
    Err(CliError::Usage(if names.is_empty() {
        format!("no FILE given, and `{DEFAULT_FOLDER}/` holds no tracker: name the tracker file")
    } else {
        format!(
            "no FILE given, and `{DEFAULT_FOLDER}/` holds {}: name the one to change ({})",
            plural::count(names.len(), "tracker", "trackers"),
            names.join(", ")
        )
    }))
}

/// Reads the tracker as `check` does (same limits, links only inside its folder) and
/// refuses it, its diagnostics shown as `check` shows them, when it has errors: an
/// edit must not be blamed for what was already wrong, nor hide it.
pub(super) fn open(found: Found, today: NaiveDate) -> Result<Opened, CliError> {
    let context = Context {
        today,
        stale_days: rules::semantic::DEFAULT_STALE_DAYS,
    };
    let limits = Limits::default();
    let checker = Checker::new(Catalog::builtin()?, context, limits)?;
    let shown = found.path.display().to_string();
    let bytes = match read_tracker(&found, limits.max_file_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let finding = rules::yaml::finding(syntax::too_large(limits.max_file_bytes));
            show(&shown, "", &[finding])?;
            return Err(CliError::Reported(Exit::Findings));
        }
        Err(e) => return Err(CliError::Usage(format!("{shown}: {e}"))),
    };
    let checked = checker.check_at(&bytes, &found.path);
    let errors = checked.count(Severity::Error);
    let (Some(tracker), Some(catalog), 0) = (checked.tracker, checked.catalog, errors) else {
        show(&shown, &checked.text, &checked.findings)?;
        writeln!(
            anstream::stderr(),
            "rectrack: {} already has {} (above): fix {} first (`rectrack check {}`); nothing written",
            escape::human(&shown),
            plural::count(errors.max(1), "error", "errors"),
            if errors > 1 { "them" } else { "it" },
            escape::human(&shown),
        )?;
        return Err(CliError::Reported(Exit::Findings));
    };
    let text = checked.text;
    let root = parse(&text, &shown)?;
    Ok(Opened {
        path: found.path,
        shown,
        bytes,
        text,
        root,
        tracker,
        checker,
        catalog,
    })
}

/// The document of a text that has passed the loader once already (the file as read,
/// or an edit's result, which the editor has parsed itself).
pub(super) fn parse(text: &str, shown: &str) -> Result<Node, CliError> {
    syntax::parse(text, &Limits::default())
        .map_err(|e| CliError::Usage(format!("{shown}: {}", e.message)))
}

/// An edit that could not be made, said about the file.
pub(super) fn refused_edit(shown: &str, e: &EditError) -> CliError {
    CliError::Usage(format!("{shown}: {e}"))
}

/// Diagnostics on stderr, rendered as `check` renders them.
fn show(shown: &str, text: &str, findings: &[Finding]) -> Result<(), CliError> {
    let human = findings::Human {
        max_diagnostics: 100,
    };
    let file = CheckedFile {
        path: shown,
        text,
        findings,
        gone: false,
        catalog: false,
    };
    anstream::stderr().write_all(human.file(&file).as_bytes())?;
    Ok(())
}

/// What a change did, for the line said once it is written: "recorded …" and
/// "would record …".
pub(super) struct Done {
    /// In the past tense.
    pub(super) done: String,
    /// As what a dry run would do.
    pub(super) would: String,
}

/// Checks `new_text` with every rule, and the change from the file as read with the
/// append-only judge; refuses it (exit 1, diagnostics against the proposed text) when
/// an error remains, else writes it, shows it, or asks first, as `mode` says.
pub(super) fn finish(
    opened: &Opened,
    new_text: &str,
    mode: Mode,
    done: &Done,
) -> Result<Exit, CliError> {
    let mut new_bytes = Vec::with_capacity(new_text.len() + BOM.len());
    if opened.bytes.starts_with(BOM) {
        new_bytes.extend_from_slice(BOM);
    }
    new_bytes.extend_from_slice(new_text.as_bytes());
    let checked = opened.checker.check_at(&new_bytes, &opened.path);
    let findings = with_judgement(opened, &checked);
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    let patch = Unified::default().render(&Patch {
        path: &opened.shown,
        old: &opened.text,
        new: new_text,
    });
    if mode == Mode::DryRun {
        anstream::stdout().write_all(patch.as_bytes())?;
    }
    let shown = escape::human(&opened.shown);
    if !errors.is_empty() || checked.tracker.is_none() {
        show(&opened.shown, &checked.text, &errors)?;
        writeln!(
            anstream::stderr(),
            "rectrack: refused: after this change {shown} would have {} (shown above in the proposed text); nothing written",
            plural::count(errors.len().max(1), "error", "errors")
        )?;
        return Err(CliError::Reported(Exit::Findings));
    }
    let as_of = as_of_moved(&opened.tracker, checked.tracker.as_ref());
    match mode {
        Mode::DryRun => {
            writeln!(
                anstream::stderr(),
                "rectrack: would {} in {shown}{as_of}; nothing written (--dry-run)",
                escape::human(&done.would)
            )?;
        }
        Mode::Confirm => {
            anstream::stderr().write_all(patch.as_bytes())?;
            if !prompt::confirm(&format!("Write this change to {shown}?"))? {
                writeln!(anstream::stderr(), "rectrack: nothing written")?;
                return Err(CliError::Reported(Exit::Trouble));
            }
            replace_atomic(&opened.path, &opened.bytes, &new_bytes)?;
            said(&done.done, &shown, &as_of)?;
        }
        Mode::Write => {
            replace_atomic(&opened.path, &opened.bytes, &new_bytes)?;
            said(&done.done, &shown, &as_of)?;
        }
    }
    if !warnings.is_empty() {
        show(&opened.shown, &checked.text, &warnings)?;
    }
    Ok(Exit::Success)
}

fn said(done: &str, shown: &str, as_of: &str) -> Result<(), CliError> {
    writeln!(
        anstream::stderr(),
        "{} in {shown}{as_of}",
        escape::human(done)
    )?;
    Ok(())
}

/// The proposed text's findings, and what `check --base` would say of the change from
/// the file as read: a command must never produce what CI refuses.
fn with_judgement(opened: &Opened, checked: &Checked) -> Vec<Finding> {
    let mut findings = checked.findings.clone();
    if let Some(new) = &checked.tracker {
        let info = BaseInfo {
            rev: "the file's current version",
            commit: "HEAD",
            today: opened.checker.context.today,
        };
        let mut change = change::compare(Some(&opened.tracker), new);
        // The same file before and after: a tracker neither new nor gone nor moved,
        // judged as `check --base` judges a kept one.
        change.file = Some(opened.shown.clone());
        change.old_file = Some(opened.shown.clone());
        let judged = append_only::judge(change, &info);
        findings.extend(judged.findings().cloned());
        crate::check::finding::tidy(&mut findings);
    }
    findings
}

/// "; as_of 2021-12-10 → 2022-03-01", or nothing when it stays.
fn as_of_moved(old: &Tracker, new: Option<&Tracker>) -> String {
    let date = |t: Option<&Tracker>| t.and_then(|t| t.as_of.as_ref()).map(|d| d.value);
    match (date(Some(old)), date(new)) {
        (Some(a), Some(b)) if a != b => format!("; as_of {a} → {b}"),
        _ => String::new(),
    }
}
