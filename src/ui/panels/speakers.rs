//! The Speakers window: who said a phrase first and who used it later, as
//! a speaker × speaker table (a matrix when the groups are few, such as
//! parties; a sorted list of pairs always), self-repetition on a tab of
//! its own; grouped by speaker or by any field of the transcripts. A pair
//! clicked lists its phrases with their two speeches and the lag; a phrase
//! clicked is selected and its two speeches shown as the columns. The
//! table is made on a thread (a large corpus has a million phrases).

use std::sync::Arc;

use crate::core::phrases::PhraseSet;
use crate::core::speakers::{GroupId, PairCell, PairTable, SpeechGroups};
use crate::core::text::transcript::{SPEAKER_FIELD, TITLE_FIELD, Transcript};
use crate::ui::app::Command;
use crate::ui::panels::phrase_path::lag_text;
use crate::ui::panels::windows::{self, AppWindow};
use crate::ui::workers::keyed_job::{KeyedJob, SameSet};

/// Most groups the matrix shows; beyond, only the list of pairs.
const MATRIX_MAX: usize = 12;

/// The table of one phrase set grouped by one field, ready to draw.
struct Known {
    field: String,
    groups: SpeechGroups,
    table: PairTable,
    /// The fields the transcripts have (to group by), `speaker` first.
    fields: Vec<String>,
}

/// Which pairs the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairKind {
    /// A said it first, B (another) used it later.
    #[default]
    Borrowing,
    /// A used again what A said first.
    SelfRepetition,
}

/// How the pairs are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairSort {
    /// Most phrases first.
    #[default]
    Phrases,
    /// Most words first.
    Words,
    /// Shortest median lag first.
    Lag,
    /// By first speaker, then later one.
    Name,
}

impl PairSort {
    const ALL: [PairSort; 4] = [PairSort::Phrases, PairSort::Words, PairSort::Lag, PairSort::Name];

    fn label(self) -> &'static str {
        match self {
            PairSort::Phrases => "phrases",
            PairSort::Words => "words",
            PairSort::Lag => "median lag",
            PairSort::Name => "name",
        }
    }
}

/// The Speakers window's state (the field grouped by is the workspace's).
#[derive(Default)]
pub struct SpeakersState {
    /// The window is open.
    pub open: bool,
    /// The table of a phrase set grouped by a field, made on a thread.
    known: KeyedJob<(SameSet, String), Known>,
    /// The names of the groups last shown: a pair picked stays when a new
    /// table has the same ones.
    shown_groups: Vec<String>,
    kind: PairKind,
    sort: PairSort,
    /// Part of a name: only pairs naming it are listed.
    filter: String,
    /// The list's cells (indices into the table's), for what it was made of.
    rows: Option<((PairKind, PairSort, String), Vec<u32>)>,
    /// The pair clicked.
    pair: Option<(GroupId, GroupId)>,
    /// The phrase clicked in the pair's list.
    phrase: Option<u32>,
}

impl SpeakersState {
    /// True while the table of the current phrase set is made.
    pub fn is_working(&self) -> bool {
        self.known.is_working()
    }

    /// The table shown and its groups (tests).
    pub fn table(&self) -> Option<(&PairTable, &SpeechGroups)> {
        self.known.last().map(|k| (&k.table, &k.groups))
    }

    /// The pair clicked (tests).
    pub fn pair(&self) -> Option<(GroupId, GroupId)> {
        self.pair
    }

    /// Shows `from`'s phrases used later by `to` (as a click on the pair does).
    pub fn pick_pair(&mut self, from: GroupId, to: GroupId) {
        self.kind = if from == to { PairKind::SelfRepetition } else { PairKind::Borrowing };
        self.pair = Some((from, to));
        self.phrase = None;
    }

    /// Makes sure the table is that of `set` grouped by `field`: taken
    /// from its thread when ready, else started on one. A pair picked
    /// stays when the new table has the same groups.
    fn follow(&mut self, ctx: &egui::Context, set: &Arc<PhraseSet>, corpus: &[Arc<Transcript>], field: &str) {
        let (set2, owned, field2) = (set.clone(), corpus.to_vec(), field.to_string());
        let key = (SameSet(set.clone()), field.to_string());
        let made = self.known.poll(&key, ctx, "refrain-speakers", move || make(&set2, &owned, &field2));
        let Some((known, true)) = made else { return };
        let names = known.groups.names().to_vec();
        if names != self.shown_groups {
            self.pair = None;
            self.phrase = None;
            self.shown_groups = names;
        }
        self.rows = None;
    }
}

/// The table to show for `set`: the one grouped by the field asked for,
/// or while it is made the one before, if it is of the same set.
fn shown<'a>(known: &'a KeyedJob<(SameSet, String), Known>, set: &Arc<PhraseSet>) -> Option<&'a Known> {
    known.last_with_key().filter(|((s, _), _)| Arc::ptr_eq(&s.0, set)).map(|(_, k)| k)
}

/// The table of `set` with the speeches of `corpus` grouped by `field`,
/// and the fields the transcripts have.
fn make(set: &PhraseSet, corpus: &[Arc<Transcript>], field: &str) -> Known {
    let groups = SpeechGroups::by_field(corpus, field);
    let table = PairTable::build(set, &groups);
    let mut fields: Vec<String> = vec![SPEAKER_FIELD.to_string()];
    for t in corpus {
        for f in t.field_names() {
            if f != TITLE_FIELD && !fields.iter().any(|g| g == f) {
                fields.push(f.to_string());
            }
        }
    }
    Known { field: field.to_string(), groups, table, fields }
}

/// A median lag, short.
fn median_text(days: f64) -> String {
    format!("median {}", lag_text(days.round() as i32))
}

/// The cells the list shows, in order.
fn list_rows(known: &Known, kind: PairKind, sort: PairSort, filter: &str) -> Vec<u32> {
    let needle = filter.trim().to_lowercase();
    let g = &known.groups;
    let names = |c: &PairCell| (g.name(c.from), g.name(c.to));
    let mut rows: Vec<u32> = (known.table.cells().iter().enumerate())
        .filter(|(_, c)| c.is_self() == (kind == PairKind::SelfRepetition))
        .filter(|(_, c)| {
            let (a, b) = names(c);
            needle.is_empty() || a.to_lowercase().contains(&needle) || b.to_lowercase().contains(&needle)
        })
        .map(|(k, _)| k as u32)
        .collect();
    let cells = known.table.cells();
    let cell = |k: &u32| &cells[*k as usize];
    match sort {
        PairSort::Phrases => rows.sort_by_key(|k| std::cmp::Reverse(cell(k).phrases)),
        PairSort::Words => rows.sort_by_key(|k| std::cmp::Reverse(cell(k).words)),
        PairSort::Lag => rows.sort_by(|a, b| cell(a).median_lag_days.total_cmp(&cell(b).median_lag_days)),
        PairSort::Name => {} // the table's own order
    }
    rows
}

/// Draws the window when open: `field` is the workspace's field grouped
/// by (empty: speaker). Pushes the phrase clicked and its speeches.
pub fn speakers_ui(
    ctx: &egui::Context,
    state: &mut SpeakersState,
    field: &mut String,
    set: Option<&Arc<PhraseSet>>,
    corpus: &[Arc<Transcript>],
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    if field.trim().is_empty() {
        *field = SPEAKER_FIELD.to_string();
    }
    let mut open = true;
    windows::window(ctx, AppWindow::Speakers, "Speakers")
        .open(&mut open)
        .resizable(true)
        .default_size([760.0, 660.0])
        .show(ctx, |ui| {
            let Some(set) = set else {
                ui.label("The phrases are being found…");
                return;
            };
            state.follow(ctx, set, corpus, field);
            let Some(fields) = shown(&state.known, set).map(|k| k.fields.clone()) else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Following {} phrases from speaker to speaker…", set.phrases.len()));
                });
                return;
            };
            controls_ui(ui, state_controls(state), field, &fields);
            let known = shown(&state.known, set);
            let Some(known) = known else { return };
            if known.field != *field {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Grouping by {field}…"));
                });
            }
            summary_ui(ui, known);
            if known.groups.is_empty() {
                ui.label(format!("No transcript states its {}.", known.field));
                return;
            }
            let key = (state.kind, state.sort, state.filter.clone());
            if state.rows.as_ref().is_none_or(|(k, _)| *k != key) {
                let rows = list_rows(known, state.kind, state.sort, &state.filter);
                state.rows = Some((key, rows));
            }
            let rows = state.rows.as_ref().map_or(&[][..], |r| &r.1[..]);
            let mut clicked_pair = None;
            if state.kind == PairKind::Borrowing && known.groups.len() <= MATRIX_MAX {
                matrix_ui(ui, known, state.pair, &mut clicked_pair);
                ui.separator();
            }
            let list_height = if state.pair.is_some() { 170.0 } else { ui.available_height() - 8.0 };
            pairs_ui(ui, known, rows, state.pair, list_height.max(80.0), &mut clicked_pair);
            if let Some((a, b)) = clicked_pair {
                state.pair = Some((a, b));
                state.phrase = None;
            }
            ui.separator();
            match state.pair.and_then(|(a, b)| known.table.cell(a, b)) {
                Some(cell) => pair_phrases_ui(ui, set, known, cell, corpus, &mut state.phrase, commands),
                None => {
                    ui.label(egui::RichText::new("Click a pair to see its phrases.").weak());
                }
            }
        });
    if !open {
        state.open = false;
    }
}

/// The parts of the state the controls change.
struct Controls<'a> {
    kind: &'a mut PairKind,
    sort: &'a mut PairSort,
    filter: &'a mut String,
}

fn state_controls(state: &mut SpeakersState) -> Controls<'_> {
    Controls { kind: &mut state.kind, sort: &mut state.sort, filter: &mut state.filter }
}

/// Group by, which pairs, their order and a name filter.
fn controls_ui(ui: &mut egui::Ui, c: Controls<'_>, field: &mut String, fields: &[String]) {
    ui.horizontal(|ui| {
        egui::ComboBox::new("speakers-field", "group by").selected_text(field.as_str()).show_ui(ui, |ui| {
            for f in fields {
                ui.selectable_value(field, f.clone(), f.as_str());
            }
        });
        ui.separator();
        ui.selectable_value(c.kind, PairKind::Borrowing, "Borrowing")
            .on_hover_text("Phrases one said first and another used later");
        ui.selectable_value(c.kind, PairKind::SelfRepetition, "Self-repetition")
            .on_hover_text("Phrases one said first and used again in a later speech");
        ui.separator();
        egui::ComboBox::new("speakers-sort", "order").selected_text(format!("by {}", c.sort.label())).show_ui(
            ui,
            |ui| {
                for s in PairSort::ALL {
                    ui.selectable_value(c.sort, s, format!("by {}", s.label()));
                }
            },
        );
        ui.add(egui::TextEdit::singleline(c.filter).hint_text("name…").desired_width(110.0));
    });
}

/// What the table counts, and what it leaves out.
fn summary_ui(ui: &mut egui::Ui, known: &Known) {
    let sum = |it: &mut dyn Iterator<Item = &PairCell>| it.map(|c| u64::from(c.phrases)).sum::<u64>();
    let borrowed = sum(&mut known.table.borrowing());
    let repeated = sum(&mut known.table.self_repetition());
    let s = known.table.skipped();
    ui.label(
        egui::RichText::new(format!(
            "{} groups by {}: {borrowed} times a phrase said first by one was used later by another; {repeated} times \
             by the same again. Left out: {} phrases only in undated speeches, {} first said without a {}, {} same-day uses.",
            known.groups.len(),
            known.field,
            s.undated,
            s.no_first_speaker,
            known.field,
            s.same_day
        ))
        .small()
        .weak(),
    );
}

/// The matrix of a few groups: rows said first, columns used later; the
/// diagonal (self-repetition) in parentheses.
fn matrix_ui(
    ui: &mut egui::Ui,
    known: &Known,
    picked: Option<(GroupId, GroupId)>,
    clicked: &mut Option<(GroupId, GroupId)>,
) {
    let g = &known.groups;
    let n = g.len() as GroupId;
    let short = |s: &str| {
        let s = crate::ui::bidi::isolate(s);
        if s.chars().count() > 14 { format!("{}…", s.chars().take(13).collect::<String>()) } else { s }
    };
    ui.label(egui::RichText::new("Rows said it first, columns used it later (phrases):").small());
    egui::ScrollArea::horizontal().id_salt("speakers-matrix").show(ui, |ui| {
        egui::Grid::new("speakers-matrix-grid").striped(true).spacing([6.0, 2.0]).show(ui, |ui| {
            ui.label("");
            for b in 0..n {
                ui.label(egui::RichText::new(short(g.name(b))).small()).on_hover_text(g.name(b));
            }
            ui.end_row();
            for a in 0..n {
                ui.label(egui::RichText::new(short(g.name(a))).small()).on_hover_text(g.name(a));
                for b in 0..n {
                    let Some(cell) = known.table.cell(a, b) else {
                        ui.label(egui::RichText::new("·").weak());
                        continue;
                    };
                    let text = if a == b { format!("({})", cell.phrases) } else { cell.phrases.to_string() };
                    let hover = format!(
                        "{} → {}: {} phrases, {} words, {}",
                        g.name(a),
                        g.name(b),
                        cell.phrases,
                        cell.words,
                        median_text(cell.median_lag_days)
                    );
                    if ui
                        .add(egui::Button::selectable(picked == Some((a, b)), text).small())
                        .on_hover_text(hover)
                        .clicked()
                    {
                        *clicked = Some((a, b));
                    }
                }
                ui.end_row();
            }
        });
    });
}

/// The pairs, one a row: names, phrases, words, median lag.
fn pairs_ui(
    ui: &mut egui::Ui,
    known: &Known,
    rows: &[u32],
    picked: Option<(GroupId, GroupId)>,
    height: f32,
    clicked: &mut Option<(GroupId, GroupId)>,
) {
    let g = &known.groups;
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    ui.label(egui::RichText::new(format!("{} pairs", rows.len())).small().weak());
    egui::ScrollArea::vertical().id_salt("speakers-pairs").max_height(height).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            let spacing = [16.0, ui.spacing().item_spacing.y];
            egui::Grid::new("speakers-pairs-grid").num_columns(4).striped(true).spacing(spacing).show(ui, |ui| {
                for k in range {
                    let Some(cell) = rows.get(k).and_then(|&c| known.table.cells().get(c as usize)) else { continue };
                    let names = if cell.is_self() {
                        crate::ui::bidi::isolate(g.name(cell.from))
                    } else {
                        format!(
                            "{} → {}",
                            crate::ui::bidi::isolate(g.name(cell.from)),
                            crate::ui::bidi::isolate(g.name(cell.to))
                        )
                    };
                    let button = egui::Button::selectable(picked == Some((cell.from, cell.to)), names);
                    if ui.add(button).clicked() {
                        *clicked = Some((cell.from, cell.to));
                    }
                    ui.label(format!("{} phrases", cell.phrases));
                    ui.label(format!("{} words", cell.words));
                    ui.label(median_text(cell.median_lag_days));
                    ui.end_row();
                }
            });
        },
    );
}

/// A speech named by its date and title.
fn speech_name(corpus: &[Arc<Transcript>], doc: u32) -> String {
    corpus.get(doc as usize).map_or_else(String::new, |t| {
        let date = t.date.map_or_else(|| "undated".to_string(), |d| d.display());
        format!("{date} {}", crate::ui::bidi::isolate(&t.title))
    })
}

/// A pair's phrases, each with its two speeches and the lag; a click
/// selects the phrase and shows its two speeches as the columns.
fn pair_phrases_ui(
    ui: &mut egui::Ui,
    set: &PhraseSet,
    known: &Known,
    cell: &PairCell,
    corpus: &[Arc<Transcript>],
    picked: &mut Option<u32>,
    commands: &mut Vec<Command>,
) {
    let g = &known.groups;
    let (a, b) = (crate::ui::bidi::isolate(g.name(cell.from)), crate::ui::bidi::isolate(g.name(cell.to)));
    ui.strong(if cell.is_self() {
        format!("{} phrases {a} said first and used again", cell.phrases)
    } else {
        format!("{} phrases {a} said first and {b} used later", cell.phrases)
    });
    let phrases = known.table.phrases(cell);
    let row_height =
        ui.text_style_height(&egui::TextStyle::Button) + ui.text_style_height(&egui::TextStyle::Small) + 14.0;
    egui::ScrollArea::vertical().id_salt("speakers-phrases").auto_shrink([false, false]).show_rows(
        ui,
        row_height,
        phrases.len(),
        |ui, range| {
            for k in range {
                let Some(p) = phrases.get(k) else { continue };
                ui.vertical(|ui| {
                    ui.set_height(row_height - ui.spacing().item_spacing.y);
                    let text = crate::ui::panels::phrases::row_text(set, corpus, p.phrase);
                    let label = crate::ui::panels::phrases::fitted(ui, crate::ui::bidi::isolate(&text));
                    let button =
                        egui::Button::selectable(*picked == Some(p.phrase), crate::ui::bidi::button(ui, label))
                            .truncate();
                    if ui.add(button).on_hover_text("Select it and show the two speeches as columns").clicked() {
                        *picked = Some(p.phrase);
                        commands.push(Command::ShowColumns(vec![p.from_doc as usize, p.to_doc as usize]));
                        commands.push(Command::SelectPhrase(p.phrase));
                    }
                    ui.label(
                        egui::RichText::new(format!(
                            "{}  →  {}  ·  {}",
                            speech_name(corpus, p.from_doc),
                            speech_name(corpus, p.to_doc),
                            lag_text(p.lag_days)
                        ))
                        .small()
                        .weak(),
                    );
                });
            }
        },
    );
}
