"""Arabic: a place told by a distance and a bearing from another in brackets
("كركوك (240 كلم شمال بغداد)") lies away from it, not inside it (issue 16). Texts written
for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.text import arabic_bracket_reference, arabic_owner_before, tokens


@pytest.mark.parametrize(
    ("gap", "reading"),
    [
        (" (240 كلم شمال ", "offset"),
        (" (60 كيلومترا جنوب شرق ", "offset"),
        (" (غرب ", "bearing"),
        (" (شمال شرقي ", "bearing"),
        (" (العراق) ", None),  # a country in brackets is where the place lies
        (" غربي ", None),  # no brackets: the host words' rule (text.arabic_host_after)
        (" (105 km northeast of ", None),  # English is the English rules'
    ],
)
def test_what_brackets_make_of_the_place_after(gap: str, reading: str | None) -> None:
    assert arabic_bracket_reference(gap) == reading


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وانفجرت سيارة مفخخة في مدينة كركوك (240 كلم شمال بغداد) صباح اليوم.", "Kirkuk"),
        ("واغتال مسلحون موظفا في بعقوبة (60 كلم شمال شرق بغداد) امس.", "Baqubah"),
        ("وقتل جنديان في تكريت (160 كلم شمال بغداد) برصاص قناص.", "Tikrit"),
        ("وفي الرمادي (غرب بغداد) هاجم مسلحون نقطة تفتيش.", "Ramadi"),
    ],
)
def test_a_city_a_distance_from_baghdad_is_the_place(geo: Geocoder, text: str, name: str) -> None:
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.name == name


def test_a_quarter_west_in_baghdad_stays_in_baghdad(geo: Geocoder) -> None:
    text = "وقتل مدني بانفجار عبوة في حي اليرموك (غرب بغداد) مساء امس."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Baghdad"


@pytest.mark.parametrize(
    ("text", "word", "owned"),
    [
        # A rank before a name: the officer, not a village that has his name.
        ("وقال العميد عبد الامير السعدي ان قواته دخلت المدينة.", "عبد", True),
        ("وقال اللواء سعد معن ان الهجوم فشل.", "سعد", True),
        # A company named after a Baghdad quarter: the company, not the quarter.
        ("مهندس يعمل لصالح شركة المنصور للانشاءات", "المنصور", True),
        # The same name after a place word is a place.
        ("وانفجرت عبوة ناسفة في حي المنصور غربي بغداد.", "المنصور", False),
        ("وقتل شخص في مدينة الرمادي امس.", "الرمادي", False),
    ],
)
def test_a_name_after_a_title_or_company_word_is_no_place(
    text: str, word: str, owned: bool
) -> None:
    toks = tokens(text)
    i = next(k for k, t in enumerate(toks) if t.text == word)
    assert arabic_owner_before(text, toks, i) is owned


def test_a_rank_before_a_name_keeps_it_out_of_the_places(geo: Geocoder) -> None:
    text = "وقال العقيد عبد الامير السعدي في بغداد ان مسلحين هاجموا نقطة تفتيش."
    assert [p.name for p in geo.mentions(text)] == ["Baghdad"]


def test_a_quarter_told_by_a_bearing_from_baghdad_is_the_one_near_it(geo: Geocoder) -> None:
    # The article is about Karbala, which has a Husseiniya too; "جنوب شرق بغداد" tells
    # which one.
    text = (
        "وفجر انتحاري نفسه وسط مدينة كربلاء. وقتل مدنيان في انفجار عبوات في منطقة"
        " الحسينية جنوب شرق بغداد."
    )
    start = text.index("وقتل")
    place = geo.locate(text, start, len(text))
    assert place is not None and place.admin1 == "Baghdad"


def test_a_second_bearing_word_is_no_reference(geo: Geocoder) -> None:
    text = 'وقتل شخصان في انفجار سيارة في ساحة "ميسلون" جنوب شرقي العاصمة بغداد.'
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.name == "Maysalun Square"
