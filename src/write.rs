//! Writing files safely: a temporary file in the same directory, then a rename, so a
//! reader never sees half a file and an interrupted write leaves the old one intact.
//! Missing parent directories are created.

use std::io::Write;
use std::path::Path;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and `--force` was not given.
    #[error("{0} already exists (use --force to overwrite it)")]
    Exists(String),
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
    if !force && path.exists() {
        return Err(WriteError::Exists(shown));
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
