"""The response cache: repeated requests are served from memory, and any commit to the
store, by this server or by another writer of the same SQLite file, is seen at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from serve_sample_data import build_incidents

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.serve.app import create_app
from incidentwatch.serve.respcache import ResponseCache
from incidentwatch.store import open_store

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("/api/incidents", {"sort": "-fatalities"}),
    ("/api/aggregates", {"period": "week", "by": "admin1"}),
    ("/api/incidents/points", {"country": "IQ"}),
]


def _ingest(store: Any, pairs: list[Any]) -> None:
    by_id = {art.article_id: incs for art, incs in pairs}
    rep = ingest_articles(store, [a for a, _ in pairs], extractor=lambda a: by_id[a.article_id])
    assert not rep.rejected and rep.incidents_created + rep.reports_merged == len(pairs)


def test_cache_hits_until_another_writer_commits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    pairs = build_incidents()
    first = [p for p in pairs if p[0].article_id != "t-muqdadiyah"]
    late = [p for p in pairs if p[0].article_id == "t-muqdadiyah"]
    assert late, "the sample data changed: pick another article to add late"
    server_store = open_store(url)
    _ingest(server_store, first)
    app = create_app(server_store)
    client = TestClient(app)
    cache: ResponseCache = app.state.responses

    before = {path: client.get(path, params=p).json() for path, p in QUERIES}
    misses = cache.misses
    again = {path: client.get(path, params=p).json() for path, p in QUERIES}
    assert again == before
    assert cache.misses == misses and cache.hits >= len(QUERIES)

    # Another process's writer: its own Store, its own connections.
    writer = open_store(url)
    _ingest(writer, late)
    writer.close()
    after = {path: client.get(path, params=p).json() for path, p in QUERIES}
    assert cache.misses == misses + len(QUERIES)
    assert after["/api/incidents"]["total"] == before["/api/incidents"]["total"] + 1
    assert after["/api/incidents/points"]["total"] == before["/api/incidents/points"]["total"] + 1
    n = sum(r["incidents"] for r in after["/api/aggregates"]["rows"])
    assert n == sum(r["incidents"] for r in before["/api/aggregates"]["rows"]) + 1

    # What the cache serves equals what an app without a cache computes now.
    fresh = TestClient(create_app(open_store(url)))
    for path, p in QUERIES:
        assert client.get(path, params=p).json() == fresh.get(path, params=p).json(), path
    server_store.close()


def test_cache_is_bounded() -> None:
    class Versioned:
        version = 1

        def data_version(self) -> int:
            return self.version

    store = Versioned()
    cache = ResponseCache(store, max_entries=3, max_bytes=10_000)
    calls: list[int] = []

    def compute(i: int) -> Any:
        calls.append(i)
        return {"i": i, "pad": "x" * 1000}

    for i in range(5):
        cache.get(i, lambda i=i: compute(i))
    assert len(cache._entries) == 3 and calls == [0, 1, 2, 3, 4]
    cache.get(4, lambda: compute(4))
    assert calls[-1] == 4 and len(calls) == 5  # a hit
    store.version = 2
    cache.get(4, lambda: compute(4))
    assert len(calls) == 6  # the store changed: computed again
    big = ResponseCache(store, max_entries=3, max_bytes=2_000)
    big.get("x", lambda: {"pad": "y" * 5000})
    assert not big._entries  # bigger than a quarter of the budget: served, not kept


def test_uncacheable_store_computes_every_time() -> None:
    cache = ResponseCache(object())
    n = [0]

    def compute() -> Any:
        n[0] += 1
        return [n[0]]

    assert cache.get("k", compute) == b"[1]"
    assert cache.get("k", compute) == b"[2]"
