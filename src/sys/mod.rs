//! The machine: everything rectrack asks of the file system and of git.
//!
//! Enters: paths from the command line, a git revision, bytes to write. Leaves: the
//! list of files to check ([`discover`]), their bytes, read safely and within a size
//! limit ([`read`]), the YAML files of a base revision and their bytes ([`git`]),
//! files written atomically ([`write`](mod@write)), and the project's settings file,
//! `rectrack.toml`, as text ([`config`]: found upward from the current folder, or at
//! the base revision). Each module has its own error
//! type: callers tell each kind of failure differently (a path or a file not read is
//! reported as unreadable, a git or write failure as the command's error). Nothing
//! here parses YAML, and nothing here imports the rest of the crate.

pub mod config;
pub mod discover;
pub mod git;
pub mod read;
pub mod write;
