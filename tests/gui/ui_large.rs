//! The app at the size limit: one transcript of about 50 MB (every State of
//! the Union address of the shared corpus, concatenated until just under
//! the 50 MB import limit), written to a temporary folder at test time and
//! opened through the real app with egui_kittest. Reading and indexing run
//! on background threads, so frames must keep being drawn, showing the
//! progress, while they work; once idle the column shows the text. No
//! timing targets here: those live in `benches/limits.rs`. Also two 16 MB
//! speeches of one word said over and over (issue #23), timed by
//! `benches/hostile.sh`.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::core::import::files::DEFAULT_MAX_FILE_SIZE;
use refrain::ui::app::RefrainApp;

use crate::common;

/// Size of the generated transcript: as close to the limit as whole
/// speeches allow without passing 50,000,000 bytes (the limit is 50 MiB).
const TARGET_BYTES: usize = 50_000_000;

/// Writes the SOTU speeches (in file order, over and over) into one file of
/// just under [`TARGET_BYTES`]; returns its path and the last speech written.
fn write_large_transcript(corpus: &Path, dir: &Path) -> (PathBuf, String) {
    let mut speeches: Vec<PathBuf> = std::fs::read_dir(corpus.join("sotu/speeches"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    speeches.sort();
    let texts: Vec<String> = speeches.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let mut out = String::with_capacity(TARGET_BYTES);
    let mut last = String::new();
    'fill: loop {
        for text in &texts {
            let text = text.trim();
            if out.len() + text.len() + 2 > TARGET_BYTES {
                break 'fill;
            }
            out.push_str(text);
            out.push_str("\n\n");
            last = text.to_string();
        }
    }
    let path = dir.join("sotu-concatenated.txt");
    std::fs::write(&path, &out).unwrap();
    (path, last)
}

#[test]
fn a_50_mb_transcript_opens_while_frames_keep_being_drawn() {
    let Some(corpus) = common::corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (path, last_speech) = write_large_transcript(&corpus, dir.path());
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 45_000_000 && size <= DEFAULT_MAX_FILE_SIZE, "{size} bytes: not just under the limit");

    let app = RefrainApp::new(egui::Context::default(), vec![path.clone()], None);
    let mut h =
        Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app);
    // Frames drawn while the file is read and indexed, and what they showed.
    let (mut busy_frames, mut reading_shown, mut indexing_shown) = (0usize, 0usize, 0usize);
    while h.state().is_busy() || h.state().indexed.is_none() {
        h.step();
        busy_frames += 1;
        if h.query_by_label_contains("reading 0 / 1 files").is_some() {
            reading_shown += 1;
        }
        if h.query_by_label("indexing…").is_some() {
            indexing_shown += 1;
        }
        // Only a guard against a hang (some 20 minutes of frames), not a speed target.
        assert!(busy_frames < 100_000, "still busy after {busy_frames} frames");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    println!(
        "{size} bytes: {busy_frames} frames while busy, {reading_shown} showing reading, {indexing_shown} indexing"
    );
    // Had reading or indexing blocked the frame, each phase would have
    // spanned one frame; both went on over many, each one showing its progress.
    assert!(reading_shown >= 3, "{reading_shown} frames showed the file being read ({busy_frames} while busy)");
    assert!(indexing_shown >= 3, "{indexing_shown} frames showed indexing ({busy_frames} while busy)");

    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.notifications, Vec::<String>::new(), "the file opened without complaint");
    assert_eq!(app.corpus.len(), 1);
    assert!(!app.showing_samples);
    assert_eq!(app.columns, vec![0], "the transcript is shown as a column");
    let t = &app.corpus[0];
    assert_eq!(t.path, path);
    // All of it was read: the text ends with the last speech written.
    fn last_words(text: &str) -> Vec<&str> {
        text.split_whitespace().rev().take(12).collect()
    }
    assert_eq!(last_words(&t.body), last_words(&last_speech));
    assert!(t.words > 7_000_000, "{} words", t.words);
    // The column draws the start of the text.
    let first = t.paragraph(0).unwrap();
    let shown: String = first.chars().take(40).collect();
    h.get_by_label_contains(&shown);
}

/// A speech of one word said `n` times (the other starting with another
/// word), as a hostile tester writes them.
fn write_repeated_word(dir: &Path, n: usize) -> Vec<PathBuf> {
    let words = vec!["freedom"; n].join(" ");
    let a = dir.join("2001-01-01-a.txt");
    let b = dir.join("2002-01-01-b.txt");
    std::fs::write(&a, format!("Title: A\n\n{words}\n")).unwrap();
    std::fs::write(&b, format!("Title: B\n\nliberty {}\n", &words["freedom ".len()..])).unwrap();
    vec![a, b]
}

#[test]
fn two_16_mb_speeches_of_one_word_open_as_one_phrase_while_frames_keep_coming_and_scroll_to_their_end() {
    let dir = tempfile::tempdir().unwrap();
    // Two million times "freedom": 16 MB each, one paragraph.
    let n = 2_000_000;
    let app = RefrainApp::new(egui::Context::default(), write_repeated_word(dir.path(), n), None);
    let mut h =
        Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app);
    // Frames keep being drawn while the files are read and indexed.
    let mut busy_frames = 0usize;
    while h.state().is_busy() || h.state().indexed.is_none() {
        h.step();
        busy_frames += 1;
        // Only a guard against a hang, not a speed target.
        assert!(busy_frames < 100_000, "still busy after {busy_frames} frames");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(busy_frames >= 3, "{busy_frames} frames while reading and indexing");
    h.run_steps(2);
    {
        let app = h.state();
        // The run is one phrase spanning it in both speeches, not a phrase
        // for every shift of itself.
        let set = &app.indexed.as_ref().expect("indexed").set;
        assert_eq!(set.phrases.len(), 1, "one phrase");
        let p = &set.phrases[0];
        assert_eq!(p.occurrences.len(), 2);
        assert_eq!(p.occurrences[0].words, 0..n as u32);
        assert_eq!(p.occurrences[1].words, 1..n as u32);
    }
    h.run_steps(4);
    let col = h.state().columns[0];
    let in_view = h.state().column_layout(col).unwrap().laid_out();
    // One paragraph of 16 MB: laid out a block at a time, only near the view.
    assert!(in_view <= 4, "{in_view} blocks laid out at the top");
    // Near the end, as a timeline click would bring it.
    let len = h.state().corpus[col].body.len();
    let end = len - "freedom freedom\n".len();
    h.state_mut().apply_command(refrain::ui::app::Command::ShowText(
        refrain::core::timeline::model::EntryKind::Phrase,
        col,
        end..end + 7,
    ));
    h.run_steps(6);
    let app = h.state();
    let layout = app.column_layout(col).unwrap();
    assert!(layout.top_byte() > len - 40_000, "the view went to the end: {} of {len}", layout.top_byte());
    assert!(app.screen_pos(col, end).is_some(), "the end is drawn");
    assert!(layout.laid_out() <= 6, "{} blocks laid out at the end", layout.laid_out());
}
