//! The dispersion window: where in each speech the current search's
//! matches, or the selected phrase, occur — one row per speech in date
//! order, a tick at each place along the speech (its start on the left,
//! its end on the right). A click on a row shows that speech scrolled to
//! the nearest tick.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, Rect, Sense, Stroke, pos2, vec2};

use crate::core::phrases::PhraseSet;
use crate::core::search::{DispersionRow, SearchResults, phrase_dispersion_by, search_dispersion};
use crate::core::text::transcript::Transcript;
use crate::core::timeline::model::EntryKind;
use crate::ui::app::Command;
use crate::ui::panels::search::SearchCommand;
use crate::ui::panels::windows::{self, AppWindow};

/// What the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DispersionOf {
    /// The search panel's matches.
    #[default]
    Search,
    /// The selected phrase's occurrences.
    Phrase,
}

/// The rows made for one source, and what they were made from.
struct Made {
    of: DispersionOf,
    /// The results or the phrase set (its address) and phrase they belong to.
    key: (usize, u32),
    rows: Vec<DispersionRow>,
    /// Each row's places, aligned with its hits: the byte range to show and,
    /// for a search, the match's place among all matches.
    places: Vec<Vec<(Range<usize>, usize)>>,
}

/// The dispersion window's state.
#[derive(Default)]
pub struct DispersionState {
    /// The window is open.
    pub open: bool,
    /// What it shows.
    pub of: DispersionOf,
    made: Option<Made>,
}

impl DispersionState {
    /// The rows shown (tests).
    pub fn rows(&self) -> &[DispersionRow] {
        self.made.as_ref().map_or(&[], |m| &m.rows)
    }
}

/// Where each search match is, per speech.
fn of_search(results: &Arc<SearchResults>, corpus: &[Arc<Transcript>]) -> Made {
    let rows = search_dispersion(corpus, results);
    // Each match's place among all matches, by speech.
    let mut first = std::collections::HashMap::new();
    let mut n = 0;
    for d in &results.docs {
        first.insert(d.doc, n);
        n += d.matches.len();
    }
    let places = rows
        .iter()
        .map(|r| {
            let (Some(t), Some(d)) = (corpus.get(r.doc), results.docs.iter().find(|d| d.doc == r.doc)) else {
                return Vec::new();
            };
            let ranges = t.word_ranges();
            let base = first.get(&r.doc).copied().unwrap_or(0);
            // A hit is a word; its place is the first match ending after the word starts.
            r.hits
                .iter()
                .filter_map(|&w| {
                    let start = ranges.get(w as usize).map_or(t.body.len(), |(s, _)| s as usize);
                    let m = d.matches.iter().position(|m| m.end > start)?;
                    Some((d.matches[m].clone(), base + m))
                })
                .collect()
        })
        .collect();
    Made { of: DispersionOf::Search, key: (Arc::as_ptr(results) as usize, 0), rows, places }
}

/// Where the phrase `p` of `set` occurs, per speech.
fn of_phrase(set: &Arc<PhraseSet>, p: u32, corpus: &[Arc<Transcript>]) -> Made {
    let key = (Arc::as_ptr(set) as usize, p);
    let Some(phrase) = set.phrases.get(p as usize) else {
        return Made { of: DispersionOf::Phrase, key, rows: Vec::new(), places: Vec::new() };
    };
    let rows = phrase_dispersion_by(phrase, |d| corpus.get(d as usize).map(|t| t.words as u32));
    let places = rows
        .iter()
        .map(|r| {
            // One place per starting word, as the row's hits.
            let mut found: Vec<(u32, Range<usize>)> = phrase
                .occurrences
                .iter()
                .filter(|o| o.doc as usize == r.doc)
                .map(|o| (o.words.start, set.occurrence_bytes(o)))
                .collect();
            found.sort_by_key(|f| f.0);
            found.dedup_by_key(|f| f.0);
            found.into_iter().map(|(_, b)| (b, 0)).collect()
        })
        .collect();
    Made { of: DispersionOf::Phrase, key, rows, places }
}

/// Draws the window when open; pushes the place clicked.
#[allow(clippy::too_many_arguments)]
pub fn dispersion_ui(
    ctx: &egui::Context,
    state: &mut DispersionState,
    search: Option<(&Arc<SearchResults>, &str)>,
    set: Option<&Arc<PhraseSet>>,
    selected: Option<u32>,
    corpus: &[Arc<Transcript>],
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    windows::window(ctx, AppWindow::Dispersion, "Dispersion").open(&mut open).resizable(true).default_size([640.0, 520.0]).show(
        ctx,
        |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut state.of, DispersionOf::Search, "Search matches");
                ui.selectable_value(&mut state.of, DispersionOf::Phrase, "Selected phrase");
            });
            let what = match state.of {
                DispersionOf::Search => match search {
                    Some((results, query)) => {
                        let key = (Arc::as_ptr(results) as usize, 0);
                        if !state.made.as_ref().is_some_and(|m| m.of == DispersionOf::Search && m.key == key) {
                            state.made = Some(of_search(results, corpus));
                        }
                        format!("“{}”", crate::ui::bidi::isolate(query))
                    }
                    None => {
                        ui.label(egui::RichText::new("Search with Ctrl+F to see where its matches are.").weak());
                        return;
                    }
                },
                DispersionOf::Phrase => match (set, selected) {
                    (Some(set), Some(p)) => {
                        let key = (Arc::as_ptr(set) as usize, p);
                        if !state.made.as_ref().is_some_and(|m| m.of == DispersionOf::Phrase && m.key == key) {
                            state.made = Some(of_phrase(set, p, corpus));
                        }
                        let text = crate::ui::panels::phrases::row_text(set, corpus, p);
                        format!("“{}”", crate::ui::bidi::isolate(&text))
                    }
                    _ => {
                        ui.label(egui::RichText::new("Select a phrase to see where it is in each speech.").weak());
                        return;
                    }
                },
            };
            let Some(made) = state.made.as_ref() else { return };
            ui.label(
                egui::RichText::new(format!(
                    "{what}: {} speeches; each tick is a place along the speech, from its start (left) to its end (right).",
                    made.rows.len()
                ))
                .small()
                .weak(),
            );
            ui.separator();
            rows_ui(ui, made, corpus, commands);
        },
    );
    if !open {
        state.open = false;
    }
}

/// The rows: a speech's date and title, then its strip of ticks.
fn rows_ui(ui: &mut egui::Ui, made: &Made, corpus: &[Arc<Transcript>], commands: &mut Vec<Command>) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, made.rows.len(), |ui, range| {
        for k in range {
            let Some(row) = made.rows.get(k) else { continue };
            let Some(t) = corpus.get(row.doc) else { continue };
            ui.horizontal(|ui| {
                let date = t.date.map_or_else(|| "undated".to_string(), |d| d.display());
                let name = format!("{date}  {}", crate::ui::bidi::isolate(&t.title));
                ui.add_sized([210.0, row_height - 4.0], egui::Label::new(egui::RichText::new(name).small()).truncate());
                let width = ui.available_width().max(80.0);
                let (rect, response) = ui.allocate_exact_size(vec2(width, row_height - 4.0), Sense::click());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!(
                            "{} of {} ({} places)",
                            date,
                            crate::core::text::bidi::clean_field(&t.title),
                            row.positions.len()
                        ),
                    )
                });
                let visuals = ui.visuals();
                let painter = ui.painter_at(rect);
                painter.rect_filled(rect, 2.0, visuals.extreme_bg_color);
                let tick = Stroke::new(1.5, visuals.selection.bg_fill.gamma_multiply(1.4));
                for &p in &row.positions {
                    let x = rect.left() + p * rect.width();
                    painter.line_segment([pos2(x, rect.top() + 2.0), pos2(x, rect.bottom() - 2.0)], tick);
                }
                let nearest = |x: f32| {
                    let at = ((x - rect.left()) / rect.width()).clamp(0.0, 1.0);
                    row.positions
                        .iter()
                        .enumerate()
                        .min_by(|a, b| (a.1 - at).abs().total_cmp(&(b.1 - at).abs()))
                        .map(|(i, _)| i)
                };
                if let Some(pos) = response.hover_pos()
                    && let Some(i) = nearest(pos.x)
                {
                    let x = rect.left() + row.positions[i] * rect.width();
                    painter.rect_stroke(
                        Rect::from_center_size(pos2(x, rect.center().y), vec2(5.0, rect.height())),
                        1.0,
                        Stroke::new(1.0, Color32::from_gray(200)),
                        egui::StrokeKind::Inside,
                    );
                    let clicked = response.clicked();
                    response.on_hover_text_at_pointer(format!(
                        "{:.0}% into the speech (word {} of {}); click to read it there",
                        row.positions[i] * 100.0,
                        row.hits[i] + 1,
                        row.words
                    ));
                    if clicked && let Some((bytes, index)) = made.places.get(k).and_then(|p| p.get(i)).cloned() {
                        commands.push(match made.of {
                            DispersionOf::Search => {
                                Command::Search(SearchCommand::ShowMatch { doc: row.doc, bytes, index })
                            }
                            DispersionOf::Phrase => Command::ShowText(EntryKind::Phrase, row.doc, bytes),
                        });
                    }
                }
            });
        }
    });
}
