"""A round-up told only at a city, whose article places the day's incidents in the
city's quarters, is marked with those quarters (issue 16): the merge then takes it for
no one place. Arabic written for this test, read by the real pack and geocoder."""

from __future__ import annotations

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article
from incidentwatch.resolve.merge import round_up_parts


def test_city_round_up_is_marked_with_the_quarters_its_article_tells() -> None:
    # The lede rounds Sunday up at Baghdad; the next sentence lists the quarters hit.
    # The round-up's location names those quarters.
    text = (
        "قتل 25 شخصا على الأقل في سلسلة تفجيرات بسيارات مفخخة هزت أحياء متفرقة من "
        "العاصمة العراقية بغداد اليوم الأحد. وانفجرت السيارات في مناطق الكرادة والسيدية "
        "والأعظمية."
    )
    incs = Extractor().extract(Article(article_id="t", text=text, published_at="2024-07-14"))
    assert [i.location.name for i in incs if i.location] == ["Baghdad"]
    assert round_up_parts(incs[0]) == ["Adamiyah", "Karrada", "Saidiya"]


def test_reports_of_the_quarters_themselves_carry_no_mark() -> None:
    text = (
        "قال مصدر في الشرطة إن سيارة مفخخة انفجرت في منطقة الكرادة وسط بغداد ما أسفر عن "
        "مقتل ثمانية أشخاص. كما قتل خمسة أشخاص بانفجار سيارة مفخخة ثانية في منطقة السيدية "
        "جنوبي العاصمة."
    )
    incs = Extractor().extract(Article(article_id="t", text=text, published_at="2024-07-14"))
    assert {i.location.name for i in incs if i.location} == {"Karrada", "Saidiya"}
    assert all(round_up_parts(i) == [] for i in incs)


def test_a_city_report_alone_in_its_article_is_not_marked() -> None:
    text = "قتل ثمانية أشخاص بانفجار سيارة مفخخة في سوق شعبي ببغداد اليوم الأحد."
    incs = Extractor().extract(Article(article_id="t", text=text, published_at="2024-07-14"))
    assert [i.location.name for i in incs if i.location] == ["Baghdad"]
    assert round_up_parts(incs[0]) == []


def series_marked(text: str, published: str = "2024-07-15") -> list[tuple[str, bool]]:
    from incidentwatch.resolve.merge import series_total

    incs = Extractor().extract(Article(article_id="t", text=text, published_at=published))
    return [(i.location.name, series_total(i)) for i in incs if i.location]


def test_a_toll_over_a_series_of_bombings_marks_the_record_as_the_series() -> None:
    # Codebook 5a: a series told only at the city is one incident with the total; the
    # record carries the mark so the merge keeps it apart from one bomb in a quarter.
    assert series_marked(
        "أسفرت سلسلة من الانفجارات بسيارات مفخخة في العاصمة بغداد اليوم الاثنين عن مقتل "
        "17 شخصا وإصابة العشرات بحسب مصادر أمنية."
    ) == [("Baghdad", True)]
    assert series_marked(
        "أودت هجمات على أحياء متفرقة من بغداد بحياة 12 شخصا يوم الأحد، وفق الشرطة."
    ) == [("Baghdad", True)]


def test_one_bombing_at_the_city_is_no_series() -> None:
    assert series_marked("قتل سبعة أشخاص بانفجار سيارة مفخخة قرب مطعم في بغداد اليوم الاثنين.") == [
        ("Baghdad", False)
    ]
    # A series named as what came before ("after a week that saw") is not the toll's.
    assert series_marked(
        "انفجرت عبوة ناسفة في سوق بغداد اليوم الاثنين ما أدى إلى مقتل ثلاثة أشخاص، بعد "
        "أسبوع شهد سلسلة من التفجيرات."
    ) == [("Baghdad", False)]
