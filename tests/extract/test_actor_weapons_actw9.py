"""Actor data added for issue 12 (actw9): a state's, its government's or a side's adjective
on an aircraft or weapon noun names who used it ("Syrian government warplanes", "rebel
rocket fire"). Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PUB = "2017-03-06"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _incidents(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="actw9", text=text, published_at=PUB))


def _actor1(inc: Incident) -> str | None:
    return inc.actor1.name if inc.actor1 else None


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Syrian government jets bombed a bakery in the town of Saraqeb in Idlib province"
            " on Sunday, killing nine people, rescuers said.",
            "Military Forces of Syria",
        ),
        (
            "Regime helicopters dropped barrel bombs on a village near Hama on Saturday,"
            " killing four civilians, a monitor said.",
            "Military Forces of Syria",
        ),
        (
            "Rebel rocket fire hit a school in the government-held city of Hama on Tuesday,"
            " killing two children, state media said.",
            "Opposition Rebels (Syria)",
        ),
    ],
)
def test_a_sides_weapon_names_its_doer(extractor: Extractor, text: str, doer: str) -> None:
    incs = _incidents(extractor, text)
    assert incs, "no incident"
    assert _actor1(incs[0]) == doer
    # The doer carries its evidence: the words that named it.
    mention = incs[0].actor1.mention if incs[0].actor1 else ""
    assert mention and mention.lower() in text.lower()


def test_government_aircraft_of_another_state_are_that_states(extractor: Extractor) -> None:
    text = (
        "Iraqi government warplanes struck an Islamic State convoy near Qaim in Anbar"
        " province on Monday, killing 12 militants, the military said."
    )
    incs = _incidents(extractor, text)
    assert incs and _actor1(incs[0]) == "Military Forces of Iraq"
