//! Notes in the window: the editor that opens from a right-click in a
//! column (a sentence, or a highlighted phrase), on a search result or on a
//! timeline entry, and
//! the Notes window listing every note with click-to-jump, the ones whose
//! file changed flagged.

use std::ops::Range;
use std::sync::Arc;

use crate::core::notes::{Anchor, Note, NoteTarget};
use crate::core::text::transcript::Transcript;
use crate::ui::app::Command;

/// What the user asked for about notes, applied after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum NoteCommand {
    /// Start a note on a range of a transcript (corpus position).
    NewOnRange(usize, Range<usize>),
    /// Start a note on a recurring phrase (its text).
    NewOnPhrase(String),
    /// Start a note whose target is already made (a timeline entry: a
    /// speech, an event, a mention's sentence, a phrase use).
    New(Note),
    /// Edit note `k`.
    Edit(usize),
    /// Save the note being written.
    Save,
    /// Drop the note being written.
    Cancel,
    /// Delete note `k`.
    Delete(usize),
    /// Show what note `k` is about.
    Jump(usize),
}

/// A note being written or edited.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The note as it will be saved (its target fixed, text and tags typed).
    pub note: Note,
    /// The tags as typed.
    pub tags: String,
    /// The note it replaces, when editing.
    pub editing: Option<usize>,
}

/// What the notes' anchors were found for: the corpus and the notes as
/// they were then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AnchorsKey {
    /// The corpus version.
    corpus_version: u64,
    /// The notes version ([`NotesState::version`]).
    notes_version: u64,
}

/// The notes UI's state between frames.
#[derive(Default)]
pub struct NotesState {
    /// The Notes window is open.
    pub open: bool,
    /// The note being written, if any.
    pub draft: Option<Draft>,
    /// Changes whenever the notes change (for the anchor cache).
    pub version: u64,
    /// What `anchors` were found for.
    anchors_key: Option<AnchorsKey>,
    /// For each note: the transcript (corpus position) and where its range
    /// is now, for range notes whose file is open.
    anchors: Vec<Option<(usize, Anchor)>>,
}

impl NotesState {
    /// Where each note's range is now (cached per corpus and notes version).
    pub fn anchors(
        &mut self,
        notes: &[Note],
        corpus: &[Arc<Transcript>],
        corpus_version: u64,
    ) -> &[Option<(usize, Anchor)>] {
        let key = AnchorsKey { corpus_version, notes_version: self.version };
        if self.anchors_key != Some(key) || self.anchors.len() != notes.len() {
            self.anchors = notes
                .iter()
                .map(|n| {
                    let path = n.path()?;
                    let doc = corpus.iter().position(|t| t.path == path)?;
                    Some((doc, n.anchor(&corpus[doc])?))
                })
                .collect();
            self.anchors_key = Some(key);
        }
        &self.anchors
    }

    /// The ranges of the notes to mark in a column (from the last call to
    /// [`NotesState::anchors`]).
    pub fn marks(&self, doc: usize) -> Vec<Range<usize>> {
        let mut v: Vec<Range<usize>> =
            self.anchors.iter().flatten().filter(|(d, _)| *d == doc).filter_map(|(_, a)| a.range()).collect();
        v.sort_by_key(|r| (r.start, r.end));
        v
    }
}

/// The editor window of the note being written; pushes Save or Cancel.
/// A new note's text field has the keyboard, so one can type right after
/// the right-click; Ctrl+Enter saves.
pub fn draft_ui(ctx: &egui::Context, draft: &mut Draft, commands: &mut Vec<Command>) {
    let mut command = None;
    let mut open = true;
    let window = super::windows::window(ctx, super::windows::AppWindow::NoteEditor, "Note");
    window.open(&mut open).resizable(true).default_width(380.0).show(ctx, |ui| {
        ui.label(egui::RichText::new(format!("On “{}”", draft.note.about())).italics());
        let text = ui.add(
            egui::TextEdit::multiline(&mut draft.note.text)
                .hint_text("What to remember about this")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        );
        let blank = draft.editing.is_none() && draft.note.text.is_empty() && draft.tags.is_empty();
        if blank && ui.memory(|m| m.focused().is_none()) {
            text.request_focus();
        }
        if ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter)) {
            command = Some(NoteCommand::Save);
        }
        ui.horizontal(|ui| {
            let l = ui.label("Tags");
            ui.add(egui::TextEdit::singleline(&mut draft.tags).hint_text("comma-separated")).labelled_by(l.id);
        });
        ui.horizontal(|ui| {
            if ui.button("Save note").on_hover_text("Ctrl+Enter").clicked() {
                command = Some(NoteCommand::Save);
            }
            if ui.button("Cancel").clicked() {
                command = Some(NoteCommand::Cancel);
            }
        });
    });
    if !open {
        command = Some(NoteCommand::Cancel);
    }
    commands.extend(command.map(Command::Notes));
}

/// The Notes window: every note, what it is about, its tags, and a flag
/// when its file changed. Clicking a note shows what it is about. Pushes
/// what the user did.
pub fn notes_ui(
    ctx: &egui::Context,
    open: &mut bool,
    notes: &[Note],
    anchors: &[Option<(usize, Anchor)>],
    corpus: &[Arc<Transcript>],
    commands: &mut Vec<Command>,
) {
    let window = super::windows::window(ctx, super::windows::AppWindow::Notes, "Notes");
    window.open(open).resizable(true).default_width(420.0).show(ctx, |ui| {
        if notes.is_empty() {
            ui.label("No notes yet. Right-click text in a column, a search result or a timeline entry to add one.");
            return;
        }
        egui::ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
            for (k, note) in notes.iter().enumerate() {
                let anchor = anchors.get(k).and_then(Option::as_ref);
                let place = match (&note.target, anchor) {
                    (NoteTarget::Phrase { .. }, _) => "phrase".to_string(),
                    (NoteTarget::Event { date, .. }, _) => format!("event, {date}"),
                    (NoteTarget::Range { path, .. } | NoteTarget::Speech { path, .. }, None) => {
                        format!("{} (not open)", path.file_name().map(|f| f.to_string_lossy()).unwrap_or_default())
                    }
                    (_, Some((doc, _))) => corpus
                        .get(*doc)
                        .map(|t| format!("{} {}", t.date.map(|d| d.display()).unwrap_or_default(), t.title))
                        .unwrap_or_default(),
                };
                ui.group(|ui| {
                    let r = ui.add(egui::Button::new(format!("“{}” — {place}", note.about())).frame(false).truncate());
                    if r.clicked() {
                        commands.push(Command::Notes(NoteCommand::Jump(k)));
                    }
                    match anchor {
                        Some((_, Anchor::Changed(_))) => {
                            ui.colored_label(ui.visuals().warn_fg_color, "The file changed since: check the place.");
                        }
                        Some((_, Anchor::Lost)) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                "The file changed and the noted text is gone from it.",
                            );
                        }
                        _ => {}
                    }
                    if !note.text.is_empty() {
                        ui.label(&note.text);
                    }
                    ui.horizontal(|ui| {
                        if !note.tags.is_empty() {
                            ui.label(
                                egui::RichText::new(
                                    note.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "),
                                )
                                .weak(),
                            );
                        }
                        if ui.small_button("Edit").clicked() {
                            commands.push(Command::Notes(NoteCommand::Edit(k)));
                        }
                        if ui.small_button("Delete").clicked() {
                            commands.push(Command::Notes(NoteCommand::Delete(k)));
                        }
                    });
                });
            }
        });
    });
}
