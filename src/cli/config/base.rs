//! The settings of a comparison with a base revision: `rectrack.toml` as it is at the
//! base, read from git objects like the base's trackers.
//!
//! In CI the pull request writes today's file. Were its settings used, a change could
//! point `paths` at an empty folder (its removed trackers unseen), raise
//! `max-file-size`, or drop `deny-warnings`, and pass the check that judges it. So the
//! base's file decides (none at the base: the built-in defaults), and a note says when
//! today's differs: its settings apply once merged. Only `base` itself comes from
//! today's file, since it names the base; CI passes `--base` explicitly.

use super::{Loaded, Source, checked, cwd};
use crate::cli::exit::CliError;
use crate::present::text::escape;
use crate::sys::config::{self as file, ConfigFile};
use crate::sys::git::Base;
use std::io::Write;
use std::path::PathBuf;

/// The settings a comparison with `rev` runs with, and the base, resolved (the
/// command compares with it: git is asked once).
pub(super) fn layer(rev: &str, today: Loaded, from: &Source) -> Result<(Loaded, Base), CliError> {
    let base = Base::resolve(&cwd(), rev)?;
    let settings = settings(&base, rev, today, from)?;
    Ok((settings, base))
}

fn settings(base: &Base, rev: &str, today: Loaded, from: &Source) -> Result<Loaded, CliError> {
    let found = match from {
        Source::Off => return Ok(today),
        Source::Named(path) => match base.path_in_repo(path) {
            Some(repo_path) => file::base_file(base, &repo_path)?.map(|text| (repo_path, text)),
            // A file outside the checkout is the job's own, not the change's.
            None => return Ok(today),
        },
        Source::Found => file::at_base(base)?,
    };
    let today_text = today.file.as_ref().map(|f| f.text.as_str());
    let mut err = anstream::stderr().lock();
    if today_text != found.as_ref().map(|(_, text)| text.as_str()) {
        let shown = today
            .file
            .as_ref()
            .map_or_else(|| file::FILE_NAME.to_string(), |f| f.shown.clone());
        writeln!(
            err,
            "rectrack: note: {} differs from its version at {} ({}): this comparison uses the settings at the base; the new ones apply once the change is merged",
            escape::human(&shown),
            escape::human(rev),
            base.short()
        )?;
    }
    let Some((repo_path, text)) = found else {
        return Ok(Loaded {
            top: today.top,
            ..Loaded::default()
        });
    };
    let shown = base.shown(&repo_path);
    let dir = match std::path::Path::new(&shown).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let at_base = ConfigFile { shown, dir, text };
    match checked(&at_base, today.top.as_deref()) {
        Ok(settings) => Ok(Loaded {
            file: Some(at_base),
            settings,
            top: today.top,
        }),
        // Only a merged change can have put it there: the defaults apply, so that the
        // change that fixes it can pass.
        Err(problems) => {
            writeln!(
                err,
                "rectrack: warning: {} at {} ({}) is not valid ({} problems, first at line {}): the built-in defaults apply to this comparison",
                escape::human(&at_base.shown),
                escape::human(rev),
                base.short(),
                problems.len(),
                problems.first().map_or(0, |p| p.span.start.line),
            )?;
            Ok(Loaded {
                top: today.top,
                ..Loaded::default()
            })
        }
    }
}
