//! What this build of rectrack is: the crate's version, and the commit and date it was
//! built from when `build.rs` could ask git (empty otherwise). `--version` and the
//! machine outputs (JSON, SARIF, JUnit) all take it from here, so they always agree.

/// The crate's semantic version, `0.1.0`.
pub const SEMVER: &str = env!("CARGO_PKG_VERSION");

/// `0.1.0 (5fb76ab 2026-12-03)` from a git checkout, `0.1.0` without git (a `cargo
/// package` tarball); what `rectrack --version` prints after the name.
pub const LONG: &str = {
    const COMMIT: &str = env!("RECTRACK_COMMIT");
    const DATE: &str = env!("RECTRACK_DATE");
    // `concat!` takes literals only: the shapes are spelled out (build.rs sets a date
    // only with a commit, but a date alone would still read right).
    match (COMMIT.is_empty(), DATE.is_empty()) {
        (true, true) => SEMVER,
        (false, false) => concat!(
            env!("CARGO_PKG_VERSION"),
            " (",
            env!("RECTRACK_COMMIT"),
            " ",
            env!("RECTRACK_DATE"),
            ")"
        ),
        (false, true) => concat!(
            env!("CARGO_PKG_VERSION"),
            " (",
            env!("RECTRACK_COMMIT"),
            ")"
        ),
        (true, false) => concat!(env!("CARGO_PKG_VERSION"), " (", env!("RECTRACK_DATE"), ")"),
    }
};

/// The abbreviated commit the binary was built from, if built from a git checkout.
pub fn commit() -> Option<&'static str> {
    Some(env!("RECTRACK_COMMIT")).filter(|s| !s.is_empty())
}

/// The build's date (the commit's, or SOURCE_DATE_EPOCH's), if known.
pub fn date() -> Option<&'static str> {
    Some(env!("RECTRACK_DATE")).filter(|s| !s.is_empty())
}
