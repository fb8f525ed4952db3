"""Pairwise precision and recall of cross-article merging.

The merge test set is built at run time from the real, human-coded ACLED
events in ../shared/devdata (never copied here): for each event, this file
writes several differently-worded reports of it (other words, vaguer dates,
"near" a town or only its province, generic actor names, partial or updated
tolls), as the Incident records an extractor would make of them, plus
near-miss incidents (same town the next day; same day in another town more
than 25 km away). Real ACLED events that fall on the same day close to each
other are distinct in the gold too, so the set also measures the hazard that
the codebook rule itself carries. Run with -s to see the numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Actor, Article, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import Report, Resolver, haversine_km
from incidentwatch.store import open_store

DEVDATA = Path(__file__).resolve().parents[3] / "shared" / "devdata"
ACLED = DEVDATA / "acled_middle_east_2022h1_dev.csv"

ISO2 = {
    "Syria": "SY", "Yemen": "YE", "Turkey": "TR", "Palestine": "PS", "Iran": "IR",
    "Lebanon": "LB", "Israel": "IL", "Bahrain": "BH", "Saudi Arabia": "SA",
    "United Arab Emirates": "AE", "Iraq": "IQ", "Jordan": "JO",
}  # fmt: skip

# How reporters tell each kind of event; {actor}, {place}, {when}, {toll} are filled in.
TEMPLATES = {
    "Battles": [
        "Clashes broke out between {actor} and {actor2} {place} {when}{toll}.",
        "{Actor} fought {actor2} {place} {when}, sources said{toll}.",
        "Heavy fighting was reported {place} {when} involving {actor}{toll}.",
    ],
    "Explosions/Remote violence": [
        "{Actor} carried out a strike {place} {when}{toll}.",
        "An explosion hit {place_bare} {when}; officials blamed {actor}{toll}.",
        "Shells and rockets fell {place} {when}, residents said{toll}.",
    ],
    "Violence against civilians": [
        "{Actor} attacked civilians {place} {when}{toll}.",
        "Residents said {actor} assaulted people {place} {when}{toll}.",
    ],
    "Protests": [
        "Demonstrators gathered {place} {when} to protest.",
        "A protest took place {place} {when}, local media reported.",
        "Hundreds rallied {place} {when} against the authorities.",
    ],
    "Riots": [
        "Rioters clashed with security forces {place} {when}{toll}.",
        "Violent demonstrations erupted {place} {when}{toll}.",
    ],
    "Strategic developments": [
        "{Actor} carried out an operation {place} {when}.",
        "Security forces reported activity by {actor} {place} {when}.",
    ],
}
SUB_TYPES = {
    "Battles": [
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
        "Suicide bomb", "Grenade",
    ],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance", "Sexual violence"],
    "Protests": [
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    ],
    "Riots": ["Violent demonstration", "Mob violence"],
}  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Event:
    gold: str
    date: dt.date
    precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None
    actor2: str
    country: str
    admin1: str
    location: str
    lat: float
    lon: float
    fatalities: int


def load_events() -> list[Event]:
    out = []
    with ACLED.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["country"] not in ISO2 or not r["latitude"]:
                continue
            out.append(
                Event(
                    gold=r["event_id_cnty"],
                    date=dt.date.fromisoformat(r["event_date"]),
                    precision=int(r["time_precision"] or 1),
                    event_type=r["event_type"],
                    sub_event_type=r["sub_event_type"],
                    actor1=r["actor1"],
                    inter1=int(r["inter1"]) if r["inter1"] else None,
                    actor2=r["actor2"],
                    country=r["country"],
                    admin1=r["admin1"],
                    location=r["location"],
                    lat=float(r["latitude"]),
                    lon=float(r["longitude"]),
                    fatalities=int(r["fatalities"] or 0),
                )
            )
    return out


class Writer:
    """Writes one report of an event: text plus the Incident an extractor would make of it."""

    def __init__(
        self,
        rng: random.Random,
        admin1_centres: dict[tuple[str, str], tuple[float, float]],
        places: dict[str, list[tuple[str, float, float]]],
    ):
        self.rng = rng
        self.centres = admin1_centres
        self.places = places

    def report(self, ev: Event, aid: str, variant: int, *, final_toll: bool = True) -> Article:
        rng = self.rng
        pub = ev.date + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
        # When: a weekday, a calendar date, or (rarely: codebook 5a makes most such
        # events background) only the week, as in ACLED's own time precision.
        mode = rng.choices(["weekday", "date", "week"], weights=[10, 9, 1])[0]
        if ev.precision == 2 or (
            mode == "week" and ev.date.isocalendar()[:2] == pub.isocalendar()[:2]
        ):
            when = "earlier this week"
            date, precision = pub - dt.timedelta(days=pub.weekday()), 2
        elif mode == "weekday" and pub != ev.date:
            when = f"on {WEEKDAYS[ev.date.weekday()]}"
            date, precision = ev.date, 1
        else:
            when = f"on {ev.date.day} {ev.date.strftime('%B')}"
            date, precision = ev.date, ev.precision
        # Where: the town, near the town, or only the province.
        pmode = rng.choices(
            ["in", "near", "province", "other"], weights=[12, 4, 2 if variant else 0, 1]
        )[0]
        lat, lon, gp, loc_name = ev.lat, ev.lon, 1, ev.location
        close = [
            (name, la, lo)
            for name, la, lo in self.places.get(ev.country, [])
            if name != ev.location and haversine_km(ev.lat, ev.lon, la, lo) < 15
        ]
        if pmode == "other" and close:
            # Another outlet locates it by a neighbouring town.
            loc_name, lat, lon = rng.choice(close)
            place = f"near {loc_name}"
            gp = 2
        elif pmode in ("in", "other"):
            place = f"in {ev.location}"
        elif pmode == "near":
            place = f"near {ev.location}"
            gp = 2
        else:
            place = f"in {ev.admin1} province"
            lat, lon = self.centres[(ev.country, ev.admin1)]
            gp, loc_name = 3, ev.admin1
        # Who: the actor's name, or a generic description of it.
        generic = rng.random() < 0.3 and ev.inter1 in (2, 3, 8)
        a1 = f"Unidentified Armed Group ({ev.country})" if generic else ev.actor1
        actor_words = "gunmen" if generic else ev.actor1
        # Toll: the same, a partial early count, or a disagreeing figure.
        k = ev.fatalities
        tmode = rng.choices(["same", "early", "differ"], weights=[6, 2, 1])[0] if k else "same"
        update = False
        if tmode == "early" and not final_toll:
            k = max(0, k - rng.randint(1, max(1, k)))
            toll = f", killing {k}" if k else ""
        elif tmode == "early":
            toll = f"; the death toll rose to {k}"
            update = True
        elif tmode == "differ":
            k = k + rng.randint(1, 3)
            toll = f", killing {k}"
        else:
            toll = f", killing {k}" if k else ""
        # Outlets sometimes describe the same event as another kind of the same type.
        sub = ev.sub_event_type
        if rng.random() < 0.08:
            sub = rng.choice(SUB_TYPES.get(ev.event_type, [sub]))
        tmpl = rng.choice(TEMPLATES.get(ev.event_type, TEMPLATES["Strategic developments"]))
        actor2 = ev.actor2 or "others"
        text = tmpl.format(
            actor=actor_words,
            Actor=actor_words[0].upper() + actor_words[1:],
            actor2=actor2,
            place=place,
            place_bare=place.split(" ", 1)[1],
            when=when,
            toll=toll,
        )
        text = f"{ev.country.upper()} - {text} More details were not immediately available."

        def span(words: str, field: str) -> Evidence:
            i = text.index(words)
            return Evidence(field=field, article_id=aid, start=i, end=i + len(words), text=words)

        ev_spans = [span(place.split(" ", 1)[1], "location"), span(when, "event_date")]
        if actor_words in text:
            ev_spans.append(span(actor_words, "actor1"))
        if k and str(k) in toll:
            ev_spans.append(span(str(k), "fatalities"))
        inc = Incident(
            event_date=date.isoformat(),
            date_precision=precision,
            event_type=ev.event_type,
            sub_event_type=sub,
            actor1=Actor(name=a1, type=ev.inter1),
            actor2=Actor(name=ev.actor2) if ev.actor2 else None,
            country=Country(code=ISO2[ev.country], name=ev.country),
            admin1=ev.admin1,
            location=Location(name=loc_name, latitude=lat, longitude=lon),
            geo_precision=gp,
            fatalities=Count(best=k),
            summary=text,
            evidence=ev_spans,
            confidence=0.7,
            claim_status="reported",
        )
        del update  # the store finds "rose to" in the text itself
        return Article.model_validate(
            {
                "article_id": aid,
                "text": text,
                "published_at": pub.isoformat(),
                "outlet": rng.choice(["Wire A", "Wire B", "Daily C", "Radio D"]),
                "incidents": [inc.model_dump(mode="json")],
            }
        )


def shifted(ev: Event, **changes: Any) -> Event:
    return Event(**{**ev.__dict__, **changes})


def build_set(seed: int = 20220601) -> list[tuple[str, Article]]:
    """(gold incident, article) pairs: 2-3 reports per ACLED event, and near misses."""
    events = load_events()
    rng = random.Random(seed)
    acc: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for e in events:
        acc[(e.country, e.admin1)].append((e.lat, e.lon))
    centres = {
        k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)) for k, v in acc.items()
    }
    by_country: dict[str, list[Event]] = defaultdict(list)
    places: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for e in events:
        by_country[e.country].append(e)
        if (e.location, e.lat, e.lon) not in places[e.country]:
            places[e.country].append((e.location, e.lat, e.lon))
    w = Writer(rng, centres, places)
    tolls: dict[str, list[int]] = defaultdict(list)
    busy: set[tuple[str, dt.date]] = set()
    for e in events:
        tolls[e.event_type].append(e.fatalities)
        busy.update((e.location, e.date + dt.timedelta(days=d)) for d in (-1, 0, 1))
    out: list[tuple[str, Article]] = []
    for n, ev in enumerate(events):
        reports = rng.choice([2, 2, 3])
        for k in range(reports):
            out.append((ev.gold, w.report(ev, f"{ev.gold}-r{k}", k, final_toll=k > 0)))
        # A near miss must differ from every real event in the set, not only from
        # its own: no place-day that already has an event.
        next_day = ev.date + dt.timedelta(days=1)
        if (
            n % 3 == 0
            and ev.precision == 1
            and (ev.location, next_day + dt.timedelta(1)) not in busy
        ):
            # Same town, next day (meaningful only when the day is known), same
            # actors and type: another incident.
            # A different event has its own toll (drawn from events of its type).
            nxt = shifted(
                ev,
                gold=ev.gold + "-nextday",
                date=ev.date + dt.timedelta(days=1),
                fatalities=rng.choice(tolls[ev.event_type]),
            )
            out.append((nxt.gold, w.report(nxt, f"{nxt.gold}-r0", 0)))
        if n % 3 == 1:
            # Same day, another town of the same country 30-150 km away.
            others = [
                o
                for o in by_country[ev.country]
                if 30 < haversine_km(ev.lat, ev.lon, o.lat, o.lon) < 150
                and (o.location, ev.date) not in busy
            ]
            if others:
                o = rng.choice(others)
                far = shifted(
                    ev,
                    gold=ev.gold + "-othertown",
                    location=o.location,
                    admin1=o.admin1,
                    lat=o.lat,
                    lon=o.lon,
                    fatalities=rng.choice(tolls[ev.event_type]),
                )
                out.append((far.gold, w.report(far, f"{far.gold}-r0", 0)))
    return out


def pairwise(gold: list[str], pred: list[Any]) -> tuple[float, float, int, int]:
    def pairs(c: Counter[Any]) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    both = pairs(Counter(zip(gold, pred, strict=True)))
    g, p = pairs(Counter(gold)), pairs(Counter(pred))
    return (both / p if p else 1.0), (both / g if g else 1.0), g, p


def _reports(items: list[tuple[str, Article]]) -> list[Report]:
    return [
        Report(
            article_id=a.article_id,
            ordinal=0,
            incident=Incident.model_validate(a.incidents[0]),  # type: ignore[attr-defined]
            published_at=a.published_at,
        )
        for _, a in items
    ]


needs_devdata = pytest.mark.skipif(not ACLED.exists(), reason=f"dev data not found at {ACLED}")


@needs_devdata
def test_pairwise_merge_precision_recall() -> None:
    items = build_set()
    # Arrival in publication order, as in a live feed.
    items.sort(key=lambda x: (x[1].published_at or "", x[1].article_id))
    resolver = Resolver()
    pred = [resolver.add(r) for r in _reports(items)]
    p, r, g, np_ = pairwise([g for g, _ in items], pred)
    n_gold = len({g for g, _ in items})
    print(
        f"\nmerge test set: {len(items)} reports of {n_gold} incidents; "
        f"gold pairs {g}, predicted pairs {np_}; precision {p:.3f}, recall {r:.3f}"
    )
    # Measured 0.954 / 0.922 on this seed; 0.950 / 0.912 mean of seeds
    # 20220601, 1, 2, 3 (targets 0.95 / 0.90, see docs/store.md). Guard
    # against regressions.
    assert p >= 0.945
    assert r >= 0.91


@needs_devdata
def test_near_misses_are_kept_apart() -> None:
    items = build_set()
    items.sort(key=lambda x: (x[1].published_at or "", x[1].article_id))
    resolver = Resolver()
    pred = {a.article_id: resolver.add(r) for (_, a), r in zip(items, _reports(items), strict=True)}
    by_gold = defaultdict(set)
    for g, a in items:
        by_gold[g].add(pred[a.article_id])
    wrong = 0
    misses = [g for g in by_gold if g.endswith(("-nextday", "-othertown"))]
    for g in misses:
        base = g.rsplit("-", 1)[0]
        wrong += bool(by_gold[g] & by_gold[base])
    print(f"\nnear misses merged with their original: {wrong} of {len(misses)}")
    assert misses and wrong / len(misses) <= 0.05


@needs_devdata
def test_store_merges_like_the_resolver(tmp_path: Path) -> None:
    """The SQL candidate search finds what the in-memory index finds."""
    items = build_set()[:400]
    items.sort(key=lambda x: (x[1].published_at or "", x[1].article_id))
    st = open_store(f"sqlite:///{tmp_path / 'merge.db'}")
    rep = ingest_articles(st, [a for _, a in items], use_embedded=True)
    # Reports whose text came out word for word the same are one syndicated article.
    assert rep.duplicates == len(items) - rep.added < 40
    kept = set(rep.article_ids)
    items = [(g, a) for g, a in items if a.article_id in kept]
    stored = {
        s.article_id: i.incident_id for i in st.query_incidents(limit=None) for s in i.sources
    }
    st.close()
    resolver = Resolver()
    mem = [resolver.add(r) for r in _reports(items)]
    p, r, *_ = pairwise(mem, [stored[a.article_id] for _, a in items])
    assert p == 1.0 and r == 1.0


def test_pairwise_metric() -> None:
    assert pairwise(["a", "a", "b"], [1, 1, 2])[:2] == (1.0, 1.0)
    p, r, _, _ = pairwise(["a", "a", "b"], [1, 1, 1])
    assert (p, r) == (1 / 3, 1.0)
    p, r, _, _ = pairwise(["a", "a", "a"], [1, 1, 2])
    assert (p, r) == (1.0, 1 / 3)
    assert math.isclose(pairwise(["a", "b"], [1, 2])[0], 1.0)
