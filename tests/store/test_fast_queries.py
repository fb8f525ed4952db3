"""The fast SQL paths (period buckets in SQL, the map's ranked points, inlined LIMIT)
return exactly what the plain Python definitions give, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from incidentwatch.serve.points import _sql_points
from incidentwatch.store import IncidentFilter, Store
from incidentwatch.store.bench import bulk_load
from incidentwatch.store.models import IncidentRow

N = 900  # 30 a day from 2010-01-01 (a Friday): five ISO weeks, one across New Year


@pytest.fixture
def filled(store: Store) -> Store:
    bulk_load(store, N)
    ids = [r for r in store.query_incidents(limit=None, order_by="incident_id")]
    I = IncidentRow  # noqa: E741
    edits: list[tuple[int, dict[str, Any]]] = [
        (0, {"fatalities": None}),
        (1, {"fatalities": None, "latitude": None}),
        (2, {"event_date": None}),
        (3, {"admin1": None}),
        (4, {"event_date": dt.date(2012, 12, 31)}),  # a Monday: its own ISO week
        (5, {"event_date": dt.date(2013, 1, 6)}),  # a Sunday: same ISO week as 12-31
        (6, {"event_date": dt.date(2016, 2, 29)}),
        (7, {"event_date": dt.date(2016, 1, 3)}),  # Sunday of ISO week 2015-W53
    ]
    with store.engine.begin() as conn:
        for n, values in edits:
            conn.execute(update(I).where(I.incident_id == ids[n].incident_id).values(**values))
    return store


# The filters under test, each with its meaning written out in Python: the reference
# must not reuse the SQL filter code (store.query.conditions) that it checks.
Row = Any
Keep = Callable[[Row], bool]
EVERYTHING = (IncidentFilter(), lambda r: True)
JANUARY_9_TO_24 = (
    IncidentFilter(date_from=dt.date(2010, 1, 9), date_to=dt.date(2010, 1, 24)),
    lambda r: (
        r.event_date is not None and dt.date(2010, 1, 9) <= r.event_date <= dt.date(2010, 1, 24)
    ),
)
BATTLES_IN_BOX = (
    IncidentFilter(event_type="Battles", bbox=(40.0, 30.0, 44.0, 37.0)),
    lambda r: (
        r.event_type == "Battles"
        and r.latitude is not None
        and 30.0 <= r.latitude <= 37.0
        and 40.0 <= r.longitude <= 44.0
    ),
)
PROTESTS = (IncidentFilter(event_type="Protests"), lambda r: r.event_type == "Protests")
FROM_FEBRUARY = (
    IncidentFilter(date_from=dt.date(2010, 2, 1)),
    lambda r: r.event_date is not None and r.event_date >= dt.date(2010, 2, 1),
)


def _all_rows(store: Store) -> list[Row]:
    I = IncidentRow  # noqa: E741
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(I.incident_id, I.event_date, I.event_type, I.admin1, I.latitude,
                       I.longitude, I.fatalities, I.location, I.actor1)
            ).all()
        )  # fmt: skip


def _reference_aggregate(
    store: Store, keep: Keep, period: str, by: str | None
) -> list[dict[str, Any]]:
    """The definition: every matching incident, bucketed in Python."""
    acc: dict[tuple[str, Any], list[int]] = defaultdict(lambda: [0, 0])
    for r in _all_rows(store):
        d = r.event_date
        if not keep(r) or d is None:
            continue
        if period == "week":
            d = d - dt.timedelta(days=d.weekday())
        elif period == "month":
            d = d.replace(day=1)
        a = acc[(d.isoformat(), getattr(r, by) if by else None)]
        a[0] += 1
        a[1] += r.fatalities or 0
    return [
        {"period": p, "key": k, "incidents": v[0], "fatalities": v[1]}
        for (p, k), v in sorted(acc.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))
    ]


def test_aggregate_buckets_equal_the_python_definition(filled: Store) -> None:
    for period in ("day", "week", "month"):
        for by in (None, "admin1", "event_type"):
            for f, keep in (EVERYTHING, JANUARY_9_TO_24, BATTLES_IN_BOX):
                got = filled.aggregate(f, period=period, by=by)
                assert got == _reference_aggregate(filled, keep, period, by), (f, period, by)
                assert got, f


def test_iso_weeks_across_new_year(filled: Store) -> None:
    weeks = {r["period"]: r["incidents"] for r in filled.aggregate(period="week")}
    assert weeks["2012-12-31"] == 2  # Monday 2012-12-31 and Sunday 2013-01-06
    assert weeks["2015-12-28"] == 1  # Sunday 2016-01-03 belongs to ISO week 2015-W53
    first = IncidentFilter(date_from=dt.date(2010, 1, 1), date_to=dt.date(2010, 1, 3))
    assert weeks["2009-12-28"] == filled.count_incidents(first) > 80  # Fri-Sun, ~30 a day
    months = {r["period"] for r in filled.aggregate(period="month")}
    assert months == {"2010-01-01", "2012-12-01", "2013-01-01", "2016-01-01", "2016-02-01"}


def _reference_points(store: Store, keep: Keep, limit: int) -> list[list[Any]]:
    """Located incidents, deadliest first (no toll counts as 0), then by id."""
    rows = [r for r in _all_rows(store) if keep(r)]
    located = [r for r in rows if r.latitude is not None and r.longitude is not None]
    if len(located) > limit:
        located.sort(key=lambda r: (-(r.fatalities or 0), r.incident_id))
    return [
        [r.incident_id, round(float(r.latitude), 5), round(float(r.longitude), 5), r.event_type,
         r.fatalities, r.event_date.isoformat() if r.event_date else None, r.location, r.actor1]
        for r in located[:limit]
    ]  # fmt: skip


def test_map_points_equal_the_definition(filled: Store) -> None:
    for (f, keep), limit in [
        (EVERYTHING, 200),  # capped, unfiltered: walks the rank index
        (PROTESTS, 50),  # capped, filtered: scan and sort
        (FROM_FEBRUARY, 10_000),  # not capped
    ]:
        total, located, points = _sql_points(filled, f, limit)
        want = _reference_points(filled, keep, limit)
        assert total == filled.count_incidents(f) == sum(map(keep, _all_rows(filled)))
        assert located == len(_reference_points(filled, keep, 10**9))
        if located > limit:
            assert points == want, f  # the same incidents in the same order
        else:
            assert sorted(points) == sorted(want), f
        assert len(points) == min(limit, located)


def test_pages_with_inlined_limits(filled: Store) -> None:
    everything = filled.query_incidents(limit=None, order_by="-fatalities")
    assert len(everything) == N
    for offset, limit in [(0, 7), (13, 100), (N - 3, 10)]:
        page = filled.query_incidents(limit=limit, offset=offset, order_by="-fatalities")
        assert [i.incident_id for i in page] == [
            i.incident_id for i in everything[offset : offset + limit]
        ]


def test_data_version_sees_other_writers(store: Store) -> None:
    from incidentwatch.store import open_store

    v0 = store.data_version()
    if store.engine.dialect.name != "sqlite":
        assert v0 is None  # no cheap change counter: the API does not cache
        return
    assert v0 is not None and store.data_version() == v0  # reads change nothing
    other = open_store(store.url)
    bulk_load(other, 3)
    other.close()
    v1 = store.data_version()
    assert v1 is not None and v1 != v0
    with store.engine.begin() as conn:  # the store's own pool counts as another writer too
        conn.execute(update(IncidentRow).values(fatalities=IncidentRow.fatalities + 1))
    assert store.data_version() not in (v0, v1)
