"""`incidentwatch serve` and `incidentwatch demo`."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Any

import click

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "voa_iraq_syria.jsonl"


def free_port(host: str, preferred: int) -> int:
    """`preferred` if it can be bound on `host`, else a free port the OS picks."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            try:
                s.bind((host, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            return int(s.getsockname()[1])
    raise click.ClickException(f"no free port on {host}")


def run_server(
    store: Any,
    host: str,
    port: int,
    *,
    token: str | None,
    tiles_url: str | None,
    tiles_attribution: str | None,
) -> None:
    import uvicorn

    from incidentwatch.serve.app import create_app

    app = create_app(store, token=token, tiles_url=tiles_url, tiles_attribution=tiles_attribution)
    port = free_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"incidentwatch is running at http://{shown}:{port}/  (Ctrl-C stops it)")
    if token:
        click.echo("ingest endpoint POST /api/articles is enabled (bearer token)")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled; that is a clean stop
        pass
    finally:
        store.close()
        click.echo("stopped")


def _server_options(fn: Any) -> Any:
    opts = [
        click.option(
            "--db",
            "db",
            default=None,
            help="Store URL (default: $INCIDENTWATCH_DB or the SQLite file in the user data dir).",
        ),
        click.option("--host", default="127.0.0.1", show_default=True),
        click.option(
            "--port",
            default=8000,
            show_default=True,
            type=int,
            help="Port; a free one is picked if it is taken.",
        ),
        click.option(
            "--token",
            default=None,
            envvar="INCIDENTWATCH_TOKEN",
            help="Bearer token that enables POST /api/articles "
            "(env INCIDENTWATCH_TOKEN). Without it the server is read-only.",
        ),
        click.option(
            "--tiles",
            "tiles_url",
            default=None,
            envvar="INCIDENTWATCH_TILES",
            help="Online tile layer URL template, e.g. "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png (off by default).",
        ),
        click.option("--tiles-attribution", default=None, envvar="INCIDENTWATCH_TILES_ATTRIBUTION"),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _open(db: str | None) -> Any:
    from incidentwatch.store import open_store

    return open_store(db)


def register(group: click.Group) -> None:
    @group.command("serve")
    @_server_options
    def serve(
        db: str | None,
        host: str,
        port: int,
        token: str | None,
        tiles_url: str | None,
        tiles_attribution: str | None,
    ) -> None:
        """Serve the web UI and the REST API over the incident store."""
        store = _open(db)
        run_server(
            store,
            host,
            port,
            token=token,
            tiles_url=tiles_url,
            tiles_attribution=tiles_attribution,
        )

    @group.command("demo")
    @_server_options
    @click.option(
        "--samples",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=SAMPLES,
        show_default=False,
        help="Articles to ingest first (default: the bundled VOA samples).",
    )
    @click.option("--no-serve", is_flag=True, help="Only ingest, do not start the server.")
    def demo(
        db: str | None,
        host: str,
        port: int,
        token: str | None,
        tiles_url: str | None,
        tiles_attribution: str | None,
        samples: Path,
        no_serve: bool,
    ) -> None:
        """Ingest the bundled sample articles (idempotent), then serve the web UI."""
        from incidentwatch.ingest.pipeline import ingest_articles
        from incidentwatch.ingest.readers import read_source, split_valid

        store = _open(db)
        articles, rejected = split_valid(read_source(samples))
        for r in rejected:
            click.echo(f"skipped {r.where}: {r.reason}", err=True)
        click.echo(f"ingesting {len(articles)} sample articles into {store.url} ...")
        report = ingest_articles(store, articles)
        click.echo(f"ingest: {_describe(report)}")
        st = store.stats()
        click.echo("store: " + ", ".join(f"{v} {k}" for k, v in st.items()))
        if no_serve:
            store.close()
            return
        run_server(
            store,
            host,
            port,
            token=token,
            tiles_url=tiles_url,
            tiles_attribution=tiles_attribution,
        )


def _describe(report: Any) -> str:
    if report is None:
        return "nothing to do"
    if callable(getattr(report, "summary", None)):
        return str(report.summary())
    if hasattr(report, "model_dump"):
        items = report.model_dump()
    elif hasattr(report, "__dict__"):
        items = vars(report)
    else:
        return str(report)
    parts = [f"{k}={v}" for k, v in items.items() if isinstance(v, int | float | str)]
    return ", ".join(parts) or str(report)
