"""Fetching articles and feeds over HTTP, safely.

Only http and https; hosts that resolve to private, loopback, link-local or
otherwise non-public addresses are refused unless the configuration allows
them (no SSRF from a hostile feed); every redirect hop is checked again;
responses are capped in size and time.

The address check and the connection are one step (`GuardedBackend`): a host
name is resolved once, each address is checked, and the socket connects to the
checked address, so a name that answers differently the second time (DNS
rebinding) cannot slip past. The same backend holds every socket operation to
one deadline per fetch, so a server that sends headers one line at a time
cannot stall a batch or `watch`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from incidentwatch import __version__


class FetchError(Exception):
    """A URL that could not or must not be fetched."""


# host, port -> IP address strings, in the order to try them.
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class FetchConfig:
    allow_private: bool = False
    max_bytes: int = 5_000_000
    # One deadline for the whole fetch: connect, TLS, headers, body and redirects.
    timeout_s: float = 20.0
    max_redirects: int = 5
    user_agent: str = f"incidentwatch/{__version__} (+news incident research)"
    # Non-public networks allowed anyway (an intranet feed), e.g. ("10.20.0.0/16",).
    allowed_networks: tuple[str, ...] = ()
    # Name resolution; replaceable so tests can play a rebinding DNS server.
    resolver: Resolver = field(default=system_resolver, compare=False, repr=False)

    @classmethod
    def from_env(cls, **overrides: object) -> FetchConfig:
        """Defaults, adjusted by the environment, then by `overrides`:

        INCIDENTWATCH_ALLOW_PRIVATE_FETCH=1 allows local hosts,
        INCIDENTWATCH_FETCH_NETWORKS=10.20.0.0/16,... allows those networks only,
        INCIDENTWATCH_FETCH_TIMEOUT=seconds sets the deadline of one fetch.
        """
        from incidentwatch.errors import UserError

        env = os.environ.get
        allow = env("INCIDENTWATCH_ALLOW_PRIVATE_FETCH", "") in ("1", "true", "yes")
        nets = tuple(
            n.strip() for n in env("INCIDENTWATCH_FETCH_NETWORKS", "").split(",") if n.strip()
        )
        for n in nets:
            try:
                ipaddress.ip_network(n, strict=False)
            except ValueError:
                raise UserError(f"INCIDENTWATCH_FETCH_NETWORKS: {n!r} is not a network") from None
        cfg = cls(allow_private=allow, allowed_networks=nets)
        timeout = env("INCIDENTWATCH_FETCH_TIMEOUT", "").strip()
        if timeout:
            try:
                seconds = float(timeout)
            except ValueError:
                seconds = 0.0
            if not 0 < seconds <= 3600:
                raise UserError(
                    f"INCIDENTWATCH_FETCH_TIMEOUT={timeout!r}: give 0 < seconds <= 3600"
                )
            cfg = replace(cfg, timeout_s=seconds)
        if overrides:
            cfg = replace(cfg, **overrides)  # type: ignore[arg-type]
        return cfg


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL after redirects
    status: int
    content_type: str
    charset: str | None
    content: bytes
    etag: str | None = None
    last_modified: str | None = None


def _check_form(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; FetchError for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"bad URL {url[:80]!r}: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused scheme {parts.scheme or '(none)'!r}: only http and https")
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in URL {url[:80]!r}")
    return host, port or (443 if parts.scheme == "https" else 80)


# IANA's IETF protocol assignments are not globally reachable, but for two anycast
# services; Python's `is_global` only refuses the first eight addresses of the block.
_PROTOCOL_ASSIGNMENTS = ipaddress.ip_network("192.0.0.0/24")
_PROTOCOL_ANYCAST = {ipaddress.ip_address("192.0.0.9"), ipaddress.ip_address("192.0.0.10")}
# NAT64 prefixes (RFC 6052 well-known, RFC 8215 local use): the last 32 bits are the
# IPv4 host a translator on the path would connect to.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 host an IPv6 address carries (mapped, 6to4 or NAT64), if any."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if any(addr in n for n in _NAT64):
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def _public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """May be contacted from a fetch: global, not multicast, and, for an IPv6 address that
    carries an IPv4 host (6to4, NAT64, mapped), that host public too; a relay on the path
    would otherwise connect to a private or loopback host for us."""
    if not addr.is_global or addr.is_multicast:
        return False
    if isinstance(addr, ipaddress.IPv4Address):
        return addr not in _PROTOCOL_ASSIGNMENTS or addr in _PROTOCOL_ANYCAST
    inner = _embedded_ipv4(addr)
    return inner is None or _public(inner)


def resolve_checked(host: str, port: int, cfg: FetchConfig) -> list[str]:
    """The addresses of `host`, resolved once; FetchError if any may not be contacted.

    All must pass, not just one: the connection may go to any of them.
    """
    try:
        literal: str | None = str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        literal = None
    try:
        addrs = [literal] if literal else cfg.resolver(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    if not addrs:
        raise FetchError(f"cannot resolve {host}: no address")
    if cfg.allow_private:
        return addrs
    nets = [ipaddress.ip_network(n, strict=False) for n in cfg.allowed_networks]
    for a in addrs:
        addr = ipaddress.ip_address(a)
        if any(addr in n for n in nets):
            continue
        if not _public(addr):
            raise FetchError(
                f"refused {host}: resolves to non-public address {addr} "
                "(set INCIDENTWATCH_ALLOW_PRIVATE_FETCH=1 or --allow-private to allow)"
            )
    return addrs


def check_url(url: str, cfg: FetchConfig) -> None:
    """Raise FetchError unless `url` is http(s) to a host we may contact."""
    host, port = _check_form(url)
    resolve_checked(host, port, cfg)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host name, not the address connected to:
        # SNI and certificate checks stay those of the name.
        left = self._backend.left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, left), self._backend
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, connecting only to checked addresses, within a deadline."""

    def __init__(self, cfg: FetchConfig, deadline: float) -> None:
        self.cfg = cfg
        self.deadline = deadline
        self._sockets = httpcore.SyncBackend()

    def left(self, timeout: float | None, expired: type[Exception]) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise expired(f"deadline of {self.cfg.timeout_s:g} s passed")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for addr in resolve_checked(host, port, self.cfg):
            try:
                stream = self._sockets.connect_tcp(
                    addr,
                    port,
                    self.left(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except httpcore.ConnectError as exc:  # the next address may answer
                last = exc
                continue
            return _DeadlineStream(stream, self)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise FetchError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False)
        # httpx has no public hook for the network backend: its connection pool is
        # rebuilt with ours (httpx and httpcore are pinned; tests/store/test_fetch*.py
        # would fail if this stopped taking effect).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=1,
            network_backend=backend,
        )


def fetch(
    url: str,
    cfg: FetchConfig | None = None,
    *,
    etag: str | None = None,
    modified: str | None = None,
) -> Fetched:
    """GET `url` within the configured limits. Status 304 comes back with empty content."""
    cfg = cfg or FetchConfig.from_env()
    deadline = time.monotonic() + cfg.timeout_s
    headers = {"User-Agent": cfg.user_agent, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    current = url
    with httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(cfg.timeout_s),
        trust_env=False,
        transport=_GuardedTransport(GuardedBackend(cfg, deadline)),
    ) as client:
        for _hop in range(cfg.max_redirects + 1):
            # Form only; the address is checked where the socket connects.
            _check_form(current)
            try:
                with client.stream("GET", current, headers=headers) as resp:
                    # httpx counts 304 Not Modified as a redirect: answer it first.
                    if resp.status_code == 304:
                        return Fetched(current, 304, "", None, b"", etag, modified)
                    if resp.is_redirect:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise FetchError(f"redirect without Location from {current}")
                        current = urljoin(current, loc)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > cfg.max_bytes:
                        raise FetchError(
                            f"response too large ({int(declared):,} bytes > {cfg.max_bytes:,})"
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > cfg.max_bytes:
                            raise FetchError(f"response too large (> {cfg.max_bytes:,} bytes)")
                        if time.monotonic() > deadline:
                            raise FetchError(f"timed out after {cfg.timeout_s:g} s")
                        chunks.append(chunk)
                    ctype = resp.headers.get("content-type", "")
                    return Fetched(
                        url=current,
                        status=resp.status_code,
                        content_type=ctype.split(";")[0].strip().lower(),
                        charset=resp.charset_encoding,
                        content=b"".join(chunks),
                        etag=resp.headers.get("etag"),
                        last_modified=resp.headers.get("last-modified"),
                    )
            except httpx.TimeoutException:
                raise FetchError(
                    f"timed out after {cfg.timeout_s:g} s fetching {current}"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from None
    raise FetchError(f"too many redirects (> {cfg.max_redirects}) from {url}")
