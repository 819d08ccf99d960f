//! Helpers shared by the benchmarks in `benches/`: finding the shared corpus,
//! the import → tokenize → phrases pipeline they time, and reading the
//! process's memory figures from `/proc/self/status`.

#![allow(dead_code)] // each bench uses a different part of this module

use std::path::{Path, PathBuf};

use refrain::core::import::{FileOutcome, ImportOptions, import_paths};
use refrain::core::phrases::{DocId, PhraseIndex, PhraseOptions, PhraseSet};
use refrain::core::transcript::Transcript;

/// Where the benches write their figures for `benches/run.sh` to read:
/// `target/tmp/refrain-bench/`.
pub fn results_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("refrain-bench");
    std::fs::create_dir_all(&dir).expect("cannot create target/tmp/refrain-bench");
    dir
}

/// The SOTU speeches folder of the shared corpus (`$REFRAIN_CORPUS/sotu/speeches`,
/// by default `../shared/corpus` beside the checkout). When it is missing
/// this says so loudly and returns `None` (the bench then does nothing),
/// unless `REFRAIN_REQUIRE_CORPUS=1`, which makes it a failure.
pub fn sotu_speeches() -> Option<PathBuf> {
    let corpus = std::env::var_os("REFRAIN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let speeches = corpus.join("sotu/speeches");
    if speeches.is_dir() {
        return Some(speeches);
    }
    let message = format!("skipped: corpus not found at {} (set REFRAIN_CORPUS)", speeches.display());
    if std::env::var_os("REFRAIN_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("{message}, and REFRAIN_REQUIRE_CORPUS=1");
    }
    eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
    println!("{message}");
    None
}

/// The phrase options of the main target: 5 words, 2 speeches.
pub fn min5() -> PhraseOptions {
    PhraseOptions::default().min_words(5).min_speeches(2)
}

/// Imports every transcript under `dir`; any file that fails or is a
/// duplicate is a broken benchmark setup, so it panics.
pub fn import(dir: &Path) -> Vec<Transcript> {
    import_paths(&[dir.to_path_buf()], &ImportOptions::default())
        .into_iter()
        .map(|outcome| match outcome {
            FileOutcome::Imported(t) => *t,
            other => panic!("{} did not import: {other:?}", other.path().display()),
        })
        .collect()
}

/// Tokenizes and interns `transcripts` into a new index.
pub fn index(transcripts: &[Transcript]) -> (PhraseIndex, Vec<DocId>) {
    let mut ix = PhraseIndex::new();
    let ids = ix.add_all(transcripts);
    (ix, ids)
}

/// Runs the phrase search, which cannot fail on this corpus.
pub fn phrases(ix: &mut PhraseIndex, options: &PhraseOptions) -> PhraseSet {
    ix.phrases(options).expect("the suffix index of the corpus could not be built")
}

/// The whole pipeline the issue times: import the folder, tokenize and
/// index it, and find the phrases of at least 5 words in 2 speeches.
pub fn pipeline(dir: &Path) -> (PhraseIndex, Vec<DocId>, PhraseSet) {
    let transcripts = import(dir);
    let (mut ix, ids) = index(&transcripts);
    let set = phrases(&mut ix, &min5());
    (ix, ids, set)
}

/// What a pipeline run found, to check that every implementation computed
/// the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Documents indexed.
    pub docs: usize,
    /// Words (tokens) indexed.
    pub words: usize,
    /// Recurring phrases (maximal repeats).
    pub phrases: usize,
    /// Words of all documents inside a recurring phrase.
    pub recurring_words: usize,
}

impl Found {
    /// Counts what `set` found over the documents `ids` of `ix`.
    pub fn of(ix: &PhraseIndex, ids: &[DocId], set: &PhraseSet) -> Found {
        Found {
            docs: ids.len(),
            words: ids.iter().filter_map(|&id| ix.doc(id)).map(|d| d.ids.len()).sum(),
            phrases: set.phrases.len(),
            recurring_words: ids.iter().map(|&id| set.recurring_words(id)).sum(),
        }
    }

    /// As a JSON object.
    pub fn to_json(self) -> serde_json::Value {
        serde_json::json!({
            "docs": self.docs,
            "words": self.words,
            "phrases": self.phrases,
            "recurring_words": self.recurring_words,
        })
    }
}

/// Total size in bytes of the `.txt` files under `dir` (recursively).
pub fn text_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("cannot read a folder entry").path();
        if path.is_dir() {
            total += text_bytes(&path);
        } else if path.extension().is_some_and(|e| e == "txt") {
            total += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        }
    }
    total
}

/// A field of `/proc/self/status` given in kB (`VmHWM`, `VmRSS`), in bytes.
fn proc_status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("cannot read /proc/self/status (Linux only)");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

/// Peak resident memory of this process so far (`VmHWM`), in bytes.
pub fn peak_rss() -> u64 {
    proc_status_bytes("VmHWM")
}

/// Resident memory of this process now (`VmRSS`), in bytes.
pub fn current_rss() -> u64 {
    proc_status_bytes("VmRSS")
}
