//! How a run ends, as an exit status: decided here because a check run's verdict
//! (findings that fail it, paths it could not read) is what most runs end on, and
//! the JSON output reports the same number the process exits with.

/// The process's exit status. A usage or I/O problem outranks findings: a CI job whose
/// input went missing must not look like a mere validation failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: every tracker valid (warnings allowed), or the asked output written.
    Success,
    /// 1: a finding fails the run (or, for `status` and `report`, a tracker is invalid).
    Findings,
    /// 2: rectrack could not do its job: bad usage, an unreadable path, git trouble.
    Trouble,
}

impl Exit {
    /// The number the process exits with (and `--format json` reports).
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Trouble => 2,
        }
    }
}
