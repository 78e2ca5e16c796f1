//! Rendering findings for people: rustc-style snippets with a caret under the node.

use crate::check::finding::{Finding, Severity};
use crate::present::text::{escape, plural};
use crate::syntax::span::LineIndex;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// Renders the findings of one file. Styled always: the writer (anstream) strips the
/// colours when the output is not a terminal or `NO_COLOR` is set.
///
/// Each snippet is cut to the line the finding is on: the renderer would otherwise
/// walk the whole file for every finding.
///
/// Every text from the file (message, label, help, path, the source line) is made
/// visible with [`escape::human`] first: a key holding a newline and `::error ...`
/// must not print a line of its own.
pub fn human(path: &str, file_text: &str, findings: &[Finding]) -> String {
    // Most files have nothing to say: indexing their lines was ~3% of a check.
    if findings.is_empty() {
        return String::new();
    }
    let renderer = Renderer::styled();
    let path = escape::human(path);
    let path = path.as_ref();
    let index = LineIndex::new(file_text);
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape::human(&f.message);
        let label = escape::human(&f.label);
        let help = escape::human(&f.help);
        // A finding of no rule (a settings file's problem) has no id to show.
        let title = level.primary_title(message.as_ref());
        let title = if f.rule.is_empty() {
            title
        } else {
            title.id(f.rule)
        };
        // A file that is not there (a tracker of the base that is gone) has no line
        // to show: its path and the position stand alone.
        if file_text.is_empty() {
            let origin = Origin::path(path)
                .line(f.span.start.line as usize)
                .char_column(f.span.start.col as usize);
            let mut group: Group<'_> = title.element(origin);
            if !help.is_empty() {
                group = group.element(Level::HELP.message(help.as_ref()));
            }
            out.push_str(&renderer.render(&[group]));
            out.push_str("\n\n");
            continue;
        }
        let line = index.line(file_text, f.span.start.line);
        let range = index.range(file_text, f.span);
        let local = range.start - line.start..range.end - line.start;
        let (text, local) = escape::human_line(&file_text[line], local);
        let mut annotation = AnnotationKind::Primary.span(local);
        if !label.is_empty() {
            annotation = annotation.label(label.as_ref());
        }
        let snippet = Snippet::source(text.as_str())
            .line_start(f.span.start.line as usize)
            .path(path)
            .annotation(annotation);
        let mut group: Group<'_> = title.element(snippet);
        if !help.is_empty() {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// "1 error, 2 warnings", "no problems".
pub fn counts(errors: usize, warnings: usize) -> String {
    let errors_text = || plural::count(errors, "error", "errors");
    let warnings_text = || plural::count(warnings, "warning", "warnings");
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (_, 0) => errors_text(),
        (0, _) => warnings_text(),
        _ => format!("{}, {}", errors_text(), warnings_text()),
    }
}
