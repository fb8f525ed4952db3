"""The SSRF guard of ingest/fetch.py, address by address, and its default limits.

`check_url` is called directly with literal addresses (resolved locally, no network):
every range that is not the public internet must be refused, including those that
`is_private` does not cover (shared address space, benchmarking, documentation,
reserved), and the public internet must stay reachable.
"""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from incidentwatch.ingest.fetch import FetchConfig, FetchError, check_url, fetch

STRICT = FetchConfig(allow_private=False)

REFUSED = {
    "100.64.0.1": "shared address space (carrier-grade NAT), not private, not global",
    "100.127.255.254": "shared address space, last host",
    "10.1.2.3": "RFC 1918",
    "172.16.0.1": "RFC 1918",
    "172.31.255.255": "RFC 1918, last address",
    "192.168.1.1": "RFC 1918",
    "127.0.0.1": "loopback",
    "127.8.8.8": "loopback, not only .1",
    "169.254.169.254": "link-local: the cloud metadata service",
    "0.0.0.0": "this host",
    "192.0.2.10": "documentation (TEST-NET-1)",
    "198.18.0.1": "benchmarking",
    "198.51.100.7": "documentation (TEST-NET-2)",
    "203.0.113.9": "documentation (TEST-NET-3)",
    "224.0.0.1": "multicast",
    "239.255.255.250": "multicast (SSDP)",
    "240.0.0.1": "reserved",
    "255.255.255.255": "broadcast",
    "[::1]": "IPv6 loopback",
    "[::]": "IPv6 unspecified",
    "[fc00::1]": "IPv6 unique local",
    "[fd12:3456::1]": "IPv6 unique local",
    "[fe80::1]": "IPv6 link-local",
    "[ff02::1]": "IPv6 multicast",
    "[::ffff:127.0.0.1]": "IPv4-mapped loopback",
    "[::ffff:10.0.0.1]": "IPv4-mapped private",
    "[2001:db8::1]": "IPv6 documentation",
    "[100::1]": "IPv6 discard-only",
    "2130706433": "127.0.0.1 written as one decimal number",
    "0x7f000001": "127.0.0.1 written in hex",
    "127.1": "127.0.0.1 shortened",
    "localhost": "a name that resolves to loopback",
}

ALLOWED = ["8.8.8.8", "1.1.1.1", "9.9.9.9", "[2606:4700:4700::1111]"]
# Public neighbours of refused ranges: the guard must not refuse too wide.
EDGES = ["100.63.255.255", "100.128.0.1", "172.32.0.1", "172.15.255.254", "192.169.0.1"]


@pytest.mark.parametrize("host", list(REFUSED))
def test_non_global_address_is_refused(host: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url(f"http://{host}/feed.xml", STRICT)
    with pytest.raises(FetchError, match="non-public address"):
        check_url(f"https://{host}:8443/rss", STRICT)


@pytest.mark.parametrize("host", ALLOWED + EDGES)
def test_public_address_is_allowed(host: str) -> None:
    check_url(f"https://{host}/feed.xml", STRICT)


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("[64:ff9b::a00:1]", "NAT64 prefix embedding 10.0.0.1"),
        ("[2002:7f00:1::]", "6to4 prefix embedding 127.0.0.1"),
        ("192.0.0.8", "IETF protocol assignments (192.0.0.0/24)"),
        ("[64:ff9b:1::7f00:1]", "local-use NAT64 prefix embedding 127.0.0.1"),
    ],
)
def test_embedded_and_protocol_addresses_are_refused(host: str, why: str) -> None:
    with pytest.raises(FetchError):
        check_url(f"http://{host}/feed.xml", STRICT)


@pytest.mark.parametrize(
    "host",
    [
        "[64:ff9b::808:808]",  # NAT64 of 8.8.8.8
        "[2002:808:808::1]",  # 6to4 of 8.8.8.8
        "192.0.0.9",  # Port Control Protocol anycast: globally reachable
        "192.0.1.1",  # past the IETF block
    ],
)
def test_embedded_public_hosts_stay_reachable(host: str) -> None:
    check_url(f"http://{host}/feed.xml", STRICT)


def test_allow_private_lets_local_hosts_through() -> None:
    local = FetchConfig(allow_private=True)
    for host in ("127.0.0.1", "100.64.0.1", "10.1.2.3", "[::1]"):
        check_url(f"http://{host}/feed.xml", local)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://8.8.8.8/feed.xml",
        "gopher://8.8.8.8:70/_",
        "javascript:alert(1)",
        "//8.8.8.8/feed.xml",
    ],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="refused scheme"):
        check_url(url, STRICT)
    # the scheme is checked even where private hosts are allowed
    with pytest.raises(FetchError, match="refused scheme"):
        check_url(url, FetchConfig(allow_private=True))


def test_url_without_host_is_refused() -> None:
    with pytest.raises(FetchError, match="no host"):
        check_url("http:///feed.xml", STRICT)


ENV_VALUES = [("1", True), ("true", True), ("yes", True), ("0", False), ("no", False), ("", False)]


@pytest.mark.parametrize(("value", "allowed"), ENV_VALUES)
def test_allow_private_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, allowed: bool
) -> None:
    monkeypatch.setenv("INCIDENTWATCH_ALLOW_PRIVATE_FETCH", value)
    assert FetchConfig.from_env().allow_private is allowed
    monkeypatch.delenv("INCIDENTWATCH_ALLOW_PRIVATE_FETCH")
    assert FetchConfig.from_env().allow_private is False


# ---------------------------------------------------------------- default limits (docs/store.md)

MB5 = 5_000_000


class _Limits(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.strip("/").split("/")
        if path[0] == "bytes":  # /bytes/N: a body of N bytes, with its length declared
            body = b"x" * int(path[1])
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif path[0] == "hops":  # /hops/N: N more redirects before the page
            n = int(path[1])
            self.send_response(302 if n else 200)
            self.send_header("Location", f"/hops/{n - 1}")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")


@pytest.fixture
def limits_server(loopback: Callable[[type[BaseHTTPRequestHandler]], str]) -> str:
    return loopback(_Limits)


def test_default_size_cap_is_five_megabytes(limits_server: str) -> None:
    cfg = FetchConfig(allow_private=True)  # loopback allowed, every limit at its default
    assert len(fetch(f"{limits_server}/bytes/{MB5}", cfg).content) == MB5
    with pytest.raises(FetchError, match="too large"):
        fetch(f"{limits_server}/bytes/{MB5 + 1}", cfg)


def test_default_redirect_limit_is_five_hops(limits_server: str) -> None:
    cfg = FetchConfig(allow_private=True)
    assert fetch(f"{limits_server}/hops/5", cfg).url.endswith("/hops/0")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{limits_server}/hops/6", cfg)
