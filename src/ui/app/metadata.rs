//! The "Show metadata" window of a transcript, with what it introduced:
//! the phrases first said in it that other speakers took up later.

use std::sync::{Arc, Weak};

use super::{Command, RefrainApp};
use crate::core::phrases::PhraseSet;
use crate::core::speakers::{Introduced, introduced_in};
use crate::core::text::transcript::Transcript;
use crate::ui::panels::phrase_path::{lag_text, speakers_of};
use crate::ui::panels::windows::{self, AppWindow};

/// Later speakers a row names at most (the rest counted).
const NAMES_SHOWN: usize = 5;

/// What one speech introduced, for one phrase set (egui temporary data:
/// worked out once when the window shows the speech, not every frame).
#[derive(Clone, Default)]
struct IntroducedCache {
    set: Weak<PhraseSet>,
    doc: usize,
    /// How many phrases were first said here.
    first_here: usize,
    /// Those taken up by another speaker, most speakers first.
    taken_up: Arc<Vec<Introduced>>,
}

/// The phrases speech `doc` introduced (how many) and those taken up later.
fn introduced(ctx: &egui::Context, set: &Arc<PhraseSet>, corpus: &[Arc<Transcript>], doc: usize) -> IntroducedCache {
    let id = egui::Id::unique("refrain introduced here");
    if let Some(c) = ctx.data(|d| d.get_temp::<IntroducedCache>(id))
        && c.doc == doc
        && c.set.upgrade().is_some_and(|s| Arc::ptr_eq(&s, set))
    {
        return c;
    }
    let groups = speakers_of(ctx, set, corpus);
    let all = introduced_in(set, doc as u32, &groups);
    let first_here = all.len();
    let mut taken: Vec<Introduced> = all.into_iter().filter(Introduced::taken_up).collect();
    taken.sort_by_key(|i| std::cmp::Reverse(i.path.later.len()));
    let c = IntroducedCache { set: Arc::downgrade(set), doc, first_here, taken_up: Arc::new(taken) };
    ctx.data_mut(|d| d.insert_temp(id, c.clone()));
    c
}

impl RefrainApp {
    /// The "Show metadata" window: what the importer found about a transcript.
    pub(super) fn metadata_ui(&mut self, ctx: &egui::Context) {
        let Some(doc) = self.metadata_of else { return };
        let Some(t) = self.corpus.get(doc).cloned() else { return };
        let set = self.current().map(|i| i.set.clone());
        let mut clicked = None;
        let mut open = true;
        let window = windows::window(ctx, AppWindow::Metadata, "Transcript metadata");
        window.open(&mut open).resizable(true).show(ctx, |ui| {
            egui::Grid::new("metadata").num_columns(2).striped(true).show(ui, |ui| {
                // Each value a field: its bidirectional controls dropped,
                // right-to-left text in display order.
                let mut row = |k: &str, v: String| {
                    ui.label(k);
                    ui.label(crate::ui::bidi::label(ui, crate::ui::bidi::isolate(&v)));
                    ui.end_row();
                };
                row("File", t.path.display().to_string());
                row("Title", t.title.clone());
                row(
                    "Date",
                    t.date
                        .map(|d| {
                            format!("{} ({} precision, from {})", d.display(), d.precision.as_str(), d.source.as_str())
                        })
                        .unwrap_or_else(|| "undated".into()),
                );
                row("Time", t.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
                row("Speaker", t.speaker.clone().unwrap_or_default());
                row("Place", t.place.clone().unwrap_or_default());
                row("Languages", t.languages.join(", "));
                row("Words", t.words.to_string());
                row("Paragraphs", t.paragraphs.len().to_string());
                row("Encoding", t.encoding.clone());
                row("Subtitle cues", t.cues.len().to_string());
            });
            for w in &t.warnings {
                ui.colored_label(ui.visuals().warn_fg_color, w);
            }
            ui.separator();
            match &set {
                Some(set) => self.introduced_ui(ui, set, doc, &mut clicked),
                None => {
                    ui.label(egui::RichText::new("The phrases are being found…").weak());
                }
            }
        });
        if !open {
            self.metadata_of = None;
        }
        if let Some(p) = clicked {
            self.apply(Command::SelectPhrase(p));
        }
    }
}

impl RefrainApp {
    /// "Introduced here": how many phrases the speech said first, and
    /// those another speaker took up later, each with who and when; a
    /// click sets `clicked` to the phrase.
    fn introduced_ui(&self, ui: &mut egui::Ui, set: &Arc<PhraseSet>, doc: usize, clicked: &mut Option<u32>) {
        let intro = introduced(ui.ctx(), set, &self.corpus, doc);
        let groups = speakers_of(ui.ctx(), set, &self.corpus);
        ui.strong("Introduced here");
        let taken = &intro.taken_up;
        ui.label(
            egui::RichText::new(format!(
                "{} phrases first said in this speech; {} taken up later by other speakers",
                intro.first_here,
                taken.len()
            ))
            .small()
            .weak(),
        );
        if taken.is_empty() {
            return;
        }
        let row_height =
            ui.text_style_height(&egui::TextStyle::Button) + ui.text_style_height(&egui::TextStyle::Small) + 14.0;
        egui::ScrollArea::vertical().id_salt("introduced-here").max_height(260.0).auto_shrink([false, true]).show_rows(
            ui,
            row_height,
            taken.len(),
            |ui, range| {
                for k in range {
                    let Some(item) = taken.get(k) else { continue };
                    ui.vertical(|ui| {
                        ui.set_height(row_height - ui.spacing().item_spacing.y);
                        let text = crate::ui::panels::phrases::row_text(set, &self.corpus, item.phrase);
                        let label = crate::ui::panels::phrases::fitted(ui, crate::ui::bidi::isolate(&text));
                        let button = egui::Button::selectable(
                            self.selected_phrase == Some(item.phrase),
                            crate::ui::bidi::button(ui, label),
                        )
                        .truncate();
                        if ui.add(button).on_hover_text("Select the phrase").clicked() {
                            *clicked = Some(item.phrase);
                        }
                        let mut names: Vec<String> = (item.path.later.iter().take(NAMES_SHOWN))
                            .map(|s| {
                                format!(
                                    "{} ({}, {})",
                                    crate::ui::bidi::isolate(groups.name(s.group)),
                                    s.date.format("%Y"),
                                    lag_text(s.lag_days)
                                )
                            })
                            .collect();
                        if item.path.later.len() > NAMES_SHOWN {
                            names.push(format!("{} more", item.path.later.len() - NAMES_SHOWN));
                        }
                        ui.label(egui::RichText::new(format!("taken up by {}", names.join(", "))).small().weak());
                    });
                }
            },
        );
    }
}
