"""Arabic tolls (issue 16, killed exact), on text written for these tests (no devdata
text), read by the real pack and geocoder: vague counts before a toll noun, the toll of
the event just named told with a pronoun, a toll placed at its speaker's seat, and
round-up totals whose parts the article tells."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang.ar.extractor import ArabicExtractor
from incidentwatch.extract.lang.ar.text import tokenize
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def killed(ar: ArabicExtractor, sentence: str) -> int | None:
    k, _w, _s = ar._figures(tokenize(sentence, *ar.lex.prefixes))
    return k.best if k else None


def run(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="t", text=text, published_at="2024-07-14"))


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # Tens of dead: a count, though "عدد القتلى" is not.
        ("وسقط عشرات القتلى في الانفجار الذي ضرب السوق", 10),
        ("وأسفرت الغارات عن مئات القتلى من المسلحين", 100),
        ("وقالت الشرطة إن عدد القتلى لم يعرف بعد", None),
    ],
)
def test_a_vague_count_before_a_toll_noun(ex: Extractor, sentence: str, want: int | None) -> None:
    assert killed(ex.arabic, sentence) == want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # "أودت بحياتها": her life, one victim.
        ("وكانت المعلمة في طريقها إلى المدرسة حين انفجرت قنبلة أودت بحياتها", 1),
        ("انفجرت عبوة ناسفة قرب سيارة الطبيب أودت بحياته وحياة سائقه", 1),
        # The figure after "ذهب ضحيتها".
        ("وتبنى التنظيم الهجمات التي ذهب ضحيتها خمسة أشخاص في السوق", 5),
    ],
)
def test_the_toll_of_the_event_just_named(ex: Extractor, sentence: str, want: int) -> None:
    assert killed(ex.arabic, sentence) == want


def test_a_woman_journalist_and_her_colleague_are_counted(ex: Extractor) -> None:
    k, w, _s = ex.arabic._figures(
        tokenize("وأعلنت النقابة مقتل صحفية وإصابة زميل لها في القصف", *ex.arabic.lex.prefixes)
    )
    assert (k.best if k else None, w.best if w else None) == (1, 1)


def test_a_toll_given_at_the_speakers_seat_stays_with_its_incident(ex: Extractor) -> None:
    text = (
        "انفجرت سيارة مفخخة قرب مبنى البلدية في مدينة كركوك اليوم الأحد. "
        "وأسفر الانفجار عن مقتل 12 شخصا، في الوقت الذي قدرت فيه الداخلية العراقية في "
        "بغداد الحصيلة بخمسة عشر قتيلا."
    )
    incs = run(ex, text)
    assert [(i.location.name if i.location else None) for i in incs] == ["Kirkuk"]
    f = incs[0].fatalities
    assert (f.best, f.low, f.high) == (12, 12, 15)


def test_a_round_up_told_at_no_place_counts_once(ex: Extractor) -> None:
    # The lede's total names no place of its own; the article tells its parts.
    text = (
        "قتل 16 شخصا على الأقل في سلسلة تفجيرات ضربت مناطق مختلفة في العراق اليوم الأحد. "
        "وانفجرت سيارة مفخخة في منطقة الكرادة وسط بغداد ما أدى إلى مقتل تسعة أشخاص. "
        "كما قتل ثلاثة أشخاص بانفجار عبوة ناسفة في منطقة السيدية جنوبي العاصمة. "
        "وفي مدينة بعقوبة قتل أربعة أشخاص بانفجار عبوة ناسفة."
    )
    incs = run(ex, text)
    got = sorted((i.location.name if i.location else "", i.fatalities.best) for i in incs)
    assert got == [("Baqubah", 4), ("Karrada", 9), ("Saidiya", 3)]


def test_a_round_up_at_a_quarter_counts_once(ex: Extractor) -> None:
    # The total is told with one of its parts ("بينها ... في الكرادة"): the quarter is
    # no city whose other parts the total rounds up.
    text = (
        "قتل 12 شخصا على الأقل في هجمات متفرقة في العراق اليوم الأحد بينها انفجار سيارة "
        "مفخخة في منطقة الكرادة. وأكد مصدر في الشرطة مقتل تسعة أشخاص في انفجار الكرادة. "
        "كما قتل ثلاثة أشخاص بانفجار عبوة ناسفة في منطقة السيدية جنوبي العاصمة."
    )
    incs = run(ex, text)
    got = sorted((i.location.name if i.location else "", i.fatalities.best) for i in incs)
    assert got == [("Karrada", 9), ("Saidiya", 3)]


def test_other_attacks_open_an_incident_not_a_total(ex: Extractor) -> None:
    text = (
        "قتل تسعة أشخاص بانفجار سيارة مفخخة في منطقة الكرادة وسط بغداد اليوم الأحد. "
        "وفي هجمات أخرى اغتال مسلحون مجهولون شخصا في مدينة بعقوبة."
    )
    incs = run(ex, text)
    got = sorted((i.location.name if i.location else "", i.fatalities.best) for i in incs)
    assert got == [("Baqubah", 1), ("Karrada", 9)]


def test_two_attacks_told_in_one_sentence_are_two_incidents(ex: Extractor) -> None:
    text = (
        "قتل ثلاثة أشخاص وأصيب ستة آخرون بانفجار عبوة ناسفة في منطقة الكرادة وسط بغداد "
        "اليوم الأحد، بينما قتل شخصان وأصيب أربعة بانفجار سيارة مفخخة في مدينة بعقوبة."
    )
    incs = run(ex, text)
    got = sorted(
        (i.location.name if i.location else "", i.fatalities.best, i.injuries.best) for i in incs
    )
    assert got == [("Baqubah", 2, 4), ("Karrada", 3, 6)]


def test_the_wounded_of_the_same_attack_are_no_second_attack(ex: Extractor) -> None:
    # "فيما أصيب": the same bombing's wounded; "كما قتل" without a place of its own.
    text = (
        "قتل ثلاثة أشخاص بانفجار عبوة ناسفة في منطقة الكرادة وسط بغداد اليوم الأحد، فيما "
        "أصيب ستة آخرون بجروح. كما قتل شخص آخر متأثرا بجروحه في المستشفى."
    )
    incs = run(ex, text)
    assert [(i.location.name if i.location else "", i.injuries.best) for i in incs] == [
        ("Karrada", 6)
    ]


def test_a_link_to_the_outlets_headline_is_no_incident(ex: Extractor) -> None:
    text = (
        "قتل تسعة أشخاص بانفجار سيارة مفخخة في منطقة الكرادة وسط بغداد اليوم الأحد. "
        "رابط الخبر بصحيفة المدينة: مقتل 12 شخصا في تفجيرات ببغداد"
    )
    incs = run(ex, text)
    assert [(i.location.name if i.location else "", i.fatalities.best) for i in incs] == [
        ("Karrada", 9)
    ]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # The whole, with a part of it told inside ("بينهم"), is the count.
        ("وقال المتحدث إن سبعة أشخاص على الأقل، بينهم ثلاث نساء، قتلوا في القصف", 7),
        # "و" + a number word before its noun adds to the list.
        ("وأفاد المصدر بأن أربعة جنود وستة مدنيين قتلوا عند الحاجز", 10),
        # Stabbed to death: the victims told before.
        ("وتسلل مهاجمون إلى بيت في القرية وطعنوا رجلين وامرأتين حتى الموت", 4),
        # A relative named alone after the casualty word is one victim.
        ("سقطت قذيفة على منزل الفلاح ما أدى إلى مقتل زوجته وجرح ابنه", 1),
    ],
)
def test_more_ways_victims_are_counted(ex: Extractor, sentence: str, want: int) -> None:
    assert killed(ex.arabic, sentence) == want


def test_a_toll_confirmed_at_a_hospital_stays_with_its_incident(ex: Extractor) -> None:
    # The hospital's town is where the dead were taken, not a second incident.
    text = (
        "اقتحم مسلحون مجهولون منزلا في مدينة بعقوبة اليوم الأحد وأطلقوا النار على "
        "أفراد الأسرة. وأكد طبيب في مستشفى الحلة مقتل ثلاثة من أفراد الأسرة."
    )
    incs = run(ex, text)
    assert [(i.location.name if i.location else "", i.fatalities.best) for i in incs] == [
        ("Baqubah", 3)
    ]


def test_sentences_after_a_dropped_round_up_join_the_incident_they_place(
    ex: Extractor,
) -> None:
    # The round-up's own incident holds the suicide bomber's sentence; once the total is
    # dropped, that sentence joins the Karrada incident: its type and the bomber's death.
    text = (
        "قتل 20 شخصا على الأقل في هجمات متفرقة في العراق اليوم الأحد بينها هجوم في منطقة "
        "الكرادة. وقال مصدر في الشرطة إن انتحاريا فجر نفسه في سوق شعبي في الكرادة. "
        "وأكد المصدر أن 14 شخصا على الأقل قتلوا في الكرادة. كما قتل ستة أشخاص بانفجار "
        "عبوة ناسفة في منطقة السيدية جنوبي العاصمة."
    )
    incs = run(ex, text)
    got = sorted(
        (i.location.name if i.location else "", i.sub_event_type, i.fatalities.best) for i in incs
    )
    assert got == [("Karrada", "Suicide bomb", 15), ("Saidiya", "Remote explosive/landmine/IED", 6)]


def test_also_killed_with_the_same_toll_is_another_attack(ex: Extractor) -> None:
    text = (
        "قتل شقيقان في هجوم مسلح على منزلهما في مدينة الموصل اليوم الأحد. "
        "كما قتل شرطيان واصيب ثالث بجروح في انفجار عبوة ناسفة في الموصل أيضا."
    )
    incs = run(ex, text)
    got = [(i.sub_event_type, i.fatalities.best, i.injuries.best) for i in incs]
    assert got == [("Armed clash", 2, None), ("Remote explosive/landmine/IED", 2, 1)]


def test_a_toll_over_two_towns_after_a_reference_place_is_split(ex: Extractor) -> None:
    # "شمال بغداد" before the towns is no start of their chain; "وبلد" is a town of its
    # own although it is also the other town's district.
    text = (
        "وفي حادث وقع الى الشمال من بغداد اليوم الأحد، لقي ثلاثة مزارعين مصرعهم برصاص "
        "مسلحين مجهولين في بلدتي الدجيل وبلد، واصيب خمسة آخرون بجروح."
    )
    incs = run(ex, text)
    got = [(i.location.name if i.location else "", i.fatalities.best) for i in incs]
    assert got == [("Ad Dujayl", 2), ("Balad", 1)]


def test_the_active_wounding_verb_counts_its_victims(ex: Extractor) -> None:
    k, w, _s = ex.arabic._figures(
        tokenize("ثم فجر الانتحاري سيارته فقتل ستة أشخاص وأصاب 14 آخرين", *ex.arabic.lex.prefixes)
    )
    assert (k.best if k else None, w.best if w else None) == (6, 14)


def test_a_lede_toll_that_sums_the_incidents_told_next_counts_once(ex: Extractor) -> None:
    text = (
        "قالت الشرطة إن عبوة ناسفة انفجرت في سوق ببغداد وانفجرت سيارة مفخخة في العاصمة "
        "العراقية اليوم الأحد مما أسفر عن مقتل خمسة أشخاص. وأوضحت أن العبوة انفجرت في "
        "منطقة الكرادة ما أدى إلى مقتل ثلاثة أشخاص. كما قتل شخصان بانفجار السيارة في "
        "منطقة السيدية."
    )
    incs = run(ex, text)
    got = sorted((i.location.name if i.location else "", i.fatalities.best) for i in incs)
    assert got == [("Karrada", 3), ("Saidiya", 2)]


def test_a_suicide_bombing_is_no_total_of_other_incidents(ex: Extractor) -> None:
    # The lede's toll equals the sum of the later ones by chance: a suicide bombing is
    # one attack, and its place is far from theirs.
    text = (
        "قتل خمسة أشخاص بتفجير انتحاري استهدف سوقا في مدينة الموصل اليوم الأحد. "
        "وفي بغداد قتل ثلاثة أشخاص بانفجار عبوة ناسفة في منطقة الكرادة. "
        "كما قتل شخصان بانفجار عبوة ناسفة في منطقة السيدية."
    )
    incs = run(ex, text)
    assert sorted(i.location.name for i in incs if i.location) == ["Karrada", "Mosul", "Saidiya"]
