//! `rectrack explain`: a rule's explanation and examples, or the list of rules.

use super::Exit;
use super::exit::CliError;
use crate::check::rules::{self, RULES};
use crate::check::suggest::closest;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub(super) struct ExplainArgs {
    /// A rule id, such as status-mismatch.
    pub(super) rule: Option<String>,
}

pub(super) fn explain(args: ExplainArgs) -> Result<Exit, CliError> {
    let mut out = anstream::stdout().lock();
    let Some(id) = args.rule else {
        out.write_all(crate::check::rules::table().as_bytes())?;
        return Ok(Exit::Success);
    };
    let Some(rule) = rules::find(&id) else {
        // One sentence per clause: the suggestion is a question of its own.
        let suggestion = closest(&id, RULES.iter().map(|r| r.id))
            .map_or(String::new(), |c| format!(": did you mean `{c}`?"));
        return Err(CliError::Usage(format!(
            "unknown rule `{id}`{suggestion} (`rectrack explain` lists them all)"
        )));
    };
    out.write_all(crate::check::rules::explain(rule).as_bytes())?;
    Ok(Exit::Success)
}
