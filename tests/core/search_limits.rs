//! `refrain search` on texts with millions of matches: `--limit` caps what
//! is printed and what is kept (the matches are counted, only the printed
//! lines' contexts cut out), the JSON is written as it is made, a regular
//! expression that matches every character or the empty string stays
//! within a small multiple of the text, and a `--context` past the maximum
//! is capped on both sides with a message.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::support::refrain;

/// What a run printed, and its peak resident memory in bytes (0 when it
/// could not be measured).
struct Measured {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    peak: u64,
}

/// Runs `refrain` with `args` and measures its peak resident set size.
///
/// Not from this process's `wait4`: a child's `ru_maxrss` starts from the
/// high-water mark of the process it was spawned from (the kernel keeps the
/// larger at `exec`), and this test binary is larger than what is measured.
/// A small Python process runs `refrain` instead and reports its
/// children's `ru_maxrss`: `refrain`'s own peak, above Python's few MB.
/// Without `python3` the peak is 0 and the caller says it is not checked.
fn measured(args: &[&OsStr]) -> Measured {
    const SCRIPT: &str = "import resource, subprocess, sys\n\
                          code = subprocess.call(sys.argv[2:])\n\
                          open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n\
                          sys.exit(code if code >= 0 else 128 - code)\n";
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("maxrss");
    let python = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_refrain"))
        .args(args)
        .stdin(Stdio::null())
        .output();
    let out = match python {
        Ok(out) => out,
        Err(e) => {
            eprintln!("python3 not run ({e}): peak memory not measured");
            Command::new(env!("CARGO_BIN_EXE_refrain")).args(args).output().unwrap()
        }
    };
    // ru_maxrss is in KiB on Linux.
    let peak = std::fs::read_to_string(&report).ok().and_then(|k| k.trim().parse::<u64>().ok()).unwrap_or(0) * 1024;
    Measured { status: out.status, stdout: out.stdout, stderr: String::from_utf8_lossy(&out.stderr).into_owned(), peak }
}

/// A dated speech of about `bytes` bytes: "the cat sat on the mat." over
/// and over, in lines.
fn big_speech(dir: &Path, name: &str, bytes: usize) -> PathBuf {
    let line = "The cat sat on the mat, and the dog ran after the cat.\n";
    let path = dir.join(name);
    std::fs::write(&path, line.repeat(bytes / line.len() + 1)).unwrap();
    path
}

/// The number `N` of a first line "N matches of …".
fn total_of(stdout: &str) -> usize {
    stdout.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{stdout}"))
}

/// Peak memory of a run on `big` less that of the same run on `tiny`, as a
/// multiple of `big`'s size: what the text costs, the program's own
/// (the binary, its libraries) left out.
fn cost(big: &Measured, tiny: &Measured, size: u64) -> f64 {
    if big.peak == 0 || tiny.peak == 0 {
        eprintln!("skipped: peak memory not measured (python3 missing)");
    }
    big.peak.saturating_sub(tiny.peak) as f64 / size as f64
}

#[test]
fn regex_dot_with_limit_1_prints_one_line_and_keeps_no_match() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = big_speech(dir.path(), "2001-01-01-tiny.txt", 100);
    // Every character; an empty-matching pattern that also matches some
    // characters, and one that matches nothing but the empty string (tried
    // at every position: a smaller text, the test binary being unoptimized).
    for (pattern, every, mb) in [(".", true, 4), ("a*", false, 1), ("x*", false, 1)] {
        let big = big_speech(dir.path(), &format!("2001-01-01-big{mb}.txt"), mb << 20);
        let size = std::fs::metadata(&big).unwrap().len();
        let run = |file: &Path| {
            let args = ["search", "--regex", pattern, "--limit", "1"];
            let mut args: Vec<&OsStr> = args.iter().map(|s| OsStr::new(*s)).collect();
            args.push(file.as_os_str());
            measured(&args)
        };
        let (out, small) = (run(&big), run(&tiny));
        assert!(out.status.success(), "{pattern}: {}", out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let total = total_of(&stdout);
        let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  ")).collect();
        if pattern == "x*" {
            assert_eq!(total, 0, "{stdout}");
            assert!(lines.is_empty(), "{stdout}");
        } else {
            assert_eq!(lines.len(), 1, "one line printed: {stdout}");
            assert!(stdout.contains(&format!("… {} more", total - 1)), "{stdout}");
        }
        if every {
            // Every character but the line breaks.
            let text = std::fs::read_to_string(&big).unwrap();
            assert_eq!(total, text.chars().filter(|&c| c != '\n').count());
        }
        let cost = cost(&out, &small, size);
        eprintln!(
            "{pattern}: {} MB peak for {} MB of text ({cost:.1}x above a tiny file's)",
            out.peak >> 20,
            size >> 20
        );
        assert!(cost < 10.0, "{pattern}: {cost:.1}x the text");
    }
}

#[test]
fn json_and_sorted_output_do_not_hold_every_context() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_speech(dir.path(), "2001-01-01-big.txt", 2 << 20);
    let tiny = big_speech(dir.path(), "2001-01-01-tiny.txt", 100);
    let size = std::fs::metadata(&big).unwrap().len();
    let run = |extra: &[&str], file: &Path| {
        let mut args: Vec<&OsStr> = ["search", "at"].iter().chain(extra).map(|s| OsStr::new(*s)).collect();
        args.push(file.as_os_str());
        measured(&args)
    };
    // The JSON lists every match with its context, written as it is made.
    let (json, small) = (run(&["--json"], &big), run(&["--json"], &tiny));
    assert!(json.status.success(), "{}", json.stderr);
    // "at" inside cat, sat, mat and cat: 4 matches a line.
    let ats = String::from_utf8_lossy(&std::fs::read(&big).unwrap()).matches("at").count();
    let listed = json.stdout.windows(9).filter(|w| w == b"\"match\":\"").count();
    assert_eq!(listed, ats);
    let head = String::from_utf8_lossy(&json.stdout[..200]).into_owned();
    assert!(head.contains(&format!("\"total\":{ats}")), "{head}");
    let cost_json = cost(&json, &small, size);
    eprintln!("--json: {} MB peak, {} MB written ({cost_json:.1}x the text)", json.peak >> 20, json.stdout.len() >> 20);
    assert!(cost_json < 10.0, "--json: {cost_json:.1}x the text");
    // --sort keeps the keys of the lines it prints (ten words each here),
    // not of every match.
    let args = ["--sort", "right", "--sort-depth", "10", "--limit", "2"];
    let (sorted, small) = (run(&args, &big), run(&args, &tiny));
    assert!(sorted.status.success(), "{}", sorted.stderr);
    let stdout = String::from_utf8_lossy(&sorted.stdout);
    assert_eq!(stdout.lines().filter(|l| l.contains("[at]")).count(), 2, "{stdout}");
    assert!(stdout.contains(&format!("… {} more", ats - 2)), "{stdout}");
    let cost_sorted = cost(&sorted, &small, size);
    eprintln!("--sort --limit 2: {} MB peak ({cost_sorted:.1}x the text)", sorted.peak >> 20);
    assert!(cost_sorted < 10.0, "--sort: {cost_sorted:.1}x the text");
}

#[test]
fn a_context_of_2_64_minus_1_is_capped_keeping_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2001-01-01-short.txt");
    std::fs::write(&file, "Alpha beta gamma delta epsilon.\n").unwrap();
    let huge = u64::MAX.to_string();
    for extra in [&[][..], &["--sort", "left"][..], &["--json"][..], &["--csv"][..]] {
        let mut args: Vec<&OsStr> =
            ["search", "gamma", "--context", huge.as_str()].iter().chain(extra).map(|s| OsStr::new(*s)).collect();
        args.push(file.as_os_str());
        let out = refrain(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {stderr}");
        assert!(stderr.contains(&format!("--context {huge} is more than a line")), "{extra:?}: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let expected = match extra.first() {
            Some(&"--json") => r#""left":"Alpha beta ","match":"gamma","right":" delta epsilon.""#,
            Some(&"--csv") => "Alpha beta ,gamma, delta epsilon.",
            _ => "Alpha beta [gamma] delta epsilon.",
        };
        assert!(stdout.contains(expected), "{extra:?}: {stdout}");
    }
}
