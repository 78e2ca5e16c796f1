//! Checking one tracker: bytes → document → schema and semantic findings.

use crate::catalog::Catalog;
use crate::diagnostic::{self, Finding, Severity};
use crate::document::Node;
use crate::load::{self, Limits, LoadError};
use crate::modeline::ModelineChecker;
use crate::rules::YAML;
use crate::rules::semantic::{self, Context};
use crate::schema::{SchemaChecker, SchemaError};
use crate::tracker::Tracker;

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
        })
    }

    /// Reads and checks one file. A file over the size limit is a finding; only a file
    /// that cannot be read at all is an error.
    pub fn check_file(&self, path: &std::path::Path) -> Result<Checked, load::ReadError> {
        Ok(match load::read_file(path, self.limits.max_file_bytes)? {
            Some(bytes) => {
                let mut checked = self.check_bytes(&bytes);
                // Only a file on disk has a place its modeline can be resolved from,
                // and only a well-formed one is worth comparing editors over.
                let modeline = checked
                    .tracker
                    .as_ref()
                    .and_then(|_| self.modeline.check(&checked.source, path));
                if let Some(f) = modeline {
                    checked.findings.push(f);
                    diagnostic::tidy(&mut checked.findings);
                }
                checked
            }
            None => Checked {
                source: String::new(),
                findings: vec![yaml_finding(load::too_large(self.limits.max_file_bytes))],
                tracker: None,
            },
        })
    }

    /// Checks a file's bytes.
    pub fn check_bytes(&self, bytes: &[u8]) -> Checked {
        let text = match load::decode(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Show whatever decodes, so the caret still has a line to sit under.
                return Checked {
                    source: String::from_utf8_lossy(bytes).into_owned(),
                    findings: vec![yaml_finding(e)],
                    tracker: None,
                };
            }
        };
        let mut findings = Vec::new();
        let tracker = match load::parse(text, &self.limits) {
            Ok(root) => Some(self.check_document(&root, &mut findings)),
            Err(e) => {
                findings.push(yaml_finding(e));
                None
            }
        };
        diagnostic::tidy(&mut findings);
        Checked {
            source: text.to_string(),
            findings,
            tracker,
        }
    }

    fn check_document(&self, root: &Node, findings: &mut Vec<Finding>) -> Tracker {
        findings.extend(self.schema.check(root));
        let tracker = Tracker::from_document(root);
        findings.extend(semantic::check(&tracker, &self.catalog, &self.context));
        tracker
    }
}
