"""Turning a whole reference export into a gold JSON Lines file."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from incidentwatch.evaluate.reference import acled, gtd, rand
from incidentwatch.evaluate.reference.common import RowError
from incidentwatch.evaluate.reference.csvfile import BadRow, Row, read_rows
from incidentwatch.records import GoldArticle

log = logging.getLogger(__name__)

Dataset = Literal["acled", "gtd", "rand"]
DATASETS: tuple[Dataset, ...] = ("acled", "gtd", "rand")
_NAMES = {"acled": acled.DATASET, "gtd": gtd.DATASET, "rand": rand.DATASET}
_REQUIRED = {"acled": acled.REQUIRED, "gtd": gtd.REQUIRED, "rand": rand.REQUIRED}


@dataclass
class ImportSummary:
    rows: int = 0
    written: int = 0
    skipped: list[BadRow] = field(default_factory=list)
    duplicates: int = 0


def _convert(dataset: Dataset, row: Row, index: int, published: bool) -> GoldArticle:
    if dataset == "acled":
        return acled.convert(row, published)
    if dataset == "gtd":
        return gtd.convert(row, published)
    # Not every RAND extract has a row id column: fall back to the data row number.
    return rand.convert(row, published, row.get("row_id") or str(index))


def convert_rows(
    dataset: Dataset, path: Path, published_from_event_date: bool, summary: ImportSummary
) -> Iterator[GoldArticle]:
    seen: set[str] = set()
    for index, item in enumerate(read_rows(path, _REQUIRED[dataset], _NAMES[dataset]), 1):
        summary.rows += 1
        if isinstance(item, BadRow):
            summary.skipped.append(item)
            continue
        try:
            article = _convert(dataset, item, index, published_from_event_date)
        except RowError as exc:
            summary.skipped.append(BadRow(item.line, str(exc)))
            continue
        if article.article_id in seen:
            summary.duplicates += 1
            summary.skipped.append(BadRow(item.line, f"duplicate id {article.article_id}"))
            continue
        seen.add(article.article_id)
        yield article


def import_reference(
    dataset: Dataset,
    path: Path,
    out: Path,
    limit: int | None = None,
    published_from_event_date: bool = False,
) -> ImportSummary:
    summary = ImportSummary()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    # Written to a side file and renamed, so a failed run leaves no half gold file.
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            for article in convert_rows(dataset, path, published_from_event_date, summary):
                handle.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
                summary.written += 1
                if limit is not None and summary.written >= limit:
                    break
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)
    return summary
