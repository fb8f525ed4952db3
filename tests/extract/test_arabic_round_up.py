"""A round-up told only at a city, whose article places the day's incidents in the
city's quarters, is marked with those quarters (issue 16): the merge then takes it for
no one place. Arabic written for this test, read by the real pack and geocoder."""

from __future__ import annotations

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article
from incidentwatch.resolve.merge import round_up_parts


def test_city_round_up_is_marked_with_the_quarters_its_article_tells() -> None:
    # The lede rounds Sunday up at Baghdad; the next sentences place two bombings in
    # their quarters. The round-up's location names those quarters, the quarters' own
    # reports carry no mark.
    text = (
        "قتل 25 شخصا على الأقل في سلسلة تفجيرات بسيارات مفخخة هزت أحياء متفرقة من "
        "العاصمة العراقية بغداد اليوم الأحد. وقال مصدر في الشرطة إن سيارة مفخخة انفجرت "
        "في منطقة الكرادة وسط بغداد ما أسفر عن مقتل ثمانية أشخاص. كما قتل خمسة أشخاص "
        "بانفجار سيارة مفخخة ثانية في منطقة السيدية جنوبي العاصمة."
    )
    incs = Extractor().extract(Article(article_id="t", text=text, published_at="2024-07-14"))
    by_place = {i.location.name: i for i in incs if i.location is not None}
    assert set(by_place) == {"Baghdad", "Karrada", "Saidiya"}
    assert round_up_parts(by_place["Baghdad"]) == ["Karrada", "Saidiya"]
    assert round_up_parts(by_place["Karrada"]) == [] == round_up_parts(by_place["Saidiya"])


def test_a_city_report_alone_in_its_article_is_not_marked() -> None:
    text = "قتل ثمانية أشخاص بانفجار سيارة مفخخة في سوق شعبي ببغداد اليوم الأحد."
    incs = Extractor().extract(Article(article_id="t", text=text, published_at="2024-07-14"))
    assert [i.location.name for i in incs if i.location] == ["Baghdad"]
    assert round_up_parts(incs[0]) == []
