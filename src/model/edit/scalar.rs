//! Writing a string as a YAML scalar that reads back as the same string: plain only
//! when that is safe, else quoted, or folded (`>-`) for long text in a file that
//! writes its notes that way.

use crate::syntax::Limits;
use crate::syntax::document::Value;
use std::fmt::Write as _;
// Characters written as escapes, never as themselves: the ones every output shows as
// escapes (which YAML also mostly forbids raw).
use crate::syntax::hidden as must_escape;

/// How a scalar is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Quote {
    /// Plain, when safe.
    #[default]
    Plain,
    /// `'single'`, when it can hold the text.
    Single,
    /// `"double"`: holds anything.
    Double,
}

/// Where a scalar stands: in a block or inside a flow collection (where `,[]{}`
/// end a plain scalar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// Block context.
    Block,
    /// Inside `[...]` or `{...}`.
    Flow,
}

/// Whether `s` written plain in `context` reads back as the same string, in YAML 1.2's
/// core schema and, to be safe with older readers, in YAML 1.1 too (`yes`, `on`,
/// `1_000` stay quoted).
pub(super) fn plain_ok(s: &str, context: Context) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    if s.chars().any(|c| must_escape(c) || c == '\t')
        || first.is_whitespace()
        || last.is_whitespace()
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || last == ':'
        || (context == Context::Flow && s.contains([',', '[', ']', '{', '}']))
        || yaml11_trap(s)
    {
        return false;
    }
    // The parser has the last word: the text must read back unchanged.
    let probe = match context {
        Context::Block => format!("k: {s}\n"),
        Context::Flow => format!("k: [{s}]\n"),
    };
    let Ok(doc) = crate::syntax::parse(&probe, &Limits::default()) else {
        return false;
    };
    let value = doc.get("k").map(|v| match (&v.value, context) {
        (Value::Seq(items), Context::Flow) => items.first().map(|i| i.value.clone()),
        (other, Context::Block) => Some(other.clone()),
        _ => None,
    });
    value == Some(Some(Value::Str(s.into())))
}

/// What YAML 1.1 reads as a boolean, null or number while 1.2 reads text: quoted so
/// that no reader of either version takes it for anything else. Dates are left plain:
/// trackers write them so.
fn yaml11_trap(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
    ) {
        return true;
    }
    let is_date = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let body = s.trim_start_matches(['+', '-', '.']);
    !is_date
        && body.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || "+-._:xXoO".contains(c))
}

/// `s` in double quotes: `\\`, `\"`, `\n`, `\t` and every other character of
/// [`must_escape`] as `\uXXXX` (`\UXXXXXXXX` past U+FFFF).
pub(super) fn double(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) => {
                let n = u32::from(c);
                let _ = if n > 0xFFFF {
                    write!(out, "\\U{n:08X}")
                } else {
                    write!(out, "\\u{n:04X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` in single quotes, when it has nothing that needs an escape.
pub(super) fn single(s: &str) -> Option<String> {
    if s.chars().any(|c| must_escape(c) || c == '\t') {
        return None;
    }
    Some(format!("'{}'", s.replace('\'', "''")))
}

/// `s` written as `quote` asks when it can be, else double-quoted.
pub(super) fn write(s: &str, quote: Quote, context: Context) -> String {
    match quote {
        Quote::Plain if plain_ok(s, context) => s.to_string(),
        Quote::Plain | Quote::Single => single(s)
            .filter(|_| quote == Quote::Single)
            .unwrap_or_else(|| double(s)),
        Quote::Double => double(s),
    }
}

/// `s` as the lines of a folded block scalar's content (each without indentation),
/// filled to `width` characters counting `indent`; `None` when folding would not read
/// back as `s` (line breaks, controls, leading or trailing blanks).
pub(super) fn folded_lines(s: &str, indent: usize, width: usize) -> Option<Vec<String>> {
    if s.is_empty()
        || s.chars().any(|c| must_escape(c) || c == '\t')
        || s.starts_with(' ')
        || s.ends_with(' ')
    {
        return None;
    }
    // A line may break only at a single space between two other characters: the
    // break folds back into exactly that space.
    let chars: Vec<char> = s.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let breakable = c == ' '
            && i > 0
            && chars.get(i - 1) != Some(&' ')
            && chars.get(i + 1).is_some_and(|n| *n != ' ');
        if breakable {
            words.push(std::mem::take(&mut word));
        } else {
            word.push(c);
        }
    }
    words.push(word);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for w in words {
        let n = w.chars().count();
        if len > 0 && indent + len + 1 + n > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(&w);
        len += n;
    }
    lines.push(line);
    Some(lines)
}
