#!/usr/bin/env bash
# Whole process: `refrain compare --revision A B` against git's word diff,
# `git diff --no-index --word-diff=porcelain A B`, on three pairs of SOTU
# speeches, and `refrain compare A B` (the shared passages) on the Carter
# pair.
#
# A user times the whole command, so both sides are timed as processes,
# from start to exit (Python's perf_counter around each run, finer than
# /usr/bin/time's 10 ms), output to /dev/null, in the same loop
# (interleaved, so a slow moment of the machine falls on both); the
# medians are compared. Peak memory is /usr/bin/time's %M of one more run.
#
# The pairs: 1945 Roosevelt 1 and 2 (a message and the speech made of it),
# 2018 and 2019 Trump, and the two longest Carter messages, 1980-Carter-1
# and 1981-Carter-1 (about 33,000 words each).
#
# Usage: benches/whole/compare_vs_git.sh RESULTS_DIR (run by
# benches/run.sh; REFRAIN_BIN names the release binary, REFRAIN_CORPUS the
# corpus, WHOLE_RUNS the runs of each command, default 15). Writes
# RESULTS_DIR/rows-compare.json. Targets (#24): the revision diff no slower
# than git's word diff on each pair; the shared passages of the Carter pair
# in under 20 ms.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
exec python3 - "$here" "${1:-$here/target/tmp/refrain-bench}" <<'EOF'
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

repo, results = Path(sys.argv[1]), Path(sys.argv[2])
runs = int(os.environ.get("WHOLE_RUNS", "15"))
binary = os.environ.get("REFRAIN_BIN") or str(repo / "target" / "release" / "refrain")
corpus = Path(os.environ.get("REFRAIN_CORPUS") or repo.parent / "shared" / "corpus")
speeches = corpus / "sotu" / "speeches"
pairs = [
    ("1945 Roosevelt 1/2", "1945-Roosevelt-1.txt", "1945-Roosevelt-2.txt"),
    ("2018/2019 Trump", "2018-Trump-1.txt", "2019-Trump-1.txt"),
    ("1980/1981 Carter", "1980-Carter-1.txt", "1981-Carter-1.txt"),
]
if not all((speeches / f).is_file() for _, a, b in pairs for f in (a, b)):
    print(f"\n!!!!!!!! skipped: corpus not found at {speeches} !!!!!!!!\n")
    sys.exit(0)


def timed(cmd, ok_codes=(0,)):
    """Wall seconds of one run of `cmd`, its output discarded."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        sys.exit(f"{' '.join(map(str, cmd))} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def peak(cmd):
    """Peak resident memory of one run, in bytes."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return int(out.stderr.decode().strip().splitlines()[-1]) * 1024


# git diff exits 1 when the files differ.
commands = {}
for label, a, b in pairs:
    a, b = str(speeches / a), str(speeches / b)
    commands[(label, "refrain")] = ([binary, "compare", "--revision", a, b], (0,))
    commands[(label, "git")] = (["git", "diff", "--no-index", "--word-diff=porcelain", a, b], (0, 1))
carter = pairs[-1]
commands[("carter", "shared")] = ([binary, "compare", str(speeches / carter[1]), str(speeches / carter[2])], (0,))

for cmd, codes in commands.values():  # warm the file cache and the binaries
    timed(cmd, codes)
times = {key: [] for key in commands}
print(f"{runs} interleaved runs of each", flush=True)
for _ in range(runs):
    for key, (cmd, codes) in commands.items():
        times[key].append(timed(cmd, codes))
median = {key: statistics.median(t) for key, t in times.items()}
peaks = {key: peak(cmd) for key, (cmd, _) in commands.items()}
for key, t in times.items():
    print(f"  {key[0]}, {key[1]}: median {median[key] * 1e3:.1f} ms, peak {peaks[key] / 1e6:.0f} MB; runs "
          + ", ".join(f"{x * 1e3:.1f}" for x in t))


def shown(key):
    return f"{median[key] * 1e3:.1f} ms, {peaks[key] / 1e6:.0f} MB"


rows = []
for label, _, _ in pairs:
    ours, git = median[(label, "refrain")], median[(label, "git")]
    rows.append({"measure": f"W2. {label}: refrain compare --revision, whole process (median)",
                 "measured": shown((label, "refrain")), "ok": None})
    rows.append({"measure": f"W2. {label}: git diff --no-index --word-diff=porcelain (median)",
                 "measured": shown((label, "git")), "ok": None})
    rows.append({"measure": f"W2. {label}: refrain / git", "measured": f"{ours / git:.2f}x",
                 "target": "<= git", "ok": ours <= git})
t = median[("carter", "shared")]
rows.append({"measure": "W2. 1980/1981 Carter: refrain compare (shared passages), whole process (median)",
             "measured": shown(("carter", "shared")), "target": "< 20 ms", "ok": t < 0.020})
results.mkdir(parents=True, exist_ok=True)
(results / "rows-compare.json").write_text(json.dumps(rows, indent=1))
for r in rows:
    verdict = "" if r["ok"] is None else ("PASS" if r["ok"] else "FAIL")
    print(f"  {r['measure']}: {r['measured']} {r.get('target') or ''} {verdict}")
EOF
