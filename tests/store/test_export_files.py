"""The file writers of export/writers.py on hand-built incidents: GeoJSON keeps
non-Latin names as UTF-8 and says what it leaves out; exports create their folder."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from incidentwatch.export import export
from incidentwatch.export.writers import write_geojson
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Count, Country, Incident, Location
from incidentwatch.store import Store


def incident(iid: str, name: str, lat: float | None, lon: float | None) -> Incident:
    return Incident(
        incident_id=iid,
        event_date="2024-02-11",
        date_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        country=Country(code="IQ", name="Iraq"),
        admin1="Diyala",
        location=Location(name=name, latitude=lat, longitude=lon),
        geo_precision=1,
        fatalities=Count(best=1),
    )


def test_geojson_writes_arabic_names_as_utf8(tmp_path: Path) -> None:
    out = tmp_path / "one.geojson"
    assert write_geojson([incident("g1", "بعقوبة", 33.7466, 44.6437)], out) == 1
    raw = out.read_text(encoding="utf-8")
    assert '"location": "بعقوبة"' in raw  # not \u escapes
    assert json.loads(raw)["features"][0]["properties"]["location"] == "بعقوبة"


def test_geojson_leaves_out_unlocated_incidents_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    located = incident("g1", "Khanaqin", 34.3482, 45.3916)
    nowhere = incident("g2", "Somewhere", None, None)
    with caplog.at_level(logging.WARNING, logger="incidentwatch.export.writers"):
        assert write_geojson([located, nowhere], tmp_path / "two.geojson") == 1
    assert [r.getMessage() for r in caplog.records] == ["1 incidents without coordinates left out"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="incidentwatch.export.writers"):
        assert write_geojson([located], tmp_path / "one.geojson") == 1
    assert caplog.records == []


def test_export_creates_missing_folders(
    sqlite_store: Store, make_incident: Any, make_article: Any, tmp_path: Path
) -> None:
    text = "Gunmen attacked a checkpoint in Khanaqin on Sunday, killing 2 soldiers."
    inc = make_incident(
        "x1", text, date="2024-02-11", place="Khanaqin", event_type="Battles",
        sub_event_type="Armed clash", killed=2, killed_words="killing 2",
    )  # fmt: skip
    ingest_articles(sqlite_store, [make_article("x1", text, [inc])], use_embedded=True)
    out = tmp_path / "nested" / "deeper" / "incidents.csv"
    assert export(sqlite_store, "acled-csv", out) == 1
    assert out.read_text(encoding="utf-8-sig").count("\n") == 2  # header and one row
    assert not out.with_name(out.name + ".part").exists()


def test_csv_file_exports_neutralise_formulas(
    sqlite_store: Store, make_incident: Any, make_article: Any, tmp_path: Path
) -> None:
    text = "=HYPERLINK was sprayed on a wall in Khanaqin, where gunmen killed 2 on Sunday."
    inc = make_incident(
        "f1", text, date="2024-02-11", place="Khanaqin", event_type="Battles",
        sub_event_type="Armed clash", killed=2, killed_words="killed 2",
    )  # fmt: skip
    inc.summary = '=HYPERLINK("http://x.example/","open") Gunmen killed 2 in Khanaqin.'
    ingest_articles(sqlite_store, [make_article("f1", text, [inc])], use_embedded=True)
    for fmt, column in (("acled-csv", "notes"), ("gtd-csv", "summary")):
        out = tmp_path / f"{fmt}.csv"
        export(sqlite_store, fmt, out)
        with out.open(encoding="utf-8-sig", newline="") as fh:
            [row] = list(csv.DictReader(fh))
        assert row[column].startswith("'="), (fmt, row[column])
