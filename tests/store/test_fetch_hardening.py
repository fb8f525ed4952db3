"""Fetching against hostile servers and DNS (issue 14, items 2 and 3).

Every server here listens on loopback only. A rebinding DNS server is played
by a resolver passed in the configuration; 127.0.0.2 stands in for a public
address (allowed through `allowed_networks`), 127.0.0.1 for the internal host
an attacker wants to reach.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.ingest.fetch import FetchConfig, FetchError, fetch

PAGE = (
    b"<html><head><title>Clashes in Hit</title></head><body><article><p>Clashes broke out "
    b"between tribal fighters and militants near Hit on Tuesday, killing four fighters, a "
    b"local official said. The fighting lasted several hours before the militants withdrew "
    b"towards the desert west of the town.</p></article></body></html>"
)


class Server:
    """A tiny HTTP server on one loopback address, recording what it was asked."""

    def __init__(self, addr: str, port: int = 0, *, drip_s: float | None = None) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((addr, port))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.drip_s = drip_s
        self.requests: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                self.requests.append(conn.recv(65536))
                if self.drip_s is None:
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(PAGE) + PAGE
                    )
                    return
                # One header line every drip_s seconds: never too slow for a per-read
                # timeout, never done. Bounded, so the test cannot hang on it.
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                for n in range(60):
                    if self.stop.wait(self.drip_s):
                        return
                    conn.sendall(b"X-Drip-%d: still coming\r\n" % n)
            except OSError:
                return  # the client hung up: what the deadline is for

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@contextmanager
def serving(addr: str, port: int = 0, **kw: float) -> Iterator[Server]:
    srv = Server(addr, port, **kw)  # type: ignore[arg-type]
    try:
        yield srv
    finally:
        srv.close()


# ------------------------------------------------------------- item 2: one deadline


def test_ingest_url_gives_up_on_a_header_drip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INCIDENTWATCH_FETCH_TIMEOUT", "2")
    with serving("127.0.0.1", drip_s=0.5) as srv:
        url = f"http://127.0.0.1:{srv.port}/news/clashes.html"
        t0 = time.monotonic()
        res = CliRunner().invoke(
            app, ["ingest", url, "--allow-private", "--db", f"sqlite:///{tmp_path / 'i.db'}"]
        )
        took = time.monotonic() - t0
    assert res.exit_code == 0, res.output
    assert f"skipped {url}: timed out after 2 s" in res.output, res.output
    assert took < 6, f"took {took:.1f} s for a 2 s deadline"
    assert srv.requests, "the server was reached"


def test_watch_gives_up_on_a_header_drip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INCIDENTWATCH_FETCH_TIMEOUT", "2")
    with serving("127.0.0.1", drip_s=0.5) as srv:
        feed = f"http://127.0.0.1:{srv.port}/feed.xml"
        t0 = time.monotonic()
        res = CliRunner().invoke(
            app,
            ["watch", feed, "--once", "--allow-private", "--db", f"sqlite:///{tmp_path / 'w.db'}"],
        )
        took = time.monotonic() - t0
    assert res.exit_code == 0, res.output
    assert "failed 1" in res.output and "timed out" in res.output, res.output
    assert took < 6, f"took {took:.1f} s for a 2 s deadline"


def test_fetch_timeout_from_the_environment_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENTWATCH_FETCH_TIMEOUT", "soon")
    res = CliRunner().invoke(app, ["ingest", "http://127.0.0.1:9/x", "--db", "sqlite://"])
    assert res.exit_code == 2 and "INCIDENTWATCH_FETCH_TIMEOUT" in res.output


# ------------------------------------------------------------- item 3: DNS rebinding


class RebindingDNS:
    """Answers `first` to the first question, `then` to every later one."""

    def __init__(self, first: str, then: str) -> None:
        self.answers = [first, then]
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return [self.answers[0] if len(self.asked) == 1 else self.answers[1]]


def test_connects_to_the_address_it_checked() -> None:
    with serving("127.0.0.2") as public, serving("127.0.0.1", public.port) as internal:
        dns = RebindingDNS(first="127.0.0.2", then="127.0.0.1")
        cfg = FetchConfig(allowed_networks=("127.0.0.2/32",), resolver=dns, timeout_s=5)
        got = fetch(f"http://news.rebind.test:{public.port}/a.html", cfg)
    assert got.status == 200 and b"Clashes in Hit" in got.content
    assert dns.asked == ["news.rebind.test"], "resolved exactly once"
    assert len(public.requests) == 1 and not internal.requests
    # The request still names the host, not the address.
    assert f"host: news.rebind.test:{public.port}".encode() in public.requests[0].lower()


def test_a_name_answering_an_internal_address_is_refused() -> None:
    with serving("127.0.0.1") as internal:
        dns = RebindingDNS(first="127.0.0.1", then="127.0.0.1")
        cfg = FetchConfig(allowed_networks=("127.0.0.2/32",), resolver=dns, timeout_s=5)
        with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1"):
            fetch(f"http://news.rebind.test:{internal.port}/a.html", cfg)
    assert not internal.requests


def test_every_redirect_hop_is_resolved_and_checked_again() -> None:
    with serving("127.0.0.1") as internal:
        # The first hop is fine; its redirect names a host that resolves inside.
        sock = socket.socket()
        sock.bind(("127.0.0.2", internal.port))
        sock.listen(1)

        def redirect() -> None:
            conn, _ = sock.accept()
            with conn:
                conn.recv(65536)
                loc = f"http://intranet.rebind.test:{internal.port}/admin"
                conn.sendall(
                    f"HTTP/1.1 302 Found\r\nLocation: {loc}\r\nContent-Length: 0\r\n\r\n".encode()
                )

        t = threading.Thread(target=redirect, daemon=True)
        t.start()
        answers = {"news.rebind.test": "127.0.0.2", "intranet.rebind.test": "127.0.0.1"}
        cfg = FetchConfig(
            allowed_networks=("127.0.0.2/32",),
            resolver=lambda host, port: [answers[host]],
            timeout_s=5,
        )
        try:
            with pytest.raises(FetchError, match=r"refused intranet\.rebind\.test"):
                fetch(f"http://news.rebind.test:{internal.port}/", cfg)
        finally:
            t.join(timeout=5)
            sock.close()
    assert not internal.requests


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_https_keeps_the_host_name_for_sni(tmp_path: Path) -> None:
    """Connecting to the checked address must not turn SNI into that address."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=news.rebind.test", "-keyout", str(tmp_path / "k.pem"),
         "-out", str(tmp_path / "c.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    seen: list[str | None] = []
    ctx.sni_callback = lambda sslsock, name, _ctx: seen.append(name)  # type: ignore[assignment,misc,return-value]
    sock = socket.socket()
    sock.bind(("127.0.0.2", 0))
    sock.listen(1)
    port = sock.getsockname()[1]

    def handshake() -> None:
        conn, _ = sock.accept()
        conn.settimeout(5)
        # The client refuses our self-signed certificate, as it must.
        with contextlib.suppress(ssl.SSLError, OSError):
            ctx.wrap_socket(conn, server_side=True).close()

    t = threading.Thread(target=handshake, daemon=True)
    t.start()
    cfg = FetchConfig(
        allowed_networks=("127.0.0.2/32",), resolver=lambda h, p: ["127.0.0.2"], timeout_s=5
    )
    try:
        with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
            fetch(f"https://news.rebind.test:{port}/", cfg)
    finally:
        t.join(timeout=5)
        sock.close()
    assert seen == ["news.rebind.test"]
