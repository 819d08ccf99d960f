//! The timeline's lanes as CSV or JSON for spreadsheets and scripts (File ▸
//! Export timeline…, `refrain timeline --csv`): every entry of every lane,
//! lane by lane in date order, with the notes on it.

use std::borrow::Borrow;
use std::path::Path;

use serde::Serialize;

use crate::core::export::csv_cell::spreadsheet_safe as safe;
use crate::core::export::phrases::{NoteRow, notes_cell};
use crate::core::export::report::shown_path;
use crate::core::notes::Note;
use crate::core::text::YearCount;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::model::{Entry, Lane, Timeline, date_label};
use crate::core::timeline::notes::EntryNotes;

/// One timeline entry as every listing of the timeline writes it: the rows
/// of File ▸ Export timeline… and `refrain timeline --json`. The two name
/// the transcript's file differently, so `P` is that field: [`FileField`]
/// here, the command line's `source` there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryRecord<P> {
    /// `speech`, `event`, `mention` or `phrase`.
    pub kind: &'static str,
    /// The date at its precision: `2018-11-07`, `2018-11` or `2018`.
    pub date: String,
    /// The end of a range (events with an `end_date`), at its precision.
    pub end_date: Option<String>,
    /// `day`, `month` or `year`.
    pub precision: &'static str,
    /// A speech's or event's title, a mention's words as written, or for a
    /// phrase use the speech's title.
    pub title: String,
    /// The speaker, an event's description, a mention's sentence, or the
    /// phrase's words as said in that speech.
    pub detail: String,
    /// The transcript's file (speeches, mentions, phrase uses), under the
    /// name and in the form the listing gives it.
    #[serde(flatten)]
    pub path: P,
    /// Byte offset of a mention or a phrase use in the transcript's body.
    pub start_byte: Option<usize>,
    /// Byte offset after it.
    pub end_byte: Option<usize>,
    /// An event's link.
    pub url: Option<String>,
}

impl<P> EntryRecord<P> {
    /// The record of `e`, an entry of a timeline built from `corpus`;
    /// `path` names the entry's transcript, if it has one.
    pub fn of<T: Borrow<Transcript>>(e: &Entry, corpus: &[T], path: impl FnOnce(Option<&Transcript>) -> P) -> Self {
        EntryRecord {
            kind: e.kind.as_str(),
            date: date_label(e.date, e.precision),
            end_date: e.end.map(|(d, p)| date_label(d, p)),
            precision: e.precision.as_str(),
            title: e.title.clone(),
            detail: e.detail_in(corpus).into_owned(),
            path: path(e.doc.and_then(|d| corpus.get(d)).map(Borrow::borrow)),
            start_byte: e.bytes.as_ref().map(|b| b.start),
            end_byte: e.bytes.as_ref().map(|b| b.end),
            url: e.url.clone(),
        }
    }
}

/// The export's name for an entry's transcript: `file`, relative to the
/// corpus folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileField {
    /// The transcript's file, relative to the corpus folder.
    pub file: Option<String>,
}

/// One entry of one lane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineRow {
    /// `speeches`, `events`, `mentioned` or `phrase`.
    pub lane: Lane,
    /// The entry.
    #[serde(flatten)]
    pub entry: EntryRecord<FileField>,
    /// The notes on the entry (see [`EntryNotes`]).
    pub notes: Vec<NoteRow>,
}

/// The whole export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineExport {
    /// What the phrase lane shows (a phrase's words, a pinned search), if anything.
    pub phrase: Option<String>,
    /// Every entry, lane by lane (speeches, events, mentioned, phrase), each
    /// lane in date order.
    pub entries: Vec<TimelineRow>,
    /// The phrase lane's uses per year.
    pub phrase_years: Vec<YearCount>,
    /// Transcripts without a date (not on the axis), relative to the corpus folder.
    pub undated: Vec<String>,
}

fn row<T: Borrow<Transcript>>(
    lane: Lane,
    e: &Entry,
    corpus: &[T],
    root: Option<&Path>,
    notes: impl Iterator<Item = NoteRow>,
) -> TimelineRow {
    TimelineRow {
        lane,
        entry: EntryRecord::of(e, corpus, |t| FileField { file: t.map(|t| shown_path(&t.path, root)) }),
        notes: notes.collect(),
    }
}

/// The export of `tl` (built from `corpus`): files shown relative to
/// `root`; `notes` are the workspace's notes and `placed` where they are on
/// the timeline; `phrase` says what the phrase lane shows.
pub fn timeline_export<T: Borrow<Transcript>>(
    tl: &Timeline,
    corpus: &[T],
    root: Option<&Path>,
    notes: &[Note],
    placed: &EntryNotes,
    phrase: Option<&str>,
) -> TimelineExport {
    let mut entries = Vec::with_capacity(Lane::ALL.iter().map(|&l| tl.lane(l).len()).sum());
    for lane in Lane::ALL {
        for (i, e) in tl.lane(lane).iter().enumerate() {
            let on = placed.of(lane, i).iter().filter_map(|&k| notes.get(k));
            entries.push(row(
                lane,
                e,
                corpus,
                root,
                on.map(|n| NoteRow { text: n.text.clone(), tags: n.tags.clone() }),
            ));
        }
    }
    TimelineExport {
        phrase: phrase.map(str::to_string),
        entries,
        phrase_years: tl.phrase_years.clone(),
        undated: tl.undated.iter().filter_map(|&d| corpus.get(d)).map(|t| shown_path(&t.borrow().path, root)).collect(),
    }
}

/// The export as pretty JSON (one object: `phrase`, `entries`,
/// `phrase_years`, `undated`).
pub fn timeline_json(export: &TimelineExport) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(export)
}

/// The entries as CSV, one line each; notes as `text [tags]` separated by
/// ` | ` (as in the phrases export). Undated transcripts follow as lines of
/// lane `undated` with only their file. Titles, details, files, links and
/// notes are [spreadsheet-safe](crate::core::export::csv_cell).
pub fn timeline_csv(export: &TimelineExport) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "lane",
        "kind",
        "date",
        "end_date",
        "precision",
        "title",
        "detail",
        "file",
        "start_byte",
        "end_byte",
        "url",
        "notes",
    ])?;
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in &export.entries {
        let notes = notes_cell(&r.notes);
        let e = &r.entry;
        w.write_record([
            r.lane.label().to_lowercase().as_str(),
            e.kind,
            &e.date,
            e.end_date.as_deref().unwrap_or(""),
            e.precision,
            &safe(&e.title),
            &safe(&e.detail),
            &safe(e.path.file.as_deref().unwrap_or("")),
            &num(e.start_byte),
            &num(e.end_byte),
            &safe(e.url.as_deref().unwrap_or("")),
            &safe(&notes),
        ])?;
    }
    for u in &export.undated {
        w.write_record(["undated", "speech", "", "", "", "", "", &safe(u), "", "", "", ""])?;
    }
    let bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(path: &str, date: Option<(i32, u32, u32)>, body: &str) -> Transcript {
        crate::core::test_speech::titled(path, path.rsplit('/').next().unwrap(), date, body)
    }

    #[test]
    fn csv_and_json_carry_every_lane_its_notes_and_the_undated() {
        let corpus = vec![
            speech("/c/sub/1942.txt", Some((1942, 1, 6)), "Last December, \"we\" were attacked, sadly."),
            speech("/c/1941.txt", Some((1941, 1, 6)), "Nothing dated here."),
            speech("/c/undated.txt", None, "No date."),
        ];
        let (events, _) = crate::core::timeline::events::parse_csv(
            "date,title,description,end_date,url\n1941-12-07,\"Pearl Harbor, Hawaii\",Attack,,https://example.org/ph\n1939-09,War in Europe,,1945-05,\n",
        )
        .unwrap();
        let tl = Timeline::build(&corpus, &events);
        let notes = vec![
            Note::on_event("1941-12-07", "Pearl Harbor, Hawaii", "see 1942".into(), vec!["war".into()]),
            Note::on_speech(&corpus[1], "quiet one".into(), vec![]),
        ];
        let placed = EntryNotes::new(&tl, &corpus, &notes, None);
        let export = timeline_export(&tl, &corpus, Some(Path::new("/c")), &notes, &placed, None);
        let kinds: Vec<(&str, &str)> = export.entries.iter().map(|r| (r.entry.kind, r.entry.title.as_str())).collect();
        assert_eq!(
            kinds,
            [
                ("speech", "1941.txt"),
                ("speech", "1942.txt"),
                ("event", "War in Europe"),
                ("event", "Pearl Harbor, Hawaii"),
                ("mention", "Last December"),
            ]
        );
        assert_eq!(export.entries[2].entry.end_date.as_deref(), Some("1945-05"));
        assert_eq!(export.entries[1].entry.path.file.as_deref(), Some("sub/1942.txt"));
        let mention = &export.entries[4].entry;
        assert_eq!((mention.date.as_str(), mention.precision), ("1941-12", "month"));
        assert_eq!(&corpus[0].body[mention.start_byte.unwrap()..mention.end_byte.unwrap()], "Last December");
        assert_eq!(export.undated, ["undated.txt"]);

        // CSV: parses back with the same fields; commas and quotes survive.
        let text = timeline_csv(&export).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().get(11), Some("notes"));
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 6);
        assert_eq!(&rows[0][0], "speeches");
        assert_eq!(&rows[0][11], "quiet one");
        assert_eq!(
            (&rows[3][0], &rows[3][5], &rows[3][10]),
            ("events", "Pearl Harbor, Hawaii", "https://example.org/ph")
        );
        assert_eq!(&rows[3][11], "see 1942 [war]");
        assert_eq!(&rows[4][6], "Last December, \"we\" were attacked, sadly.");
        assert_eq!((&rows[5][0], &rows[5][7]), ("undated", "undated.txt"));

        // JSON: the same entries, lanes by name.
        let json: serde_json::Value = serde_json::from_str(&timeline_json(&export).unwrap()).unwrap();
        assert_eq!(json["entries"].as_array().unwrap().len(), 5);
        assert_eq!(json["entries"][3]["lane"], "events");
        assert_eq!(json["entries"][3]["notes"][0]["tags"][0], "war");
        assert_eq!(json["entries"][4]["start_byte"], 0);
        assert_eq!(json["phrase"], serde_json::Value::Null);
        assert_eq!(json["undated"][0], "undated.txt");
    }
}
