#!/usr/bin/env python3
"""Whole process: the app's start, from launching the binary to its first
frame shown, with the built-in samples (a first run: fresh data folders).

The app, started with `REFRAIN_FIRST_FRAME=report`, prints the wall-clock
moment its first frame had been shown and the moment its first frame with
the samples' columns had been shown, then closes (src/ui/first_frame.rs).
This script notes the moment it launched the process and subtracts it.
Without a display it starts Xvfb (1600x1200) for the run; the window then
renders with Mesa's software GL, as on the development machine.

Usage: benches/whole/startup.py RESULTS_DIR (run by benches/run.sh;
`REFRAIN_BIN` names the release binary). Writes RESULTS_DIR/rows-startup.json.
Target (#24): first frame under 300 ms (median of WHOLE_RUNS, default 9).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
RUNS = int(os.environ.get("WHOLE_RUNS", "9"))
TARGET_MS = 300


def one_run(binary, env):
    with tempfile.TemporaryDirectory(prefix="refrain-startup-") as home:
        run_env = dict(env, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
                       XDG_CACHE_HOME=f"{home}/cache", REFRAIN_FIRST_FRAME="report")
        started = time.time()
        done = subprocess.run([binary, "--size", "1280x800"], env=run_env, capture_output=True, timeout=60)
        ended = time.time()
    err = done.stderr.decode(errors="replace")
    moments = {}
    for line in err.splitlines():
        for key, prefix in (("first", "refrain: first frame shown at "),
                            ("columns", "refrain: first frame with columns shown at ")):
            if line.startswith(prefix):
                moments[key] = float(line[len(prefix):])
    if done.returncode != 0 or len(moments) != 2:
        sys.exit(f"the app did not report its first frames (status {done.returncode}):\n{err}")
    return {k: (v - started) * 1000 for k, v in moments.items()} | {"process": (ended - started) * 1000}


def main():
    results = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "target" / "tmp" / "refrain-bench")
    binary = os.environ.get("REFRAIN_BIN") or str(REPO / "target" / "release" / "refrain")
    env = dict(os.environ)
    xvfb = None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        if not shutil.which("Xvfb"):
            print("skipped: no display and no Xvfb (apt-get install xvfb)")
            return
        env["DISPLAY"] = ":93"
        xvfb = subprocess.Popen(["Xvfb", ":93", "-screen", "0", "1600x1200x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
    try:
        one_run(binary, env)  # warm the file cache and the GL shader cache
        runs = [one_run(binary, env) for _ in range(RUNS)]
    finally:
        if xvfb:
            xvfb.terminate()
    first = statistics.median(r["first"] for r in runs)
    columns = statistics.median(r["columns"] for r in runs)
    process = statistics.median(r["process"] for r in runs)
    print(f"first frame: median {first:.0f} ms (runs: " + ", ".join(f"{r['first']:.0f}" for r in runs) + ")")
    print(f"first frame with the samples' columns: median {columns:.0f} ms")
    print(f"whole process, closing after that frame: median {process:.0f} ms")
    rows = [
        {"measure": "W6. app start with the samples: first frame shown (median)", "measured": f"{first:.0f} ms",
         "target": f"< {TARGET_MS} ms", "ok": first < TARGET_MS},
        {"measure": "W6. app start: first frame with the samples' columns", "measured": f"{columns:.0f} ms",
         "ok": None},
    ]
    results.mkdir(parents=True, exist_ok=True)
    (results / "rows-startup.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
