//! The main window: corpus list, reader and notifications.

use std::path::PathBuf;

use crate::core::import::{FileOutcome, ImportOptions};
use crate::core::samples::sample_transcripts;
use crate::core::transcript::Transcript;

use super::corpus_list::{ListCommand, corpus_list};
use super::loader::{LoadEvent, Loader};
use super::reader::reader;

/// The app's state.
pub struct RefrainApp {
    /// Opened transcripts, in the order they were read.
    pub corpus: Vec<Transcript>,
    /// Corpus indices in date order (undated last).
    pub order: Vec<usize>,
    /// The transcript shown in the reader.
    pub selected: Option<usize>,
    /// Text typed in the list's filter box.
    pub filter: String,
    /// Messages about files that were refused or read with notes.
    pub notifications: Vec<String>,
    /// True while showing the built-in samples.
    pub showing_samples: bool,
    loader: Option<Loader>,
}

impl RefrainApp {
    /// The app for the given paths; with none, the built-in samples.
    pub fn new(ctx: egui::Context, paths: Vec<PathBuf>) -> Self {
        let mut app = Self::with_transcripts(Vec::new());
        if paths.is_empty() {
            app.set_corpus(sample_transcripts());
            app.showing_samples = true;
        } else {
            app.loader = Some(Loader::start(paths, ImportOptions::default(), move || ctx.request_repaint()));
        }
        app
    }

    /// The app showing the given transcripts (also used by tests).
    pub fn with_transcripts(corpus: Vec<Transcript>) -> Self {
        let mut app = RefrainApp {
            corpus: Vec::new(),
            order: Vec::new(),
            selected: None,
            filter: String::new(),
            notifications: Vec::new(),
            showing_samples: false,
            loader: None,
        };
        app.set_corpus(corpus);
        app
    }

    fn set_corpus(&mut self, corpus: Vec<Transcript>) {
        self.corpus = corpus;
        self.reorder();
        self.selected = self.order.first().copied();
    }

    fn reorder(&mut self) {
        let mut order: Vec<usize> = (0..self.corpus.len()).collect();
        order.sort_by(|&a, &b| self.corpus[a].chronological_key().cmp(&self.corpus[b].chronological_key()));
        self.order = order;
    }

    fn apply_load_events(&mut self) {
        let Some(loader) = &mut self.loader else { return };
        let Some(events) = loader.poll() else {
            self.loader = None;
            return;
        };
        let mut finished = false;
        for e in events {
            match e {
                LoadEvent::File(FileOutcome::Imported(t)) => self.corpus.push(*t),
                LoadEvent::File(FileOutcome::Duplicate { path, of }) => self.notifications.push(format!(
                    "{}: same content as {}; opened once",
                    path.display(),
                    of.display()
                )),
                LoadEvent::File(FileOutcome::Failed(e)) | LoadEvent::WalkFailed(e) => {
                    self.notifications.push(e.to_string())
                }
                LoadEvent::Found(_) => {}
                LoadEvent::Done => finished = true,
            }
        }
        self.reorder();
        if self.selected.is_none() {
            self.selected = self.order.first().copied();
        }
        if finished {
            self.loader = None;
        }
    }

    /// True while files are still being read in the background.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Draws the whole window into `ui`.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.apply_load_events();
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Refrain");
                if let Some(l) = &self.loader {
                    ui.spinner();
                    match l.total {
                        Some(total) => ui.label(format!("reading {} / {total} files…", l.done)),
                        None => ui.label("looking for transcripts…"),
                    };
                }
                if self.showing_samples {
                    ui.label("Showing the built-in fictional samples. Open your own: refrain FILE_OR_FOLDER…");
                }
            });
        });
        if !self.notifications.is_empty() {
            egui::Panel::bottom("notifications").resizable(true).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(format!("{} problem(s) while opening files", self.notifications.len()));
                    if ui.button("Clear").clicked() {
                        self.notifications.clear();
                    }
                });
                egui::ScrollArea::vertical().max_height(120.0).show(ui, |ui| {
                    for n in &self.notifications {
                        ui.label(n);
                    }
                });
            });
        }
        let mut command = None;
        egui::Panel::left("corpus").resizable(true).default_size(320.0).show(ui, |ui| {
            command = corpus_list(ui, &self.corpus, &self.order, &mut self.filter, self.selected);
        });
        egui::CentralPanel::default().show(ui, |ui| match self.selected.and_then(|i| self.corpus.get(i)) {
            Some(t) => reader(ui, t),
            None => {
                ui.label("No transcript open.");
            }
        });
        if let Some(ListCommand::Select(i)) = command {
            self.selected = Some(i);
        }
    }
}

impl eframe::App for RefrainApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }
}
