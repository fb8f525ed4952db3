"""Actor rules added for issue 12 (actor9): who did the incident told, on real-news
shapes. Each rule on text written for these tests, and switched off by name to show what
it changes."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PUB = "2016-05-10"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="actors9", text=text, published_at=PUB))
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def _actor1(inc: Incident) -> str | None:
    return inc.actor1.name if inc.actor1 else None


SERIES = (
    "A bomb tore through a crowded market in Hasakah on Friday, killing six people, the"
    " latest in a wave of attacks claimed by Islamic State militants in the province."
)


def test_doer_of_the_series_is_not_the_doer_told(extractor: Extractor) -> None:
    on = _one(extractor, SERIES)
    assert _actor1(on) == "Unidentified Armed Group (Syria)"
    off = _one(_without(extractor, "doer of the series told"), SERIES)
    assert _actor1(off) == "Islamic State (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        # The doer told as the subject of the incident's own verb stays the doer.
        "Islamic State militants stormed a village near Hasakah on Friday, killing six"
        " people, the latest in a wave of attacks in the province.",
        # A group named in a clause of its own after the series is not inside it.
        "Six people were killed by Islamic State militants at a checkpoint near Hasakah on Friday.",
    ],
)
def test_doer_named_outside_a_series_is_kept(extractor: Extractor, text: str) -> None:
    assert _actor1(_one(extractor, text)) == "Islamic State (Syria)"
