//! `rectrack catalog`: the catalog's recommendations and steps, and their sources.

use super::Exit;
use super::args::lang_code_arg;
use super::exit::CliError;
use crate::model::catalog::Catalog;
use crate::present::i18n::{self, Messages};
use crate::present::{Render, catalog};
use clap::{Args, ValueEnum};
use std::io::Write;

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
    /// Language of titles and descriptions: one of the catalog's or of rectrack's
    /// (rectrack's own words in English where it has no translation).
    #[arg(long, value_parser = lang_code_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG")]
    pub(super) lang: String,
}

pub(super) fn catalog(args: CatalogArgs) -> Result<Exit, CliError> {
    let catalog = Catalog::builtin()?;
    let m = Messages::for_catalogs(&args.lang, [&catalog])?;
    let text = match args.format {
        CatalogFormat::Table => catalog::Table(&m).render(&catalog),
        CatalogFormat::Markdown => catalog::Markdown(&m).render(&catalog),
        CatalogFormat::Json => catalog::Json(&m).render(&catalog),
    };
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(Exit::Success)
}
