//! `refrain search`: every place a word or phrase was said, as
//! keyword-in-context lines grouped by speech in date order, or with
//! `--sort left|right` one list sorted by the words before or after the
//! match (as a concordancer sorts), and with `--csv` every match as a CSV
//! row.

use std::io::Write;
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use anyhow::Context;

use super::output::{Print, print, stdout};
use super::{load_corpus, pad};
use crate::core::search::kwic::{KwicLine, kwic};
use crate::core::search::{ContextSide, ContextSort, Query, SearchIndex, SearchOptions};
use crate::core::search::{sort_by_context, write_concordance_csv};
use crate::core::text::transcript::Transcript;
use crate::core::text::{YearCount, shorten};

/// One speech with matches in `refrain search --json`.
#[derive(Debug, Serialize)]
pub struct SpeechHits {
    /// The file.
    pub path: String,
    /// Its title.
    pub title: String,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    /// Number of matches in it.
    pub count: usize,
    /// The matches in text order: byte ranges and context (in the text
    /// output only those printed; all of them in the JSON).
    pub matches: Vec<KwicLine>,
}

/// The whole output of `refrain search --json`.
#[derive(Debug, Serialize)]
pub struct SearchOutput {
    /// The query as given.
    pub query: String,
    /// How it was matched.
    pub options: SearchOptions,
    /// Number of matches.
    pub total: usize,
    /// Speeches searched.
    pub searched: usize,
    /// Speeches with matches, in date order.
    pub speeches: Vec<SpeechHits>,
    /// Matches per year (dated speeches only).
    pub per_year: Vec<YearCount>,
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
/// (each match's context is cut out of the text and kept for the output).
pub const MAX_CONTEXT: usize = 1000;

/// Searches `transcripts` for `query`, with `width` characters of context
/// (at most [`MAX_CONTEXT`]) for the first `lines` matches in date order
/// (all with `None`): the lines not shown cost nothing.
pub fn search_output(transcripts: &[Transcript], query: &Query, width: usize, lines: Option<usize>) -> SearchOutput {
    let width = width.min(MAX_CONTEXT);
    let index = SearchIndex::build(transcripts);
    let results = index.search(transcripts, query);
    let mut left = lines.unwrap_or(usize::MAX);
    let speeches = results
        .docs
        .iter()
        .filter_map(|d| {
            let t = transcripts.get(d.doc)?;
            let shown = d.matches.len().min(left);
            left -= shown;
            Some(SpeechHits {
                path: t.path.display().to_string(),
                title: t.title.clone(),
                date: t.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
                count: d.matches.len(),
                matches: d.matches[..shown].iter().map(|m| kwic(&t.body, m.clone(), width)).collect(),
            })
        })
        .collect();
    SearchOutput {
        query: query.text.clone(),
        options: query.options,
        total: results.total(),
        searched: transcripts.len(),
        speeches,
        per_year: results.per_year(transcripts),
    }
}

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
    let status = if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS };
    if order.csv || order.sort.is_some() {
        let width = width.min(MAX_CONTEXT);
        let results = SearchIndex::build(&transcripts).search(&transcripts, &query);
        let hits: Vec<(usize, Range<usize>)> = match order.context_sort() {
            Some(sort) => sort_by_context(&transcripts, &results, sort),
            None => results.flat().collect(),
        };
        if order.csv {
            let mut out = stdout();
            write_concordance_csv(&mut out, &transcripts, hits, width).context("writing CSV")?;
            out.flush().context("writing CSV")?;
        } else {
            let heading = (results.total(), results.docs.len(), transcripts.len());
            print(Print::Table, &hits, |out, hits| {
                write_sorted(out, &query.text, heading, &transcripts, hits, width, limit)
            })?;
        }
        return Ok(status);
    }
    let output = search_output(&transcripts, &query, width, (!json).then_some(limit));
    let width = width.min(MAX_CONTEXT);
    print(Print::json_if(json, Print::Json), &output, |out, output| write_lines(out, output, width, limit))?;
    Ok(status)
}

/// One line aligned on the match: the left context right-aligned in
/// `width + 1` characters, the match in brackets, the right context.
fn aligned(line: &KwicLine, width: usize) -> String {
    let left: String = line.left.chars().rev().take(width + 1).collect::<Vec<_>>().into_iter().rev().collect();
    let pad_left = " ".repeat((width + 1).saturating_sub(left.chars().count()));
    format!("{pad_left}{left}[{}]{}", line.hit, line.right)
}

/// The text output of `--sort`: one list in the sorted order, each line
/// after its speech's date; `heading` is (matches, speeches with matches,
/// speeches searched).
fn write_sorted(
    out: &mut impl Write,
    query: &str,
    heading: (usize, usize, usize),
    transcripts: &[Transcript],
    hits: &[(usize, Range<usize>)],
    width: usize,
    limit: usize,
) -> std::io::Result<()> {
    let (total, speeches, searched) = heading;
    writeln!(out, "{total} matches of {query:?} in {speeches} of {searched} speeches\n")?;
    for (doc, m) in hits.iter().take(limit) {
        let Some(t) = transcripts.get(*doc) else { continue };
        let date = t.date.map_or("undated".to_string(), |d| d.date.format("%Y-%m-%d").to_string());
        writeln!(out, "{}  {}", pad(&date, 10), aligned(&kwic(&t.body, m.clone(), width), width))?;
    }
    if hits.len() > limit {
        writeln!(out, "… {} more (--limit, or --csv for all)", hits.len() - limit)?;
    }
    Ok(())
}

/// The text output: a heading per speech, then its lines aligned on the
/// match (left context right-aligned), the match in brackets.
fn write_lines(out: &mut impl Write, output: &SearchOutput, width: usize, limit: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{} matches of {:?} in {} of {} speeches\n",
        output.total,
        output.query,
        output.speeches.len(),
        output.searched
    )?;
    let mut shown = 0;
    for s in &output.speeches {
        if shown >= limit {
            break;
        }
        writeln!(out, "{}  {}  ({})", pad(s.date.as_deref().unwrap_or("undated"), 10), shorten(&s.title, 70), s.count)?;
        for m in &s.matches {
            if shown >= limit {
                break;
            }
            writeln!(out, "  {}", aligned(m, width))?;
            shown += 1;
        }
    }
    if output.total > shown {
        writeln!(out, "… {} more (--limit, or --json for all)", output.total - shown)?;
    }
    Ok(())
}
