//! Reading old versions of trackers through the real `git`: one `git cat-file --batch`
//! per run, whatever the number of files or entries.

use chrono::NaiveDate;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not give us a base to compare with (a usage error, exit 2).
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// git is not installed or would not start.
    #[error("could not run git: {0}")]
    NotRunnable(std::io::Error),
    /// The directory is not in a git checkout.
    #[error("{0} is not inside a git checkout (--base compares with a git revision)")]
    NotARepo(String),
    /// git does not know the revision.
    #[error(
        "git does not know the revision `{0}` (try a branch, a tag or a commit id; in CI, fetch enough history)"
    )]
    UnknownRevision(String),
    /// git answered something we could not read.
    #[error("git failed: {0}")]
    Failed(String),
}

/// A revision to compare with.
#[derive(Debug, Clone)]
pub struct Base {
    /// The revision as the user wrote it.
    pub rev: String,
    /// Its commit id.
    pub commit: String,
    /// Its commit date: corrections dated on or after it are amendments made since.
    pub date: NaiveDate,
    toplevel: PathBuf,
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    // No pager, no prompts, no locale surprises: a CI job must never wait on git.
    cmd.current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

impl Base {
    /// Resolves `rev` in the checkout that contains `dir`.
    pub fn resolve(dir: &Path, rev: &str) -> Result<Base, GitError> {
        let top = git(dir)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .map_err(GitError::NotRunnable)?;
        if !top.status.success() {
            return Err(GitError::NotARepo(dir.display().to_string()));
        }
        let toplevel = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim_end());
        // `--end-of-options` keeps a revision like `--output=x` from being an option.
        let show = git(&toplevel)
            .args(["show", "-s", "--format=%H %cs", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"))
            .output()
            .map_err(GitError::NotRunnable)?;
        if !show.status.success() {
            return Err(GitError::UnknownRevision(rev.to_string()));
        }
        let text = String::from_utf8_lossy(&show.stdout);
        let mut words = text.split_whitespace();
        let commit = words.next().unwrap_or_default().to_string();
        let date = words
            .next()
            .and_then(crate::tracker::parse_date)
            .ok_or_else(|| GitError::Failed(format!("unexpected `git show` output: {text}")))?;
        Ok(Base {
            rev: rev.to_string(),
            commit,
            date,
            toplevel,
        })
    }

    /// The contents of each of `files` at this revision, streamed: one git process
    /// for all of them, answering ahead while the caller checks the files in order.
    pub fn read(&self, files: &[PathBuf]) -> Result<OldVersions, GitError> {
        let top = std::fs::canonicalize(&self.toplevel).unwrap_or_else(|_| self.toplevel.clone());
        let rel: Vec<Option<String>> = files
            .iter()
            .map(|f| {
                let abs = std::fs::canonicalize(f).ok()?;
                let rel = abs.strip_prefix(&top).ok()?;
                // git paths use `/`; a name with a newline cannot go through --batch.
                let text = rel.to_str()?.replace('\\', "/");
                (!text.contains('\n')).then_some(text)
            })
            .collect();
        let mut child = git(&self.toplevel)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(GitError::NotRunnable)?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| GitError::Failed("no stdin".into()))?;
        let requests: String = rel
            .iter()
            .flatten()
            .map(|p| format!("{}:{p}\n", self.commit))
            .collect();
        // Write from another thread: git answers as it reads, and a large answer
        // would fill the pipe while we are still writing.
        let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| GitError::Failed("no stdout".into()))?;
        Ok(OldVersions {
            child,
            writer: Some(writer),
            reader: BufReader::new(stdout),
            wanted: rel
                .into_iter()
                .map(|r| r.is_some())
                .collect::<Vec<_>>()
                .into_iter(),
        })
    }
}

/// Old versions of files, in the order asked for.
pub struct OldVersions {
    child: std::process::Child,
    writer: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    reader: BufReader<std::process::ChildStdout>,
    wanted: std::vec::IntoIter<bool>,
}

impl OldVersions {
    /// The next file's old contents (`None`: not there, so new since, or outside the
    /// checkout).
    pub fn next_file(&mut self) -> Result<Option<Vec<u8>>, GitError> {
        if !self.wanted.next().unwrap_or(false) {
            return Ok(None);
        }
        let failed = |e: std::io::Error| GitError::Failed(e.to_string());
        let mut header = String::new();
        self.reader.read_line(&mut header).map_err(failed)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, "blob", size] => {
                let size: usize = size
                    .parse()
                    .map_err(|_| GitError::Failed(format!("bad header `{header}`")))?;
                let mut body = vec![0; size + 1];
                self.reader.read_exact(&mut body).map_err(failed)?;
                body.pop(); // the newline after each object
                Ok(Some(body))
            }
            [.., "missing"] | [.., "ambiguous"] => Ok(None),
            _ => Err(GitError::Failed(format!(
                "unexpected `git cat-file` output: {header}"
            ))),
        }
    }
}

impl Drop for OldVersions {
    fn drop(&mut self) {
        // Whatever was not read is not needed: stop git and reap it.
        let _ = self.child.kill();
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        let _ = self.child.wait();
    }
}
