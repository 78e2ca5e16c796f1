//! The project's settings, `rectrack.toml`: its text in, typed settings out, each with
//! the span it was written at, or every problem with its span.
//!
//! The file is flat: every setting is a top-level key, spelled as on the command line
//! (`stale-days = 30`). A key rectrack does not know is an error, not ignored: a typo
//! (`stale-day`) would otherwise leave the default in force without a word, as a
//! tracker's unknown key would. TOML is read by the `toml` crate's spanned tables
//! ([`toml::de::DeTable`]), which keep every key's and value's byte range.

use crate::syntax::span::{LineIndex, Span};
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// One setting: its key, the variable that sets it, and what it does (for
/// did-you-mean, `init --write-config` and the documentation test).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key, as on the command line without `--`.
    pub name: &'static str,
    /// The environment variable that sets it.
    pub env: &'static str,
    /// The commands it applies to, and what it sets.
    pub what: &'static str,
}

/// Every key `rectrack.toml` may hold.
pub const KEYS: &[Key] = &[
    Key {
        name: "paths",
        env: "",
        what: "trackers and folders every command over trackers reads when none are named (relative to this file's folder, inside the checkout)",
    },
    Key {
        name: "stale-days",
        env: "RECTRACK_STALE_DAYS",
        what: "days without news after which an in-progress or stalled step is stale",
    },
    Key {
        name: "deny-warnings",
        env: "RECTRACK_DENY_WARNINGS",
        what: "`check` fails (exit 1) on warnings too",
    },
    Key {
        name: "max-file-size",
        env: "RECTRACK_MAX_FILE_SIZE",
        what: "largest tracker read, in bytes",
    },
    Key {
        name: "max-diagnostics",
        env: "RECTRACK_MAX_DIAGNOSTICS",
        what: "diagnostics shown per file (0: all)",
    },
    Key {
        name: "jobs",
        env: "RECTRACK_JOBS",
        what: "threads checking files, 1 to 256 (default: one per core)",
    },
    Key {
        name: "base",
        env: "RECTRACK_BASE",
        what: "the revision `check` compares with when --base is not given, and `diff` when REV is not",
    },
    Key {
        name: "lang",
        env: "RECTRACK_LANG",
        what: "language of `status`, `report` and `catalog`",
    },
];

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// The span of the value in the file.
    pub span: Span,
}

/// What a settings file sets; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `paths`: each path as written.
    pub paths: Option<Vec<Setting<String>>>,
    /// `stale-days`.
    pub stale_days: Option<Setting<u32>>,
    /// `deny-warnings`.
    pub deny_warnings: Option<Setting<bool>>,
    /// `max-file-size`.
    pub max_file_size: Option<Setting<u64>>,
    /// `max-diagnostics`.
    pub max_diagnostics: Option<Setting<usize>>,
    /// `jobs`.
    pub jobs: Option<Setting<usize>>,
    /// `base`.
    pub base: Option<Setting<String>>,
    /// `lang`.
    pub lang: Option<Setting<String>>,
}

/// Something wrong in a settings file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short label under the caret.
    pub label: String,
    /// What to do about it.
    pub help: String,
}

impl Problem {
    /// A problem at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
            label: String::new(),
            help: String::new(),
        }
    }

    /// Adds the label.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds the help.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }
}

/// Byte offsets to line and column (characters), for the spans TOML gives, counted
/// as the diagnostic renderer counts them.
struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
        }
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span {
            start: self.index.pos(self.text, range.start),
            end: self.index.pos(self.text, range.end),
        }
    }
}

/// The settings `text` holds, or every problem found in it.
pub fn parse(text: &str) -> Result<Settings, Vec<Problem>> {
    let lines = Lines::new(text);
    let table = match DeTable::parse(text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let span = lines.span(e.span().unwrap_or(0..0));
            let message = e.message().trim().to_string();
            return Err(vec![
                Problem::new(span, format!("not valid TOML: {message}"))
                    .help("rectrack.toml is TOML: `key = value`, one per line (https://toml.io)"),
            ]);
        }
    };
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    for (key, value) in &table {
        let name: &str = key.get_ref();
        let key_span = lines.span(key.span());
        let at = lines.span(value.span());
        let v = value.get_ref();
        match name {
            "paths" => settings.paths = paths(v, at, &lines, &mut problems),
            "stale-days" => settings.stale_days = number(name, v, at, &mut problems),
            "max-file-size" => settings.max_file_size = number(name, v, at, &mut problems),
            "max-diagnostics" => settings.max_diagnostics = number(name, v, at, &mut problems),
            "jobs" => settings.jobs = number(name, v, at, &mut problems),
            "deny-warnings" => match v {
                DeValue::Boolean(b) => {
                    settings.deny_warnings = Some(Setting {
                        value: *b,
                        span: at,
                    });
                }
                other => problems.push(wrong_type(name, "true or false", other, at)),
            },
            "base" => settings.base = text_value(name, "a git revision", v, at, &mut problems),
            "lang" => settings.lang = text_value(name, "a language code", v, at, &mut problems),
            _ => problems.push(unknown(name, key_span, v)),
        }
    }
    if problems.is_empty() {
        Ok(settings)
    } else {
        problems.sort_by_key(|p| p.span.start);
        Err(problems)
    }
}

/// The closest key to a near-miss (`stale_days`, `Stale-Days`, `stale-day`).
pub fn closest_key(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase().replace('_', "-");
    KEYS.iter()
        .map(|k| (strsim::jaro_winkler(&lower, k.name), k.name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn unknown(name: &str, span: Span, value: &DeValue<'_>) -> Problem {
    let names: Vec<String> = KEYS.iter().map(|k| format!("`{}`", k.name)).collect();
    let known = format!("the keys are {}", names.join(", "));
    let problem = Problem::new(span, format!("unknown key `{name}` in rectrack.toml"));
    // `[check]` with `base = ...` under it: the settings are not grouped.
    if let DeValue::Table(inner) = value
        && let Some(k) = inner.keys().find_map(|k| closest_key(k.get_ref()))
    {
        return problem.label("not a setting").help(format!(
            "rectrack.toml has no tables: write `{k} = ...` at the top level; {known}"
        ));
    }
    match closest_key(name) {
        Some(k) => problem.label(format!("did you mean `{k}`?")).help(known),
        None => problem.label("not a setting").help(known),
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn wrong_type(name: &str, expected: &str, v: &DeValue<'_>, at: Span) -> Problem {
    Problem::new(
        at,
        format!("`{name}` must be {expected}, not {}", type_name(v)),
    )
    .label(format!("expected {expected}"))
}

/// A whole number that fits `T` (never negative).
fn number<T: TryFrom<u64>>(
    name: &str,
    v: &DeValue<'_>,
    at: Span,
    problems: &mut Vec<Problem>,
) -> Option<Setting<T>> {
    let expected = "a whole number, 0 or more";
    let DeValue::Integer(i) = v else {
        problems.push(wrong_type(name, expected, v, at));
        return None;
    };
    let parsed = u64::from_str_radix(i.as_str(), i.radix())
        .ok()
        .and_then(|n| T::try_from(n).ok());
    match parsed {
        Some(value) => Some(Setting { value, span: at }),
        None => {
            problems.push(
                Problem::new(
                    at,
                    format!("`{name}` must be {expected}, and not this large"),
                )
                .label("out of range"),
            );
            None
        }
    }
}

fn text_value(
    name: &str,
    expected: &str,
    v: &DeValue<'_>,
    at: Span,
    problems: &mut Vec<Problem>,
) -> Option<Setting<String>> {
    match v {
        DeValue::String(s) if !s.trim().is_empty() => Some(Setting {
            value: s.to_string(),
            span: at,
        }),
        DeValue::String(_) => {
            problems.push(
                Problem::new(at, format!("`{name}` is empty"))
                    .label(format!("expected {expected}")),
            );
            None
        }
        other => {
            problems.push(wrong_type(
                name,
                &format!("{expected} in quotes"),
                other,
                at,
            ));
            None
        }
    }
}

/// `paths`: a non-empty list of relative paths: in CI a pull request writes this
/// file, and a path out of the checkout (`/home/runner/.config`) would have rectrack
/// read, and print in its diagnostics, files the job never meant to show. (Whether a
/// relative path stays inside the checkout is the command line's to say: it knows
/// where the file and the checkout are.)
fn paths(
    v: &DeValue<'_>,
    at: Span,
    lines: &Lines<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Setting<String>>> {
    let expected = "a list of paths in quotes";
    let DeValue::Array(items) = v else {
        problems.push(wrong_type("paths", expected, v, at).help("e.g. `paths = [\"tracker\"]`"));
        return None;
    };
    if items.is_empty() {
        problems.push(
            Problem::new(at, "`paths` is empty: it would check nothing")
                .label("expected at least one path")
                .help(
                    "name the tracker folders, e.g. `paths = [\"tracker\"]`, or leave `paths` out",
                ),
        );
        return None;
    }
    let mut out = Vec::new();
    let before = problems.len();
    for item in items {
        let span = lines.span(item.span());
        match item.get_ref() {
            DeValue::String(s) => match path_problem(s) {
                Some(why) => problems.push(
                    Problem::new(span, format!("`paths` holds `{s}`, {why}"))
                        .label("not allowed here")
                        .help("paths in rectrack.toml are relative to its folder and stay inside the checkout; name a path outside on the command line instead"),
                ),
                None => out.push(Setting {
                    value: s.to_string(),
                    span,
                }),
            },
            other => problems.push(wrong_type("paths", "a list of paths in quotes", other, span)),
        }
    }
    (problems.len() == before).then_some(out)
}

/// Why a path in `paths` is refused, if it is.
fn path_problem(s: &str) -> Option<&'static str> {
    let p = std::path::Path::new(s);
    if s.trim().is_empty() {
        Some("which is empty")
    } else if s.contains('\0') {
        Some("which holds a NUL byte")
    } else if p.has_root() || s.starts_with('\\') || s.get(1..2) == Some(":") {
        Some("an absolute path")
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
