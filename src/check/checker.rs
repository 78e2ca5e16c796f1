//! Checking one tracker: bytes → document → schema and semantic findings.

use crate::check::base::{BaseInfo, Baseline};
use crate::check::finding::{self, Finding, Severity};
use crate::check::rules::modeline::ModelineChecker;
use crate::check::rules::schema::{SchemaChecker, SchemaError};
use crate::check::rules::semantic::{self, Context};
use crate::check::rules::{append_only, yaml};
use crate::model::catalog::Catalog;
use crate::model::tracker::Tracker;
use crate::syntax::document::Node;
use crate::syntax::{self, Limits};
use std::sync::Arc;

/// Old versions at least this large are parsed on their own thread (`check --base`).
const PARALLEL_OLD_PARSE_BYTES: usize = 1 << 20;

/// Everything needed to check files, built once per run.
pub struct Checker {
    /// The catalog trackers are checked against.
    pub catalog: Arc<Catalog>,
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
    /// The file's decoded text (empty when the bytes were not text).
    pub text: String,
    /// Every finding, sorted by position.
    pub findings: Vec<Finding>,
    /// The tracker as read, when the file was well-formed YAML.
    pub tracker: Option<Tracker>,
    /// With a base: the file's path from the top of the checkout.
    pub repo_path: Option<String>,
    /// The catalog the tracker was checked against, once the file was read as YAML.
    pub catalog: Option<Arc<Catalog>>,
    /// With a base: the id of the base's tracker at this path, when it is not this
    /// file's id (it may live on elsewhere, or be gone: the caller knows at the end).
    pub replaces: Option<String>,
}

/// A base to compare with, for `check --base`.
pub struct BaseCheck<'a> {
    /// The base's trackers.
    pub baseline: &'a Baseline,
    /// What messages say about it.
    pub info: BaseInfo<'a>,
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

impl Checker {
    /// A checker for `catalog`, compiling its schema once.
    pub fn new(catalog: Catalog, context: Context, limits: Limits) -> Result<Self, SchemaError> {
        let schema = SchemaChecker::new(&catalog)?;
        let modeline = ModelineChecker::new(schema.schema().clone());
        Ok(Checker {
            catalog: Arc::new(catalog),
            schema,
            modeline,
            context,
            limits,
            parse_only: false,
        })
    }

    /// Reads and checks one file. A file over the size limit is a finding; only a file
    /// that cannot be read at all (or may not be: a link out of its folder) is an
    /// error. With `base`, the file is also compared with its tracker at the base of
    /// the change (matched by id).
    pub fn check_file(
        &self,
        found: &crate::sys::read::Found,
        base: Option<&BaseCheck<'_>>,
    ) -> Result<Checked, crate::sys::read::ReadError> {
        let path = found.path.as_path();
        let repo_path = base.and_then(|b| b.baseline.base.path_in_repo(path));
        let Some(bytes) = crate::sys::read::read_tracker(found, self.limits.max_file_bytes)? else {
            return Ok(Checked {
                text: String::new(),
                findings: vec![yaml::finding(syntax::too_large(self.limits.max_file_bytes))],
                tracker: None,
                catalog: None,
                repo_path,
                replaces: None,
            });
        };
        // The old version at the same path is almost always the counterpart: a large
        // one is parsed on a second thread while this one checks the new version.
        let same_path = base
            .zip(repo_path.as_deref())
            .and_then(|(b, p)| b.baseline.at_path(p).map(|old| (b, old)));
        let (mut checked, parsed) = match same_path {
            Some((b, old)) if old.size() >= PARALLEL_OLD_PARSE_BYTES => {
                std::thread::scope(|scope| {
                    let parsed = scope.spawn(|| b.baseline.parse(old));
                    let new = self.check_bytes(&bytes);
                    // The old side only panics on a bug; it is then parsed again below.
                    let parsed = parsed
                        .join()
                        .ok()
                        .flatten()
                        .map(|doc| (old.path.as_str(), doc));
                    (new, parsed)
                })
            }
            _ => (self.check_bytes(&bytes), None),
        };
        checked.repo_path = repo_path;
        if let Some(tracker) = &checked.tracker {
            // Only a file on disk has a place its modeline can be resolved from, and
            // only a well-formed one is worth comparing editors over.
            checked
                .findings
                .extend(self.modeline.check(&checked.text, path));
            if let Some(b) = base {
                let shown = path.display().to_string();
                let here = checked.repo_path.as_deref();
                if let Some(change) =
                    b.baseline
                        .change_for(here, &shown, tracker, parsed, checked.catalog.as_deref())
                {
                    let judged = append_only::judge(change, &b.info);
                    checked.findings.extend(judged.findings().cloned());
                }
                let id_now = tracker.id.as_ref().map(|i| i.value.as_str());
                checked.replaces = b.baseline.replaced_at(here, id_now).map(str::to_string);
            }
            finding::tidy(&mut checked.findings);
        }
        Ok(checked)
    }

    /// Checks a file's bytes as if they were at `path` (the modeline is resolved from
    /// there): what `check` would say of them, without a base. `record` checks the
    /// text it proposes this way before writing it.
    pub fn check_at(&self, bytes: &[u8], path: &std::path::Path) -> Checked {
        let mut checked = self.check_bytes(bytes);
        if checked.tracker.is_some() {
            checked
                .findings
                .extend(self.modeline.check(&checked.text, path));
            finding::tidy(&mut checked.findings);
        }
        checked
    }

    /// Checks a file's bytes.
    pub fn check_bytes(&self, bytes: &[u8]) -> Checked {
        let text = match syntax::decode(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Show whatever decodes, so the caret still has a line to sit under.
                let checked = Checked {
                    text: syntax::shown_text(bytes),
                    findings: vec![yaml::finding(e)],
                    tracker: None,
                    catalog: None,
                    repo_path: None,
                    replaces: None,
                };
                return checked;
            }
        };
        let mut findings = Vec::new();
        if self.parse_only {
            if let Err(e) = syntax::parse(text, &self.limits) {
                findings.push(yaml::finding(e));
            }
            return Checked {
                text: String::new(),
                findings,
                tracker: None,
                catalog: None,
                repo_path: None,
                replaces: None,
            };
        }
        let tracker = match syntax::parse(text, &self.limits) {
            Ok(root) => {
                // Valid YAML, but likely not what the monitor meant: text cut by `#`.
                findings.extend(
                    syntax::comments_in_text(text, &root)
                        .into_iter()
                        .map(yaml::finding),
                );
                Some(self.check_document(&root, &mut findings))
            }
            Err(e) => {
                findings.push(yaml::finding(e));
                None
            }
        };
        finding::tidy(&mut findings);
        Checked {
            text: text.to_string(),
            findings,
            catalog: tracker.as_ref().map(|_| Arc::clone(&self.catalog)),
            tracker,
            repo_path: None,
            replaces: None,
        }
    }

    fn check_document(&self, root: &Node, findings: &mut Vec<Finding>) -> Tracker {
        findings.extend(self.schema.check(root));
        let tracker = Tracker::from_document(root);
        findings.extend(semantic::check(&tracker, &self.catalog, &self.context));
        tracker
    }
}
