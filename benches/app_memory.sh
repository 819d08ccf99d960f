#!/usr/bin/env bash
# The real binary's memory on opening a folder, the way a person does it:
# `refrain` starts on Xvfb with no saved state (the samples), and once idle
# a folder is opened through File > Open (Ctrl+O) in the native dialog, all
# its files selected. Prints, per run, the resident memory before opening,
# the peak (VmHWM) once everything is open and indexed, and what opening
# took over the text size of the folder (the 4x target of issue #6; the
# headless figure is `cargo bench --bench limits`).
#
# Two baselines: the idle window, and the same window after the file
# dialog was opened and cancelled once. The dialog alone moves a software
# renderer's memory: the process's peak rose 1-7 MiB over the idle window
# in five runs that opened nothing, and heaptrack shows the swapchain's
# images (4 MB each at 1280x800, on the heap) allocated twice in a run with
# a dialog. The second baseline leaves out what showing a dialog costs and
# keeps what the folder costs.
#
# Usage: benches/app_memory.sh [FOLDER] [RUNS]
#   FOLDER  default ../shared/corpus/sotu/speeches (REFRAIN_CORPUS overrides
#           ../shared/corpus); RUNS default 3. A folder with subfolders (the
#           10x corpus, target/tmp/sotu-x10 once `cargo bench --bench
#           limits` made it) has its .txt files linked into one folder
#           first, all of them selected in the dialog.
# Needs the release binary (`cargo build --release`) and Xvfb, xdotool,
# xclip and zenity (as tests/e2e/e2e.sh). Extra environment for the app can
# be given in APP_ENV (e.g. APP_ENV=MALLOC_ARENA_MAX=2). On a machine without
# a GPU the renderer (Mesa's software Vulkan) keeps its buffers in main
# memory, so the figures there include the renderer's.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${REFRAIN_CORPUS:-../shared/corpus}"
folder="$(realpath "${1:-$corpus/sotu/speeches}")"
runs="${2:-3}"
bin="$(realpath target/release/refrain)"
[ -x "$bin" ] || { echo "no release binary: run cargo build --release first" >&2; exit 1; }
[ -d "$folder" ] || { echo "skipped: corpus not found ($folder)" >&2; exit 0; }
for tool in Xvfb xdotool xclip zenity; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install xvfb xdotool xclip zenity)" >&2; exit 1; }
done
text=$(find "$folder" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
work="$(mktemp -d)"
# The dialog selects files in one folder: the files of subfolders are
# hard-linked (copied on another file system) into one flat folder first,
# their subfolder's name at the end (a prefix common to all would be
# autocompleted into the pasted path); the dialog needs longer to list them.
dialog_folder="$folder"
list_wait=2
if [ -n "$(find "$folder" -mindepth 1 -maxdepth 1 -type d -print -quit)" ]; then
  dialog_folder="$work/flat"
  list_wait=8
  mkdir -p "$dialog_folder"
  find "$folder" -type f -name '*.txt' -print0 | while IFS= read -r -d '' f; do
    to="$dialog_folder/$(basename "$f" .txt)-$(basename "$(dirname "$f")").txt"
    ln "$f" "$to" 2>/dev/null || cp "$f" "$to"
  done
fi
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY="$display"
sleep 1

kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$app/status"; }

# Waits until the app's state summary says it is idle (at most 60 s).
idle() {
  for _ in $(seq 1 120); do
    python3 -c 'import json, sys; sys.exit(0 if not json.load(open(sys.argv[1]))["busy"] else 1)' "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "the app never became idle" >&2
  return 1
}

# Presses Ctrl+O in the app's window ($win) and focuses the native dialog
# once it shows ($dialog).
open_dialog() {
  xdotool windowfocus --sync "$win" || true
  xdotool keydown ctrl; sleep 0.2; xdotool key o; sleep 0.1; xdotool keyup ctrl
  dialog=$( (timeout 20 xdotool search --sync --onlyvisible --name '^(Open transcripts|zenity)$' || true) | head -n 1)
  [ -n "$dialog" ] || { echo "run $run: no file dialog" >&2; exit 1; }
  sleep 1
  xdotool windowfocus --sync "$dialog" || true
}

for run in $(seq 1 "$runs"); do
  home="$work/$run"
  mkdir -p "$home"
  state="$home/state.json"
  # shellcheck disable=SC2086 # APP_ENV is a list of assignments
  env ${APP_ENV:-} XDG_DATA_HOME="$home" XDG_CONFIG_HOME="$home" REFRAIN_STATE_FILE="$state" "$bin" >"$home/log" 2>&1 &
  app=$!
  sleep 4
  idle "$state"
  sleep 2
  idle_rss=$(kb VmRSS)
  win=$(xdotool search --sync --name Refrain | head -n 1)
  open_dialog
  xdotool key Escape; sleep 3
  before=$(kb VmRSS)
  open_dialog
  xdotool key ctrl+l; sleep 0.5
  printf '%s/' "$dialog_folder" | xclip -selection clipboard
  xdotool key ctrl+v; sleep 0.5; xdotool key Return; sleep "$list_wait"
  xdotool key ctrl+a; sleep 0.5; xdotool key Return; sleep 3
  idle "$state"
  sleep 3
  peak=$(kb VmHWM)
  opened=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["open"]))' "$state")
  python3 - "$run" "$opened" "$idle_rss" "$before" "$peak" "$text" <<'PY'
import sys
run, opened, idle, before, peak, text = sys.argv[1], *map(int, sys.argv[2:])
taken, taken_idle = (peak - before) * 1024, (peak - idle) * 1024
print(f"run {run}: {opened} files open; before {idle / 1024:.0f} MiB idle, {before / 1024:.0f} MiB after a "
      f"cancelled dialog; peak {peak / 1024:.0f} MiB; opening took {taken / 1e6:.1f} MB = {taken / text:.2f}x "
      f"the text ({text / 1e6:.1f} MB); over the idle window {taken_idle / text:.2f}x")
PY
  xdotool windowfocus --sync "$win" || true
  xdotool keydown ctrl; sleep 0.2; xdotool key q; sleep 0.1; xdotool keyup ctrl
  for _ in $(seq 1 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
done
