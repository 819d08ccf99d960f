#!/usr/bin/env bash
# Close reading in the real app under Xvfb, as a reader would: a column
# opened at a remembered place keeps that text through window resizes and
# a restart; the pair view scrolled with the wheel keeps both versions on
# corresponding text and "next change" goes forward; text dragged over is
# copied with Ctrl+C; screenshots at 1024x700 and 1600x1000 are taken for
# looking at (no word split at a column's edge).
#   tests/e2e/reading.sh [BINARY] [OUT_DIR]
# Needs what tests/e2e/e2e.sh needs, and xclip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

speeches="$corpus/sotu/speeches"
tyler="$speeches/1842-Tyler-1.txt"
ws_dir="$settings/refrain"
mkdir -p "$ws_dir"

# Byte of a sentence start about 40,000 bytes into Tyler's 1842 message
# (the file is all body; the app may trim it by a few bytes: the checks
# below allow a row).
top=$(python3 - "$tyler" <<'PY'
import sys
body = open(sys.argv[1], encoding="utf-8").read().strip("\n")
raw = body.encode()
k = raw.index(b". ", 40000) + 2
print(k)
PY
)

# 1. A workspace remembering Tyler 1842 at that byte, with five columns.
cat > "$ws_dir/workspace.json" <<JSON
{
  "version": 2,
  "sources": ["$speeches/1841-Tyler-1.txt", "$tyler", "$speeches/1843-Tyler-1.txt",
              "$speeches/1844-Tyler-1.txt", "$speeches/1845-Polk-1.txt"],
  "columns": ["$speeches/1841-Tyler-1.txt", "$tyler", "$speeches/1843-Tyler-1.txt", "$speeches/1844-Tyler-1.txt"],
  "reading_positions": [{"path": "$tyler", "top_byte": $top}]
}
JSON
export TYLER="$tyler" TOP="$top"
tyler_top='next(c["top_byte"] for c in s["column_positions"] if c["path"] == env["TYLER"])'
win_w=1600 win_h=1000
start
shoot 21-reading-1600.png
check "abs($tyler_top - int(env['TOP'])) < 150" "Tyler 1842 opens at the remembered byte $top"
# Smaller and larger again: the same text stays at the top (± one row).
resize 1024 700
shoot 22-reading-1024.png
check "abs($tyler_top - int(env['TOP'])) < 150" "at 1024x700 Tyler 1842 still shows byte $top at the top"
resize 1600 1000
check "abs($tyler_top - int(env['TOP'])) < 150" "back at 1600x1000 Tyler 1842 still shows byte $top"
# Quit and start again at 1024x700: the same row opens at the top.
resize 1024 700
before=$(python3 -c "import json,os,sys; env=os.environ; s=json.load(open(sys.argv[1])); print($tyler_top)" "$state")
export BEFORE="$before"
quit
start
check "$tyler_top == int(env['BEFORE'])" "after a restart Tyler 1842 opens at byte $before again, exactly"
quit
# Six columns at 1024x700: the column area scrolls sideways, columns keep
# a readable width (look at the screenshot: no word split at an edge).
python3 - "$ws_dir/workspace.json" "$speeches" <<'PY'
import json, sys
ws, speeches = json.load(open(sys.argv[1])), sys.argv[2]
names = ["1790-Washington-1", "1842-Tyler-1", "1857-Buchanan-1", "1941-Roosevelt-1", "1945-Roosevelt-1", "2026-Trump-1"]
ws["sources"] = [f"{speeches}/{n}.txt" for n in names]
ws["columns"] = list(ws["sources"])
json.dump(ws, open(sys.argv[1], "w"))
PY
start
check 'len(s["columns"]) == 6' "six columns"
shoot 23-six-columns-1024.png

# 2. Text dragged over in the first column is copied with Ctrl+C.
xdotool mousemove 330 300 mousedown 1
for x in 360 400 440 480; do xdotool mousemove "$x" 300; sleep 0.15; done
xdotool mouseup 1
sleep 0.5
check 's["text_selection"] is not None and s["text_selection"]["end"] - s["text_selection"]["start"] > 5' "a drag selects text"
printf '' | xclip -selection clipboard
ctrl c
sleep 0.5
python3 - "$state" "$(xclip -o -selection clipboard 2>/dev/null || true)" <<'PY'
import json, sys
s, copied = json.load(open(sys.argv[1])), sys.argv[2]
assert copied and copied == s["text_selection"]["text"], (copied, s["text_selection"])
print("ok: Ctrl+C copied the selected text: %r" % copied)
PY
quit

# 3. Pair mode on Roosevelt's 1945 message and the address read from it.
cat > "$ws_dir/workspace.json" <<JSON
{
  "version": 2,
  "sources": ["$speeches/1945-Roosevelt-1.txt", "$speeches/1945-Roosevelt-2.txt"],
  "columns": ["$speeches/1945-Roosevelt-1.txt", "$speeches/1945-Roosevelt-2.txt"],
  "pair_mode": true
}
JSON
win_w=1600 win_h=1000
start
check 's["pair"] is not None and s["pair"]["changes"] > 10 and s["pair"]["current_change"] is None' "pair mode shows the changes"
# F7 three times: changes 1, 2, 3, in order.
for n in 1 2 3; do
  xdotool key F7
  check "s['pair']['current_change'] == $n" "F7 goes to change $n"
done
# The wheel over the old version, far down: the new one follows to the
# text facing it (a deletion holds it at the gap), never running ahead.
for _ in $(seq 1 25); do xdotool mousemove 500 500 click 5; sleep 0.1; done
sleep 1
check 'abs(s["column_positions"][1]["top_byte"] - s["pair"]["new_facing_old_top"]) < 300' "the new version shows the text facing the old version's top"
shoot 24-pair-scrolled.png
# "Next change" goes to a change after the view, not back to change 4.
xdotool key F7
check 's["pair"]["current_change"] > 4' "F7 after scrolling goes forward from the view"
quit
echo "ok: close reading"
