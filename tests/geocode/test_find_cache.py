"""The geocoder finds the names of a text once for its analyses with different country
hints (`Geocoder._found_in`, issue 15): the same mentions as `_find`, a copy of its own
for each analysis, and the same debug lines each time. Text written for these tests."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from incidentwatch.geocode import Geocoder

TEXT = (
    "Gunmen shot dead a shopkeeper in the Karrada district of Baghdad on Jan 25, and a "
    "roadside bomb wounded two soldiers near Tuz Khurmatu, police in Kirkuk said."
)


def fields(ms: list) -> list[dict]:
    return [dataclasses.asdict(m) for m in ms]


def test_the_same_mentions_as_finding_them_again(geo: Geocoder) -> None:
    found = geo._find(TEXT)
    assert {m.text for m in found} >= {"Baghdad", "Kirkuk"}
    assert fields(geo._found_in(TEXT)) == fields(found)
    assert fields(geo._found_in(TEXT)) == fields(found)  # from the cache


def test_each_analysis_gets_its_own_copy(geo: Geocoder) -> None:
    text = TEXT.replace("Kirkuk", "Samarra")
    first = geo._found_in(text)
    want = fields(geo._find(text))
    # What an analysis writes into its mentions stays in that analysis.
    for m in first:
        m.cands.append(-1)
        m.support[-1] = 9.0
        m.relation.kind = "offset"
        m.chosen = -1
    second = geo._found_in(text)
    assert all(a is not b for a, b in zip(first, second, strict=True))
    assert fields(second) == want


def test_what_find_logs_is_logged_by_each_analysis(
    geo: Geocoder, caplog: pytest.LogCaptureFixture
) -> None:
    text = TEXT.replace("Baghdad", "Mosul")
    caplog.set_level(logging.DEBUG, logger="incidentwatch.geocode.resolver")
    geo._find(text)
    once = [r.getMessage() for r in caplog.records if "is not a place" in r.getMessage()]
    assert any("'Jan'" in line for line in once), once
    caplog.clear()
    geo.mentions(text)
    geo.locate(text, 0, 40, country_hint="IQ")  # a second analysis: another hint
    twice = [r.getMessage() for r in caplog.records if "is not a place" in r.getMessage()]
    assert twice == once + once
