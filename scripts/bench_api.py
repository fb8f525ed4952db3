"""API latency with 100,000 incidents in SQLite: p50/p95 of the list and aggregate endpoints.

Fills a temporary SQLite store with synthetic incidents (the store's own bulk loader,
incidentwatch.store.bench.bulk_load: Iraq-wide points, ~30 a day over 9 years), serves
the app with uvicorn on a loopback port, and times real HTTP requests to it.

Usage: .venv/bin/python scripts/bench_api.py [--n 100000] [--repeat 30] [--db PATH] [--only NAME]
       [--no-cache]

With the response cache (the default) repeated identical requests are served from
memory until the store changes; --no-cache times the SQL + JSON work of every request.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from incidentwatch.serve.app import create_app
from incidentwatch.store import open_store
from incidentwatch.store.bench import bulk_load

CASES: list[tuple[str, str, dict[str, str]]] = [
    ("list, no filter", "/api/incidents", {}),
    ("list, page 50", "/api/incidents", {"offset": "5000"}),
    ("list, governorate+year", "/api/incidents",
     {"admin1": "Gov7", "date_from": "2015-01-01", "date_to": "2015-12-31"}),
    ("list, type+min killed", "/api/incidents", {"event_type": "Battles", "min_fatalities": "5"}),
    ("list, actor", "/api/incidents", {"actor": "Islamic State (Iraq)"}),
    ("list, text search", "/api/incidents", {"q": "Place123"}),
    ("list, sort by killed", "/api/incidents", {"sort": "-fatalities"}),
    ("list, map window", "/api/incidents", {"bbox": "43,33,45,35"}),
    ("aggregate month x type", "/api/aggregates", {"period": "month", "by": "event_type"}),
    ("aggregate week x admin1", "/api/aggregates", {"period": "week", "by": "admin1"}),
    ("aggregate day, one year", "/api/aggregates",
     {"period": "day", "date_from": "2016-01-01", "date_to": "2016-12-31"}),
    ("aggregate month x type, window", "/api/aggregates",
     {"period": "month", "by": "event_type", "bbox": "43,33,45,35"}),
    ("map points, one year", "/api/incidents/points",
     {"date_from": "2016-01-01", "date_to": "2016-12-31"}),
    ("map points, all (20k cap)", "/api/incidents/points", {}),
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--db", type=Path, default=None, help="reuse/keep this SQLite file")
    ap.add_argument("--only", default="", help="run only the cases whose name contains this")
    ap.add_argument(
        "--no-cache",
        action="store_true",
        help="time every request cold: keep nothing in the app's response cache",
    )
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="iw-bench-api-")
    path = args.db or Path(tmp.name) / "bench.db"
    fresh = not path.exists()
    store = open_store(f"sqlite:///{path}")
    if fresh:
        t0 = time.perf_counter()
        bulk_load(store, args.n)
        print(f"loaded {args.n:,} incidents in {time.perf_counter() - t0:.1f} s")
    print(f"store: {store.stats()}")

    port = _free_port()
    app = create_app(store)
    if args.no_cache:
        app.state.responses.max_entries = 0
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    print(f"\n{'endpoint':34} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for name, url, params in CASES:
            if args.only not in name:
                continue
            first = client.get(url, params=params)
            first.raise_for_status()
            body = first.json()
            rows = body.get("total", len(body.get("rows", body.get("points", []))))
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                client.get(url, params=params).raise_for_status()
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(
                f"{name:34} {rows:>7} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}"
            )
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
