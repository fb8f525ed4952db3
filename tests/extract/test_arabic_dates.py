"""Arabic date rules (issue 16): which day words of a sentence date its event. Sentences
written here, read by the real pack (tokens, lexicon, extractor)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incidentwatch.extract.lang.ar.dates import drop_report_date, drop_span_start
from incidentwatch.extract.lang.ar.lexicon import lexicon
from incidentwatch.extract.lang.ar.text import Token, tokenize
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text, *lexicon().prefixes)]


def _kept(rule: Callable[[list[Token]], list[Token]], text: str) -> list[str]:
    return [t.text for t in rule(tokenize(text, *lexicon().prefixes))]


def test_report_day_dropped_when_the_event_has_its_own() -> None:
    s = (
        "أعلن المتحدث باسم الشرطة اليوم الأحد اعتقال منفذي التفجير الذي وقع في الحلة "
        "أمس الأول الجمعة"
    )
    kept = _kept(drop_report_date, s)
    assert "اليوم" not in kept and "الأحد" not in kept
    assert kept[-3:] == ["أمس", "الأول", "الجمعة"]


@pytest.mark.parametrize(
    "s",
    [
        # The report's day is the only day: yesterday's event, kept.
        "قال مصدر في الشرطة أمس إن انفجارا وقع قرب سوق في الحلة",
        # No reporting verb opens the sentence.
        "انفجرت عبوة ناسفة اليوم الأحد قرب سوق في الحلة بعد هجوم أمس الأول الجمعة",
        # "من" after the report's day is no later date.
        "أفاد شهود أمس الاثنين بمقتل خمسة من عناصر الشرطة في الحلة",
    ],
)
def test_report_day_kept(s: str) -> None:
    assert _kept(drop_report_date, s) == _words(s)


def test_two_day_span_keeps_the_later_day() -> None:
    s = "قتل تسعة أشخاص يومي السبت والأحد في هجمات متفرقة"
    kept = _kept(drop_span_start, s)
    assert "يومي" not in kept and "السبت" not in kept and "والأحد" in kept
    assert _kept(drop_span_start, "قتل شخصان يوم السبت") == _words("قتل شخصان يوم السبت")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _dates(ex: Extractor, text: str, pub: str) -> list[str | None]:
    incs = ex.extract(Article(article_id="t", text=text, published_at=pub))
    return [i.event_date for i in incs]


def test_event_dated_by_its_own_day_not_the_announcement(extractor: Extractor) -> None:
    # Published Wednesday 2024-07-17; Sunday's announcement, Friday's bombing.
    text = (
        "أعلن وزير الداخلية اليوم الأحد اعتقال المتورطين بالتفجير الذي استهدف سوقا في "
        "مدينة الحلة أمس الأول الجمعة وأسفر عن مقتل سبعة أشخاص."
    )
    assert _dates(extractor, text, "2024-07-17") == ["2024-07-12"]


def test_two_day_roundup_dated_by_the_later_day(extractor: Extractor) -> None:
    # Published Tuesday 2024-07-16.
    text = "قتل تسعة أشخاص بانفجار سيارة مفخخة يومي الأحد والاثنين في مدينة كركوك."
    assert _dates(extractor, text, "2024-07-16") == ["2024-07-15"]
