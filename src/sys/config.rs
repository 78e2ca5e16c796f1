//! Finding and reading `rectrack.toml`, the project's settings file: in the working
//! tree (from the current folder up to the top of the checkout) and at a base
//! revision (from git objects, never from disk).
//!
//! The file arrives with a pull request like any tracker, so it is read the same way:
//! a regular file only, a symbolic link only when it resolves inside the checkout (or,
//! outside any checkout, inside the current folder), never more than
//! [`MAX_CONFIG_BYTES`], and only UTF-8.

use super::git::{Base, GitError, TreeFile, link_target, work_tree_of};
use super::read::{self, ReadError};
use std::path::{Path, PathBuf};

/// The settings file's name.
pub const FILE_NAME: &str = "rectrack.toml";

/// Largest settings file read: a few dozen lines are expected; 64 KiB leaves room for
/// comments and refuses a file that is something else.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Why the settings file could not be had (exit 2: the run cannot know its settings).
#[derive(Debug, thiserror::Error)]
pub enum ConfigReadError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The path as shown.
        path: String,
        /// Why.
        source: ReadError,
    },
    /// Larger than [`MAX_CONFIG_BYTES`].
    #[error("{path}: larger than {MAX_CONFIG_BYTES} bytes: not a settings file rectrack reads")]
    TooLarge {
        /// The path as shown.
        path: String,
    },
    /// Not UTF-8.
    #[error("{path}: not UTF-8 text (byte {offset} is not): TOML files are UTF-8")]
    NotUtf8 {
        /// The path as shown.
        path: String,
        /// The first byte that is not.
        offset: usize,
    },
    /// git could not read the base's version.
    #[error(transparent)]
    Git(#[from] GitError),
}

/// A settings file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    /// Its path as the user would type it from the current folder.
    pub shown: String,
    /// The folder holding it, as the user would type it from the current folder
    /// (`.` for the current folder): its `paths` are relative to it.
    pub dir: PathBuf,
    /// Its text.
    pub text: String,
}

/// Where the settings file was looked for, and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The file, if there is one.
    pub file: Option<ConfigFile>,
    /// The top of the checkout holding the current folder, resolved (`None`: not in
    /// a checkout).
    pub top: Option<PathBuf>,
}

/// The nearest `rectrack.toml`, from `cwd` up to the top of the checkout holding it
/// (the first folder with a `.git`); outside any checkout, `cwd` only.
pub fn discover(cwd: &Path) -> Result<Located, ConfigReadError> {
    let here = std::fs::canonicalize(cwd).map_err(|e| ConfigReadError::Read {
        path: cwd.display().to_string(),
        source: e.into(),
    })?;
    let top = work_tree_of(&here);
    let bound = top.clone().unwrap_or_else(|| here.clone());
    for (up, dir) in here.ancestors().enumerate() {
        if !dir.starts_with(&bound) {
            break;
        }
        let candidate = dir.join(FILE_NAME);
        if std::fs::symlink_metadata(&candidate).is_err() {
            continue;
        }
        let shown_dir: PathBuf = if up == 0 {
            PathBuf::from(".")
        } else {
            std::iter::repeat_n("..", up).collect()
        };
        let shown = if up == 0 {
            FILE_NAME.to_string()
        } else {
            shown_dir.join(FILE_NAME).display().to_string()
        };
        let bytes = read_bounded(&candidate, &shown, Some(&bound))?;
        let text = utf8(bytes, &shown)?;
        return Ok(Located {
            file: Some(ConfigFile {
                shown,
                dir: shown_dir,
                text,
            }),
            top,
        });
    }
    Ok(Located { file: None, top })
}

/// The file named by `--config` (or `RECTRACK_CONFIG`): the user's choice, so a link
/// is followed wherever it leads, but it must still be a regular file of bounded size.
pub fn read_named(path: &Path, cwd: &Path) -> Result<Located, ConfigReadError> {
    let shown = path.display().to_string();
    let bytes = read_bounded(path, &shown, None)?;
    let text = utf8(bytes, &shown)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(Located {
        file: Some(ConfigFile { shown, dir, text }),
        top: work_tree_of(cwd),
    })
}

/// The bytes at `path`: a regular file within [`MAX_CONFIG_BYTES`]; a link only when
/// it resolves inside `bound` (when given).
fn read_bounded(
    path: &Path,
    shown: &str,
    bound: Option<&Path>,
) -> Result<Vec<u8>, ConfigReadError> {
    let err = |source: ReadError| ConfigReadError::Read {
        path: shown.to_string(),
        source,
    };
    let target = match bound {
        Some(bound) => {
            let meta = std::fs::symlink_metadata(path).map_err(|e| err(e.into()))?;
            if meta.file_type().is_symlink() {
                let target = std::fs::canonicalize(path).map_err(|e| err(e.into()))?;
                if !read::inside(bound, &target) {
                    return Err(err(ReadError::Outside {
                        root: bound.display().to_string(),
                    }));
                }
                target
            } else {
                path.to_path_buf()
            }
        }
        None => path.to_path_buf(),
    };
    match read::read_regular(&target, MAX_CONFIG_BYTES).map_err(err)? {
        Some(bytes) => Ok(bytes),
        None => Err(ConfigReadError::TooLarge {
            path: shown.to_string(),
        }),
    }
}

fn utf8(bytes: Vec<u8>, shown: &str) -> Result<String, ConfigReadError> {
    String::from_utf8(bytes).map_err(|e| ConfigReadError::NotUtf8 {
        path: shown.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The settings file of the base revision, found as [`discover`] finds today's: from
/// the current folder's path in the checkout up to its top, in the base's tree. A
/// link there is followed (a few times at most) only inside the checkout. `Ok(None)`:
/// the base has none. The path returned is from the top of the checkout.
pub fn at_base(base: &Base) -> Result<Option<(String, String)>, ConfigReadError> {
    let prefix = base.prefix().trim_end_matches('/');
    let mut dirs = Vec::new();
    let mut dir = prefix;
    loop {
        dirs.push(dir.to_string());
        match dir.rfind('/') {
            Some(i) => dir = &dir[..i],
            None if dir.is_empty() => break,
            None => dir = "",
        }
    }
    let candidates: Vec<String> = dirs
        .iter()
        .map(|dir| {
            if dir.is_empty() {
                FILE_NAME.to_string()
            } else {
                format!("{dir}/{FILE_NAME}")
            }
        })
        .collect();
    // One `git ls-tree` for every folder: a run costs the same few git processes
    // however deep the current folder is.
    let listed = base.list(&candidates)?;
    let Some(file) = candidates
        .iter()
        .find_map(|c| listed.iter().find(|f| &f.path == c))
    else {
        return Ok(None);
    };
    let path = file.path.clone();
    Ok(follow(base, file.clone())?.map(|text| (path, text)))
}

/// The settings file at `path` (from the top) in the base's tree, as [`at_base`] reads
/// it; `Ok(None)` when there is no file there.
pub fn base_file(base: &Base, path: &str) -> Result<Option<String>, ConfigReadError> {
    let listed = base.list(&[path.to_string()])?;
    match listed.into_iter().find(|f| f.path == path) {
        Some(file) => follow(base, file),
        None => Ok(None),
    }
}

/// The text of `file` of the base's tree, links followed inside the checkout.
fn follow(base: &Base, mut file: TreeFile) -> Result<Option<String>, ConfigReadError> {
    let shown = format!("{} (at {})", file.path, base.short());
    // A link to a link to ... : a handful of hops is any real checkout's.
    for hop in 0..8 {
        if hop > 0 {
            let listed = base.list(std::slice::from_ref(&file.path))?;
            let Some(next) = listed.into_iter().find(|f| f.path == file.path) else {
                return Ok(None);
            };
            file = next;
        }
        let max = if file.symlink { 4096 } else { MAX_CONFIG_BYTES };
        let bytes = base
            .read(std::slice::from_ref(&file.object))?
            .next_object(max)?;
        let Some(bytes) = bytes else {
            return Err(ConfigReadError::TooLarge { path: shown });
        };
        if !file.symlink {
            return utf8(bytes, &shown).map(Some);
        }
        match link_target(&file.path, &bytes) {
            Some(next) => file.path = next,
            None => {
                return Err(ConfigReadError::Read {
                    path: shown,
                    source: ReadError::Outside {
                        root: "the checkout".into(),
                    },
                });
            }
        }
    }
    Err(ConfigReadError::Read {
        path: shown,
        source: ReadError::NotRegular,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn found_from_a_subfolder_up_to_the_top_only() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("a/b")).unwrap();
        // Above the top of the checkout: never read.
        std::fs::write(dir.path().join(FILE_NAME), "stale-days = 1\n").unwrap();
        let none = discover(&repo.join("a/b")).unwrap();
        assert_eq!(none.file, None);
        std::fs::write(repo.join(FILE_NAME), "stale-days = 2\n").unwrap();
        let found = discover(&repo.join("a/b")).unwrap().file.unwrap();
        assert_eq!(found.shown, "../../rectrack.toml");
        assert_eq!(found.dir, PathBuf::from("../.."));
        assert_eq!(found.text, "stale-days = 2\n");
        let here = discover(&repo).unwrap().file.unwrap();
        assert_eq!(
            (here.shown.as_str(), here.dir.as_path()),
            (FILE_NAME, Path::new("."))
        );
    }

    #[test]
    fn outside_a_checkout_only_the_current_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "stale-days = 1\n").unwrap();
        assert_eq!(discover(&dir.path().join("sub")).unwrap().file, None);
        assert!(discover(dir.path()).unwrap().file.is_some());
    }

    #[test]
    fn hostile_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(dir.path().join("outside.toml"), "x = 1\n").unwrap();
        std::os::unix::fs::symlink("../outside.toml", repo.join(FILE_NAME)).unwrap();
        assert!(matches!(
            discover(&repo),
            Err(ConfigReadError::Read {
                source: ReadError::Outside { .. },
                ..
            })
        ));
        std::fs::remove_file(repo.join(FILE_NAME)).unwrap();
        std::fs::write(repo.join("inside.toml"), "stale-days = 3\n").unwrap();
        std::os::unix::fs::symlink("inside.toml", repo.join(FILE_NAME)).unwrap();
        assert_eq!(
            discover(&repo).unwrap().file.unwrap().text,
            "stale-days = 3\n"
        );
        std::fs::remove_file(repo.join(FILE_NAME)).unwrap();
        std::fs::write(repo.join(FILE_NAME), vec![b'#'; 70_000]).unwrap();
        assert!(matches!(
            discover(&repo),
            Err(ConfigReadError::TooLarge { .. })
        ));
        std::fs::write(repo.join(FILE_NAME), b"a = \"\xff\"\n").unwrap();
        assert!(matches!(
            discover(&repo),
            Err(ConfigReadError::NotUtf8 { offset: 5, .. })
        ));
        std::fs::remove_file(repo.join(FILE_NAME)).unwrap();
        std::fs::create_dir(repo.join(FILE_NAME)).unwrap();
        assert!(matches!(
            discover(&repo),
            Err(ConfigReadError::Read {
                source: ReadError::NotRegular,
                ..
            })
        ));
    }
}
