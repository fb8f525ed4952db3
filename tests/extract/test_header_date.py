"""Rule "header date": a date that opens a text and a colon closes ("08/17/2015: A car
bomb ...", how incident databases such as GTD open a narrative) dates every event the
text tells without a day of its own, though the sentence splitter cuts it off the first
sentence. Texts written for these tests; they carry no publication date, like GTD's."""

from __future__ import annotations

import pytest

from incidentwatch.extract.dates import find_dates
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.extract.rules.dates import Header
from incidentwatch.records import Article, Incident

CUT_OFF = (
    "08/17/2015: A car bomb exploded near a checkpoint in Tikrit city, Iraq. Five soldiers "
    "were killed."
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _run(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="gtd-like", text=text))


def _fires(text: str) -> bool:
    pack = get_pack("en")
    first = min(find_dates(text[:40], 0, None, pack.dates), key=lambda d: d.start)
    (rule,) = rules_of("header-date")
    return bool(rule(Header(text, first), pack))


def test_the_splitter_cuts_the_header_off_this_text(ex: Extractor) -> None:
    assert next(s.text for s in ex.nlp(CUT_OFF).sents) == "08/17/2015:"


def test_a_cut_off_header_dates_the_event_with_its_words_as_evidence(ex: Extractor) -> None:
    (inc,) = _run(ex, CUT_OFF)
    assert inc.event_date == "2015-08-17" and inc.date_precision == 1
    ev = [e for e in inc.evidence if e.field == "event_date"]
    assert [(e.start, e.end, e.text) for e in ev] == [(0, 10, "08/17/2015")]
    off = Extractor(nlp=ex.nlp, disabled_rules=["header date"])
    assert [i.event_date for i in _run(off, CUT_OFF)] == [None]


def test_a_sentence_with_its_own_day_keeps_it(ex: Extractor) -> None:
    text = (
        "08/19/2015: A car bomb exploded near a checkpoint in Tikrit city, Iraq, on "
        "08/17/2015. Five soldiers were killed."
    )
    assert [i.event_date for i in _run(ex, text)] == ["2015-08-17"]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("08/17/2015: A car bomb exploded in Tikrit.", True),
        ("  08/17/2015 : A car bomb exploded in Tikrit.", True),
        # No header mark: the date is part of the sentence.
        ("08/17/2015 was the day a car bomb exploded in Tikrit.", False),
        # Not the text's opening words.
        ("On 08/17/2015: a car bomb exploded in Tikrit.", False),
    ],
)
def test_only_a_date_opening_the_text_before_a_colon_is_a_header(text: str, fires: bool) -> None:
    assert _fires(text) is fires
