//! Every command as a new user runs it: exit codes, files written, messages.

use crate::{SHIPPED, diagnostics, read, rectrack, root, run};

#[test]
fn the_shipped_tracker_is_valid_with_the_default_path() {
    let (code, stdout, stderr) = run(rectrack().arg("check"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "checked 1 file: no problems\n");
}

#[test]
fn the_committed_schema_is_what_rectrack_schema_prints() {
    let (code, stdout, _) = run(rectrack().arg("schema"));
    assert_eq!(code, 0);
    assert!(
        stdout == read("schema/tracker.schema.json"),
        "schema/tracker.schema.json is stale: run `cargo run -- schema > schema/tracker.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn the_schema_uses_only_draft_07_keywords() {
    // Keywords of later drafts that editors on draft-07 would silently ignore.
    let later = [
        "$defs",
        "unevaluatedProperties",
        "unevaluatedItems",
        "dependentRequired",
        "dependentSchemas",
        "prefixItems",
        "$anchor",
        "$dynamicRef",
        "minContains",
        "maxContains",
        "markdownDescription",
    ];
    let text = read("schema/tracker.schema.json");
    for word in later {
        assert!(
            !text.contains(&format!("\"{word}\"")),
            "schema uses `{word}`"
        );
    }
}

#[test]
fn init_writes_a_valid_tracker_and_never_overwrites() {
    let (dir, _) = crate::sandbox();
    let file = dir.path().join("new-dir/Gao Talks.yaml");
    let (code, stdout, stderr) = run(rectrack()
        .arg("init")
        .arg(&file)
        .args(["--as-of", "2022-03-01"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("14 steps at `unknown`"), "{stdout}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/tracker.schema.json\n"));
    assert!(text.contains("id: gao-talks\n"), "{text}");
    let (code, stdout, _) = run(rectrack()
        .args(["check", "--today", "2022-03-01"])
        .arg(&file));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("no problems\n"), "{stdout}");

    std::fs::write(&file, "my work\n").unwrap();
    let (code, _, stderr) = run(rectrack().arg("init").arg(&file));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("already exists (use --force to overwrite it)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "my work\n",
        "nothing lost"
    );

    let (code, _, _) = run(rectrack().arg("init").arg("--force").arg(&file));
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("schema_version: 1")
    );
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    let (code, _, stderr) = run(rectrack()
        .arg("init")
        .arg(dir.path().join("x.yaml"))
        .args(["--id", "Not_Kebab"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a kebab-case id"), "{stderr}");
}

#[test]
fn usage_and_io_problems_exit_2_with_a_message() {
    let (code, _, stderr) = run(rectrack().args(["check", "no/such/file.yaml"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("rectrack: error: no/such/file.yaml:"),
        "{stderr}"
    );

    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(rectrack().arg("check").arg(empty.path()));
    assert_eq!(
        code, 2,
        "a directory with no tracker must not pass silently"
    );
    assert!(
        stderr.contains("no tracker files (*.yaml, *.yml) found"),
        "{stderr}"
    );

    let (code, _, stderr) = run(rectrack().args(["check", "--today", "2022-13-01"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`2022-13-01` is not a date: there is no month 13"),
        "{stderr}"
    );

    let (code, _, stderr) = run(rectrack().args(["frobnicate"]));
    assert_eq!(code, 2, "{stderr}");

    // A missing file does not stop the others from being checked, and outranks them.
    let (code, stdout, _) = run(rectrack().args(["check", "missing.yaml", SHIPPED]));
    assert_eq!(code, 2);
    assert!(
        stdout.contains(
            "1 path could not be read (see above); checked 1 file, with no errors or warnings in it"
        ),
        "{stdout}"
    );
}

#[test]
fn directories_are_searched_and_files_counted_once() {
    let (_sandbox, dir) = crate::sandbox();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::copy(root().join(SHIPPED), dir.join("a.yaml")).unwrap();
    // A second tracker: its own id (two files with one id are `duplicate-id`).
    let nested = read(SHIPPED)
        .replace("$schema=../schema/", "$schema=../../schema/")
        .replace("\nid: mali-jnim-dialogue\n", "\nid: second-copy\n");
    std::fs::write(dir.join("sub/b.yml"), nested).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a tracker").unwrap();
    let (code, stdout, _) = run(rectrack().arg("check").arg(&dir).arg(dir.join("a.yaml")));
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, "checked 2 files: no problems\n");
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let fixture = "tests/fixtures/rules/yaml-tab.yaml";
    let (_, piped, _) = run(rectrack().args(["check", fixture]));
    assert!(!piped.contains('\x1b'), "no colour into a pipe");
    let mut forced = assert_cmd::Command::cargo_bin("rectrack").unwrap();
    forced
        .current_dir(root())
        .args(["--color", "always", "check", fixture]);
    assert!(
        run(&mut forced).1.contains("\x1b["),
        "--color always colours"
    );

    // A real terminal, through script(1) where it exists.
    let Ok(bin) = assert_cmd::cargo::cargo_bin("rectrack")
        .into_os_string()
        .into_string()
    else {
        return;
    };
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok();
    if !has_script {
        eprintln!("skipped the terminal half: script(1) is not installed");
        return;
    }
    let tty = |no_color: bool| {
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(root())
            .args(["-qec", &format!("{bin} check {fixture}"), "/dev/null"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&cmd.output().unwrap().stdout).into_owned()
    };
    assert!(tty(false).contains("\x1b["), "colour on a terminal");
    assert!(!tty(true).contains("\x1b["), "no colour with NO_COLOR");
}

#[test]
fn status_refuses_an_invalid_tracker() {
    let (code, stdout, stderr) =
        run(rectrack().args(["status", "tests/fixtures/rules/status-mismatch.yaml"]));
    assert_eq!(code, 1);
    assert_eq!(stdout, "", "no table from an invalid tracker");
    assert_eq!(
        diagnostics(&stderr),
        [("status-mismatch".to_string(), 58, 17)]
    );
    assert!(stderr.contains("no status shown"), "{stderr}");
    // Warnings do not stop a table.
    let (code, stdout, _) =
        run(rectrack().args(["status", "tests/fixtures/rules/unused-source.yaml"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("14 steps"), "{stdout}");
}

#[test]
fn status_as_of_reads_the_history() {
    let rows = crate::status_rows(&["--as-of", "2020-03-01"]);
    assert_eq!(rows.len(), 14, "14 steps: {rows:#?}");
    let has = |row: &str| rows.iter().any(|r| r == row);
    assert!(
        has(
            "mali-jnim-dialogue,2020-03-01,unify-ranks,government-consensus,government,in-progress,2020-02-10,2020-02-10,"
        ),
        "{rows:#?}"
    );
    // JNIM's statement came on 8 March 2020: not yet on 1 March.
    assert!(
        has("mali-jnim-dialogue,2020-03-01,unify-ranks,jnim-consensus,jnim,unknown,,,"),
        "{rows:#?}"
    );
}

#[test]
fn status_flags_stale_overdue_and_contested_steps() {
    let dir = tempfile::tempdir().unwrap();
    let text = read(SHIPPED)
        .replace("as_of: 2021-12-10", "as_of: 2022-12-10")
        .replace(
            "      agenda:\n        status: not-started\n",
            "      agenda:\n        status: not-started\n        next_review: 2022-06-01\n",
        )
        .replace(
            "                locator: Principal Findings; Executive Summary, paragraphs 1, 3 and 4\n",
            "                locator: Principal Findings; Executive Summary, paragraphs 1, 3 and 4\n              - source: iss-today-2020\n                locator: paragraph 1\n                stance: contradicts\n",
        );
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, text).unwrap();
    let (code, stdout, stderr) = run(rectrack().args(["status", "--format", "json"]).arg(&file));
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let steps = doc["trackers"][0]["steps"].as_array().unwrap();
    let flags = |id: &str| steps.iter().find(|s| s["step"] == id).unwrap()["flags"].clone();
    assert_eq!(
        flags("government-consensus"),
        serde_json::json!(["stale", "contested"])
    );
    // An unknown step is never stale: there is no claim to go out of date.
    assert_eq!(flags("jnim-consensus"), serde_json::json!([]));
    assert_eq!(flags("agenda"), serde_json::json!(["review-overdue"]));
    assert_eq!(flags("debate-held"), serde_json::json!([]));
}

#[test]
fn explain_shows_each_rule_and_suggests_on_a_typo() {
    for rule in rectrack::check::rules::RULES {
        let (code, stdout, _) = run(rectrack().args(["explain", rule.id]));
        assert_eq!(code, 0);
        assert!(
            stdout.starts_with(&format!("{} ({}): ", rule.id, rule.severity)),
            "{stdout}"
        );
        assert!(
            stdout.contains("\nFails:\n") && stdout.contains("\nPasses:\n"),
            "{stdout}"
        );
    }
    let (code, _, stderr) = run(rectrack().args(["explain", "status-missmatch"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `status-mismatch`?"),
        "{stderr}"
    );
}

#[test]
fn readme_lists_every_rule_as_explain_does() {
    let (_, table, _) = run(rectrack().arg("explain"));
    assert!(
        read("README.md").contains(&table),
        "README's rules table differs from `rectrack explain`:\n{table}"
    );
}

#[test]
fn readme_and_ci_use_the_same_test_command() {
    let readme = read("README.md");
    let ci = read(".ci/run");
    assert!(
        readme.contains("\n./scripts/test\n"),
        "README names ./scripts/test"
    );
    assert!(
        ci.contains("\n./scripts/test\n"),
        ".ci/run runs ./scripts/test"
    );
    assert!(readme.contains("\ncargo run --release -- status\n"));
}

/// The `$ ` commands of a console block, each with the output shown under it.
fn console_commands(block: &str) -> Vec<(String, String)> {
    let mut commands: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            commands.push((cmd.to_string(), String::new()));
        } else if let Some((_, out)) = commands.last_mut() {
            out.push_str(line);
            out.push('\n');
        }
    }
    commands
}

/// Every `console` block of the README that runs rectrack on the repository's files
/// shows what rectrack prints today (a block ending in `...` shows a prefix).
#[test]
fn readme_console_examples_are_real_output() {
    let readme = read("README.md");
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap();
        for (cmd, expected) in console_commands(block) {
            let words: Vec<&str> = cmd.split_whitespace().collect();
            // `init` writes files: it is exercised in its own tests, not here.
            if words.first() != Some(&"rectrack") || words.get(1) == Some(&"init") {
                continue;
            }
            let (_, stdout, _) = run(rectrack().args(&words[1..]));
            match expected.strip_suffix("...\n") {
                Some(prefix) => assert!(stdout.starts_with(prefix), "README `{cmd}`:\n{stdout}"),
                None => assert_eq!(stdout, expected, "README `{cmd}`"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "README examples found: {checked}");
}

/// The README's table of what the catalog does not track is the catalog's own.
#[test]
fn readme_lists_what_the_catalog_does_not_track() {
    let (code, md, _) = run(rectrack().args(["catalog", "--format", "markdown"]));
    assert_eq!(code, 0);
    let section = md
        .split("## Not tracked\n")
        .nth(1)
        .expect("a Not tracked section");
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(rows.len() > 2, "{section}");
    let readme = read("README.md");
    let listed = readme
        .split("#### What the catalog does not track\n")
        .nth(1)
        .expect("the README section");
    for row in rows {
        assert!(
            listed.contains(&format!("\n{row}\n")),
            "README lacks: {row}"
        );
    }
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    // Every rule fixture, several times over: more files than one batch.
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/rules");
    let mut copied = 0;
    for round in 0..4 {
        for entry in std::fs::read_dir(&fixtures).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{round}-{}", path.file_name().unwrap().to_string_lossy());
            std::fs::copy(&path, dir.path().join(name)).unwrap();
            copied += 1;
        }
    }
    let outputs: Vec<_> = ["1", "2", "7"]
        .iter()
        .map(|jobs| {
            run(rectrack()
                .args(["check", "--today", "2022-01-01", "--jobs", jobs])
                .arg(dir.path()))
        })
        .collect();
    assert_eq!(outputs[0].0, 1);
    assert!(
        outputs[0].1.contains(&format!("checked {copied} files")),
        "{}",
        outputs[0].1.lines().last().unwrap()
    );
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[cfg(unix)]
#[test]
fn written_files_follow_the_umask_and_force_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_rectrack");
    // The umask is the shell's, as a monitor's terminal would have it.
    let sh = |umask: &str, args: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask}; exec '{bin}' {args}"))
            .current_dir(root())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let at = |name: &str| dir.path().join(name).display().to_string();
    sh(
        "022",
        &format!("init '{}' --as-of 2021-12-10", at("a.yaml")),
    );
    assert_eq!(mode("a.yaml"), 0o644);
    sh(
        "077",
        &format!("init '{}' --as-of 2021-12-10", at("b.yaml")),
    );
    assert_eq!(mode("b.yaml"), 0o600);
    sh("022", &format!("report {SHIPPED} -o '{}'", at("r.md")));
    assert_eq!(mode("r.md"), 0o644);
    // Replaced with --force, a file keeps the mode its owner gave it.
    std::fs::set_permissions(
        dir.path().join("r.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    sh(
        "022",
        &format!("report {SHIPPED} -o '{}' --force", at("r.md")),
    );
    assert_eq!(mode("r.md"), 0o640);
    sh(
        "022",
        &format!("init '{}' --as-of 2021-12-10 --force", at("b.yaml")),
    );
    assert_eq!(mode("b.yaml"), 0o600);
}

/// The README's tour ("Record a new development", the ```` ```console tour ```` block)
/// runs as written, in a scratch git repository holding the shipped tracker and its
/// schema, committed on `main`: every command succeeds and prints what the README shows
/// (stdout, then stderr, as one terminal would read them). A `...` line in an expected
/// output stands for lines left out; the merge base's hash is not compared (it changes
/// with the shipped tracker).
#[test]
fn readme_tour_runs_as_written() {
    let readme = read("README.md");
    let block = readme
        .split("```console tour\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the README's tour block");
    let commands = console_commands(block);
    let firsts: Vec<&str> = commands
        .iter()
        .map(|(c, _)| c.split_whitespace().take(2).last().unwrap_or_default())
        .collect();
    assert_eq!(firsts, ["record", "check", "status", "diff", "commit"]);

    let (dir, trackers) = crate::sandbox();
    std::fs::copy(
        root().join(SHIPPED),
        trackers.join("mali-jnim-dialogue.yaml"),
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rectrack");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let sh = |command: &str| {
        let out = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(command)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Monitor")
            .env("GIT_AUTHOR_EMAIL", "monitor@example.org")
            .env("GIT_COMMITTER_NAME", "Monitor")
            .env("GIT_COMMITTER_EMAIL", "monitor@example.org")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    };
    let (code, text) = sh("git init -q -b main && git add -A && git commit -qm base");
    assert_eq!(code, Some(0), "{text}");
    let hash = regex::Regex::new("merge base [0-9a-f]{12}").unwrap();
    for (command, expected) in commands {
        let (code, text) = sh(&command);
        assert_eq!(code, Some(0), "README `{command}`:\n{text}");
        let text = hash.replace_all(&text, "merge base …");
        let expected = hash.replace_all(&expected, "merge base …");
        // Pieces between `...` lines: the first a prefix, the last a suffix, the others
        // found in order between them.
        let pieces: Vec<&str> = expected.split("...\n").collect();
        if let [only] = pieces.as_slice() {
            assert_eq!(text, *only, "README `{command}`");
            continue;
        }
        let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
        assert!(
            text.starts_with(first) && text.ends_with(last),
            "README `{command}`:\n{text}"
        );
        let mut rest = &text[first.len()..text.len() - last.len()];
        for piece in &pieces[1..pieces.len() - 1] {
            let at = rest
                .find(piece)
                .unwrap_or_else(|| panic!("README `{command}` lacks:\n{piece}\nin:\n{text}"));
            rest = &rest[at + piece.len()..];
        }
    }
}
