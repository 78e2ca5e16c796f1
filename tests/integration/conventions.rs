//! The conventions of a Rust CLI: completion scripts each shell accepts, man pages `man`
//! reads without a warning, a long `--version` that names the commit and date and that
//! the machine outputs repeat, and SARIF valid against the official SARIF 2.1.0 schema.

use crate::{rectrack, root, run, skip_or_fail};
use clap::CommandFactory;
use std::path::Path;
use std::process::Command;

// The build script, compiled here too: its git logic is tested on scratch repositories
// (a real package build from a tarball takes minutes).
#[allow(dead_code)]
#[path = "../../build.rs"]
mod build_script;

/// `text` with this build's version, commit and date taken out, so snapshots do not
/// change with every commit: the long and short versions become `VERSION`, and the JSON
/// lines that hold the commit and the date (absent in a build without git) go.
pub fn redact_build(text: &str) -> String {
    use rectrack::present::version;
    let drop: Vec<String> = [("commit", version::commit()), ("date", version::date())]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| format!("\"{key}\": \"{v}\",")))
        .collect();
    let mut out: String = text
        .split_inclusive('\n')
        .filter(|line| !drop.iter().any(|d| line.trim() == d))
        .collect();
    out = out.replace(version::LONG, "VERSION");
    out.replace(version::SEMVER, "VERSION")
}

/// The output of a tool run (stdout, stderr), or `None` when it is not installed.
fn tool(program: &str, args: &[&str], dir: &Path) -> Option<(bool, String, String)> {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .env("GIT_AUTHOR_DATE", "2001-02-03T23:05:06Z")
        .env("GIT_COMMITTER_DATE", "2001-02-03T23:05:06Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

// --- version ---------------------------------------------------------------------

#[test]
fn short_version_is_plain_and_long_names_the_commit_and_date() {
    let (code, short, _) = run(rectrack().arg("-V"));
    assert_eq!(code, 0);
    assert_eq!(short, format!("rectrack {}\n", env!("CARGO_PKG_VERSION")));
    let (code, long, _) = run(rectrack().arg("--version"));
    assert_eq!(code, 0);
    // The real value, from git, when the tests run in a checkout (CI's clone is one).
    let top = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(root())
        .output();
    let in_checkout = top.is_ok_and(|o| {
        o.status.success()
            && std::fs::canonicalize(String::from_utf8_lossy(&o.stdout).trim()).ok()
                == std::fs::canonicalize(root()).ok()
    });
    if !in_checkout {
        assert_eq!(long, short, "no git: the long version is the short one");
        return;
    }
    let commit = git(&root(), &["rev-parse", "--short=7", "HEAD"]);
    let date = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(_) => rectrack::present::version::date().unwrap().to_string(),
        Err(_) => git(
            &root(),
            &[
                "log",
                "-1",
                "--date=format-local:%Y-%m-%d",
                "--format=%cd",
                "HEAD",
            ],
        ),
    };
    assert_eq!(
        long,
        format!("rectrack {} ({commit} {date})\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn machine_outputs_carry_the_version_that_version_prints() {
    let (_, long, _) = run(rectrack().arg("--version"));
    let long = long.trim().strip_prefix("rectrack ").unwrap().to_string();
    let semver = env!("CARGO_PKG_VERSION");
    // `0.1.0 (5fb76ab 2026-12-03)` → the commit and the date, when there are.
    let inside = long
        .strip_prefix(semver)
        .unwrap()
        .trim()
        .trim_matches(['(', ')']);
    let mut parts = inside.split(' ').filter(|p| !p.is_empty());
    let (commit, date) = (parts.next(), parts.next());
    let check = |format: &str| {
        let (code, out, err) = run(rectrack().args([
            "check",
            "--format",
            format,
            "--today",
            crate::TODAY,
            crate::SHIPPED,
        ]));
        assert_eq!(code, 0, "{err}");
        out
    };
    let json: serde_json::Value = serde_json::from_str(&check("json")).unwrap();
    assert_eq!(json["tool"]["name"], "rectrack");
    assert_eq!(json["tool"]["version"], semver);
    assert_eq!(json["tool"]["commit"].as_str(), commit);
    assert_eq!(json["tool"]["date"].as_str(), date);
    let sarif: serde_json::Value = serde_json::from_str(&check("sarif")).unwrap();
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], long.as_str());
    assert_eq!(driver["semanticVersion"], semver);
    let junit = check("junit");
    let property = format!("<property name=\"rectrack.version\" value=\"{long}\"/>");
    assert!(junit.contains(&property), "{property} in {junit}");
}

#[test]
fn the_build_script_takes_git_only_from_its_own_checkout() {
    use build_script::{git_info, utc_date};
    assert_eq!(utc_date(0), "1970-01-01");
    assert_eq!(utc_date(-43_200), "1969-12-31");
    assert_eq!(utc_date(951_912_000), "2000-03-01");
    assert_eq!(utc_date(1_709_208_000), "2024-02-29");
    assert_eq!(utc_date(1_796_299_200), "2026-12-03");
    let dir = tempfile::tempdir().unwrap();
    // Not a repository at all: the plain version.
    assert!(git_info(dir.path()).is_none());
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join("f"), "x").unwrap();
    git(&repo, &["add", "f"]);
    git(
        &repo,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "--no-verify",
            "-q",
            "-m",
            "m",
        ],
    );
    let info = git_info(&repo).expect("the top of a work tree");
    assert_eq!(info.commit, git(&repo, &["rev-parse", "--short=7", "HEAD"]));
    assert_eq!(utc_date(info.time), "2001-02-03");
    assert!(
        info.watch.iter().any(|p| p.ends_with("HEAD")),
        "{:?}",
        info.watch
    );
    assert!(
        info.watch.iter().any(|p| p.ends_with("refs/heads/main")),
        "the branch HEAD names: {:?}",
        info.watch
    );
    // A package unpacked inside another repository must not take its commit.
    let unpacked = repo.join("rectrack-0.1.0");
    std::fs::create_dir(&unpacked).unwrap();
    assert!(git_info(&unpacked).is_none());
}

// --- completions -----------------------------------------------------------------

/// Runs `shell -n` (its syntax check) on `script`: `None` when the shell is missing.
fn syntax_ok(shell: &str, script: &str) -> Option<(bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("script");
    std::fs::write(&file, script).unwrap();
    let path = file.to_str().unwrap();
    let (ok, out, err) = if shell == "pwsh" {
        let parse = format!(
            "$e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('{path}', [ref]$null, [ref]$e); if ($e.Count) {{ $e; exit 1 }}"
        );
        tool(
            "pwsh",
            &["-NoProfile", "-NonInteractive", "-Command", &parse],
            dir.path(),
        )?
    } else {
        tool(shell, &["-n", path], dir.path())?
    };
    Some((ok, format!("{out}{err}")))
}

#[test]
fn each_completion_script_passes_its_shells_syntax_check() {
    for (shell, name) in [
        ("bash", "bash"),
        ("zsh", "zsh"),
        ("fish", "fish"),
        ("powershell", "pwsh"),
    ] {
        let (code, script, err) = run(rectrack().args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        assert!(script.contains("rectrack"), "{shell}: {script}");
        match syntax_ok(name, &script) {
            Some((ok, said)) => {
                assert!(ok, "{name} -n refuses the {shell} script: {said}");
                // The check itself can fail: a broken script is refused.
                let (broken, _) = syntax_ok(name, "if (\n").unwrap();
                assert!(!broken, "{name}'s syntax check accepts anything");
            }
            // PowerShell is checked where it is installed, never required.
            None if name == "pwsh" => eprintln!("skipped: pwsh is not installed"),
            None => skip_or_fail(&format!("{name} is not installed (.ci/run installs it)")),
        }
    }
    let (code, _, err) = run(rectrack().args(["completions", "tcsh"]));
    assert_eq!(code, 2, "an unknown shell is a usage error");
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn bash_completes_commands_and_options() {
    let (_, script, _) = run(rectrack().args(["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rectrack.bash"), script).unwrap();
    // What bash's completion machinery does on TAB: set COMP_WORDS and COMP_CWORD and
    // call the function `complete -p` names with (command, word, previous word).
    let session = r#"
source ./rectrack.bash
complete -p rectrack
ask() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=(); _rectrack rectrack "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  echo "$* => ${COMPREPLY[*]}"; }
ask rectrack ch
ask rectrack check --fo
ask rectrack check --format s
ask rectrack so
"#;
    let Some((ok, out, err)) = tool("bash", &["-c", session], dir.path()) else {
        skip_or_fail("bash is not installed");
        return;
    };
    assert!(ok, "{err}");
    assert!(out.contains("-F _rectrack rectrack"), "{out}");
    assert!(out.contains("rectrack ch => check\n"), "{out}");
    assert!(out.contains("rectrack check --fo => --format\n"), "{out}");
    assert!(
        out.contains("rectrack check --format s => sarif\n"),
        "{out}"
    );
    assert!(out.contains("rectrack so => source\n"), "{out}");
}

// --- man pages -------------------------------------------------------------------

/// Every command as its man page is named, with its long options.
fn commands() -> Vec<(String, Vec<String>)> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<(String, Vec<String>)>) {
        let name = if prefix.is_empty() {
            cmd.get_name().to_string()
        } else {
            format!("{prefix}-{}", cmd.get_name())
        };
        let options = cmd
            .get_arguments()
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .collect();
        out.push((name.clone(), options));
        for sub in cmd.get_subcommands() {
            walk(sub, &name, out);
        }
    }
    let mut out = Vec::new();
    walk(&rectrack::cli::Cli::command(), "", &mut out);
    out
}

#[test]
fn man_reads_every_page_without_a_warning_and_each_lists_its_options() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let (code, _, err) = run(rectrack().args(["man", "--output-dir"]).arg(&pages));
    assert_eq!(code, 0, "{err}");
    let expected = commands();
    let mut written: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut names: Vec<String> = expected.iter().map(|(n, _)| format!("{n}.1")).collect();
    names.sort();
    assert_eq!(written, names);
    assert!(names.contains(&"rectrack-source-add.1".to_string()));
    // `rectrack man check` prints the page `--output-dir` wrote.
    let (_, printed, _) = run(rectrack().args(["man", "check"]));
    assert_eq!(
        printed,
        std::fs::read_to_string(pages.join("rectrack-check.1")).unwrap()
    );
    let (_, printed, _) = run(rectrack().args(["man", "source", "add"]));
    assert!(printed.contains(".TH rectrack-source-add 1"), "{printed}");
    for (name, options) in &expected {
        let page = pages.join(format!("{name}.1"));
        let page = page.to_str().unwrap();
        // groff with every warning on (-ww), output discarded (-z): stderr must be empty.
        match tool("groff", &["-man", "-Tutf8", "-ww", "-z", page], dir.path()) {
            Some((ok, _, err)) => assert!(ok && err.is_empty(), "groff warns on {name}: {err}"),
            None => skip_or_fail("groff is not installed (.ci/run installs it)"),
        }
        let out = Command::new("man")
            .args(["-P", "cat", "-l", page])
            .env("MANWIDTH", "200")
            .env("LC_ALL", "C")
            .env("MAN_KEEP_FORMATTING", "")
            .output();
        let Ok(out) = out else {
            skip_or_fail("man is not installed (.ci/run installs man-db)");
            continue;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && err.is_empty(),
            "man -l {name}: {err}"
        );
        assert!(
            text.contains("NAME") && text.contains(name.as_str()),
            "{text}"
        );
        for option in options {
            assert!(
                text.contains(option.as_str()),
                "{name}: {option} in\n{text}"
            );
        }
    }
}

#[test]
fn man_refuses_to_overwrite_without_force_and_unknown_commands() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("rectrack-check.1"), "mine").unwrap();
    let (code, _, err) = run(rectrack().args(["man", "--output-dir"]).arg(&pages));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists (use --force"), "{err}");
    assert_eq!(
        std::fs::read_dir(&pages).unwrap().count(),
        1,
        "all or nothing: no page written"
    );
    let (code, _, err) = run(rectrack()
        .args(["man", "--force", "--output-dir"])
        .arg(&pages));
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(pages.join("rectrack-check.1"))
            .unwrap()
            .starts_with(".ie")
    );
    // A file where the folder should be: an error, not a panic.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let (code, _, err) = run(rectrack().args(["man", "--output-dir"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = run(rectrack().args(["man", "chek\u{1b}[31m"]));
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("no command"), "{err}");
    assert!(!err.contains('\u{1b}'), "the name is escaped: {err:?}");
    let (code, _, _) = run(rectrack().args(["man", "--force"]));
    assert_eq!(code, 2, "--force needs --output-dir");
    let (code, _, _) = run(rectrack()
        .args(["man", "check", "--output-dir"])
        .arg(&pages));
    assert_eq!(code, 2, "a command or --output-dir, not both");
}

// --- SARIF against its standard --------------------------------------------------

/// The official SARIF 2.1.0 schema (tests/vendor/sarif-2.1.0/README.md), compiled.
fn sarif_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("tests/vendor/sarif-2.1.0/sarif-schema-2.1.0.json"))
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["id"], rectrack::present::findings::SCHEMA_URI);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// Every `uri` in `doc` that is not an RFC 3986 URI reference. The schema says
/// `format: uri-reference`, a format draft-04 does not know (so it asserts nothing
/// there): it is checked apart, with the draft-07 format.
fn bad_uris(doc: &serde_json::Value) -> Vec<String> {
    let format = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&serde_json::json!({"type": "string", "format": "uri-reference"}))
        .unwrap();
    let mut bad = Vec::new();
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    if key == "uri" && !format.is_valid(value) {
                        bad.push(value.to_string());
                    }
                    stack.push(value);
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    bad
}

fn assert_valid(validator: &jsonschema::Validator, what: &str, doc: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    assert_eq!(bad_uris(doc), Vec::<String>::new(), "{what}");
}

#[test]
fn the_schema_check_can_fail() {
    let validator = sarif_validator();
    let (_, out, _) = run(rectrack().args([
        "check",
        "--format",
        "sarif",
        "tests/fixtures/several-problems.yaml",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_valid(&validator, "as written", &doc);
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken), "line 0");
    let mut broken = doc.clone();
    broken["runs"][0]["columnKind"] = "bytes".into();
    assert!(!validator.is_valid(&broken), "an unknown column kind");
    let mut broken = doc;
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "a b#c d".into();
    assert_eq!(bad_uris(&broken), ["\"a b#c d\""], "a URI with a blank");
}

#[test]
fn sarif_is_valid_for_valid_invalid_unreadable_and_hostile_runs() {
    let validator = sarif_validator();
    let (sandbox, trackers) = crate::sandbox();
    let hostile = "a b%#?é\\[x]:ü.yaml";
    let text =
        crate::read(crate::SHIPPED).replacen("title: Dialogue", "surprise: 1\ntitle: Dialogue", 1);
    std::fs::write(trackers.join(hostile), &text).unwrap();
    let absolute = trackers.join(hostile);
    let top = root();
    let runs: Vec<(&str, Vec<String>, &Path, i32)> = vec![
        ("valid", vec![crate::SHIPPED.into()], &top, 0),
        (
            "invalid",
            vec!["tests/fixtures/several-problems.yaml".into()],
            &top,
            1,
        ),
        ("unreadable", vec!["no/such file#1.yaml".into()], &top, 2),
        (
            "hostile, relative",
            vec![format!("tracker/{hostile}")],
            sandbox.path(),
            1,
        ),
        (
            "hostile, absolute",
            vec![absolute.to_str().unwrap().into()],
            sandbox.path(),
            1,
        ),
        (
            "up and over",
            vec![format!("../tracker/{hostile}")],
            &trackers,
            1,
        ),
    ];
    let mut uris = Vec::new();
    for (what, args, dir, expected) in runs {
        let m = crate::measure_in(
            dir,
            &[
                &["check", "--format", "sarif", "--today", crate::TODAY][..],
                &args.iter().map(String::as_str).collect::<Vec<_>>(),
            ]
            .concat(),
            None,
        );
        assert_eq!(m.code, expected, "{what}: {}", m.stderr);
        let doc: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
        assert_valid(&validator, what, &doc);
        let run = &doc["runs"][0];
        assert_eq!(doc["$schema"], rectrack::present::findings::SCHEMA_URI);
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let location = if expected == 2 {
            &run["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]
        } else if expected == 1 {
            let result = &run["results"][0];
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                run["tool"]["driver"]["rules"][index]["id"], result["ruleId"],
                "{what}"
            );
            &result["locations"][0]
        } else {
            continue;
        };
        uris.push(location["physicalLocation"]["artifactLocation"].clone());
    }
    let base = "%SRCROOT%";
    let encoded = "a%20b%25%23%3F%C3%A9%5C%5Bx%5D%3A%C3%BC.yaml";
    assert_eq!(
        uris[0],
        serde_json::json!({"uri": "tests/fixtures/several-problems.yaml", "uriBaseId": base})
    );
    assert_eq!(
        uris[1],
        serde_json::json!({"uri": "no/such%20file%231.yaml", "uriBaseId": base})
    );
    assert_eq!(
        uris[2],
        serde_json::json!({"uri": format!("tracker/{encoded}"), "uriBaseId": base})
    );
    let abs = uris[3]["uri"].as_str().unwrap();
    assert!(
        abs.starts_with("file:///") && !abs.starts_with("file:////"),
        "{abs}"
    );
    assert!(abs.ends_with(&format!("/tracker/{encoded}")), "{abs}");
    assert!(
        uris[3].get("uriBaseId").is_none(),
        "an absolute URI takes no base"
    );
    assert_eq!(
        uris[4],
        serde_json::json!({"uri": format!("../tracker/{encoded}"), "uriBaseId": base})
    );
}
