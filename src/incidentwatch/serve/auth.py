"""Who may do what on the server: the bearer token, request size, and error texts.

One place for the rules that the app and the analysis routes share:
`Authorization: Bearer <token>` (nothing else counts as a token), the cap on
request bodies, and what an error may tell a caller.
"""

from __future__ import annotations

import hmac
import traceback

from fastapi import HTTPException
from starlette.requests import Request

# 500 articles of ~16 kB each; the JSON is parsed into Python objects only after
# it fits, so a hostile body costs at most a few times this much memory.
DEFAULT_MAX_BODY = 8 * 1024 * 1024


def bearer(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return None
    return credentials.strip()


def token_matches(authorization: str | None, token: str | None) -> bool:
    given = bearer(authorization)
    if not token or given is None:
        return False
    return hmac.compare_digest(given.encode(), token.encode())


def authorised(request: Request) -> bool:
    """True when the request carries the server's bearer token."""
    token = getattr(request.app.state, "token", None)
    return token_matches(request.headers.get("authorization"), token)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is known to exceed `limit` bytes.

    A declared Content-Length over the limit is refused before a byte is read;
    a chunked body is counted while it arrives, so neither is held in memory
    beyond the limit.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HTTPException(400, "invalid Content-Length")
        if int(declared) > limit:
            raise HTTPException(413, f"request body too large (> {limit:,} bytes)")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body too large (> {limit:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


_INTERNAL = ("/pandas/", "/numpy/", "/scipy/", "/statsmodels/", "/sqlalchemy/")


def public_message(exc: BaseException, fallback: str) -> str:
    """The text of `exc` for a 4xx reply, unless a library raised it.

    Our own ValueErrors are written for the caller ("window ends before it
    starts"); one raised deep inside pandas ("Cannot cast ... to unit='ns'")
    says nothing useful and shows internals, so the caller gets `fallback`.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    if frames and any(part in frames[-1].filename for part in _INTERNAL):
        return fallback
    return str(exc)[:300]
