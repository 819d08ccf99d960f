//! Frame time of the real app's timeline panel with many entries: the 249
//! State of the Union speeches, their mentioned dates, 5,000 generated
//! events and a selected phrase, panned and zoomed every frame; driven
//! headless with egui_kittest (egui's CPU work per frame: the lanes'
//! clustering, layout, hit testing, tessellation; no GPU).
//! Target from the issue: frames under 8 ms (reports median and p95).
//!
//! Run with `cargo bench --bench timeline`; `TIMELINE_BENCH_HIDDEN=1` runs
//! the same frames with the panel closed, for comparison, and
//! `TIMELINE_BENCH_EVENTS=1000000` with that many events (issue #23: a
//! million events keep the timeline responsive).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark fails loudly

mod common;

use std::fmt::Write as _;
use std::time::Instant;

use egui_kittest::Harness;
use refrain::ui::app::{Command, RefrainApp};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// How many events: 5,000 unless `TIMELINE_BENCH_EVENTS` says otherwise.
fn event_count() -> usize {
    std::env::var("TIMELINE_BENCH_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000)
}

/// Events spread over 1776–2026 (a fixed pseudo-random sequence), one in
/// ten a range, as an events CSV.
fn events_csv() -> String {
    let mut csv = String::from("date,title,description,end_date\n");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for k in 0..event_count() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let day = (x % (250 * 365)) as i64;
        let date = chrono::NaiveDate::from_ymd_opt(1776, 1, 1).unwrap() + chrono::Duration::days(day);
        let end = if k % 10 == 0 {
            (date + chrono::Duration::days((x >> 20) as i64 % 900 + 1)).format("%Y-%m-%d").to_string()
        } else {
            String::new()
        };
        writeln!(csv, "{},Event {k},Generated event number {k},{end}", date.format("%Y-%m-%d")).unwrap();
    }
    csv
}

fn main() {
    let Some(speeches) = common::sotu_speeches() else { return };
    let sotu = speeches.parent().expect("speeches/ has a parent").to_path_buf();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let events = dir.path().join("events.csv");
    std::fs::write(&events, events_csv()).expect("write the events");

    let mut app = RefrainApp::new(egui::Context::default(), vec![sotu], None);
    app.apply_command(Command::OpenEvents(events));
    app.wait_until_idle();
    // The most widespread phrase selected: its phrase lane and chart drawn.
    app.apply_command(Command::SelectPhrase(0));
    app.wait_until_idle();
    let (speeches, events, mentioned, phrase) = {
        let m = &app.timeline.model;
        (m.speeches.len(), m.events.len(), m.mentioned.len(), m.phrase.len())
    };
    assert_eq!(events, event_count());
    if std::env::var_os("TIMELINE_BENCH_HIDDEN").is_some() {
        app.workspace.timeline_panel = false;
    }
    let mut h =
        Harness::builder().with_size([1600.0, 1000.0]).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app);
    for _ in 0..10 {
        h.step();
    }
    let plot = h
        .state()
        .timeline
        .panel
        .plot
        .unwrap_or(egui::Rect::from_min_size(egui::pos2(400.0, 800.0), egui::vec2(1000.0, 150.0)));
    let y = plot.top() + 40.0;
    let mut times = Vec::new();
    for frame in 0..600 {
        // Zoom in for 75 frames, out for 75, panning all the while.
        let x = plot.left() + plot.width() * (0.2 + 0.6 * ((frame % 37) as f32 / 37.0));
        h.event(egui::Event::PointerMoved(egui::pos2(x, y)));
        let zoom = if (frame / 75) % 2 == 0 { 1.06 } else { 1.0 / 1.06 };
        if frame % 2 == 0 {
            h.event(egui::Event::Zoom(zoom));
        } else {
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(if (frame / 50) % 2 == 0 { 30.0 } else { -30.0 }, 0.0),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            });
        }
        let t = Instant::now();
        h.step();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let (median, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
    println!(
        "timeline with {speeches} speeches, {events} events, {mentioned} mentioned dates, {phrase} phrase uses: \
         pan and zoom frame median {median:.2} ms, p95 {p95:.2} ms, max {:.2} ms over {} frames (target < 8 ms)",
        times[times.len() - 1],
        times.len()
    );
    let json = serde_json::json!({ "timeline_median_ms": median, "timeline_p95_ms": p95 });
    std::fs::write(common::results_dir().join("timeline.json"), json.to_string()).expect("write timeline.json");
}
