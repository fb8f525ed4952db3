"""REST routes for the analyses, mounted by the web app under /api/analyse.

    from incidentwatch.analyse.api import router
    app.include_router(router)

The store comes from `incidentwatch.serve.deps.get_store` when the serve stage
provides it, else from `request.app.state.store` (what `create_app` sets).
All routes are read-only; the report route returns the same escaped HTML as
`incidentwatch report`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from incidentwatch.analyse import alerts as al
from incidentwatch.analyse.frame import empty_frame, normalize_frame, select
from incidentwatch.analyse.hotspots import HotspotConfig, hotspots
from incidentwatch.analyse.tactics import tactic_shift, tactic_shifts
from incidentwatch.analyse.trends import Window, compare_baseline, trends

try:  # the serve stage's dependency, when it has one
    from incidentwatch.serve.deps import get_store  # type: ignore[import-not-found,unused-ignore]
except ImportError:

    def get_store(request: Request) -> Any:
        return request.app.state.store


REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
# Dates pandas can hold (nanosecond timestamps end in 2262) with room for a baseline
# four windows long before the earliest start.
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2199, 12, 31)
# Where the work grows with the window's length, not the data's (a report over two
# centuries took 7 s of CPU; trends bin every day of the window): anonymous callers
# get ten years, callers with the server's bearer token fifty. Alerts and hot spots
# only filter by the window, so any window costs them what no window costs.
ANON_MAX_DAYS, AUTH_MAX_DAYS = 3660, 18_300
_WINDOW_SIZED = ("/api/analyse/report", "/api/analyse/trends")
_DATE_PARAMS = ("date_from", "date_to", "baseline_from", "baseline_to", "as_of")
_WINDOWS = (("date_from", "date_to"), ("baseline_from", "baseline_to"))


def bounded_dates(request: Request) -> None:
    """422 for a date outside MIN_DATE..MAX_DATE or a window longer than the caller may ask."""
    from incidentwatch.serve.auth import authorised

    given: dict[str, date] = {}
    for name in _DATE_PARAMS:
        raw = request.query_params.get(name)
        if not raw:
            continue
        try:
            given[name] = date.fromisoformat(raw)
        except ValueError:
            continue  # not a date: the route's own validation says so
        if not MIN_DATE <= given[name] <= MAX_DATE:
            raise HTTPException(422, f"{name} must be between {MIN_DATE} and {MAX_DATE}")
    if request.url.path not in _WINDOW_SIZED:
        return
    limit = AUTH_MAX_DAYS if authorised(request) else ANON_MAX_DAYS
    for start, end in _WINDOWS:
        if start in given and end in given:
            days = (given[end] - given[start]).days + 1
            if days > limit:
                more = "" if limit == AUTH_MAX_DAYS else " (longer with the server's bearer token)"
                raise HTTPException(
                    422, f"{start}..{end} spans {days:,} days; at most {limit:,} allowed{more}"
                )


router = APIRouter(prefix="/api/analyse", tags=["analyse"], dependencies=[Depends(bounded_dates)])
StoreDep = Annotated[Any, Depends(get_store)]


def _frame(store: Any) -> pd.DataFrame:
    df = store.incidents_frame()
    return normalize_frame(df) if len(df) else empty_frame()


def _plain(obj: Any) -> Any:
    """JSON-safe: NaN/inf -> None, numpy and pandas scalars -> Python."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, pd.Timestamp):
        return obj.date().isoformat()
    if obj is pd.NaT or obj is pd.NA:
        return None
    return obj


def _message(exc: ValueError) -> str:
    from incidentwatch.serve.auth import public_message

    return public_message(exc, "these parameters cannot be analysed; check the dates and names")


def _window(date_from: date | None, date_to: date | None, what: str) -> Window | None:
    if date_from is None and date_to is None:
        return None
    if date_from is None or date_to is None:
        raise HTTPException(422, f"{what}: give both ends")
    try:
        return Window.of(date_from, date_to)
    except ValueError as exc:
        raise HTTPException(422, _message(exc)) from None


@router.get("/trends")
def get_trends(
    store: StoreDep,
    period: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    by: Annotated[list[str] | None, Query()] = None,
    area: str | None = None,
    actor: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    baseline_from: date | None = None,
    baseline_to: date | None = None,
) -> dict[str, Any]:
    """Incidents and fatalities by period (and group); with a window, the baseline comparison."""
    df = select(_frame(store), area=area, actor=actor)
    try:
        series = trends(df, period=period, by=by or [], date_from=date_from, date_to=date_to)
        cur = _window(date_from, date_to, "window")
        comparison = (
            [
                c.to_dict()
                for c in compare_baseline(
                    df, cur, _window(baseline_from, baseline_to, "baseline"), by=by or []
                )
            ]
            if cur
            else []
        )
    except ValueError as exc:
        raise HTTPException(422, _message(exc)) from None
    series["period"] = series["period"].dt.date.astype(str)
    return _plain({"series": series.to_dict("records"), "comparison": comparison})


@router.get("/alerts")
def get_alerts(
    store: StoreDep,
    date_from: date | None = None,
    date_to: date | None = None,
    period: Annotated[str | None, Query(pattern="^(day|week|month)$")] = None,
    alpha: Annotated[float | None, Query(gt=0, lt=1)] = None,
    min_count: Annotated[int | None, Query(ge=1)] = None,
    severe_fatalities: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    """Escalation alerts for windows ending in [date_from, date_to], latest first."""
    try:
        cfg = al.with_overrides(
            al.AlertConfig(),
            period=period,
            alpha=alpha,
            min_count=min_count,
            severe_fatalities=severe_fatalities,
        )
    except ValueError as exc:
        raise HTTPException(422, _message(exc)) from None
    df = _frame(store)
    found = al.detect_alerts(df, cfg, date_from=date_from, date_to=date_to, data_end=date_to)
    found.sort(key=lambda a: a.period_start, reverse=True)
    items = []
    for a in found[:limit]:
        d = a.to_dict()
        d["incident_ids"] = al.alert_incidents(df, a)["incident_id"].tolist()
        items.append(d)
    return _plain({"total": len(found), "config": cfg.__dict__, "items": items})


@router.get("/assess")
def get_assessment(
    store: StoreDep,
    area: str | None = None,
    actor: str | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """'Is <actor> escalating in <area>?': the test, the numbers, the series and the incidents."""
    if not area and not actor:
        raise HTTPException(422, "give an area, an actor or both")
    df = _frame(store)
    try:
        a = al.assess(df, area=area, actor=actor, as_of=as_of)
    except ValueError as exc:
        raise HTTPException(422, _message(exc)) from None
    from incidentwatch.analyse.report.text import assessment_sentences

    inc = al.assessment_incidents(df, a)
    cols = [
        "incident_id",
        "event_date",
        "admin1",
        "admin2",
        "location",
        "actor1",
        "actor2",
        "event_type",
        "fatalities",
        "summary",
    ]
    return _plain(
        {
            **a.to_dict(),
            "sentences": assessment_sentences(a),
            "incident_list": inc[cols].to_dict("records"),
        }
    )


@router.get("/hotspots")
def get_hotspots(
    store: StoreDep,
    date_from: date | None = None,
    date_to: date | None = None,
    method: Annotated[str, Query(pattern="^(h3|admin2)$")] = "h3",
    resolution: Annotated[int, Query(ge=0, le=9)] = 5,
    value: Annotated[str, Query(pattern="^(incidents|fatalities)$")] = "incidents",
    only_hot: bool = True,
) -> dict[str, Any]:
    """Getis-Ord Gi* hot spots (H3 cells with their boundaries, or admin2 units)."""
    out = hotspots(
        _frame(store),
        date_from=date_from,
        date_to=date_to,
        cfg=HotspotConfig(method=method, resolution=resolution, value=value),
    )
    if only_hot:
        out = out.loc[out["hot"]]
    rows = out.to_dict("records")
    if method == "h3":
        import h3

        for r in rows:
            r["boundary"] = [[lat, lon] for lat, lon in h3.cell_to_boundary(r["unit"])]
    return _plain({"items": rows})


@router.get("/tactics")
def get_tactics(
    store: StoreDep,
    date_from: date,
    date_to: date,
    baseline_from: date | None = None,
    baseline_to: date | None = None,
    actor: str | None = None,
    area: str | None = None,
    dimension: Annotated[
        str, Query(pattern="^(target_type|attack_type|sub_event_type|event_type|victim_type)$")
    ] = "target_type",
    min_incidents: Annotated[int, Query(ge=1)] = 10,
) -> dict[str, Any]:
    """Tactic/target mix shift tests (chi-square or permutation) per actor."""
    cur = _window(date_from, date_to, "window")
    assert cur is not None
    base = _window(baseline_from, baseline_to, "baseline")
    df = _frame(store)
    if actor:
        res = [tactic_shift(df, cur, base, actor=actor, area=area, dimension=dimension)]
    else:
        res = tactic_shifts(
            df, cur, base, area=area, dimension=dimension, min_incidents=min_incidents
        )
    return _plain({"items": [r.to_dict() for r in res]})


@router.get("/report", response_class=HTMLResponse)
def get_report(
    store: StoreDep,
    date_from: date,
    date_to: date,
    area: str | None = None,
    actor: str | None = None,
) -> HTMLResponse:
    """A situation report as a self-contained HTML page (escaped text, inline PNG charts)."""
    from incidentwatch.analyse.report import build_report, render_html
    from incidentwatch.store import IncidentFilter

    cur = _window(date_from, date_to, "window")
    assert cur is not None

    def cite(ids: list[str]) -> dict[str, Any]:
        incs = store.query_incidents(IncidentFilter(incident_ids=ids), limit=max(len(ids), 1))
        return {i.incident_id: list(i.sources) for i in incs}

    try:
        rep = build_report(_frame(store), cur, area=area, actor=actor, cite=cite)
    except ValueError as exc:
        raise HTTPException(422, _message(exc)) from None
    return HTMLResponse(
        render_html(rep),
        headers={"Content-Security-Policy": REPORT_CSP},
    )
