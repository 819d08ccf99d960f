//! The app as eframe runs it: a frame drawn (timed for the first-frame
//! probe), pointer input kept out of screenshots, and the workspace saved
//! when eframe asks (every 30 seconds and on exit).

use super::RefrainApp;

impl eframe::App for RefrainApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.first_frame
            && probe.frame_starts(ui.ctx())
        {
            return;
        }
        self.draw(ui);
        let had_columns = !self.columns.is_empty();
        if let Some(probe) = &mut self.first_frame {
            probe.frame_drawn(had_columns);
        }
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // A screenshot shows the app, not wherever the pointer happens to be.
        if self.screenshot.is_some() {
            raw_input.events.retain(|e| {
                !matches!(
                    e,
                    egui::Event::PointerMoved(_) | egui::Event::PointerButton { .. } | egui::Event::PointerGone
                )
            });
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return; // a screenshot run leaves the user's workspace alone
        }
        // The workspace goes to its own file, atomically; app.ron keeps the
        // window and egui's memory only. Once the file is written, a
        // workspace earlier versions kept in app.ron has been carried over
        // and is dropped, so it can never come back in place of a newer one.
        if self.autosave() && storage.get_string(eframe::APP_KEY).is_some() {
            storage.remove_string(eframe::APP_KEY);
        }
    }
}
