//! The core's fixed regular expressions: compiled once, searched through
//! a copy per thread whose caches can be given back.
//!
//! A regex keeps the lazy DFA states it built for every thread that searched
//! with it, for as long as the regex lives: for static patterns, for the
//! life of the process, although the importer's patterns are not used again
//! until the next import. Each thread searches with its own copy (the
//! compiled program is shared), and [`forget_caches_everywhere`] drops the
//! copies once a batch of imports is done; a later search builds a fresh
//! copy.
//!
//! The timeline's date patterns (`core::timeline::mentions`) stay apart on
//! purpose: they search each whole speech with a clone made for it. They run
//! beside indexing, at the app's memory peak, where copies kept across
//! speeches raised that peak for little time saved on a background thread.
//! The importer's searches are short, per line or title, where a clone per
//! call would make import much slower. (The measurements are in the commit
//! messages of 7ace401 and 46ecfa2.)

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;

/// Compiles one of the core's constant patterns. They are string literals
/// exercised by the unit tests, so a failure here is a programming error,
/// never a consequence of user input.
pub(crate) fn compile(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("constant pattern compiles") // ok: constant pattern, covered by tests
}

/// A constant pattern, compiled on first use, searched through a copy per
/// thread (see the module's documentation).
pub(crate) struct Pattern(LazyLock<Regex>);

thread_local! {
    /// This thread's copies of the patterns, by the pattern's address.
    static COPIES: RefCell<Vec<(usize, Rc<Regex>)>> = const { RefCell::new(Vec::new()) };
}

impl Pattern {
    /// A pattern that `make` compiles (with [`compile`]) when first used.
    pub(crate) const fn new(make: fn() -> Regex) -> Pattern {
        Pattern(LazyLock::new(make))
    }

    /// Calls `f` with this thread's copy of the pattern.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&Regex) -> R) -> R {
        let key = self as *const Pattern as usize;
        let copy = COPIES.try_with(|copies| {
            let mut copies = copies.borrow_mut();
            if let Some((_, re)) = copies.iter().find(|(k, _)| *k == key) {
                return re.clone();
            }
            let re = Rc::new(Regex::clone(&self.0));
            copies.push((key, re.clone()));
            re
        });
        match copy {
            Ok(re) => f(&re),
            // The thread is ending: search with the shared pattern.
            Err(_) => f(&self.0),
        }
    }
}

/// Drops this thread's copies of the patterns and their caches.
pub(crate) fn forget_caches() {
    let _ = COPIES.try_with(|copies| copies.borrow_mut().clear());
}

/// Drops the copies of the patterns on this thread and on every thread of
/// the global thread pool: for when a batch of imports is done.
pub fn forget_caches_everywhere() {
    rayon::broadcast(|_| forget_caches());
    forget_caches();
}

/// How many patterns this thread holds a copy of.
#[cfg(test)]
fn copies() -> usize {
    COPIES.with(|copies| copies.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    static WORD: Pattern = Pattern::new(|| compile(r"\p{L}+"));
    static DIGITS: Pattern = Pattern::new(|| compile(r"[0-9]+"));

    #[test]
    fn each_thread_searches_its_own_copy_until_the_caches_are_forgotten() {
        std::thread::spawn(|| {
            assert_eq!(copies(), 0);
            let found = WORD.with(|re| re.find("  Союз, Birliğin").map(|m| m.as_str().to_string()));
            assert_eq!(found.as_deref(), Some("Союз"));
            // Nested use of another pattern, and the same one again: one copy each.
            let n = DIGITS.with(|d| WORD.with(|w| w.find_iter("a1 b22 ç").count() + d.find_iter("a1 b22").count()));
            assert_eq!(n, 5);
            assert_eq!(copies(), 2);
            forget_caches();
            assert_eq!(copies(), 0);
            // Searching again makes a fresh copy that finds the same.
            assert!(DIGITS.with(|re| re.is_match("1790")));
            assert_eq!(copies(), 1);
        })
        .join()
        .expect("the test thread");
    }

    #[test]
    fn forgetting_everywhere_empties_the_pool_threads() {
        // A pool of its own: other tests use the global one meanwhile.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("a thread pool");
        pool.install(|| {
            let held: Vec<usize> = rayon::broadcast(|_| {
                WORD.with(|re| re.is_match("word"));
                copies()
            });
            assert_eq!(held, vec![1, 1]);
            forget_caches_everywhere();
            let held: Vec<usize> = rayon::broadcast(|_| copies());
            assert_eq!(held, vec![0, 0]);
        });
    }
}
