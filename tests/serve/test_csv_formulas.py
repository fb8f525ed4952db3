"""The web CSV keeps article-derived text as text: a cell that a spreadsheet would run
as a formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Actor, Article, Count, Country, Evidence, Incident, Location
from incidentwatch.serve.app import _csv_cell, create_app
from incidentwatch.store import open_store


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x.example/","open")', '\'=HYPERLINK("http://x.example/","open")'),
        ("+964 770 000 0000", "'+964 770 000 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # plain text and numbers are written as they are
        ("Kirkuk", "Kirkuk"),
        ("a = b", "a = b"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, ""),
        (math.nan, ""),
    ],
)
def test_csv_cell(value: Any, cell: Any) -> None:
    assert _csv_cell(value) == cell


TEXT = (
    "=HYPERLINK was written on a wall in Kirkuk on Monday, where a bomb killed two "
    "people outside a bakery, police said."
)


def test_incidents_csv_neutralises_formulas_end_to_end(tmp_path: Path) -> None:
    art = Article(
        article_id="csv-1",
        url="https://news.example.org/csv-1",
        outlet="Example Wire",
        published_at="2024-03-05",
        text=TEXT,
    )

    def ev(field: str, words: str) -> Evidence:
        start = TEXT.index(words)
        return Evidence(
            field=field, article_id="csv-1", start=start, end=start + len(words), text=words
        )

    inc = Incident(
        event_date="2024-03-04",
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1=Actor(name="@Unknown bombers", type=3),
        country=Country(code="IQ", name="Iraq"),
        admin1="Kirkuk",
        location=Location(name="-Kirkuk", latitude=35.4681, longitude=44.3922),
        geo_precision=1,
        fatalities=Count(best=2),
        summary='=HYPERLINK("http://x.example/","details") A bomb killed two people in Kirkuk.',
        evidence=[
            ev("location", "Kirkuk"),
            ev("fatalities", "killed two people"),
            ev("event_date", "on Monday"),
        ],
        confidence=0.9,
    )
    store = open_store(f"sqlite:///{tmp_path / 'csv.db'}")
    try:
        report = ingest_articles(store, [art], extractor=lambda a: [inc])
        assert not report.rejected, report.rejected
        r = TestClient(create_app(store)).get("/api/incidents.csv")
    finally:
        store.close()
    assert r.status_code == 200
    [row] = list(csv.DictReader(io.StringIO(r.text)))
    assert row["summary"] == (
        '\'=HYPERLINK("http://x.example/","details") A bomb killed two people in Kirkuk.'
    )
    assert row["actor1"] == "'@Unknown bombers"
    assert row["location"] == "'-Kirkuk"
    assert row["admin1"] == "Kirkuk" and row["fatalities"] == "2"
