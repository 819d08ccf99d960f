//! `Importer::import_text`, the import `refrain compare` makes when nothing
//! shows a speech's metadata: on every format fixture (subtitles, front
//! matter, header lines, ministry pages, sidecar tables, written dates) and
//! every SOTU speech it reads exactly the text `import_file` reads (body,
//! paragraphs, words, languages, title), only no date, and no speaker or
//! place taken from a title.

use std::path::{Path, PathBuf};

use refrain::core::import::files::{FileOutcome, ImportOptions, Importer, discover};
use refrain::core::text::transcript::Transcript;

use crate::common;

fn imported(outcome: FileOutcome) -> Transcript {
    match outcome {
        FileOutcome::Imported(t) => *t,
        other => panic!("{other:?}"),
    }
}

/// Checks one file: the same text either way, and no date from
/// `import_text`.
fn same_text(path: &Path) {
    let full = imported(Importer::new(ImportOptions::default()).import_file(path));
    let text = imported(Importer::new(ImportOptions::default()).import_text(path));
    let name = path.display();
    assert_eq!(text.body, full.body, "{name}");
    assert_eq!(text.paragraphs, full.paragraphs, "{name}");
    assert_eq!(text.words, full.words, "{name}");
    assert_eq!(text.word_ranges().to_vec(), full.word_ranges().to_vec(), "{name}");
    assert_eq!(text.languages, full.languages, "{name}");
    assert_eq!(text.title, full.title, "{name}");
    assert_eq!(text.encoding, full.encoding, "{name}");
    assert_eq!(text.cues, full.cues, "{name}");
    assert!(text.date.is_none(), "{name}: {:?}", text.date);
    assert!(!text.warnings.iter().any(|w| w.contains("date")), "{name}: {:?}", text.warnings);
}

#[test]
fn import_text_reads_every_format_fixture_as_import_file_does() {
    let files: Vec<PathBuf> =
        discover(&[common::fixture("formats")]).into_iter().map(|f| f.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert!(files.len() >= 20, "{files:?}");
    for f in &files {
        same_text(f);
    }
}

#[test]
fn import_text_reads_every_sotu_speech_as_import_file_does() {
    let Some(corpus) = common::corpus() else { return };
    let files: Vec<PathBuf> =
        discover(&[corpus.join("sotu/speeches")]).into_iter().map(|f| f.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert!(files.len() >= 240, "{}", files.len());
    for f in &files {
        same_text(f);
    }
}
