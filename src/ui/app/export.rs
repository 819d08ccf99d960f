//! File ▸ Export report… and Export phrases…: what the app writes for
//! people who do not run Refrain.

use std::path::{Path, PathBuf};

use super::{Dialog, RefrainApp};
use crate::core::export::{phrase_rows, phrases_csv, phrases_json, write_atomic};
use crate::core::report::{ReportInput, render_report};

/// Most recurring phrases listed in a report from the app.
const REPORT_MAX_PHRASES: usize = 500;

impl RefrainApp {
    /// The folder paths in exports are shown relative to: the folder that
    /// was opened, when one was; else the one all transcripts share.
    fn export_root(&self) -> Option<PathBuf> {
        match self.ws.sources.as_slice() {
            [one] if one.is_dir() => Some(one.clone()),
            _ => None,
        }
    }

    /// Writes an export (`Dialog::ExportReport` or `Dialog::ExportPhrases`;
    /// phrases as JSON when the file name ends in `.json`, else CSV) to
    /// `path`, atomically. Returns what was written, for the status line.
    pub fn export_to(&mut self, kind: Dialog, path: &Path) -> Result<String, String> {
        let Some(indexed) = self.current() else {
            return Err(format!("{}: not written, the phrases are still being found", path.display()));
        };
        let set = indexed.set.clone();
        let root = self.export_root();
        let notes = self.report_notes();
        let fail = |e: String| format!("{}: cannot be written: {e}", path.display());
        match kind {
            Dialog::ExportReport => {
                let html = render_report(&ReportInput {
                    title: format!("Refrain: {} of {} transcripts side by side", self.columns.len(), self.corpus.len()),
                    transcripts: &self.corpus,
                    set: &set,
                    columns: &self.columns,
                    selected: self.selected_phrase,
                    root,
                    max_phrases: REPORT_MAX_PHRASES,
                    sections: Vec::new(),
                    notes,
                });
                write_atomic(path, html.as_bytes()).map_err(|e| fail(e.to_string()))?;
                Ok(format!("report written to {}", path.display()))
            }
            _ => {
                let rows = phrase_rows(&self.corpus, &set, root.as_deref(), &self.ws.notes);
                let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
                let text = if json {
                    phrases_json(&rows).map_err(|e| fail(e.to_string()))?
                } else {
                    phrases_csv(&rows).map_err(|e| fail(e.to_string()))?
                };
                write_atomic(path, text.as_bytes()).map_err(|e| fail(e.to_string()))?;
                Ok(format!("{} phrases written to {}", rows.len(), path.display()))
            }
        }
    }
}
