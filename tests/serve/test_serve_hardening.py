"""The server against a hostile or careless caller (issue 14, items 4 and 7).

Everything here goes to the real app under uvicorn on loopback (raw sockets
where the point is what the server does *before* it has the body), or to
`incidentwatch serve` started as a user starts it.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from serve_helpers import fill_store, serving
from serve_sample_data import TOKEN

CAP = 64 * 1024
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    # Not the session store: these tests ingest through the API.
    st = fill_store(f"sqlite:///{tmp_path_factory.mktemp('harden') / 'incidents.db'}")
    yield st
    st.close()


@pytest.fixture(scope="module")
def server(own_store: Any) -> Iterator[str]:
    with serving(
        own_store, token=TOKEN, max_body=CAP, allowed_hosts=["127.0.0.1", "localhost"]
    ) as url:
        yield url


def raw_request(url: str, head: str, body: bytes = b"", wait: float = 5.0) -> tuple[int, str]:
    """Send `head` (and `body`) on a socket; the status and reply, or (0, '') on timeout.

    The body is deliberately shorter than any Content-Length in `head` where a test
    checks that the server answers without waiting for (or reading) the rest.
    """
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as s:
        s.sendall(head.encode("latin-1") + body)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except TimeoutError:
            return 0, ""
    text = data.decode("latin-1")
    m = re.match(r"HTTP/1\.1 (\d+)", text)
    return (int(m.group(1)) if m else 0), text


def _post_head(url: str, length: int, auth: str | None) -> str:
    host = urlsplit(url).netloc
    lines = [
        "POST /api/articles HTTP/1.1",
        f"Host: {host}",
        "Content-Type: application/json",
        f"Content-Length: {length}",
    ]
    if auth is not None:
        lines.append(f"Authorization: {auth}")
    return "\r\n".join(lines) + "\r\n\r\n"


def test_token_is_checked_before_the_body_is_read(server: str) -> None:
    # 24 MB announced, not a byte sent: a server that read the body first would hang.
    t0 = time.monotonic()
    for auth in (None, "Bearer wrong-token-000000", TOKEN):  # the last: no 'Bearer '
        status, reply = raw_request(server, _post_head(server, 24_000_000, auth))
        assert status == 401, reply
        assert "WWW-Authenticate: Bearer" in reply or "www-authenticate: Bearer" in reply
    assert time.monotonic() - t0 < 5


def test_a_body_over_the_cap_is_refused_unread(server: str) -> None:
    # Announced one byte over the cap: 413 at once, with the body never sent.
    status, reply = raw_request(server, _post_head(server, CAP + 1, f"Bearer {TOKEN}"))
    assert status == 413, reply
    # Chunked (no Content-Length): counted while it arrives, refused past the cap.
    # The bytes are not JSON, so a 413 (not 400) shows they were never parsed.
    chunks = (b"x" * 16_384 for _ in range(CAP // 16_384 + 1))
    r = httpx.post(server + "/api/articles", content=chunks, headers=AUTH, timeout=10)
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    # Just under the cap the same bytes are read and parsed: a clear 400.
    r = httpx.post(server + "/api/articles", content=b"x" * (CAP - 1), headers=AUTH, timeout=10)
    assert r.status_code == 400 and "JSON list" in r.json()["detail"]
    deep = b"[" * (CAP - 10)  # parsed, but too deep for the decoder: 400, not 500
    r = httpx.post(server + "/api/articles", content=deep, headers=AUTH, timeout=10)
    assert r.status_code == 400


def test_post_reply_counts_only_what_the_store_accepted(server: str, own_store: Any) -> None:
    text = "A roadside bomb struck a police patrol in Samarra on Monday, wounding two officers."
    body = [
        {"article_id": "hard-ok-1", "text": text, "published_at": "2024-03-04"},
        {"article_id": "y" * 400, "text": text.replace("Samarra", "Balad")},  # store refuses
        {"article_id": "hard-bad", "text": ""},  # the reader refuses
    ]
    r = httpx.post(server + "/api/articles", json=body, headers=AUTH, timeout=120)
    assert r.status_code == 201, r.text
    got = r.json()
    assert got["accepted"] == 1
    assert [x["index"] for x in got["rejected"]] == [1, 2]
    assert "article_id" in got["rejected"][0]["reason"]
    assert own_store.get_article("hard-ok-1") is not None


def test_host_header_must_be_an_allowed_name(server: str) -> None:
    port = urlsplit(server).port
    ok = httpx.get(server + "/api/health")
    assert ok.status_code == 200
    for host in ("evil.example", f"attacker.example:{port}", "127.0.0.1.nip.example"):
        r = httpx.get(server + "/api/health", headers={"Host": host})
        assert r.status_code == 400, host
    assert httpx.get(server + "/api/health", headers={"Host": f"localhost:{port}"}).is_success


def test_head_on_the_page(server: str) -> None:
    r = httpx.head(server + "/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.content == b""


def test_report_dates_are_bounded_with_clear_422s(server: str) -> None:
    def get(path: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.get(server + path, headers=headers, timeout=120)

    for path in (
        "/api/analyse/report?date_from=0001-01-01&date_to=9999-12-31",
        "/api/analyse/trends?date_from=0001-01-01&date_to=9999-12-31",
        "/api/analyse/alerts?date_from=2020-01-01&date_to=9999-12-31",
        "/api/analyse/assess?area=Diyala&as_of=0001-01-01",
        "/api/analyse/assess?area=Diyala&as_of=1900-01-01",  # before any incident
        "/api/analyse/report?date_from=1900-01-01&date_to=1909-12-31",
    ):
        r = get(path)
        assert r.status_code == 422, (path, r.status_code, r.text[:200])
        detail = r.json()["detail"]
        assert isinstance(detail, str), path
        assert not re.search(r"ns'|Timestamp|overflow|index|numpy|pandas", detail), detail
    # Eleven years: too long for an anonymous caller, fine with the token.
    long = "/api/analyse/report?date_from=2014-01-01&date_to=2024-12-31"
    r = get(long)
    assert r.status_code == 422 and "at most 3,660" in r.json()["detail"]
    assert get(long, AUTH).status_code == 200
    r = get("/api/analyse/trends?date_from=1990-01-01&date_to=2024-12-31&period=day")
    assert r.status_code == 422 and "spans 12,784 days" in r.json()["detail"]
    # Alerts only filter by their window: a long one costs nothing extra and is allowed.
    assert get("/api/analyse/alerts?date_from=1990-01-01&date_to=2024-12-31").status_code == 200
    assert get("/api/analyse/report?date_from=2024-01-01&date_to=2024-03-31").status_code == 200


def test_a_nul_in_the_text_search_does_not_match_everything(server: str) -> None:
    everything = httpx.get(server + "/api/incidents").json()["total"]
    assert everything > 0
    r = httpx.get(server + "/api/incidents", params={"q": "\x00"})
    assert r.status_code == 400 and "control characters" in r.json()["detail"]
    r = httpx.get(server + "/api/incidents.csv", params={"actor": "Islamic\x00"})
    assert r.status_code == 400


def _start(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "incidentwatch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "INCIDENTWATCH_TOKEN": "", **env},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"running at (http://127\.0\.0\.1:\d+)/", line)
    if not m:
        proc.kill()
        raise AssertionError(line + proc.stdout.read())
    url = m.group(1)
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(url + "/api/health", timeout=2)
            return proc, url
        except httpx.TransportError:
            assert time.monotonic() < deadline, "server did not answer"
            time.sleep(0.2)


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_serve_takes_the_token_from_a_file_and_guards_the_host(tmp_path: Path) -> None:
    secret = "file-token-" + "k" * 20
    (tmp_path / "token").write_text(secret + "\n")
    db = f"sqlite:///{tmp_path / 's.db'}"
    proc, url = _start(
        ["serve", "--db", db, "--port", "0", "--token-file", str(tmp_path / "token")], {}
    )
    try:
        assert secret not in " ".join(proc.args)  # nothing for `ps` to show
        post = url + "/api/articles"
        # The empty list passes the token check and fails on content: the token worked.
        r = httpx.post(post, content=b"[]", headers={"Authorization": f"Bearer {secret}"})
        assert r.status_code == 400 and "empty list" in r.json()["detail"]
        assert httpx.post(post, content=b"[]", headers={"Authorization": secret}).status_code == 401
        # Default allow-list: loopback names only.
        assert httpx.get(url + "/api/health", headers={"Host": "rebind.example"}).status_code == 400
        assert httpx.head(url + "/").status_code == 200
    finally:
        _stop(proc)
    # From the environment, with an extra allowed host name.
    proc, url = _start(
        ["serve", "--db", db, "--port", "0"],
        {"INCIDENTWATCH_TOKEN": secret, "INCIDENTWATCH_ALLOWED_HOSTS": "iw.lan"},
    )
    try:
        r = httpx.post(
            url + "/api/articles", content=b"[]", headers={"Authorization": f"Bearer {secret}"}
        )
        assert r.status_code == 400
        assert httpx.get(url + "/api/health", headers={"Host": "iw.lan"}).status_code == 200
        assert httpx.get(url + "/api/health", headers={"Host": "other.lan"}).status_code == 400
    finally:
        _stop(proc)


def test_serve_refuses_an_empty_token_file(tmp_path: Path) -> None:
    (tmp_path / "empty").write_text("\n")
    r = subprocess.run(
        [sys.executable, "-m", "incidentwatch", "serve", "--token-file", str(tmp_path / "empty")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "is empty" in r.stderr


def test_openapi_still_documents_the_ingest_body(server: str) -> None:
    spec = httpx.get(server + "/api/openapi.json").json()
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["type"] == "array"
    assert json.dumps(body).count("bytes") == 1
