"""Query parameters shared by the list, points, CSV and aggregate endpoints.

One dependency parses and validates them, so every endpoint accepts the same
filter names as the web UI puts in its URL (a view can be shared by its link).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Query

MAX_TEXT = 200


@dataclass(frozen=True)
class FilterParams:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    min_fatalities: int | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_store(self) -> Any:
        """The store's IncidentFilter for these parameters."""
        from incidentwatch.store import IncidentFilter

        return IncidentFilter(
            date_from=self.date_from,
            date_to=self.date_to,
            country=self.country,
            admin1=self.admin1,
            admin2=self.admin2,
            actor=self.actor,
            event_type=self.event_type,
            sub_event_type=self.sub_event_type,
            min_fatalities=self.min_fatalities,
            text=self.q,
            bbox=self.bbox,
        )

    def without_dates(self) -> FilterParams:
        return FilterParams(**{**self.__dict__, "date_from": None, "date_to": None})


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    # A NUL ends the pattern inside the database's LIKE, so `q=%00` would match
    # everything; no filter value has a control character, so refuse them all.
    if _CONTROL.search(value):
        raise HTTPException(400, "filter values must not contain control characters")
    value = value.strip()
    return value or None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not _clean(value):
        return None
    assert value is not None
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise HTTPException(
            400, "bbox must be four numbers 'west,south,east,north' in degrees"
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(400, "bbox out of range: need -180<=lon<=180, -90<=south<=north<=90")
    return (west, south, east, north)


def filter_params(
    date_from: Annotated[
        dt.date | None, Query(description="First event date, inclusive (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(description="Last event date, inclusive (YYYY-MM-DD).")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=60, description="ISO2 code or English name.")
    ] = None,
    admin1: Annotated[str | None, Query(max_length=100, description="Governorate.")] = None,
    admin2: Annotated[str | None, Query(max_length=100, description="District.")] = None,
    actor: Annotated[
        str | None, Query(max_length=150, description="Canonical actor name (either side).")
    ] = None,
    event_type: Annotated[str | None, Query(max_length=60, description="ACLED event type.")] = None,
    sub_event_type: Annotated[
        str | None, Query(max_length=80, description="ACLED sub-event type.")
    ] = None,
    min_fatalities: Annotated[
        int | None, Query(ge=0, le=1_000_000, description="Minimum best fatality count.")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="Text search in summary, place and actors."),
    ] = None,
    bbox: Annotated[
        str | None, Query(description="Map window 'west,south,east,north' in degrees.")
    ] = None,
) -> FilterParams:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, f"date_from ({date_from}) is after date_to ({date_to})")
    return FilterParams(
        date_from=date_from,
        date_to=date_to,
        country=_clean(country),
        admin1=_clean(admin1),
        admin2=_clean(admin2),
        actor=_clean(actor),
        event_type=_clean(event_type),
        sub_event_type=_clean(sub_event_type),
        min_fatalities=min_fatalities,
        q=_clean(q),
        bbox=parse_bbox(bbox),
    )
