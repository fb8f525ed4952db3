"""Where incident frames come from: the store, `incidentwatch extract` output, ACLED CSV.

This is the I/O edge of the analyse stage; everything else takes a frame.
Alongside the frame, loaders return each incident's sources so reports can
cite them (the store's frame has only `n_sources`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from incidentwatch.analyse.frame import empty_frame, frame_from_incidents, normalize_frame
from incidentwatch.records import Incident, Source

log = logging.getLogger(__name__)


@dataclass
class Loaded:
    frame: pd.DataFrame
    sources: dict[str, list[Source]] = field(default_factory=dict)
    origin: str = ""


def read_extract_jsonl(path: str | Path) -> Loaded:
    """Incidents from `incidentwatch extract` output (`{"article_id", "incidents"}` lines).

    Malformed lines and invalid incidents are skipped with a logged reason.
    Incidents without an id get `<article_id>#<n>`; incidents without sources
    get their article as the source.
    """
    incidents: list[Incident] = []
    with Path(path).open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                log.warning("%s:%d: skipped, not JSON (%s)", path, lineno, exc.msg)
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("incidents", []), list):
                log.warning("%s:%d: skipped, not an extract result object", path, lineno)
                continue
            article_id = str(obj.get("article_id") or f"line{lineno}")
            for n, raw in enumerate(obj.get("incidents") or []):
                try:
                    inc = Incident.model_validate(raw)
                except ValidationError as exc:
                    log.warning(
                        "%s:%d: incident %d skipped: %s", path, lineno, n, exc.errors()[0]["msg"]
                    )
                    continue
                if not inc.incident_id:
                    inc.incident_id = f"{article_id}#{n}"
                if not inc.sources:
                    inc.sources = [Source(article_id=article_id)]
                incidents.append(inc)
    # The same incident id from several articles: keep one row, all sources.
    by_id: dict[str, Incident] = {}
    for inc in incidents:
        assert inc.incident_id is not None
        if inc.incident_id in by_id:
            have = by_id[inc.incident_id]
            seen = {s.article_id for s in have.sources}
            have.sources.extend(s for s in inc.sources if s.article_id not in seen)
        else:
            by_id[inc.incident_id] = inc
    frame = frame_from_incidents(by_id.values())
    return Loaded(frame, {k: v.sources for k, v in by_id.items()}, origin=str(path))


_ACLED_COLUMNS: Mapping[str, str] = {
    "event_id_cnty": "incident_id",
    "event_date": "event_date",
    "time_precision": "date_precision",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor1",
    "inter1": "actor1_type",
    "actor2": "actor2",
    "inter2": "actor2_type",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "location": "location",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "geo_precision",
    "fatalities": "fatalities",
    "notes": "summary",
}


def read_acled_csv(path: str | Path, *, country: str | None = None) -> Loaded:
    """An ACLED-format CSV export as a frame; sources are ACLED's source names."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    missing = [c for c in ("event_date", "admin1", "fatalities") if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: not an ACLED export (missing {', '.join(missing)})")
    if country:
        raw = raw.loc[raw["country"].str.casefold() == country.casefold()]
    df = raw.rename(columns=dict(_ACLED_COLUMNS))[
        [c for c in _ACLED_COLUMNS.values() if c in raw.rename(columns=dict(_ACLED_COLUMNS))]
    ].copy()
    # ACLED codes the interaction code 0 for "no second actor".
    for side in ("actor1_type", "actor2_type"):
        if side in df:
            df[side] = pd.to_numeric(df[side], errors="coerce").where(lambda s: s > 0)
    src = raw.get("source", pd.Series("", index=raw.index)).fillna("")
    df["n_sources"] = src.map(lambda s: len([p for p in s.split(";") if p.strip()]))
    df["claim_status"] = "reported"
    frame = normalize_frame(df.reset_index(drop=True))
    sources = {
        iid: [
            Source(article_id=f"{iid}:{i}", outlet=name.strip())
            for i, name in enumerate(s.split(";"))
            if name.strip()
        ]
        for iid, s in zip(frame["incident_id"], src.to_numpy(), strict=True)
    }
    return Loaded(frame, sources, origin=str(path))


def read_store(
    url: str | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    country: str | None = None,
) -> Loaded:
    """The store's incident frame (all incidents unless filtered)."""
    from incidentwatch.store import IncidentFilter, open_store

    store = open_store(url)
    try:
        frame = store.incidents_frame(
            IncidentFilter(date_from=date_from, date_to=date_to, country=country)
        )
    finally:
        store.close()
    return Loaded(normalize_frame(frame) if len(frame) else empty_frame(), {}, origin=store.url)


def store_sources(url: str | None, incident_ids: list[str]) -> dict[str, list[Source]]:
    """Sources of the given incidents, read from the store (for citations)."""
    if not incident_ids:
        return {}
    from incidentwatch.store import IncidentFilter, open_store

    store = open_store(url)
    try:
        incs = store.query_incidents(
            IncidentFilter(incident_ids=list(incident_ids)), limit=len(incident_ids)
        )
    finally:
        store.close()
    return {i.incident_id: list(i.sources) for i in incs if i.incident_id}
