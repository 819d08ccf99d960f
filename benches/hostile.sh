#!/usr/bin/env bash
# Whole commands on hostile, repetitive input, timed as a user times them
# (wall clock and peak memory of the process, /usr/bin/time), against the
# targets of issue #23:
#   - two 16 MB files of one word said over and over (the second starting
#     with another word) through `phrases`, `compare`, `compare --revision`,
#     `report` and the app opening them (--screenshot: read, index, draw):
#     each under 10 s and 1 GB;
#   - two speeches of 2,000 such words through `phrases`: under 100 ms.
# Usage: benches/hostile.sh [BINARY]   (default target/release/refrain)
# The app needs a display: under Xvfb when DISPLAY is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-target/release/refrain}")"
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true' EXIT

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
for name, n in (("big", 2_000_000), ("small", 2_000)):
    words = " ".join(["freedom"] * n)
    open(f"{work}/{name}_a.txt", "w").write(f"Title: A\nDate: 2001-01-01\n\n{words}\n")
    open(f"{work}/{name}_b.txt", "w").write(f"Title: B\nDate: 2002-01-01\n\nliberty {words[len('freedom '):]}\n")
PY

if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  display=":$((80 + RANDOM % 10))"
  Xvfb "$display" -screen 0 1600x1200x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY="$display"
  sleep 1
fi
export XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work"

printf '%-34s %9s %9s  %s\n' "command" "seconds" "peak MB" "target"
run() {
  local label="$1" target="$2"
  shift 2
  local out
  /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
  out=$(tail -n 1 "$work/time")
  printf '%-34s %9s %9d  %s\n' "$label" "${out% *}" "$(( ${out#* } / 1024 ))" "$target"
}
a="$work/big_a.txt" b="$work/big_b.txt"
run "phrases (16 MB x 2)" "< 10 s, < 1 GB" "$bin" phrases "$a" "$b"
run "phrases --json (16 MB x 2)" "< 10 s, < 1 GB" "$bin" phrases --json "$a" "$b"
run "compare (16 MB x 2)" "< 10 s, < 1 GB" "$bin" compare "$a" "$b"
run "compare --revision (16 MB x 2)" "< 10 s, < 1 GB" "$bin" compare --revision "$a" "$b"
run "report (16 MB x 2)" "< 10 s, < 1 GB" "$bin" report "$a" "$b" -o "$work/report.html"
if [ -n "${DISPLAY:-}" ]; then
  run "app opens them (16 MB x 2)" "< 10 s, < 1 GB" "$bin" "$a" "$b" --screenshot "$work/app.png" --size 1400x900
else
  echo "app: skipped (no display, no Xvfb)"
fi
run "phrases (2,000 words x 2)" "< 0.1 s" "$bin" phrases "$work/small_a.txt" "$work/small_b.txt"
