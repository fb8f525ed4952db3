"""Fixtures for the store tests: real SQLite files, a real PostgreSQL server
started on loopback for the session, and builders of Incident records whose
evidence spans point into realistic report text written here."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from incidentwatch.records import Actor, Article, Count, Country, Evidence, Incident, Location
from incidentwatch.store import Store, open_store
from incidentwatch.store.pgtemp import TempPostgres, find_bindir

_db_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    if find_bindir() is None:
        pytest.skip(
            "PostgreSQL binaries (initdb/pg_ctl) not installed: run scripts/setup-system.sh"
        )
    server = TempPostgres(dbname="iw_admin").start()
    try:
        yield server
    finally:
        server.stop()


def _new_pg_db(server: TempPostgres) -> str:
    import psycopg

    name = f"iw_test_{next(_db_counter)}"
    with psycopg.connect(
        f"host=127.0.0.1 port={server.port} user=postgres dbname=iw_admin", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}"


@pytest.fixture
def pg_url(pg_server: TempPostgres) -> str:
    return _new_pg_db(pg_server)


@pytest.fixture
def new_pg_url(pg_server: TempPostgres) -> Callable[[], str]:
    """Makes a new, empty database on the session's server at each call."""
    return lambda: _new_pg_db(pg_server)


@pytest.fixture
def loopback() -> Iterator[Callable[[type[BaseHTTPRequestHandler]], str]]:
    """Start an HTTP server with the given handler on 127.0.0.1 (a free port); returns its
    base URL. Every server started is shut down when the test ends."""
    started: list[ThreadingHTTPServer] = []

    def start(handler: type[BaseHTTPRequestHandler]) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    try:
        yield start
    finally:
        for httpd in started:
            httpd.shutdown()
            httpd.server_close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'incidents.db'}"
    server = request.getfixturevalue("pg_server")
    return _new_pg_db(server)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    st = open_store(db_url)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def sqlite_store(tmp_path: Any) -> Iterator[Store]:
    st = open_store(f"sqlite:///{tmp_path / 'incidents.db'}")
    try:
        yield st
    finally:
        st.close()


# Places used in the hand-written reports (GeoNames coordinates).
PLACES: dict[str, tuple[float, float, str, str | None]] = {
    "Khanaqin": (34.3482, 45.3916, "Diyala", "Khanaqin"),
    "Jalawla": (34.2706, 45.1572, "Diyala", "Khanaqin"),  # ~23 km from Khanaqin
    "Baqubah": (33.7466, 44.6437, "Diyala", "Baquba"),
    "Muqdadiya": (33.9783, 44.9369, "Diyala", "Muqdadiya"),
    "Tuz Khurmatu": (34.8886, 44.6326, "Salah al-Din", "Tuz"),
    "Tarmiyah": (33.6700, 44.3900, "Baghdad", "Tarmia"),
    "Diyala": (33.7466, 44.6437, "Diyala", None),  # governorate only: its capital
}


def actor_type(name: str) -> int:
    """ACLED actor type of the test actors (codebook section 3)."""
    for prefix, t in (("Civilians", 7), ("Protesters", 6), ("Rioters", 5), ("Unidentified", 3)):
        if name.startswith(prefix):
            return t
    return 2 if "Islamic" in name else 1


def find_span(text: str, needle: str, field: str, aid: str) -> Evidence:
    start = text.index(needle)
    return Evidence(field=field, article_id=aid, start=start, end=start + len(needle), text=needle)


MakeIncident = Callable[..., Incident]


@pytest.fixture
def make_incident() -> MakeIncident:
    """An Incident as the extractor would give it, with spans found in `text`."""

    def build(
        aid: str,
        text: str,
        *,
        date: str,
        place: str,
        place_words: str | None = None,
        event_type: str = "Explosions/Remote violence",
        sub_event_type: str | None = "Remote explosive/landmine/IED",
        actor1: str | None = "Islamic State (Iraq)",
        actor1_words: str | None = None,
        actor2: str | None = None,
        killed: int | None = None,
        killed_words: str | None = None,
        wounded: int | None = None,
        wounded_words: str | None = None,
        precision: int = 1,
        geo_precision: int | None = None,
        claim_status: str = "reported",
    ) -> Incident:
        lat, lon, admin1, admin2 = PLACES[place]
        ev = [find_span(text, place_words or place, "location", aid)]
        if actor1_words:
            ev.append(find_span(text, actor1_words, "actor1", aid))
        if killed_words:
            ev.append(find_span(text, killed_words, "fatalities", aid))
        if wounded_words:
            ev.append(find_span(text, wounded_words, "injuries", aid))
        gp = geo_precision or (3 if place == "Diyala" else 1)
        return Incident(
            event_date=date,
            date_precision=precision,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=Actor(name=actor1, type=actor_type(actor1)) if actor1 else None,
            actor2=Actor(name=actor2, type=actor_type(actor2)) if actor2 else None,
            country=Country(code="IQ", name="Iraq"),
            admin1=admin1,
            admin2=admin2 if gp < 3 else None,
            location=Location(name=place, latitude=lat, longitude=lon),
            geo_precision=gp,
            fatalities=Count(best=killed if killed is not None else 0),
            injuries=Count(best=wounded),
            summary=text.split(".")[0][:200],
            evidence=ev,
            confidence=0.8,
            claim_status=claim_status,  # type: ignore[arg-type]
        )

    return build


@pytest.fixture
def make_article() -> Callable[..., Article]:
    def build(
        aid: str,
        text: str,
        incidents: list[Incident],
        *,
        published_at: str | None = None,
        outlet: str = "Test Wire",
        url: str | None = None,
    ) -> Article:
        return Article.model_validate(
            {
                "article_id": aid,
                "text": text,
                "published_at": published_at,
                "outlet": outlet,
                "url": url,
                "incidents": [i.model_dump(mode="json") for i in incidents],
            }
        )

    return build
