//! What both test binaries read: the shared corpus and the seed in it, the
//! fixture files and the events file in `assets/`.

use std::path::{Path, PathBuf};

/// The shared corpus, or `None` after saying loudly that it is missing
/// (a failure with `REFRAIN_REQUIRE_CORPUS=1`): the same lookup as the
/// benches'.
pub use refrain::core::import::shared_corpus::find as corpus;

/// The seed transcript's path inside the corpus.
pub fn seed_file(corpus: &Path) -> PathBuf {
    corpus.join("seed/000_2242c2cab3a166d3.txt")
}

/// A fixture file under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// The events file shipped in `assets/`: dated events of US history.
pub fn events_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/events/us-history.csv")
}
