//! Scalars: a plain scalar resolved with the YAML 1.2 core schema, a tagged one as its
//! tag says; quoted and block scalars are strings.

use crate::syntax::LoadError;
use crate::syntax::document::{Value, text as node_text};
use crate::syntax::span::Span;
use crate::syntax::tag::{TagKind, TagProblem, tag_error, tag_kind, written_tag};
use saphyr_parser::{ScalarStyle, Tag};
use std::borrow::Cow;

/// Whether a character is invisible or would be obeyed rather than shown: C0 and C1
/// controls and DEL, bidi embeddings, overrides, isolates and marks, zero-width space,
/// word joiner and BOM, the line and paragraph separators, interlinear annotation
/// marks, and the noncharacters U+FFFE/U+FFFF. Every output shows them as escapes
/// (`present/text/escape`), and the tracker editor writes them as YAML escapes.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{fffe}'
                | '\u{ffff}'
        )
}

/// A tagged scalar's value: the core schema's rules for the tag, whatever the style.
pub(super) fn resolve_tagged(tag: &Tag, text: &str) -> Result<Value, TagProblem> {
    let name = match tag_kind(tag) {
        TagKind::NonSpecific => return Ok(Value::Str(text.into())),
        TagKind::Core(name) => name,
        TagKind::Other => return Err(TagProblem::Unsupported),
    };
    match (name, plain_kind(text)) {
        ("str", _) => Ok(Value::Str(text.into())),
        ("null", Plain::Null) => Ok(Value::Null),
        ("bool", Plain::Bool(b)) => Ok(Value::Bool(b)),
        ("int", Plain::Int { value, .. }) => Ok(value),
        ("float", Plain::Float(f)) => Ok(Value::Float(f)),
        // `[0-9]+` is also the core schema's float syntax.
        ("float", Plain::Int { decimal: true, .. }) => text
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| TagProblem::Mismatch("float")),
        ("null", _) => Err(TagProblem::Mismatch("null")),
        ("bool", _) => Err(TagProblem::Mismatch("bool")),
        ("int", _) => Err(TagProblem::Mismatch("int")),
        ("float", _) => Err(TagProblem::Mismatch("float")),
        ("seq", _) => Err(TagProblem::WrongNode("a list")),
        ("map", _) => Err(TagProblem::WrongNode("a mapping")),
        _ => Err(TagProblem::Unsupported),
    }
}

/// Resolves a scalar with the YAML 1.2 core schema. Untagged, only plain scalars are
/// typed; quoted and block scalars are strings. A tag decides the type whatever the
/// style, and must match the value.
pub(super) fn scalar_value(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Value, LoadError> {
    match tag {
        Some(tag) => resolve_tagged(tag, &text).map_err(|p| tag_error(&written_tag(tag), p, span)),
        None if style == ScalarStyle::Plain => Ok(resolve_plain(text)),
        None => Ok(Value::Str(node_text(text))),
    }
}

/// What a plain scalar is under the core schema (YAML 1.2.2, 10.3.2).
#[derive(Debug, Clone, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    /// An integer (a float when it does not fit in 64 bits); `decimal` when written
    /// `[-+]?[0-9]+`, which the float syntax also matches.
    Int {
        value: Value,
        decimal: bool,
    },
    Float(f64),
    Str,
}

/// A plain scalar's value from its text: how the JSON reader resolves a number (and
/// `true`, `false`, `null`), so that `1e400`, `-0` or a 30-digit integer come out of
/// it exactly as they come out of the YAML path.
pub(super) fn resolve_plain_str(text: &str) -> Value {
    resolve_plain(Cow::Borrowed(text))
}

fn resolve_plain(text: Cow<'_, str>) -> Value {
    match plain_kind(&text) {
        Plain::Null => Value::Null,
        Plain::Bool(b) => Value::Bool(b),
        Plain::Int { value, .. } => value,
        Plain::Float(f) => Value::Float(f),
        Plain::Str => Value::Str(node_text(text)),
    }
}

/// The core schema's table, regex by regex: null `null|Null|NULL|~|` (empty), bool
/// `true|True|TRUE|false|False|FALSE`, int `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`,
/// float `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`,
/// `\.nan|\.NaN|\.NAN`; anything else is a string (`0o+1`, `0x-1`, `yes`, `1_000`).
fn plain_kind(s: &str) -> Plain {
    // Every null, bool and number starts with one of these bytes (or is empty): most
    // plain scalars are words and leave here, before the table below.
    if s.as_bytes().first().is_some_and(|b| {
        !matches!(
            b,
            b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'.' | b'+' | b'-' | b'0'..=b'9'
        )
    }) {
        return Plain::Str;
    }
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Plain::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(digits) = s.strip_prefix(prefix) {
            // Digits only: `from_str_radix` alone would also take a sign (`0x+1`).
            return if !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)) {
                Plain::Int {
                    value: radix_value(digits, radix),
                    decimal: false,
                }
            } else {
                Plain::Str
            };
        }
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let value = match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            // Past 64 bits: still a number, as close as a float gets.
            Err(_) => match s.parse::<f64>() {
                Ok(f) => Value::Float(f),
                Err(_) => return Plain::Str,
            },
        };
        return Plain::Int {
            value,
            decimal: true,
        };
    }
    // The syntax check first: most plain scalars are words, and cheap to turn down.
    if is_core_float(unsigned)
        && let Ok(f) = s.parse::<f64>()
    {
        return Plain::Float(f);
    }
    Plain::Str
}

/// The value of `digits` (already checked) in `radix`; a float past 64 bits.
fn radix_value(digits: &str, radix: u32) -> Value {
    match i64::from_str_radix(digits, radix) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(digits.chars().fold(0.0, |acc, c| {
            acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
        })),
    }
}

/// The core schema's float syntax (sign already removed): Rust's parser alone would
/// also take `inf`, `nan` or `infinity`, which YAML 1.2 reads as strings. One pass over
/// the bytes: `[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?` with a digit in the mantissa.
fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let digits_from = |i: usize| {
        b[i.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let whole = digits_from(0);
    let mut i = whole;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        frac = digits_from(i + 1);
        i += 1 + frac;
    }
    if whole + frac == 0 {
        return false;
    }
    match b.get(i) {
        None => true,
        Some(b'e' | b'E') => {
            i += 1;
            if matches!(b.get(i), Some(b'-' | b'+')) {
                i += 1;
            }
            let exponent = digits_from(i);
            exponent > 0 && i + exponent == b.len()
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::document::Value;
    use crate::syntax::testing::{load, value};

    #[test]
    fn scalars_follow_the_core_schema() {
        let doc =
            load("a: 2021-12-10\nb: 1\nc: '1'\nd: ~\ne: true\nf: 1.5\ng: .nan\nh: inf\n").unwrap();
        assert_eq!(doc.get("a").unwrap().value, Value::Str("2021-12-10".into()));
        assert_eq!(doc.get("b").unwrap().value, Value::Int(1));
        assert_eq!(doc.get("c").unwrap().value, Value::Str("1".into()));
        assert_eq!(doc.get("d").unwrap().value, Value::Null);
        assert_eq!(doc.get("e").unwrap().value, Value::Bool(true));
        assert_eq!(doc.get("f").unwrap().value, Value::Float(1.5));
        assert!(matches!(doc.get("g").unwrap().value, Value::Float(f) if f.is_nan()));
        assert_eq!(doc.get("h").unwrap().value, Value::Str("inf".into()));
    }

    #[test]
    fn plain_scalars_follow_the_core_schema_table_exactly() {
        let int = |i| Ok(Value::Int(i));
        let float = |f| Ok(Value::Float(f));
        let text = |s: &str| Ok(Value::Str(s.into()));
        for (written, expected) in [
            ("0o17", int(15)),
            ("0x1F", int(31)),
            ("0xff", int(255)),
            ("+12", int(12)),
            ("-0", int(0)),
            ("0777", int(777)),
            ("1.", float(1.0)),
            (".5", float(0.5)),
            ("+.5", float(0.5)),
            ("1.e5", float(1e5)),
            ("-2E-3", float(-2e-3)),
            ("1e5", float(1e5)),
            ("99999999999999999999", float(1e20)),
            ("0x10000000000000000", float(18446744073709551616.0)),
            ("-.INF", float(f64::NEG_INFINITY)),
            ("+.inf", float(f64::INFINITY)),
            // Strings under YAML 1.2, whatever Rust's parsers or YAML 1.1 would say.
            ("0o+1", text("0o+1")),
            ("0x+1", text("0x+1")),
            ("0x-1", text("0x-1")),
            ("0o-1", text("0o-1")),
            ("+-5", text("+-5")),
            ("0o", text("0o")),
            ("0x", text("0x")),
            ("0o8", text("0o8")),
            ("0X1F", text("0X1F")),
            ("-0x1", text("-0x1")),
            ("0b1", text("0b1")),
            ("1_000", text("1_000")),
            ("1:30", text("1:30")),
            ("yes", text("yes")),
            ("Off", text("Off")),
            ("tRUE", text("tRUE")),
            ("inf", text("inf")),
            ("infinity", text("infinity")),
            ("-.nan", text("-.nan")),
            ("NaN", text("NaN")),
            (".", text(".")),
            ("1e", text("1e")),
            ("e5", text("e5")),
            ("1.2.3", text("1.2.3")),
        ] {
            assert_eq!(value(written), expected, "`{written}`");
        }
    }

    #[test]
    fn the_one_pass_float_syntax_is_the_split_one_it_replaced() {
        // The reading by parts this replaced, kept as the definition.
        fn by_parts(s: &str) -> bool {
            let (mantissa, exponent) = match s.find(['e', 'E']) {
                Some(i) => (&s[..i], Some(&s[i + 1..])),
                None => (s, None),
            };
            let mut parts = mantissa.splitn(2, '.');
            let whole = parts.next().unwrap_or("");
            let frac = parts.next();
            let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
            let mantissa_ok = match frac {
                Some(f) => digits(whole) && digits(f) && !(whole.is_empty() && f.is_empty()),
                None => !whole.is_empty() && digits(whole),
            };
            let exponent_ok = exponent.is_none_or(|e| {
                let e = e.strip_prefix(['-', '+']).unwrap_or(e);
                !e.is_empty() && digits(e)
            });
            mantissa_ok && exponent_ok
        }
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| ["1", ".", "e", "E", "-", "+", "x", "é"].map(|p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            assert_eq!(super::is_core_float(text), by_parts(text), "{text:?}");
        }
    }
}
