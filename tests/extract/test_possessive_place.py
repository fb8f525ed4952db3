"""A city named in the possessive right after a locative still places the event
("in Baghdad's northern outskirts"), unlike a government's statement ("Moscow's")."""

from __future__ import annotations

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.stages.place import name_not_place
from incidentwatch.records import Article


def test_possessive_after_a_locative_places_the_event() -> None:
    text = (
        "A car bomb exploded on Wednesday in Basra's northern outskirts, killing five "
        "people, police said."
    )
    [inc] = Extractor().extract(Article(article_id="p1", text=text, published_at="2016-07-14"))
    assert inc.admin1 is not None and "basr" in inc.admin1.lower(), inc.location


def _place_of(text: str) -> str | None:
    [inc] = Extractor().extract(Article(article_id="p2", text=text, published_at="2016-03-02"))
    return inc.admin1


def test_a_citys_hospital_places_the_event_its_staff_tells() -> None:
    # Rule "possessed facility": the only place of the event's sentence is the city
    # whose hospital speaks; a city's hospital is in the city, unlike its government.
    text = (
        "Mortar rounds slammed into a crowded street on Sunday evening. A surgeon of "
        "Tikrit's main hospital said 11 civilians were killed and 30 were wounded."
    )
    admin1 = _place_of(text)
    assert admin1 is not None and "salah" in admin1.lower(), admin1


def test_a_citys_government_still_does_not_place_the_event() -> None:
    text = (
        "Mortar rounds slammed into a crowded street on Sunday evening. A spokesman for "
        "Tehran's foreign ministry said 11 civilians were killed and 30 were wounded."
    )
    assert _place_of(text) is None


def test_a_name_a_hospital_bears_is_not_the_scene() -> None:
    # "the Kadhimiya hospital" names the hospital the wounded were taken to: the toll
    # update that names it stays with the bombing told in the city, not a second incident.
    text = (
        "BAGHDAD (Wire) - A car bomb went off near a busy bus station in Baghdad's Shaab "
        "district on Sunday morning, police said. Officials first said three people had "
        "died. Later the toll rose to seven, with some 20 people being treated for burns "
        "at the Kadhimiya hospital, a doctor told reporters."
    )
    got = Extractor().extract(Article(article_id="p3", text=text, published_at="2016-03-02"))
    assert len(got) == 1, [i.location for i in got]
    assert got[0].location is not None and "kazim" not in got[0].location.name.lower()


def test_the_name_of_a_hospital_is_not_a_place_the_name_of_a_district_is() -> None:
    ex = Extractor()
    hospital = ex.nlp("Some 20 people were treated for burns at the Kadhimiya hospital.")
    district = ex.nlp("Some 20 people were wounded by a car bomb in Kadhimiya on Monday.")
    for doc, expected in ((hospital, True), (district, False)):
        [tok] = [t for t in doc if t.text == "Kadhimiya"]
        assert name_not_place(ex, doc[tok.i : tok.i + 1]) is expected
