//! The editor modeline (`# yaml-language-server: $schema=...`) and whether it points at
//! the schema rectrack enforces: if it does not, the editor and CI disagree.

use crate::check::finding::Finding;
use crate::check::rules::MODELINE_MISMATCH;
use crate::syntax::span::{Pos, Span};
use crate::sys::read::lexical;
use crate::sys::read::{self, ReadError};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Largest schema file read through a modeline. rectrack's own schema is tens of
/// kilobytes; the tracker file limit leaves room for any formatting of it.
const MAX_SCHEMA_BYTES: u64 = crate::syntax::MAX_FILE_BYTES;

/// What a modeline's target turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Same,
    Missing,
    Different,
    Unreadable,
    /// A FIFO, device, directory or socket: never opened (a FIFO would block, a
    /// device like `/dev/zero` never end).
    NotRegular,
    /// Larger than [`MAX_SCHEMA_BYTES`]: not read.
    TooLarge,
}

/// Checks modelines against one schema, reading each schema file once per run.
pub struct ModelineChecker {
    expected: Json,
    /// The `--catalog` argument that prints `expected`, for a catalog file.
    catalog: Option<String>,
    seen: Mutex<HashMap<PathBuf, Target>>,
}

/// The `$schema=` value of the modeline and its span, if the file's leading comments
/// have one.
fn find(text: &str) -> Option<(&str, Span)> {
    for (i, line) in crate::syntax::span::lines(text).enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed == "---" {
            continue;
        }
        if !trimmed.starts_with('#') {
            return None;
        }
        let Some(at) = line.find("yaml-language-server:") else {
            continue;
        };
        let rest = &line[at..];
        let Some(eq) = rest.find("$schema=") else {
            continue;
        };
        let value_start = at + eq + "$schema=".len();
        let value = line[value_start..].split_whitespace().next().unwrap_or("");
        let col = line[..value_start].chars().count() + 1;
        let span = Span {
            start: Pos::new(i + 1, col),
            end: Pos::new(i + 1, col + value.chars().count()),
        };
        return Some((value, span));
    }
    None
}

impl ModelineChecker {
    /// A checker for the schema `expected`.
    pub fn new(expected: Json) -> Self {
        ModelineChecker {
            expected,
            catalog: None,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// A checker for the schema of the catalog file `catalog` (its path from the
    /// current directory), whose help says `rectrack schema --catalog CATALOG`.
    pub fn for_catalog_file(expected: Json, catalog: String) -> Self {
        ModelineChecker {
            catalog: Some(catalog),
            ..ModelineChecker::new(expected)
        }
    }

    fn target(&self, path: &Path) -> Target {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Ok(seen) = self.seen.lock()
            && let Some(t) = seen.get(&key)
        {
            return t.clone();
        }
        // The modeline is the tracker's content, so its target is untrusted: read only
        // a regular file within the limit, and never say anything of what it holds
        // (only whether it is the schema).
        let target = match read::read_regular(path, MAX_SCHEMA_BYTES) {
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Target::Missing,
            Err(ReadError::NotRegular) => Target::NotRegular,
            Err(_) => Target::Unreadable,
            Ok(None) => Target::TooLarge,
            Ok(Some(bytes)) => match serde_json::from_slice::<Json>(&bytes) {
                Ok(schema) if schema == self.expected => Target::Same,
                _ => Target::Different,
            },
        };
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(key, target.clone());
        }
        target
    }

    /// The `modeline-mismatch` finding for the tracker `file` whose text is `text`.
    pub fn check(&self, text: &str, file: &Path) -> Option<Finding> {
        let (value, span) = find(text)?;
        let finding = |message: String, help: &str| {
            Some(
                Finding::new(&MODELINE_MISMATCH, span, message)
                    .label("the editor validates with this")
                    .help(help.to_string()),
            )
        };
        if value.contains("://") {
            return finding(
                format!(
                    "the modeline points at the remote schema `{value}`, which rectrack cannot compare (it never fetches)"
                ),
                "point it at a local copy of `rectrack schema`'s output, e.g. ../schema/tracker.schema.json",
            );
        }
        let dir = file.parent().unwrap_or(Path::new(""));
        let fix = match &self.catalog {
            None => "regenerate it with `rectrack schema > schema/tracker.schema.json`, or point the modeline at that file".to_string(),
            Some(catalog) => format!(
                "regenerate it with `rectrack schema --catalog {catalog} > {}`, or point the modeline at that file",
                lexical(&dir.join(value)).display()
            ),
        };
        let fix = fix.as_str();
        match self.target(&dir.join(value)) {
            Target::Same => None,
            Target::Missing => finding(
                format!("the modeline points at `{value}`, which does not exist"),
                fix,
            ),
            Target::Unreadable => finding(
                format!("the modeline points at `{value}`, which cannot be read"),
                fix,
            ),
            Target::NotRegular => finding(
                format!(
                    "the modeline points at `{value}`, which is not a regular file (it was not read)"
                ),
                fix,
            ),
            Target::TooLarge => finding(
                format!(
                    "the modeline points at `{value}`, which is larger than {MAX_SCHEMA_BYTES} bytes (it was not read)"
                ),
                fix,
            ),
            Target::Different => finding(
                format!(
                    "the modeline points at `{value}`, which is not the schema this rectrack enforces"
                ),
                fix,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_modeline_in_leading_comments_only() {
        let (value, span) = find("# yaml-language-server: $schema=../s.json\nid: x\n").unwrap();
        assert_eq!(value, "../s.json");
        assert_eq!((span.start.line, span.start.col), (1, 33));
        assert!(find("id: x\n# yaml-language-server: $schema=../s.json\n").is_none());
        assert!(
            find("# just a comment\n\n#  yaml-language-server: $schema=a.json\nid: x").is_some()
        );
    }

    #[test]
    fn remote_missing_and_different_schemas_are_reported() {
        let checker = ModelineChecker::new(serde_json::json!({"type": "object"}));
        let dir = std::env::temp_dir().join(format!("rectrack-modeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("same.json"), "{ \"type\" : \"object\" }").unwrap();
        std::fs::write(dir.join("other.json"), "{\"type\": \"array\"}").unwrap();
        let file = dir.join("t.yaml");
        let with = |target: &str| format!("# yaml-language-server: $schema={target}\n");
        assert!(checker.check(&with("same.json"), &file).is_none());
        assert!(
            checker
                .check(&with("other.json"), &file)
                .unwrap()
                .message
                .contains("not the schema")
        );
        assert!(
            checker
                .check(&with("gone.json"), &file)
                .unwrap()
                .message
                .contains("does not exist")
        );
        assert!(
            checker
                .check(&with("https://x.test/s.json"), &file)
                .unwrap()
                .message
                .contains("remote")
        );
        assert!(
            checker.check("id: x\n", &file).is_none(),
            "no modeline, nothing to say"
        );
        #[cfg(unix)]
        {
            // Neither read nor waited on: a device that never ends, a directory.
            for special in ["/dev/zero", "/"] {
                let message = checker.check(&with(special), &file).unwrap().message;
                assert!(message.contains("not a regular file"), "{message}");
            }
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
