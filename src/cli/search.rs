//! `refrain search`: every place a word or phrase was said, as
//! keyword-in-context lines grouped by speech in date order, or with
//! `--sort left|right` one list sorted by the words before or after the
//! match (as a concordancer sorts), and with `--csv` every match as a CSV
//! row.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use anyhow::Context;

use super::output::{Print, print, stdout, visible};
use super::{load_corpus, pad};
use crate::core::search::kwic::{KwicLine, kwic};
use crate::core::search::{ContextSide, ContextSort, Hit, MatchCounts, Query, SearchOptions};
use crate::core::search::{first_by_context, sort_hits_by_context, write_concordance_csv};
use crate::core::text::shorten;
use crate::core::text::transcript::Transcript;

/// The output of `refrain search --json`, written as it is serialized:
/// each match's context is cut out when it is written and dropped after,
/// so the JSON of millions of matches never holds their contexts.
///
/// Its fields: `query` (as given), `options` (how it was matched), `total`
/// (number of matches), `searched` (speeches searched), `speeches` (those
/// with matches, in date order, each with `path`, `title`, `date`
/// (`YYYY-MM-DD` or null), `count` and `matches`: every match in text
/// order with `left`, `match`, `right`, `bytes` and `context`, as
/// [`KwicLine`]) and `per_year` (matches per year, dated speeches only).
struct JsonOutput<'a> {
    query: &'a Query,
    found: &'a MatchCounts,
    transcripts: &'a [Transcript],
    /// Characters of context on each side.
    width: usize,
}

impl Serialize for JsonOutput<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("SearchOutput", 6)?;
        out.serialize_field("query", &self.query.text)?;
        out.serialize_field("options", &self.query.options)?;
        out.serialize_field("total", &self.found.total())?;
        out.serialize_field("searched", &self.transcripts.len())?;
        out.serialize_field("speeches", &JsonSpeeches(self))?;
        out.serialize_field("per_year", &self.found.per_year(self.transcripts))?;
        out.end()
    }
}

/// The `speeches` of [`JsonOutput`].
struct JsonSpeeches<'a>(&'a JsonOutput<'a>);

impl Serialize for JsonSpeeches<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let output = self.0;
        serializer.collect_seq(
            output.found.docs.iter().enumerate().filter_map(|(k, &(doc, count))| {
                Some(JsonSpeech { output, k, t: output.transcripts.get(doc)?, count })
            }),
        )
    }
}

/// One speech with matches: the `k`-th of the search's.
struct JsonSpeech<'a> {
    output: &'a JsonOutput<'a>,
    k: usize,
    t: &'a Transcript,
    count: usize,
}

impl Serialize for JsonSpeech<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (t, width) = (self.t, self.output.width);
        let mut out = serializer.serialize_struct("SpeechHits", 5)?;
        out.serialize_field("path", &t.path.display().to_string())?;
        out.serialize_field("title", &t.title)?;
        out.serialize_field("date", &date_of(t))?;
        out.serialize_field("count", &self.count)?;
        let lines = self.output.found.matches(self.k, &t.body).map(|m| kwic(&t.body, m, width));
        out.serialize_field("matches", &JsonLines(std::cell::Cell::new(Some(lines))))?;
        out.end()
    }
}

/// Keyword-in-context lines serialized as they are made (once).
struct JsonLines<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = KwicLine>> Serialize for JsonLines<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// A speech's date as printed: `YYYY-MM-DD`, or none.
fn date_of(t: &Transcript) -> Option<String> {
    t.date.map(|d| d.date.format("%Y-%m-%d").to_string())
}

/// The side `--sort` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortSide {
    /// The words before the match, nearest first.
    Left,
    /// The words after the match, nearest first.
    Right,
}

/// How `refrain search` orders and writes its matches.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OrderArgs {
    /// List all matches in one list sorted by the words before (left) or
    /// after (right) them, nearest first, case- and accent-folded (as a
    /// concordancer's 1L-2L-3L or 1R-2R-3R sort); equal contexts stay in
    /// date order.
    #[arg(long, value_enum, value_name = "SIDE", conflicts_with = "json")]
    pub sort: Option<SortSide>,
    /// Words of context compared by --sort.
    #[arg(long, default_value_t = 3, value_name = "N", requires = "sort", value_parser = clap::value_parser!(u32).range(1..=10))]
    pub sort_depth: u32,
    /// Print every match as a CSV row: date, speaker, title, path, left
    /// context, match, right context, start_byte, end_byte (in date order,
    /// or as --sort orders them).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

impl OrderArgs {
    /// The context sort asked for, if any.
    fn context_sort(&self) -> Option<ContextSort> {
        let side = match self.sort? {
            SortSide::Left => ContextSide::Left,
            SortSide::Right => ContextSide::Right,
        };
        Some(ContextSort { side, depth: self.sort_depth as usize })
    }
}

/// Most characters of context on each side of a match: a line, not a page
/// (a larger `--context` is capped to it, with a message).
pub const MAX_CONTEXT: usize = 1000;

/// `refrain search`. The matches are counted first, without keeping their
/// contexts (nor, for a regular expression, their places); the table then
/// cuts out the context of the `limit` lines it prints and no other, the
/// JSON and the CSV each match's as they write it. Only `--sort` keeps a
/// key per match, and with the table at most `limit` of them.
pub(super) fn search(
    query: &str,
    paths: &[PathBuf],
    options: SearchOptions,
    json: bool,
    width: usize,
    limit: usize,
    order: &OrderArgs,
) -> anyhow::Result<ExitCode> {
    // A bad query is a usage error, found before any file is read.
    let query = Query::parse(query, options)?;
    let (transcripts, failed) = load_corpus(paths);
    if width > MAX_CONTEXT {
        eprintln!("refrain: --context {width} is more than a line: {MAX_CONTEXT} characters of context are shown");
    }
    let width = width.min(MAX_CONTEXT);
    let status = if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS };
    let found = MatchCounts::search(&transcripts, &query);
    if order.csv {
        let mut out = stdout();
        let written = match order.context_sort() {
            Some(sort) => {
                let all = sort_hits_by_context(&transcripts, found.flat(&transcripts), sort);
                write_concordance_csv(&mut out, &transcripts, all, width)
            }
            None => write_concordance_csv(&mut out, &transcripts, found.flat(&transcripts), width),
        };
        written.context("writing CSV")?;
        out.flush().context("writing CSV")?;
        return Ok(status);
    }
    if let Some(sort) = order.context_sort() {
        let hits = first_by_context(&transcripts, found.flat(&transcripts), sort, limit);
        let heading = Heading {
            query: &query.text,
            total: found.total(),
            speeches: found.docs.len(),
            searched: transcripts.len(),
        };
        print(Print::Table, &hits, |out, hits| write_sorted(out, &heading, &transcripts, hits, width))?;
        return Ok(status);
    }
    if json {
        let output = JsonOutput { query: &query, found: &found, transcripts: &transcripts, width };
        print(Print::Json, &output, |_, _| Ok(()))?;
    } else {
        print(Print::Table, &(), |out, ()| write_lines(out, &query.text, &found, &transcripts, width, limit))?;
    }
    Ok(status)
}

/// One line aligned on the match: the left context right-aligned in
/// `width + 1` characters, the match in brackets, the right context, each
/// shown [`visible`].
fn aligned(line: &KwicLine, width: usize) -> String {
    let left = visible(&line.left);
    let left: String = left.chars().rev().take(width.saturating_add(1)).collect::<Vec<_>>().into_iter().rev().collect();
    let pad_left = " ".repeat(width.saturating_add(1).saturating_sub(left.chars().count()));
    format!("{pad_left}{left}[{}]{}", visible(&line.hit), visible(&line.right))
}

/// The first line of the text output: how many matches in how many
/// speeches.
struct Heading<'a> {
    query: &'a str,
    total: usize,
    /// Speeches with matches.
    speeches: usize,
    /// Speeches searched.
    searched: usize,
}

impl std::fmt::Display for Heading<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Heading { query, total, speeches, searched } = self;
        write!(f, "{total} matches of {query:?} in {speeches} of {searched} speeches")
    }
}

/// The text output of `--sort`: the first `hits` in the sorted order, each
/// line after its speech's date, then how many more there are.
fn write_sorted(
    out: &mut impl Write,
    heading: &Heading,
    transcripts: &[Transcript],
    hits: &[Hit],
    width: usize,
) -> std::io::Result<()> {
    writeln!(out, "{heading}\n")?;
    for (doc, m) in hits {
        let Some(t) = transcripts.get(*doc) else { continue };
        let date = date_of(t).unwrap_or_else(|| "undated".to_string());
        writeln!(out, "{}  {}", pad(&date, 10), aligned(&kwic(&t.body, m.clone(), width), width))?;
    }
    if heading.total > hits.len() {
        writeln!(out, "… {} more (--limit, or --csv for all)", heading.total - hits.len())?;
    }
    Ok(())
}

/// The text output: a heading per speech, then its lines aligned on the
/// match (left context right-aligned), the match in brackets; the matches
/// are walked only up to the `limit`-th, and only their contexts cut out.
fn write_lines(
    out: &mut impl Write,
    query: &str,
    found: &MatchCounts,
    transcripts: &[Transcript],
    width: usize,
    limit: usize,
) -> std::io::Result<()> {
    let heading = Heading { query, total: found.total(), speeches: found.docs.len(), searched: transcripts.len() };
    writeln!(out, "{heading}\n")?;
    let mut shown = 0;
    for (k, &(doc, count)) in found.docs.iter().enumerate() {
        if shown >= limit {
            break;
        }
        let Some(t) = transcripts.get(doc) else { continue };
        let date = date_of(t).unwrap_or_else(|| "undated".to_string());
        writeln!(out, "{}  {}  ({count})", pad(&date, 10), shorten(&visible(&t.title), 70))?;
        for m in found.matches(k, &t.body).take(limit - shown) {
            writeln!(out, "  {}", aligned(&kwic(&t.body, m, width), width))?;
            shown += 1;
        }
    }
    if heading.total > shown {
        writeln!(out, "… {} more (--limit, or --json for all)", heading.total - shown)?;
    }
    Ok(())
}
