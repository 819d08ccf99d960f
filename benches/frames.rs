//! Frame time of the real app with long texts: the four longest State of the
//! Union addresses side by side, all of SOTU indexed, a phrase selected, and
//! every column scrolled on every frame; driven headless with egui_kittest
//! (egui's CPU work per frame: layout, hit testing, tessellation; no GPU).
//! Targets from the issue: median under 4 ms, 95th percentile under 8 ms.
//!
//! Also measures opening the whole SOTU folder: time until the first columns
//! show, and the longest frame while files are read and phrases indexed
//! (target: first columns within 1 s, no frame over 50 ms); and then how
//! much resident memory reading the four columns to their end adds (the
//! columns keep layouts near the view only; target: under 4x the text read).
//!
//! Run with `cargo bench --bench frames` (or `benches/run.sh`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark fails loudly

mod common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use refrain::ui::app::RefrainApp;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let Some(speeches) = common::sotu_speeches() else { return };
    let sotu = speeches.parent().expect("speeches/ has a parent").to_path_buf();

    // 1. Opening the whole folder: frames keep coming while it loads.
    let started = Instant::now();
    let app = RefrainApp::new(egui::Context::default(), vec![sotu.clone()], None);
    let mut h =
        Harness::builder().with_size([1600.0, 1000.0]).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app);
    let mut first_columns = None;
    let mut worst = Duration::ZERO;
    while h.state().is_busy() || h.state().indexed.is_none() {
        let t = Instant::now();
        h.step();
        worst = worst.max(t.elapsed());
        if first_columns.is_none() && !h.state().columns.is_empty() {
            first_columns = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(8));
        assert!(started.elapsed() < Duration::from_secs(120), "loading never finished");
    }
    let indexed_after = started.elapsed();

    // 2. The four longest addresses, a phrase selected, scrolling every frame.
    let longest: Vec<usize> = {
        let app = h.state();
        let mut by_words: Vec<usize> = (0..app.corpus.len()).collect();
        by_words.sort_by_key(|&i| std::cmp::Reverse(app.corpus[i].words));
        by_words.into_iter().take(4).collect()
    };
    {
        let app = h.state_mut();
        for c in app.columns.clone() {
            app.apply_command(refrain::ui::app::Command::ToggleColumn(c));
        }
        for &c in &longest {
            app.apply_command(refrain::ui::app::Command::ToggleColumn(c));
        }
        let phrase = app.indexed.as_ref().map(|i| {
            i.set
                .phrases
                .iter()
                .position(|p| p.occurrences.iter().filter(|o| longest.contains(&(o.doc as usize))).count() >= 3)
        });
        if let Some(Some(p)) = phrase {
            app.apply_command(refrain::ui::app::Command::SelectPhrase(p as u32));
        }
    }
    for _ in 0..10 {
        h.step(); // lay out once
    }
    let xs: Vec<f32> = (0..4).map(|k| 330.0 + k as f32 * 250.0).collect();
    let mut times = Vec::new();
    for frame in 0..600 {
        let x = xs[frame % 4];
        let delta = if (frame / 150) % 2 == 0 { -40.0 } else { 40.0 };
        h.event(egui::Event::PointerMoved(egui::pos2(x, 500.0)));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let (median, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));

    // 3. The four read to their end: what the columns keep must not grow
    // with what was read (a layout takes ~176 bytes a character).
    let before_reading = common::current_rss();
    for frame in 0..2400 {
        h.event(egui::Event::PointerMoved(egui::pos2(xs[frame % 4], 500.0)));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.step();
    }
    let read_text: usize = longest.iter().map(|&i| h.state().corpus[i].body.len()).sum();
    // The columns are a view (under 1,000 points) from their end.
    let at_end =
        h.state().columns.iter().all(|&c| h.state().column_layout(c).is_some_and(|l| l.offset + 1000.0 >= l.height()));
    let kept: usize = h.state().columns.iter().filter_map(|&c| h.state().column_layout(c)).map(|l| l.laid_out()).sum();
    let grew = common::current_rss().saturating_sub(before_reading);
    let titles: Vec<String> = longest.iter().map(|&i| h.state().corpus[i].title.clone()).collect();
    println!(
        "open SOTU: first columns after {:.0} ms, indexed after {:.0} ms, longest frame while loading {:.1} ms",
        first_columns.unwrap_or_default().as_secs_f64() * 1000.0,
        indexed_after.as_secs_f64() * 1000.0,
        worst.as_secs_f64() * 1000.0
    );
    println!(
        "scrolling 4 columns ({}): frame median {median:.2} ms, p95 {p95:.2} ms, max {:.2} ms over {} frames",
        titles.join(", "),
        times[times.len() - 1],
        times.len()
    );
    println!(
        "reading the four to their end ({:.1} MB of text{}): resident memory grew {:.1} MB, {kept} paragraphs laid out at the end",
        read_text as f64 / 1e6,
        if at_end { "" } else { ", NOT all at their end" },
        grew as f64 / 1e6
    );
    let json = serde_json::json!({
        "first_columns_ms": first_columns.unwrap_or_default().as_secs_f64() * 1000.0,
        "indexed_ms": indexed_after.as_secs_f64() * 1000.0,
        "worst_loading_frame_ms": worst.as_secs_f64() * 1000.0,
        "scroll_median_ms": median,
        "scroll_p95_ms": p95,
        "reading_growth_bytes": grew,
        "reading_text_bytes": read_text,
        "reading_at_end": at_end,
    });
    std::fs::write(common::results_dir().join("frames.json"), json.to_string()).expect("write frames.json");
}
