//! The state summary end-to-end tests read (`REFRAIN_STATE_FILE`).

use super::RefrainApp;

impl RefrainApp {
    /// For end-to-end tests only: when `REFRAIN_STATE_FILE` names a file,
    /// writes a small JSON summary of what is open there whenever it changes,
    /// so a script can check the app's state without reading pixels.
    pub(super) fn write_state_summary(&mut self) {
        let Some(path) = self.state_file.clone() else { return };
        let phrase = self.selected_phrase.and_then(|p| {
            let set = &self.current()?.set;
            Some(self.occurrence_text(set, set.phrases.get(p as usize)?.occurrences.first()?).to_string())
        });
        let summary = serde_json::json!({
            "busy": self.is_busy(),
            "samples": self.showing_samples,
            "sources": self.workspace.sources,
            "open": self.corpus.iter().map(|t| t.path.display().to_string()).collect::<Vec<_>>(),
            "columns": self.columns.iter().filter_map(|&c| self.corpus.get(c)).map(|t| t.path.display().to_string()).collect::<Vec<_>>(),
            "selected_phrase": phrase,
            "notifications": self.notifications,
            "changed_on_disk": self.file_changes().iter().map(|(p, c)| serde_json::json!({
                "path": p.display().to_string(),
                "change": format!("{c:?}"),
            })).collect::<Vec<_>>(),
            "timeline": self.timeline_summary(),
        })
        .to_string();
        // Atomic, so a script polling the file never reads half a summary.
        if self.last_summary.as_deref() != Some(summary.as_str())
            && crate::core::export::write_atomic(&path, summary.as_bytes()).is_ok()
        {
            self.last_summary = Some(summary);
        }
    }
}
