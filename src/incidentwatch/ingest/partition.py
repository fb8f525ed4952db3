"""Cut an archive (files, folders, big JSON Lines files) into partitions read on their own.

A partition is either a run of whole small files or a byte range of one big
JSON Lines file, cut at a line start and carrying the number of its first line,
so a bad record in it is still reported as file:line and an article without an
id gets the same fallback id as when the file is read whole. Partitions come
in the order `incidentwatch ingest` reads the same sources, and each has a key
that names what it covers (path, range, size, modification time): a re-run of
an interrupted backfill skips the partitions the store has recorded as done.

A partition holds paths and offsets, never text: whoever reads it (a Dask
worker) opens the file itself, so the archive must be on a filesystem every
worker can read at the same path.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from incidentwatch.ingest.readers import JSONL_SUFFIXES, Rejected, read_jsonl
from incidentwatch.ingest.sources import CSV_SUFFIXES, list_files, read_path
from incidentwatch.records import Article

# 2 MB: ~400 articles of 5 kB, a minute or two of extraction: scheduling costs
# nothing next to it, a worker holds little, and a killed one loses little.
PARTITION_BYTES = 2_000_000
PARTITION_FILES = 64


@dataclass(frozen=True)
class Partition:
    index: int  # position in the archive's read order
    key: str  # what it covers (paths, range, sizes, mtimes), hashed
    records: int  # records it holds, for the progress total (an estimate for CSV)
    files: tuple[str, ...] = ()  # whole files, read in this order
    path: str | None = None  # or: a byte range [start, end) of this JSON Lines file
    start: int = 0
    end: int = 0
    first_line: int = 1

    def describe(self) -> str:
        if self.path is not None:
            return f"{self.path}:{self.first_line} (bytes {self.start}-{self.end})"
        if len(self.files) == 1:
            return self.files[0]
        return f"{self.files[0]} .. {self.files[-1]} ({len(self.files)} files)"


def _stat_key(path: Path) -> list[object]:
    try:
        st = path.stat()
        return [str(path.resolve()), st.st_size, st.st_mtime_ns]
    except OSError:
        return [str(path), None, None]


def _key(parts: list[object]) -> str:
    return hashlib.sha1(json.dumps(parts).encode()).hexdigest()


def _records_in(path: Path) -> int:
    """How many records a whole file holds (cheap: no parsing)."""
    suffix = path.suffix.lower()
    if suffix not in JSONL_SUFFIXES and suffix not in CSV_SUFFIXES:
        return 1
    try:
        with path.open("rb") as fh:
            n = sum(1 for line in fh if line.strip())
    except OSError:
        return 1
    return max(n - 1, 0) if suffix in CSV_SUFFIXES else n  # CSV: less the header


def jsonl_ranges(path: Path, target_bytes: int) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, first line number, records) of consecutive ranges of about
    `target_bytes`, each starting at a line start; one pass, one line in memory."""
    start, first_line, records = 0, 1, 0
    pos, lineno = 0, 0
    with path.open("rb") as fh:
        for line in fh:
            lineno += 1
            pos += len(line)
            if line.strip():
                records += 1
            if pos - start >= target_bytes:
                yield start, pos, first_line, records
                start, first_line, records = pos, lineno + 1, 0
    if pos > start:
        yield start, pos, first_line, records


def files_of(sources: Iterable[str]) -> Iterator[Path]:
    """Every file the sources name, in the order a serial ingest reads them."""
    for src in sources:
        p = Path(src)
        if p.is_dir():
            yield from list_files(p)
        else:
            yield p  # a missing one is reported when its partition is read


def plan(
    sources: Iterable[str],
    *,
    target_bytes: int = PARTITION_BYTES,
    max_files: int = PARTITION_FILES,
) -> Iterator[Partition]:
    """The archive's partitions in read order (a cheap scan: sizes, and line starts of
    the JSON Lines files bigger than `target_bytes`)."""
    index = 0
    group: list[Path] = []
    group_bytes = 0

    def flush() -> Partition:
        nonlocal index, group, group_bytes
        part = Partition(
            index=index,
            key=_key(["files", *(_stat_key(f) for f in group)]),
            records=sum(_records_in(f) for f in group),
            files=tuple(str(f) for f in group),
        )
        index += 1
        group, group_bytes = [], 0
        return part

    for f in files_of(sources):
        size = f.stat().st_size if f.is_file() else 0
        if f.suffix.lower() in JSONL_SUFFIXES and size > target_bytes:
            if group:
                yield flush()
            stat = _stat_key(f)
            for start, end, first_line, records in jsonl_ranges(f, target_bytes):
                yield Partition(
                    index=index,
                    key=_key(["range", stat, start, end]),
                    records=records,
                    path=str(f),
                    start=start,
                    end=end,
                    first_line=first_line,
                )
                index += 1
            continue
        group.append(f)
        group_bytes += size
        if len(group) >= max_files or group_bytes >= target_bytes:
            yield flush()
    if group:
        yield flush()


def read_partition(part: Partition) -> Iterator[Article | Rejected]:
    """The partition's records, as a serial read of the same files gives them."""
    if part.path is None:
        for f in part.files:
            yield from read_path(Path(f))
        return
    try:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as exc:
        yield Rejected(f"{part.path}:{part.first_line}", f"cannot read the partition: {exc}")
        return
    yield from read_jsonl(io.BytesIO(data), part.path, first_line=part.first_line)
