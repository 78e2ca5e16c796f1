//! `rectrack init`: write a new tracker with every step at `unknown`, and, when asked,
//! the schema its editor modeline points at.

use super::Exit;
use super::args::date_arg;
use super::catalog::CatalogChoice;
use super::exit::CliError;
use super::inputs::today;
use crate::check::catalogs;
use crate::model::catalog::Catalog;
use crate::model::schema;
use crate::present::Render;
use crate::present::patch::{Patch, Unified};
use crate::present::scaffold::{self, InitOptions};
use crate::present::text::escape;
use crate::sys::discover::is_tracker_name;
use crate::sys::read::lexical;
use crate::sys::read::{self, ReadError};
use crate::sys::write::{WriteError, write_atomic};
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder `check` reads by default: without FILE, `init --write-schema` writes the
/// schema where a tracker there would point.
const DEFAULT_FOLDER: &str = "tracker";

// Each flag is a choice of its own on the command line (clap's derive).
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// The tracker file to create: a *.yaml or *.yml name, as `check` finds them.
    /// May be left out with --write-schema, to write only the schema (for trackers
    /// in tracker/).
    #[arg(required_unless_present_any = ["write_schema", "write_config"])]
    pub(super) file: Option<PathBuf>,
    /// Tracker id (default: from the file name, in kebab-case).
    #[arg(long)]
    pub(super) id: Option<String>,
    /// Tracker title: one line of text, not blank.
    #[arg(long)]
    pub(super) title: Option<String>,
    /// The tracker's as_of date, not after today (default: today).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) as_of: Option<NaiveDate>,
    /// Schema path for the editor's yaml-language-server modeline (one word: no
    /// spaces or control characters), relative to the tracker's folder.
    #[arg(long, default_value = scaffold::DEFAULT_SCHEMA_REF, value_name = "PATH")]
    pub(super) schema_ref: String,
    /// Also write the JSON Schema where the modeline points (`rectrack schema`'s
    /// output), so the editor validates as `check` does. A file already holding that
    /// schema is left as it is.
    #[arg(long)]
    pub(super) write_schema: bool,
    /// Also write rectrack.toml (or the --config FILE), the project's settings, each at
    /// its default and explained (see docs/config.md).
    #[arg(long)]
    pub(super) write_config: bool,
    /// Where --write-config writes: the global --config FILE, when given.
    #[arg(skip)]
    pub(super) config_target: Option<PathBuf>,
    #[command(flatten)]
    pub(super) choice: CatalogChoice,
    /// Replace FILE if it exists (and, with --write-schema, a schema file that differs).
    #[arg(long)]
    pub(super) force: bool,
    /// Print what would be written as a unified diff, and write nothing (the same
    /// refusals apply: an existing file still needs --force).
    #[arg(long)]
    pub(super) dry_run: bool,
}

/// Writes `text` to `path` atomically or, with `--dry-run`, prints it as a diff against
/// what is there; both refuse an existing file without `force`.
pub(super) fn put(path: &Path, text: &str, force: bool, dry_run: bool) -> Result<(), CliError> {
    if !dry_run {
        write_atomic(path, text.as_bytes(), force)?;
        return Ok(());
    }
    let shown = path.display().to_string();
    let old = match std::fs::metadata(path) {
        Err(_) => String::new(),
        Ok(meta) if !meta.is_file() => {
            return Err(WriteError::NotRegular {
                path: shown,
                what: if meta.is_dir() {
                    "a directory"
                } else {
                    "not a regular file"
                },
            }
            .into());
        }
        Ok(_) if !force => return Err(WriteError::Exists(shown).into()),
        // Shown as replaced whole when it is not text: the diff is about the new file.
        Ok(_) => std::fs::read_to_string(path).unwrap_or_default(),
    };
    let patch = Unified::default().render(&Patch {
        path: &shown,
        old: &old,
        new: text,
    });
    anstream::stdout().write_all(patch.as_bytes())?;
    Ok(())
}

/// What is at the place the modeline points.
enum SchemaTarget {
    /// Nothing.
    Missing,
    /// The schema this rectrack enforces (as JSON: formatting aside).
    Same,
    /// Something else: another schema, an older one, or not JSON at all.
    Different,
}

pub(super) fn init(mut args: InitArgs) -> Result<Exit, CliError> {
    let Some(target) = args.write_config.then(|| args.config_target.take()) else {
        return init_tracker(args);
    };
    let (force, dry_run) = (args.force, args.dry_run);
    let target = target.unwrap_or_else(|| PathBuf::from(crate::sys::config::FILE_NAME));
    // Refused before anything is written, so a refusal leaves nothing behind.
    if !force && !dry_run && std::fs::symlink_metadata(&target).is_ok() {
        return Err(WriteError::Exists(target.display().to_string()).into());
    }
    let config_only = args.file.is_none() && !args.write_schema;
    if !config_only {
        init_tracker(args)?;
    }
    super::config::template::write(&target, force, dry_run)?;
    if dry_run && config_only {
        writeln!(anstream::stderr(), "rectrack: nothing written (--dry-run)")?;
    }
    Ok(Exit::Success)
}

fn init_tracker(args: InitArgs) -> Result<Exit, CliError> {
    let catalog = args.choice.load()?;
    let Some(file) = &args.file else {
        // `init --write-schema` alone: only the schema, for trackers in `tracker/`.
        let target = schema_path(Path::new(DEFAULT_FOLDER), &args.schema_ref)?;
        write_schema(&catalog, &target, args.force, args.dry_run)?;
        if args.dry_run {
            writeln!(anstream::stderr(), "rectrack: nothing written (--dry-run)")?;
        }
        return Ok(Exit::Success);
    };
    refuse_undiscoverable(file, args.id.as_deref())?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = args.id.unwrap_or_else(|| scaffold::id_from_stem(&stem));
    let opts = InitOptions {
        title: args
            .title
            .unwrap_or_else(|| format!("Recommendation tracker {id}")),
        id,
        as_of: args.as_of.unwrap_or_else(today),
        schema_ref: args.schema_ref,
        catalog_ref: catalog_ref(args.choice.catalog.as_deref(), file)?,
    };
    // What init writes must pass `check`, and no argument may add a line to it.
    scaffold::validate(&opts, today()).map_err(|e| CliError::Usage(e.to_string()))?;
    let folder = file.parent().unwrap_or(Path::new(""));
    let remote = is_remote(&opts.schema_ref);
    let target = if args.write_schema {
        let target = schema_path(folder, &opts.schema_ref)?;
        // Refused before the tracker is written, so a refusal leaves nothing behind.
        if matches!(schema_target(&catalog, &target)?, SchemaTarget::Different) && !args.force {
            return Err(different_schema(&target));
        }
        Some(target)
    } else {
        None
    };
    let text = scaffold::scaffold(&catalog, &opts);
    put(file, &text, args.force, args.dry_run)?;
    let shown = file.display().to_string();
    let mut out = anstream::stdout();
    if args.dry_run {
        if let Some(target) = &target {
            write_schema(&catalog, target, args.force, true)?;
        }
        writeln!(anstream::stderr(), "rectrack: nothing written (--dry-run)")?;
        return Ok(Exit::Success);
    }
    writeln!(
        out,
        "wrote {} ({} steps at `unknown`); next: `rectrack source add` and `rectrack record` what the sources say, then `rectrack check {}`",
        escape::human(&shown),
        catalog.steps().count(),
        escape::human(&shell_word(&shown)),
    )?;
    if let Some(given) = args.choice.catalog.as_deref()
        && catalogs::is_path(given)
        && !reachable(Path::new(given), folder)
    {
        writeln!(
            out,
            "note: {} lies outside this folder and outside any git checkout holding the tracker: `rectrack check` refuses a catalog there; keep the catalog and the tracker in one checkout",
            escape::human(given)
        )?;
    }
    match target {
        Some(target) => write_schema(&catalog, &target, args.force, false)?,
        None if !remote => {
            let target = lexical(&folder.join(&opts.schema_ref));
            let hint = match schema_target(&catalog, &target) {
                Ok(SchemaTarget::Missing) => Some(("which does not exist", false)),
                Ok(SchemaTarget::Different) => {
                    Some(("which is not the schema this rectrack enforces", true))
                }
                // A folder or a FIFO there: `check` says so when it reads the modeline.
                Ok(SchemaTarget::Same) | Err(_) => None,
            };
            if let Some((what, replace)) = hint {
                writeln!(
                    out,
                    "note: the editor modeline points at {}, {what}: run {}",
                    escape::human(&opts.schema_ref),
                    escape::human(&schema_commands(
                        &opts.schema_ref,
                        &target,
                        replace,
                        args.choice.catalog.as_deref()
                    ))
                )?;
            }
        }
        None => {}
    }
    Ok(Exit::Success)
}

/// What the new tracker `file` writes as `catalog:` for `--catalog given`: nothing for
/// the default, a built-in's id, or the catalog file's path from the tracker's folder
/// (with `/`, as the tracker is read on any system).
fn catalog_ref(given: Option<&str>, file: &Path) -> Result<Option<String>, CliError> {
    let Some(given) = given else {
        return Ok(None);
    };
    if !catalogs::is_path(given) {
        return Ok((given != crate::model::catalog::BUILTIN_ID).then(|| given.to_string()));
    }
    let absolute = |p: &Path| -> Result<PathBuf, CliError> {
        // The folder may not exist yet (the write then fails and says so); the catalog
        // does (it was read), so it is taken with its links resolved.
        std::fs::canonicalize(p).or_else(|_| {
            let cwd = std::fs::canonicalize(std::env::current_dir()?)?;
            Ok(lexical(&cwd.join(p)))
        })
    };
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (target, from) = (absolute(Path::new(given))?, absolute(folder)?);
    let common = target
        .components()
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = from
        .components()
        .skip(common)
        .map(|_| "..".into())
        .collect();
    for part in target.components().skip(common) {
        // The tracker is text: a name that is not would be written as another path.
        let Some(part) = part.as_os_str().to_str() else {
            return Err(CliError::Usage(format!(
                "--catalog {given}: its path is not UTF-8, so a tracker cannot name it"
            )));
        };
        parts.push(part.to_string());
    }
    Ok(Some(parts.join("/")))
}

/// Whether `check`, run here, will follow a tracker in `folder` to the catalog file
/// `catalog`: it must lie inside the current directory or the tracker's git checkout.
fn reachable(catalog: &Path, folder: &Path) -> bool {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let mut roots: Vec<PathBuf> = read::current_dir_resolved().into_iter().collect();
    roots.extend(crate::sys::git::work_tree_of(folder));
    matches!(read::resolve_inside(catalog, &roots), Ok(Some(_)))
}

/// Refuses a FILE that `check` would never read: a folder, a name not ending in
/// `.yaml` or `.yml`, a hidden name (skipped when a folder is searched).
fn refuse_undiscoverable(file: &Path, id: Option<&str>) -> Result<(), CliError> {
    let shown = file.display().to_string();
    let ends_in_separator = shown.ends_with(std::path::MAIN_SEPARATOR) || shown.ends_with('/');
    match std::fs::metadata(file) {
        Ok(meta) if meta.is_dir() => return Err(folder_given(&shown, id)),
        _ if ends_in_separator => return Err(folder_given(&shown, id)),
        // A FIFO, a device, a socket: refused for what it is when written, whatever
        // its name.
        Ok(meta) if !meta.is_file() => return Ok(()),
        _ => {}
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_tracker_name(file) {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let better = file.with_file_name(format!("{}.yaml", stem.trim_start_matches('.')));
        return Err(CliError::Usage(format!(
            "{shown} would never be checked: `rectrack check` reads only files named *.yaml or *.yml; name it {}",
            better.display()
        )));
    }
    if name.starts_with('.') {
        let better = file.with_file_name(name.trim_start_matches('.'));
        return Err(CliError::Usage(format!(
            "{shown} would never be checked: `rectrack check` skips hidden files when it searches a folder; name it {}",
            better.display()
        )));
    }
    Ok(())
}

/// "tracker/ is a folder: give a file name such as tracker/new.yaml".
fn folder_given(shown: &str, id: Option<&str>) -> CliError {
    let folder = shown.trim_end_matches(['/', std::path::MAIN_SEPARATOR]);
    let folder = if folder.is_empty() { "/" } else { folder };
    let name = match id {
        Some(id) if scaffold::is_kebab_id(id) => id,
        _ => "new",
    };
    // `tracker/new.yaml/` is a slip of the keyboard: suggest the file it names.
    let example = if is_tracker_name(Path::new(folder)) && !Path::new(folder).is_dir() {
        PathBuf::from(folder)
    } else {
        Path::new(folder).join(format!("{name}.yaml"))
    };
    CliError::Usage(format!(
        "{shown} is a folder: give a file name such as {}",
        example.display()
    ))
}

/// Whether a modeline target is a URL, which rectrack never fetches nor writes.
fn is_remote(schema_ref: &str) -> bool {
    schema_ref.contains("://")
}

/// Where the modeline `schema_ref` of a tracker in `folder` points, for writing.
fn schema_path(folder: &Path, schema_ref: &str) -> Result<PathBuf, CliError> {
    if is_remote(schema_ref) {
        return Err(CliError::Usage(format!(
            "--schema-ref {schema_ref} is a URL: --write-schema writes a local file (rectrack never writes to, nor reads from, the network)"
        )));
    }
    Ok(lexical(&folder.join(schema_ref)))
}

/// What is at `target` now.
fn schema_target(catalog: &Catalog, target: &Path) -> Result<SchemaTarget, CliError> {
    match read::read_regular(target, crate::syntax::MAX_FILE_BYTES) {
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(SchemaTarget::Missing)
        }
        Err(e) => Err(CliError::Usage(format!(
            "the schema file {}: {e}",
            target.display()
        ))),
        Ok(None) => Ok(SchemaTarget::Different),
        Ok(Some(bytes)) => {
            let same = serde_json::from_slice::<serde_json::Value>(&bytes)
                .is_ok_and(|json| json == schema::generate(catalog));
            Ok(if same {
                SchemaTarget::Same
            } else {
                SchemaTarget::Different
            })
        }
    }
}

/// The refusal to replace a schema file that holds something else.
fn different_schema(target: &Path) -> CliError {
    CliError::Usage(format!(
        "{} exists and is not the schema this rectrack enforces: pass --force to replace it",
        target.display()
    ))
}

/// Writes the schema at `target` (atomically), unless it already holds it.
fn write_schema(
    catalog: &Catalog,
    target: &Path,
    force: bool,
    dry_run: bool,
) -> Result<(), CliError> {
    let shown = escape::human(&target.display().to_string()).into_owned();
    let mut out = anstream::stdout();
    match schema_target(catalog, target)? {
        SchemaTarget::Same => {
            // With --dry-run too: stdout is the diff, and there is none.
            let mut said: Box<dyn Write> = if dry_run {
                Box::new(anstream::stderr())
            } else {
                Box::new(out)
            };
            writeln!(said, "{shown} already holds the schema: left as it is")?;
        }
        SchemaTarget::Different if !force => return Err(different_schema(target)),
        SchemaTarget::Different | SchemaTarget::Missing => {
            let text = schema::to_file_text(&schema::generate(catalog));
            put(target, &text, force, dry_run)?;
            if dry_run {
                return Ok(());
            }
            writeln!(
                out,
                "wrote {shown}, the JSON Schema the editor modeline points at"
            )?;
        }
    }
    Ok(())
}

/// The commands that write the schema at `target`: `init --write-schema` when it
/// writes that very file (with `--force` to `replace` one), and `rectrack schema >
/// PATH` always.
fn schema_commands(
    schema_ref: &str,
    target: &Path,
    replace: bool,
    catalog: Option<&str>,
) -> String {
    let choice = catalog.map_or_else(String::new, |c| format!(" --catalog {}", shell_word(c)));
    let redirect = format!(
        "`rectrack schema{choice} > {}`",
        shell_word(&target.display().to_string())
    );
    let by_default = lexical(&Path::new(DEFAULT_FOLDER).join(schema_ref));
    if by_default != target {
        return redirect;
    }
    let mut init = format!("`rectrack init --write-schema{choice}");
    if schema_ref != scaffold::DEFAULT_SCHEMA_REF {
        init.push_str(&format!(" --schema-ref {}", shell_word(schema_ref)));
    }
    if replace {
        init.push_str(" --force");
    }
    init.push('`');
    format!("{init} or {redirect}")
}

/// `word` as one shell word: quoted when it holds anything but plain path characters.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_resolved_as_the_modeline_reader_does() {
        let p = |s: &str| lexical(Path::new(s));
        assert_eq!(
            p("tracker/../schema/x.json"),
            PathBuf::from("schema/x.json")
        );
        assert_eq!(p("../schema/x.json"), PathBuf::from("../schema/x.json"));
        assert_eq!(p("a/./b/../../.."), PathBuf::from(".."));
        assert_eq!(p("/a/../b"), PathBuf::from("/b"));
        assert_eq!(p("tracker/.."), PathBuf::from("."));
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("schema/x.json"), "schema/x.json");
        assert_eq!(shell_word("my schema/x.json"), "'my schema/x.json'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
