"""Arabic places placed by the text around them (issue 16): a quarter named relative to
its city, a governorate against a foreign village namesake, and the words of a story's
frame that are village names somewhere. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.text import arabic_host_after, arabic_joined


def _placed(geo: Geocoder, text: str, word: str) -> tuple[str | None, str | None]:
    """The admin1 and name of the place read at ``word``, (None, None) if it is none."""
    for p in geo.mentions(text):
        if p.start is not None and text[p.start : p.end] == word:
            return p.admin1, p.name
    return None, None


@pytest.mark.parametrize(
    ("gap", "inside"),
    [
        (" غربي ", True),  # "حي اليرموك غربي بعقوبة"
        (" الثانية غربي ", True),  # "اليرموك الثانية غربي بعقوبة"
        (" في مدينة ", True),
        (" ب", True),  # "حي الجامعة ببعقوبة": the gap ends in the name's "ب"
        (" وب", False),  # "and in": a second place
        (" وآخر في ", False),  # "في الموصل وآخر في كركوك": two places side by side
        (" شمال ", False),  # "north of" names a place outside the city
        (" قرب ", False),
        (", in ", False),  # English gaps are the English rule's
    ],
)
def test_arabic_words_that_put_a_place_inside_the_next(gap: str, inside: bool) -> None:
    assert arabic_host_after(gap) is inside


def test_only_an_attached_and_joins_two_names() -> None:
    assert arabic_joined(" و")
    assert not arabic_joined(" و ")
    assert not arabic_joined(" في ")


def test_a_quarter_named_west_of_a_city_is_in_that_city(geo: Geocoder) -> None:
    # Yarmouk is also a Baghdad quarter; here the text puts it in Baqubah (Diyala).
    text = "قتل ستة مدنيين بانفجار عبوة ناسفة في حي اليرموك غربي بعقوبة صباح اليوم"
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Diyala"
    assert _placed(geo, text, "اليرموك")[0] != "Baghdad"
    # West of Baghdad, it is Baghdad's quarter.
    text = "قتل ستة مدنيين بانفجار عبوة ناسفة في حي اليرموك غربي بغداد صباح اليوم"
    assert _placed(geo, text, "اليرموك")[0] == "Baghdad"


def test_quarters_joined_by_and_share_the_city_after_them(geo: Geocoder) -> None:
    text = "وانفجرت عبوتان ناسفتان في حيي اليرموك والعبارة في بعقوبة مساء أمس"
    assert _placed(geo, text, "اليرموك") == ("Diyala", "Baqubah")
    assert _placed(geo, text, "العبارة")[0] == "Diyala"
    # "حيي" (two quarters) opens a list: the second name, unknown to the gazetteer,
    # stands between the first and the city. Without the list word, "و" + a word
    # joins another clause ("وآخر في كركوك") and says nothing of the first name.
    text = "انفجرت عبوتان في حيي اليرموك والمعلمين في بعقوبة مساء أمس"
    assert _placed(geo, text, "اليرموك") == ("Diyala", "Baqubah")


def test_a_quarter_with_no_namesake_in_its_city_is_placed_at_the_city(geo: Geocoder) -> None:
    # The evidence stays the quarter's own words; the place is the city that holds it.
    text = "قتل ستة مدنيين بانفجار عبوة ناسفة في حي اليرموك غربي بعقوبة صباح اليوم"
    [quarter] = [p for p in geo.mentions(text) if p.start == text.index("اليرموك")]
    assert (quarter.name, quarter.admin1) == ("Baqubah", "Diyala")
    assert quarter.why is not None and "no namesake inside" in quarter.why


def test_a_city_beside_another_city_stays_itself(geo: Geocoder) -> None:
    # "north-east of Baghdad" places Baqubah, it does not put it inside Baghdad.
    text = "قتل أربعة من الشرطة في مدينة بعقوبة شمال شرقي بغداد"
    assert _placed(geo, text, "بعقوبة") == ("Diyala", "Baqubah")
    text = "قتل شرطي في الموصل وآخر في كركوك بهجومين منفصلين"
    assert _placed(geo, text, "الموصل")[0] == "Ninewa"
    assert _placed(geo, text, "كركوك")[0] == "Kirkuk"


def test_a_governorate_is_not_outvoted_by_village_namesakes(geo: Geocoder) -> None:
    # Most names here are Syrian, so Syria is the text's majority; "الأنبار" is still
    # Iraq's governorate, not the Aleppo village of that name.
    text = (
        "قصفت طائرات التحالف مواقع للتنظيم في دير الزور والبوكمال والميادين والرقة، "
        "فيما قتل تسعة مدنيين بقصف جوي على منزل في بلدة غرب الأنبار."
    )
    assert _placed(geo, text, "الأنبار")[0] == "Al-Anbar"
    assert _placed(geo, text, "الميادين")[0] == "Deir-ez-Zor"


@pytest.mark.parametrize(
    "text",
    [
        "نقلت هيئة الإذاعة البريطانية (بي بي سي) عن مصدر أمني أن الهجوم وقع ليلا",
        "وقع الهجوم في العاشر من الشهر الجاري بحسب مصدر أمني",
        "قال مسؤول إن المسلحين من أنصار نظام الرئيس السابق",
        "رابط الخبر في الصحيفة: مقتل جنديين بهجوم",
        "انفجرت عبوة قرب حسينية خلال الفترة الصباحية",
    ],
)
def test_words_of_a_storys_frame_are_no_places(geo: Geocoder, text: str) -> None:
    assert geo.mentions(text) == []


def test_a_cue_word_with_a_prefix_still_introduces_a_place(geo: Geocoder) -> None:
    # "بمدينة بعقوبة": "in the city of" written as one word. Baqubah alone, with no cue
    # and nothing else named, is not taken (Arabic names are common words too).
    text = "انفجرت سيارة ملغومة في سوق شعبي بمدينة بعقوبة صباح اليوم"
    assert _placed(geo, text, "بعقوبة") == ("Diyala", "Baqubah")


def test_a_city_after_a_bearing_places_the_name_before_it(geo: Geocoder) -> None:
    # "Sulayman Bek, south of Kirkuk": the town is where it happened, in Salah al-Din;
    # Kirkuk only tells where the town lies.
    text = "قتل قاض بعبوة لاصقة بسيارته في ناحية سليمان بيك جنوب كركوك مساء أمس"
    place = geo.locate(text, 0, len(text))
    assert place is not None and (place.name, place.admin1) == ("Sulaiman Baig", "Salah Al-Din")
    # With no name before the bearing, the city is still the place.
    text = "قتل ثلاثة أشخاص بانفجار عبوة ناسفة جنوب كركوك مساء أمس"
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Kirkuk"
    # "بشرق العراق" is "in the east of Iraq": no reference.
    text = "انفجرت سيارة ملغومة في سوق بمدينة بعقوبة بشرق العراق"
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Diyala"
