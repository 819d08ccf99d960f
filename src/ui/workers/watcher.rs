//! Notices when an opened transcript changes or disappears on disk, so the
//! app can offer to reload it instead of silently showing stale text.
//!
//! The folders holding the files are watched (not the files themselves):
//! editors often save by writing a new file and renaming it over the old
//! one, which a watch on the old file would miss.
//!
//! [`FileWatcher::watch`] runs in the frame that opens a corpus, for every
//! file of it (24,900 for a hundred copies of the SOTU corpus): files are
//! kept by their path's bytes (std's `Path` hashing and comparison walk
//! components), each path is copied once, and the folders are found by
//! comparing each file's folder with the one before.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::SystemTime;

use notify::{RecursiveMode, Watcher as _};
use rustc_hash::FxHashMap;

/// What happened to an opened file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChange {
    /// Its content (size or modification time) changed.
    Modified,
    /// It is gone: deleted, or renamed away.
    Removed,
}

/// A watched file's path, as given (its bytes are the key).
type Key = Arc<OsStr>;

/// Fingerprints taken on a thread, by file.
type Prints = Vec<(Key, Option<Fingerprint>)>;

/// New files fingerprinted in the frame that opens them; more are
/// fingerprinted on a thread.
const INLINE_PRINTS: usize = 256;

/// Size and modification time of a file when it was opened.
type Fingerprint = (u64, Option<SystemTime>);

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// What is known of a watched file as it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Print {
    /// Its fingerprint (none when it could not be read).
    Taken(Option<Fingerprint>),
    /// Being taken on the thread of this batch (a large folder just
    /// opened): its changes are not judged until it arrives.
    Pending(u64),
}

/// Watches the folders of the opened files.
pub struct FileWatcher {
    watcher: Option<notify::RecommendedWatcher>,
    rx: Receiver<PathBuf>,
    folders: HashSet<PathBuf>,
    files: FxHashMap<Key, Print>,
    /// The fingerprints being taken on threads, one per large opening, by batch.
    prints: Vec<(u64, Receiver<Prints>)>,
    /// The next large opening's batch.
    next_batch: u64,
    /// The working folder when relative paths were watched: the system
    /// names their changes with it in front.
    cwd: Option<PathBuf>,
    /// Changes not yet dealt with by the user, by file.
    pub changes: BTreeMap<PathBuf, FileChange>,
    /// Why watching does not work, if it does not (shown once).
    pub error: Option<WatchError>,
}

/// The system's file watching could not be started: the app works on, but
/// does not notice files changed on disk.
#[derive(Debug, thiserror::Error)]
#[error("changes to opened files on disk will not be noticed: {0}")]
pub struct WatchError(notify::Error);

impl FileWatcher {
    /// A watcher; `wake` is called when something changed so the UI repaints.
    pub fn new(wake: impl Fn() + Send + 'static) -> FileWatcher {
        let (tx, rx) = channel();
        let handler = move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                for path in event.paths {
                    let _ = tx.send(path);
                }
                wake();
            }
        };
        let (watcher, error) = match notify::recommended_watcher(handler) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(WatchError(e))),
        };
        FileWatcher {
            watcher,
            rx,
            folders: HashSet::new(),
            files: FxHashMap::default(),
            prints: Vec::new(),
            next_batch: 0,
            cwd: None,
            changes: BTreeMap::new(),
            error,
        }
    }

    /// Watches exactly these files from now on. Files already watched keep
    /// the fingerprint taken when they were first opened.
    pub fn watch<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) {
        self.take_prints();
        let files = files.into_iter();
        let mut next: FxHashMap<Key, Print> =
            FxHashMap::with_capacity_and_hasher(files.size_hint().0, Default::default());
        let mut new: Vec<Key> = Vec::new();
        // Each folder once (a folder of thousands of files is one watch):
        // files come folder by folder, so most are their neighbour's.
        let mut parents: Vec<&'a Path> = Vec::new();
        let mut relative = false;
        for f in files {
            if let Some(parent) = f.parent()
                && parents.last().is_none_or(|p| p.as_os_str() != parent.as_os_str())
            {
                parents.push(parent);
            }
            relative |= f.is_relative();
            match self.files.remove_entry(f.as_os_str()) {
                Some((key, print)) => {
                    next.insert(key, print);
                }
                None => new.push(Key::from(f.as_os_str())),
            }
        }
        if new.len() <= INLINE_PRINTS {
            for key in new {
                let print = fingerprint(Path::new(&key));
                next.insert(key, Print::Taken(print));
            }
        } else {
            // 24,900 files take a quarter of a second to stat: not in a frame.
            let batch = self.next_batch;
            self.next_batch += 1;
            for key in &new {
                next.insert(key.clone(), Print::Pending(batch));
            }
            let (tx, rx) = channel();
            let spawned = std::thread::Builder::new().name("refrain-fingerprints".into()).spawn(move || {
                let prints = new.into_iter().map(|key| {
                    let print = fingerprint(Path::new(&key));
                    (key, print)
                });
                let _ = tx.send(prints.collect());
            });
            match spawned {
                Ok(_) => self.prints.push((batch, rx)),
                // No thread: these files' changes are judged without a fingerprint.
                Err(_) => judge_without(&mut next, &[batch]),
            }
        }
        // What is left of the files watched before is no longer open.
        self.files = next;
        self.changes.retain(|p, _| self.files.contains_key(p.as_os_str()));
        self.cwd = if relative { std::env::current_dir().ok() } else { None };
        parents.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        parents.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
        let wanted: HashSet<PathBuf> = parents.into_iter().filter(|d| d.is_dir()).map(Path::to_path_buf).collect();
        let Some(watcher) = &mut self.watcher else { return };
        for gone in self.folders.difference(&wanted) {
            let _ = watcher.unwatch(gone);
        }
        let mut watched = HashSet::new();
        for dir in wanted {
            if self.folders.contains(&dir) || watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok() {
                watched.insert(dir);
            }
        }
        self.folders = watched;
    }

    /// Takes the fingerprints taken on a thread, if they arrived.
    fn take_prints(&mut self) {
        let (mut arrived, mut failed) = (Vec::new(), Vec::new());
        self.prints.retain(|(batch, rx)| match rx.try_recv() {
            Ok(prints) => {
                arrived.push((*batch, prints));
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                failed.push(*batch);
                false
            }
        });
        for (batch, prints) in arrived {
            for (key, print) in prints {
                // A file closed meanwhile, or opened again by a later batch, is left.
                if let Some(slot) = self.files.get_mut(&key)
                    && *slot == Print::Pending(batch)
                {
                    *slot = Print::Taken(print);
                }
            }
        }
        if !failed.is_empty() {
            // A thread that stopped without answering: judge without.
            judge_without(&mut self.files, &failed);
        }
    }

    /// The watched file an event's path names, as it was given to
    /// [`FileWatcher::watch`] (relative paths are named from the working folder).
    fn watched<'p>(&self, event: &'p Path) -> Option<(&'p OsStr, Print)> {
        if let Some(&print) = self.files.get(event.as_os_str()) {
            return Some((event.as_os_str(), print));
        }
        let rest = below(event.as_os_str(), self.cwd.as_deref()?.as_os_str())?;
        self.files.get(rest).map(|&print| (rest, print))
    }

    /// Takes the events that arrived and records which watched files
    /// changed or disappeared; true when anything new was recorded.
    pub fn poll(&mut self) -> bool {
        self.take_prints();
        let mut touched: HashSet<PathBuf> = HashSet::new();
        while let Ok(p) = self.rx.try_recv() {
            touched.insert(p);
        }
        let mut news = false;
        for p in touched {
            let Some((key, print)) = self.watched(&p) else { continue };
            let Print::Taken(old) = print else {
                continue; // opened a moment ago; its fingerprint is on its way
            };
            let path = Path::new(key);
            let change = match fingerprint(path) {
                None => Some(FileChange::Removed),
                Some(n) if Some(n) != old => Some(FileChange::Modified),
                Some(_) => None,
            };
            match change {
                Some(c) if self.changes.get(path) != Some(&c) => {
                    self.changes.insert(path.to_path_buf(), c);
                    news = true;
                }
                Some(_) => {}
                // Back as it was (a rename undone): nothing to tell any more.
                None => news |= self.changes.remove(path).is_some(),
            }
        }
        news
    }

    /// Forgets a change the user dealt with; the file's present state
    /// becomes the one compared against.
    pub fn settle(&mut self, path: &Path) {
        self.changes.remove(path);
        if let Some(print) = self.files.get_mut(path.as_os_str()) {
            *print = Print::Taken(fingerprint(path));
        }
    }
}

/// The files still waiting for these batches' fingerprints are judged
/// without one (their thread is gone).
fn judge_without(files: &mut FxHashMap<Key, Print>, batches: &[u64]) {
    for print in files.values_mut() {
        if let Print::Pending(b) = print
            && batches.contains(b)
        {
            *print = Print::Taken(None);
        }
    }
}

/// `path` from inside `dir`, by their bytes: the inverse of `dir.join(rest)`,
/// which is how the system names a change in a folder watched by a
/// relative path.
fn below<'p>(path: &'p OsStr, dir: &OsStr) -> Option<&'p OsStr> {
    let (path, dir) = (path.as_encoded_bytes(), dir.as_encoded_bytes());
    let rest = path.strip_prefix(dir)?;
    let rest = if dir.last().is_some_and(|&b| std::path::is_separator(b.into())) {
        rest
    } else {
        rest.strip_prefix(std::path::MAIN_SEPARATOR_STR.as_bytes())?
    };
    #[cfg(unix)]
    return Some(std::os::unix::ffi::OsStrExt::from_bytes(rest));
    #[cfg(not(unix))]
    return std::str::from_utf8(rest).ok().map(OsStr::new);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Polls until `done` or five seconds passed.
    fn poll_until(w: &mut FileWatcher, done: impl Fn(&FileWatcher) -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            w.poll();
            if done(w) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Files whose fingerprint is still on its way.
    fn pending(w: &FileWatcher) -> usize {
        w.files.values().filter(|p| matches!(p, Print::Pending(_))).count()
    }

    /// `n` files spread over `folders` folders of `dir`, folder by folder.
    fn make_files(dir: &Path, folders: usize, n: usize) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for d in 0..folders {
            let folder = dir.join(format!("copy-{d:02}"));
            std::fs::create_dir_all(&folder).unwrap();
            for i in 0..n / folders {
                let f = folder.join(format!("{i}.txt"));
                std::fs::write(&f, "text").unwrap();
                files.push(f);
            }
        }
        files
    }

    #[test]
    fn a_large_folder_is_fingerprinted_on_a_thread_and_its_changes_are_then_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let files = make_files(dir.path(), 1, 2 * INLINE_PRINTS + 100);
        let mut w = FileWatcher::new(|| {});
        if w.watcher.is_none() {
            eprintln!("skipped: no file watching on this system");
            return;
        }
        // Half opened, then all before the first half's fingerprints came:
        // both threads' answers count.
        let half = files.len() / 2;
        w.watch(files[..half].iter().map(PathBuf::as_path));
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(pending(&w) >= files.len() - half, "too many to fingerprint in the frame");
        assert!(poll_until(&mut w, |w| pending(w) == 0), "the fingerprints never arrived");
        assert!(w.files.values().all(|p| matches!(p, Print::Taken(Some(_)))));
        assert!(w.changes.is_empty());
        std::fs::write(&files[7], "longer text").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.get(&files[7]) == Some(&FileChange::Modified)));
        assert_eq!(w.changes.len(), 1);
        // Watching the same files again keeps their fingerprints: the
        // change stays, nothing is fingerprinted anew.
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(pending(&w) == 0 && w.prints.is_empty());
        assert_eq!(w.changes.len(), 1);
    }

    #[test]
    fn after_a_large_opening_of_many_folders_a_changed_and_a_removed_file_are_noticed_and_closed_ones_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let files = make_files(dir.path(), 20, 4000);
        let mut w = FileWatcher::new(|| {});
        if w.watcher.is_none() {
            eprintln!("skipped: no file watching on this system");
            return;
        }
        w.watch(files.iter().map(PathBuf::as_path));
        // Every folder watched once.
        assert_eq!(w.folders.len(), 20);
        assert_eq!(w.files.len(), files.len());
        assert!(poll_until(&mut w, |w| pending(w) == 0), "the fingerprints never arrived");
        let (changed, removed, closed) = (&files[1234], &files[3999], &files[5]);
        std::fs::write(changed, "longer text").unwrap();
        std::fs::remove_file(removed).unwrap();
        std::fs::write(closed, "changed before it was closed").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.len() == 3), "{:?}", w.changes);
        assert_eq!(w.changes.get(changed), Some(&FileChange::Modified));
        assert_eq!(w.changes.get(removed), Some(&FileChange::Removed));
        // Settled: the present state is the one compared against.
        w.settle(changed);
        assert!(!w.changes.contains_key(changed));
        // Reopened without one file and without the last folder: its change
        // goes, the others stay, the folder is no longer watched.
        let kept: Vec<&Path> = files[..3800].iter().filter(|f| *f != closed).map(PathBuf::as_path).collect();
        w.watch(kept.iter().copied().chain([removed.as_path()]));
        assert_eq!(w.changes.keys().collect::<Vec<_>>(), [removed]);
        assert_eq!(w.folders.len(), 20, "the removed file's folder stays: the file is still open");
        w.watch(kept.iter().copied());
        assert!(w.changes.is_empty());
        assert_eq!(w.folders.len(), 19);
        // A file written again after a large reopening is still noticed.
        std::fs::write(&files[10], "written again").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.get(&files[10]) == Some(&FileChange::Modified)));
        assert!(!w.changes.contains_key(changed));
    }

    #[test]
    fn a_change_named_from_the_working_folder_is_found_under_its_relative_path() {
        let rest = |p: &str, d: &str| below(OsStr::new(p), OsStr::new(d)).map(|r| r.to_string_lossy().into_owned());
        assert_eq!(rest("/home/me/sotu/a.txt", "/home/me").as_deref(), Some("sotu/a.txt"));
        assert_eq!(rest("/home/me/./sotu/a.txt", "/home/me").as_deref(), Some("./sotu/a.txt"));
        assert_eq!(rest("/sotu/a.txt", "/").as_deref(), Some("sotu/a.txt"));
        assert_eq!(rest("/home/meat/a.txt", "/home/me"), None);
        assert_eq!(rest("/elsewhere/a.txt", "/home/me"), None);
        let mut w = FileWatcher::new(|| {});
        w.watch([Path::new("sotu/a.txt")]);
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(w.watched(&cwd.join("sotu/a.txt")).map(|(k, _)| k), Some(OsStr::new("sotu/a.txt")));
        assert_eq!(w.watched(Path::new("sotu/a.txt")).map(|(k, _)| k), Some(OsStr::new("sotu/a.txt")));
        assert!(w.watched(&cwd.join("sotu/b.txt")).is_none());
    }
}
