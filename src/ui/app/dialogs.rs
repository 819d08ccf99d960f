//! The native file dialogs: opening transcripts, folders, workspaces and
//! events, saving the workspace and the exports. Each runs on a thread of
//! its own so the window keeps drawing; its answer is taken in a later frame.

use std::path::PathBuf;

use super::{Command, RefrainApp};

/// Which native dialog to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// Transcript files.
    Files,
    /// A folder of transcripts.
    Folder,
    /// A workspace file to open.
    OpenWorkspace,
    /// Where to save the workspace.
    SaveWorkspace,
    /// An events file (CSV or JSON) for the timeline.
    Events,
    /// Where to write the HTML report.
    ExportReport,
    /// Where to write the recurring phrases (CSV or JSON).
    ExportPhrases,
    /// Where to write the timeline's lanes (CSV or JSON).
    ExportTimeline,
    /// Where to write the pair's word diff as HTML.
    ExportDiffHtml,
    /// Where to write the pair's word diff as a plain unified word diff.
    ExportDiffUnified,
    /// Where to write the search's matches with their contexts (CSV).
    ExportConcordance,
}

/// What a native dialog returned.
#[derive(Debug)]
pub(super) enum Picked {
    /// Transcript files, or a folder of them, to open.
    Transcripts(Vec<PathBuf>),
    /// A workspace file to open.
    OpenWorkspace(PathBuf),
    /// Where to save the workspace.
    SaveWorkspace(PathBuf),
    /// An events file to add to the timeline.
    Events(PathBuf),
    /// Where to write an export (which one: `Dialog::Export*`).
    Export(Dialog, PathBuf),
    /// Where a missing source is now (`missing_sources`).
    Located {
        /// The source not found.
        source: PathBuf,
        /// The folder or file picked in its place.
        found: PathBuf,
    },
    /// The dialog was cancelled.
    Nothing,
}

impl RefrainApp {
    /// Shows a native dialog, unless one is already open (one at a time).
    pub(super) fn open_dialog(&mut self, kind: Dialog) {
        if self.dialog.is_some() {
            return; // one dialog at a time
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.ctx.clone();
        // The dialog runs on its own thread so the window keeps drawing.
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = match kind {
                Dialog::Files => dialog
                    .set_title("Open transcripts")
                    .add_filter("Transcripts", crate::core::import::files::TRANSCRIPT_EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_files()
                    .map(Picked::Transcripts),
                Dialog::Folder => dialog.set_title("Open folder").pick_folder().map(|p| Picked::Transcripts(vec![p])),
                Dialog::OpenWorkspace => dialog
                    .set_title("Open workspace")
                    .add_filter("Refrain workspace", &["json"])
                    .pick_file()
                    .map(Picked::OpenWorkspace),
                Dialog::SaveWorkspace => dialog
                    .set_title("Save workspace as")
                    .add_filter("Refrain workspace", &["json"])
                    .set_file_name("workspace.json")
                    .save_file()
                    .map(Picked::SaveWorkspace),
                Dialog::Events => dialog
                    .set_title("Open events")
                    .add_filter("Events (CSV or JSON)", &["csv", "json"])
                    .add_filter("All files", &["*"])
                    .pick_file()
                    .map(Picked::Events),
                Dialog::ExportReport => rfd::FileDialog::new()
                    .set_title("Export report")
                    .add_filter("HTML report", &["html"])
                    .set_file_name("refrain-report.html")
                    .save_file()
                    .map(|p| Picked::Export(kind, p)),
                Dialog::ExportConcordance => rfd::FileDialog::new()
                    .set_title("Export search matches")
                    .add_filter("CSV", &["csv"])
                    .set_file_name("matches.csv")
                    .save_file()
                    .map(|p| Picked::Export(kind, p)),
                Dialog::ExportPhrases => rfd::FileDialog::new()
                    .set_title("Export phrases")
                    .add_filter("CSV", &["csv"])
                    .add_filter("JSON", &["json"])
                    .set_file_name("refrain-phrases.csv")
                    .save_file()
                    .map(|p| Picked::Export(kind, p)),
                Dialog::ExportTimeline => rfd::FileDialog::new()
                    .set_title("Export timeline")
                    .add_filter("CSV", &["csv"])
                    .add_filter("JSON", &["json"])
                    .set_file_name("refrain-timeline.csv")
                    .save_file()
                    .map(|p| Picked::Export(kind, p)),
                Dialog::ExportDiffHtml => rfd::FileDialog::new()
                    .set_title("Export word diff as HTML")
                    .add_filter("HTML", &["html"])
                    .set_file_name("refrain-diff.html")
                    .save_file()
                    .map(|p| Picked::Export(kind, p)),
                Dialog::ExportDiffUnified => rfd::FileDialog::new()
                    .set_title("Export unified word diff")
                    .add_filter("Word diff", &["diff", "txt"])
                    .set_file_name("refrain-diff.diff")
                    .save_file()
                    .map(|p| Picked::Export(kind, p)),
            };
            let _ = tx.send(picked.unwrap_or(Picked::Nothing));
            wake.request_repaint();
        });
        self.dialog = Some(rx);
    }

    /// Takes the open dialog's answer, once it has one (once per frame).
    pub(super) fn poll_dialog(&mut self) {
        if let Some(rx) = &self.dialog
            && let Ok(picked) = rx.try_recv()
        {
            self.dialog = None;
            self.picked(picked);
        }
    }

    /// Does what the dialog's answer asks.
    fn picked(&mut self, picked: Picked) {
        match picked {
            Picked::Transcripts(paths) => self.open(paths, false),
            Picked::OpenWorkspace(path) => self.apply(Command::OpenWorkspace(path)),
            Picked::SaveWorkspace(path) => {
                let workspace = self.workspace_now();
                if let Err(e) = workspace.save_to(&path) {
                    self.notifications.push(e.to_string());
                }
            }
            Picked::Events(path) => self.apply(Command::OpenEvents(path)),
            Picked::Export(kind, path) => match self.export_to(kind, &path) {
                Ok(message) => self.export_status = Some(message),
                Err(e) => self.notifications.push(e.to_string()),
            },
            Picked::Located { source, found } => self.locate_source(&source, found),
            Picked::Nothing => {}
        }
    }
}
