"""Trends: incidents and fatalities by period and group, and the comparison to a baseline.

Grouping by actor counts an incident once for each side it involves (actor1 and
actor2), so the per-actor totals add up to more than the incident total; every
other grouping partitions the incidents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from incidentwatch.analyse.frame import dated, period_range, period_start

GROUPS = ("country", "admin1", "admin2", "actor", "event_type", "sub_event_type")


def _check_by(by: Sequence[str]) -> list[str]:
    bad = [b for b in by if b not in GROUPS]
    if bad:
        raise ValueError(f"cannot group by {', '.join(bad)}; choose from {', '.join(GROUPS)}")
    return list(by)


def explode_actors(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (incident, actor side), with the name in column `actor`."""
    parts = []
    for side in ("actor1", "actor2"):
        part = df.loc[df[side].notna()].copy()
        part["actor"] = part[side]
        parts.append(part)
    both = pd.concat(parts, ignore_index=True) if parts else df.assign(actor=None)
    # An incident with the same actor on both sides (intra-group clashes) counts once.
    return both.drop_duplicates(subset=["incident_id", "actor"])


def grouped(df: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """The frame, with an `actor` column when grouping by actor, and keys filled."""
    by = _check_by(by)
    out = explode_actors(df) if "actor" in by else df.copy()
    for b in by:
        out[b] = out[b].fillna("(unknown)")
    return out


def trends(
    df: pd.DataFrame,
    *,
    period: str = "month",
    by: Sequence[str] = (),
    date_from: date | pd.Timestamp | None = None,
    date_to: date | pd.Timestamp | None = None,
    fill: bool = True,
) -> pd.DataFrame:
    """Incidents and fatalities per period (and group).

    Returns columns `period` (the period's first day), the `by` columns,
    `incidents` and `fatalities`. With `fill`, every period in the range
    appears for every group, with zeros where nothing happened, so the rows
    are a complete time series.
    """
    by = _check_by(by)
    d = dated(df)
    if date_from is not None:
        d = d.loc[d["event_date"] >= pd.Timestamp(date_from)]
    if date_to is not None:
        d = d.loc[d["event_date"] <= pd.Timestamp(date_to)]
    g = grouped(d, by)
    g = g.assign(period=period_start(g["event_date"], period))
    keys = ["period", *by]
    agg = (
        g.groupby(keys, dropna=False)
        .agg(incidents=("incident_id", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
    )
    if not fill or d.empty:
        return agg.sort_values(keys).reset_index(drop=True)
    lo = pd.Timestamp(date_from) if date_from is not None else d["event_date"].min()
    hi = pd.Timestamp(date_to) if date_to is not None else d["event_date"].max()
    periods = period_range(lo, hi, period)
    if by:
        groups = agg[by].drop_duplicates()
        grid = groups.merge(pd.DataFrame({"period": periods}), how="cross")
    else:
        grid = pd.DataFrame({"period": periods})
    out = grid.merge(agg, on=keys, how="left")
    out[["incidents", "fatalities"]] = out[["incidents", "fatalities"]].fillna(0).astype("int64")
    return out.loc[:, [*keys, "incidents", "fatalities"]].sort_values(keys).reset_index(drop=True)


@dataclass(frozen=True)
class Window:
    start: pd.Timestamp
    end: pd.Timestamp  # inclusive

    @property
    def days(self) -> int:
        return int((self.end - self.start).days) + 1

    @classmethod
    def of(cls, start: date | pd.Timestamp | str, end: date | pd.Timestamp | str) -> Window:
        s, e = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
        if e < s:
            raise ValueError(f"window ends ({e.date()}) before it starts ({s.date()})")
        return cls(s, e)


def default_baseline(current: Window, multiple: int = 4) -> Window:
    """The `multiple` x longer span that ends the day before the current window."""
    end = current.start - pd.Timedelta(days=1)
    return Window(end - pd.Timedelta(days=current.days * multiple - 1), end)


@dataclass(frozen=True)
class Comparison:
    """Current window against a baseline, for one group (or everything)."""

    key: dict[str, Any]
    current_start: str
    current_end: str
    baseline_start: str
    baseline_end: str
    incidents: int
    fatalities: int
    baseline_incidents: int
    baseline_fatalities: int
    expected_incidents: float  # baseline rate scaled to the current window's length
    expected_fatalities: float
    incident_ratio: float | None  # current rate / baseline rate
    fatality_ratio: float | None
    p_increase: float  # exact conditional test of two Poisson rates, one-sided (increase)
    p_decrease: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rate_test(
    current: int, baseline: int, t_current: float, t_baseline: float
) -> tuple[float, float]:
    """Exact conditional test that two Poisson rates are equal.

    Given n = current + baseline events, under equal rates the current count is
    Binomial(n, t_c / (t_c + t_b)). Returns one-sided p-values (increase, decrease).
    """
    n = current + baseline
    if n == 0:
        return 1.0, 1.0
    share = t_current / (t_current + t_baseline)
    p_up = float(stats.binom.sf(current - 1, n, share))
    p_down = float(stats.binom.cdf(current, n, share))
    return min(p_up, 1.0), min(p_down, 1.0)


def compare_baseline(
    df: pd.DataFrame,
    current: Window,
    baseline: Window | None = None,
    *,
    by: Sequence[str] = (),
    min_incidents: int = 1,
) -> list[Comparison]:
    """Compare each group's current window with its baseline window.

    Groups with fewer than `min_incidents` in both windows together are left
    out. Sorted by the one-sided p-value for an increase, then by size.
    """
    by = _check_by(by)
    baseline = baseline or default_baseline(current)
    d = grouped(dated(df), by)
    win = np.where(
        (d["event_date"] >= current.start) & (d["event_date"] <= current.end),
        "current",
        np.where(
            (d["event_date"] >= baseline.start) & (d["event_date"] <= baseline.end),
            "baseline",
            "",
        ),
    )
    d = d.assign(window=win)
    d = d.loc[d["window"] != ""]
    if by:
        group_iter = [
            (dict(zip(by, k if isinstance(k, tuple) else (k,), strict=True)), g)
            for k, g in d.groupby(by)
        ]
    else:
        group_iter = [({}, d)]
    out = []
    ratio = current.days / baseline.days
    for key, g in group_iter:
        cur = g.loc[g["window"] == "current"]
        base = g.loc[g["window"] == "baseline"]
        if len(cur) + len(base) < min_incidents or (len(g) == 0 and by):
            continue
        n_c, n_b = len(cur), len(base)
        f_c, f_b = int(cur["fatalities"].sum()), int(base["fatalities"].sum())
        p_up, p_down = rate_test(n_c, n_b, current.days, baseline.days)
        out.append(
            Comparison(
                key=key,
                current_start=str(current.start.date()),
                current_end=str(current.end.date()),
                baseline_start=str(baseline.start.date()),
                baseline_end=str(baseline.end.date()),
                incidents=n_c,
                fatalities=f_c,
                baseline_incidents=n_b,
                baseline_fatalities=f_b,
                expected_incidents=n_b * ratio,
                expected_fatalities=f_b * ratio,
                incident_ratio=(n_c / (n_b * ratio)) if n_b else None,
                fatality_ratio=(f_c / (f_b * ratio)) if f_b else None,
                p_increase=p_up,
                p_decrease=p_down,
            )
        )
    out.sort(key=lambda c: (c.p_increase, -c.incidents))
    return out
