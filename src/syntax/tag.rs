//! Tags: what a tag asks of its node, how the file wrote it, and the error when a
//! tracker's value carries one rectrack does not take (it builds no objects from tags).

use crate::syntax::LoadError;
use crate::syntax::span::Span;
use saphyr_parser::Tag;

/// What a tag asks of its node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum TagKind<'t> {
    /// The non-specific `!`: a scalar is a string, a collection what it looks like.
    NonSpecific,
    /// A tag of the core schema (`!!int`, `!<tag:yaml.org,2002:int>`): its name.
    Core(&'t str),
    /// Any other tag (`!foo`, `!!python/object`): rectrack builds no objects.
    Other,
}

/// The prefix of the core schema's tags (`!!int` is `tag:yaml.org,2002:int`).
const CORE_PREFIX: &str = "tag:yaml.org,2002:";

/// Sorts a tag as the parser resolved it.
pub(super) fn tag_kind(tag: &Tag) -> TagKind<'_> {
    if tag.handle == CORE_PREFIX {
        return TagKind::Core(&tag.suffix);
    }
    // saphyr-parser gives a verbatim tag (`!<...>`) and the non-specific `!` (as the
    // suffix `!`) an empty handle.
    if tag.handle.is_empty() {
        if tag.suffix == "!" {
            return TagKind::NonSpecific;
        }
        if let Some(name) = tag.suffix.strip_prefix(CORE_PREFIX) {
            return TagKind::Core(name);
        }
    }
    TagKind::Other
}

/// Why a tag was refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum TagProblem {
    /// Not a tag of the core schema.
    Unsupported,
    /// A scalar tag whose value does not read as that type (`!!int abc`).
    Mismatch(&'static str),
    /// A collection tag on a scalar, or a scalar tag on a collection.
    WrongNode(&'static str),
}

/// The tag as the node's text writes it: `text` starts at the node's properties.
pub(super) fn tag_as_written(text: &str) -> Option<&str> {
    node_properties(text).0
}

/// Reads the properties at the start of a node's text (an anchor, a tag, and the
/// white space, comments and line breaks around them): the tag as written, if any,
/// and the byte offset where the node's content starts.
pub(super) fn node_properties(text: &str) -> (Option<&str>, usize) {
    const END: [char; 9] = [' ', '\t', '\r', '\n', ',', '[', ']', '{', '}'];
    let mut tag = None;
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let skip = if rest.starts_with('#') {
            rest.find(['\r', '\n']).unwrap_or(rest.len())
        } else if rest.starts_with('&') {
            rest.find(END).unwrap_or(rest.len())
        } else if rest.starts_with("!<") {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        } else if rest.starts_with('!') {
            rest.find(END).unwrap_or(rest.len())
        } else {
            return (tag, text.len() - rest.len());
        };
        if rest.starts_with('!') {
            tag = Some(&rest[..skip]);
        }
        rest = &rest[skip..];
    }
}

/// The tag as it was most likely written, from what the parser resolved it to (when
/// the text is not at hand).
pub(super) fn written_tag(tag: &Tag) -> String {
    match (tag.handle.as_str(), tag_kind(tag)) {
        (_, TagKind::NonSpecific) => "!".to_string(),
        (CORE_PREFIX, _) => format!("!!{}", tag.suffix),
        ("!", _) => format!("!{}", tag.suffix),
        (handle, _) => format!("!<{handle}{}>", tag.suffix),
    }
}

/// The error for a tag refused for `problem`, named as the file wrote it.
pub(super) fn tag_error(written: &str, problem: TagProblem, span: Span) -> LoadError {
    match problem {
        TagProblem::Unsupported => LoadError::new(
            span,
            format!("unsupported YAML tag `{written}`"),
            "a tracker is plain data: remove the tag (rectrack never builds objects from tags)",
        ),
        TagProblem::Mismatch(kind) => {
            let (what, examples) = match kind {
                "int" => ("an integer", "`12`, `-3`, `0o17`, `0x1F`"),
                "float" => ("a number", "`1.5`, `-2e3`, `12`, `.inf`"),
                "bool" => ("a boolean", "`true` or `false`"),
                _ => ("null", "`null`, `~` or nothing"),
            };
            LoadError::new(
                span,
                format!("the tag `{written}` says this value is {what}, and it is not"),
                format!("remove the tag, or write {what} as YAML 1.2 does ({examples})"),
            )
        }
        TagProblem::WrongNode(what) => LoadError::new(
            span,
            format!("the tag `{written}` is for {what}, not for this node"),
            "remove the tag: a tracker's values need none",
        ),
    }
}

/// A collection's tag: none, `!`, or the core tag of its kind (`expected`).
pub(super) fn collection_tag(tag: &Tag, expected: &str) -> Result<(), TagProblem> {
    match tag_kind(tag) {
        TagKind::NonSpecific => Ok(()),
        TagKind::Core(name) if name == expected => Ok(()),
        TagKind::Core("seq") => Err(TagProblem::WrongNode("a list")),
        TagKind::Core("map") => Err(TagProblem::WrongNode("a mapping")),
        TagKind::Core("str" | "null" | "bool" | "int" | "float") => {
            Err(TagProblem::WrongNode("a single value"))
        }
        TagKind::Core(_) | TagKind::Other => Err(TagProblem::Unsupported),
    }
}

/// [`collection_tag`] on a collection's optional tag, as an error at `span`.
pub(super) fn check_collection_tag(
    tag: Option<&Tag>,
    expected: &str,
    span: Span,
) -> Result<(), LoadError> {
    match tag {
        None => Ok(()),
        Some(t) => collection_tag(t, expected).map_err(|p| tag_error(&written_tag(t), p, span)),
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::document::Value;
    use crate::syntax::span::Pos;
    use crate::syntax::testing::{load, value};

    #[test]
    fn tags_decide_the_type_and_must_match_the_value() {
        let ok = |v: &str| value(v).unwrap();
        assert_eq!(ok("!!str 12"), Value::Str("12".into()));
        assert_eq!(ok("!!int 12"), Value::Int(12));
        assert_eq!(ok("!!int \"0x1F\""), Value::Int(31));
        assert_eq!(ok("!!float 12"), Value::Float(12.0));
        assert_eq!(ok("!!float -1.5e1"), Value::Float(-15.0));
        assert_eq!(ok("!!bool True"), Value::Bool(true));
        assert_eq!(ok("!!null ~"), Value::Null);
        assert_eq!(ok("!!null"), Value::Null);
        assert_eq!(ok("! 12"), Value::Str("12".into()));
        assert_eq!(ok("! true"), Value::Str("true".into()));
        assert_eq!(ok("!<tag:yaml.org,2002:str> 12"), Value::Str("12".into()));
        assert_eq!(ok("!<tag:yaml.org,2002:int> 12"), Value::Int(12));
        assert!(matches!(ok("! [a]"), Value::Seq(_)));
        assert!(matches!(ok("!!seq [a]"), Value::Seq(_)));
        assert!(matches!(ok("!!map {b: c}"), Value::Map(_)));
        assert!(matches!(
            ok("!<tag:yaml.org,2002:map> {b: c}"),
            Value::Map(_)
        ));
        let refused = |v: &str| value(v).unwrap_err().message;
        for (written, says) in [
            ("!!int abc", "the tag `!!int` says this value is an integer"),
            ("!!int 1.5", "`!!int`"),
            ("!!int 0o+1", "`!!int`"),
            ("!!float abc", "`!!float` says this value is a number"),
            ("!!float 0x1F", "`!!float`"),
            ("!!bool yes", "`!!bool` says this value is a boolean"),
            ("!!null 0", "`!!null` says this value is null"),
            ("!!seq a", "the tag `!!seq` is for a list"),
            ("!!map a", "the tag `!!map` is for a mapping"),
            ("!!str [a]", "the tag `!!str` is for a single value"),
            ("!!map [a]", "the tag `!!map` is for a mapping"),
            ("!!seq {b: c}", "the tag `!!seq` is for a list"),
            ("!foo x", "unsupported YAML tag `!foo`"),
            ("&anchor !foo x", "unsupported YAML tag `!foo`"),
            ("!foo [x]", "unsupported YAML tag `!foo`"),
            ("!<!foo> x", "unsupported YAML tag `!<!foo>`"),
            ("!<tag:example.com,2000:x> x", "`!<tag:example.com,2000:x>`"),
            ("!!binary aGk=", "unsupported YAML tag `!!binary`"),
            (
                "!!timestamp 2001-12-14",
                "unsupported YAML tag `!!timestamp`",
            ),
            ("!!set {a}", "unsupported YAML tag `!!set`"),
            (
                "!<tag:yaml.org,2002:int> abc",
                "the tag `!<tag:yaml.org,2002:int>` says",
            ),
        ] {
            let message = refused(written);
            assert!(message.contains(says), "`{written}`: {message}");
        }
        // A tag named through a %TAG handle is named as written.
        let err = load("%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n").unwrap_err();
        assert!(err.message.contains("`!e!thing`"), "{}", err.message);
        assert_eq!(err.span.start, Pos { line: 3, col: 4 });
        let err = load("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int x\n").unwrap_err();
        assert!(err.message.contains("`!e!int` says"), "{}", err.message);
        assert_eq!(
            load("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int 7\n")
                .unwrap()
                .get("a")
                .unwrap()
                .value,
            Value::Int(7)
        );
    }
}
