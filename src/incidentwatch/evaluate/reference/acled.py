"""ACLED export row -> gold article with one incident (codebook: ACLED fields)."""

from __future__ import annotations

from incidentwatch.evaluate.names import loose_label
from incidentwatch.evaluate.reference.common import (
    RowError,
    acled_actor_types,
    country,
    parse_date,
    parse_float,
    parse_int,
)
from incidentwatch.evaluate.reference.csvfile import Row
from incidentwatch.records import Actor, Count, GoldArticle, Incident, Location

DATASET = "ACLED"
REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "notes",
)


def _actor_type(value: str) -> int | None:
    """inter1/inter2: a digit in older exports, a label in newer ones; 0 = none."""
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 8 else None
    return acled_actor_types().get(loose_label(text) or "")


def _actor(name: str, inter: str) -> Actor | None:
    return Actor(name=name, type=_actor_type(inter)) if name else None


def _assoc(value: str) -> list[Actor]:
    return [Actor(name=n.strip()) for n in value.split(";") if n.strip()]


def _coordinate(value: str, what: str, limit: float) -> float | None:
    number = parse_float(value, what)
    return number if number is not None and -limit <= number <= limit else None


def convert(row: Row, published_from_event_date: bool) -> GoldArticle:
    event_id = row.get("event_id_cnty")
    if not event_id:
        raise RowError("no event_id_cnty")
    text = row.get("notes")
    if not text:
        raise RowError("no notes (the article text)")
    event_date = parse_date(row.get("event_date")).isoformat()
    precision = parse_int(row.get("time_precision"), "time_precision")
    if precision is not None and precision not in (1, 2, 3):
        raise RowError(f"bad time_precision {precision}")
    geo_precision = parse_int(row.get("geo_precision"), "geo_precision")
    location = None
    if row.get("location"):
        location = Location(
            name=row.get("location"),
            latitude=_coordinate(row.get("latitude"), "latitude", 90),
            longitude=_coordinate(row.get("longitude"), "longitude", 180),
        )
    incident = Incident(
        event_date=event_date,
        date_precision=precision,
        event_type=row.get("event_type") or None,
        sub_event_type=row.get("sub_event_type") or None,
        actor1=_actor(row.get("actor1"), row.get("inter1")),
        actor2=_actor(row.get("actor2"), row.get("inter2")),
        assoc_actors1=_assoc(row.get("assoc_actor_1")),
        assoc_actors2=_assoc(row.get("assoc_actor_2")),
        country=country(row.get("country"), row.get("iso")),
        admin1=row.get("admin1") or None,
        admin2=row.get("admin2") or None,
        location=location,
        geo_precision=geo_precision if geo_precision in (1, 2, 3) else None,
        # ACLED codes one conservative figure; it has no injuries column.
        fatalities=Count(best=parse_int(row.get("fatalities"), "fatalities")),
        injuries=Count(),
        reference={"dataset": "acled", "id": event_id},
    )
    return GoldArticle(
        article_id=f"acled-{event_id}",
        text=text,
        published_at=event_date if published_from_event_date else None,
        url=None,
        outlet=DATASET,
        incidents=[incident],
    )
