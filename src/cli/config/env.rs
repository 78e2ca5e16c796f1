//! `RECTRACK_*` variables clap reads (its `env` feature): a bad value is a usage error
//! that names the variable, not the option the user never typed.

use crate::present::text::escape;

/// When clap refused a value: the first variable one of `cmd`'s options reads whose
/// value that option's parser refuses, as a sentence. `None`: no variable is to blame
/// (the value was typed).
pub(in crate::cli) fn bad_variable(cmd: &mut clap::Command) -> Option<String> {
    cmd.build();
    find(cmd)
}

fn find(cmd: &clap::Command) -> Option<String> {
    for arg in cmd.get_arguments() {
        // clap takes a variable's name as a `'static` string: the settings' own.
        let Some(name) = arg.get_env().and_then(|env| {
            crate::model::config::KEYS
                .iter()
                .map(|k| k.env)
                .find(|k| !k.is_empty() && std::ffi::OsStr::new(k) == env)
        }) else {
            continue;
        };
        if std::env::var_os(name).is_none() {
            continue;
        }
        // The option alone, with its parser and its variable, in a command of its own:
        // clap parses the variable as it did, and says what it says.
        let alone = clap::Arg::new("value")
            .long("value")
            .env(name)
            .action(arg.get_action().clone())
            .value_parser(arg.get_value_parser().clone());
        let probe = clap::Command::new("rectrack")
            .no_binary_name(true)
            .arg(alone);
        if let Err(e) = probe.try_get_matches_from(std::iter::empty::<&str>()) {
            // clap's own reason, after its "invalid value '...' for '--value <value>'".
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            let reason = first.split_once("': ").map_or("", |(_, r)| r);
            let value = std::env::var_os(name).unwrap_or_default();
            let option = arg.get_long().map_or_else(
                || arg.get_id().to_string().to_uppercase(),
                |l| format!("--{l}"),
            );
            return Some(format!(
                "environment variable {name}=`{}` is not a valid value for {option}{}",
                escape::human(&value.to_string_lossy()),
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(": {}", escape::human(reason))
                },
            ));
        }
    }
    cmd.get_subcommands().find_map(find)
}
