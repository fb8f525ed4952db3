"""Session 10 (place10): places told of the victims or of a state are not the scene, a
dateline's unit is not the clause's, and a person's name is measured in words. Each class
on whole reports written for these tests, with the rule switched off where it is one."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.geocode import get_geocoder
from incidentwatch.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _admin1s(extractor: Extractor, text: str) -> list[str | None]:
    art = Article(article_id="s10", text=text, published_at="2017-03-02")
    return [i.admin1 for i in extractor.extract(art)]


def _told_places(extractor: Extractor, text: str) -> list[str | None]:
    """Each telling's place, before the grouping (what the place stage decides)."""
    art = Article(article_id="s10", text=text, published_at="2017-03-02")
    return [c.place.name if c.place else None for c in extractor.candidates(art).candidates]


def test_where_the_wounded_were_taken_is_not_the_scene(extractor: Extractor) -> None:
    text = (
        "TIKRIT, Iraq - A suicide bomber killed five soldiers at an army checkpoint on "
        "Wednesday, an officer said.\n\nEleven wounded soldiers were airlifted to a "
        "military hospital in Baghdad, the officer said."
    )
    assert "Baghdad" not in _told_places(extractor, text)
    assert "Baghdad" not in _admin1s(extractor, text)
    off = Extractor(nlp=extractor.nlp, disabled_rules=["where the wounded were taken"])
    assert "Baghdad" in _told_places(off, text)
    assert "Baghdad" in _admin1s(off, text)


def test_where_travellers_came_from_is_not_the_scene(extractor: Extractor) -> None:
    text = (
        "A car bomb exploded beside a row of buses parked on the road south of Samawa on "
        "Sunday, killing 31 people, most of them pilgrims on their way home to Basra."
    )
    # Without Basra the only place left is the reference the scene is told from (rule
    # "the place left in the segment" of the place stage).
    assert _admin1s(extractor, text) == ["Al-Muthanna"]
    off = Extractor(nlp=extractor.nlp, disabled_rules=["where travellers came from"])
    assert _admin1s(off, text) == ["Al-Basrah"]


def test_countries_the_travellers_came_from_are_not_the_scene(extractor: Extractor) -> None:
    text = (
        "A bomber in a stolen police car blew himself up by a checkpoint outside Tikrit on "
        "Friday, killing 22 people, police said.\n\nAt least 15 of the dead were soldiers, "
        "he said, and the rest civilians, including a few travellers from Jordan and Kuwait."
    )
    told = _told_places(extractor, text)
    assert told[0] == "Tikrit" and not {"Jordan", "Kuwait"} & set(told), told
    off = Extractor(nlp=extractor.nlp, disabled_rules=["where travellers came from"])
    assert {"Jordan", "Kuwait"} & set(_told_places(off, text))


def test_a_government_asked_to_answer_is_not_the_scene(extractor: Extractor) -> None:
    text = (
        "ERBIL, Iraq - Turkish warplanes bombed a mountain camp near Sidakan on Monday, "
        "local officials said.\n\nTwo shepherds were killed when one of the bombs fell near "
        "their flock, the regional government said, demanding an explanation from Ankara."
    )
    # A telling that names no other place carries the scene told before it.
    assert _told_places(extractor, text) == ["Sidakan", "Sidakan"]
    off = Extractor(nlp=extractor.nlp, disabled_rules=["a government asked to answer"])
    assert "Ankara" in _told_places(off, text)


def test_a_city_s_bank_places_the_event_after_on(extractor: Extractor) -> None:
    # "on Mosul's left bank": the possessive names a part of the city, not its government.
    text = (
        "Rockets fired by militants landed on Mosul's left bank on Tuesday, killing four "
        "civilians, a council member said. The wounded were rushed to a clinic in Erbil."
    )
    assert _admin1s(extractor, text) == ["Ninewa"]


def test_a_name_is_not_longer_for_a_bracket_the_model_took_in(extractor: Extractor) -> None:
    # The small model reads "Altun Kupri (" as a person: three tokens, two words.
    text = (
        "Two fighters were killed on Friday when militias attacked positions at Altun "
        "Kupri (Prde), a town on the road between Kirkuk and Erbil, officials said."
    )
    assert _admin1s(extractor, text) == ["Kirkuk"]


def test_a_dateline_names_no_unit_of_the_clause() -> None:
    # The lead's segment holds its dateline; the dateline's governorate (Erbil) is no
    # unit the clause names, so the first scene (Sinjar, Ninewa) is not "outside" it.
    geo = get_geocoder()
    text = (
        "ERBIL, Kurdistan Region - Turkish jets bombed positions in Sinjar and in Sidakan "
        "on Tuesday, killing 25 people, Kurdish officials said."
    )
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Ninewa", place
    # A governorate the clause itself names still counts.
    named = text.replace("in Sidakan", "in Sidakan in Erbil province")
    place = geo.locate(named, 0, len(named))
    assert place is not None and place.admin1 == "Erbil", place
