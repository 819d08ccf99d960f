#!/usr/bin/env python3
"""Whole process: `refrain phrases` against the plain-Python dictionary.

A user times the whole command, so both sides are timed as processes,
from start to exit, in the same loop (interleaved, so a slow moment of
the machine falls on both):

- `refrain phrases --json --min-words 5 --max-gap 0 SOTU` (output to
  /dev/null), and the same with the table (the default output);
- `python3 benches/alternatives.py --whole-dict SOTU`: a fresh interpreter
  reading the files and building the dictionary of 5-gram document sets
  (benches/alternatives.py's `python_dict`), printing its counts.

Then the 10x corpus (target/tmp/sotu-x10, made by `cargo bench --bench
scale`), fewer runs: the Python dictionary there takes about a minute and
several GB.

Usage: benches/whole/phrases_vs_python.py RESULTS_DIR (run by
benches/run.sh; `REFRAIN_BIN` names the release binary). Writes
RESULTS_DIR/rows-phrases.json. Target (#24): the ratio Python / Refrain
at least 30x for JSON and table on SOTU, and on the 10x corpus the same
ratio or better.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
RUNS = int(os.environ.get("WHOLE_RUNS", "7"))


def corpus_root():
    return Path(os.environ.get("REFRAIN_CORPUS") or REPO.parent / "shared" / "corpus")


def timed(cmd):
    """Wall seconds of one run of `cmd`, its output discarded."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def measure(commands, runs):
    """Median wall time of each command, runs interleaved; peak RSS of each
    from `/usr/bin/time -f %M` on one extra run."""
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    peaks = {}
    for name, cmd in commands.items():
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, check=True)
        peaks[name] = int(out.stderr.decode().strip().splitlines()[-1]) * 1024
    return {name: (statistics.median(t), peaks[name], t) for name, t in times.items()}


def main():
    results = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "target" / "tmp" / "refrain-bench")
    binary = os.environ.get("REFRAIN_BIN") or str(REPO / "target" / "release" / "refrain")
    sotu = corpus_root() / "sotu" / "speeches"
    if not sotu.is_dir():
        print(f"\n!!!!!!!! skipped: corpus not found at {sotu} !!!!!!!!\n")
        return
    x10 = REPO / "target" / "tmp" / "sotu-x10"
    rows = []
    corpora = [("SOTU", sotu, RUNS)]
    if (x10 / ".complete").is_file():
        corpora.append(("10x corpus", x10, 3))
    else:
        print(f"no 10x corpus at {x10} (made by `cargo bench --bench scale`): its rows are left out")
    ratios = {}
    for label, folder, runs in corpora:
        args = ["phrases", "--min-words", "5", "--max-gap", "0", str(folder)]
        commands = {
            "json": [binary, args[0], "--json", *args[1:]],
            "table": [binary, *args],
            "python": [sys.executable, str(REPO / "benches" / "alternatives.py"), "--whole-dict", str(folder)],
        }
        print(f"{label}: {runs} interleaved runs of each", flush=True)
        m = measure(commands, runs)
        for name, (median, peak, all_runs) in m.items():
            print(f"  {name:<6} median {median:.3f} s, peak {peak / 1e6:.0f} MB; runs "
                  + ", ".join(f"{t:.3f}" for t in all_runs))
        py = m["python"][0]
        rows.append({"measure": f"W1. {label}: Python dictionary, whole process (median)",
                     "measured": f"{py:.2f} s, {m['python'][1] / 1e6:.0f} MB", "ok": None})
        for name, what in (("json", "phrases --json"), ("table", "phrases (table)")):
            t, peak, _ = m[name]
            ratio = py / t
            ratios[(label, name)] = ratio
            target = ">= 30x"
            ok = ratio >= 30
            if label != "SOTU":
                target = ">= SOTU's"
                ok = ratio >= ratios[("SOTU", name)]
            rows.append({"measure": f"W1. {label}: refrain {what}, whole process (median)",
                         "measured": f"{t:.3f} s, {peak / 1e6:.0f} MB", "ok": None})
            rows.append({"measure": f"W1. {label}: ratio Python / refrain {what}", "measured": f"{ratio:.1f}x",
                         "target": target, "ok": ok})
    results.mkdir(parents=True, exist_ok=True)
    (results / "rows-phrases.json").write_text(json.dumps(rows, indent=1))
    for r in rows:
        print(f"  {r['measure']}: {r['measured']} {r.get('target') or ''}")


if __name__ == "__main__":
    main()
