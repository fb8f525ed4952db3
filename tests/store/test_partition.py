"""Archive partitions for the Dask backfill: read one by one, they give exactly what a
serial read of the same sources gives (articles, fallback ids, file:line of bad records)."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from incidentwatch.ingest.partition import jsonl_ranges, plan, read_partition
from incidentwatch.ingest.readers import Rejected
from incidentwatch.ingest.sources import read_any
from incidentwatch.store.bench_backfill import backfill_records


def _dump(items: list[object]) -> list[object]:
    return [
        ("rejected", i.where, i.reason) if isinstance(i, Rejected) else i.model_dump()  # type: ignore[attr-defined]
        for i in items
    ]


def write_jsonl_with_bad_lines(path: Path, n: int) -> None:
    lines = [json.dumps(r) for r in backfill_records(n, seed=3)]
    # An article without an id: its fallback id carries its line number.
    no_id = dict(json.loads(lines[5]))
    del no_id["article_id"]
    lines[5] = json.dumps(no_id)
    lines.insert(3, '{"article_id": "broken", "text": "A bomb went off in')  # cut-off JSON
    lines.insert(9, json.dumps({"article_id": "blank", "text": "   "}))
    lines.insert(10, "")  # blank lines are not records
    lines.insert(14, json.dumps({"article_id": "nul", "text": "\u0000\u0001" * 50}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ranges_start_at_line_starts_and_cover_the_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    write_jsonl_with_bad_lines(path, 30)
    data = path.read_bytes()
    ranges = list(jsonl_ranges(path, 2000))
    assert len(ranges) > 4
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    for (_, end, _, _), (start, _, _, _) in itertools.pairwise(ranges):
        assert end == start and data[start - 1 : start] == b"\n"
    for start, _, first_line, _ in ranges:
        assert data[:start].count(b"\n") + 1 == first_line
    assert sum(r[3] for r in ranges) == sum(1 for ln in data.splitlines() if ln.strip())


def test_partitions_read_as_the_serial_ingest_reads(tmp_path: Path) -> None:
    arch = tmp_path / "archive"
    (arch / "b" / "deeper").mkdir(parents=True)
    write_jsonl_with_bad_lines(arch / "wire.jsonl", 30)
    texts = [r["text"] for r in backfill_records(8, seed=4)]
    for i, text in enumerate(texts[:5]):
        (arch / "b" / f"report-{i}.txt").write_text(text, encoding="utf-8")
    (arch / "b" / "deeper" / "report-0.txt").write_text(texts[5], encoding="utf-8")
    (arch / "b" / "empty.txt").write_text("  \n", encoding="utf-8")
    (arch / "small.jsonl").write_text(json.dumps({"id": "s1", "text": texts[6]}) + "\n")
    sources = [str(arch), str(tmp_path / "missing.jsonl")]

    serial = _dump(list(item for src in sources for item in read_any(src)))
    parts = list(plan(sources, target_bytes=1500, max_files=3))
    assert [p.index for p in parts] == list(range(len(parts)))
    assert sum(1 for p in parts if p.path is not None) > 4  # the big file was split
    assert any(len(p.files) > 1 for p in parts)  # small files were grouped
    distributed = _dump([item for p in parts for item in read_partition(p)])
    assert distributed == serial
    wheres = [d[1] for d in serial if isinstance(d, tuple)]
    assert f"{arch / 'wire.jsonl'}:4" in wheres and f"{arch / 'wire.jsonl'}:15" in wheres
    assert any(isinstance(d, dict) and d["article_id"] == "wire-7" for d in serial)


def test_keys_are_stable_and_follow_the_files(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    write_jsonl_with_bad_lines(path, 20)
    first = [p.key for p in plan([str(path)], target_bytes=2000)]
    assert first == [p.key for p in plan([str(path)], target_bytes=2000)]
    assert len(set(first)) == len(first)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert not set(first) & {p.key for p in plan([str(path)], target_bytes=2000)}
