"""The merge benchmark's store fill (store/bench.py: bulk_load): on SQLite, a big store
is its exact last rows plus copies of them moved back in time, written in bounded
transactions with a WAL checkpoint after each. Checked on a small n with a small tail
and slice: every row is the one `synthetic_articles` defines (ids, dates), nothing is
missing or doubled, the copy commits once per slice and leaves no WAL behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event, text

from incidentwatch.records import Incident
from incidentwatch.resolve.merge import norm_name
from incidentwatch.store import open_store
from incidentwatch.store.bench import (
    PER_DAY,
    START,
    StatementProfile,
    bulk_load,
    synthetic_articles,
)

N, TAIL, SLICE = 1_000, 240, 70  # 760 copied rows: blocks of 240 (8 days), slices of 70


def _fill(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "fill.db"
    store = open_store(f"sqlite:///{db}")
    commits = 0

    def count(_conn: object) -> None:
        nonlocal commits
        commits += 1

    event.listen(store.engine, "commit", count)
    try:
        bulk_load(store, N, chunk=100, tail=TAIL, copy_chunk=SLICE)
    finally:
        store.close()
    return db, commits


def test_chunked_fill_rows_are_the_synthetic_record(tmp_path: Path) -> None:
    db, commits = _fill(tmp_path)
    store = open_store(f"sqlite:///{db}")
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT a.article_id, a.published_at, a.url, r.date_lo, r.date_hi, "
                    "i.event_date, json_extract(i.record, '$.event_date'), "
                    "json_extract(r.record, '$.event_date'), i.incident_id, r.place_key "
                    "FROM articles a JOIN incident_reports r USING (article_id) "
                    "JOIN incidents i USING (incident_id)"
                )
            ).all()
            counts = [
                conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("articles", "incidents", "incident_reports")
            ]
            url_keys = conn.execute(text("SELECT count(DISTINCT url_key) FROM articles")).scalar()
    finally:
        store.close()
    assert counts == [N, N, N]
    assert url_keys == N
    numbers = sorted(int(r[0].removeprefix("bench-")) for r in rows)
    assert numbers == list(range(N))
    assert len({r[8] for r in rows}) == N
    for aid, pub, url, lo, hi, ev_date, rec_date, rep_date, _iid, _pk in rows:
        i = int(aid.removeprefix("bench-"))
        day = (START + dt.timedelta(days=i // PER_DAY)).isoformat()
        assert (pub, str(lo), str(hi), str(ev_date), rec_date, rep_date) == (day,) * 6, aid
        assert url == f"https://bench.example/{i}"
    # The exact tail is the synthetic record itself, field for field.
    by_id = {r[0]: r for r in rows}
    for art in synthetic_articles(N - TAIL, 5):
        inc = Incident.model_validate(art.incidents[0])  # type: ignore[attr-defined]
        assert inc.location is not None
        assert by_id[art.article_id][9] == norm_name(inc.location.name)
    # One transaction per slice of at most SLICE copied rows (4 blocks: 3 whole of
    # 4 slices, the oldest of 40 rows in one), 3 for the exact rows, 1 for ANALYZE.
    assert commits == 3 * 4 + 1 + 3 + 1
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_fill_refuses_a_tail_of_part_days(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with pytest.raises(ValueError, match="multiple"):
            bulk_load(store, 100, tail=PER_DAY + 1)
    finally:
        store.close()


def test_statement_profile_counts_and_explains(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        bulk_load(store, 90)
        with StatementProfile(store) as prof, store.engine.connect() as conn:
            for d in ("2010-01-02", "2010-01-03"):
                conn.execute(
                    text(
                        "SELECT report_id FROM incident_reports "
                        "WHERE admin1_key = :a AND date_lo = :d"
                    ),
                    {"a": "gov3", "d": d},
                ).all()
        (stmt, runs, secs), *_ = prof.top(1)
        assert runs == 2 and secs > 0
        assert any("ix_reports_admin1_date" in line for line in prof.plan(stmt))
    finally:
        store.close()
