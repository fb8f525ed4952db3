"""Where an ingest's CPU goes: CPU ms per article for each stage, one process, serial.

    PYTHONPATH=src .venv/bin/python scripts/profile_ingest.py [FILES...] [--batch 8]

FILES default to the dev set's English news (`bench ingest`'s default articles).
Runs what a worker of `ingest --workers N` does with each batch (clean-up, language
detection, the spaCy pipeline one component at a time over the batch, extraction,
geocoding, the incidents' evidence clean-up), what crosses the process boundary
(pickling both ways) and what the writer does (admission, merge and store into a
fresh SQLite file; the SQL statements timed apart), all in this one process with
`time.process_time`, which other jobs' load on a shared machine does not inflate.
A first batch is run and thrown away before timing (the geocoder builds its fuzzy
index on its first lookup; every worker pays that once, not per article).

`--selective N` profiles the parse restricted to cue sentences and N neighbours
(extract/selective.py, INCIDENTWATCH_SELECTIVE_PARSE) instead of the full pipeline.
"""

from __future__ import annotations

import argparse
import os
import pickle
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event

from incidentwatch.extract.pipeline import Extractor, get_extractor
from incidentwatch.extract.selective import ENV_VAR
from incidentwatch.ingest.pipeline import (
    IngestReport,
    Prepared,
    clean_article,
    clean_incident,
    store_prepared,
)
from incidentwatch.records import Article
from incidentwatch.store.bench_ingest import default_files, read_articles
from incidentwatch.store.store import Store, open_store

CPU: dict[str, float] = defaultdict(float)
SQL: dict[str, float] = defaultdict(float)  # of each stage's CPU, in SQL statements
ACTIVE: list[str] = []


@contextmanager
def timed(stage: str) -> Iterator[None]:
    ACTIVE.append(stage)
    t0 = time.process_time()
    try:
        yield
    finally:
        CPU[stage] += time.process_time() - t0
        ACTIVE.pop()


class TimedGeocoder:
    """The extractor's geocoder with its three calls timed (they do not nest)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def mentions(self, *a: Any, **kw: Any) -> Any:
        with timed("geocoding"):
            return self.inner.mentions(*a, **kw)

    def locate(self, *a: Any, **kw: Any) -> Any:
        with timed("geocoding"):
            return self.inner.locate(*a, **kw)

    def as_of(self, *a: Any, **kw: Any) -> Any:
        with timed("geocoding"):
            return self.inner.as_of(*a, **kw)


def time_sql(store: Store) -> None:
    starts: list[float] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _before(*_a: Any) -> None:
        starts.append(time.process_time())

    @event.listens_for(store.engine, "after_cursor_execute")
    def _after(*_a: Any) -> None:
        SQL[ACTIVE[-1] if ACTIVE else "?"] += time.process_time() - starts.pop()


def worker_batch(ex: Extractor, arts: list[Article], selective: bool) -> list[Prepared]:
    """`prepare_many` of a batch (English only: the dev news), stage by stage."""
    with timed("clean-up (clean_article)"):
        arts = [clean_article(a) for a in arts]
    with timed("language detection"):
        for a in arts:
            ex.language(a)
    if selective:
        with timed("spaCy: selective parse (sentences, cue words, regions, assembly)"):
            docs = list(ex.parse_many([a.text for a in arts]))
    else:
        with timed("spaCy: tokenizer"):
            docs = [ex.nlp.make_doc(a.text) for a in arts]
        for name, proc in ex.nlp.pipeline:
            with timed(f"spaCy: {name}"):
                docs = list(proc.pipe(docs))  # type: ignore[attr-defined]
    out: list[Prepared] = []
    for art, doc in zip(arts, docs, strict=True):
        with timed("extraction rules (after the parse, without geocoding)"):
            incs = ex._extract_doc(art, doc)
        with timed("clean_incident (evidence quotes)"):
            out.append(Prepared(art.article_id, art, [clean_incident(art, i) for i in incs]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--devdata", type=Path, default=Path("../shared/devdata"))
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--selective", type=int, default=None, metavar="NEIGHBOURS")
    args = ap.parse_args()
    files = args.files or default_files(args.devdata)
    t0 = time.process_time()
    if args.selective is not None:
        os.environ[ENV_VAR] = str(args.selective)
    base = get_extractor()
    ex = Extractor(base.nlp, TimedGeocoder(base.geocoder))
    print(f"extractor loaded: {time.process_time() - t0:.1f} s CPU (once a worker)")
    with timed("reading the files"):
        arts, _bad = read_articles(files)
    n = len(arts)
    with tempfile.TemporaryDirectory() as tmp:
        warm = open_store(f"sqlite:///{tmp}/warm.db")
        selective = ex.selective is not None
        for item in worker_batch(ex, arts[: args.batch], selective):
            store_prepared(warm, item, IngestReport())
        warm.close()
        CPU.clear()
        with timed("reading the files"):
            arts, _bad = read_articles(files)
        store = open_store(f"sqlite:///{tmp}/ingest.db")
        time_sql(store)
        rep = IngestReport()
        t_all = time.process_time()
        for i in range(0, n, args.batch):
            batch = arts[i : i + args.batch]
            with timed("writer: admission before extraction (store.admit)"):
                for a in batch:
                    store.admit(clean_article(a))
            with timed("pickling: articles to the worker"):
                batch = pickle.loads(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))
            prepared = worker_batch(ex, batch, selective)
            with timed("pickling: prepared articles back"):
                prepared = pickle.loads(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
            with timed("writer: store_prepared (admission, merge, store)"):
                for item in prepared:
                    store_prepared(store, item, rep)
        total = time.process_time() - t_all + CPU["reading the files"]
        store.close()
    CPU["extraction rules (after the parse, without geocoding)"] -= CPU["geocoding"]
    print(f"{n} articles, {sum(len(a.text.split()) for a in arts)} words; {rep.summary()}")
    print("| stage | CPU ms/article | share | of which SQL statements |")
    print("|---|---|---|---|")
    for stage, secs in CPU.items():
        sql = f"{SQL[stage] * 1000 / n:.1f}" if stage in SQL else ""
        print(f"| {stage} | {secs * 1000 / n:.1f} | {secs / total:.0%} | {sql} |")
    print(f"| **total** | **{total * 1000 / n:.1f}** | |")


if __name__ == "__main__":
    main()
