#!/usr/bin/env python3
"""Whole process: `refrain phrases` on the 10x and 100x corpora.

The 100x corpus is SOTU copied a hundred times with its paragraphs
shuffled (24,900 files, about 200 million words, 1.2 GB; made by
`cargo bench --bench scale -- --generate 100` into target/tmp/sotu-x100).
Targets (#24): it finishes with peak memory under 4x its text, in a time
within 12x of the 10x corpus's.

Usage: benches/whole/phrases_x100.py RESULTS_DIR (run by benches/run.sh;
`REFRAIN_BIN` names the release binary). Writes RESULTS_DIR/rows-x100.json.
One run of each (the 100x one takes minutes); the table output, so that
the figure is the phrases and not 2 GB of JSON.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def text_bytes(folder):
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


def run(binary, folder):
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "phrases", "--limit", "3", str(folder)],
                          capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"refrain phrases {folder} failed: {done.stderr.decode(errors='replace')}")
    peak = int(done.stderr.decode().strip().splitlines()[-1]) * 1024
    first = done.stdout.decode().splitlines()[0]
    return elapsed, peak, first


def main():
    results = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "target" / "tmp" / "refrain-bench")
    binary = os.environ.get("REFRAIN_BIN") or str(REPO / "target" / "release" / "refrain")
    x10, x100 = REPO / "target" / "tmp" / "sotu-x10", REPO / "target" / "tmp" / "sotu-x100"
    if not (x10 / ".complete").is_file() or not (x100 / ".complete").is_file():
        print("skipped: the 10x and 100x corpora are made by `cargo bench --bench scale -- --generate 100` "
              "(and the scale bench for 10x)")
        return
    t10, p10, f10 = run(binary, x10)
    print(f"10x: {t10:.2f} s, peak {p10 / 1e6:.0f} MB: {f10}", flush=True)
    t100, p100, f100 = run(binary, x100)
    b100 = text_bytes(x100)
    print(f"100x: {t100:.2f} s, peak {p100 / 1e6:.0f} MB, text {b100 / 1e6:.0f} MB: {f100}")
    rows = [
        {"measure": "W5. refrain phrases, 10x corpus, whole process", "measured": f"{t10:.2f} s, {p10 / 1e6:.0f} MB",
         "ok": None},
        {"measure": "W5. refrain phrases, 100x corpus (24,900 files), whole process",
         "measured": f"{t100:.1f} s, {p100 / 1e6:.0f} MB", "ok": None},
        {"measure": "W5. 100x time / 10x time", "measured": f"{t100 / t10:.1f}x", "target": "<= 12x",
         "ok": t100 / t10 <= 12},
        {"measure": "W5. 100x peak memory / text", "measured": f"{p100 / b100:.2f}x", "target": "< 4x",
         "ok": p100 / b100 < 4},
    ]
    results.mkdir(parents=True, exist_ok=True)
    (results / "rows-x100.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
