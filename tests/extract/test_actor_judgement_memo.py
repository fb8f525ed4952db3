"""ActorMatcher keeps its rules' answer about an actor span with the parse (Doc.user_data):
asking about the same span again gives the same mention and logs the same reason again,
and another article's parse starts with nothing kept. Texts written for this test."""

from __future__ import annotations

import logging

import pytest

from incidentwatch.extract.actors import _JUDGED
from incidentwatch.extract.pipeline import Extractor

TEXT = (
    "The teenager who stabbed a teacher in Mosul on Monday said he acted in the name of "
    "Islamic State. Police said gunmen from the Popular Mobilization Forces shot two men "
    "near Tikrit on Sunday."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_geocoder=False)


def test_same_span_same_answer_and_same_reason(
    extractor: Extractor, caplog: pytest.LogCaptureFixture
) -> None:
    am = extractor.actor_matcher
    doc = extractor.nlp(TEXT)
    spans = am.find(doc)
    assert spans, "the actor matcher finds the groups of the text"
    with caplog.at_level(logging.DEBUG, logger="incidentwatch.extract.actors"):
        first = am.mentions_in(spans, 0, len(TEXT))
        n_first = len(caplog.records)
        second = am.mentions_in(spans, 0, len(TEXT))
    assert second == first
    suspected = [m for m in first if m.suspected]
    assert [m.text for m in suspected] == ["Islamic State"]
    # The reason is logged at each ask, as when every ask ran the rules.
    assert n_first >= 1 and len(caplog.records) == 2 * n_first
    assert len(doc.user_data[_JUDGED]) == len(first) + sum(
        1 for r in caplog.records[:n_first] if "left out" in r.getMessage()
    )
    # A sentence's own scan gives the subset of mentions inside it.
    cut = TEXT.index(" Police")
    assert am.mentions_in(spans, 0, cut) == [m for m in first if m.end <= cut]


def test_another_parse_keeps_nothing_of_the_first(extractor: Extractor) -> None:
    am = extractor.actor_matcher
    a = extractor.nlp(TEXT)
    am.mentions_in(am.find(a), 0, len(TEXT))
    b = extractor.nlp(TEXT.replace("acted in the name of", "was a member of"))
    assert _JUDGED not in b.user_data
    mentions = am.mentions_in(am.find(b), 0, len(b.text))
    assert not any(m.suspected and m.text == "Islamic State" for m in mentions)
