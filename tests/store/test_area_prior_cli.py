"""The area prior end to end ("this feed is about Iraq"): `ingest --country`, a
watched feed's country kept in the store, the user's outlet list, through the real
CLI, a real SQLite store and a real feed server on loopback. The texts are written
here; "Salamiya" names both a Syrian town (Hama) and an Iraqi village (Ninewa)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.geocode import get_geocoder
from incidentwatch.geocode.prior import SourceCountries, area_prior, user_sources_file
from incidentwatch.store import open_store

REPORT = (
    "Gunmen opened fire on a police checkpoint in Salamiya on Sunday night, killing "
    "two policemen and wounding three others, a local official said."
)


def _countries(db: str, tmp_path: Path) -> list[tuple[str, str]]:
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(app, ["export", "--db", db, "--format", "acled-csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8") as fh:
        return [(r["country"], r["admin1"]) for r in csv.DictReader(fh)]


def _article_file(tmp_path: Path, outlet: str = "Evening Wire") -> Path:
    f = tmp_path / "in.jsonl"
    rec = {"article_id": "p1", "published_at": "2016-05-02", "outlet": outlet, "text": REPORT}
    f.write_text(json.dumps(rec) + "\n", "utf-8")
    return f


def test_ingest_country_is_the_runs_area_prior(tmp_path: Path) -> None:
    src = _article_file(tmp_path)
    runs = {}
    for name, extra in (("plain", []), ("iraq", ["--country", "iq"])):
        db = f"sqlite:///{tmp_path / (name + '.db')}"
        res = CliRunner().invoke(app, ["ingest", "--db", db, *extra, str(src)])
        assert res.exit_code == 0, res.output
        runs[name] = _countries(db, tmp_path)
    assert runs["iraq"] == [("Iraq", "Ninewa")]
    assert runs["plain"] and runs["plain"][0][0] == "Syria"


def test_ingest_refuses_a_country_that_is_not_iso2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    res = CliRunner().invoke(app, ["ingest", "--db", db, "--country", "Iraq", "-"], input="")
    assert res.exit_code == 2 and "ISO2" in res.output


LONG_ENTRY = (
    REPORT + " The attack was the third on security forces in the area this month. "
    "Residents said the gunmen arrived in two pick-up trucks shortly after dark and "
    "fled towards farmland east of the village after a gun battle that lasted about "
    "twenty minutes. Reinforcements sealed off the roads and began searching nearby "
    "houses, and a curfew was declared until further notice. No group claimed the "
    "attack, and the wounded were taken to hospital, the official added."
)

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Valley Evening Wire</title><link>{base}/</link>
<item><title>Checkpoint attacked</title><link>{base}/a1.html</link>
<pubDate>Mon, 02 May 2016 08:00:00 GMT</pubDate><description>{body}</description></item>
</channel></rss>"""


def _feed_server(loopback: Callable[[type[BaseHTTPRequestHandler]], str]) -> str:
    class Feed(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = f"http://{self.headers['Host']}"
            body = FEED.format(base=host, body=LONG_ENTRY).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return loopback(Feed) + "/feed.xml"


def test_watch_keeps_the_feeds_country_and_uses_it(
    tmp_path: Path, loopback: Callable[[type[BaseHTTPRequestHandler]], str]
) -> None:
    feed = _feed_server(loopback)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    run = CliRunner()
    res = run.invoke(
        app, ["watch", "--db", db, "--once", "--allow-private", "--country", "IQ", feed]
    )
    assert res.exit_code == 0, res.output
    assert _countries(db, tmp_path) == [("Iraq", "Ninewa")]
    # Naming the feed again without --country keeps its country; '' clears it.
    assert run.invoke(app, ["watch", "--db", db, "--once", "--allow-private", feed]).exit_code == 0
    st = open_store(db)
    try:
        assert [f.country for f in st.feeds()] == ["IQ"]
        st.add_feeds([feed], country="")
        assert [f.country for f in st.feeds()] == [None]
        with pytest.raises(ValueError, match="ISO2"):
            st.add_feeds([feed], country="Iraq")
    finally:
        st.close()


def test_watch_without_feeds_refuses_a_country(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    res = CliRunner().invoke(app, ["watch", "--db", db, "--once", "--country", "IQ"])
    assert res.exit_code == 2 and "FEEDS" in res.output


def test_the_feed_without_a_country_gets_none(
    tmp_path: Path, loopback: Callable[[type[BaseHTTPRequestHandler]], str]
) -> None:
    feed = _feed_server(loopback)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    res = CliRunner().invoke(app, ["watch", "--db", db, "--once", "--allow-private", feed])
    assert res.exit_code == 0, res.output
    assert _countries(db, tmp_path)[0][0] == "Syria"


def test_which_prior_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    geo = get_geocoder()
    monkeypatch.setattr(geo, "default_prior", None)
    assert geo.prior_origin(None, None) == (None, "none set")
    monkeypatch.setattr(geo, "default_prior", "TR")
    assert geo.prior_origin(None, None) == ("TR", "the run's default")
    with area_prior("IQ"):
        # The outlet list knows one outlet better than a feed or a run knows its mix.
        assert geo.prior_for(None, "https://sana.sy/en/?p=1") == "SY"
        assert geo.prior_origin(None, "Evening Wire") == ("IQ", "the feed's or run's country")
        assert geo.prior_for("TR", "sana.sy") == "TR"
        assert geo.prior_for("", "sana.sy") is None
        with area_prior(None):  # an inner block without a country: the default again
            assert geo.prior_for(None, None) == "TR"
    with pytest.raises(ValueError, match="ISO2"), area_prior("Iraq"):
        pass


def test_users_outlet_list_adds_to_and_overrides_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("outlet\tcountry\nvalley-wire.example\tIQ\nsana.sy\tLB\n", "utf-8")
    monkeypatch.setenv("INCIDENTWATCH_SOURCE_COUNTRIES", str(mine))
    assert user_sources_file() == mine
    shipped = Path(__file__).parents[2] / "src/incidentwatch/data/gazetteer/source_countries.tsv"
    sc = SourceCountries.load_all(shipped, user_sources_file())
    assert sc.country_of("https://news.valley-wire.example/x") == "IQ"
    assert sc.country_of("sana.sy") == "LB"
    assert sc.country_of("rudaw.net") == "IQ"  # the shipped lines stay
    missing = SourceCountries.load_all(shipped, tmp_path / "nope.tsv")
    assert missing.country_of("sana.sy") == "SY"


def test_ingest_workers_take_the_runs_area_prior() -> None:
    """`ingest --country IQ --workers N`: the geocoding happens in worker processes,
    which must hold the writer's run prior, not the process default."""
    from incidentwatch.geocode.prior import area_prior, block_prior
    from incidentwatch.ingest.workers import WorkerPool

    with area_prior("IQ"), WorkerPool(1) as pool:
        assert pool.executor.submit(block_prior).result(timeout=300) == "IQ"
    with WorkerPool(1) as pool:
        assert pool.executor.submit(block_prior).result(timeout=300) is None
