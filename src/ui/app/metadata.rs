//! The "Show metadata" window of a transcript.

use super::RefrainApp;
use crate::ui::panels::windows::{self, AppWindow};

impl RefrainApp {
    /// The "Show metadata" window: what the importer found about a transcript.
    pub(super) fn metadata_ui(&mut self, ctx: &egui::Context) {
        let Some(t) = self.metadata_of.and_then(|i| self.corpus.get(i)).cloned() else { return };
        let mut open = true;
        let window = windows::window(ctx, AppWindow::Metadata, "Transcript metadata");
        window.open(&mut open).resizable(true).show(ctx, |ui| {
            egui::Grid::new("metadata").num_columns(2).striped(true).show(ui, |ui| {
                let mut row = |k: &str, v: String| {
                    ui.label(k);
                    ui.label(v);
                    ui.end_row();
                };
                row("File", t.path.display().to_string());
                row("Title", t.title.clone());
                row(
                    "Date",
                    t.date
                        .map(|d| {
                            format!("{} ({} precision, from {})", d.display(), d.precision.as_str(), d.source.as_str())
                        })
                        .unwrap_or_else(|| "undated".into()),
                );
                row("Time", t.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
                row("Speaker", t.speaker.clone().unwrap_or_default());
                row("Place", t.place.clone().unwrap_or_default());
                row("Languages", t.languages.join(", "));
                row("Words", t.words.to_string());
                row("Paragraphs", t.paragraphs.len().to_string());
                row("Encoding", t.encoding.clone());
                row("Subtitle cues", t.cues.len().to_string());
            });
            for w in &t.warnings {
                ui.colored_label(ui.visuals().warn_fg_color, w);
            }
        });
        if !open {
            self.metadata_of = None;
        }
    }
}
