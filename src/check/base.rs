//! The trackers of the base of a change, found and matched to today's files by id.
//!
//! The set of trackers is part of the record: a tracker that existed at the base under
//! the checked paths must still exist, under its `id`, in some checked file, wherever
//! that file now lives. So the base's trackers are listed from git's tree at the base
//! by the same discovery rules as today's files (a tracker moved into a dot-folder or
//! out of the checked paths is then missing), read in one `git cat-file`, and
//! those that differ from the file now at their path have their id read off their
//! first lines.
//! Unchanged files (most files of most pull requests) are compared byte for byte and
//! never parsed.

use crate::model::catalog::Catalog;
use crate::model::change::{self, TrackerChange};
use crate::model::tracker::Tracker;
use crate::syntax::{self, Limits, Slot};
use crate::sys::discover;
use crate::sys::git::{Base, GitError, TreeFile, link_target};
use crate::sys::read::Found;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Longest symbolic-link target read from the base (Linux's PATH_MAX): a link blob
/// holds a path, and anything longer is not a link git would have made from a checkout.
const LINK_MAX: u64 = 4096;

/// What the append-only rules' messages say about the base, and the day they judge on.
#[derive(Debug, Clone)]
pub struct BaseInfo<'a> {
    /// The revision as written (for messages).
    pub rev: &'a str,
    /// The commit compared with (the merge base), shortened.
    pub commit: &'a str,
    /// Today, for corrections.
    pub today: NaiveDate,
}

/// A tracker of the base whose id is in no checked file now, and where that is said.
#[derive(Debug)]
pub enum Removal<'a> {
    /// In the `index`th file of those that hold another id at a path where a tracker of
    /// the base was (said at the file's id).
    Replaced {
        /// Which of those files.
        index: usize,
        /// The id of the base's tracker that was at its path.
        old_id: &'a str,
    },
    /// At the old path: no file holds it now.
    Gone {
        /// Its id.
        id: &'a str,
        /// The tracker.
        tracker: &'a OldTracker,
    },
}

/// A tracker of the base.
#[derive(Debug)]
pub struct OldTracker {
    /// Its path from the top of the checkout.
    pub path: String,
    /// Its path as the user would type it.
    pub shown: String,
    /// Its id (`None`: it had none, or did not parse).
    pub id: Option<String>,
    /// Its title.
    pub title: String,
    /// The file at the same path now is byte for byte the same: nothing to compare.
    unchanged: bool,
    /// Its contents, when they differ from the file at its path now (or there is none).
    bytes: Option<Vec<u8>>,
}

impl OldTracker {
    /// The size of its contents, when they are to be compared (0 when unchanged).
    pub fn size(&self) -> usize {
        self.bytes.as_ref().map_or(0, Vec::len)
    }
}

/// The base's trackers under the checked paths.
pub struct Baseline {
    /// The base.
    pub base: Base,
    trackers: Vec<OldTracker>,
    by_id: HashMap<String, Vec<usize>>,
    by_path: HashMap<String, usize>,
    limits: Limits,
}

/// What a file of today is compared with.
#[derive(Debug)]
pub enum Counterpart<'a> {
    /// Nothing: the tracker is new.
    New,
    /// The same bytes at the same path: nothing changed.
    Unchanged,
    /// This tracker of the base.
    Old(&'a OldTracker),
}

/// The same name rule as today's files ([`discover::is_tracker_name`]), so a file
/// counts as a tracker at the base exactly when it would today.
fn is_tracker_name(path: &str) -> bool {
    discover::is_tracker_name(std::path::Path::new(path))
}

/// Whether `file` of the base is found under `root` by the discovery rules of today's
/// files: the root itself if it is a file, else `*.yaml`/`*.yml` below it, hidden
/// folders and files skipped.
fn discovered(root: &str, file: &str) -> bool {
    if file == root {
        return true;
    }
    let rest = if root.is_empty() {
        file
    } else {
        match file.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
            Some(rest) => rest,
            None => return false,
        }
    };
    is_tracker_name(rest) && !rest.split('/').any(|part| part.starts_with('.'))
}

/// The checked path `root` from the top of the checkout (`""` for the top itself),
/// and the folder a link found under it must resolve inside: the directory itself,
/// or for a file named directly the directory holding it (as today's files are read).
fn root_in_repo(base: &Base, root: &Path) -> Option<(String, String)> {
    if std::fs::metadata(root).is_ok_and(|m| m.is_dir()) {
        let dir = base.dir_in_repo(root)?;
        Some((dir.clone(), dir))
    } else {
        let file = base.path_in_repo(root)?;
        let holder = file.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
        Some((file, holder))
    }
}

/// Whether `path` (from the top of the checkout) lies inside the folder `dir`.
fn within(dir: &str, path: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl Baseline {
    /// Finds and reads the trackers of `base` under `roots`, given today's `files`.
    pub fn load(
        base: Base,
        roots: &[PathBuf],
        files: &[Found],
        limits: Limits,
    ) -> Result<Baseline, GitError> {
        let (roots, scopes): (Vec<String>, Vec<String>) =
            roots.iter().filter_map(|r| root_in_repo(&base, r)).unzip();
        let mut listed: Vec<TreeFile> = base
            .list(&roots)?
            .into_iter()
            .filter(|f| roots.iter().any(|r| discovered(r, &f.path)))
            .collect();
        listed.dedup_by(|a, b| a.path == b.path);

        // A link is read through to its target when that stays inside the folder it
        // was found under, as today's files are read; a link to a file already listed
        // is that file, counted once. What is read: each file's object, or for a link
        // the object at its target, always from git's tree (`commit:path` never
        // follows a link on disk), so a link to `/proc/self/environ` or out of the
        // checked folder is not a tracker of the base at all.
        let links: Vec<&TreeFile> = listed.iter().filter(|f| f.symlink).collect();
        let mut targets: HashMap<&str, Option<String>> = HashMap::new();
        if !links.is_empty() {
            let paths: HashSet<&str> = listed.iter().map(|f| f.path.as_str()).collect();
            let names: Vec<String> = links.iter().map(|f| f.object.clone()).collect();
            let mut objects = base.read(&names)?;
            for f in &links {
                let stays = |t: &String| {
                    roots
                        .iter()
                        .zip(&scopes)
                        .any(|(root, scope)| discovered(root, &f.path) && within(scope, t))
                };
                let target = objects
                    // A link's blob is its target path: a few hundred bytes at most.
                    .next_object(LINK_MAX)?
                    .and_then(|t| link_target(&f.path, &t))
                    .filter(stays)
                    .filter(|t| !paths.contains(t.as_str()));
                targets.insert(f.path.as_str(), target.map(|t| base.at(&t)));
            }
        }
        let (listed, names): (Vec<&TreeFile>, Vec<String>) = listed
            .iter()
            .filter_map(|f| match targets.get(f.path.as_str()) {
                None => Some((f, f.object.clone())),
                Some(target) => Some((f, target.clone()?)),
            })
            .unzip();

        let now: HashMap<String, &Found> = files
            .iter()
            .filter_map(|f| Some((base.path_in_repo(&f.path)?, f)))
            .collect();
        let mut objects = base.read(&names)?;
        let mut trackers = Vec::with_capacity(listed.len());
        for f in listed {
            // Over the size limit: never read at the base either.
            let Some(bytes) = objects.next_object(limits.max_file_bytes)? else {
                continue;
            };
            let unchanged = now.get(&f.path).is_some_and(|file| {
                crate::sys::read::read_tracker(file, limits.max_file_bytes)
                    .ok()
                    .flatten()
                    .is_some_and(|b| b == bytes)
            });
            trackers.push(OldTracker {
                shown: base.shown(&f.path),
                path: f.path.clone(),
                id: None,
                title: String::new(),
                unchanged,
                bytes: (!unchanged).then_some(bytes),
            });
        }
        drop(objects);
        // The ids of the changed and the moved-away ones, read off the first lines:
        // the full parse is the comparison's, once, on the checking threads.
        //
        // A catalog among the base's files is not a tracker, though its `id:` reads
        // like one: taken for one, a catalog moved or deleted was "tracker removed". The
        // same few events say which it is: a tracker has `schema_version` where a
        // catalog has `catalog_format`, so the scan stops at whichever comes.
        let keys = [
            "id",
            "title",
            "schema_version",
            crate::model::catalog::FORMAT_KEY,
        ];
        let enough = |found: &[Slot]| {
            found[..2].iter().all(|s| *s != Slot::Absent)
                && found[2..].iter().any(|s| *s != Slot::Absent)
        };
        let text = |slot: &Slot| match slot {
            Slot::Text(text) => Some(text.clone()),
            _ => None,
        };
        trackers.retain_mut(|t| {
            let Some(bytes) = &t.bytes else { return true };
            let found = syntax::top_level(bytes, &keys, enough);
            t.id = text(&found[0]);
            t.title = text(&found[1]).unwrap_or_default();
            found[3] == Slot::Absent
        });
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_path = HashMap::new();
        for (i, t) in trackers.iter().enumerate() {
            if let Some(id) = &t.id {
                by_id.entry(id.clone()).or_default().push(i);
            }
            by_path.insert(t.path.clone(), i);
        }
        Ok(Baseline {
            base,
            trackers,
            by_id,
            by_path,
            limits,
        })
    }

    /// The tracker of the base at `path` (from the top of the checkout).
    pub fn at_path(&self, path: &str) -> Option<&OldTracker> {
        self.by_path.get(path).map(|&i| &self.trackers[i])
    }

    /// What today's file at `path` (from the top of the checkout), whose id is `id`,
    /// is compared with: the base's tracker of that id (the one at the same path if
    /// there are several), or nothing.
    pub fn counterpart(&self, path: Option<&str>, id: Option<&str>) -> Counterpart<'_> {
        let here = path.and_then(|p| self.at_path(p));
        if here.is_some_and(|t| t.unchanged) {
            return Counterpart::Unchanged;
        }
        // A file without a usable id (the schema says so) is held to the record of the
        // tracker that was at its path: deleting the id must not lift the rules.
        let Some(id) = id else {
            return here.map_or(Counterpart::New, Counterpart::Old);
        };
        let Some(candidates) = self.by_id.get(id) else {
            return Counterpart::New;
        };
        let pick = candidates
            .iter()
            .map(|&i| &self.trackers[i])
            .find(|t| Some(t.path.as_str()) == path)
            .unwrap_or(&self.trackers[candidates[0]]);
        Counterpart::Old(pick)
    }

    /// The id of the base's tracker at `path` when today's file there has another id,
    /// `id_now` (it may live on elsewhere, or be gone: known once every file is read).
    /// A file without an id replaces nothing: it is held to the record at its path.
    pub fn replaced_at(&self, path: Option<&str>, id_now: Option<&str>) -> Option<&str> {
        let id_now = id_now?;
        self.at_path(path?)?
            .id
            .as_deref()
            .filter(|old| *old != id_now)
    }

    /// Reads an old tracker's contents.
    pub fn parse(&self, old: &OldTracker) -> Option<Tracker> {
        let root = syntax::document(old.bytes.as_deref()?, &self.limits).ok()?;
        Some(Tracker::from_document(root))
    }

    /// The comparison of today's tracker `now` (the file `shown`, at `path` from the
    /// top of the checkout) with its counterpart at the base; `None` when nothing
    /// changed. `parsed`: the counterpart, if already read. `catalog`: the catalog
    /// `now` is checked against, which says which steps were renamed.
    pub fn change_for(
        &self,
        path: Option<&str>,
        shown: &str,
        now: &Tracker,
        parsed: Option<(&str, Tracker)>,
        catalog: Option<&Catalog>,
    ) -> Option<TrackerChange> {
        let id = now.id.as_ref().map(|i| i.value.as_str());
        let (old_doc, old_file) = match self.counterpart(path, id) {
            Counterpart::Unchanged => return None,
            Counterpart::New => (None, None),
            Counterpart::Old(old) => {
                let doc = match parsed {
                    Some((p, doc)) if p == old.path => Some(doc),
                    // An old version that no longer parses cannot be compared entry
                    // by entry; the change that fixed it is then judged on its own.
                    _ => self.parse(old),
                };
                let doc = doc?;
                (Some(doc), Some(old.shown.clone()))
            }
        };
        let mut change = change::compare(old_doc.as_ref(), now, catalog);
        change.file = Some(shown.to_string());
        change.old_file = old_file;
        Some(change)
    }

    /// Once every file is read: the base's trackers whose id is in none of `ids_now`
    /// (skipping those at a path in `unreadable_now`), and where each is said. `replaced`:
    /// for each file that holds another id at a path where a tracker of the base was,
    /// that tracker's id. Such a tracker, if gone, is said in each of those files, at
    /// their id; any other, at its old path.
    pub fn settle_removed<'a>(
        &'a self,
        ids_now: &HashSet<String>,
        unreadable_now: &HashSet<String>,
        replaced: &[&str],
    ) -> Vec<Removal<'a>> {
        let removed = self.removed(ids_now, unreadable_now);
        let mut out = Vec::new();
        for (index, old_id) in replaced.iter().enumerate() {
            if let Some(id) = removed
                .iter()
                .filter_map(|t| t.id.as_deref())
                .find(|id| id == old_id)
            {
                out.push(Removal::Replaced { index, old_id: id });
            }
        }
        for t in removed {
            let Some(id) = t.id.as_deref() else { continue };
            if !replaced.contains(&id) {
                out.push(Removal::Gone { id, tracker: t });
            }
        }
        out
    }

    /// Trackers of the base whose id is in none of `ids_now`, skipping those at a
    /// path in `unreadable_now` (a file that does not parse now has its own error).
    fn removed<'a>(
        &'a self,
        ids_now: &HashSet<String>,
        unreadable_now: &HashSet<String>,
    ) -> Vec<&'a OldTracker> {
        self.trackers
            .iter()
            .filter(|t| t.id.as_ref().is_some_and(|id| !ids_now.contains(id)))
            .filter(|t| !unreadable_now.contains(&t.path))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_searched_as_today_s_folders_are() {
        assert!(discovered("tracker", "tracker/a.yaml"));
        assert!(discovered("tracker", "tracker/sub/a.yml"));
        assert!(discovered("tracker", "tracker"));
        assert!(discovered("", "tracker/a.yaml"));
        assert!(!discovered("tracker", "tracker/.archive/a.yaml"));
        assert!(!discovered("tracker", "tracker/a.json"));
        assert!(!discovered("tracker", "trackers/a.yaml"));
        assert!(!discovered("", ".github/workflows/ci.yml"));
        // A hidden folder given on purpose is searched, as today's walk does.
        assert!(discovered("tracker/.archive", "tracker/.archive/a.yaml"));
    }

    #[test]
    fn links_of_the_base_stay_in_their_folder() {
        assert!(within("tracker", "tracker/.copies/a.yaml"));
        assert!(within("", "schema/a.yaml"));
        assert!(!within("tracker", "tracker2/a.yaml"));
        assert!(!within("tracker", "secrets.yaml"));
        assert!(!within("tracker", "tracker"));
    }
}
