"""Iraq news paragraphs written for these tests (real place names, invented events), one
per class of issue 13, resolved the way a coder would place them; and the "address
pair" rule: a place and the admin unit it lies in, named next to each other, state
their own country even inside a story about another one."""

from __future__ import annotations

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.normalise import normalise_admin
from incidentwatch.records import Place


def at(geo: Geocoder, text: str, sentence: str, **kw: str) -> Place | None:
    start = text.index(sentence)
    return geo.locate(text, start, start + len(sentence), **kw)  # type: ignore[arg-type]


def same(a: str | None, b: str) -> bool:
    return normalise_admin(a) == normalise_admin(b)


# ------------------------------------------------------------- address pair

_SUSPECT = (
    "Kurdish forces detained a suspected militant near Sinjar and handed him to "
    "intelligence officers in Erbil, two officers in Mosul said. "
    "The card he carried gave a home in a suburb of Alexandria, Virginia."
)


def test_a_place_and_its_unit_named_together_keep_their_country(geo: Geocoder) -> None:
    place = at(geo, _SUSPECT, "The card he carried gave a home in a suburb of Alexandria")
    assert place is not None and place.country is not None
    assert place.country.code == "US", place.why
    assert same(place.admin1, "Virginia"), place.why


def test_the_iraqi_places_of_the_same_story_stay_iraqi(geo: Geocoder) -> None:
    place = at(geo, _SUSPECT, "Kurdish forces detained a suspected militant near Sinjar")
    assert place is not None and place.country is not None
    assert place.country.code == "IQ" and same(place.admin1, "Ninewa"), place.why
