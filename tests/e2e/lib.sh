# What the end-to-end scripts share (sourced, not run): the binary and the
# output folder from the arguments, an Xvfb display, the app started and
# waited for, screenshots checked for being non-blank, keys pressed as winit
# needs them, the state summary (REFRAIN_STATE_FILE) checked, and quitting.
#   . tests/e2e/lib.sh [BINARY] [OUT_DIR]
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-target/release/refrain}")"
out="$(realpath -m "${2:-target/e2e-screenshots}")"
corpus="${REFRAIN_CORPUS:-$(cd .. && pwd)/shared/corpus}"
mkdir -p "$out"
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release" >&2; exit 1; }
[ -d "$corpus/sotu" ] || { echo "corpus not found at $corpus" >&2; exit 1; }

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1200x24 -nolisten tcp >/dev/null 2>&1 &
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

# The window's size: start() makes it so, resize() changes it.
win_w=1280
win_h=1024

# Takes a screenshot of the Refrain window (at the top left of the screen)
# and checks it is not blank.
shoot() {
  local file="$out/$1"
  import -window root -crop "${win_w}x${win_h}+0+0" +repage "$file"
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

# The app writes a summary of its state here (REFRAIN_STATE_FILE, for tests).
state="$out/state.json"
export REFRAIN_STATE_FILE="$state"
# One settings folder for the whole run, so a restart finds the workspace.
settings="$(mktemp -d)"
export XDG_DATA_HOME="$settings" XDG_CONFIG_HOME="$settings"

# Starts the app with the given arguments and waits for its window.
start() {
  rm -f "$state"
  "$bin" "$@" &
  app=$!
  win=$(timeout 60 xdotool search --sync --onlyvisible --name '^Refrain' | head -n 1)
  sleep 1
  xdotool windowmove --sync "$win" 0 0 || true
  xdotool windowsize --sync "$win" "$win_w" "$win_h" || true
  # No window manager runs under Xvfb: give the window keyboard focus.
  xdotool windowfocus --sync "$win" || true
  wait_idle
}

# Makes the window W x H points and gives it time to lay out again.
resize() {
  win_w=$1
  win_h=$2
  xdotool windowsize --sync "$win" "$win_w" "$win_h" || true
  sleep 1
  # Frames come with input: nudge the pointer so the app draws at the new size.
  for dx in 1 2 3; do xdotool mousemove "$((win_w / 2 + dx))" "$((win_h / 2))"; sleep 0.3; done
}

# Waits until the app says it is idle (files read, phrases indexed).
wait_idle() {
  for _ in $(seq 1 240); do
    if [ -s "$state" ] && python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["busy"])' "$state" 2>/dev/null; then
      sleep "${SETTLE:-1}"
      return 0
    fi
    sleep 0.5
  done
  echo "the app never became idle" >&2; exit 1
}

# Presses Ctrl+KEY in the app: winit needs the modifier down before the key,
# which `xdotool key ctrl+o` sends too quickly.
ctrl() {
  xdotool keydown ctrl
  sleep 0.2
  xdotool key "$1"
  sleep 0.1
  xdotool keyup ctrl
}

# Checks the state summary with a Python expression over `s` (and `env`),
# re-reading it for up to 15 s: a loaded machine may take a while to apply
# the clicks and keys and to write the summary.
check() {
  probe 15 "$1" "$2" || { cat "$state" >&2; exit 1; }
}

# The same check, waiting at most $1 seconds and only returning its status.
probe() {
  python3 - "$state" "$2" "$3" "$1" <<'PY'
import json, os, sys, time
path, expr, what, wait = sys.argv[1:5]
env = os.environ
deadline = time.monotonic() + float(wait)
while True:
    try:
        s = json.load(open(path))
        ok = eval(expr)
    except (OSError, ValueError, KeyError, TypeError):
        ok = False
    if ok or time.monotonic() > deadline:
        break
    time.sleep(0.25)
print(("ok: " if ok else "FAILED: ") + what)
sys.exit(0 if ok else 1)
PY
}

# Closes the window as a user would (File > Quit, Ctrl+Q), so the workspace is saved.
quit() {
  xdotool windowfocus --sync "$win" || true
  ctrl q
  for _ in $(seq 1 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
}

