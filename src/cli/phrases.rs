//! `refrain phrases`: the phrasing that recurs across speeches.
//!
//! The JSON output is written as it is serialized, straight from the
//! phrase set: each speech's path and date are turned into text once and
//! borrowed by every occurrence, and no record is built for the whole
//! output first (SOTU's phrases have 140,000 occurrences; building them all
//! before writing took longer than finding the phrases). The table prints
//! only the `--limit` phrases it shows.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use anyhow::{Context, bail};
use rayon::prelude::*;

use super::output::{Print, print, stdout, visible};
use super::{load_corpus, pad};
use crate::core::phrases::{Occurrence, Phrase, PhraseIndex, PhraseOptions, PhraseSet};
use crate::core::speakers::{DateRange, PhraseFilter, SpeechGroups, Uses};
use crate::core::text::shorten;
use crate::core::text::transcript::Transcript;

/// One speech in `refrain phrases --json`.
#[derive(Serialize)]
struct DocumentRecord<'a> {
    /// The file.
    path: &'a str,
    /// Its title.
    title: &'a str,
    /// `YYYY-MM-DD` or null.
    date: Option<&'a str>,
    /// Words in the body.
    words: usize,
    /// Words inside any recurring phrase.
    recurring_words: usize,
}

/// One occurrence of a phrase.
#[derive(Serialize)]
struct OccurrenceRecord<'a> {
    /// The file.
    path: &'a str,
    /// The speech's position in `documents` (so a script can join on it
    /// instead of on the path).
    doc: u32,
    /// Byte offset of the first word in the body.
    start_byte: usize,
    /// Byte offset after the last word.
    end_byte: usize,
    /// The speech's date.
    date: Option<&'a str>,
    /// The words as said here, for a phrase that bridges differing words
    /// (the variants); absent for exact phrases.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// One phrase.
#[derive(Serialize)]
struct PhraseRecord<'a> {
    /// The words as first used.
    text: &'a str,
    /// Length in words.
    words: u32,
    /// Number of speeches using it.
    speeches: u32,
    /// Date of the first use.
    first_date: Option<&'a str>,
    /// Date of the last use.
    last_date: Option<&'a str>,
    /// Used in more than half of the speeches.
    formula: bool,
    /// Bridges differing words in some occurrence (see their `text`).
    bridged: bool,
    /// Where it occurs, in date order.
    occurrences: Occurrences<'a>,
}

/// The speeches of a run, with each one's path and date as text, made once.
struct Speeches<'a> {
    /// In date order; document ids are positions here.
    transcripts: &'a [Transcript],
    /// Each speech's path, as printed.
    paths: Vec<String>,
    /// Each speech's date as `YYYY-MM-DD`.
    dates: Vec<Option<String>>,
    /// Each speech's date as a JSON value: the string or `null`.
    dates_json: Vec<Vec<u8>>,
    /// Per speech, how each of its occurrences starts in JSON, up to the
    /// value of `start_byte`: `{"path":…,"doc":…,"start_byte":`.
    occurrence_heads: Vec<Vec<u8>>,
}

impl<'a> Speeches<'a> {
    fn new(transcripts: &'a [Transcript]) -> Speeches<'a> {
        let paths: Vec<String> = transcripts.iter().map(|t| t.path.display().to_string()).collect();
        let dates: Vec<Option<String>> = transcripts.iter().map(|t| t.date.map(|d| iso_date(d.date))).collect();
        let json = |value: &dyn erased::Json| {
            let mut buf = Vec::new();
            value.write(&mut buf);
            buf
        };
        let dates_json = dates.iter().map(|d| json(&d.as_deref())).collect();
        let occurrence_heads = paths
            .iter()
            .enumerate()
            .map(|(doc, path)| {
                let mut head = b"{\"path\":".to_vec();
                head.extend(json(&path.as_str()));
                head.extend_from_slice(b",\"doc\":");
                push_number(&mut head, doc as u64);
                head.extend_from_slice(b",\"start_byte\":");
                head
            })
            .collect();
        Speeches { transcripts, paths, dates, dates_json, occurrence_heads }
    }

    /// Document `doc`'s date as a JSON value.
    fn date_json(&self, doc: u32) -> &[u8] {
        self.dates_json.get(doc as usize).map_or(b"null", Vec::as_slice)
    }

    fn path(&self, doc: u32) -> &str {
        self.paths.get(doc as usize).map_or("", String::as_str)
    }

    fn date(&self, doc: u32) -> Option<&str> {
        self.dates.get(doc as usize).and_then(|d| d.as_deref())
    }

    /// The text an occurrence covers in its speech.
    fn text(&self, set: &PhraseSet, o: &Occurrence) -> &'a str {
        let body = self.transcripts.get(o.doc as usize).map_or("", |t| t.body.as_str());
        body.get(set.occurrence_bytes(o)).unwrap_or("")
    }
}

/// `YYYY-MM-DD`, without a format string parsed for each date.
fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A phrase's occurrences, serialized one by one as they are read.
struct Occurrences<'a> {
    phrase: &'a Phrase,
    set: &'a PhraseSet,
    speeches: &'a Speeches<'a>,
}

impl Serialize for Occurrences<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = self.speeches;
        let mut seq = serializer.serialize_seq(Some(self.phrase.occurrences.len()))?;
        for o in self.phrase.occurrences.iter() {
            let bytes = self.set.occurrence_bytes(o);
            seq.serialize_element(&OccurrenceRecord {
                path: s.path(o.doc),
                doc: o.doc,
                start_byte: bytes.start,
                end_byte: bytes.end,
                date: s.date(o.doc),
                text: self.phrase.bridged.then(|| s.text(self.set, o)),
            })?;
        }
        seq.end()
    }
}

/// The phrases of a run, serialized one by one.
struct PhraseList<'a> {
    set: &'a PhraseSet,
    speeches: &'a Speeches<'a>,
    /// The phrases listed (indices into the set), when a filter left some
    /// out; `None`: all.
    kept: Option<Vec<u32>>,
}

impl<'a> PhraseList<'a> {
    /// The phrases listed, in the set's order.
    fn phrases(&self) -> Vec<&'a Phrase> {
        let set: &'a PhraseSet = self.set;
        match &self.kept {
            None => set.phrases.iter().collect(),
            Some(kept) => kept.iter().filter_map(|&k| set.phrases.get(k as usize)).collect(),
        }
    }
}

impl Serialize for PhraseList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.phrases().into_iter().map(|p| phrase_record(p, self.set, self.speeches)))
    }
}

/// Which phrases `refrain phrases` lists: those some speaker used, or used
/// within dates (`--speaker`, `--from`, `--to`), as the app's explorer
/// filters them.
#[derive(Debug, Clone, Default)]
pub(super) struct PhraseFilterArgs {
    /// Names (or parts of names) of speakers; any of them.
    pub speakers: Vec<String>,
    /// First day (a year, a month or a day).
    pub from: Option<String>,
    /// Last day (a year, a month or a day).
    pub to: Option<String>,
}

fn phrase_record<'a>(p: &'a Phrase, set: &'a PhraseSet, speeches: &'a Speeches<'a>) -> PhraseRecord<'a> {
    let s = speeches;
    PhraseRecord {
        text: p.occurrences.first().map_or("", |o| s.text(set, o)),
        words: p.len,
        speeches: p.speeches,
        first_date: s.date(p.first),
        last_date: s.date(p.last),
        formula: p.formula,
        bridged: p.bridged,
        occurrences: Occurrences { phrase: p, set, speeches },
    }
}

/// The whole output: `documents` (in date order) and `phrases` (most
/// widespread first, then longest).
#[derive(Serialize)]
struct PhrasesOutput<'a> {
    documents: Vec<DocumentRecord<'a>>,
    phrases: PhraseList<'a>,
}

pub(super) fn phrases(
    paths: &[PathBuf],
    options: &PhraseOptions,
    json: bool,
    limit: usize,
    filter: &PhraseFilterArgs,
) -> anyhow::Result<ExitCode> {
    let range = DateRange::parse(filter.from.as_deref(), filter.to.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let (transcripts, failed) = load_corpus(paths);
    let mut index = PhraseIndex::new();
    // Document ids are positions in `transcripts`.
    let ids = index.add_all(&transcripts);
    let set = index.phrases(options)?;
    let kept = if filter.speakers.is_empty() && range.is_open() {
        None
    } else {
        let groups = SpeechGroups::by_speaker(&transcripts);
        let mut speakers = Vec::new();
        for name in &filter.speakers {
            let found = groups.find(name);
            if found.is_empty() {
                bail!("no speaker named “{name}” in these transcripts ({} speakers)", groups.len());
            }
            speakers.extend(found);
        }
        let speakers = (!speakers.is_empty()).then_some(speakers);
        Some(PhraseFilter { speakers, range, uses: Uses::Any }.apply(&set, &groups))
    };
    let speeches = Speeches::new(&transcripts);
    let output = PhrasesOutput {
        documents: transcripts
            .iter()
            .zip(&ids)
            .enumerate()
            .map(|(i, (t, &id))| DocumentRecord {
                path: speeches.path(i as u32),
                title: &t.title,
                date: speeches.date(i as u32),
                words: t.words,
                recurring_words: set.recurring_words(id),
            })
            .collect(),
        phrases: PhraseList { set: &set, speeches: &speeches, kept },
    };
    if json {
        write_json(&output).context("writing JSON")?;
    } else {
        print(Print::Table, &output, |out, output| write_table(out, output, limit))?;
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Phrases serialized per chunk, in parallel: serializing SOTU's 140,000
/// occurrences takes about as long as finding the phrases, and the second
/// core is otherwise idle by then.
const PHRASES_PER_CHUNK: usize = 512;

/// Phrases ahead of the one written whose occurrences' word ranges are
/// asked for ([`PhraseSet::prefetch_occurrence`]): the 10x corpus's two
/// million occurrences lie all over its word ranges, and each read waited
/// on memory in turn.
const PREFETCHED_PHRASES: usize = 2;

/// Writes `output` as one line of JSON on standard output, the same bytes
/// `serde_json::to_writer` gives, with the phrases serialized in parallel
/// (a few chunks at a time, so that the memory held stays small).
fn write_json(output: &PhrasesOutput) -> anyhow::Result<()> {
    let mut out = stdout();
    out.write_all(b"{\"documents\":")?;
    serde_json::to_writer(&mut out, &output.documents)?;
    out.write_all(b",\"phrases\":[")?;
    let list = &output.phrases;
    let phrases = list.phrases();
    let chunks: Vec<&[&Phrase]> = phrases.chunks(PHRASES_PER_CHUNK).collect();
    let mut first = true;
    for batch in chunks.chunks(rayon::current_num_threads().max(1) * 4) {
        let written: Vec<std::io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 256);
                let ahead = |i: usize| {
                    for o in chunk.get(i).map_or(&[][..], |p| &p.occurrences[..]) {
                        list.set.prefetch_occurrence(o);
                    }
                };
                for i in 0..PREFETCHED_PHRASES {
                    ahead(i);
                }
                for (i, p) in chunk.iter().enumerate() {
                    ahead(i + PREFETCHED_PHRASES);
                    if i > 0 {
                        buf.push(b',');
                    }
                    write_phrase(&mut buf, p, list.set, list.speeches);
                }
                Ok(buf)
            })
            .collect();
        for buf in written {
            if !std::mem::take(&mut first) {
                out.write_all(b",")?;
            }
            out.write_all(&buf?)?;
        }
    }
    out.write_all(b"]}\n")?;
    out.flush()?;
    Ok(())
}

/// Writes phrase `p` as JSON into `buf`: the bytes `serde_json` gives for
/// its [`PhraseRecord`], written directly. The 10x corpus's phrases have
/// two million occurrences; through `serde_json` each one's path was
/// escaped again and each field formatted on its own, which took longer
/// than finding the phrases. Here each speech's path and date are JSON
/// once ([`Speeches::occurrence_heads`]), and an occurrence is copied from
/// them with its two offsets.
fn write_phrase(buf: &mut Vec<u8>, p: &Phrase, set: &PhraseSet, s: &Speeches) {
    let record = phrase_record(p, set, s);
    buf.extend_from_slice(b"{\"text\":");
    erased::Json::write(&record.text, buf);
    buf.extend_from_slice(b",\"words\":");
    push_number(buf, u64::from(p.len));
    buf.extend_from_slice(b",\"speeches\":");
    push_number(buf, u64::from(p.speeches));
    buf.extend_from_slice(b",\"first_date\":");
    buf.extend_from_slice(s.date_json(p.first));
    buf.extend_from_slice(b",\"last_date\":");
    buf.extend_from_slice(s.date_json(p.last));
    buf.extend_from_slice(if p.formula { b",\"formula\":true" } else { b",\"formula\":false" });
    buf.extend_from_slice(if p.bridged { b",\"bridged\":true" } else { b",\"bridged\":false" });
    buf.extend_from_slice(b",\"occurrences\":[");
    // The byte ranges first, in a loop of their own: each is read from a
    // different speech's word ranges, and the processor fetches several
    // at once when nothing else comes between them.
    let ranges: Vec<std::ops::Range<usize>> = p.occurrences.iter().map(|o| set.occurrence_bytes(o)).collect();
    for (i, (o, bytes)) in p.occurrences.iter().zip(ranges).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        match s.occurrence_heads.get(o.doc as usize) {
            Some(head) => buf.extend_from_slice(head),
            // Not reached: every occurrence's document is a speech.
            None => {
                buf.extend_from_slice(b"{\"path\":\"\",\"doc\":");
                push_number(buf, u64::from(o.doc));
                buf.extend_from_slice(b",\"start_byte\":");
            }
        }
        push_number(buf, bytes.start as u64);
        buf.extend_from_slice(b",\"end_byte\":");
        push_number(buf, bytes.end as u64);
        buf.extend_from_slice(b",\"date\":");
        buf.extend_from_slice(s.date_json(o.doc));
        if p.bridged {
            buf.extend_from_slice(b",\"text\":");
            erased::Json::write(&s.text(set, o), buf);
        }
        buf.push(b'}');
    }
    buf.extend_from_slice(b"]}");
}

/// Appends `n` in decimal.
fn push_number(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// A string or an optional string written as JSON by `serde_json` (its
/// escaping), into a buffer that cannot fail.
mod erased {
    pub(super) trait Json {
        fn write(&self, buf: &mut Vec<u8>);
    }

    impl Json for &str {
        fn write(&self, buf: &mut Vec<u8>) {
            // Serializing a string into memory does not fail.
            let _ = serde_json::to_writer(buf, self);
        }
    }

    impl Json for Option<&str> {
        fn write(&self, buf: &mut Vec<u8>) {
            let _ = serde_json::to_writer(buf, self);
        }
    }
}

fn write_table(out: &mut impl Write, output: &PhrasesOutput, limit: usize) -> std::io::Result<()> {
    let list = &output.phrases;
    let all = list.phrases();
    let formulas = all.iter().filter(|p| p.formula).count();
    writeln!(
        out,
        "{} recurring phrases in {} speeches ({formulas} common formulas){}\n",
        all.len(),
        output.documents.len(),
        if list.kept.is_some() { format!(", of {} before the filter", list.set.phrases.len()) } else { String::new() }
    )?;
    writeln!(out, "{:>8} {:>5}  {}  {}  PHRASE", "SPEECHES", "WORDS", pad("FIRST", 10), pad("LAST", 10))?;
    for p in all.iter().copied().take(limit) {
        let p = phrase_record(p, list.set, list.speeches);
        let text: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "{:>8} {:>5}  {}  {}  {}{}",
            p.speeches,
            p.words,
            pad(p.first_date.unwrap_or("undated"), 10),
            pad(p.last_date.unwrap_or("undated"), 10),
            shorten(&visible(&text), 90),
            if p.formula { "  [formula]" } else { "" }
        )?;
    }
    if all.len() > limit {
        writeln!(out, "… {} more (--limit, or --json for all)", all.len() - limit)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_written_directly_are_the_bytes_serde_json_gives() {
        // Bridged and exact phrases, a speech without a date, paths and
        // words that JSON escapes.
        let texts = [
            ("a \"quoted\".txt", "we hold these truths to be self evident that all men are created equal and free"),
            ("b\\back.txt", "they said we hold these truths to be plainly evident that all men are created equal"),
            (
                "c\u{e9}t\u{e9}.txt",
                "so we hold these truths to be self evident that all men are created \"equal\" today",
            ),
        ];
        let mut transcripts: Vec<Transcript> =
            texts.iter().map(|(path, body)| Transcript::from_text(*path, "t", body)).collect();
        transcripts[0].date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(1801, 3, 4).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: crate::core::text::transcript::DateSource::Filename,
        });
        let mut index = PhraseIndex::new();
        index.add_all(&transcripts);
        let set = index.phrases(&PhraseOptions::default().min_words(3)).unwrap();
        assert!(set.phrases.iter().any(|p| p.bridged) && set.phrases.iter().any(|p| !p.bridged));
        let speeches = Speeches::new(&transcripts);
        for p in &set.phrases {
            let mut direct = Vec::new();
            write_phrase(&mut direct, p, &set, &speeches);
            let serde = serde_json::to_vec(&phrase_record(p, &set, &speeches)).unwrap();
            assert_eq!(String::from_utf8_lossy(&direct), String::from_utf8_lossy(&serde));
        }
    }
}
