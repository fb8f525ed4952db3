"""`incidentwatch bench backfill`: serial vs Dask ingest of a synthetic archive, and merge
cost as the store grows.

The archive is news-like text for the real extractor, written from the wording in
data/store/backfill_templates.json: Iraqi towns of the shipped gazetteer (20,000
people or more) in their governorates, weekdays, actors, tolls and outlets vary;
about half the events are told by two or three outlets in different words, some
with a later, higher toll ("rose to"), so merging has real work.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

START = dt.date(2016, 1, 4)
EVENTS_PER_DAY = 12
MIN_POPULATION = 20_000
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten"]  # fmt: skip


def _data(*parts: str) -> Path:
    return Path(str(resources.files("incidentwatch").joinpath("data", *parts)))


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    with _data("store", "backfill_templates.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=1)
def iraq_towns() -> list[tuple[str, str]]:
    """(town, governorate) of the gazetteer's Iraqi towns of MIN_POPULATION or more."""
    provinces: dict[str, str] = {}
    with gzip.open(_data("gazetteer", "admins.tsv.gz"), "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["cc"] == "IQ" and row["level"] == "1":
                provinces[row["key"]] = row["name"]
    towns: list[tuple[int, str, str]] = []
    with gzip.open(_data("gazetteer", "places.tsv.gz"), "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["cc"] != "IQ" or not row["name"].isascii():
                continue
            pop = int(row["pop"] or 0)
            if pop >= MIN_POPULATION and row["adm1"] in provinces:
                towns.append((pop, row["name"], provinces[row["adm1"]]))
    towns.sort(key=lambda t: (-t[0], t[1]))
    return [(name, prov) for _, name, prov in towns]


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def backfill_records(n: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    """`n` article records (JSON Lines fields of `incidentwatch ingest`), in event order."""
    rng = random.Random(seed)
    t = templates()
    kinds = list(t["kinds"])
    towns = iraq_towns()
    made = 0
    event = 0
    while made < n:
        day = START + dt.timedelta(days=event // EVENTS_PER_DAY)
        event += 1
        kind = rng.choices(kinds, weights=[4, 3, 2, 1])[0]
        spec = t["kinds"][kind]
        town, province = rng.choice(towns)
        actor = rng.choice(spec["actors"])
        killed = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 12, 15])
        wounded = rng.choice([1, 2, 3, 5, 8, 11, 20])
        tellers = min(n - made, rng.choice([1, 1, 2, 2, 3]))
        outlets = rng.sample(t["outlets"], tellers)
        firsts = rng.sample(spec["first"], min(tellers, len(spec["first"])))
        for k in range(tellers):
            pub = day + dt.timedelta(days=rng.choice([0, 0, 1]) if k else 0)
            wording = firsts[k % len(firsts)]
            toll = killed
            if k == tellers - 1 and k > 0 and spec["update"] and rng.random() < 0.5:
                wording = rng.choice(spec["update"])
                toll = killed + rng.randint(1, 4)
                pub = day + dt.timedelta(days=1)
            slots = {
                "place": town,
                "province": province,
                "weekday": day.strftime("%A"),
                "later": pub.strftime("%A"),
                "killed": _number(toll),
                "killed_cap": _cap(_number(toll)),
                "wounded": _number(wounded),
                "wounded_cap": _cap(_number(wounded)),
                "actor": actor,
                "actor_cap": _cap(actor),
                "outlet": outlets[k],
            }
            lead = wording.format(**slots)
            rest = rng.sample(t["background"], rng.randint(2, 4))
            text = f"{town.upper()} ({outlets[k]}) - {lead}\n\n" + " ".join(rest)
            made += 1
            yield {
                "article_id": f"bf-{made:07d}",
                "url": f"https://{outlets[k].lower().replace(' ', '')}.example/{made}",
                "outlet": outlets[k],
                "published_at": pub.isoformat(),
                "title": f"{_cap(kind)} in {town}",
                "text": text,
            }


def write_archive(folder: Path, n: int, seed: int = 5) -> Path:
    """The synthetic archive as one JSON Lines file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "backfill.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for rec in backfill_records(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def _snapshot(url: str) -> list[tuple[Any, ...]]:
    """Every incident with its sources and evidence, to tell two stores apart."""
    from incidentwatch.store.store import open_store

    with open_store(url) as st:
        return sorted(
            (
                inc.incident_id,
                inc.model_dump_json(exclude={"sources"}),
                tuple(s.article_id for s in inc.sources),
            )
            for inc in st.iter_incidents(include_evidence=True)
        )


SPLIT_N = 2000  # enough for a steady state: the merge window is about a month of events


def split_costs(n: int, *, echo: Callable[[str], None]) -> dict[str, float]:
    """The two halves of ingesting, timed apart on one core in this process: what one
    worker does (clean-up, extraction) and what the one writer does (admission, merge,
    store) per article, neither competing with the other."""
    from incidentwatch.ingest.pipeline import IngestReport, prepare, store_prepared
    from incidentwatch.records import Article
    from incidentwatch.store.store import open_store

    arts = [Article.model_validate(r) for r in backfill_records(n)]
    prepare(arts[0])  # the extractor's one-time load is not per article
    t0 = time.perf_counter()
    items = [prepare(a) for a in arts]
    extract_ms = (time.perf_counter() - t0) * 1000 / n
    rep = IngestReport()
    with (
        tempfile.TemporaryDirectory(prefix="iw-backfill-split-") as tmp,
        open_store(f"sqlite:///{Path(tmp) / 'split.db'}") as st,
    ):
        t0 = time.perf_counter()
        for item in items:
            store_prepared(st, item, rep)
        write_ms = (time.perf_counter() - t0) * 1000 / n
    echo("")
    echo(f"the two halves apart, first {n} articles, one core each:")
    echo(f"  worker (clean-up + extraction + geocoding): {extract_ms:6.1f} ms/article "
         f"= {1000 / extract_ms:5.1f} articles/s per worker")  # fmt: skip
    echo(f"  writer (admit + merge + store, SQLite):     {write_ms:6.1f} ms/article "
         f"= {1000 / write_ms:5.1f} articles/s, the ceiling of one writer")  # fmt: skip
    return {"extract_ms": extract_ms, "write_ms": write_ms}


def bench_backfill(
    n: int,
    *,
    workers: int | None = None,
    merge_sizes: list[int] | None = None,
    probe: int = 200,
    echo: Callable[[str], None],
) -> dict[str, Any]:
    """Serial vs `--dask local` ingest of an n-article archive, then merge cost per article
    as the store grows (store/bench.py's bench_merge)."""
    from incidentwatch.ingest.distributed import Cluster, backfill
    from incidentwatch.ingest.pipeline import ingest_articles
    from incidentwatch.ingest.readers import Rejected
    from incidentwatch.ingest.sources import read_any
    from incidentwatch.store.bench import bench_merge
    from incidentwatch.store.store import open_store

    out: dict[str, Any] = {"n": n}
    with tempfile.TemporaryDirectory(prefix="iw-backfill-") as tmp:
        archive = write_archive(Path(tmp) / "archive", n)
        size = archive.stat().st_size
        echo(f"archive: {n} articles, {size / 1e6:.1f} MB ({archive.name})")

        serial_url = f"sqlite:///{Path(tmp) / 'serial.db'}"
        with open_store(serial_url) as st:
            t0 = time.perf_counter()
            arts = (a for a in read_any(str(archive)) if not isinstance(a, Rejected))
            rep = ingest_articles(st, arts)
            serial_s = time.perf_counter() - t0
        echo(f"serial: {rep.summary()}")

        dask_url = f"sqlite:///{Path(tmp) / 'dask.db'}"
        t0 = time.perf_counter()
        with Cluster("local", workers) as cluster:
            startup_s = time.perf_counter() - t0
            # Enough partitions that every worker has several and the window stays full.
            nw = max(1, cluster.n_workers())
            part = min(2_000_000, max(5_000, size // (20 * nw)))
            with open_store(dask_url) as st:
                t1 = time.perf_counter()
                res = backfill(st, [str(archive)], cluster.client, target_bytes=part)
                dask_s = time.perf_counter() - t1
        echo(f"dask:   {res.summary()}")
        same = _snapshot(serial_url) == _snapshot(dask_url)

    serial_rate = rep.seen / serial_s if serial_s else 0.0
    dask_rate = res.ingest.seen / dask_s if dask_s else 0.0
    out.update(
        serial_rate=serial_rate,
        dask_rate=dask_rate,
        workers=res.workers,
        startup_s=startup_s,
        same=same,
        ratio=dask_rate / serial_rate if serial_rate else 0.0,
    )
    echo("")
    echo(f"{'path':<22} {'articles/s':>10} {'seconds':>8}")
    echo(f"{'serial ingest':<22} {serial_rate:>10.1f} {serial_s:>8.1f}")
    label = f"dask local, {res.workers} workers"
    echo(f"{label:<22} {dask_rate:>10.1f} {dask_s:>8.1f}  (+{startup_s:.1f} s cluster start)")
    echo(f"ratio dask/serial: {out['ratio']:.2f}; same incidents and evidence: {same}")
    # The one writer's own ceiling: what it would take if workers were never late.
    writer_rate = res.ingest.seen / res.write_seconds if res.write_seconds else 0.0
    out.update(writer_rate=writer_rate, writer_busy=res.write_seconds / dask_s if dask_s else 0.0)
    echo(
        f"writer: {res.write_seconds:.1f} s of {dask_s:.1f} s busy storing "
        f"({out['writer_busy']:.0%}); alone it stores {writer_rate:.0f} articles/s"
    )
    out.update(split_costs(min(n, SPLIT_N), echo=echo))
    sizes = merge_sizes if merge_sizes is not None else [100_000, 1_000_000]
    if sizes:
        echo("")
        echo("merge cost per new article as the store grows (SQLite):")
        out["merge"] = bench_merge(sizes, probe=probe, echo=echo)
    return out
