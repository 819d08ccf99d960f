//! The main window: the corpus list, the side-by-side columns with
//! recurring phrasing highlighted, the toolbar and notifications. Drawing
//! returns commands that are applied after the frame.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::core::compare::revision::{RevisionOptions, revision_diff};
use crate::core::import::files::{FileOutcome, ImportOptions};
use crate::core::import::samples::sample_transcripts;
use crate::core::phrases::highlight::{Styled, diff_styles, phrase_styles};
use crate::core::phrases::index::{DocId, Occurrence, PhraseIndex, PhraseSet};
use crate::core::text::transcript::Transcript;

use crate::ui::panels::columns::{ColumnEvent, ColumnInput, ColumnLayout, column_body};
use crate::ui::panels::corpus_list::{ListCommand, corpus_list};
use crate::ui::panels::notes::NoteCommand;
use crate::ui::persistence::workspace::Workspace;
use crate::ui::workers::indexer::{Indexed, Indexer};
use crate::ui::workers::loader::{LoadEvent, Loader};

mod export;
mod file_changes;
mod metadata;
mod notes;
mod search;
mod state_summary;
pub mod timeline;
mod toolbar;

/// A cache key for highlight styles.
fn style_key(inputs: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    inputs.hash(&mut h);
    h.finish()
}

/// Frames a scroll request is held for.
const SCROLL_FRAMES: u8 = 3;

/// Most columns shown side by side.
pub const MAX_COLUMNS: usize = 8;

/// Something the user asked for, applied after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show or hide a transcript as a column.
    ToggleColumn(usize),
    /// Move a column left (-1) or right (+1).
    MoveColumn(usize, isize),
    /// Select a phrase (index into the current phrase set).
    SelectPhrase(u32),
    /// Next (true) or previous occurrence of the selected phrase.
    StepOccurrence(bool),
    /// Next (true) or previous change in pair mode.
    StepChange(bool),
    /// Open files and folders (replacing the samples, adding otherwise).
    Open(Vec<PathBuf>),
    /// Show a native file dialog.
    OpenDialog(Dialog),
    /// The phrase settings changed.
    OptionsChanged,
    /// A column was scrolled by the user; the byte at its top (synchronised scrolling).
    Scrolled(usize, usize),
    /// Close the window (the workspace is saved on the way out).
    Quit,
    /// Close a transcript; it stays out of this workspace.
    Remove(usize),
    /// Read a file changed on disk again.
    Reload(PathBuf),
    /// Keep showing what was read of a file changed or removed on disk.
    KeepOpenVersion(PathBuf),
    /// Show a speech as a column and flash its header (a timeline click).
    ShowSpeech(usize),
    /// Show a speech scrolled to a byte range, highlighted: a mention's
    /// sentence or a phrase (what the timeline entry was).
    ShowText(crate::core::timeline::model::EntryKind, usize, std::ops::Range<usize>),
    /// Open (or with `None` close) an event's details (index into the events lane).
    SelectEvent(Option<usize>),
    /// Add an events file to the workspace.
    OpenEvents(PathBuf),
    /// Remove every events file from the workspace.
    ClearEvents,
    /// Something asked of the search panel.
    Search(crate::ui::panels::search::SearchCommand),
    /// Something about notes.
    Notes(crate::ui::panels::notes::NoteCommand),
}

/// What a native dialog returned.
#[derive(Debug)]
enum Picked {
    Transcripts(Vec<PathBuf>),
    OpenWorkspace(PathBuf),
    SaveWorkspace(PathBuf),
    Events(PathBuf),
    Export(Dialog, PathBuf),
    Nothing,
}

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
}

/// Revision diff of two columns, computed once per pair.
struct DiffCache {
    pair: (usize, usize),
    styles: (Arc<Vec<Styled>>, Arc<Vec<Styled>>),
    changes: Vec<(usize, usize)>,
    /// Starts of the runs both versions share, as (old byte, new byte), in
    /// order in both texts: the anchors of synchronised scrolling.
    anchors: Vec<(usize, usize)>,
}

/// The app's state.
pub struct RefrainApp {
    /// What is saved between runs.
    pub ws: Workspace,
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
    layouts: HashMap<usize, ColumnLayout>,
    styles: HashMap<usize, (u64, Arc<Vec<Styled>>)>,
    /// Byte offsets to bring into view, held for a few frames so a layout
    /// change right after (a panel appearing) cannot undo the scroll.
    scroll_to: HashMap<usize, (usize, u8)>,
    scroll_top: HashMap<usize, usize>,
    /// Width of each column as a share of the central area (sums to 1).
    widths: Vec<f32>,
    occurrence_cursor: usize,
    change_cursor: usize,
    diff: Option<DiffCache>,
    dialog: Option<Receiver<Picked>>,
    ctx: egui::Context,
    /// Scroll position of each column in the last frame (for tests).
    pub offsets: HashMap<usize, f32>,
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
    /// The timeline panel's model and state.
    pub tl: timeline::TimelineUi,
    /// The search panel and its background worker.
    pub search: crate::ui::panels::search::SearchState,
    /// What the last export wrote, for the status line.
    pub export_status: Option<String>,
    /// The notes window and editor.
    pub notes: crate::ui::panels::notes::NotesState,
    /// Saves the workspace between runs (none in tests and screenshots).
    autosave: Option<crate::ui::persistence::autosave::Autosave>,
}

impl RefrainApp {
    /// The app for `paths`, else the saved workspace's sources, else the
    /// built-in samples.
    pub fn new(ctx: egui::Context, paths: Vec<PathBuf>, saved: Option<Workspace>) -> Self {
        let wake = ctx.clone();
        let wake_on_change = ctx.clone();
        let mut app = RefrainApp {
            ws: saved.unwrap_or_default(),
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
            change_cursor: 0,
            diff: None,
            dialog: None,
            ctx: ctx.clone(),
            offsets: HashMap::new(),
            screenshot: None,
            phrase_list: Default::default(),
            last_summary: None,
            index_generation: 0,
            state_file: std::env::var_os("REFRAIN_STATE_FILE").map(PathBuf::from),
            list_anchor: None,
            metadata_of: None,
            watcher: crate::ui::workers::watcher::FileWatcher::new(move || wake_on_change.request_repaint()),
            reloading: Default::default(),
            tl: Default::default(),
            search: crate::ui::panels::search::SearchState::new(ctx.clone()),
            export_status: None,
            notes: Default::default(),
            autosave: None,
        };
        if paths.is_empty() {
            let ws = app.ws.clone();
            app.load_workspace(ws);
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
        let ws = self.workspace_now();
        let Some(autosave) = &mut self.autosave else { return false };
        match autosave.save(&ws) {
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
        self.ws.sources.clear();
        let samples: Vec<Arc<Transcript>> = sample_transcripts().into_iter().map(Arc::new).collect();
        self.set_corpus(samples);
    }

    /// Opens files and folders in the background; `replace` starts a new set.
    pub fn open(&mut self, paths: Vec<PathBuf>, replace: bool) {
        if paths.is_empty() {
            return;
        }
        if replace || self.showing_samples {
            self.showing_samples = false;
            self.ws.sources.clear();
            // Everything derived from the old corpus goes with it.
            self.set_corpus(Vec::new());
            if let Some(old) = self.indexed.take() {
                super::drop_in_background(old);
            }
            self.selected_phrase = None;
        }
        for p in &paths {
            if !self.ws.sources.contains(p) {
                self.ws.sources.push(p.clone());
            }
        }
        let sources = self.ws.sources.clone();
        self.ws.remember(&sources);
        let wake = self.ctx.clone();
        self.loader = Some(Loader::start(paths, ImportOptions::default(), move || wake.request_repaint()));
    }

    fn set_corpus(&mut self, corpus: Vec<Arc<Transcript>>) {
        self.corpus = corpus;
        self.corpus_changed();
    }

    fn corpus_changed(&mut self) {
        self.corpus_version += 1;
        let mut order: Vec<usize> = (0..self.corpus.len()).collect();
        order.sort_by(|&a, &b| self.corpus[a].chronological_key().cmp(&self.corpus[b].chronological_key()));
        self.order = order;
        // Columns: the saved ones that are open, else the first four by date.
        let wanted: Vec<usize> =
            self.ws.columns.iter().filter_map(|p| self.corpus.iter().position(|t| &t.path == p)).collect();
        self.columns = if wanted.is_empty() { self.order.iter().copied().take(4).collect() } else { wanted };
        self.columns.sort_by_key(|&c| self.order.iter().position(|&o| o == c));
        self.layouts.clear();
        self.styles.clear();
        self.diff = None;
        (self.tl.mark, self.tl.flash, self.tl.hovered_column) = (None, None, None);
        self.indexer.set_corpus(self.corpus_version, self.corpus.clone());
        self.indexer.set_options(self.ws.phrase_options());
        self.watch_opened_files();
    }

    /// Where a byte of a column's transcript was drawn in the last frame.
    pub fn screen_pos(&self, col: usize, byte: usize) -> Option<egui::Pos2> {
        self.layouts.get(&col)?.screen_pos(self.corpus.get(col)?, byte)
    }

    /// The layout of a column shown in the last frame (for tests and
    /// benchmarks: how far it is scrolled, what it keeps laid out).
    pub fn column_layout(&self, col: usize) -> Option<&ColumnLayout> {
        self.layouts.get(&col)
    }

    /// True while files are read or phrases computed in the background.
    pub fn is_busy(&self) -> bool {
        self.loader.is_some() || self.indexer.busy() || self.tl.busy() || self.search.busy()
    }

    /// True while files are still being read in the background.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Waits for the background work to finish (tests and screenshots).
    pub fn wait_until_idle(&mut self) {
        while self.loader.is_some() {
            self.apply_load_events();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        if let Some(r) = self.indexer.wait() {
            self.take_index_result(r);
        }
        self.wait_for_timeline();
        self.search.wait(&self.corpus);
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
                    } else if !self.ws.excluded.contains(&t.path) {
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

    fn take_index_result(&mut self, r: Result<Indexed, String>) {
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
        let (Some(text), Some(indexed)) = (&self.ws.selected_phrase, &self.indexed) else { return };
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
        self.ws.pair_mode && self.columns.len() == 2
    }

    fn styles_for(&mut self, col: usize) -> (u64, Arc<Vec<Styled>>) {
        if self.pair_active() {
            let pair = (self.columns[0], self.columns[1]);
            if self.diff.as_ref().is_none_or(|d| d.pair != pair) {
                self.diff = Some(self.compute_diff(pair));
            }
            if let Some(d) = &self.diff {
                let s = if col == pair.0 { d.styles.0.clone() } else { d.styles.1.clone() };
                return (style_key(&("pair", pair, self.index_generation)), s);
            }
        }
        let key = style_key(&("phrases", self.index_generation, self.selected_phrase));
        if let Some((k, s)) = self.styles.get(&col)
            && *k == key
        {
            return (key, s.clone());
        }
        let styles = match self.current() {
            Some(i) => {
                let corpus = &self.corpus;
                phrase_styles(&i.set, col as DocId, self.selected_phrase, |d| {
                    corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date))
                })
            }
            None => Vec::new(),
        };
        let styles = Arc::new(styles);
        self.styles.insert(col, (key, styles.clone()));
        (key, styles)
    }

    fn compute_diff(&self, pair: (usize, usize)) -> DiffCache {
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&[self.corpus[pair.0].clone(), self.corpus[pair.1].clone()]);
        let (styles, changes, anchors) = match (index.doc(ids[0]), index.doc(ids[1])) {
            (Some(a), Some(b)) => {
                let ops = revision_diff(&a.ids.to_vec(), &b.ids.to_vec(), &RevisionOptions::default());
                let anchors = ops
                    .iter()
                    .filter_map(|op| match op {
                        crate::core::compare::revision::RevisionOp::Equal { old, new } => Some((
                            a.byte_range(old.start as usize..old.end as usize).start,
                            b.byte_range(new.start as usize..new.end as usize).start,
                        )),
                        _ => None,
                    })
                    .collect();
                let (sa, sb, changes) = diff_styles(&ops, a, b);
                ((Arc::new(sa), Arc::new(sb)), changes, anchors)
            }
            _ => ((Arc::new(Vec::new()), Arc::new(Vec::new())), Vec::new(), Vec::new()),
        };
        DiffCache { pair, styles, changes, anchors }
    }

    /// Tooltip text of a phrase: its words, first use, and the speeches using it.
    fn describe(&self, phrase: u32) -> String {
        let Some(set) = self.current().map(|i| &i.set) else { return String::new() };
        let Some(p) = set.phrases.get(phrase as usize) else { return String::new() };
        let first = &self.corpus[p.first as usize];
        let date = |t: &Transcript| t.date.map(|d| d.display()).unwrap_or_else(|| "undated".into());
        let mut docs: Vec<DocId> = p.occurrences.iter().map(|o| o.doc).collect();
        docs.dedup();
        let mut text = format!(
            "“{}”\nFirst said {} in {}{}\nUsed in {} speeches{}",
            self.occurrence_text(set, &p.occurrences[0]),
            date(first),
            first.title,
            first.speaker.as_deref().map(|s| format!(" ({s})")).unwrap_or_default(),
            p.speeches,
            if p.formula { " — a common formula" } else { "" }
        );
        for d in docs.iter().take(10) {
            let t = &self.corpus[*d as usize];
            text.push_str(&format!("\n  {}  {}", date(t), t.title));
        }
        if docs.len() > 10 {
            text.push_str(&format!("\n  … and {} more", docs.len() - 10));
        }
        text.push_str("\nClick to follow it in every column (F3 / Shift+F3 to step).");
        text
    }

    /// Applies a command as if the user had asked for it (benchmarks, tests).
    pub fn apply_command(&mut self, command: Command) {
        self.apply(command);
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::ToggleColumn(i) => {
                if let Some(k) = self.columns.iter().position(|&c| c == i) {
                    self.columns.remove(k);
                } else {
                    if self.columns.len() >= MAX_COLUMNS {
                        self.columns.remove(0);
                    }
                    self.columns.push(i);
                    self.columns.sort_by_key(|&c| self.order.iter().position(|&o| o == c));
                }
                self.ws.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
            }
            Command::MoveColumn(k, dir) => {
                let to = k as isize + dir;
                if to >= 0 && (to as usize) < self.columns.len() {
                    self.columns.swap(k, to as usize);
                    self.ws.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
                }
            }
            Command::SelectPhrase(p) => {
                self.selected_phrase = Some(p);
                self.tl.lane_search = None; // the timeline's phrase lane follows the selection
                self.occurrence_cursor = 0;
                if let Some(set) = self.current().map(|i| Arc::clone(&i.set))
                    && let Some(phrase) = set.phrases.get(p as usize)
                {
                    self.ws.selected_phrase = Some(self.occurrence_text(&set, &phrase.occurrences[0]).to_string());
                    // Every column scrolls to its first occurrence.
                    for &c in &self.columns {
                        if let Some(o) = phrase.occurrences.iter().find(|o| o.doc as usize == c) {
                            self.scroll_to.insert(c, (set.occurrence_bytes(o).start, SCROLL_FRAMES));
                        }
                    }
                }
            }
            Command::StepOccurrence(forward) => {
                let Some(set) = self.current().map(|i| Arc::clone(&i.set)) else { return };
                let Some(phrase) = self.selected_phrase.and_then(|p| set.phrases.get(p as usize)) else { return };
                let n = phrase.occurrences.len();
                self.occurrence_cursor =
                    if forward { (self.occurrence_cursor + 1) % n } else { (self.occurrence_cursor + n - 1) % n };
                let o = &phrase.occurrences[self.occurrence_cursor];
                let doc = o.doc as usize;
                if !self.columns.contains(&doc) {
                    self.apply(Command::ToggleColumn(doc));
                }
                self.scroll_to.insert(doc, (set.occurrence_bytes(o).start, SCROLL_FRAMES));
            }
            Command::StepChange(forward) => {
                let Some(d) = &self.diff else { return };
                if d.changes.is_empty() {
                    return;
                }
                let n = d.changes.len();
                self.change_cursor =
                    if forward { (self.change_cursor + 1) % n } else { (self.change_cursor + n - 1) % n };
                let (a, b) = d.changes[self.change_cursor];
                self.scroll_to.insert(d.pair.0, (a, SCROLL_FRAMES));
                self.scroll_to.insert(d.pair.1, (b, SCROLL_FRAMES));
            }
            Command::Open(paths) => self.open(paths, false),
            Command::OpenDialog(kind) => {
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
                        Dialog::Folder => {
                            dialog.set_title("Open folder").pick_folder().map(|p| Picked::Transcripts(vec![p]))
                        }
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
                    };
                    let _ = tx.send(picked.unwrap_or(Picked::Nothing));
                    wake.request_repaint();
                });
                self.dialog = Some(rx);
            }
            Command::OptionsChanged => {
                self.indexer.set_options(self.ws.phrase_options());
            }
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Reload(path) => self.reload(path),
            Command::KeepOpenVersion(path) => self.watcher.settle(&path),
            Command::Remove(i) => {
                if i < self.corpus.len() {
                    let removed = self.corpus.remove(i);
                    if !self.ws.excluded.contains(&removed.path) {
                        self.ws.excluded.push(removed.path.clone());
                    }
                    self.ws.columns = self.workspace_now().columns;
                    self.ws.columns.retain(|p| p != &removed.path);
                    self.metadata_of = None;
                    self.list_anchor = None;
                    self.corpus_changed();
                }
            }
            Command::Search(c) => self.apply_search(c),
            Command::Notes(c) => self.apply_note(c),
            Command::Scrolled(col, byte) => {
                // In pair mode the other version follows, aligned on the
                // text the two share (the diff's equal runs are the anchors).
                if self.ws.sync_scroll
                    && self.pair_active()
                    && let Some(d) = &self.diff
                {
                    let from_old = col == d.pair.0;
                    let other = if from_old { d.pair.1 } else { d.pair.0 };
                    let key = |a: &(usize, usize)| if from_old { a.0 } else { a.1 };
                    let k = d.anchors.partition_point(|a| key(a) <= byte);
                    let target = match k.checked_sub(1).map(|k| d.anchors[k]) {
                        Some(a) if from_old => a.1 + (byte - a.0),
                        Some(a) => a.0 + (byte - a.1),
                        None => 0,
                    };
                    self.scroll_top.insert(other, target);
                }
            }
            c @ (Command::ShowSpeech(_)
            | Command::ShowText(..)
            | Command::SelectEvent(_)
            | Command::OpenEvents(_)
            | Command::ClearEvents) => self.apply_timeline(c),
        }
    }

    fn picked(&mut self, picked: Picked) {
        match picked {
            Picked::Transcripts(paths) => self.open(paths, false),
            Picked::OpenWorkspace(path) => match Workspace::load_from(&path) {
                Ok(ws) => self.load_workspace(ws),
                Err(e) => self.notifications.push(e),
            },
            Picked::SaveWorkspace(path) => {
                let ws = self.workspace_now();
                if let Err(e) = ws.save_to(&path) {
                    self.notifications.push(e);
                }
            }
            Picked::Events(path) => self.apply(Command::OpenEvents(path)),
            Picked::Export(kind, path) => match self.export_to(kind, &path) {
                Ok(message) => self.export_status = Some(message),
                Err(e) => self.notifications.push(e),
            },
            Picked::Nothing => {}
        }
    }

    /// The workspace as it stands, columns included.
    pub fn workspace_now(&self) -> Workspace {
        let mut ws = self.ws.clone();
        ws.columns = self.columns.iter().filter_map(|&c| self.corpus.get(c)).map(|t| t.path.clone()).collect();
        ws
    }

    /// Replaces the open sources and settings with a workspace's; sources
    /// that no longer exist are listed in the notifications.
    pub fn load_workspace(&mut self, ws: Workspace) {
        let (present, missing): (Vec<PathBuf>, Vec<PathBuf>) = ws.sources.iter().cloned().partition(|p| p.exists());
        for m in &missing {
            self.notifications.push(format!("{}: no longer exists; the rest of the workspace opened", m.display()));
        }
        self.ws = ws;
        if present.is_empty() {
            self.show_samples();
        } else {
            self.open(present, true);
        }
    }

    /// Draws the whole window into `ui`.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.apply_load_events();
        self.poll_file_changes();
        if let Some(r) = self.indexer.poll() {
            self.take_index_result(r);
        }
        if let Some(rx) = &self.dialog
            && let Ok(picked) = rx.try_recv()
        {
            self.dialog = None;
            self.picked(picked);
        }
        self.refresh_timeline();
        self.write_state_summary();
        if let Some(mut plan) = self.screenshot.take() {
            plan.tick(ui.ctx(), self.is_busy());
            self.screenshot = Some(plan);
        }
        let mut commands = Vec::new();
        self.keyboard(ui, &mut commands);
        egui::Panel::top("toolbar").show(ui, |ui| self.menu_and_toolbar(ui, &mut commands));
        self.file_changes_bar(ui, &mut commands);
        if !self.notifications.is_empty() {
            egui::Panel::bottom("notifications").resizable(true).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(format!("{} problem(s) with files", self.notifications.len()));
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
        if self.ws.timeline_panel {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(170.0)
                .show(ui, |ui| self.timeline_ui(ui, &mut commands));
        }
        self.search_ui(ui, &mut commands);
        egui::Panel::left("corpus").resizable(true).default_size(300.0).show(ui, |ui| {
            let listed =
                corpus_list(ui, &self.corpus, &self.order, &mut self.filter, &self.columns, &mut self.list_anchor);
            match listed {
                Some(ListCommand::Toggle(i)) => commands.push(Command::ToggleColumn(i)),
                Some(ListCommand::Show(list)) => {
                    for i in list.into_iter().filter(|i| !self.columns.contains(i)).take(MAX_COLUMNS) {
                        commands.push(Command::ToggleColumn(i));
                    }
                }
                Some(ListCommand::Remove(i)) => commands.push(Command::Remove(i)),
                Some(ListCommand::Reveal(i)) => {
                    if let Some(dir) = self.corpus.get(i).and_then(|t| t.path.parent().map(|p| p.to_path_buf())) {
                        ui.ctx().open_url(egui::OpenUrl::new_tab(format!("file://{}", dir.display())));
                    }
                }
                Some(ListCommand::Metadata(i)) => self.metadata_of = Some(i),
                None => {}
            }
        });
        if self.ws.phrases_panel
            && !self.pair_active()
            && let Some(set) = self.current().map(|i| i.set.clone())
        {
            egui::Panel::right("phrases").resizable(true).default_size(320.0).show(ui, |ui| {
                self.tracked_rows(ui, &mut commands);
                let mut sort = self.ws.phrase_sort;
                if let Some(p) = crate::ui::panels::phrases::phrases_panel(
                    ui,
                    &mut self.phrase_list,
                    &set,
                    &self.corpus,
                    &self.columns,
                    &mut sort,
                    self.ws.hide_formulas,
                    self.selected_phrase,
                ) {
                    commands.push(Command::SelectPhrase(p));
                }
                self.ws.phrase_sort = sort;
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.draw_columns(ui, &mut commands));
        self.metadata_window(ui.ctx());
        self.event_window(ui.ctx(), &mut commands);
        self.notes_ui(ui.ctx(), &mut commands);
        for c in commands {
            self.apply(c);
        }
    }

    fn draw_columns(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.tl.hovered_column = None;
        if self.columns.is_empty() {
            ui.centered_and_justified(|ui| ui.label("Tick transcripts in the list to compare them side by side."));
            return;
        }
        let columns = self.columns.clone();
        // Found once a frame: it walks the matches up to the cursor.
        let current_match = self.search.current_match(self.corpus_version);
        self.refresh_note_anchors();
        let inputs: Vec<(u64, Arc<Vec<Styled>>)> = columns.iter().map(|&c| self.styles_for(c)).collect();
        let selected = self.selected_phrase.and_then(|p| self.current().and_then(|i| i.set.phrases.get(p as usize)));
        let absent: Vec<bool> = columns
            .iter()
            .map(|&c| selected.is_some_and(|p| !p.occurrences.iter().any(|o| o.doc as usize == c)))
            .collect();
        let n = columns.len();
        // Columns share the width evenly until the splitters between them
        // are dragged (double-click a splitter to even them out again).
        if self.widths.len() != n {
            self.widths = vec![1.0 / n as f32; n];
        }
        let area = ui.available_rect_before_wrap();
        let gap = 10.0;
        let total = (area.width() - gap * (n as f32 - 1.0)).max(1.0);
        let mut rects = Vec::with_capacity(n);
        let mut x = area.left();
        for w in &self.widths {
            let w = total * w;
            rects.push(egui::Rect::from_min_max(egui::pos2(x, area.top()), egui::pos2(x + w, area.bottom())));
            x += w + gap;
        }
        for (k, left) in rects.iter().take(n.saturating_sub(1)).enumerate() {
            let sx = left.right() + gap / 2.0;
            let handle = egui::Rect::from_center_size(egui::pos2(sx, area.center().y), egui::vec2(gap, area.height()));
            let response = ui
                .interact(handle, ui.scope_id().with(("splitter", k)), egui::Sense::click_and_drag())
                .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
            if response.dragged() {
                let min = 0.08;
                let pair = self.widths[k] + self.widths[k + 1];
                let a = (self.widths[k] + response.drag_delta().x / total).clamp(min, pair - min);
                self.widths[k] = a;
                self.widths[k + 1] = pair - a;
            }
            if response.double_clicked() {
                self.widths = vec![1.0 / n as f32; n];
            }
            let stroke = if response.hovered() || response.dragged() {
                ui.visuals().widgets.hovered.fg_stroke
            } else {
                ui.visuals().widgets.noninteractive.bg_stroke
            };
            ui.painter().vline(sx, area.y_range(), stroke);
        }
        {
            for (k, rect) in rects.iter().enumerate() {
                let mut child = ui
                    .new_child(egui::UiBuilder::new().max_rect(*rect).layout(egui::Layout::top_down(egui::Align::Min)));
                let ui = &mut child;
                // Nothing of a narrow column spills into its neighbour.
                ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                let c = columns[k];
                let t = self.corpus[c].clone();
                if ui.rect_contains_pointer(*rect) {
                    self.tl.hovered_column = Some(c);
                }
                let header_top = ui.cursor().top();
                ui.horizontal(|ui| {
                    if k > 0 && ui.small_button("<").on_hover_text("Move left").clicked() {
                        commands.push(Command::MoveColumn(k, -1));
                    }
                    if k + 1 < n && ui.small_button(">").on_hover_text("Move right").clicked() {
                        commands.push(Command::MoveColumn(k, 1));
                    }
                    if ui.small_button("×").on_hover_text("Close column").clicked() {
                        commands.push(Command::ToggleColumn(c));
                    }
                });
                ui.strong(t.date.map(|d| d.display()).unwrap_or_else(|| "undated".into()));
                ui.add(egui::Label::new(egui::RichText::new(&t.title).strong()).truncate()).on_hover_text(format!(
                    "{}\n{}",
                    t.title,
                    t.path.display()
                ));
                ui.label(egui::RichText::new(t.speaker.as_deref().unwrap_or("")).weak());
                if absent[k] {
                    ui.colored_label(ui.visuals().warn_fg_color, "not in this speech");
                }
                self.flash_header(ui, c, egui::Rect::from_x_y_ranges(rect.x_range(), header_top..=ui.cursor().top()));
                ui.separator();
                let mut layout = self.layouts.remove(&c).unwrap_or_default();
                let note_marks = self.notes.marks(c);
                let describe = |p: u32| self.describe(p);
                let input = ColumnInput {
                    transcript: &t,
                    styles: &inputs[k].1,
                    styles_version: inputs[k].0,
                    scroll_to: self.scroll_to.get(&c).map(|&(byte, _)| byte),
                    scroll_top: self.scroll_top.get(&c).copied(),
                    describe: &describe,
                    mark: self.tl.mark.as_ref().filter(|(d, _)| *d == c).map(|(_, r)| r.clone()),
                    marks: self.search.marks(self.corpus_version, c),
                    current_mark: current_match.clone().filter(|(d, _)| *d == c).map(|(_, r)| r),
                    note_marks: &note_marks,
                };
                let id = ui.scope_id().with(("column", &t.path));
                match column_body(ui, id, &input, &mut layout) {
                    Some(ColumnEvent::SelectPhrase(p)) => commands.push(Command::SelectPhrase(p)),
                    Some(ColumnEvent::Scrolled(b)) => commands.push(Command::Scrolled(c, b)),
                    Some(ColumnEvent::NoteAt(b)) => commands.push(Command::Notes(NoteCommand::NewOnRange(
                        c,
                        crate::core::notes::sentence_at(&t.body, &t.paragraphs, b),
                    ))),
                    Some(ColumnEvent::NotePhrase(p)) => commands.push(Command::Notes(NoteCommand::NewOnPhrase(
                        self.current()
                            .and_then(|i| {
                                Some(self.occurrence_text(&i.set, i.set.phrases.get(p as usize)?.occurrences.first()?))
                            })
                            .unwrap_or_default()
                            .to_string(),
                    ))),
                    None => {}
                }
                self.offsets.insert(c, layout.offset);
                self.layouts.insert(c, layout);
            }
        }
        ui.allocate_rect(area, egui::Sense::hover());
        self.scroll_to.retain(|_, (_, frames)| {
            *frames -= 1;
            *frames > 0
        });
        if !self.scroll_to.is_empty() {
            ui.ctx().request_repaint();
        }
        self.scroll_top.clear();
    }
}

impl eframe::App for RefrainApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
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
