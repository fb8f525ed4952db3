"""Slips of the English rules on wire stories (session 6's review), each a named rule:
"possessed site" (a city's square, street or market places the event whatever words
come before the city) and "domain of a comparison" ("unprecedented in Lebanon" is no
event place). Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _run(ex: Extractor, text: str, day: str = "2016-04-29") -> list[Incident]:
    return ex.extract(Article(article_id="wire", text=text, published_at=day))


# ---- possessed site ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        (
            "Thousands of supporters of a Shiite cleric rallied in central Baghdad's Tahrir "
            "Square on Friday, demanding an end to corruption.",
            "Baghdad",
        ),
        (
            "A bomb hidden in a cart exploded on Friday near eastern Mosul's old market, "
            "killing four people, police said.",
            "Ninewa",
        ),
    ],
)
def test_a_citys_square_or_market_places_the_event(ex: Extractor, text: str, admin1: str) -> None:
    (inc,) = _run(ex, text)
    assert inc.admin1 == admin1
    assert any(e.field == "location" for e in inc.evidence)


def test_a_citys_statement_still_places_nothing(ex: Extractor) -> None:
    text = (
        "Gunmen shot dead two guards at a checkpoint on Friday, according to central "
        "Tehran's statement."
    )
    assert all(i.admin1 is None for i in _run(ex, text))


# ---- domain of a comparison -------------------------------------------------------------

AFTERMATH = (
    "Police said on Sunday that the gunmen killed in Friday's assault, unprecedented in "
    "Lebanon for its brutality, were local men."
)


def test_the_country_a_comparison_ranges_over_is_no_event_place(ex: Extractor) -> None:
    (inc,) = _run(ex, AFTERMATH, "2016-05-15")
    assert inc.location is None
    assert inc.country is not None and inc.country.code == "LB"
    off = Extractor(nlp=ex.nlp, disabled_rules=["domain of a comparison"])
    (inc,) = _run(off, AFTERMATH, "2016-05-15")
    assert inc.location is not None and inc.location.name == "Lebanon"


def test_the_event_place_told_beside_a_comparison_is_kept(ex: Extractor) -> None:
    text = (
        "The assault, unprecedented in Lebanon for its brutality, killed 12 people in a "
        "restaurant in Beirut on Friday."
    )
    assert [i.location.name for i in _run(ex, text, "2016-05-15") if i.location] == ["Beirut"]
