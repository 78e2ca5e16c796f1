//! Every rule a tracker or a catalog obeys, and every rule's detection.
//!
//! Enters: a decoded file, its spanned document and typed tracker (and, with
//! `--base`, the comparison with its base), or a catalog's spanned document. Leaves:
//! findings.
//!
//! `table.rs` is the one table (id, severity, scope, explanation, a failing and a
//! fixed example) that `check`, `explain`, the JSON output and the README read. Each
//! rule's findings are made in one module below, always through this table so an id
//! cannot be misspelt: `yaml` (a file that is not a readable document), `schema` (the
//! JSON Schema's errors, translated), `semantic` (rectrack's own rules on one tracker),
//! `modeline` (the editor's schema comment), `append_only` (a change against its
//! base, `check --base`) and `catalog` (a catalog file's own rules, after `schema`
//! has checked its shape against the catalogs' schema). The checker and the runner only call them. Imports go one
//! way: the detectors use `check::finding`, which uses only the table.

pub mod append_only;
pub mod catalog;
pub mod modeline;
pub mod schema;
pub mod semantic;
pub mod table;
pub mod yaml;

pub use table::*;
