//! `rectrack schema`: the JSON Schema for tracker files, generated from the catalog.

use super::Exit;
use super::catalog::CatalogChoice;
use super::exit::CliError;
use crate::model::schema;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub(super) struct SchemaArgs {
    #[command(flatten)]
    pub(super) choice: CatalogChoice,
}

pub(super) fn schema(args: SchemaArgs) -> Result<Exit, CliError> {
    let text = schema::to_file_text(&schema::generate(&args.choice.load()?));
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(Exit::Success)
}
