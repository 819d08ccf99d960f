//! `refrain search` as a user runs it: the real binary on the SOTU corpus
//! (counts checked against a simple independent count of the raw files) and
//! on Cyrillic and Turkish transcripts.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

use crate::common;
use crate::support::refrain;

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Words of a text the simplest way: lowercase runs of letters, digits,
/// apostrophes and single hyphens (a double hyphen is a dash).
fn simple_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('’', "'")
        .replace("--", " ")
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

/// Per file stem: how often `phrase` occurs as a run of whole words.
fn independent_counts(dir: &Path, phrase: &[&str]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() != Some(OsStr::new("txt")) {
            continue;
        }
        let words = simple_words(&std::fs::read_to_string(&path).unwrap());
        let n = words.windows(phrase.len()).filter(|w| w.iter().zip(phrase).all(|(a, b)| a == b)).count();
        if n > 0 {
            counts.insert(path.file_stem().unwrap().to_string_lossy().into_owned(), n);
        }
    }
    counts
}

fn stem_of(path: &serde_json::Value) -> String {
    Path::new(path.as_str().unwrap()).file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn state_of_the_union_over_sotu_matches_an_independent_count() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let out = json(&refrain(&[
        "search".as_ref(),
        "--json".as_ref(),
        "\"state of the union\"".as_ref(),
        speeches.as_os_str(),
    ]));
    let expected = independent_counts(&speeches, &["state", "of", "the", "union"]);
    let got: HashMap<String, usize> = out["speeches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (stem_of(&s["path"]), s["count"].as_u64().unwrap() as usize))
        .collect();
    assert!(expected.len() > 50, "the phrase is common in SOTU: {}", expected.len());
    assert_eq!(got, expected);
    assert_eq!(out["total"].as_u64().unwrap() as usize, expected.values().sum::<usize>());
    assert_eq!(out["searched"], 249);
    // Speeches in date order; every line's match is the phrase, any case.
    let dates: Vec<&str> = out["speeches"].as_array().unwrap().iter().map(|s| s["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    for s in out["speeches"].as_array().unwrap() {
        let text = std::fs::read_to_string(s["path"].as_str().unwrap()).unwrap();
        for m in s["matches"].as_array().unwrap() {
            assert_eq!(m["match"].as_str().unwrap().to_lowercase(), "state of the union");
            assert!(!m["left"].as_str().unwrap().is_empty() || !m["right"].as_str().unwrap().is_empty());
            // The byte range points at the match in the body; SOTU bodies
            // keep the file's words, so the words around it are there.
            let right = m["right"].as_str().unwrap().trim_end_matches('…');
            let first_right_word = right.split_whitespace().next().unwrap_or("");
            assert!(text.contains(first_right_word));
        }
    }
    // Per-year counts add up to the total.
    let per_year: u64 = out["per_year"].as_array().unwrap().iter().map(|y| y["count"].as_u64().unwrap()).sum();
    assert_eq!(per_year, out["total"].as_u64().unwrap());

    // Unquoted, the first and last words may be parts of longer words
    // ("estate", "Union's"): at least as many, and the quoted ones among them.
    let plain =
        json(&refrain(&["search".as_ref(), "--json".as_ref(), "state of the union".as_ref(), speeches.as_os_str()]));
    assert!(plain["total"].as_u64().unwrap() >= out["total"].as_u64().unwrap());
    let loose = independent_counts_loose(&speeches);
    assert_eq!(plain["total"].as_u64().unwrap() as usize, loose);
}

/// Runs of four words: one ending in "state", "of", "the", one starting
/// with "union".
fn independent_counts_loose(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() != Some(OsStr::new("txt")) {
            continue;
        }
        let words = simple_words(&std::fs::read_to_string(&path).unwrap());
        let mut i = 0;
        while i + 4 <= words.len() {
            let w = &words[i..i + 4];
            if w[0].ends_with("state") && w[1] == "of" && w[2] == "the" && w[3].starts_with("union") {
                n += 1;
                i += 4;
            } else {
                i += 1;
            }
        }
    }
    n
}

#[test]
fn cyrillic_and_turkish_queries_fold_case_like_the_phrase_engine() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2023-02-10-moskva.md"),
        "---\ntitle: Пресс-конференция\ndate: 2023-02-10\nlang: ru-RU\n---\n\nМы ЕЩЁ раз подтверждаем готовность к диалогу.\n\nЕщё одно: мы готовы к ДИАЛОГУ.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2023-06-02-ankara.md"),
        "---\ntitle: Basın toplantısı\ndate: 2023-06-02\nlang: tr-TR\n---\n\nBugün İSTANBUL ve Ankara'daki görüşmelerimiz. IŞIK ve ışık; Istanbul değil.\n",
    )
    .unwrap();
    let run = |q: &str, extra: &[&str]| {
        let mut args: Vec<&OsStr> = vec!["search".as_ref(), "--json".as_ref(), q.as_ref()];
        args.extend(extra.iter().map(|a| OsStr::new(*a)));
        args.push(dir.path().as_os_str());
        json(&refrain(&args))
    };
    let matches = |out: &serde_json::Value| -> Vec<String> {
        out["speeches"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["matches"].as_array().unwrap().iter().map(|m| m["match"].as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(matches(&run("еще", &[])), vec!["ЕЩЁ", "Ещё"]);
    assert_eq!(matches(&run("готовы к диалогу", &[])), vec!["готовы к ДИАЛОГУ"]);
    assert_eq!(matches(&run("диалог", &["--whole-word"])), Vec::<String>::new());
    assert_eq!(matches(&run("диалог", &[])), vec!["диалог", "ДИАЛОГ"]);
    // Turkish: İ is i, I is ı.
    assert_eq!(matches(&run("istanbul", &["--whole-word"])), vec!["İSTANBUL"]);
    assert_eq!(matches(&run("ışık", &[])), vec!["IŞIK", "ışık"]);
    assert_eq!(matches(&run("IŞIK", &["--case-sensitive"])), vec!["IŞIK"]);
    assert_eq!(matches(&run("ankara'daki", &[])), vec!["Ankara'daki"]);
    // The line shows the words around the match.
    let out = run("görüşmelerimiz", &[]);
    let m = &out["speeches"][0]["matches"][0];
    assert_eq!(m["left"], "Bugün İSTANBUL ve Ankara'daki ");
    assert_eq!(m["right"], ". IŞIK ve ışık; Istanbul değil.");
    assert_eq!(out["speeches"][0]["date"], "2023-06-02");
}

#[test]
fn usage_errors_exit_2_and_unreadable_files_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Date: 2020-01-01\n\nPeace and prosperity.\n").unwrap();
    let bad = refrain(&["search".as_ref(), "--regex".as_ref(), "(peace".as_ref(), dir.path().as_os_str()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("regular expression"));
    let empty = refrain(&["search".as_ref(), "  ".as_ref(), dir.path().as_os_str()]);
    assert_eq!(empty.status.code(), Some(2));
    let missing = dir.path().join("missing.txt");
    let partial =
        refrain(&["search".as_ref(), "peace".as_ref(), dir.path().join("a.txt").as_os_str(), missing.as_os_str()]);
    assert_eq!(partial.status.code(), Some(1));
    let text = String::from_utf8_lossy(&partial.stdout);
    assert!(text.contains("1 matches of \"peace\" in 1 of 1 speeches"), "{text}");
    assert!(text.contains("[Peace]"), "{text}");
}
