//! `refrain report`: the comparison as one self-contained HTML file, its
//! timeline (with the events files given) drawn inline as SVG.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use super::load_corpus;
use crate::core::export::report::{ReportInput, common_root, render_report};
use crate::core::export::reuse_sections::{path_section, reuse_section};
use crate::core::export::timeline_svg::{SvgInput, timeline_section};
use crate::core::phrases::{PhraseIndex, PhraseOptions};
use crate::core::timeline::model::Timeline;
use crate::core::timeline::notes::EntryNotes;

/// Most transcripts shown side by side when no `--column` is given.
const MAX_DEFAULT_COLUMNS: usize = 8;

/// What `refrain report` was asked for.
pub(super) struct ReportArgs {
    pub paths: Vec<PathBuf>,
    pub output: PathBuf,
    pub options: PhraseOptions,
    pub columns: Vec<PathBuf>,
    pub phrase: Option<String>,
    pub title: Option<String>,
    pub max_phrases: usize,
    pub events: Vec<PathBuf>,
    /// `--events-fifo`: events files may be named pipes.
    pub events_fifo: bool,
}

/// Lowercase words joined by single spaces, to find a phrase by its text.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub(super) fn report(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let (transcripts, mut failed) = load_corpus(&args.paths);
    let (events, bad_events) = super::timeline::load_events_files(&args.events, args.events_fifo);
    failed += bad_events;
    if transcripts.is_empty() {
        bail!("no transcript could be read, so there is nothing to report");
    }
    let mut index = PhraseIndex::new();
    index.add_all(&transcripts);
    let set = index.phrases(&args.options)?;
    // Columns: the ones asked for, else all when few, else the first by date.
    let columns: Vec<usize> = if args.columns.is_empty() {
        if transcripts.len() > MAX_DEFAULT_COLUMNS {
            eprintln!(
                "refrain: {} transcripts; the report shows the first 4 by date as columns (choose with --column)",
                transcripts.len()
            );
            (0..4).collect()
        } else {
            (0..transcripts.len()).collect()
        }
    } else {
        let same =
            |a: &Path, b: &Path| a == b || a.canonicalize().ok().is_some_and(|x| b.canonicalize().ok() == Some(x));
        let mut cols = Vec::new();
        for c in &args.columns {
            match transcripts.iter().position(|t| same(&t.path, c)) {
                Some(k) => cols.push(k),
                None => bail!("--column {}: not among the transcripts read", c.display()),
            }
        }
        cols
    };
    let selected = match &args.phrase {
        None => None,
        Some(text) => {
            let wanted = words(text);
            let found = set.phrases.iter().position(|p| {
                let o = &p.occurrences[0];
                transcripts
                    .get(o.doc as usize)
                    .and_then(|t| t.body.get(set.occurrence_bytes(o)))
                    .is_some_and(|s| words(s).contains(&wanted))
            });
            match found {
                Some(k) => Some(k as u32),
                None => bail!("--phrase {text:?}: no recurring phrase contains it"),
            }
        }
    };
    // Paths relative to the folder given, or to the folder all files share.
    let root = match args.paths.as_slice() {
        [one] if one.is_dir() => Some(one.clone()),
        _ => common_root(transcripts.iter().map(|t| t.path.as_path())),
    };
    let title = args.title.unwrap_or_else(|| format!("Refrain report: {} transcripts", transcripts.len()));
    // The timeline: the speeches, the events given, the selected phrase's uses.
    let mut timeline = Timeline::build(&transcripts, &events);
    let phrase = selected.and_then(|k| set.phrases.get(k as usize));
    timeline.set_phrase(&transcripts, phrase.map(|p| (&set, p)));
    let phrase_text = phrase.and_then(|p| {
        let o = &p.occurrences[0];
        transcripts
            .get(o.doc as usize)?
            .body
            .get(set.occurrence_bytes(o))
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    });
    let placed = EntryNotes::default();
    let mut sections: Vec<_> = timeline_section(&SvgInput {
        timeline: &timeline,
        transcripts: &transcripts,
        columns: &columns,
        notes: &[],
        placed: &placed,
        phrase: phrase_text.as_deref(),
    })
    .into_iter()
    .collect();
    sections.extend(selected.and_then(|k| path_section(&transcripts, &set, k)));
    sections.extend(reuse_section(&transcripts, &set));
    let html = render_report(&ReportInput {
        title,
        transcripts: &transcripts,
        set: &set,
        columns: &columns,
        selected,
        root,
        max_phrases: args.max_phrases,
        sections,
        notes: Vec::new(),
    });
    let wrote = super::output::write_file(&args.output, html.as_bytes())?;
    eprintln!("refrain: wrote {wrote} ({} columns, {} recurring phrases)", columns.len(), set.phrases.len());
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
