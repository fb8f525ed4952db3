"""The incident frame: one row per incident, the columns of `Store.incidents_frame()`.

Every analysis in this package is a pure function over such a frame, so it runs
the same on the store, on `incidentwatch extract` output and on ACLED-style
CSV files. This module builds and normalises frames; it does no analysis.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from incidentwatch.records import FRAME_COLUMNS, Incident, flat_incident

_TEXT_COLUMNS = (
    "incident_id",
    "event_type",
    "sub_event_type",
    "attack_type",
    "target_type",
    "actor1",
    "actor2",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "location",
    "summary",
    "claim_status",
)
_FLOAT_COLUMNS = ("latitude", "longitude", "confidence")
_INT_COLUMNS = (
    "date_precision",
    "actor1_type",
    "actor2_type",
    "geo_precision",
    "fatalities_low",
    "fatalities_high",
    "perpetrator_fatalities",
    "injuries",
    "n_sources",
)

PERIODS = ("day", "week", "month")


def normalize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with every frame column present and typed.

    Rows without an event date cannot be placed on a time axis; they are kept
    (the incident list still shows them) but every time-based analysis drops
    them. Missing fatalities count as 0, as in ACLED ("no casualties reported").
    """
    out = df.copy()
    for col in FRAME_COLUMNS:
        if col not in out.columns:
            out[col] = None
    out["event_date"] = pd.to_datetime(out["event_date"], errors="coerce").astype("datetime64[ns]")
    for col in _TEXT_COLUMNS:
        out[col] = out[col].astype("object").where(out[col].notna(), None)
        out[col] = out[col].map(lambda v: v if v is None else str(v).strip() or None)
    for col in _FLOAT_COLUMNS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in _INT_COLUMNS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    fat = pd.to_numeric(out["fatalities"], errors="coerce").fillna(0).clip(lower=0)
    out["fatalities"] = fat.astype("int64")
    if out["incident_id"].isna().any():
        missing = out["incident_id"].isna()
        out.loc[missing, "incident_id"] = [f"row-{i}" for i in np.flatnonzero(missing)]
    return out.loc[:, list(FRAME_COLUMNS) + [c for c in out.columns if c not in FRAME_COLUMNS]]


def empty_frame() -> pd.DataFrame:
    return normalize_frame(pd.DataFrame({c: [] for c in FRAME_COLUMNS}))


def incident_row(inc: Incident) -> dict[str, object]:
    """Flatten one Incident record into a frame row (same layout as the store's)."""
    return flat_incident(inc)


def frame_from_incidents(incidents: Iterable[Incident]) -> pd.DataFrame:
    rows = [incident_row(i) for i in incidents]
    if not rows:
        return empty_frame()
    return normalize_frame(pd.DataFrame(rows))


def dated(df: pd.DataFrame) -> pd.DataFrame:
    """Rows with an event date (the only ones that can enter a time series)."""
    return df.loc[df["event_date"].notna()]


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """Map dates to the first day of their period (weeks start on Monday)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    d = pd.to_datetime(dates).dt.normalize()
    if period == "day":
        return d
    if period == "week":
        return d - pd.to_timedelta(d.dt.day_of_week, unit="D")
    return d.dt.to_period("M").dt.start_time


def period_offset(period: str) -> pd.DateOffset:
    return {
        "day": pd.DateOffset(days=1),
        "week": pd.DateOffset(weeks=1),
        "month": pd.DateOffset(months=1),
    }[period]


def period_range(start: pd.Timestamp, end: pd.Timestamp, period: str) -> pd.DatetimeIndex:
    """Every period start from the period containing `start` to the one containing `end`."""
    first = period_start(pd.Series([start]), period).iloc[0]
    last = period_start(pd.Series([end]), period).iloc[0]
    freq = {"day": "D", "week": "W-MON", "month": "MS"}[period]
    return pd.date_range(first, last, freq=freq)


def actor_names(df: pd.DataFrame, actor: str) -> set[str]:
    """The canonical names (casefolded) in the frame that `actor` selects (see actor_mask)."""
    q = actor.strip().casefold()
    names = set(pd.concat([df["actor1"], df["actor2"]]).dropna().str.casefold())
    if q in names:
        return {q}
    found = {n for n in names if q in n}
    if found:
        return found
    # An alias from the extractor's actor table ("ISIS", "Daesh", "PMF").
    from incidentwatch.extract.actors import canonical_names_for
    from incidentwatch.extract.resources import load_knowledge

    canon = {c.casefold() for c in canonical_names_for(actor, load_knowledge())}
    return {n for n in names if n in canon}


def actor_mask(df: pd.DataFrame, actor: str) -> pd.Series:
    """Incidents where `actor` is either side (the store filter's semantics).

    Matching is case-insensitive on the canonical name, exact first; when no
    canonical name equals the query, a substring match is used, so "Islamic
    State" finds both the Iraq and Syria branches.
    """
    names = actor_names(df, actor)
    a1 = df["actor1"].fillna("").str.casefold()
    a2 = df["actor2"].fillna("").str.casefold()
    return a1.isin(names) | a2.isin(names)


def area_mask(df: pd.DataFrame, area: str) -> pd.Series:
    """Incidents in an area given by name: a country, an admin1 or an admin2."""
    q = area.strip().casefold()
    mask = pd.Series(False, index=df.index)
    for col in ("admin2", "admin1", "country", "country_code"):
        mask |= df[col].fillna("").str.casefold() == q
    return mask


def select(
    df: pd.DataFrame,
    *,
    area: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    date_from: date | pd.Timestamp | None = None,
    date_to: date | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Rows matching all the given filters (`date_to` inclusive)."""
    mask = pd.Series(True, index=df.index)
    if area:
        mask &= area_mask(df, area)
    if actor:
        mask &= actor_mask(df, actor)
    if event_type:
        mask &= df["event_type"].fillna("").str.casefold() == event_type.casefold()
    if date_from is not None:
        mask &= df["event_date"] >= pd.Timestamp(date_from)
    if date_to is not None:
        mask &= df["event_date"] <= pd.Timestamp(date_to)
    return df.loc[mask]
