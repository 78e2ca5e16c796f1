//! Which catalog each tracker is checked against, resolved safely and compiled once.
//!
//! A tracker names its catalog with `catalog:`: nothing (the default), a built-in id,
//! or a path relative to its folder. A path comes with the tracker, so from a pull
//! request: it is followed only to a regular file, within the size limit, inside the
//! current directory or the git work tree holding the tracker (links resolved), and a
//! file that does not load is named, never quoted, so that no line of it reaches the
//! tracker's diagnostics. Every catalog is read and compiled (its tracker schema, its
//! modeline checker) once per run, however many trackers and threads ask for it.

use crate::check::finding::Finding;
use crate::check::rules::CATALOG_UNRESOLVED;
use crate::check::rules::modeline::ModelineChecker;
use crate::check::rules::schema::{SchemaChecker, SchemaError};
use crate::check::suggest::did_you_mean;
use crate::model::catalog::{self, Catalog, FORMAT_KEY};
use crate::model::tracker::Spanned;
use crate::syntax::span::Span;
use crate::syntax::{self, Limits};
use crate::sys;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A catalog and what checking its trackers needs, compiled once per run.
pub struct Compiled {
    /// The catalog.
    pub catalog: Arc<Catalog>,
    /// Its trackers' JSON Schema, compiled.
    pub schema: SchemaChecker,
    /// Its trackers' modelines, checked against that schema.
    pub modeline: ModelineChecker,
}

impl Compiled {
    /// Compiles `catalog`'s tracker schema.
    pub fn new(catalog: Catalog) -> Result<Self, SchemaError> {
        Compiled::with_file(catalog, None)
    }

    /// Compiles the tracker schema of `catalog`, read from the file `shown` (its path
    /// from the current directory, for help that says how to print the schema).
    fn with_file(catalog: Catalog, shown: Option<String>) -> Result<Self, SchemaError> {
        let schema = SchemaChecker::new(&catalog)?;
        let expected = schema.schema().clone();
        let modeline = match shown {
            None => ModelineChecker::new(expected),
            Some(shown) => ModelineChecker::for_catalog_file(expected, shown),
        };
        Ok(Compiled {
            catalog: Arc::new(catalog),
            schema,
            modeline,
        })
    }
}

/// Why a catalog file gave no catalog. Said without the file's content: it may be any
/// file of the checkout (a tracker, a secret), and `rectrack check FILE` explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unloadable {
    /// A directory, FIFO, device or socket: never opened.
    NotRegular,
    /// Larger than the size limit: not read.
    TooLarge(u64),
    /// The OS refused (its words, which hold no content of the file).
    Unreadable(String),
    /// Not UTF-8 text.
    NotText,
    /// Not well-formed YAML.
    NotYaml,
    /// YAML, but without `catalog_format:`: not a catalog (a tracker, say).
    NotCatalog,
    /// A catalog with errors.
    Invalid,
    /// A catalog whose tracker schema does not compile.
    NoSchema,
}

impl Unloadable {
    /// What is wrong, after "catalog `PATH` ".
    fn said(&self) -> String {
        match self {
            Unloadable::NotRegular => {
                "is not a regular file (a folder, FIFO or device): not read".into()
            }
            Unloadable::TooLarge(max) => format!("is larger than {max} bytes: not read"),
            Unloadable::Unreadable(e) => format!("could not be read: {e}"),
            Unloadable::NotText => "does not load: it is not UTF-8 text".into(),
            Unloadable::NotYaml => "does not load: it is not well-formed YAML".into(),
            Unloadable::NotCatalog => {
                format!("is not a catalog: it has no `{FORMAT_KEY}:` key")
            }
            Unloadable::Invalid => "does not load: the catalog has errors".into(),
            Unloadable::NoSchema => "does not load: no tracker schema could be made from it".into(),
        }
    }

    /// Whether `rectrack check` on the file would say more.
    fn checkable(&self) -> bool {
        matches!(
            self,
            Unloadable::NotText
                | Unloadable::NotYaml
                | Unloadable::NotCatalog
                | Unloadable::Invalid
                | Unloadable::NoSchema
        )
    }
}

/// A catalog as named: a built-in id, or a file by its resolved path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Builtin(String),
    File(PathBuf),
}

/// One catalog's load, shared by every tracker (and thread) that names it.
type Slot = Arc<OnceLock<Result<Arc<Compiled>, Unloadable>>>;

/// The catalogs of one run: the default, and every other as first named.
pub struct Catalogs {
    default: Arc<Compiled>,
    slots: Mutex<HashMap<Key, Slot>>,
    /// The current directory, resolved: a catalog file may lie anywhere inside it.
    cwd: Option<PathBuf>,
    limits: Limits,
    /// Catalog files read so far (tests prove each is read once).
    reads: AtomicUsize,
}

/// Whether a `catalog:` value names a file rather than a built-in catalog.
pub fn is_path(value: &str) -> bool {
    value.ends_with(".yaml") || value.ends_with(".yml") || value.contains(['/', '\\'])
}

/// Reads the catalog file at `path` (the caller decided it may be read).
pub fn read_file(path: &Path, limits: &Limits) -> Result<Catalog, (Unloadable, String)> {
    let bytes = match sys::read::read_regular(path, limits.max_file_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err((Unloadable::TooLarge(limits.max_file_bytes), String::new())),
        Err(sys::read::ReadError::NotRegular) => {
            return Err((Unloadable::NotRegular, String::new()));
        }
        Err(e) => return Err((Unloadable::Unreadable(e.to_string()), String::new())),
    };
    let text = syntax::decode(&bytes).map_err(|e| (Unloadable::NotText, e.message))?;
    let node = syntax::parse(text, limits).map_err(|e| {
        let at = format!(
            "line {}:{}: {}",
            e.span.start.line, e.span.start.col, e.message
        );
        (Unloadable::NotYaml, at)
    })?;
    if node.get(FORMAT_KEY).is_none() {
        return Err((Unloadable::NotCatalog, String::new()));
    }
    Catalog::from_node(&node).map_err(|e| (Unloadable::Invalid, e.to_string()))
}

impl Catalogs {
    /// The catalogs of a run whose trackers default to `default`, files read within
    /// `limits`.
    pub fn new(default: Catalog, limits: Limits) -> Result<Self, SchemaError> {
        Ok(Catalogs {
            default: Arc::new(Compiled::new(default)?),
            slots: Mutex::new(HashMap::new()),
            cwd: sys::read::current_dir_resolved(),
            limits,
            reads: AtomicUsize::new(0),
        })
    }

    /// The catalog of trackers without `catalog:`.
    pub fn default_catalog(&self) -> &Arc<Compiled> {
        &self.default
    }

    /// How many catalog files this run has read.
    pub fn reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }

    /// The catalog of a tracker in `dir` (the folder holding it, as named) that says
    /// `named`, or the `catalog-unresolved` finding on the value.
    pub fn resolve(
        &self,
        dir: &Path,
        named: Option<&Spanned<String>>,
    ) -> Result<Arc<Compiled>, Finding> {
        let Some(named) = named else {
            return Ok(Arc::clone(&self.default));
        };
        let value = named.value.as_str();
        if !is_path(value) {
            return self.builtin(value, named.span);
        }
        let finding = |message: String, help: &str| {
            Finding::new(&CATALOG_UNRESOLVED, named.span, message)
                .label("catalog not used")
                .help(help)
        };
        if Path::new(value).is_absolute() || value.starts_with(['/', '\\']) {
            return Err(finding(
                format!("catalog `{value}` is an absolute path: refused, not read"),
                "name the catalog file by its path from this tracker's folder (e.g. `../catalogs/my-catalog.yaml`), inside this checkout",
            ));
        }
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let joined = dir.join(value);
        let mut roots: Vec<PathBuf> = self.cwd.iter().cloned().collect();
        roots.extend(sys::git::work_tree_of(dir));
        let resolved = match sys::read::resolve_inside(&joined, &roots) {
            Ok(Some(resolved)) => resolved,
            Ok(None) => {
                return Err(finding(
                    format!(
                        "catalog `{value}` lies outside the current directory and the git checkout holding this tracker: refused, not read"
                    ),
                    "keep the catalog in the repository and name it by its path from this tracker's folder (links are followed only when they stay inside)",
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let help = format!(
                    "the path is taken from the folder holding this tracker; a built-in catalog is named by its id (built in: {})",
                    catalog::builtin_ids().join(", ")
                );
                return Err(finding(format!("catalog `{value}` does not exist"), &help));
            }
            Err(e) => {
                return Err(finding(
                    format!("catalog `{value}` could not be read: {e}"),
                    "check the path and its permissions",
                ));
            }
        };
        let shown = self.shown(&resolved);
        self.slot(Key::File(resolved.clone()), || {
            self.reads.fetch_add(1, Ordering::Relaxed);
            let catalog = read_file(&resolved, &self.limits).map_err(|(why, _)| why)?;
            Compiled::with_file(catalog, Some(shown.clone()))
                .map(Arc::new)
                .map_err(|_| Unloadable::NoSchema)
        })
        .map_err(|why| {
            let help = if why.checkable() {
                format!("run `rectrack check {shown}` for details")
            } else {
                "name a regular catalog file within the size limit (`--max-file-size`)".into()
            };
            finding(format!("catalog `{value}` {}", why.said()), &help)
        })
    }

    /// A built-in catalog by id.
    fn builtin(&self, id: &str, span: Span) -> Result<Arc<Compiled>, Finding> {
        if id == self.default.catalog.id {
            return Ok(Arc::clone(&self.default));
        }
        let ids = catalog::builtin_ids();
        if !ids.contains(&id) {
            return Err(Finding::new(
                &CATALOG_UNRESOLVED,
                span,
                format!(
                    "`{id}` is not a built-in catalog{}",
                    did_you_mean(id, ids.iter().copied())
                ),
            )
            .label("unknown catalog")
            .help(format!(
                "built-in catalogs: {}; a catalog file is named by its path from this tracker's folder, ending `.yaml` or `.yml`",
                ids.join(", ")
            )));
        }
        self.slot(Key::Builtin(id.to_string()), || {
            let catalog = Catalog::builtin_named(id).map_err(|_| Unloadable::Invalid)?;
            Compiled::new(catalog)
                .map(Arc::new)
                .map_err(|_| Unloadable::NoSchema)
        })
        .map_err(|why| {
            Finding::new(
                &CATALOG_UNRESOLVED,
                span,
                format!("built-in catalog `{id}` {}", why.said()),
            )
        })
    }

    /// The catalog under `key`, loaded by the first caller; the others wait for it.
    fn slot(
        &self,
        key: Key,
        load: impl FnOnce() -> Result<Arc<Compiled>, Unloadable>,
    ) -> Result<Arc<Compiled>, Unloadable> {
        // The map's lock is held only to find the slot: loading one catalog must not
        // hold up trackers of another.
        let slot = Arc::clone(
            self.slots
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key)
                .or_default(),
        );
        slot.get_or_init(load).clone()
    }

    /// A resolved path as `rectrack check` takes it from the current directory.
    fn shown(&self, resolved: &Path) -> String {
        self.cwd
            .as_deref()
            .and_then(|cwd| resolved.strip_prefix(cwd).ok())
            .unwrap_or(resolved)
            .display()
            .to_string()
    }
}

#[cfg(test)]
mod tests;
