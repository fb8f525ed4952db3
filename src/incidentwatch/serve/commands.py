"""`incidentwatch serve` and `incidentwatch demo`."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Any

import click

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "voa_iraq_syria.jsonl"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
WILDCARD_HOSTS = ("", "0.0.0.0", "::", "[::]")


def allowed_host_names(host: str, extra: tuple[str, ...]) -> list[str]:
    """The Host header names the server answers: loopback, the bound address, and `extra`.

    Anything else is refused, so a web page on another name that resolves to this
    machine (DNS rebinding) cannot read the API through the user's browser.
    """
    names = list(LOOPBACK_NAMES)
    if host not in WILDCARD_HOSTS:
        names.append(f"[{host.strip('[]')}]" if ":" in host else host)
    for item in extra:
        names += [n.strip() for n in item.split(",") if n.strip()]
    return list(dict.fromkeys(n.lower() for n in names))


def read_token(token: str | None, token_file: Path | None) -> str | None:
    """The bearer token from --token-file (first line) or --token / the environment."""
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {token_file}: {exc}") from None
        token = lines[0].strip() if lines else ""
        if not token:
            raise click.BadParameter(f"{token_file} is empty", param_hint="--token-file")
    if not token:  # an empty INCIDENTWATCH_TOKEN means no token: read-only
        return None
    if len(token) < 12:
        raise click.BadParameter("use a token of at least 12 characters", param_hint="--token")
    return token


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
    allowed_hosts: list[str] | None = None,
    max_body: int | None = None,
) -> None:
    import uvicorn

    from incidentwatch.serve.app import create_app
    from incidentwatch.serve.auth import DEFAULT_MAX_BODY

    app = create_app(
        store,
        token=token,
        tiles_url=tiles_url,
        tiles_attribution=tiles_attribution,
        allowed_hosts=allowed_hosts if allowed_hosts is not None else allowed_host_names(host, ()),
        max_body=max_body or DEFAULT_MAX_BODY,
    )
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
            help="Bearer token that enables POST /api/articles. Prefer the environment "
            "variable INCIDENTWATCH_TOKEN or --token-file: a command-line argument is "
            "visible to every user in `ps`. Without a token the server is read-only.",
        ),
        click.option(
            "--token-file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            envvar="INCIDENTWATCH_TOKEN_FILE",
            help="Read the bearer token from the first line of this file "
            "(env INCIDENTWATCH_TOKEN_FILE).",
        ),
        click.option(
            "--allowed-host",
            "allowed_hosts",
            multiple=True,
            envvar="INCIDENTWATCH_ALLOWED_HOSTS",
            help="Host header name to serve besides localhost, 127.0.0.1, [::1] and --host "
            "(repeat, or comma-separated in env INCIDENTWATCH_ALLOWED_HOSTS); '*' serves any.",
        ),
        click.option(
            "--max-body",
            type=click.IntRange(min=1024),
            default=None,
            envvar="INCIDENTWATCH_MAX_BODY",
            help="Largest request body in bytes (default 8 MiB); larger gets 413.",
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
        token_file: Path | None,
        allowed_hosts: tuple[str, ...],
        max_body: int | None,
        tiles_url: str | None,
        tiles_attribution: str | None,
    ) -> None:
        """Serve the web UI and the REST API over the incident store."""
        token = read_token(token, token_file)
        store = _open(db)
        run_server(
            store,
            host,
            port,
            token=token,
            tiles_url=tiles_url,
            tiles_attribution=tiles_attribution,
            allowed_hosts=allowed_host_names(host, allowed_hosts),
            max_body=max_body,
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
        token_file: Path | None,
        allowed_hosts: tuple[str, ...],
        max_body: int | None,
        tiles_url: str | None,
        tiles_attribution: str | None,
        samples: Path,
        no_serve: bool,
    ) -> None:
        """Ingest the bundled sample articles (idempotent), then serve the web UI."""
        from incidentwatch.ingest.pipeline import ingest_articles
        from incidentwatch.ingest.readers import read_source, split_valid

        token = read_token(token, token_file)
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
            allowed_hosts=allowed_host_names(host, allowed_hosts),
            max_body=max_body,
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
