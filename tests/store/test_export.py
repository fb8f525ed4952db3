"""Exports open in their target tools: ACLED/GTD CSV headers, valid GeoJSON, Parquet in pandas."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import geojson
import pandas as pd
import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.export import export
from incidentwatch.export.formats import ACLED_COLUMNS, GTD_COLUMNS
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.store import IncidentFilter, Store

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)

TEXTS = {
    "e1": "A suicide bomber killed 12 people at a market in Baqubah on Sunday, police said.",
    "e2": "Islamic State militants attacked an army post in Tuz Khurmatu on Monday, killing 2.",
    "e3": 'Protesters gathered in Tarmiyah on Friday, chanting "<script>alert(1)</script>".',
}


@pytest.fixture
def filled(store: Store, make_incident: Any, make_article: Any) -> Store:
    arts = [
        make_article(
            "e1",
            TEXTS["e1"],
            [
                make_incident(
                    "e1", TEXTS["e1"], date="2016-05-01", place="Baqubah",
                    sub_event_type="Suicide bomb", actor1=None, actor2="Civilians (Iraq)",
                    killed=12, killed_words="killed 12",
                )
            ],
            published_at="2016-05-01", outlet="Reuters", url="https://example.org/e1",
        ),
        make_article(
            "e2",
            TEXTS["e2"],
            [
                make_incident(
                    "e2", TEXTS["e2"], date="2016-05-02", place="Tuz Khurmatu",
                    event_type="Battles", sub_event_type="Armed clash",
                    actor2="Military Forces of Iraq", killed=2, killed_words="killing 2",
                    actor1_words="Islamic State",
                )
            ],
            published_at="2016-05-02", outlet="AP",
        ),
        make_article(
            "e3",
            TEXTS["e3"],
            [
                make_incident(
                    "e3", TEXTS["e3"], date="2016-06-03", place="Tarmiyah",
                    event_type="Protests", sub_event_type="Peaceful protest",
                    actor1="Protesters (Iraq)",
                )
            ],
            published_at="2016-06-04", outlet="Rudaw",
        ),
    ]  # fmt: skip
    rep = ingest_articles(store, arts, use_embedded=True)
    assert rep.added == 3
    return store


def test_acled_csv_has_acled_header(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    assert export(filled, "acled-csv", out) == 3
    raw = out.read_text(encoding="utf-8-sig")
    assert raw.splitlines()[0] == ACLED_HEADER == ",".join(ACLED_COLUMNS)
    df = pd.read_csv(out, encoding="utf-8-sig")
    row = df[df["location"] == "Baqubah"].iloc[0]
    assert row["event_date"] == "2016-05-01" and row["year"] == 2016
    assert row["iso"] == 368 and row["country"] == "Iraq" and row["region"] == "Middle East"
    assert row["disorder_type"] == "Political violence"
    assert row["fatalities"] == 12 and row["source"] == "Reuters"
    assert row["civilian_targeting"] == "Civilian targeting"
    battle = df[df["location"] == "Tuz Khurmatu"].iloc[0]
    assert battle["inter1"] == 2 and battle["inter2"] == 1 and battle["interaction"] == 12
    # The hostile text is data in a quoted CSV field, not markup.
    protest = df[df["location"] == "Tarmiyah"].iloc[0]
    assert "<script>" in protest["notes"] and protest["disorder_type"] == "Demonstrations"


def test_gtd_csv(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "gtd.csv"
    export(filled, "gtd-csv", out, IncidentFilter(event_type="Explosions/Remote violence"))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0].keys()) == GTD_COLUMNS
    core = "eventid iyear imonth iday country_txt provstate city nkill attacktype1_txt"
    assert set((core + " targtype1_txt weaptype1_txt gname summary").split()) <= set(rows[0])
    [r] = rows
    assert r["eventid"] == "201605010001"
    assert (r["iyear"], r["imonth"], r["iday"]) == ("2016", "5", "1")
    assert r["city"] == "Baqubah" and r["provstate"] == "Diyala" and r["nkill"] == "12"
    assert r["suicide"] == "1" and r["scite1"] == "https://example.org/e1"


def test_geojson_validates(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    assert export(filled, "geojson", out) == 3
    doc = json.loads(out.read_text(encoding="utf-8"))
    obj = geojson.loads(out.read_text(encoding="utf-8"))
    assert obj.is_valid, obj.errors()
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    for f in doc["features"]:
        assert geojson.Feature(**f).is_valid
        lon, lat = f["geometry"]["coordinates"]
        # RFC 7946: longitude first, WGS 84.
        assert 40 < lon < 48 and 30 < lat < 37
        assert f["properties"]["incident_id"] == f["id"]


def test_parquet_loads_in_pandas(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.parquet"
    export(filled, "parquet", out, IncidentFilter(admin1="Diyala"))
    df = pd.read_parquet(out)
    assert len(df) == 1 and df["location"].item() == "Baqubah"
    assert pd.api.types.is_datetime64_any_dtype(df["event_date"])
    assert df["fatalities"].item() == 12 and df["n_sources"].item() == 1
    assert df["sources"].item() == "https://example.org/e1"


def test_empty_export_and_bad_format(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "none.parquet"
    assert export(filled, "parquet", out, IncidentFilter(country="SY")) == 0
    assert len(pd.read_parquet(out)) == 0
    with pytest.raises(ValueError):
        export(filled, "shapefile", tmp_path / "x.shp")


def test_export_command_with_filters(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "may.csv"
    res = CliRunner().invoke(
        app,
        [
            "export", "--format", "acled-csv", "-o", str(out), "--db", filled.url,
            "--from", "2016-05-01", "--to", "2016-05-31", "--country", "IQ",
            "--actor", "Islamic State (Iraq)",
        ],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df["location"]) == ["Tuz Khurmatu"]
    bad = CliRunner().invoke(
        app, ["export", "--format", "acled-csv", "-o", str(out), "--from", "yesterday"]
    )
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
