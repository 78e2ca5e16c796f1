//! Whatever the input, a diagnostic and an exit code: never a panic or a hang.

use crate::{diagnostics, rectrack, run};
use std::time::Duration;

fn check_text(bytes: &[u8]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, bytes).unwrap();
    run(rectrack()
        .arg("check")
        .arg(&file)
        .timeout(Duration::from_secs(10)))
}

#[test]
fn broken_files_get_a_yaml_diagnostic_with_a_place() {
    let cases: [(&[u8], &str, usize); 7] = [
        (b"\xff\xfea\x00:\x00", "UTF-16", 1),
        (b"a: 1\nb: \xc3\x28\n", "not valid UTF-8", 2),
        (b"", "empty", 1),
        (b"a: 1\n---\nb: 2\n", "2 YAML documents", 2),
        (
            b"a: !!python/object:os.system x\n",
            "`!!python/object:os.system`",
            1,
        ),
        (b"a:\n  b: [1, 2\n", "invalid YAML", 2),
        (b"a: 1\nb: 2\x00\n", "NUL byte", 2),
    ];
    for (bytes, message, line) in cases {
        let (code, stdout, stderr) = check_text(bytes);
        assert_eq!(code, 1, "{message}: {stdout}{stderr}");
        assert!(stdout.contains(message), "{message}: {stdout}");
        let found = diagnostics(&stdout);
        assert_eq!(found.len(), 1, "{stdout}");
        assert_eq!(
            (found[0].0.as_str(), found[0].1),
            ("yaml", line),
            "{stdout}"
        );
    }
}

#[test]
fn nesting_and_alias_bombs_are_stopped() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let (code, stdout, _) = check_text(deep.as_bytes());
    assert_eq!(code, 1, "{stdout}");
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let (code, stdout, _) = check_text(bomb.as_bytes());
    assert_eq!(code, 1);
    assert!(stdout.contains("billion laughs"), "{stdout}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_fine() {
    let tracker = crate::read(crate::SHIPPED);
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(tracker.as_bytes());
    assert_eq!(check_text(&bom).0, 0);
    assert_eq!(check_text(tracker.replace('\n', "\r\n").as_bytes()).0, 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let (code, _, stderr) = run(rectrack()
        .arg("check")
        .arg(&fifo)
        .timeout(Duration::from_secs(10)));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}
