"""`incidentwatch bench ingest`: the whole ingest against a plain spaCy parse, side by side.

On the same real full-length articles, in one process tree, it times
(a) a plain parse: `nlp(text)` of every article with the model we ship, all its
    components, in this one process;
(b) the whole `ingest`: read the files, clean up, extract, geocode (worker
    processes), merge and store into a fresh SQLite file (this process).
Each round runs both, in alternating order, so load from other jobs on a shared
machine falls on both alike; the ratio (b)/(a) is reported per round and as the
median. The articles are repeated to a few hundred a round; each repetition goes
into its own fresh store (a copy would otherwise be recognised as already stored).
Peak memory is the largest sum of the resident sets of this process and its
children, sampled every 0.2 s.
"""

from __future__ import annotations

import math
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from incidentwatch.ingest.readers import Rejected
from incidentwatch.ingest.sources import read_any
from incidentwatch.records import Article

DEV_FILES = ("news_pool_2016.jsonl", "iraq_news_2016_dev.jsonl")
DEV_ARABIC = "arabic_iraq_news_pool.jsonl"


def default_files(devdata: Path, arabic: bool = False) -> list[Path]:
    """The dev set's English news articles (and the Arabic pool with `arabic`)."""
    names = [*DEV_FILES, *([DEV_ARABIC] if arabic else [])]
    return [devdata / n for n in names if (devdata / n).is_file()]


def read_articles(files: list[Path]) -> tuple[list[Article], int]:
    """The articles of the files, and how many records were not articles."""
    arts: list[Article] = []
    bad = 0
    for f in files:
        for item in read_any(str(f)):
            if isinstance(item, Rejected):
                bad += 1
            else:
                arts.append(item)
    return arts, bad


def words(text: str) -> int:
    return len(text.split())


# ------------------------------------------------------------------- memory
def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def tree_rss_mb(root: int | None = None) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    seen: set[int] = set()
    todo = [root or os.getpid()]
    total = 0
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kb(pid)
        todo.extend(_children(pid))
    return total / 1024


class PeakMemory:
    """The largest `tree_rss_mb` seen while running (a sampling thread)."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb())
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_mb())


# ------------------------------------------------------------------- phases
def cpu_secs(pid: int) -> float:
    """User + system CPU seconds a live process has used (Linux /proc), 0 if unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # Fields 14 and 15 of stat (utime, stime), counted after the ")" of the name.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    parse_secs: float
    ingest_secs: float
    articles: int
    words: int
    # CPU seconds (load does not inflate them): the plain parse; the ingest's
    # workers together and its writer (this process).
    parse_cpu: float = 0.0
    worker_cpu: float = 0.0
    writer_cpu: float = 0.0

    def rate(self, secs: float) -> tuple[float, float]:
        return (self.articles / secs, self.words / secs) if secs > 0 else (0.0, 0.0)

    @property
    def ratio(self) -> float:
        return self.parse_secs / self.ingest_secs if self.ingest_secs > 0 else 0.0


@dataclass
class IngestBench:
    rounds: list[Round] = field(default_factory=list)
    workers: int = 0
    peak_rss_mb: float = 0.0
    startup_secs: float = 0.0
    summary: str = ""

    @property
    def median_ratio(self) -> float:
        return statistics.median(r.ratio for r in self.rounds) if self.rounds else 0.0

    def cpu_ms(self) -> tuple[float, float, float]:
        """CPU ms per article over all rounds: plain parse, ingest workers, writer."""
        n = sum(r.articles for r in self.rounds) or 1
        return (
            1000 * sum(r.parse_cpu for r in self.rounds) / n,
            1000 * sum(r.worker_cpu for r in self.rounds) / n,
            1000 * sum(r.writer_cpu for r in self.rounds) / n,
        )


def plain_parse(texts: list[str]) -> float:
    """Seconds for `nlp(text)` of each text with the shipped model, all components, as
    spaCy runs them (not our faster attribute ruler and lemmatizer: extract/fastruler.py,
    extract/fastlemma.py)."""
    from incidentwatch.extract import fastlemma, fastruler
    from incidentwatch.extract.pipeline import load_nlp

    with fastruler.stock(load_nlp("en")) as ruled, fastlemma.stock(ruled) as nlp:
        t0 = time.perf_counter()
        for t in texts:
            nlp(t)
        return time.perf_counter() - t0


def whole_ingest(files: list[Path], copies: int, workers: object, tmp: Path) -> tuple[float, str]:
    """Seconds to read `files` and ingest them `copies` times, each copy into a fresh
    SQLite store, with the extraction on `workers` (a running WorkerPool)."""
    from incidentwatch.ingest.workers import WorkerPool, ingest_parallel
    from incidentwatch.store.store import open_store

    assert isinstance(workers, WorkerPool)
    summary = ""
    t0 = time.perf_counter()
    for k in range(copies):
        db = tmp / f"ingest-{k}-{time.monotonic_ns()}.db"
        store = open_store(f"sqlite:///{db}")
        try:
            rep = ingest_parallel(store, _articles(files), pool=workers)
        finally:
            store.close()
        summary = rep.summary()
    return time.perf_counter() - t0, summary


def _articles(files: list[Path]) -> Iterator[Article]:
    for f in files:
        for item in read_any(str(f)):
            if not isinstance(item, Rejected):
                yield item


def bench_real_ingest(
    files: list[Path],
    *,
    articles: int = 240,
    rounds: int = 3,
    workers: int | None = None,
    echo: Callable[[str], None],
) -> IngestBench:
    from incidentwatch.extract.pipeline import load_nlp
    from incidentwatch.extract.selective import ENV_VAR, neighbours_from_env
    from incidentwatch.ingest.workers import WorkerPool

    base, bad = read_articles(files)
    if not base:
        raise ValueError("no articles in " + ", ".join(map(str, files)))
    copies = max(1, math.ceil(articles / len(base)))
    texts = [a.text for a in base] * copies
    n_words = sum(words(t) for t in texts)
    out = IngestBench()
    # The same reading of the setting as the extractor's (unset, empty or "off": full parse).
    selective = neighbours_from_env()
    t0 = time.perf_counter()
    # The workers fork first, so they do not inherit the plain parse's model.
    with WorkerPool(workers) as pool, tempfile.TemporaryDirectory() as tmp:
        pids = pool.warm()
        load_nlp("en")
        out.workers = pool.workers
        out.startup_secs = time.perf_counter() - t0
        with PeakMemory() as mem:
            echo(
                f"{len(base)} articles from {len(files)} files ({bad} unreadable records), "
                f"x{copies} = {len(texts)} articles, {n_words} words a round; "
                f"{out.workers} workers (started in {out.startup_secs:.1f} s, not timed)"
            )
            echo(
                f"{'round':>5} {'parse art/s':>12} {'words/s':>9} "
                f"{'ingest art/s':>13} {'words/s':>9} {'ratio':>6}"
            )
            if selective is not None:
                echo(f"ingest with the selective parse ({ENV_VAR}={selective})")
            for i in range(rounds):
                r = Round(0.0, 0.0, len(texts), n_words)
                # Alternate which goes first: a burst of load hits both alike.
                for phase in ("parse", "ingest") if i % 2 == 0 else ("ingest", "parse"):
                    c0, w0 = time.process_time(), sum(cpu_secs(p) for p in pids)
                    if phase == "parse":
                        r.parse_secs = plain_parse(texts)
                        r.parse_cpu = time.process_time() - c0
                    else:
                        r.ingest_secs, out.summary = whole_ingest(files, copies, pool, Path(tmp))
                        r.writer_cpu = time.process_time() - c0
                        r.worker_cpu = sum(cpu_secs(p) for p in pids) - w0
                parse_secs, ingest_secs = r.parse_secs, r.ingest_secs
                out.rounds.append(r)
                (pa, pw), (ia, iw) = r.rate(parse_secs), r.rate(ingest_secs)
                echo(f"{i + 1:>5} {pa:>12.2f} {pw:>9.0f} {ia:>13.2f} {iw:>9.0f} {r.ratio:>6.2f}")
    out.peak_rss_mb = mem.peak
    echo(f"last store: {out.summary}")
    echo(f"median ratio ingest / plain parse: {out.median_ratio:.2f}")
    parse_ms, worker_ms, writer_ms = out.cpu_ms()
    cores = len(os.sched_getaffinity(0))
    echo(
        f"CPU ms per article: plain parse {parse_ms:.1f}; ingest {worker_ms + writer_ms:.1f} "
        f"(workers {worker_ms:.1f}, writer {writer_ms:.1f}); on {cores} idle cores the "
        f"ratio could be at most {cores * parse_ms / max(worker_ms + writer_ms, 1e-9):.2f}"
    )
    echo(f"peak RSS of the process tree: {out.peak_rss_mb:.0f} MB")
    return out
