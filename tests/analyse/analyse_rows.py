"""Incident rows for the analyse tests, written here (no dev data)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

# Iraqi districts with approximate coordinates of their seats.
PLACES = {
    ("Diyala", "Khanaqin"): ("Khanaqin", 34.35, 45.39),
    ("Diyala", "Baquba"): ("Baqubah", 33.75, 44.64),
    ("Diyala", "Muqdadiya"): ("Muqdadiyah", 33.98, 44.94),
    ("Kirkuk", "Hawija"): ("Hawija", 35.32, 43.77),
    ("Salah al-Din", "Tuz Khurmatu"): ("Tuz Khurmatu", 34.88, 44.63),
    ("Anbar", "Ramadi"): ("Ramadi", 33.42, 43.30),
}
ISIS = "Islamic State (Iraq)"
ARMY = "Military Forces of Iraq"
CIVS = "Civilians (Iraq)"


def make_row(
    n: int,
    day: str,
    admin1: str = "Diyala",
    admin2: str = "Khanaqin",
    actor1: str = ISIS,
    actor2: str | None = ARMY,
    fatalities: int = 0,
    target_type: str = "Military",
    event_type: str = "Battles",
    summary: str | None = None,
    jitter: float = 0.0,
) -> dict[str, Any]:
    loc, lat, lon = PLACES[(admin1, admin2)]
    return {
        "incident_id": f"t-{n}",
        "event_date": day,
        "date_precision": 1,
        "event_type": event_type,
        "sub_event_type": "Armed clash" if event_type == "Battles" else "Attack",
        "attack_type": "Armed Assault",
        "target_type": target_type,
        "actor1": actor1,
        "actor1_type": 2,
        "actor2": actor2,
        "actor2_type": 1 if actor2 == ARMY else 7,
        "country_code": "IQ",
        "country": "Iraq",
        "admin1": admin1,
        "admin2": admin2,
        "location": loc,
        "latitude": lat + jitter,
        "longitude": lon + jitter,
        "geo_precision": 1,
        "fatalities": fatalities,
        "injuries": None,
        "summary": summary or f"Militants attacked a position near {loc}; {fatalities} killed.",
        "claim_status": "reported",
        "confidence": 0.9,
        "n_sources": 1,
    }


def weekly_rows(
    counts: list[int], start: str = "2021-01-04", seed: int = 0, **kw: Any
) -> list[dict[str, Any]]:
    """Incidents spread over the days of consecutive weeks, `counts[i]` in week i."""
    rng = np.random.default_rng(seed)
    rows = []
    base = pd.Timestamp(start)
    prefix = kw.pop("prefix", "w")
    for week, c in enumerate(counts):
        for _ in range(c):
            day = base + pd.Timedelta(days=7 * week + int(rng.integers(0, 7)))
            rows.append(make_row(0, str(day.date()), **kw))
    for i, r in enumerate(rows):
        r["incident_id"] = f"{prefix}-{i}"
    return rows
