"""An incident told as one of a series of suicide attacks (issue 12, RAND counting classes
right by the codebook, section 5): the series' count is not the incident's attackers.
Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article

PACK = get_pack("en")
RULE = "attacks of a series counted"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def without(extractor: Extractor) -> Extractor:
    return Extractor(extractor.nlp, disabled_rules=(RULE,))


def _tolls(ex: Extractor, text: str) -> list[tuple[int | None, int | None]]:
    art = Article(article_id="series", text=text, published_at="2005-09-14")
    return [(i.fatalities.best, i.perpetrator_fatalities.best) for i in ex.extract(art)]


def test_the_rule_alone() -> None:
    [r] = [x for x in rules_of("counting") if x.name == RULE]
    text, word = r.example
    assert r(text, text.index(word), PACK)
    # a count of the incident's own attackers
    own = "Six suicide bombers stormed the police academy in Baghdad."
    assert not r(own, own.index("Six"), PACK)


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # the incident's own bomber is one, beside the two soldiers he killed
        (
            "A suicide car bomber rammed an army checkpoint in Baghdad on Wednesday, killing "
            "two soldiers. It was one of eight suicide bomb attacks in the capital that day.",
            [(3, 1)],
        ),
        # two bombers of its own, among three bombs in the city
        (
            "Two suicide bombers drove their cars into a convoy in Sulaimaniyah on Monday, "
            "killing one guard. The two blasts were among four suicide bombs in Kurdistan "
            "that week.",
            [(3, 2)],
        ),
    ],
)
def test_a_series_count_is_not_the_incidents_attackers(
    extractor: Extractor, without: Extractor, text: str, tolls: list[tuple[int, int]]
) -> None:
    assert _tolls(extractor, text) == tolls
    assert _tolls(without, text) != tolls


def test_the_incidents_own_count_still_counts(extractor: Extractor) -> None:
    text = (
        "Three suicide bombers blew themselves up at a police station in Ramadi on "
        "Tuesday, killing five policemen."
    )
    assert _tolls(extractor, text) == [(8, 3)]
