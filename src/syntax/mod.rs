//! Syntax: a file's bytes in, one spanned YAML document out.
//!
//! Enters: the bytes of a file (read by [`crate::sys`]) and the [`Limits`] of a load.
//! Leaves: a [`document::Node`] tree whose every key and value carries its
//! [`span::Span`] (line and column in the file), or a [`LoadError`] with the span of
//! the first problem and what to do about it. The way through: [`decode()`] (bytes to
//! text), then [`parse()`] (saphyr-parser's events, vetted, built into the tree by
//! `tree`, scalars typed by the YAML 1.2 core schema in `scalar` and `tag`), both at
//! once with [`document()`]. A JSON text is read by `json`, a fast path that builds
//! the same tree, spans included, and leaves every file it cannot decide exactly as
//! the YAML path would to the YAML path. Beside the values, [`shape::shape`] reads how each node is
//! written (scalar style, flow or block, anchors and aliases), for an editor that must
//! change a file without disturbing it. Nothing here knows what a tracker is.

pub mod document;
pub mod shape;
pub mod span;

mod decode;
mod error;
mod json;
mod keys;
mod limits;
mod mistakes;
mod parse;
mod quoted;
mod scalar;
mod tag;
mod top_level;
mod tree;

pub use decode::{decode, decode_owned, shown_text};
pub use error::{LoadError, too_large};
pub use json::parse as parse_json;
pub use limits::{
    BYTES_PER_NODE, Limits, MAX_ALIAS_BYTES, MAX_ALIAS_NODES, MAX_DEPTH, MAX_FILE_BYTES,
    MIN_NODE_BUDGET,
};
pub use mistakes::comments_in_text;
pub use parse::{document, parse, parse_yaml};
pub use scalar::hidden;
pub use top_level::{Slot, top_level};

/// What this layer's unit tests load with.
#[cfg(test)]
mod testing {
    use super::document::{Node, Value};
    use super::{Limits, LoadError, parse};

    /// `text` parsed with the default limits.
    pub(super) fn load(text: &str) -> Result<Node, LoadError> {
        parse(text, &Limits::default())
    }

    /// The value of `a` in `a: {yaml_value}`.
    pub(super) fn value(yaml_value: &str) -> Result<Value, LoadError> {
        load(&format!("a: {yaml_value}\n")).map(|doc| doc.get("a").unwrap().value.clone())
    }
}
