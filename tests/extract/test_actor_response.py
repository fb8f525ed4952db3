"""Who acted when a force answers an attack, a speaker's title, protesters who turn
violent, a suicide attack only asked about (issue 12, actors and types; codebook 3, 4 and
5a). Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PUB = "2016-05-10"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="response", text=text, published_at=PUB))
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def _name(actor: object) -> str | None:
    return getattr(actor, "name", None)


def test_police_who_shoot_the_attackers_answer_their_attack(extractor: Extractor) -> None:
    text = "Police shot dead two attackers who opened fire on a checkpoint in Ramadi on Sunday."
    inc = _one(extractor, text)
    assert _name(inc.actor1) == "Unidentified Armed Group (Iraq)"
    assert _name(inc.actor2) == "Police Forces of Iraq"
    # The attackers fought the police: a battle between armed sides, not an attack on
    # civilians.
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")
    off = _one(_without(extractor, "a force that shoots the attackers responds"), text)
    assert _name(off.actor1) == "Police Forces of Iraq"


def test_soldiers_who_respond_to_a_gunman_are_acted_upon(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A gunman fired on an army patrol near Baquba on Tuesday and soldiers shot the "
        "gunman dead.",
    )
    assert _name(inc.actor1) == "Unidentified Armed Group (Iraq)"
    assert _name(inc.actor2) == "Military Forces of Iraq"


def test_troops_who_raid_militants_still_initiate(extractor: Extractor) -> None:
    # Militants are a side, not the ones who attacked: the troops' raid is theirs.
    inc = _one(
        extractor, "Soldiers killed 12 militants in a raid on a hideout near Mosul on Sunday."
    )
    assert _name(inc.actor1) == "Military Forces of Iraq"


def test_a_speakers_police_title_is_not_the_doer(extractor: Extractor) -> None:
    text = (
        "Rashid Karim, a senior police official, said a roadside bomb killed three farmers "
        "near Kirkuk on Sunday."
    )
    inc = _one(extractor, text)
    assert _name(inc.actor1) == "Unidentified Armed Group (Iraq)"
    assert _name(inc.actor2) != "Police Forces of Iraq"


def test_a_police_officer_who_is_the_subject_still_acts(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A police officer shot dead a shepherd near Kirkuk on Sunday, the governor said.",
    )
    assert _name(inc.actor1) == "Police Forces of Iraq"


def test_protesters_who_storm_a_building_riot(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "At least four people were killed when protesters stormed the parliament in Baghdad "
        "on Friday.",
    )
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")
    assert _name(inc.actor1) == "Rioters (Iraq)"
    assert inc.attack_type is None


def test_a_peaceful_march_stays_a_protest(extractor: Extractor) -> None:
    inc = _one(extractor, "Thousands of protesters marched through Basra on Friday to demand jobs.")
    assert inc.event_type == "Protests"


def test_a_suicide_attack_only_asked_about_is_a_blast(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A bus exploded in Haifa on Monday, wounding nine people. Police said it was too "
        "early to say if it was a suicide bombing.",
    )
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_a_suicide_attack_told_is_still_one(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber blew himself up at a checkpoint in Tikrit on Monday, killing six "
        "soldiers.",
    )
    assert inc.sub_event_type == "Suicide bomb"


def test_protesters_dispersed_while_a_paper_is_seized(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Riot police fired water cannon on Sunday to disperse protesters outside a television "
        "station in Izmir after the government seized control of it.",
    )
    assert (inc.event_type, inc.sub_event_type) == ("Protests", "Protest with intervention")
    assert _name(inc.actor1) == "Protesters (Turkey)"
    assert _name(inc.actor2) == "Police Forces of Turkey"


def test_protesters_shot_dead_by_troops_is_a_violent_demonstration(
    extractor: Extractor,
) -> None:
    inc = _one(
        extractor, "Soldiers shot dead three protesters in Nasiriyah on Friday, medics said."
    )
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")
    assert _name(inc.actor1) == "Rioters (Iraq)"
    assert _name(inc.actor2) == "Military Forces of Iraq"
    assert inc.fatalities.best == 3


def test_police_clashing_with_protesters_is_a_violent_demonstration(
    extractor: Extractor,
) -> None:
    inc = _one(
        extractor, "Police clashed with protesters in Basra on Tuesday, wounding twelve people."
    )
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")
    assert _name(inc.actor1) == "Rioters (Iraq)"


def test_foreign_victims_are_civilians_of_their_country(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Gunmen kidnapped three U.S. citizens and their driver in Baghdad on Friday, "
        "officials said.",
    )
    assert _name(inc.actor2) == "Civilians (United States)"


def test_victims_told_as_foreigners_are_international(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Gunmen stormed a hotel in Bamako on Friday night and killed 14 people, most of them "
        "foreigners.",
    )
    assert _name(inc.actor2) == "Civilians (International)"


def test_people_of_the_incidents_country_stay_its_civilians(extractor: Extractor) -> None:
    inc = _one(
        extractor, "A car bomb killed nine people at a market in Baquba on Sunday, police said."
    )
    assert _name(inc.actor2) == "Civilians (Iraq)"


def test_warplanes_believed_to_be_a_states_stay_its_forces(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "An air strike believed to have been carried out by Russian warplanes hit a market "
        "in Maarat al-Numan on Saturday, killing 20 people, monitors said.",
    )
    assert inc.actor1 is not None
    assert inc.actor1.name == "Military Forces of Russia"
    assert (inc.actor1.model_extra or {}).get("suspected") is True


def test_suspected_gunmen_stay_unidentified(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Five people died on Sunday in a suspected attack by Kurdish militants on a bus "
        "station in Diyarbakir.",
    )
    assert _name(inc.actor1) == "Unidentified Armed Group (Turkey)"


def test_forces_clashing_beside_a_strike_do_not_fly_it(extractor: Extractor) -> None:
    incs = extractor.extract(
        Article(
            article_id="response",
            text=(
                "Warplanes hit a bakery in Raqqa on Thursday, killing 12 people. Russian jets "
                "bombed villages near Palmyra on Thursday as Syrian government forces clashed "
                "with Islamic State fighters."
            ),
            published_at=PUB,
        )
    )
    bakery = [i for i in incs if i.fatalities.best == 12]
    assert bakery and _name(bakery[0].actor1) == "Military Forces of Russia"


def test_a_claim_of_another_days_attack_names_no_doer(extractor: Extractor) -> None:
    text = (
        "Gunmen attacked a police checkpoint in Dhaka on Thursday, killing two "
        "officers. Islamic State, which claimed responsibility for Friday's siege of a cafe "
        "in Dhaka, has threatened more attacks."
    )
    incs = extractor.extract(Article(article_id="claims", text=text, published_at="2016-07-09"))
    thursday = [i for i in incs if i.event_date == "2016-07-07"]
    assert thursday and _name(thursday[0].actor1) == "Unidentified Armed Group (Bangladesh)"


def test_a_claim_of_the_same_days_attack_names_its_doer(extractor: Extractor) -> None:
    text = (
        "Gunmen attacked a police checkpoint in Dhaka on Thursday, killing two "
        "officers. Islamic State claimed responsibility for Thursday's attack in Dhaka."
    )
    incs = extractor.extract(Article(article_id="claims", text=text, published_at="2016-07-09"))
    thursday = [i for i in incs if i.event_date == "2016-07-07"]
    assert thursday and _name(thursday[0].actor1) == "Islamic State (Bangladesh)"


def test_a_helicopter_search_is_no_air_strike(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Iraqi soldiers set up checkpoints in Mosul and sent out helicopter search parties on "
        "Sunday after a journalist went missing.",
    )
    assert inc.sub_event_type != "Air/drone strike"


def test_helicopter_gunships_still_strike(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Army helicopter gunships pounded Islamic State positions near Hit on Sunday, killing "
        "15 militants.",
    )
    assert inc.sub_event_type == "Air/drone strike"


def test_protesters_detained_by_police_are_an_intervention(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Hundreds of teachers protested in Basra on Tuesday and police detained twenty of them.",
    )
    assert inc.sub_event_type == "Protest with intervention"


def test_foreigners_named_away_from_the_toll_are_no_victims(extractor: Extractor) -> None:
    incs = extractor.extract(
        Article(
            article_id="victims",
            text=(
                "A car bomb killed nine people at a market in Baquba on Sunday. The town was "
                "once popular with foreigners."
            ),
            published_at=PUB,
        )
    )
    market = [i for i in incs if i.fatalities.best == 9]
    assert market and _name(market[0].actor2) == "Civilians (Iraq)"


def test_the_bombers_are_not_also_the_side_hit(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Officials vowed to strike back at militants after a car bomb killed 30 people in "
        "Ankara on Sunday.",
    )
    assert _name(inc.actor1) == "Unidentified Armed Group (Turkey)"
    assert _name(inc.actor2) != _name(inc.actor1)
