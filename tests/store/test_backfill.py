"""`incidentwatch ingest --dask`: on a real LocalCluster (2 worker processes, 1 thread each)
the store ends up exactly as a serial ingest of the same archive leaves it, also when a
worker is killed mid-run and when the whole run is killed and started again."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.ingest.distributed import Cluster, backfill
from incidentwatch.ingest.partition import Partition
from incidentwatch.store import open_store
from incidentwatch.store.bench_backfill import backfill_records
from incidentwatch.store.bench_ingest import _children

PART = 1200  # bytes: 1-3 articles a partition, so a 30-article archive has many

# Hand-written reports for the small-files part of the archive. Two outlets tell the
# Tuz Khurmatu mortar attack; the two "statement.txt" files share an id but not a text.
REPORTS = {
    "tuz-wire.txt": (
        "TUZ KHURMATU, Iraq (Northern Dispatch) - Mortar rounds fired from the hills hit a "
        "residential street in Tuz Khurmatu in Salah Al-Din province on Tuesday, killing "
        "four civilians and wounding nine, the town's mayor said.\n\nResidents blamed "
        "Islamic State remnants hiding in the Hamrin mountains."
    ),
    "tuz-daily.txt": (
        "Four people were killed and nine injured when mortar shells landed on homes in Tuz "
        "Khurmatu on Tuesday, local officials said. No group claimed the shelling."
    ),
    "najaf.txt": (
        "NAJAF (Euphrates Daily) - Hundreds of graduates protested outside the governor's "
        "office in Najaf on Wednesday, demanding public sector jobs. The protest was peaceful."
    ),
    "statement.txt": (
        "KIRKUK (Baghdad Ledger) - Gunmen killed two police officers at a checkpoint west "
        "of Kirkuk on Thursday night, a police source said."
    ),
}
OTHER_STATEMENT = (
    "A roadside bomb wounded three soldiers on a road near Baiji on Friday, the army said "
    "in a statement. Two of them were taken to hospital in Tikrit."
)
HTML = (
    "<html><head><title>Blast in Amarah</title><meta property='og:site_name' "
    "content='Gulf Monitor'></head><body><article><h1>Blast in Amarah</h1><p>A bomb hidden "
    "in a parked motorcycle exploded near a bus station in Amarah on Saturday, killing "
    "three people and wounding eleven, police said.</p><p>The blast damaged several "
    "shops.</p></article></body></html>"
)


def write_archive(root: Path) -> Path:
    """About 40 records: small .txt and .html files in folders, and a .jsonl of 26 lines
    (split into many partitions) with a syndicated copy and three bad records."""
    arch = root / "archive"
    (arch / "desk" / "late").mkdir(parents=True)
    for name, text in REPORTS.items():
        (arch / "desk" / name).write_text(text, encoding="utf-8")
    (arch / "desk" / "late" / "statement.txt").write_text(OTHER_STATEMENT, encoding="utf-8")
    (arch / "desk" / "amarah.html").write_text(HTML, encoding="utf-8")
    recs = [json.dumps(r) for r in backfill_records(22, seed=21)]
    copy = json.loads(recs[2])
    copy.update(article_id="copy-of-3", url="https://mirror.example/3")
    recs.insert(6, json.dumps(copy))
    recs.insert(4, '{"article_id": "cut", "text": "Gunmen opened fire on')
    recs.insert(11, json.dumps({"article_id": "blank", "text": " \n "}))
    recs.insert(17, json.dumps({"article_id": "bin", "text": "\u0001\u0002\u0003" * 40}))
    (arch / "wire.jsonl").write_text("\n".join(recs) + "\n", encoding="utf-8")
    return arch


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with Cluster("local", workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The archive, and what a serial `incidentwatch ingest` makes of it."""
    root = tmp_path_factory.mktemp("serial")
    arch = write_archive(root)
    db = root / "serial.db"
    res = CliRunner().invoke(app, ["ingest", str(arch), "--db", str(db), "--no-progress"])
    assert res.exit_code == 0, res.output
    return {"archive": arch, "db": db, "snapshot": snapshot(db), "skipped": skipped(res.stderr)}


def snapshot(db: Path | str) -> dict[str, Any]:
    """Every incident with its sources and evidence, the GeoJSON export, and the counts."""
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    out = Path(tempfile.mkdtemp()) / "export.geojson"
    res = CliRunner().invoke(app, ["export", "--format", "geojson", "-o", str(out), "--db", url])
    assert res.exit_code == 0, res.output
    with open_store(url) as st:
        incidents = [i.model_dump(mode="json") for i in st.iter_incidents(include_evidence=True)]
        stats = st.stats()
    return {"incidents": incidents, "geojson": out.read_text(encoding="utf-8"), "stats": stats}


def skipped(stderr: str) -> list[str]:
    return sorted(ln for ln in stderr.splitlines() if ln.startswith(("skipped ", "rejected ")))


def test_archive_exercises_merging_duplicates_and_bad_records(serial: dict[str, Any]) -> None:
    snap = serial["snapshot"]
    assert snap["stats"]["articles"] >= 25
    assert any(len(i["sources"]) > 1 for i in snap["incidents"])  # reports were merged
    wire = serial["archive"] / "wire.jsonl"
    assert f"skipped {wire}:5: invalid JSON" in "\n".join(serial["skipped"])
    assert len(serial["skipped"]) == 3
    with sqlite3.connect(serial["db"]) as conn:
        ids = {r[0] for r in conn.execute("SELECT article_id FROM articles")}
    # The second "statement.txt" is stored under its id and a hash of its text.
    assert "statement" in ids and any(a.startswith("statement-") for a in ids)
    assert "copy-of-3" not in ids  # a syndicated copy is stored once


def test_dask_ingest_equals_serial(
    cluster: Cluster, serial: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "dask.db"
    res = CliRunner().invoke(
        app,
        ["ingest", str(serial["archive"]), "--db", str(db), "--no-progress",
         "--dask", cluster.client.scheduler.address, "--partition-size", str(PART)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "on 2 workers" in res.stdout and "(0 done before)" in res.stdout
    assert skipped(res.stderr) == serial["skipped"]
    assert snapshot(db) == serial["snapshot"]
    with sqlite3.connect(db) as conn:
        (n_parts,) = conn.execute("SELECT count(*) FROM ingest_partitions").fetchone()
    assert n_parts > 8


# A writer process: a Dask ingest whose last line says whether the extractor was loaded.
WRITER = """
import sys
from click.testing import CliRunner
from incidentwatch.cli import app
arch, db, address, part = sys.argv[1:]
res = CliRunner().invoke(app, ["ingest", arch, "--db", db, "--no-progress", "--dask", address,
                               "--partition-size", part])
print(res.output)
print(res.exit_code, "incidentwatch.extract.pipeline" in sys.modules)
"""


def test_the_writer_rekeys_a_renamed_article_without_the_extractor(
    cluster: Cluster, serial: dict[str, Any], tmp_path: Path
) -> None:
    """The second "statement.txt" reaches the writer under the id the first one holds: the
    store renames it. The worker's records of it are re-keyed to the new id, so the writer
    process never loads the extractor, and the store is what a serial ingest leaves."""
    db = tmp_path / "writer.db"
    args = [str(serial["archive"]), str(db), cluster.client.scheduler.address, str(PART)]
    res = subprocess.run(
        [sys.executable, "-c", WRITER, *args], capture_output=True, text=True, timeout=600
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.split()[-2:] == ["0", "False"], res.stdout
    with sqlite3.connect(db) as conn:
        ids = {r[0] for r in conn.execute("SELECT article_id FROM articles")}
    assert "statement" in ids and any(a.startswith("statement-") for a in ids)  # renamed
    assert snapshot(db) == serial["snapshot"]


def test_a_killed_worker_loses_nothing(
    cluster: Cluster, serial: dict[str, Any], tmp_path: Path
) -> None:
    client = cluster.client
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[tuple[str, list[str]]] = []
    in_flight: list[int] = []
    written: set[int] = set()

    def kill_a_busy_worker(part: Partition) -> None:
        # Bounded memory: never more than `window` partitions handed to the cluster and not
        # yet written. A partition already written is left out: after a worker dies, the
        # client's rescheduled gather can hold its released key a moment longer, which is
        # distributed's bookkeeping, not a partition in flight.
        written.add(part.index)
        in_flight.append(
            sum(
                1
                for k in client.futures
                if str(k).startswith("iw-prepare-") and int(str(k).rsplit("-", 1)[1]) not in written
            )
        )
        if killed:
            return
        for addr, keys in client.processing().items():
            if keys and addr in pids:
                os.kill(pids[addr], signal.SIGKILL)
                killed.append((addr, list(keys)))
                return

    with open_store(f"sqlite:///{tmp_path / 'killed.db'}") as st:
        rep = backfill(
            st,
            [str(serial["archive"])],
            client,
            target_bytes=PART,
            window=3,
            on_partition=kill_a_busy_worker,
        )
    assert killed and killed[0][1], "no worker was busy when one was to be killed"
    assert len(in_flight) == rep.partitions and 2 <= max(in_flight) <= 3
    assert not rep.failed_partitions
    assert snapshot(tmp_path / "killed.db") == serial["snapshot"]
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it


def test_killed_run_resumes_without_duplicates(
    cluster: Cluster, serial: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "resumed.db"
    cmd = [
        sys.executable, "-c", "from incidentwatch.cli import main; main()",
        "ingest", str(serial["archive"]), "--db", str(db), "--no-progress",
        "--dask", cluster.client.scheduler.address, "--partition-size", str(PART),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    # Storing the first 8 articles takes ~17 s of CPU (the two fresh workers load the
    # model; the writer loads it too, to extract the renamed "statement.txt" again).
    # At load 15-19 on 2 cores that was over 100 s of wall time, past the fixed 90 s
    # this test allowed. So the limit is on what the run does, not on the clock: at
    # most CPU_BUDGET of CPU in this test's processes, and never STALL_S without any.
    spent = _Progress()
    try:
        while proc.poll() is None:
            stored = _count(db, "articles")
            if stored >= 8:
                break
            spent.check()
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    total = serial["snapshot"]["stats"]["articles"]
    assert 8 <= stored < total, f"not interrupted mid-run ({stored} of {total} stored)"
    done_before = _count(db, "ingest_partitions")
    assert done_before >= 1

    res = CliRunner().invoke(
        app,
        ["ingest", str(serial["archive"]), "--db", str(db), "--progress",
         "--dask", cluster.client.scheduler.address, "--partition-size", str(PART)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert f"({done_before} done before)" in res.stdout
    # The bar counts the records of the partitions left, with a rate and an ETA.
    assert re.search(r"backfill: 100%\|.*\| (\d+)/\1 \[[\d:]+<[\d:]+, +[\d.]+article/s\]",
                     res.stderr), res.stderr  # fmt: skip
    assert snapshot(db) == serial["snapshot"]


@pytest.mark.postgres
def test_dask_ingest_into_postgresql_equals_serial(
    cluster: Cluster, serial: dict[str, Any], new_pg_url: Callable[[], str]
) -> None:
    urls = {mode: new_pg_url() for mode in ("serial", "dask")}
    dask_args = ["--dask", cluster.client.scheduler.address, "--partition-size", str(PART)]
    for mode, extra in (("serial", []), ("dask", dask_args)):
        args = ["ingest", str(serial["archive"]), "--db", urls[mode], "--no-progress", *extra]
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
    on_pg = snapshot(urls["dask"])
    assert on_pg == snapshot(urls["serial"])
    assert on_pg["incidents"] == serial["snapshot"]["incidents"]  # and as on SQLite


CPU_BUDGET = 120.0  # CPU seconds: 7x what storing 8 articles takes
STALL_S = 60.0  # wall seconds in which the processes of the run use no CPU at all


class _Progress:
    """The CPU time this test's process tree (the ingest and the cluster) has used
    since it was made, and when it last grew: a run too slow for the work it does
    fails, and so does one that waits on itself, however loaded the machine."""

    def __init__(self) -> None:
        self.last = _tree_cpu()
        self.used = 0.0
        self.moved = time.monotonic()

    def check(self) -> None:
        now = _tree_cpu()
        # A process that ends takes its CPU time out of the sum: count only growth.
        if now > self.last:
            self.used += now - self.last
            self.moved = time.monotonic()
        self.last = now
        assert self.used < CPU_BUDGET, f"{self.used:.0f} s of CPU spent"
        stalled = time.monotonic() - self.moved
        assert stalled < STALL_S, f"stalled: no CPU used for {stalled:.0f} s"


def _tree_cpu() -> float:
    """User and system CPU seconds of this process's descendants (now alive)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    todo = _children(os.getpid())
    while todo:
        pid = todo.pop()
        todo.extend(_children(pid))
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def test_without_dask_installed_the_message_says_how(tmp_path: Path) -> None:
    # Python treats a None entry in sys.modules as a module that cannot be imported.
    code = (
        "import sys; sys.modules['distributed'] = None; from incidentwatch.cli import main; main()"
    )
    (tmp_path / "a.txt").write_text(REPORTS["najaf.txt"], encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-c", code, "ingest", str(tmp_path / "a.txt"),
         "--db", str(tmp_path / "x.db"), "--dask", "local"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 1
    assert "pip install 'incidentwatch[dask]'" in res.stderr
    assert "Traceback" not in res.stderr


def test_dask_reads_files_only(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        app, ["ingest", "https://news.example/feed.xml", "--db", str(tmp_path / "x.db"),
              "--dask", "local"],
    )  # fmt: skip
    assert res.exit_code == 2
    assert "--dask reads files and folders" in res.output


def test_bench_backfill_smoke() -> None:
    res = CliRunner().invoke(
        app, ["bench", "backfill", "--n", "30", "--workers", "2", "--merge-n", "1000",
              "--probe", "10"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "archive: 30 articles" in out
    # "serial ingest   9.5   3.2" / "dask local, 2 workers   7.8   3.9 (+0.8 s ...)"
    rates = {
        ln.split()[0]: float(re.findall(r"\d+\.\d+", ln)[0])
        for ln in out.splitlines()
        if ln.startswith(("serial ingest", "dask local"))
    }
    assert set(rates) == {"serial", "dask"} and all(r > 0 for r in rates.values())
    assert "ratio dask/serial:" in out and "same incidents and evidence: True" in out
    merge_rows = [ln.split() for ln in out.splitlines() if ln.strip().startswith("1000 ")]
    assert merge_rows and float(merge_rows[0][1]) > 0
    assert re.search(r"worker .* ms/article", out) and re.search(r"writer .* ms/article", out)
