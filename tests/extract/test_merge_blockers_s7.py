"""Extraction errors that keep two outlets' reports of one event apart (issue 12, merging,
session 7): a breaking report of a siege typed as a bomb, and a retelling whose place was
carried over from a background sentence. Each test is on text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PUB = "2016-03-11"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, *names: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=list(names))


def _all(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="blockers-s7", text=text, published_at=PUB))


def _one(ex: Extractor, text: str) -> Incident:
    incs = _all(ex, text)
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


# ---------------------------------------------------------------- explosives that open a siege

STORMED = (
    "Two car bombs went off outside the Serena hotel in Kabul on Friday before masked "
    "gunmen stormed it and fired at guests in the lobby."
)
HOSTAGES = (
    "Gunmen detonated explosives and took dozens of diners hostage at a cafe in Jalalabad "
    "on Friday night, then opened fire on the police who surrounded the building."
)


@pytest.mark.parametrize("text", [STORMED, HOSTAGES])
def test_explosives_that_open_a_siege_do_not_type_it(extractor: Extractor, text: str) -> None:
    inc = _one(extractor, text)
    assert inc.event_type != "Explosions/Remote violence", inc.sub_event_type
    assert inc.sub_event_type in ("Attack", "Armed clash")


@pytest.mark.parametrize("text", [STORMED, HOSTAGES])
def test_without_the_rule_the_siege_is_a_bombing(extractor: Extractor, text: str) -> None:
    inc = _one(_without(extractor, "explosives that open a siege"), text)
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_attackers_who_storm_then_detonate_their_bombs_made_a_bombing(
    extractor: Extractor,
) -> None:
    # The bombs go off after the storming, set off by those who stormed: a bombing.
    inc = _one(
        extractor,
        "Six attackers stormed the gate of a government compound in Ghazni on Tuesday and "
        "detonated their explosives, killing four guards.",
    )
    assert inc.event_type == "Explosions/Remote violence", inc.sub_event_type


def test_a_bomb_before_a_raid_in_another_sentence_stays_a_bomb(extractor: Extractor) -> None:
    # The storming is told of another place and time in its own sentence: the bomb of
    # the first sentence still types its incident.
    incs = _all(
        extractor,
        "A roadside bomb struck a police patrol in Tikrit on Thursday, killing two officers. "
        "Troops later stormed a farmhouse in Samarra.",
    )
    tikrit = [i for i in incs if i.location and i.location.name == "Tikrit"]
    assert tikrit and tikrit[0].sub_event_type == "Remote explosive/landmine/IED"


# ---------------------------------------------------------------- a retelling with a borrowed place

# A breaking report: the lead dates and places the attack; a background paragraph names
# another country; the witnesses' sentence after it names no place, day or figure.
BREAKING = (
    "Gunfire and explosions were heard on Friday night around the Serena hotel in central "
    "Kabul, the capital of Afghanistan, according to police and local television.\n\n"
    "Several cars were burning in the street outside, and police blocked the roads "
    "leading to the hotel while ambulances waited nearby.\n\n"
    "It was not clear who was behind the assault, but militants have attacked hotels before "
    "in neighbouring Pakistan, including a raid on a luxury hotel there in April of last "
    "year.\n\n"
    "Witnesses told local radio that two car bombs exploded outside the hotel before it was "
    "stormed by masked gunmen.\n\n"
    "The United Nations mission said it was following the situation closely and urged its "
    "staff to stay indoors. The government said it would give more details in the "
    "morning, and the interior minister called an emergency meeting of the security "
    "council for the following day. Flights out of the city's airport were not affected, "
    "an official said. Schools in the capital will stay closed on Saturday, and the "
    "education ministry told parents to keep their children at home until the roads are "
    "open again."
)


def test_a_retelling_with_a_borrowed_place_joins_the_dated_incident(
    extractor: Extractor,
) -> None:
    incs = _all(extractor, BREAKING)
    assert len(incs) == 1, [i.summary for i in incs]
    inc = incs[0]
    assert inc.country is not None and inc.country.code == "AF"
    # The witnesses' words joined it (evidence from their sentence), and their storming
    # types the attack, not the bombs.
    start = BREAKING.index("Witnesses told")
    end = BREAKING.index("\n", start)
    assert any(start <= e.start < end for e in inc.evidence)
    assert inc.event_type != "Explosions/Remote violence", inc.sub_event_type


def test_without_the_rule_the_witnesses_telling_stands_apart(extractor: Extractor) -> None:
    # "a retelling with no place or day" (session 8) would also join it: both are off.
    off = _without(
        extractor, "a retelling with a borrowed place", "a retelling with no place or day"
    )
    incs = _all(off, BREAKING)
    afghan = [i for i in incs if i.country and i.country.code == "AF"]
    assert afghan
    assert all(i.sub_event_type == "Remote explosive/landmine/IED" for i in afghan)


def test_two_dated_incidents_of_the_kind_leave_the_retelling_alone(
    extractor: Extractor,
) -> None:
    # Two dated bombings: which of them the witnesses tell can't be said, so their
    # storming joins neither and the Kabul blast stays a bombing.
    two = BREAKING.replace(
        "It was not clear who",
        "A bomb also exploded outside a guesthouse in Jalalabad on Thursday night, police "
        "said.\n\nIt was not clear who",
    )
    incs = _all(extractor, two)
    kabul = [i for i in incs if i.location and i.location.name == "Kabul"]
    assert len(kabul) == 1, [i.summary for i in incs]
    assert kabul[0].sub_event_type == "Remote explosive/landmine/IED"


# ---------------------------------------------------------------- an assault and fire from afar

FILLER = (
    "\n\nThe province has changed hands several times since the war began, and aid groups "
    "say tens of thousands of people have left for camps in the countryside. Talks on a "
    "truce are due to resume next week abroad, where envoys from both sides have met twice "
    "this year without agreeing on a ceasefire for the province.\n\nA spokesman for the "
    "governor said schools and markets would stay shut for the rest of the week, and "
    "that the roads to the coast remained open to civilian traffic during daylight hours. "
    "The United Nations said it was sending food and medicine to the area and urged all "
    "sides to let the convoys through. Residents said bread had become scarce and prices "
    "had doubled since the start of the month, and that many families now rely on the "
    "charity kitchens that local mosques and churches run in the old quarter. The "
    "electricity company said power would be cut for four hours a day until the main "
    "line to the north is repaired."
)
TWO_DEEDS = (
    "Militants launched an assault on an army post in Hama on Monday and fired rockets on "
    "a school in the city, a monitoring group said." + FILLER
)


def test_an_assault_and_rocket_fire_in_one_sentence_are_two_incidents(
    extractor: Extractor,
) -> None:
    incs = _all(extractor, TWO_DEEDS)
    kinds = sorted((i.event_type or "", i.sub_event_type or "") for i in incs)
    assert len(incs) == 2, kinds
    assert ("Explosions/Remote violence", "Shelling/artillery/missile attack") in kinds
    assert any(t != "Explosions/Remote violence" for t, _ in kinds)
    # The rocket fire shares the sentence's day (Monday before the Friday filing).
    assert {i.event_date for i in incs} == {"2016-03-07"}


@pytest.mark.parametrize("name", ["an assault and fire from afar", "two deeds told apart"])
def test_without_either_rule_the_sentence_is_one_incident(extractor: Extractor, name: str) -> None:
    assert len(_all(_without(extractor, name), TWO_DEEDS)) == 1


def test_a_storming_and_a_bomb_stay_one_attack(extractor: Extractor) -> None:
    # A bomb is neither a ground fight nor fire from afar: one complex attack.
    text = (
        "Gunmen stormed a police station in Ramadi on Monday and detonated a car bomb at "
        "its gate, police said." + FILLER
    )
    assert len(_all(extractor, text)) == 1


def test_a_note_with_two_deeds_is_one_event(extractor: Extractor) -> None:
    # A note (ACLED, RAND) codes one event per note.
    assert len(_all(extractor, TWO_DEEDS.split("\n\n")[0])) == 1
