//! Text to spanned document: saphyr-parser's event stream, checked where it needs the
//! file's text (the `%YAML` directive, tags as written, scanner errors placed on the
//! character to fix), then handed to the [tree builder](super::tree).

use crate::syntax::LoadError;
use crate::syntax::decode::{decode, point_at};
use crate::syntax::document::Node;
use crate::syntax::json;
use crate::syntax::limits::Limits;
use crate::syntax::mistakes;
use crate::syntax::quoted;
use crate::syntax::scalar::resolve_tagged;
use crate::syntax::span::{Pos, Span};
use crate::syntax::tag::{collection_tag, tag_as_written, tag_error, written_tag};
use crate::syntax::tree::Builder;
use saphyr_parser::{Event, Parser, ScanError};
use std::sync::LazyLock;

/// Decodes and parses a file's bytes: the whole way from bytes to document.
pub fn document(bytes: &[u8], limits: &Limits) -> Result<Node, LoadError> {
    parse(decode(bytes)?, limits)
}

/// Parses `text` as exactly one YAML document. JSON (a text whose first non-blank
/// character is `{`) is read by the JSON fast path (`syntax::json`) when that path can
/// decide it exactly as the YAML path would, and by the YAML path otherwise.
pub fn parse(text: &str, limits: &Limits) -> Result<Node, LoadError> {
    if json_first(text)
        && let Some(node) = json::parse(text, limits)
    {
        return Ok(node);
    }
    parse_yaml(text, limits)
}

/// Whether to try the JSON fast path on `text`: its first non-blank character is `{`,
/// and `RECTRACK_NO_JSON_FAST_PATH` is not set. That variable is a debugging switch
/// (and the tests' way to compare both paths): set to anything but `0` or nothing, it
/// sends every file through the YAML path.
fn json_first(text: &str) -> bool {
    static ENABLED: LazyLock<bool> = LazyLock::new(|| {
        std::env::var_os("RECTRACK_NO_JSON_FAST_PATH").is_none_or(|v| v.is_empty() || v == "0")
    });
    text.trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
        && *ENABLED
}

/// Parses `text` as exactly one YAML document, always through the YAML parser (the
/// JSON fast path's reference: both give the same tree wherever the fast path decides).
pub fn parse_yaml(text: &str, limits: &Limits) -> Result<Node, LoadError> {
    let mut builder = Builder::new(limits, text);
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    let mut first_document = true;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| scan_error(text, &e))?;
        let event = source
            .event(event, span)
            .map_err(|at| bad_escape_error(text, at))?;
        vet(&event, span, text, &mut first_document)?;
        builder.on_event(event, to_span(span))?;
    }
    let (mut docs, doc_starts) = builder.finish();
    match docs.len() {
        0 => Err(LoadError::new(
            Span::point(1, 1),
            "the file is empty",
            "a tracker starts with `schema_version: 1`; `rectrack init FILE` writes a complete one",
        )),
        1 => Ok(docs.remove(0)),
        _ => Err(LoadError::new(
            // Point at the `---` that opens the second document: that line is the fix.
            doc_starts.get(1).copied().unwrap_or(docs[1].span),
            format!(
                "the file holds {} YAML documents; a tracker is one",
                docs.len()
            ),
            "remove the `---` line and what follows it, or split the documents into separate files",
        )),
    }
}

/// Our span of a span the parser reports (its columns count from 0, ours from 1).
pub(super) fn to_span(span: saphyr_parser::Span) -> Span {
    let pos = |m: saphyr_parser::Marker| Pos::new(m.line(), m.col() + 1);
    Span {
        start: pos(span.start),
        end: pos(span.end),
    }
}

fn scan_error(text: &str, e: &ScanError) -> LoadError {
    let m = e.marker();
    let span = Span::point(m.line(), m.col() + 1);
    let info = e.info();
    if info.contains("tab") {
        // The scanner reports the token it was reading; the tab is what must change.
        if let Some(at) = mistakes::tab_at(text, m.line(), info) {
            return mistakes::tab_error(at);
        }
    }
    if info.contains("mapping values are not allowed")
        && let Some(error) = mistakes::colon_in_text(text, m.line(), m.col() + 1)
    {
        return error;
    }
    if info.contains("invalid Unicode character escape") {
        // The parser points at the scalar's opening quote; the fix is at the escape.
        let start = char_offset(text, m.index());
        if let Some((at, escape)) = quoted::bad_escape(&text[start..]) {
            return LoadError::new(
                point_at(text, start + at),
                format!("invalid YAML: the escape `{escape}` is not a character"),
                if escape.starts_with("\\u") {
                    "an escape from \\uD800 to \\uDFFF is half of a UTF-16 surrogate pair: write both halves, high then low (`\\uD83C\\uDDF2`, as JSON tools do), or the character itself"
                } else {
                    "the last Unicode character is U+10FFFF: check the escape's digits, or write the character itself"
                },
            );
        }
    }
    let help = if info.contains("tab") {
        "YAML indentation must use spaces: replace the tab characters with spaces"
    } else if info.contains("mapping values") || info.contains("block") {
        "check the indentation of this line against the lines above it, and that each `key: value` has a space after the colon"
    } else if info.contains("duplicated key") {
        "each key may appear once in a mapping: merge the two entries or delete one"
    } else if info.contains("did not find expected") || info.contains("unclosed") {
        "a quote, bracket or brace is not closed: check this line and the one before"
    } else {
        "fix the YAML syntax at this place; `rectrack explain yaml` lists common causes"
    };
    LoadError::new(span, format!("invalid YAML: {info}"), help)
}

/// The byte offset of character `index` in `text` (the parser counts characters).
fn char_offset(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The finding for an escape that is not a character, at byte `at` of `text`.
fn bad_escape_error(text: &str, at: usize) -> LoadError {
    LoadError::new(
        point_at(text, at),
        "invalid YAML: this escape is not a character",
        "write the character itself, or a valid escape",
    )
}

/// Checks on an event that need the file's text, before the builder takes it: the
/// `%YAML` directive of the document, and tags named as the file writes them.
fn vet(
    event: &Event<'_>,
    span: saphyr_parser::Span,
    text: &str,
    first_document: &mut bool,
) -> Result<(), LoadError> {
    let (tag, refused) = match event {
        Event::DocumentStart(explicit) => {
            if std::mem::take(first_document) && *explicit {
                yaml_version(text, char_offset(text, span.start.index()))?;
            }
            return Ok(());
        }
        Event::Scalar(value, _, _, Some(tag)) => (tag, resolve_tagged(tag, value).err()),
        Event::SequenceStart(_, Some(tag)) => (tag, collection_tag(tag, "seq").err()),
        Event::MappingStart(_, Some(tag)) => (tag, collection_tag(tag, "map").err()),
        _ => return Ok(()),
    };
    let Some(problem) = refused else {
        return Ok(());
    };
    let start = char_offset(text, span.start.index());
    let written = tag_as_written(&text[start..]).map_or_else(|| written_tag(tag), str::to_string);
    Err(tag_error(&written, problem, to_span(span)))
}

/// Refuses a `%YAML` directive for another version than 1.2. saphyr-parser reads the
/// directive and drops the version, so the lines before the document's `---` (at byte
/// `doc_start`) are read here: there, only a directive line can start with `%`.
fn yaml_version(text: &str, doc_start: usize) -> Result<(), LoadError> {
    for (i, line) in crate::syntax::span::lines(&text[..doc_start]).enumerate() {
        let Some(rest) = line.strip_prefix("%YAML") else {
            continue;
        };
        // `%YAMLX` would be another (reserved) directive.
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let args = rest.trim_start_matches([' ', '\t']);
        let version = args.split([' ', '\t']).next().unwrap_or("");
        if version == "1.2" {
            continue;
        }
        let col = line.len() - args.len();
        let span = Span {
            start: Pos::new(i + 1, col + 1),
            end: Pos::new(i + 1, col + 1 + version.chars().count()),
        };
        return Err(if matches!(version, "1.1" | "1.0") {
            LoadError::new(
                span,
                format!(
                    "the file declares YAML {version}; rectrack reads YAML 1.2, where some values mean something else"
                ),
                "in YAML 1.2, `yes`, `no`, `on`, `off`, `y` and `n` are text, not booleans; `0777` is the number 777 (octal is written `0o777`); \
                 `1:30` and `1_000` are text, not numbers; `<<` is an ordinary key, not a merge; check such values, then delete the `%YAML` line",
            )
        } else {
            LoadError::new(
                span,
                format!("the file declares YAML version `{version}`; rectrack reads YAML 1.2 only"),
                "write the file as YAML 1.2 and change the line to `%YAML 1.2`, or delete it",
            )
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
