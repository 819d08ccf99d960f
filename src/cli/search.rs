//! `refrain search`: every place a word or phrase was said, as
//! keyword-in-context lines grouped by speech in date order.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{Print, print};
use super::{load_corpus, pad};
use crate::core::search::kwic::{KwicLine, kwic};
use crate::core::search::{Query, SearchIndex, SearchOptions};
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
) -> anyhow::Result<ExitCode> {
    // A bad query is a usage error, found before any file is read.
    let query = Query::parse(query, options)?;
    let (transcripts, failed) = load_corpus(paths);
    if width > MAX_CONTEXT {
        eprintln!("refrain: --context {width} is more than a line: {MAX_CONTEXT} characters of context are shown");
    }
    let output = search_output(&transcripts, &query, width, (!json).then_some(limit));
    let width = width.min(MAX_CONTEXT);
    print(Print::json_if(json, Print::Json), &output, |out, output| write_lines(out, output, width, limit))?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
            let left: String = m.left.chars().rev().take(width + 1).collect::<Vec<_>>().into_iter().rev().collect();
            let pad_left = " ".repeat((width + 1).saturating_sub(left.chars().count()));
            writeln!(out, "  {pad_left}{left}[{}]{}", m.hit, m.right)?;
            shown += 1;
        }
    }
    if output.total > shown {
        writeln!(out, "… {} more (--limit, or --json for all)", output.total - shown)?;
    }
    Ok(())
}
