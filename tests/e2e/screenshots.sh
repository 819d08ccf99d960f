#!/usr/bin/env bash
# Regenerates the images in screenshots/ with the real app's own
# `--screenshot` command, on the built-in samples and the real SOTU corpus.
#   tests/e2e/screenshots.sh [BINARY] [OUT_DIR]
# BINARY defaults to target/release/refrain, OUT_DIR to screenshots/.
# Needs a display: under Xvfb when DISPLAY is unset (apt: xvfb). The corpus
# comes from REFRAIN_CORPUS or ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-target/release/refrain}")"
out="$(realpath -m "${2:-screenshots}")"
corpus="$(realpath "${REFRAIN_CORPUS:-../shared/corpus}")"
speeches="$corpus/sotu/speeches"
mkdir -p "$out"
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release" >&2; exit 1; }
[ -d "$speeches" ] || { echo "corpus not found at $corpus" >&2; exit 1; }

if [ -z "${DISPLAY:-}" ]; then
  display=":$((60 + RANDOM % 20))"
  Xvfb "$display" -screen 0 1600x1200x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  export DISPLAY="$display"
  sleep 1
fi
# Keep the pointer off the windows, so no tooltip shows in the images.
command -v xdotool >/dev/null && xdotool mousemove 1599 1199 || true
work="$(mktemp -d)"
# A private settings folder: screenshots never read or touch the user's workspace.
export XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work"

# 1. The built-in sample set, as a newcomer first sees it.
"$bin" --screenshot "$out/samples.png" --size 1600x900

# 2. Four addresses across three centuries, all of SOTU indexed, with
#    "the state of the Union" selected (first said by Washington in 1790).
cat > "$work/sotu.json" <<JSON
{
  "version": 1,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1790-Washington-1.txt", "$speeches/1857-Buchanan-1.txt",
              "$speeches/1941-Roosevelt-1.txt", "$speeches/2026-Trump-1.txt"],
  "selected_phrase": "the state of the Union"
}
JSON
"$bin" --workspace "$work/sotu.json" --screenshot "$out/sotu-phrase.png" --size 1600x900

# 3. Pair mode: Roosevelt's 1945 written message against the radio address
#    he read from it the same day.
cat > "$work/pair.json" <<JSON
{
  "version": 1,
  "sources": ["$speeches/1945-Roosevelt-1.txt", "$speeches/1945-Roosevelt-2.txt"],
  "columns": ["$speeches/1945-Roosevelt-1.txt", "$speeches/1945-Roosevelt-2.txt"],
  "pair_mode": true
}
JSON
"$bin" --workspace "$work/pair.json" --screenshot "$out/pair-diff.png" --size 1400x900

# 4. The timeline under the comparison: all of SOTU, the events file of
#    assets/, "the state of the Union" selected (its speeches on the phrase
#    lane, uses per year above it), the dates the addresses mention.
cat > "$work/timeline.json" <<JSON
{
  "version": 1,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1942-Roosevelt-1.txt", "$speeches/2002-Bush-1.txt"],
  "selected_phrase": "the state of the Union",
  "events_files": ["$(pwd)/assets/events/us-history.csv"],
  "phrases_panel": false
}
JSON
"$bin" --workspace "$work/timeline.json" --screenshot "$out/timeline.png" --size 1400x900

# 5. Close reading in a small and a large window: six addresses at 1024x700
#    (the columns keep a readable width and scroll sideways), and Tyler's
#    1842 message opened where it was last read, at 1600x1000.
cat > "$work/six.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1790-Washington-1.txt", "$speeches/1842-Tyler-1.txt",
              "$speeches/1857-Buchanan-1.txt", "$speeches/1941-Roosevelt-1.txt",
              "$speeches/1945-Roosevelt-1.txt", "$speeches/2026-Trump-1.txt"],
  "timeline_panel": false
}
JSON
"$bin" --workspace "$work/six.json" --screenshot "$out/columns-1024x700.png" --size 1024x700
cat > "$work/tyler.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1841-Tyler-1.txt", "$speeches/1842-Tyler-1.txt",
              "$speeches/1843-Tyler-1.txt", "$speeches/1844-Tyler-1.txt"],
  "reading_positions": [{"path": "$speeches/1842-Tyler-1.txt", "top_byte": 40108}],
  "timeline_panel": false
}
JSON
"$bin" --workspace "$work/tyler.json" --screenshot "$out/columns-1600x1000.png" --size 1600x1000

# 6. Scripts: the Universal Declaration's first articles in Chinese, Arabic,
#    Hebrew (and Persian, in the list), and statements quoting it (fixtures
#    in tests/fixtures/scripts): right-to-left lines aligned right and read
#    from the right, the phrases shared with the statements highlighted.
scripts="$(pwd)/tests/fixtures/scripts"
cat > "$work/scripts.json" <<JSON
{
  "version": 2,
  "sources": ["$scripts"],
  "columns": ["$scripts/1948-12-10-udhr-zh.txt", "$scripts/1948-12-10-udhr-ar.txt",
              "$scripts/2018-12-10-statement-ar.txt", "$scripts/1948-12-10-udhr-he.txt",
              "$scripts/2018-12-10-statement-he.txt"],
  "phrases_panel": false
}
JSON
"$bin" --workspace "$work/scripts.json" --screenshot "$out/scripts.png" --size 1600x900

# 7. The phrase explorer over all of SOTU: "state of the union" typed in,
#    "the state of the Union" picked (first said by Washington in 1790),
#    its life as speeches per year.
cat > "$work/explorer.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1790-Washington-1.txt", "$speeches/1941-Roosevelt-1.txt"],
  "selected_phrase": "the state of the Union",
  "explore": {"text": "state of the union", "sort": "Speeches"},
  "explorer_open": true,
  "timeline_panel": false
}
JSON
"$bin" --workspace "$work/explorer.json" --screenshot "$out/explorer.png" --size 1600x1000
# 8. The reuse map of all of SOTU: every pair of addresses in date order,
#    the most similar pairs listed beside it.
cat > "$work/reuse.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1945-Roosevelt-1.txt", "$speeches/1945-Roosevelt-2.txt"],
  "reuse_map_open": true,
  "timeline_panel": false
}
JSON
"$bin" --workspace "$work/reuse.json" --screenshot "$out/reuse-map.png" --size 1600x1000
# 9. Who said it first, all of SOTU: the Speakers window (president x
#    president, borrowing), the selected phrase's path in the phrases panel.
cat > "$work/speakers.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1790-Washington-1.txt", "$speeches/1941-Roosevelt-1.txt"],
  "selected_phrase": "the state of the Union",
  "speakers_open": true,
  "timeline_panel": false
}
JSON
"$bin" --workspace "$work/speakers.json" --screenshot "$out/speakers.png" --size 1600x1000
# 10. Speakers and parties, all of SOTU: the list grouped by speaker, the
#     timeline's speeches in a lane per party, columns and markers coloured
#     by party with the legend naming each party.
cat > "$work/fields.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1790-Washington-1.txt", "$speeches/1835-Jackson-1.txt",
              "$speeches/1861-Lincoln-1.txt", "$speeches/1941-Roosevelt-1.txt"],
  "timeline_panel": true,
  "fields": {"group_by": "speaker", "lanes_by": "party", "color_by": "party"}
}
JSON
"$bin" --workspace "$work/fields.json" --screenshot "$out/fields.png" --size 1600x1000
# 11. Dispersion: where "the state of the Union" falls along each address
#     that uses it (one row per speech, a tick per use).
cat > "$work/dispersion.json" <<JSON
{
  "version": 2,
  "sources": ["$corpus/sotu"],
  "columns": ["$speeches/1790-Washington-1.txt", "$speeches/1941-Roosevelt-1.txt"],
  "selected_phrase": "the state of the Union",
  "dispersion_open": true,
  "dispersion_of": "Phrase",
  "timeline_panel": false
}
JSON
"$bin" --workspace "$work/dispersion.json" --screenshot "$out/dispersion.png" --size 1600x1000
for f in samples sotu-phrase pair-diff timeline columns-1024x700 columns-1600x1000 scripts explorer reuse-map speakers fields dispersion; do
  sd=$(convert "$out/$f.png" -format '%[fx:standard_deviation]' info:)
  awk -v s="$sd" 'BEGIN { exit !(s >= 0.02) }' || { echo "$out/$f.png looks blank ($sd)" >&2; exit 1; }
  echo "wrote $out/$f.png"
done
rm -rf "$work"
