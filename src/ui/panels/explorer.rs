//! The phrase explorer: every recurring phrase of the whole corpus (not
//! only the columns shown), found by typing, filtered by speaker and date
//! range, sorted by speeches, length, first or last use, speakers or burst;
//! the phrase picked shown with its life (speeches per year) and a button
//! that shows its speeches as columns.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::core::phrases::explore::{ExploreQuery, ExploreSort, Explorer};
use crate::core::phrases::{PhraseSet, uses_per_year};
use crate::core::text::YearCount;
use crate::core::text::transcript::Transcript;
use crate::ui::app::Command;
use crate::ui::panels::windows::{self, AppWindow};
use crate::ui::workers::keyed_job::{KeyedJob, SameSet};

/// What the explorer knows of one phrase set: the facts of its phrases,
/// the speakers to filter by and the years its speeches span.
struct Known {
    explorer: Explorer,
    speakers: Vec<String>,
    years: (i32, i32),
}

/// Sets of up to this many phrases are queried within the frame (a few
/// milliseconds); larger ones (the 100x corpus has 1.5 million phrases, a
/// typed letter would hold the window for a tenth of a second) on a thread,
/// the last answer staying on screen meanwhile.
pub const QUERY_IN_FRAME_UP_TO: usize = 50_000;

/// The explorer window's state (not saved: the query is, in the workspace).
pub struct ExplorerState {
    /// The window is open.
    pub open: bool,
    /// Sets with more phrases than this are queried on a thread (default
    /// [`QUERY_IN_FRAME_UP_TO`]; tests lower it to see the thread at work).
    pub query_in_frame_up_to: usize,
    /// The facts of the current phrase set, worked out on a thread (a large
    /// corpus has a million phrases).
    known: KeyedJob<SameSet, Arc<Known>>,
    /// A query of a large set being answered on a thread.
    querying: KeyedJob<(SameSet, ExploreQuery), Arc<Vec<u32>>>,
    /// The rows of the last query answered, for its set and query.
    rows: Option<(Arc<PhraseSet>, ExploreQuery, Arc<Vec<u32>>)>,
    /// The phrase looked at (index into the set) and its uses per year.
    picked: Option<(u32, Vec<YearCount>)>,
    /// The dates as typed (a year or a day), kept while they do not parse.
    from: Option<String>,
    to: Option<String>,
    /// The text field takes the keyboard on the next frame (just opened).
    focus_text: bool,
}

impl Default for ExplorerState {
    fn default() -> Self {
        ExplorerState {
            open: false,
            query_in_frame_up_to: QUERY_IN_FRAME_UP_TO,
            known: KeyedJob::default(),
            querying: KeyedJob::default(),
            rows: None,
            picked: None,
            from: None,
            to: None,
            focus_text: false,
        }
    }
}

impl ExplorerState {
    /// Opens the window with the keyboard in its text field, or closes it.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.focus_text = self.open;
    }

    /// The phrases of the last query answered (tests).
    pub fn rows(&self) -> &[u32] {
        self.rows.as_ref().map_or(&[], |r| &r.2)
    }

    /// True while the facts of the current phrase set are worked out or a
    /// query is answered on a thread.
    pub fn is_working(&self) -> bool {
        self.known.is_working() || self.querying.is_working()
    }

    /// The rows answering `query` of `set`: answered here for a small set;
    /// for a large one asked of a thread, the last rows of the same set
    /// standing in until the answer comes. Also says whether they are that
    /// stand-in.
    fn rows_for(
        &mut self,
        ctx: &egui::Context,
        known: &Arc<Known>,
        set: &Arc<PhraseSet>,
        corpus: &[Arc<Transcript>],
        query: &ExploreQuery,
    ) -> (Arc<Vec<u32>>, bool) {
        let answered = |r: &(Arc<PhraseSet>, ExploreQuery, Arc<Vec<u32>>)| Arc::ptr_eq(&r.0, set) && r.1 == *query;
        if !self.rows.as_ref().is_some_and(answered) {
            if set.phrases.len() <= self.query_in_frame_up_to {
                let rows = Arc::new(known.explorer.query(set, corpus, query));
                self.rows = Some((set.clone(), query.clone(), rows));
            } else {
                let key = (SameSet(set.clone()), query.clone());
                let (known, set2, corpus, query2) = (known.clone(), set.clone(), corpus.to_vec(), query.clone());
                let make = move || Arc::new(known.explorer.query(&set2, &corpus, &query2));
                if let Some((rows, _)) = self.querying.poll(&key, ctx, "refrain-explorer-query", make) {
                    self.rows = Some((set.clone(), query.clone(), rows.clone()));
                }
            }
        }
        match &self.rows {
            Some(r) if Arc::ptr_eq(&r.0, set) => (r.2.clone(), !answered(r)),
            _ => (Arc::default(), true),
        }
    }
}

/// Works out what the explorer needs of `set`.
fn know(set: &PhraseSet, corpus: &[Arc<Transcript>]) -> Known {
    let explorer = Explorer::new(set, corpus);
    let mut speakers: Vec<String> = corpus.iter().filter_map(|t| t.speaker.clone()).collect();
    speakers.sort();
    speakers.dedup();
    let years = corpus.iter().filter_map(|t| t.date.map(|d| d.date.year()));
    let years = years.fold(None, |r: Option<(i32, i32)>, y| Some(r.map_or((y, y), |(a, b)| (a.min(y), b.max(y)))));
    Known { explorer, speakers, years: years.unwrap_or((0, 0)) }
}

/// A typed date: a year (`1861`, its first or last day as `end` says) or a day (`1861-03-04`).
fn parse_day(text: &str, end: bool) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    let year: i32 = text.parse().ok()?;
    if end { NaiveDate::from_ymd_opt(year, 12, 31) } else { NaiveDate::from_ymd_opt(year, 1, 1) }
}

/// A date field: the text typed, red while it is not a date; sets `day`
/// when it is one (or to `None` when emptied).
fn date_field(ui: &mut egui::Ui, hint: &str, typed: &mut Option<String>, day: &mut Option<NaiveDate>, end: bool) {
    let text = typed.get_or_insert_with(|| day.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
    let valid = text.trim().is_empty() || parse_day(text, end).is_some();
    let mut edit = egui::TextEdit::singleline(text).hint_text(hint).desired_width(82.0);
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit).on_hover_text("A year (1861) or a day (1861-03-04)");
    if response.changed() {
        if text.trim().is_empty() {
            *day = None;
        } else if let Some(d) = parse_day(text, end) {
            *day = Some(d);
        }
    }
}

/// Draws the explorer window when open: `query` is the workspace's (it
/// survives a restart); pushes the phrase picked and the request to show
/// its speeches.
pub fn explorer_ui(
    ctx: &egui::Context,
    state: &mut ExplorerState,
    query: &mut ExploreQuery,
    set: Option<&Arc<PhraseSet>>,
    corpus: &[Arc<Transcript>],
    selected: Option<u32>,
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    windows::window(ctx, AppWindow::Explorer, "Phrase explorer")
        .open(&mut open)
        .resizable(true)
        .default_size([640.0, 680.0])
        .show(ctx, |ui| {
            let Some(set) = set else {
                ui.label("The phrases are being found…");
                return;
            };
            let (set2, owned) = (set.clone(), corpus.to_vec());
            let known =
                state.known.poll(&SameSet(set.clone()), ctx, "refrain-explorer", move || Arc::new(know(&set2, &owned)));
            let Some((known, fresh)) = known.map(|(k, fresh)| (k.clone(), fresh)) else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Looking at {} phrases…", set.phrases.len()));
                });
                return;
            };
            if fresh {
                state.picked = None;
            }
            let focus = std::mem::take(&mut state.focus_text);
            controls_ui(ui, query, &known.speakers, &mut state.from, &mut state.to, focus);
            let (rows, waiting) = state.rows_for(ctx, &known, set, corpus, query);
            let rows = &rows[..];
            ui.horizontal(|ui| {
                let count = format!("{} of {} phrases of the whole corpus", rows.len(), set.phrases.len());
                ui.label(egui::RichText::new(count).small().weak());
                if waiting {
                    ui.spinner();
                    ui.label(egui::RichText::new("searching…").small().weak());
                }
            });
            ui.separator();
            // A phrase selected elsewhere (the columns, the phrases panel)
            // is the one looked at here too.
            let mut picked = state.picked.as_ref().map(|p| p.0);
            let mut clicked = selected.filter(|&s| Some(s) != picked && (s as usize) < set.phrases.len());
            if clicked.is_some() {
                picked = clicked;
            }
            let list_height = (ui.available_height() - 250.0).clamp(100.0, 420.0);
            list_ui(ui, set, corpus, &known.explorer, rows, picked, list_height, &mut clicked);
            if let Some(i) = clicked {
                let date = |d: u32| corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date));
                let uses = set.phrases.get(i as usize).map(|p| uses_per_year(p, date)).unwrap_or_default();
                state.picked = Some((i, uses));
                if selected != Some(i) {
                    commands.push(Command::SelectPhrase(i));
                }
            }
            ui.separator();
            if let Some((i, uses)) = &state.picked
                && set.phrases.get(*i as usize).is_some()
            {
                picked_ui(ui, set, corpus, &known.explorer, *i, uses, known.years, commands);
            } else {
                ui.label(egui::RichText::new("Pick a phrase to see its life and show its speeches.").weak());
            }
        });
    if !open {
        state.open = false;
    }
}

/// The text, speaker, dates and order of the query.
fn controls_ui(
    ui: &mut egui::Ui,
    query: &mut ExploreQuery,
    speakers: &[String],
    from: &mut Option<String>,
    to: &mut Option<String>,
    focus: bool,
) {
    ui.horizontal(|ui| {
        let text = ui.add(
            egui::TextEdit::singleline(&mut query.text)
                .hint_text("Find a phrase…")
                .desired_width(ui.available_width().min(320.0)),
        );
        if focus {
            text.request_focus();
        }
        egui::ComboBox::new("explorer-sort", "order").selected_text(format!("by {}", query.sort.label())).show_ui(
            ui,
            |ui| {
                for s in ExploreSort::ALL {
                    ui.selectable_value(&mut query.sort, s, format!("by {}", s.label()));
                }
            },
        );
    });
    ui.horizontal(|ui| {
        let shown = query.speaker.clone().unwrap_or_else(|| "any speaker".into());
        egui::ComboBox::new("explorer-speaker", "speaker").selected_text(crate::ui::bidi::isolate(&shown)).show_ui(
            ui,
            |ui| {
                ui.selectable_value(&mut query.speaker, None, "any speaker");
                for s in speakers {
                    ui.selectable_value(&mut query.speaker, Some(s.clone()), crate::ui::bidi::isolate(s));
                }
            },
        );
        ui.label("from");
        date_field(ui, "year or day", from, &mut query.from, false);
        ui.label("to");
        date_field(ui, "year or day", to, &mut query.to, true);
    });
}

/// The list of phrases answering the query; sets `clicked` to the one clicked.
#[allow(clippy::too_many_arguments)]
fn list_ui(
    ui: &mut egui::Ui,
    set: &PhraseSet,
    corpus: &[Arc<Transcript>],
    explorer: &Explorer,
    rows: &[u32],
    picked: Option<u32>,
    height: f32,
    clicked: &mut Option<u32>,
) {
    let year = |d: Option<NaiveDate>| d.map_or_else(|| "undated".to_string(), |d| d.year().to_string());
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body) + ui.text_style_height(&egui::TextStyle::Small) + 14.0;
    egui::ScrollArea::vertical().id_salt("explorer-rows").max_height(height).auto_shrink([false, false]).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            for k in range {
                let Some(&i) = rows.get(k) else { continue };
                let Some(f) = explorer.facts(i) else { continue };
                ui.vertical(|ui| {
                    ui.set_height(row_height - ui.spacing().item_spacing.y);
                    let text = crate::ui::panels::phrases::row_text(set, corpus, i);
                    let label = crate::ui::panels::phrases::fitted(ui, crate::ui::bidi::isolate(&text));
                    let button =
                        egui::Button::selectable(picked == Some(i), crate::ui::bidi::button(ui, label)).truncate();
                    if ui.add(button).clicked() {
                        *clicked = Some(i);
                    }
                    ui.label(
                        egui::RichText::new(format!(
                            "{} speeches · {} words · {}–{} · {} speaker{} · burst {}",
                            f.speeches,
                            f.len,
                            year(f.first),
                            year(f.last),
                            f.speakers,
                            if f.speakers == 1 { "" } else { "s" },
                            f.burst
                        ))
                        .small()
                        .weak(),
                    );
                });
            }
        },
    );
}

/// The phrase picked: its text, who said it first, its life and the
/// button that shows its speeches.
#[allow(clippy::too_many_arguments)]
fn picked_ui(
    ui: &mut egui::Ui,
    set: &Arc<PhraseSet>,
    corpus: &[Arc<Transcript>],
    explorer: &Explorer,
    i: u32,
    uses: &[YearCount],
    years: (i32, i32),
    commands: &mut Vec<Command>,
) {
    let Some(p) = set.phrases.get(i as usize) else { return };
    let text = crate::ui::panels::phrases::row_text(set, corpus, i);
    ui.label(egui::RichText::new(crate::ui::bidi::isolate(&format!("“{text}”"))).strong());
    if let Some(first) = corpus.get(p.first as usize) {
        let who = first.speaker.as_deref().unwrap_or("an unknown speaker");
        let when = first.date.map_or_else(|| "undated".to_string(), |d| d.display());
        ui.label(format!(
            "First said by {} ({when}), in {}",
            crate::ui::bidi::isolate(who),
            crate::ui::bidi::isolate(&first.title)
        ));
    }
    egui::CollapsingHeader::new("Its path: who used it later").id_salt("explorer-path").show(ui, |ui| {
        crate::ui::panels::phrase_path::phrase_path_for(ui, set, corpus, i, 8);
    });
    if let Some(f) = explorer.facts(i) {
        ui.label(
            egui::RichText::new(format!("At most {} speeches within a year; {} speakers in all", f.burst, f.speakers))
                .small()
                .weak(),
        );
    }
    crate::ui::panels::life_chart::life_chart_ui(ui, uses, years.0, years.1);
    let shown = p.speeches.min(crate::ui::app::MAX_COLUMNS as u32);
    let label = if shown < p.speeches {
        format!("Show its first {shown} speeches as columns")
    } else {
        format!("Show its {shown} speeches as columns")
    };
    ui.horizontal(|ui| {
        if ui.button(label).clicked() {
            commands.push(Command::ShowPhraseSpeeches(i));
        }
        if ui.button("Where in each speech").on_hover_text("Its dispersion: where it is along each speech").clicked() {
            commands.push(Command::SelectPhrase(i));
            commands.push(Command::ShowDispersion(crate::ui::panels::dispersion::DispersionOf::Phrase));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::parse_day;
    use chrono::NaiveDate;

    #[test]
    fn typed_dates_are_years_or_days() {
        assert_eq!(parse_day("1861", false), NaiveDate::from_ymd_opt(1861, 1, 1));
        assert_eq!(parse_day(" 1861 ", true), NaiveDate::from_ymd_opt(1861, 12, 31));
        assert_eq!(parse_day("1861-03-04", true), NaiveDate::from_ymd_opt(1861, 3, 4));
        assert_eq!(parse_day("March 1861", false), None);
        assert_eq!(parse_day("", false), None);
    }
}
