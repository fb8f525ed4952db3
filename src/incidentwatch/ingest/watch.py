"""`incidentwatch watch`: poll configured feeds on a schedule, with back-off on failures."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from incidentwatch.geocode.prior import area_prior
from incidentwatch.ingest.fetch import FetchConfig, FetchError, fetch
from incidentwatch.ingest.pipeline import IngestReport, ingest_articles
from incidentwatch.ingest.readers import Rejected
from incidentwatch.ingest.sources import feed_articles, looks_like_feed
from incidentwatch.records import Article
from incidentwatch.store.store import Store

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    polled: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    ingest: IngestReport = field(default_factory=IngestReport)


def poll_due(
    store: Store,
    cfg: FetchConfig,
    *,
    now: dt.datetime | None = None,
    ingest_kwargs: dict[str, object] | None = None,
) -> PollResult:
    """Poll every feed that is due once; failures push the feed's next poll back."""
    res = PollResult()
    for feed in store.due_feeds(now):
        try:
            got = fetch(feed.url, cfg, etag=feed.etag, modified=feed.modified)
            if got.status == 304:
                store.record_poll(feed.url, ok=True, now=now)
                res.polled.append(feed.url)
                continue
            if not looks_like_feed(got):
                raise FetchError("not an RSS/Atom feed")
            arts: list[Article] = []
            for item in feed_articles(got, cfg):
                if isinstance(item, Rejected):
                    log.warning("%s: %s", item.where, item.reason)
                    res.ingest.rejected.append(item)
                else:
                    arts.append(item)
            # The feed's country is the area prior of its articles ("this feed is about
            # Iraq"), unless their outlet is known to cover another.
            with area_prior(feed.country):
                rep = ingest_articles(store, arts, **(ingest_kwargs or {}))  # type: ignore[arg-type]
            res.ingest.add(rep)
            store.record_poll(feed.url, ok=True, etag=got.etag, modified=got.last_modified, now=now)
            res.polled.append(feed.url)
        except FetchError as exc:
            nxt = store.record_poll(feed.url, ok=False, error=str(exc), now=now)
            log.warning("feed %s failed (%s); next try %s", feed.url, exc, nxt.isoformat())
            res.failed[feed.url] = str(exc)
    return res


def watch(
    store: Store,
    cfg: FetchConfig,
    *,
    once: bool = False,
    tick_s: float = 30.0,
    on_poll: Callable[[PollResult], None] | None = None,
) -> None:
    """Poll due feeds until interrupted (or once)."""
    while True:
        res = poll_due(store, cfg)
        if on_poll is not None:
            on_poll(res)
        if once:
            return
        time.sleep(tick_s)
