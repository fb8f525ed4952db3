"""The web application: a read-only REST API over the store, and the UI that uses it.

`create_app(store)` builds a FastAPI app; `incidentwatch serve` runs it with uvicorn.
Everything the page needs (scripts, styles, boundaries) is served from the package,
so the UI works with no internet. Article text is untrusted: the API returns it as
JSON strings and the page only ever puts it into the DOM as text nodes.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hmac
import io
import logging
import math
import time
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request

from incidentwatch import __version__
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article, Incident
from incidentwatch.serve.filters import FilterParams, filter_params
from incidentwatch.serve.points import incident_points
from incidentwatch.serve.respcache import ResponseCache

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
MAX_PAGE = 1000
MAX_POINTS = 100_000
MAX_INGEST = 500
CSV_MAX_ROWS = 200_000
FACET_TTL_S = 30.0
BOUNDARY_ATTRIBUTION = [
    "Iraq administrative boundaries: Iraq Central Statistics Office and OCHA Iraq (COD-AB, 2019),"
    " via the Humanitarian Data Exchange, CC BY 3.0 IGO.",
    "Syria administrative boundaries: UN OCHA and UN Cartographic Section (COD-AB), via the"
    " Humanitarian Data Exchange, CC BY 3.0 IGO.",
    "The boundaries and names shown do not imply official endorsement or acceptance by the"
    " United Nations.",
]
Period = Literal["day", "week", "month"]
GroupBy = Literal["admin1", "admin2", "actor", "event_type", "country"]
SortKey = Literal[
    "-event_date", "event_date", "-fatalities", "fatalities", "-injuries", "injuries",
    "admin1", "-admin1", "event_type", "-event_type", "-n_sources", "n_sources",
    "-confidence", "confidence",
]  # fmt: skip
CSV_COLUMNS = [
    "incident_id", "event_date", "date_precision", "event_type", "sub_event_type",
    "attack_type", "target_type", "actor1", "actor1_type", "actor2", "actor2_type",
    "country_code", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injuries",
    "summary", "claim_status", "confidence", "n_sources",
]  # fmt: skip


def _csp(tiles_url: str | None) -> str:
    img = "'self' data:"
    if tiles_url:
        parts = urlsplit(tiles_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles_url else parts.netloc
        img += f" {parts.scheme}://{host}"
    # No inline script or style anywhere: the page's code is in app.js and style.css.
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: Any, csp: str) -> None:
        super().__init__(app)
        self.csp = csp

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        # A route that sets its own policy keeps it: the analysis report is a standalone
        # page with an inline <style> and data-URI charts and its own strict CSP (no script).
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


_JSON_NATIVE = (str, int, bool, type(None))


def _plain(obj: Any) -> Any:
    # Plain values first: an aggregate has ~27,000 of them, and the generic checks
    # below (hasattr, is_dataclass) cost ~100 ms over those.
    if type(obj) in _JSON_NATIVE:
        return obj
    if type(obj) is dict:
        if all(type(k) is str and type(v) in _JSON_NATIVE for k, v in obj.items()):
            return obj
        return {str(k): _plain(v) for k, v in obj.items()}
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if is_dataclass(obj) and not isinstance(obj, type):
        return {k: _plain(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0,
) -> tuple[int, int]:
    # Module level: FastAPI resolves the string annotations in this module's globals.
    return limit, offset


def incident_brief(inc: Incident) -> dict[str, Any]:
    """An incident for lists: every codebook field except the evidence spans."""
    data = inc.model_dump(mode="json", exclude={"evidence"})
    data["n_sources"] = len(inc.sources)
    return data


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT and pandas.NA are not equal to themselves
    except TypeError:  # pandas.NA refuses bool()
        return True


def _csv_cell(value: Any) -> Any:
    if _missing(value):
        return ""
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # Spreadsheet formula injection: article-derived text must stay text.
        return "'" + value
    return value


_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Exclude the objects alive at startup (every imported module's) from cyclic GC.

    A map response builds ~20,000 small lists; the full collections they trigger walked
    the whole heap of FastAPI, SQLAlchemy, pydantic and pandas objects each time:
    measured 176 -> 72 ms p50 for the capped map at 100k incidents. Once per process;
    what is frozen was alive anyway.
    """
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.freeze()


def create_app(
    store: Any,
    *,
    token: str | None = None,
    tiles_url: str | None = None,
    tiles_attribution: str | None = None,
) -> FastAPI:
    """Build the app over an open Store. `token` enables POST /api/articles."""
    app = FastAPI(
        title="incidentwatch",
        version=__version__,
        description=(
            "Political-violence incidents extracted from news text, each value with the "
            "evidence spans that support it. Read-only, except POST /api/articles, which "
            "needs `Authorization: Bearer <token>` and is disabled when no token is set."
        ),
        docs_url=None,  # Swagger UI would load from a CDN: the UI must work offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(SecurityHeaders, csp=_csp(tiles_url))
    _freeze_startup_heap()
    app.state.store = store
    facet_cache: dict[str, Any] = {}
    # List, aggregate and map responses, valid until the store changes (respcache.py).
    responses = ResponseCache(store)
    app.state.responses = responses

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    @app.get("/api/config", tags=["meta"])
    def config() -> dict[str, Any]:
        """What the page needs to know: tile layer (if configured), attributions, mode."""
        return {
            "tiles_url": tiles_url,
            "tiles_attribution": tiles_attribution,
            "boundary_attribution": BOUNDARY_ATTRIBUTION,
            "ingest_enabled": bool(token),
            "version": __version__,
        }

    @app.get("/api/stats", tags=["meta"])
    def stats() -> dict[str, Any]:
        return _plain(store.stats())

    @app.get("/api/incidents", tags=["incidents"])
    def list_incidents(
        f: Annotated[FilterParams, Depends(filter_params)],
        pg: Annotated[tuple[int, int], Depends(page)],
        sort: Annotated[SortKey, Query(description="Sort key; '-' for descending.")] = (
            "-event_date"
        ),
    ) -> Response:
        """Incidents matching the filters, one page at a time (no evidence spans)."""
        limit, offset = pg

        def compute() -> dict[str, Any]:
            sf = f.to_store()
            items = store.query_incidents(sf, limit=limit, offset=offset, order_by=sort)
            return {
                "total": store.count_incidents(sf),
                "limit": limit,
                "offset": offset,
                "items": [incident_brief(i) for i in items],
            }

        body = responses.get(("incidents", f, limit, offset, sort), compute)
        return Response(body, media_type="application/json")

    @app.get("/api/incidents/points", tags=["incidents"])
    def map_points(
        f: Annotated[FilterParams, Depends(filter_params)],
        limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = 20_000,
    ) -> Response:
        """Map points: [incident_id, lat, lon, event_type, fatalities, date, place, actor1].

        The deadliest incidents come first when the filter matches more than `limit`.
        """

        def compute() -> dict[str, Any]:
            total, located, points = incident_points(store, f.to_store(), limit)
            return {"total": total, "located": located, "truncated": located > limit,
                    "points": points}  # fmt: skip

        # Serialised by the cache, not by FastAPI's generic encoder, which would walk
        # each of up to 100,000 x 8 plain values in Python.
        body = responses.get(("points", f, limit), compute)
        return Response(body, media_type="application/json")

    @app.get("/api/incidents.csv", tags=["incidents"], response_class=StreamingResponse)
    def incidents_csv(f: Annotated[FilterParams, Depends(filter_params)]) -> StreamingResponse:
        """Every incident matching the filters as CSV (one row per incident)."""
        frame = store.incidents_frame(f.to_store())
        if len(frame) > CSV_MAX_ROWS:
            raise HTTPException(
                413, f"{len(frame)} incidents match; narrow the filter to {CSV_MAX_ROWS} or fewer"
            )
        cols = [c for c in CSV_COLUMNS if c in frame.columns]

        def rows() -> Iterator[str]:
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow(cols)
            for rec in frame[cols].itertuples(index=False):
                writer.writerow([_csv_cell(v) for v in rec])
                if buf.tell() > 64_000:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()

        stamp = dt.date.today().isoformat()
        return StreamingResponse(
            rows(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="incidents-{stamp}.csv"'},
        )

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def one_incident(
        incident_id: Annotated[str, PathParam(min_length=1, max_length=200)],
    ) -> dict[str, Any]:
        """One incident with every source article's text and the evidence spans in it."""
        inc = store.get_incident(incident_id)
        if inc is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        articles = {a.article_id: a for a in store.articles_for_incident(incident_id)}
        sources = []
        for src in inc.sources:
            art = articles.get(src.article_id) or store.get_article(src.article_id)
            spans = [
                ev.model_dump(mode="json") for ev in inc.evidence if ev.article_id == src.article_id
            ]
            text = art.text if art else None
            if text is not None:
                # Spans outside the text would make the page misplace highlights.
                spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
            sources.append(
                {
                    **src.model_dump(mode="json"),
                    "title": art.title if art else None,
                    "text": text,
                    "evidence": sorted(spans, key=lambda s: (s["start"], s["end"])),
                }
            )
        data = inc.model_dump(mode="json")
        data["sources"] = sources
        return data

    @app.get("/api/aggregates", tags=["aggregates"])
    def aggregates(
        f: Annotated[FilterParams, Depends(filter_params)],
        period: Annotated[Period, Query()] = "month",
        by: Annotated[GroupBy | None, Query()] = None,
    ) -> Response:
        """Incident and fatality counts per period (day, ISO week, month), optionally split."""

        def compute() -> dict[str, Any]:
            rows = store.aggregate(f.to_store(), period=period, by=by)
            return {"period": period, "by": by, "rows": _plain(rows)}

        body = responses.get(("aggregates", f, period, by), compute)
        return Response(body, media_type="application/json")

    @app.get("/api/facets", tags=["aggregates"])
    def facets() -> dict[str, Any]:
        """The values present for each filter field, with incident counts (for pickers)."""
        now = time.monotonic()
        if facet_cache and now - facet_cache["at"] < FACET_TTL_S:
            return dict(facet_cache["value"])
        from incidentwatch.store import IncidentFilter

        out: dict[str, Any] = {}
        for key in ("country", "admin1", "admin2", "actor", "event_type"):
            counts: dict[str, int] = {}
            for row in store.aggregate(IncidentFilter(), period="month", by=key):
                k = row.get("key")
                if k:
                    counts[k] = counts.get(k, 0) + int(row.get("incidents") or 0)
            out[key] = [
                {"value": k, "incidents": n}
                for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
        months = [r["period"] for r in store.aggregate(IncidentFilter(), period="month")]
        out["first_period"] = min(months) if months else None
        out["last_period"] = max(months) if months else None
        facet_cache.update(at=now, value=out)
        return out

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def one_article(
        article_id: Annotated[str, PathParam(min_length=1, max_length=300)],
    ) -> dict[str, Any]:
        """One stored article: full text and metadata."""
        art = store.get_article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return dict(art.model_dump(mode="json"))

    @app.post("/api/articles", tags=["articles"], status_code=201)
    def ingest(
        articles: Annotated[
            list[dict[str, Any]],
            Body(description="Articles: {article_id, text, published_at?, url?, outlet?, title?}"),
        ],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Ingest articles (extract, geocode, merge). Needs the server's bearer token."""
        if not token:
            raise HTTPException(
                403, "ingest is disabled: the server is read-only (start it with --token)"
            )
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(
                401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
            )
        if not articles:
            raise HTTPException(400, "empty list: send at least one article")
        if len(articles) > MAX_INGEST:
            raise HTTPException(413, f"at most {MAX_INGEST} articles per request")
        from incidentwatch.ingest.readers import BadInput, article_from_dict

        good: list[Article] = []
        rejected = []
        for n, obj in enumerate(articles):
            try:
                good.append(article_from_dict(obj, fallback_id=f"api-{n}"))
            except (BadInput, ValueError) as exc:
                rejected.append({"index": n, "reason": str(exc)[:300]})
        report = ingest_articles(store, good) if good else None
        facet_cache.clear()
        responses.clear()  # also for stores that cannot report a data version
        return {"accepted": len(good), "rejected": rejected, "report": _plain(report)}

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> JSONResponse:
        # The store raises ValueError for filter values it cannot use (e.g. unknown country).
        log.info("bad request %s: %s", request.url.path, exc)
        return JSONResponse({"detail": str(exc)[:300]}, status_code=400)

    # Trends, alerts, hotspots and reports (issue 6) share the store and the filters.
    from incidentwatch.analyse.api import router as analyse_router

    app.include_router(analyse_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
