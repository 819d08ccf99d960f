//! `refrain compare A B`: passages two speeches share, or the revision diff
//! of two versions of one speech, printed, as a unified word diff or as an
//! HTML page.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::Serialize;

use super::output::{Print, print, stdout, visible, write_file};
use crate::core::compare::alignment::PairAlignment;
use crate::core::compare::pairwise::{WORK_PER_WORD, shared_passages_bounded};
use crate::core::compare::revision::{RevisionOp, RevisionOptions};
use crate::core::compare::word_keys::{Version, diff_versions, index_pair};
use crate::core::export::{html_word_diff, unified_word_diff};
use crate::core::import::files::{FileOutcome, ImportOptions, Importer};
use crate::core::phrases::IndexedDoc;
use crate::core::text::transcript::Transcript;

/// The arguments of `refrain compare`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// The first (older) transcript.
    pub a: PathBuf,
    /// The second (newer) transcript.
    pub b: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Show the revision diff, with moved passages recognized.
    #[arg(long)]
    pub revision: bool,
    /// Shortest shared or moved passage, in words.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub min_words: usize,
    /// The revision diff's options and exports.
    #[command(flatten)]
    pub diff: DiffArgs,
}

/// What `compare --revision` compares and where it writes the diff.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// Write the revision diff as a standalone HTML page to this file
    /// (instead of the table; `-`: standard output).
    #[arg(long, value_name = "OUT.html", requires = "revision")]
    pub html: Option<PathBuf>,
    /// Print the revision diff as a plain unified word diff: the new text
    /// with `[-deleted-]` and `{+inserted+}`, as `git diff --word-diff=plain`.
    #[arg(long, requires = "revision", conflicts_with = "json")]
    pub unified: bool,
    /// Words differing only in letter case are the same
    /// (`--ignore-case=false` shows such changes).
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set, requires = "revision")]
    pub ignore_case: bool,
    /// Punctuation and symbols are no change (`--ignore-punctuation=false`
    /// shows a word whose marks, or the marks after it, differ).
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set, requires = "revision")]
    pub ignore_punctuation: bool,
    /// White space between words is no change (`--ignore-whitespace=false`
    /// shows a word followed by a different break or spacing).
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set, requires = "revision")]
    pub ignore_whitespace: bool,
    /// One number in place of another ("1944" / "1945") is no change.
    #[arg(long, value_name = "BOOL", default_value_t = false, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set, requires = "revision")]
    pub ignore_numbers: bool,
}

impl DiffArgs {
    /// The revision diff's settings these arguments ask for.
    fn options(&self, min_words: usize) -> RevisionOptions {
        RevisionOptions::default()
            .min_move_words(min_words)
            .ignore_case(self.ignore_case)
            .ignore_punctuation(self.ignore_punctuation)
            .ignore_whitespace(self.ignore_whitespace)
            .ignore_numbers(self.ignore_numbers)
    }
}

/// A passage both speeches contain.
#[derive(Debug, Serialize)]
pub struct PassageRecord<'a> {
    /// Length in words.
    pub words: usize,
    /// Byte range in the first speech's body.
    pub a_start_byte: usize,
    /// End of that range.
    pub a_end_byte: usize,
    /// Byte range in the second speech's body.
    pub b_start_byte: usize,
    /// End of that range.
    pub b_end_byte: usize,
    /// The passage as the first speech words it (borrowed from the
    /// transcript: a passage can be a whole long speech).
    pub text: &'a str,
}

/// One step of the revision diff.
#[derive(Debug, Serialize)]
pub struct OpRecord {
    /// `equal`, `delete`, `insert`, `replace`, `moved-from` or `moved-to`.
    pub op: &'static str,
    /// Text of the old side, when the step has one.
    pub old: Option<String>,
    /// Text of the new side, when the step has one.
    pub new: Option<String>,
    /// Old byte range.
    pub old_bytes: Option<(usize, usize)>,
    /// New byte range.
    pub new_bytes: Option<(usize, usize)>,
    /// For a moved passage, the changes inside it.
    pub changes: Vec<OpRecord>,
}

/// Reads one of the two files; its date, speaker and place only when
/// `metadata` (the HTML and unified diffs show them, nothing else does, and
/// looking for them takes most of the time of reading two speeches);
/// `fresh` makes an importer like `importer` (for a second file with the
/// same bytes).
fn read_one(
    importer: &mut Importer,
    path: &Path,
    metadata: bool,
    fresh: impl Fn() -> Importer,
) -> anyhow::Result<Transcript> {
    let import = |importer: &mut Importer| {
        if metadata { importer.import_file(path) } else { importer.import_text(path) }
    };
    match import(importer) {
        FileOutcome::Imported(t) => Ok(*t),
        FileOutcome::Duplicate { of, .. } => {
            // Identical bytes: read it again on its own so both sides exist.
            match import(&mut fresh()) {
                FileOutcome::Imported(t) => Ok(*t),
                _ => bail!("{}: same content as {}", path.display(), of.display()),
            }
        }
        FileOutcome::Failed(e) => Err(e.into()),
    }
}

struct Side<'a> {
    t: &'a Transcript,
    doc: &'a IndexedDoc,
}

impl Side<'_> {
    fn bytes(&self, words: &Range<u32>) -> Range<usize> {
        self.doc.byte_range(words.start as usize..words.end as usize)
    }
    fn str(&self, words: &Range<u32>) -> &str {
        self.t.body.get(self.bytes(words)).unwrap_or("")
    }
}

/// `s` on one line (line breaks as spaces) and at most `max` characters,
/// the last then `…` when cut: `shorten` of the whole text on one line,
/// written without copying a long passage first.
struct OneLine<'a>(&'a str, usize);

impl std::fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (s, max) = (self.0, self.1);
        // Where the characters past `max - 1` start, when there are more
        // than `max`.
        let mut starts = s.char_indices().map(|(i, _)| i);
        let cut = match starts.nth(max) {
            Some(_) => s.char_indices().nth(max.saturating_sub(1)).map(|(i, _)| i),
            None => None,
        };
        let mut lines = s[..cut.unwrap_or(s.len())].split('\n');
        if let Some(first) = lines.next() {
            f.write_str(first)?;
        }
        for line in lines {
            f.write_str(" ")?;
            f.write_str(line)?;
        }
        if cut.is_some() {
            f.write_str("…")?;
        }
        Ok(())
    }
}

fn one_line(s: &str, max: usize) -> OneLine<'_> {
    OneLine(s, max)
}

fn op_record(op: &RevisionOp, a: &Side, b: &Side) -> OpRecord {
    let of = |side: &Side, w: &Range<u32>| {
        let bytes = side.bytes(w);
        (Some(side.t.body.get(bytes.clone()).unwrap_or("").to_string()), Some((bytes.start, bytes.end)))
    };
    let old_of = |w: &Range<u32>| of(a, w);
    let new_of = |w: &Range<u32>| of(b, w);
    let none = || (None, None);
    let (name, (old, old_bytes), (new, new_bytes), changes) = match op {
        RevisionOp::Equal { old, new } => ("equal", old_of(old), new_of(new), Vec::new()),
        RevisionOp::Delete { old } => ("delete", old_of(old), none(), Vec::new()),
        RevisionOp::Insert { new } => ("insert", none(), new_of(new), Vec::new()),
        RevisionOp::Replace { old, new } => ("replace", old_of(old), new_of(new), Vec::new()),
        RevisionOp::MovedFrom { old, to } => ("moved-from", old_of(old), new_of(to), Vec::new()),
        RevisionOp::MovedTo { new, from, changes } => {
            ("moved-to", old_of(from), new_of(new), changes.iter().map(|c| op_record(c, a, b)).collect())
        }
    };
    OpRecord { op: name, old, new, old_bytes, new_bytes, changes }
}

pub(super) fn compare(args: &CompareArgs) -> anyhow::Result<ExitCode> {
    let CompareArgs { a, b, json, revision, min_words, diff } = args;
    let (a, b, json, revision, min_words) = (a.as_path(), b.as_path(), *json, *revision, *min_words);
    let metadata = revision && (diff.html.is_some() || diff.unified);
    let new_importer = || {
        if metadata { Importer::new(ImportOptions::default()) } else { Importer::for_text(ImportOptions::default()) }
    };
    let mut importer = new_importer();
    let (ta, tb) = match (
        read_one(&mut importer, a, metadata, new_importer),
        read_one(&mut importer, b, metadata, new_importer),
    ) {
        (Ok(ta), Ok(tb)) => (ta, tb),
        (ra, rb) => {
            // Report every file that failed; the status says a file did.
            // Each message is whole (an import error names its cause).
            for e in [ra.err(), rb.err()].into_iter().flatten() {
                eprintln!("refrain: {}", visible(&e.to_string()));
            }
            return Ok(ExitCode::from(1));
        }
    };
    // The metadata tables read (a few hundred rows each) are not freed one
    // allocation at a time: the process ends soon, and its exit gives all
    // its memory back at once (0.2 ms of a 4 ms command).
    std::mem::forget(importer);
    let (da, db) = index_pair(&ta, &tb);
    let (da, db) = (&da, &db);
    let sa = Side { t: &ta, doc: da };
    let sb = Side { t: &tb, doc: db };
    let how = Print::json_if(json, Print::PrettyJson);
    if revision {
        let ops = diff_versions(Version::new(&ta, da), Version::new(&tb, db), &diff.options(min_words));
        if diff.html.is_some() || diff.unified {
            let alignment = PairAlignment::new(&ops, &ta, &tb);
            if let Some(path) = &diff.html {
                let wrote = write_file(path, html_word_diff(&alignment, &ta, &tb).as_bytes())?;
                eprintln!("refrain: wrote {wrote} ({} changes)", alignment.changes().len());
            }
            if diff.unified {
                let mut out = stdout();
                out.write_all(unified_word_diff(&alignment, &ta, &tb).as_bytes()).context("writing output")?;
                out.flush().context("writing output")?;
            }
            if diff.unified || !json {
                return Ok(ExitCode::SUCCESS);
            }
        }
        if json {
            let records: Vec<OpRecord> = ops.iter().map(|op| op_record(op, &sa, &sb)).collect();
            print(how, records.as_slice(), |_, _| Ok(()))?;
        } else {
            // The table straight from the steps: no copy of their text.
            print(how, &(), |out, _| {
                // One line each, controls and bidi overrides shown, not obeyed.
                let shown = |side: &Side, w: &Range<u32>| visible(&one_line(side.str(w), 100).to_string()).into_owned();
                let (old, new) = (|w| shown(&sa, w), |w| shown(&sb, w));
                for op in &ops {
                    match op {
                        RevisionOp::Equal { old: w, .. } => writeln!(out, "  {}", old(w))?,
                        RevisionOp::Delete { old: w } => writeln!(out, "- {}", old(w))?,
                        RevisionOp::Insert { new: w } => writeln!(out, "+ {}", new(w))?,
                        RevisionOp::Replace { old: o, new: n } => writeln!(out, "- {}\n+ {}", old(o), new(n))?,
                        RevisionOp::MovedFrom { old: w, .. } => writeln!(out, "< moved away: {}", old(w))?,
                        RevisionOp::MovedTo { new: w, changes, .. } => writeln!(
                            out,
                            "> moved here ({} changes inside): {}",
                            changes.iter().filter(|c| !matches!(c, RevisionOp::Equal { .. })).count(),
                            new(w)
                        )?,
                    }
                }
                Ok(())
            })?;
        }
    } else {
        let (ids_a, ids_b) = (da.ids.to_vec(), db.ids.to_vec());
        let budget = WORK_PER_WORD.saturating_mul(ids_a.len() + ids_b.len()).max(1 << 20);
        let found = shared_passages_bounded(&ids_a, &ids_b, min_words, budget);
        if !found.complete {
            let searched = found.passages.last().map_or(0, |p| p.b.start);
            eprintln!(
                "refrain: the texts repeat themselves too much to pair every place: the search stopped at word {searched} of B, \
                 and the {} passage(s) listed are those found before it",
                found.passages.len()
            );
        }
        let mut passages = found.passages;
        passages.sort_by_key(|p| (p.a.start, p.b.start));
        let records: Vec<PassageRecord> = passages
            .iter()
            .map(|p| {
                let (ra, rb) = (sa.bytes(&p.a), sb.bytes(&p.b));
                PassageRecord {
                    words: p.len(),
                    a_start_byte: ra.start,
                    a_end_byte: ra.end,
                    b_start_byte: rb.start,
                    b_end_byte: rb.end,
                    text: sa.t.body.get(ra.clone()).unwrap_or(""),
                }
            })
            .collect();
        print(how, records.as_slice(), |out, records| {
            writeln!(out, "{} shared passage(s) of at least {min_words} words between", records.len())?;
            let (a, b) = (a.display().to_string(), b.display().to_string());
            writeln!(out, "  A: {}\n  B: {}\n", visible(&a), visible(&b))?;
            for r in records {
                writeln!(
                    out,
                    "{:>5} words  A {}..{}  B {}..{}  {}",
                    r.words,
                    r.a_start_byte,
                    r.a_end_byte,
                    r.b_start_byte,
                    r.b_end_byte,
                    visible(&one_line(r.text, 80).to_string())
                )?;
            }
            Ok(())
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::one_line;
    use crate::core::text::shorten;

    #[test]
    fn one_line_is_the_text_on_one_line_shortened() {
        for s in ["", "a", "state of\nthe union", "состояние\n\nСоюза", "ab\ncd\nef", "x\n"] {
            for max in 0..12 {
                assert_eq!(one_line(s, max).to_string(), shorten(&s.replace('\n', " "), max), "{s:?} {max}");
            }
        }
    }
}
