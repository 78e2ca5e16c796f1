//! `--format github`: GitHub Actions workflow commands, so each finding shows inline on
//! the changed line of a pull request.

use super::{Format, RunReport};
use crate::diagnostic::Severity;

/// Workflow commands, one per finding.
#[derive(Debug, Clone, Copy)]
pub struct Github;

/// Escapes a command's message: `%`, carriage return and newline as the runner
/// expects, and any other control character written out as `\u{..}` (a log is read in
/// a terminal or a browser, where an escape sequence would be obeyed).
pub fn escape_data(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '%' => "%25".to_string(),
            '\r' => "%0D".to_string(),
            '\n' => "%0A".to_string(),
            c if c.is_control() && c != '\t' => format!("\\u{{{:x}}}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// Escapes a command property (file, title): the message escapes plus `:` and `,`,
/// which separate properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Format for Github {
    fn render(&self, run: &RunReport<'_>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_breaks_a_workflow_command() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_data("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
