//! The syntax layer's one error: why a file is not one well-formed YAML document.

use crate::syntax::span::Span;

/// Why a file is not one well-formed YAML document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct LoadError {
    /// What is wrong, in one line.
    pub message: String,
    /// Where it is.
    pub span: Span,
    /// What to do about it.
    pub help: String,
}

impl LoadError {
    /// An error at `span`.
    pub(super) fn new(span: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        LoadError {
            message: message.into(),
            span,
            help: help.into(),
        }
    }
}

/// The finding for a file over the size limit.
pub fn too_large(max: u64) -> LoadError {
    LoadError::new(
        Span::point(1, 1),
        format!("the file is larger than the limit of {max} bytes; it was not read"),
        "a tracker is far smaller: check this is the right file, or raise the limit with --max-file-size",
    )
}
