//! The node tree and the shape tree walked together, and the refusal of edits that
//! would reach through an alias or change an anchored node that aliases repeat.

use crate::model::edit::EditError;
use crate::syntax::document::Node;
use crate::syntax::shape::{Form, Shape};

/// A node with its written form.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'a> {
    /// What it holds.
    pub node: &'a Node,
    /// How it is written.
    pub shape: &'a Shape,
}

/// A mapping's pair, with the key's shape.
#[derive(Debug, Clone, Copy)]
pub(super) struct PairAt<'a> {
    /// The key, as text.
    pub key: &'a str,
    /// How the key is written.
    pub key_shape: &'a Shape,
    /// The value.
    pub value: At<'a>,
}

impl<'a> At<'a> {
    /// The pairs of a mapping (none for anything else, an alias included: its copy's
    /// pairs are written elsewhere).
    pub fn pairs(self) -> Vec<PairAt<'a>> {
        let (Some(pairs), Form::Map(_)) = (self.node.as_map(), self.shape.form) else {
            return Vec::new();
        };
        pairs
            .iter()
            .zip(self.shape.children.chunks(2))
            .filter_map(|(pair, kv)| match kv {
                [k, v] => Some(PairAt {
                    key: &pair.key,
                    key_shape: k,
                    value: At {
                        node: &pair.value,
                        shape: v,
                    },
                }),
                _ => None,
            })
            .collect()
    }

    /// The pair of `key`.
    pub fn pair(self, key: &str) -> Option<PairAt<'a>> {
        self.pairs().into_iter().find(|p| p.key == key)
    }

    /// The items of a sequence (none for anything else, an alias included).
    pub fn items(self) -> Vec<At<'a>> {
        let (Some(items), Form::Seq(_)) = (self.node.as_seq(), self.shape.form) else {
            return Vec::new();
        };
        items
            .iter()
            .zip(&self.shape.children)
            .map(|(node, shape)| At { node, shape })
            .collect()
    }
}

/// Refuses to edit through `shape` when it is an alias, or when it carries an anchor
/// that an alias repeats: the change would land in the anchor's text and show in every
/// copy. `what` names the node for the message ("the step").
pub(super) fn guard(root: &Shape, shape: &Shape, what: &str) -> Result<(), EditError> {
    if let Form::Alias(id) = shape.form {
        let line = root.anchor_at(id).map_or(0, |s| s.start.line);
        return Err(EditError::Unsupported {
            what: format!("{what} is written as an alias of line {line}"),
            line: shape.span.start.line as usize,
        });
    }
    if shape.anchor != 0
        && let Some(alias) = root.aliases_of(shape.anchor).first()
    {
        return Err(EditError::Unsupported {
            what: format!(
                "{what} carries an anchor that the alias on line {} repeats",
                alias.start.line
            ),
            line: shape.span.start.line as usize,
        });
    }
    Ok(())
}

/// Refuses to replace `shape` when it holds an anchor that an alias elsewhere repeats
/// (the alias would lose its anchor).
pub(super) fn guard_within(root: &Shape, shape: &Shape, what: &str) -> Result<(), EditError> {
    guard_anchor(root, shape, what)?;
    shape
        .children
        .iter()
        .try_for_each(|c| guard_within(root, c, what))
}

fn guard_anchor(root: &Shape, shape: &Shape, what: &str) -> Result<(), EditError> {
    if shape.anchor != 0
        && let Some(alias) = root.aliases_of(shape.anchor).first()
    {
        return Err(EditError::Unsupported {
            what: format!(
                "{what} holds an anchor that the alias on line {} repeats",
                alias.start.line
            ),
            line: shape.span.start.line as usize,
        });
    }
    Ok(())
}

/// The step `rec/step`: each mapping on the way guarded, the step itself too.
pub(super) fn find_step<'a>(root: At<'a>, rec: &str, step: &str) -> Result<PairAt<'a>, EditError> {
    let no_step = || EditError::NoStep(format!("{rec}/{step}"));
    guard(root.shape, root.shape, "the document")?;
    let recs = root.pair("recommendations").ok_or_else(no_step)?;
    guard(root.shape, recs.value.shape, "`recommendations`")?;
    let r = recs.value.pair(rec).ok_or_else(no_step)?;
    guard(root.shape, r.value.shape, "the recommendation")?;
    let steps = r.value.pair("steps").ok_or_else(no_step)?;
    guard(
        root.shape,
        steps.value.shape,
        "the recommendation's `steps`",
    )?;
    let s = steps.value.pair(step).ok_or_else(no_step)?;
    guard(root.shape, s.value.shape, "the step")?;
    if s.value.node.as_map().is_none() || !matches!(s.value.shape.form, Form::Map(_)) {
        return Err(EditError::Unsupported {
            what: "the step is not a mapping".into(),
            line: s.key_shape.span.start.line as usize,
        });
    }
    Ok(s)
}
