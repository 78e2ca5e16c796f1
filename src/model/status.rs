//! The six statuses a step can have.

use std::fmt;

/// How far a step has been carried out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// No reliable information either way (where `init` starts every step).
    #[default]
    Unknown,
    /// Reliable information that nothing has been done yet.
    NotStarted,
    /// Steps taken, not complete.
    InProgress,
    /// Begun, but no movement or blocked.
    Stalled,
    /// Carried out.
    Achieved,
    /// Carried out or begun, then undone or abandoned.
    Reversed,
}

impl Status {
    /// Every status, in the order tables list them.
    pub const ALL: [Status; 6] = [
        Status::Unknown,
        Status::NotStarted,
        Status::InProgress,
        Status::Stalled,
        Status::Achieved,
        Status::Reversed,
    ];

    /// The id written in tracker files.
    pub fn id(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Stalled => "stalled",
            Status::Achieved => "achieved",
            Status::Reversed => "reversed",
        }
    }

    /// What the status means, for the schema and `explain`.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Unknown => "no reliable information either way (not the same as nothing done)",
            Status::NotStarted => "reliable information that nothing has been done yet",
            Status::InProgress => "steps taken, not complete",
            Status::Stalled => "begun, but no movement or blocked",
            Status::Achieved => "carried out",
            Status::Reversed => "carried out or begun, then undone or abandoned",
        }
    }

    /// Parses a status id.
    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Whether an entry with this status must cite evidence (everything but "nothing
    /// known" and "nothing done" is a claim that needs a source).
    pub fn needs_evidence(self) -> bool {
        !matches!(self, Status::Unknown | Status::NotStarted)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_id(s.id()), Some(s));
        }
        assert_eq!(Status::from_id("in_progress"), None);
    }
}
