"""Screenshots of the web UI for docs/screenshots/, taken with headless Debian Chromium.

Ingests the bundled sample articles into a temporary SQLite store (as `incidentwatch
demo` does), serves the app on a loopback port and captures the main views.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.ingest.readers import read_source, split_valid
from incidentwatch.serve.app import create_app
from incidentwatch.serve.commands import SAMPLES
from incidentwatch.serve.headless import CHROMIUM, CHROMIUM_ARGS
from incidentwatch.store import IncidentFilter, open_store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="iw-shots-")
    store = open_store(f"sqlite:///{tmp}/demo.db")
    articles, _ = split_valid(read_source(SAMPLES))
    ingest_articles(store, articles)
    # The incident with the most evidence among the located ones makes the best example.
    located = [i for i in store.query_incidents(IncidentFilter(), limit=1000) if i.location]
    located = [i for i in located if i.location and i.location.latitude is not None]
    best = max(located, key=lambda i: (len(i.sources), i.fatalities.best or 0))

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}/"
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="iw-chromium-"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        page = ctx.new_page()

        def shoot(url: str, name: str, wait: str | None = None) -> None:
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']", timeout=20_000)
            if wait:
                page.wait_for_selector(wait, timeout=20_000)
            page.wait_for_timeout(1200)
            page.screenshot(path=str(args.out / name))
            print("wrote", args.out / name)

        shoot(base, "map.png", "#map[data-markers]")
        shoot(f"{base}?incident={best.incident_id}", "incident.png", "#panel .article-text")
        shoot(f"{base}?view=table", "table.png", "#table tbody tr[data-id]")
        ctx.close()
    server.should_exit = True
    store.close()


if __name__ == "__main__":
    main()
