//! `refrain timeline`: the speeches, outside events and the dates the
//! speeches mention, on one axis, in date order; with `--search`, the
//! speeches a search finds on the phrase lane; with `--csv`, the lanes as
//! the app's File ▸ Export timeline… writes them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use super::output::{Print, print, visible};
use super::{load_corpus, pad};
use crate::core::export::report::common_root;
use crate::core::export::timeline::{EntryRecord, timeline_csv, timeline_export};
use crate::core::import::limited_read::{ReadError, SpecialKind};
use crate::core::search::{Query, SearchIndex, SearchOptions};
use crate::core::text::shorten;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::events::{EVENTS_LIMITS, Event, EventsError, load_events_with};
use crate::core::timeline::model::{Entry, Timeline};
use crate::core::timeline::notes::EntryNotes;

/// The command line's name for an entry's transcript: `source`, the path
/// as given.
#[derive(Debug, Serialize)]
pub struct SourceField {
    /// The transcript (speeches, mentions, phrase uses).
    pub source: Option<String>,
}

/// The whole output.
#[derive(Debug, Serialize)]
pub struct TimelineOutput {
    /// Every entry, in date order.
    pub entries: Vec<EntryRecord<SourceField>>,
    /// Transcripts without a date, not on the axis.
    pub undated: Vec<String>,
}

fn record(e: &Entry, corpus: &[Transcript]) -> EntryRecord<SourceField> {
    EntryRecord::of(e, corpus, |t| SourceField { source: t.map(|t| t.path.display().to_string()) })
}

/// The timeline of `corpus` as printed.
fn output_of(timeline: &Timeline, corpus: &[Transcript]) -> TimelineOutput {
    TimelineOutput {
        entries: timeline.entries_in_date_order().into_iter().map(|e| record(e, corpus)).collect(),
        undated: timeline.undated.iter().filter_map(|&i| corpus.get(i)).map(|t| t.path.display().to_string()).collect(),
    }
}

/// How `refrain timeline` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// A table for people.
    Table,
    /// `--json`: entries in date order, sources as given.
    Json,
    /// `--csv`: the lanes as File > Export timeline… writes them.
    Csv,
}

/// Reads events files: bad rows and unreadable files are reported on
/// stderr and counted; the events that loaded are returned. Only regular
/// files of at most [`MAX_EVENTS_FILE`](crate::core::timeline::events::MAX_EVENTS_FILE)
/// bytes are read, and FIFOs too when `fifo` is true (`--events-fifo`).
pub(super) fn load_events_files(files: &[PathBuf], fifo: bool) -> (Vec<Event>, usize) {
    let (mut events, mut failed) = (Vec::new(), 0);
    for f in files {
        match load_events_with(f, EVENTS_LIMITS.allow_fifo(fifo)) {
            Ok(file) => {
                for bad in &file.skipped {
                    eprintln!("refrain: {}", visible(&format!("{}: {bad}; skipped", f.display())));
                    failed += 1;
                }
                events.extend(file.events);
            }
            Err(e @ EventsError::NotRead(ReadError::Special { kind: SpecialKind::Fifo, .. })) => {
                eprintln!("refrain: {} (add --events-fifo to read a named pipe on purpose)", visible(&e.to_string()));
                failed += 1;
            }
            Err(e) => {
                eprintln!("refrain: {}", visible(&e.to_string()));
                failed += 1;
            }
        }
    }
    (events, failed)
}

pub(super) fn timeline(
    paths: &[PathBuf],
    events_files: &[PathBuf],
    events_fifo: bool,
    format: Format,
    search: Option<&str>,
) -> anyhow::Result<ExitCode> {
    // A bad query is a usage error, found before any file is read.
    let query = match search {
        Some(q) => Some(Query::parse(q, SearchOptions::default()).with_context(|| format!("--search {q:?}"))?),
        None => None,
    };
    let (corpus, mut failed) = load_corpus(paths);
    let (events, bad_events) = load_events_files(events_files, events_fifo);
    failed += bad_events;
    let mut timeline = Timeline::build(&corpus, &events);
    if let Some(query) = &query {
        let results = SearchIndex::build(&corpus).search(&corpus, query);
        timeline.set_search(&corpus, &results);
    }
    match format {
        Format::Csv => {
            let root = match paths {
                [one] if one.is_dir() => Some(one.clone()),
                _ => common_root(corpus.iter().map(|t| t.path.as_path())),
            };
            let placed = EntryNotes::default();
            let label = search.map(|q| format!("search: {q}"));
            let export = timeline_export(&timeline, &corpus, root.as_deref(), &[], &placed, label.as_deref());
            let text = timeline_csv(&export).context("writing CSV")?;
            print(Print::Table, text.as_str(), |out, text| out.write_all(text.as_bytes()))?;
        }
        Format::Json => print(Print::Json, &output_of(&timeline, &corpus), write_table)?,
        Format::Table => print(Print::Table, &output_of(&timeline, &corpus), write_table)?,
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn write_table(out: &mut impl Write, output: &TimelineOutput) -> std::io::Result<()> {
    writeln!(out, "{} {} {} {} SOURCE", pad("DATE", 23), pad("PRECISION", 9), pad("KIND", 7), pad("TITLE", 50))?;
    for e in &output.entries {
        let date = match &e.end_date {
            Some(end) => format!("{} – {end}", e.date),
            None => e.date.clone(),
        };
        let source = match (&e.path.source, e.start_byte, e.end_byte) {
            (Some(s), Some(a), Some(b)) => format!("{s} [{a}..{b}]"),
            (Some(s), ..) => s.clone(),
            (None, ..) => String::new(),
        };
        let title: String = e.title.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "{} {} {} {} {}",
            pad(&visible(&date), 23),
            pad(&visible(e.precision), 9),
            pad(&visible(e.kind), 7),
            pad(&shorten(&visible(&title), 50), 50),
            visible(&source)
        )?;
    }
    for u in &output.undated {
        writeln!(out, "{} {} {} {} {}", pad("undated", 23), pad("-", 9), pad("speech", 7), pad("", 50), visible(u))?;
    }
    let count = |k: &str| output.entries.iter().filter(|e| e.kind == k).count();
    writeln!(
        out,
        "\n{} speech(es), {} event(s), {} mention(s), {} undated",
        count("speech"),
        count("event"),
        count("mention"),
        output.undated.len()
    )?;
    if count("phrase") > 0 {
        writeln!(out, "{} speech(es) on the phrase lane", count("phrase"))?;
    }
    Ok(())
}
