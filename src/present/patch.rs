//! What a writing command would change, as a unified diff (`record --dry-run`).
//!
//! Enters: a file's path, its text and the text proposed for it. Leaves: a unified
//! diff, old → new, three lines of context, headed by the path, in colour (the writer
//! strips it where colour is off). Every line is tracker text, so each is made visible
//! as [`escape::human_line`] makes a snippet's line: a note holding an ANSI escape or a
//! newline shows as `\u{1b}` or `\n`, never acts. The line end itself (LF or CRLF) is
//! the diff's, not shown.

use crate::present::Render;
use crate::present::text::escape;

/// A change to one file.
#[derive(Debug, Clone, Copy)]
pub struct Patch<'a> {
    /// The file, as the user named it.
    pub path: &'a str,
    /// Its text now.
    pub old: &'a str,
    /// The text proposed for it.
    pub new: &'a str,
}

/// A unified diff, as `diff -u` and `git diff` write it.
#[derive(Debug, Clone, Copy)]
pub struct Unified {
    /// Unchanged lines shown around each change.
    pub context: usize,
}

impl Default for Unified {
    fn default() -> Self {
        Unified { context: 3 }
    }
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A line of the file without its line end, made visible.
fn visible(line: &str) -> String {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    escape::human_line(line, 0..0).0
}

impl Render<Patch<'_>> for Unified {
    /// Nothing when the texts are the same.
    fn render(&self, patch: &Patch<'_>) -> String {
        if patch.old == patch.new {
            return String::new();
        }
        let diff = similar::TextDiff::from_lines(patch.old, patch.new);
        let path = escape::human(patch.path);
        let mut out = format!("{BOLD}--- {path}{RESET}\n{BOLD}+++ {path}{RESET}\n");
        let mut unified = diff.unified_diff();
        unified.context_radius(self.context);
        for hunk in unified.iter_hunks() {
            out.push_str(&format!("{CYAN}{}{RESET}\n", hunk.header()));
            for change in hunk.iter_changes() {
                let (sign, colour) = match change.tag() {
                    similar::ChangeTag::Equal => (' ', ""),
                    similar::ChangeTag::Delete => ('-', RED),
                    similar::ChangeTag::Insert => ('+', GREEN),
                };
                let reset = if colour.is_empty() { "" } else { RESET };
                out.push_str(&format!(
                    "{colour}{sign}{}{reset}\n",
                    visible(change.value())
                ));
                if change.missing_newline() {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diff without its colours, as a pipe receives it.
    fn plain(old: &str, new: &str) -> String {
        let out = Unified::default().render(&Patch {
            path: "tracker/t.yaml",
            old,
            new,
        });
        strip_colours(&out)
    }

    fn strip_colours(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('\x1b') {
            out.push_str(&rest[..i]);
            let after = &rest[i..];
            let end = after.find('m').map_or(after.len(), |m| m + 1);
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn a_change_is_shown_with_its_context_and_the_path() {
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nb\nc\nd\ne\nf\ng\nh\n";
        assert_eq!(
            plain(old, new),
            "--- tracker/t.yaml\n+++ tracker/t.yaml\n@@ -5,3 +5,4 @@\n e\n f\n g\n+h\n"
        );
        assert_eq!(plain(old, old), "");
    }

    #[test]
    fn tracker_text_never_acts_on_the_terminal() {
        // CRLF line ends are the diff's, and so is a bare CR (YAML reads it as a line
        // break too); an escape and a bidi override in a note are shown, not obeyed.
        let old = "a: 1\r\n";
        let new = "a: 1\r\nnote: \"x\u{1b}[2Jy\rz\u{202e}\"\r\n";
        let out = plain(old, new);
        assert_eq!(
            out,
            "--- tracker/t.yaml\n+++ tracker/t.yaml\n@@ -1 +1,3 @@\n a: 1\n+note: \"x\\u{1b}[2Jy\n+z\\u{202e}\"\n"
        );
        let path = Unified::default().render(&Patch {
            path: "t\n::error::x.yaml",
            old,
            new,
        });
        assert!(path.contains("--- t\\n::error::x.yaml"), "{path}");
    }

    #[test]
    fn a_missing_final_newline_is_said() {
        let out = plain("a\nb", "a\nc");
        assert!(
            out.ends_with("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"),
            "{out}"
        );
    }
}
