//! The HTML report in a real browser: headless Chromium renders it to a PNG and the
//! picture must not be blank. Without Chromium the test is skipped with a message, but
//! under CI (`CI` set) it fails: `.ci/run` installs Chromium when it can.
//!
//! A test binary of its own, apart from `tests/integration`, so the browser's hundreds
//! of megabytes and its processes never run alongside the memory-bound tests there.

// A failed unwrap is a failed test (helpers included, which allow-unwrap-in-tests misses).
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("rectrack runs");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rectrack() -> Command {
    let mut cmd = Command::cargo_bin("rectrack").expect("binary built by cargo");
    cmd.current_dir(root());
    cmd
}

/// Whether the tests run under CI (`CI` set and not `false` or `0`), as
/// `tests/integration/main.rs` decides it.
fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "false" | "0"))
}

/// Renders the HTML report in headless Chromium when the machine has it, and checks
/// the picture is not blank. Skipped (with a message) without Chromium, except in CI.
#[test]
fn html_renders_in_a_browser() {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(browser) = browser else {
        let reason = "no Chromium on this machine (chromium, chromium-browser or google-chrome)";
        assert!(!under_ci(), "CI must run this test, but {reason}");
        eprintln!("skipped: {reason}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let png = dir.path().join("report.png");
    let (code, _, _) = run(rectrack().args([
        "report",
        "--period",
        "2021-Q4",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]));
    assert_eq!(code, 0);
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1000,1400",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let pixels = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let first = &pixels[..channels];
    let differing = pixels.chunks(channels).filter(|p| p != &first).count();
    // Text, tables and coloured lanes: far more than a blank or near-blank page.
    assert!(
        differing > pixels.len() / channels / 50,
        "only {differing} non-background pixels"
    );
}
