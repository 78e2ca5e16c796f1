//! The written form of a document, beside its values: how each node is written (plain,
//! quoted or block scalar, flow or block collection), which nodes carry an anchor and
//! where the aliases to them stand.
//!
//! The [`Node`](super::document::Node) tree keeps what a file says; an editor that must
//! change a file without disturbing it also needs how it says it. This reads the same
//! event stream again (the text has already loaded, so it is well formed) into a
//! [`Shape`] tree parallel to the node tree: same order, except that an alias is one
//! leaf here where the node tree holds a copy of its anchor's node.

use crate::syntax::LoadError;
use crate::syntax::parse::to_span;
use crate::syntax::quoted;
use crate::syntax::span::{LineIndex, Pos, Span};
use saphyr_parser::{Event, Parser, ScalarStyle};

/// How a node is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A scalar written plain.
    Plain,
    /// A scalar in `'single quotes'`.
    SingleQuoted,
    /// A scalar in `"double quotes"`.
    DoubleQuoted,
    /// A literal block scalar (`|`).
    Literal,
    /// A folded block scalar (`>`).
    Folded,
    /// An alias (`*name`) to the anchor of this id.
    Alias(usize),
    /// A sequence; `true` when written in flow style (`[...]`).
    Seq(bool),
    /// A mapping; `true` when written in flow style (`{...}`).
    Map(bool),
}

/// One node as written, with its children in file order (a mapping's are key, value,
/// key, value...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// How it is written.
    pub form: Form,
    /// The id of its anchor (`&name`), 0 when it has none.
    pub anchor: usize,
    /// The parser's span of the node's first event: a scalar's whole text (a block
    /// scalar's from its first content line; a quoted one's may run on over trailing
    /// blanks and a comment), a collection's opening (empty for block style).
    pub span: Span,
    /// The parser's span of a collection's closing event (a flow collection's starts at
    /// its bracket); a scalar's own span.
    pub end: Span,
    /// Its children.
    pub children: Vec<Shape>,
}

impl Shape {
    /// Whether the node is a block or flow collection.
    pub fn is_collection(&self) -> bool {
        matches!(self.form, Form::Seq(_) | Form::Map(_))
    }

    /// Whether the node is written in flow style (a flow collection).
    pub fn is_flow(&self) -> bool {
        matches!(self.form, Form::Seq(true) | Form::Map(true))
    }

    /// The spans of the aliases to anchor `id`, in file order.
    pub fn aliases_of(&self, id: usize) -> Vec<Span> {
        let mut out = Vec::new();
        self.collect_aliases(id, &mut out);
        out
    }

    fn collect_aliases(&self, id: usize, out: &mut Vec<Span>) {
        if self.form == Form::Alias(id) {
            out.push(self.span);
        }
        for child in &self.children {
            child.collect_aliases(id, out);
        }
    }

    /// Where the anchor `id` is defined (the anchored node's first span).
    pub fn anchor_at(&self, id: usize) -> Option<Span> {
        if self.anchor == id {
            return Some(self.span);
        }
        self.children.iter().find_map(|c| c.anchor_at(id))
    }

    /// The first position of the node.
    pub fn start(&self) -> Pos {
        self.span.start
    }
}

/// The written form of `text`'s one document. `text` must be a file that loads; a
/// parse error is returned as the loader would word it.
pub fn shape(text: &str) -> Result<Shape, LoadError> {
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    let mut stack: Vec<Shape> = Vec::new();
    let mut done: Option<Shape> = None;
    let lines = LineIndex::new(text);
    // A flow collection's opening event ends just past its bracket; a block one's is
    // empty, or covers only its anchor or tag (and what follows them up to the first
    // item).
    // (A flow one's may also take the blanks after the bracket: `[ {`.)
    let is_flow = |span: Span| {
        if span.start == span.end {
            return false;
        }
        let line = &text[lines.line(text, span.end.line)];
        let before: String = line
            .chars()
            .take((span.end.col as usize).saturating_sub(1))
            .collect();
        before.trim_end_matches([' ', '\t']).ends_with(['[', '{'])
    };
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            LoadError::new(
                Span::point(e.marker().line(), e.marker().col() + 1),
                format!("invalid YAML: {}", e.info()),
                "",
            )
        })?;
        let span = to_span(span);
        let leaf = |form, anchor| Shape {
            form,
            anchor,
            span,
            end: span,
            children: Vec::new(),
        };
        let finished = match event {
            Event::Scalar(_, style, anchor, _) => Some(leaf(
                match style {
                    ScalarStyle::Plain => Form::Plain,
                    ScalarStyle::SingleQuoted => Form::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Form::DoubleQuoted,
                    ScalarStyle::Literal => Form::Literal,
                    ScalarStyle::Folded => Form::Folded,
                },
                anchor,
            )),
            Event::Alias(id) => Some(leaf(Form::Alias(id), 0)),
            // A block collection's opening event is empty; a flow one's covers its
            // bracket (and the anchor before it).
            Event::SequenceStart(anchor, _) => {
                stack.push(leaf(Form::Seq(is_flow(span)), anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                stack.push(leaf(Form::Map(is_flow(span)), anchor));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|mut open| {
                open.end = span;
                open
            }),
            _ => None,
        };
        if let Some(node) = finished {
            match stack.last_mut() {
                Some(parent) => parent.children.push(node),
                None => done = done.or(Some(node)),
            }
        }
    }
    done.ok_or_else(|| LoadError::new(Span::point(1, 1), "the file is empty", ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms of a mapping's values (its children alternate key, value).
    fn value_forms(root: &Shape) -> Vec<Form> {
        root.children
            .iter()
            .skip(1)
            .step_by(2)
            .map(|s| s.form)
            .collect()
    }

    #[test]
    fn forms_anchors_and_aliases_are_read_as_written() {
        let text = "a: &x plain\nb: 'sq'\nc: \"dq\"\nd: |\n  lit\ne: >-\n  fold\nf: *x\ng: [1]\nh: {}\ni:\n  - j\n";
        let root = shape(text).unwrap();
        let forms = value_forms(&root);
        assert_eq!(
            forms,
            [
                Form::Plain,
                Form::SingleQuoted,
                Form::DoubleQuoted,
                Form::Literal,
                Form::Folded,
                Form::Alias(1),
                Form::Seq(true),
                Form::Map(true),
                Form::Seq(false),
            ]
        );
        assert_eq!(root.form, Form::Map(false));
        assert_eq!(root.children[1].anchor, 1);
        assert_eq!(root.aliases_of(1).len(), 1);
        assert_eq!(root.aliases_of(1)[0].start, Pos { line: 8, col: 4 });
        assert_eq!(
            root.anchor_at(1).map(|s| s.start),
            Some(Pos { line: 1, col: 4 })
        );
    }

    #[test]
    fn an_anchored_block_collection_is_not_taken_for_flow() {
        let text = "a: &l   # c [\n  - 1\nb: &m\n  c: 1\nd: &n [ 1 ]\ne: !!map {  f: 1}\n";
        let root = shape(text).unwrap();
        let forms = value_forms(&root);
        assert_eq!(
            forms,
            [
                Form::Seq(false),
                Form::Map(false),
                Form::Seq(true),
                Form::Map(true)
            ]
        );
    }
}
