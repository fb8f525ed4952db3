"""Reference importers on small exports written for these tests (invented rows)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from evaluate_testdata import ACLED_CSV, GTD_CSV, RAND_CSV

from incidentwatch.evaluate.reference.csvfile import NotThisDataset
from incidentwatch.evaluate.reference.importer import import_reference


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_acled_rows_become_gold_articles(tmp_path: Path) -> None:
    src = tmp_path / "acled.csv"
    src.write_text(ACLED_CSV, encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    summary = import_reference("acled", src, out)
    rows = _read(out)
    assert [r["article_id"] for r in rows] == [
        "acled-SYR900001",
        "acled-SYR900002",
        "acled-TUR900006",
    ]
    skipped = {bad.line: bad.reason for bad in summary.skipped}
    assert set(skipped) == {4, 5, 6}
    assert "notes" in skipped[4]
    assert "date" in skipped[5]
    assert "fields" in skipped[6]

    first = rows[0]
    assert first["published_at"] is None
    assert first["text"].startswith("On 14 March 2022")
    inc = first["incidents"][0]
    assert inc["event_date"] == "2022-03-14" and inc["date_precision"] == 1
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"
    assert inc["actor1"] == {"name": "Military Forces of Syria (2000-)", "type": 1, "mention": None}
    assert inc["actor2"]["type"] == 7
    assert inc["country"] == {"code": "SY", "name": "Syria"}
    assert (inc["admin1"], inc["admin2"]) == ("Idleb", "Ariha")
    assert inc["location"]["latitude"] == pytest.approx(35.8134)
    assert inc["fatalities"] == {"best": 2, "low": None, "high": None}
    assert inc["injuries"]["best"] is None

    protest = rows[1]["incidents"][0]
    assert protest["date_precision"] == 2
    assert protest["actor2"] is None
    assert [a["name"] for a in protest["assoc_actors1"]] == ["Teachers (Syria)", "Students (Syria)"]

    # Newer exports: text labels for inter1/inter2 and a spelled-out date.
    turkey = rows[2]["incidents"][0]
    assert turkey["event_date"] == "2022-03-17"
    assert (turkey["actor1"]["type"], turkey["actor2"]["type"]) == (1, 2)
    assert turkey["country"]["code"] == "TR"


def test_published_from_event_date_and_limit(tmp_path: Path) -> None:
    src = tmp_path / "acled.csv"
    src.write_text(ACLED_CSV, encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    summary = import_reference("acled", src, out, limit=2, published_from_event_date=True)
    rows = _read(out)
    assert summary.written == 2
    assert [r["published_at"] for r in rows] == ["2022-03-14", "2022-03-15"]


def test_gtd_rows_dates_unknowns_and_counts(tmp_path: Path) -> None:
    src = tmp_path / "gtd.csv"
    # An export that went through Excel on Windows: cp1252, not UTF-8.
    src.write_bytes(GTD_CSV.replace("Marib city", "Ma’rib city").encode("cp1252"))
    out = tmp_path / "gold.jsonl"
    summary = import_reference("gtd", src, out)
    rows = _read(out)
    assert [r["article_id"] for r in rows] == ["gtd-201901010001", "gtd-201902000002"]
    assert sorted(b.line for b in summary.skipped) == [4, 5]
    assert "Ma’rib" in rows[0]["text"]
    # The GTD date prefix stays in the text: the extractor must cope with it.
    assert rows[0]["text"].startswith("01/12/2019:")

    drone = rows[0]["incidents"][0]
    assert drone["event_date"] == "2019-01-12" and drone["date_precision"] == 1
    assert drone["attack_type"] == "Bombing/Explosion"
    assert drone["target_type"] == "Military"
    assert drone["weapon_types"] == ["Explosives"]
    assert drone["actor1"]["name"] == "Houthi extremists (Ansar Allah)"
    assert drone["country"]["code"] == "YE"
    assert drone["fatalities"]["best"] == 4 and drone["injuries"]["best"] == 9

    post = rows[1]["incidents"][0]
    assert post["event_date"] == "2019-02-01" and post["date_precision"] == 3
    assert post["actor1"]["name"] == "Unidentified Armed Group (Pakistan)"
    # City "Unknown": the province is the most specific place known.
    assert post["location"]["name"] == "Khyber Pakhtunkhwa"
    assert post["geo_precision"] == 3
    assert post["weapon_types"] == ["Firearms", "Explosives"]
    assert post["fatalities"]["best"] is None and post["injuries"]["best"] == 3


def test_rand_rows_weapons_and_perpetrators(tmp_path: Path) -> None:
    src = tmp_path / "rand.csv"
    src.write_text(RAND_CSV, encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    summary = import_reference("rand", src, out)
    rows = {r["article_id"]: r["incidents"][0] for r in _read(out)}
    assert set(rows) == {"rand-7001", "rand-7002", "rand-7005"}
    reasons = sorted(b.reason for b in summary.skipped)
    assert any("date" in r for r in reasons) and any("Injuries" in r for r in reasons)

    bomb = rows["rand-7001"]
    assert bomb["weapon_types"] == ["Explosives"]
    assert bomb["actor1"]["name"] == "Unidentified Armed Group (Iraq)"
    assert bomb["location"]["name"] == "Baghdad"
    assert (bomb["fatalities"]["best"], bomb["injuries"]["best"]) == (3, 12)
    assert rows["rand-7002"]["location"] is None
    assert rows["rand-7002"]["actor1"]["name"] == "Ansar al-Sunnah"
    assert rows["rand-7005"]["actor1"] is None  # RAND "Other" names nobody
    assert rows["rand-7005"]["weapon_types"] == ["Melee"]


def test_wrong_dataset_names_missing_columns(tmp_path: Path) -> None:
    src = tmp_path / "rand.csv"
    src.write_text(RAND_CSV, encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    with pytest.raises(NotThisDataset, match="missing columns event_id_cnty, event_date"):
        import_reference("acled", src, out)
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_column_names_are_case_insensitive(tmp_path: Path) -> None:
    src = tmp_path / "rand.csv"
    header, rest = RAND_CSV.split("\n", 1)
    src.write_text(header.upper() + "\n" + rest, encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    summary = import_reference("rand", src, out)
    assert summary.written == 3
