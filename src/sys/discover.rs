//! Which files to check: paths given on the command line, directories searched for
//! `*.yaml` / `*.yml`.

use crate::sys::read::{self, Found};
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A path that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// It does not exist or cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A directory walk failed part-way (permissions, a symlink loop).
    #[error("{0}")]
    Walk(#[from] walkdir::Error),
    /// A directory holds no tracker: a CI job that checks nothing must not pass.
    #[error("{0}: no tracker files (*.yaml, *.yml) found")]
    Empty(String),
    /// A symbolic link that resolves outside the folder it must stay in: neither read
    /// nor walked.
    #[error(
        "{path}: a symbolic link leading outside {root}: refused, not followed (rectrack follows links only inside the folders it is given; name what it points to instead, or copy it in)"
    )]
    Outside {
        /// The link, as found.
        path: String,
        /// The folder it had to stay in.
        root: String,
    },
}

impl DiscoverError {
    /// The path the problem is about.
    pub fn path(&self) -> String {
        match self {
            DiscoverError::Io { path, .. }
            | DiscoverError::Empty(path)
            | DiscoverError::Outside { path, .. } => path.clone(),
            DiscoverError::Walk(e) => e
                .path()
                .map_or_else(String::new, |p| p.display().to_string()),
        }
    }
}

/// Files to check, in a stable order, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Tracker files, each once, with the folder each must stay in.
    pub files: Vec<Found>,
    /// Paths that could not be used; each is reported, the rest still checked.
    pub errors: Vec<DiscoverError>,
}

/// Whether a file name is a tracker's: `*.yaml` or `*.yml`.
pub fn is_tracker_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The refusal of `path`, a link that resolves outside `root` (both as shown).
fn outside(path: &Path, root: &Path) -> DiscoverError {
    DiscoverError::Outside {
        path: path.display().to_string(),
        root: root.display().to_string(),
    }
}

/// Expands `paths`: a file is taken as it is, a directory is searched recursively
/// (hidden entries skipped, files sorted by name).
///
/// What a pull request holds decides what is read, so symbolic links are followed
/// only where they stay: a link met in a directory walk is followed when it resolves
/// inside that directory (a link to a tracker in a sub-folder, or to a folder of it,
/// is read as any file there; loops are reported) and refused otherwise, unread and
/// unwalked. A path named on the command line (file or directory) may be a link only
/// into the directory that holds it: a CI job names paths, but a pull request decides
/// what they are, so they are no more trusted than a walk's. The same holds when the
/// file is read (see `read.rs`).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    let mut seen = HashSet::new();
    let mut add = |out: &mut Discovered, found: Found| {
        // The same file named twice (or through `./`) is checked once.
        let key = std::fs::canonicalize(&found.path).unwrap_or_else(|_| found.path.clone());
        if seen.insert(key) {
            out.files.push(found);
        }
    };
    for path in paths {
        let io = |source| DiscoverError::Io {
            path: path.display().to_string(),
            source,
        };
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(source) => {
                out.errors.push(io(source));
                continue;
            }
        };
        let holder = match named(path) {
            Ok(h) => h,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named directly stays in the directory that holds it, as it would
            // in a walk of that directory.
            let found = Found {
                path: path.clone(),
                root: holder,
            };
            add(&mut out, found);
            continue;
        }
        // The directory's resolved path is the folder everything found in it must
        // stay in.
        let root = match std::fs::canonicalize(path) {
            Ok(r) => r,
            Err(source) => {
                out.errors.push(io(source));
                continue;
            }
        };
        let before = out.files.len();
        // Refusals are met inside the walk's filter, walk errors in the loop: one list
        // keeps them in the order the walk met them.
        let errors = RefCell::new(Vec::new());
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if e.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                if !e.path_is_symlink() {
                    return true;
                }
                // Links are resolved before walkdir descends into one: a link to `/`
                // is refused here, not walked.
                match std::fs::canonicalize(e.path()) {
                    Ok(target) if read::inside(&root, &target) => true,
                    Ok(_) => {
                        // A link to anything else (a README linked from elsewhere)
                        // would not be read anyway: passed over in silence.
                        if e.file_type().is_dir() || is_tracker_name(e.path()) {
                            errors.borrow_mut().push(outside(e.path(), path));
                        }
                        false
                    }
                    Err(source) => {
                        errors.borrow_mut().push(DiscoverError::Io {
                            path: e.path().display().to_string(),
                            source,
                        });
                        false
                    }
                }
            });
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && is_tracker_name(e.path()) => {
                    let found = Found {
                        path: e.into_path(),
                        root: root.clone(),
                    };
                    add(&mut out, found);
                }
                Ok(_) => {}
                Err(e) => errors.borrow_mut().push(DiscoverError::Walk(e)),
            }
        }
        let errors = errors.into_inner();
        // A folder whose only trackers were refused has its refusals said instead.
        let refused = errors
            .iter()
            .any(|e| matches!(e, DiscoverError::Outside { .. }));
        out.errors.extend(errors);
        if out.files.len() == before && !refused {
            out.errors
                .push(DiscoverError::Empty(path.display().to_string()));
        }
    }
    out
}

/// The resolved directory holding `path`, a path named on the command line, once
/// `path` itself, if it is a link, is found to resolve inside it: in CI the names on
/// the command line are the workflow's, but what they are on disk is the pull
/// request's, and `tracker` replaced by a link to `/` or to `~/.config` must not
/// turn the check loose on the machine. (The folders above it are the user's path.)
fn named(path: &Path) -> Result<PathBuf, DiscoverError> {
    let io = |source| DiscoverError::Io {
        path: path.display().to_string(),
        source,
    };
    let holder = read::holding_dir(path).map_err(io)?;
    // `.`, `..` and `/` have no link of their own to check.
    let Some(name) = path.file_name() else {
        return Ok(holder);
    };
    // Joined to the resolved holder, so that `tracker/` names the link, not its target.
    let itself = holder.join(name);
    let is_link = std::fs::symlink_metadata(&itself)
        .map_err(io)?
        .file_type()
        .is_symlink();
    if is_link && !read::inside(&holder, &std::fs::canonicalize(&itself).map_err(io)?) {
        return Err(outside(path, &holder));
    }
    Ok(holder)
}
