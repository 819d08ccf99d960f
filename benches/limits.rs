//! Limits of the app: the whole SOTU folder (249 speeches, ~2 million words)
//! and its 10x copy (2,490 files, ~20 million words, generated once into
//! `target/tmp/sotu-x10/` as for `benches/scale.rs`) opened in the real app,
//! driven headless with egui_kittest, a frame drawn every 16 ms (a 60 Hz
//! display) while the files are read and indexed in the background.
//!
//! The app starts as on a first run (the built-in samples shown) and, once
//! idle, opens the folder as Ctrl+O does: the resident memory just before
//! is the baseline, so what opening the corpus adds is measured apart from
//! what the process holds anyway (its code, fonts, the samples).
//!
//! For each corpus: the time until everything is open and indexed (the app
//! idle), the longest frame and the 95th percentile while loading (target:
//! under 50 ms, the app stays responsive), and the memory opening the
//! corpus takes: peak resident memory (`VmHWM`) minus the baseline, relative
//! to the text size (target: under 4x). The whole process's peak over the
//! text size is reported too; it also counts the ~20 MB the app holds
//! before any corpus is open (its code, fonts, the samples), the same for
//! ten files or ten thousand. Each corpus runs
//! in a fresh child process (this binary with `--child DIR`), so its peak is
//! its own.
//!
//! Run with `cargo bench --bench limits` on an otherwise idle machine;
//! `REFRAIN_BENCH_CORPORA=1x` opens the SOTU folder only. Prints a table and
//! writes `target/tmp/refrain-bench/limits.json`. Targets are reported, not
//! asserted.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark fails loudly

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use refrain::ui::app::RefrainApp;
use refrain::ui::persistence::workspace::Workspace;
use serde_json::{Value, json};

use common::{current_rss, generate_copies, generate_x10, num, peak_rss, run_child, text_bytes};

/// Longest acceptable frame while loading, in milliseconds.
const FRAME_TARGET_MS: f64 = 50.0;
/// Largest acceptable peak memory, as a multiple of the text size.
const MEMORY_TARGET: f64 = 4.0;
/// One frame per display refresh at 60 Hz.
const FRAME_INTERVAL: Duration = Duration::from_millis(16);

fn main() {
    // As the app's main does, before any thread starts.
    refrain::core::memory::limit_arenas();
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(Path::new(args.get(i + 1).expect("--child needs a folder")));
        return;
    }
    let Some(speeches) = common::sotu_speeches() else { return };
    let sotu = speeches.parent().expect("speeches/ has a parent").to_path_buf();
    let wanted = std::env::var("REFRAIN_BENCH_CORPORA").unwrap_or_else(|_| "1x,10x".to_string());
    let mut rows = Vec::new();
    for label in wanted.split(',').map(str::trim) {
        let dir = match label {
            "1x" => sotu.clone(),
            "10x" => {
                let started = Instant::now();
                let dir = generate_x10(&speeches);
                println!("10x corpus ready in {:.1} s: {}", started.elapsed().as_secs_f64(), dir.display());
                dir
            }
            "100x" => {
                let started = Instant::now();
                let dir = generate_copies(&speeches, 100);
                println!("100x corpus ready in {:.1} s: {}", started.elapsed().as_secs_f64(), dir.display());
                dir
            }
            other => panic!("REFRAIN_BENCH_CORPORA: unknown corpus {other:?} (1x, 10x, 100x)"),
        };
        let mut row = run_child(&dir);
        row["corpus"] = json!(label);
        rows.push(row);
    }
    print_table(&rows);
    common::write_rows("limits", &rows);
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Opens `dir` in the app and draws frames until it is idle; prints the
/// figures as one JSON line.
fn child(dir: &Path) {
    let text = text_bytes(dir);
    let app = RefrainApp::new(egui::Context::default(), Vec::new(), Some(Workspace::default()));
    let mut h =
        Harness::builder().with_size([1600.0, 1000.0]).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app);
    // The samples, shown and indexed.
    while h.state().is_busy() || h.state().indexed.is_none() {
        h.step();
        std::thread::sleep(FRAME_INTERVAL);
    }
    h.run_steps(5);
    let baseline = current_rss();
    let started = Instant::now();
    h.state_mut().open(vec![dir.to_path_buf()], true);
    let (mut frames, mut first_columns, mut read, mut peak_read) = (Vec::new(), None, None, 0);
    // When the longest frame started, to tell what it was doing.
    let mut longest = (0.0, Duration::ZERO);
    while h.state().is_busy() || h.state().indexed.is_none() {
        let t = Instant::now();
        h.step();
        let spent = t.elapsed();
        frames.push(spent.as_secs_f64() * 1000.0);
        if spent.as_secs_f64() * 1000.0 > longest.0 {
            longest = (spent.as_secs_f64() * 1000.0, t - started);
        }
        if first_columns.is_none() && !h.state().columns.is_empty() {
            first_columns = Some(started.elapsed());
        }
        if read.is_none() && !h.state().is_loading() {
            read = Some(started.elapsed());
            peak_read = peak_rss();
        }
        std::thread::sleep(FRAME_INTERVAL.saturating_sub(spent));
        assert!(started.elapsed() < Duration::from_secs(900), "still loading after 15 minutes");
    }
    let open = started.elapsed();
    let peak = peak_rss();
    // A few frames once idle: the columns of the open corpus, laid out.
    let mut idle = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        h.step();
        idle.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    // Resident once idle: what the open corpus keeps.
    let idle_rss = current_rss();
    // `REFRAIN_BENCH_PROFILE_PAUSE=SECONDS`: wait before using the panels,
    // so a profiler can be attached to this process for that part.
    if let Some(secs) = std::env::var("REFRAIN_BENCH_PROFILE_PAUSE").ok().and_then(|v| v.parse().ok()) {
        eprintln!("pid {} open; using the panels in {secs} s", std::process::id());
        std::thread::sleep(Duration::from_secs(secs));
    }
    // Using it: the transcript list, the phrases panel and the timeline
    // scrolled (the timeline zoomed in and out) a frame at a time.
    let ctrl = egui::Modifiers { ctrl: true, command: true, ..Default::default() };
    let panels = [
        ("list", interact(&mut h, egui::pos2(160.0, 500.0), egui::Modifiers::NONE)),
        ("phrases", interact(&mut h, egui::pos2(1440.0, 500.0), egui::Modifiers::NONE)),
        ("timeline", interact(&mut h, egui::pos2(800.0, 905.0), ctrl)),
    ];
    let panel_frames: serde_json::Map<String, Value> = panels
        .iter()
        .map(|(name, times)| {
            let (p50, p95, max) = (percentile(times, 0.5), percentile(times, 0.95), times[times.len() - 1]);
            (name.to_string(), json!({"median_ms": p50, "p95_ms": p95, "max_ms": max}))
        })
        .collect();
    let app = h.state();
    let words: usize = app.corpus.iter().map(|t| t.words).sum();
    let phrases = app.indexed.as_ref().map_or(0, |i| i.set.phrases.len());
    let mut sorted = frames.clone();
    sorted.sort_by(f64::total_cmp);
    idle.sort_by(f64::total_cmp);
    let secs = |d: Option<Duration>| d.unwrap_or_default().as_secs_f64();
    let result = json!({
        "dir": dir,
        "files": app.corpus.len(),
        "problems": app.notifications.len(),
        "words": words,
        "phrases": phrases,
        "text_bytes": text,
        "open_s": open.as_secs_f64(),
        "first_columns_s": secs(first_columns),
        "read_s": secs(read),
        "loading_frames": frames.len(),
        "frame_max_ms": sorted.last().copied().unwrap_or(0.0),
        "frame_max_at_s": longest.1.as_secs_f64(),
        "frame_p95_ms": percentile(&sorted, 0.95),
        "frame_median_ms": percentile(&sorted, 0.5),
        "idle_frame_median_ms": percentile(&idle, 0.5),
        "baseline_rss": baseline,
        "peak_rss": peak,
        "peak_rss_after_reading": peak_read,
        "idle_rss": idle_rss,
        "peak_over_text": peak as f64 / text as f64,
        "added_over_text": peak.saturating_sub(baseline) as f64 / text as f64,
        "panel_frames": panel_frames,
    });
    println!("RESULT {result}");
    // Exit without freeing: the parent has what it needs.
    std::process::exit(0);
}

/// Frame times (sorted, in ms) of 240 frames with the pointer at `at` and
/// the wheel turned every frame (`modifiers` held: Ctrl zooms the
/// timeline), one way for 120 frames and back for 120.
fn interact(h: &mut Harness<'_, RefrainApp>, at: egui::Pos2, modifiers: egui::Modifiers) -> Vec<f64> {
    let mut times = Vec::with_capacity(240);
    let drawn = |h: &Harness<'_, RefrainApp>| format!("{:?}", h.output().shapes);
    // Hovering alone changes what is drawn: compare with a hovered frame.
    h.event(egui::Event::PointerMoved(at));
    h.run_steps(2);
    let before = drawn(h);
    for frame in 0..240 {
        if frame == 60 {
            // The panel under the pointer must have moved: a frame time
            // of a panel that ignored the wheel would say nothing.
            assert_ne!(drawn(h), before, "scrolling at {at:?} changed nothing on screen");
        }
        let delta = if frame < 120 { -120.0 } else { 120.0 };
        h.event(egui::Event::PointerMoved(at));
        let wheel = egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta),
            modifiers,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        };
        h.event_modifiers(wheel, modifiers);
        let t = Instant::now();
        h.step();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    times
}

fn print_table(rows: &[Value]) {
    println!(
        "\n{:<6} {:>6} {:>11} {:>8} {:>9} {:>10} {:>7} {:>9} {:>8} {:>9} {:>10} {:>9}",
        "corpus",
        "files",
        "words",
        "text MB",
        "open+idx",
        "1st column",
        "frames",
        "max frame",
        "p95",
        "peak MB",
        "added/text",
        "peak/text"
    );
    for r in rows {
        println!(
            "{:<6} {:>6} {:>11} {:>8.1} {:>8.2}s {:>9.2}s {:>7} {:>7.1}ms {:>6.1}ms {:>9.0} {:>9.2}x {:>8.2}x",
            r["corpus"].as_str().unwrap_or("?"),
            num(r, "files"),
            num(r, "words"),
            num(r, "text_bytes") / 1e6,
            num(r, "open_s"),
            num(r, "first_columns_s"),
            num(r, "loading_frames"),
            num(r, "frame_max_ms"),
            num(r, "frame_p95_ms"),
            num(r, "peak_rss") / 1e6,
            num(r, "added_over_text"),
            num(r, "peak_over_text"),
        );
    }
    for r in rows {
        let panels = ["list", "phrases", "timeline"].map(|p| {
            let f = &r["panel_frames"][p];
            format!(
                "{p} median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
                num(f, "median_ms"),
                num(f, "p95_ms"),
                num(f, "max_ms")
            )
        });
        println!("{} once open, scrolling: {}", r["corpus"].as_str().unwrap_or("?"), panels.join("; "));
    }
    for r in rows {
        let frames_ok = num(r, "frame_max_ms") < FRAME_TARGET_MS;
        let memory_ok = num(r, "added_over_text") < MEMORY_TARGET;
        println!(
            "{}: longest frame while loading {} the {FRAME_TARGET_MS} ms target; memory opening took {} the {MEMORY_TARGET}x target ({:.2}x; {:.2}x counting the whole process, {:.0} MB before opening)",
            r["corpus"].as_str().unwrap_or("?"),
            if frames_ok { "meets" } else { "MISSES" },
            if memory_ok { "meets" } else { "MISSES" },
            num(r, "added_over_text"),
            num(r, "peak_over_text"),
            num(r, "baseline_rss") / 1e6,
        );
    }
}
