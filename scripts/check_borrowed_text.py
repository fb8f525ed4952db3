#!/usr/bin/env python3
"""Fail when a file in the repository shares a run of words with the licensed dev data.

    python scripts/check_borrowed_text.py [--devdata ../shared/devdata] [--words 10] [PATH ...]

The dev data (ACLED notes, GTD and RAND narratives, wire stories, the seed articles)
may be read at run time but never copied into the repository: its licences forbid it,
and a test built on a dev row measures memory, not behaviour. Any run of `--words`
consecutive words (case-folded, punctuation stripped) that also occurs in a dev-data
text is reported with its file and line. Annotations (ids, offsets, quotes shorter
than the run) pass.

Exit status: 0 clean, 1 borrowed runs found, 2 dev data missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEVDATA = REPO.parent / "shared" / "devdata"
DEFAULT_PATHS = ["tests", "src", "docs", "scripts", "README.md"]
# Which fields of a dev-data JSON Lines row hold source text (the rest are ids,
# dates, URLs and the annotators' own coding).
JSONL_TEXT_KEYS = ("text", "title")
# Files that can hold no prose: skipped to keep the check fast.
SKIP_SUFFIXES = {".gz", ".png", ".jpg", ".svg", ".parquet", ".pyc", ".db", ".ico", ".woff"}
# Files that may share text with the dev data, and why. Keep this short: every
# entry is a place where the check is blind.
ALLOWED = {
    # The record format is fixed outside this repository (/work/shared/CODEBOOK.md);
    # its unit example retells a seed article. Changing it is the codebook owner's call.
    "docs/CODEBOOK.md": "the fixed codebook's own examples",
    # Voice of America articles are public domain (README, "Sample data"); one of them
    # and a dev-data wire story quote the same statement.
    "src/incidentwatch/data/samples/voa_iraq_syria.jsonl": "public-domain VOA demo input",
}

_WORD = re.compile(r"\w+", re.UNICODE)
_ESCAPES = re.compile(r"\\[ntr]")
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Hit:
    path: Path
    line: int
    words: str


def words(text: str) -> list[str]:
    """Case-folded words with the punctuation between them dropped."""
    return [m.group().casefold() for m in _WORD.finditer(text)]


def shingles(ws: list[str], n: int) -> Iterator[int]:
    for i in range(len(ws) - n + 1):
        yield hash(" ".join(ws[i : i + n]))


def devdata_texts(devdata: Path) -> Iterator[str]:
    """Every piece of source text in the dev data folder."""
    for path in sorted(devdata.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.reader(fh):
                    # Every cell: the free-text columns differ per source (notes,
                    # Description, summary, motive, ...); short codes make no shingle.
                    yield from row
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(row, dict):
                        yield from (str(row[k]) for k in JSONL_TEXT_KEYS if row.get(k))
        elif path.suffix == ".txt" and path.name.lower() != "readme.txt":
            yield path.read_text(encoding="utf-8", errors="replace")


def devdata_index(devdata: Path, n: int) -> set[int]:
    index: set[int] = set()
    for text in devdata_texts(devdata):
        index.update(shingles(words(text), n))
    return index


def _allowed(path: Path) -> bool:
    try:
        rel = path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return False
    return rel in ALLOWED


def repo_files(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_file():
            if not _allowed(p):
                yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix not in SKIP_SUFFIXES
                    and "__pycache__" not in f.parts
                    and not _allowed(f)
                ):
                    yield f


def scan_file(path: Path, index: set[int], n: int) -> list[Hit]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []  # binary or unreadable: no prose to borrow
    # "\n" inside a source-code string would glue its "n" to the next word and hide
    # a run; blanked with two spaces so that offsets (line numbers) stay right.
    matches = list(_WORD.finditer(_ESCAPES.sub("  ", text)))
    ws = [m.group().casefold() for m in matches]
    hits: list[Hit] = []
    i, last = 0, len(ws) - n
    while i <= last:
        if hash(" ".join(ws[i : i + n])) not in index:
            i += 1
            continue
        # Extend to the whole shared run so it is reported once.
        j = i + 1
        while j <= last and hash(" ".join(ws[j : j + n])) in index:
            j += 1
        line = text.count("\n", 0, matches[i].start()) + 1
        hits.append(Hit(path, line, " ".join(ws[i : j - 1 + n])))
        i = j - 1 + n
    return hits


def find_borrowed(devdata: Path, paths: Iterable[Path], n: int = 10) -> list[Hit]:
    index = devdata_index(devdata, n)
    return [h for f in repo_files(paths) for h in scan_file(f, index, n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help="files or folders (default: repo)")
    ap.add_argument("--devdata", type=Path, default=DEFAULT_DEVDATA)
    ap.add_argument("--words", type=int, default=10, help="run length that counts as copied")
    args = ap.parse_args(argv)
    if not args.devdata.is_dir():
        print(f"check_borrowed_text: dev data not found at {args.devdata}", file=sys.stderr)
        return 2
    paths = args.paths or [REPO / p for p in DEFAULT_PATHS]
    hits = find_borrowed(args.devdata, paths, args.words)
    for h in hits:
        try:
            shown = h.path.relative_to(REPO)
        except ValueError:
            shown = h.path
        print(f"{shown}:{h.line}: {len(h.words.split())} words shared with dev data: {h.words}")
    if hits:
        print(
            f"check_borrowed_text: {len(hits)} run(s) of {args.words}+ words copied from "
            "dev data; replace them with invented text",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
