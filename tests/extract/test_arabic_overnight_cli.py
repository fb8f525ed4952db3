"""The publication time reaches the Arabic pack through the file readers (issue 16):
an AFP copy filed before dawn counts "اليوم" from the evening before, through the real
CLI (`extract` and `ingest` into a real SQLite store). The stories are written here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.ingest.readers import BadInput, normalise_date

# Written on Thursday evening 2024-07-18 by AFP, put online at 04:10 on Friday.
OVERNIGHT = (
    "الحلة (العراق) (ا ف ب) - قتل خمسة أشخاص وأصيب تسعة آخرون بانفجار عبوة ناسفة "
    "قرب سوق شعبي في مدينة الحلة اليوم، بحسب ما أفاد مصدر في الشرطة."
)


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("2024-07-19", "2024-07-19"),
        ("2024-07-19T04:10:00", "2024-07-19T04:10:00"),
        ("2024-07-19T04:10:00Z", "2024-07-19T04:10:00+00:00"),
        ("2024-07-19 04:10", "2024-07-19T04:10:00"),
        ("Fri, 19 Jul 2024 04:10:00 +0300", "2024-07-19T04:10:00+03:00"),
        # No clock in the string: no time made up (dateparser would say midnight).
        ("19 July 2024", "2024-07-19"),
    ],
)
def test_the_reader_keeps_the_time_it_is_given(given: str, read: str) -> None:
    assert normalise_date(given) == read


def test_the_reader_still_refuses_a_number_for_a_date() -> None:
    with pytest.raises(BadInput):
        normalise_date(1721361000)


def _article_file(tmp_path: Path, published: str) -> Path:
    f = tmp_path / f"in-{published[:13]}.jsonl"
    rec = {"article_id": "afp1", "published_at": published, "text": OVERNIGHT}
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", "utf-8")
    return f


def _extracted_dates(tmp_path: Path, published: str) -> list[str]:
    out = tmp_path / f"out-{published[:13]}.jsonl"
    res = CliRunner().invoke(
        app, ["extract", str(_article_file(tmp_path, published)), "-o", str(out), "--no-progress"]
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]
    return [inc["event_date"] for row in rows for inc in row["incidents"]]


def test_extract_cli_dates_an_overnight_wire_copy_the_evening_before(tmp_path: Path) -> None:
    assert _extracted_dates(tmp_path, "2024-07-19T04:10:00") == ["2024-07-18"]
    # The same copy at 11:00, or with no time at all, tells Friday's news.
    assert _extracted_dates(tmp_path, "2024-07-19T11:00:00") == ["2024-07-19"]
    assert _extracted_dates(tmp_path, "2024-07-19") == ["2024-07-19"]


def test_ingest_keeps_the_time_and_dates_the_event_the_evening_before(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'iw.db'}"
    src = _article_file(tmp_path, "2024-07-19T04:10:00")
    res = CliRunner().invoke(app, ["ingest", "--db", db, str(src)])
    assert res.exit_code == 0, res.output
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(app, ["export", "--db", db, "--format", "acled-csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["event_date"] for r in rows] == ["2024-07-18"]
