"""Tolls on wire stories (issue 12, session 10): a toll updated with no death word ("By
Tuesday the toll had climbed to 14") was no cue, so the update was lost and the first,
smaller figure stayed; a toll a verb raises with a long phrase between the toll and its
figure ("raised the death toll from a car bombing at a crowded market in Balad to 31")
lost its figure. Each test is on text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.stages.cues import find_cues
from incidentwatch.records import Article, Incident

PACK = get_pack("en")
PUB = "2016-10-11"  # a Tuesday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="tolls-s10", text=text, published_at=PUB))
    assert len(incs) == 1, [(i.location, i.fatalities, i.injuries) for i in incs]
    return incs[0]


def _killed(inc: Incident) -> int | None:
    return inc.fatalities.best if inc.fatalities is not None else None


# ------------------------------------------------------------ a toll told by its update

MARKET_BOMB = (
    "KIRKUK, Iraq (Reuters) - A car bomb exploded at a vegetable market in the town of "
    "Tuz Khurmatu on Sunday evening, killing six people, police said.\n\n"
    "By Monday the toll had climbed to 11, a doctor at the town's hospital said, as "
    "relatives gathered outside the morgue.\n\n"
    "No group claimed the bombing, but Islamic State has carried out similar attacks in "
    "the area in the past."
)


def test_a_bare_toll_updated_replaces_the_first_figure(extractor: Extractor) -> None:
    inc = _one(extractor, MARKET_BOMB)
    assert _killed(inc) == 11
    quoted = [e.text for e in inc.evidence if e.field == "fatalities"]
    assert "11" in quoted


def test_without_the_rule_the_first_figure_stays(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "a toll told by its update"), MARKET_BOMB)
    assert _killed(inc) == 6


@pytest.mark.parametrize(
    "text",
    [
        # a toll of another kind
        "The blockade has taken a heavy toll on the town's economy, traders said.",
        # an update with no figure brings nothing
        "Officials said the toll was likely to rise as rescuers searched the rubble.",
        # a road toll
        "The ministry raised the road toll on the highway to Basra last year.",
    ],
)
def test_a_toll_with_no_dead_or_no_figure_is_no_cue(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)
    toll = next(t for t in doc if t.lower_ == "toll")
    assert not any(c.token.i == toll.i and c.cat == "kill" for c in find_cues(extractor, doc))


def test_a_toll_put_at_a_figure_is_a_cue(extractor: Extractor) -> None:
    doc = extractor.nlp("Hospital officials later put the toll at 17.")
    toll = next(t for t in doc if t.lower_ == "toll")
    assert any(c.token.i == toll.i and c.cat == "kill" for c in find_cues(extractor, doc))


# ------------------------------------------------------------ a toll raised to its figure

RAISED = (
    "BAGHDAD (AP) - Police raised the death toll from a car bombing at a crowded market in "
    "the town of Balad to 31 on Saturday, as families buried their dead.\n\n"
    "The bomb went off on Friday evening as shoppers bought food for the weekend, a police "
    "officer said. He asked that his name be kept out of print."
)


def test_a_toll_raised_over_a_long_phrase_keeps_its_figure(extractor: Extractor) -> None:
    inc = _one(extractor, RAISED)
    assert _killed(inc) == 31
    # The update's day is no event day: the bombing keeps Friday.
    assert str(inc.event_date) == "2016-10-07"


def test_without_the_rule_the_raised_figure_is_lost(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "a toll raised to its figure"), RAISED)
    assert _killed(inc) != 31


def test_a_toll_raised_by_a_clause_after_the_deed(extractor: Extractor) -> None:
    text = (
        "IDLIB, Syria (AFP) - Rescuers on Tuesday dug more bodies out of a collapsed "
        "building in the town of Saraqib, raising the death toll from Monday's air strikes "
        "on the town's main square to 19, a monitor said.\n\n"
        "The Syrian Observatory for Human Rights said government aircraft carried out the "
        "strikes."
    )
    inc = _one(extractor, text)
    assert _killed(inc) == 19


# ------------------------------------------------ the attacking group's own dead, told apart

POST_ATTACK = (
    "BAIJI, Iraq (Reuters) - Islamic State militants attacked an army post north of Baiji "
    "before dawn on Sunday, killing 12 soldiers, an army officer said.\n\n"
    "Twenty militants were also killed in the fighting, which lasted until midday, he said."
)


def test_the_groups_dead_told_in_their_own_sentence_are_perpetrators(
    extractor: Extractor,
) -> None:
    inc = _one(extractor, POST_ATTACK)
    assert _killed(inc) == 32
    assert inc.perpetrator_fatalities is not None
    assert inc.perpetrator_fatalities.best == 20
    quoted = [e.text for e in inc.evidence if e.field == "perpetrator_fatalities"]
    assert quoted == ["Twenty militants"]


def test_without_the_rule_no_perpetrators_are_counted(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "the attacking group's own dead"), POST_ATTACK)
    assert _killed(inc) == 32
    assert inc.perpetrator_fatalities is None or inc.perpetrator_fatalities.best is None


def test_soldiers_counted_alone_are_no_perpetrators(extractor: Extractor) -> None:
    text = POST_ATTACK.replace("Twenty militants", "Two more soldiers")
    inc = _one(extractor, text)
    assert _killed(inc) == 14
    assert inc.perpetrator_fatalities is None or inc.perpetrator_fatalities.best is None


def test_the_other_sides_fighters_killed_by_the_group_are_no_perpetrators(
    extractor: Extractor,
) -> None:
    text = (
        "BEIRUT (Reuters) - Kurdish YPG fighters clashed with rebels near the town of Tal "
        "Rifaat on Friday, killing seven rebel fighters, a monitor said."
    )
    inc = _one(extractor, text)
    assert _killed(inc) == 7
    assert inc.perpetrator_fatalities is None or inc.perpetrator_fatalities.best is None


# --------------------------------------------------------------------- the other attackers

COMPOUND_ATTACK = (
    "SAMARRA, Iraq (Reuters) - Islamic State suicide bombers attacked a police compound in "
    "the city of Samarra late on Wednesday, killing nine people, police said.\n\n"
    "Two of the attackers blew themselves up at the gate and three others were shot dead "
    "by guards after a gunfight that lasted an hour, a police captain said."
)


def test_others_after_a_count_of_attackers_are_attackers(extractor: Extractor) -> None:
    inc = _one(extractor, COMPOUND_ATTACK)
    # nine victims, three attackers shot, and the bombers who blew themselves up
    assert _killed(inc) == 14
    assert inc.perpetrator_fatalities is not None
    assert inc.perpetrator_fatalities.best == 5


def test_without_the_rule_the_others_are_not_added(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "the other attackers"), COMPOUND_ATTACK)
    assert _killed(inc) != 14


def test_others_after_a_count_of_gunmen_arrested(extractor: Extractor) -> None:
    text = (
        "BAGHDAD (Reuters) - Gunmen stormed a wedding party in the village of Tarmiyah on "
        "Friday, killing six guests, police said. One of the gunmen was arrested and four "
        "others were killed in a gunfight with police."
    )
    inc = _one(extractor, text)
    assert _killed(inc) == 10
    assert inc.perpetrator_fatalities is not None
    assert inc.perpetrator_fatalities.best == 4


def test_others_after_victims_are_victims(extractor: Extractor) -> None:
    text = (
        "BAGHDAD (Reuters) - A roadside bomb hit an army patrol near the town of Tarmiyah on "
        "Friday. Three soldiers were killed and two others were wounded, police said."
    )
    inc = _one(extractor, text)
    assert _killed(inc) == 3
    assert inc.perpetrator_fatalities is None or inc.perpetrator_fatalities.best is None


def test_victims_killed_before_the_attackers_died_are_his_victims(
    extractor: Extractor,
) -> None:
    text = (
        "TIKRIT, Iraq (Reuters) - Two suicide bombers wearing police uniforms attacked a "
        "checkpoint in the city of Tikrit on Monday, killing six people before they were "
        "killed, security sources said."
    )
    inc = _one(extractor, text)
    # The toll counts their victims; the two bombers are added.
    assert _killed(inc) == 8
    assert inc.perpetrator_fatalities is not None
    assert inc.perpetrator_fatalities.best == 2


def test_others_after_gunmen_who_killed_a_count_are_victims(extractor: Extractor) -> None:
    text = (
        "MOSUL, Iraq (Reuters) - Two gunmen killed three soldiers at a checkpoint in the "
        "town of Qayyara on Sunday and two others were killed by a sniper nearby, police said."
    )
    inc = _one(extractor, text)
    assert inc.perpetrator_fatalities is None or inc.perpetrator_fatalities.best is None


# ------------------------------------------------------ the wounded told by their treatment

BAYAA = (
    "BAGHDAD (AFP) - A suicide bomber blew himself up on a shopping street in the Bayaa "
    "district of Baghdad late on Monday, killing eight people, police said.\n\n"
    "By Tuesday the toll had climbed to 14, with more than 30 people being treated for "
    "burns at a hospital in the district, a health ministry official said."
)


def test_people_counted_as_treated_are_the_wounded(extractor: Extractor) -> None:
    inc = _one(extractor, BAYAA)
    assert inc.injuries is not None
    assert inc.injuries.best == 30
    # the bare toll's update, and the bomber added to his victims
    assert _killed(inc) == 15


def test_without_the_rule_no_wounded_are_counted(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "the wounded told by their treatment"), BAYAA)
    assert inc.injuries is None or inc.injuries.best is None


@pytest.mark.parametrize(
    "text",
    [
        "Police said the attack was being treated as an act of terrorism.",
        "Doctors treated the wounded in tents outside the hospital.",
    ],
)
def test_no_count_of_people_treated_is_no_cue(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)
    treated = next(t for t in doc if t.lower_ == "treated")
    assert not any(c.token.i == treated.i for c in find_cues(extractor, doc))


# ---------------------------------------------------------------- dead of the other side

KOKJALI = (
    "MOSUL, Iraq (Reuters) - Iraqi special forces battled Islamic State militants street by "
    "street in the Zahra district of Mosul on Monday, officers said.\n\n"
    "Two members of the elite Counter Terrorism Service were killed and 11 wounded in the "
    "fighting, a colonel said by telephone. He said dozens of militants had been killed but "
    "gave no exact number."
)


def test_the_fighters_dead_add_to_the_other_sides(extractor: Extractor) -> None:
    inc = _one(extractor, KOKJALI)
    # two members of the force and "dozens" (12, codebook 5) of the militants
    assert _killed(inc) == 14


def test_without_the_rule_the_larger_toll_stands_alone(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "dead of the other side"), KOKJALI)
    assert _killed(inc) == 12


def test_a_toll_of_people_may_hold_the_fighters(extractor: Extractor) -> None:
    text = (
        "BAGHDAD (Reuters) - Islamic State militants attacked a village near the town of "
        "Baiji on Monday, and 20 people were killed in the fighting, police said. Seven "
        "militants were among the dead, a police officer said."
    )
    inc = _one(extractor, text)
    assert _killed(inc) == 20


def test_a_death_told_in_another_paragraph_is_not_added(extractor: Extractor) -> None:
    text = KOKJALI.replace(". He said dozens", ".\n\nHe said dozens")
    inc = _one(extractor, text)
    assert _killed(inc) == 12


# ------------------------------------------------------------------- how a toll grew

TUZ = (
    "KIRKUK, Iraq (Reuters) - A car bomb exploded at a vegetable market in the town of Tuz "
    "Khurmatu on Sunday evening, killing six people, police said.\n\n"
)


def test_deaths_that_raised_the_toll_are_in_it(extractor: Extractor) -> None:
    text = TUZ + "The death toll rose to 12 on Monday after six of the wounded died in hospital."
    assert _killed(_one(extractor, text)) == 12
    # without the rule the six are added to the twelve
    assert _killed(_one(_without(extractor, "deaths that raised the toll"), text)) == 18


def test_deaths_before_the_update_are_still_replaced(extractor: Extractor) -> None:
    text = TUZ + "Two of the wounded died in hospital overnight, bringing the death toll to 11."
    assert _killed(_one(extractor, text)) == 11
