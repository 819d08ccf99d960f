//! Helpers shared by the integration tests.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared corpus (`REFRAIN_CORPUS`, or `../shared/corpus` beside the
/// checkout). When it is missing the caller skips, saying so loudly; with
/// `REFRAIN_REQUIRE_CORPUS=1` (set by `.ci/run`) a missing corpus fails.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("REFRAIN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("sotu/metadata.csv").is_file() && dir.join("seed").is_dir() {
        return Some(dir);
    }
    let message = format!("skipped: corpus not found at {} (set REFRAIN_CORPUS)", dir.display());
    if std::env::var_os("REFRAIN_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("{message}, and REFRAIN_REQUIRE_CORPUS=1");
    }
    eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
    println!("{message}");
    None
}

/// The seed transcript's path inside the corpus.
pub fn seed_file(corpus: &Path) -> PathBuf {
    corpus.join("seed/000_2242c2cab3a166d3.txt")
}

/// A fixture file under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// `metadata.csv` of the SOTU corpus: file stem → (date, full name, word count).
pub fn sotu_metadata(corpus: &Path) -> std::collections::HashMap<String, (String, String, usize)> {
    let mut reader = csv::Reader::from_path(corpus.join("sotu/metadata.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, date, name, words) = (col("fileid"), col("date"), col("president_full"), col("word_count"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[id].to_string(), (r[date].to_string(), r[name].to_string(), r[words].parse().unwrap()))
        })
        .collect()
}
