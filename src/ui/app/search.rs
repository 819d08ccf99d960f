//! The search panel in the window, and what its commands do to the columns.

use super::{Command, RefrainApp, SCROLL_FRAMES};
use crate::ui::panels::search::{SearchCommand, TrackedSearch};

impl RefrainApp {
    /// Takes the search worker's answers and, when the panel is open, draws
    /// it along the bottom of the window.
    pub(super) fn search_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if !self.search.open {
            self.search.update(&self.corpus, self.corpus_version, &self.workspace.tracked_searches);
            return;
        }
        // Enter / Shift+Enter walk the matches when no field has the keyboard
        // (the query field handles them itself).
        let focused = ui.ctx().memory(|m| m.focused().is_some());
        let (enter, shift) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.modifiers.shift));
        if enter && !focused {
            commands.push(Command::Search(SearchCommand::Step(!shift)));
        }
        // Within half a short window, as the timeline within a third.
        let height = ui.ctx().content_rect().height();
        egui::Panel::bottom("search")
            .resizable(true)
            .default_size(240.0_f32.min(height * 0.3))
            .max_size((height * 0.5).max(120.0))
            .show(ui, |ui| {
                // Keep the panel's height while the results are short.
                ui.set_min_height(ui.available_height());
                let tracked = self.workspace.tracked_searches.clone();
                crate::ui::panels::search::search_ui(
                    ui,
                    &mut self.search,
                    &self.corpus,
                    self.corpus_version,
                    &tracked,
                    commands,
                );
            });
        self.workspace.search_options = self.search.options;
    }

    /// The pinned searches at the top of the phrases panel, like detected
    /// phrases: matches, speeches, first and last use, use per year. A
    /// click runs the search again and shows it on the timeline's phrase lane.
    pub(super) fn pinned_searches_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if self.workspace.tracked_searches.is_empty() {
            return;
        }
        ui.strong("Pinned searches");
        let results = self.search.tracked_results(&self.workspace.tracked_searches, self.corpus_version);
        let Some(results) = results else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("counting…");
            });
            ui.separator();
            return;
        };
        let years: Vec<i32> =
            self.corpus.iter().filter_map(|t| t.date.map(|d| chrono::Datelike::year(&d.date))).collect();
        let (y0, y1) = (years.iter().copied().min().unwrap_or(0), years.iter().copied().max().unwrap_or(0));
        let date =
            |d: usize| self.corpus.get(d).and_then(|t| t.date.map(|d| d.display())).unwrap_or_else(|| "undated".into());
        for (k, (t, r)) in results.enumerate() {
            // Shown selected while it is on the timeline's phrase lane.
            let on_lane = self.timeline.lane_search.as_ref() == Some(t);
            if ui.add(egui::Button::selectable(on_lane, format!("“{}” (pinned search)", t.query)).truncate()).clicked()
            {
                commands.push(Command::Search(SearchCommand::RunTracked(k)));
            }
            ui.horizontal(|ui| {
                let span = match (r.docs.first(), r.docs.last()) {
                    (Some(a), Some(b)) => format!(" · {} – {}", date(a.doc), date(b.doc)),
                    _ => String::new(),
                };
                ui.label(
                    egui::RichText::new(format!(
                        "{} {} · {} speeches{span}",
                        r.total(),
                        if r.total() == 1 { "match" } else { "matches" },
                        r.docs.len()
                    ))
                    .small()
                    .weak(),
                );
                crate::ui::panels::sparkline::sparkline_ui(ui, &r.per_year(&self.corpus), y0, y1);
            });
        }
        ui.separator();
    }

    pub(super) fn apply_search(&mut self, command: SearchCommand) {
        match command {
            SearchCommand::Open => {
                if !self.search.open {
                    self.search.options = self.workspace.search_options;
                }
                self.search.open();
            }
            SearchCommand::Close => self.search.open = false,
            SearchCommand::ShowMatch { doc, bytes, index } => self.show_match(doc, bytes.start, index),
            SearchCommand::Step(forward) => {
                let Some(total) = self.search.results(self.corpus_version).map(|r| r.total()) else { return };
                if total == 0 {
                    return;
                }
                let next = match (self.search.cursor, forward) {
                    (None, true) => 0,
                    (None, false) => total - 1,
                    (Some(c), true) => (c + 1) % total,
                    (Some(c), false) => (c + total - 1) % total,
                };
                if let Some((doc, bytes)) = self.search.nth_match(self.corpus_version, next) {
                    self.show_match(doc, bytes.start, next);
                }
            }
            SearchCommand::Pin => {
                let t = TrackedSearch { query: self.search.text.trim().to_string(), options: self.search.options };
                if !t.query.is_empty() && !self.workspace.tracked_searches.contains(&t) {
                    self.workspace.tracked_searches.push(t);
                }
            }
            SearchCommand::Unpin(k) => {
                if k < self.workspace.tracked_searches.len() {
                    self.workspace.tracked_searches.remove(k);
                }
            }
            SearchCommand::Dispersion => {
                self.apply(Command::ShowDispersion(crate::ui::panels::dispersion::DispersionOf::Search))
            }
            SearchCommand::ExportCsv => self.apply(Command::OpenDialog(super::Dialog::ExportConcordance)),
            SearchCommand::NoteOnMatch { doc, bytes } => {
                self.apply(Command::Notes(crate::ui::panels::notes::NoteCommand::NewOnRange(doc, bytes)))
            }
            SearchCommand::RunTracked(k) => {
                if let Some(t) = self.workspace.tracked_searches.get(k).cloned() {
                    // Like clicking a phrase: it also goes on the timeline's phrase lane.
                    self.timeline.lane_search = Some(t.clone());
                    self.search.text = t.query;
                    self.search.options = t.options;
                    self.search.open();
                }
            }
        }
    }

    /// Shows a transcript as a column (adding it when needed) scrolled to
    /// `byte`, and makes match `index` the current one.
    fn show_match(&mut self, doc: usize, byte: usize, index: usize) {
        if doc >= self.corpus.len() {
            return;
        }
        if !self.columns.contains(&doc) {
            self.apply(Command::ToggleColumn(doc));
        }
        self.scroll_to.insert(doc, (byte, SCROLL_FRAMES));
        self.search.cursor = Some(index);
    }
}
