"""`incidentwatch import-reference` and `incidentwatch evaluate` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from evaluate_testdata import ACLED_CSV, MOSUL_BOMB, TARMIYAH_ATTACK, write_jsonl

from incidentwatch.cli import app

ARTICLE_TEXT = (
    "MOSUL, Iraq (Invented Wire) - A car bomb killed seven people and wounded 15 at a market "
    "in Mosul on Wednesday, police said. On Monday, gunmen attacked a police checkpoint in "
    "Tarmiyah, north of Baghdad, killing three officers."
)


def _gold(tmp_path: Path) -> Path:
    return write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "article_id": "wire-1",
                "url": "https://example.org/wire-1",
                "outlet": "Invented Wire",
                "published_at": "2016-05-11",
                "text": ARTICLE_TEXT,
                "incidents": [MOSUL_BOMB, TARMIYAH_ATTACK],
            },
            {
                "article_id": "wire-2",
                "url": None,
                "outlet": "Invented Wire",
                "published_at": "2016-05-12",
                "text": "Officials met in Baghdad to discuss the budget.",
                "incidents": [],
            },
        ],
    )


def test_evaluate_table_json_and_errors(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    predicted = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            {
                "article_id": "wire-1",
                "incidents": [
                    {**MOSUL_BOMB, "fatalities": {"best": 6}},
                    {**TARMIYAH_ATTACK, "admin1": "BAGHDAD"},
                ],
            },
            {"article_id": "wire-2", "incidents": [{**TARMIYAH_ATTACK, "event_date": None}]},
        ],
    )
    runner = CliRunner()
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(
        app,
        ["evaluate", str(gold), str(predicted), "--errors", str(errors), "--by-field-errors", "3"],
    )
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "event_type" in result.output
    assert "fatalities.best: 1" in result.output

    mismatches = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {"article_id": "wire-1", "field": "fatalities.best", "gold": 7, "predicted": 6} in (
        mismatches
    )
    assert [m["field"] for m in mismatches if m["article_id"] == "wire-2"] == ["spurious"]

    result = runner.invoke(app, ["evaluate", str(gold), str(predicted), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["detection"]["matched"] == 2
    assert data["detection"]["precision"] == round(2 / 3, 3)
    assert data["detection"]["recall"] == 1.0
    assert data["fields"]["admin1"] == {"n": 2, "correct": 2, "accuracy": 1.0}
    assert data["counts"]["fatalities"]["exact"] == 0.5
    assert "merging" not in data


def test_gold_against_itself_scores_one(tmp_path: Path) -> None:
    src = tmp_path / "acled.csv"
    src.write_text(ACLED_CSV, encoding="utf-8")
    gold = tmp_path / "acled_gold.jsonl"
    runner = CliRunner()
    result = runner.invoke(app, ["import-reference", "acled", str(src), "-o", str(gold)])
    assert result.exit_code == 0, result.output
    assert "wrote 3 articles" in result.output
    assert "line 4: skipped" in result.output  # the row with no notes

    result = runner.invoke(app, ["evaluate", str(gold), str(gold), "--json"])
    data = json.loads(result.output)
    assert data["detection"]["f1"] == 1.0
    scored = {k: v for k, v in data["fields"].items() if v["n"]}
    assert scored and all(v["accuracy"] == 1.0 for v in scored.values())
    assert data["distance"]["within_25km"] == 1.0


def test_bad_input_gives_clear_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    not_acled = tmp_path / "other.csv"
    not_acled.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import-reference", "acled", str(not_acled), "-o", str(tmp_path / "x.jsonl")]
    )
    assert result.exit_code == 2
    assert "does not look like ACLED data: missing columns event_id_cnty" in result.output

    gold = _gold(tmp_path)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        '{"article_id": "wire-1", "incidents": [{"fatalities": "many"}]}\nnot json\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["evaluate", str(gold), str(broken)])
    assert result.exit_code == 0, result.output
    assert "2 unreadable lines or incidents skipped" in result.output

    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(empty), str(broken)])
    assert result.exit_code == 2
    assert "no readable gold article" in result.output
