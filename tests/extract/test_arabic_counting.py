"""Counting victims in Arabic (issue 16, killed exact), on sentences written for these
tests (no devdata text): lists of named victims, companions, a plural pronoun that
counts a group told before, the doer of an active verb, and figures that are days."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang.ar.extractor import ArabicExtractor
from incidentwatch.extract.lang.ar.text import tokenize
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


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


def test_two_sources_that_disagree_give_the_smallest_as_best(ar: ArabicExtractor) -> None:
    s = (
        "قالت الشرطة إن الانفجار أسفر عن مقتل 12 شخصا وإصابة 30 آخرين، بينما أفادت مصادر "
        "طبية بمقتل 15 شخصا وإصابة 41"
    )
    k, w, _ = ar._figures(tokenize(s, *ar.lex.prefixes))
    assert k is not None and (k.best, k.low, k.high) == (12, 12, 15)
    assert w is not None and (w.best, w.low, w.high) == (30, 30, 41)
    # "بينما" between two attacks with no other source told is not a dispute.
    s2 = "أدت الغارة إلى مقتل ستة مسلحين، بينما قتل ثمانية مسلحين آخرين في غارة ثانية"
    assert killed(ar, s2) == 8


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(ex: Extractor, text: str, published_at: str = "2024-04-09") -> list[Incident]:
    return ex.extract(Article(article_id="ar-count", text=text, published_at=published_at))


def test_a_round_up_total_told_next_to_its_parts_counts_once(extractor: Extractor) -> None:
    text = (
        "قتل تسعة أشخاص على الأقل في هجمات متفرقة في العراق اليوم الثلاثاء. "
        "وقتل ستة أشخاص بانفجار سيارة مفخخة في سوق شعبي بمدينة الحلة. "
        "وفي الموصل قتل ثلاثة جنود بهجوم مسلح على نقطة تفتيش."
    )
    incidents = run(extractor, text)
    assert sorted(i.fatalities.best for i in incidents) == [3, 6]
    assert {i.location.name for i in incidents if i.location} == {"Al Hillah", "Mosul"}


def test_a_preliminary_toll_yields_to_the_one_told_first(extractor: Extractor) -> None:
    text = (
        "قتل 14 شخصا على الأقل بانفجار سيارة مفخخة في سوق شعبي بمدينة الحلة اليوم الثلاثاء. "
        "وكانت حصيلة أولية للتفجير الذي استهدف السوق قد أفادت بمقتل تسعة أشخاص."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 14


def test_one_toll_over_places_named_together_is_divided(extractor: Extractor) -> None:
    text = (
        "قتل 11 مدنيا وأصيب 20 آخرون بانفجار عبوات ناسفة في الكرادة والكاظمية ومدينة الصدر "
        "في بغداد صباح اليوم الثلاثاء، بحسب مصادر أمنية."
    )
    incidents = run(extractor, text)
    by_place = {i.location.name: i for i in incidents if i.location}
    assert set(by_place) == {"Karrada", "Al Kazimiyah", "Sadr City"}
    # Evenly, and the remainder to the first (codebook 1).
    assert [by_place[p].fatalities.best for p in ("Karrada", "Al Kazimiyah", "Sadr City")] == [
        5,
        3,
        3,
    ]
    assert [by_place[p].injuries.best for p in ("Karrada", "Al Kazimiyah", "Sadr City")] == [
        8,
        6,
        6,
    ]
    # The evidence keeps the undivided total.
    for inc in incidents:
        [ev] = [e for e in inc.evidence if e.field == "fatalities"]
        assert "11" in (ev.text or "")


def test_a_place_given_for_reference_is_not_split_off(extractor: Extractor) -> None:
    text = (
        "قتل ستة أشخاص بانفجار سيارة مفخخة في ناحية المشروع جنوب الحلة، ونقل الجرحى إلى "
        "مستشفيات الحلة والمحاويل اليوم الثلاثاء."
    )
    incidents = run(extractor, text)
    assert [i.fatalities.best for i in incidents] == [6]


def test_a_toll_without_a_place_of_its_own_stays_with_its_incident(extractor: Extractor) -> None:
    # The second sentence names no place: the geocoder's fallback (Baghdad, named in the
    # lede for reference) must not make its toll a second incident.
    text = (
        "أفاد مصدر أمني بأن نحو 30 شخصا سقطوا بين قتيل وجريح في تفجير سيارة مفخخة بمدينة "
        "الحلة، جنوب العاصمة العراقية بغداد.\n"
        "وقال المصدر، اليوم الثلاثاء، إن السيارة انفجرت صباح اليوم قرب سوق شعبي، مما أسفر "
        "عن سقوط 8 قتلى وإصابة 22 آخرين."
    )
    [inc] = run(extractor, text)
    assert inc.location is not None and inc.location.name == "Al Hillah"
    assert (inc.fatalities.best, inc.injuries.best) == (8, 22)


def test_a_wounded_figure_after_and_is_not_added_to_the_dead(ar: ArabicExtractor) -> None:
    s = "أسفرت التفجيرات عن مقتل خمسة أشخاص على الأقل و 14 جريحا في حصيلة أولية"
    assert (killed(ar, s), wounded(ar, s)) == (5, 14)


def test_the_number_of_the_dead_is_no_vague_number(ar: ArabicExtractor) -> None:
    # "عدد القتلى" is "the number of the dead", not "a number of" (3).
    assert killed(ar, "قال الضابط إن عدد القتلى تسعة قتلى و 20 جريحا") == 9
    # ... and the attacker after an attack word describes the attack: no toll is told.
    assert killed(ar, "لم يعرف بعد عدد القتلى في هجوم انتحاري على السوق") is None


def test_a_toll_update_told_the_other_way_round(extractor: Extractor) -> None:
    text = (
        "قتل ثلاثة أشخاص بانفجار سيارة مفخخة قرب سوق شعبي في مدينة الحلة اليوم الثلاثاء. "
        "وقال مسؤول إن عدد القتلى من التفجير قد ارتفع إلى ستة."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 6


def test_the_dead_and_wounded_in_one_figure_give_no_toll(ar: ArabicExtractor) -> None:
    assert killed(ar, "ما أسفر عن وقوع أكثر من 40 قتيلا وجريحا في السوق") is None


def test_attackers_killed_in_their_own_attack_are_perpetrator_fatalities(
    extractor: Extractor,
) -> None:
    text = (
        "هاجم مسلحون من تنظيم داعش نقطة تفتيش للجيش في قضاء الحويجة فجر اليوم الثلاثاء، "
        "ما أسفر عن مقتل 12 مسلحا من التنظيم، بحسب مصدر أمني."
    )
    [inc] = run(extractor, text)
    assert inc.actor1 is not None and inc.actor1.type in (2, 3)
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (12, 12)
    assert any(e.field == "perpetrator_fatalities" for e in inc.evidence)


def test_fighters_killed_by_an_air_strike_are_no_perpetrators(extractor: Extractor) -> None:
    text = (
        "شنت طائرات التحالف الدولي غارات على مواقع لتنظيم داعش في قضاء الحويجة اليوم "
        "الثلاثاء، ما أسفر عن مقتل 20 مسلحا من التنظيم."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 20 and inc.perpetrator_fatalities.best is None
    # Killed by the gunmen: the victims, not the attackers.
    text2 = (
        "قتل ثلاثة جنود برصاص مسلحين من تنظيم داعش هاجموا نقطة تفتيش في قضاء الحويجة "
        "اليوم الثلاثاء."
    )
    [inc2] = run(extractor, text2)
    assert inc2.fatalities.best == 3 and inc2.perpetrator_fatalities.best is None
