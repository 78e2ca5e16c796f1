//! The `yaml` rule: a file that cannot be read as a tracker document at all (not
//! UTF-8, not well-formed YAML, over a loading limit).

use crate::check::finding::Finding;
use crate::check::rules::YAML;
use crate::syntax::LoadError;

/// The finding for a file the loader refused.
pub fn finding(e: LoadError) -> Finding {
    Finding::new(&YAML, e.span, e.message)
        .label("here")
        .help(e.help)
}
