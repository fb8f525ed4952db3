"""Writing exports to files."""

from __future__ import annotations

import csv
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidentwatch.export.cells import neutralise
from incidentwatch.export.formats import (
    ACLED_COLUMNS,
    GTD_COLUMNS,
    acled_row,
    flat_row,
    geojson_feature,
    gtd_eventids,
    gtd_row,
)
from incidentwatch.records import FLOAT_COLUMNS, INT_COLUMNS, Incident

if TYPE_CHECKING:
    from incidentwatch.store import IncidentFilter, Store

log = logging.getLogger(__name__)


def _csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    # utf-8-sig: Excel opens Arabic place names correctly; pandas and R ignore the BOM.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="raise")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else neutralise(v)) for k, v in r.items()})


def write_acled(incidents: list[Incident], path: Path) -> int:
    ts = int(time.time())
    _csv(path, ACLED_COLUMNS, [acled_row(i, ts) for i in incidents])
    return len(incidents)


def write_gtd(incidents: list[Incident], path: Path) -> int:
    ids = gtd_eventids(incidents)
    _csv(path, GTD_COLUMNS, [gtd_row(i, ids[i.incident_id or ""]) for i in incidents])
    return len(incidents)


def write_geojson(incidents: list[Incident], path: Path) -> int:
    feats = [f for f in (geojson_feature(i) for i in incidents) if f is not None]
    if len(feats) < len(incidents):
        log.warning("%d incidents without coordinates left out", len(incidents) - len(feats))
    doc = {"type": "FeatureCollection", "features": feats}
    with path.open("w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, allow_nan=False)
    return len(feats)


def write_parquet(incidents: list[Incident], path: Path) -> int:
    import pandas as pd

    df = pd.DataFrame([flat_row(i) for i in incidents])
    if df.empty:
        df = pd.DataFrame(columns=list(flat_row(Incident()).keys()))
    df["event_date"] = pd.to_datetime(df["event_date"], errors="coerce")
    for c in INT_COLUMNS:
        df[c] = df[c].astype("Int64")
    for c in FLOAT_COLUMNS:
        df[c] = df[c].astype("float64")
    df.to_parquet(path, engine="pyarrow", index=False)
    return len(df)


FORMATS: dict[str, Callable[[list[Incident], Path], int]] = {
    "acled-csv": write_acled,
    "gtd-csv": write_gtd,
    "geojson": write_geojson,
    "parquet": write_parquet,
}


def export(store: Store, fmt: str, path: str | Path, f: IncidentFilter | None = None) -> int:
    """Write the incidents matching `f` to `path` in `fmt`; returns the rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    incidents = list(store.iter_incidents(f))
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".part")
    n = FORMATS[fmt](incidents, tmp)
    # Written aside and renamed, so a failed export never leaves half a file behind.
    tmp.replace(p)
    return n
