#!/usr/bin/env bash
# The real app used as a person would, under Xvfb: started with no saved
# state (the samples), then on the real corpus, typed into and clicked with
# xdotool, with a screenshot of each step checked for being non-blank and
# for changing when it should. Also checks `--screenshot` and its failure.
#   tests/e2e/e2e.sh [BINARY] [OUT_DIR]
# BINARY defaults to target/release/refrain, OUT_DIR to target/e2e-screenshots.
# The README images come from tests/e2e/screenshots.sh instead.
# Needs: xvfb xdotool imagemagick (apt), and the shared corpus
# (REFRAIN_CORPUS or ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-target/release/refrain}")"
out="$(realpath -m "${2:-target/e2e-screenshots}")"
corpus="${REFRAIN_CORPUS:-$(cd .. && pwd)/shared/corpus}"
mkdir -p "$out"
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release" >&2; exit 1; }
[ -d "$corpus/sotu" ] || { echo "corpus not found at $corpus" >&2; exit 1; }

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
win=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
export DISPLAY="$display"
sleep 1
# The first keystrokes xdotool sends on a fresh server make it adjust the
# keymap, and an app that is already running loses them: send some now.
xdotool type --delay 20 "warm up" 2>/dev/null || true

# Takes a screenshot of the Refrain window and checks it is not blank.
shoot() {
  local file="$out/$1"
  import -window root "$file"
  local sd
  sd=$(convert "$file" -format '%[fx:standard_deviation]' info:)
  if awk -v s="$sd" 'BEGIN { exit !(s < 0.02) }'; then
    echo "screenshot $file looks blank (standard deviation $sd)" >&2
    exit 1
  fi
  echo "wrote $file"
}

# Fails unless two screenshots differ in many pixels (the click did something).
differs() {
  local n
  n=$(compare -metric AE "$out/$1" "$out/$2" null: 2>&1 || true)
  n=${n%% *}
  if ! awk -v n="$n" 'BEGIN { exit !(n > 20000) }'; then
    echo "$2 does not differ from $1 ($n pixels): the interaction had no effect" >&2
    exit 1
  fi
}

# Starts the app with the given arguments and waits for its window.
start() {
  # Workspace state must not leak between shots.
  export XDG_DATA_HOME XDG_CONFIG_HOME
  XDG_DATA_HOME="$(mktemp -d)"; XDG_CONFIG_HOME="$XDG_DATA_HOME"
  "$bin" "$@" &
  app=$!
  win=$(timeout 60 xdotool search --sync --onlyvisible --name '^Refrain' | head -n 1)
  sleep 1
  xdotool windowmove --sync "$win" 0 0 || true
  xdotool windowsize --sync "$win" 1280 1024 || true
  # No window manager runs under Xvfb: give the window keyboard focus.
  xdotool windowfocus --sync "$win" || true
  sleep "${SETTLE:-3}"
}

stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; }

# 0. The screenshot command: writes a PNG and exits 0, or fails clearly.
XDG_DATA_HOME="$(mktemp -d)" XDG_CONFIG_HOME="$(mktemp -d)" "$bin" --screenshot "$out/flag.png" --size 1000x700
[ -s "$out/flag.png" ] || { echo "--screenshot wrote nothing" >&2; exit 1; }
if "$bin" --screenshot /nonexistent/folder/x.png 2>"$out/flag-error.txt"; then
  echo "--screenshot into a missing folder did not fail" >&2; exit 1
fi
grep -q "cannot be written" "$out/flag-error.txt" || { cat "$out/flag-error.txt" >&2; exit 1; }
echo "--screenshot works and fails clearly"

# 1. First start: the built-in sample set.
start
shoot samples.png
stop

# 2. The seed transcript and the whole State of the Union corpus.
start "$corpus/seed" "$corpus/sotu"
shoot corpus.png
# Find the ministry transcript with the filter box and show it as a column,
# as a user would.
xdotool windowfocus --sync "$win" || true
xdotool mousemove 170 82 click 1
sleep 0.5
xdotool type --delay 50 "Lavrov"
sleep 1
xdotool mousemove 100 133 click 1
sleep 1.5
shoot seed.png
differs corpus.png seed.png
stop
