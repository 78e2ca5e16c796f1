//! `source add`: a source declared at the end of `sources`.

use crate::model::edit::place::Editor;
use crate::model::edit::render::{Kind, Out};
use crate::model::edit::verify::{object_at, verify};
use crate::model::edit::walk::{At, guard};
use crate::model::edit::{EditError, NewSource};
use crate::syntax::document::Value;
use crate::syntax::shape::Form;

/// The source as written: `title`, `publisher`, `reference`, `authors`, `published`,
/// `url` (the order the shipped tracker writes them in), only those given.
fn source_out(source: &NewSource) -> Out {
    let text = |s: &String| Out::Scalar(s.clone(), Kind::Text);
    let mut pairs = vec![("title", text(&source.title))];
    if let Some(p) = &source.publisher {
        pairs.push(("publisher", text(p)));
    }
    if let Some(r) = &source.reference {
        pairs.push(("reference", text(r)));
    }
    if !source.authors.is_empty() {
        pairs.push((
            "authors",
            Out::Inline(source.authors.iter().map(text).collect()),
        ));
    }
    if let Some(d) = source.published {
        pairs.push(("published", Out::Scalar(d.to_string(), Kind::Date)));
    }
    if let Some(u) = &source.url {
        pairs.push(("url", text(u)));
    }
    Out::Map(pairs)
}

/// See [`super::add_source`].
pub(super) fn add_source(
    ed: &mut Editor<'_>,
    root: At<'_>,
    source: &NewSource,
) -> Result<String, EditError> {
    let sources = root.pair("sources").ok_or(EditError::Unsupported {
        what: "the tracker has no `sources`".into(),
        line: 1,
    })?;
    guard(ed.root, root.shape, "the document")?;
    guard(ed.root, sources.value.shape, "`sources`")?;
    if sources.value.node.pair(&source.id).is_some() {
        return Err(EditError::SourceExists(source.id.clone()));
    }
    let out = source_out(source);
    let mut expected = root.node.to_json();
    object_at(&mut expected, &["sources"])
        .ok_or_else(|| EditError::Verify("`sources` is not a mapping".into()))?
        .insert(source.id.clone(), out.to_json());

    let v = sources.value;
    let empty = match v.shape.form {
        Form::Map(_) => v.shape.children.is_empty(),
        Form::Plain => v.node.value == Value::Null,
        _ => false,
    };
    if empty && !root.shape.is_flow() {
        let col = sources.key_shape.span.start.col as usize - 1 + ed.style.map_indent;
        let lines = ed.style.block_pairs(&[(source.id.as_str(), out)], col);
        ed.fill_block(sources, &lines)?;
    } else {
        ed.insert_pair(v, &[], &source.id, &out)?;
    }
    let text = std::mem::take(&mut ed.splice).apply(ed.text.s)?;
    verify(&text, &expected)?;
    Ok(text)
}
