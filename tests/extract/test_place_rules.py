"""The `not-event-place` rules (extract/rules/places.py) on their own examples, and what
they change in whole reports. Texts written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.records import Article

PACK = get_pack("en")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _span(extractor: Extractor, text: str, word: str) -> Span:
    doc = extractor.nlp(text)
    start = text.index(word)
    span = doc.char_span(start, start + len(word), alignment_mode="expand")
    assert span is not None
    return span


@pytest.mark.parametrize("r", rules_of("not-event-place"), ids=lambda r: r.name)
def test_place_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, word = r.example
    assert r(text, _span(extractor, text, word), PACK) is True
    # The same place told as where the event happened is kept.
    plain = f"Gunmen shot dead two guards at a checkpoint in {word.title()} on Monday."
    assert r(plain, _span(extractor, plain, word.title()), PACK) is False


def _places(extractor: Extractor, text: str) -> list[tuple[str | None, str | None]]:
    art = Article(article_id="place", text=text, published_at="2016-06-27")
    return [
        (i.country.code if i.country else None, i.location.name if i.location else None)
        for i in extractor.extract(art)
    ]


def test_a_country_across_the_border_is_not_the_event_country(extractor: Extractor) -> None:
    text = (
        "Lebanese troops sealed off the area after the raid. Two rockets fired from the "
        "hills struck a farm near the border with Syria on Monday, killing a shepherd, "
        "the army in Lebanon said."
    )
    got = _places(extractor, text)
    assert got and all(code == "LB" for code, _ in got), got
    off = Extractor(nlp=extractor.nlp, disabled_rules=["border reference"])
    assert any(code == "SY" for code, _ in _places(off, text))


def test_a_country_named_as_the_event_place_is_kept(extractor: Extractor) -> None:
    text = "Two rockets struck a farm in northern Syria on Monday, killing a shepherd."
    assert _places(extractor, text) == [("SY", "Syria")]


def test_a_later_telling_in_a_town_refines_a_country_only_place(extractor: Extractor) -> None:
    text = (
        "A suicide bombing in Pakistan on Sunday killed dozens of people, officials said. "
        "The bomber blew himself up at the gate of a crowded park in Lahore, killing at "
        "least 60 people."
    )
    assert _places(extractor, text) == [("PK", "Lahore")]


def test_the_seat_of_a_speaker_gives_way_to_the_event_place(extractor: Extractor) -> None:
    text = (
        "Officials in Baghdad said on Monday that a roadside bomb had killed five soldiers "
        "in the town of Baiji the day before."
    )
    assert _places(extractor, text) == [("IQ", "Baiji")]
    off = Extractor(nlp=extractor.nlp, disabled_rules=["seat of a speaker"])
    assert [name for _, name in _places(off, text)] == ["Baghdad"]


def test_the_seat_of_a_speaker_is_kept_when_nothing_else_is_named(
    extractor: Extractor,
) -> None:
    text = "Police in Ramadi said a roadside bomb killed five soldiers on Monday."
    assert _places(extractor, text) == [("IQ", "Ramadi")]


def test_a_birthplace_is_not_the_event_place(extractor: Extractor) -> None:
    text = (
        "Investigators say the gunman, a 23-year-old born in 1993 in Gaziantep, opened "
        "fire on Saturday at a police checkpoint in Istanbul, killing two officers."
    )
    got = _places(extractor, text)
    assert got and all(name == "Istanbul" for _, name in got), got
    off = Extractor(nlp=extractor.nlp, disabled_rules=["birthplace"])
    assert any(name == "Gaziantep" for _, name in _places(off, text))


def test_every_city_of_a_dateline_filed_from_several_is_the_dateline(
    extractor: Extractor,
) -> None:
    text = "BEIRUT/VIENNA/LONDON Jets bombed a market on Monday, killing nine people."
    for city in ("BEIRUT", "VIENNA", "LONDON"):
        assert PLACE_RULE(text, _span(extractor, text, city), PACK) is True, city
    # Capitals later in the line are not a dateline.
    text = "Jets bombed a market in HOMS/HAMA on Monday, killing nine people."
    assert PLACE_RULE(text, _span(extractor, text, "HAMA"), PACK) is False


def test_a_second_dateline_city_is_not_the_event_place(extractor: Extractor) -> None:
    text = (
        "BEIRUT/VIENNA Air strikes killed nine people at a market in Syria on Monday, "
        "a monitoring group said."
    )
    assert _places(extractor, text) == [("SY", "Syria")]


PLACE_RULE = next(r for r in rules_of("not-event-place") if r.name == "dateline")
