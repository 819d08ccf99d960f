//! The search panel (Ctrl+F): a query over all opened transcripts, answered
//! on a background thread as one types, shown as keyword-in-context lines
//! aligned on the match, grouped by speech in date order, with a count per
//! speech and a sparkline of matches per year.

use std::ops::Range;
use std::sync::Arc;

use chrono::Datelike;

use crate::core::search::kwic::kwic;
use crate::core::search::{ContextSide, ContextSort, Query, SearchOptions, SearchResults, sort_by_context};
use crate::core::text::transcript::Transcript;
use crate::ui::app::Command;
use crate::ui::workers::search::{QueryResult, Received, Request, Searcher, TrackedResult};

/// A search kept in the workspace to come back to ("pinned").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TrackedSearch {
    /// The query as typed.
    pub query: String,
    /// How it is matched.
    pub options: SearchOptions,
}

/// What the user asked for in the panel, applied after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchCommand {
    /// Open the panel and focus the query (Ctrl+F).
    Open,
    /// Close the panel; the columns keep their place.
    Close,
    /// Show a match: its speech as a column, scrolled to it. `index` is its
    /// place among all matches (for Enter / Shift+Enter).
    ShowMatch {
        /// The transcript (corpus position).
        doc: usize,
        /// The match's byte range in its body.
        bytes: Range<usize>,
        /// Its place among all matches.
        index: usize,
    },
    /// Next (true) or previous match, across speeches in date order.
    Step(bool),
    /// Keep the current search in the workspace.
    Pin,
    /// Forget a kept search.
    Unpin(usize),
    /// Run a kept search again.
    RunTracked(usize),
    /// Show where the matches are along each speech (the dispersion window).
    Dispersion,
    /// Save every match with its context as CSV (asks where).
    ExportCsv,
    /// Start a note on a match (right-click on a result line).
    NoteOnMatch {
        /// The transcript (corpus position).
        doc: usize,
        /// The match's byte range.
        bytes: Range<usize>,
    },
}

/// The order of the results list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchOrder {
    /// Speech by speech in date order, each speech's matches in text order.
    #[default]
    Date,
    /// By the words before each match, nearest first (a concordance sort).
    Left,
    /// By the words after each match, nearest first.
    Right,
}

impl SearchOrder {
    const ALL: [SearchOrder; 3] = [SearchOrder::Date, SearchOrder::Left, SearchOrder::Right];

    fn label(self) -> &'static str {
        match self {
            SearchOrder::Date => "by speech",
            SearchOrder::Left => "by left context",
            SearchOrder::Right => "by right context",
        }
    }
}

/// One row of the results list.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// A speech's heading: index into the results' documents.
    Speech(usize),
    /// A match: document index, match index in it, place among all matches.
    Match(usize, usize, usize),
}

/// Results received for one query over one corpus.
struct Shown {
    corpus_version: u64,
    sequence: u64,
    results: Arc<SearchResults>,
    millis: f64,
    rows: Vec<Row>,
    per_year: Vec<crate::core::text::YearCount>,
}

/// Everything the search panel keeps between frames.
pub struct SearchState {
    /// The panel is shown.
    pub open: bool,
    /// The query as typed.
    pub text: String,
    /// Case, whole word, regex.
    pub options: SearchOptions,
    /// Why the query cannot run, when it cannot.
    pub error: Option<String>,
    /// The match Enter stepped to or that was clicked last (its place
    /// among all matches).
    pub cursor: Option<usize>,
    searcher: Option<Searcher>,
    wake: egui::Context,
    /// The corpus version the worker has.
    sent_corpus: Option<u64>,
    /// Query sequence number, and what the last one sent was.
    sequence: u64,
    sent: Option<(String, SearchOptions, u64)>,
    shown: Option<Shown>,
    focus: bool,
    /// The pinned searches last sent, with the corpus version.
    sent_tracked: Option<(Vec<TrackedSearch>, u64)>,
    /// Their results, when they arrived for the current list and corpus.
    tracked: Option<TrackedResult>,
    /// The order of the results list.
    pub order: SearchOrder,
    /// The rows in a context order, for the results (sequence, corpus
    /// version) and order they were sorted for.
    sorted: Option<(u64, u64, SearchOrder, Vec<Row>)>,
}

impl SearchState {
    /// A closed panel; its worker starts when first needed.
    pub fn new(ctx: egui::Context) -> SearchState {
        SearchState {
            open: false,
            text: String::new(),
            options: SearchOptions::default(),
            error: None,
            cursor: None,
            searcher: None,
            wake: ctx,
            sent_corpus: None,
            sequence: 0,
            sent: None,
            shown: None,
            focus: false,
            sent_tracked: None,
            tracked: None,
            order: SearchOrder::Date,
            sorted: None,
        }
    }

    /// Every match of the results shown, in the list's order: its speech
    /// (corpus position) and bytes (for the CSV export).
    pub fn hits_in_order(&mut self, corpus: &[Arc<Transcript>], corpus_version: u64) -> Vec<(usize, Range<usize>)> {
        let Some(shown) = self.shown.as_ref().filter(|s| s.corpus_version == corpus_version) else { return Vec::new() };
        let rows = match self.order {
            SearchOrder::Date => shown.rows.clone(),
            order => sorted_rows(&mut self.sorted, shown, corpus, order).to_vec(),
        };
        rows.iter()
            .filter_map(|r| match *r {
                Row::Match(k, m, _) => {
                    let d = shown.results.docs.get(k)?;
                    Some((d.doc, d.matches.get(m)?.clone()))
                }
                Row::Speech(_) => None,
            })
            .collect()
    }

    /// Opens the panel with the query field focused.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// The results for the corpus shown, if any arrived for the query typed.
    pub fn results(&self, corpus_version: u64) -> Option<&Arc<SearchResults>> {
        self.shown
            .as_ref()
            .filter(|s| s.corpus_version == corpus_version && !self.text.trim().is_empty() && self.error.is_none())
            .map(|s| &s.results)
    }

    /// The matches to mark in a column (empty when the panel is closed).
    pub fn marks(&self, corpus_version: u64, doc: usize) -> &[Range<usize>] {
        match self.results(corpus_version) {
            Some(r) if self.open => r.matches_in(doc),
            _ => &[],
        }
    }

    /// The current match and its document, while the panel is open.
    pub fn current_match(&self, corpus_version: u64) -> Option<(usize, Range<usize>)> {
        let found = self.results(corpus_version)?.flat().nth(self.cursor?)?;
        self.open.then_some(found)
    }

    /// The current match, when it is in this column.
    pub fn current_mark(&self, corpus_version: u64, doc: usize) -> Option<Range<usize>> {
        self.current_match(corpus_version).filter(|(d, _)| *d == doc).map(|(_, r)| r)
    }

    /// The match at a place among all matches.
    pub fn nth_match(&self, corpus_version: u64, index: usize) -> Option<(usize, Range<usize>)> {
        self.results(corpus_version)?.flat().nth(index)
    }

    /// True while the worker has requests to answer.
    pub fn busy(&self) -> bool {
        self.searcher.as_ref().is_some_and(Searcher::busy)
    }

    /// Sends the corpus, the query and the pinned searches to the worker
    /// when they changed, and takes its answers. Called every frame.
    pub fn update(&mut self, corpus: &[Arc<Transcript>], corpus_version: u64, tracked: &[TrackedSearch]) {
        let wanted = self.open && !self.text.trim().is_empty();
        if (wanted || !tracked.is_empty()) && self.searcher.is_none() {
            let wake = self.wake.clone();
            self.searcher = Some(Searcher::start(move || wake.request_repaint()));
        }
        let Some(searcher) = &mut self.searcher else { return };
        let got = searcher.poll();
        self.receive_all(got, corpus);
        if !wanted && tracked.is_empty() {
            return;
        }
        let Some(searcher) = &mut self.searcher else { return };
        if self.sent_corpus != Some(corpus_version) {
            searcher.send(Request::Corpus(corpus_version, corpus.to_vec()));
            self.sent_corpus = Some(corpus_version);
            self.sent = None;
            self.sent_tracked = None;
        }
        if !tracked.is_empty() && self.sent_tracked.as_ref().is_none_or(|(t, _)| t.as_slice() != tracked) {
            searcher.send(Request::Tracked(tracked.to_vec()));
            self.sent_tracked = Some((tracked.to_vec(), corpus_version));
        }
        if !wanted {
            return;
        }
        let key = (self.text.clone(), self.options, corpus_version);
        if self.sent.as_ref() != Some(&key) {
            self.sent = Some(key);
            match Query::parse(&self.text, self.options) {
                Ok(q) => {
                    self.error = None;
                    self.sequence += 1;
                    searcher.send(Request::Query(self.sequence, q));
                }
                Err(e) => self.error = Some(e.to_string()),
            }
        }
    }

    /// Blocks until the worker has answered (tests, screenshots).
    pub fn wait(&mut self, corpus: &[Arc<Transcript>]) {
        if let Some(got) = self.searcher.as_mut().map(Searcher::wait) {
            self.receive_all(got, corpus);
        }
    }

    fn receive_all(&mut self, got: Received, corpus: &[Arc<Transcript>]) {
        if let Some(answer) = got.result {
            self.receive(answer, corpus);
        }
        if got.tracked.is_some() {
            self.tracked = got.tracked;
        }
    }

    /// The results of the pinned searches, each with its search, when they
    /// are for this list and corpus.
    pub fn tracked_results(
        &self,
        tracked: &[TrackedSearch],
        corpus_version: u64,
    ) -> Option<impl Iterator<Item = (&TrackedSearch, &Arc<SearchResults>)>> {
        let t = self.tracked.as_ref()?;
        (t.corpus_version == corpus_version && t.searches.as_slice() == tracked)
            .then(|| t.searches.iter().zip(&t.results))
    }

    fn receive(&mut self, answer: QueryResult, corpus: &[Arc<Transcript>]) {
        let QueryResult { corpus_version, sequence, results, millis } = answer;
        let mut rows = Vec::new();
        let mut n = 0;
        for (k, d) in results.docs.iter().enumerate() {
            rows.push(Row::Speech(k));
            for m in 0..d.matches.len() {
                rows.push(Row::Match(k, m, n));
                n += 1;
            }
        }
        let per_year = results.per_year(corpus);
        if self.shown.as_ref().is_none_or(|s| s.sequence != sequence) {
            self.cursor = None;
        }
        self.shown = Some(Shown { corpus_version, sequence, results, millis, rows, per_year });
    }
}

/// Draws the panel: the query bar and the results. Pushes what the user did.
pub fn search_ui(
    ui: &mut egui::Ui,
    state: &mut SearchState,
    corpus: &[Arc<Transcript>],
    corpus_version: u64,
    tracked: &[TrackedSearch],
    commands: &mut Vec<Command>,
) {
    let mut push = |c: SearchCommand| commands.push(Command::Search(c));
    ui.horizontal(|ui| {
        let edit = egui::TextEdit::singleline(&mut state.text)
            .hint_text("Search all transcripts: words, or \"an exact phrase\"")
            .desired_width(360.0);
        let response = ui.add(edit);
        if state.focus {
            response.request_focus();
            state.focus = false;
        }
        // Enter leaves a one-line field: step to a match and stay in it.
        if response.lost_focus() {
            let (enter, shift, escape) =
                ui.input(|i| (i.key_pressed(egui::Key::Enter), i.modifiers.shift, i.key_pressed(egui::Key::Escape)));
            if enter {
                push(SearchCommand::Step(!shift));
                response.request_focus();
            } else if escape {
                push(SearchCommand::Close);
            }
        }
        ui.checkbox(&mut state.options.case_sensitive, "Match case").on_hover_text("Case and accents exactly");
        ui.checkbox(&mut state.options.whole_word, "Whole words");
        ui.checkbox(&mut state.options.regex, "Regex").on_hover_text("A regular expression over the text as written");
        if ui.button("< match").on_hover_text("Previous match (Shift+Enter)").clicked() {
            push(SearchCommand::Step(false));
        }
        if ui.button("match >").on_hover_text("Next match (Enter)").clicked() {
            push(SearchCommand::Step(true));
        }
        if ui
            .add_enabled(!state.text.trim().is_empty(), egui::Button::new("Pin"))
            .on_hover_text("Keep this search in the workspace")
            .clicked()
        {
            push(SearchCommand::Pin);
        }
        if ui.small_button("×").on_hover_text("Close the search (Esc)").clicked() {
            push(SearchCommand::Close);
        }
    });
    if !tracked.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Pinned:").small().weak());
            for (k, t) in tracked.iter().enumerate() {
                let label = crate::core::text::shorten(&t.query, 40);
                let r = ui.small_button(label).on_hover_text("Search for this again; right-click to unpin");
                if r.clicked() {
                    push(SearchCommand::RunTracked(k));
                }
                if r.secondary_clicked() {
                    push(SearchCommand::Unpin(k));
                }
            }
        });
    }
    state.update(corpus, corpus_version, tracked);
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().warn_fg_color, e);
        return;
    }
    if state.text.trim().is_empty() {
        ui.label(egui::RichText::new("Type to search every opened transcript.").weak());
        return;
    }
    let stale = state
        .shown
        .as_ref()
        .is_none_or(|s| s.corpus_version != corpus_version || Some(s.sequence) != Some(state.sequence));
    let Some(shown) = state.shown.as_ref().filter(|s| s.corpus_version == corpus_version) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("searching…");
        });
        return;
    };
    let years: Vec<i32> = corpus.iter().filter_map(|t| t.date.map(|d| d.date.year())).collect();
    let (y0, y1) = (years.iter().copied().min().unwrap_or(0), years.iter().copied().max().unwrap_or(0));
    let mut order = state.order;
    ui.horizontal(|ui| {
        let total = shown.results.total();
        ui.label(format!(
            "{total} {} in {} of {} speeches ({:.1} ms)",
            if total == 1 { "match" } else { "matches" },
            shown.results.docs.len(),
            corpus.len(),
            shown.millis
        ));
        if stale || state.busy() {
            ui.spinner();
        }
        if !shown.per_year.is_empty() {
            ui.label(egui::RichText::new(format!("per year {y0}–{y1}:")).small().weak());
            crate::ui::panels::sparkline::sparkline_ui(ui, &shown.per_year, y0, y1);
        }
        egui::ComboBox::new("search-order", "order").selected_text(order.label()).show_ui(ui, |ui| {
            for o in SearchOrder::ALL {
                ui.selectable_value(&mut order, o, o.label());
            }
        });
        if ui.button("Dispersion").on_hover_text("Where the matches are along each speech").clicked() {
            push(SearchCommand::Dispersion);
        }
        if ui.button("CSV…").on_hover_text("Save every match with its context, in this order, as CSV").clicked() {
            push(SearchCommand::ExportCsv);
        }
    });
    ui.separator();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let cursor = state.cursor;
    state.order = order;
    let rows: &[Row] = match state.order {
        SearchOrder::Date => &shown.rows,
        order => sorted_rows(&mut state.sorted, shown, corpus, order),
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, rows.len(), |ui, range| {
        for row in &rows[range] {
            match *row {
                Row::Speech(k) => {
                    let d = &shown.results.docs[k];
                    let Some(t) = corpus.get(d.doc) else { continue };
                    let date = t.date.map(|d| d.display()).unwrap_or_else(|| "undated".into());
                    let label = format!("{date}  {}  ({})", crate::ui::bidi::isolate(&t.title), d.matches.len());
                    let text = crate::ui::bidi::button(ui, egui::RichText::new(label).strong());
                    let r = ui.add(egui::Button::new(text).frame(false).truncate());
                    if r.clicked()
                        && let Some(m) = d.matches.first()
                    {
                        let index = shown.rows.iter().find_map(|row| match *row {
                            Row::Match(kk, 0, n) if kk == k => Some(n),
                            _ => None,
                        });
                        push(SearchCommand::ShowMatch { doc: d.doc, bytes: m.clone(), index: index.unwrap_or(0) });
                    }
                }
                Row::Match(k, m, n) => {
                    let d = &shown.results.docs[k];
                    let (Some(t), Some(bytes)) = (corpus.get(d.doc), d.matches.get(m)) else { continue };
                    match kwic_row_ui(ui, t, bytes.clone(), row_height, cursor == Some(n)) {
                        Some(RowAction::Show) => {
                            push(SearchCommand::ShowMatch { doc: d.doc, bytes: bytes.clone(), index: n })
                        }
                        Some(RowAction::Note) => push(SearchCommand::NoteOnMatch { doc: d.doc, bytes: bytes.clone() }),
                        None => {}
                    }
                }
            }
        }
    });
}

/// The results' matches in a context order (no speech headings), sorted
/// once per results and order.
fn sorted_rows<'a>(
    cache: &'a mut Option<(u64, u64, SearchOrder, Vec<Row>)>,
    shown: &Shown,
    corpus: &[Arc<Transcript>],
    order: SearchOrder,
) -> &'a [Row] {
    let fresh = cache.as_ref().is_some_and(|c| c.0 == shown.sequence && c.1 == shown.corpus_version && c.2 == order);
    if !fresh {
        let side = if order == SearchOrder::Left { ContextSide::Left } else { ContextSide::Right };
        let hits = sort_by_context(corpus, &shown.results, ContextSort::new(side));
        // Each match's speech (index in the results) and its place among all matches.
        let mut first = std::collections::HashMap::new();
        let mut n = 0;
        for (k, d) in shown.results.docs.iter().enumerate() {
            first.insert(d.doc, (k, n));
            n += d.matches.len();
        }
        let rows = hits
            .iter()
            .filter_map(|(doc, bytes)| {
                let &(k, before) = first.get(doc)?;
                let m = shown.results.docs[k].matches.binary_search_by_key(&bytes.start, |r| r.start).ok()?;
                Some(Row::Match(k, m, before + m))
            })
            .collect();
        *cache = Some((shown.sequence, shown.corpus_version, order, rows));
    }
    cache.as_ref().map_or(&[], |c| &c.3)
}

/// What was done to a result line.
enum RowAction {
    /// Clicked: show the match.
    Show,
    /// "Note on this match…" from its context menu.
    Note,
}

/// One keyword-in-context line: the left context right-aligned against
/// the match, which starts at the same x on every line.
fn kwic_row_ui(
    ui: &mut egui::Ui,
    t: &Transcript,
    bytes: Range<usize>,
    height: f32,
    current: bool,
) -> Option<RowAction> {
    let line = kwic(&t.body, bytes.clone(), 80);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), height), egui::Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{}{}{}", line.left, line.hit, line.right))
    });
    let visuals = ui.visuals();
    if current {
        ui.painter().rect_filled(rect, 2.0, visuals.selection.bg_fill.gamma_multiply(0.35));
    } else if response.hovered() {
        ui.painter().rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let center = rect.left() + rect.width() * 0.42;
    let weak = visuals.weak_text_color();
    let y = rect.center().y;
    let left = egui::Rect::from_min_max(rect.min, egui::pos2(center - 2.0, rect.max.y));
    // In a right-to-left language what was said before the match stands
    // on its right, what follows on its left.
    let isolate = crate::ui::bidi::isolate;
    let (before, after) =
        if crate::core::text::bidi::Bidi::new(&line.hit).rtl_at(0) && crate::core::text::bidi::has_rtl(&line.hit) {
            (isolate(&line.right), isolate(&line.left))
        } else {
            (line.left.clone(), line.right.clone())
        };
    let paint = crate::ui::bidi::paint_text;
    paint(&ui.painter_at(left), egui::pos2(center - 2.0, y), egui::Align2::RIGHT_CENTER, &before, font.clone(), weak);
    // Dark text on the bright mark, in either theme.
    let hit_job = egui::text::LayoutJob::simple_singleline(isolate(&line.hit), font.clone(), egui::Color32::BLACK);
    let hit_galley = ui.painter().layout_job(crate::ui::bidi::visual_job(&hit_job));
    let hit_rect = egui::Rect::from_min_size(egui::pos2(center, y - hit_galley.size().y / 2.0), hit_galley.size());
    let painter = ui.painter_at(rect);
    painter.rect_filled(hit_rect.expand(1.0), 2.0, crate::ui::panels::palette::search_mark(visuals.dark_mode));
    painter.galley(hit_rect.min, hit_galley, egui::Color32::BLACK);
    paint(&painter, egui::pos2(hit_rect.right() + 2.0, y), egui::Align2::LEFT_CENTER, &after, font, weak);
    let mut action = response.clicked().then_some(RowAction::Show);
    response.context_menu(|ui| {
        if ui.button("Note on this match…").clicked() {
            action = Some(RowAction::Note);
            ui.close();
        }
        if ui.button("Copy line").clicked() {
            ui.ctx().copy_text(format!("{}{}{}", line.left, line.hit, line.right));
            ui.close();
        }
        if ui
            .button("Copy sentence with citation")
            .on_hover_text("The sentence, then speaker, title, date and file")
            .clicked()
        {
            let sentence = crate::core::notes::sentence_at(&t.body, &t.paragraphs, bytes.start);
            ui.ctx().copy_text(crate::core::export::citation::cite(t, sentence));
            ui.close();
        }
    });
    action
}
