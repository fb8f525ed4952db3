"""Reading a reference CSV export: any common encoding, case-insensitive columns,
bad rows reported with their line number instead of stopping the import."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Long narratives are normal; a single field of many megabytes is not.
FIELD_LIMIT = 5_000_000


class NotThisDataset(ValueError):
    """The file lacks columns the chosen dataset always has."""


@dataclass
class Row:
    line: int  # line number in the file where the row starts (header is line 1)
    values: dict[str, str]  # lower-cased column name -> stripped value

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class BadRow:
    line: int
    reason: str


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used. Exports come as UTF-8 (with or without BOM) or,
    from older Excel round trips, Windows-1252; Latin-1 never fails as a last resort."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def read_rows(path: Path, required: tuple[str, ...], dataset: str) -> Iterator[Row | BadRow]:
    text, encoding = decode(path.read_bytes())
    if encoding != "utf-8-sig":
        log.warning("%s is not UTF-8; read as %s", path.name, encoding)
    if "\x00" in text:
        log.warning("%s contains NUL bytes; removed", path.name)
        text = text.replace("\x00", "")
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise NotThisDataset(f"{path.name} is empty or not CSV") from exc
    columns = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise NotThisDataset(
            f"{path.name} does not look like {dataset} data: missing columns " + ", ".join(missing)
        )
    start = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadRow(start, f"malformed CSV: {exc}")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(columns):
            yield BadRow(line, f"{len(fields)} fields, header has {len(columns)}")
            continue
        yield Row(line, {c: f.strip() for c, f in zip(columns, fields, strict=True)})
