//! The reuse map window: every pair of speeches as a cell, in date order
//! both ways, coloured by the share of the shorter speech's words that lie
//! in phrasing the other also uses; with many speeches, cells of blocks of
//! consecutive speeches showing their most similar pair. Hovering names
//! the pair, a click opens it as two columns in pair mode, and the most
//! similar pairs are listed beside the map.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, ColorImage, Rect, Sense, TextureHandle, TextureOptions, pos2, vec2};

use crate::core::compare::reuse_map::{ReuseBlocks, ReuseDoc, ReuseMap, ReuseOptions, ReusePair};
use crate::core::phrases::PhraseSet;
use crate::core::text::transcript::Transcript;
use crate::ui::app::Command;
use crate::ui::panels::windows::{self, AppWindow};
use crate::ui::workers::keyed_job::{KeyedJob, SameSet};

/// Most cells a side of the drawn map has: beyond, speeches are grouped.
const MAX_SIDE: usize = 250;
/// Most speeches a map is made for: the map holds a count per pair
/// (n² numbers; 5,000 speeches are 100 MB).
pub const MAX_SPEECHES: usize = 5000;
/// Pairs listed beside the map.
const TOP_PAIRS: usize = 30;

/// A map made for one phrase set, ready to draw.
struct Made {
    map: ReuseMap,
    blocks: ReuseBlocks,
    top: Vec<ReusePair>,
}

/// The reuse map window's state.
#[derive(Default)]
pub struct ReuseMapState {
    /// The window is open.
    pub open: bool,
    /// The map of the current phrase set, made on a thread.
    made: KeyedJob<SameSet, Made>,
    texture: Option<TextureHandle>,
}

impl ReuseMapState {
    /// True while the map of the current phrase set is made.
    pub fn is_working(&self) -> bool {
        self.made.is_working()
    }

    /// The map drawn (tests): its speeches, cells per side and top pairs.
    pub fn map(&self) -> Option<(&ReuseMap, &ReuseBlocks, &[ReusePair])> {
        self.made.last().map(|m| (&m.map, &m.blocks, &m.top[..]))
    }
}

/// The map of `set` over the speeches of `corpus` (document ids are
/// positions in it), grouped so a side has at most [`MAX_SIDE`] cells.
fn make(set: &PhraseSet, corpus: &[Arc<Transcript>]) -> Made {
    let docs: Vec<ReuseDoc> = corpus
        .iter()
        .enumerate()
        .map(|(i, t)| ReuseDoc { doc: i as u32, words: t.words as u32, date: t.date.map(|d| d.date) })
        .collect();
    let map = ReuseMap::build(set, &docs, ReuseOptions::default());
    let size = map.len().div_ceil(MAX_SIDE).max(1);
    let blocks = map.blocks(map.groups_of(size));
    let top = map.top_pairs(TOP_PAIRS);
    Made { map, blocks, top }
}

/// The score drawn in full colour: most pairs of speeches share a few
/// percent; a quarter of a speech or more is a strong borrowing.
const FULL_SCORE: f32 = 0.25;

/// The colour of a score (0 to 1): the background for none, brighter and
/// warmer as more is shared, full at [`FULL_SCORE`] (square root, so a few
/// percent already shows).
fn color(score: f32, dark: bool) -> Color32 {
    let t = (score / FULL_SCORE).clamp(0.0, 1.0).sqrt();
    let (from, to) = if dark {
        (Color32::from_rgb(24, 24, 28), Color32::from_rgb(255, 176, 40))
    } else {
        (Color32::from_rgb(250, 250, 248), Color32::from_rgb(200, 60, 0))
    };
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    Color32::from_rgb(mix(from.r(), to.r()), mix(from.g(), to.g()), mix(from.b(), to.b()))
}

/// The image of the blocks: one pixel per cell.
fn image(blocks: &ReuseBlocks, dark: bool) -> ColorImage {
    let n = blocks.groups.len();
    let mut pixels = Vec::with_capacity(n * n);
    for g in 0..n {
        for h in 0..n {
            pixels.push(color(blocks.cell(g, h).map_or(0.0, |c| c.max), dark));
        }
    }
    ColorImage::new([n, n], pixels)
}

/// A speech as the map names it: its date and title.
fn name(corpus: &[Arc<Transcript>], doc: u32) -> String {
    corpus.get(doc as usize).map_or_else(String::new, |t| {
        let date = t.date.map_or_else(|| "undated".to_string(), |d| d.display());
        format!("{date} {}", crate::ui::bidi::isolate(&t.title))
    })
}

/// The label of a group of speeches: the first one's date (its year).
fn group_label(map: &ReuseMap, group: &Range<usize>) -> String {
    map.docs().get(group.start).and_then(|d| d.date).map_or_else(|| "undated".into(), |d| d.format("%Y").to_string())
}

/// Draws the window when open; pushes the pair clicked.
pub fn reuse_map_ui(
    ctx: &egui::Context,
    state: &mut ReuseMapState,
    set: Option<&Arc<PhraseSet>>,
    corpus: &[Arc<Transcript>],
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    windows::window(ctx, AppWindow::ReuseMap, "Reuse map").open(&mut open).resizable(true).default_size([820.0, 600.0]).show(
        ctx,
        |ui| {
            let Some(set) = set else {
                ui.label("The phrases are being found…");
                return;
            };
            if corpus.len() > MAX_SPEECHES {
                ui.label(format!(
                    "The reuse map holds a count for every pair of speeches: {} speeches are too many (at most {MAX_SPEECHES}). \
                     Open fewer transcripts to see it.",
                    corpus.len()
                ));
                return;
            }
            let (set2, owned) = (set.clone(), corpus.to_vec());
            let made = state.made.poll(&SameSet(set.clone()), ctx, "refrain-reuse-map", move || make(&set2, &owned));
            let Some((made, fresh)) = made else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Comparing {} speeches…", corpus.len()));
                });
                return;
            };
            if fresh {
                state.texture = None;
            }
            let dark = ui.visuals().dark_mode;
            let texture = state.texture.get_or_insert_with(|| {
                ctx.load_texture("refrain-reuse-map", image(&made.blocks, dark), TextureOptions::NEAREST)
            });
            let groups = made.blocks.groups.len();
            let per = made.blocks.groups.first().map_or(1, |g| g.len());
            ui.label(
                egui::RichText::new(if per > 1 {
                    format!(
                        "{} speeches in date order, in blocks of {per}; a cell shows its most similar pair. \
                         Share of the shorter speech's words in phrasing both use (formulas left out); \
                         full colour at {:.0}% or more.",
                        made.map.len(),
                        FULL_SCORE * 100.0
                    )
                } else {
                    format!(
                        "{} speeches in date order. Share of the shorter speech's words in phrasing both use \
                         (formulas left out); full colour at {:.0}% or more.",
                        made.map.len(),
                        FULL_SCORE * 100.0
                    )
                })
                .small()
                .weak(),
            );
            ui.horizontal_top(|ui| {
                let side = (ui.available_height() - 30.0).min(ui.available_width() - 300.0).max(160.0);
                ui.vertical(|ui| {
                    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::click());
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Image, true, "Map of every pair of speeches")
                    });
                    ui.painter().image(texture.id(), rect, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)), Color32::WHITE);
                    ui.painter().rect_stroke(rect, 0.0, ui.visuals().widgets.noninteractive.bg_stroke, egui::StrokeKind::Outside);
                    // Years along the bottom: the first and last group, and a few between.
                    let labels = 5.min(groups);
                    for k in 0..labels {
                        let g = if labels < 2 { 0 } else { k * (groups - 1) / (labels - 1) };
                        let x = rect.left() + (g as f32 + 0.5) / groups as f32 * side;
                        let text = made.blocks.groups.get(g).map(|r| group_label(&made.map, r)).unwrap_or_default();
                        ui.painter().text(
                            pos2(x, rect.bottom() + 2.0),
                            egui::Align2::CENTER_TOP,
                            text,
                            egui::FontId::proportional(11.0),
                            ui.visuals().weak_text_color(),
                        );
                    }
                    ui.add_space(16.0);
                    let cell_at = |p: egui::Pos2| {
                        let g = ((p.y - rect.top()) / side * groups as f32).floor() as usize;
                        let h = ((p.x - rect.left()) / side * groups as f32).floor() as usize;
                        made.blocks.cell(g.min(groups - 1), h.min(groups - 1)).and_then(|c| c.pair)
                    };
                    if let Some(p) = response.hover_pos()
                        && let Some(pair) = cell_at(p)
                    {
                        let text = format!(
                            "{}\n{}\n{:.0}% of the shorter speech shared ({} and {} words)",
                            name(corpus, pair.doc_a),
                            name(corpus, pair.doc_b),
                            pair.score * 100.0,
                            pair.shared_a,
                            pair.shared_b
                        );
                        if response.clicked() {
                            commands.push(Command::OpenPair(pair.doc_a as usize, pair.doc_b as usize));
                        }
                        response.on_hover_text_at_pointer(text);
                    }
                });
                ui.vertical(|ui| {
                    ui.strong("Most similar pairs");
                    egui::ScrollArea::vertical().id_salt("reuse-top").show(ui, |ui| {
                        for pair in &made.top {
                            let label = format!(
                                "{:.0}%  {}  ·  {}",
                                pair.score * 100.0,
                                name(corpus, pair.doc_a),
                                name(corpus, pair.doc_b)
                            );
                            if ui.add(egui::Button::new(label).truncate()).on_hover_text("Open the pair as two columns in pair mode").clicked() {
                                commands.push(Command::OpenPair(pair.doc_a as usize, pair.doc_b as usize));
                            }
                        }
                    });
                });
            });
        },
    );
    if !open {
        state.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::color;

    #[test]
    fn more_shared_is_brighter() {
        for dark in [true, false] {
            let lum = |s: f32| {
                let c = color(s, dark);
                u32::from(c.r()) + u32::from(c.g()) + u32::from(c.b())
            };
            let (none, some, all) = (lum(0.0), lum(0.1), lum(1.0));
            if dark {
                assert!(none < some && some < all);
            } else {
                assert!(none > some && some > all);
            }
        }
    }
}
