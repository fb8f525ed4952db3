"""Three slips of the English rules on wire stories (session 6's review), each a named
rule: "possessed site" (a city's square, street or market places the event whatever
words come before the city), "domain of a comparison" ("unprecedented in Lebanon" is no
event place) and "demonyms sharing a noun" ("Russian and Syrian warplanes": the first is
actor1, the second its associated actor). Texts written for these tests."""

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


# ---- demonyms sharing a noun ------------------------------------------------------------


def test_two_air_forces_over_one_noun_give_actor1_and_its_associate(ex: Extractor) -> None:
    text = (
        "Russian and Syrian warplanes bombed a market in the town of Saraqeb in Idlib "
        "province on Monday, killing 15 civilians, a monitoring group said."
    )
    (inc,) = _run(ex, text, "2016-05-30")
    assert inc.actor1 is not None and inc.actor1.name == "Military Forces of Russia"
    assert [a.name for a in inc.assoc_actors1] == ["Military Forces of Syria"]
    ev = [e.text for e in inc.evidence if e.field == "assoc_actors1"]
    assert ev == ["Syrian warplanes"]
    assert inc.actor2 is not None and inc.actor2.name.startswith("Civilians")


def test_a_list_of_three_forces(ex: Extractor) -> None:
    text = (
        "Turkish, Russian and Syrian jets struck villages near Al-Bab on Sunday, killing "
        "nine militants, a monitor said."
    )
    (inc,) = _run(ex, text, "2016-12-11")
    assert inc.actor1 is not None and inc.actor1.name == "Military Forces of Turkey"
    assert {a.name for a in inc.assoc_actors1} == {
        "Military Forces of Russia",
        "Military Forces of Syria",
    }


def test_one_force_alone_has_no_associate(ex: Extractor) -> None:
    text = "Syrian warplanes bombed a market in Saraqeb on Monday, killing 15 civilians."
    (inc,) = _run(ex, text, "2016-05-30")
    assert inc.assoc_actors1 == []
