//! Notes in the app: writing one from a right-click, the Notes window,
//! jumping to a note, and what a report says about them.

use super::{Command, RefrainApp, SCROLL_FRAMES};
use crate::core::export::report::ReportNote;
use crate::core::notes::{Note, NoteTarget};
use crate::ui::panels::notes::{Draft, NoteCommand, draft_ui};

impl RefrainApp {
    /// Recomputes where the notes' ranges are when notes or corpus changed.
    pub(super) fn refresh_note_anchors(&mut self) {
        self.notes.anchors(&self.workspace.notes, &self.corpus, self.corpus_version);
    }

    /// The note editor and the Notes window.
    pub(super) fn notes_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(draft) = &mut self.notes.draft {
            draft_ui(ctx, draft, commands);
        }
        if self.notes.open {
            self.refresh_note_anchors();
            let mut open = true;
            let anchors = self.notes.anchors(&self.workspace.notes, &self.corpus, self.corpus_version).to_vec();
            crate::ui::panels::notes::notes_ui(ctx, &mut open, &self.workspace.notes, &anchors, &self.corpus, commands);
            self.notes.open = open;
        }
    }

    pub(super) fn apply_note(&mut self, command: NoteCommand) {
        match command {
            NoteCommand::NewOnRange(doc, bytes) => {
                let Some(t) = self.corpus.get(doc) else { return };
                let note = Note::on_range(t, bytes, String::new(), Vec::new());
                self.notes.draft = Some(Draft { note, tags: String::new(), editing: None });
            }
            NoteCommand::New(note) => {
                self.notes.draft = Some(Draft { note, tags: String::new(), editing: None });
            }
            NoteCommand::NewOnPhrase(text) => {
                if text.trim().is_empty() {
                    return;
                }
                let note = Note::on_phrase(&text, String::new(), Vec::new());
                self.notes.draft = Some(Draft { note, tags: String::new(), editing: None });
            }
            NoteCommand::Edit(k) => {
                if let Some(n) = self.workspace.notes.get(k) {
                    self.notes.draft = Some(Draft { note: n.clone(), tags: n.tags.join(", "), editing: Some(k) });
                }
            }
            NoteCommand::Save => {
                let Some(mut draft) = self.notes.draft.take() else { return };
                draft.note.tags = Note::parse_tags(&draft.tags);
                // Ctrl+Enter may have added a line break at the end.
                draft.note.text.truncate(draft.note.text.trim_end().len());
                match draft.editing.filter(|&k| k < self.workspace.notes.len()) {
                    Some(k) => self.workspace.notes[k] = draft.note,
                    None => self.workspace.notes.push(draft.note),
                }
                self.notes.version += 1;
                self.notes.open = true;
            }
            NoteCommand::Cancel => self.notes.draft = None,
            NoteCommand::Delete(k) => {
                if k < self.workspace.notes.len() {
                    self.workspace.notes.remove(k);
                    self.notes.version += 1;
                }
            }
            NoteCommand::Jump(k) => {
                let Some(note) = self.workspace.notes.get(k).cloned() else { return };
                match &note.target {
                    NoteTarget::Range { .. } | NoteTarget::Speech { .. } => {
                        self.refresh_note_anchors();
                        let anchor = self
                            .notes
                            .anchors(&self.workspace.notes, &self.corpus, self.corpus_version)
                            .get(k)
                            .cloned();
                        let Some(Some((doc, anchor))) = anchor else { return };
                        if !self.columns.contains(&doc) {
                            self.apply(Command::ToggleColumn(doc));
                        }
                        if let Some(r) = anchor.range() {
                            self.scroll_to.insert(doc, (r.start, SCROLL_FRAMES));
                        }
                    }
                    NoteTarget::Phrase { text } => {
                        let found = self.current().and_then(|i| {
                            i.set.phrases.iter().position(|p| {
                                let t = self.occurrence_text(&i.set, &p.occurrences[0]);
                                t.split_whitespace().collect::<Vec<_>>().join(" ") == *text
                            })
                        });
                        if let Some(p) = found {
                            self.apply(Command::SelectPhrase(p as u32));
                        }
                    }
                    NoteTarget::Event { date, title } => {
                        let k = self
                            .timeline
                            .model
                            .events
                            .iter()
                            .position(|e| e.date_label() == *date && e.title == *title);
                        if k.is_some() {
                            self.apply(Command::SelectEvent(k));
                        }
                    }
                }
            }
        }
    }

    /// The notes as a report lists them: range notes where their text is
    /// now (flagged when the file changed), speech notes on their speech (an
    /// empty range), phrase notes on the phrase's first use. Event notes are
    /// not about a transcript: the report's timeline shows them.
    pub(super) fn report_notes(&mut self) -> Vec<ReportNote> {
        self.refresh_note_anchors();
        let anchors = self.notes.anchors(&self.workspace.notes, &self.corpus, self.corpus_version).to_vec();
        let set = self.current().map(|i| i.set.clone());
        self.workspace
            .notes
            .iter()
            .zip(anchors)
            .filter_map(|(n, a)| {
                let (doc, bytes, stale) = match (&n.target, a) {
                    (NoteTarget::Range { .. } | NoteTarget::Speech { .. }, Some((doc, anchor))) => {
                        (doc, anchor.range().unwrap_or(0..0), anchor.is_stale())
                    }
                    (NoteTarget::Range { .. } | NoteTarget::Speech { .. } | NoteTarget::Event { .. }, _) => {
                        return None;
                    }
                    (NoteTarget::Phrase { text }, _) => {
                        let set = set.as_ref()?;
                        let p = set.phrases.iter().find(|p| {
                            let t = self.occurrence_text(set, &p.occurrences[0]);
                            t.split_whitespace().collect::<Vec<_>>().join(" ") == *text
                        })?;
                        let o = &p.occurrences[0];
                        (o.doc as usize, set.occurrence_bytes(o), false)
                    }
                };
                Some(ReportNote { doc, bytes, text: n.text.clone(), tags: n.tags.clone(), stale })
            })
            .collect()
    }
}
