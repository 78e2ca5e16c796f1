//! Checking one file: bytes → document → schema and semantic findings, for a tracker
//! or, when the document has `catalog_format`, for a catalog.

use crate::check::base::{BaseInfo, Baseline};
use crate::check::catalogs::{Catalogs, Compiled};
use crate::check::finding::{self, Finding, Severity};
use crate::check::rules::schema::{SchemaChecker, SchemaError};
use crate::check::rules::semantic::{self, Context};
use crate::check::rules::{append_only, catalog, yaml};
use crate::model::catalog::Catalog;
use crate::model::tracker::Tracker;
use crate::syntax::document::Node;
use crate::syntax::{self, Limits};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Old versions at least this large are parsed on their own thread (`check --base`).
const PARALLEL_OLD_PARSE_BYTES: usize = 1 << 20;

/// Everything needed to check files, built once per run.
pub struct Checker {
    /// Every catalog of the run, each compiled once.
    catalogs: Catalogs,
    /// The catalogs' schema, compiled for the first catalog file of the run (most
    /// runs have none).
    catalog_schema: OnceLock<Result<SchemaChecker, String>>,
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
    /// Whether the file is a catalog (`catalog_format`), checked as one: then there
    /// is no tracker, and commands over trackers skip it.
    pub is_catalog: bool,
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
    /// A checker whose trackers default to `catalog`, compiling its schema once.
    pub fn new(catalog: Catalog, context: Context, limits: Limits) -> Result<Self, SchemaError> {
        let catalogs = Catalogs::new(catalog, limits)?;
        Ok(Checker {
            catalogs,
            catalog_schema: OnceLock::new(),
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
                is_catalog: false,
                repo_path,
                replaces: None,
            });
        };
        // The old version at the same path is almost always the counterpart: a large
        // one is parsed on a second thread while this one checks the new version.
        let same_path = base
            .zip(repo_path.as_deref())
            .and_then(|(b, p)| b.baseline.at_path(p).map(|old| (b, old)));
        let (checked, parsed) = match same_path {
            Some((b, old)) if old.size() >= PARALLEL_OLD_PARSE_BYTES => {
                std::thread::scope(|scope| {
                    let parsed = scope.spawn(|| b.baseline.parse(old));
                    let new = self.check_in(bytes, folder(path));
                    // The old side only panics on a bug; it is then parsed again below.
                    let parsed = parsed
                        .join()
                        .ok()
                        .flatten()
                        .map(|doc| (old.path.as_str(), doc));
                    (new, parsed)
                })
            }
            _ => (self.check_in(bytes, folder(path)), None),
        };
        let (mut checked, compiled) = checked;
        checked.repo_path = repo_path;
        if let Some(tracker) = &checked.tracker {
            // Only a file on disk has a place its modeline can be resolved from, and
            // only a well-formed one is worth comparing editors over.
            if let Some(compiled) = &compiled {
                checked
                    .findings
                    .extend(compiled.modeline.check(&checked.text, path));
            }
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
    pub fn check_at(&self, bytes: &[u8], path: &Path) -> Checked {
        let (mut checked, compiled) = self.check_in(bytes.to_vec(), folder(path));
        if let (Some(_), Some(compiled)) = (&checked.tracker, compiled) {
            checked
                .findings
                .extend(compiled.modeline.check(&checked.text, path));
            finding::tidy(&mut checked.findings);
        }
        checked
    }

    /// Checks a file's bytes (a `catalog:` path is taken from the current directory).
    pub fn check_bytes(&self, bytes: &[u8]) -> Checked {
        self.check_in(bytes.to_vec(), Path::new(".")).0
    }

    /// The default catalog: that of trackers without `catalog:`.
    pub fn default_catalog(&self) -> &Arc<Catalog> {
        &self.catalogs.default_catalog().catalog
    }

    /// Every catalog of the run.
    pub fn catalogs(&self) -> &Catalogs {
        &self.catalogs
    }

    /// Checks a file's bytes as if in the folder `dir`, from which a `catalog:` path
    /// is taken; also gives the catalog it was checked against, when it resolved.
    /// The bytes become the text kept for snippets (no copy: a large file is held once).
    fn check_in(&self, bytes: Vec<u8>, dir: &Path) -> (Checked, Option<Arc<Compiled>>) {
        let text = match syntax::decode_owned(bytes) {
            Ok(t) => t,
            Err((e, shown)) => {
                // Show whatever decodes, so the caret still has a line to sit under.
                let checked = Checked {
                    text: shown,
                    findings: vec![yaml::finding(e)],
                    tracker: None,
                    catalog: None,
                    is_catalog: false,
                    repo_path: None,
                    replaces: None,
                };
                return (checked, None);
            }
        };
        let mut findings = Vec::new();
        if self.parse_only {
            if let Err(e) = syntax::parse(&text, &self.limits) {
                findings.push(yaml::finding(e));
            }
            let checked = Checked {
                text: String::new(),
                findings,
                tracker: None,
                catalog: None,
                is_catalog: false,
                repo_path: None,
                replaces: None,
            };
            return (checked, None);
        }
        let mut is_catalog = false;
        let mut compiled = None;
        let tracker = match syntax::parse(&text, &self.limits) {
            Ok(root) => {
                // Valid YAML, but likely not what the monitor meant: text cut by `#`.
                findings.extend(
                    syntax::comments_in_text(&text, &root)
                        .into_iter()
                        .map(yaml::finding),
                );
                if catalog::is_catalog(&root) {
                    is_catalog = true;
                    findings.extend(self.check_catalog(&root));
                    None
                } else {
                    let (tracker, used) = self.check_document(root, dir, &mut findings);
                    compiled = used;
                    Some(tracker)
                }
            }
            Err(e) => {
                findings.push(yaml::finding(e));
                None
            }
        };
        finding::tidy(&mut findings);
        let checked = Checked {
            text,
            findings,
            catalog: compiled.as_ref().map(|c| Arc::clone(&c.catalog)),
            tracker,
            is_catalog,
            repo_path: None,
            replaces: None,
        };
        (checked, compiled)
    }

    /// The findings on a catalog document: its shape against the catalogs' schema,
    /// then the catalog rules.
    pub fn check_catalog(&self, root: &Node) -> Vec<Finding> {
        let schema = self
            .catalog_schema
            .get_or_init(|| SchemaChecker::for_catalogs().map_err(|e| e.to_string()));
        let mut findings = match schema {
            Ok(schema) => schema.check(root),
            // The shipped schema is tested to compile; should it not, the file still
            // gets a finding rather than a pass.
            Err(e) => vec![
                Finding::new(&crate::check::rules::SCHEMA, root.span, e.clone())
                    .help("this is a bug in rectrack: please report it"),
            ],
        };
        findings.extend(catalog::check(root));
        finding::tidy(&mut findings);
        findings
    }

    /// The schema and semantic rules, against the tracker's own catalog. When that
    /// does not resolve, its one finding is all: every step would otherwise be
    /// reported unknown to a catalog the tracker does not follow.
    ///
    /// The document is checked against the schema first, then moved into the typed
    /// tracker: the tree is never held twice.
    fn check_document(
        &self,
        root: Node,
        dir: &Path,
        findings: &mut Vec<Finding>,
    ) -> (Tracker, Option<Arc<Compiled>>) {
        let named = Tracker::catalog_of(&root);
        match self.catalogs.resolve(dir, named.as_ref()) {
            Ok(compiled) => {
                findings.extend(compiled.schema.check(&root));
                let tracker = Tracker::from_document(root);
                findings.extend(semantic::check(&tracker, &compiled.catalog, &self.context));
                (tracker, Some(compiled))
            }
            Err(unresolved) => {
                findings.push(*unresolved);
                (Tracker::from_document(root), None)
            }
        }
    }
}

/// The folder holding `path`, as named (a link's own folder, not its target's).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
