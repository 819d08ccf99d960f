//! Outside events the user loads to set speeches against: a CSV file with
//! the columns `date,title,description[,end_date][,url]` or a JSON array of
//! objects with the same keys. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`;
//! an `end_date` makes the event a range. Bad rows are reported with their
//! line number and skipped, so one typo never costs the rest of the file.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use thiserror::Error;

use crate::core::import::limited_read::{ReadError, ReadLimits, read_limited};
use crate::core::text::transcript::DatePrecision;

mod json;
mod quotes;

/// Events files larger than this are refused unread: 256 MiB. A million
/// events with a sentence of description each is about a quarter of that,
/// and parsing is linear (a few seconds for a million), while a mistaken
/// pick of a huge file, or of a device, must not stall the app or fill
/// memory (the events take about as much memory again as the file).
pub const MAX_EVENTS_FILE: u64 = 256 * 1024 * 1024;

/// How events files are read by default: regular files of at most
/// [`MAX_EVENTS_FILE`] bytes; FIFOs only when a user asks
/// ([`ReadLimits::allow_fifo`], the command line's `--events-fifo`).
pub const EVENTS_LIMITS: ReadLimits = ReadLimits::new(MAX_EVENTS_FILE);

/// One outside event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// When it happened (the first day of the month or year for coarser dates).
    pub date: NaiveDate,
    /// How much of `date` the file gave.
    pub precision: DatePrecision,
    /// The last day or period of a range, when the file gives an `end_date`.
    pub end: Option<(NaiveDate, DatePrecision)>,
    /// A short name.
    pub title: String,
    /// What happened; may be empty.
    pub description: String,
    /// A link to read more, when given.
    pub url: Option<String>,
    /// The line of the file the event starts on (1-based), for messages.
    pub line: usize,
}

impl Event {
    /// The days the event covers, as a half-open range of days since the
    /// common era (see [`day_number`]): a day-precision event covers one day,
    /// a month-precision one the whole month, a range up to the end of its
    /// `end_date`'s period.
    pub fn days(&self) -> Range<i64> {
        let start = day_number(self.date);
        let (last, p) = self.end.unwrap_or((self.date, self.precision));
        start..period_end(last, p).max(start + 1)
    }
}

/// A row of an events file that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// The line it starts on (1-based).
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// The events read from one file, and the rows skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventsFile {
    /// The file.
    pub path: PathBuf,
    /// The events that loaded, in file order.
    pub events: Vec<Event>,
    /// The rows that did not load.
    pub skipped: Vec<BadRow>,
}

/// Why a whole events file could not be read. Every variant names the file.
#[derive(Debug, Error)]
pub enum EventsError {
    /// Not read: missing, a folder, a device or socket, a FIFO not
    /// allowed, larger than the limit ([`MAX_EVENTS_FILE`] by default), or
    /// refused by the operating system. The message names the file and why.
    #[error(transparent)]
    NotRead(#[from] ReadError),
    /// Not UTF-8 text.
    #[error("{path}: not a UTF-8 text file")]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// Neither a CSV table with `date` and `title` columns nor a JSON array.
    #[error("{path}: not an events file: {reason}")]
    NotEvents {
        /// The file.
        path: PathBuf,
        /// What is missing or malformed.
        reason: NotEvents,
    },
}

/// Why a text is neither an events table nor an events list (its rows are
/// not looked at: a bad row is a [`BadRow`], skipped).
#[derive(Debug, Error)]
pub enum NotEvents {
    /// The CSV header row cannot be read.
    #[error("the header row cannot be read: {0}")]
    UnreadableHeader(csv::Error),
    /// A quote in the CSV header row is never closed, or runs on to a
    /// later line: the columns cannot be told.
    #[error("a quote in the header row is never closed on its line")]
    BrokenHeaderQuote,
    /// The CSV header row names no `date` or no `title` column.
    #[error("the first row must name the columns date,title,description[,end_date][,url]; it is {header:?}")]
    MissingColumns {
        /// The header row as found, its cells joined by commas.
        header: String,
    },
    /// JSON, but its top level is not an array.
    #[error("JSON, but not an array of events")]
    NotAnArray,
    /// Text starting with `[` that is not valid JSON.
    #[error("not valid JSON: {0}")]
    InvalidJson(serde_json::Error),
}

/// The day number used on the timeline: days since 1 January of year 1
/// (chrono's `num_days_from_ce`), so dates subtract as integers.
pub fn day_number(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(date.num_days_from_ce())
}

/// The first day after the period `date` stands for at `precision` (the next
/// day, the first of the next month, or 1 January of the next year).
pub fn period_end(date: NaiveDate, precision: DatePrecision) -> i64 {
    use chrono::Datelike;
    let next = match precision {
        DatePrecision::Day => date.succ_opt(),
        DatePrecision::Month => {
            let (y, m) = if date.month() == 12 { (date.year() + 1, 1) } else { (date.year(), date.month() + 1) };
            NaiveDate::from_ymd_opt(y, m, 1)
        }
        DatePrecision::Year => NaiveDate::from_ymd_opt(date.year() + 1, 1, 1),
    };
    next.map(day_number).unwrap_or_else(|| day_number(date) + 1)
}

/// Reads an event date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (surrounding
/// spaces allowed). Years run from 1 to 9999.
pub fn parse_event_date(s: &str) -> Option<(NaiveDate, DatePrecision)> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
    };
    let year = i32::try_from(number(parts.first()?, 4..=4)?).ok().filter(|&y| y >= 1)?;
    match parts.len() {
        1 => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, DatePrecision::Year)),
        2 => Some((NaiveDate::from_ymd_opt(year, number(parts[1], 1..=2)?, 1)?, DatePrecision::Month)),
        3 => Some((
            NaiveDate::from_ymd_opt(year, number(parts[1], 1..=2)?, number(parts[2], 1..=2)?)?,
            DatePrecision::Day,
        )),
        _ => None,
    }
}

/// The fields of one row before checking.
#[derive(Default)]
struct RawEvent {
    date: Option<String>,
    title: Option<String>,
    description: Option<String>,
    end_date: Option<String>,
    url: Option<String>,
}

fn check(raw: RawEvent, line: usize) -> Result<Event, BadRow> {
    let bad = |reason: String| BadRow { line, reason };
    let date_text = raw.date.unwrap_or_default();
    if date_text.trim().is_empty() {
        return Err(bad("no date".into()));
    }
    let (date, precision) = parse_event_date(&date_text)
        .ok_or_else(|| bad(format!("{:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", date_text.trim())))?;
    let title = raw.title.unwrap_or_default().trim().to_string();
    if title.is_empty() {
        return Err(bad("no title".into()));
    }
    let end = match raw.end_date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(e) => {
            let (end, p) = parse_event_date(e)
                .ok_or_else(|| bad(format!("end date {e:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")))?;
            if period_end(end, p) <= day_number(date) {
                return Err(bad(format!("ends ({e}) before it starts ({})", date_text.trim())));
            }
            Some((end, p))
        }
    };
    let url = raw.url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    Ok(Event {
        date,
        precision,
        end,
        title,
        description: raw.description.unwrap_or_default().trim().to_string(),
        url,
        line,
    })
}

/// Parses CSV text with a header row naming at least `date` and `title`
/// (any order, any case; `description`, `end_date` and `url` optional,
/// other columns ignored). A row with a broken quote (never closed, or
/// closed lines later before more text) is reported as a [`BadRow`] on its
/// line and skipped to the end of the quote's line; the rows after it are
/// read as usual rather than swallowed into one field.
pub fn parse_csv(text: &str) -> Result<(Vec<Event>, Vec<BadRow>), NotEvents> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut broken = quotes::find_broken_quote(text, 0);
    let header_end = broken.map_or(text.len(), |b| b.row_start);
    if broken.is_some() && text[..header_end].bytes().all(|b| b == b'\n' || b == b'\r') {
        return Err(NotEvents::BrokenHeaderQuote);
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(&text.as_bytes()[..header_end]);
    let headers = reader.headers().map_err(NotEvents::UnreadableHeader)?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(date), Some(title)) = (col("date"), col("title")) else {
        return Err(NotEvents::MissingColumns { header: headers.iter().collect::<Vec<_>>().join(",") });
    };
    let columns = Columns { date, title, description: col("description"), end_date: col("end_date"), url: col("url") };
    let mut rows = Rows { text, lines: LineIndex::new(text), columns, events: Vec::new(), skipped: Vec::new() };
    rows.read(&mut reader, 0);
    while let Some(b) = broken {
        let resume = quotes::next_line(text, b.quote);
        rows.skipped.push(rows.broken_quote_row(b, resume));
        broken = quotes::find_broken_quote(text, resume);
        let end = broken.map_or(text.len(), |b| b.row_start);
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(&text.as_bytes()[resume..end]);
        rows.read(&mut reader, resume);
    }
    Ok((rows.events, rows.skipped))
}

/// Which column holds each field of an event.
struct Columns {
    date: usize,
    title: usize,
    description: Option<usize>,
    end_date: Option<usize>,
    url: Option<usize>,
}

/// The rows of a CSV text read so far, the text read in stretches between
/// broken quotes.
struct Rows<'a> {
    /// The whole text (after any byte-order mark).
    text: &'a str,
    /// Its line breaks.
    lines: LineIndex,
    columns: Columns,
    events: Vec<Event>,
    skipped: Vec<BadRow>,
}

impl Rows<'_> {
    /// The line a row starts on, from its byte offset in the text (the
    /// reader's own line count is off after blank lines it skips).
    fn line_at(&self, byte: usize) -> usize {
        let at = byte.min(self.text.len());
        let blank = self.text.as_bytes()[at..].iter().take_while(|b| matches!(b, b'\n' | b'\r')).count();
        self.lines.line_at(at + blank)
    }

    /// Reads the rows of `reader`, a stretch of the text starting at byte
    /// `base`, into events and bad rows.
    fn read(&mut self, reader: &mut csv::Reader<&[u8]>, base: usize) {
        let mut record = csv::StringRecord::new();
        let offset = |byte: u64| base.saturating_add(usize::try_from(byte).unwrap_or(usize::MAX));
        loop {
            let before = reader.position().byte();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = self.line_at(offset(record.position().map_or(before, csv::Position::byte)));
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    let field = |k: Option<usize>| k.and_then(|k| record.get(k)).map(str::to_string);
                    let c = &self.columns;
                    let raw = RawEvent {
                        date: field(Some(c.date)),
                        title: field(Some(c.title)),
                        description: field(c.description),
                        end_date: field(c.end_date),
                        url: field(c.url),
                    };
                    match check(raw, line) {
                        Ok(e) => self.events.push(e),
                        Err(b) => self.skipped.push(b),
                    }
                }
                Err(e) => {
                    let line = self.line_at(offset(e.position().map_or(before, csv::Position::byte)));
                    self.skipped.push(BadRow { line, reason: format!("not a CSV row: {e}") });
                    // Broken quotes are found before reading; whatever else
                    // stops the reader, what came before stays.
                    if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }) {
                        break;
                    }
                }
            }
        }
    }

    /// The bad row of a broken quote: on the line its row starts, saying
    /// where the quote opens, where it closes when it does, and the line
    /// reading resumes on (the one at byte `resume`).
    fn broken_quote_row(&self, b: quotes::BrokenQuote, resume: usize) -> BadRow {
        let line = self.line_at(b.row_start);
        let opens = self.lines.line_at(b.quote);
        let opens = if opens == line { "on this line".to_string() } else { format!("on line {opens}") };
        let fault = match b.closed_before {
            None => format!("a quote opened {opens} is never closed"),
            Some(at) => format!("a quote opened {opens} runs on to line {} before it closes", self.lines.line_at(at)),
        };
        let reason = if resume < self.text.len() {
            format!("{fault} (rows are read again from line {})", self.lines.line_at(resume))
        } else {
            fault
        };
        BadRow { line, reason }
    }
}

/// The line numbers of byte offsets in one text: the offsets of its line
/// breaks, found in one pass, searched for each offset. Counting the breaks
/// before every row from the start of the file instead made a file of a
/// hundred thousand events take minutes.
struct LineIndex {
    /// Byte offsets of the `\n`s, in order.
    breaks: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let breaks = text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect();
        LineIndex { breaks }
    }

    /// The line (1-based) of the byte at `at`: one more than the line
    /// breaks before it.
    fn line_at(&self, at: usize) -> usize {
        self.breaks.partition_point(|&b| b < at) + 1
    }
}

/// Parses a JSON array of objects with the keys `date`, `title`,
/// `description`, `end_date` and `url` (strings; a year may be a number).
pub fn parse_json(text: &str) -> Result<(Vec<Event>, Vec<BadRow>), NotEvents> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let elements = match serde_json::from_str(text) {
        Ok(json::Top(Some(elements))) => elements,
        Ok(json::Top(None)) => return Err(NotEvents::NotAnArray),
        Err(e) => return Err(NotEvents::InvalidJson(e)),
    };
    let starts = json::element_starts(text);
    let lines = LineIndex::new(text);
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    for (k, element) in elements.into_iter().enumerate() {
        let line = starts.get(k).map_or(1, |&at| lines.line_at(at));
        let json::Element::Object(mut fields) = element else {
            skipped.push(BadRow { line, reason: "not an object".into() });
            continue;
        };
        let mut wrong = None;
        let mut field = |i: usize| match fields[i].take() {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Number(n)) if json::KEYS[i].ends_with("date") => Some(n.to_string()),
            Some(other) => {
                wrong.get_or_insert(format!("{} must be a string, not {other}", json::KEYS[i]));
                None
            }
        };
        let raw =
            RawEvent { date: field(0), title: field(1), description: field(2), end_date: field(3), url: field(4) };
        if let Some(reason) = wrong {
            skipped.push(BadRow { line, reason });
            continue;
        }
        match check(raw, line) {
            Ok(e) => events.push(e),
            Err(b) => skipped.push(b),
        }
    }
    Ok((events, skipped))
}

/// Parses events text: JSON when it starts with `[`, CSV otherwise.
pub fn parse_events(text: &str) -> Result<(Vec<Event>, Vec<BadRow>), NotEvents> {
    if text.trim_start_matches('\u{feff}').trim_start().starts_with('[') { parse_json(text) } else { parse_csv(text) }
}

/// Reads an events file (CSV or JSON, told apart by content): a regular
/// file of at most [`MAX_EVENTS_FILE`] bytes ([`EVENTS_LIMITS`]).
pub fn load_events(path: &Path) -> Result<EventsFile, EventsError> {
    load_events_with(path, EVENTS_LIMITS)
}

/// Reads an events file within `limits` (see [`read_limited`]): the
/// command line's `--events-fifo` allows a FIFO.
pub fn load_events_with(path: &Path, limits: ReadLimits) -> Result<EventsFile, EventsError> {
    events_from_bytes(path, read_limited(path, limits)?)
}

/// The events in the bytes of the file at `path` (named in the messages):
/// UTF-8 text, CSV or JSON. Separate from [`load_events`] so the fuzz
/// target can feed it bytes without a file.
pub fn events_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<EventsFile, EventsError> {
    let text = String::from_utf8(bytes).map_err(|_| EventsError::NotText { path: path.to_path_buf() })?;
    let (events, skipped) =
        parse_events(&text).map_err(|reason| EventsError::NotEvents { path: path.to_path_buf(), reason })?;
    Ok(EventsFile { path: path.to_path_buf(), events, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn event_dates_at_three_precisions() {
        let table = [
            ("1941", Some((d(1941, 1, 1), DatePrecision::Year))),
            ("1941-12", Some((d(1941, 12, 1), DatePrecision::Month))),
            ("1941-12-07", Some((d(1941, 12, 7), DatePrecision::Day))),
            (" 1941-1-7 ", Some((d(1941, 1, 7), DatePrecision::Day))),
            ("1941-13", None),
            ("1941-02-30", None),
            ("41", None),
            ("0000", None),
            ("December 1941", None),
            ("1941-12-07-01", None),
            ("", None),
            ("+194", None),
        ];
        for (text, want) in table {
            assert_eq!(parse_event_date(text), want, "{text:?}");
        }
    }

    #[test]
    fn csv_with_ranges_links_and_bad_rows_reported_by_line() {
        let text = "date,title,description,end_date,url\n\
                    1941-12-07,Attack on Pearl Harbor,\"Japan attacks the US fleet, Hawaii\",,https://example.org/ph\n\
                    1861-04-12,Civil War,,1865-05,\n\
                    not-a-date,Broken,,,\n\
                    \n\
                    1929-10,,no title,,\n\
                    1918,Armistice year,,1917,\n\
                    2001-09-11,September 11 attacks,\"multi\nline\",,\n\
                    1969-07-20,Moon landing\n";
        let (events, skipped) = parse_csv(text).unwrap();
        let titles: Vec<&str> = events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Attack on Pearl Harbor", "Civil War", "September 11 attacks", "Moon landing"]);
        assert_eq!(events[0].description, "Japan attacks the US fleet, Hawaii");
        assert_eq!(events[0].url.as_deref(), Some("https://example.org/ph"));
        assert_eq!(events[1].end, Some((d(1865, 5, 1), DatePrecision::Month)));
        assert_eq!(events[1].days().end, day_number(d(1865, 6, 1)));
        assert_eq!(events[2].line, 8);
        assert_eq!(events[3].line, 10, "after the two-line description");
        let lines: Vec<usize> = skipped.iter().map(|b| b.line).collect();
        assert_eq!(lines, [4, 6, 7]);
        assert!(skipped[0].reason.contains("\"not-a-date\" is not a date"), "{}", skipped[0]);
        assert_eq!(skipped[1].reason, "no title");
        assert!(skipped[2].reason.contains("before it starts"));
        assert_eq!(skipped[0].to_string(), format!("line 4: {}", skipped[0].reason));
    }

    #[test]
    fn csv_without_the_columns_is_refused() {
        let refused = parse_csv("when,what\n1941,war\n").unwrap_err().to_string();
        assert_eq!(
            refused,
            "the first row must name the columns date,title,description[,end_date][,url]; it is \"when,what\""
        );
        assert!(parse_csv("").is_err());
        // Column order and case do not matter.
        let (e, s) = parse_csv("Title,DATE\nMoon landing,1969-07-20\n").unwrap();
        assert_eq!((e.len(), s.len()), (1, 0));
    }

    #[test]
    fn json_arrays_with_bad_elements_reported_by_line() {
        let text = r#"[
  {"date": "1989-11-09", "title": "Fall of the Berlin Wall", "url": "https://example.org/wall"},
  {"date": 1991, "title": "Dissolution of the Soviet Union", "end_date": "1991-12-26"},
  {"date": "1999-02-30", "title": "No such day"},
  "just a string",
  {"date": "2008-09-15", "title": ["not", "a", "string"]},
  {"date": "2008-09-15",
   "title": "Lehman Brothers files for bankruptcy"}
]"#;
        let (events, skipped) = parse_json(text).unwrap();
        assert_eq!(events.len(), 3);
        assert_eq!(events[1].precision, DatePrecision::Year);
        assert_eq!(events[1].end, Some((d(1991, 12, 26), DatePrecision::Day)));
        assert_eq!(events[2].line, 7);
        let lines: Vec<usize> = skipped.iter().map(|b| b.line).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert!(skipped[2].reason.contains("title must be a string"));
        assert!(matches!(parse_json("{\"date\": \"1941\"}"), Err(NotEvents::NotAnArray)));
        assert!(parse_json("[{\"date\": ").unwrap_err().to_string().starts_with("not valid JSON: EOF"));
        assert!(parse_events(" \n[]").unwrap().0.is_empty());
    }

    #[test]
    fn files_that_are_not_events_name_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.csv");
        assert!(load_events(&missing).unwrap_err().to_string().ends_with("missing.csv: no such file"));
        let binary = dir.path().join("image.csv");
        std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0xff, 0xfe]).unwrap();
        assert!(matches!(load_events(&binary), Err(EventsError::NotText { .. })));
        let good = dir.path().join("events.csv");
        std::fs::write(&good, "date,title\n1969-07-20,Moon landing\n").unwrap();
        assert_eq!(load_events(&good).unwrap().events[0].title, "Moon landing");
    }
}
