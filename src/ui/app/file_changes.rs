//! Opened transcripts that changed or disappeared on disk: the bar that
//! tells the user, and reloading a file in place.

use std::path::PathBuf;

use crate::core::import::files::ImportOptions;

use super::{Command, RefrainApp};
use crate::ui::workers::loader::Loader;
use crate::ui::workers::watcher::FileChange;

impl RefrainApp {
    /// Watches the folders of the opened files (not the built-in samples).
    pub(super) fn watch_opened_files(&mut self) {
        if self.showing_samples {
            self.watcher.watch(std::iter::empty());
        } else {
            self.watcher.watch_each(self.corpus.clone(), |t| t.path.as_path());
        }
    }

    /// Files changed or removed on disk since they were opened, and not yet
    /// reloaded or dismissed.
    pub fn file_changes(&self) -> Vec<(PathBuf, FileChange)> {
        self.watcher.changes.iter().map(|(p, c)| (p.clone(), *c)).collect()
    }

    /// Takes the watcher's news (once per frame).
    pub(super) fn poll_file_changes(&mut self) {
        self.watcher.poll();
        if let Some(e) = self.watcher.error.take() {
            self.notifications.push(e.to_string());
        }
    }

    /// Reads a changed file again; it replaces the open version when read
    /// (keeping its columns), or the reason it could not be is shown and the
    /// open version stays.
    pub(super) fn reload(&mut self, path: PathBuf) {
        if self.loader.is_some() {
            self.notifications.push(format!("{}: reload it once the files being opened are read", path.display()));
            return;
        }
        self.watcher.settle(&path);
        self.reloading.insert(path.clone());
        self.workspace.columns = self.workspace_now().columns;
        let wake = self.ctx.clone();
        self.loader = Some(Loader::start(vec![path], ImportOptions::default(), move || wake.request_repaint()));
    }

    /// The bar listing files changed on disk, with what can be done.
    pub(super) fn file_changes_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if self.watcher.changes.is_empty() {
            return;
        }
        egui::Panel::bottom("file_changes").show(ui, |ui| {
            for (path, change) in &self.watcher.changes {
                ui.horizontal(|ui| match change {
                    FileChange::Modified => {
                        ui.label(format!("{} changed on disk.", path.display()));
                        if ui.button("Reload").on_hover_text("Read the file again").clicked() {
                            commands.push(Command::Reload(path.clone()));
                        }
                        if ui.button("Keep the open version").clicked() {
                            commands.push(Command::KeepOpenVersion(path.clone()));
                        }
                    }
                    FileChange::Removed => {
                        ui.label(format!(
                            "{} was deleted or renamed on disk; the text read before stays open.",
                            path.display()
                        ));
                        if ui.button("OK").clicked() {
                            commands.push(Command::KeepOpenVersion(path.clone()));
                        }
                    }
                });
            }
        });
    }
}
