//! Which files to check: paths given on the command line, directories searched for
//! `*.yaml` / `*.yml`.

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
}

impl DiscoverError {
    /// The path the problem is about.
    pub fn path(&self) -> String {
        match self {
            DiscoverError::Io { path, .. } | DiscoverError::Empty(path) => path.clone(),
            DiscoverError::Walk(e) => e
                .path()
                .map_or_else(String::new, |p| p.display().to_string()),
        }
    }
}

/// Files to check, in a stable order, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Tracker files, each once.
    pub files: Vec<PathBuf>,
    /// Paths that could not be used; each is reported, the rest still checked.
    pub errors: Vec<DiscoverError>,
}

fn is_tracker_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Expands `paths`: a file is taken as it is, a directory is searched recursively
/// (hidden entries skipped, files sorted by name).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    let mut seen = HashSet::new();
    let mut add = |out: &mut Discovered, file: PathBuf| {
        // The same file named twice (or through `./`) is checked once.
        let key = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if seen.insert(key) {
            out.files.push(file);
        }
    };
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(source) => {
                out.errors.push(DiscoverError::Io {
                    path: path.display().to_string(),
                    source,
                });
                continue;
            }
        };
        if !meta.is_dir() {
            add(&mut out, path.clone());
            continue;
        }
        let before = out.files.len();
        // Links are followed, so a symlinked tracker is checked like any other; walkdir
        // then reports a link loop or a dangling link as an error instead of looping.
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && is_tracker_name(e.path()) => {
                    add(&mut out, e.into_path());
                }
                Ok(_) => {}
                Err(e) => out.errors.push(DiscoverError::Walk(e)),
            }
        }
        if out.files.len() == before {
            out.errors
                .push(DiscoverError::Empty(path.display().to_string()));
        }
    }
    out
}
