#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets (see fuzz_targets/*.rs for
their input layouts) from the test fixtures, the shipped events file and,
when given, the shared corpus (a sample of SOTU speeches and its metadata).

usage: seeds.py OUT_DIR REPO_DIR [CORPUS_DIR]
"""
import csv
import io
import json
import pathlib
import struct
import sys

# The file names of fuzz_targets/import.rs, by index.
NAMES = ["speech.txt", "speech.md", "speech.srt", "speech.vtt", "2018-11-07-speech.txt",
         "1941-speech.md", "speech.text", "Обращение 09.05.2019.txt"]
SIDECAR = b"\n%%sidecar%%\n"
MAX_SEED = 8000  # under run.sh's -max_len (8192) for the import and mentions targets

# Sentences with dated references, from src/core/timeline/mentions.rs's tests and
# variations on them.
MENTIONS = [
    "The armistice was signed on 19 May 1919 at dawn.",
    "On the 4th of July, 1776 they declared.",
    "Since December 7, 1941 we have fought.",
    "The summit in September 2015 agreed. By September of 2015 it was over.",
    "It began in 2014 and goes on. We have grown since 1945.",
    "Last June, the states signed it. We met last November.",
    "A conference in Moscow in September was held.",
    "We will meet in September next year. We will meet next March. This November we vote.",
    "Three years ago, at the 70th session, he spoke. A decade ago we were poorer.",
    "Two months ago the law passed. That was 10 days ago. a hundred years ago",
    "Yesterday, December 7, the fleet. The day before yesterday we met.",
    "On the 7th day of March, 1893, there were. On the 2d of March, 1807, they passed",
    "Prices rose last year. Last month was cold. Next year will be better. the year before last",
    "It may rain in 1500 towns. In the 1990s we grew. We grew in 2014% terms.",
    "The dreams of tomorrow and yesterday's promises. in March last year",
    "Ещё раз: «это было in 2014 — три года назад». Всё. two centuries ago",
]


def put(out, name, data):
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)


def name_index(path):
    name = path.name
    if name[:4].isdigit():
        return 4 if path.suffix != ".md" else 5
    return {".md": 1, ".srt": 2, ".vtt": 3, ".text": 6}.get(path.suffix, 0)


def anchor(date, kind=3):
    """The anchor bytes of fuzz_targets/mentions.rs for a YYYY-MM-DD date."""
    y, m, d = (int(x) for x in date.split("-"))
    return bytes([kind]) + struct.pack("<H", y - 1500) + bytes([m - 1, d - 1])


def sidecar_text(text, key_column, key):
    """A table's text with its first row's file key replaced by `speech`."""
    if text.lstrip().startswith("["):
        rows = json.loads(text)
        rows[0]["file"] = "speech.txt"
        return json.dumps(rows[:1], ensure_ascii=False)
    rows = list(csv.reader(io.StringIO(text)))
    col = rows[0].index(key_column)
    rows = [rows[0]] + [r for r in rows[1:] if r[col] == key][:1]
    rows[1][col] = "speech"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def main():
    out, repo = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    corpus = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else None
    fixtures = repo / "tests" / "fixtures"
    n = 0
    for f in sorted(fixtures.rglob("*")):
        if f.is_file() and f.suffix != ".py" and f.stem != "metadata":
            n += 1
            put(out / "import", f"fixture-{n:03}", bytes([name_index(f)]) + f.read_bytes()[:MAX_SEED])
    for sample in sorted((repo / "assets" / "samples").iterdir()):
        n += 1
        put(out / "import", f"sample-{n:03}", bytes([name_index(sample)]) + sample.read_bytes()[:MAX_SEED])
    # A file named .srt that is no subtitle file, with front matter: read as
    # text there, as a header with no text under another name (a crash of the
    # target's duplicate check, 2026-12-07).
    put(out / "import", "srt-front-matter",
        bytes([NAMES.index("speech.srt")]) + b"---\ntitle: Nothing but a header\ndate: 2020-01-01\n---\n")
    # Transcripts with their sidecar tables.
    csv_dir = fixtures / "formats" / "sidecar_csv"
    for f in sorted((csv_dir / "speeches").iterdir()):
        table = sidecar_text((csv_dir / "metadata.csv").read_text(), "fileid", f.stem)
        put(out / "import", f"sidecar-{f.stem}", b"\0" + f.read_bytes()[:MAX_SEED] + SIDECAR + table.encode())
    json_dir = fixtures / "formats" / "sidecar_json"
    table = sidecar_text((json_dir / "metadata.json").read_text(), "file", "")
    body = (json_dir / "erdogan-ankara.txt").read_bytes()[:MAX_SEED]
    put(out / "import", "sidecar-json", b"\0" + body + SIDECAR + table.encode())

    for i, text in enumerate(MENTIONS):
        for kind, date in [(0, "2018-11-07"), (1, "1790-01-01"), (2, "1941-01-01"), (3, "2018-02-20")]:
            put(out / "mentions", f"sentence-{i:02}-{kind}", anchor(date, kind) + text.encode())
    # The ends of the calendar (wide mode: raw days from the common era).
    for i, days in enumerate([-2**31, 2**31 - 1, 0, 95_000_000, -96_000_000]):
        put(out / "mentions", f"extreme-{i}", bytes([7]) + struct.pack("<i", days) + " ".join(MENTIONS[8:13]).encode())

    events = (repo / "assets" / "events" / "us-history.csv").read_text()
    put(out / "events", "us-history.csv", events.encode())
    rows = list(csv.DictReader(io.StringIO(events)))
    put(out / "events", "us-history.json", json.dumps(rows[:8], indent=1).encode())
    put(out / "events", "bad.csv", b"date,title\n1941-13,No such month\n\"1941,Unclosed\n2001-09-11,Ok\n")
    put(out / "events", "bad.json", b'[{"date": 1941, "title": "Year as a number"}, {"date": "1941-02-30"}, 3, {"title": []}]')
    put(out / "events", "range.csv", b"\xef\xbb\xbfTitle,Date,End_Date\nWar,1812-06-18,1815-02\nBackwards,1815,1812\n")

    # The phrases target: a byte for the shortest phrase, then two speeches
    # split at 0xFE; 0xFF repeats the next byte's word (next byte x 8) times.
    put(out / "phrases", "one-word", bytes([3, 0xFF, 5, 250, 0xFE, 9, 0xFF, 5, 249]))
    put(out / "phrases", "chant", bytes([3, 1, 2, 3, 4, 5, 6, 7, 5, 6, 7, 5, 6, 7, 5, 6, 7, 5, 6, 7, 8]) + bytes([0xFE]) + bytes([1, 2, 3, 4] + [5, 6, 7] * 9 + [8]))
    put(out / "phrases", "shared", bytes([2]) + bytes(range(0, 60)) + bytes([0xFE]) + bytes(range(20, 80)))

    if corpus and (corpus / "sotu" / "speeches").is_dir():
        speeches = sorted((corpus / "sotu" / "speeches").glob("*.txt"))
        meta = {r["fileid"]: r for r in csv.DictReader(open(corpus / "sotu" / "metadata.csv", newline=""))}
        metadata_text = (corpus / "sotu" / "metadata.csv").read_text()
        for f in speeches[:: max(1, len(speeches) // 16)]:
            text = f.read_bytes()[:MAX_SEED]
            text = text[: text.rfind(b"\n") + 1] or text
            put(out / "import", f"sotu-{f.stem}", bytes([name_index(f)]) + text)
            date = meta.get(f.stem, {}).get("date")
            if date:
                put(out / "mentions", f"sotu-{f.stem}", anchor(date) + text)
                table = sidecar_text(metadata_text, "fileid", f.stem)
                put(out / "import", f"sotu-sidecar-{f.stem}", b"\0" + text[:4096] + SIDECAR + table.encode())
    for seed in (corpus / "seed").glob("*") if corpus else []:
        if seed.is_file():
            put(out / "import", f"seed-{seed.name}", b"\0" + seed.read_bytes()[:MAX_SEED])


if __name__ == "__main__":
    main()
