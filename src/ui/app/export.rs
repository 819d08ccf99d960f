//! File ▸ Export report…, Export phrases… and Export timeline…: what the
//! app writes for people who do not run Refrain.

use std::path::{Path, PathBuf};

use super::{Dialog, RefrainApp};
use crate::core::export::phrases::{phrase_rows, phrases_csv, phrases_json};
use crate::core::export::report::{ReportInput, render_report};
use crate::core::export::reuse_sections::{path_section, reuse_section};
use crate::core::export::timeline::{timeline_csv, timeline_export, timeline_json};
use crate::core::export::timeline_svg::{SvgInput, timeline_section};
use crate::core::export::write_atomic;

/// Most recurring phrases listed in a report from the app.
const REPORT_MAX_PHRASES: usize = 500;

/// Why an export was not written. Every message names the file; causes are
/// part of the message, so not also given as the error's source.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The phrases are still being found, so there is nothing to export yet.
    #[error("{path}: not written, the phrases are still being found")]
    NotReady {
        /// The file asked for.
        path: PathBuf,
    },
    /// A word diff asked for outside pair mode.
    #[error("{path}: not written, a word diff needs exactly two columns in pair mode")]
    NoPair {
        /// The file asked for.
        path: PathBuf,
    },
    /// The JSON could not be made.
    #[error("{path}: cannot be written: {error}")]
    Json {
        /// The file asked for.
        path: PathBuf,
        /// What the encoder said.
        error: serde_json::Error,
    },
    /// The CSV could not be made.
    #[error("{path}: cannot be written: {error}")]
    Csv {
        /// The file asked for.
        path: PathBuf,
        /// What the encoder said.
        error: csv::Error,
    },
    /// The file could not be written.
    #[error("{path}: cannot be written: {error}")]
    Io {
        /// The file asked for.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
}

impl ExportError {
    fn json(path: &Path) -> impl FnOnce(serde_json::Error) -> Self {
        move |error| ExportError::Json { path: path.to_path_buf(), error }
    }
    fn csv(path: &Path) -> impl FnOnce(csv::Error) -> Self {
        move |error| ExportError::Csv { path: path.to_path_buf(), error }
    }
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Self {
        move |error| ExportError::Io { path: path.to_path_buf(), error }
    }
}

/// Characters of context on each side of a match in the CSV export.
const CSV_CONTEXT: usize = 80;

impl RefrainApp {
    /// The folder paths in exports are shown relative to: the folder that
    /// was opened, when one was; else the one all transcripts share.
    fn export_root(&self) -> Option<PathBuf> {
        match self.workspace.sources.as_slice() {
            [one] if one.is_dir() => Some(one.clone()),
            _ => None,
        }
    }

    /// Writes the search's matches, in the panel's order, with their
    /// contexts as CSV (the same columns as `refrain search --csv`).
    fn export_concordance(&mut self, path: &Path) -> Result<String, ExportError> {
        let hits = self.search.hits_in_order(&self.corpus, self.corpus_version);
        if hits.is_empty() {
            return Err(ExportError::NotReady { path: path.to_path_buf() });
        }
        let mut out = Vec::new();
        crate::core::search::write_concordance_csv(&mut out, &self.corpus, hits.iter().cloned(), CSV_CONTEXT)
            .map_err(ExportError::csv(path))?;
        write_atomic(path, &out).map_err(ExportError::io(path))?;
        Ok(format!("{} matches written to {}", hits.len(), path.display()))
    }

    /// Writes an export (`Dialog::ExportReport`, `Dialog::ExportPhrases` or
    /// `Dialog::ExportTimeline`; phrases and timeline as JSON when the file
    /// name ends in `.json`, else CSV) to `path`, atomically. Returns what
    /// was written, for the status line.
    pub fn export_to(&mut self, kind: Dialog, path: &Path) -> Result<String, ExportError> {
        if kind == Dialog::ExportTimeline {
            return self.export_timeline(path);
        }
        if matches!(kind, Dialog::ExportDiffHtml | Dialog::ExportDiffUnified) {
            return self.export_diff(kind, path);
        }
        if kind == Dialog::ExportConcordance {
            return self.export_concordance(path);
        }
        let Some(indexed) = self.current() else {
            return Err(ExportError::NotReady { path: path.to_path_buf() });
        };
        let set = indexed.set.clone();
        let root = self.export_root();
        let notes = self.report_notes();
        match kind {
            Dialog::ExportReport => {
                // The timeline as the panel shows it: the speeches, events and
                // phrase lane, with the notes on them.
                self.wait_for_timeline();
                let placed = self.timeline_notes();
                let phrase = self.phrase_lane_label();
                let mut sections: Vec<_> = timeline_section(&SvgInput {
                    timeline: &self.timeline.model,
                    transcripts: &self.corpus,
                    columns: &self.columns,
                    notes: &self.workspace.notes,
                    placed: &placed,
                    phrase: phrase.as_deref(),
                })
                .into_iter()
                .collect();
                sections.extend(self.selected_phrase.and_then(|k| path_section(&self.corpus, &set, k)));
                sections.extend(reuse_section(&self.corpus, &set));
                let html = render_report(&ReportInput {
                    title: format!("Refrain: {} of {} transcripts side by side", self.columns.len(), self.corpus.len()),
                    transcripts: &self.corpus,
                    set: &set,
                    columns: &self.columns,
                    selected: self.selected_phrase,
                    root,
                    max_phrases: REPORT_MAX_PHRASES,
                    sections,
                    notes,
                });
                write_atomic(path, html.as_bytes()).map_err(ExportError::io(path))?;
                Ok(format!("report written to {}", path.display()))
            }
            _ => {
                let rows = phrase_rows(&self.corpus, &set, root.as_deref(), &self.workspace.notes);
                let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
                let text = if json {
                    phrases_json(&rows).map_err(ExportError::json(path))?
                } else {
                    phrases_csv(&rows).map_err(ExportError::csv(path))?
                };
                write_atomic(path, text.as_bytes()).map_err(ExportError::io(path))?;
                Ok(format!("{} phrases written to {}", rows.len(), path.display()))
            }
        }
    }

    /// Writes the pair's word diff, with the options the pair view shows,
    /// as HTML (`Dialog::ExportDiffHtml`) or a plain unified word diff.
    fn export_diff(&mut self, kind: Dialog, path: &Path) -> Result<String, ExportError> {
        let Some(d) = self.pair_diff() else {
            return Err(ExportError::NoPair { path: path.to_path_buf() });
        };
        let (a, pair) = (d.alignment.clone(), d.pair);
        let (old, new) = (&self.corpus[pair.0], &self.corpus[pair.1]);
        let text = if kind == Dialog::ExportDiffHtml {
            crate::core::export::html_word_diff(&a, old, new)
        } else {
            crate::core::export::unified_word_diff(&a, old, new)
        };
        write_atomic(path, text.as_bytes()).map_err(ExportError::io(path))?;
        Ok(format!("word diff ({} changes) written to {}", a.changes().len(), path.display()))
    }

    /// Writes the timeline's lanes as the panel has them (the phrase lane
    /// showing the selected phrase or pinned search), with the notes on each
    /// entry: JSON when the file name ends in `.json`, else CSV.
    fn export_timeline(&mut self, path: &Path) -> Result<String, ExportError> {
        self.wait_for_timeline();
        let placed = self.timeline_notes();
        let phrase = self.phrase_lane_label();
        let root = self
            .export_root()
            .or_else(|| crate::core::export::report::common_root(self.corpus.iter().map(|t| t.path.as_path())));
        let export = timeline_export(
            &self.timeline.model,
            &self.corpus,
            root.as_deref(),
            &self.workspace.notes,
            &placed,
            phrase.as_deref(),
        );
        let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let text = if json {
            timeline_json(&export).map_err(ExportError::json(path))?
        } else {
            timeline_csv(&export).map_err(ExportError::csv(path))?
        };
        write_atomic(path, text.as_bytes()).map_err(ExportError::io(path))?;
        Ok(format!("{} timeline entries written to {}", export.entries.len(), path.display()))
    }
}
