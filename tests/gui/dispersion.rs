//! The search panel's concordance order and CSV export, and the dispersion
//! window, in the real app through egui_kittest: matches sorted by the word
//! after them, saved as CSV in that order, their places along each speech
//! drawn one row per speech, and a click on a place bringing the speech
//! into view there; the same for the selected phrase.

use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use refrain::core::search::CONCORDANCE_HEADER;
use refrain::ui::app::{Command, Dialog, RefrainApp};
use refrain::ui::panels::dispersion::DispersionOf;
use refrain::ui::panels::search::{SearchCommand, SearchOrder};

use crate::common;
use crate::support::{app, click_at, harness, sotu_six};

/// Types `query` into the search panel and waits for its answer.
fn search(h: &mut Harness<'static, RefrainApp>, query: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    // Whole words: a match ends where a word does ("the people's" is not one).
    h.state_mut().search.options.whole_word = true;
    h.event(egui::Event::Text(query.to_string()));
    h.run_steps(2);
    let corpus = h.state().corpus.clone();
    h.state_mut().search.wait(&corpus);
    h.run();
}

#[test]
fn matches_sorted_by_context_exported_as_csv_and_placed_along_each_speech() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(sotu_six(&corpus)), [1500.0, 950.0]);
    h.run();
    search(&mut h, "the people");
    let version = h.state().corpus_version;
    let total = h.state().search.results(version).unwrap().total();
    assert!(total > 20, "{total} matches");

    // By right context: the word after each match, in order.
    h.state_mut().search.order = SearchOrder::Right;
    h.run();
    let app_corpus = h.state().corpus.clone();
    let hits = h.state_mut().search.hits_in_order(&app_corpus, version);
    assert_eq!(hits.len(), total, "sorting keeps every match");
    let after: Vec<String> = hits
        .iter()
        .map(|(d, m)| {
            let rest = &app_corpus[*d].body[m.end..];
            rest.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("").to_lowercase()
        })
        .collect();
    for w in after.windows(2) {
        assert!(w[0] <= w[1], "{:?} before {:?}", w[0], w[1]);
    }

    // Saved as CSV in that order (what the "CSV…" button asks a file for).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matches.csv");
    let said = h.state_mut().export_to(Dialog::ExportConcordance, &out).unwrap();
    assert!(said.contains(&format!("{total} matches")), "{said}");
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CONCORDANCE_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), total);
    let m = header.iter().position(|h| h == "match").unwrap();
    let right = header.iter().position(|h| h == "right").unwrap();
    for (r, a) in records.iter().zip(&after) {
        assert_eq!(r[m].to_lowercase(), "the people");
        let first = r[right].split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
        assert_eq!(&first.to_lowercase(), a, "the CSV is in the list's order");
    }

    // Dispersion of the search: one row per speech with matches, a place per match.
    h.state_mut().apply_command(Command::Search(SearchCommand::Dispersion));
    h.run();
    assert!(h.state().dispersion.open);
    let rows = h.state().dispersion.rows().to_vec();
    let results = h.state().search.results(version).unwrap().clone();
    assert_eq!(rows.len(), results.docs.len());
    for (row, d) in rows.iter().zip(&results.docs) {
        assert_eq!(row.doc, d.doc);
        assert_eq!(row.positions.len(), d.matches.len(), "one place per match");
        assert!(row.positions.iter().all(|p| (0.0..1.0).contains(p)));
        let words = app_corpus[d.doc].words as f32;
        for (p, m) in row.positions.iter().zip(&d.matches) {
            let before = app_corpus[d.doc].body[..m.start].split_whitespace().count() as f32;
            // Whitespace-separated tokens are not quite words (dashes, numbers): within 1%.
            assert!(
                (p * words - before).abs() <= 3.0 + words * 0.01,
                "place {p} of a match after {before} of {words} words"
            );
        }
    }
    // A click on the last row's last place shows that speech there.
    let last = rows.last().unwrap();
    let t = &app_corpus[last.doc];
    let strip =
        h.get(By::new().role(egui::accesskit::Role::Button).label_contains(&format!("of {} (", t.title))).rect();
    let x = strip.left() + last.positions.last().unwrap() * strip.width();
    click_at(&mut h, egui::pos2(x + 0.5, strip.center().y));
    h.run_steps(20);
    assert!(h.state().columns.contains(&last.doc), "the speech became a column: {:?}", h.state().columns);
    let want = results.docs.last().unwrap().matches.last().unwrap().clone();
    assert_eq!(h.state().search.current_mark(version, last.doc), Some(want), "the clicked match is the current one");

    // The selected phrase's dispersion: its speeches, its occurrences.
    let set = h.state().indexed.as_ref().unwrap().set.clone();
    let p = (0..set.phrases.len() as u32).max_by_key(|&k| set.phrases[k as usize].speeches).unwrap();
    h.state_mut().apply_command(Command::SelectPhrase(p));
    h.state_mut().apply_command(Command::ShowDispersion(DispersionOf::Phrase));
    h.run();
    let rows = h.state().dispersion.rows().to_vec();
    assert_eq!(rows.len(), set.phrases[p as usize].speeches as usize, "a row per speech using it");
    let ws = &h.state().workspace;
    assert!(ws.dispersion_open && ws.dispersion_of == DispersionOf::Phrase, "kept in the workspace");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().dispersion.open, "Esc closes the window");
}
