"""Tolls of real reporting (issue 12, codebook 5): the figure in the event's own sentence,
background tolls beside it, series words that are not totals. Texts written for these
tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(extractor: Extractor, text: str) -> Incident:
    art = Article(article_id="tolls", text=text, published_at="2023-05-10")
    incidents = extractor.extract(art)
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


def test_the_wounded_of_a_second_verb_are_its_own_figure(extractor: Extractor) -> None:
    # The parser tags "injured" as a participle here; its object is still the wounded.
    inc = _one(
        extractor,
        "On Sunday a bomb at a Sunni mosque in Diyala province killed three worshippers and "
        "injured 14.",
    )
    assert (inc.fatalities.best, inc.injuries.best) == (3, 14)


@pytest.mark.parametrize(
    "tail",
    [
        ", the latest in a string of raids by militants that have left over 60 dead in the "
        "past year.",
        ", the latest in a series of bombings in the province.",
    ],
)
def test_a_series_or_cumulative_toll_beside_the_event_is_not_its_toll(
    extractor: Extractor, tail: str
) -> None:
    inc = _one(extractor, "On Sunday a bomb at a market in Baquba killed five shoppers" + tail)
    assert inc.fatalities.best == 5
    assert "five" in [e.text for e in inc.evidence if e.field == "fatalities"]
