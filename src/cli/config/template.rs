//! The `rectrack.toml` that `rectrack init --write-config` writes: every setting, with
//! what it does and the variable that overrides it; those with a default set to it,
//! the others (`base`, `jobs`) commented out with an example.

use crate::check::rules;
use crate::cli::exit::CliError;
use crate::model::config::KEYS;
use crate::present::i18n;
use crate::present::text::escape;
use crate::syntax;
use std::io::Write;
use std::path::Path;

/// `max-diagnostics` when nothing sets it.
pub(in crate::cli) const DEFAULT_MAX_DIAGNOSTICS: usize = 100;

/// The folder the commands over trackers read when nothing names one.
pub(in crate::cli) const DEFAULT_PATH: &str = "tracker";

/// Each key's line: the value written, and whether it is commented out (no default).
fn value(key: &str) -> (String, bool) {
    match key {
        "paths" => (format!("[\"{DEFAULT_PATH}\"]"), false),
        "stale-days" => (rules::semantic::DEFAULT_STALE_DAYS.to_string(), false),
        "deny-warnings" => ("false".into(), false),
        "max-file-size" => (syntax::MAX_FILE_BYTES.to_string(), false),
        "max-diagnostics" => (DEFAULT_MAX_DIAGNOSTICS.to_string(), false),
        "lang" => (format!("\"{}\"", i18n::DEFAULT_LANG), false),
        "jobs" => ("4".into(), true),
        // "base" and any key added later: an example, off.
        _ => ("\"origin/main\"".into(), true),
    }
}

/// The file's text.
pub(in crate::cli) fn template() -> String {
    let mut out = String::from(
        "# rectrack.toml: the settings this project's rectrack commands share (docs/config.md).\n\
         # Found from the current folder up to the top of the checkout. The command line wins\n\
         # over the RECTRACK_* environment variables, which win over this file.\n\
         # `check --base` and `diff` read this file as it is at the base revision: a change\n\
         # to it applies to comparisons once it is merged.\n",
    );
    for key in KEYS {
        let (value, off) = value(key.name);
        out.push('\n');
        out.push_str(&format!("# {}", capitalized(key.what)));
        if key.env.is_empty() {
            out.push_str(".\n");
        } else {
            out.push_str(&format!(" ({}).\n", key.env));
        }
        if key.name == "base" {
            out.push_str("# In CI pass --base explicitly: a pull request can edit this file.\n");
        }
        let comment = if off { "# " } else { "" };
        out.push_str(&format!("{comment}{} = {value}\n", key.name));
    }
    out
}

/// Writes the file (as `init` writes a tracker: atomically, never over a file without
/// `force`; with `dry_run`, the diff only).
pub(in crate::cli) fn write(target: &Path, force: bool, dry_run: bool) -> Result<(), CliError> {
    crate::cli::init::put(target, &template(), force, dry_run)?;
    let shown = escape::human(&target.display().to_string()).into_owned();
    if !dry_run {
        writeln!(
            anstream::stdout(),
            "wrote {shown} (every setting at its default; `rectrack check` and the other commands read it from here and every folder below)"
        )?;
    }
    Ok(())
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::parse;

    #[test]
    fn every_key_round_trips() {
        let text = template();
        let s = parse(&text).expect("the written file reads back");
        let paths: Vec<&str> = s.paths.iter().flatten().map(|p| p.value.as_str()).collect();
        assert_eq!(paths, [DEFAULT_PATH]);
        assert_eq!(
            s.stale_days.map(|v| v.value),
            Some(rules::semantic::DEFAULT_STALE_DAYS)
        );
        assert_eq!(s.deny_warnings.map(|v| v.value), Some(false));
        assert_eq!(
            s.max_file_size.map(|v| v.value),
            Some(syntax::MAX_FILE_BYTES)
        );
        assert_eq!(
            s.max_diagnostics.map(|v| v.value),
            Some(DEFAULT_MAX_DIAGNOSTICS)
        );
        assert_eq!(s.lang.map(|v| v.value).as_deref(), Some(i18n::DEFAULT_LANG));
        assert_eq!((s.base, s.jobs), (None, None));
        // The examples left commented out read too, once uncommented.
        let on = text
            .replace("# base = ", "base = ")
            .replace("# jobs = ", "jobs = ");
        let s = parse(&on).expect("uncommented, it reads");
        assert_eq!(s.base.map(|v| v.value).as_deref(), Some("origin/main"));
        assert_eq!(s.jobs.map(|v| v.value), Some(4));
        // Every key is in it, set or as an example.
        for key in KEYS {
            assert!(
                on.lines()
                    .any(|l| l.starts_with(&format!("{} = ", key.name))),
                "{} missing",
                key.name
            );
        }
    }
}
