""" "Strike" names a labour protest only as a noun in a strike phrase; the verb ("the
deal they struck", "struck fear") is no protest. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _types(ex: Extractor, text: str) -> list[str | None]:
    art = Article(article_id="strike", text=text, published_at="2016-11-09")
    return [i.sub_event_type for i in ex.extract(art)]


@pytest.mark.parametrize(
    "text",
    [
        "The senator attacked the trade pact the government struck with Ankara last year.",
        "Officials in Basra said the agreement struck with the oil companies was unfair.",
    ],
)
def test_struck_a_deal_is_not_a_protest(extractor: Extractor, text: str) -> None:
    assert "Peaceful protest" not in _types(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of teachers in Sulaimaniya went on strike on Monday over unpaid salaries.",
        "Shops in Nasiriyah stayed shut on Tuesday as a general strike called by the "
        "unions over power cuts entered its second day.",
    ],
)
def test_a_labour_strike_is_a_protest(extractor: Extractor, text: str) -> None:
    assert _types(extractor, text) == ["Peaceful protest"]


def test_a_raid_on_a_bomb_factory_is_no_bombing(extractor: Extractor) -> None:
    text = "Troops raided a bomb factory in Mosul on Monday and killed three militants."
    off = Extractor(nlp=extractor.nlp, disabled_rules=["a weapon made or stored"])
    assert "Remote explosive/landmine/IED" not in _types(extractor, text)
    assert _types(off, text) == ["Remote explosive/landmine/IED"]


def test_cruise_missiles_fired_at_a_base_are_a_missile_attack(extractor: Extractor) -> None:
    text = "Warships fired 40 cruise missiles at an air base near Homs on Friday, killing six."
    assert _types(extractor, text) == ["Shelling/artillery/missile attack"]
