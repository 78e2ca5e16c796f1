//! A few top-level keys read off the start of a file, without parsing all of it.

use crate::syntax::decode;
use crate::syntax::document::Value;
use crate::syntax::parse::to_span;
use crate::syntax::quoted;
use crate::syntax::scalar::scalar_value;
use saphyr_parser::{Event, Parser};

/// What a top-level key of a document holds, as far as [`top_level`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// The key was not met.
    Absent,
    /// A plain string.
    Text(String),
    /// Anything else: a number, a collection, an alias.
    Other,
}

/// The top-level keys `keys` of a document, read from the start of the event stream
/// only until `enough` says what has been met is enough (or the top-level mapping
/// ends), without building the tree: matching a base revision's trackers by id costs a
/// few events per file, not a parse of each. Each key holds its first value. Anything
/// after a syntax error reads as absent; a document that is not a mapping has no keys.
pub fn top_level(bytes: &[u8], keys: &[&str], enough: impl Fn(&[Slot]) -> bool) -> Vec<Slot> {
    let mut found = vec![Slot::Absent; keys.len()];
    let Ok(text) = decode(bytes) else {
        return found;
    };
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    // Depth 1 is the top-level mapping; `want` is the key whose value comes next.
    let (mut depth, mut at_key, mut want): (usize, bool, Option<usize>) = (0, true, None);
    let fill = |found: &mut Vec<Slot>, want: Option<usize>, slot: Slot| match want {
        Some(i) if found[i] == Slot::Absent => {
            found[i] = slot;
            enough(found)
        }
        _ => false,
    };
    while let Some(Ok((event, span))) = parser.next_event() {
        let Ok(event) = source.event(event, span) else {
            break;
        };
        match event {
            Event::SequenceStart(..) if depth == 0 => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth == 2 {
                    // A collection as a key or a value at the top: not a string.
                    let done = !at_key && fill(&mut found, want.take(), Slot::Other);
                    at_key = !at_key;
                    if done {
                        break;
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Event::Scalar(value, style, _, tag) if depth == 1 => {
                let done = if at_key {
                    want = keys.iter().position(|k| *k == value);
                    false
                } else {
                    let resolved = scalar_value(value, style, tag.as_deref(), to_span(span));
                    let slot = match resolved {
                        Ok(Value::Str(text)) => Slot::Text(text.into()),
                        _ => Slot::Other,
                    };
                    fill(&mut found, want.take(), slot)
                };
                at_key = !at_key;
                if done {
                    break;
                }
            }
            Event::Alias(_) if depth == 1 => {
                let done = !at_key && fill(&mut found, want.take(), Slot::Other);
                want = None;
                at_key = !at_key;
                if done {
                    break;
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    // The two readings `check --base` relied on before it asked both at once.

    /// The string values of the top-level keys `keys`, read no further than the last of
    /// them (`id` and `title` stand on a tracker's first lines). A key whose value is not
    /// a plain string reads as absent.
    fn top_level_strings(bytes: &[u8], keys: &[&str]) -> Vec<Option<String>> {
        top_level(bytes, keys, |found| {
            found.iter().all(|s| *s != Slot::Absent)
        })
        .into_iter()
        .map(|slot| match slot {
            Slot::Text(text) => Some(text),
            _ => None,
        })
        .collect()
    }

    /// Whether the document's top-level mapping has the key `key`, whatever its value,
    /// read no further than the key.
    fn top_level_has_key(bytes: &[u8], key: &str) -> bool {
        top_level(bytes, &[key], |found| found[0] != Slot::Absent)[0] != Slot::Absent
    }

    #[test]
    fn a_top_level_key_is_found_whatever_its_value() {
        let key = "catalog_format";
        assert!(top_level_has_key(b"catalog_format: 1\nid: x\n", key));
        assert!(top_level_has_key(
            b"id: x\ntitle: {en: a}\ncatalog_format: [1]\n",
            key
        ));
        assert!(top_level_has_key(b"{\"catalog_format\": 1}", key));
        assert!(!top_level_has_key(
            b"nested: {catalog_format: 1}\nid: x\n",
            key
        ));
        assert!(!top_level_has_key(b"list: [catalog_format]\nid: x\n", key));
        assert!(!top_level_has_key(b"id: catalog_format\n", key));
        assert!(!top_level_has_key(b"- catalog_format: 1\n", key));
        assert!(!top_level_has_key(b"\xff", key));
        assert!(!top_level_has_key(
            b"id: [unclosed\ncatalog_format: 1\n",
            key
        ));
    }

    #[test]
    fn top_level_strings_read_only_the_top_level() {
        let keys = ["id", "title"];
        let text = b"schema_version: 1\nnested: {id: no, title: no}\nid: \"the-id\"\ntitle: A title\nrest: [1, 2]\n";
        assert_eq!(
            top_level_strings(text, &keys),
            [Some("the-id".to_string()), Some("A title".to_string())]
        );
        assert_eq!(top_level_strings(b"id: 123\n", &keys), [None, None]);
        assert_eq!(
            top_level_strings(b"id: [a]\ntitle: t\n", &keys),
            [None, Some("t".into())]
        );
        assert_eq!(
            top_level_strings(b"{id: a, title: b}", &keys),
            [Some("a".into()), Some("b".into())]
        );
        assert_eq!(top_level_strings(b"- id: a\n", &keys), [None, None]);
        assert_eq!(top_level_strings(b"[id, a]", &keys), [None, None]);
        assert_eq!(top_level_strings(b"id: [unclosed\n", &keys), [None, None]);
        assert_eq!(top_level_strings(b"\xff", &keys), [None, None]);
        // Read as the full parse reads them: a JSON surrogate pair before the id, a
        // non-specific tag, a verbatim core tag.
        assert_eq!(
            top_level_strings(br#"{"title": "\uD83C\uDDF2", "id": "x"}"#, &keys),
            [Some("x".into()), Some("\u{1F1F2}".into())]
        );
        assert_eq!(
            top_level_strings(b"id: ! 12\ntitle: !<tag:yaml.org,2002:str> t\n", &keys),
            [Some("12".into()), Some("t".into())]
        );
    }
}
