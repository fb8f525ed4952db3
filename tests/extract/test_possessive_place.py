"""A city named in the possessive right after a locative still places the event
("in Baghdad's northern outskirts"), unlike a government's statement ("Moscow's")."""

from __future__ import annotations

from incidentwatch.extract.pipeline import Extractor
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
