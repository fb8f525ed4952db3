"""Peak memory of `incidentwatch serve` when a ~30 MB POST /api/articles arrives.

    python scripts/post_memory.py [SRC_DIR]

Starts the server (loopback, a scratch SQLite file) with a token, sends the body
without a token, with a wrong one, and with the right one (over the body cap),
and prints each status with the server's peak RSS (VmHWM). SRC_DIR (default: this
checkout's src/) lets the same probe run against an older checkout for comparison.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

TOKEN = "probe-token-0123456789"


def main() -> None:
    src = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1] / "src")
    db = Path(tempfile.mkdtemp()) / "probe.db"
    env = {**os.environ, "PYTHONPATH": src, "INCIDENTWATCH_TOKEN": TOKEN}
    cmd = [sys.executable, "-m", "incidentwatch", "serve", "--db", f"sqlite:///{db}", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        m = re.search(r"(http://\S+:\d+)/", proc.stdout.readline())
        assert m, "the server did not start"
        url = m.group(1)
        for _ in range(100):
            try:
                httpx.get(url + "/api/health")
                break
            except httpx.TransportError:
                time.sleep(0.2)

        def peak_mb() -> float:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            m = re.search(r"VmHWM:\s+(\d+)", status)
            return int(m.group(1)) / 1024 if m else float("nan")

        text = "Gunmen attacked a checkpoint near Tikrit on Monday, police said. " * 2
        body = json.dumps([{"article_id": f"p-{i}", "text": text} for i in range(200_000)])
        raw = body.encode()
        start = peak_mb()
        cases = [
            ("no token", {}),
            ("wrong token", {"Authorization": "Bearer wrong-token-000000"}),
            ("right token", {"Authorization": f"Bearer {TOKEN}"}),
        ]
        for label, headers in cases:
            t0 = time.perf_counter()
            r = httpx.post(
                url + "/api/articles",
                content=raw,
                headers={**headers, "Content-Type": "application/json"},
                timeout=600,
            )
            took = time.perf_counter() - t0
            print(
                f"{label:12s} {len(raw) / 1e6:.1f} MB -> {r.status_code} in {took:.2f} s; "
                f"peak RSS {start:.0f} -> {peak_mb():.0f} MB"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
