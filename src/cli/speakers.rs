//! `refrain speakers`: who said a phrase first and who used it later, per
//! pair of speakers (or of any other field's values, such as party).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{Print, print, visible};
use super::{load_corpus, pad};
use crate::core::phrases::{PhraseIndex, PhraseSet};
use crate::core::speakers::{PairCell, PairTable, SpeechGroups};
use crate::core::text::shorten;
use crate::core::text::transcript::{SPEAKER_FIELD, Transcript};

/// The options of `refrain speakers`.
#[derive(Debug, clap::Args)]
pub struct SpeakersArgs {
    /// Transcript files, or folders to read recursively.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Group speeches by this metadata field instead of the speaker: any
    /// column of the metadata table or front-matter key (`party`), or
    /// `place`, `language`, `year`.
    #[arg(long, default_value = SPEAKER_FIELD, value_name = "NAME")]
    field: String,
    #[command(flatten)]
    matching: super::match_args::MatchArgs,
    /// Print one JSON object with `documents`, `pairs` (each with its
    /// phrases) and `skipped`.
    #[arg(long)]
    json: bool,
    /// Pairs listed in the table, and phrases shown per pair (all are in
    /// the JSON).
    #[arg(long, default_value_t = 40, value_name = "N")]
    limit: usize,
}

/// One speech in the JSON output.
#[derive(Serialize)]
struct DocumentRecord<'a> {
    path: String,
    /// `YYYY-MM-DD` or null.
    date: Option<String>,
    /// Its value of the field, or null.
    group: Option<&'a str>,
}

/// One phrase of a pair.
#[derive(Serialize)]
struct PairPhraseRecord<'a> {
    /// The words as first said.
    text: &'a str,
    /// Length in words.
    words: u32,
    /// The first speech (position in `documents`).
    from_doc: u32,
    /// The later one.
    to_doc: u32,
    /// Days between them.
    lag_days: i32,
}

/// One ordered pair.
#[derive(Serialize)]
struct PairRecord<'a> {
    /// Who said the phrases first.
    from: &'a str,
    /// Who used them later.
    to: &'a str,
    /// Self-repetition (`from` = `to`) rather than borrowing.
    #[serde(rename = "self")]
    is_self: bool,
    phrases: u32,
    words: u64,
    median_lag_days: f64,
    /// Each phrase, in the phrase list's order (most widespread first).
    list: Vec<PairPhraseRecord<'a>>,
}

/// Phrases and uses left out of the pairs.
#[derive(Serialize)]
struct SkippedRecord {
    /// Phrases used only in undated speeches.
    undated: u32,
    /// Phrases first said in a speech without a value for the field.
    no_first_speaker: u32,
    /// Uses by another speaker on the first use's own day (not borrowing).
    same_day: u32,
}

/// The whole output.
#[derive(Serialize)]
struct SpeakersOutput<'a> {
    /// The field grouped by.
    field: &'a str,
    /// Number of recurring phrases.
    phrase_count: usize,
    documents: Vec<DocumentRecord<'a>>,
    /// Borrowing pairs first, most phrases first; then self-repetition.
    pairs: Vec<PairRecord<'a>>,
    skipped: SkippedRecord,
}

/// `refrain speakers`.
pub(super) fn speakers(args: &SpeakersArgs) -> anyhow::Result<ExitCode> {
    let options = args.matching.options();
    let (transcripts, failed) = load_corpus(&args.paths);
    let mut index = PhraseIndex::new();
    // Document ids are positions in `transcripts`.
    index.add_all(&transcripts);
    let set = index.phrases(&options)?;
    let groups = SpeechGroups::by_field(&transcripts, &args.field);
    if groups.is_empty() && !transcripts.is_empty() {
        eprintln!("refrain: no speech has a value for the field “{}”", args.field);
    }
    let table = PairTable::build(&set, &groups);
    let output = output(&transcripts, &set, &groups, &table);
    let how = Print::json_if(args.json, Print::Json);
    print(how, &output, |out, output| write_table(out, output, args.limit))?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn output<'a>(
    transcripts: &'a [Transcript],
    set: &'a PhraseSet,
    groups: &'a SpeechGroups,
    table: &'a PairTable,
) -> SpeakersOutput<'a> {
    let text = |phrase: u32| -> &'a str {
        set.phrases
            .get(phrase as usize)
            .and_then(|p| p.occurrences.first())
            .and_then(|o| transcripts.get(o.doc as usize)?.body.get(set.occurrence_bytes(o)))
            .unwrap_or("")
    };
    let record = |c: &PairCell| PairRecord {
        from: groups.name(c.from),
        to: groups.name(c.to),
        is_self: c.is_self(),
        phrases: c.phrases,
        words: c.words,
        median_lag_days: c.median_lag_days,
        list: table
            .phrases(c)
            .iter()
            .map(|e| PairPhraseRecord {
                text: text(e.phrase),
                words: set.phrases.get(e.phrase as usize).map_or(0, |p| p.len),
                from_doc: e.from_doc,
                to_doc: e.to_doc,
                lag_days: e.lag_days,
            })
            .collect(),
    };
    let by_count =
        |a: &&PairCell, b: &&PairCell| b.phrases.cmp(&a.phrases).then(a.from.cmp(&b.from)).then(a.to.cmp(&b.to));
    let mut borrowing: Vec<&PairCell> = table.borrowing().collect();
    borrowing.sort_by(by_count);
    let mut own: Vec<&PairCell> = table.self_repetition().collect();
    own.sort_by(by_count);
    let skipped = table.skipped();
    SpeakersOutput {
        field: groups.field(),
        phrase_count: set.phrases.len(),
        documents: transcripts
            .iter()
            .enumerate()
            .map(|(k, t)| DocumentRecord {
                path: t.path.display().to_string(),
                date: t.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
                group: groups.group_of(k as u32).map(|g| groups.name(g)),
            })
            .collect(),
        pairs: borrowing.into_iter().chain(own).map(record).collect(),
        skipped: SkippedRecord {
            undated: skipped.undated,
            no_first_speaker: skipped.no_first_speaker,
            same_day: skipped.same_day,
        },
    }
}

fn write_table(out: &mut impl Write, output: &SpeakersOutput, limit: usize) -> std::io::Result<()> {
    let (borrowing, own): (Vec<&PairRecord>, Vec<&PairRecord>) = output.pairs.iter().partition(|p| !p.is_self);
    writeln!(
        out,
        "{} recurring phrases in {} speeches, by {}: {} pairs borrowing, {} repeating themselves\n",
        output.phrase_count,
        output.documents.len(),
        output.field,
        borrowing.len(),
        own.len()
    )?;
    let width = output
        .pairs
        .iter()
        .map(|p| visible(p.from).chars().count().max(visible(p.to).chars().count()))
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    for (title, header_to, list) in [("SAID FIRST BY", "LATER USED BY", &borrowing), ("REPEATED BY", "", &own)] {
        if list.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{}  {}  {:>7} {:>7} {:>10}  EXAMPLE",
            pad(title, width),
            pad(header_to, width),
            "PHRASES",
            "WORDS",
            "MEDIAN LAG"
        )?;
        for p in list.iter().take(limit) {
            let example: String =
                p.list.first().map_or(String::new(), |e| e.text.split_whitespace().collect::<Vec<_>>().join(" "));
            writeln!(
                out,
                "{}  {}  {:>7} {:>7} {:>10}  {}",
                pad(&shorten(&visible(p.from), width), width),
                pad(&if p.is_self { String::new() } else { shorten(&visible(p.to), width) }, width),
                p.phrases,
                p.words,
                lag(p.median_lag_days),
                shorten(&visible(&example), 60)
            )?;
        }
        if list.len() > limit {
            writeln!(out, "… {} more (--limit, or --json for all)", list.len() - limit)?;
        }
        writeln!(out)?;
    }
    let s = &output.skipped;
    writeln!(
        out,
        "left out: {} phrases used only undated, {} first said without a {}, {} same-day uses by another",
        s.undated, s.no_first_speaker, output.field, s.same_day
    )
}

/// A lag in days as people read it: days, or years with one decimal.
fn lag(days: f64) -> String {
    if days.abs() < 365.0 { format!("{days:.0} d") } else { format!("{:.1} y", days / 365.25) }
}
