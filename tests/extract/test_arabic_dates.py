"""Arabic date rules (issue 16): which day words of a sentence date its event. Sentences
written here, read by the real pack (tokens, lexicon, extractor)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incidentwatch.extract.lang.ar.dates import drop_report_date, drop_span_start
from incidentwatch.extract.lang.ar.lexicon import lexicon
from incidentwatch.extract.lang.ar.text import Token, byline_end, hard_wrapped, sentences, tokenize
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


# ---- the lede window: credit lines and hard-wrapped lines ------------------------------


def test_credit_line_is_not_a_sentence_of_the_story() -> None:
    credit = lexicon().patterns["credit-line"]
    text = "ترجمة ــ سارة أحمد\nقتل ثلاثة أشخاص بانفجار عبوة ناسفة في تكريت."
    assert text[byline_end(text, credit) :].startswith("قتل ثلاثة")
    two = "صورة أرشيفية\nالموصل - رويترز\nقتل جندي بنيران قناص."
    assert two[byline_end(two, credit) :].startswith("قتل جندي")


@pytest.mark.parametrize(
    "text",
    [
        # A short first line with no credit word: a headline of the story, kept.
        "انفجار في كركوك\nقتل شخصان بانفجار سيارة مفخخة.",
        # A credit word in a long line that ends a sentence: the lede itself.
        "نقلت وكالة رويترز عن مصدر أمني مقتل شخصين في هجوم مسلح بالرمادي.\nوأضاف المصدر.",
    ],
)
def test_story_line_is_not_a_credit_line(text: str) -> None:
    assert byline_end(text, lexicon().patterns["credit-line"]) == 0


def test_hard_wrapped_lines_are_one_sentence() -> None:
    text = (
        "هاجم مسلحون نقطة تفتيش.\nوقال\nضابط في الشرطة يوم الخميس إن المسلحين فتحوا\n"
        "النار على الحراس مساء اليوم.\nوأضاف أن القوات طوقت المكان."
    )
    assert hard_wrapped(text)
    got = [text[s:e] for s, e in sentences(text)]
    assert len(got) == 3
    assert got[1].startswith("وقال") and got[1].endswith("مساء اليوم")


def test_one_paragraph_without_its_full_stop_is_not_joined() -> None:
    text = (
        "قتل شخصان بانفجار عبوة في سوق الحلة.\nوتقام اليوم تظاهرات في عدد من المدن\n"
        "من جهة أخرى قتل جندي في كركوك أمس برصاص قناص.\nوأضاف المصدر أن التحقيق مستمر."
    )
    assert not hard_wrapped(text)
    assert len(sentences(text)) == 4


def test_credit_line_does_not_push_the_dated_sentence_out_of_the_lede(
    extractor: Extractor,
) -> None:
    # Published Wednesday 2024-07-17: the bombing was on Monday, told in the second
    # sentence of the story, the third line of the text.
    text = (
        "ترجمة ــ سارة أحمد\n"
        "نقلت صحف محلية عن مسؤولين أن حصيلة هجوم انتحاري في تكريت بلغت تسعة قتلى. "
        "وكان ذلك مساء الاثنين قرب سوق شعبي وسط المدينة. "
        "وقال ضابط يوم الثلاثاء إن التحقيق مستمر."
    )
    assert _dates(extractor, text, "2024-07-17") == ["2024-07-15"]


def test_wrapped_line_keeps_the_day_of_the_line_before(extractor: Extractor) -> None:
    # Published Friday 2024-07-12; "مساء اليوم" is Thursday's evening, named a line above.
    text = (
        "اغتال مسلحون مجهولون مختار قرية في قضاء الشرقاط.\n"
        "وقال\n"
        "ضابط في الشرطة في تصريح الخميس 11 يوليو، إن مجموعة مسلحة\n"
        "أطلقت النار على المختار أمام منزله مساء اليوم، وأردوه قتيلا على\n"
        "الفور."
    )
    assert _dates(extractor, text, "2024-07-12") == ["2024-07-11"]


# ---- undated sentences: the day of the sentence before, "the day after" ----------------


def test_undated_sentence_takes_the_day_of_the_sentence_before(extractor: Extractor) -> None:
    # Published Wednesday 2024-07-17. The lede is today's; the third sentence tells
    # Monday's attack, the fourth (no day) goes on with it: Monday, not the lede's day.
    text = (
        "قتل أربعة أشخاص بانفجار سيارة مفخخة في مدينة الحلة اليوم الأربعاء. "
        "وأضاف المصدر أن التحقيق مستمر. "
        "وفي كركوك هاجم مسلحون منزل ضابط مساء الاثنين الماضي. "
        "كما قتل مسلحون شرطيين اثنين في هجوم على حاجز في تكريت."
    )
    assert _dates(extractor, text, "2024-07-17") == ["2024-07-17", "2024-07-15", "2024-07-15"]


@pytest.mark.parametrize("link", ["غداة مقتل", "بعد يوم من مقتل", "بعد يوم واحد على مقتل"])
def test_the_day_after_dates_the_earlier_event_the_day_before(
    extractor: Extractor, link: str
) -> None:
    # Published Thursday 2024-07-18: today's bombing in Hilla "comes the day after" the
    # killing of six in Tikrit, which was on Wednesday.
    text = (
        "قتل أربعة أشخاص بانفجار سيارة مفخخة في مدينة الحلة اليوم الخميس. "
        f"ويأتي الانفجار {link} ستة أشخاص بهجوم مسلح في مدينة تكريت."
    )
    assert _dates(extractor, text, "2024-07-18") == ["2024-07-18", "2024-07-17"]


def test_overnight_wire_copy_counts_today_from_the_evening_before(extractor: Extractor) -> None:
    # An AFP story written on Thursday evening, published at 04:10 on Friday 2024-07-19:
    # its "today" is Thursday. The same words in a copy of 11:00 mean Friday.
    text = "بغداد (ا ف ب) - قتل خمسة أشخاص بانفجار عبوة ناسفة في مدينة الحلة اليوم."
    assert _dates(extractor, text, "2024-07-19T04:10:00") == ["2024-07-18"]
    assert _dates(extractor, text, "2024-07-19T11:00:00") == ["2024-07-19"]
