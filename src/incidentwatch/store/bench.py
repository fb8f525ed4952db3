"""Store benchmarks: ingest throughput and merge cost as the store grows.

Synthetic, pre-extracted articles (one incident each) so the numbers measure
the store and the merge, not the extractor. Places are spread over Iraq and
dates run at a steady rate of incidents per day, as in a real conflict
record: a bigger store covers a longer period, not a denser one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import insert, text

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import (
    Actor,
    Article,
    Count,
    Country,
    Evidence,
    Incident,
    Location,
    incident_id,
)
from incidentwatch.resolve.merge import cell_of, date_interval, norm_name
from incidentwatch.store.models import ArticleRow, IncidentRow, ReportRow
from incidentwatch.store.store import Store, open_store

PER_DAY = 30
START = dt.date(2010, 1, 1)
TYPES = [
    ("Battles", "Armed clash", "Armed Assault"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Bombing/Explosion"),
    ("Violence against civilians", "Attack", "Armed Assault"),
    ("Protests", "Peaceful protest", None),
]
ACTORS = [
    ("Islamic State (Iraq)", 2),
    ("Military Forces of Iraq", 1),
    ("Unidentified Armed Group (Iraq)", 3),
    ("Popular Mobilization Forces", 1),
]
WORDS = [
    "security", "source", "police", "said", "attack", "village", "district", "checkpoint",
    "killed", "wounded", "gunmen", "army", "patrol", "officials", "morning", "night", "road",
    "near", "local", "hospital", "residents",
]  # fmt: skip


def synthetic_incident(i: int, rng: random.Random, article_id: str) -> tuple[Incident, str]:
    day = START + dt.timedelta(days=i // PER_DAY)
    lat = round(rng.uniform(30.0, 37.0), 4)
    lon = round(rng.uniform(40.0, 48.0), 4)
    place = f"Place{rng.randrange(20_000)}"
    et, st, at = rng.choice(TYPES)
    actor, atype = rng.choice(ACTORS)
    k = rng.randrange(0, 9)
    filler = " ".join(rng.choice(WORDS) for _ in range(40))
    text = f"An incident in {place} on {day.isoformat()} killed {k} people. {filler} ({i})"
    s = text.index(place)
    inc = Incident(
        event_date=day.isoformat(),
        date_precision=1,
        event_type=et,
        sub_event_type=st,
        attack_type=at,
        actor1=Actor(name=actor, type=atype),
        country=Country(code="IQ", name="Iraq"),
        admin1=f"Gov{int(lat * 2) % 18}",
        location=Location(name=place, latitude=lat, longitude=lon),
        geo_precision=1,
        fatalities=Count(best=k),
        summary=text[:80],
        evidence=[Evidence(field="location", article_id=article_id, start=s, end=s + len(place))],
    )
    return inc, text


def synthetic_articles(
    start: int, n: int, seed: int = 7, prefix: str = "bench"
) -> Iterator[Article]:
    for i in range(start, start + n):
        # One generator per index: article i is the same whichever batch makes it.
        rng = random.Random(seed * 1_000_003 + i)
        aid = f"{prefix}-{i}"
        inc, text = synthetic_incident(i, rng, aid)
        yield Article(
            article_id=aid,
            text=text,
            published_at=inc.event_date,
            outlet="Bench Wire",
            url=f"https://bench.example/{i}",
            incidents=[inc.model_dump(mode="json")],
        )


def bulk_load(store: Store, n: int, seed: int = 7, chunk: int = 5000) -> None:
    """Fill a store with n incidents quickly (no merging), to time what comes after.

    The rows are those of `synthetic_articles` (same ids, texts, records), built
    straight from each `synthetic_incident` without the Article round trip, and
    written with Core executemany inserts (the ORM's bulk path costs about as much
    again per row)."""
    from incidentwatch.ingest import dedupe

    now = dt.datetime.now(dt.UTC)
    done = 0
    while done < n:
        m = min(chunk, n - done)
        arts, incs, reps = [], [], []
        for i in range(done, done + m):
            rng = random.Random(seed * 1_000_003 + i)
            aid = f"bench-{i}"
            inc, body = synthetic_incident(i, rng, aid)
            url = f"https://bench.example/{i}"
            b = dedupe.bands(dedupe.simhash64(body))
            arts.append(
                {
                    "article_id": aid,
                    "url": url,
                    "url_key": dedupe.url_key(url),
                    "outlet": "Bench Wire",
                    "published_at": inc.event_date,
                    "text": body,
                    "content_hash": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                    "norm_hash": dedupe.norm_hash(body),
                    "sim0": b[0],
                    "sim1": b[1],
                    "sim2": b[2],
                    "sim3": b[3],
                    "n_incidents": 1,
                    "ingested_at": now,
                }
            )
            iid = incident_id(aid, 0)
            rec = inc.model_dump(mode="json", exclude={"evidence", "sources"})
            loc = inc.location
            assert loc is not None and loc.latitude is not None and loc.longitude is not None
            incs.append(
                {
                    "incident_id": iid,
                    "event_date": dt.date.fromisoformat(inc.event_date or ""),
                    "date_precision": 1,
                    "event_type": inc.event_type,
                    "admin1": inc.admin1,
                    "location": loc.name,
                    "latitude": loc.latitude,
                    "longitude": loc.longitude,
                    "fatalities": inc.fatalities.best,
                    "n_sources": 1,
                    "record": rec,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            iv = date_interval(inc)
            assert iv is not None
            reps.append(
                {
                    "incident_id": iid,
                    "article_id": aid,
                    "ordinal": 0,
                    "date_lo": iv[0],
                    "date_hi": iv[1],
                    "cell": cell_of(loc.latitude, loc.longitude),
                    "country_code": "IQ",
                    "admin1_key": norm_name(inc.admin1),
                    "place_key": norm_name(loc.name),
                    "fatalities_update": False,
                    "injuries_update": False,
                    "record": rec,
                }
            )
        with store._write.begin() as s:
            s.execute(insert(ArticleRow.metadata.tables["articles"]), arts)
            s.execute(insert(IncidentRow.metadata.tables["incidents"]), incs)
            s.execute(insert(ReportRow.metadata.tables["incident_reports"]), reps)
        done += m
    # Planner statistics, as autovacuum would have them for a store that grew normally.
    with store.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def probe_articles(base: int, n: int, seed: int = 11) -> list[Article]:
    """New articles at the end of the record: half re-report a recent incident
    in other words, half are new incidents."""
    rng = random.Random(seed)
    out: list[Article] = []
    for j in range(n):
        if j % 2 == 0 and base > 0:
            i = base - 1 - rng.randrange(min(base, 500))
            src = next(synthetic_articles(i, 1))
            inc = Incident.model_validate(src.incidents[0])  # type: ignore[attr-defined]
            aid = f"probe-{base}-{j}"
            text = "Follow-up: " + " ".join(rng.choice(WORDS) for _ in range(50)) + f" [{j}]"
            inc = inc.model_copy(update={"evidence": []})
            out.append(
                Article(
                    article_id=aid,
                    text=text,
                    published_at=inc.event_date,
                    outlet="Other Wire",
                    incidents=[inc.model_dump(mode="json")],
                )
            )
        else:
            # A new incident on the day after the last one in the store.
            out.extend(synthetic_articles(base + PER_DAY + j, 1, seed, prefix=f"probe{base}"))
    return out


def _fresh_pg_db(url: str, name: str) -> str:
    """A new, empty database on the server of `url`."""
    import psycopg

    base, _ = url.rsplit("/", 1)
    admin = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def bench_merge(
    sizes: list[int],
    *,
    probe: int = 200,
    db_url: str | None = None,
    fresh_pg: bool = False,
    echo: Callable[[str], None],
) -> list[dict[str, float]]:
    rows = []
    echo(f"{'incidents':>10} {'ms/new article':>15} {'merged':>7} {'new':>5}")
    for n in sorted(sizes):
        with tempfile.TemporaryDirectory() as tmp:
            url = db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            if fresh_pg and db_url:
                url = _fresh_pg_db(db_url, f"bench_{n}")
            store = open_store(url)
            try:
                bulk_load(store, n)
                arts = probe_articles(n, probe)
                t0 = time.perf_counter()
                rep = ingest_articles(store, arts, use_embedded=True)
                ms = (time.perf_counter() - t0) * 1000 / max(1, len(arts))
            finally:
                store.close()
            row = {"incidents": n, "ms_per_article": ms, "merged": rep.reports_merged}
            rows.append(row)
            echo(f"{n:>10} {ms:>15.2f} {rep.reports_merged:>7} {rep.incidents_created:>5}")
            if db_url and not fresh_pg:
                echo("(--db given: sizes accumulate in that database)")
    return rows


def bench_ingest(n: int, *, db_url: str | None = None, echo: Callable[[str], None]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = open_store(url)
        try:
            arts = list(synthetic_articles(0, n))
            t0 = time.perf_counter()
            rep = ingest_articles(store, arts, use_embedded=True)
            secs = time.perf_counter() - t0
        finally:
            store.close()
    rate = rep.added / secs if secs else 0.0
    echo(f"{url.split('@')[-1]}: {rep.summary()}")
    echo(f"{rate:.1f} articles/s ({secs:.1f} s for {rep.added})")
    return rate
