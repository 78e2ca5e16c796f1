//! `--format github`: GitHub Actions workflow commands, so each finding shows inline on
//! the changed line of a pull request.

use super::CheckRun;
use crate::check::finding::Severity;
use crate::present::Render;
use crate::present::text::escape::{
    github_data as escape_data, github_property as escape_property,
};

/// Workflow commands, one per finding.
#[derive(Debug, Clone, Copy)]
pub struct Github;

impl Render<CheckRun<'_>> for Github {
    fn render(&self, run: &CheckRun<'_>) -> String {
        let mut out = String::new();
        for file in &run.files {
            for f in file.findings {
                // A warning that fails the run (--deny-warnings) shows as an error, so
                // the annotation matches the job's result.
                let command = if f.severity == Severity::Error || run.deny_warnings {
                    "error"
                } else {
                    "warning"
                };
                let mut message = f.message.clone();
                if !f.help.is_empty() {
                    message.push_str("\nhelp: ");
                    message.push_str(&f.help);
                }
                out.push_str(&format!(
                    "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                    escape_property(file.path),
                    f.span.start.line,
                    f.span.start.col,
                    f.span.end.line,
                    f.span.end.col.max(f.span.start.col + 1),
                    escape_property(&format!("rectrack {}", f.rule)),
                    escape_data(&message),
                ));
            }
        }
        for u in run.unreadable {
            out.push_str(&format!(
                "::error title=rectrack::{}\n",
                escape_data(&format!("{}: {}", u.path, u.message))
            ));
        }
        out
    }
}
