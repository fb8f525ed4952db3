"""Named capitals (geocode/capitals.py, issue 12/13): "the Syrian capital",
"Burkina Faso's capital", "the capital of Iraq" are the capital city. Each rule alone
on text written here, then the whole geocoder on short reports written here."""

from __future__ import annotations

from pathlib import Path

from incidentwatch.geocode import Geocoder, capitals
from incidentwatch.geocode.gazetteer import data_dir

WORDS = capitals.CapitalWords.load(data_dir() / capitals.FILE)
DEMONYMS = {"syrian": "SY", "iraqi": "IQ"}


# ------------------------------------------------------------------ each rule alone


def test_demonym_capital_needs_a_known_capitalised_demonym() -> None:
    text = "a blast in the Syrian capital and another in the Iraqi Capital City"
    hits = list(WORDS.demonym_capital(text, DEMONYMS))
    assert [(text[s:e], cc) for s, e, cc in hits] == [
        ("Syrian capital", "SY"),
        ("Iraqi Capital City", "IQ"),
    ]
    assert not list(WORDS.demonym_capital("the Kurdish capital", DEMONYMS))
    assert not list(WORDS.demonym_capital("the syrian capital", DEMONYMS))
    assert not list(WORDS.demonym_capital("Syrian capitalists", DEMONYMS))


def test_possessive_capital_follows_the_country_name() -> None:
    text = "gunmen attacked Burkina Faso’s capital overnight"
    end = text.index("Faso") + len("Faso")
    assert WORDS.possessive_capital(text, end) == text.index(" overnight")
    other = "Burkina Faso's army moved"
    assert WORDS.possessive_capital(other, other.index("'s")) is None


def test_capital_of_comes_before_the_country_name() -> None:
    text = "a market in the capital of Iraq was hit"
    assert WORDS.capital_of(text, text.index("Iraq")) == text.index("capital")
    other = "troops of Iraq"
    assert WORDS.capital_of(other, other.index("Iraq")) is None


def test_missing_file_reads_nothing(tmp_path: Path) -> None:
    empty = capitals.CapitalWords.load(tmp_path / "none.toml")
    assert not list(empty.demonym_capital("the Syrian capital", DEMONYMS))
    assert empty.possessive_capital("Syria's capital", 5) is None


# ------------------------------------------------------------------ whole geocoder


def test_syrian_capital_is_damascus(geo: Geocoder) -> None:
    text = "A car bomb exploded in the Syrian capital on Monday, killing four people."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.name == "Damascus"
    assert place.country is not None and place.country.code == "SY"
    assert text[place.start : place.end] == "Syrian capital"
    assert "demonym-capital" in place.why


def test_possessive_capital_is_ouagadougou(geo: Geocoder) -> None:
    text = "Gunmen attacked a hotel in Burkina Faso's capital late on Friday."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.name == "Ouagadougou"
    assert place.country is not None and place.country.code == "BF"
    assert place.latitude is not None and place.geo_precision == 1


def test_capital_of_iraq_is_baghdad(geo: Geocoder) -> None:
    text = "A suicide bomber struck a crowded market in the capital of Iraq on Sunday."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.name == "Baghdad"


def test_capital_alone_stays_unresolved(geo: Geocoder) -> None:
    text = "Two bombs went off in the capital on Tuesday, police said."
    assert geo.mentions(text) == []
    assert geo.locate(text, 0, len(text)) is None


def test_city_named_after_the_phrase_is_used_once(geo: Geocoder) -> None:
    text = "Gunmen stormed a cafe in the Syrian capital Damascus on Monday."
    places = geo.mentions(text)
    assert [(p.name, text[p.start : p.end]) for p in places] == [("Damascus", "Damascus")]


def test_country_word_elsewhere_stays_a_country(geo: Geocoder) -> None:
    text = "Burkina Faso's army said it had killed ten militants in the north of Burkina Faso."
    names = [p.name for p in geo.mentions(text)]
    assert "Ouagadougou" not in names


def test_near_a_named_capital_takes_the_suburb_told_next(geo: Geocoder) -> None:
    text = (
        "Two blasts killed 12 people near Syria's capital on Sunday. The bombs went off "
        "in the Sayyida Zeinab area south of Damascus, state media said."
    )
    lead = text.index(" The bombs")
    place = geo.locate(text, 0, lead)
    assert place is not None and place.name != "Damascus"
    assert text[place.start : place.end] == "Sayyida Zeinab"
    alone = "Two blasts killed 12 people near Syria's capital on Sunday."
    place = geo.locate(alone, 0, len(alone))
    assert place is not None and place.name == "Damascus" and place.geo_precision == 2
