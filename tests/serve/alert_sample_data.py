"""A quiet governorate that suddenly flares up, written for the alerts UI test
(not taken from any dataset): one attack every other week in Kirkuk for half a
year, then a dozen in the last two weeks. Each incident points at its words."""

from __future__ import annotations

import datetime as dt

from incidentwatch.records import (
    Actor,
    Article,
    Count,
    Country,
    Evidence,
    Incident,
    Location,
    Source,
)

IRAQ = Country(code="IQ", name="Iraq")
END = dt.date(2024, 6, 30)  # a Sunday; the burst fills the 14 days up to it
PLACES = [
    ("Hawija", 35.3250, 43.7833),
    ("Daquq", 35.1386, 44.4497),
    ("Dibis", 35.6539, 44.0717),
    ("Altun Kupri", 35.7531, 44.1453),
    ("Taza Khurmatu", 35.3000, 44.3283),
    ("Laylan", 35.3828, 44.5356),
    ("Rashad", 35.0950, 43.9417),
    ("Riyadh", 35.2389, 43.7061),
    ("Abbasi", 35.1889, 43.5917),
    ("Zab", 35.7244, 43.5161),
    ("Multaqa", 35.3167, 43.5500),
    ("Yayaji", 35.4150, 44.2600),
    ("Shwan", 35.6150, 44.5720),
]
OPENINGS = [
    "Gunmen attacked a police checkpoint in {place}, Kirkuk province, {when}, "
    "killing {n} policemen, officials said.",
    "Security sources said {n} policemen died when gunmen fired at "
    "their post in {place}, Kirkuk province, {when}.",
    "In {place} in Kirkuk province, gunmen stormed a checkpoint {when} and shot "
    "dead {n} policemen, a local official said.",
]
CLOSINGS = [
    "No group claimed responsibility.",
    "The attackers fled towards the hills south of the town.",
    "Residents said the area had been calm for months.",
    "A curfew was imposed after the attack.",
]
NUMBERS = {1: "one", 2: "two", 3: "three"}


def _ev(art: Article, field: str, words: str) -> Evidence:
    start = art.text.lower().index(words.lower())
    end = start + len(words)
    return Evidence(
        field=field, article_id=art.article_id, start=start, end=end, text=art.text[start:end]
    )


def _dates() -> list[dt.date]:
    quiet = [END - dt.timedelta(days=14 + 14 * k + 3) for k in range(13)]
    burst = [END - dt.timedelta(days=d) for d in range(13, 1, -1)]
    return sorted(quiet) + burst


def build_alert_incidents() -> list[tuple[Article, list[Incident]]]:
    out = []
    for i, day in enumerate(_dates()):
        place, lat, lon = PLACES[i % len(PLACES)]
        n = 1 + i % 3
        when = f"on {day:%A, %B} {day.day}"
        text = OPENINGS[i % 3].format(place=place, when=when, n=NUMBERS[n]) + " " + CLOSINGS[i % 4]
        art = Article(
            article_id=f"t-kirkuk-{i:02d}",
            url=f"https://news.example.org/kirkuk/{i}",
            outlet="Example Wire",
            published_at=(day + dt.timedelta(days=1)).isoformat(),
            title=f"{NUMBERS[n].capitalize()} policemen killed in {place}",
            text=text,
        )
        killed = f"{NUMBERS[n]} policemen"
        inc = Incident(
            incident_id=f"inc-kirkuk-{i:02d}",
            event_date=day.isoformat(),
            date_precision=1,
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1=Actor(name="Unidentified Armed Group (Iraq)", type=3, mention="gunmen"),
            actor2=Actor(name="Police Forces of Iraq", type=1, mention="policemen"),
            country=IRAQ,
            admin1="Kirkuk",
            location=Location(name=place, latitude=lat, longitude=lon),
            geo_precision=2,
            fatalities=Count(best=n, low=n, high=n),
            summary=f"Gunmen killed {n} policemen at a checkpoint in {place}.",
            sources=[
                Source(
                    article_id=art.article_id,
                    url=art.url,
                    outlet=art.outlet,
                    published_at=art.published_at,
                )
            ],
            evidence=[
                _ev(art, "actor1", "gunmen"),
                _ev(art, "actor2", "policemen"),
                _ev(art, "location", place),
                _ev(art, "admin1", "Kirkuk province"),
                _ev(art, "event_date", when),
                _ev(art, "fatalities", killed),
            ],
            confidence=0.8,
            claim_status="reported",
        )
        out.append((art, [inc]))
    return out
