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


# On SQLite, rows before the last EXACT_TAIL of a big store are copies of that tail
# moved back in time (a multiple of PER_DAY, so a whole number of days).
EXACT_TAIL = 60_000


def bulk_load(store: Store, n: int, seed: int = 7, chunk: int = 5000) -> None:
    """Fill a store with n incidents quickly (no merging), to time what comes after.

    The rows are those of `synthetic_articles` (same ids, texts, records), built
    straight from each `synthetic_incident` without the Article round trip, and
    written with Core executemany inserts (the ORM's bulk path costs about as much
    again per row). On SQLite a store of more than 2 x EXACT_TAIL incidents gets
    only its last EXACT_TAIL rows that way; the older ones are copies of them moved
    back by whole blocks of days, made by INSERT ... SELECT (a million rows in
    minutes instead of an hour). Merging a new article looks only at the reports
    within its date window (the last weeks, all exact rows); the copies give the
    indexes their full depth."""
    copy = store.engine.dialect.name == "sqlite" and n > 2 * EXACT_TAIL
    first = n - EXACT_TAIL if copy else 0
    _python_rows(store, first, n, seed, chunk)
    if copy:
        _copy_back(store, first)
    # Planner statistics, as autovacuum would have them for a store that grew normally.
    with store.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def _copy_back(store: Store, first: int) -> None:
    """Rows 0..first-1 on SQLite: copies of rows first.. moved back `c` blocks of
    EXACT_TAIL incidents (EXACT_TAIL / PER_DAY days), with their own ids and URL keys."""
    days_per_block = EXACT_TAIL // PER_DAY
    num = "CAST(substr(article_id, 7) AS INTEGER)"  # "bench-123" -> 123
    shifted = "date({col}, '-' || :days || ' days')"
    with store._write.begin() as s:
        for c in range(1, first // EXACT_TAIL + 2):
            p = {"off": c * EXACT_TAIL, "days": c * days_per_block, "first": first, "c": c}
            src = f"FROM {{t}} WHERE {num} >= :first AND {num} - :off >= 0"
            new_aid = f"'bench-' || ({num} - :off)"
            new_iid = "'iw-c' || :c || '-' || substr(incident_id, 4)"
            s.execute(
                text(
                    "INSERT INTO articles (article_id, url, url_key, outlet, published_at, "
                    "text, content_hash, norm_hash, sim0, sim1, sim2, sim3, n_incidents, "
                    f"ingested_at) SELECT {new_aid}, 'https://bench.example/' || ({num} - :off), "
                    "substr(url_key, 1, 52) || printf('%012d', :c), outlet, "
                    f"{shifted.format(col='published_at')}, text, content_hash, norm_hash, "
                    "sim0, sim1, sim2, sim3, n_incidents, ingested_at " + src.format(t="articles")
                ),
                p,
            )
            s.execute(
                text(
                    "INSERT INTO incidents (incident_id, event_date, date_precision, "
                    "event_type, admin1, location, latitude, longitude, fatalities, n_sources, "
                    f"record, created_at, updated_at) SELECT {new_iid}, "
                    f"{shifted.format(col='event_date')}, date_precision, event_type, admin1, "
                    "location, latitude, longitude, fatalities, n_sources, "
                    f"json_set(record, '$.event_date', {shifted.format(col='event_date')}), "
                    "created_at, updated_at FROM incidents WHERE incident_id IN "
                    "(SELECT incident_id " + src.format(t="incident_reports") + ")"
                ),
                p,
            )
            s.execute(
                text(
                    "INSERT INTO incident_reports (incident_id, article_id, ordinal, date_lo, "
                    "date_hi, cell, country_code, admin1_key, place_key, fatalities_update, "
                    f"injuries_update, record) SELECT {new_iid}, {new_aid}, ordinal, "
                    f"{shifted.format(col='date_lo')}, {shifted.format(col='date_hi')}, cell, "
                    "country_code, admin1_key, place_key, fatalities_update, injuries_update, "
                    f"json_set(record, '$.event_date', {shifted.format(col='date_lo')}) "
                    + src.format(t="incident_reports")
                ),
                p,
            )


def _python_rows(store: Store, lo: int, hi: int, seed: int, chunk: int) -> None:
    """Rows lo..hi-1 of the synthetic record, built in Python."""
    from incidentwatch.ingest import dedupe

    now = dt.datetime.now(dt.UTC)
    done = lo
    while done < hi:
        m = min(chunk, hi - done)
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
    # CPU ms of this process too: on a shared machine the wall time mostly measures
    # the wait for a core (SQLite runs in this process; PostgreSQL's server does not).
    echo(f"{'incidents':>10} {'ms/new article':>15} {'CPU ms':>7} {'merged':>7} {'new':>5}")
    for n in sorted(sizes):
        with tempfile.TemporaryDirectory() as tmp:
            url = db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            if fresh_pg and db_url:
                url = _fresh_pg_db(db_url, f"bench_{n}")
            store = open_store(url)
            try:
                bulk_load(store, n)
                arts = probe_articles(n, probe)
                t0, c0 = time.perf_counter(), time.process_time()
                rep = ingest_articles(store, arts, use_embedded=True)
                ms = (time.perf_counter() - t0) * 1000 / max(1, len(arts))
                cpu = (time.process_time() - c0) * 1000 / max(1, len(arts))
            finally:
                store.close()
            row = {
                "incidents": n,
                "ms_per_article": ms,
                "cpu_ms": cpu,
                "merged": rep.reports_merged,
            }
            rows.append(row)
            echo(
                f"{n:>10} {ms:>15.2f} {cpu:>7.2f} "
                f"{rep.reports_merged:>7} {rep.incidents_created:>5}"
            )
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
