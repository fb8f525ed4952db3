"""One hostile record never aborts a batch (issue 14, item 1).

Each hostile record sits between good ones; `extract` and `ingest` must name its
line and the reason, skip it, process the rest and exit 0 (the convention for
a batch with skipped records).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.store import open_store

GOOD = [
    "A roadside bomb killed three soldiers near Tikrit on Monday, a police officer said.",
    "Gunmen shot dead two shop owners in the Sadr City district of Baghdad on Tuesday.",
]

# Each case: the hostile JSONL line (as text) and a piece of the reason shown.
HOSTILE_JSONL = {
    "deep nesting": ("[" * 100_000, "nested too deeply"),
    "huge number": (
        '{"article_id": "n1", "text": "Clashes in Fallujah.", "n": ' + "7" * 5000 + "}",
        "4300 digits",
    ),
    "lone surrogate": (
        '{"article_id": "s1", "text": "A car bomb exploded in Karbala \\ud800 on Friday."}',
        "lone surrogate",
    ),
}


def _jsonl(path: Path, hostile_line: str) -> None:
    lines = [
        json.dumps({"article_id": "good-1", "text": GOOD[0]}),
        hostile_line,
        json.dumps({"article_id": "good-2", "text": GOOD[1]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("case", sorted(HOSTILE_JSONL))
def test_extract_skips_a_hostile_jsonl_line_and_goes_on(tmp_path: Path, case: str) -> None:
    line, reason = HOSTILE_JSONL[case]
    src = tmp_path / "batch.jsonl"
    _jsonl(src, line)
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["extract", str(src), "--no-geocode", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert f"skipped {src}:2:" in res.output and reason in res.output, res.output
    done = [json.loads(x)["article_id"] for x in out.read_text().splitlines()]
    assert done == ["good-1", "good-2"]
    assert "2 articles" in res.output and "1 skipped" in res.output


@pytest.mark.parametrize("case", sorted(HOSTILE_JSONL))
def test_ingest_skips_a_hostile_jsonl_line_and_goes_on(tmp_path: Path, case: str) -> None:
    line, reason = HOSTILE_JSONL[case]
    src = tmp_path / "batch.jsonl"
    _jsonl(src, line)
    db = f"sqlite:///{tmp_path / 'b.db'}"
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", db])
    assert res.exit_code == 0, res.output
    assert f"skipped {src}:2:" in res.output and reason in res.output, res.output
    assert "1 unreadable" in res.output
    with open_store(db) as st:
        assert st.get_article("good-1") is not None and st.get_article("good-2") is not None


def test_ingest_skips_a_csv_field_over_the_size_limit(tmp_path: Path) -> None:
    src = tmp_path / "batch.csv"
    huge = "The minister spoke for a long time. " * 60_000  # ~2.2 MB in one cell
    src.write_text(
        f'id,text\nc1,"{GOOD[0]}"\nc2,"{huge}"\nc3,"{GOOD[1]}"\n',
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'c.db'}"
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", db])
    assert res.exit_code == 0, res.output
    assert f"skipped {src}:3: bad CSV row: field larger than field limit" in res.output
    with open_store(db) as st:
        assert st.get_article("c1") is not None and st.get_article("c3") is not None
        assert st.get_article("c2") is None
