//! `rectrack catalog`: the catalog's recommendations and steps, and their sources.

use super::Exit;
use super::args::lang_code_arg;
use super::exit::CliError;
use crate::check::catalogs::{self, Unloadable};
use crate::check::suggest::did_you_mean;
use crate::model::catalog::{self as model, Catalog};
use crate::present::i18n::{self, Messages};
use crate::present::{Render, catalog};
use crate::syntax::Limits;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum CatalogFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(super) struct CatalogArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Table)]
    pub(super) format: CatalogFormat,
    #[command(flatten)]
    pub(super) choice: CatalogChoice,
    /// Language of titles and descriptions: one of the catalog's or of rectrack's
    /// (rectrack's own words in English where it has no translation).
    #[arg(long, value_parser = lang_code_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG", env = "RECTRACK_LANG")]
    pub(super) lang: String,
}

pub(super) fn catalog(args: CatalogArgs) -> Result<Exit, CliError> {
    let catalog = args.choice.load()?;
    let m = Messages::for_catalogs(&args.lang, [&catalog])?;
    let text = match args.format {
        CatalogFormat::Table => catalog::Table(&m).render(&catalog),
        CatalogFormat::Markdown => catalog::Markdown(&m).render(&catalog),
        CatalogFormat::Json => catalog::Json(&m).render(&catalog),
    };
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(Exit::Success)
}

/// `--catalog C`, for the commands about one catalog.
#[derive(Debug, Args)]
pub(super) struct CatalogChoice {
    /// The catalog: a built-in id (default: mali-jnim-dialogue), or the path of a
    /// catalog file (ending .yaml or .yml) from the current directory.
    #[arg(long, value_name = "CATALOG")]
    pub(super) catalog: Option<String>,
}

impl CatalogChoice {
    /// The catalog chosen, or a usage error saying why it cannot be had. The path is
    /// the user's own argument, so it is read wherever it leads (but only a regular
    /// file, within the size limit, as everywhere).
    pub(super) fn load(&self) -> Result<Catalog, CliError> {
        let Some(given) = self.catalog.as_deref() else {
            return Ok(Catalog::builtin()?);
        };
        if !catalogs::is_path(given) {
            let ids = model::builtin_ids();
            if !ids.contains(&given) {
                return Err(CliError::Usage(format!(
                    "--catalog {given}: no built-in catalog has this id{} (built in: {}); a catalog file is named by its path, ending .yaml or .yml",
                    did_you_mean(given, ids.iter().copied()),
                    ids.join(", ")
                )));
            }
            return Ok(Catalog::builtin_named(given)?);
        }
        catalogs::read_file(Path::new(given), &Limits::default()).map_err(|(why, detail)| {
            let said = match why {
                Unloadable::NotRegular => "not a regular file".to_string(),
                Unloadable::TooLarge(max) => format!("larger than {max} bytes"),
                Unloadable::Unreadable(e) => e,
                Unloadable::NotText => format!("not UTF-8 text ({detail})"),
                Unloadable::NotYaml => format!("not well-formed YAML ({detail})"),
                Unloadable::NotCatalog => {
                    format!("not a catalog: it has no `{}:` key", model::FORMAT_KEY)
                }
                Unloadable::Invalid | Unloadable::NoSchema => {
                    format!("the catalog has errors ({detail}); run `rectrack check {given}` for details")
                }
            };
            CliError::Usage(format!("--catalog {given}: {said}"))
        })
    }
}
