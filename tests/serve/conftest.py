"""Fixtures for the serve tests: a real SQLite store filled with the articles in
serve_sample_data.py (ingested through ingest.pipeline.ingest_articles, with their hand-written
incidents as the extractor's output), the app over it, and a live server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from alert_sample_data import build_alert_incidents
from fastapi.testclient import TestClient
from serve_helpers import fill_store, serving

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.serve.app import create_app
from incidentwatch.store import IncidentFilter, open_store


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("serve-store") / "incidents.db"
    st = fill_store(f"sqlite:///{path}")
    yield st
    st.close()


@pytest.fixture(scope="session")
def ids(store: Any) -> dict[str, str]:
    """Incident ids the store gave, keyed by the place of each test incident."""
    out = {}
    for inc in store.query_incidents(IncidentFilter(), limit=100):
        assert inc.location is not None
        out[inc.location.name] = inc.incident_id
    return out


@pytest.fixture(scope="session")
def client(store: Any) -> TestClient:
    return TestClient(create_app(store))


@pytest.fixture(scope="session")
def live_server(store: Any) -> Iterator[str]:
    with serving(store) as url:
        yield url


@pytest.fixture(scope="session")
def alert_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second server over a store where Kirkuk flares up (alert_sample_data.py)."""
    path = tmp_path_factory.mktemp("serve-alerts") / "incidents.db"
    st = open_store(f"sqlite:///{path}")
    pairs = build_alert_incidents()
    by_id = {art.article_id: incs for art, incs in pairs}
    report = ingest_articles(st, [a for a, _ in pairs], extractor=lambda a: by_id[a.article_id])
    assert not report.rejected, report.rejected
    try:
        with serving(st) as url:
            yield url
    finally:
        st.close()
