"""Tolls on wire stories (issue 12, session 10): a toll updated with no death word ("By
Tuesday the toll had climbed to 14") was no cue, so the update was lost and the first,
smaller figure stayed; a toll a verb raises with a long phrase between the toll and its
figure ("raised the death toll from a car bombing at a crowded market in Balad to 31")
lost its figure. Each test is on text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.stages.cues import find_cues
from incidentwatch.records import Article, Incident

PACK = get_pack("en")
PUB = "2016-10-11"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="tolls-s10", text=text, published_at=PUB))
    assert len(incs) == 1, [(i.location, i.fatalities, i.injuries) for i in incs]
    return incs[0]


def _killed(inc: Incident) -> int | None:
    return inc.fatalities.best if inc.fatalities is not None else None


# ------------------------------------------------------------ a toll told by its update

MARKET_BOMB = (
    "KIRKUK, Iraq (Reuters) - A car bomb exploded at a vegetable market in the town of "
    "Tuz Khurmatu on Sunday evening, killing six people, police said.\n\n"
    "By Monday the toll had climbed to 11, a doctor at the town's hospital said, as "
    "relatives gathered outside the morgue.\n\n"
    "No group claimed the bombing, but Islamic State has carried out similar attacks in "
    "the area in the past."
)


def test_a_bare_toll_updated_replaces_the_first_figure(extractor: Extractor) -> None:
    inc = _one(extractor, MARKET_BOMB)
    assert _killed(inc) == 11
    quoted = [e.text for e in inc.evidence if e.field == "fatalities"]
    assert "11" in quoted


def test_without_the_rule_the_first_figure_stays(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "a toll told by its update"), MARKET_BOMB)
    assert _killed(inc) == 6


@pytest.mark.parametrize(
    "text",
    [
        # a toll of another kind
        "The blockade has taken a heavy toll on the town's economy, traders said.",
        # an update with no figure brings nothing
        "Officials said the toll was likely to rise as rescuers searched the rubble.",
        # a road toll
        "The ministry raised the road toll on the highway to Basra last year.",
    ],
)
def test_a_toll_with_no_dead_or_no_figure_is_no_cue(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)
    toll = next(t for t in doc if t.lower_ == "toll")
    assert not any(c.token.i == toll.i and c.cat == "kill" for c in find_cues(extractor, doc))


def test_a_toll_put_at_a_figure_is_a_cue(extractor: Extractor) -> None:
    doc = extractor.nlp("Hospital officials later put the toll at 17.")
    toll = next(t for t in doc if t.lower_ == "toll")
    assert any(c.token.i == toll.i and c.cat == "kill" for c in find_cues(extractor, doc))


# ------------------------------------------------------------ a toll raised to its figure

RAISED = (
    "BAGHDAD (AP) - Police raised the death toll from a car bombing at a crowded market in "
    "the town of Balad to 31 on Saturday, as families buried their dead.\n\n"
    "The bomb went off on Friday evening as shoppers bought food for the weekend, a police "
    "officer said. He asked that his name be kept out of print."
)


def test_a_toll_raised_over_a_long_phrase_keeps_its_figure(extractor: Extractor) -> None:
    inc = _one(extractor, RAISED)
    assert _killed(inc) == 31
    # The update's day is no event day: the bombing keeps Friday.
    assert str(inc.event_date) == "2016-10-07"


def test_without_the_rule_the_raised_figure_is_lost(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "a toll raised to its figure"), RAISED)
    assert _killed(inc) != 31


def test_a_toll_raised_by_a_clause_after_the_deed(extractor: Extractor) -> None:
    text = (
        "IDLIB, Syria (AFP) - Rescuers on Tuesday dug more bodies out of a collapsed "
        "building in the town of Saraqib, raising the death toll from Monday's air strikes "
        "on the town's main square to 19, a monitor said.\n\n"
        "The Syrian Observatory for Human Rights said government aircraft carried out the "
        "strikes."
    )
    inc = _one(extractor, text)
    assert _killed(inc) == 19
