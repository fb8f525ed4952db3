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
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, text

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
# Rows a transaction of the copy writes: a bounded WAL (one transaction for a million
# rows grew it to 3 GB) and bounded memory, whatever the store's size.
COPY_CHUNK = 20_000


def bulk_load(
    store: Store,
    n: int,
    seed: int = 7,
    chunk: int = 5000,
    *,
    tail: int = EXACT_TAIL,
    copy_chunk: int = COPY_CHUNK,
) -> None:
    """Fill a store with n incidents quickly (no merging), to time what comes after.

    The rows are those of `synthetic_articles` (same ids, texts, records), built
    straight from each `synthetic_incident` without the Article round trip, and
    written with Core executemany inserts (the ORM's bulk path costs about as much
    again per row). On SQLite a store of more than 2 x `tail` incidents gets only
    its last `tail` rows that way; the older ones are copies of them moved back by
    whole blocks of days, made by INSERT ... SELECT in transactions of `copy_chunk`
    rows, each followed by a WAL checkpoint. Merging a new article looks only at
    the reports within its date window (the last weeks, all exact rows); the copies
    give the indexes their full depth."""
    if tail % PER_DAY:
        raise ValueError(f"tail must be a multiple of {PER_DAY} (whole days)")
    copy = store.engine.dialect.name == "sqlite" and n > 2 * tail
    first = n - tail if copy else 0
    _python_rows(store, first, n, seed, chunk)
    if copy:
        _copy_back(store, first, tail, copy_chunk)
    # Planner statistics, as autovacuum would have them for a store that grew normally.
    with store.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    if store.engine.dialect.name == "sqlite":
        _checkpoint(store)


def _checkpoint(store: Store) -> None:
    """Copy the WAL into the database file and empty it (no reader holds it here)."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _rowids(store: Store, table: str, where: str, params: Mapping[str, object]) -> tuple[int, int]:
    with store.engine.connect() as conn:
        lo, hi = conn.execute(
            text(f"SELECT min(rowid), max(rowid) FROM {table} WHERE {where}"), params
        ).one()
    if lo is None:
        raise RuntimeError(f"bulk_load: no {table} rows to copy")
    return int(lo), int(hi)


def _copy_back(store: Store, first: int, tail: int, copy_chunk: int) -> None:
    """Rows 0..first-1 on SQLite: copies of rows first.. moved back `c` blocks of
    `tail` incidents (tail / PER_DAY days), with their own ids and URL keys.

    Each block is copied in slices of `copy_chunk` source rows, a transaction each.
    A slice is picked by rowid (the tail's rows were inserted in order, so a slice of
    article numbers is a range of rowids in every table): a range scan, where a
    filter on the number parsed from the id would read the whole growing table."""
    days_per_block = tail // PER_DAY
    num = "CAST(substr(article_id, 7) AS INTEGER)"  # "bench-123" -> 123
    shifted = "date({col}, '-' || :days || ' days')"
    new_aid = f"'bench-' || ({num} - :off)"
    new_iid = "'iw-c' || :c || '-' || substr(incident_id, 4)"
    ids = {"a": f"bench-{first}", "b": f"bench-{first + tail - 1}"}
    art_rows = _rowids(store, "articles", "article_id IN (:a, :b)", ids)
    rep_rows = _rowids(store, "incident_reports", "article_id IN (:a, :b)", ids)
    with store.engine.connect() as conn:
        inc_ids = (
            conn.execute(
                text("SELECT incident_id FROM incident_reports WHERE rowid IN (:lo, :hi)"),
                {"lo": rep_rows[0], "hi": rep_rows[1]},
            )
            .scalars()
            .all()
        )
    inc_rows = _rowids(
        store, "incidents", "incident_id IN (:a, :b)", {"a": inc_ids[0], "b": inc_ids[-1]}
    )
    if not (art_rows[1] - art_rows[0] == rep_rows[1] - rep_rows[0] == inc_rows[1] - inc_rows[0]):
        raise RuntimeError("bulk_load: the tail's rows are not contiguous; use a fresh store")
    where = "WHERE rowid BETWEEN :lo AND :hi"
    for c in range(1, first // tail + 2):
        off = c * tail
        # Tail row first + k becomes row first + k - off: the oldest block starts at 0.
        for k in range(max(0, off - first), tail, copy_chunk):
            m = min(copy_chunk, tail - k)
            p = {"off": off, "days": c * days_per_block, "c": c}
            with store._write.begin() as s:
                s.execute(
                    text(
                        "INSERT INTO articles (article_id, url, url_key, outlet, published_at, "
                        "text, content_hash, norm_hash, sim0, sim1, sim2, sim3, n_incidents, "
                        f"ingested_at) SELECT {new_aid}, "
                        f"'https://bench.example/' || ({num} - :off), "
                        "substr(url_key, 1, 52) || printf('%012d', :c), outlet, "
                        f"{shifted.format(col='published_at')}, text, content_hash, norm_hash, "
                        "sim0, sim1, sim2, sim3, n_incidents, ingested_at FROM articles " + where
                    ),
                    {**p, "lo": art_rows[0] + k, "hi": art_rows[0] + k + m - 1},
                )
                s.execute(
                    text(
                        "INSERT INTO incidents (incident_id, event_date, date_precision, "
                        "event_type, admin1, location, latitude, longitude, fatalities, "
                        f"n_sources, record, created_at, updated_at) SELECT {new_iid}, "
                        f"{shifted.format(col='event_date')}, date_precision, event_type, "
                        "admin1, location, latitude, longitude, fatalities, n_sources, "
                        f"json_set(record, '$.event_date', {shifted.format(col='event_date')}), "
                        "created_at, updated_at FROM incidents " + where
                    ),
                    {**p, "lo": inc_rows[0] + k, "hi": inc_rows[0] + k + m - 1},
                )
                s.execute(
                    text(
                        "INSERT INTO incident_reports (incident_id, article_id, ordinal, "
                        "date_lo, date_hi, cell, country_code, admin1_key, place_key, "
                        "fatalities_update, injuries_update, record) SELECT "
                        f"{new_iid}, {new_aid}, ordinal, "
                        f"{shifted.format(col='date_lo')}, {shifted.format(col='date_hi')}, "
                        "cell, country_code, admin1_key, place_key, fatalities_update, "
                        "injuries_update, "
                        f"json_set(record, '$.event_date', {shifted.format(col='date_lo')}) "
                        "FROM incident_reports " + where
                    ),
                    {**p, "lo": rep_rows[0] + k, "hi": rep_rows[0] + k + m - 1},
                )
            _checkpoint(store)


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


class StatementProfile:
    """Per SQL statement of a store's engine while active: how often it ran, its wall
    time, and the parameters of its last run (to ask the planner about it)."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine
        self.stats: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        self.params: dict[str, Any] = {}
        self._t0: dict[int, float] = {}

    def _before(self, conn: Any, cursor: Any, stmt: str, params: Any, ctx: Any, many: bool) -> None:
        self._t0[id(cursor)] = time.perf_counter()

    def _after(self, conn: Any, cursor: Any, stmt: str, params: Any, ctx: Any, many: bool) -> None:
        st = self.stats[stmt]
        st[0] += 1
        st[1] += time.perf_counter() - self._t0.pop(id(cursor), time.perf_counter())
        if not many:
            self.params[stmt] = params

    def __enter__(self) -> StatementProfile:
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)

    def top(self, k: int) -> list[tuple[str, int, float]]:
        """The k statements with the most time: (statement, runs, seconds)."""
        rows = sorted(self.stats.items(), key=lambda kv: -kv[1][1])[:k]
        return [(stmt, int(n), t) for stmt, (n, t) in rows]

    def plan(self, stmt: str) -> list[str]:
        """SQLite's EXPLAIN QUERY PLAN of a SELECT that ran, with its last parameters."""
        if self.engine.dialect.name != "sqlite" or not stmt.lstrip().upper().startswith("SELECT"):
            return []
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, self.params.get(stmt, ()))
            return [str(r[-1]) for r in rows]


def _short(stmt: str, n: int = 150) -> str:
    one = " ".join(stmt.split())
    return one if len(one) <= n else one[: n - 3] + "..."


def bench_merge(
    sizes: list[int],
    *,
    probe: int = 200,
    db_url: str | None = None,
    fresh_pg: bool = False,
    echo: Callable[[str], None],
    statements: int = 0,
) -> list[dict[str, float]]:
    """Merge cost per new article at each store size; `statements` > 0 also prints the
    SQL statements that cost most in the timed part, with their SQLite query plans."""
    rows = []
    # CPU ms of this process too: on a shared machine the wall time mostly measures
    # the wait for a core (SQLite runs in this process; PostgreSQL's server does not).
    echo(
        f"{'incidents':>10} {'ms/new article':>15} {'CPU ms':>7} {'merged':>7} {'new':>5}"
        f" {'fill s':>7} {'fill CPU s':>10}"
    )
    for n in sorted(sizes):
        with tempfile.TemporaryDirectory() as tmp:
            url = db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            if fresh_pg and db_url:
                url = _fresh_pg_db(db_url, f"bench_{n}")
            store = open_store(url)
            try:
                f0, fc0 = time.perf_counter(), time.process_time()
                bulk_load(store, n)
                fill, fill_cpu = time.perf_counter() - f0, time.process_time() - fc0
                arts = probe_articles(n, probe)
                with StatementProfile(store) as prof:
                    t0, c0 = time.perf_counter(), time.process_time()
                    rep = ingest_articles(store, arts, use_embedded=True)
                    ms = (time.perf_counter() - t0) * 1000 / max(1, len(arts))
                    cpu = (time.process_time() - c0) * 1000 / max(1, len(arts))
                row = {
                    "incidents": n,
                    "ms_per_article": ms,
                    "cpu_ms": cpu,
                    "merged": rep.reports_merged,
                    "fill_s": fill,
                    "fill_cpu_s": fill_cpu,
                }
                rows.append(row)
                echo(
                    f"{n:>10} {ms:>15.2f} {cpu:>7.2f} "
                    f"{rep.reports_merged:>7} {rep.incidents_created:>5} {fill:>7.0f} "
                    f"{fill_cpu:>10.0f}"
                )
                for stmt, runs, secs in prof.top(statements):
                    echo(
                        f"    {secs * 1000 / max(1, len(arts)):6.2f} ms/article "
                        f"{runs:>5} runs  {_short(stmt)}"
                    )
                    for line in prof.plan(stmt):
                        echo(f"        plan: {line}")
            finally:
                store.close()
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
