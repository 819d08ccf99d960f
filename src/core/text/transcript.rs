//! What Refrain knows about one speech after import.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::core::text::WordRanges;

/// How much of a date is actually known.
///
/// A file named `1790-Washington-1.txt` tells the year only; the date then
/// holds 1 January of that year with [`DatePrecision::Year`], and views must
/// not pretend to know the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// Only the year is known.
    Year,
    /// Year and month are known.
    Month,
    /// The exact day is known.
    Day,
}

impl DatePrecision {
    /// The lowercase name used in JSON output (`day`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Year => "year",
            DatePrecision::Month => "month",
            DatePrecision::Day => "day",
        }
    }
}

/// Which rule of the importer found a transcript's date, so users can tell a
/// date read from the text apart from one guessed from a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A date line at the top of the file (the ministry's `7 November 201814:07`)
    /// or a `Date:` header line.
    Header,
    /// A `date:` key in a `---` front-matter block.
    FrontMatter,
    /// A row of a `metadata.csv` / `metadata.json` table next to the file.
    Sidecar,
    /// The file name (`1790-01-08-washington.txt`, `20181107.txt`).
    Filename,
    /// A date written in the first lines of the text in another way.
    Text,
}

impl DateSource {
    /// The kebab-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::FrontMatter => "front-matter",
            DateSource::Sidecar => "sidecar",
            DateSource::Filename => "filename",
            DateSource::Text => "text",
        }
    }
}

/// A date as far as it is known, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeechDate {
    /// The day; for month or year precision the first day of that period.
    pub date: NaiveDate,
    /// How much of `date` is real.
    pub precision: DatePrecision,
    /// The rule that found it.
    pub source: DateSource,
}

impl SpeechDate {
    /// The date as users read it: `2018-11-07`, `2018-11` or `2018`.
    pub fn display(&self) -> String {
        match self.precision {
            DatePrecision::Day => self.date.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => self.date.format("%Y-%m").to_string(),
            DatePrecision::Year => self.date.format("%Y").to_string(),
        }
    }
}

/// One subtitle cue: when it was spoken and where its text sits in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// Start of the cue, milliseconds from the start of the recording.
    pub start_ms: u64,
    /// End of the cue, milliseconds from the start of the recording.
    pub end_ms: u64,
    /// Byte range of the cue's text in [`Transcript::body`].
    pub range: Range<usize>,
}

/// The field name of [`Transcript::speaker`] for [`Transcript::field`].
pub const SPEAKER_FIELD: &str = "speaker";
/// The field name of [`Transcript::place`].
pub const PLACE_FIELD: &str = "place";
/// The field name of [`Transcript::languages`] (joined by `, `).
pub const LANGUAGE_FIELD: &str = "language";
/// The field name of [`Transcript::title`].
pub const TITLE_FIELD: &str = "title";
/// The field name of the year of [`Transcript::date`].
pub const YEAR_FIELD: &str = "year";
/// The fields every transcript may have, which [`Transcript::field`] reads
/// from its own members before the extra [`Transcript::fields`].
pub const BUILTIN_FIELDS: &[&str] = &[SPEAKER_FIELD, PLACE_FIELD, LANGUAGE_FIELD, TITLE_FIELD, YEAR_FIELD];

/// One imported speech: its metadata, its cleaned text and what the importer
/// had to say about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Transcript {
    /// Where the transcript was read from (never written to).
    pub path: PathBuf,
    /// The title; the file stem when nothing better is known.
    pub title: String,
    /// Who gave the speech, when the file or its metadata says so.
    pub speaker: Option<String>,
    /// Where it was given, when known.
    pub place: Option<String>,
    /// When it was given, when known.
    pub date: Option<SpeechDate>,
    /// The time of day, when the file gives one.
    pub time: Option<NaiveTime>,
    /// Language tags the file lists (`en-GB`, `ru-RU`).
    pub languages: Vec<String>,
    /// Every other metadata field the file or its sidecar table states
    /// (`party`, `office`, `country`, …), so that views can filter and
    /// group by any of them ([`Transcript::field`]): a sidecar table's
    /// columns (all but the one naming the file) and the keys of a front
    /// matter block or header lines that have no field of their own above.
    /// Keys are lowercased, values trimmed and never empty; where the file
    /// and its table both give a key, the file's own header wins. Empty in
    /// workspaces saved before it existed.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// The speech text with headers and site boilerplate removed, paragraphs
    /// separated by a blank line, line endings normalized to `\n`.
    pub body: String,
    /// Byte ranges of the paragraphs in `body`.
    pub paragraphs: Vec<Range<usize>>,
    /// Number of words in the body, counted once at import (views list it
    /// for every transcript on every frame).
    pub words: usize,
    /// The byte range of every word of `body`, found at import in the same
    /// pass that counts `words`, so the phrase and search indexes need not
    /// segment the body again. Not saved (derived from `body`); read it with
    /// [`Transcript::word_ranges`], which recomputes it when absent.
    #[serde(skip)]
    pub(crate) word_ranges: Option<WordRanges>,
    /// The encoding the bytes were decoded from (`UTF-8`, `windows-1251`, …).
    pub encoding: String,
    /// Subtitle cue times, for `.srt` / `.vtt` transcripts.
    pub cues: Vec<Cue>,
    /// Things the user should know (no date found, ambiguous date, …).
    pub warnings: Vec<String>,
}

impl Transcript {
    /// A transcript made from text in memory (tests, pasted text): paragraphs
    /// split at blank lines, no date, UTF-8.
    pub fn from_text(path: impl Into<PathBuf>, title: &str, text: &str) -> Transcript {
        let (body, paragraphs) = assemble_body(split_paragraphs(text));
        let word_ranges = WordRanges::of(&body);
        Transcript {
            path: path.into(),
            title: title.to_string(),
            speaker: None,
            place: None,
            date: None,
            time: None,
            languages: Vec::new(),
            fields: BTreeMap::new(),
            words: word_ranges.len(),
            word_ranges: Some(word_ranges),
            body,
            paragraphs,
            encoding: "UTF-8".to_string(),
            cues: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The byte range of every word of the body, in order: the ranges found
    /// at import, or found now when there are none or they cannot be this
    /// body's (a deserialized transcript, a body changed after import).
    /// Cheap to clone: the ranges are shared.
    pub fn word_ranges(&self) -> WordRanges {
        match &self.word_ranges {
            Some(r) if r.len() == self.words && r.fit(&self.body) => r.clone(),
            _ => WordRanges::of(&self.body),
        }
    }

    /// The text of one paragraph.
    pub fn paragraph(&self, index: usize) -> Option<&str> {
        self.paragraphs.get(index).and_then(|r| self.body.get(r.clone()))
    }

    /// The value of a metadata field by name (case-insensitive), the ones
    /// Refrain reads itself and the extra ones ([`Transcript::fields`])
    /// alike, so views can filter and group by any: `speaker`, `place`,
    /// `language` (the tags joined by `, `), `title`, `year` (of the date),
    /// then any extra field (`party`, …). `None` when the transcript does
    /// not state it.
    pub fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        let name = name.trim();
        let builtin = |b: &str| name.eq_ignore_ascii_case(b);
        if builtin(SPEAKER_FIELD) {
            return self.speaker.as_deref().map(Cow::Borrowed);
        }
        if builtin(PLACE_FIELD) {
            return self.place.as_deref().map(Cow::Borrowed);
        }
        if builtin(LANGUAGE_FIELD) {
            return (!self.languages.is_empty()).then(|| Cow::Owned(self.languages.join(", ")));
        }
        if builtin(TITLE_FIELD) {
            return Some(Cow::Borrowed(self.title.as_str()));
        }
        if builtin(YEAR_FIELD) {
            use chrono::Datelike;
            return self.date.map(|d| Cow::Owned(d.date.year().to_string()));
        }
        match self.fields.get(name) {
            Some(v) => Some(Cow::Borrowed(v.as_str())),
            None => self.fields.get(&name.to_lowercase()).map(|v| Cow::Borrowed(v.as_str())),
        }
    }

    /// The names of the fields this transcript states, for a list to
    /// choose from: the ones Refrain reads itself first
    /// ([`BUILTIN_FIELDS`]), then the extra ones in name order (those
    /// shadowed by a builtin name left out).
    pub fn field_names(&self) -> Vec<&str> {
        let builtin = BUILTIN_FIELDS.iter().copied().filter(|n| self.field(n).is_some());
        let extra = self.fields.keys().map(String::as_str).filter(|k| !BUILTIN_FIELDS.contains(k));
        builtin.chain(extra).collect()
    }

    /// Sort key putting dated transcripts first in date order (then time of
    /// day, then path) and undated ones last.
    pub fn chronological_key(&self) -> (bool, Option<NaiveDate>, Option<NaiveTime>, &PathBuf) {
        (self.date.is_none(), self.date.map(|d| d.date), self.time, &self.path)
    }
}

impl PartialEq for Transcript {
    /// Compares what was imported; the stored word ranges are left out,
    /// being derived from the body (a deserialized transcript, which has
    /// none, equals the imported one).
    fn eq(&self, other: &Self) -> bool {
        // Destructured so that a new field cannot be forgotten here.
        let Transcript {
            path,
            title,
            speaker,
            place,
            date,
            time,
            languages,
            fields,
            body,
            paragraphs,
            words,
            word_ranges: _,
            encoding,
            cues,
            warnings,
        } = self;
        *path == other.path
            && *title == other.title
            && *speaker == other.speaker
            && *place == other.place
            && *date == other.date
            && *time == other.time
            && *languages == other.languages
            && *fields == other.fields
            && *body == other.body
            && *paragraphs == other.paragraphs
            && *words == other.words
            && *encoding == other.encoding
            && *cues == other.cues
            && *warnings == other.warnings
    }
}

/// Joins paragraphs into a body separated by blank lines and returns the
/// byte range of each; empty paragraphs are dropped.
pub fn assemble_body<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> (String, Vec<Range<usize>>) {
    let mut body = String::new();
    let mut ranges = Vec::new();
    for p in paragraphs {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(p);
        ranges.push(start..body.len());
    }
    // Grown by doubling: up to half of each body would be spare capacity,
    // held for as long as the transcript is open.
    body.shrink_to_fit();
    ranges.shrink_to_fit();
    (body, ranges)
}

/// Splits text into paragraphs at blank lines (lines holding only spaces count
/// as blank).
pub fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&text[s..end]);
            }
        } else {
            if start.is_none() {
                start = Some(line_start);
            }
            end = line_start + line.trim_end_matches(['\n', '\r']).len();
        }
    }
    if let Some(s) = start {
        out.push(&text[s..end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_at_blank_lines_and_ranges_point_at_them() {
        let text = "First line\nstill first.\n\n  \nSecond — Ünïcode İı.\n\n\nThird";
        let paras = split_paragraphs(text);
        assert_eq!(paras, vec!["First line\nstill first.", "Second — Ünïcode İı.", "Third"]);
        let (body, ranges) = assemble_body(paras);
        assert_eq!(body, "First line\nstill first.\n\nSecond — Ünïcode İı.\n\nThird");
        assert_eq!(&body[ranges[1].clone()], "Second — Ünïcode İı.");
        assert_eq!(ranges.len(), 3);
    }

    /// The ranges the segmenter gives `body`, found afresh.
    fn fresh(body: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        crate::core::text::for_each_word(body, |s, e| out.push((s as u32, e as u32)));
        out
    }

    #[test]
    fn ranges_stored_at_import_are_a_fresh_segmentation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = vec![root.join("tests/fixtures"), root.join("assets/samples")];
        // The seed of the shared corpus, found as every test finds it.
        match crate::core::import::shared_corpus::find() {
            Some(corpus) => sources.push(corpus.join("seed/000_2242c2cab3a166d3.txt")),
            None => eprintln!("checking the fixtures only"),
        }
        let mut ts: Vec<Transcript> = crate::core::import::files::import_paths(&sources, &Default::default())
            .into_iter()
            .filter_map(crate::core::import::files::FileOutcome::into_transcript)
            .collect();
        ts.push(Transcript::from_text("pasted", "pasted", "Well-considered words — «Мы остаёмся» İstanbul'da.\n\nTwo"));
        assert!(ts.len() > 30, "only {} transcripts imported", ts.len());
        for t in &ts {
            let stored = t.word_ranges.as_ref().unwrap_or_else(|| panic!("{}: no ranges stored", t.path.display()));
            assert_eq!(stored.to_vec(), fresh(&t.body), "{}", t.path.display());
            assert_eq!(stored.len(), t.words, "{}", t.path.display());
            // What the indexes read is the stored copy itself.
            assert!(stored.shares(&t.word_ranges()), "{}", t.path.display());
        }
    }

    #[test]
    fn missing_or_stale_ranges_are_found_again() {
        let t = Transcript::from_text("a", "a", "First para, with words.\n\nSecond — Ünïcode İı.");
        // As deserialized: nothing stored, and still equal to the original.
        let back: Transcript = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert!(back.word_ranges.is_none());
        assert_eq!(back, t);
        assert_eq!(back.word_ranges().to_vec(), fresh(&t.body));
        // The body replaced after import: the stored ranges no longer fit.
        let mut changed = t.clone();
        changed.body = "Short".to_string();
        changed.words = 1;
        assert_eq!(changed.word_ranges().to_vec(), [(0, 5)]);
        // Same word count, but the old last word ends inside a character.
        let mut changed = Transcript::from_text("c", "c", "ab cd");
        changed.body = "ab cé".to_string();
        assert_eq!(changed.word_ranges().to_vec(), [(0, 2), (3, 6)]);
        // Ranges present but empty while the body has words.
        let mut empty = Transcript::from_text("b", "b", "—");
        assert_eq!(empty.words, 0);
        empty.body = t.body.clone();
        empty.words = t.words;
        assert_eq!(empty.word_ranges().to_vec(), fresh(&t.body));
    }

    #[test]
    fn fields_are_read_by_name_builtin_and_extra_alike() {
        let mut t = Transcript::from_text("a.txt", "Address", "Text.");
        assert_eq!(t.field("speaker"), None);
        assert_eq!(t.field_names(), ["title"]);
        t.speaker = Some("George Washington".into());
        t.languages = vec!["en".into(), "fr".into()];
        t.date = Some(SpeechDate {
            date: NaiveDate::from_ymd_opt(1790, 1, 8).unwrap(),
            precision: DatePrecision::Day,
            source: DateSource::Sidecar,
        });
        t.fields.insert("party".into(), "Nonpartisan".into());
        t.fields.insert("year".into(), "shadowed".into());
        assert_eq!(t.field("Speaker").as_deref(), Some("George Washington"));
        assert_eq!(t.field("language").as_deref(), Some("en, fr"));
        assert_eq!(t.field("year").as_deref(), Some("1790"));
        assert_eq!(t.field(" PARTY ").as_deref(), Some("Nonpartisan"));
        assert_eq!(t.field("office"), None);
        assert_eq!(t.field_names(), ["speaker", "language", "title", "year", "party"]);
        // Saves made before the extra fields existed load, with none.
        let mut old = serde_json::to_value(&t).unwrap();
        old.as_object_mut().unwrap().remove("fields");
        let back: Transcript = serde_json::from_value(old).unwrap();
        assert!(back.fields.is_empty());
        assert_eq!(back.field("speaker").as_deref(), Some("George Washington"));
    }

    #[test]
    fn display_respects_precision() {
        let d = NaiveDate::from_ymd_opt(1790, 1, 1).unwrap();
        let mut sd = SpeechDate { date: d, precision: DatePrecision::Year, source: DateSource::Filename };
        assert_eq!(sd.display(), "1790");
        sd.precision = DatePrecision::Month;
        assert_eq!(sd.display(), "1790-01");
    }
}
