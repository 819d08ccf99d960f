#!/usr/bin/env python3
"""Checks the shared n-grams a distributed job found against `refrain phrases`.

"The same shared n-grams" means, for n-grams of N words (default 5):

- the n-grams shared by at least two documents according to the shingles
  (the output of examples/spark_shared_ngrams.py, or a plain-Python group-by
  of `refrain shingles` when no Spark output is given), and
- every n-gram lying inside an occurrence of a phrase that
  `refrain phrases --json --min-words N --max-gap 0` finds (exact phrases of
  at least N words in at least two speeches; no gaps bridged),

are the same set of hashes, each with the same documents; and every place
in the text where a shared n-gram occurs lies inside one of those phrase
occurrences. No word is normalized here: the n-grams inside an occurrence
are found by their byte ranges, from `refrain shingles --positions`, so the
check does not depend on this script agreeing with Refrain on words.

Usage:

    examples/check_shingles.py CORPUS [--spark-out DIR] [--words N] [--refrain BIN]

runs `refrain phrases` and `refrain shingles --positions` on CORPUS (with
BIN, else $REFRAIN_BIN, else target/release/refrain), compares, prints the
counts and any difference, and exits with 1 when there is one.
"""

import argparse
import bisect
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile


def run(cmd):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return done.stdout


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def spark_result(folder):
    """Hash -> set of paths, from the job's JSON Lines part files."""
    shared = {}
    for part in sorted(glob.glob(os.path.join(folder, "part-*"))):
        for row in read_jsonl(part):
            shared[row["hash"]] = set(row["paths"])
    return shared


def group_by_hash(docs, min_documents=2):
    """Hash -> set of paths of the documents holding it, for hashes in at least two."""
    paths = collections.defaultdict(set)
    for d in docs:
        for h in d["hashes"]:
            paths[h].add(d["path"])
    return {h: p for h, p in paths.items() if len(p) >= min_documents}


def inside(doc, start_byte, end_byte):
    """Indexes of the n-grams of `doc` (with positions) inside the byte range."""
    starts, ends = doc["start_bytes"], doc["end_bytes"]
    k = bisect.bisect_left(starts, start_byte)
    while k < len(starts) and ends[k] <= end_byte:
        yield k
        k += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", help="transcript files or folders")
    parser.add_argument("--spark-out", help="the folder examples/spark_shared_ngrams.py --out wrote")
    parser.add_argument("--words", type=int, default=5, help="n-gram length (default 5)")
    parser.add_argument("--refrain", default=os.environ.get("REFRAIN_BIN", "target/release/refrain"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        positions = os.path.join(tmp, "positions.jsonl")
        run([args.refrain, "shingles", "--positions", "--words", str(args.words), "-o", positions, *args.corpus])
        docs = read_jsonl(positions)
    phrases = json.loads(
        run([args.refrain, "phrases", "--json", "--min-words", str(args.words), "--max-gap", "0", *args.corpus])
    )
    by_path = {d["path"]: d for d in docs}

    # From the phrases: each n-gram inside an occurrence, with its document.
    from_phrases = collections.defaultdict(set)
    covered = set()  # (path, n-gram index)
    for phrase in phrases["phrases"]:
        for o in phrase["occurrences"]:
            doc = by_path[o["path"]]
            for k in inside(doc, o["start_byte"], o["end_byte"]):
                from_phrases[doc["hashes"][k]].add(o["path"])
                covered.add((o["path"], k))

    plain = group_by_hash(docs)
    sources = [("plain-Python group-by", plain)]
    if args.spark_out:
        sources.insert(0, ("Spark", spark_result(args.spark_out)))

    print(f"documents: {len(docs)}; phrases: {len(phrases['phrases'])}")
    print(f"shared {args.words}-grams from `refrain phrases`: {len(from_phrases)}")
    differences = 0
    for name, shared in sources:
        only_shared = set(shared) - set(from_phrases)
        only_phrases = set(from_phrases) - set(shared)
        other_docs = [h for h in set(shared) & set(from_phrases) if shared[h] != from_phrases[h]]
        print(f"shared {args.words}-grams from {name}: {len(shared)}")
        print(f"  only there: {len(only_shared)}; only in the phrases: {len(only_phrases)}; "
              f"same n-gram, other documents: {len(other_docs)}")
        for h in sorted(only_shared)[:5]:
            print(f"    only in {name}: {h} in {sorted(shared[h])}")
        for h in sorted(only_phrases)[:5]:
            print(f"    only in the phrases: {h} in {sorted(from_phrases[h])}")
        for h in sorted(other_docs)[:5]:
            print(f"    {h}: {name} {sorted(shared[h])}, phrases {sorted(from_phrases[h])}")
        differences += len(only_shared) + len(only_phrases) + len(other_docs)

    # Every place a shared n-gram occurs lies inside a phrase occurrence.
    places = {(d["path"], k) for d in docs for k, h in enumerate(d["hashes"]) if h in plain}
    print(f"places of shared {args.words}-grams: {len(places)}; inside phrase occurrences: {len(covered)}")
    for path, k in sorted(places - covered)[:5]:
        d = by_path[path]
        print(f"    not inside a phrase: {path} bytes {d['start_bytes'][k]}..{d['end_bytes'][k]}")
    for path, k in sorted(covered - places)[:5]:
        d = by_path[path]
        print(f"    inside a phrase but not shared: {path} bytes {d['start_bytes'][k]}..{d['end_bytes'][k]}")
    differences += len(places ^ covered)

    print("same shared n-grams" if differences == 0 else f"{differences} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
