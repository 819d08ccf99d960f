//! The app's side of the timeline: building the core [`Timeline`] in the
//! background when the corpus or the events change, keeping its phrase lane
//! in step with the selection (a phrase, or a pinned search), placing the
//! notes on its entries, the events files of the workspace (read and parsed
//! on a thread of their own, so a large one never holds up a frame), the
//! event details window, and applying what a click on the timeline asks for.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::{Command, RefrainApp, SCROLL_FRAMES};
use crate::core::notes::Note;
use crate::core::search::SearchResults;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::events::{Event, EventsError, EventsFile, load_events};
use crate::core::timeline::model::{EntryKind, Lane, Timeline};
use crate::core::timeline::notes::EntryNotes;
use crate::ui::panels::notes::NoteCommand;
use crate::ui::panels::search::TrackedSearch;
use crate::ui::panels::timeline::{self as panel, PanelInput, PanelState};
use crate::ui::workers::file_read::{FileRead, Stopped};

/// What a timeline's lanes were built from: the corpus and the events as
/// they were then.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct BuildKey {
    /// The corpus version.
    corpus_version: u64,
    /// The events generation (counts loads of the events files).
    events_generation: u64,
}

/// What the phrase lane was last filled for.
#[derive(Clone, PartialEq)]
struct PhraseKey {
    /// The phrase set's generation.
    index_generation: u64,
    /// The selected phrase.
    selected_phrase: Option<u32>,
    /// The lanes it was filled in.
    built_for: BuildKey,
    /// The pinned search shown, with its results by address (new results
    /// are a new allocation).
    search: Option<(TrackedSearch, Option<usize>)>,
}

/// What the notes were placed on the timeline for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PlacedKey {
    /// The lanes' generation.
    model_generation: u64,
    /// The notes' version.
    notes_version: u64,
    /// The corpus version.
    corpus_version: u64,
}

/// How long a column header flashes after the timeline opened it, in seconds.
const FLASH_SECONDS: f64 = 1.6;

/// The bad rows of one events file listed one by one in the notifications;
/// the rest are counted in one more line (a file of thousands of bad rows
/// must not make every frame lay out thousands of lines).
const LISTED_BAD_ROWS: usize = 100;

/// The events files being read: one answer per file.
type EventsRead = FileRead<Result<EventsFile, EventsError>>;

/// What reading the events files answered: each file's events or why not,
/// in the files' order.
type EventsAnswer = Result<Vec<Result<EventsFile, EventsError>>, Stopped>;

/// The timeline's state in the app.
#[derive(Default)]
pub struct TimelineUi {
    /// The lanes for the current corpus and events (phrase lane included).
    pub model: Arc<Timeline>,
    /// What `model` was built from.
    built_for: Option<BuildKey>,
    /// A build running in the background, and what it is for.
    building: Option<(BuildKey, Receiver<Timeline>)>,
    /// The events read from the workspace's files (shared with the build
    /// thread), and the files they came from.
    events: Arc<Vec<Event>>,
    loaded_files: Option<Vec<PathBuf>>,
    events_generation: u64,
    /// The workspace's events files being read on a thread, when they
    /// changed since `loaded_files`.
    events_read: Option<EventsRead>,
    /// What the phrase lane shows.
    phrase_key: Option<PhraseKey>,
    /// The pinned search the phrase lane shows instead of the selected
    /// phrase (until a phrase is selected).
    pub lane_search: Option<TrackedSearch>,
    /// Counts changes of `model`, for the notes placed on it.
    model_generation: u64,
    /// Where the notes are on the timeline, and for what.
    placed: Option<(PlacedKey, Arc<EntryNotes>)>,
    /// The panel's view and cursor.
    pub panel: PanelState,
    /// The selected event (index into the events lane).
    pub selected_event: Option<usize>,
    /// A column header to flash, and when it started.
    pub flash: Option<(usize, f64)>,
    /// Text highlighted in a column (a mention's sentence, a phrase).
    pub mark: Option<(usize, Range<usize>)>,
    /// The column under the pointer in the last frame.
    pub hovered_column: Option<usize>,
    /// The last entry opened from the timeline: its kind and speech.
    pub last_opened: Option<(EntryKind, Option<usize>)>,
}

impl TimelineUi {
    /// True while the events files are read or the lanes built.
    pub fn busy(&self) -> bool {
        self.building.is_some() || self.events_read.is_some()
    }

    /// While the events files are read: which one, in words
    /// (`reading events NAME…`).
    pub fn reading_events(&self) -> Option<String> {
        self.events_read.as_ref().map(|r| r.progress("events"))
    }
}

impl RefrainApp {
    /// Reads the workspace's events files (on a thread) when they changed,
    /// starts a background build when the corpus or events changed, takes a
    /// finished build, and refreshes the phrase lane.
    pub(super) fn refresh_timeline(&mut self) {
        self.refresh_events();
        if let Some((key, rx)) = &self.timeline.building {
            match rx.try_recv() {
                Ok(model) => {
                    let key = *key;
                    self.timeline.building = None;
                    self.timeline.model = Arc::new(model);
                    self.timeline.built_for = Some(key);
                    self.timeline.phrase_key = None;
                    self.timeline.model_generation += 1;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.timeline.building = None,
            }
        }
        let want = BuildKey { corpus_version: self.corpus_version, events_generation: self.timeline.events_generation };
        // Wait for a whole corpus: files arrive one by one while loading.
        if self.loader.is_none()
            && self.timeline.built_for != Some(want)
            && self.timeline.building.as_ref().is_none_or(|b| b.0 != want)
        {
            let (tx, rx) = std::sync::mpsc::channel();
            let corpus = self.corpus.clone();
            let events = Arc::clone(&self.timeline.events);
            let wake = self.ctx.clone();
            std::thread::spawn(move || {
                crate::ui::workers::priority::background_thread();
                let _ = tx.send(Timeline::build(&corpus, &events));
                wake.request_repaint();
            });
            self.timeline.building = Some((want, rx));
        }
        // A pinned search shown on the phrase lane goes when it is unpinned.
        if self.timeline.lane_search.as_ref().is_some_and(|t| !self.workspace.tracked_searches.contains(t)) {
            self.timeline.lane_search = None;
        }
        let search = self.timeline.lane_search.clone().map(|t| {
            let results = self.lane_search_results(&t);
            (t, results)
        });
        let phrase_key = PhraseKey {
            index_generation: self.index_generation,
            selected_phrase: self.selected_phrase,
            built_for: self.timeline.built_for.unwrap_or_default(),
            search: search.as_ref().map(|(t, r)| (t.clone(), r.as_ref().map(|r| Arc::as_ptr(r) as usize))),
        };
        if self.timeline.built_for.is_some() && self.timeline.phrase_key.as_ref() != Some(&phrase_key) {
            let set = self.current().map(|i| Arc::clone(&i.set));
            let phrase =
                set.as_deref().zip(self.selected_phrase).and_then(|(s, p)| Some((s, s.phrases.get(p as usize)?)));
            let model = Arc::make_mut(&mut self.timeline.model);
            match &search {
                // Until its results arrive, the lane is empty.
                Some((_, results)) => {
                    model.set_search(&self.corpus, results.as_deref().unwrap_or(&SearchResults::default()))
                }
                None => model.set_phrase(&self.corpus, phrase),
            }
            self.timeline.phrase_key = Some(phrase_key);
            self.timeline.model_generation += 1;
        }
    }

    /// Reads the workspace's events files on a thread when they changed,
    /// and takes the events once read. A read for a list the workspace no
    /// longer has is dropped for one of the new list; the events shown
    /// until then stay. Never waits on a file, and never takes the answer
    /// in the frame that asked for it.
    fn refresh_events(&mut self) {
        if let Some(read) = &mut self.timeline.events_read {
            if read.files() != self.workspace.events_files.as_slice() {
                self.timeline.events_read = None; // superseded: its thread finishes unheard
            } else if let Some(answer) = read.poll() {
                let files = read.files().to_vec();
                self.timeline.events_read = None;
                self.take_events(files, answer);
            }
        }
        if self.timeline.events_read.is_none()
            && self.timeline.loaded_files.as_ref() != Some(&self.workspace.events_files)
        {
            let files = self.workspace.events_files.clone();
            if files.is_empty() {
                self.take_events(files, Ok(Vec::new()));
            } else {
                let wake = self.ctx.clone();
                let read = FileRead::start(files, "refrain-events", move || wake.request_repaint(), load_events);
                self.timeline.events_read = Some(read);
            }
        }
    }

    /// The events read from `files` (one answer each): they replace the
    /// events shown, and each bad row and unreadable file is told in the
    /// notifications (the bad rows of a file up to [`LISTED_BAD_ROWS`]).
    fn take_events(&mut self, files: Vec<PathBuf>, answer: EventsAnswer) {
        let mut events = Vec::new();
        match answer {
            Ok(answers) => {
                for (f, answer) in files.iter().zip(answers) {
                    match answer {
                        Ok(file) => {
                            for bad in file.skipped.iter().take(LISTED_BAD_ROWS) {
                                self.notifications.push(format!("{}: {bad}; skipped", f.display()));
                            }
                            if let Some(more) = file.skipped.len().checked_sub(LISTED_BAD_ROWS).filter(|&n| n > 0) {
                                self.notifications.push(format!(
                                    "{}: {more} more bad rows skipped (the first {LISTED_BAD_ROWS} are listed above)",
                                    f.display()
                                ));
                            }
                            events.extend(file.events);
                        }
                        Err(e) => self.notifications.push(e.to_string()),
                    }
                }
            }
            Err(stopped) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                self.notifications.push(format!("{}: {stopped}", names.join(", ")));
            }
        }
        self.timeline.events = Arc::new(events);
        self.timeline.loaded_files = Some(files);
        self.timeline.events_generation += 1;
        self.timeline.selected_event = None;
    }

    /// The results of a pinned search, when they arrived for this corpus.
    fn lane_search_results(&self, t: &TrackedSearch) -> Option<Arc<SearchResults>> {
        let mut all = self.search.tracked_results(&self.workspace.tracked_searches, self.corpus_version)?;
        all.find(|(s, _)| *s == t).map(|(_, r)| r.clone())
    }

    /// What the phrase lane shows, in words: the selected phrase as first
    /// used, or `search: ` and a pinned search's query.
    pub fn phrase_lane_label(&self) -> Option<String> {
        if let Some(t) = &self.timeline.lane_search {
            return Some(format!("search: {}", t.query));
        }
        self.selected_phrase_text()
    }

    /// The selected phrase's words as first used, white space collapsed.
    fn selected_phrase_text(&self) -> Option<String> {
        let set = &self.current()?.set;
        let o = set.phrases.get(self.selected_phrase? as usize)?.occurrences.first()?;
        Some(self.occurrence_text(set, o).split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Where the workspace's notes are on the timeline (cached until the
    /// lanes, the notes or the corpus change).
    pub fn timeline_notes(&mut self) -> Arc<EntryNotes> {
        let key = PlacedKey {
            model_generation: self.timeline.model_generation,
            notes_version: self.notes.version,
            corpus_version: self.corpus_version,
        };
        if let Some((k, placed)) = &self.timeline.placed
            && *k == key
        {
            return placed.clone();
        }
        // Notes on a phrase land on the lane's uses only when it shows that phrase.
        let phrase = if self.timeline.lane_search.is_none() { self.selected_phrase_text() } else { None };
        // Notes on speeches find them by path among the corpus's documents:
        // not on lanes built from an earlier corpus (their documents are
        // that corpus's; the lanes of this one are on their way), and not
        // when there are no notes (the paths of a large corpus take long).
        let lanes_current = self.timeline.built_for.is_some_and(|k| k.corpus_version == self.corpus_version);
        let corpus: &[Arc<Transcript>] =
            if lanes_current && !self.workspace.notes.is_empty() { &self.corpus } else { &[] };
        let placed = Arc::new(EntryNotes::new(&self.timeline.model, corpus, &self.workspace.notes, phrase.as_deref()));
        self.timeline.placed = Some((key, placed.clone()));
        placed
    }

    /// Waits for the events files being read and for a timeline build in
    /// flight (tests and screenshots).
    pub(super) fn wait_for_timeline(&mut self) {
        self.refresh_timeline();
        if let Some(read) = self.timeline.events_read.take() {
            let files = read.files().to_vec();
            let answer = read.wait();
            self.take_events(files, answer);
            self.refresh_timeline(); // the build with them
        }
        if let Some((key, rx)) = self.timeline.building.take()
            && let Ok(model) = rx.recv()
        {
            self.timeline.model = Arc::new(model);
            self.timeline.built_for = Some(key);
            self.timeline.phrase_key = None;
            self.timeline.model_generation += 1;
        }
        self.refresh_timeline();
    }

    /// The panel at the bottom of the window.
    pub(super) fn timeline_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let model = self.timeline.model.clone();
        let window = self.workspace.event_window_days;
        let selected_event = self.timeline.selected_event.filter(|&k| k < model.events.len());
        let highlighted =
            selected_event.map(|k| model.speeches_near(&model.events[k].days, window)).unwrap_or_default();
        let placed = self.timeline_notes();
        let pinned: Vec<String> = self.workspace.tracked_searches.iter().map(|t| t.query.clone()).collect();
        let lane_search = self
            .timeline
            .lane_search
            .as_ref()
            .and_then(|t| self.workspace.tracked_searches.iter().position(|s| s == t));
        let input = PanelInput {
            timeline: &model,
            corpus: &self.corpus,
            columns: &self.columns,
            highlighted: &highlighted,
            selected_event: selected_event.map(|k| (k, window)),
            hovered_doc: self.timeline.hovered_column,
            events_loaded: self.workspace.events_files.len(),
            building: self.timeline.building.is_some(),
            reading_events: self.timeline.reading_events(),
            notes: &self.workspace.notes,
            placed: &placed,
            pinned: &pinned,
            lane_search,
            fields: &self.workspace.fields,
            corpus_version: self.corpus_version,
        };
        panel::timeline_ui(ui, &mut self.timeline.panel, &input, commands);
    }

    /// A new note on a timeline entry: a speech note, an event note, or a
    /// note on a mention's sentence or a phrase use (a range of its speech).
    fn note_for_entry(&self, model: &Timeline, lane: Lane, i: usize) -> Option<Note> {
        let e = model.lane(lane).get(i)?;
        let t = e.doc.and_then(|d| self.corpus.get(d));
        let (text, tags) = (String::new(), Vec::new());
        Some(match lane {
            Lane::Speeches => Note::on_speech(t?, text, tags),
            Lane::Events => Note::on_event(&e.date_label(), &e.title, text, tags),
            Lane::Mentioned => Note::on_range(t?, e.sentence.clone().or(e.bytes.clone())?, text, tags),
            Lane::Phrase => Note::on_range(t?, e.bytes.clone()?, text, tags),
        })
    }

    /// The details of the selected event: description, link, and the
    /// speeches given within the chosen window around it.
    pub(super) fn event_window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let model = self.timeline.model.clone();
        let Some(e) = self.timeline.selected_event.and_then(|k| model.events.get(k)) else { return };
        let mut open = true;
        let window = crate::ui::panels::windows::window(ctx, crate::ui::panels::windows::AppWindow::Event, "Event");
        window.open(&mut open).resizable(true).default_width(360.0).show(ctx, |ui| {
            use crate::ui::bidi::{isolate, label};
            ui.label(label(ui, egui::RichText::new(isolate(&e.title)).heading()));
            ui.label(e.date_label());
            if !e.detail.is_empty() {
                ui.label(label(ui, isolate(&e.detail)));
            }
            if let Some(url) = &e.url {
                // Only web and mail links are handed to the system's opener:
                // a `file:`, `javascript:` or `smb:` link from an events file is text.
                match crate::core::text::links::safe_link(url) {
                    Some(link) => {
                        ui.hyperlink(link);
                    }
                    None => {
                        ui.label(isolate(url)).on_hover_text(crate::core::text::links::NOT_OPENED);
                    }
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let l = ui.label("Speeches within ±");
                ui.add(egui::DragValue::new(&mut self.workspace.event_window_days).range(0..=3650)).labelled_by(l.id);
                ui.label("days:");
            });
            let near = model.speeches_near(&e.days, self.workspace.event_window_days);
            if near.is_empty() {
                ui.label(egui::RichText::new("none").weak());
            }
            egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                for d in near {
                    let Some(t) = self.corpus.get(d) else { continue };
                    let date = t.date.map(|d| d.display()).unwrap_or_default();
                    if ui.link(label(ui, format!("{date}  {}", isolate(&t.title)))).clicked() {
                        commands.push(Command::ShowSpeech(d));
                    }
                }
            });
        });
        if !open {
            commands.push(Command::SelectEvent(None));
        }
    }

    /// Paints the flash over a column header that the timeline just opened.
    pub(super) fn flash_header_ui(&self, ui: &egui::Ui, col: usize, header: egui::Rect) {
        let Some((c, started)) = self.timeline.flash else { return };
        let age = ui.input(|i| i.time) - started;
        if c != col || !(0.0..FLASH_SECONDS).contains(&age) {
            return;
        }
        let alpha = (1.0 - age / FLASH_SECONDS) as f32;
        let color = ui.visuals().selection.bg_fill.gamma_multiply(0.6 * alpha);
        ui.painter().rect_filled(header, 4.0, color);
        ui.painter().rect_stroke(
            header,
            4.0,
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color.gamma_multiply(alpha)),
            egui::StrokeKind::Inside,
        );
        ui.ctx().request_repaint();
    }

    /// Applies the timeline's commands: what a click on the timeline, or on
    /// a speech near the selected event, asks for.
    pub(super) fn apply_timeline(&mut self, command: Command) {
        match command {
            Command::ShowSpeech(doc) => {
                self.show_column(doc);
                self.timeline.last_opened = Some((EntryKind::Speech, Some(doc)));
            }
            Command::ShowText(kind, doc, bytes) => {
                self.show_column(doc);
                self.scroll_to.insert(doc, (bytes.start, SCROLL_FRAMES));
                self.timeline.mark = Some((doc, bytes));
                self.timeline.last_opened = Some((kind, Some(doc)));
            }
            Command::SelectEvent(k) => {
                self.timeline.selected_event = k;
                if k.is_some() {
                    self.timeline.last_opened = Some((EntryKind::Event, None));
                }
            }
            Command::OpenEvents(path) if !self.workspace.events_files.contains(&path) => {
                self.workspace.events_files.push(path)
            }
            Command::ClearEvents => self.workspace.events_files.clear(),
            Command::OpenEntry(lane, i) => {
                if let Some(c) = open_entry(&self.timeline.model, lane, i) {
                    self.apply(c);
                }
            }
            Command::NoteOnEntry(lane, i) => {
                let model = self.timeline.model.clone();
                if let Some(note) = self.note_for_entry(&model, lane, i) {
                    self.apply(Command::Notes(NoteCommand::New(note)));
                }
            }
            Command::ShowEntryNotes(lane, i) => match self.timeline_notes().of(lane, i) {
                [k] => self.apply(Command::Notes(NoteCommand::Edit(*k))),
                _ => self.notes.open = true,
            },
            Command::PhraseLane(k) => {
                self.timeline.lane_search = k.and_then(|k| self.workspace.tracked_searches.get(k).cloned());
            }
            _ => {}
        }
    }

    /// Shows a speech as a column (replacing the leftmost when all
    /// columns are taken) and flashes its header.
    fn show_column(&mut self, doc: usize) {
        if doc >= self.corpus.len() {
            return;
        }
        if !self.columns.contains(&doc) {
            self.apply(Command::ToggleColumn(doc));
        }
        self.timeline.flash = Some((doc, self.ctx.input(|i| i.time)));
    }

    /// The timeline's part of the state summary.
    pub(super) fn timeline_summary(&mut self) -> serde_json::Value {
        let placed = self.timeline_notes();
        let noted = Lane::ALL
            .iter()
            .map(|&l| (0..self.timeline.model.lane(l).len()).filter(|&i| !placed.of(l, i).is_empty()).count())
            .sum::<usize>();
        let m = &self.timeline.model;
        let path = |d: usize| self.corpus.get(d).map(|t| t.path.display().to_string());
        let markers: Vec<serde_json::Value> = self
            .timeline
            .panel
            .markers
            .iter()
            .filter(|k| k.lane == Lane::Speeches)
            .filter_map(|k| {
                let doc = m.speeches.get(k.index)?.doc?;
                Some(serde_json::json!({"path": path(doc)?, "x": k.pos.x, "y": k.pos.y}))
            })
            .collect();
        serde_json::json!({
            "ready": self.timeline.built_for.is_some() && !self.timeline.busy(),
            "speeches": m.speeches.len(),
            "events": m.events.len(),
            "mentioned": m.mentioned.len(),
            "phrase": m.phrase.len(),
            "events_files": self.workspace.events_files,
            "reading_events": self.timeline.reading_events(),
            "selected_event": self.timeline.selected_event.and_then(|k| m.events.get(k)).map(|e| e.title.clone()),
            "last_opened": self.timeline.last_opened.map(|(kind, doc)| serde_json::json!({
                "kind": kind.as_str(),
                "path": doc.and_then(path),
            })),
            "marked": self.timeline.mark.as_ref().map(|(d, r)| serde_json::json!({"path": path(*d), "start": r.start, "end": r.end})),
            "speech_markers": markers,
            "plot": self.timeline.panel.plot.map(|r| [r.left(), r.top(), r.right(), r.bottom()]),
            "notes": self.workspace.notes.len(),
            "noted_entries": noted,
            "lane_search": self.timeline.lane_search.as_ref().map(|t| t.query.clone()),
        })
    }
}

/// The command that opens an entry of a lane.
fn open_entry(model: &Timeline, lane: Lane, i: usize) -> Option<Command> {
    let e = model.lane(lane).get(i)?;
    match lane {
        Lane::Speeches => Some(Command::ShowSpeech(e.doc?)),
        Lane::Events => Some(Command::SelectEvent(Some(i))),
        Lane::Mentioned => Some(Command::ShowText(EntryKind::Mention, e.doc?, e.sentence.clone().or(e.bytes.clone())?)),
        Lane::Phrase => Some(Command::ShowText(EntryKind::Phrase, e.doc?, e.bytes.clone()?)),
    }
}
