"""Extraction errors that keep two outlets' reports of one event apart (issue 12, merging):
each test is on text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PUB = "2016-05-30"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="blockers", text=text, published_at=PUB))
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def test_an_advance_heard_as_explosions_and_gunfire_is_no_ied(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Government troops stormed the eastern edge of Hit on Monday, and reporters a mile "
        "away said explosions and gunfire were tearing through the district.",
    )
    assert inc.event_type != "Explosions/Remote violence"


def test_gunfire_first_then_blasts_is_the_same_noise(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Soldiers attacked militant positions in Baiji on Monday; residents heard gunfire and "
        "blasts through the night.",
    )
    assert inc.sub_event_type != "Remote explosive/landmine/IED"


def test_a_blast_with_no_fighting_is_still_a_bomb(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "An explosion tore through a vegetable market in Hilla on Monday, and witnesses "
        "heard gunfire afterwards. Four shoppers were killed.",
    )
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_a_car_bomb_beside_the_gunfire_still_types_the_attack(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A car bomb exploded at a checkpoint in Samarra on Monday and gunmen then opened "
        "fire on the soldiers, killing three.",
    )
    assert inc.event_type == "Explosions/Remote violence"
