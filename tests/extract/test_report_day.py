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


def _dated(ex: Extractor, text: str) -> list[tuple[str | None, int | None]]:
    arts = ex.extract(Article(article_id="d", text=text, published_at=PUB))
    return [(i.event_date, i.date_precision) for i in arts]


def test_the_filing_day_as_the_day_of_the_report_is_no_event_day(extractor: Extractor) -> None:
    # The article is filed on Wednesday: "said on Wednesday" tells when the news came,
    # so the event is news with no day named (the filing week, codebook 5a).
    text = "Police said on Wednesday that gunmen killed three guards at a checkpoint."
    assert _dated(extractor, text) == [("2016-03-16", 2)]
    # A day before the filing day is the closest day the text gives: kept.
    text = "Police said on Monday that gunmen killed three guards at a checkpoint."
    assert _dated(extractor, text) == [("2016-03-14", 1)]


def test_a_claim_on_the_filing_day_keeps_its_day(extractor: Extractor) -> None:
    # A claim (or denial) often comes the day of the attack: not a telling verb.
    text = "The militants claimed a car bomb on Wednesday that killed nine people at a market."
    assert _dated(extractor, text) == [("2016-03-16", 1)]


def test_a_report_on_the_filing_day_joins_the_day_it_tells(extractor: Extractor) -> None:
    # The report's day no longer splits the news from the event day it tells.
    text = (
        "At least 30 people died in air raids on a farming town near the border, a "
        "monitoring group said on Wednesday. The raids on the town on Tuesday also "
        "destroyed a bakery, killing 30 people."
    )
    assert _dated(extractor, text) == [("2016-03-15", 1)]
