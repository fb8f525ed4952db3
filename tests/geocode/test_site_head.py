"""Rule "site with a common head" (geocode/resolver.py): a name and one or two lower-case
words that together name a site of `extra_places.tsv` ("near Damascus airport") are
that site, not the town it is named after. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # The airport lies south-east of the city, in the next governorate.
        (
            "A blast tore through a militia depot near Damascus airport before dawn.",
            "Damascus International Airport",
            "Rural Damascus",
        ),
        (
            "Insurgents fired mortars at the Baiji refinery late on Sunday.",
            "Baiji refinery",
            "Salah Al-Din",
        ),
        (
            "Two rockets landed inside Ain al-Asad air base on Tuesday.",
            "Ain al-Asad Air Base",
            "Al-Anbar",
        ),
    ],
)
def test_a_site_named_after_a_town_is_the_site(
    geo: Geocoder, text: str, name: str, admin1: str
) -> None:
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None
    assert (p.name, p.admin1) == (name, admin1), p.why
    # The evidence span is the whole site name, head word included.
    assert p.start is not None and p.end is not None
    assert text[p.start : p.end].split()[-1].islower()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A lower-case word after a town that names no site leaves the town.
        ("Gunmen shot dead a Damascus lawyer outside his office.", "Damascus"),
        ("A roadside bomb struck a patrol in Baiji city on Monday.", "Baiji"),
    ],
)
def test_a_town_before_a_word_that_names_no_site_stays_the_town(
    geo: Geocoder, text: str, name: str
) -> None:
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None
    assert p.name == name, p.why


# Rule "unit named by a compass word" (geocode/resolver.py).
@pytest.mark.parametrize(
    "text",
    [
        "A man was shot dead on Friday in a refugee camp in south Lebanon, police said.",
        "A man was shot dead on Friday in a refugee camp in South Lebanon, police said.",
    ],
)
def test_a_compass_word_and_a_country_naming_a_unit_are_the_unit(geo: Geocoder, text: str) -> None:
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None and p.country is not None
    assert (p.country.code, p.admin1, p.geo_precision) == ("LB", "South", 3), p.why
    assert p.start is not None and text[p.start : p.end].lower() == "south lebanon"


def test_a_compass_word_naming_no_unit_leaves_the_country(geo: Geocoder) -> None:
    text = "Government shelling killed four people in south Syria on Friday."
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None and p.country is not None
    assert (p.country.code, p.admin1) == ("SY", None), p.why


# Rule "surroundings of a city unit" (geocode/resolver.py, city_surroundings.tsv).
@pytest.mark.parametrize(
    "text",
    [
        "Two car bombs struck a Damascus suburb on Saturday, killing 14 people.",
        "Rebel rockets landed on the outskirts of Damascus late on Friday.",
        "Warplanes pounded the Damascus countryside overnight.",
    ],
)
def test_the_outskirts_of_a_city_unit_lie_in_the_unit_around_it(geo: Geocoder, text: str) -> None:
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None
    assert (p.name, p.admin1, p.geo_precision) == ("Damascus", "Rural Damascus", 2), p.why


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # The city itself stays in its own unit.
        ("A mortar round hit a school in Damascus on Sunday.", "Damascus"),
        # A city whose governorate holds its suburbs too: no other unit is named.
        ("A car bomb went off in a Baghdad suburb on Monday.", "Baghdad"),
    ],
)
def test_a_city_itself_or_a_city_without_a_unit_around_it_keeps_its_admin1(
    geo: Geocoder, text: str, admin1: str
) -> None:
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None
    assert p.admin1 == admin1, p.why


# Rule "a spelling near the story" (geocode/resolver.py).
def _place_of(geo: Geocoder, text: str, name: str) -> tuple[str | None, str | None]:
    for p in geo.mentions(text, prior=""):
        if text[p.start : p.end] == name:
            return p.name, p.admin1
    return None, None


def test_a_small_namesake_far_from_the_story_gives_way_to_a_close_spelling_near_it(
    geo: Geocoder,
) -> None:
    text = (
        "Jihadists overran the Baghaliyeh quarter on the northern edge of Deir ez-Zor "
        "city on Saturday, residents said."
    )
    assert _place_of(geo, text, "Baghaliyeh") == ("Bughayliyah", "Deir-ez-Zor")


@pytest.mark.parametrize(
    "text",
    [
        # Near the exact namesake's own region: it stays.
        "Shells fell on Baghaliyeh, a village west of Homs, on Saturday.",
        # No other place to be near: the exact name stands.
        "Shells fell on the village of Baghaliyeh on Saturday.",
    ],
)
def test_the_exact_namesake_stays_near_the_story_or_alone(geo: Geocoder, text: str) -> None:
    assert _place_of(geo, text, "Baghaliyeh") == ("Al Baghaliyah", "Homs")
