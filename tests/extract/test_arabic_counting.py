"""Counting victims in Arabic (issue 16, killed exact), on sentences written for these
tests (no devdata text): lists of named victims, companions, a plural pronoun that
counts a group told before, the doer of an active verb, and figures that are days."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang.ar.extractor import ArabicExtractor
from incidentwatch.extract.lang.ar.text import tokenize
from incidentwatch.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def ar() -> ArabicExtractor:
    return Extractor().arabic


def killed(ar: ArabicExtractor, sentence: str) -> int | None:
    k, _w, _s = ar._figures(tokenize(sentence, *ar.lex.prefixes))
    return k.best if k else None


def wounded(ar: ArabicExtractor, sentence: str) -> int | None:
    _k, w, _s = ar._figures(tokenize(sentence, *ar.lex.prefixes))
    return w.best if w else None


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # A victim and his relatives: each relative is one more person.
        ("اقتحم مسلحون بيتا في القرية وقتلوا صاحب البيت وزوجته وابنته", 3),
        ("عثرت الشرطة على رجل وزوجته قتلا بالرصاص في منزلهما", 2),
        ("فإن مدرسا في المدرسة ونجليه قتلوا في الهجوم", 3),
        # One named victim and those killed with him.
        ("انفجرت العبوة بسيارة القاضي ما أدى إلى مقتله مع ثلاثة من حراسه", 4),
        ("أسفر الهجوم عن مقتل مدير الناحية وحراسه الاثنين", 3),
        ("ما أدى إلى مقتله وسائقه على الفور", 2),
        ("قتل مع خمسة من مرافقيه في الغارة", 6),
        ("ما أدى إلى مقتله وأحد المارة", 2),
    ],
)
def test_victims_told_as_a_list_add_up(ar: ArabicExtractor, sentence: str, want: int) -> None:
    assert killed(ar, sentence) == want


def test_a_victim_described_by_rank_and_unit_is_one_of_the_list(ar: ArabicExtractor) -> None:
    s = "انفجرت سيارة مفخخة مما تسبب بمقتل ضابط برتبة نقيب و4 من عناصر الجيش وإصابة 9 آخرين"
    assert (killed(ar, s), wounded(ar, s)) == (5, 9)


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("وقال المصدر إن ستة من عناصر حرس الحدود العراقي قتلوا في الاشتباك", 6),
        ("لقي خمسة من منتسبي شرطة النجدة مصرعهم في الكمين", 5),
        ("وذكر أن جنديا في الفرقة الخامسة وشقيقه قتلا عند عودتهما", 2),
        # "واحدة" after its noun describes it: three people of one family.
        ("وأكد أن أربعة أشخاص من أسرة واحدة قتلوا في القصف", 4),
    ],
)
def test_victims_told_before_the_verb(ar: ArabicExtractor, sentence: str, want: int) -> None:
    assert killed(ar, sentence) == want


def test_a_plural_pronoun_counts_the_group_told_before_it(ar: ArabicExtractor) -> None:
    s = (
        "أطلق مسلحون مجهولون النار على موظف في البلدية وزوجته وابنه وأحد جيرانه "
        "أثناء عودتهم إلى القرية، ما أسفر عن مقتلهم جميعا"
    )
    assert killed(ar, s) == 4
    # The gunmen before it are the doers, not the group the pronoun counts.
    s2 = "هاجم مسلحون مجهولون ثلاثة رعاة في البادية، مما أسفر عن مقتلهم في الحال"
    assert killed(ar, s2) == 3


def test_the_doer_after_an_active_verb_is_not_the_toll(ar: ArabicExtractor) -> None:
    assert killed(ar, "واغتال مسلح مجهول ثلاثة أشخاص أمام متجر في الحي") == 3
    # With no victims counted after him, "قتل مسلح" is one gunman killed.
    assert killed(ar, "وقتل مسلح في تبادل لإطلاق النار مع الشرطة") == 1


def test_lists_stop_where_another_count_starts(ar: ArabicExtractor) -> None:
    # "شخص واحد": one person, not one more.
    assert killed(ar, "أدى الانفجار إلى مقتل شخص واحد وإصابة أربعة آخرين") == 1
    # The parts after the total are not added to it.
    s = "أسفر الهجوم عن مقتل خمسة أشخاص على الأقل - ثلاثة جنود ومدنيين اثنين"
    assert killed(ar, s) == 5
    # Fighters of an armed group and civilians told together are two sides, two counts.
    assert killed(ar, "أفادت المصادر بمقتل 9 من تنظيم داعش و4 مدنيين في المدينة") == 9
    # "بينهم" counts a part of the victims.
    assert killed(ar, "مقتل عشرة أشخاص بينهم ثلاثة من الشرطة ومدني") == 10


def test_a_day_of_the_month_is_not_a_figure(ar: ArabicExtractor) -> None:
    s = "أفاد مصدر في الشرطة الأحد 14 مارس، بأن جنديا قتل وأصيب اثنان آخران"
    assert (killed(ar, s), wounded(ar, s)) == (1, 2)


def test_a_figure_right_after_a_casualty_word_is_that_words(ar: ArabicExtractor) -> None:
    s = "قالت المصادر إن الغارة أدت إلى مقتل 6 من داعش و3 مدنيين وإصابة 8 آخرين"
    assert (killed(ar, s), wounded(ar, s)) == (6, 8)
