//! The strings every output shares. Enters: text from trackers, the catalog and
//! rectrack's own words; leaves: that text made safe for one output kind.
//!
//! - [`escape`]: one escaping function per kind (terminal, GitHub workflow command,
//!   Markdown, CSV, XML/HTML, JSON, URI), all starting from the same list of hidden
//!   characters;
//! - [`json`]: the one JSON writer and the version of every JSON shape;
//! - [`csv`]: the one CSV writer;
//! - [`plural`]: English counts for the terminal (reports use Fluent's plural rules).

pub mod csv;
pub mod escape;
pub mod json;
pub mod plural;
