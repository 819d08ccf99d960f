//! Integration tests of the desktop app: the real `RefrainApp` driven
//! through egui_kittest (no display needed), so this binary needs the
//! `gui` feature. The core and command-line tests are in `tests/core/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../common/mod.rs"]
mod common; // where the shared corpus, the seed, the fixtures and the events file are
mod support; // the app opened and idle, with or without events, in a harness; six SOTU addresses

mod dispersion; // search results by context, as CSV; where matches and a phrase are along each speech
mod explorer; // Ctrl+E: a phrase typed in, found over the whole corpus, filtered, its speeches as columns
mod export; // File ▸ Export report… and Export phrases…: what lands in the file
mod fields; // the list grouped by speaker and filtered by party, timeline lanes and colours by party, kept
mod fit_window; // six columns at 1024x700: readable widths, sideways scrolling, an added column revealed
mod fonts; // system fonts for Chinese, Arabic, Hebrew; missing scripts said once; no fonts at all
mod hostile_fields; // event links other than web and mail shown as text; titles and speakers drawn without bidi overrides
mod import_warnings; // a sidecar table's skipped row (table and line) and an empty folder given, in the notifications
mod keyboard; // Tab through every part, arrows in the list, Esc, F1's shortcuts, where windows open
mod legend; // the toolbar's legend: every mark named and explained on hover, at 1024 points
mod missing_sources; // sources not found listed, saved, located and removed; 10,000 columns held to eight
mod pair_view; // pair mode: a long deletion holds the other version at the gap; next change goes forward
mod reading_position; // a column keeps its text through re-layout and a restart; selection and Ctrl+C
mod reuse_map; // the toolbar's reuse map: every pair, the most similar listed, a click opening it in pair mode
mod rtl; // an Arabic column: a phrase hovered and clicked where drawn; a right-to-left drag copied as written
mod speakers; // the Speakers window against the core's table, clicked down to a phrase and its speeches; a phrase's path; introduced here
mod timeline_events_loading; // events files read beside the frames: a 32,000-row one, Ctrl+Q meanwhile, a FIFO refused
mod timeline_ui; // the timeline's markers and badges clicked, its lanes walked with the keyboard
mod ui; // columns, phrases, pair mode, files opened and watched, the workspace; scripts drawn
mod ui_large; // a 50 MB transcript: frames keep coming while it is read and indexed
mod ui_notes; // notes written on a sentence, found again, and flagged when the file changed
mod ui_search; // Ctrl+F, keyword-in-context lines, and a click bringing the match into view
mod ui_timeline_join; // notes from timeline entries, their flags and exports; pinned searches
