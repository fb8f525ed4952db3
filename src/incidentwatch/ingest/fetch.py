"""Fetching articles and feeds over HTTP, safely.

Only http and https; hosts that resolve to private, loopback, link-local or
otherwise non-public addresses are refused unless the configuration allows
them (no SSRF from a hostile feed); every redirect hop is checked again;
responses are capped in size and time.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from incidentwatch import __version__


class FetchError(Exception):
    """A URL that could not or must not be fetched."""


@dataclass(frozen=True)
class FetchConfig:
    allow_private: bool = False
    max_bytes: int = 5_000_000
    timeout_s: float = 20.0
    max_redirects: int = 5
    user_agent: str = f"incidentwatch/{__version__} (+news incident research)"

    @classmethod
    def from_env(cls, **overrides: object) -> FetchConfig:
        """Defaults, with INCIDENTWATCH_ALLOW_PRIVATE_FETCH=1 to allow local hosts."""
        allow = os.environ.get("INCIDENTWATCH_ALLOW_PRIVATE_FETCH", "") in ("1", "true", "yes")
        cfg = cls(allow_private=allow)
        if overrides:
            from dataclasses import replace

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


def check_url(url: str, cfg: FetchConfig) -> None:
    """Raise FetchError unless `url` is http(s) to a host we may contact."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"bad URL {url[:80]!r}: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused scheme {parts.scheme or '(none)'!r}: only http and https")
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in URL {url[:80]!r}")
    if cfg.allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, ValueError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global or addr.is_multicast:
            raise FetchError(
                f"refused {host}: resolves to non-public address {addr} "
                "(set INCIDENTWATCH_ALLOW_PRIVATE_FETCH=1 or --allow-private to allow)"
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
        follow_redirects=False, timeout=httpx.Timeout(cfg.timeout_s), trust_env=False
    ) as client:
        for _hop in range(cfg.max_redirects + 1):
            check_url(current, cfg)
            try:
                with client.stream("GET", current, headers=headers) as resp:
                    if resp.is_redirect:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise FetchError(f"redirect without Location from {current}")
                        current = urljoin(current, loc)
                        continue
                    if resp.status_code == 304:
                        return Fetched(current, 304, "", None, b"", etag, modified)
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
                            raise FetchError(f"timed out after {cfg.timeout_s:.0f} s")
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
                raise FetchError(f"timed out fetching {current}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from None
    raise FetchError(f"too many redirects (> {cfg.max_redirects}) from {url}")
