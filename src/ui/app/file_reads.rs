//! Files the window reads beside its frames, apart from transcripts (the
//! loader's) and events files (the timeline's): a workspace opened from the
//! menu is read and parsed on a thread of its own, so a large one, one on a
//! slow drive, or a FIFO picked by mistake never holds up a frame; and the
//! status line saying what is being read meanwhile.

use std::path::PathBuf;

use super::RefrainApp;
use crate::ui::persistence::workspace::{Workspace, WorkspaceError};
use crate::ui::workers::file_read::{FileRead, Stopped};

/// A workspace file being read: one answer.
pub(super) type WorkspaceRead = FileRead<Result<Workspace, WorkspaceError>>;

/// What reading a workspace file answered.
type WorkspaceAnswer = Result<Vec<Result<Workspace, WorkspaceError>>, Stopped>;

impl RefrainApp {
    /// Starts reading the workspace file at `path` on a thread; it replaces
    /// the open workspace once read ([`RefrainApp::poll_workspace_read`]),
    /// or the notifications say why not. A read already running for another
    /// file is dropped: the newest pick wins.
    pub(super) fn read_workspace(&mut self, path: PathBuf) {
        let wake = self.ctx.clone();
        let read =
            FileRead::start(vec![path], "refrain-workspace", move || wake.request_repaint(), Workspace::load_from);
        self.workspace_read = Some(read);
    }

    /// Takes the workspace once read (never waits): it is opened, or why it
    /// could not be is told in the notifications and the open one stays.
    pub(super) fn poll_workspace_read(&mut self) {
        let Some(answer) = self.workspace_read.as_mut().and_then(|r| r.poll()) else { return };
        let read = self.workspace_read.take();
        self.take_workspace(read.map(|r| r.files().to_vec()).unwrap_or_default(), answer);
    }

    /// Waits for a workspace being read and opens it (tests and screenshots).
    pub(super) fn wait_for_workspace_read(&mut self) {
        if let Some(read) = self.workspace_read.take() {
            let files = read.files().to_vec();
            let answer = read.wait();
            self.take_workspace(files, answer);
        }
    }

    /// Opens the workspace read from `files` (one), or says why not.
    fn take_workspace(&mut self, files: Vec<PathBuf>, answer: WorkspaceAnswer) {
        match answer.map(|mut answers| answers.pop()) {
            Ok(Some(Ok(workspace))) => self.load_workspace(workspace),
            Ok(Some(Err(e))) => self.notifications.push(e.to_string()),
            Ok(None) => {}
            Err(stopped) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                self.notifications.push(format!("{}: {stopped}; the open workspace stays", names.join(", ")));
            }
        }
    }

    /// In the status line: what is being read beside the frames, with a
    /// spinner: a workspace opened from the menu, and the events files
    /// when the timeline panel (which says it itself) is hidden.
    pub(super) fn file_reads_ui(&self, ui: &mut egui::Ui) {
        let workspace = self.workspace_read.as_ref().map(|r| r.progress("workspace"));
        let events = self.timeline.reading_events().filter(|_| !self.workspace.timeline_panel);
        for text in [workspace, events].into_iter().flatten() {
            ui.spinner();
            ui.label(text);
        }
    }
}
