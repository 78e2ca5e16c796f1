//! The default format: rustc-style snippets, then one summary line.

use super::snippet;
use super::{CheckRun, CheckedFile};
use crate::present::Render;
use crate::present::text::{escape, plural};

/// Diagnostics for people.
#[derive(Debug, Clone, Copy)]
pub struct Human {
    /// Diagnostics shown per file (0: all); counts always cover all.
    pub max_diagnostics: usize,
}

impl Human {
    /// The diagnostics of one file.
    pub fn file(&self, file: &CheckedFile<'_>) -> String {
        let all = file.findings;
        // A file that is not a tracker at all (100,000 stray keys) would bury the
        // terminal; the first diagnostics say what is wrong, the count says how much.
        let shown = match self.max_diagnostics {
            0 => all.len(),
            n => n.min(all.len()),
        };
        let mut out = snippet::human(file.path, file.text, &all[..shown]);
        if shown < all.len() {
            out.push_str(&format!(
                "{}: {} more diagnostics not shown (--max-diagnostics 0 shows all)\n\n",
                escape::human(file.path),
                all.len() - shown
            ));
        }
        out
    }

    /// The closing line of a run.
    pub fn summary(&self, run: &CheckRun<'_>) -> String {
        let files = run.checked();
        let checked = plural::count(files, "file", "files");
        let counts = snippet::counts(run.errors(), run.warnings());
        // Say it here too, not only on stderr, and first: "no problems" next to a path
        // that was never read would read as a pass.
        match run.unreadable.len() {
            0 => format!("checked {checked}: {counts}\n"),
            n => {
                let not_read = format!(
                    "{} could not be read (see above)",
                    plural::count(n, "path", "paths")
                );
                match (files, run.errors(), run.warnings()) {
                    (0, _, _) => format!("{not_read}; nothing was checked\n"),
                    (_, 0, 0) => format!(
                        "{not_read}; checked {checked}, with no errors or warnings in {}\n",
                        if files == 1 { "it" } else { "them" }
                    ),
                    _ => format!("{not_read}; checked {checked}: {counts}\n"),
                }
            }
        }
    }
}

impl Render<CheckRun<'_>> for Human {
    fn render(&self, run: &CheckRun<'_>) -> String {
        let mut out: String = run.files.iter().map(|f| self.file(f)).collect();
        out.push_str(&self.summary(run));
        out
    }
}
