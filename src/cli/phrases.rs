//! `refrain phrases`: the phrasing that recurs across speeches.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{Print, print};
use super::{load_corpus, pad};
use crate::core::phrases::{PhraseIndex, PhraseOptions};
use crate::core::text::shorten;
use crate::core::text::transcript::Transcript;

/// One speech in `refrain phrases --json`.
#[derive(Debug, Serialize)]
pub struct DocumentRecord {
    /// The file.
    pub path: String,
    /// Its title.
    pub title: String,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    /// Words in the body.
    pub words: usize,
    /// Words inside any recurring phrase.
    pub recurring_words: usize,
}

/// One occurrence of a phrase.
#[derive(Debug, Serialize)]
pub struct OccurrenceRecord {
    /// The file.
    pub path: String,
    /// Byte offset of the first word in the body.
    pub start_byte: usize,
    /// Byte offset after the last word.
    pub end_byte: usize,
    /// The speech's date.
    pub date: Option<String>,
    /// The words as said here, for a phrase that bridges differing words
    /// (the variants); absent for exact phrases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One phrase.
#[derive(Debug, Serialize)]
pub struct PhraseRecord {
    /// The words as first used.
    pub text: String,
    /// Length in words.
    pub words: u32,
    /// Number of speeches using it.
    pub speeches: u32,
    /// Date of the first use.
    pub first_date: Option<String>,
    /// Date of the last use.
    pub last_date: Option<String>,
    /// Used in more than half of the speeches.
    pub formula: bool,
    /// Bridges differing words in some occurrences (see their `text`).
    pub bridged: bool,
    /// Where it occurs, in date order.
    pub occurrences: Vec<OccurrenceRecord>,
}

/// The whole output.
#[derive(Debug, Serialize)]
pub struct PhrasesOutput {
    /// The speeches, in date order.
    pub documents: Vec<DocumentRecord>,
    /// The phrases, most widespread first, then longest.
    pub phrases: Vec<PhraseRecord>,
}

fn date_of(t: &Transcript) -> Option<String> {
    t.date.map(|d| d.date.format("%Y-%m-%d").to_string())
}

/// Finds the phrases of `transcripts` (already in date order).
pub fn phrases_output(transcripts: &[Transcript], options: &PhraseOptions) -> anyhow::Result<PhrasesOutput> {
    let mut index = PhraseIndex::new();
    let ids = index.add_all(transcripts);
    let set = index.phrases(options)?;
    let documents = transcripts
        .iter()
        .zip(&ids)
        .map(|(t, &id)| DocumentRecord {
            path: t.path.display().to_string(),
            title: t.title.clone(),
            date: date_of(t),
            words: t.words,
            recurring_words: set.recurring_words(id),
        })
        .collect();
    // Document ids are positions in `transcripts`.
    let by_id = |id: u32| &transcripts[id as usize];
    let phrases = set
        .phrases
        .iter()
        .map(|p| {
            let first = &p.occurrences[0];
            PhraseRecord {
                text: by_id(first.doc).body.get(set.occurrence_bytes(first)).unwrap_or("").to_string(),
                words: p.len,
                speeches: p.speeches,
                first_date: date_of(by_id(p.first)),
                last_date: date_of(by_id(p.last)),
                formula: p.formula,
                bridged: p.bridged,
                occurrences: p
                    .occurrences
                    .iter()
                    .map(|o| {
                        let bytes = set.occurrence_bytes(o);
                        OccurrenceRecord {
                            path: by_id(o.doc).path.display().to_string(),
                            start_byte: bytes.start,
                            end_byte: bytes.end,
                            date: date_of(by_id(o.doc)),
                            text: p.bridged.then(|| by_id(o.doc).body.get(bytes).unwrap_or("").to_string()),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(PhrasesOutput { documents, phrases })
}

pub(super) fn phrases(
    paths: &[PathBuf],
    options: &PhraseOptions,
    json: bool,
    limit: usize,
) -> anyhow::Result<ExitCode> {
    let (transcripts, failed) = load_corpus(paths);
    let output = phrases_output(&transcripts, options)?;
    print(Print::json_if(json, Print::Json), &output, |out, output| write_table(out, output, limit))?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn write_table(out: &mut impl Write, output: &PhrasesOutput, limit: usize) -> std::io::Result<()> {
    let formulas = output.phrases.iter().filter(|p| p.formula).count();
    writeln!(
        out,
        "{} recurring phrases in {} speeches ({formulas} common formulas)\n",
        output.phrases.len(),
        output.documents.len()
    )?;
    writeln!(out, "{:>8} {:>5}  {}  {}  PHRASE", "SPEECHES", "WORDS", pad("FIRST", 10), pad("LAST", 10))?;
    for p in output.phrases.iter().take(limit) {
        let text: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "{:>8} {:>5}  {}  {}  {}{}",
            p.speeches,
            p.words,
            pad(p.first_date.as_deref().unwrap_or("undated"), 10),
            pad(p.last_date.as_deref().unwrap_or("undated"), 10),
            shorten(&text, 90),
            if p.formula { "  [formula]" } else { "" }
        )?;
    }
    if output.phrases.len() > limit {
        writeln!(out, "… {} more (--limit, or --json for all)", output.phrases.len() - limit)?;
    }
    Ok(())
}
