"""Global Terrorism Database export row -> gold article with one incident."""

from __future__ import annotations

from datetime import date

from incidentwatch.evaluate.reference.common import (
    RowError,
    country,
    is_unknown,
    parse_float,
    parse_int,
)
from incidentwatch.evaluate.reference.csvfile import Row
from incidentwatch.records import Actor, Count, GoldArticle, Incident, Location

DATASET = "GTD"
REQUIRED = ("eventid", "iyear", "imonth", "iday", "country_txt", "summary")

# GTD "specificity" -> codebook geo_precision: 1 exact town; 2-3 town not found or
# not in a town, so the smallest admin unit's centre; 4 governorate centre; 5 country.
_SPECIFICITY = {1: 1, 2: 2, 3: 2, 4: 3}


def _event_date(row: Row) -> tuple[str | None, int | None]:
    year = parse_int(row.get("iyear"), "iyear")
    month = parse_int(row.get("imonth"), "imonth") or 0
    day = parse_int(row.get("iday"), "iday") or 0
    if year is None:
        raise RowError("no iyear")
    if month == 0:
        # Only the year is known: the codebook has no precision for that.
        return None, None
    try:
        # GTD writes day 0 when only the month is known: first day, precision 3.
        return date(year, month, day or 1).isoformat(), 1 if day else 3
    except ValueError as exc:
        raise RowError(f"bad date {year}-{month}-{day}") from exc


def _coordinate(value: str, what: str, limit: float) -> float | None:
    number = parse_float(value, what)
    return number if number is not None and -limit <= number <= limit else None


def convert(row: Row, published_from_event_date: bool) -> GoldArticle:
    event_id = row.get("eventid")
    if not event_id:
        raise RowError("no eventid")
    text = row.get("summary")
    if not text:
        raise RowError("no summary (the article text)")
    event_date, precision = _event_date(row)
    place = country(row.get("country_txt"))
    country_name = row.get("country_txt") or (place.code if place else "")
    city, province = row.get("city"), row.get("provstate")
    lat = _coordinate(row.get("latitude"), "latitude", 90)
    lon = _coordinate(row.get("longitude"), "longitude", 180)
    # GTD writes "Unknown" for a city or province it could not identify.
    name = city if not is_unknown(city) else province if not is_unknown(province) else None
    location = Location(name=name, latitude=lat, longitude=lon) if name else None
    specificity = parse_int(row.get("specificity"), "specificity")
    gname = row.get("gname")
    if is_unknown(gname):
        actor1 = Actor(name=f"Unidentified Armed Group ({country_name})")
    else:
        actor1 = Actor(name=gname)
    assoc = [Actor(name=g) for g in (row.get("gname2"), row.get("gname3")) if not is_unknown(g)]
    weapons = [w for w in (row.get(f"weaptype{k}_txt") for k in (1, 2, 3, 4)) if w and w != "."]
    incident = Incident(
        event_date=event_date,
        date_precision=precision,
        attack_type=row.get("attacktype1_txt") or None,
        target_type=row.get("targtype1_txt") or None,
        weapon_types=weapons,
        actor1=actor1,
        assoc_actors1=assoc,
        country=place,
        admin1=None if is_unknown(province) else province,
        location=location,
        geo_precision=_SPECIFICITY.get(specificity) if specificity else None,
        fatalities=Count(best=parse_int(row.get("nkill"), "nkill")),
        injuries=Count(best=parse_int(row.get("nwound"), "nwound")),
        reference={"dataset": "gtd", "id": event_id},
    )
    return GoldArticle(
        article_id=f"gtd-{event_id}",
        text=text,
        published_at=event_date if published_from_event_date else None,
        url=None,
        outlet=DATASET,
        incidents=[incident],
    )
