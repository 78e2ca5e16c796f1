//! Build script: the commit and date `rectrack --version` and the machine outputs name.
//!
//! Sets `RECTRACK_COMMIT` (seven hex digits) and `RECTRACK_DATE` (YYYY-MM-DD, UTC) for
//! `src/present/version.rs`, each empty when unknown. They come from git only when the
//! crate's own folder is the top of a git work tree: a `cargo package` tarball unpacked
//! inside some other repository must not claim that repository's commit. No git, no
//! repository, a refused `safe.directory`: the version is the plain `0.1.0`, never a
//! failed build. The date is the commit's (so two builds of one commit agree), or
//! SOURCE_DATE_EPOCH's when set (reproducible builds), and only ever with a commit. No
//! `-dirty` mark: it would change the version on every edit, and watching the whole
//! tree would rerun this script on every build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let git = git_info(&dir);
    if let Some(git) = &git {
        for path in &git.watch {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    // A date only with a commit: a tree without git says just `0.1.0`, even in a
    // reproducible build that sets SOURCE_DATE_EPOCH.
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let date = git
        .as_ref()
        .map(|g| utc_date(epoch.unwrap_or(g.time)))
        .unwrap_or_default();
    let commit = git.map(|g| g.commit).unwrap_or_default();
    println!("cargo:rustc-env=RECTRACK_COMMIT={commit}");
    println!("cargo:rustc-env=RECTRACK_DATE={date}");
}

/// What git says about the checkout the crate is built from.
pub struct GitInfo {
    /// The abbreviated commit (seven hex digits).
    pub commit: String,
    /// The commit's time, in seconds since the epoch.
    pub time: i64,
    /// The files whose change moves HEAD: HEAD itself, the branch it names, packed-refs.
    pub watch: Vec<PathBuf>,
}

/// `git` run in `dir` with none of the variables that would point it elsewhere (a git
/// hook that runs `cargo build` has GIT_DIR set); its trimmed output, or `None`.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_COMMON_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_CEILING_DIRECTORIES")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text.trim().to_string())
}

/// The commit `dir` is checked out at, if `dir` is the top of a git work tree.
pub fn git_info(dir: &Path) -> Option<GitInfo> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    // Compared after resolving links: /tmp may be a link, and git prints the real path.
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    let commit = git(dir, &["rev-parse", "--short=7", "HEAD"])?;
    if commit.len() < 7 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let time = git(dir, &["log", "-1", "--format=%ct", "HEAD"])?
        .parse()
        .ok()?;
    let mut watch = Vec::new();
    // A linked worktree keeps its HEAD in its own git dir and the refs in the common one.
    let paths = git(
        dir,
        &[
            "rev-parse",
            "--path-format=absolute",
            "--git-dir",
            "--git-common-dir",
        ],
    );
    if let Some(paths) = paths
        && let [git_dir, common] = paths.lines().collect::<Vec<_>>()[..]
    {
        let (git_dir, common) = (PathBuf::from(git_dir), PathBuf::from(common));
        watch.push(git_dir.join("HEAD"));
        if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
            let loose = common.join(&branch);
            // A packed branch has no file of its own: its folder changes when a commit
            // writes one (cargo reruns on every build for a path that does not exist).
            if loose.is_file() {
                watch.push(loose);
            } else if let Some(parent) = loose.parent().filter(|p| p.is_dir()) {
                watch.push(parent.to_path_buf());
            }
        }
        let packed = common.join("packed-refs");
        if packed.is_file() {
            watch.push(packed);
        }
    }
    Some(GitInfo {
        commit,
        time,
        watch,
    })
}

/// The UTC calendar date of `secs` since the epoch, as YYYY-MM-DD (Howard Hinnant's
/// days-to-civil algorithm; a build script has no date crate).
pub fn utc_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
