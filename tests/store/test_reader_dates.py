"""The publication date under the names other tools give it: relative days are counted
from it, so it must not be lost. Records written for these tests."""

from __future__ import annotations

import io
import json

import pytest

from incidentwatch.ingest.readers import read_jsonl
from incidentwatch.records import Article


def _read(record: dict[str, object]) -> Article:
    raw = io.BytesIO((json.dumps(record) + "\n").encode())
    [art] = list(read_jsonl(raw, "feed.jsonl"))
    assert isinstance(art, Article), art
    return art


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("published", "2016-05-09"),
        ("pubDate", "Mon, 09 May 2016 10:15:00 GMT"),
        ("date", "2016-05-09T10:15:00Z"),
    ],
)
def test_a_date_under_another_name_is_the_publication_date(key: str, value: str) -> None:
    art = _read(
        {"id": "w1", "text": "Gunmen shot dead a farmer near Tikrit on Sunday.", key: value}
    )
    assert art.published_at == "2016-05-09"


def test_published_at_wins_over_another_name() -> None:
    art = _read(
        {
            "id": "w2",
            "text": "A mortar shell hit a house in Samarra on Sunday.",
            "published_at": "2016-05-10",
            "date": "2016-01-01",
        }
    )
    assert art.published_at == "2016-05-10"


def test_an_unreadable_date_under_another_name_is_dropped_not_the_article() -> None:
    art = _read({"id": "w3", "text": "A bomb went off in Baiji on Sunday.", "pubDate": "soon"})
    assert art.published_at is None
