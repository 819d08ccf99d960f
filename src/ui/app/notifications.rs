//! The problems with files (and scripts without a font), listed along the
//! bottom of the window until the user clears them.

use super::RefrainApp;

impl RefrainApp {
    /// The problems with files, along the bottom, until cleared.
    pub(super) fn notifications_ui(&mut self, ui: &mut egui::Ui) {
        if self.notifications.is_empty() {
            return;
        }
        egui::Panel::bottom("notifications").resizable(true).show(ui, |ui| {
            ui.horizontal(|ui| {
                // Font notices are not problems with files: each is counted apart.
                let fonts =
                    self.notifications.iter().filter(|n| n.starts_with(crate::ui::fonts::MISSING_FONT_NOTICE)).count();
                let files = self.notifications.len() - fonts;
                let mut parts = Vec::new();
                if files > 0 {
                    parts.push(format!("{files} problem(s) with files"));
                }
                if fonts > 0 {
                    parts.push(format!("{fonts} script(s) without a font"));
                }
                ui.strong(parts.join(" · "));
                if ui.button("Clear").clicked() {
                    self.notifications.clear();
                }
            });
            let height = ui.ctx().content_rect().height();
            egui::ScrollArea::vertical().max_height((height * 0.15).clamp(40.0, 120.0)).show(ui, |ui| {
                for n in &self.notifications {
                    ui.label(crate::ui::bidi::label(ui, n));
                }
            });
        });
    }
}
