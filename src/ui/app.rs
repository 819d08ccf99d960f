//! The main window: the app's state ([`RefrainApp`]), opening a corpus and
//! taking the background workers' results, and the frame that lays out the
//! toolbar, the panels and the columns. Drawing pushes [`Command`]s that
//! are applied after the frame (`commands`); dialogs, the columns and each
//! panel's part of the app have files of their own.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::core::import::files::{FileOutcome, ImportOptions};
use crate::core::import::samples::sample_transcripts;
use crate::core::phrases::highlight::Styled;
use crate::core::phrases::{DocId, Occurrence, PhraseSet};
use crate::core::text::transcript::Transcript;

use crate::ui::panels::columns::ColumnLayout;
use crate::ui::panels::corpus_list::{ListInput, corpus_list_ui};
use crate::ui::persistence::workspace::Workspace;
use crate::ui::workers::indexer::{IndexError, Indexed, Indexer};
use crate::ui::workers::loader::{LoadEvent, Loader};

mod columns;
mod commands;
mod corpus_order;
mod dialogs;
mod eframe_app;
mod export;
pub use export::ExportError;
mod file_changes;
mod file_reads;
mod metadata;
mod missing_sources;
mod notes;
mod notifications;
mod pair;
mod search;
mod state_summary;
pub mod timeline;
mod toolbar;
mod workspace_load;

pub use columns::MIN_COLUMN_WIDTH;
pub use commands::Command;
pub use dialogs::Dialog;

/// Frames a scroll request is held for.
const SCROLL_FRAMES: u8 = 3;

/// Most columns shown side by side.
pub const MAX_COLUMNS: usize = 8;

/// The app's state.
pub struct RefrainApp {
    /// What is saved between runs.
    pub workspace: Workspace,
    /// Opened transcripts, in the order they were read (their document ids).
    pub corpus: Vec<Arc<Transcript>>,
    /// Changes whenever the corpus changes.
    pub corpus_version: u64,
    /// Corpus indices in date order (undated last).
    pub order: Vec<usize>,
    /// Corpus indices shown as columns, in order.
    pub columns: Vec<usize>,
    /// Text typed in the list's filter box.
    pub filter: String,
    /// Messages about files that were refused or read with notes.
    pub notifications: Vec<String>,
    /// True while showing the built-in samples.
    pub showing_samples: bool,
    /// The latest phrases, when they belong to the current corpus.
    pub indexed: Option<Indexed>,
    /// The selected phrase (index into the current phrase set).
    pub selected_phrase: Option<u32>,
    loader: Option<Loader>,
    indexer: Indexer,
    /// Each column's layout and reading position, by its transcript's file,
    /// so a column keeps its place when other transcripts come and go.
    layouts: HashMap<PathBuf, ColumnLayout>,
    styles: HashMap<usize, (u64, Arc<Vec<Styled>>)>,
    /// Byte offsets to bring into view, held for a few frames so a layout
    /// change right after (a panel appearing) cannot undo the scroll.
    scroll_to: HashMap<usize, (usize, u8)>,
    scroll_top: HashMap<usize, usize>,
    /// Width of each column as a share of the central area (sums to 1).
    widths: Vec<f32>,
    occurrence_cursor: usize,
    /// The current change of pair mode (index into its changes).
    change_cursor: Option<usize>,
    diff: Option<pair::DiffCache>,
    dialog: Option<Receiver<dialogs::Picked>>,
    /// A workspace file opened from the menu, being read on a thread.
    workspace_read: Option<file_reads::WorkspaceRead>,
    ctx: egui::Context,
    /// Scroll position of each column in the last frame (for tests).
    pub offsets: HashMap<usize, f32>,
    /// A column to bring into view when the columns scroll sideways (one
    /// just added, or scrolled to a target).
    reveal_column: Option<usize>,
    /// How far the columns could scroll sideways in the last frame.
    sideways_max: Option<f32>,
    /// How wide the columns were together in the last frame: when that
    /// changes (a column added), the scroll area learns its new limit only
    /// at the end of the frame, so a column to reveal waits a frame.
    sideways_width: f32,
    /// Text selected with the mouse: its column (corpus position) and bytes.
    pub text_selection: Option<(usize, std::ops::Range<usize>)>,
    phrase_list: crate::ui::panels::phrases::PhraseList,
    last_summary: Option<String>,
    /// Counts phrase sets received, so caches keyed on it never mistake a new set for an old one.
    index_generation: u64,
    /// Where to write the state summary for end-to-end tests (`REFRAIN_STATE_FILE`), read once.
    state_file: Option<PathBuf>,
    list_anchor: Option<usize>,
    metadata_of: Option<usize>,
    /// A screenshot to take once idle (`--screenshot`); also turns off saving.
    pub screenshot: Option<super::screenshot::ScreenshotPlan>,
    /// Notices opened files changing on disk.
    watcher: crate::ui::workers::watcher::FileWatcher,
    /// Files being read again, to replace their open versions.
    reloading: std::collections::HashSet<PathBuf>,
    /// The workspace's sources not found, kept with their columns.
    missing: missing_sources::MissingSources,
    /// The timeline panel's model and state.
    pub timeline: timeline::TimelineUi,
    /// The search panel and its background worker.
    pub search: crate::ui::panels::search::SearchState,
    /// What the last export wrote, for the status line.
    pub export_status: Option<String>,
    /// The notes window and editor.
    pub notes: crate::ui::panels::notes::NotesState,
    /// The phrase explorer window.
    pub explorer: crate::ui::panels::explorer::ExplorerState,
    /// The reuse map window.
    pub reuse_map: crate::ui::panels::reuse_map::ReuseMapState,
    /// The Speakers window (who said it first).
    pub speakers: crate::ui::panels::speakers::SpeakersState,
    /// The dispersion window.
    pub dispersion: crate::ui::panels::dispersion::DispersionState,
    /// Saves the workspace between runs (none in tests and screenshots).
    autosave: Option<crate::ui::persistence::autosave::Autosave>,
    /// System fonts for the scripts the bundled fonts lack (`ui::fonts`).
    pub fonts: crate::ui::fonts::FontFallbacks,
    /// Reports when the first frames were shown (`REFRAIN_FIRST_FRAME`).
    first_frame: Option<crate::ui::first_frame::FirstFrameProbe>,
}

impl RefrainApp {
    /// The app for `paths`, else the saved workspace's sources, else the
    /// built-in samples.
    pub fn new(ctx: egui::Context, paths: Vec<PathBuf>, saved: Option<Workspace>) -> Self {
        crate::ui::workers::priority::background_pool();
        let wake = ctx.clone();
        let wake_on_change = ctx.clone();
        let mut app = RefrainApp {
            workspace: saved.unwrap_or_default(),
            corpus: Vec::new(),
            corpus_version: 0,
            order: Vec::new(),
            columns: Vec::new(),
            filter: String::new(),
            notifications: Vec::new(),
            showing_samples: false,
            indexed: None,
            selected_phrase: None,
            loader: None,
            indexer: Indexer::start(move || wake.request_repaint()),
            layouts: HashMap::new(),
            styles: HashMap::new(),
            scroll_to: HashMap::new(),
            scroll_top: HashMap::new(),
            widths: Vec::new(),
            occurrence_cursor: 0,
            change_cursor: None,
            diff: None,
            dialog: None,
            workspace_read: None,
            ctx: ctx.clone(),
            offsets: HashMap::new(),
            text_selection: None,
            reveal_column: None,
            sideways_max: None,
            sideways_width: 0.0,
            screenshot: None,
            first_frame: crate::ui::first_frame::FirstFrameProbe::from_env(),
            phrase_list: Default::default(),
            last_summary: None,
            index_generation: 0,
            state_file: std::env::var_os("REFRAIN_STATE_FILE").map(PathBuf::from),
            list_anchor: None,
            metadata_of: None,
            watcher: crate::ui::workers::watcher::FileWatcher::new(move || wake_on_change.request_repaint()),
            reloading: Default::default(),
            missing: Default::default(),
            timeline: Default::default(),
            search: crate::ui::panels::search::SearchState::new(ctx.clone()),
            export_status: None,
            notes: Default::default(),
            explorer: Default::default(),
            reuse_map: Default::default(),
            speakers: Default::default(),
            dispersion: Default::default(),
            autosave: None,
            fonts: crate::ui::fonts::FontFallbacks::from_env({
                let wake = ctx.clone();
                move || wake.request_repaint()
            }),
        };
        if paths.is_empty() {
            let workspace = app.workspace.clone();
            app.load_workspace(workspace);
        } else {
            app.open(paths, true);
        }
        app
    }

    /// The app as `refrain` starts it: [`RefrainApp::new`] with the
    /// workspace remembered in the data folder `dir` (or `explicit`, given
    /// with `--workspace`), saved back there by [`RefrainApp::autosave`].
    /// `legacy` reads the workspace earlier versions kept in eframe's
    /// storage. A remembered file that cannot be used is said in the
    /// notifications, first.
    pub fn remembering(
        ctx: egui::Context,
        paths: Vec<PathBuf>,
        explicit: Option<Workspace>,
        dir: &std::path::Path,
        legacy: impl FnOnce() -> Option<Workspace>,
    ) -> Self {
        let (autosave, found) = crate::ui::persistence::autosave::Autosave::start(dir, legacy);
        let mut app = RefrainApp::new(ctx, paths, explicit.or(found.workspace));
        if let Some(notice) = found.notice {
            app.notifications.insert(0, notice);
        }
        app.autosave = Some(autosave);
        app
    }

    /// Saves the workspace where it is remembered between runs, if it
    /// changed; a failure is shown once. True when it was written. Never in
    /// a screenshot run.
    pub fn autosave(&mut self) -> bool {
        if self.screenshot.is_some() {
            return false;
        }
        let workspace = self.workspace_now();
        let Some(autosave) = &mut self.autosave else { return false };
        match autosave.save(&workspace) {
            crate::ui::persistence::autosave::Saved::Written => true,
            crate::ui::persistence::autosave::Saved::Failed(Some(message)) => {
                self.notifications.push(message);
                false
            }
            _ => false,
        }
    }

    fn show_samples(&mut self) {
        self.showing_samples = true;
        self.workspace.sources.clear();
        let samples: Vec<Arc<Transcript>> = sample_transcripts().into_iter().map(Arc::new).collect();
        self.set_corpus(samples);
    }

    /// Opens files and folders in the background; `replace` starts a new set.
    pub fn open(&mut self, paths: Vec<PathBuf>, replace: bool) {
        if paths.is_empty() {
            return;
        }
        if replace {
            self.missing = Default::default(); // the sources they replace, missing or not
        }
        if replace || self.showing_samples {
            self.showing_samples = false;
            self.workspace.sources.clear();
            // Everything derived from the old corpus goes with it.
            self.set_corpus(Vec::new());
            if let Some(old) = self.indexed.take() {
                super::drop_in_background(old);
            }
            self.selected_phrase = None;
        }
        for p in &paths {
            if !self.workspace.sources.contains(p) {
                self.workspace.sources.push(p.clone());
            }
        }
        let sources = self.workspace.sources.clone();
        self.workspace.remember(&sources);
        let wake = self.ctx.clone();
        self.loader = Some(Loader::start(paths, ImportOptions::default(), move || wake.request_repaint()));
    }

    fn set_corpus(&mut self, corpus: Vec<Arc<Transcript>>) {
        self.corpus = corpus;
        self.corpus_changed();
    }

    fn corpus_changed(&mut self) {
        self.corpus_version += 1;
        self.order = corpus_order::chronological_order(&self.corpus);
        // Columns: the saved ones that are open, else the first four by date
        // (paths compared as bytes: `Path`'s equality walks components).
        let wanted: Vec<usize> = (self.workspace.columns.iter())
            .filter_map(|p| self.corpus.iter().position(|t| t.path.as_os_str() == p.as_os_str()))
            .take(MAX_COLUMNS)
            .collect();
        self.columns = if wanted.is_empty() { self.order.iter().copied().take(4).collect() } else { wanted };
        self.columns.sort_by_key(|&c| self.order.iter().position(|&o| o == c));
        if !self.layouts.is_empty() {
            let open: rustc_hash::FxHashSet<&std::ffi::OsStr> =
                self.corpus.iter().map(|t| t.path.as_os_str()).collect();
            self.layouts.retain(|path, _| open.contains(path.as_os_str()));
        }
        self.styles.clear();
        self.diff = None;
        self.text_selection = None;
        (self.timeline.mark, self.timeline.flash, self.timeline.hovered_column) = (None, None, None);
        self.indexer.set_corpus(self.corpus_version, self.corpus.clone());
        self.indexer.set_options(self.workspace.phrase_options.clone());
        self.watch_opened_files();
    }

    /// True while files are read, phrases computed, or an open window's
    /// contents made in the background.
    pub fn is_busy(&self) -> bool {
        self.loader.is_some()
            || self.workspace_read.is_some()
            || self.indexer.busy()
            || self.timeline.busy()
            || self.search.busy()
            || self.fonts.busy()
            // An open window's own job (a closed window polls none, so
            // one it left running is not waited for).
            || (self.explorer.open && self.explorer.is_working())
            || (self.speakers.open && self.speakers.is_working())
            || (self.reuse_map.open && self.reuse_map.is_working())
    }

    /// True while files are still being read in the background.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Waits for the background work to finish (tests and screenshots).
    pub fn wait_until_idle(&mut self) {
        self.wait_for_workspace_read();
        while self.loader.is_some() {
            self.apply_load_events();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        if let Some(r) = self.indexer.wait() {
            self.take_index_result(r);
        }
        self.wait_for_timeline();
        self.search.wait(&self.corpus);
        self.fonts.wait(self.corpus_version, &self.corpus, &mut self.notifications);
    }

    fn apply_load_events(&mut self) {
        let Some(loader) = &mut self.loader else { return };
        let Some(events) = loader.poll() else {
            self.loader = None;
            self.corpus_changed();
            return;
        };
        let mut finished = false;
        for e in events {
            match e {
                LoadEvent::File(FileOutcome::Imported(t)) => {
                    // A file read again (reloaded) replaces the open version.
                    let reloaded = self.reloading.remove(&t.path);
                    if let Some(open) = self.corpus.iter_mut().find(|o| reloaded && o.path == t.path) {
                        *open = Arc::new(*t);
                    } else if !self.workspace.excluded.contains(&t.path) {
                        self.corpus.push(Arc::new(*t));
                    }
                }
                LoadEvent::File(FileOutcome::Duplicate { path, of }) => self.notifications.push(format!(
                    "{}: same content as {}; opened once",
                    path.display(),
                    of.display()
                )),
                LoadEvent::File(FileOutcome::Failed(e)) | LoadEvent::WalkFailed(e) => {
                    self.notifications.push(e.to_string())
                }
                // A table read again (a file under it reloaded) warns again: shown once.
                LoadEvent::Warning(w) if self.notifications.contains(&w) => {}
                LoadEvent::Warning(w) => self.notifications.push(w),
                LoadEvent::Found(_) => {}
                LoadEvent::Done => finished = true,
                LoadEvent::Cancelled => {
                    self.notifications.push("opening stopped; the files read until then are open".to_string());
                    finished = true;
                }
            }
        }
        if finished {
            self.loader = None;
            self.corpus_changed();
        }
    }

    fn take_index_result(&mut self, r: Result<Indexed, IndexError>) {
        match r {
            Ok(indexed) if indexed.corpus_version == self.corpus_version => {
                self.index_generation += 1;
                // The first phrases of a newly opened corpus: a remembered
                // selection also brings its occurrences into view.
                let first_for_corpus = self.indexed.as_ref().is_none_or(|i| i.corpus_version != self.corpus_version);
                // The phrases replaced can be millions of allocations (90 ms
                // to free on a 20-million-word corpus): not in this frame.
                if let Some(old) = self.indexed.replace(indexed) {
                    super::drop_in_background(old);
                }
                self.styles.clear();
                self.reselect_phrase();
                if first_for_corpus && let Some(p) = self.selected_phrase {
                    self.apply(Command::SelectPhrase(p));
                }
            }
            Ok(_) => {}
            Err(e) => self.notifications.push(format!("finding phrases failed: {e}")),
        }
    }

    /// After new phrases arrive, find the selected phrase again by its words.
    fn reselect_phrase(&mut self) {
        self.selected_phrase = None;
        let (Some(text), Some(indexed)) = (&self.workspace.selected_phrase, &self.indexed) else { return };
        self.selected_phrase = indexed
            .set
            .phrases
            .iter()
            .position(|p| self.occurrence_text(&indexed.set, &p.occurrences[0]) == text.as_str())
            .map(|i| i as u32);
    }

    fn phrase_text(&self, doc: DocId, bytes: &std::ops::Range<usize>) -> &str {
        self.corpus.get(doc as usize).and_then(|t| t.body.get(bytes.clone())).unwrap_or("")
    }

    /// The text of an occurrence of one of `set`'s phrases ("" when its
    /// transcript is not open).
    fn occurrence_text(&self, set: &PhraseSet, o: &Occurrence) -> &str {
        self.phrase_text(o.doc, &set.occurrence_bytes(o))
    }

    /// The phrases, when they belong to the corpus shown.
    fn current(&self) -> Option<&Indexed> {
        self.indexed.as_ref().filter(|i| i.corpus_version == self.corpus_version)
    }

    fn pair_active(&self) -> bool {
        self.workspace.pair_mode && self.columns.len() == 2
    }

    /// The workspace as it stands, columns included.
    pub fn workspace_now(&self) -> Workspace {
        let mut workspace = self.workspace.clone();
        workspace.columns = self.columns.iter().filter_map(|&c| self.corpus.get(c)).map(|t| t.path.clone()).collect();
        self.missing.add_to(&mut workspace, self.showing_samples);
        workspace
    }

    /// Replaces the open sources and settings with a workspace's; sources
    /// that are not found are kept with their columns and listed as missing,
    /// the columns are held to [`MAX_COLUMNS`] (`workspace_load`).
    pub fn load_workspace(&mut self, workspace: Workspace) {
        let (workspace, missing) = self.check_loaded_workspace(workspace);
        let present = workspace.sources.clone();
        self.workspace = workspace;
        self.explorer.open = self.workspace.explorer_open;
        self.reuse_map.open = self.workspace.reuse_map_open;
        (self.dispersion.open, self.dispersion.of) = (self.workspace.dispersion_open, self.workspace.dispersion_of);
        self.speakers.open = self.workspace.speakers_open;
        if present.is_empty() {
            self.show_samples();
        } else {
            self.open(present, true);
        }
        self.missing = missing;
    }

    /// Draws the whole window into `ui`.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.apply_load_events();
        self.fonts.poll(ui.ctx(), self.corpus_version, &self.corpus, &mut self.notifications);
        self.poll_file_changes();
        if let Some(r) = self.indexer.poll() {
            self.take_index_result(r);
        }
        self.poll_dialog();
        self.poll_workspace_read();
        self.refresh_timeline();
        self.write_state_summary();
        if let Some(mut plan) = self.screenshot.take() {
            plan.tick(ui.ctx(), self.is_busy());
            self.screenshot = Some(plan);
        }
        let mut commands = Vec::new();
        self.keyboard(ui, &mut commands);
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui, &mut commands));
        self.file_changes_ui(ui, &mut commands);
        self.notifications_ui(ui);
        // In a short window the timeline starts lower and cannot be dragged
        // over more than about a third of it: the columns keep room to read.
        let height = ui.ctx().content_rect().height();
        if self.workspace.timeline_panel {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(170.0_f32.min(height * 0.3))
                .max_size((height * 0.35).max(100.0))
                .show(ui, |ui| self.timeline_ui(ui, &mut commands));
        }
        self.search_ui(ui, &mut commands);
        // In a small window the side panels start narrower, leaving the
        // columns room (their width is remembered once dragged).
        let window = ui.ctx().content_rect().width();
        let side = |share: f32, max: f32| (window * share).clamp(180.0, max);
        egui::Panel::left("corpus").resizable(true).default_size(side(0.2, 280.0)).show(ui, |ui| {
            let input = ListInput {
                corpus: &self.corpus,
                order: &self.order,
                columns: &self.columns,
                version: self.corpus_version,
                missing: &self.missing.sources,
            };
            let fields = &mut self.workspace.fields;
            corpus_list_ui(ui, &input, &mut self.filter, fields, &mut self.list_anchor, &mut commands);
        });
        if self.workspace.phrases_panel
            && !self.pair_active()
            && let Some(set) = self.current().map(|i| i.set.clone())
        {
            egui::Panel::right("phrases").resizable(true).default_size(side(0.22, 300.0)).show(ui, |ui| {
                self.pinned_searches_ui(ui, &mut commands);
                let mut sort = self.workspace.phrase_sort;
                crate::ui::panels::phrases::phrases_ui(
                    ui,
                    &mut self.phrase_list,
                    &set,
                    &self.corpus,
                    &self.columns,
                    &mut sort,
                    self.workspace.phrase_options.hide_formulas,
                    self.selected_phrase,
                    &mut commands,
                );
                self.workspace.phrase_sort = sort;
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.columns_ui(ui, &mut commands));
        self.metadata_ui(ui.ctx());
        self.event_window_ui(ui.ctx(), &mut commands);
        self.notes_ui(ui.ctx(), &mut commands);
        let set = self.current().map(|i| i.set.clone());
        crate::ui::panels::explorer::explorer_ui(
            ui.ctx(),
            &mut self.explorer,
            &mut self.workspace.explore,
            set.as_ref(),
            &self.corpus,
            self.selected_phrase,
            &mut commands,
        );
        self.workspace.explorer_open = self.explorer.open;
        crate::ui::panels::reuse_map::reuse_map_ui(
            ui.ctx(),
            &mut self.reuse_map,
            set.as_ref(),
            &self.corpus,
            &mut commands,
        );
        self.workspace.reuse_map_open = self.reuse_map.open;
        crate::ui::panels::speakers::speakers_ui(
            ui.ctx(),
            &mut self.speakers,
            &mut self.workspace.speakers_field,
            set.as_ref(),
            &self.corpus,
            &mut commands,
        );
        self.workspace.speakers_open = self.speakers.open;
        let search = self.search.results(self.corpus_version).cloned();
        crate::ui::panels::dispersion::dispersion_ui(
            ui.ctx(),
            &mut self.dispersion,
            search.as_ref().map(|r| (r, self.search.text.as_str())),
            set.as_ref(),
            self.selected_phrase,
            &self.corpus,
            &mut commands,
        );
        (self.workspace.dispersion_open, self.workspace.dispersion_of) = (self.dispersion.open, self.dispersion.of);
        for c in commands {
            self.apply(c);
        }
    }
}
