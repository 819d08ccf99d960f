//! The phrase explorer of the real app through egui_kittest: Ctrl+E, a
//! phrase typed in and found over the whole corpus (not only the columns),
//! filtered by speaker and dates, picked to see its life, its speeches shown
//! as columns, the query kept in the workspace, Esc closing the window.

use egui_kittest::kittest::{By, NodeT, Queryable};
use refrain::core::phrases::explore::ExploreSort;

use crate::common;
use crate::support::{app, harness, sotu_six};

#[test]
fn a_phrase_typed_in_is_found_in_the_whole_corpus_and_its_speeches_become_columns() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(sotu_six(&corpus)), [1400.0, 950.0]);
    h.run();
    let n_columns = h.state().columns.len();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    // One frame: the window's thread keeps it repainting until it answers.
    h.step();
    assert!(h.state().explorer.open, "Ctrl+E opens the explorer");
    // The facts are worked out on a thread.
    crate::support::wait_for(&mut h, "the explorer's rows", |app| !app.explorer.is_working());
    let all = h.state().explorer.rows().len();
    let phrases = h.state().indexed.as_ref().map(|i| i.set.phrases.len()).unwrap();
    assert_eq!(all, phrases, "with nothing typed every phrase of the corpus is listed");
    h.get_by_label_contains(&format!("{all} of {phrases} phrases of the whole corpus"));

    // Typed, in any case: the text field has the keyboard.
    h.event(egui::Event::Text("STATE OF THE UNION".into()));
    h.run();
    assert_eq!(h.state().workspace.explore.text, "STATE OF THE UNION", "the query is the workspace's");
    let found = h.state().explorer.rows().to_vec();
    assert!(!found.is_empty() && found.len() < all, "{} of {all}", found.len());
    {
        let app = h.state();
        let set = &app.indexed.as_ref().unwrap().set;
        for &k in &found {
            let o = &set.phrases[k as usize].occurrences[0];
            let text = &app.corpus[o.doc as usize].body[set.occurrence_bytes(o)];
            assert!(text.to_lowercase().contains("state of the union"), "{text}");
        }
    }

    // Picked: who said it first, its life, and its speeches as columns.
    let first = found[0];
    // The explorer's own row, not the phrases panel's.
    let window = h.get(By::new().role(egui::accesskit::Role::Window).label("Phrase explorer"));
    let row = window
        .query_all(By::new().role(egui::accesskit::Role::Button))
        .find(|b| b.accesskit_node().label().is_some_and(|l| l.to_lowercase().contains("state of the union")));
    row.expect("a row of the phrase").click();
    h.run();
    assert_eq!(h.state().selected_phrase, Some(first), "picking a row selects the phrase in the columns too");
    let window = h.get(By::new().role(egui::accesskit::Role::Window).label("Phrase explorer"));
    assert!(
        window.query_all_by_label_contains("First said by George Washington").next().is_some(),
        "the explorer names the first speaker"
    );
    let speeches = {
        let app = h.state();
        let set = &app.indexed.as_ref().unwrap().set;
        let mut docs: Vec<usize> = set.phrases[first as usize].occurrences.iter().map(|o| o.doc as usize).collect();
        docs.dedup();
        docs
    };
    h.get(By::new().role(egui::accesskit::Role::Button).label_contains("as columns")).click();
    h.run();
    let columns = h.state().columns.clone();
    assert_eq!(columns.len(), speeches.len().min(8), "columns {columns:?} for speeches {speeches:?} (had {n_columns})");
    assert!(columns.iter().all(|c| speeches.contains(c)), "{columns:?} ⊂ {speeches:?}");

    // Filtered by speaker and dates, sorted: the workspace keeps it all.
    let washington = h.state().corpus.iter().find(|t| t.path.ends_with("1790-Washington-1.txt")).cloned().unwrap();
    let q = &mut h.state_mut().workspace.explore;
    q.text.clear();
    q.speaker = washington.speaker.clone();
    q.to = chrono::NaiveDate::from_ymd_opt(1800, 12, 31);
    q.sort = ExploreSort::Length;
    h.run();
    let rows = h.state().explorer.rows().to_vec();
    assert!(!rows.is_empty() && rows.len() < all, "Washington's phrases: {}", rows.len());
    {
        let app = h.state();
        let set = &app.indexed.as_ref().unwrap().set;
        let wash = app.corpus.iter().position(|t| t.path.ends_with("1790-Washington-1.txt")).unwrap();
        for w in rows.windows(2) {
            assert!(set.phrases[w[0] as usize].len >= set.phrases[w[1] as usize].len, "by length");
        }
        for &k in &rows {
            assert!(set.phrases[k as usize].occurrences.iter().any(|o| o.doc as usize == wash));
        }
    }
    let saved = serde_json::to_string(&h.state().workspace).unwrap();
    let back: refrain::ui::persistence::workspace::Workspace = serde_json::from_str(&saved).unwrap();
    assert_eq!(back.explore, h.state().workspace.explore, "the query survives a restart");

    // Esc closes the window on top: the explorer.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().explorer.open, "Esc closes the explorer");
}

#[test]
fn a_large_set_is_queried_on_a_thread_and_answers_as_the_frame_would() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(sotu_six(&corpus)), [1400.0, 950.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    // One frame: the window's thread keeps it repainting until it answers.
    h.step();
    crate::support::wait_for(&mut h, "the explorer's facts", |app| !app.explorer.is_working());
    let all = h.state().explorer.rows().len();
    h.event(egui::Event::Text("the".into()));
    h.run();
    let in_frame = h.state().explorer.rows().to_vec();
    assert!(!in_frame.is_empty() && in_frame.len() < all, "{} of {all}", in_frame.len());

    // The same query of a set treated as large: asked of a thread, the
    // frame goes on with the rows it had.
    h.state_mut().explorer.query_in_frame_up_to = 0;
    h.event(egui::Event::Text(" union".into()));
    h.step();
    assert_eq!(h.state().workspace.explore.text, "the union");
    assert!(h.state().explorer.is_working(), "the query went to a thread");
    assert_eq!(h.state().explorer.rows(), &in_frame[..], "the last answer stands in meanwhile");
    crate::support::wait_for(&mut h, "the query's answer", |app| !app.explorer.is_working());
    let threaded = h.state().explorer.rows().to_vec();
    h.state_mut().explorer.query_in_frame_up_to = usize::MAX;
    h.state_mut().workspace.explore.text.push(' ');
    h.run();
    assert_eq!(h.state().explorer.rows(), &threaded[..], "the thread's answer is the frame's");
    assert!(!threaded.is_empty() && threaded.len() <= in_frame.len(), "{} then {}", in_frame.len(), threaded.len());
}
