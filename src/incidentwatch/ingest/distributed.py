"""Backfill a large archive on a Dask cluster: workers read and extract, one writer stores.

    incidentwatch ingest --dask tcp://scheduler:8786 ARCHIVE...   # a running cluster
    incidentwatch ingest --dask local --workers 4 ARCHIVE...      # a LocalCluster here

The archive is cut into partitions (ingest/partition.py). Each worker reads its
partition from the path itself (the archive must be on a filesystem every
worker sees at the same path), cleans up and extracts each article with the
functions the serial ingest uses (pipeline.prepare), and returns the prepared
articles. This process is the one writer: it takes the results in the archive's
order, whatever order they finish in, and admits, merges and stores each article
(pipeline.store_prepared), so the store ends up as a serial `ingest` of the same
archive leaves it. At most `window` partitions are in flight, so memory is
bounded however large the archive.

Resuming: a partition is recorded in the store (`ingest_partitions`) once all its
articles are stored or skipped. A re-run skips recorded partitions unread, and an
article stored from a partition that was not finished is recognised by the store
as already there, so nothing is doubled. A worker that dies mid-partition costs
only a retry: the scheduler gives its tasks to another worker.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from incidentwatch.ingest.partition import PARTITION_BYTES, Partition, plan, read_partition
from incidentwatch.ingest.pipeline import IngestReport, Prepared, prepare, store_prepared
from incidentwatch.ingest.readers import Rejected
from incidentwatch.ingest.sources import is_url

if TYPE_CHECKING:
    from incidentwatch.store.store import Store

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'incidentwatch[dask]'"
TASK_RETRIES = 3  # a task that raised; a task whose worker died is rescheduled anyway


class DaskUnavailable(RuntimeError):
    """--dask was asked for, but dask.distributed is not installed."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(
            f"--dask needs the optional Dask dependency ({exc}); install it with {INSTALL_HINT}"
        ) from None
    return distributed


@dataclass
class BackfillReport:
    ingest: IngestReport = field(default_factory=IngestReport)
    unreadable: list[Rejected] = field(default_factory=list)  # records that were not articles
    partitions: int = 0  # in the archive
    skipped_partitions: int = 0  # finished by an earlier run
    failed_partitions: list[str] = field(default_factory=list)  # not finished: re-run to retry
    workers: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0  # the writer admitting, merging and storing (its own ceiling)

    def summary(self) -> str:
        failed = f", {len(self.failed_partitions)} failed" if self.failed_partitions else ""
        return (
            f"{self.ingest.summary()}; {len(self.unreadable)} unreadable records; "
            f"{self.partitions} partitions ({self.skipped_partitions} done before{failed}) "
            f"on {self.workers} workers"
        )


def prepare_partition(
    part: Partition, use_embedded: bool, prior: str | None = None
) -> list[Rejected | Prepared]:
    """A worker's task: read one partition, clean up and extract each article
    (``prior``: the run's country, the geocoder's area prior)."""
    from incidentwatch.geocode.prior import area_prior

    with area_prior(prior):
        return [
            item if isinstance(item, Rejected) else prepare(item, use_embedded=use_embedded)
            for item in read_partition(part)
        ]


def check_sources(sources: Iterable[str]) -> list[str]:
    out = []
    for src in sources:
        if src == "-" or is_url(src):
            raise ValueError(
                f"{src!r}: --dask reads files and folders that every worker can open; "
                "ingest standard input and URLs without --dask"
            )
        out.append(src)
    return out


class Cluster:
    """A Dask client: on a LocalCluster started here ('local') or on a scheduler's address."""

    def __init__(self, address: str = "local", workers: int | None = None) -> None:
        dd = _distributed()
        self._local = None
        if address == "local":
            n = workers or os.cpu_count() or 1
            # Processes, one thread each: the extractor is Python code that holds the GIL.
            # The scheduler's and nannies' start-up chatter is not the user's business.
            logging.getLogger("distributed").setLevel(logging.WARNING)
            self._local = dd.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            self.client = dd.Client(self._local)
        else:
            self.client = dd.Client(address)

    def n_workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def close(self) -> None:
        self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def backfill(
    store: Store,
    sources: Sequence[str],
    client: Any,
    *,
    use_embedded: bool = False,
    progress: bool = False,
    window: int | None = None,
    target_bytes: int = PARTITION_BYTES,
    on_unreadable: Callable[[Rejected], None] | None = None,
    on_partition: Callable[[Partition], None] | None = None,
    prior: str | None = None,
) -> BackfillReport:
    """Ingest the files and folders in `sources` on the cluster of `client` into `store`.

    `window`: partitions in flight at once (default: twice the workers).
    `on_partition` is called after each partition is stored and recorded.
    `prior`: the country the archive is about (ISO2), the geocoder's area prior.
    """
    t0 = time.perf_counter()
    out = BackfillReport()
    parts = list(plan(check_sources(sources), target_bytes=target_bytes))
    out.partitions = len(parts)
    done = store.partitions_done(p.key for p in parts)
    todo = [p for p in parts if p.key not in done]
    out.skipped_partitions = len(parts) - len(todo)
    out.workers = len(client.scheduler_info().get("workers", {}))
    window = max(1, window or 2 * max(1, out.workers))
    run = uuid.uuid4().hex[:8]

    from tqdm import tqdm

    bar = tqdm(
        total=sum(p.records for p in todo), unit="article", desc="backfill", disable=not progress
    )
    queue = iter(todo)
    pending: deque[tuple[Partition, Any]] = deque()

    def submit_next() -> None:
        part = next(queue, None)
        if part is not None:
            fut = client.submit(
                prepare_partition,
                part,
                use_embedded,
                prior,
                key=f"iw-prepare-{run}-{part.index}",
                retries=TASK_RETRIES,
            )
            pending.append((part, fut))

    for _ in range(window):
        submit_next()
    try:
        while pending:
            part, fut = pending.popleft()
            submit_next()  # keep the workers busy while this one is written
            try:
                items = fut.result()
            except Exception as exc:
                # Not recorded as done: a re-run tries it again.
                out.failed_partitions.append(part.describe())
                log.error("partition %s failed: %s: %s", part.describe(), type(exc).__name__, exc)
                continue
            finally:
                fut.release()
            tw = time.perf_counter()
            for item in items:
                if isinstance(item, Rejected):
                    out.unreadable.append(item)
                    if on_unreadable is not None:
                        on_unreadable(item)
                else:
                    store_prepared(store, item, out.ingest, use_embedded=use_embedded)
                bar.update(1)
            store.mark_partition_done(
                part.key, part.describe(), sum(1 for i in items if isinstance(i, Prepared))
            )
            out.write_seconds += time.perf_counter() - tw
            if on_partition is not None:
                on_partition(part)
    finally:
        for _, fut in pending:
            fut.cancel()
        bar.close()
    out.seconds = time.perf_counter() - t0
    return out
