"""Ingest on the cores of one machine: worker processes extract, this process stores.

    report = ingest_parallel(store, articles, workers=2)

Each worker process loads the extractor once and prepares batches of articles
(clean-up, parse with `nlp.pipe`, extraction, geocoding: `pipeline.prepare_many`);
this process is the one writer, which admits, merges and stores the prepared
articles in their input order (`pipeline.store_prepared`), so the store is the one
a serial `ingest` of the same articles leaves. Before sending an article to a
worker the writer asks the store whether it is already there, so a re-run costs
no extraction. At most `2 x workers` batches are in flight: memory stays bounded
however long the stream.

A small stream (at most one batch per worker) is ingested serially: starting the
workers (each loads the spaCy model and the gazetteer, seconds) would cost more
than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from incidentwatch.geocode.prior import block_prior, set_block_prior
from incidentwatch.ingest.pipeline import (
    IngestReport,
    Prepared,
    _reason,
    clean_or_reject,
    ingest_articles,
    prepare,
    prepare_many,
    store_prepared,
)
from incidentwatch.records import Article

if TYPE_CHECKING:
    from incidentwatch.store.store import Store

log = logging.getLogger(__name__)

BATCH = 8  # articles a task: enough for nlp.pipe, small enough to keep both cores busy


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _warm() -> None:
    # Load the model and the gazetteer when the worker starts, not in its first task.
    from incidentwatch.extract.pipeline import get_extractor

    get_extractor()


def _start_worker(writer_pid: int, prior: str | None) -> None:
    _die_with(writer_pid)
    # The run's area prior (`ingest --country`) is a context variable of the writer:
    # set it in the worker explicitly rather than trust what a fork happens to copy.
    if prior is not None:
        set_block_prior(prior)
    _warm()


def _die_with(writer_pid: int) -> None:
    """Have the kernel end this worker when the writer dies (kill -9 of an ingest):
    forked workers hold the task pipe open for each other and would wait on it
    forever. Linux only; elsewhere the workers end when their pipe breaks."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != writer_pid:  # the writer died before prctl took effect
        os._exit(1)


@dataclass
class _Slot:
    """Articles in input order: ready items, and holes filled by one worker task."""

    items: list[Prepared | None] = field(default_factory=list)
    batch: list[Article] = field(default_factory=list)
    future: Future[list[Prepared]] | None = None


class WorkerPool:
    """`workers` extraction processes, started on entry (each loads the extractor)
    and reusable for several ingests (the benchmark ingests into several stores)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        # fork: the workers start in a moment, with the modules already imported;
        # the writer holds no thread or lock yet that a child could inherit half-taken.
        ctx = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=ctx,
            initializer=_start_worker,
            initargs=(os.getpid(), block_prior()),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def warm(self) -> list[int]:
        """Wait until every worker has loaded the extractor; their process ids."""
        pool = self.executor
        for f in [pool.submit(_warm) for _ in range(self.workers)]:
            f.result()
        return [p.pid for p in pool._processes.values() if p.pid]

    @property
    def executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            raise RuntimeError("WorkerPool used outside its with-block")
        return self._pool


def ingest_parallel(
    store: Store,
    articles: Iterable[Article],
    *,
    workers: int | None = None,
    progress: bool = False,
    batch: int = BATCH,
    pool: WorkerPool | None = None,
) -> IngestReport:
    """`ingest_articles` with extraction on `workers` processes (default: the cores),
    or on a running `pool`."""
    n = pool.workers if pool is not None else (workers or default_workers())
    it = iter(articles)
    head = list(islice(it, n * batch + 1))
    if n <= 1 or (pool is None and len(head) <= n * batch):
        return ingest_articles(store, _chain(head, it), progress=progress)
    if pool is None:
        with WorkerPool(n) as own:
            return _ingest_on(store, _chain(head, it), own, progress, batch)
    return _ingest_on(store, _chain(head, it), pool, progress, batch)


def _ingest_on(
    store: Store, articles: Iterable[Article], workers: WorkerPool, progress: bool, batch: int
) -> IngestReport:
    n = workers.workers
    pool = workers.executor
    rep = IngestReport()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="article", desc="ingest")
    pending: deque[_Slot] = deque()
    slot = _Slot()

    def send(s: _Slot) -> None:
        if s.batch:
            try:
                s.future = pool.submit(prepare_many, list(s.batch))
            except Exception as exc:  # the pool broke: _fill prepares them here
                log.error("cannot hand articles to a worker (%s)", exc)
        pending.append(s)

    def drain_one() -> None:
        done = pending.popleft()
        for item in _fill(done):
            store_prepared(store, item, rep)
            if bar is not None:
                bar.update(1)

    for art in articles:
        slot.items.append(_admitted(store, art, slot))
        if len(slot.batch) >= batch:
            send(slot)
            slot = _Slot()
            while len(pending) >= 2 * n:
                drain_one()
    send(slot)
    while pending:
        drain_one()
    if bar is not None:
        bar.close()
    return rep


def _chain(head: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from head
    yield from rest


def _admitted(store: Store, art: Article, slot: _Slot) -> Prepared | None:
    """The article's ready item (rejected by clean-up, or already stored: the writer
    counts it without extracting), or None after queueing it for extraction."""
    cleaned = clean_or_reject(art)
    if isinstance(cleaned, Prepared):
        return cleaned
    art, aid = cleaned, cleaned.article_id
    try:
        if store.admit(art).duplicate_of is not None:
            # The store only grows, so the writer will find it stored again and count it.
            return Prepared(aid, art, [])
    except Exception as exc:
        return Prepared(aid, art, reason=_reason(exc))
    slot.batch.append(art)
    return None


def _fill(slot: _Slot) -> list[Prepared]:
    if slot.future is None:
        done: list[Prepared] = [prepare(a) for a in slot.batch]
    else:
        try:
            done = slot.future.result()
        except Exception as exc:  # a worker died: prepare its articles here
            log.error("worker task failed (%s: %s); extracting its articles here",
                      type(exc).__name__, exc)  # fmt: skip
            done = [prepare(a) for a in slot.batch]
    filled = iter(done)
    return [item if item is not None else next(filled) for item in slot.items]
