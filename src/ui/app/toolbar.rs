//! The menu bar (File, View, Help), the toolbar (phrase settings, pair
//! mode, stepping, the selected phrase, legend, status) and the keyboard
//! shortcuts that work anywhere, Esc included.

use std::path::PathBuf;

use super::{Command, Dialog, RefrainApp};
use crate::ui::panels::notes::NoteCommand;
use crate::ui::panels::search::SearchCommand;
use crate::ui::panels::windows::{self, AppWindow};
use crate::ui::panels::{focus, palette, shortcuts};

impl RefrainApp {
    /// The keys that work anywhere (see [`crate::ui::panels::shortcuts`]
    /// for the list shown to the user) and files dropped on the window.
    pub(super) fn keyboard(&mut self, ui: &egui::Ui, commands: &mut Vec<Command>) {
        let ctx = ui.ctx();
        focus::install(ctx);
        windows::note_raised(ctx);
        let (help, escape) = ui.input(|i| {
            if i.modifiers.command && i.key_pressed(egui::Key::O) {
                commands.push(Command::OpenDialog(if i.modifiers.shift { Dialog::Folder } else { Dialog::Files }));
            }
            if i.modifiers.command && i.key_pressed(egui::Key::F) {
                commands.push(Command::Search(SearchCommand::Open));
            }
            if i.modifiers.command && i.key_pressed(egui::Key::E) {
                self.explorer.toggle();
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
            (i.key_pressed(egui::Key::F1), i.key_pressed(egui::Key::Escape) && i.modifiers.is_none())
        });
        if help {
            shortcuts::set_open(ctx, true);
        }
        if escape {
            self.escape(ctx, commands);
        }
    }

    /// Esc: closes the window on top, or with none open clears the selected
    /// phrase. Not when it was meant for a text field (egui leaves the
    /// field) or a menu (egui closes it), except in a new note with nothing
    /// typed yet, which it closes. A note being written is never dropped by
    /// Esc once something is typed in it.
    fn escape(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let blank_note =
            self.notes.draft.as_ref().is_some_and(|d| d.note.text.trim().is_empty() && d.tags.trim().is_empty());
        if egui::Popup::is_any_open(ctx) {
            return;
        }
        if focus::text_had_keyboard(ctx) {
            if blank_note && focus::last_focus_layer(ctx) == Some(AppWindow::NoteEditor.layer()) {
                commands.push(Command::Notes(NoteCommand::Cancel));
            }
            return;
        }
        let open: Vec<AppWindow> = [
            (AppWindow::Notes, self.notes.open),
            (AppWindow::NoteEditor, self.notes.draft.is_some()),
            (AppWindow::Metadata, self.metadata_of.is_some()),
            (AppWindow::Event, self.timeline.selected_event.is_some()),
            (AppWindow::Shortcuts, shortcuts::is_open(ctx)),
            (AppWindow::Explorer, self.explorer.open),
            (AppWindow::ReuseMap, self.reuse_map.open),
            (AppWindow::Speakers, self.speakers.open),
            (AppWindow::Dispersion, self.dispersion.open),
        ]
        .into_iter()
        .filter_map(|(w, open)| open.then_some(w))
        .collect();
        match windows::topmost(ctx, &open) {
            Some(AppWindow::Notes) => self.notes.open = false,
            Some(AppWindow::NoteEditor) => {
                if blank_note {
                    commands.push(Command::Notes(NoteCommand::Cancel));
                }
            }
            Some(AppWindow::Metadata) => self.metadata_of = None,
            Some(AppWindow::Event) => commands.push(Command::SelectEvent(None)),
            Some(AppWindow::Shortcuts) => shortcuts::set_open(ctx, false),
            Some(AppWindow::Explorer) => self.explorer.open = false,
            Some(AppWindow::ReuseMap) => self.reuse_map.open = false,
            Some(AppWindow::Speakers) => self.speakers.open = false,
            Some(AppWindow::Dispersion) => self.dispersion.open = false,
            None => {
                self.clear_phrase();
            }
        }
    }

    /// Forgets the selected phrase, here and in the workspace (at once:
    /// Esc is read before anything is drawn, the × in the toolbar before
    /// the columns are).
    fn clear_phrase(&mut self) {
        self.selected_phrase = None;
        self.workspace.selected_phrase = None;
        self.occurrence_cursor = 0;
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
            ui.menu_button("View", |ui| {
                let notes = format!("Notes ({})", self.workspace.notes.len());
                if ui
                    .add(egui::Button::selectable(self.notes.open, notes))
                    .on_hover_text("Every note, click to jump")
                    .clicked()
                {
                    self.notes.open = !self.notes.open;
                }
                if ui.add(egui::Button::selectable(self.search.open, "Search").shortcut_text("Ctrl+F")).clicked() {
                    commands.push(Command::Search(if self.search.open {
                        SearchCommand::Close
                    } else {
                        SearchCommand::Open
                    }));
                }
                ui.toggle_value(&mut self.workspace.phrases_panel, "Phrases panel");
                ui.toggle_value(&mut self.workspace.timeline_panel, "Timeline");
            });
            // The corpus at a glance, in the menu bar (the toolbar's row is full at 1280 points).
            ui.menu_button("Explore", |ui| {
                if ui
                    .add(egui::Button::selectable(self.explorer.open, "Phrase explorer").shortcut_text("Ctrl+E"))
                    .clicked()
                {
                    self.explorer.toggle();
                }
                if ui
                    .add(egui::Button::selectable(self.reuse_map.open, "Reuse map"))
                    .on_hover_text("Which speeches share the most phrasing: every pair, in date order")
                    .clicked()
                {
                    self.reuse_map.open = !self.reuse_map.open;
                }
                if ui
                    .add(egui::Button::selectable(self.speakers.open, "Speakers"))
                    .on_hover_text("Who said a phrase first and who used it later: speaker × speaker")
                    .clicked()
                {
                    self.speakers.open = !self.speakers.open;
                }
                if ui
                    .add(egui::Button::selectable(self.dispersion.open, "Dispersion"))
                    .on_hover_text("Where the search's matches or the selected phrase are along each speech")
                    .clicked()
                {
                    self.dispersion.open = !self.dispersion.open;
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1")).clicked() {
                    shortcuts::set_open(ui.ctx(), true);
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
                if self.selected_phrase_ui(ui) {
                    self.clear_phrase();
                }
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
            palette::field_legend_ui(ui, &mut self.workspace.fields, &self.corpus, self.corpus_version);
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
            self.file_reads_ui(ui);
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
        // Windows open below all this (never over the menu or the toolbar).
        windows::keep_clear_above(ui.ctx(), "toolbar", ui.min_rect().bottom());
        shortcuts::shortcuts_ui(ui.ctx());
    }

    /// The selected phrase, named (shortened; whole on hover), with a ×
    /// that clears it as Esc does; true when the × was clicked.
    fn selected_phrase_ui(&self, ui: &mut egui::Ui) -> bool {
        let Some(text) = &self.workspace.selected_phrase else { return false };
        // Named by its start: a phrase can be a whole speech, and this is
        // drawn every frame.
        let start = crate::core::text::shorten(text.get(..text.len().min(4000)).unwrap_or(text), 600);
        let words = start.split_whitespace().collect::<Vec<_>>().join(" ");
        ui.label("Phrase:");
        ui.label(egui::RichText::new(format!("“{}”", crate::core::text::shorten(&words, 40))).strong())
            .on_hover_text(&words);
        ui.small_button("×").on_hover_text("Clear the selected phrase (Esc)").clicked()
    }
}
