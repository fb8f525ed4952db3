"""`incidentwatch bench ingest` and the worker-process ingest it times.

The articles are written here (short wire stories); no timing is asserted, only
that the command prints what it promises, consistently, and that ingesting on
worker processes stores exactly what the serial ingest stores.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from incidentwatch.cli import app
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.ingest.workers import WorkerPool, ingest_parallel
from incidentwatch.records import Article
from incidentwatch.store.bench_ingest import _children
from incidentwatch.store.models import ArticleRow, EvidenceRow, IncidentRow, ReportRow
from incidentwatch.store.store import open_store

STORIES = [
    (
        "w-1",
        "2016-03-14",
        "BAGHDAD (Wire) - A car bomb exploded near a vegetable market in the Shula "
        "district of northwestern Baghdad on Sunday, killing seven people and wounding "
        "at least 19, police and hospital sources said. No group claimed the attack.",
    ),
    (
        "w-2",
        "2016-03-15",
        "Gunmen opened fire on an army checkpoint near Tarmiyah, north of Baghdad, late "
        "on Monday, killing two soldiers, a security official said. The attackers fled "
        "before reinforcements arrived.",
    ),
    (
        "w-3",
        "2016-03-16",
        "Hundreds of people protested in Basra on Tuesday against power cuts and the lack "
        "of clean water, blocking a main road for several hours. Police said the protest "
        "ended peacefully.",
    ),
    (
        "w-4",
        "2016-03-17",
        "A roadside bomb struck a police patrol in Baqubah, the capital of Diyala "
        "province, on Wednesday morning, wounding three policemen, a local official said.",
    ),
    # A syndicated copy of the first story: stored once.
    (
        "w-1-copy",
        "2016-03-14",
        "BAGHDAD (Wire) - A car bomb exploded near a vegetable market in the Shula "
        "district of northwestern Baghdad on Sunday, killing seven people and wounding "
        "at least 19, police and hospital sources said. No group claimed the attack.",
    ),
    ("w-empty", "2016-03-18", "   "),  # rejected by clean-up, the batch goes on
]


def _articles() -> list[Article]:
    return [
        Article(article_id=aid, published_at=day, text=text, outlet="Test Wire")
        for aid, day, text in STORIES
    ]


def _write_jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for aid, day, text in STORIES[:4]:
            fh.write(json.dumps({"article_id": aid, "published_at": day, "text": text}) + "\n")
    return path


def _dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            return {
                "articles": sorted(conn.execute(select(ArticleRow.article_id)).all()),
                "incidents": sorted(
                    conn.execute(select(IncidentRow.incident_id, IncidentRow.record)).all(),
                    key=repr,
                ),
                "reports": sorted(
                    conn.execute(
                        select(ReportRow.incident_id, ReportRow.article_id, ReportRow.record)
                    ).all(),
                    key=repr,
                ),
                "evidence": sorted(
                    conn.execute(
                        select(
                            EvidenceRow.report_id,
                            EvidenceRow.article_id,
                            EvidenceRow.field,
                            EvidenceRow.start,
                            EvidenceRow.end,
                            EvidenceRow.text,
                        )
                    ).all(),
                    key=repr,
                ),
            }
    finally:
        store.close()


def test_workers_store_what_the_serial_ingest_stores(tmp_path: Path) -> None:
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    pooled_url = f"sqlite:///{tmp_path / 'pooled.db'}"
    store = open_store(serial_url)
    try:
        serial = ingest_articles(store, _articles())
    finally:
        store.close()
    store = open_store(pooled_url)
    try:
        with WorkerPool(2) as pool:
            pooled = ingest_parallel(store, _articles(), pool=pool, batch=2)
            # Again: everything is stored already, so nothing is extracted or doubled.
            again = ingest_parallel(store, _articles(), pool=pool, batch=2)
    finally:
        store.close()
    assert serial.summary() == pooled.summary()
    assert (pooled.added, pooled.duplicates, len(pooled.rejected)) == (4, 1, 1)
    assert pooled.reports > 0
    assert again.added == 0 and again.duplicates == 5
    assert _dump(serial_url) == _dump(pooled_url)


def test_bench_ingest_prints_both_rates_the_ratio_and_memory(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "stories.jsonl")
    res = CliRunner().invoke(
        app,
        ["bench", "ingest", str(src), "--articles", "8", "--rounds", "2", "--workers", "2"],
    )
    assert res.exit_code == 0, res.output
    out = res.output
    assert "4 articles from 1 files (0 unreadable records), x2 = 8 articles" in out
    rows = re.findall(
        r"^\s+(\d)\s+([\d.]+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)$", out, flags=re.M
    )
    assert [r[0] for r in rows] == ["1", "2"]
    ratios = []
    for _i, pa, pw, ia, iw, ratio in rows:
        pa_, pw_, ia_, iw_ = float(pa), float(pw), float(ia), float(iw)
        assert pa_ > 0 and ia_ > 0
        # Words per article are the same in both, and the ratio is ingest over parse.
        assert pw_ / pa_ == pytest.approx(iw_ / ia_, rel=0.05)
        assert float(ratio) == pytest.approx(ia_ / pa_, rel=0.05, abs=0.01)
        ratios.append(float(ratio))
    m = re.search(r"median ratio ingest / plain parse: ([\d.]+)", out)
    assert m and float(m.group(1)) == pytest.approx(statistics.median(ratios), abs=0.01)
    mem = re.search(r"peak RSS of the process tree: (\d+) MB", out)
    assert mem and int(mem.group(1)) > 100  # a spaCy model and the gazetteer are loaded
    assert "last store: 4 articles: 4 added" in out
    cpu = re.search(
        r"CPU ms per article: plain parse ([\d.]+); ingest ([\d.]+) \(workers ([\d.]+), "
        r"writer ([\d.]+)\); on (\d+) idle cores the ratio could be at most ([\d.]+)",
        out,
    )
    assert cpu, out
    parse, ingest, workers, writer, cores, bound = map(float, cpu.groups())
    # The extraction runs on the workers (here the writer's share is mostly opening stores).
    assert parse > 0 and workers > 0 and writer > 0
    assert ingest == pytest.approx(workers + writer, abs=0.2)
    assert bound == pytest.approx(cores * parse / ingest, rel=0.05, abs=0.01)


def test_bench_ingest_names_a_file_without_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["bench", "ingest", str(empty), "--workers", "2"])
    assert res.exit_code != 0
    assert "no articles in" in res.output


def test_workers_end_when_the_ingest_is_killed(tmp_path: Path) -> None:
    """kill -9 of an ingest leaves no worker behind (they would hold the model's
    memory and wait on their task pipe forever)."""
    towns = ["Baqubah", "Tikrit", "Samarra", "Ramadi", "Fallujah", "Kirkuk", "Hillah"]
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(60):
            text = (
                f"A roadside bomb struck a police patrol in {towns[i % len(towns)]} on "
                f"Wednesday, killing {i % 9 + 2} policemen and wounding {i + 3} others, "
                f"a local official said. Report number {i}."
            )
            fh.write(json.dumps({"article_id": f"k-{i}", "published_at": "2016-03-17",
                                 "text": text}) + "\n")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "incidentwatch", "ingest", str(src), "--workers", "2",
         "--db", f"sqlite:///{tmp_path / 'k.db'}", "--no-progress"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 240
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the ingest did not start its workers"
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if _alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[-1][:1] not in ("Z", "X")
    except OSError:
        return False
