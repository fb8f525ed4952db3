"""Fetching, HTML and feeds against a real HTTP server on loopback (no other network)."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.ingest.fetch import FetchConfig, FetchError, check_url, fetch
from incidentwatch.ingest.readers import Rejected
from incidentwatch.ingest.sources import read_any, read_url
from incidentwatch.ingest.watch import poll_due
from incidentwatch.records import Article
from incidentwatch.store import Store

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Bomb kills five in Baqubah market - Diyala Daily</title>
<meta property="og:site_name" content="Diyala Daily">
<meta property="article:published_time" content="2016-05-01T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Bomb kills five in Baqubah market</h1>
<p>BAQUBAH, Iraq - A bomb hidden in a vegetable cart exploded in a crowded market in
Baqubah on Sunday morning, killing five people and wounding eleven, police and medical
sources said.</p>
<p>No group immediately claimed responsibility for the attack, but Islamic State
militants have carried out similar bombings in Diyala province in recent months.</p>
<p>Security forces closed the roads leading to the market after the blast.</p>
</article>
<footer>Copyright Diyala Daily. All rights reserved.</footer>
</body></html>"""

# Windows-1252 bytes with no charset anywhere: the reader must detect it.
LATIN_HTML = (
    "<html><head><title>Caf\xe9 attack</title></head><body><article><p>"
    "Gunmen opened fire on a caf\xe9 in Tarmiyah on Friday evening, killing two men, "
    "the district's mayor told reporters. The caf\xe9 owner, whose name was given as "
    "Jos\xe9, was among the wounded. Police sealed off the area and began a search."
    "</p></article></body></html>"
).encode("cp1252")

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Diyala Daily</title><link>{base}/</link>
<item><title>Bomb kills five in Baqubah market</title><link>{base}/article.html</link>
<description>A bomb exploded in Baqubah.</description>
<pubDate>Sun, 01 May 2016 10:00:00 +0000</pubDate></item>
<item><title>Clashes near Tuz Khurmatu</title><link>{base}/tuz</link>
<description>Clashes broke out between Peshmerga and Popular Mobilization Forces fighters in
Tuz Khurmatu on Saturday, killing three people, a local official said. The fighting, which
began after an argument at a checkpoint, stopped after mediation by local leaders. Both sides
reinforced their positions in the town overnight, and shops stayed closed. The official said
a committee would investigate what caused the clashes, and that the curfew imposed on the town
would stay in force until further notice. Residents said they heard gunfire for several hours.
</description>
<pubDate>Sat, 30 Apr 2016 18:00:00 +0000</pubDate></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    fail_feed = False

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up (timeout test)
            self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/article.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif self.path == "/latin.html":
            self._send(200, LATIN_HTML, "text/html")
        elif self.path == "/feed.xml":
            if Handler.fail_feed:
                self._send(500, b"oops", "text/plain")
            else:
                self._send(200, RSS.format(base=base).encode(), "application/rss+xml")
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the cap must hold while streaming
            for _ in range(300):
                self.wfile.write(b"x" * 10_000)
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, b"late", "text/plain")
        elif self.path == "/to-file":
            self._send(302, b"", "text/plain", {"Location": "file:///etc/passwd"})
        elif self.path == "/hop":
            self._send(302, b"", "text/plain", {"Location": "/article.html"})
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture
def server(loopback: Callable[[type[BaseHTTPRequestHandler]], str]) -> str:
    Handler.fail_feed = False
    return loopback(Handler)


LOCAL = FetchConfig(allow_private=True, timeout_s=5)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "gopher://127.0.0.1/",
        "http://127.0.0.1/",
        "http://localhost:8080/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_refused_by_default(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url, FetchConfig())


def test_loopback_refused_unless_allowed(server: str) -> None:
    with pytest.raises(FetchError, match="non-public"):
        fetch(server + "/article.html", FetchConfig())
    got = fetch(server + "/article.html", LOCAL)
    assert got.status == 200 and b"Baqubah" in got.content


def test_size_time_and_redirect_limits(server: str) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch(server + "/big", FetchConfig(allow_private=True, max_bytes=100_000))
    with pytest.raises(FetchError, match="timed out"):
        fetch(server + "/slow", FetchConfig(allow_private=True, timeout_s=1))
    with pytest.raises(FetchError, match="scheme"):
        fetch(server + "/to-file", LOCAL)
    assert fetch(server + "/hop", LOCAL).url.endswith("/article.html")
    with pytest.raises(FetchError, match="404"):
        fetch(server + "/missing", LOCAL)


def test_article_url_becomes_article(server: str) -> None:
    [art] = list(read_url(server + "/article.html", LOCAL))
    assert isinstance(art, Article)
    assert "vegetable cart" in art.text and "Copyright" not in art.text
    assert art.title and "Bomb kills five" in art.title
    assert art.published_at == "2016-05-01"
    assert art.outlet == "Diyala Daily" and art.url == server + "/article.html"


def test_undeclared_encoding_is_detected(server: str) -> None:
    [art] = list(read_url(server + "/latin.html", LOCAL))
    assert isinstance(art, Article)
    assert "café in Tarmiyah" in art.text and "José" in art.text


def test_feed_entries(server: str) -> None:
    items = list(read_any(server + "/feed.xml", cfg=LOCAL))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 2, items
    by_title = {a.title: a for a in arts}
    # A teaser entry is replaced by the page it links to; a full entry is kept.
    assert "vegetable cart" in by_title["Bomb kills five in Baqubah market"].text
    tuz = by_title["Clashes near Tuz Khurmatu"]
    assert "Peshmerga" in tuz.text and tuz.published_at == "2016-04-30"
    assert tuz.outlet == "Diyala Daily"


def test_feed_url_refused_without_permission(server: str) -> None:
    [item] = list(read_any(server + "/feed.xml", cfg=FetchConfig()))
    assert isinstance(item, Rejected) and "non-public" in item.reason


def test_watch_backs_off_and_recovers(server: str, sqlite_store: Store) -> None:
    feed = server + "/feed.xml"
    sqlite_store.add_feeds([feed], interval_s=600)
    t0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    Handler.fail_feed = True
    kw = {"extractor": lambda a: []}
    res = poll_due(sqlite_store, LOCAL, now=t0, ingest_kwargs=kw)
    assert feed in res.failed
    [row] = sqlite_store.feeds()
    assert row.failures == 1
    # Not due again before interval * 2^failures.
    assert not sqlite_store.due_feeds(t0 + dt.timedelta(seconds=1199))
    res = poll_due(sqlite_store, LOCAL, now=t0 + dt.timedelta(seconds=1200), ingest_kwargs=kw)
    assert feed in res.failed and sqlite_store.feeds()[0].failures == 2
    assert not sqlite_store.due_feeds(t0 + dt.timedelta(seconds=1200 + 2399))
    Handler.fail_feed = False
    t2 = t0 + dt.timedelta(seconds=1200 + 2400)
    res = poll_due(sqlite_store, LOCAL, now=t2, ingest_kwargs=kw)
    assert res.polled == [feed] and res.ingest.added == 2
    assert sqlite_store.feeds()[0].failures == 0
    # A second poll finds nothing new.
    res = poll_due(sqlite_store, LOCAL, now=t2 + dt.timedelta(seconds=600), ingest_kwargs=kw)
    assert res.ingest.added == 0 and res.ingest.duplicates == 2


def test_ingest_command_reads_every_source_kind(tmp_path: Path, server: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Gunmen killed two policemen at a checkpoint in Tarmiyah on Sunday, police said.\n"
    )
    (src / "b.html").write_text(ARTICLE_HTML.replace("Baqubah", "Khalis"), encoding="utf-8")
    (src / "c.csv").write_text(
        "id,date,source,text\n"
        'c1,2016-05-03,Rudaw,"A roadside bomb struck an army patrol near Jalawla on Tuesday."\n'
        "c2,2016-05-03,Rudaw,\n",
        encoding="utf-8",
    )
    (src / "d.bin").write_bytes(b"\x00\x01binary")
    (src / "e.txt").write_bytes(b"\x00\x00\x00 not text")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    res = runner.invoke(
        app, ["ingest", str(src), server + "/feed.xml", "--db", db, "--allow-private"]
    )
    assert res.exit_code == 0, res.output
    assert "5 articles: 5 added" in res.output and "2 unreadable" in res.output, res.output
    assert "c.csv:3" in res.output and "e.txt" in res.output
    again = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert "0 added" in again.output and "already stored" in again.output
    stats = runner.invoke(app, ["db", "stats", "--db", db])
    assert '"articles"' in stats.output
    refused = runner.invoke(app, ["ingest", server + "/feed.xml", "--db", db])
    assert "non-public" in refused.output


def test_watch_command_once(tmp_path: Path, server: str) -> None:
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["watch", "--once", "--db", db]).exit_code == 2  # no feeds yet
    res = runner.invoke(
        app, ["watch", server + "/feed.xml", "--once", "--allow-private", "--db", db]
    )
    assert res.exit_code == 0, res.output
    assert "polled 1, failed 0" in res.output and "2 added" in res.output
    # Not due again until the interval has passed: nothing is fetched.
    res = runner.invoke(app, ["watch", "--once", "--allow-private", "--db", db])
    assert "polled 0, failed 0" in res.output
