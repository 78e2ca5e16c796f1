//! A few top-level strings read off the start of a file, without parsing all of it.

use crate::syntax::decode;
use crate::syntax::document::Value;
use crate::syntax::parse::to_span;
use crate::syntax::quoted;
use crate::syntax::scalar::scalar_value;
use saphyr_parser::{Event, Parser};

/// The string values of the top-level keys `keys` of a document, read from the
/// start of the event stream and no further than the last of them (`id` and `title`
/// stand on a tracker's first lines). A key whose value is not a plain string (a
/// number, a collection, an alias) reads as absent; so does anything after a syntax
/// error. This is what matching trackers of a base revision by id costs: a few events
/// per file, not a parse of each.
pub fn top_level_strings(bytes: &[u8], keys: &[&str]) -> Vec<Option<String>> {
    let mut found: Vec<Option<String>> = vec![None; keys.len()];
    let Ok(text) = decode(bytes) else {
        return found;
    };
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    // Depth 1 is the top-level mapping; `want` is the key whose value comes next.
    let (mut depth, mut at_key, mut want): (usize, bool, Option<usize>) = (0, true, None);
    let mut left = keys.len();
    while let Some(Ok((event, span))) = parser.next_event() {
        let Ok(event) = source.event(event, span) else {
            break;
        };
        match event {
            // A document that is not a mapping has no top-level keys.
            Event::SequenceStart(..) if depth == 0 => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1 {
                    // A collection as a key or a value at the top: not a string.
                    at_key = !at_key;
                    want = None;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Event::Scalar(value, style, _, tag) if depth == 1 => {
                if at_key {
                    want = keys.iter().position(|k| *k == value);
                } else if let Some(i) = want.take() {
                    let resolved = scalar_value(value, style, tag.as_deref(), to_span(span));
                    if found[i].is_none()
                        && let Ok(Value::Str(text)) = resolved
                    {
                        found[i] = Some(text);
                        left -= 1;
                        if left == 0 {
                            break;
                        }
                    }
                }
                at_key = !at_key;
            }
            Event::Alias(_) if depth == 1 => {
                at_key = !at_key;
                want = None;
            }
            _ => {}
        }
    }
    found
}

/// Whether the document's top-level mapping has the key `key`, whatever its value:
/// read off the event stream, stopping at the key (a catalog's `catalog_format` is
/// its first line), without building the tree. False for anything else, and after a
/// syntax error.
pub fn top_level_has_key(bytes: &[u8], key: &str) -> bool {
    let Ok(text) = decode(bytes) else {
        return false;
    };
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    let (mut depth, mut at_key) = (0usize, true);
    while let Some(Ok((event, span))) = parser.next_event() {
        let Ok(event) = source.event(event, span) else {
            return false;
        };
        match event {
            Event::SequenceStart(..) if depth == 0 => return false,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1 {
                    at_key = !at_key;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return false;
                }
            }
            Event::Scalar(value, ..) if depth == 1 => {
                if at_key && value == key {
                    return true;
                }
                at_key = !at_key;
            }
            Event::Alias(_) if depth == 1 => at_key = !at_key,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
