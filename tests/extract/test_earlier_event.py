"""The toll of an event the text calls earlier is not the incident's (issue 12, RAND
counting classes right by the codebook, section 5a). Texts written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article

PACK = get_pack("en")
RULE = "toll of an event called earlier"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def without(extractor: Extractor) -> Extractor:
    return Extractor(extractor.nlp, disabled_rules=(RULE,))


def _token(ex: Extractor, text: str, word: str) -> Token:
    return next(t for t in ex.nlp(text) if t.text == word)


def _killed(ex: Extractor, text: str) -> list[int | None]:
    art = Article(article_id="earlier", text=text, published_at="2005-08-02")
    return [i.fatalities.best for i in ex.extract(art)]


def test_the_rule_alone(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == RULE]
    text, word = r.example
    assert r(_token(extractor, text, word), PACK)
    # an event not called earlier: its toll is the news
    news = "Gunmen opened fire on a police patrol in Mosul in an attack which left four dead."
    assert not r(_token(extractor, news, "dead"), PACK)


def test_the_earlier_events_toll_is_left_out(extractor: Extractor, without: Extractor) -> None:
    text = (
        "Gunmen fired on police officers who came to the scene of an earlier bombing in "
        "Mosul which left four people dead, wounding two of the officers."
    )
    assert _killed(extractor, text) == [0]
    assert _killed(without, text) == [4]


SERIES = "toll of a series told beside the news"


def test_the_series_rule_alone(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == SERIES]
    text, word = r.example
    assert r(_token(extractor, text, word), PACK)
    # a series told with its own place is left to the grouping
    placed = (
        "Gunmen shot dead four farmers near Balad, on the same day as 9 bombings in Baghdad "
        "killed 70 people."
    )
    assert not r(_token(extractor, placed, "killed"), PACK)


def test_a_series_spread_over_a_region_adds_no_toll(extractor: Extractor) -> None:
    text = (
        "Masked gunmen shot dead five shepherds near Balad on Tuesday. The killings came on "
        "the same day as eleven bombings in Iraq, mainly in Baghdad, killed 98 people."
    )
    without = Extractor(extractor.nlp, disabled_rules=(SERIES,))
    # the news keeps its own toll and no record carries the series' 98
    killed = _killed(extractor, text)
    assert killed[0] == 5 and 98 not in killed
    assert 98 in _killed(without, text)
