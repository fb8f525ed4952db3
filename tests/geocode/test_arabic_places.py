"""Arabic place names on text written for these tests: attached prefixes, quarters of a
city, and common words that are also village names (issue 16)."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder


@pytest.mark.parametrize(
    ("text", "name", "admin1", "span"),
    [
        # A preposition or "and" written onto the name.
        ("قتل شرطيان بانفجار عبوة ناسفة ببغداد مساء اليوم", "Baghdad", "Baghdad", "بغداد"),
        ("اشتباكات عنيفة بالموصل منذ الصباح", "Mosul", "Ninewa", "الموصل"),
        ("وصلت التعزيزات للموصل فجرا", "Mosul", "Ninewa", "موصل"),
        # A quarter of Baghdad is placed in its quarter, not at the city.
        ("انفجرت سيارة مفخخة في الكرادة وسط العاصمة", "Karrada", "Baghdad", "الكرادة"),
        ("انفجرت عبوة لاصقة بالكرادة صباحا", "Karrada", "Baghdad", "الكرادة"),
        ("هجوم مسلح في منطقة الأعظمية شمالي العاصمة", "Adamiyah", "Baghdad", "الأعظمية"),
        # Quarters the shipped neighbourhoods lack or spell otherwise (extra_places.tsv,
        # aliases.tsv): not the Kirkuk village of the same name, not a Syrian Maysalun.
        ("انفجرت عبوة ناسفة في منطقة السيدية جنوبي العاصمة", "Saidiya", "Baghdad", "السيدية"),
        ("سقط قتيلان بتفجير في ساحة ميسلون ظهرا", "Maysalun Square", "Baghdad", "ساحة ميسلون"),
        ("اغتال مسلحون موظفا في منطقة العطيفية مساء أمس", "Atifiya", "Baghdad", "العطيفية"),
        # A common word after a quarter word is the quarter's name ("حي الأمين").
        ("قتل ثلاثة أشخاص بانفجار عبوة في حي الأمين شرقي بغداد", "Amin", "Baghdad", "الأمين"),
        # A name that starts with the letter of a prefix is looked up whole first.
        ("سقطت قذيفتا هاون في بعقوبة", "Baqubah", "Diyala", "بعقوبة"),
    ],
)
def test_arabic_names_with_prefixes_and_quarters_are_placed(
    geo: Geocoder, text: str, name: str, admin1: str, span: str
) -> None:
    place = geo.locate(text, 0, len(text), country_hint="IQ")
    assert place is not None, text
    assert (place.name, place.admin1) == (name, admin1)
    assert place.start is not None and place.end is not None
    assert text[place.start : place.end] == span  # evidence is the name as written


def test_arabic_common_words_are_not_villages(geo: Geocoder) -> None:
    # "الأمين" (the trustworthy) alone is no quarter; "مجموعة" (a group) no village.
    text = "قال الأمين العام للمنظمة إن مجموعة مسلحة هاجمت القرية"
    assert geo.locate(text, 0, len(text), country_hint="IQ") is None
    # "على" (on), "جروح" (wounds), "سوريا" read loosely: none is a place in Iraq here.
    text = "أصيب جندي بجروح بعد هجوم على نقطة تفتيش"
    assert geo.locate(text, 0, len(text), country_hint="IQ") is None
    text = "قال مسؤول إن مسلحين قدموا من سوريا"
    place = geo.locate(text, 0, len(text), country_hint="IQ")
    assert place is None or (place.country is not None and place.country.code == "SY")


def test_place_prefixes_are_the_arabic_packs() -> None:
    # One definition (data/extract/ar/words.toml): the geocoder's prefixes are the pack's
    # conjunctions and prepositions, alone and together, and the contracted article.
    from incidentwatch.extract.lang.ar.lexicon import lexicon
    from incidentwatch.geocode.text import arabic_prefixes

    pack = lexicon().prefixes
    conj, prep = pack.conj, pack.prep
    prefixes, locative = arabic_prefixes()
    assert set(conj) | set(prep) <= set(prefixes)
    assert {c + p for c in conj for p in prep} <= set(prefixes)
    assert pack.contracted == ("لل",) and set(pack.contracted) <= set(prefixes)
    assert list(prefixes) == sorted(prefixes, key=len, reverse=True)
    assert locative == {"ب", "وب", "فب"}


def test_a_shorter_prefix_is_tried_when_the_longer_leaves_no_name(geo: Geocoder) -> None:
    # "وكركوك" is و + كركوك ("وك" + "ركوك" names nothing), "وبعقوبة" و + بعقوبة.
    text = "قتل ستة أشخاص في هجمات متفرقة في تكريت وكركوك وبعقوبة"
    names = {p.name for p in geo.mentions(text)}
    assert {"Tikrit", "Kirkuk", "Baqubah"} <= names
