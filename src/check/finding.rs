//! Findings: what the checks say about a file, before any rendering.

use crate::check::rules::table::Rule;
pub use crate::check::rules::table::Severity;
use crate::syntax::span::Span;

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Id of the rule that found it.
    pub rule: &'static str,
    /// Its severity (the rule's).
    pub severity: Severity,
    /// Where it is.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short label under the caret; empty for none.
    pub label: String,
    /// What to do about it.
    pub help: String,
}

impl Finding {
    /// A finding of `rule` at `span`.
    pub fn new(rule: &Rule, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            span,
            message: message.into(),
            label: String::new(),
            help: String::new(),
        }
    }

    /// Adds the label drawn under the caret.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds what to do about it.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }
}

/// Sorts findings by position and drops exact repeats (the schema can reach one node
/// through two paths and say the same thing twice).
pub fn tidy(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.span.start, a.rule, &a.message).cmp(&(b.span.start, b.rule, &b.message))
    });
    findings.dedup_by(|b, a| {
        a.span.start == b.span.start && a.rule == b.rule && a.message == b.message
    });
}
