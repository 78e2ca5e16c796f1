//! Reading files that arrive with a pull request: only regular files, never more than
//! a limit, and a symbolic link only when it resolves inside the folder it was found in.
//!
//! A tracker's text ends up in diagnostics (snippets), so whatever is read may be
//! printed into a CI log. A link to `/proc/self/environ` (a "regular file" of size 0
//! that reads as the job's secrets), to a device that never ends, or to a FIFO that
//! never answers must therefore never be read. Every check is made on what is about to
//! be opened, and the opened handle is compared with what was checked (device and
//! inode), so a path swapped between the check and the open is refused, not read.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file's bytes could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file (a directory, FIFO or device would block or never end).
    #[error("not a regular file")]
    NotRegular,
    /// A symbolic link that resolves outside the folder it was found in.
    #[error(
        "a symbolic link leading outside {root}: refused, not read (rectrack follows links only inside the folders it is given; name what it points to instead, or copy it in)"
    )]
    Outside {
        /// The folder it had to stay in, as resolved.
        root: String,
    },
    /// The path changed between the check and the open: what was opened is not what
    /// was checked.
    #[error("the file changed while it was being opened; not read")]
    Changed,
    /// The OS refused.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A tracker file to read, and the folder it must stay in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path as found (a link keeps its own name: that is the file in the change).
    pub path: PathBuf,
    /// The folder, resolved, that a link must resolve inside: the directory given on
    /// the command line, or for a file named directly, the directory that holds it.
    pub root: PathBuf,
}

/// Whether `target` (resolved) lies inside `root` (resolved). Component-wise, so
/// `/a/tracker2` is not inside `/a/tracker`.
pub fn inside(root: &Path, target: &Path) -> bool {
    target.starts_with(root)
}

/// The resolved folder a file named directly must stay in: the directory holding it
/// (the link itself, not its target).
pub fn holding_dir(path: &Path) -> std::io::Result<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent)
}

/// `path` resolved (links followed, `..` taken), when it lies inside one of `roots`
/// (themselves resolved); `Ok(None)` when it lies outside them all. Nothing is opened:
/// a file named by another file is read only once it is known to be inside.
pub fn resolve_inside(path: &Path, roots: &[PathBuf]) -> std::io::Result<Option<PathBuf>> {
    let target = std::fs::canonicalize(path)?;
    Ok(roots
        .iter()
        .any(|root| inside(root, &target))
        .then_some(target))
}

/// The current directory, resolved; `None` when it cannot be had (then nothing is
/// inside it).
pub fn current_dir_resolved() -> Option<PathBuf> {
    std::env::current_dir().and_then(std::fs::canonicalize).ok()
}

/// The bytes of the tracker `found`, or `Ok(None)` when it is larger than `max` (a
/// file too large is a finding about the file, exit 1, not a failure to read it).
///
/// A symbolic link is read only when it resolves to a regular file inside
/// `found.root`; the path itself is the user's (or the walk's) choice otherwise.
pub fn read_tracker(found: &Found, max: u64) -> Result<Option<Vec<u8>>, ReadError> {
    let path = found.path.as_path();
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.file_type().is_symlink() {
        return read_checked(path, &meta, max);
    }
    // Resolved once; from here on only the resolved name is used, and the handle
    // opened from it is compared with what was checked here.
    let target = std::fs::canonicalize(path)?;
    if !inside(&found.root, &target) {
        return Err(ReadError::Outside {
            root: found.root.display().to_string(),
        });
    }
    let meta = std::fs::metadata(&target)?;
    read_checked(&target, &meta, max)
}

/// The bytes of the regular file at `path` (links followed, wherever they lead: the
/// caller chose the path), or `Ok(None)` when it is larger than `max`.
pub fn read_regular(path: &Path, max: u64) -> Result<Option<Vec<u8>>, ReadError> {
    let meta = std::fs::metadata(path)?;
    read_checked(path, &meta, max)
}

/// Reads `path`, which was found to be `meta`: refused unless it is a regular file,
/// and unless the handle opened is that same file.
fn read_checked(path: &Path, meta: &Metadata, max: u64) -> Result<Option<Vec<u8>>, ReadError> {
    // Ask before opening: opening a FIFO blocks until someone writes to it, and
    // opening some devices has effects of its own.
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = open_nonblocking(path)?;
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular);
    }
    if !same_file(meta, &opened) {
        return Err(ReadError::Changed);
    }
    if opened.len() > max {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    // `take` bounds a file that grows while we read it, and a pseudo-file whose size
    // says 0 but whose reads never end.
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Opens for reading without waiting: should the path have become a FIFO since it
/// was checked, the open returns at once (and the check after it refuses the FIFO).
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Whether two metadata describe the same file.
#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two metadata describe the same file (without inode numbers, the best we
/// can say is that both are regular files of one size).
#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.is_file() && b.is_file() && a.len() == b.len()
}

/// `path` with `.` and `folder/..` taken out, as a modeline's reader resolves it and as
/// a command shows it: `tracker/../schema/x.json` is `schema/x.json`. Nothing is read:
/// a `..` after a link is taken lexically, which is what editors do too.
pub fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn found(path: PathBuf, root: &Path) -> Found {
        Found {
            path,
            root: std::fs::canonicalize(root).expect("the root exists"),
        }
    }

    #[test]
    fn a_link_is_read_only_inside_its_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tracker");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/real.yaml"), "id: x\n").unwrap();
        std::fs::write(dir.path().join("outside.yaml"), "secret\n").unwrap();
        std::os::unix::fs::symlink("sub/real.yaml", root.join("in.yaml")).unwrap();
        std::os::unix::fs::symlink("../outside.yaml", root.join("out.yaml")).unwrap();
        let read = |name: &str| read_tracker(&found(root.join(name), &root), 100);
        assert_eq!(read("in.yaml").unwrap().unwrap(), b"id: x\n");
        assert!(matches!(read("out.yaml"), Err(ReadError::Outside { .. })));
        // `tracker2` is not inside `tracker`.
        let sibling = dir.path().join("tracker2");
        std::fs::create_dir(&sibling).unwrap();
        std::fs::write(sibling.join("s.yaml"), "secret\n").unwrap();
        std::os::unix::fs::symlink("../tracker2/s.yaml", root.join("sib.yaml")).unwrap();
        assert!(matches!(read("sib.yaml"), Err(ReadError::Outside { .. })));
    }

    #[test]
    fn special_files_are_never_opened_and_sizes_are_bounded() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read_regular(Path::new("/"), 10),
            Err(ReadError::NotRegular)
        ));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap().unwrap().len(), 10);
        assert!(read_regular(&file, 9).unwrap().is_none());
    }

    #[test]
    fn a_handle_that_is_not_the_checked_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        // As if `a` had been swapped for `b` between the check and the open.
        let checked = std::fs::metadata(&a).unwrap();
        assert!(matches!(
            read_checked(&b, &checked, 10),
            Err(ReadError::Changed)
        ));
    }
}
