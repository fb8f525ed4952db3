"""Store commands: ingest, watch, export, db, bench."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from typing import Any

import click

DB_HELP = (
    "Database URL (sqlite:///file.db, postgresql://...); "
    "default $INCIDENTWATCH_DB or the user data dir."
)


def _db_option(f: Any) -> Any:
    return click.option("--db", "db_url", default=None, help=DB_HELP, metavar="URL")(f)


def _date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option(
    "--pre-extracted",
    is_flag=True,
    help="Take incidents from each JSONL record's 'incidents' field (gold files) "
    "instead of running the extractor.",
)
@click.option("--allow-private", is_flag=True, help="Allow fetching from private/loopback hosts.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a TTY).")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Read and extract on a Dask cluster (tcp://scheduler:8786, or 'local' for a "
    "LocalCluster here); this process merges and stores. Files and folders only, on a "
    "filesystem every worker reads. Needs: pip install 'incidentwatch[dask]'.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that extract (with --dask local: of the LocalCluster) "
    "[default: the cores].",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1000),
    default=None,
    metavar="BYTES",
    help="With --dask: bytes of articles per task (big .jsonl files are split) [default: 2 MB].",
)
@click.option(
    "--country",
    default=None,
    metavar="ISO2",
    help="The country these articles are about (e.g. IQ): the geocoder's area prior "
    "for articles whose outlet is not in the source-country list.",
)
def ingest(
    sources: tuple[str, ...],
    db_url: str | None,
    pre_extracted: bool,
    allow_private: bool,
    progress: bool | None,
    dask_address: str | None,
    workers: int | None,
    partition_size: int | None,
    country: str | None,
) -> None:
    """Extract, geocode, merge and store the articles in SOURCES.

    A SOURCE is a .txt/.html/.jsonl/.csv file, a directory of them, '-' for
    standard input, an RSS/Atom feed URL or an article URL. Articles already
    stored (same URL or near-identical text) are skipped, so re-running resumes.
    """
    from incidentwatch.geocode.prior import area_prior, checked

    try:
        country = checked(country)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--country") from None
    if dask_address:
        _ingest_dask(
            sources,
            db_url,
            pre_extracted,
            progress,
            dask_address,
            workers,
            partition_size,
            country,
        )
        return
    if partition_size is not None:
        raise click.UsageError("--partition-size goes with --dask")
    from incidentwatch.ingest.fetch import FetchConfig
    from incidentwatch.ingest.pipeline import ingest_articles
    from incidentwatch.ingest.readers import Rejected
    from incidentwatch.ingest.sources import read_any
    from incidentwatch.ingest.workers import ingest_parallel
    from incidentwatch.store import open_store

    cfg = FetchConfig.from_env(**({"allow_private": True} if allow_private else {}))
    store = open_store(db_url)
    rejected: list[Rejected] = []

    def articles() -> Any:
        for src in sources:
            for item in read_any(src, cfg=cfg, stdin=sys.stdin.buffer):
                if isinstance(item, Rejected):
                    rejected.append(item)
                    click.echo(f"skipped {item.where}: {item.reason}", err=True)
                else:
                    yield item

    show = sys.stderr.isatty() if progress is None else progress
    t0 = time.perf_counter()
    with store, area_prior(country):
        if pre_extracted:
            rep = ingest_articles(store, articles(), progress=show, use_embedded=True)
        else:
            rep = ingest_parallel(store, articles(), workers=workers, progress=show)
    secs = time.perf_counter() - t0
    for r in rep.rejected:
        click.echo(f"rejected {r.where}: {r.reason}", err=True)
    click.echo(f"{rep.summary()}; {len(rejected)} unreadable records; {secs:.1f} s")
    click.echo(f"store: {store.url}")


def _ingest_dask(
    sources: tuple[str, ...],
    db_url: str | None,
    pre_extracted: bool,
    progress: bool | None,
    address: str,
    workers: int | None,
    partition_size: int | None,
    country: str | None = None,
) -> None:
    from incidentwatch.ingest.distributed import Cluster, DaskUnavailable, backfill, check_sources
    from incidentwatch.ingest.partition import PARTITION_BYTES
    from incidentwatch.ingest.readers import Rejected
    from incidentwatch.store import open_store

    if workers is not None and address != "local":
        raise click.UsageError("--workers sizes --dask local; a cluster has the workers it has")
    try:
        check_sources(sources)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None

    def skipped(item: Rejected) -> None:
        click.echo(f"skipped {item.where}: {item.reason}", err=True)

    try:
        cluster = Cluster(address, workers)
    except DaskUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    store = open_store(db_url)
    show = sys.stderr.isatty() if progress is None else progress
    with cluster, store:
        res = backfill(
            store,
            sources,
            cluster.client,
            use_embedded=pre_extracted,
            progress=show,
            target_bytes=partition_size or PARTITION_BYTES,
            on_unreadable=skipped,
            prior=country,
        )
    for r in res.ingest.rejected:
        click.echo(f"rejected {r.where}: {r.reason}", err=True)
    for where in res.failed_partitions:
        click.echo(f"failed partition {where}: run again to retry it", err=True)
    click.echo(f"{res.summary()}; {res.seconds:.1f} s")
    click.echo(f"store: {store.url}")
    if res.failed_partitions:
        sys.exit(1)


@click.command()
@click.argument("feeds", nargs=-1)
@_db_option
@click.option("--interval", default=900, show_default=True, help="Seconds between polls of a feed.")
@click.option("--once", is_flag=True, help="Poll the feeds that are due once, then exit.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from private/loopback hosts.")
@click.option(
    "--country",
    default=None,
    metavar="ISO2",
    help="The country FEEDS are about (e.g. IQ; '' clears it), kept with each feed: "
    "the geocoder's area prior for their articles.",
)
def watch(
    feeds: tuple[str, ...],
    db_url: str | None,
    interval: int,
    once: bool,
    allow_private: bool,
    country: str | None,
) -> None:
    """Poll feeds on a schedule and ingest new articles (FEEDS are added to the watch list).

    A failing feed is retried after interval * 2^failures seconds (at most a day).
    """
    from incidentwatch.geocode.prior import checked
    from incidentwatch.ingest.fetch import FetchConfig
    from incidentwatch.ingest.watch import PollResult
    from incidentwatch.ingest.watch import watch as run_watch
    from incidentwatch.store import open_store

    if country is not None and not feeds:
        raise click.UsageError("--country applies to the FEEDS given with it: name them")
    try:
        checked(country)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--country") from None
    cfg = FetchConfig.from_env(**({"allow_private": True} if allow_private else {}))
    store = open_store(db_url)
    if feeds:
        store.add_feeds(feeds, interval_s=interval, country=country)
    if not store.feeds():
        raise click.UsageError("no feeds to watch: give one or more feed URLs")

    def report(res: PollResult) -> None:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        click.echo(
            f"{stamp} polled {len(res.polled)}, failed {len(res.failed)}: {res.ingest.summary()}"
        )
        for url, err in res.failed.items():
            click.echo(f"  {url}: {err}", err=True)

    try:
        run_watch(store, cfg, once=once, on_poll=report)
    finally:
        store.close()


@click.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["acled-csv", "gtd-csv", "geojson", "parquet"]),
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Output file.")
@_db_option
@click.option("--from", "date_from", callback=_date, help="First event date (YYYY-MM-DD).")
@click.option("--to", "date_to", callback=_date, help="Last event date, inclusive.")
@click.option("--country", help="ISO2 code or English name.")
@click.option("--admin1", help="Governorate / province.")
@click.option("--admin2", help="District.")
@click.option("--actor", help="Actor name (actor1, actor2 or associated).")
@click.option("--type", "event_type", help="ACLED event type.")
@click.option("--sub-type", "sub_event_type", help="ACLED sub-event type.")
def export(fmt: str, output: str, db_url: str | None, **filters: Any) -> None:
    """Export incidents as ACLED CSV, GTD CSV, GeoJSON or Parquet."""
    from incidentwatch.export import export as run_export
    from incidentwatch.store import IncidentFilter, open_store

    with open_store(db_url) as store:
        n = run_export(store, fmt, output, IncidentFilter(**filters))
    click.echo(f"wrote {n} incidents to {output} ({fmt})")


@click.group("db")
def db_group() -> None:
    """Manage the incident database (migrations, statistics)."""


@db_group.command("upgrade")
@_db_option
@click.option("--revision", default="head", show_default=True)
def db_upgrade(db_url: str | None, revision: str) -> None:
    """Apply schema migrations (also done automatically when the store opens)."""
    from incidentwatch.store import db

    url = db.normalise_url(db_url or db.default_url())
    engine = db.make_engine(url)
    db.upgrade(engine, revision)
    click.echo(f"{url.split('@')[-1]}: schema at {db.current_revision(engine)}")
    engine.dispose()


@db_group.command("stats")
@_db_option
def db_stats(db_url: str | None) -> None:
    """Counts of articles, incidents, reports, sources and evidence spans."""
    from incidentwatch.store import open_store

    with open_store(db_url) as store:
        click.echo(json.dumps({"url": store.url.split("@")[-1], **store.stats()}, indent=2))


def _temp_pg_option(f: Any) -> Any:
    return click.option(
        "--temp-postgres",
        "temp_pg",
        is_flag=True,
        help="Run against a throw-away PostgreSQL server (initdb/pg_ctl) on loopback.",
    )(f)


@contextlib.contextmanager
def _maybe_temp_pg(temp_pg: bool, db_url: str | None) -> Iterator[str | None]:
    if not temp_pg:
        yield db_url
        return
    from incidentwatch.store.pgtemp import TempPostgres

    with TempPostgres() as pg:
        yield pg.url


@click.group("bench")
def bench_group() -> None:
    """Benchmarks (throughput and scaling), printed as tables."""


@bench_group.command("merge")
@click.option("--n", "sizes", multiple=True, type=int, default=[10_000, 100_000], show_default=True)
@click.option("--probe", default=200, show_default=True, help="New articles timed at each size.")
@click.option(
    "--statements",
    default=0,
    show_default=True,
    help="Also print the N costliest SQL statements of the timed part, with SQLite's plans.",
)
@_db_option
@_temp_pg_option
def bench_merge(
    sizes: tuple[int, ...], probe: int, statements: int, db_url: str | None, temp_pg: bool
) -> None:
    """Time per new article as the store grows (synthetic incidents)."""
    from incidentwatch.store.bench import bench_merge as run

    with _maybe_temp_pg(temp_pg, db_url) as url:
        run(
            list(sizes),
            probe=probe,
            db_url=url,
            fresh_pg=temp_pg,
            echo=click.echo,
            statements=statements,
        )


@bench_group.command("ingest")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--devdata",
    type=click.Path(file_okay=False),
    default="../shared/devdata",
    show_default=True,
    help="Where the default articles are (the dev set's English news files).",
)
@click.option("--arabic", is_flag=True, help="Add the dev set's Arabic news pool.")
@click.option("--articles", default=240, show_default=True, help="Articles a round (repeated).")
@click.option("--rounds", default=3, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction worker processes [default: the cores].",
)
@click.option(
    "--synthetic",
    "n",
    type=int,
    default=None,
    metavar="N",
    help="Instead: store throughput of N pre-extracted synthetic articles (no extractor).",
)
@_db_option
@_temp_pg_option
def bench_ingest(
    files: tuple[str, ...],
    devdata: str,
    arabic: bool,
    articles: int,
    rounds: int,
    workers: int | None,
    n: int | None,
    db_url: str | None,
    temp_pg: bool,
) -> None:
    """The whole ingest of real articles against a plain spaCy parse of the same
    articles: articles/s and words/s of both, their ratio (median of the rounds) and
    peak RSS. FILES default to the dev set's English news articles."""
    from pathlib import Path

    if n is not None:
        from incidentwatch.store.bench import bench_ingest as run

        with _maybe_temp_pg(temp_pg, db_url) as url:
            run(n, db_url=url, echo=click.echo)
        return
    from incidentwatch.store.bench_ingest import bench_real_ingest, default_files

    paths = [Path(f) for f in files] or default_files(Path(devdata), arabic)
    if not paths:
        raise click.UsageError(f"no FILES given and no dev articles in {devdata}")
    try:
        bench_real_ingest(paths, articles=articles, rounds=rounds, workers=workers,
                          echo=click.echo)  # fmt: skip
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


@bench_group.command("backfill")
@click.option("--n", "n", default=10_000, show_default=True, help="Articles in the archive.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Workers of the LocalCluster [default: the cores].",
)
@click.option(
    "--merge-n",
    "merge_sizes",
    multiple=True,
    type=int,
    default=[100_000, 1_000_000],
    show_default=True,
    help="Store sizes (incidents) for the merge-cost table; --merge-n 0 skips it.",
)
@click.option("--probe", default=200, show_default=True, help="New articles timed at each size.")
def bench_backfill(n: int, workers: int | None, merge_sizes: tuple[int, ...], probe: int) -> None:
    """Serial vs --dask local ingest of a synthetic n-article archive, then merge cost
    per article as the store grows."""
    from incidentwatch.ingest.distributed import DaskUnavailable
    from incidentwatch.store.bench_backfill import bench_backfill as run

    try:
        run(
            n,
            workers=workers,
            merge_sizes=[m for m in merge_sizes if m > 0],
            probe=probe,
            echo=click.echo,
        )
    except DaskUnavailable as exc:
        raise click.ClickException(str(exc)) from None


def register(app: click.Group) -> None:
    app.add_command(ingest)
    app.add_command(watch)
    app.add_command(export)
    app.add_command(db_group)
    existing = app.commands.get("bench")
    if isinstance(existing, click.Group):
        for name, cmd in bench_group.commands.items():
            existing.add_command(cmd, name)
    else:
        app.add_command(bench_group)
