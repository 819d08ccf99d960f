//! The right-hand panel: the recurring phrases of the columns shown, with
//! their reach, first and last use, and a sparkline of use over time; a
//! row's path (who said it first, who used it later) on hover, and the
//! selected phrase's path below the list.

use std::sync::Arc;

use chrono::Datelike;

use crate::core::phrases::{PhraseSet, uses_per_year};
use crate::core::text::transcript::Transcript;
use crate::ui::app::Command;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum PhraseSort {
    /// Most speeches first.
    #[default]
    Speeches,
    /// Earliest first use first.
    FirstUse,
    /// Latest last use first.
    LastUse,
    /// Longest first.
    Length,
}

impl PhraseSort {
    const ALL: [PhraseSort; 4] = [PhraseSort::Speeches, PhraseSort::FirstUse, PhraseSort::LastUse, PhraseSort::Length];

    fn label(self) -> &'static str {
        match self {
            PhraseSort::Speeches => "speeches",
            PhraseSort::FirstUse => "first use",
            PhraseSort::LastUse => "last use",
            PhraseSort::Length => "length",
        }
    }
}

/// The list, computed once per phrase set, columns and order.
#[derive(Default)]
pub struct PhraseList {
    /// The set the rows belong to (held, so a new set can never be taken
    /// for it), the columns, the order and formula hiding.
    key: Option<(Arc<PhraseSet>, Vec<usize>, PhraseSort, bool)>,
    rows: Vec<u32>,
    years: (i32, i32),
    /// Each drawn row's uses per year, made once per phrase set: a
    /// widespread phrase of a large corpus has thousands of occurrences,
    /// too many to count again in every frame.
    sparklines: std::collections::HashMap<u32, Vec<crate::core::text::YearCount>>,
}

impl PhraseList {
    fn refresh(
        &mut self,
        set: &Arc<PhraseSet>,
        corpus: &[Arc<Transcript>],
        columns: &[usize],
        sort: PhraseSort,
        hide: bool,
    ) {
        if let Some((s, c, o, h)) = &self.key
            && Arc::ptr_eq(s, set)
            && c == columns
            && *o == sort
            && *h == hide
        {
            return;
        }
        let key = (set.clone(), columns.to_vec(), sort, hide);
        let date = |d: u32| corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date));
        // The phrases of the columns, from each column's own list (a large
        // corpus has millions of phrases and tens of millions of
        // occurrences: not to be gone through in a frame), in the set's order.
        let mut rows: Vec<u32> = columns.iter().flat_map(|&c| set.phrases_in(c as u32).iter().copied()).collect();
        rows.sort_unstable();
        rows.dedup();
        rows.retain(|&i| set.phrases.get(i as usize).is_some_and(|p| !(hide && p.formula)));
        let p = |i: &u32| &set.phrases[*i as usize];
        match sort {
            PhraseSort::Speeches => {} // the set's own order
            PhraseSort::FirstUse => rows.sort_by_key(|i| date(p(i).first)),
            PhraseSort::LastUse => rows.sort_by_key(|i| std::cmp::Reverse(date(p(i).last))),
            PhraseSort::Length => rows.sort_by_key(|i| std::cmp::Reverse(p(i).len)),
        }
        let years: Vec<i32> = corpus.iter().filter_map(|t| t.date.map(|d| d.date.year())).collect();
        self.years = (years.iter().copied().min().unwrap_or(0), years.iter().copied().max().unwrap_or(0));
        self.rows = rows;
        self.sparklines.clear();
        // The set replaced may be the last holder of old phrases.
        if let Some(old) = self.key.replace(key) {
            crate::ui::drop_in_background(old);
        }
    }
}

/// Draws the panel; pushes the selection of the phrase clicked, if any.
#[allow(clippy::too_many_arguments)]
pub fn phrases_ui(
    ui: &mut egui::Ui,
    list: &mut PhraseList,
    set: &Arc<PhraseSet>,
    corpus: &[Arc<Transcript>],
    columns: &[usize],
    sort: &mut PhraseSort,
    hide_formulas: bool,
    selected: Option<u32>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong("Phrases");
        egui::ComboBox::new("phrase-sort", "order").selected_text(format!("by {}", sort.label())).show_ui(ui, |ui| {
            for s in PhraseSort::ALL {
                ui.selectable_value(sort, s, format!("by {}", s.label()));
            }
        });
    });
    list.refresh(set, corpus, columns, *sort, hide_formulas);
    ui.label(egui::RichText::new(format!("{} in the columns shown", list.rows.len())).small().weak());
    ui.separator();
    let date = |d: u32| corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date));
    let show = |d: u32| date(d).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "undated".into());
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body) + ui.text_style_height(&egui::TextStyle::Small) + 18.0;
    let (y0, y1) = list.years;
    if let Some(sel) = selected.filter(|&s| (s as usize) < set.phrases.len()) {
        selected_path_ui(ui, set, corpus, sel);
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, list.rows.len(), |ui, range| {
        for k in range {
            let Some(&i) = list.rows.get(k) else { continue };
            let p = &set.phrases[i as usize];
            let text = row_text(set, corpus, i);
            ui.vertical(|ui| {
                ui.set_height(row_height - ui.spacing().item_spacing.y);
                let button = egui::Button::selectable(
                    selected == Some(i),
                    crate::ui::bidi::button(ui, fitted(ui, crate::ui::bidi::isolate(&text))),
                )
                .truncate();
                let response = ui.add(button);
                if response.clicked() {
                    commands.push(Command::SelectPhrase(i));
                }
                // Worked out for the row hovered only.
                response.on_hover_ui(|ui| {
                    crate::ui::panels::phrase_path::phrase_path_for(ui, set, corpus, i, TOOLTIP_SPEAKERS);
                });
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(format!(
                            "{} speeches · {} – {}{}",
                            p.speeches,
                            show(p.first),
                            show(p.last),
                            if p.formula { " · formula" } else { "" }
                        ))
                        .small()
                        .weak(),
                    );
                    if list.sparklines.len() >= MAX_SPARKLINES && !list.sparklines.contains_key(&i) {
                        // Scrolled through a great many rows: start again.
                        list.sparklines.clear();
                    }
                    let uses = list.sparklines.entry(i).or_insert_with(|| uses_per_year(p, date));
                    crate::ui::panels::sparkline::sparkline_ui(ui, uses, y0, y1);
                });
            });
        }
    });
}

/// Later speakers a row's tooltip names at most (the rest counted).
const TOOLTIP_SPEAKERS: usize = 12;

/// The selected phrase's path, along the bottom of the panel: who said it
/// first and each later speaker's first use.
fn selected_path_ui(ui: &mut egui::Ui, set: &Arc<PhraseSet>, corpus: &[Arc<Transcript>], selected: u32) {
    egui::Panel::bottom("phrase-path-selected").resizable(true).default_size(180.0).show(ui, |ui| {
        ui.add_space(4.0);
        ui.label(egui::RichText::new("Who said the selected phrase first").small().strong());
        egui::ScrollArea::vertical().id_salt("phrase-path-scroll").auto_shrink([false, true]).show(ui, |ui| {
            crate::ui::panels::phrase_path::phrase_path_for(ui, set, corpus, selected, usize::MAX);
        });
    });
}

/// Rows whose uses per year are kept at most (a few hundred bytes each).
const MAX_SPARKLINES: usize = 4096;

/// How much of a phrase's text a row lays out (in bytes): more than any
/// panel shows on one line.
const ROW_BYTES: usize = 400;

/// The start of phrase `i`'s text as first said, on one line, for a row of
/// a list: a phrase can be a whole speech (a word said a million times),
/// and laying all of it out would take seconds and hundreds of megabytes
/// for a line cut anyway.
pub(crate) fn row_text(set: &PhraseSet, corpus: &[Arc<Transcript>], i: u32) -> String {
    let Some(first) = set.phrases.get(i as usize).and_then(|p| p.occurrences.first()) else { return String::new() };
    let whole = corpus.get(first.doc as usize).and_then(|t| t.body.get(set.occurrence_bytes(first))).unwrap_or("");
    let start = whole.get(..whole.len().min(ROW_BYTES)).unwrap_or_else(|| {
        let end = (0..=ROW_BYTES.min(whole.len())).rev().find(|&b| whole.is_char_boundary(b)).unwrap_or(0);
        &whole[..end]
    });
    let mut text = start.split_whitespace().collect::<Vec<_>>().join(" ");
    if start.len() < whole.len() {
        text.push('…');
    }
    text
}

/// A row's text fitted to the row (right-to-left text shortened at its end).
pub(crate) fn fitted(ui: &egui::Ui, text: String) -> String {
    let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
    crate::ui::bidi::fit(ui, text, egui::TextStyle::Button, width)
}
