"""How ingest/fetch.py treats what a server (or a URL) hands it: conditional GETs,
error statuses, broken redirects, proxies from the environment, unparsable URLs and
names that do not resolve. A loopback server written here; no network."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from incidentwatch.ingest.fetch import FetchConfig, FetchError, check_url, fetch

LOCAL = FetchConfig(allow_private=True, timeout_s=5)
ETAG = '"v7-orchard-road"'


class _Server(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/feed":
            if self.headers.get("If-None-Match") == ETAG:
                self._reply(304, headers={"ETag": ETAG})
            else:
                self._reply(200, b"<rss/>", {"ETag": ETAG, "Content-Type": "application/rss+xml"})
        elif self.path.startswith("/status/"):
            self._reply(int(self.path.rsplit("/", 1)[1]), b"status page")
        elif self.path == "/declared-huge":
            # declares 9,999,999 bytes, sends 10: refused on the header, before any download
            self.send_response(200)
            self.send_header("Content-Length", "9999999")
            self.end_headers()
            self.wfile.write(b"x" * 10)
        elif self.path == "/drip":
            # 8 chunks 0.3 s apart: no single read waits long, the whole takes 2.4 s
            self.send_response(200)
            self.send_header("Content-Length", "8")
            self.end_headers()
            for _ in range(8):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.3)
        elif self.path == "/no-location":
            self._reply(302)  # a redirect that says nowhere
        else:
            self._reply(404, b"not found")


@pytest.fixture
def server(loopback: Callable[[type[BaseHTTPRequestHandler]], str]) -> str:
    return loopback(_Server)


def test_conditional_get_gives_304_and_no_content(server: str) -> None:
    first = fetch(f"{server}/feed", LOCAL)
    assert (first.status, first.content, first.etag) == (200, b"<rss/>", ETAG)
    again = fetch(f"{server}/feed", LOCAL, etag=ETAG)
    assert (again.status, again.content, again.etag) == (304, b"", ETAG)


@pytest.mark.parametrize("code", [400, 403, 410, 500, 503])
def test_error_status_is_a_fetch_error(server: str, code: int) -> None:
    with pytest.raises(FetchError, match=f"HTTP {code}"):
        fetch(f"{server}/status/{code}", LOCAL)


@pytest.mark.parametrize("code", [200, 203, 299])
def test_success_status_is_content(server: str, code: int) -> None:
    got = fetch(f"{server}/status/{code}", LOCAL)
    assert (got.status, got.content) == (code, b"status page")


def test_redirect_without_location_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="redirect without Location"):
        fetch(f"{server}/no-location", LOCAL)


def test_proxies_from_the_environment_are_ignored(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A proxy named by the environment would see (and could redirect) every request;
    # port 9 on loopback is closed, so using it would fail the fetch.
    for var in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert fetch(f"{server}/status/200", LOCAL).content == b"status page"


@pytest.mark.parametrize(
    "url", ["http://[::1/feed", "http://[fe80::1%eth0/x", "http://x:99999999/"]
)
def test_unparsable_url_is_a_fetch_error(url: str) -> None:
    with pytest.raises(FetchError, match=r"bad URL|cannot resolve"):
        check_url(url, FetchConfig())


def test_name_that_does_not_resolve_is_a_fetch_error() -> None:
    # .invalid never resolves (RFC 6761)
    with pytest.raises(FetchError, match="cannot resolve"):
        check_url("http://no-such-host.invalid/feed", FetchConfig())


def test_declared_length_over_the_cap_is_refused_before_download(server: str) -> None:
    cfg = FetchConfig(allow_private=True, timeout_s=5, max_bytes=1_000_000)
    with pytest.raises(FetchError, match=r"too large \(9,999,999 bytes > 1,000,000\)"):
        fetch(f"{server}/declared-huge", cfg)


def test_whole_response_time_is_capped_not_only_each_read(server: str) -> None:
    cfg = FetchConfig(allow_private=True, timeout_s=1)
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetch(f"{server}/drip", cfg)


def test_connection_refused_is_a_fetch_error() -> None:
    with socket.socket() as s:  # a port that was free a moment ago: nobody listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch(f"http://127.0.0.1:{port}/feed", LOCAL)
