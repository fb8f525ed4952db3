"""The incident store: ingest articles (extract, merge, keep), query incidents."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Engine,
    Executable,
    Select,
    String,
    bindparam,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    union,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from incidentwatch.extract.lang.ar.search import index_text
from incidentwatch.ingest import dedupe
from incidentwatch.records import (
    FLOAT_COLUMNS,
    FRAME_COLUMNS,
    INT_COLUMNS,
    Article,
    Evidence,
    Incident,
    Source,
    incident_id,
    iso_date,
)
from incidentwatch.resolve.merge import (
    MAX_INTERVAL_DAYS,
    Report,
    candidate_window,
    cell_of,
    choose_cluster,
    coords,
    country_code,
    country_only,
    merge_reports,
    neighbour_cells,
    norm_name,
    report_interval,
    toll_updated,
)
from incidentwatch.store import db
from incidentwatch.store.models import (
    ArticleRow,
    Base,
    EvidenceRow,
    FeedRow,
    IncidentActorRow,
    IncidentAliasRow,
    IncidentRow,
    IngestPartitionRow,
    Outlet,
    ReportRow,
)
from incidentwatch.store.query import IncidentFilter, apply_order, conditions, page_of

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

PAGE_BY_ID_MAX = 1000  # query_incidents pages up to this size fetch ids first


# More than the articles a parallel ingest has in flight (2 batches of 8 a worker).
_FINGERPRINTS = 4096


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """An incident database at `url` (SQLite or PostgreSQL)."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._write_engine = engine.execution_options(iw_write=True)
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)
        # Outlet ids read back from the database (never ones a transaction that
        # may still roll back has just inserted).
        self._outlets: dict[str, int] = {}
        self._version_lock = threading.Lock()
        self._version_conn: sqlite3.Connection | None = None
        # The last articles' fingerprints: the parallel ingest's writer admits each
        # article twice (before a worker extracts it, and when storing it).
        self._fingerprints: dict[tuple[str, str | None], _Fingerprint] = {}
        self._fingerprints_lock = threading.Lock()

    # ------------------------------------------------------------ storing

    def admit(self, art: Article) -> Admission:
        """Whether `art` is new: the article to store (renamed when another text holds its
        id) and the stored article it duplicates, or None. Cheap, so callers ask before
        extracting."""
        fp = self._fingerprint(art)
        with self._read() as s:
            return _admission(s.connection(), art, fp)

    def _fingerprint(self, art: Article) -> _Fingerprint:
        """`_Fingerprint.of(art)`, computed once for an article's text and URL (the only
        inputs of its fields) while it is among the last `_FINGERPRINTS` admitted."""
        key = (art.content_hash, art.url)
        with self._fingerprints_lock:
            fp = self._fingerprints.get(key)
        if fp is None:
            fp = _Fingerprint.of(art, key[0])
            with self._fingerprints_lock:
                if len(self._fingerprints) >= _FINGERPRINTS:
                    del self._fingerprints[next(iter(self._fingerprints))]
                self._fingerprints[key] = fp
        return fp

    def add_article(
        self, admission: Admission, incidents: Sequence[Incident]
    ) -> tuple[int, int] | None:
        """Store an admitted article and its incident reports in one transaction, each
        report joining the incident it matches (resolve.merge) or starting one.
        Returns (incidents created, reports merged), or None when the article was stored
        meanwhile by another writer."""
        art, fp = admission.article, admission.fingerprint
        with self._write.begin() as s:
            self._lock(s)
            c = s.connection()
            if _stored_hash(c, art.article_id) is not None:
                return None
            if _find_duplicate(c, art, fp, None) is not None:
                return None
            return self._store_article(s, art, fp, incidents)

    def add_if_new(
        self, art: Article, incidents: Sequence[Incident]
    ) -> tuple[Admission, tuple[int, int] | None]:
        """Admit `art` and, when it is new under its own id, store it with its incident
        reports, in one transaction: the admission and (created, merged), or None
        when it was not stored (a duplicate; or renamed, as `admit` renames, and then
        its incidents, whose ids and evidence follow the article's id, are to be
        extracted again and stored with `add_article`).
        The writer of an ingest admits each article before extracting it (so a stored
        one costs no extraction) and then once more here, under the write lock, where
        the articles stored meanwhile are visible (issue 15: this admission replaces a
        third, outside the lock, that repeated it)."""
        fp = self._fingerprint(art)
        with self._write.begin() as s:
            self._lock(s)
            c = s.connection()
            admission = _admission(c, art, fp)
            if admission.duplicate is not None or admission.article is not art:
                return admission, None
            return admission, self._store_article(s, art, fp, incidents)

    def _lock(self, s: Session) -> None:
        # Merging reads candidates then writes: writers must take turns.
        # SQLite does this with BEGIN IMMEDIATE (see db.make_engine).
        if s.bind is not None and s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(4242001)"))

    def _store_article(
        self, s: Session, art: Article, fp: _Fingerprint, incidents: Sequence[Incident]
    ) -> tuple[int, int]:
        name = (art.outlet or "").strip()[:300]
        outlet_id = self._outlets.get(name) if name else None
        if outlet_id is None and name:
            outlet_id, existed = _outlet_id(s, name, art.url)
            if existed:
                self._outlets[name] = outlet_id
        meta = {
            k: v
            for k, v in art.model_dump(mode="json").items()
            if k
            not in {"article_id", "text", "url", "outlet", "title", "published_at", "incidents"}
        }
        # The writer's rows go in through Core statements on the session's connection:
        # the ORM's unit of work cost ~2/3 of the writer's CPU for rows nobody reads back
        # as objects (issue 15). Same rows, same order, so the same ids.
        c = s.connection()
        c.execute(
            _INSERT_ARTICLE,
            {
                "article_id": art.article_id,
                "url": art.url,
                "url_key": fp.url_key,
                "outlet_id": outlet_id,
                "outlet": art.outlet,
                "title": art.title,
                "published_at": art.published_at,
                "text": art.text,
                "content_hash": fp.content_hash,
                "norm_hash": fp.norm_hash,
                "sim0": fp.bands[0],
                "sim1": fp.bands[1],
                "sim2": fp.bands[2],
                "sim3": fp.bands[3],
                "meta": meta or None,
                "n_incidents": len(incidents),
                "ingested_at": _now(),
            },
        )
        created = merged = 0
        for ordinal, inc in enumerate(incidents):
            report = _report_for(art, ordinal, inc)
            joined = self._resolve(c, report)
            if joined:
                merged += 1
            else:
                created += 1
        return created, merged

    def _resolve(self, c: Connection, report: Report) -> bool:
        """Store one report, in the incident it matches or a new one; True if it joined one."""
        cands = _candidates(c, report)
        clusters: dict[str, list[str]] = defaultdict(list)
        if cands:
            ids = sorted({cid for cid, _ in cands})
            for cid, aid in c.execute(_CLUSTER_ARTICLES, {"ids": ids}):
                clusters[cid].append(aid)
        chosen = choose_cluster(report, cands, clusters)
        if chosen is None:
            target = self._new_id(c, report)
            # A new incident is its one report: no need to read it back.
            merged = merge_reports([report], incident_id=target)
            now = _now()
            values = _incident_values(c, merged)
            c.execute(_INSERT_INCIDENT, {**values, "incident_id": target, "created_at": now,
                                         "updated_at": now})  # fmt: skip
            _insert_report(c, target, report)
            _insert_actors(c, target, merged)
            return False
        _insert_report(c, chosen, report)
        self._recompute(c, chosen)
        return True

    def _new_id(self, c: Connection, report: Report) -> str:
        # The extractor decides a report's id (records.incident_id); the incident it
        # starts keeps it, so `extract` output and the store agree. A report without one
        # (embedded records from elsewhere), or whose id is taken, gets one minted from
        # its article and position, by the same function.
        given = report.incident.incident_id
        if given and len(given) <= 64 and not _id_taken(c, given):
            return given
        return incident_id(report.article_id, report.ordinal)

    def _recompute(self, c: Connection, incident_id: str) -> None:
        reports = _load_reports(c, [incident_id]).get(incident_id, [])
        merged = merge_reports(reports, incident_id=incident_id)
        values = _incident_values(c, merged)
        c.execute(_UPDATE_INCIDENT, {**values, "iid": incident_id, "updated_at": _now()})
        c.execute(_DELETE_ACTORS, {"iid": incident_id})
        _insert_actors(c, incident_id, merged)

    # ------------------------------------------------------------ queries

    def resolve_id(self, s: Session, incident_id: str) -> str:
        alias = s.get(IncidentAliasRow, incident_id)
        return alias.incident_id if alias is not None else incident_id

    def reports_of_articles(
        self, article_ids: Iterable[str]
    ) -> dict[str, list[tuple[str, Report]]]:
        """Per article, its reports in order with the incident each was stored in."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, list[tuple[str, Report]]] = {a: [] for a in ids}
        with self._read() as s:
            rows = s.execute(
                select(ReportRow.article_id, ReportRow.ordinal, ReportRow.incident_id)
                .where(ReportRow.article_id.in_(ids))
                .order_by(ReportRow.article_id, ReportRow.ordinal)
            ).all()
            loaded = _load_reports(s.connection(), sorted({r.incident_id for r in rows}))
            by_key = {
                (rep.article_id, rep.ordinal): rep for reps in loaded.values() for rep in reps
            }
            for article_id, ordinal, incident_id in rows:
                out[article_id].append(
                    (self.resolve_id(s, incident_id), by_key[(article_id, ordinal)])
                )
        return out

    def query_incidents(
        self,
        f: IncidentFilter | None = None,
        *,
        limit: int | None = 100,
        offset: int = 0,
        order_by: str = "-event_date",
        include_evidence: bool = False,
    ) -> list[Incident]:
        f = f or IncidentFilter()
        I = IncidentRow  # noqa: E741
        with self._read() as s:
            if limit is not None and limit <= PAGE_BY_ID_MAX:
                # A page: first the ids in order (narrow: often from an index alone),
                # then those rows. Sorting whole rows (record JSON and all) to keep 100
                # of 100,000 costs 2-4x more.
                ids = list(
                    s.scalars(
                        page_of(apply_order(select(I.incident_id).where(*conditions(f)), order_by),
                                limit, offset)
                    )
                )  # fmt: skip
                by_id = {
                    r.incident_id: r for r in s.scalars(select(I).where(I.incident_id.in_(ids)))
                }
                rows = [by_id[i] for i in ids if i in by_id]
            else:
                stmt = page_of(
                    apply_order(select(I).where(*conditions(f)), order_by), limit, offset
                )
                rows = list(s.scalars(stmt))
            return _to_incidents(s, rows, include_evidence)

    def iter_incidents(
        self, f: IncidentFilter | None = None, *, include_evidence: bool = False, batch: int = 2000
    ) -> Iterable[Incident]:
        """All matching incidents, oldest first, in batches (for exports)."""
        offset = 0
        while True:
            page = self.query_incidents(
                f,
                limit=batch,
                offset=offset,
                order_by="event_date",
                include_evidence=include_evidence,
            )
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def count_incidents(self, f: IncidentFilter | None = None) -> int:
        f = f or IncidentFilter()
        with self._read() as s:
            return int(
                s.scalar(select(func.count()).select_from(IncidentRow).where(*conditions(f))) or 0
            )

    def get_incident(self, incident_id: str) -> Incident | None:
        with self._read() as s:
            row = s.get(IncidentRow, self.resolve_id(s, incident_id))
            if row is None:
                return None
            return _to_incidents(s, [row], True)[0]

    def get_article(self, article_id: str) -> Article | None:
        with self._read() as s:
            row = s.get(ArticleRow, article_id)
            return _to_article(row) if row is not None else None

    def articles_for_incident(self, incident_id: str) -> list[Article]:
        with self._read() as s:
            iid = self.resolve_id(s, incident_id)
            rows = s.scalars(
                select(ArticleRow)
                .join(ReportRow, ReportRow.article_id == ArticleRow.article_id)
                .where(ReportRow.incident_id == iid)
                .order_by(ArticleRow.published_at, ArticleRow.article_id)
            ).unique()
            return [_to_article(r) for r in rows]

    def aggregate(
        self, f: IncidentFilter | None = None, *, period: str = "month", by: str | None = None
    ) -> list[dict[str, Any]]:
        """Incidents and fatalities per period (day|week|month), optionally per key."""
        if period not in ("day", "week", "month"):
            raise ValueError("period must be day, week or month")
        f = f or IncidentFilter()
        key_cols = {
            None: None,
            "admin1": IncidentRow.admin1,
            "admin2": IncidentRow.admin2,
            "event_type": IncidentRow.event_type,
            "country": IncidentRow.country,
        }
        I = IncidentRow  # noqa: E741
        if by == "actor":
            key: Any = IncidentActorRow.name
            day = (
                select(I.event_date.label("d"), key.label("k"), func.count().label("n"),
                       func.coalesce(func.sum(I.fatalities), 0).label("f"))
                .join(IncidentActorRow, IncidentActorRow.incident_id == I.incident_id)
                .where(IncidentActorRow.role.in_(("actor1", "actor2")), *conditions(f))
                .where(I.event_date.is_not(None))
                .group_by(I.event_date, key)
            )  # fmt: skip
        elif by in key_cols:
            key = key_cols[by]
            cols: list[Any] = [I.event_date.label("d")]
            if key is not None:
                cols.append(key.label("k"))
            day = (
                select(*cols, func.count().label("n"),
                       func.coalesce(func.sum(I.fatalities), 0).label("f"))
                .where(*conditions(f), I.event_date.is_not(None))
                .group_by(*(c.element for c in cols))
            )  # fmt: skip
        else:
            raise ValueError("by must be None, admin1, admin2, actor, event_type or country")
        # Two steps: per day (in the covering indexes' order, no sort), then the few
        # thousand day rows into periods in SQL too, so Python gets one row per
        # (period, key) instead of folding one per (day, key).
        stmt: Any = day
        if period != "day":
            sub = day.subquery()
            bucket = _period_sql(self.engine.dialect.name, period, sub.c.d)
            outer: list[Any] = [bucket] + ([sub.c.k] if key is not None else [])
            stmt = select(*outer, func.sum(sub.c.n), func.sum(sub.c.f)).group_by(*outer)
        with self._read() as s:
            rows = s.execute(stmt).all()
        out = [
            {
                "period": p if isinstance(p, str) else p.isoformat(),
                "key": r[1] if key is not None else None,
                "incidents": int(r[-2]),
                "fatalities": int(r[-1]),
            }
            for r in rows
            if (p := r[0]) is not None
        ]
        out.sort(key=lambda x: (x["period"], str(x["key"])))
        return out

    def incidents_frame(self, f: IncidentFilter | None = None) -> pd.DataFrame:
        import pandas as pd

        f = f or IncidentFilter()
        cols = [getattr(IncidentRow, c) for c in FRAME_COLUMNS]
        stmt = (
            select(*cols)
            .where(*conditions(f))
            .order_by(IncidentRow.event_date, IncidentRow.incident_id)
        )
        with self._read() as s:
            rows = s.execute(stmt).all()
        df = pd.DataFrame([tuple(r) for r in rows], columns=list(FRAME_COLUMNS))
        df["event_date"] = pd.to_datetime(df["event_date"])
        for c in INT_COLUMNS:
            df[c] = df[c].astype("Int64")
        for c in FLOAT_COLUMNS:
            df[c] = df[c].astype("float64")
        return df

    def stats(self) -> dict[str, int]:
        with self._read() as s:

            def n(model: Any) -> int:
                return int(s.scalar(select(func.count()).select_from(model)) or 0)

            return {
                "articles": n(ArticleRow),
                "incidents": n(IncidentRow),
                "reports": n(ReportRow),
                "sources": n(Outlet),
                "evidence": n(EvidenceRow),
            }

    # ------------------------------------------------------------ feeds (watch)

    def add_feeds(
        self, urls: Iterable[str], interval_s: int = 900, country: str | None = None
    ) -> None:
        """Add feeds to the watch list (or update them). ``country`` (ISO2) is what the
        feeds are about, the area prior of their articles; None keeps a feed's country,
        "" clears it."""
        from incidentwatch.geocode.prior import checked

        code = checked(country)
        with self._write.begin() as s:
            for url in urls:
                row = s.get(FeedRow, url)
                if row is None:
                    row = FeedRow(url=url, interval_s=interval_s, failures=0)
                    s.add(row)
                else:
                    row.interval_s = interval_s
                if country is not None:
                    row.country = code

    def due_feeds(self, now: dt.datetime | None = None) -> list[FeedRow]:
        now = now or _now()
        with self._read() as s:
            rows = s.scalars(select(FeedRow).order_by(FeedRow.url)).all()
            return [r for r in rows if r.next_poll is None or _aware(r.next_poll) <= now]

    def feeds(self) -> list[FeedRow]:
        with self._read() as s:
            return list(s.scalars(select(FeedRow).order_by(FeedRow.url)))

    def record_poll(
        self,
        url: str,
        *,
        ok: bool,
        error: str | None = None,
        etag: str | None = None,
        modified: str | None = None,
        now: dt.datetime | None = None,
        max_backoff_s: int = 24 * 3600,
    ) -> dt.datetime:
        """Note a poll's outcome; returns when the feed is due next (exponential back-off)."""
        now = now or _now()
        with self._write.begin() as s:
            row = s.get(FeedRow, url)
            if row is None:
                row = FeedRow(url=url, interval_s=900, failures=0)
                s.add(row)
            row.last_polled = now
            if ok:
                row.failures = 0
                row.last_error = None
                row.etag = etag or row.etag
                row.modified = modified or row.modified
                wait = row.interval_s
            else:
                row.failures = (row.failures or 0) + 1
                row.last_error = (error or "")[:2000]
                wait = min(max_backoff_s, row.interval_s * 2**row.failures)
            row.next_poll = now + dt.timedelta(seconds=wait)
            return row.next_poll

    # ------------------------------------------------------------ backfill progress

    def partitions_done(self, keys: Iterable[str]) -> set[str]:
        """Which of these archive partitions an earlier backfill finished."""
        ks = list(dict.fromkeys(keys))
        done: set[str] = set()
        with self._read() as s:
            for i in range(0, len(ks), 500):
                done.update(
                    s.scalars(
                        select(IngestPartitionRow.key).where(
                            IngestPartitionRow.key.in_(ks[i : i + 500])
                        )
                    )
                )
        return done

    def mark_partition_done(self, key: str, source: str, articles: int) -> None:
        """Record a partition whose every article is stored or skipped (after their
        commits: a crash before this only costs re-reading it, never a duplicate)."""
        with self._write.begin() as s:
            self._lock(s)
            if s.get(IngestPartitionRow, key) is None:
                s.add(IngestPartitionRow(key=key, source=source, articles=articles, done_at=_now()))

    def data_version(self) -> int | None:
        """A number that changes whenever any connection or process commits to the
        store, for caching query results; None when this store cannot tell (PostgreSQL).

        SQLite's PRAGMA data_version, read on a connection of its own that never
        writes (the pragma ignores the commits of the connection it is asked on).
        """
        if self.engine.dialect.name != "sqlite" or self.engine.url.database in (
            None,
            "",
            ":memory:",
        ):
            return None
        with self._version_lock:
            if self._version_conn is None:
                self._version_conn = sqlite3.connect(
                    self.engine.url.database, check_same_thread=False, isolation_level=None
                )
            row = self._version_conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._version_lock:
            if self._version_conn is not None:
                self._version_conn.close()
                self._version_conn = None
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------- helpers


# ------------------------------------------------ the writer's statements
# Built once: building a statement costs the writer more than running it (SQLAlchemy
# then finds the compiled form in its cache). Run on a session's connection (Core).
_ARTICLES = Base.metadata.tables["articles"]
_INCIDENTS = Base.metadata.tables["incidents"]
_REPORTS = Base.metadata.tables["incident_reports"]
_EVIDENCE = Base.metadata.tables["evidence"]
_ACTORS = Base.metadata.tables["incident_actors"]
_ALIASES = Base.metadata.tables["incident_aliases"]

_INSERT_ARTICLE = insert(_ARTICLES)
_INSERT_INCIDENT = insert(_INCIDENTS)
_UPDATE_INCIDENT = update(_INCIDENTS).where(_INCIDENTS.c.incident_id == bindparam("iid"))
_INSERT_REPORT = insert(_REPORTS)
_INSERT_EVIDENCE = insert(_EVIDENCE)
_INSERT_ACTOR = insert(_ACTORS)
_DELETE_ACTORS = delete(_ACTORS).where(_ACTORS.c.incident_id == bindparam("iid"))
_INCIDENT_EXISTS = select(_INCIDENTS.c.incident_id).where(
    _INCIDENTS.c.incident_id == bindparam("iid")
)
_ALIAS_EXISTS = select(_ALIASES.c.old_id).where(_ALIASES.c.old_id == bindparam("iid"))
_STORED_HASH = select(_ARTICLES.c.content_hash).where(_ARTICLES.c.article_id == bindparam("aid"))
_BY_URL_KEY = select(_ARTICLES.c.article_id).where(_ARTICLES.c.url_key == bindparam("key")).limit(1)
_BY_NORM_HASH = (
    select(_ARTICLES.c.article_id).where(_ARTICLES.c.norm_hash == bindparam("key")).limit(1)
)
_NEAR_TEXT = (
    select(
        _ARTICLES.c.article_id,
        _ARTICLES.c.sim0,
        _ARTICLES.c.sim1,
        _ARTICLES.c.sim2,
        _ARTICLES.c.sim3,
    )
    .where(
        or_(
            _ARTICLES.c.sim0 == bindparam("b0"),
            _ARTICLES.c.sim1 == bindparam("b1"),
            _ARTICLES.c.sim2 == bindparam("b2"),
            _ARTICLES.c.sim3 == bindparam("b3"),
        )
    )
    .limit(200)
)
_ARTICLE_TEXTS = select(_ARTICLES.c.text).where(
    _ARTICLES.c.article_id.in_(bindparam("ids", expanding=True))
)
_CLUSTER_ARTICLES = select(_REPORTS.c.incident_id, _REPORTS.c.article_id).where(
    _REPORTS.c.incident_id.in_(bindparam("ids", expanding=True))
)
# What a stored report needs to become a `Report` again (resolve.merge).
_REPORT_COLUMNS = (
    _REPORTS.c.report_id,
    _REPORTS.c.incident_id,
    _REPORTS.c.article_id,
    _REPORTS.c.ordinal,
    _REPORTS.c.fatalities_update,
    _REPORTS.c.injuries_update,
    _REPORTS.c.record,
    _ARTICLES.c.published_at,
    _ARTICLES.c.url,
    _ARTICLES.c.outlet,
)
_REPORTS_WITH_ARTICLE = select(*_REPORT_COLUMNS).join(
    _ARTICLES, _ARTICLES.c.article_id == _REPORTS.c.article_id
)
_REPORTS_BY_ID = _REPORTS_WITH_ARTICLE.where(
    _REPORTS.c.report_id.in_(bindparam("ids", expanding=True))
).order_by(_REPORTS.c.report_id)
_REPORTS_OF_INCIDENTS = _REPORTS_WITH_ARTICLE.where(
    _REPORTS.c.incident_id.in_(bindparam("ids", expanding=True))
).order_by(_REPORTS.c.report_id)
_EVIDENCE_OF_REPORTS = (
    select(
        _EVIDENCE.c.report_id,
        _EVIDENCE.c.field,
        _EVIDENCE.c.article_id,
        _EVIDENCE.c.start,
        _EVIDENCE.c.end,
        _EVIDENCE.c.text,
    )
    .where(_EVIDENCE.c.report_id.in_(bindparam("ids", expanding=True)))
    .order_by(_EVIDENCE.c.id)
)


def _id_taken(c: Connection, incident_id: str) -> bool:
    params = {"iid": incident_id}
    return (
        c.execute(_INCIDENT_EXISTS, params).first() is not None
        or c.execute(_ALIAS_EXISTS, params).first() is not None
    )


@dataclass(frozen=True)
class _Fingerprint:
    content_hash: str
    norm_hash: str
    simhash: int
    bands: tuple[int, int, int, int]
    url_key: str | None
    long_enough: bool

    @classmethod
    def of(cls, art: Article, content_hash: str | None = None) -> _Fingerprint:
        sh = dedupe.simhash64(art.text)
        return cls(
            content_hash or art.content_hash,
            dedupe.norm_hash(art.text),
            sh,
            dedupe.bands(sh),
            dedupe.url_key(art.url),
            len(dedupe.words(art.text)) >= dedupe.SIMHASH_MIN_WORDS,
        )


@dataclass(frozen=True)
class Duplicate:
    """The stored article a new one duplicates, and why (same id and text, URL, text)."""

    article_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.reason} as {self.article_id}"


def _stored_hash(c: Connection, article_id: str) -> str | None:
    """The content hash of the stored article with this id, or None: the one column
    the admission needs (loading the whole row would read the article's text)."""
    found: str | None = c.execute(_STORED_HASH, {"aid": article_id}).scalar()
    return found


def _admission(c: Connection, art: Article, fp: _Fingerprint) -> Admission:
    """`Store.admit` of `art` on the connection `c`."""
    stored = _stored_hash(c, art.article_id)
    dup = _find_duplicate(c, art, fp, stored)
    if dup is None and stored is not None:
        # Same id, different article (e.g. two files named "report.txt").
        new_id = f"{art.article_id}-{fp.content_hash[:8]}"
        log.info("article id %s taken by another text; stored as %s", art.article_id, new_id)
        art = _rename_article(art, new_id)
        dup = _find_duplicate(c, art, fp, _stored_hash(c, art.article_id))
    return Admission(art, fp, dup)


def _find_duplicate(
    c: Connection, art: Article, fp: _Fingerprint, stored_hash: str | None
) -> Duplicate | None:
    """The stored article this one repeats (same id+text, URL, or near-identical text), or
    None; `stored_hash` is `_stored_hash` of its id. Its id is what lets a syndicated
    copy be read as its original."""
    if stored_hash is not None and stored_hash == fp.content_hash:
        return Duplicate(art.article_id, "same id and text")
    if fp.url_key:
        aid = c.execute(_BY_URL_KEY, {"key": fp.url_key}).scalar()
        if aid is not None:
            return Duplicate(aid, "same URL")
    aid = c.execute(_BY_NORM_HASH, {"key": fp.norm_hash}).scalar()
    if aid is not None:
        return Duplicate(aid, "same text")
    if not fp.long_enough:
        return None
    b = fp.bands
    near = c.execute(_NEAR_TEXT, {"b0": b[0], "b1": b[1], "b2": b[2], "b3": b[3]})
    for aid, *bs in near:
        if dedupe.hamming(dedupe.from_bands((bs[0], bs[1], bs[2], bs[3])), fp.simhash) <= (
            dedupe.SIMHASH_MAX_DISTANCE
        ):
            return Duplicate(aid, "near-identical text")
    return None


@dataclass(frozen=True)
class Admission:
    """An article checked against the store: the one to store, and the stored article it
    duplicates (None: a new article)."""

    article: Article
    fingerprint: _Fingerprint
    duplicate: Duplicate | None

    @property
    def duplicate_of(self) -> str | None:
        return self.duplicate.article_id if self.duplicate else None


def _rename_article(art: Article, new_id: str) -> Article:
    data = art.model_dump()
    data["article_id"] = new_id
    incs = data.get("incidents")
    if isinstance(incs, list):
        for inc in incs:
            for ev in (inc or {}).get("evidence") or []:
                if ev.get("article_id") == art.article_id:
                    ev["article_id"] = new_id
    return type(art).model_validate(data)


def _report_for(art: Article, ordinal: int, inc: Incident) -> Report:
    def spans(prefix: str) -> list[tuple[int, int]]:
        return [(e.start, e.end) for e in inc.evidence if e.field.startswith(prefix)]

    return Report(
        article_id=art.article_id,
        ordinal=ordinal,
        incident=inc,
        published_at=art.published_at,
        url=art.url,
        outlet=art.outlet,
        fatalities_update=toll_updated(art.text, spans("fatalities")),
        injuries_update=toll_updated(art.text, spans("injuries")),
    )


def _outlet_id(s: Session, name: str, url: str | None) -> tuple[int, bool]:
    """The outlet's id, inserting it if new; and whether it already existed."""
    existing = s.scalar(select(Outlet.id).where(Outlet.name == name))
    if existing is not None:
        return int(existing), True
    domain = None
    if url:
        from urllib.parse import urlsplit

        try:
            domain = (urlsplit(url).hostname or "").removeprefix("www.") or None
        except ValueError:
            domain = None
    row = Outlet(name=name, domain=domain)
    s.add(row)
    s.flush()
    return row.id, False


def _insert_report(c: Connection, incident_id: str, report: Report) -> None:
    inc = report.incident
    iv = report_interval(report)
    xy = coords(inc)
    result = c.execute(
        _INSERT_REPORT,
        {
            "incident_id": incident_id,
            "article_id": report.article_id,
            "ordinal": report.ordinal,
            "date_lo": iv[0] if iv else None,
            "date_hi": iv[1] if iv else None,
            "cell": cell_of(*xy) if xy else None,
            "country_code": (country_code(inc) or "")[:2] or None,
            "admin1_key": norm_name(inc.admin1)[:200] or None,
            "place_key": norm_name(inc.location.name if inc.location else None)[:300] or None,
            "fatalities_update": report.fatalities_update,
            "injuries_update": report.injuries_update,
            "record": inc.model_dump(mode="json", exclude={"evidence", "sources"}),
        },
    )
    key = result.inserted_primary_key
    assert key is not None
    report_id = key[0]
    if inc.evidence:
        # One executemany, rows in the evidence's order (so its ids too).
        c.execute(
            _INSERT_EVIDENCE,
            [
                {
                    "report_id": report_id,
                    "article_id": ev.article_id,
                    "field": ev.field[:100],
                    "start": ev.start,
                    "end": ev.end,
                    "text": ev.text,
                }
                for ev in inc.evidence
            ],
        )


def _insert_actors(c: Connection, incident_id: str, merged: Incident) -> None:
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for role, actors in (
        ("actor1", [merged.actor1]),
        ("actor2", [merged.actor2]),
        ("assoc1", merged.assoc_actors1),
        ("assoc2", merged.assoc_actors2),
    ):
        for a in actors:
            if a is not None and a.name and (role, a.name) not in seen:
                seen.add((role, a.name))
                rows.append({"incident_id": incident_id, "role": role, "name": a.name[:300]})
    if rows:
        c.execute(_INSERT_ACTOR, rows)


@lru_cache(maxsize=64)
def _candidate_search(cells: bool, admin1: bool, place: bool, country: str) -> Executable:
    """The candidate search of a report that has these keys (`country`: "" none, "any"
    any report of the country, "unplaced" its reports without a governorate): built once
    a shape, with the values as parameters (:cells, :admin1, :place, :cc, :lo_min, :lo,
    :hi)."""
    R = _REPORTS.c
    # A report of another incident overlaps when its dates start within
    # MAX_INTERVAL_DAYS before the window's end... (lo_min = lo - MAX_INTERVAL_DAYS).
    date_cond = (R.date_lo.between(bindparam("lo_min"), bindparam("hi")),
                 R.date_hi >= bindparam("lo"))  # fmt: skip
    # One statement, a union of one index search per key: each search is the same as on
    # its own, and the writer pays the per-statement cost once a report, not four times.
    parts: list[Select[Any]] = []
    if cells:
        parts.append(
            select(R.report_id).where(R.cell.in_(bindparam("cells", expanding=True)), *date_cond)
        )
    if admin1:
        parts.append(select(R.report_id).where(R.admin1_key == bindparam("admin1"), *date_cond))
    if place:
        parts.append(select(R.report_id).where(R.place_key == bindparam("place"), *date_cond))
    if country:
        # A country-only report may be any report of its country; any report may be
        # one that only names its country (no governorate, no coordinates).
        same_cc = select(R.report_id).where(R.country_code == bindparam("cc"), *date_cond)
        if country == "unplaced":
            same_cc = same_cc.where(R.admin1_key.is_(None))
        parts.append(same_cc)
    return parts[0] if len(parts) == 1 else union(*parts)


def _candidates(c: Connection, report: Report) -> list[tuple[str, Report]]:
    """Reports that may be the same incident: overlapping dates and near, inside or same-named
    places, each found through its own index (never a scan of all reports)."""
    inc = report.incident
    iv = candidate_window(report)
    if iv is None:
        return []
    lo, hi = iv
    params: dict[str, Any] = {
        "lo_min": lo - dt.timedelta(days=MAX_INTERVAL_DAYS),
        "lo": lo,
        "hi": hi,
    }
    xy = coords(inc)
    if xy:
        params["cells"] = neighbour_cells(*xy)
    a1 = norm_name(inc.admin1)
    if a1:
        params["admin1"] = a1[:200]
    pk = norm_name(inc.location.name if inc.location else None)
    if pk:
        params["place"] = pk[:300]
    cc = (country_code(inc) or "")[:2]
    country = ""
    if cc:
        params["cc"] = cc
        country = "any" if country_only(inc) else "unplaced"
    if not (xy or a1 or pk or cc):
        return []
    search = _candidate_search(bool(xy), bool(a1), bool(pk), country)
    ids_l = sorted(set(c.execute(search, params).scalars()))
    out: list[tuple[str, Report]] = []
    for i in range(0, len(ids_l), 500):
        chunk = ids_l[i : i + 500]
        rows = c.execute(_REPORTS_BY_ID, {"ids": chunk}).all()
        # The merge score reads the evidence (which tolls a report states).
        ev = _evidence_of(c, chunk)
        for r in rows:
            out.append((r.incident_id, _row_report(r, ev[r.report_id])))
    return out


def _evidence_of(c: Connection, report_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each report's evidence in stored order, as the fields of `Evidence`."""
    ev: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for rid, field, aid, start, end, quote in c.execute(_EVIDENCE_OF_REPORTS, {"ids": report_ids}):
        ev[rid].append(
            {"field": field, "article_id": aid, "start": start, "end": end, "text": quote}
        )
    return ev


def _row_report(r: Any, ev: list[dict[str, Any]]) -> Report:
    """A stored report (a row of `_REPORT_COLUMNS`) and its evidence, as a `Report`."""
    inc = Incident.model_validate({**r.record, "evidence": ev})
    return Report(
        article_id=r.article_id,
        ordinal=r.ordinal,
        incident=inc,
        published_at=r.published_at,
        url=r.url,
        outlet=r.outlet,
        fatalities_update=r.fatalities_update,
        injuries_update=r.injuries_update,
    )


def _load_reports(c: Connection, incident_ids: Sequence[str]) -> dict[str, list[Report]]:
    rows = c.execute(_REPORTS_OF_INCIDENTS, {"ids": list(incident_ids)}).all()
    ev = _evidence_of(c, [r.report_id for r in rows]) if rows else {}
    out: dict[str, list[Report]] = defaultdict(list)
    for r in rows:
        out[r.incident_id].append(_row_report(r, ev.get(r.report_id, [])))
    return out


def _incident_values(c: Connection, inc: Incident) -> dict[str, Any]:
    """The columns of an incident's row (all but its id and timestamps) for `inc`, the
    merge of its reports; `c` reads its articles' texts when it is an Arabic incident."""
    search_text = index_text(_search_words(inc))
    if search_text is not None:
        # An Arabic incident is found by any word of its reports, not only the
        # words its evidence quotes ("عبوة ناسفة" when the event span is "بانفجار").
        ids = sorted({src.article_id for src in inc.sources if src.article_id})
        texts = c.execute(_ARTICLE_TEXTS, {"ids": ids}).scalars()
        search_text = index_text([*_search_words(inc), *texts])
    return {
        "event_date": iso_date(inc.event_date),
        "date_precision": inc.date_precision,
        "event_type": _cut(inc.event_type, 100),
        "sub_event_type": _cut(inc.sub_event_type, 100),
        "attack_type": _cut(inc.attack_type, 100),
        "target_type": _cut(inc.target_type, 100),
        "actor1": inc.actor1.name[:300] if inc.actor1 else None,
        "actor1_type": inc.actor1.type if inc.actor1 else None,
        "actor2": inc.actor2.name[:300] if inc.actor2 else None,
        "actor2_type": inc.actor2.type if inc.actor2 else None,
        "country_code": inc.country.code.upper()[:2] if inc.country else None,
        "country": _cut(inc.country.name if inc.country else None, 100),
        "admin1": _cut(inc.admin1, 200),
        "admin2": _cut(inc.admin2, 200),
        "location": _cut(inc.location.name if inc.location else None, 300),
        "latitude": inc.location.latitude if inc.location else None,
        "longitude": inc.location.longitude if inc.location else None,
        "geo_precision": inc.geo_precision,
        "fatalities": inc.fatalities.best,
        "fatalities_low": inc.fatalities.low,
        "fatalities_high": inc.fatalities.high,
        "perpetrator_fatalities": inc.perpetrator_fatalities.best,
        "injuries": inc.injuries.best,
        "injuries_low": inc.injuries.low,
        "injuries_high": inc.injuries.high,
        "summary": inc.summary,
        "claim_status": inc.claim_status,
        "confidence": inc.confidence,
        "n_sources": len(inc.sources),
        "search_text": search_text,
        "record": inc.model_dump(mode="json", exclude={"evidence", "sources"}),
    }


def _search_words(inc: Incident) -> list[str]:
    words = [e.text for e in inc.evidence if e.text]
    actors = [inc.actor1, inc.actor2, *inc.assoc_actors1, *inc.assoc_actors2]
    words += [a.mention for a in actors if a is not None and a.mention]
    return words


def _cut(value: str | None, n: int) -> str | None:
    # Column widths hold every codebook value; a runaway string from a bad
    # record is cut rather than failing the article on PostgreSQL.
    return value[:n] if value is not None else None


def _to_incidents(s: Session, rows: Sequence[IncidentRow], with_evidence: bool) -> list[Incident]:
    if not rows:
        return []
    ids = [r.incident_id for r in rows]
    sources: dict[str, list[Source]] = defaultdict(list)
    for iid, aid, url, outlet, pub in s.execute(
        select(
            ReportRow.incident_id,
            ArticleRow.article_id,
            ArticleRow.url,
            ArticleRow.outlet,
            ArticleRow.published_at,
        )
        .join(ArticleRow, ArticleRow.article_id == ReportRow.article_id)
        .where(ReportRow.incident_id.in_(ids))
        .order_by(ArticleRow.published_at, ArticleRow.article_id)
    ):
        sources[iid].append(Source(article_id=aid, url=url, outlet=outlet, published_at=pub))
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    if with_evidence:
        for iid, e in s.execute(
            select(ReportRow.incident_id, EvidenceRow)
            .join(ReportRow, ReportRow.report_id == EvidenceRow.report_id)
            .where(ReportRow.incident_id.in_(ids))
            .order_by(EvidenceRow.report_id, EvidenceRow.id)
        ):
            evidence[iid].append(
                Evidence(
                    field=e.field, article_id=e.article_id, start=e.start, end=e.end, text=e.text
                )
            )
    out = []
    for r in rows:
        data = dict(r.record or {})
        data["incident_id"] = r.incident_id
        data["sources"] = [x.model_dump() for x in sources.get(r.incident_id, [])]
        data["evidence"] = [x.model_dump() for x in evidence.get(r.incident_id, [])]
        out.append(Incident.model_validate(data))
    return out


def _to_article(row: ArticleRow) -> Article:
    data: dict[str, Any] = dict(row.meta or {})
    data.update(
        article_id=row.article_id,
        text=row.text,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published_at=row.published_at,
    )
    return Article.model_validate(data)


def _aware(t: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes for what was stored as UTC.
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _period_start(d: dt.date, period: str) -> dt.date:
    """The first day of `d`'s day, ISO week (Monday) or month: what _period_sql computes."""
    if period == "day":
        return d
    if period == "week":
        return d - dt.timedelta(days=d.weekday())
    return d.replace(day=1)


def _period_sql(dialect: str, period: str, col: Any) -> Any:
    """SQL for _period_start(col, period) in this dialect (col: a date column)."""
    if period == "day":
        return col
    if dialect == "postgresql":
        # Through timestamp (not timestamptz), so the session time zone plays no part.
        return cast(func.date_trunc(period, cast(col, DateTime())), Date())
    # SQLite keeps dates as 'YYYY-MM-DD' text; 'weekday 0' moves to the next
    # Sunday (or stays on one), six days back is that ISO week's Monday.
    if period == "week":
        return func.date(col, "weekday 0", "-6 days", type_=String())
    return func.strftime("%Y-%m-01", col, type_=String())


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the store at `url`, $INCIDENTWATCH_DB, or the default file."""
    resolved = db.normalise_url(url or db.default_url())
    engine = db.make_engine(resolved)
    if migrate:
        db.upgrade(engine)
    return Store(resolved, engine)
