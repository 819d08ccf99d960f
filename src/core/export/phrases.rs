//! Recurring phrases as CSV or JSON for spreadsheets and scripts.

use std::borrow::Borrow;
use std::path::Path;

use serde::Serialize;

use crate::core::export::csv_cell::spreadsheet_safe as safe;
use crate::core::export::report::shown_path;
use crate::core::notes::{Note, NoteTarget};
use crate::core::phrases::PhraseSet;
use crate::core::text::transcript::Transcript;

/// Where a phrase occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OccurrenceRow {
    /// The transcript's file, relative to the corpus folder.
    pub file: String,
    /// The transcript's date (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// Byte offset of the first word in the transcript's body.
    pub start_byte: usize,
    /// Byte offset after the last word.
    pub end_byte: usize,
    /// Index of the first word in the body (0-based).
    pub first_word: u32,
}

/// One recurring phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhraseRow {
    /// The words as first used (white space collapsed).
    pub text: String,
    /// Length in words.
    pub words: u32,
    /// Number of speeches using it.
    pub speeches: u32,
    /// Date of the first use.
    pub first_date: Option<String>,
    /// File of the first use.
    pub first_file: String,
    /// Date of the last use.
    pub last_date: Option<String>,
    /// File of the last use.
    pub last_file: String,
    /// Used in more than the formula fraction of the speeches.
    pub formula: bool,
    /// Every occurrence, in date order.
    pub occurrences: Vec<OccurrenceRow>,
    /// Notes on the phrase, or on a range of text inside one of its
    /// occurrences.
    pub notes: Vec<NoteRow>,
}

/// Notes in one CSV cell: each note's text with its tags in brackets,
/// separated by ` | `.
pub fn notes_cell(notes: &[NoteRow]) -> String {
    notes
        .iter()
        .map(|n| if n.tags.is_empty() { n.text.clone() } else { format!("{} [{}]", n.text, n.tags.join(", ")) })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A note, as exported with a phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRow {
    /// The note.
    pub text: String,
    /// Its tags.
    pub tags: Vec<String>,
}

/// The phrases of `set` as rows with their notes; document ids are
/// positions in `transcripts`, files are shown relative to `root`.
pub fn phrase_rows<T: Borrow<Transcript>>(
    transcripts: &[T],
    set: &PhraseSet,
    root: Option<&Path>,
    notes: &[Note],
) -> Vec<PhraseRow> {
    let t_of = |d: u32| transcripts.get(d as usize).map(Borrow::borrow);
    let date = |d: u32| t_of(d).and_then(|t| t.date.map(|d| d.date.format("%Y-%m-%d").to_string()));
    let file = |d: u32| t_of(d).map(|t| shown_path(&t.path, root)).unwrap_or_default();
    set.phrases
        .iter()
        .filter_map(|p| {
            let first = p.occurrences.first()?;
            let text = t_of(first.doc)?
                .body
                .get(set.occurrence_bytes(first))?
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let notes = notes
                .iter()
                .filter(|n| match &n.target {
                    NoteTarget::Phrase { text: t } => *t == text,
                    NoteTarget::Range { path, bytes, .. } => p.occurrences.iter().any(|o| {
                        let at = set.occurrence_bytes(o);
                        t_of(o.doc).is_some_and(|t| &t.path == path) && bytes.start < at.end && at.start < bytes.end
                    }),
                    // About a whole speech or an event, not this phrase.
                    NoteTarget::Speech { .. } | NoteTarget::Event { .. } => false,
                })
                .map(|n| NoteRow { text: n.text.clone(), tags: n.tags.clone() })
                .collect();
            Some(PhraseRow {
                notes,
                text,
                words: p.len,
                speeches: p.speeches,
                first_date: date(p.first),
                first_file: file(p.first),
                last_date: date(p.last),
                last_file: file(p.last),
                formula: p.formula,
                occurrences: p
                    .occurrences
                    .iter()
                    .map(|o| {
                        let bytes = set.occurrence_bytes(o);
                        OccurrenceRow {
                            file: file(o.doc),
                            date: date(o.doc),
                            start_byte: bytes.start,
                            end_byte: bytes.end,
                            first_word: o.words.start,
                        }
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The rows as pretty JSON (an array of phrase objects).
pub fn phrases_json(rows: &[PhraseRow]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(rows)
}

/// The rows as CSV: one line per phrase; its occurrences as
/// `file@start-end` separated by `; `, then its notes separated by ` | `.
/// The text, files, occurrences and notes are
/// [spreadsheet-safe](crate::core::export::csv_cell).
pub fn phrases_csv(rows: &[PhraseRow]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "text",
        "words",
        "speeches",
        "first_date",
        "first_file",
        "last_date",
        "last_file",
        "formula",
        "occurrences",
        "notes",
    ])?;
    for r in rows {
        let occurrences = r
            .occurrences
            .iter()
            .map(|o| format!("{}@{}-{}", o.file, o.start_byte, o.end_byte))
            .collect::<Vec<_>>()
            .join("; ");
        let notes = notes_cell(&r.notes);
        w.write_record([
            &*safe(&r.text),
            &r.words.to_string(),
            &r.speeches.to_string(),
            r.first_date.as_deref().unwrap_or(""),
            &safe(&r.first_file),
            r.last_date.as_deref().unwrap_or(""),
            &safe(&r.last_file),
            if r.formula { "true" } else { "false" },
            &safe(&occurrences),
            &safe(&notes),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::{PhraseIndex, PhraseOptions};

    #[test]
    fn csv_and_json_carry_every_occurrence() {
        let ts = vec![
            Transcript::from_text("/c/a.txt", "A", "We remain open to dialogue, \"quoted\", on the basis of respect."),
            Transcript::from_text(
                "/c/sub/b.txt",
                "B",
                "Then: we remain open to dialogue, \"quoted\", on the basis of respect!",
            ),
        ];
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        let at = ts[1].body.find("dialogue").unwrap();
        let notes = vec![
            Note::on_range(&ts[1], at..at + 8, "range note".into(), vec!["t".into()]),
            Note::on_phrase(
                &ts[0].body[set.occurrence_bytes(&set.phrases[0].occurrences[0])],
                "phrase note".into(),
                vec![],
            ),
            // The final full stop, outside every phrase.
            Note::on_range(&ts[0], ts[0].body.len() - 1..ts[0].body.len(), "elsewhere".into(), vec![]),
        ];
        let rows = phrase_rows(&ts, &set, Some(Path::new("/c")), &notes);
        assert_eq!(rows.len(), set.phrases.len());
        let r = &rows[0];
        assert_eq!(r.speeches, 2);
        assert_eq!(r.occurrences.iter().map(|o| o.file.as_str()).collect::<Vec<_>>(), vec!["a.txt", "sub/b.txt"]);
        for o in &r.occurrences {
            let t = ts.iter().find(|t| t.path.ends_with(&o.file)).unwrap();
            assert!(t.body[o.start_byte..o.end_byte].to_lowercase().starts_with("we remain open"));
        }
        // CSV: parses back, quotes inside the phrase survive.
        let csv_text = phrases_csv(&rows).unwrap();
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let back: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(back.len(), rows.len());
        assert_eq!(&back[0][0], r.text);
        assert!(r.text.contains("\"quoted\""));
        assert_eq!(&back[0][2], "2");
        assert!(back[0][8].contains("sub/b.txt@"));
        assert_eq!(&back[0][9], "range note [t] | phrase note");
        // JSON: the same.
        let json: serde_json::Value = serde_json::from_str(&phrases_json(&rows).unwrap()).unwrap();
        assert_eq!(json[0]["text"], r.text.as_str());
        assert_eq!(json[0]["occurrences"][1]["file"], "sub/b.txt");
    }

    #[test]
    fn csv_cells_from_file_names_and_notes_cannot_start_a_formula() {
        let said = "we remain open to dialogue on the basis of respect";
        let ts = vec![
            Transcript::from_text("/c/=a.txt", "A", said),
            Transcript::from_text("/c/@b.txt", "B", &format!("Then: {said}!")),
        ];
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        let text = &ts[0].body[set.occurrence_bytes(&set.phrases[0].occurrences[0])];
        let notes = vec![Note::on_phrase(text, "+cmd|' /C calc'!A0".into(), vec![])];
        let rows = phrase_rows(&ts, &set, Some(Path::new("/c")), &notes);
        let csv_text = phrases_csv(&rows).unwrap();
        let back: Vec<csv::StringRecord> =
            csv::Reader::from_reader(csv_text.as_bytes()).records().map(Result::unwrap).collect();
        assert_eq!((&back[0][4], &back[0][6]), ("'=a.txt", "'@b.txt"));
        assert!(back[0][8].starts_with("'=a.txt@0-"), "{}", &back[0][8]);
        assert_eq!(&back[0][9], "'+cmd|' /C calc'!A0");
        // The phrase, the counts and the dates as they were; JSON untouched.
        assert_eq!((&back[0][0], &back[0][2]), (rows[0].text.as_str(), "2"));
        let json: serde_json::Value = serde_json::from_str(&phrases_json(&rows).unwrap()).unwrap();
        assert_eq!(json[0]["first_file"], "=a.txt");
        assert_eq!(json[0]["notes"][0]["text"], "+cmd|' /C calc'!A0");
    }
}
