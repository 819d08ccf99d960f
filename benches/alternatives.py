#!/usr/bin/env python3
"""Python alternatives to Refrain's phrase pipeline, timed on the SOTU corpus.

What it measures (wall time, best of --repeat runs, each one including
reading the files):

- ``python_dict``: plain Python. Read the files, lowercase them, split them
  into words with a regex, map every 5-gram to the set of documents using it,
  keep the 5-grams found in >= 2 documents (the recurring phrases) and count,
  per document, the words covered by one of them (the recurring words).
- ``sklearn``: scikit-learn's ``CountVectorizer(ngram_range=(5, 5))``
  ``fit_transform`` on the texts, then the document frequency of each 5-gram
  (non-zero count per column) and the 5-grams with >= 2 documents. It uses
  the same token regex as ``python_dict`` (the default one drops one-letter
  words such as "a" and "I"), so both compute the same 5-grams.

Run: ``python3 benches/alternatives.py [--corpus DIR] [--repeat N] [--json PATH]``
(``benches/run.sh`` runs it next to the Rust benchmarks). When scikit-learn
is not importable, the script creates a venv in ``target/bench-venv``,
installs scikit-learn there with pip and runs itself again with it. The
corpus is ``$REFRAIN_CORPUS/sotu/speeches`` (default: ``../shared/corpus``
beside the checkout); when it is missing, it prints "skipped: corpus not
found" and exits 0.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Words: letters or digits, joined by hyphens or apostrophes ("well-known",
# "nation's"), close to what Refrain's Unicode tokenizer keeps together.
TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")


def ensure_sklearn():
    """Imports scikit-learn, or re-runs this script from a venv that has it."""
    try:
        import sklearn  # noqa: F401

        return
    except ImportError:
        pass
    if os.environ.get("REFRAIN_BENCH_IN_VENV") == "1":
        sys.exit("scikit-learn is still missing inside target/bench-venv")
    venv = target_dir() / "bench-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(python), "-c", "import sklearn"], capture_output=True)
    if probe.returncode != 0:
        print("installing scikit-learn into the venv", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "scikit-learn"], check=True)
    env = dict(os.environ, REFRAIN_BENCH_IN_VENV="1")
    os.execve(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env)


def corpus_dir(arg):
    if arg:
        return Path(arg)
    root = Path(os.environ.get("REFRAIN_CORPUS") or REPO.parent / "shared" / "corpus")
    return root / "sotu" / "speeches"


def read_texts(folder):
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]


def python_dict(folder, n, min_docs):
    """The plain-Python pipeline: dictionary of 5-grams to document sets."""
    docs = [TOKEN.findall(text.lower()) for text in read_texts(folder)]
    grams = defaultdict(set)
    for d, words in enumerate(docs):
        for i in range(len(words) - n + 1):
            grams[tuple(words[i : i + n])].add(d)
    recurring = {g for g, ds in grams.items() if len(ds) >= min_docs}
    recurring_words = 0
    for words in docs:
        covered = bytearray(len(words))
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in recurring:
                covered[i : i + n] = b"\x01" * n
        recurring_words += covered.count(1)
    return {
        "docs": len(docs),
        "words": sum(len(w) for w in docs),
        "ngrams": len(grams),
        "recurring_ngrams": len(recurring),
        "recurring_words": recurring_words,
    }


def sklearn_df(folder, n, min_docs):
    """scikit-learn's document-frequency pass over the 5-grams."""
    from sklearn.feature_extraction.text import CountVectorizer

    texts = read_texts(folder)
    vectorizer = CountVectorizer(ngram_range=(n, n), lowercase=True, token_pattern=TOKEN.pattern)
    counts = vectorizer.fit_transform(texts)
    doc_freq = counts.getnnz(axis=0)
    return {
        "docs": counts.shape[0],
        "ngrams": counts.shape[1],
        "recurring_ngrams": int((doc_freq >= min_docs).sum()),
    }


def best_of(repeat, fn, *args):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return {"best_s": min(times), "all_s": times, "found": result}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="folder of .txt speeches (default: the SOTU speeches)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per implementation (best is kept)")
    parser.add_argument("--min-words", type=int, default=5)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--revision", help="time difflib.SequenceMatcher on the word lists in this JSON file "
                        "(written by `cargo bench --bench pairwise`) and add it to the results")
    parser.add_argument("--whole-dict", metavar="DIR", help="run the plain dictionary once on DIR's .txt files "
                        "(and its subfolders') and print its counts as JSON: the whole process is timed by "
                        "benches/whole/phrases_vs_python.py")
    args = parser.parse_args()
    if args.whole_dict:
        print(json.dumps(python_dict(Path(args.whole_dict), args.min_words, args.min_docs)))
        return

    folder = corpus_dir(args.corpus)
    if not folder.is_dir():
        message = f"skipped: corpus not found at {folder} (set REFRAIN_CORPUS)"
        print(f"\n!!!!!!!! {message} !!!!!!!!\n", file=sys.stderr)
        print(message)
        return
    ensure_sklearn()
    import sklearn

    results = {
        "corpus": str(folder),
        "python": sys.version.split()[0],
        "sklearn_version": sklearn.__version__,
        "repeat": args.repeat,
        "python_dict": best_of(args.repeat, python_dict, folder, args.min_words, args.min_docs),
        "sklearn": best_of(args.repeat, sklearn_df, folder, args.min_words, args.min_docs),
    }
    if args.revision and Path(args.revision).is_file():
        import difflib

        lists = json.loads(Path(args.revision).read_text())

        def diff():
            ops = difflib.SequenceMatcher(None, lists["old"], lists["new"], autojunk=False).get_opcodes()
            return {"opcodes": len(ops), "old_words": len(lists["old"]), "new_words": len(lists["new"])}

        results["difflib"] = best_of(args.repeat, diff)
    print(f"Python {results['python']}, scikit-learn {results['sklearn_version']}, best of {args.repeat}:")
    for name in ("python_dict", "sklearn", "difflib"):
        if name not in results:
            continue
        r = results[name]
        runs = ", ".join(f"{t:.2f}" for t in r["all_s"])
        print(f"  {name:<12} {r['best_s']:8.3f} s   (runs: {runs})   {r['found']}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
