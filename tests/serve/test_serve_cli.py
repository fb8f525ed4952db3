"""`incidentwatch demo` and `incidentwatch serve` as a user runs them."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.serve.commands import free_port

EXE = Path(sys.executable).with_name("incidentwatch")


def test_free_port_moves_off_a_busy_port() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        port = free_port("127.0.0.1", taken)
        assert port != taken and port > 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        idle = s.getsockname()[1]
    assert free_port("127.0.0.1", idle) == idle


def test_demo_ingests_the_samples_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--db", db, "--no-serve"])
    assert first.exit_code == 0, first.output
    m = re.search(r"store: (\d+) articles, (\d+) incidents", first.output)
    assert m, first.output
    assert int(m.group(1)) == 18  # the bundled VOA sample file
    again = runner.invoke(app, ["demo", "--db", db, "--no-serve"])
    assert again.exit_code == 0, again.output
    assert "0 added, 18 already stored" in again.output
    assert f"store: {m.group(1)} articles, {m.group(2)} incidents" in again.output


def test_serve_prints_its_address_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        proc = subprocess.Popen(
            [str(EXE), "serve", "--db", db, "--port", str(taken)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "INCIDENTWATCH_TOKEN": ""},
        )
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            m = re.search(r"running at (http://127\.0\.0\.1:(\d+)/)", line)
            assert m, line
            url, port = m.group(1), int(m.group(2))
            assert port != taken  # the busy port was skipped
            deadline = time.monotonic() + 20
            while True:
                try:
                    r = httpx.get(url + "api/health", timeout=2)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "server did not answer"
                    time.sleep(0.2)
            assert r.json()["status"] == "ok"
            page = httpx.get(url)
            assert page.status_code == 200 and "incidentwatch" in page.text
            # Read-only: no token was given.
            assert httpx.post(url + "api/articles", json=[{"text": "x"}]).status_code == 403
            proc.send_signal(signal.SIGINT)
            out, _ = proc.communicate(timeout=20)
            assert proc.returncode == 0, out
            assert "stopped" in out and "Traceback" not in out
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
