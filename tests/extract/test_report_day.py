"""The `report-day` rules (extract/rules/dates.py): a day on a reporting verb dates the
report, not the event. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.records import Article

PACK = get_pack("en")
# A Wednesday.
PUB = "2016-03-16"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_geocoder=False)


@pytest.mark.parametrize("r", rules_of("report-day"), ids=lambda r: r.name)
def test_report_day_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, words = r.example
    doc = extractor.nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None and r(span, PACK) is True
    # The event's own day in the same sentence is not the report's.
    other = text.rindex("on ")
    event_day = doc.char_span(other, len(text) - 1, alignment_mode="expand")
    assert event_day is not None and r(event_day, PACK) is False


def _days(ex: Extractor, text: str) -> list[str | None]:
    return [i.event_date for i in ex.extract(Article(article_id="d", text=text, published_at=PUB))]


def test_the_event_day_wins_over_the_day_of_the_report(extractor: Extractor) -> None:
    text = "Police said on Monday that gunmen killed three guards at a checkpoint on Sunday."
    assert _days(extractor, text) == ["2016-03-13"]
    off = Extractor(nlp=extractor.nlp, use_geocoder=False, disabled_rules=["day of a report"])
    assert _days(off, text) == ["2016-03-14"]


def test_a_day_told_only_on_the_report_still_dates_it(extractor: Extractor) -> None:
    text = "Police said on Monday that gunmen had killed three guards at a checkpoint."
    assert _days(extractor, text) == ["2016-03-14"]
