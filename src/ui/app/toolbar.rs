//! The menu bar, the toolbar (phrase settings, pair mode, stepping,
//! legend, status) and the keyboard shortcuts.

use std::path::PathBuf;

use super::{Command, Dialog, RefrainApp};
use crate::ui::panels::palette;
use crate::ui::panels::search::SearchCommand;

impl RefrainApp {
    pub(super) fn keyboard(&self, ui: &egui::Ui, commands: &mut Vec<Command>) {
        ui.input(|i| {
            if i.modifiers.command && i.key_pressed(egui::Key::O) {
                commands.push(Command::OpenDialog(if i.modifiers.shift { Dialog::Folder } else { Dialog::Files }));
            }
            if i.modifiers.command && i.key_pressed(egui::Key::F) {
                commands.push(Command::Search(SearchCommand::Open));
            }
            if i.modifiers.command && i.key_pressed(egui::Key::Q) {
                commands.push(Command::Quit);
            }
            if i.key_pressed(egui::Key::F3) {
                commands.push(Command::StepOccurrence(!i.modifiers.shift));
            }
            if i.key_pressed(egui::Key::F7) {
                commands.push(Command::StepChange(!i.modifiers.shift));
            }
            let dropped: Vec<PathBuf> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect();
            if !dropped.is_empty() {
                commands.push(Command::Open(dropped));
            }
        });
    }

    pub(super) fn toolbar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.add(egui::Button::new("Open transcripts…").shortcut_text("Ctrl+O")).clicked() {
                    commands.push(Command::OpenDialog(Dialog::Files));
                }
                if ui.add(egui::Button::new("Open folder…").shortcut_text("Ctrl+Shift+O")).clicked() {
                    commands.push(Command::OpenDialog(Dialog::Folder));
                }
                if ui.button("Open events…").on_hover_text("Outside events for the timeline (CSV or JSON)").clicked()
                {
                    commands.push(Command::OpenDialog(Dialog::Events));
                }
                ui.menu_button("Open recent", |ui| {
                    if self.workspace.recent.is_empty() {
                        ui.label("Nothing yet");
                    }
                    for set in self.workspace.recent.clone() {
                        let label = set.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
                        if ui.button(crate::core::text::shorten(&label, 80)).clicked() {
                            self.open(set, true);
                        }
                    }
                });
                ui.separator();
                if ui.button("Open workspace…").clicked() {
                    commands.push(Command::OpenDialog(Dialog::OpenWorkspace));
                }
                if ui.button("Save workspace as…").clicked() {
                    commands.push(Command::OpenDialog(Dialog::SaveWorkspace));
                }
                ui.separator();
                if ui
                    .button("Export report…")
                    .on_hover_text("The columns, highlights and phrases as one HTML file")
                    .clicked()
                {
                    commands.push(Command::OpenDialog(Dialog::ExportReport));
                }
                if ui.button("Export phrases…").on_hover_text("The recurring phrases as CSV or JSON").clicked() {
                    commands.push(Command::OpenDialog(Dialog::ExportPhrases));
                }
                if ui
                    .button("Export timeline…")
                    .on_hover_text("The timeline's lanes (speeches, events, dates mentioned, phrase) as CSV or JSON")
                    .clicked()
                {
                    commands.push(Command::OpenDialog(Dialog::ExportTimeline));
                }
                ui.separator();
                if ui.add(egui::Button::new("Quit").shortcut_text("Ctrl+Q")).clicked() {
                    commands.push(Command::Quit);
                }
            });
        });
        ui.horizontal_wrapped(|ui| {
            let mut changed = false;
            let l = ui.label("Phrases of at least");
            changed |= ui
                .add(egui::DragValue::new(&mut self.workspace.phrase_options.min_words).range(2..=60))
                .labelled_by(l.id)
                .changed();
            let l = ui.label("words in");
            changed |= ui
                .add(egui::DragValue::new(&mut self.workspace.phrase_options.min_speeches).range(2..=500))
                .labelled_by(l.id)
                .changed();
            let l = ui.label("speeches; gap");
            changed |= ui
                .add(egui::DragValue::new(&mut self.workspace.phrase_options.max_gap).range(0..=3))
                .labelled_by(l.id)
                .changed();
            changed |= ui.checkbox(&mut self.workspace.phrase_options.stem, "stems").changed();
            changed |= ui.checkbox(&mut self.workspace.phrase_options.hide_formulas, "hide formulas").changed();
            if changed {
                commands.push(Command::OptionsChanged);
            }
            ui.separator();
            ui.toggle_value(&mut self.workspace.phrases_panel, "Phrases panel");
            ui.toggle_value(&mut self.workspace.timeline_panel, "Timeline");
            if ui
                .selectable_label(self.search.open, "Search")
                .on_hover_text("Search all transcripts (Ctrl+F)")
                .clicked()
            {
                commands.push(Command::Search(if self.search.open {
                    SearchCommand::Close
                } else {
                    SearchCommand::Open
                }));
            }
            let pair_ok = self.columns.len() == 2;
            ui.add_enabled_ui(pair_ok, |ui| {
                ui.checkbox(&mut self.workspace.pair_mode, "Pair diff")
                    .on_disabled_hover_text("Show exactly two columns to compare them as versions");
                if self.pair_active() {
                    ui.checkbox(&mut self.workspace.sync_scroll, "Scroll together")
                        .on_hover_text("Scrolling one version moves the other to the same text");
                    if ui.button("< change").on_hover_text("Previous change (Shift+F7)").clicked() {
                        commands.push(Command::StepChange(false));
                    }
                    if ui.button("change >").on_hover_text("Next change (F7)").clicked() {
                        commands.push(Command::StepChange(true));
                    }
                }
            });
            if self.selected_phrase.is_some() {
                ui.separator();
                if ui.button("< occurrence").on_hover_text("Shift+F3").clicked() {
                    commands.push(Command::StepOccurrence(false));
                }
                if ui.button("occurrence >").on_hover_text("F3").clicked() {
                    commands.push(Command::StepOccurrence(true));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            if self.pair_active() {
                palette::diff_legend_ui(ui);
            } else {
                palette::phrase_legend_ui(ui);
            }
            ui.separator();
            if let Some(l) = &self.loader {
                ui.spinner();
                match l.total {
                    Some(total) => ui.label(format!("reading {} / {total} files…", l.done)),
                    None => ui.label("looking for transcripts…"),
                };
                if ui.button("Stop").on_hover_text("Stop opening files; what was read stays open").clicked() {
                    l.cancel();
                }
            } else if self.indexer.busy() || self.current().is_none() {
                ui.spinner();
                ui.label("indexing…");
            } else if let Some(i) = self.current() {
                ui.label(format!("{} recurring phrases ({} ms)", i.set.phrases.len(), i.millis));
            }
            if let Some(s) = &self.export_status {
                ui.label(egui::RichText::new(s).small());
            }
            if self.showing_samples {
                ui.label(
                    egui::RichText::new("Fictional samples. Open your own with File, Open transcripts… (Ctrl+O)")
                        .italics(),
                );
            }
        });
    }
}
