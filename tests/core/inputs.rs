//! Files Refrain reads that are not what they should be: `refrain timeline
//! --events` given a device, a FIFO, a folder or a file over the limit is
//! refused at once with the reason (the rest is still printed), a FIFO is
//! read when asked for with `--events-fifo`, and large events files parse
//! with every bad row reported by its line.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use refrain::core::timeline::events::{MAX_EVENTS_FILE, parse_csv, parse_json};

/// The built-in samples, the transcripts every run here reads.
fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

/// Runs the `refrain` binary with `args` as a user would, killing it and
/// failing the test when it has not finished within `limit` (a refusal
/// must come at once, not after reading a device or waiting on a FIFO).
fn refrain_within(args: &[&OsStr], limit: Duration) -> Output {
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_refrain"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("refrain {args:?} still running after {limit:?}: {}", std::fs::read_to_string(&stderr).unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: std::fs::read(&stdout).unwrap(), stderr: std::fs::read(&stderr).unwrap() }
}

/// `refrain timeline --json --events EVENTS samples` (plus `extra`), within 30 s.
fn timeline_with_events(events: &Path, extra: &[&str]) -> Output {
    let samples = samples();
    let mut args: Vec<&OsStr> = vec!["timeline".as_ref(), "--json".as_ref(), "--events".as_ref(), events.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    args.push(samples.as_os_str());
    refrain_within(&args, Duration::from_secs(30))
}

/// The titles of the events in `refrain timeline --json` output.
fn event_titles(out: &Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "event")
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

/// A refusal: exit status 1, the reason on stderr, and the speeches still
/// printed.
fn assert_refused(out: &Output, reason: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(reason), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let speeches = json["entries"].as_array().unwrap().iter().filter(|e| e["kind"] == "speech").count();
    assert!(speeches >= 5, "the samples are still on the timeline: {speeches}");
    assert!(event_titles(out).is_empty());
}

#[cfg(unix)]
#[test]
fn devices_as_events_files_are_refused_at_once() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        if !Path::new(dev).exists() {
            println!("skipped: no {dev}");
            continue;
        }
        let start = Instant::now();
        let out = timeline_with_events(Path::new(dev), &[]);
        assert_refused(&out, &format!("refrain: {dev}: is a character device, not a regular file; not read"));
        assert!(start.elapsed() < Duration::from_secs(20), "{dev}: {:?}", start.elapsed());
    }
}

#[test]
fn an_events_file_over_the_limit_is_refused_unread_and_a_folder_by_name() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: its size says a byte over the limit, nothing is on disk.
    let huge = dir.path().join("huge.csv");
    std::fs::File::create(&huge).unwrap().set_len(MAX_EVENTS_FILE + 1).unwrap();
    let out = timeline_with_events(&huge, &[]);
    let reason =
        format!("huge.csv: too large ({} bytes; the limit is {MAX_EVENTS_FILE} bytes); not read", MAX_EVENTS_FILE + 1);
    assert_refused(&out, &reason);
    let folder = dir.path().join("events.csv");
    std::fs::create_dir(&folder).unwrap();
    assert_refused(&timeline_with_events(&folder, &[]), "events.csv: is a folder, not a file");
    assert_refused(&timeline_with_events(&dir.path().join("missing.csv"), &[]), "missing.csv: no such file");
}

/// Makes a FIFO with the system's `mkfifo`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success(), "mkfifo {}", path.display());
}

/// Writes `bytes` into the FIFO once a reader has opened it, giving up
/// after 20 s (so a reader that never comes cannot hang the test).
#[cfg(unix)]
fn write_when_read(fifo: PathBuf, bytes: &'static [u8]) -> std::thread::JoinHandle<bool> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            // Without a reader, opening for writing without blocking fails.
            match std::fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(&fifo) {
                Ok(mut w) => return w.write_all(bytes).is_ok(),
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        false
    })
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_the_flag_and_read_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("events.csv");
    mkfifo(&fifo);
    // Nobody writes to it: refused at once, with the way to read it.
    let out = timeline_with_events(&fifo, &[]);
    assert_refused(&out, "events.csv: is a FIFO (named pipe), not a regular file; not read");
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --events-fifo"));
    // Asked for: read to the end of what its writer sends.
    let writer =
        write_when_read(fifo.clone(), b"date,title\n1969-07-20,Moon landing\n1989-11-09,Fall of the Berlin Wall\n");
    let out = timeline_with_events(&fifo, &["--events-fifo"]);
    assert!(writer.join().unwrap(), "refrain never opened the FIFO");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut titles = event_titles(&out);
    titles.sort();
    assert_eq!(titles, ["Fall of the Berlin Wall", "Moon landing"]);
    // A device stays refused with the flag.
    if Path::new("/dev/zero").exists() {
        assert_refused(&timeline_with_events(Path::new("/dev/zero"), &["--events-fifo"]), "is a character device");
    }
}

/// Line of row `k` (0-based) of the generated file: after the header.
fn row_line(k: usize) -> usize {
    k + 2
}

#[test]
fn a_hundred_thousand_events_parse_with_bad_rows_told_by_line() {
    const N: usize = 100_000;
    let bad = |k: usize| k % 1000 == 999;
    let mut csv = String::from("date,title,description\n");
    let mut json = String::from("[\n");
    for k in 0..N {
        let date = if bad(k) {
            "someday".to_string()
        } else {
            format!("{}-{:02}-{:02}", 1800 + k % 200, 1 + k % 12, 1 + k % 28)
        };
        csv.push_str(&format!("{date},Event {k},\"What happened, {k}\"\n"));
        let comma = if k + 1 < N { "," } else { "" };
        json.push_str(&format!(
            "{{\"date\": \"{date}\", \"title\": \"Event {k}\", \"description\": \"What happened, {k}\"}}{comma}\n"
        ));
    }
    json.push_str("]\n");
    let want_bad: Vec<usize> = (0..N).filter(|&k| bad(k)).map(row_line).collect();
    for (name, (events, skipped)) in [("csv", parse_csv(&csv).unwrap()), ("json", parse_json(&json).unwrap())] {
        assert_eq!(events.len(), N - N / 1000, "{name}");
        assert_eq!(skipped.iter().map(|b| b.line).collect::<Vec<_>>(), want_bad, "{name}");
        assert!(
            skipped.iter().all(|b| b.reason == "\"someday\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            "{name}"
        );
        let last = events.last().unwrap();
        assert_eq!((last.title.as_str(), last.line), ("Event 99998", row_line(N - 2)), "{name}");
        assert_eq!(events[0].description, "What happened, 0", "{name}");
    }
}
