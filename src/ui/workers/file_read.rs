//! Files read and parsed on a thread of their own, so a frame never waits
//! on a file: the events files the timeline shows, a workspace opened from
//! the menu. A file can be large (an events file of a million rows), slow
//! (a network drive) or refused only once looked at (a FIFO, a device);
//! whatever it is, the window keeps drawing, says which file it is reading
//! ([`FileRead::reading`]) and takes what was read in a later frame.
//!
//! A read is for one list of files, which is its key: when the list the
//! window wants changes, the read for the old list is dropped (its thread
//! finishes its file and its answer goes nowhere) and one for the new list
//! starts, so a newer list always supersedes an older one.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};

/// The thread reading the files stopped before answering (it panicked):
/// nothing was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("reading stopped unexpectedly; nothing was read")]
pub struct Stopped;

/// Files being read on a thread, each with the same function, answering
/// one `R` per file in the order given.
pub struct FileRead<R> {
    /// The files, in order: what this read is for.
    files: Vec<PathBuf>,
    /// How many files the thread has finished (the one it reads now).
    at: Arc<AtomicUsize>,
    /// The answer, once every file is read.
    rx: Receiver<Vec<R>>,
}

impl<R: Send + 'static> FileRead<R> {
    /// Starts reading `files` with `read`, one after the other, on a thread
    /// named `name`; `wake` is called when they are all read, so the window
    /// repaints and takes the answer. When no thread can start, the files
    /// are read here, before this returns.
    pub fn start(
        files: Vec<PathBuf>,
        name: &str,
        wake: impl Fn() + Send + 'static,
        read: impl Fn(&Path) -> R + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let at = Arc::new(AtomicUsize::new(0));
        let (list, counter) = (files.clone(), at.clone());
        let work = move || {
            let mut answers = Vec::with_capacity(list.len());
            for path in &list {
                answers.push(read(path));
                counter.fetch_add(1, Ordering::Relaxed);
            }
            // Nobody listening (superseded, or the window closed): dropped.
            let _ = tx.send(answers);
            wake();
        };
        // Shared, so the work can still run here if no thread starts.
        let job = Arc::new(Mutex::new(Some(work)));
        let theirs = job.clone();
        let spawned = super::priority::spawn(name, move || {
            let work = theirs.lock().ok().and_then(|mut w| w.take());
            if let Some(work) = work {
                work();
            }
        });
        if spawned.is_err()
            && let Some(work) = job.lock().ok().and_then(|mut w| w.take())
        {
            work(); // answers into the channel, taken by the next poll
        }
        FileRead { files, at, rx }
    }

    /// The files this read is for, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The file being read now and its position in [`FileRead::files`]
    /// (the last one once all are read, until the answer is taken).
    pub fn reading(&self) -> Option<(usize, &Path)> {
        let k = self.at.load(Ordering::Relaxed).min(self.files.len().saturating_sub(1));
        self.files.get(k).map(|p| (k, p.as_path()))
    }

    /// What the window says while this read runs: `"reading {what}
    /// NAME…"`, NAME being the file's name, and its position when there
    /// are several (`"reading events b.csv (2 of 3)…"`).
    pub fn progress(&self, what: &str) -> String {
        let Some((k, path)) = self.reading() else { return format!("reading {what}…") };
        let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
        match self.files.len() {
            1 => format!("reading {what} {name}…"),
            n => format!("reading {what} {name} ({} of {n})…", k + 1),
        }
    }

    /// The answers (one per file, in order) once every file is read;
    /// `None` while the thread works. Never waits.
    pub fn poll(&mut self) -> Option<Result<Vec<R>, Stopped>> {
        match self.rx.try_recv() {
            Ok(answers) => Some(Ok(answers)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Stopped)),
        }
    }

    /// The answers, after waiting for the thread (tests and screenshots).
    pub fn wait(self) -> Result<Vec<R>, Stopped> {
        self.rx.recv().map_err(|_| Stopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Sender;
    use std::time::Duration;

    const PATIENCE: Duration = Duration::from_secs(10);

    /// A read whose function waits for the test before each file and
    /// answers with the file's name; `started` tells each file begun.
    fn stepped(files: &[&str]) -> (FileRead<String>, Receiver<String>, Sender<()>) {
        let (started_tx, started) = channel();
        let (go, go_rx) = channel::<()>();
        let go_rx = Mutex::new(go_rx);
        let files = files.iter().map(PathBuf::from).collect();
        let read = FileRead::start(
            files,
            "test-file-read",
            || {},
            move |p: &Path| {
                let name = p.display().to_string();
                let _ = started_tx.send(name.clone());
                let _ = go_rx.lock().unwrap().recv();
                name
            },
        );
        (read, started, go)
    }

    #[test]
    fn files_are_read_in_order_on_the_thread_with_progress_and_answered_once() {
        let (mut read, started, go) = stepped(&["/data/a.csv", "/data/b.csv"]);
        assert_eq!(started.recv_timeout(PATIENCE).unwrap(), "/data/a.csv");
        // The thread waits on the first file: nothing yet, and it says so.
        assert!(read.poll().is_none());
        assert_eq!(read.reading(), Some((0, Path::new("/data/a.csv"))));
        assert_eq!(read.progress("events"), "reading events a.csv (1 of 2)…");
        go.send(()).unwrap();
        assert_eq!(started.recv_timeout(PATIENCE).unwrap(), "/data/b.csv");
        assert_eq!(read.progress("events"), "reading events b.csv (2 of 2)…");
        assert!(read.poll().is_none());
        go.send(()).unwrap();
        assert_eq!(read.wait(), Ok(vec!["/data/a.csv".to_string(), "/data/b.csv".to_string()]));
    }

    /// What `read` answers, polled for up to ten seconds.
    fn answer<R: Send + 'static>(read: &mut FileRead<R>) -> Option<Result<Vec<R>, Stopped>> {
        for _ in 0..2000 {
            if let Some(answer) = read.poll() {
                return Some(answer);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    #[test]
    fn one_file_is_named_alone_and_polled_until_it_arrives() {
        let (mut read, started, go) = stepped(&["/home/w/workspace.json"]);
        assert_eq!(started.recv_timeout(PATIENCE).unwrap(), "/home/w/workspace.json");
        assert_eq!(read.progress("workspace"), "reading workspace workspace.json…");
        go.send(()).unwrap();
        let got = answer(&mut read);
        assert_eq!(got, Some(Ok(vec!["/home/w/workspace.json".to_string()])));
    }

    #[test]
    fn a_read_that_panics_is_reported_stopped() {
        let mut read: FileRead<u8> =
            FileRead::start(vec![PathBuf::from("x")], "test-file-read", || {}, |_| panic!("the parser failed"));
        let got = answer(&mut read);
        assert_eq!(got, Some(Err(Stopped)));
    }

    #[test]
    fn dropping_a_read_lets_its_thread_finish_unheard() {
        let (read, started, go) = stepped(&["old.csv"]);
        assert_eq!(started.recv_timeout(PATIENCE).unwrap(), "old.csv");
        drop(read); // a newer list took its place
        go.send(()).unwrap();
        // The thread ends (its function, holding `started`, is dropped).
        assert_eq!(started.recv_timeout(PATIENCE), Err(std::sync::mpsc::RecvTimeoutError::Disconnected));
    }
}
