//! Checking one tracker: bytes → document → schema and semantic findings.

use crate::catalog::Catalog;
use crate::diagnostic::{self, Finding, Severity};
use crate::document::Node;
use crate::history::{self, BaseInfo};
use crate::load::{self, Limits, LoadError};
use crate::modeline::ModelineChecker;
use crate::rules::YAML;
use crate::rules::semantic::{self, Context};
use crate::schema::{SchemaChecker, SchemaError};
use crate::tracker::Tracker;

/// Old versions at least this large are parsed on their own thread (`check --base`).
const PARALLEL_OLD_PARSE_BYTES: usize = 1 << 20;

/// Everything needed to check files, built once per run.
pub struct Checker {
    /// The catalog trackers are checked against.
    pub catalog: Catalog,
    schema: SchemaChecker,
    modeline: ModelineChecker,
    /// Dates and windows the rules compare against.
    pub context: Context,
    /// Loading limits.
    pub limits: Limits,
    /// Only decode and parse, for measuring the parser's share (`check --parse-only`).
    pub parse_only: bool,
}

/// The result of checking one file's contents.
#[derive(Debug)]
pub struct Checked {
    /// The decoded text (empty when the bytes were not text).
    pub source: String,
    /// Every finding, sorted by position.
    pub findings: Vec<Finding>,
    /// The tracker as read, when the file was well-formed YAML.
    pub tracker: Option<Tracker>,
}

impl Checked {
    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

fn yaml_finding(e: LoadError) -> Finding {
    Finding::new(&YAML, e.span, e.message)
        .label("here")
        .help(e.help)
}

impl Checker {
    /// A checker for `catalog`, compiling its schema once.
    pub fn new(catalog: Catalog, context: Context, limits: Limits) -> Result<Self, SchemaError> {
        let schema = SchemaChecker::new(&catalog)?;
        let modeline = ModelineChecker::new(schema.schema().clone());
        Ok(Checker {
            catalog,
            schema,
            modeline,
            context,
            limits,
            parse_only: false,
        })
    }

    /// Reads and checks one file. A file over the size limit is a finding; only a file
    /// that cannot be read at all is an error. With `base`, the file is also compared
    /// with its old contents (`None`: new since the base, nothing to compare).
    pub fn check_file(
        &self,
        path: &std::path::Path,
        base: Option<(&BaseInfo<'_>, Option<&[u8]>)>,
    ) -> Result<Checked, load::ReadError> {
        let Some(bytes) = load::read_file(path, self.limits.max_file_bytes)? else {
            return Ok(Checked {
                source: String::new(),
                findings: vec![yaml_finding(load::too_large(self.limits.max_file_bytes))],
                tracker: None,
            });
        };
        // An unchanged file (most files of most pull requests) cannot have rewritten
        // anything: its old version is not even parsed. A changed one's old version is
        // parsed on a second thread while this one checks the new version.
        let changed = base
            .and_then(|(info, old)| Some((info, old?)))
            .filter(|(_, old)| *old != &bytes[..]);
        // An old version that no longer parses cannot be compared entry by entry; the
        // change that fixed it is then judged on its own.
        let parse_old = |old: &[u8]| load::document(old, &self.limits).ok();
        let ((mut checked, root), old) = match changed {
            // A thread pays for itself on a large file only; small files are already
            // spread over the cores by the runner.
            Some((_, old_bytes)) if old_bytes.len() < PARALLEL_OLD_PARSE_BYTES => {
                (self.check_inner(&bytes), parse_old(old_bytes))
            }
            Some((_, old_bytes)) => std::thread::scope(|scope| {
                let old = scope.spawn(|| parse_old(old_bytes));
                let new = self.check_inner(&bytes);
                // The old side only panics on a bug; it is then simply not compared.
                (new, old.join().ok().flatten())
            }),
            None => (self.check_inner(&bytes), None),
        };
        if let Some(root) = root {
            // Only a file on disk has a place its modeline can be resolved from, and
            // only a well-formed one is worth comparing editors over.
            checked
                .findings
                .extend(self.modeline.check(&checked.source, path));
            if let (Some((info, _)), Some(old)) = (changed, old) {
                checked.findings.extend(history::compare(&old, &root, info));
            }
            diagnostic::tidy(&mut checked.findings);
        }
        Ok(checked)
    }

    /// Checks a file's bytes.
    pub fn check_bytes(&self, bytes: &[u8]) -> Checked {
        self.check_inner(bytes).0
    }

    /// Checks bytes and keeps the document for comparisons.
    fn check_inner(&self, bytes: &[u8]) -> (Checked, Option<Node>) {
        let text = match load::decode(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Show whatever decodes, so the caret still has a line to sit under.
                let checked = Checked {
                    source: String::from_utf8_lossy(bytes).into_owned(),
                    findings: vec![yaml_finding(e)],
                    tracker: None,
                };
                return (checked, None);
            }
        };
        let mut findings = Vec::new();
        if self.parse_only {
            if let Err(e) = load::parse(text, &self.limits) {
                findings.push(yaml_finding(e));
            }
            let checked = Checked {
                source: String::new(),
                findings,
                tracker: None,
            };
            return (checked, None);
        }
        let (tracker, root) = match load::parse(text, &self.limits) {
            Ok(root) => (Some(self.check_document(&root, &mut findings)), Some(root)),
            Err(e) => {
                findings.push(yaml_finding(e));
                (None, None)
            }
        };
        diagnostic::tidy(&mut findings);
        let checked = Checked {
            source: text.to_string(),
            findings,
            tracker,
        };
        (checked, root)
    }

    fn check_document(&self, root: &Node, findings: &mut Vec<Finding>) -> Tracker {
        findings.extend(self.schema.check(root));
        let tracker = Tracker::from_document(root);
        findings.extend(semantic::check(&tracker, &self.catalog, &self.context));
        tracker
    }
}
