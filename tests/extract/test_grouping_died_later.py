"""Grouping rule 'the wounded who died days later': a death told a day or two after an
incident that wounded people, with no doer and no place of its own, is the wounded dying
(codebook 5), not a new incident. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor, get_extractor
from incidentwatch.records import Article, Incident

RULE = "the wounded who died days later"
PUB = "2016-05-10"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


@pytest.fixture(scope="module")
def without_rule(extractor: Extractor) -> Extractor:
    return Extractor(nlp=extractor.nlp, geocoder=extractor.geocoder, disabled_rules=[RULE])


def _incidents(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="died-later", text=text, published_at=PUB))


@pytest.mark.parametrize(
    "text, killed",
    [
        (
            "Gunmen shot and wounded a shopkeeper outside his store in Tikrit on Sunday. "
            "He died a day later.",
            1,
        ),
        (
            "A roadside bomb wounded three soldiers on a patrol near Baiji on Sunday. Two "
            "of them died the following day.",
            2,
        ),
        (
            "A sniper wounded a traffic policeman in Ramadi on Saturday. He died of his "
            "wounds the next day, his family said.",
            1,
        ),
    ],
)
def test_the_wounded_dying_later_stay_in_their_incident(
    extractor: Extractor, without_rule: Extractor, text: str, killed: int
) -> None:
    incs = _incidents(extractor, text)
    assert len(incs) == 1, [i.summary for i in incs]
    assert incs[0].fatalities.best == killed
    # Without the rule the death, dated a day later, is a second incident.
    assert len(_incidents(without_rule, text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        # A new deed with its own place: another incident.
        "Gunmen wounded two policemen near Tikrit on Sunday. Three soldiers died in a "
        "bombing in Mosul on Monday.",
        # Deaths with no link to the wounded, killed by someone: not the wounded dying.
        "Gunmen wounded two policemen near Tikrit on Sunday. On Monday, militants killed "
        "three soldiers near Tikrit.",
    ],
)
def test_other_deaths_days_later_are_their_own_incident(extractor: Extractor, text: str) -> None:
    assert len(_incidents(extractor, text)) == 2
