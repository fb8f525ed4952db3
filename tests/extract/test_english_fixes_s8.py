"""Small English fixes of session 8 (issue 12), each on text written for these tests
(wire style, Iraq): a toll update told as "bringing the death toll to N" and the like
(codebook 5: an update replaces the earlier figure), ..."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident
from incidentwatch.resolve.merge import toll_updated


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(ex: Extractor, text: str, published: str = "2016-03-07") -> list[Incident]:
    return ex.extract(Article(article_id="s8", text=text, published_at=published))


# ---------------------------------------------------------------- toll updates


@pytest.mark.parametrize(
    "words",
    [
        "bringing the death toll to 10",
        "raising the death toll to 10",
        "taking the toll to 10",
        "bringing the number of dead to 10",
        "the death toll has climbed to 10",
    ],
)
def test_update_words_are_one_definition_for_merge_and_extraction(words: str) -> None:
    text = f"Two more victims died on Sunday, {words}, officials said."
    at = text.index("10")
    assert toll_updated(text, [(at, at + 2)])


def test_deaths_told_with_the_updated_toll_are_inside_it(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "MOSUL, Iraq (Reuters) - Gunmen opened fire on a police checkpoint in Mosul on "
        "Saturday, killing eight policemen. Two of the wounded died in hospital on Sunday, "
        "bringing the death toll to 10, police said.",
    )
    assert len(incidents) == 1, [i.summary for i in incidents]
    [inc] = incidents
    # Not 8 + 2 + 10, nor 2 + 10: the update counts the two who died.
    assert inc.fatalities.best == 10
    told = {e.text for e in inc.evidence if e.field == "fatalities"}
    assert "10" in told and "eight" not in told


def test_a_fifth_victim_bringing_the_number_of_dead_to_five(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "KIRKUK, Iraq (Reuters) - Militants attacked an army post south of Kirkuk on "
        "Thursday, killing four soldiers. A fifth soldier died of his wounds later, bringing "
        "the number of dead to five, an army officer said.",
    )
    assert inc.fatalities.best == 5


def test_an_update_on_a_later_day_updates_the_incident_told(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "RAMADI, Iraq (Reuters) - Islamic State fighters shelled a village near Ramadi on "
        "Tuesday, killing six civilians, local officials said. Rescuers pulled two more "
        "bodies from the rubble on Wednesday, raising the death toll to eight.",
    )
    assert len(incidents) == 1, [i.summary for i in incidents]
    [inc] = incidents
    assert inc.fatalities.best == 8
    assert inc.event_date == "2016-03-01"  # the shelling's Tuesday, not the update's day


def test_an_update_told_alone_after_its_incident(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAQUBA, Iraq (Reuters) - A car bomb went off near a crowded market in Baquba on "
        "Friday, killing nine people, police said. The death toll has climbed to 14, a "
        "hospital source said on Sunday.",
    )
    assert len(incidents) == 1, [i.summary for i in incidents]
    [inc] = incidents
    assert inc.fatalities.best == 14
    assert inc.event_date == "2016-03-04"


def test_a_new_attack_told_with_update_words_stays_apart(extractor: Extractor) -> None:
    # The second sentence has a deed of its own: the update words don't make it a retelling.
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - A car bomb killed five people in Baghdad's Shaab district on "
        "Monday, police said.\n\nOn Tuesday, a suicide bomber blew himself up at a checkpoint "
        "in Hilla, killing 12 people and raising the toll from two days of attacks to 17.",
    )
    assert len(incidents) == 2, [i.summary for i in incidents]


# ---------------------------------------------------------------- a city's airport


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "Two explosions shook Baghdad's international airport on Monday, killing three "
            "security guards, police said.",
            "Baghdad",
        ),
        ("A rocket struck Erbil's airport on Sunday, wounding two workers.", "Erbil"),
        ("Gunmen stormed Kabul's main airport on Friday and killed five guards.", "Kabul"),
    ],
)
def test_a_city_whose_airport_is_hit_is_the_place(
    extractor: Extractor, text: str, city: str
) -> None:
    # Rule "possessed site": "Baghdad's airport" is a site of the city, not a government
    # speaking ("Baghdad's statement"), whatever verb comes before the city.
    [inc] = _extract(extractor, text)
    assert inc.location is not None and inc.location.name == city
    told = {e.text for e in inc.evidence if e.field == "location"}
    assert city in told


# ---------------------------------------------------------------- a common word opening


def test_a_common_word_opening_a_sentence_is_no_place(extractor: Extractor) -> None:
    text = "Car bombs killed 12 people in a market in Hilla on Monday, police said."
    [inc] = _extract(extractor, text)
    assert inc.country is not None and inc.country.code == "IQ"
    assert inc.location is not None and "Hil" in inc.location.name
    # Switched off, "Car" is read as a Philippine region and pulls the place away.
    off = Extractor(nlp=extractor.nlp, disabled_rules=["a common word opening a sentence"])
    [was] = off.extract(Article(article_id="s8", text=text, published_at="2016-03-07"))
    assert was.country is not None and was.country.code != "IQ"


def test_the_rule_on_its_own_example(extractor: Extractor) -> None:
    from incidentwatch.extract.registry import rules_of
    from incidentwatch.extract.stages.place import common_words_lowered
    from incidentwatch.records import Place

    [r] = rules_of("place-word")
    text, word = r.example
    doc = extractor.nlp(text)
    assert r(doc[0], Place(name="Cordillera Administrative"), extractor.dictionary, extractor.pack)
    # Read by its own name ("Hilla" as Hilla), a place stays a place.
    assert not r(doc[0], Place(name=word), extractor.dictionary, extractor.pack)
    lowered = common_words_lowered(
        extractor, doc, text, [Place(name="Cordillera Administrative", start=0, end=3)]
    )
    assert lowered == "car" + text[3:]


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Aleppo residents said a barrel bomb killed seven people on Monday.", "Aleppo"),
        ("Hit police said militants killed four soldiers at a checkpoint on Monday.", "Hīt"),
        ("Tikrit residents said a roadside bomb killed three people on Monday.", "Tikrit"),
        ("Herat police said gunmen killed two guards on Monday.", "Herat"),
    ],
)
def test_a_city_opening_a_sentence_stays_a_place(
    extractor: Extractor, text: str, city: str
) -> None:
    [inc] = _extract(extractor, text)
    assert inc.location is not None and inc.location.name == city


# ---------------------------------------------------------------- a list of three places


def test_a_toll_over_three_places_is_one_incident_each(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - Bombs exploded in Kirkuk, Hilla and Basra on Monday, killing "
        "30 people, police said.",
    )
    places = sorted(i.location.name for i in incidents if i.location is not None)
    assert places == ["Al Hillah", "Basra", "Kirkuk"], places
    # Codebook 1: a toll told over places is divided evenly, the remainder to the first.
    assert sorted(i.fatalities.best or 0 for i in incidents) == [10, 10, 10]
