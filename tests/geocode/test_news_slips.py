"""Geocoder slips noticed on real news in session 8, kept fixed: a short town name with
namesakes abroad, a capitalised common word opening a sentence, and the first place of
a list of four. Texts written for these tests."""

from __future__ import annotations

from incidentwatch.geocode import Geocoder


def test_hit_with_no_country_named_is_the_anbar_town(geo: Geocoder) -> None:
    text = "Gunmen stormed a police post in Hit overnight, killing three officers."
    p = geo.locate(text, 0, len(text), prior="")
    assert p is not None and p.country is not None
    assert (p.country.code, p.admin1) == ("IQ", "Al-Anbar"), p.why


def test_mass_opening_a_sentence_is_no_syrian_village(geo: Geocoder) -> None:
    text = "Mass graves were uncovered after the militants withdrew, residents said."
    assert geo.locate(text, 0, len(text), prior="") is None


def test_every_place_of_a_list_of_four_is_read(geo: Geocoder) -> None:
    text = "Bombs went off in Baquba, Ramadi, Falluja and Haditha on Sunday."
    found = {
        text[p.start : p.end]: p.admin1
        for p in geo.mentions(text, prior="")
        if p.start is not None and p.end is not None
    }
    assert found == {
        "Baquba": "Diyala",
        "Ramadi": "Al-Anbar",
        "Falluja": "Al-Anbar",
        "Haditha": "Al-Anbar",
    }, found
