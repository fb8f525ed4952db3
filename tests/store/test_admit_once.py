"""An ingest's writer admits each article twice, not three times (issue 15): before a
worker extracts it (a stored article costs no extraction) and once under the write
lock, where `Store.add_if_new` admits and stores in one transaction. What is stored
stays what the serial ingest stores. Reports written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.ingest.workers import WorkerPool, ingest_parallel
from incidentwatch.records import Article
from incidentwatch.store import Store
from incidentwatch.store import store as store_module
from incidentwatch.store.models import ArticleRow, EvidenceRow, IncidentRow, ReportRow
from incidentwatch.store.store import open_store

MARKET = (
    "MOSUL, Iraq - Two mortar rounds fell on a crowded fish market in eastern Mosul on "
    "Saturday afternoon, killing three traders and wounding nine shoppers, a medic at "
    "the city's main hospital said. Residents said the rounds came from the west bank."
)
BRIDGE = (
    "Gunmen in two pickup trucks attacked a police post at a bridge outside Samarra "
    "before dawn on Sunday, killing one policeman and wounding two others, an officer "
    "in Salahuddin province said. The attackers escaped towards the desert."
)
CLINIC = (
    "A bomb hidden in a rubbish bin went off outside a health clinic in Hilla on Monday "
    "morning, wounding six people waiting for vaccinations, a provincial health official "
    "said. Nobody said they planted the device."
)


def art(article_id: str, text: str, day: str = "2016-04-02") -> Article:
    return Article(article_id=article_id, text=text, published_at=day, outlet="Test Wire")


def test_add_if_new_stores_once_and_tells_duplicates_and_renames(store: Store) -> None:
    first, stored = store.add_if_new(art("mosul-1", MARKET), [])
    assert stored == (0, 0) and first.duplicate is None
    # The same article again (by its id, or a copy under another id): not stored.
    again, stored = store.add_if_new(art("mosul-1", MARKET), [])
    assert stored is None and again.duplicate_of == "mosul-1"
    copy, stored = store.add_if_new(art("mosul-copy", MARKET), [])
    assert stored is None and copy.duplicate_of == "mosul-1"
    # Another text under a stored id: renamed, not stored (its incidents would carry
    # the old id); stored under the new name when asked with that admission.
    renamed, stored = store.add_if_new(art("mosul-1", BRIDGE), [])
    assert stored is None and renamed.duplicate is None
    assert renamed.article.article_id.startswith("mosul-1-")
    assert store.add_article(renamed, []) == (0, 0)
    assert store.admit(art("mosul-1", BRIDGE)).duplicate_of == renamed.article.article_id


def _stream() -> list[Article]:
    return [
        art("s-1", MARKET),
        art("s-2", BRIDGE, "2016-04-03"),
        art("s-1-copy", MARKET),  # a copy of s-1 in the same batches: stored once
        art("s-2", CLINIC, "2016-04-04"),  # s-2's id, another text: renamed
        art("s-3", CLINIC.replace("six", "eight"), "2016-04-04"),
        art("s-4", BRIDGE.replace("Samarra", "Tikrit"), "2016-04-03"),
    ]


def _dump(url: str) -> dict[str, list[str]]:
    """Every stored row of these tables, ids included, as sorted text."""
    cols = {
        "articles": (ArticleRow.article_id, ArticleRow.content_hash),
        "incidents": (IncidentRow.incident_id, IncidentRow.record),
        "reports": (ReportRow.incident_id, ReportRow.article_id, ReportRow.record),
        "evidence": (EvidenceRow.article_id, EvidenceRow.field, EvidenceRow.start,
                     EvidenceRow.end, EvidenceRow.text),
    }  # fmt: skip
    with open_store(url) as st, st.engine.connect() as conn:
        return {k: sorted(repr(r) for r in conn.execute(select(*c))) for k, c in cols.items()}


def test_parallel_writer_admits_twice_and_stores_what_serial_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    pooled_url = f"sqlite:///{tmp_path / 'pooled.db'}"
    with open_store(serial_url) as st:
        serial = ingest_articles(st, _stream())
    calls: list[str] = []
    real = store_module._admission

    def counted(c, a, fp):  # type: ignore[no-untyped-def]
        calls.append(a.article_id)
        return real(c, a, fp)

    with open_store(pooled_url) as st, WorkerPool(2) as pool:
        monkeypatch.setattr(store_module, "_admission", counted)
        pooled = ingest_parallel(st, _stream(), pool=pool, batch=2)
    assert serial.summary() == pooled.summary()
    assert (pooled.added, pooled.duplicates) == (5, 1)
    assert pooled.duplicate_of == {"s-1-copy": "s-1"}
    # Each of the six articles: once before extraction, once under the write lock.
    assert sorted(calls) == sorted(a.article_id for a in _stream() for _ in range(2))
    assert _dump(serial_url) == _dump(pooled_url)
