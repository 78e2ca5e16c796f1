//! `rectrack schema`: the JSON Schema for tracker files, generated from the catalog.

use super::Exit;
use super::exit::CliError;
use crate::model::catalog::Catalog;
use crate::model::schema;
use std::io::Write;

pub(super) fn schema() -> Result<Exit, CliError> {
    let text = schema::to_file_text(&schema::generate(&Catalog::builtin()?));
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(Exit::Success)
}
