"""Map points: the few columns the map needs, for up to 100,000 incidents.

The store contract offers `incidents_frame` (every column, as a DataFrame), which
costs seconds at 100k incidents. When the store is the SQL store of this package,
one narrow SELECT over its incidents table with the same filter conditions does the
job in a fraction of that; any other store goes through the frame.
"""

from __future__ import annotations

import logging
import math
from typing import Any

log = logging.getLogger(__name__)

Point = list[Any]  # [incident_id, lat, lon, event_type, fatalities, "YYYY-MM-DD", place]


def _num(value: Any) -> int | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else int(f)


def _sql_points(store: Any, f: Any, limit: int) -> tuple[int, int, list[Point]]:
    from sqlalchemy import String, cast, func, literal_column, select

    from incidentwatch.store.models import IncidentRow as I
    from incidentwatch.store.query import conditions, page_of

    where = conditions(f)
    located = [*where, I.latitude.is_not(None), I.longitude.is_not(None)]
    sqlite = store.engine.dialect.name == "sqlite"
    # SQLite keeps dates as ISO text: read them as text rather than parse and re-format.
    date = cast(I.event_date, String()) if sqlite else I.event_date
    cols = (I.incident_id, I.latitude, I.longitude, I.event_type, I.fatalities, date,
            I.location, I.actor1)  # fmt: skip
    # A Core connection, not an ORM session: no per-row ORM bookkeeping for 20,000 rows.
    with store.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(I).where(*where)) or 0)
        n_located = int(conn.scalar(select(func.count()).select_from(I).where(*located)) or 0)
        stmt: Any = select(*cols).where(*located)
        if n_located > limit:
            # The deadliest first, so a capped map still shows what matters most.
            # A literal 0, not a bound parameter: only the same expression as the
            # index's can use it (and SQLite sorts a bound one markedly slower).
            rank: Any = func.coalesce(I.fatalities, literal_column("0"))
            if where and sqlite:
                # "+ 0" keeps SQLite off ix_incidents_fat_rank when a filter is set:
                # walking it would visit every row in rank order (2-3x slower than a
                # scan and sort); unfiltered, it is what makes the capped map fast.
                rank = rank + literal_column("0")
            stmt = stmt.order_by(rank.desc(), I.incident_id)
        rows: list[Any] = conn.execute(page_of(stmt, limit)).all()
    if sqlite:
        return total, n_located, [
            [r[0], round(r[1], 5), round(r[2], 5), r[3], r[4], r[5][:10] if r[5] else None,
             r[6], r[7]]
            for r in rows
        ]  # fmt: skip
    pts = [
        [
            r[0],
            round(float(r[1]), 5),
            round(float(r[2]), 5),
            r[3],
            r[4],
            r[5].isoformat() if r[5] else None,
            r[6],
            r[7],
        ]
        for r in rows
    ]
    return total, n_located, pts


def _frame_points(store: Any, f: Any, limit: int) -> tuple[int, int, list[Point]]:
    frame = store.incidents_frame(f)
    total = len(frame)
    frame = frame[frame["latitude"].notna() & frame["longitude"].notna()]
    n_located = len(frame)
    if n_located > limit:
        frame = frame.sort_values("fatalities", ascending=False, na_position="last").head(limit)
    pts = []
    for row in frame.itertuples(index=False):
        date = row.event_date
        pts.append(
            [
                row.incident_id,
                round(float(row.latitude), 5),
                round(float(row.longitude), 5),
                row.event_type if isinstance(row.event_type, str) else None,
                _num(row.fatalities),
                None if date is None or date != date else str(date)[:10],
                row.location if isinstance(row.location, str) else None,
                row.actor1 if isinstance(row.actor1, str) else None,
            ]
        )
    return total, n_located, pts


def incident_points(store: Any, f: Any, limit: int) -> tuple[int, int, list[Point]]:
    """(matching incidents, of them with coordinates, up to `limit` points)."""
    if getattr(store, "engine", None) is not None:
        try:
            return _sql_points(store, f, limit)
        except ImportError as exc:  # a store without the SQL tables: use the contract
            log.info("map points through incidents_frame: %s", exc)
    return _frame_points(store, f, limit)
