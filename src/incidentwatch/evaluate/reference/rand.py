"""RAND Database of Worldwide Terrorism Incidents row -> gold article."""

from __future__ import annotations

from incidentwatch.evaluate.names import loose_label
from incidentwatch.evaluate.reference.common import (
    RowError,
    country,
    is_unknown,
    parse_date,
    parse_int,
    rand_weapons,
)
from incidentwatch.evaluate.reference.csvfile import Row
from incidentwatch.records import Actor, Count, GoldArticle, Incident, Location

DATASET = "RAND RDWTI"
REQUIRED = ("date", "country", "description")


def _weapons(value: str) -> list[str]:
    if not value:
        return []
    return [rand_weapons().get(loose_label(value) or "", "Other")]


def convert(row: Row, published_from_event_date: bool, row_id: str) -> GoldArticle:
    text = row.get("description")
    if not text:
        raise RowError("no Description (the article text)")
    event_date = parse_date(row.get("date")).isoformat()
    country_name = row.get("country")
    perpetrator = row.get("perpetrator")
    if perpetrator.casefold() == "unknown":
        actor1: Actor | None = Actor(name=f"Unidentified Armed Group ({country_name})")
    elif is_unknown(perpetrator) or perpetrator.casefold() == "other":
        # RAND's "Other" names no group: no gold value.
        actor1 = None
    else:
        actor1 = Actor(name=perpetrator)
    city = row.get("city")
    incident = Incident(
        event_date=event_date,
        date_precision=1,
        weapon_types=_weapons(row.get("weapon")),
        actor1=actor1,
        country=country(country_name),
        location=None if is_unknown(city) else Location(name=city),
        fatalities=Count(best=parse_int(row.get("fatalities"), "Fatalities")),
        injuries=Count(best=parse_int(row.get("injuries"), "Injuries")),
        reference={"dataset": "rand", "id": row_id},
    )
    return GoldArticle(
        article_id=f"rand-{row_id}",
        text=text,
        published_at=event_date if published_from_event_date else None,
        url=None,
        outlet=DATASET,
        incidents=[incident],
    )
