"""Helpers the serve tests import by name: a filled store, Debian's headless Chromium
and a live uvicorn server. They live here, not in conftest.py, because every test folder
has a conftest module and importing one by name picks whichever was loaded first."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from serve_sample_data import build_incidents

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.serve.app import create_app
from incidentwatch.serve.headless import CHROMIUM, CHROMIUM_ARGS
from incidentwatch.store import open_store


def fill_store(url: str) -> Any:
    store = open_store(url)
    pairs = build_incidents()
    by_id = {art.article_id: incs for art, incs in pairs}
    report = ingest_articles(
        store, [art for art, _ in pairs], extractor=lambda art: by_id[art.article_id]
    )
    assert not report.rejected, report.rejected
    return store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chromium_context(**options: Any) -> Iterator[Any]:
    """A Playwright context of Debian's headless Chromium on a throw-away profile
    (`options` go to launch_persistent_context, e.g. a viewport); skips the test when
    chromium is missing (a failure under CI, tests/conftest.py)."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/setup-system.sh installs it)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="iw-chromium-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **options
            )
            yield ctx
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextmanager
def serving(store: Any, **app_options: Any) -> Iterator[str]:
    """The app over `store` served by uvicorn on a free loopback port, in a background thread.

    `app_options` go to create_app (token, allowed_hosts, max_body, ...)."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(store, **app_options),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
