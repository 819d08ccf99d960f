//! A value worked out on a thread of its own for a key (a phrase set and
//! whatever else it depends on), taken in a later frame: the windows that
//! sum up a whole corpus (the explorer, the reuse map, Speakers) never make
//! a frame wait for them, and each asks again only when its key changes.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};

use crate::core::phrases::PhraseSet;

/// A phrase set as a key: the same set (the same allocation), not an equal
/// one (comparing two sets' contents would go over every phrase).
#[derive(Clone)]
pub struct SameSet(pub Arc<PhraseSet>);

impl PartialEq for SameSet {
    fn eq(&self, other: &SameSet) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The last value made and the one being made, each with its key.
pub struct KeyedJob<K, T> {
    done: Option<(K, T)>,
    pending: Option<(K, Receiver<T>)>,
    /// The key whose thread stopped without an answer: not tried again.
    failed: Option<K>,
}

impl<K, T> Default for KeyedJob<K, T> {
    fn default() -> Self {
        KeyedJob { done: None, pending: None, failed: None }
    }
}

impl<K: PartialEq + Clone, T: Send + 'static> KeyedJob<K, T> {
    /// The value for `key` when it is ready, and whether it arrived in this
    /// call (so a window can forget what it derived from the one before).
    /// Otherwise starts `make` on a thread named `name` (unless it already
    /// runs for this key; on a thread that cannot start, `make` runs here)
    /// and answers `None`; the thread wakes `ctx` when done.
    pub fn poll<F>(&mut self, key: &K, ctx: &egui::Context, name: &str, make: F) -> Option<(&T, bool)>
    where
        F: FnOnce() -> T + Send + 'static,
    {
        let mut fresh = false;
        if !self.done.as_ref().is_some_and(|(k, _)| k == key) {
            match self.pending.as_ref().filter(|(k, _)| k == key).map(|(_, rx)| rx.try_recv()) {
                Some(Ok(value)) => {
                    self.done = Some((key.clone(), value));
                    self.pending = None;
                    fresh = true;
                }
                Some(Err(TryRecvError::Empty)) => return None,
                Some(Err(TryRecvError::Disconnected)) => {
                    // The thread stopped without an answer (it panicked): not again.
                    self.pending = None;
                    self.failed = Some(key.clone());
                    return None;
                }
                None if self.failed.as_ref() == Some(key) => return None,
                None => {
                    self.start(key, ctx, name, make);
                    fresh = self.done.as_ref().is_some_and(|(k, _)| k == key);
                    if !fresh {
                        return None;
                    }
                }
            }
        }
        self.done.as_ref().map(|(_, v)| (v, fresh))
    }

    /// True while a value is being made.
    pub fn is_working(&self) -> bool {
        self.pending.is_some()
    }

    /// The last value made, whatever its key (tests).
    pub fn last(&self) -> Option<&T> {
        self.done.as_ref().map(|(_, v)| v)
    }

    /// The last value made and its key: what a window may keep showing
    /// while the value for a new key is made.
    pub fn last_with_key(&self) -> Option<(&K, &T)> {
        self.done.as_ref().map(|(k, v)| (k, v))
    }

    fn start<F>(&mut self, key: &K, ctx: &egui::Context, name: &str, make: F)
    where
        F: FnOnce() -> T + Send + 'static,
    {
        let (tx, rx) = channel();
        // Shared, so `make` can still run here if no thread starts.
        let job = Arc::new(Mutex::new(Some(make)));
        let (theirs, wake) = (job.clone(), ctx.clone());
        let spawned = super::priority::spawn(name, move || {
            let make = theirs.lock().ok().and_then(|mut m| m.take());
            if let Some(make) = make {
                let _ = tx.send(make());
                wake.request_repaint();
            }
        });
        if spawned.is_ok() {
            self.pending = Some((key.clone(), rx));
        } else if let Some(make) = job.lock().ok().and_then(|mut m| m.take()) {
            self.done = Some((key.clone(), make()));
            self.pending = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once_per_key_and_taken_when_ready() {
        let ctx = egui::Context::default();
        let mut job: KeyedJob<u32, String> = KeyedJob::default();
        let mut got = None;
        for _ in 0..500 {
            if let Some((v, fresh)) = job.poll(&1, &ctx, "test-job", || "one".to_string()) {
                got = Some((v.clone(), fresh));
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(got, Some(("one".to_string(), true)), "ready, and fresh the first time");
        let again =
            job.poll(&1, &ctx, "test-job", || panic!("made again for the same key")).map(|(v, f)| (v.clone(), f));
        assert_eq!(again, Some(("one".to_string(), false)));
        // Another key: the old value is not given for it.
        assert!(job.poll(&2, &ctx, "test-job", || "two".to_string()).is_none(), "made on the thread");
        for _ in 0..500 {
            if job.poll(&2, &ctx, "test-job", || unreachable!()).is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(job.last().map(String::as_str), Some("two"));
        assert!(!job.is_working());
    }

    #[test]
    fn a_thread_that_panics_leaves_no_value_and_is_not_waited_for() {
        let ctx = egui::Context::default();
        let mut job: KeyedJob<u32, u32> = KeyedJob::default();
        assert!(job.poll(&1, &ctx, "test-panic", || panic!("the work failed")).is_none());
        for _ in 0..500 {
            if !job.is_working() {
                break;
            }
            let _ = job.poll(&1, &ctx, "test-panic", || unreachable!());
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(!job.is_working(), "the stopped thread is noticed");
        assert!(job.last().is_none());
    }
}
