//! `refrain inspect`: what the importer understood of each file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{Print, print, visible};
use super::pad;
use crate::core::import::files::{FileOutcome, ImportOptions, import_paths_reporting};
use crate::core::text::shorten;

/// One file in `refrain inspect --json`.
#[derive(Debug, Serialize)]
pub struct InspectRecord {
    /// The file. A name that is not valid UTF-8 shows U+FFFD (�) for the
    /// bytes that are not; `path_bytes` then gives them exactly.
    pub path: String,
    /// The file's path as bytes, in lowercase hex, present only when it is
    /// not valid UTF-8 (so that `path` alone does not lose which file it is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    /// True when the file was read (also for duplicates, which are read but
    /// not imported twice).
    pub ok: bool,
    /// Why the file was refused.
    pub error: Option<String>,
    /// The file this one duplicates.
    pub duplicate_of: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `day`, `month` or `year`.
    pub date_precision: Option<&'static str>,
    /// `header`, `front-matter`, `sidecar`, `filename` or `text`.
    pub date_source: Option<&'static str>,
    /// `HH:MM`.
    pub time: Option<String>,
    /// Speaker.
    pub speaker: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// Language tags.
    pub languages: Vec<String>,
    /// Word count of the body.
    pub words: usize,
    /// Paragraph count of the body.
    pub paragraphs: usize,
    /// Subtitle cues kept with their times.
    pub cues: usize,
    /// Encoding the file was decoded from.
    pub encoding: Option<String>,
    /// What the user should know.
    pub warnings: Vec<String>,
}

impl InspectRecord {
    /// The record for one import outcome.
    pub fn from_outcome(outcome: &FileOutcome) -> Self {
        let path = outcome.path().display().to_string();
        let path_bytes = outcome.path().to_str().is_none().then(|| hex(outcome.path().as_os_str().as_encoded_bytes()));
        let mut r = InspectRecord {
            path,
            path_bytes,
            ok: true,
            error: None,
            duplicate_of: None,
            title: None,
            date: None,
            date_precision: None,
            date_source: None,
            time: None,
            speaker: None,
            place: None,
            languages: Vec::new(),
            words: 0,
            paragraphs: 0,
            cues: 0,
            encoding: None,
            warnings: Vec::new(),
        };
        match outcome {
            FileOutcome::Imported(t) => {
                r.title = Some(t.title.clone());
                r.date = t.date.map(|d| d.date.format("%Y-%m-%d").to_string());
                r.date_precision = t.date.map(|d| d.precision.as_str());
                r.date_source = t.date.map(|d| d.source.as_str());
                r.time = t.time.map(|t| t.format("%H:%M").to_string());
                r.speaker = t.speaker.clone();
                r.place = t.place.clone();
                r.languages = t.languages.clone();
                r.words = t.words;
                r.paragraphs = t.paragraphs.len();
                r.cues = t.cues.len();
                r.encoding = Some(t.encoding.clone());
                r.warnings = t.warnings.clone();
            }
            FileOutcome::Duplicate { of, .. } => {
                r.duplicate_of = Some(of.display().to_string());
                r.warnings.push(format!("same content as {}; imported once", of.display()));
            }
            FileOutcome::Failed(e) => {
                r.ok = false;
                r.error = Some(e.to_string());
            }
        }
        r
    }
}

pub(super) fn inspect(paths: &[PathBuf], json: bool, max_size: u64) -> anyhow::Result<ExitCode> {
    let report = import_paths_reporting(paths, &ImportOptions { max_file_size: max_size });
    let records: Vec<InspectRecord> = report.outcomes.iter().map(InspectRecord::from_outcome).collect();
    let failed = records.iter().filter(|r| !r.ok).count();
    // The table first (printed and flushed), then the failures after it.
    print(Print::json_if(json, Print::PrettyJson), records.as_slice(), write_table)?;
    // What the sidecar tables hold but are not used as written: said, and
    // the run goes on (the status stays that of the files).
    for w in &report.table_warnings {
        eprintln!("refrain: {}", visible(&w.to_string()));
    }
    for r in records.iter().filter(|r| !r.ok) {
        if let Some(e) = &r.error {
            eprintln!("refrain: {}", visible(e));
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `bytes` in lowercase hex, two digits a byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes.iter().flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]]).map(char::from).collect()
}

fn write_table(out: &mut impl Write, records: &[InspectRecord]) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {} {} {:>7} {} {} FILE",
        pad("DATE", 10),
        pad("SOURCE", 12),
        pad("TIME", 5),
        "WORDS",
        pad("SPEAKER", 22),
        pad("TITLE", 40)
    )?;
    for r in records {
        if !r.ok {
            writeln!(out, "{} {}", pad("ERROR", 10), visible(r.error.as_deref().unwrap_or("")))?;
            continue;
        }
        if let Some(of) = &r.duplicate_of {
            writeln!(out, "{} {} (duplicate of {})", pad("DUPLICATE", 10), visible(&r.path), visible(of))?;
            continue;
        }
        let date = match (r.date.as_deref(), r.date_precision) {
            (Some(d), Some("year")) => d[..4.min(d.len())].to_string(),
            (Some(d), Some("month")) => d[..7.min(d.len())].to_string(),
            (Some(d), _) => d.to_string(),
            (None, _) => "undated".to_string(),
        };
        writeln!(
            out,
            "{} {} {} {:>7} {} {} {}",
            pad(&visible(&date), 10),
            pad(r.date_source.unwrap_or("-"), 12),
            pad(&visible(r.time.as_deref().unwrap_or("-")), 5),
            r.words,
            pad(&shorten(&visible(r.speaker.as_deref().unwrap_or("-")), 22), 22),
            pad(&shorten(&visible(r.title.as_deref().unwrap_or("")), 40), 40),
            visible(&r.path)
        )?;
        for w in &r.warnings {
            writeln!(out, "{}   warning: {}", " ".repeat(10), visible(w))?;
        }
    }
    let ok = records.iter().filter(|r| r.ok && r.duplicate_of.is_none()).count();
    let dups = records.iter().filter(|r| r.duplicate_of.is_some()).count();
    let failed = records.iter().filter(|r| !r.ok).count();
    writeln!(out, "\n{ok} transcript(s) read, {dups} duplicate(s), {failed} failed")?;
    Ok(())
}
