//! The importer on arbitrary file content: decoding (BOMs, legacy
//! encodings, binary detection), layout recognition (front matter, header
//! lines, ministry pages, subtitles), dates from text, file names and
//! sidecar tables, then the tokenizer and the date-reference resolver on
//! what came out.
//!
//! Input: one byte choosing the file name (its extension and any date in it
//! steer the recognizers), then the file's bytes. When those contain
//! [`SIDECAR`], what follows it is a `metadata.csv` (or `.json`, when it
//! starts with `[` or `{`) table next to the file; its row keyed `speech`
//! describes the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use refrain::core::import::decode::decode;
use refrain::core::import::files::{FileOutcome, ImportOptions, Importer};
use refrain::core::import::recognize::recognize;
use refrain::core::import::sidecar;
use refrain_fuzz::check_transcript;

/// File names the first byte picks from.
const NAMES: &[&str] = &[
    "speech.txt",
    "speech.md",
    "speech.srt",
    "speech.vtt",
    "2018-11-07-speech.txt",
    "1941-speech.md",
    "speech.text",
    "Обращение 09.05.2019.txt",
];

/// Separates the transcript's bytes from a sidecar table's text.
const SIDECAR: &[u8] = b"\n%%sidecar%%\n";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let dir = Path::new("fuzz");
    let path = dir.join(NAMES[usize::from(pick) % NAMES.len()]);
    let split = rest.windows(SIDECAR.len()).position(|w| w == SIDECAR);
    match split {
        None => {
            let mut importer = Importer::new(ImportOptions::default());
            match importer.import_bytes(&path, rest) {
                FileOutcome::Imported(t) => {
                    check_transcript(&t);
                    // The same bytes again, under the same name in another
                    // folder, are a duplicate of the first. (Another name
                    // may read them otherwise: a `.srt` that is not one keeps
                    // its front matter as text, a `.txt` reads it as a header
                    // and may find no text besides it.)
                    let copy = dir.join("copy").join(path.file_name().unwrap_or_default());
                    let again = importer.import_bytes(&copy, rest);
                    assert!(matches!(again, FileOutcome::Duplicate { .. }), "{again:?}");
                }
                FileOutcome::Duplicate { .. } => panic!("a duplicate in a new importer"),
                FileOutcome::Failed(e) => assert_eq!(e.path(), path.as_path()),
            }
        }
        Some(at) => {
            let (bytes, table) = (&rest[..at], &rest[at + SIDECAR.len()..]);
            let table = String::from_utf8_lossy(table);
            let json = table.trim_start().starts_with(['[', '{']);
            let table_path = dir.join(if json { "metadata.json" } else { "metadata.csv" });
            let Ok(table) = sidecar::parse(&table_path, &table) else { return };
            let Ok(decoded) = decode(bytes) else { return };
            if let Some(t) = recognize(&path, decoded, table.row_for(&path), Vec::new()) {
                check_transcript(&t);
            }
        }
    }
});
