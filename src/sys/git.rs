//! Reading the base of a change through the real `git`: the merge base of a revision
//! and `HEAD`, the trackers that existed there, and their contents (one `git cat-file
//! --batch` per run, whatever the number of files).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Output, Stdio};

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
        "git does not know the revision `{rev}`: {message} (try a branch, a tag or a commit id; in CI, fetch enough history)"
    )]
    UnknownRevision {
        /// The revision as written.
        rev: String,
        /// git's own words.
        message: String,
    },
    /// git refused: its own message says why (an unsafe directory, a shallow clone).
    #[error("git refused to {what}: {message}")]
    Refused {
        /// What we asked of it.
        what: String,
        /// git's own words.
        message: String,
    },
    /// git answered something we could not read.
    #[error("git failed: {0}")]
    Failed(String),
}

/// The base of a change: the commit a pull request's diff starts from.
#[derive(Debug, Clone)]
pub struct Base {
    /// The revision as the user wrote it.
    pub rev: String,
    /// The commit compared with: the merge base of `rev` and `HEAD`.
    pub commit: String,
    toplevel: PathBuf,
    /// The top of the checkout with links resolved, once per run: every file's path in
    /// the repository is taken relative to it.
    top_resolved: PathBuf,
    /// The current directory's path inside the checkout (`git rev-parse --show-prefix`).
    prefix: String,
}

/// One file of the base's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// Its path from the top of the checkout, with `/`.
    pub path: String,
    /// Its object id.
    pub object: String,
    /// A symbolic link (its blob is the link's target).
    pub symlink: bool,
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    // No pager, no prompts, no locale surprises: a CI job must never wait on git.
    // Literal pathspecs: a tracker path is a path, never a pattern or magic.
    cmd.current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .env("GIT_LITERAL_PATHSPECS", "1")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

/// git's own message: its last non-empty line of stderr, without the `fatal: ` prefix.
fn message(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // "dubious ownership" puts the reason first and the fix below it: keep both.
    let text = lines.join(" ");
    let text = text
        .strip_prefix("fatal: ")
        .or_else(|| text.strip_prefix("error: "))
        .unwrap_or(&text);
    // Cap what we echo: git quotes paths and revisions back.
    let mut text: String = text.chars().filter(|c| !c.is_control()).take(600).collect();
    if text.is_empty() {
        text = format!("exit status {}", out.status);
    }
    text
}

/// The top of the git work tree holding `dir` (resolved), found by looking for `.git`
/// in it and its ancestors, without running git: it is asked once per tracker that
/// names a catalog file, so it must cost a few `stat`s, not a process. `None` outside
/// any work tree. (A `.git` a change adds below the real top only narrows the answer.)
pub fn work_tree_of(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    dir.ancestors()
        .find(|a| std::fs::symlink_metadata(a.join(".git")).is_ok())
        .map(Path::to_path_buf)
}

impl Base {
    /// Resolves `rev` in the checkout that contains `dir`, and finds the merge base of
    /// it and `HEAD`: what a pull request's diff is taken against, so that commits
    /// landing on the base branch after the branch was made are not part of the change.
    pub fn resolve(dir: &Path, rev: &str) -> Result<Base, GitError> {
        let top = git(dir)
            .args(["rev-parse", "--show-toplevel", "--show-prefix"])
            .output()
            .map_err(GitError::NotRunnable)?;
        if !top.status.success() {
            let message = message(&top);
            // Only git's "not a git repository" means that; anything else (an unsafe
            // directory owned by someone else, a broken repository) is git's to say.
            return Err(if message.contains("not a git repository") {
                GitError::NotARepo(dir.display().to_string())
            } else {
                GitError::Refused {
                    what: "read the checkout".into(),
                    message,
                }
            });
        }
        let text = String::from_utf8_lossy(&top.stdout);
        let mut lines = text.lines();
        let toplevel = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = lines.next().unwrap_or_default().to_string();
        // `--end-of-options` keeps a revision like `--output=x` from being an option.
        let verify = git(&toplevel)
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"))
            .output()
            .map_err(GitError::NotRunnable)?;
        if !verify.status.success() {
            return Err(GitError::UnknownRevision {
                rev: rev.to_string(),
                message: "no such commit".into(),
            });
        }
        let merge_base = git(&toplevel)
            .args(["merge-base", "--end-of-options", rev, "HEAD"])
            .output()
            .map_err(GitError::NotRunnable)?;
        if !merge_base.status.success() {
            let mut why = message(&merge_base);
            if why.starts_with("exit status") {
                why = format!("`{rev}` and HEAD have no common ancestor in this clone");
            }
            return Err(GitError::Refused {
                what: format!("find the merge base of `{rev}` and HEAD"),
                message: format!(
                    "{why} (a shallow clone lacks it: fetch the history, e.g. `fetch-depth: 0`)"
                ),
            });
        }
        let commit = String::from_utf8_lossy(&merge_base.stdout)
            .trim()
            .to_string();
        if commit.is_empty() || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(GitError::Failed(format!(
                "unexpected `git merge-base` output: {commit}"
            )));
        }
        Ok(Base {
            rev: rev.to_string(),
            commit,
            top_resolved: std::fs::canonicalize(&toplevel).unwrap_or_else(|_| toplevel.clone()),
            toplevel,
            prefix,
        })
    }

    /// The current folder's path inside the checkout, with `/` and a trailing `/`
    /// (empty at the top).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The commit id, shortened for messages.
    pub fn short(&self) -> &str {
        &self.commit[..self.commit.len().min(12)]
    }

    /// `file`'s path from the top of the checkout, if it is inside it. A symbolic link
    /// keeps its own name (its directory is resolved, not the link), so a tracker
    /// replaced by a link is still the file at that path.
    pub fn path_in_repo(&self, file: &Path) -> Option<String> {
        let name = file.file_name()?;
        let parent = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let text = self.relative(&std::fs::canonicalize(parent).ok()?.join(name))?;
        (!text.is_empty()).then_some(text)
    }

    /// A directory's path from the top of the checkout (`""` for the top itself), if
    /// it is inside it.
    pub fn dir_in_repo(&self, dir: &Path) -> Option<String> {
        self.relative(&std::fs::canonicalize(dir).ok()?)
    }

    fn relative(&self, resolved: &Path) -> Option<String> {
        let rel = resolved.strip_prefix(&self.top_resolved).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// A path from the top of the checkout, as the user would type it from the current
    /// directory.
    pub fn shown(&self, repo_path: &str) -> String {
        if let Some(rest) = repo_path.strip_prefix(&self.prefix) {
            return rest.to_string();
        }
        let up = self.prefix.split('/').filter(|s| !s.is_empty()).count();
        format!("{}{repo_path}", "../".repeat(up))
    }

    /// Every file at the base under `roots` (paths from the top of the checkout; an
    /// empty string is the whole checkout).
    pub fn list(&self, roots: &[String]) -> Result<Vec<TreeFile>, GitError> {
        if roots.is_empty() {
            return Ok(Vec::new());
        }
        let out = git(&self.toplevel)
            .args(["ls-tree", "-r", "-z", "--full-tree", &self.commit, "--"])
            .args(roots.iter().map(|r| if r.is_empty() { "." } else { r }))
            .output()
            .map_err(GitError::NotRunnable)?;
        if !out.status.success() {
            return Err(GitError::Refused {
                what: format!("list the files of {}", self.short()),
                message: message(&out),
            });
        }
        let mut files = Vec::new();
        for record in out.stdout.split(|&b| b == 0) {
            // "<mode> SP <type> SP <object> TAB <path>"
            let Some(tab) = record.iter().position(|&b| b == b'\t') else {
                continue;
            };
            let head = String::from_utf8_lossy(&record[..tab]);
            // A name that is not UTF-8 is kept (lossily, as `path_in_repo` spells
            // today's files): its contents are asked for by object id, not by name,
            // and a tracker must not escape the comparison by its name's bytes.
            let path = String::from_utf8_lossy(&record[tab + 1..]);
            let mut fields = head.split(' ');
            let (Some(mode), Some(kind), Some(object)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            if kind != "blob" {
                continue; // submodules
            }
            files.push(TreeFile {
                path: path.to_string(),
                object: object.to_string(),
                symlink: mode == "120000",
            });
        }
        Ok(files)
    }

    /// The contents of each object in `names` (object ids or `commit:path`),
    /// streamed: one git process for all of them, answering ahead while the caller
    /// reads them in order.
    pub fn read(&self, names: &[String]) -> Result<Objects, GitError> {
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
        // A name with a newline cannot go through --batch: ask for nothing instead.
        let requests: String = names
            .iter()
            .map(|n| {
                if n.contains('\n') {
                    "0000000000000000000000000000000000000000\n".to_string()
                } else {
                    format!("{n}\n")
                }
            })
            .collect();
        // Write from another thread: git answers as it reads, and a large answer
        // would fill the pipe while we are still writing.
        let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| GitError::Failed("no stdout".into()))?;
        Ok(Objects {
            child,
            writer: Some(writer),
            reader: BufReader::new(stdout),
        })
    }

    /// `commit:path` for an object of the base.
    pub fn at(&self, path: &str) -> String {
        format!("{}:{path}", self.commit)
    }
}

/// Where a symbolic link at `link` (a path from the top of the checkout) points, as a
/// path from the top, when it stays inside the checkout.
pub fn link_target(link: &str, target: &[u8]) -> Option<String> {
    let target = std::str::from_utf8(target).ok()?;
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for c in Path::new(target).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Objects read from git, in the order asked for.
pub struct Objects {
    child: std::process::Child,
    writer: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    reader: BufReader<std::process::ChildStdout>,
}

impl Objects {
    /// The next object's contents (`None`: no such object, not a blob, or larger than
    /// `max` bytes).
    ///
    /// A blob over `max` is skipped without being held: git announces its size first,
    /// so a base revision's 4 GB file costs a read, not 4 GB of memory.
    pub fn next_object(&mut self, max: u64) -> Result<Option<Vec<u8>>, GitError> {
        let failed = |e: std::io::Error| GitError::Failed(e.to_string());
        let mut header = String::new();
        self.reader.read_line(&mut header).map_err(failed)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, kind, size] => {
                let size: u64 = size
                    .parse()
                    .map_err(|_| GitError::Failed(format!("bad header `{header}`")))?;
                if size > max || *kind != "blob" {
                    // Skip the body and the newline after it.
                    let skipped =
                        std::io::copy(&mut (&mut self.reader).take(size + 1), &mut std::io::sink())
                            .map_err(failed)?;
                    if skipped != size + 1 {
                        return Err(GitError::Failed("`git cat-file` ended early".into()));
                    }
                    return Ok(None);
                }
                let size = usize::try_from(size)
                    .map_err(|_| GitError::Failed(format!("bad header `{header}`")))?;
                let mut body = vec![0; size + 1];
                self.reader.read_exact(&mut body).map_err(failed)?;
                body.pop(); // the newline after each object
                Ok(Some(body))
            }
            [.., "missing" | "ambiguous"] => Ok(None),
            _ => Err(GitError::Failed(format!(
                "unexpected `git cat-file` output: {header}"
            ))),
        }
    }
}

impl Drop for Objects {
    fn drop(&mut self) {
        // Whatever was not read is not needed: stop git and reap it.
        let _ = self.child.kill();
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_inside_the_checkout_only() {
        assert_eq!(
            link_target("tracker/a.yaml", b"b.yaml").as_deref(),
            Some("tracker/b.yaml")
        );
        assert_eq!(
            link_target("tracker/a.yaml", b"../copy/b.yaml").as_deref(),
            Some("copy/b.yaml")
        );
        assert_eq!(link_target("tracker/a.yaml", b"../../etc/passwd"), None);
        assert_eq!(link_target("a.yaml", b"/etc/passwd"), None);
    }
}
