//! The central area: the columns side by side with their headers and
//! splitters, and the highlights each shows (the recurring phrases, or in
//! pair mode the revision diff of the two versions).

use std::sync::Arc;

use super::{Command, RefrainApp};
use crate::core::phrases::DocId;
use crate::core::phrases::highlight::{Styled, phrase_styles_in_paragraphs};
use crate::core::text::transcript::Transcript;
use crate::ui::panels::columns::{ColumnInput, ColumnLayout, column_ui};

/// The narrowest a column gets (points): about thirty-five characters a row.
pub const MIN_COLUMN_WIDTH: f32 = 240.0;

/// What a column's highlights are made from: the key of their cache, and
/// (hashed) the version the column lays its text out for.
#[derive(Hash)]
enum StylesKey {
    /// The revision diff of the two columns of pair mode.
    Pair {
        /// The two columns (corpus positions).
        pair: (usize, usize),
        /// What the diff ignores.
        options: crate::ui::persistence::workspace::PairDiffOptions,
        /// Which phrase set had arrived.
        index_generation: u64,
    },
    /// The recurring phrases.
    Phrases {
        /// Which phrase set.
        index_generation: u64,
        /// The phrase selected, shown apart.
        selected: Option<u32>,
    },
}

impl StylesKey {
    /// The key as one number ([`ColumnInput::styles_version`]).
    fn version(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut h);
        h.finish()
    }
}

/// What the columns show this frame, found once for all of them.
struct Frame<'a> {
    /// The columns (corpus positions), in order.
    columns: &'a [usize],
    /// Each column's highlights and their version.
    inputs: &'a [(u64, Arc<Vec<Styled>>)],
    /// Columns without the selected phrase.
    absent: &'a [bool],
    /// The search match stepped to last.
    current_match: Option<&'a (usize, std::ops::Range<usize>)>,
}

impl RefrainApp {
    /// Where a byte of a column's transcript was drawn in the last frame.
    pub fn screen_pos(&self, col: usize, byte: usize) -> Option<egui::Pos2> {
        let t = self.corpus.get(col)?;
        self.layouts.get(&t.path)?.screen_pos(t, byte)
    }

    /// The layout of a column shown in the last frame (for tests and
    /// benchmarks: how far it is scrolled, what it keeps laid out).
    pub fn column_layout(&self, col: usize) -> Option<&ColumnLayout> {
        self.layouts.get(&self.corpus.get(col)?.path)
    }

    /// The highlights of a column and a key that changes when they do:
    /// the pair's diff in pair mode, else the phrases (cached per column).
    fn styles_for(&mut self, col: usize) -> (u64, Arc<Vec<Styled>>) {
        let generation = self.index_generation;
        if let Some(d) = self.pair_diff() {
            let s = if col == d.pair.0 { d.styles.0.clone() } else { d.styles.1.clone() };
            let key = StylesKey::Pair { pair: d.pair, options: d.options, index_generation: generation };
            return (key.version(), s);
        }
        let key =
            StylesKey::Phrases { index_generation: self.index_generation, selected: self.selected_phrase }.version();
        if let Some((k, s)) = self.styles.get(&col)
            && *k == key
        {
            return (key, s.clone());
        }
        let styles = match self.current() {
            Some(i) => {
                let corpus = &self.corpus;
                // Cut at paragraph breaks: no stray words highlighted at the
                // start of the next paragraph.
                let paragraphs = corpus.get(col).map_or(&[][..], |t| t.paragraphs.as_slice());
                phrase_styles_in_paragraphs(&i.set, col as DocId, paragraphs, self.selected_phrase, |d| {
                    corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date))
                })
            }
            None => Vec::new(),
        };
        let styles = Arc::new(styles);
        self.styles.insert(col, (key, styles.clone()));
        (key, styles)
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
            // A tooltip shows a few lines: a phrase can be a whole speech.
            crate::core::text::shorten(self.occurrence_text(set, &p.occurrences[0]), 300),
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

    /// Draws the columns side by side, with the splitters between them.
    pub(super) fn columns_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.timeline.hovered_column = None;
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
        let pair = self.pair_active();
        if pair {
            self.pair_header_ui(ui, commands);
        }
        let gap = if pair { super::pair::PAIR_GAP } else { 10.0 };
        let view = ui.available_rect_before_wrap();
        // Columns never get narrower than a readable width: when more are
        // shown than fit, the column area scrolls sideways instead.
        let needed = MIN_COLUMN_WIDTH * n as f32 + gap * (n as f32 - 1.0);
        let frame =
            Frame { columns: &columns, inputs: &inputs, absent: &absent, current_match: current_match.as_ref() };
        // A column just added or scrolled to a target comes into view.
        let reveal =
            self.reveal_column.take().or_else(|| columns.iter().copied().find(|c| self.scroll_to.contains_key(c)));
        let widened = needed != self.sideways_width;
        self.sideways_width = needed;
        if needed <= view.width() {
            self.columns_in(ui, view, &frame, commands);
        } else {
            if widened && reveal.is_some() {
                // Scrolling past the last frame's limit would spring back:
                // this frame goes as far as it may, the next one the rest.
                self.reveal_column = reveal;
                ui.ctx().request_repaint();
            }
            let offset = reveal.and_then(|c| columns.iter().position(|&o| o == c)).map(|k| {
                let total = needed - gap * (n as f32 - 1.0);
                let left: f32 = self.widths[..k].iter().map(|w| w * total + gap).sum();
                let width = self.widths[k] * total;
                // Centred when it fits; never past the area's end (an
                // offset out of range makes the area spring back).
                let max = self.sideways_max.unwrap_or(needed - view.width()).max(0.0);
                (left - (view.width() - width).max(0.0) / 2.0).clamp(0.0, max)
            });
            // The bar stays visible: it is the sign that more columns are there.
            let mut area = egui::ScrollArea::horizontal()
                .id_salt("columns_sideways")
                .auto_shrink([false, false])
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
            if let Some(x) = offset {
                area = area.horizontal_scroll_offset(x);
            }
            // A solid bar, always drawn: it is the sign that more columns
            // are there. The columns inside keep the usual thin bars.
            let floating = ui.spacing().scroll;
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            let output = area.show(ui, |ui| {
                ui.spacing_mut().scroll = floating;
                let area = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(needed, ui.available_height()));
                self.columns_in(ui, area, &frame, commands);
            });
            self.sideways_max = Some(output.content_size.x - output.inner_rect.width());
        }
        self.scroll_to.retain(|_, (_, frames)| {
            *frames -= 1;
            *frames > 0
        });
        if !self.scroll_to.is_empty() {
            ui.ctx().request_repaint();
        }
        self.scroll_top.clear();
    }

    /// Draws the columns side by side in `area`, with the splitters between them.
    fn columns_in(&mut self, ui: &mut egui::Ui, area: egui::Rect, frame: &Frame, commands: &mut Vec<Command>) {
        let Frame { columns, inputs, absent, current_match } = *frame;
        let n = columns.len();
        let pair = self.pair_active();
        let gap = if pair { super::pair::PAIR_GAP } else { 10.0 };
        // Pair mode keeps a strip at the right for the overview of changes.
        let (area, strip) = if pair {
            let strip_left = area.right() - super::pair::OVERVIEW_WIDTH;
            (
                egui::Rect::from_min_max(area.min, egui::pos2(strip_left - 6.0, area.bottom())),
                Some(egui::Rect::from_min_max(egui::pos2(strip_left, area.top()), area.max)),
            )
        } else {
            (area, None)
        };
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
                .interact(handle, ui.scope_id().with(("splitter", k)), egui::Sense::CLICK | egui::Sense::DRAG)
                .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
            if response.dragged() {
                let min = (MIN_COLUMN_WIDTH / total).min(0.5 / n as f32);
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
                    self.timeline.hovered_column = Some(c);
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
                let title = crate::ui::bidi::fit(
                    ui,
                    crate::ui::bidi::isolate(&t.title),
                    egui::TextStyle::Body,
                    ui.available_width(),
                );
                let title = crate::ui::bidi::label(ui, egui::RichText::new(title).strong());
                let hover =
                    crate::ui::bidi::label(ui, format!("{}\n{}", crate::ui::bidi::isolate(&t.title), t.path.display()));
                ui.add(egui::Label::new(title).truncate()).on_hover_text(hover);
                ui.label(crate::ui::bidi::label(
                    ui,
                    egui::RichText::new(crate::ui::bidi::isolate(t.speaker.as_deref().unwrap_or(""))).weak(),
                ));
                let header = egui::Rect::from_x_y_ranges(rect.x_range(), header_top..=ui.cursor().top());
                let fields = &self.workspace.fields;
                crate::ui::panels::columns::field_accent_ui(ui, header, &t, fields, &self.corpus, self.corpus_version);
                if absent[k] {
                    ui.colored_label(ui.visuals().warn_fg_color, "not in this speech");
                }
                self.flash_header_ui(
                    ui,
                    c,
                    egui::Rect::from_x_y_ranges(rect.x_range(), header_top..=ui.cursor().top()),
                );
                ui.separator();
                // A column shown again opens where its transcript was read.
                let mut layout = self
                    .layouts
                    .remove(&t.path)
                    .unwrap_or_else(|| ColumnLayout::at(self.workspace.reading_position(&t.path)));
                let note_marks = self.notes.marks(c);
                let describe = |p: u32| self.describe(p);
                let phrase_text = |p: u32| {
                    self.current()
                        .and_then(|i| {
                            Some(self.occurrence_text(&i.set, i.set.phrases.get(p as usize)?.occurrences.first()?))
                        })
                        .unwrap_or_default()
                        .to_string()
                };
                let input = ColumnInput {
                    column: c,
                    transcript: &t,
                    styles: &inputs[k].1,
                    styles_version: inputs[k].0,
                    scroll_to: self.scroll_to.get(&c).map(|&(byte, _)| byte),
                    scroll_top: self.scroll_top.get(&c).copied(),
                    describe: &describe,
                    phrase_text: &phrase_text,
                    mark: self.timeline.mark.as_ref().filter(|(d, _)| *d == c).map(|(_, r)| r.clone()),
                    marks: self.search.marks(self.corpus_version, c),
                    current_mark: current_match.filter(|(d, _)| *d == c).map(|(_, r)| r.clone()),
                    note_marks: &note_marks,
                    selection: self.text_selection.clone().filter(|(d, _)| *d == c).map(|(_, r)| r),
                };
                let id = ui.scope_id().with(("column", &t.path));
                column_ui(ui, id, &input, &mut layout, commands);
                self.offsets.insert(c, layout.offset);
                self.workspace.set_reading_position(&t.path, layout.top_byte());
                self.layouts.insert(t.path.clone(), layout);
            }
        }
        if let (Some(strip), [left, right]) = (strip, rects.as_slice()) {
            self.pair_bands_ui(ui, *left, *right);
            self.pair_overview_ui(ui, strip);
        }
        ui.allocate_rect(area, egui::Sense::hover());
    }
}
