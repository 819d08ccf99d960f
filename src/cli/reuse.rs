//! `refrain reuse`: the speech × speech reuse map: the pairs of speeches
//! that share the most of their words in recurring phrases (see
//! [`crate::core::compare::reuse_map`] for what is counted), as a table of
//! the top pairs, or in JSON the whole matrix (or its blocks with
//! `--block`/`--block-years`, for a large corpus).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{Print, print, visible};
use super::{load_corpus, pad};
use crate::core::compare::reuse_map::{ReuseBlocks, ReuseMap, ReuseOptions, ReusePair};
use crate::core::phrases::PhraseIndex;
use crate::core::text::shorten;
use crate::core::text::transcript::Transcript;

/// The arguments of `refrain reuse`.
#[derive(Debug, clap::Args)]
pub struct ReuseArgs {
    /// Transcript files, or folders to read recursively.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print one JSON object: `documents` (in date order), the `top` pairs,
    /// and the matrices `shared` (words of row's speech shared with the
    /// column's) and `scores`, or `blocks` with --block/--block-years.
    #[arg(long)]
    pub json: bool,
    /// Group the speeches in blocks of N consecutive ones (date order): per
    /// pair of blocks the highest and mean score and the pair giving the
    /// highest, instead of the full matrix.
    #[arg(long, value_name = "N", conflicts_with = "block_years", value_parser = clap::value_parser!(u32).range(1..))]
    pub block: Option<u32>,
    /// Group the speeches in blocks of N calendar years (undated ones apart).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub block_years: Option<u32>,
    /// Pairs (or pairs of blocks) listed in the table and in `top`.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Also count formulas (phrases in more than half of the speeches).
    #[arg(long)]
    pub formulas: bool,
    #[command(flatten)]
    pub matching: super::match_args::MatchArgs,
}

/// One speech in the JSON output.
#[derive(Serialize)]
struct DocumentRecord<'a> {
    path: String,
    title: &'a str,
    date: Option<String>,
    speaker: Option<&'a str>,
    words: u32,
}

/// A pair in the JSON output: map indices (positions in `documents`), counts and score.
#[derive(Serialize)]
struct PairRecord {
    a: usize,
    b: usize,
    shared_a: u32,
    shared_b: u32,
    score: f64,
}

impl From<&ReusePair> for PairRecord {
    fn from(p: &ReusePair) -> PairRecord {
        PairRecord { a: p.a, b: p.b, shared_a: p.shared_a, shared_b: p.shared_b, score: rounded(p.score) }
    }
}

/// One cell of the blocks in the JSON output.
#[derive(Serialize)]
struct CellRecord {
    max: f64,
    mean: f64,
    pair: Option<PairRecord>,
    pairs: u32,
}

/// The blocks in the JSON output.
#[derive(Serialize)]
struct BlocksRecord {
    /// Each block's speeches, `[start, end)` in `documents`.
    groups: Vec<[usize; 2]>,
    /// Row-major, `groups.len()` squared.
    cells: Vec<CellRecord>,
}

/// The whole JSON output.
#[derive(Serialize)]
struct ReuseOutput<'a> {
    /// How words were counted, for the reader of the file.
    measure: &'static str,
    formulas: bool,
    documents: Vec<DocumentRecord<'a>>,
    top: Vec<PairRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<Vec<&'a [u32]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<Vec<Vec<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<BlocksRecord>,
}

/// What `measure` says in the JSON.
const MEASURE: &str = "shared[i][j]: words of speech i inside a recurring phrase also used in speech j (each word once); \
score: shared words of the shorter speech of the pair over its words";

/// A score with 4 decimals, enough for a map and a third of the bytes.
fn rounded(s: f32) -> f64 {
    (f64::from(s) * 1e4).round() / 1e4
}

pub(super) fn reuse(args: &ReuseArgs) -> anyhow::Result<ExitCode> {
    let (transcripts, failed) = load_corpus(&args.paths);
    let mut index = PhraseIndex::new();
    // Document ids are positions in `transcripts` (date order), so are map indices.
    index.add_all(&transcripts);
    let options = args.matching.options();
    let set = index.phrases(&options)?;
    let map = ReuseMap::of_index(&index, &set, ReuseOptions { formulas: args.formulas });
    let blocks = match (args.block, args.block_years) {
        (Some(n), _) => Some(map.blocks(map.groups_of(n as usize))),
        (None, Some(y)) => Some(map.blocks(map.groups_by_year(y))),
        (None, None) => None,
    };
    let top = map.top_pairs(args.top);
    if args.json {
        let n = map.len();
        let output = ReuseOutput {
            measure: MEASURE,
            formulas: args.formulas,
            documents: map
                .docs()
                .iter()
                .filter_map(|d| {
                    let t = transcripts.get(d.doc as usize)?;
                    Some(DocumentRecord {
                        path: t.path.display().to_string(),
                        title: &t.title,
                        date: t.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
                        speaker: t.speaker.as_deref(),
                        words: d.words,
                    })
                })
                .collect(),
            top: top.iter().map(PairRecord::from).collect(),
            shared: blocks.is_none().then(|| (0..n).map(|i| map.shared_row(i)).collect()),
            scores: blocks
                .is_none()
                .then(|| (0..n).map(|i| (0..n).map(|j| rounded(map.score(i, j))).collect()).collect()),
            blocks: blocks.as_ref().map(|b| BlocksRecord {
                groups: b.groups.iter().map(|g| [g.start, g.end]).collect(),
                cells: b
                    .cells
                    .iter()
                    .map(|c| CellRecord {
                        max: rounded(c.max),
                        mean: rounded(c.mean),
                        pair: c.pair.as_ref().map(PairRecord::from),
                        pairs: c.pairs,
                    })
                    .collect(),
            }),
        };
        print(Print::Json, &output, |_, _| Ok(()))?;
    } else {
        print(Print::Table, &(), |out, ()| write_table(out, &transcripts, &map, &top, blocks.as_ref(), args))?;
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A speech as a table shows it: its date and title.
fn speech(transcripts: &[Transcript], map: &ReuseMap, i: usize, width: usize) -> String {
    let t = map.doc(i).and_then(|d| transcripts.get(d as usize));
    let date = t.and_then(|t| t.date).map_or("undated".to_string(), |d| d.date.format("%Y-%m-%d").to_string());
    format!("{}  {}", pad(&date, 10), pad(&shorten(&visible(t.map_or("", |t| t.title.as_str())), width), width))
}

/// The first and last date of a block, as `1790-01-08..1799-12-03`.
fn span(transcripts: &[Transcript], map: &ReuseMap, g: &std::ops::Range<usize>) -> String {
    let date = |i: usize| {
        map.doc(i)
            .and_then(|d| transcripts.get(d as usize))
            .and_then(|t| t.date)
            .map_or("undated".to_string(), |d| d.date.format("%Y-%m-%d").to_string())
    };
    format!("{}..{} ({})", date(g.start), date(g.end.saturating_sub(1)), g.len())
}

fn write_table(
    out: &mut impl Write,
    transcripts: &[Transcript],
    map: &ReuseMap,
    top: &[ReusePair],
    blocks: Option<&ReuseBlocks>,
    args: &ReuseArgs,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Reuse map of {} speeches: words in recurring phrases both use, as a share of the shorter speech{}\n",
        map.len(),
        if args.formulas { "" } else { " (formulas left out)" }
    )?;
    if let Some(blocks) = blocks {
        let g = blocks.groups.len();
        let mut cells: Vec<(usize, usize)> = (0..g).flat_map(|x| (x..g).map(move |y| (x, y))).collect();
        cells.sort_by(|a, b| {
            let (ca, cb) = (blocks.cell(a.0, a.1), blocks.cell(b.0, b.1));
            cb.map_or(0.0, |c| c.max).total_cmp(&ca.map_or(0.0, |c| c.max)).then(a.cmp(b))
        });
        writeln!(out, "{} blocks; the {} pairs of blocks with the highest score:\n", g, args.top.min(cells.len()))?;
        writeln!(out, "{:>5} {:>5}  {}  {}  MOST SIMILAR PAIR", "MAX", "MEAN", pad("BLOCK", 30), pad("BLOCK", 30))?;
        for &(x, y) in cells.iter().take(args.top) {
            let Some(c) = blocks.cell(x, y) else { continue };
            let pair = c.pair.map_or(String::new(), |p| {
                format!(
                    "{} / {}",
                    speech(transcripts, map, p.a, 24).trim_end(),
                    speech(transcripts, map, p.b, 24).trim_end()
                )
            });
            writeln!(
                out,
                "{:>4.0}% {:>4.0}%  {}  {}  {pair}",
                c.max * 100.0,
                c.mean * 100.0,
                pad(&span(transcripts, map, &blocks.groups[x]), 30),
                pad(&span(transcripts, map, &blocks.groups[y]), 30),
            )?;
        }
        return Ok(());
    }
    writeln!(out, "{:>5} {:>7} {:>7}  {}  SPEECH B", "SCORE", "SHARED", "SHARED", pad("SPEECH A", 46))?;
    for p in top {
        writeln!(
            out,
            "{:>4.0}% {:>7} {:>7}  {}  {}",
            p.score * 100.0,
            p.shared_a,
            p.shared_b,
            speech(transcripts, map, p.a, 34),
            speech(transcripts, map, p.b, 34).trim_end()
        )?;
    }
    Ok(())
}
