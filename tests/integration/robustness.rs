//! The hostile-input suite: whatever it is given, rectrack answers with a diagnostic
//! and the right exit code, never a panic, a hang or a silent pass.
//!
//! Every run has a generous timeout (a hang detector, not a speed goal: speed is for
//! the benchmarks) and the largest resident size of all the binaries the suite started
//! is checked against a memory bound at the end of each test.

use crate::{SHIPPED, diagnostics, read, rectrack, root, run};
use std::path::Path;
use std::time::Duration;

/// No hostile input may make one run take this long.
const HANG: Duration = Duration::from_secs(20);
/// Nor this much memory (the issue's bound).
const MAX_RSS_KB: i64 = 200 * 1024;

thread_local! {
    /// The largest resident set of the children this test's thread ran, in KiB.
    static PEAK_KIB: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The largest resident set of any child this test ran so far, in KiB: each child
/// measured on its own (RUSAGE_CHILDREN would count the children of tests running
/// alongside, some of which are meant to be large).
fn children_max_rss_kb() -> i64 {
    i64::try_from(PEAK_KIB.get()).unwrap()
}

fn check_path(path: &Path) -> (i32, String, String) {
    let m = crate::measure(
        &["check", "--today", crate::TODAY, path.to_str().unwrap()],
        Some(HANG),
    );
    PEAK_KIB.set(PEAK_KIB.get().max(m.max_rss_kib));
    assert!(!m.stderr.contains("panicked"), "{}", m.stderr);
    (m.code, m.stdout, m.stderr)
}

fn check_bytes(bytes: &[u8]) -> (i32, String, String) {
    let (_dir, trackers) = crate::sandbox();
    let file = trackers.join("t.yaml");
    std::fs::write(&file, bytes).unwrap();
    check_path(&file)
}

/// A case that must fail with exactly one `yaml` diagnostic on `line` saying `message`.
fn assert_yaml_error(name: &str, bytes: &[u8], message: &str, line: usize) {
    let (code, stdout, stderr) = check_bytes(bytes);
    assert_eq!(code, 1, "{name}: {stdout}{stderr}");
    let found = diagnostics(&stdout);
    assert_eq!(found.len(), 1, "{name}: one reason\n{stdout}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1),
        ("yaml", line),
        "{name}: {stdout}"
    );
    assert!(
        stdout.contains(message),
        "{name}: says `{message}`\n{stdout}"
    );
}

#[test]
fn broken_and_hostile_yaml() {
    let tracker = read(SHIPPED);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let deep_flow = "[".repeat(10_000) + &"]".repeat(10_000);
    let deep_block: String = (0..1_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let mut random = Vec::with_capacity(65_536);
    let mut x: u32 = 2_463_534_242;
    for _ in 0..65_536 {
        // xorshift: reproducible noise without a dependency.
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        random.push(x.to_le_bytes()[0]);
    }
    let dup_deep = tracker.replacen(
        "                locator: paragraph 1\n",
        "                locator: paragraph 1\n                locator: paragraph 2\n",
        1,
    );
    let tab = tracker.replacen("\n  unify-ranks:\n", "\n\tunify-ranks:\n", 1);

    assert_yaml_error("alias bomb", bomb.as_bytes(), "billion laughs", 5);
    assert_yaml_error(
        "10,000 nested lists",
        deep_flow.as_bytes(),
        "invalid YAML",
        1,
    );
    assert_yaml_error(
        "1,000 nested mappings",
        deep_block.as_bytes(),
        "nesting deeper than 64 levels",
        65,
    );
    assert_yaml_error(
        "invalid UTF-8",
        b"a: 1\nb: \xc3\x28\n",
        "not valid UTF-8",
        2,
    );
    assert_yaml_error(
        "UTF-16 with BOM",
        &[0xFF, 0xFE, b'a', 0, b':', 0, b' ', 0, b'1', 0],
        "UTF-16",
        1,
    );
    assert_yaml_error("empty file", b"", "the file is empty", 1);
    assert_yaml_error("two documents", b"a: 1\n---\nb: 2\n", "2 YAML documents", 2);
    assert_yaml_error("random bytes", &random, "not valid UTF-8", 1);
    assert_yaml_error(
        "python tag",
        b"a: !!python/object:os.system x\n",
        "`!!python/object:os.system`",
        1,
    );
    assert_yaml_error("custom tag", b"a: !foo bar\n", "`!foo`", 1);
    assert_yaml_error(
        "duplicate key, deep",
        dup_deep.as_bytes(),
        "duplicate key `locator`",
        43,
    );
    assert_yaml_error(
        "tab indentation",
        tab.as_bytes(),
        "a tab indents line 30",
        30,
    );
    assert_yaml_error("NUL byte", b"a: 1\nb: 2\x00\n", "NUL byte", 2);

    // A lone `---` is a document holding nothing: not a tracker.
    let (code, stdout, _) = check_bytes(b"---\n");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("the tracker should be a mapping, not nothing (null)"),
        "{stdout}"
    );

    // Merge keys are not YAML 1.2: an unknown key, with a word on why.
    let merge = tracker.replacen("parties:\n", "defaults: &d {x: 1}\nparties:\n  <<: *d\n", 1);
    let (code, stdout, _) = check_bytes(merge.as_bytes());
    assert_eq!(code, 1);
    assert!(
        stdout.contains("merge keys (`<<`) are not supported"),
        "{stdout}"
    );

    // JSON is YAML: arbitrary JSON gets schema diagnostics, a tracker in JSON passes.
    let (code, stdout, _) = check_bytes(br#"{"schema_version": 1, "id": "x"}"#);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("lacks the required keys `title`"),
        "{stdout}"
    );
    let doc = rectrack::syntax::parse(&tracker, &rectrack::syntax::Limits::default()).unwrap();
    let as_json = serde_json::to_string_pretty(&doc.to_json()).unwrap();
    let (code, stdout, _) = check_bytes(as_json.as_bytes());
    assert_eq!(code, 0, "the shipped tracker as JSON: {stdout}");

    assert!(
        children_max_rss_kb() < MAX_RSS_KB,
        "{} KiB",
        children_max_rss_kb()
    );
}

#[test]
fn big_files_and_many_keys_are_bounded() {
    // 50 MB: over the default limit, refused without being read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    let line = "key: value value value value value value value value value value\n";
    std::fs::write(&big, line.repeat(50_000_000 / line.len())).unwrap();
    let (code, stdout, _) = check_path(&big);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("larger than the limit of 16777216 bytes"),
        "{stdout}"
    );

    // 100,000 keys: one diagnostic names the first few and counts the rest (and one
    // lists the missing keys), instead of 100,000 carets.
    let keys: String = (0..100_000).map(|i| format!("k{i}: {i}\n")).collect();
    let (code, stdout, _) = check_bytes(keys.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(
        diagnostics(&stdout),
        [("schema".to_string(), 1, 1), ("schema".to_string(), 1, 1)],
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "100000 unknown keys in the tracker: `k0`, `k1`, `k2`, `k3`, `k4` and 99995 more"
        ),
        "{stdout}"
    );
    assert!(stdout.ends_with("checked 1 file: 2 errors\n"), "{stdout}");

    assert!(
        children_max_rss_kb() < MAX_RSS_KB,
        "{} KiB",
        children_max_rss_kb()
    );
}

#[test]
fn what_a_tracker_may_legitimately_contain() {
    let tracker = read(SHIPPED);
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(tracker.as_bytes());
    assert_eq!(check_bytes(&bom).0, 0, "UTF-8 BOM");
    assert_eq!(
        check_bytes(tracker.replace('\n', "\r\n").as_bytes()).0,
        0,
        "CRLF"
    );
    // Anchors used across steps: the edge fixture reuses an evidence list by alias.
    assert_eq!(
        check_path(&root().join("tests/fixtures/valid/edges.yaml")).0,
        0
    );
}

#[test]
fn hostile_file_systems() {
    let (_dir, trackers) = crate::sandbox();
    let d = trackers.as_path();
    std::fs::copy(root().join(SHIPPED), d.join("good.yaml")).unwrap();

    // Missing path, alone and beside a good file: reported, the good file still checked.
    let (code, stdout, stderr) = run(rectrack()
        .arg("check")
        .arg(d.join("missing.yaml"))
        .arg(d.join("good.yaml"))
        .timeout(HANG));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("missing.yaml: No such file or directory"),
        "{stderr}"
    );
    assert!(
        stdout.contains(
            "1 path could not be read (see above); checked 1 file, with no errors or warnings in it"
        ),
        "{stdout}"
    );

    // The same file named twice (and through another spelling) is checked once.
    let (_, stdout, _) = run(rectrack()
        .arg("check")
        .arg(d.join("good.yaml"))
        .arg(d.join(".").join("good.yaml")));
    assert!(stdout.contains("checked 1 file"), "{stdout}");

    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // A symlink loop and a dangling link inside a searched directory.
        let (_tree_dir, tree) = crate::sandbox();
        std::fs::copy(root().join(SHIPPED), tree.join("a.yaml")).unwrap();
        std::os::unix::fs::symlink(".", tree.join("loop")).unwrap();
        std::os::unix::fs::symlink("nowhere.yaml", tree.join("dangling.yaml")).unwrap();
        // A file name that is not UTF-8.
        let odd = tree.join(std::ffi::OsStr::from_bytes(b"caf\xe9.yaml"));
        let copy = read(SHIPPED).replace("\nid: mali-jnim-dialogue\n", "\nid: odd-name\n");
        std::fs::write(&odd, copy).unwrap();
        let (code, stdout, stderr) = run(rectrack().arg("check").arg(&tree).timeout(HANG));
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stderr.contains("loop"), "{stderr}");
        assert!(stderr.contains("dangling.yaml"), "{stderr}");
        assert!(
            stdout.contains(
                "2 paths could not be read (see above); checked 2 files, with no errors or warnings in them"
            ),
            "{stdout}"
        );

        // A symlink loop named directly.
        std::os::unix::fs::symlink("self.yaml", d.join("self.yaml")).unwrap();
        let (code, _, stderr) = run(rectrack()
            .arg("check")
            .arg(d.join("self.yaml"))
            .timeout(HANG));
        assert_eq!(code, 2);
        assert!(stderr.contains("self.yaml"), "{stderr}");

        // An unreadable file (root reads everything, so this half needs another user).
        let locked = d.join("locked.yaml");
        std::fs::copy(root().join(SHIPPED), &locked).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(d.parent().unwrap(), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        let bin = assert_cmd::cargo::cargo_bin("rectrack");
        let mut cmd = if std::fs::read(&locked).is_err() {
            assert_cmd::Command::new(&bin)
        } else {
            // Root reads every file: run rectrack as `nobody` instead, where possible.
            let mut c = assert_cmd::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(&bin);
            c
        };
        let out = cmd.arg("check").arg(&locked).timeout(HANG).output();
        match out {
            Ok(out)
                if out.status.code() != Some(127)
                    && !String::from_utf8_lossy(&out.stderr).starts_with("setpriv") =>
            {
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.code(), Some(2), "{stderr}");
                assert!(stderr.contains("Permission denied"), "{stderr}");
            }
            _ => eprintln!(
                "skipped the unreadable-file case: cannot run as a user who lacks read access"
            ),
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and a mode.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    let (code, _, stderr) = check_path(&fifo);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // Forty copies make the output larger than any pipe buffer, so rectrack must
    // write into the closed pipe at least once.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::copy(
            root().join(SHIPPED),
            dir.path().join(format!("t{i:02}.yaml")),
        )
        .unwrap();
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rectrack"))
        .args(["status", "--format", "markdown"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn checking_never_modifies_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::copy(root().join("tests/fixtures/several-problems.yaml"), &file).unwrap();
    let before = (
        std::fs::read(&file).unwrap(),
        std::fs::metadata(&file).unwrap().modified().unwrap(),
    );
    run(rectrack().arg("check").arg(&file));
    run(rectrack().arg("status").arg(&file));
    let after = (
        std::fs::read(&file).unwrap(),
        std::fs::metadata(&file).unwrap().modified().unwrap(),
    );
    assert!(before == after, "the file was changed");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing written beside it");
}

#[test]
fn checking_opens_no_network_connection() {
    let bin = assert_cmd::cargo::cargo_bin("rectrack");
    // Each half needs a tool (binutils' nm, strace); without both, nothing would be
    // asserted, so that is a skip locally and a failure under CI (.ci/run installs them).
    let mut missing = Vec::new();
    // Statically: the binary imports no socket functions at all.
    match std::process::Command::new("nm")
        .arg("-D")
        .arg(&bin)
        .output()
    {
        Ok(out) if out.status.success() => {
            let symbols = String::from_utf8_lossy(&out.stdout);
            assert!(!symbols.trim().is_empty(), "nm -D listed no symbols");
            for name in ["socket", "connect", "getaddrinfo", "sendto"] {
                assert!(
                    !symbols
                        .lines()
                        .any(|l| l.split_whitespace().last() == Some(name)),
                    "the binary imports `{name}`"
                );
            }
        }
        Ok(out) => missing.push(format!(
            "`nm -D` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => missing.push(format!("nm (binutils) is not available: {e}")),
    }
    // Dynamically: no network system call while checking a tracker full of URLs.
    let traced = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=%network", "-o", "/dev/stdout", "--"])
        .arg(&bin)
        .args([
            "check",
            "--today",
            "2022-01-01",
            "tests/fixtures/valid/edges.yaml",
        ])
        .current_dir(root())
        .output();
    match traced {
        Ok(out) if out.status.success() => {
            let trace = String::from_utf8_lossy(&out.stdout);
            assert!(read("tests/fixtures/valid/edges.yaml").contains("url: https://"));
            assert!(trace.contains("checked 1 file: no problems"), "{trace}");
            for call in ["socket(", "connect(", "sendto(", "bind("] {
                assert!(!trace.contains(call), "network call `{call}`:\n{trace}");
            }
        }
        // strace itself failing (ptrace refused in a container, say) is a missing tool.
        Ok(out) => missing.push(format!(
            "strace could not trace rectrack: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => missing.push(format!("strace is not available: {e}")),
    }
    match missing.len() {
        0 => {}
        1 => eprintln!("only half of this test ran: {}", missing[0]),
        _ => crate::skip_or_fail(&missing.join("; ")),
    }
}

#[test]
fn status_and_report_cap_the_diagnostics_of_an_invalid_file() {
    // 300 unknown recommendations: 300 findings, each at its own key.
    let recs: String = (0..300)
        .map(|i| format!("  made-up-{i}:\n    steps: {{}}\n"))
        .collect();
    let text = read(SHIPPED).replacen(
        "recommendations:\n",
        &format!("recommendations:\n{recs}"),
        1,
    );
    let (_dir, trackers) = crate::sandbox();
    let file = trackers.join("t.yaml");
    std::fs::write(&file, text).unwrap();
    for command in ["status", "report"] {
        let (code, stdout, stderr) = run(rectrack()
            .args([command, "--today", crate::TODAY, "--max-diagnostics", "5"])
            .arg(&file)
            .timeout(HANG));
        assert_eq!(code, 1, "{command}: {stdout}");
        assert_eq!(diagnostics(&stderr).len(), 5, "{command}: {stderr}");
        assert!(
            stderr.contains("295 more diagnostics not shown"),
            "{command}: {stderr}"
        );
    }
}
