//! What the user can ask of the window ([`Command`]): the panels push
//! commands while drawing and the app applies them after the frame, so a
//! frame draws one consistent state.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Dialog, MAX_COLUMNS, RefrainApp, SCROLL_FRAMES};

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
    /// Text selected with the mouse in a column (corpus position), or the
    /// selection cleared.
    SelectText(usize, Option<std::ops::Range<usize>>),
    /// Close the window (the workspace is saved on the way out).
    Quit,
    /// Close a transcript; it stays out of this workspace.
    Remove(usize),
    /// Show what the importer found about a transcript (corpus position).
    ShowMetadata(usize),
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
    /// Open a workspace file in place of the open workspace (read on a
    /// thread; `file_reads`).
    OpenWorkspace(PathBuf),
    /// Remove every events file from the workspace.
    ClearEvents,
    /// Open a timeline entry (clicked, or Enter on the keyboard cursor):
    /// its lane and its index in it.
    OpenEntry(crate::core::timeline::model::Lane, usize),
    /// Start a note on a timeline entry (its context menu): lane and index.
    NoteOnEntry(crate::core::timeline::model::Lane, usize),
    /// Show the notes on a timeline entry (its note flag): lane and index.
    ShowEntryNotes(crate::core::timeline::model::Lane, usize),
    /// Show this on the timeline's phrase lane: `None` the selected phrase,
    /// `Some(k)` pinned search `k`.
    PhraseLane(Option<usize>),
    /// Split the timeline's speeches into a lane per value of this field
    /// (`None`: one speeches lane).
    SpeechLanes(Option<String>),
    /// Something asked of the search panel.
    Search(crate::ui::panels::search::SearchCommand),
    /// Something about notes.
    Notes(crate::ui::panels::notes::NoteCommand),
    /// Show the speeches using a phrase (index into the current phrase
    /// set) as the columns, the earliest first (as many as fit), and
    /// select the phrase.
    ShowPhraseSpeeches(u32),
    /// Show two speeches (corpus positions) as the only columns, in pair
    /// mode (a reuse map's cell).
    OpenPair(usize, usize),
    /// Show these speeches (corpus positions) as the only columns, in
    /// date order and not in pair mode (a Speakers window phrase's two
    /// speeches).
    ShowColumns(Vec<usize>),
    /// Open the dispersion window on the search's matches or the selected phrase.
    ShowDispersion(crate::ui::panels::dispersion::DispersionOf),
    /// Locate or remove a source that was not found (the list's missing rows).
    Source(crate::ui::panels::corpus_list::SourceCommand),
}

impl RefrainApp {
    /// Applies a command as if the user had asked for it (benchmarks, tests).
    pub fn apply_command(&mut self, command: Command) {
        self.apply(command);
    }

    /// Does what `command` asks; called for each command after the frame
    /// that drew the request.
    pub(super) fn apply(&mut self, command: Command) {
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
                    self.reveal_column = Some(i);
                }
                self.workspace.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
            }
            Command::MoveColumn(k, dir) => {
                let to = k as isize + dir;
                if to >= 0 && (to as usize) < self.columns.len() {
                    self.columns.swap(k, to as usize);
                    self.workspace.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
                }
            }
            Command::SelectPhrase(p) => {
                self.selected_phrase = Some(p);
                self.timeline.lane_search = None; // the timeline's phrase lane follows the selection
                self.occurrence_cursor = 0;
                if let Some(set) = self.current().map(|i| Arc::clone(&i.set))
                    && let Some(phrase) = set.phrases.get(p as usize)
                {
                    self.workspace.selected_phrase =
                        Some(self.occurrence_text(&set, &phrase.occurrences[0]).to_string());
                    // Every column scrolls to its first occurrence.
                    for &c in &self.columns {
                        if let Some(o) = phrase.occurrences.iter().find(|o| o.doc as usize == c) {
                            self.scroll_to.insert(c, (set.occurrence_bytes(o).start, SCROLL_FRAMES));
                        }
                    }
                }
            }
            Command::ShowPhraseSpeeches(p) => {
                let Some(set) = self.current().map(|i| Arc::clone(&i.set)) else { return };
                let Some(phrase) = set.phrases.get(p as usize) else { return };
                // Occurrences are in chronological order: the first
                // speeches met are the earliest.
                let mut docs: Vec<usize> = Vec::new();
                for o in phrase.occurrences.iter() {
                    let d = o.doc as usize;
                    if d < self.corpus.len() && !docs.contains(&d) {
                        docs.push(d);
                        if docs.len() == MAX_COLUMNS {
                            break;
                        }
                    }
                }
                if docs.is_empty() {
                    return;
                }
                self.columns = docs;
                self.workspace.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
                self.reveal_column = self.columns.first().copied();
                self.apply(Command::SelectPhrase(p));
            }
            Command::ShowDispersion(of) => {
                self.dispersion.open = true;
                self.dispersion.of = of;
            }
            Command::ShowColumns(docs) => {
                let mut docs: Vec<usize> = docs.into_iter().filter(|&d| d < self.corpus.len()).collect();
                docs.sort_by_key(|&c| self.order.iter().position(|&o| o == c));
                docs.dedup();
                docs.truncate(MAX_COLUMNS);
                if docs.is_empty() {
                    return;
                }
                self.columns = docs;
                self.workspace.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
                self.workspace.pair_mode = false;
                self.reveal_column = self.columns.first().copied();
            }
            Command::OpenPair(a, b) => {
                if a == b || a >= self.corpus.len() || b >= self.corpus.len() {
                    return;
                }
                let rank = |c: usize| self.order.iter().position(|&o| o == c);
                self.columns = if rank(a) <= rank(b) { vec![a, b] } else { vec![b, a] };
                self.workspace.columns = self.columns.iter().map(|&c| self.corpus[c].path.clone()).collect();
                self.workspace.pair_mode = true;
                self.reveal_column = self.columns.first().copied();
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
            Command::StepChange(forward) => self.step_change(forward),
            Command::Open(paths) => self.open(paths, false),
            Command::OpenDialog(kind) => self.open_dialog(kind),
            Command::OpenWorkspace(path) => self.read_workspace(path),
            Command::OptionsChanged => {
                self.indexer.set_options(self.workspace.phrase_options.clone());
            }
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Reload(path) => self.reload(path),
            Command::KeepOpenVersion(path) => self.watcher.settle(&path),
            Command::Remove(i) => {
                if i < self.corpus.len() {
                    let removed = self.corpus.remove(i);
                    if !self.workspace.excluded.contains(&removed.path) {
                        self.workspace.excluded.push(removed.path.clone());
                    }
                    self.workspace.columns = self.workspace_now().columns;
                    self.workspace.columns.retain(|p| p != &removed.path);
                    self.metadata_of = None;
                    self.list_anchor = None;
                    self.corpus_changed();
                }
            }
            Command::ShowMetadata(i) => self.metadata_of = Some(i),
            Command::SpeechLanes(field) => self.workspace.fields.lanes_by = field,
            Command::Search(c) => self.apply_search(c),
            Command::Source(c) => self.apply_source_command(c),
            Command::Notes(c) => self.apply_note(c),
            Command::SelectText(col, range) => self.text_selection = range.map(|r| (col, r)),
            // In pair mode the other version follows.
            Command::Scrolled(col, byte) => self.follow_scroll(col, byte),
            c @ (Command::ShowSpeech(_)
            | Command::ShowText(..)
            | Command::SelectEvent(_)
            | Command::OpenEvents(_)
            | Command::ClearEvents
            | Command::OpenEntry(..)
            | Command::NoteOnEntry(..)
            | Command::ShowEntryNotes(..)
            | Command::PhraseLane(_)) => self.apply_timeline(c),
        }
    }
}
