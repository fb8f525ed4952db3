"""Rule "last of a list" (geocode/resolver.py): "and" after places joined by commas, the
first said with a locative, closes a list of places; the name after it is the list's
last place, not the end of a group's name. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder


def _found(geo: Geocoder, text: str) -> dict[str, str]:
    out = {}
    for p in geo.mentions(text, prior=""):
        out[text[p.start : p.end]] = p.country.code if p.country else "?"
    return out


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("Car bombs killed 30 people in Kirkuk, Hilla and Basra on Monday.", "Basra"),
        ("Mortar rounds hit Ramadi, Falluja and Haditha overnight.", "Haditha"),
        ("Protests spread to Nasiriya, Kut and Amara on Friday.", "Amara"),
    ],
)
def test_the_last_place_of_a_list_of_three_is_a_place(geo: Geocoder, text: str, last: str) -> None:
    found = _found(geo, text)
    assert found.get(last) == "IQ", found


def test_a_group_named_with_and_after_a_person_is_no_list(geo: Geocoder) -> None:
    # No place opens the list: "Tawhid and Jihad" stays a group's name.
    text = "The network of Abu Musab al-Zarqawi, Tawhid and Jihad, claimed the killing."
    assert "Jihad" not in _found(geo, text)
