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
            "column_positions": self.columns.iter().filter_map(|&c| {
                let t = self.corpus.get(c)?;
                let layout = self.layouts.get(&t.path);
                Some(serde_json::json!({
                    "path": t.path.display().to_string(),
                    "top_byte": layout.map(|l| l.top_byte()),
                    "bottom_byte": layout.map(|l| l.bottom_byte()),
                }))
            }).collect::<Vec<_>>(),
            "pair": self.pair_changes().map(|(current, changes)| {
                // The new version's byte that faces the old version's top:
                // where synchronised scrolling puts the new version.
                let old_top = self.columns.first().and_then(|&c| self.corpus.get(c)).and_then(|t| self.layouts.get(&t.path)).map(|l| l.top_byte());
                let facing = old_top.zip(self.pair_alignment()).map(|(top, a)| a.counterpart(crate::core::compare::alignment::Side::Old, top));
                serde_json::json!({
                    "current_change": current.map(|c| c + 1),
                    "changes": changes,
                    "new_facing_old_top": facing,
                })
            }),
            "text_selection": self.text_selection.as_ref().map(|(c, r)| serde_json::json!({
                "path": self.corpus.get(*c).map(|t| t.path.display().to_string()),
                "start": r.start,
                "end": r.end,
                "text": self.corpus.get(*c).and_then(|t| t.body.get(r.clone())),
            })),
            "selected_phrase": phrase,
            "notifications": self.notifications,
            "changed_on_disk": self.file_changes().iter().map(|(p, c)| serde_json::json!({
                "path": p.display().to_string(),
                "change": format!("{c:?}"),
            })).collect::<Vec<_>>(),
            "timeline": self.timeline_summary(),
            "missing_scripts": self.fonts.missing_scripts().names(),
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
