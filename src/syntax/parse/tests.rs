//! The parse as a whole: documents, directives, tags and spans, and the property that
//! every node's span is the text it was written as.

use super::*;
use crate::syntax::document::Value;
use crate::syntax::testing::{load, value};

#[test]
fn only_yaml_1_2_is_read() {
    assert!(load("%YAML 1.2\n---\na: 1\n").is_ok());
    assert!(load("# c\n%YAML 1.2 # comment\n---\na: 1\n").is_ok());
    let err = load("%YAML 1.1\n---\na: yes\n").unwrap_err();
    assert!(err.message.contains("YAML 1.1"), "{}", err.message);
    assert!(err.help.contains("`yes`") && err.help.contains("0o777") && err.help.contains("<<"));
    assert_eq!(
        (err.span.start, err.span.end),
        (Pos { line: 1, col: 7 }, Pos { line: 1, col: 10 })
    );
    let err = load("# first\r%YAML   2.0\r---\ra: 1\r").unwrap_err();
    assert!(err.message.contains("`2.0`"), "{}", err.message);
    assert_eq!(err.span.start, Pos { line: 2, col: 9 });
    // A reserved directive is not a version; a `%YAML` line inside the document is
    // content, not a directive.
    assert!(load("%YAMLX 1.1\n---\na: 1\n").is_ok());
    assert_eq!(
        load("--- |\n%YAML 1.1\n").unwrap().value,
        Value::Str("%YAML 1.1\n".into())
    );
}

#[test]
fn a_lone_surrogate_is_shown_where_it_is() {
    let err = load("a: \"ok \\uD83C\\uDDF2 then \\uD83C alone\"\n").unwrap_err();
    assert_eq!(err.span.start, Pos { line: 1, col: 26 });
    assert!(err.message.contains("`\\uD83C`"), "{}", err.message);
    assert!(err.help.contains("surrogate pair"), "{}", err.help);
    assert_eq!(
        value(r#""\uD83C\uDDF2\uD83C\uDDF1""#).unwrap(),
        Value::Str("\u{1F1F2}\u{1F1F1}".into())
    );
}

#[test]
fn spans_are_one_based_and_point_at_keys_and_values() {
    let doc = load("top:\n  key: value\n  list:\n    - date: 2020-01-01\n").unwrap();
    let top = doc.pair("top").unwrap();
    assert_eq!(top.key_span.start, Pos { line: 1, col: 1 });
    let key = top.value.pair("key").unwrap();
    assert_eq!(key.key_span.start, Pos { line: 2, col: 3 });
    assert_eq!(key.value.span.start, Pos { line: 2, col: 8 });
    let item = &top.value.get("list").unwrap().as_seq().unwrap()[0];
    assert_eq!(item.span.start.line, 4);
    assert_eq!(
        item.get("date").unwrap().span.start,
        Pos { line: 4, col: 13 }
    );
}

#[test]
fn custom_tags_and_several_documents_are_refused() {
    assert!(load("a: !foo bar\n").unwrap_err().message.contains("!foo"));
    assert!(load("a: !!python/object x\n").is_err());
    assert!(load("a: !!str 1\n").is_ok());
    let err = load("a: 1\n---\nb: 2\n").unwrap_err();
    assert!(err.message.contains("2 YAML documents"), "{}", err.message);
    assert_eq!(err.span.start.line, 2, "points at the second `---`");
    let err = load("a:\n\tb: 1\n").unwrap_err();
    assert_eq!(
        (err.span.start.line, err.span.start.col),
        (2, 1),
        "points at the tab"
    );
    assert!(load("").unwrap_err().message.contains("empty"));
}

mod span_properties {
    //! Whatever the shape of a document, following a path to a node lands on the text
    //! the node was written as: the property every diagnostic's line:column rests on.
    use super::*;
    use crate::syntax::document::PathStep;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Tree {
        Leaf(String),
        Map(Vec<(String, Tree)>),
        Seq(Vec<Tree>),
    }

    fn word() -> impl Strategy<Value = String> {
        // Plain scalars that stay strings: letters first, then letters, digits, hyphens
        // and the odd accented letter (columns count characters, not bytes).
        "[a-zé][a-z0-9é-]{0,8}".prop_filter("not a YAML keyword", |w| {
            !matches!(w.as_str(), "null" | "true" | "false" | "y" | "n")
        })
    }

    fn tree() -> impl Strategy<Value = Tree> {
        word()
            .prop_map(Tree::Leaf)
            .prop_recursive(4, 40, 5, |inner| {
                prop_oneof![
                    proptest::collection::vec((word(), inner.clone()), 1..5).prop_map(|kv| {
                        // Keys must be unique in a mapping.
                        let mut seen = std::collections::HashSet::new();
                        Tree::Map(
                            kv.into_iter()
                                .filter(|(k, _)| seen.insert(k.clone()))
                                .collect(),
                        )
                    }),
                    proptest::collection::vec(inner, 1..5).prop_map(Tree::Seq),
                ]
            })
    }

    /// Block-style YAML for `tree` at `indent`, as a monitor would write it.
    fn emit(tree: &Tree, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match tree {
            Tree::Leaf(w) => {
                out.push_str(w);
                out.push('\n');
            }
            Tree::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 || !out.ends_with("- ") {
                        out.push_str(&pad);
                    }
                    out.push_str(k);
                    out.push(':');
                    if let Tree::Leaf(_) = v {
                        out.push(' ');
                        emit(v, 0, out);
                    } else {
                        out.push('\n');
                        emit(v, indent + 2, out);
                    }
                }
            }
            Tree::Seq(items) => {
                for item in items {
                    out.push_str(&pad);
                    out.push_str("- ");
                    match item {
                        Tree::Seq(_) => {
                            out.push('\n');
                            emit(item, indent + 2, out);
                        }
                        _ => emit(item, indent + 2, out),
                    }
                }
            }
        }
    }

    fn text_at(source: &str, span: Span) -> &str {
        &source[span.byte_range(source)]
    }

    fn check(tree: &Tree, root: &Node, source: &str, path: &mut Vec<String>) {
        let steps: Vec<PathStep<'_>> = path
            .iter()
            .map(|p| match p.strip_prefix('#') {
                Some(i) => PathStep::Index(i.parse().unwrap()),
                None => PathStep::Key(p),
            })
            .collect();
        let (found, followed) = root.locate(steps.iter().copied());
        assert_eq!(followed, steps.len(), "path {path:?} exists");
        drop(steps);
        match tree {
            Tree::Leaf(w) => assert_eq!(text_at(source, found.node.span), w, "at {path:?}"),
            Tree::Map(entries) => {
                for (k, v) in entries {
                    let key_span = found.node.pair(k).unwrap().key_span;
                    assert_eq!(text_at(source, key_span), k, "key at {path:?}");
                    path.push(k.clone());
                    check(v, root, source, path);
                    path.pop();
                }
            }
            Tree::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(format!("#{i}"));
                    check(item, root, source, path);
                    path.pop();
                }
            }
        }
    }

    proptest! {
        #[test]
        fn every_path_leads_to_the_text_it_was_written_as(t in tree()) {
            let doc = Tree::Map(vec![("root".to_string(), t)]);
            let mut source = String::new();
            emit(&doc, 0, &mut source);
            let root = parse(&source, &Limits::default()).unwrap();
            check(&doc, &root, &source, &mut Vec::new());
        }
    }
}
