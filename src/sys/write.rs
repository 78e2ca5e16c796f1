//! Writing files safely: a temporary file in the same directory, then a rename, so a
//! reader never sees half a file and an interrupted write leaves the old one intact.
//! Missing parent directories are created. An existing tracker is replaced only if it
//! still holds what was read ([`replace_atomic`]), so an edit never loses work done
//! meanwhile.

use std::io::Write;
use std::path::Path;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and `--force` was not given.
    #[error("{0} already exists (use --force to overwrite it)")]
    Exists(String),
    /// The target is a device, FIFO, socket or directory (or a link to one): never
    /// replaced, whatever `--force` says.
    #[error(
        "{path} is {what}, not a regular file: refused, even with --force (write to a file, or leave out -o to write to standard output)"
    )]
    NotRegular {
        /// The target.
        path: String,
        /// What it is.
        what: &'static str,
    },
    /// The file no longer holds what was read: someone (an editor, another run) wrote
    /// it meanwhile.
    #[error(
        "{0} changed on disk since rectrack read it: nothing written (run the command again on the file as it is now)"
    )]
    Changed(String),
    /// The OS refused.
    #[error("{path}: {source}")]
    Io {
        /// The target.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// Writes `contents` to `path` atomically; refuses to replace an existing file unless
/// `force`.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    // Replacing is for regular files only. A rename over `/dev/null` (as root), a
    // FIFO a reader waits on, or a link such as `/dev/stdout` would replace the node
    // itself with a regular file; writing through it could block or go anywhere.
    // So the type is asked first, links followed, and anything else is refused.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(WriteError::NotRegular {
                path: shown,
                what: kind(&meta),
            });
        }
        Ok(_) if !force => return Err(WriteError::Exists(shown)),
        Ok(_) => {}
        // A dangling link or a path through a missing folder: the writes below say
        // what is wrong, and a link is never replaced without --force.
        Err(_) if !force && path.symlink_metadata().is_ok() => {
            return Err(WriteError::Exists(shown));
        }
        Err(_) => {}
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A new tracker usually goes in a new `tracker/` directory: make it, as `cargo new`
    // would, rather than fail on a missing parent.
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rectrack-").suffix(".tmp");
    // A temporary file is private (0600); the file it becomes is not. Created 0666 it
    // gets what the umask allows, as any editor's file would (0644 under umask 022).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    // A file replaced with --force keeps its mode: a monitor who made a report
    // group-writable, or private, meant it.
    if force && let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    }
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        // Asked again just before the rename, which would replace whatever is there:
        // the window left is the rename's own.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            return Err(WriteError::NotRegular {
                path: shown,
                what: kind(&meta),
            });
        }
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        // No-clobber even if the file appeared since the check above.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(shown.clone())
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

/// Replaces the regular file at `path` (a link is followed: the file it leads to is
/// replaced, the link stays) with `contents`, atomically, keeping its permissions and,
/// where allowed, its owner, provided it still holds `expected`, the bytes the edit
/// was made from.
///
/// The comparison is made after the new text is on disk beside it, just before the
/// rename: the window left for a change to be lost is the rename's own.
pub fn replace_atomic(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    // Renaming over a link would replace the link with a file: the file it leads to is
    // what the monitor edits.
    let target = std::fs::canonicalize(path).map_err(io)?;
    let meta = std::fs::metadata(&target).map_err(io)?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular {
            path: shown,
            what: kind(&meta),
        });
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".rectrack-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for anyone else the file is theirs already
        // or this fails, and a file owned by its editor is what any editor leaves.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if !holds(&target, expected).map_err(io)? {
        return Err(WriteError::Changed(shown));
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    // The rename is durable once the folder is: best effort (not every system lets a
    // folder be opened and synced).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Whether the file at `path` holds exactly `expected` (read no further than one byte
/// past it).
fn holds(path: &Path, expected: &[u8]) -> std::io::Result<bool> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut now = Vec::with_capacity(expected.len());
    file.take(expected.len() as u64 + 1).read_to_end(&mut now)?;
    Ok(now == expected)
}

/// What a file that is not a regular file is, for a message.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    #[allow(unsafe_code)] // libc::mkfifo: std cannot make a FIFO.
    fn special_files_are_never_replaced() {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::FileTypeExt;
        // Made in a scratch folder: a regression must not damage a real device.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        for path in [fifo.as_path(), dir.path()] {
            for force in [false, true] {
                let err = write_atomic(path, b"x", force).unwrap_err();
                assert!(matches!(err, WriteError::NotRegular { .. }), "{err}");
            }
        }
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        let link = dir.path().join("to-fifo");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        let err = write_atomic(&link, b"x", true).unwrap_err();
        assert!(
            err.to_string().contains("is a FIFO, not a regular file"),
            "{err}"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_regular_file_is_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/r.md");
        write_atomic(&file, b"one", false).unwrap();
        assert!(matches!(
            write_atomic(&file, b"two", false),
            Err(WriteError::Exists(_))
        ));
        write_atomic(&file, b"two", true).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        // A dangling link is not replaced without --force either.
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("nowhere.md", &link).unwrap();
        assert!(matches!(
            write_atomic(&link, b"x", false),
            Err(WriteError::Exists(_))
        ));
    }

    #[test]
    fn a_replaced_file_keeps_its_mode_and_its_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.yaml");
        std::fs::write(&file, "old\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_atomic(&file, b"old\n", b"new\n").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"new\n");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        // Through a link: the file it leads to is replaced, the link stays a link.
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink("t.yaml", &link).unwrap();
        replace_atomic(&link, b"new\n", b"newer\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"newer\n");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.yaml");
        std::fs::write(&file, "edited meanwhile\n").unwrap();
        let err = replace_atomic(&file, b"as read\n", b"new\n").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), b"edited meanwhile\n");
        // A longer file that starts with what was read changed too.
        std::fs::write(&file, "as read\nand more\n").unwrap();
        assert!(matches!(
            replace_atomic(&file, b"as read\n", b"new\n"),
            Err(WriteError::Changed(_))
        ));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // Nothing to replace: a folder, or no file at all.
        assert!(matches!(
            replace_atomic(dir.path(), b"", b"x"),
            Err(WriteError::NotRegular { .. })
        ));
        assert!(matches!(
            replace_atomic(&dir.path().join("missing.yaml"), b"", b"x"),
            Err(WriteError::Io { .. })
        ));
    }
}
