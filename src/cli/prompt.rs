//! Questions on a terminal, for `record` run with required options missing: step,
//! status and source chosen from lists, dates and text typed with defaults, and a last
//! confirmation once the diff is shown.
//!
//! Asked only when standard input and standard error are both terminals (the prompts
//! are drawn on stderr, so stdout may still be piped); anywhere else a missing option
//! is a usage error, so a script or CI job never waits on a question. Text from the
//! tracker (source ids and titles) is made visible before it is drawn.

use super::Exit;
use super::entry::EvidenceArg;
use super::exit::CliError;
use crate::model::catalog::Catalog;
use crate::model::date::parse_date;
use crate::model::edit::NewSource;
use crate::model::status::Status;
use crate::model::tracker::Tracker;
use crate::present::text::escape;
use chrono::NaiveDate;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, Select};
use std::io::{IsTerminal, Write};

/// Whether questions may be asked: someone is at a terminal to answer them.
pub(super) fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Colours as `--color` and the terminal say.
fn theme() -> Box<dyn Theme> {
    if anstream::ColorChoice::global() == anstream::ColorChoice::Never
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    {
        dialoguer::console::set_colors_enabled_stderr(false);
        Box::new(SimpleTheme)
    } else {
        Box::new(ColorfulTheme::default())
    }
}

/// Escape pressed, or the terminal gone: nothing is written.
fn cancelled() -> CliError {
    let _ = writeln!(anstream::stderr(), "rectrack: cancelled; nothing written");
    CliError::Reported(Exit::Trouble)
}

fn prompt_error(e: dialoguer::Error) -> CliError {
    match e {
        dialoguer::Error::IO(e) if e.kind() == std::io::ErrorKind::Interrupted => cancelled(),
        dialoguer::Error::IO(e) => CliError::Usage(format!("reading the answer: {e}")),
    }
}

fn select(prompt: &str, items: &[String], default: usize) -> Result<usize, CliError> {
    Select::with_theme(theme().as_ref())
        .with_prompt(prompt)
        .items(items)
        .default(default)
        .max_length(15)
        .interact_opt()
        .map_err(prompt_error)?
        .ok_or_else(cancelled)
}

fn text(prompt: &str, default: Option<&str>, required: bool) -> Result<String, CliError> {
    let theme = theme();
    let mut input = Input::<String>::with_theme(theme.as_ref())
        .with_prompt(prompt)
        .allow_empty(!required);
    if let Some(d) = default {
        input = input.default(d.to_string());
    }
    if required {
        input = input.validate_with(|s: &String| {
            if s.trim().is_empty() {
                Err("an answer is needed")
            } else {
                Ok(())
            }
        });
    }
    Ok(input
        .interact_text()
        .map_err(prompt_error)?
        .trim()
        .to_string())
}

/// Asks yes or no; no unless the monitor says yes.
pub(super) fn confirm(prompt: &str) -> Result<bool, CliError> {
    Ok(Confirm::with_theme(theme().as_ref())
        .with_prompt(prompt)
        .default(false)
        .interact_opt()
        .map_err(prompt_error)?
        .unwrap_or(false))
}

/// What `record` knows of the entry; the questions fill in what is missing.
#[derive(Debug, Default)]
pub(super) struct Draft {
    /// `(recommendation, step)`.
    pub(super) step: Option<(String, String)>,
    pub(super) date: Option<NaiveDate>,
    pub(super) status: Option<Status>,
    pub(super) evidence: Vec<EvidenceArg>,
    pub(super) note: Option<String>,
    /// A source to declare in the same change.
    pub(super) new_source: Option<NewSource>,
}

/// Asks for every part of `draft` left out, in the order a monitor thinks of them.
pub(super) fn ask_record(
    catalog: &Catalog,
    tracker: &Tracker,
    today: NaiveDate,
    draft: &mut Draft,
) -> Result<(), CliError> {
    let (rec, step) = match &draft.step {
        Some(s) => s.clone(),
        None => {
            let steps: Vec<_> = catalog.steps().collect();
            let items: Vec<String> = steps
                .iter()
                .map(|(r, s)| {
                    format!(
                        "{}/{} — {}",
                        r.id,
                        s.id,
                        s.title.get(catalog.default_language())
                    )
                })
                .collect();
            let i = select("Step", &items, 0)?;
            let chosen = (steps[i].0.id.clone(), steps[i].1.id.clone());
            draft.step = Some(chosen.clone());
            chosen
        }
    };
    let in_file = tracker.step(&rec, &step);
    if draft.status.is_none() {
        let current = in_file.and_then(|s| s.status.as_ref()).map(|s| s.value);
        let items: Vec<String> = Status::ALL
            .iter()
            .map(|s| {
                let now = if Some(*s) == current { " (now)" } else { "" };
                format!("{} — {}{now}", s.id(), s.meaning())
            })
            .collect();
        let default = current
            .and_then(|c| Status::ALL.iter().position(|s| *s == c))
            .unwrap_or(0);
        draft.status = Some(Status::ALL[select("Status from that date", &items, default)?]);
    }
    if draft.date.is_none() {
        let last = in_file
            .and_then(|s| s.history.iter().filter_map(|e| e.date.as_ref()).next_back())
            .map(|d| d.value);
        draft.date = Some(ask_date(today, last)?);
    }
    if draft.evidence.is_empty() {
        ask_evidence(tracker, draft)?;
    }
    if draft.note.is_none() {
        let note = text("Note: what happened (Enter: none)", None, false)?;
        draft.note = (!note.is_empty()).then_some(note);
    }
    Ok(())
}

/// The entry's date: today by default, never after it, nor before the step's last entry.
fn ask_date(today: NaiveDate, last: Option<NaiveDate>) -> Result<NaiveDate, CliError> {
    let typed = Input::<String>::with_theme(theme().as_ref())
        .with_prompt("Date (YYYY-MM-DD)")
        .default(today.to_string())
        .validate_with(move |s: &String| match parse_date(s.trim()) {
            None => Err(format!("`{}` is not a date written YYYY-MM-DD", s.trim())),
            Some(d) if d > today => Err(format!("{d} is after today ({today})")),
            Some(d) if last.is_some_and(|l| d < l) => Err(format!(
                "the step's last entry is dated {}: a new entry comes after it (to amend it, use `rectrack correct`)",
                last.unwrap_or(d)
            )),
            Some(_) => Ok(()),
        })
        .interact_text()
        .map_err(prompt_error)?;
    parse_date(typed.trim()).ok_or_else(cancelled)
}

/// The sources behind the entry, one at a time: chosen among the file's sources, or a
/// new one declared on the way (one per change), each with its locator.
fn ask_evidence(tracker: &Tracker, draft: &mut Draft) -> Result<(), CliError> {
    let needed = draft.status.is_some_and(Status::needs_evidence);
    loop {
        let mut ids: Vec<String> = tracker.sources.iter().map(|s| s.id.value.clone()).collect();
        let mut items: Vec<String> = tracker
            .sources
            .iter()
            .map(|s| {
                let title = s.title.as_deref().unwrap_or_default();
                escape::human(&format!("{} — {title}", s.id.value)).into_owned()
            })
            .collect();
        match &draft.new_source {
            Some(s) => {
                ids.push(s.id.clone());
                items.push(escape::human(&format!("{} — {} (new)", s.id, s.title)).into_owned());
            }
            None => items.push("a new source…".to_string()),
        }
        let last = items.len() - 1;
        if !needed || !draft.evidence.is_empty() {
            items.push(if draft.evidence.is_empty() {
                "no evidence".to_string()
            } else {
                "no other source".to_string()
            });
        }
        // Once a source is given, "no other source" is the answer Enter gives.
        let default = if draft.evidence.is_empty() {
            0
        } else {
            items.len() - 1
        };
        let i = select("Source", &items, default)?;
        let source = if i > last {
            return Ok(());
        } else if i == last && draft.new_source.is_none() {
            let s = ask_source(tracker)?;
            let id = s.id.clone();
            draft.new_source = Some(s);
            id
        } else {
            ids[i].clone()
        };
        let locator = text(
            "Locator: where in the source (a section, a paragraph)",
            None,
            true,
        )?;
        draft.evidence.push(EvidenceArg { source, locator });
    }
}

/// A new source's id, title, publisher and date.
fn ask_source(tracker: &Tracker) -> Result<NewSource, CliError> {
    let taken: Vec<String> = tracker.sources.iter().map(|s| s.id.value.clone()).collect();
    let id = Input::<String>::with_theme(theme().as_ref())
        .with_prompt("New source id (kebab-case, e.g. icg-310)")
        .validate_with(move |s: &String| {
            let s = s.trim();
            if s.is_empty()
                || !s
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                Err("an id is lowercase letters, digits and hyphens".to_string())
            } else if taken.iter().any(|t| t == s) {
                Err(format!("`{s}` is already declared: pick it from the list"))
            } else {
                Ok(())
            }
        })
        .interact_text()
        .map_err(prompt_error)?
        .trim()
        .to_string();
    let title = text("Title", None, true)?;
    let publisher = text("Publisher (Enter: none)", None, false)?;
    let published = Input::<String>::with_theme(theme().as_ref())
        .with_prompt("Published (YYYY-MM-DD, Enter: unknown)")
        .allow_empty(true)
        .validate_with(|s: &String| {
            if s.trim().is_empty() || parse_date(s.trim()).is_some() {
                Ok(())
            } else {
                Err("a date written YYYY-MM-DD, or nothing")
            }
        })
        .interact_text()
        .map_err(prompt_error)?;
    Ok(NewSource {
        id,
        title,
        publisher: (!publisher.is_empty()).then_some(publisher),
        reference: None,
        published: parse_date(published.trim()),
        url: None,
        authors: Vec::new(),
    })
}
