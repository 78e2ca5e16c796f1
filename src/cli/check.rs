//! `rectrack check`: validate trackers, and with `--base`, guard the record's history.

use super::Exit;
use super::exit::CliError;
use super::inputs::{Inputs, Prepared, machine, prepare, report_unreadable, unreadable_file};
use crate::check::base::{BaseInfo, Baseline, Removal};
use crate::check::checker::BaseCheck;
use crate::check::rules;
use crate::check::rules::append_only;
use crate::check::runner;
use crate::present::Render;
use crate::present::findings::{self, CheckRun, CheckedFile};
use crate::sys::git::Base;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    pub(super) inputs: Inputs,
    /// Fail (exit 1) on warnings too.
    #[arg(long, env = "RECTRACK_DENY_WARNINGS", value_parser = clap::builder::BoolishValueParser::new())]
    pub(super) deny_warnings: bool,
    /// Also compare with the base of the change: the merge base of REV and HEAD, as a
    /// pull request shows it. Trackers are matched by id wherever their files now live;
    /// recorded history may only grow (a changed entry needs a new correction), trackers,
    /// steps and cited sources stay, as_of never goes back. Default: `base` in
    /// rectrack.toml. The settings are then those of rectrack.toml at the base.
    #[arg(long, value_name = "REV", env = "RECTRACK_BASE")]
    pub(super) base: Option<String>,
    /// Compare with no base, whatever rectrack.toml or RECTRACK_BASE say.
    #[arg(long)]
    pub(super) no_base: bool,
    /// `base`, resolved while the settings were read.
    #[arg(skip)]
    pub(super) resolved: Option<Base>,
    /// Output format: human (default), json, github (workflow commands), junit, sarif.
    ///
    /// With no --format in GitHub Actions (GITHUB_ACTIONS=true), github annotations
    /// follow the human output.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(super) format: Option<CheckFormat>,
    /// Only read and parse the files (a benchmark's floor; no schema, no rules).
    #[arg(long, hide = true)]
    pub(super) parse_only: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum CheckFormat {
    Human,
    Json,
    Github,
    Junit,
    Sarif,
}

/// One checked file, kept until the end of a run for the formats that are one
/// document (only its findings) or whose verdict waits on other files (its text too).
pub(super) struct Kept {
    pub(super) shown: String,
    pub(super) findings: Vec<crate::check::finding::Finding>,
    /// Set for a file held back: its text, and the id of the base's tracker it replaced.
    pub(super) held: Option<(String, String)>,
    /// Its `id`, where it stands.
    pub(super) id: Option<crate::model::tracker::Spanned<String>>,
    pub(super) gone: bool,
    /// The file is a catalog.
    pub(super) catalog: bool,
}

pub(super) fn check(args: CheckArgs) -> Result<Exit, CliError> {
    // Resolve the base first: an unknown revision is a usage error before any work.
    let base = match &args.base {
        Some(_) if args.resolved.is_some() => args.resolved.clone(),
        Some(rev) => {
            let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Some(Base::resolve(&here, rev)?)
        }
        None => None,
    };
    let Prepared {
        mut checker,
        files,
        mut unreadable,
    } = prepare(&args.inputs)?;
    checker.parse_only = args.parse_only;
    let baseline = match base {
        Some(base) => Some(Baseline::load(
            base,
            &args.inputs.paths,
            &files,
            checker.limits,
        )?),
        None => None,
    };
    let base_check = baseline.as_ref().map(|b| BaseCheck {
        baseline: b,
        info: BaseInfo {
            rev: &b.base.rev,
            commit: b.base.short(),
            today: checker.context.today,
        },
    });
    let human = findings::Human {
        max_diagnostics: args.inputs.max_diagnostics,
    };
    let streaming = matches!(args.format, None | Some(CheckFormat::Human));
    if streaming {
        report_unreadable(&unreadable)?;
    }
    // Human output goes out file by file as batches finish; the other formats are one
    // document and keep only paths and findings (never the files' text) until the end.
    // A file whose id differs from the base's tracker at its path is held back: whether
    // that tracker lives on elsewhere is known only once every file is read.
    let mut kept: Vec<Kept> = Vec::new();
    // Ids seen so far, with the first file that had each: a later file with the same
    // id is a duplicate, told where the first one is.
    let mut ids: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut not_parsed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = anstream::stdout().lock();
    let jobs = args.inputs.jobs.unwrap_or_else(runner::default_jobs);
    runner::check_all(
        &checker,
        &files,
        base_check.as_ref(),
        jobs,
        |path, result| {
            match result {
                Ok(mut checked) => {
                    let shown = path.display().to_string();
                    // Only the id is needed from here on: the typed tracker (of a large
                    // file, several times its size) is let go before the output is made.
                    let id = checked.tracker.take().and_then(|t| t.id);
                    match &id {
                        Some(id) => match ids.get(&id.value) {
                            Some(first) => checked
                                .findings
                                .push(rules::semantic::duplicate_id(&id.value, id.span, first)),
                            None => {
                                ids.insert(id.value.clone(), shown.clone());
                            }
                        },
                        None => {
                            if let Some(p) = &checked.repo_path {
                                not_parsed.insert(p.clone());
                            }
                        }
                    }
                    crate::check::finding::tidy(&mut checked.findings);
                    let held = checked
                        .replaces
                        .take()
                        .map(|old| (std::mem::take(&mut checked.text), old));
                    if streaming && held.is_none() {
                        let file = CheckedFile {
                            path: &shown,
                            text: &checked.text,
                            findings: &checked.findings,
                            gone: false,
                            catalog: checked.is_catalog,
                        };
                        out.write_all(human.file(&file).as_bytes())?;
                    }
                    kept.push(Kept {
                        shown,
                        findings: checked.findings,
                        held,
                        id,
                        gone: false,
                        catalog: checked.is_catalog,
                    });
                }
                Err(e) => {
                    let u = unreadable_file(path, &e);
                    if streaming {
                        report_unreadable(std::slice::from_ref(&u))?;
                    }
                    unreadable.push(u);
                }
            }
            Ok::<(), CliError>(())
        },
    )?;
    if let Some(b) = &base_check {
        let ids_now = ids.into_keys().collect();
        settle_removed(&mut kept, b, &ids_now, &not_parsed);
    }
    if streaming {
        for k in kept.iter().filter(|k| k.held.is_some() || k.gone) {
            let text = k.held.as_ref().map_or("", |(text, _)| text.as_str());
            let file = CheckedFile {
                path: &k.shown,
                text,
                findings: &k.findings,
                gone: k.gone,
                catalog: k.catalog,
            };
            out.write_all(human.file(&file).as_bytes())?;
        }
    }
    let run = CheckRun {
        files: kept
            .iter()
            .map(|k| CheckedFile {
                path: &k.shown,
                text: "",
                findings: &k.findings,
                gone: k.gone,
                catalog: k.catalog,
            })
            .collect(),
        unreadable: &unreadable,
        deny_warnings: args.deny_warnings,
    };
    match args.format {
        None | Some(CheckFormat::Human) => {
            out.write_all(human.summary(&run).as_bytes())?;
            // In GitHub Actions, annotations come for free, as yamllint does it; an
            // explicit --format is taken at its word.
            if args.format.is_none() && std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true") {
                out.write_all(findings::Github.render(&run).as_bytes())?;
            }
        }
        // Machine formats go to the plain stdout: never coloured, whatever --color or
        // CLICOLOR_FORCE say, and never with escapes stripped or added on the way.
        Some(CheckFormat::Json) => machine(out, &findings::Json.render(&run))?,
        Some(CheckFormat::Github) => machine(out, &findings::Github.render(&run))?,
        Some(CheckFormat::Junit) => {
            let junit = findings::Junit {
                with_base: base_check.is_some(),
            };
            machine(out, &junit.render(&run))?;
        }
        Some(CheckFormat::Sarif) => machine(out, &findings::Sarif.render(&run))?,
    }
    Ok(run.exit())
}

/// Once every file is read: the base's trackers whose id is in no checked file now are
/// `tracker-removed`, said in the file that now holds another id at their path (at its
/// id), or at the old path when the file is gone.
pub(super) fn settle_removed(
    kept: &mut Vec<Kept>,
    b: &BaseCheck<'_>,
    ids_now: &std::collections::HashSet<String>,
    not_parsed: &std::collections::HashSet<String>,
) {
    let held: Vec<usize> = (0..kept.len())
        .filter(|&i| kept[i].held.is_some())
        .collect();
    let old_ids: Vec<&str> = held
        .iter()
        .filter_map(|&i| Some(kept[i].held.as_ref()?.1.as_str()))
        .collect();
    let mut gone = Vec::new();
    for removal in b.baseline.settle_removed(ids_now, not_parsed, &old_ids) {
        match removal {
            Removal::Replaced { index, old_id } => {
                let k = &mut kept[held[index]];
                let now = k.id.as_ref().map(|i| (i.value.as_str(), i.span));
                let finding = append_only::removed_finding(old_id, &k.shown, now, &b.info);
                k.findings.push(finding);
                crate::check::finding::tidy(&mut k.findings);
            }
            Removal::Gone { id, tracker } => gone.push(Kept {
                shown: tracker.shown.clone(),
                findings: vec![append_only::removed_finding(
                    id,
                    &tracker.shown,
                    None,
                    &b.info,
                )],
                held: None,
                id: None,
                gone: true,
                catalog: false,
            }),
        }
    }
    kept.extend(gone);
}
