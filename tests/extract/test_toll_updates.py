"""Toll updates and lead totals (issue 12). Codebook 5: "a later report that updates a
toll replaces the earlier figure". An update told alone is the incident it refers to, dated by the
reference ("Saturday's bombing"), not by the day of the update; an update told after the
incident in the same article replaces its figure instead of making a second incident.
A lead total over several attacks is no part's toll; victims of a breakdown of the dead
are among them, not more. Texts written for these tests (wire style, Iraq and Syria)."""

from __future__ import annotations

import pytest

from incidentwatch.extract import numbers as num
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article, Incident

# Background paragraphs of a wire story, so that the test articles are long ones (a
# short note tells one event and is grouped as one).
BACKGROUND = (
    "\n\nIraq's government has struggled to secure the capital and the south since Islamic "
    "State seized large parts of the north and west of the country in 2014. The prime "
    "minister has promised to retake Mosul, the militants' main stronghold in Iraq, before "
    "the end of the year.\n\nThe United Nations says thousands of civilians have fled the "
    "fighting in recent months, and aid agencies have warned that camps near the front lines "
    "are already full.\n\nWestern diplomats in the capital say a standoff in parliament over "
    "a cabinet reshuffle has distracted the government from the war effort. Oil revenues, "
    "which make up most of the state budget, have fallen sharply since prices collapsed."
    "\n\nSecurity officials say the militants have turned to bombings in government-held "
    "cities as they lose ground on the battlefield, and checkpoints have been added on the "
    "main roads into the capital."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(extractor: Extractor, text: str, published: str = "2016-03-07") -> list[Incident]:
    art = Article(article_id="updates", text=text, published_at=published)
    return extractor.extract(art)


def test_a_lone_update_is_the_incident_it_names_dated_by_its_reference(
    extractor: Extractor,
) -> None:
    [inc] = _extract(
        extractor,
        "BAGHDAD (Reuters) - The death toll from Saturday's suicide bombing at a crowded "
        "vegetable market in Hilla rose to 60 on Monday, police and hospital sources said.\n\n"
        "Islamic State claimed responsibility in a statement posted online.",
    )
    assert inc.fatalities.best == 60
    assert inc.event_date == "2016-03-05"  # Saturday, not the Monday of the update
    assert inc.sub_event_type == "Suicide bomb"
    assert inc.location is not None and "Hil" in inc.location.name
    told = {e.text for e in inc.evidence if e.field == "fatalities"}
    assert "60" in told


def test_an_update_with_has_risen_and_a_report_day(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "BAGHDAD (Reuters) - The death toll from a car bomb at a Shi'ite mosque in Baghdad's "
        "Shaab district on Friday has risen to 31, the interior ministry said on Monday.",
    )
    assert inc.fatalities.best == 31
    assert inc.event_date == "2016-03-04"


def test_an_update_later_in_the_article_replaces_the_first_toll(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "TIKRIT, Iraq (Reuters) - A car bomb exploded at an army checkpoint in Tikrit on "
        "Saturday, killing seven soldiers, police said.\n\n"
        "The Iraqi army has been fighting Islamic State in Salahuddin province for months.\n\n"
        "The death toll from the Tikrit attack rose to 12 on Monday, a hospital source said.",
    )
    assert len(incidents) == 1, [i.summary for i in incidents]
    [inc] = incidents
    assert (inc.event_date, inc.fatalities.best) == ("2016-03-05", 12)


def test_a_running_war_toll_that_rises_stays_background(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BEIRUT (Reuters) - The death toll from Syria's five-year civil war has risen to more "
        "than 270,000 people, a monitoring group said on Monday.",
    )
    assert incidents == []


def test_a_trend_that_rises_is_still_a_trend(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - Bombings have increased across the capital in recent months, "
        "officials said on Monday.",
    )
    assert incidents == []


def test_an_update_with_its_day_before_the_figure(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "KIRKUK, Iraq (Reuters) - The death toll from a suicide attack on a Shi'ite funeral "
        "tent in the town of Tuz Khurmato on Saturday rose on Monday to 19, a local official "
        "said.",
    )
    assert (inc.event_date, inc.fatalities.best) == ("2016-03-05", 19)


def test_a_lead_total_is_not_the_toll_of_the_part_told_after_it(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - Bombings killed at least 25 people across Iraq on Sunday. A car "
        "bomb exploded at a market in Baghdad's Sadr City, killing 15 people, police said. In "
        "Hilla, a suicide bomber blew himself up at a checkpoint, killing 10, police said."
        + BACKGROUND,
    )
    tolls = sorted((i.location.name if i.location else "", i.fatalities.best) for i in incidents)
    # Baghdad's part keeps its own 15, not the 25 over the whole country; Hilla has its 10
    # and the bomber (codebook 5).
    assert [t for _p, t in tolls] == [11, 15], tolls


def test_victims_of_a_breakdown_are_among_the_dead(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "BAGHDAD (Reuters) - Four bombs hit markets in Baghdad on Sunday, killing 20 people, "
        "police said. Most of the dead were shoppers, though a police captain and two guards "
        "were also killed." + BACKGROUND,
    )
    assert inc.fatalities.best == 20


def test_victims_also_killed_in_a_sentence_of_their_own_still_add(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == "victims of a breakdown"]
    text = (
        "A bomb killed 20 people at a market in Baghdad on Sunday. Two policemen were also "
        "killed at a checkpoint nearby."
    )
    doc = extractor.nlp(text)

    def toll(words: str, n: int) -> num.Casualties:
        s = text.index(words)
        return num.Casualties(
            n, None, None, ((s, s + len(words)),), figure_spans=((s, s + len(words)),)
        )

    assert not r(doc, toll("Two policemen", 2), toll("20 people", 20), extractor.pack)


def test_a_victim_named_again_whose_nationality_was_tagged_an_adjective(
    extractor: Extractor,
) -> None:
    # In the list the parser tags "Iranian" an adjective, alone a noun: still the same man.
    [inc] = _extract(
        extractor,
        "Police said the bombing at a market in Kirkuk killed four Kurds and an Iranian and "
        "wounded 30 others on Sunday. An Iranian was also killed, officials said.",
    )
    assert inc.fatalities.best == 5


def test_a_killed_attacker_described_after_a_comma_is_a_perpetrator(extractor: Extractor) -> None:
    from incidentwatch.extract.stages.figures import attackers_only

    text = (
        "The gunman, identified by a police source as a 25-year-old man from Basra, was also "
        "killed in an exchange of fire."
    )
    doc = extractor.nlp(text)
    end = text.index(", was")
    assert attackers_only(extractor, doc, 0, end)
    # A list that names victims beside the attacker is no count of attackers only.
    text = "The gunman and two policemen were killed in an exchange of fire."
    doc = extractor.nlp(text)
    assert not attackers_only(extractor, doc, 0, text.index(" were"))


def test_a_toll_told_beside_a_denied_doer_is_reported(extractor: Extractor) -> None:
    # The army denies flying the strikes; the writer reports the deaths as fact.
    [inc] = _extract(
        extractor,
        "BEIRUT (Reuters) - The Syrian army denied it had carried out air strikes on a camp for "
        "displaced people near Sarmada on Thursday which killed at least 30 people, but a "
        "monitoring group said government jets were responsible.",
    )
    assert (inc.event_date, inc.fatalities.best) == ("2016-03-03", 30)


def test_a_denied_killing_stays_background(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - The interior ministry denied reports that a car bomb had killed "
        "12 people in Hit on Monday.",
    )
    assert incidents == []


def test_a_breakdown_of_the_wounded_stays_with_the_incident_that_counted_the_dead(
    extractor: Extractor,
) -> None:
    # A live blog, newest entry first: the breakdown of the wounded after the first toll
    # does not open a second incident that the older entry's toll then joins.
    incidents = _extract(
        extractor,
        "1:05 a.m.\n\nThe governor of Baghdad says two suicide bombers blew themselves up at "
        "a shopping mall in Baghdad, killing 14 people.\n\nHe says many of the dozens "
        "wounded at the mall in Baghdad have minor injuries.\n\n12:30 a.m.\n\nA police "
        "officer says at least 10 people were killed and 40 wounded in Baghdad." + BACKGROUND,
    )
    assert len(incidents) == 1, [i.summary for i in incidents]
    # The latest entry's toll, with the two bombers (codebook 5).
    assert incidents[0].fatalities.best == 16


def test_the_attacking_groups_own_dead_are_perpetrator_fatalities(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "BAIJI (Reuters) - Islamic State militants attacked an army post near Baiji on "
        "Sunday, and the clashes that followed killed 12 soldiers and 20 militants, an army "
        "officer said.",
    )
    # The toll is both sides (codebook 5); the attackers' side is told again apart.
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (32, 20)
    told = {e.text for e in inc.evidence if e.field == "perpetrator_fatalities"}
    assert "20 militants" in told


def test_militants_killed_by_a_force_that_attacked_them_are_no_perpetrators(
    extractor: Extractor,
) -> None:
    [inc] = _extract(
        extractor,
        "BAIJI, Iraq (Reuters) - Iraqi troops raided a militant hideout near Baiji on Sunday, "
        "killing 20 militants, an army officer said.",
    )
    assert inc.fatalities.best == 20
    assert not inc.perpetrator_fatalities.best


def test_a_count_of_attacks_that_rises_is_a_trend(extractor: Extractor) -> None:
    from incidentwatch.extract.rules.counting import toll_update_verb

    doc = extractor.nlp("The number of bombings in the province rose to 40 this month.")
    verb = next(t for t in doc if t.lemma_ == "rise")
    assert not toll_update_verb(verb, extractor.pack)
    doc = extractor.nlp("The number of dead from the bombing in Hilla rose to 60.")
    verb = next(t for t in doc if t.lemma_ == "rise")
    assert toll_update_verb(verb, extractor.pack)


def test_a_toll_of_history_beside_an_accusation_stays_background(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - The cleric was accused with others over the bombing of a hotel "
        "in Amman which killed 57 people.",
    )
    assert all(not i.fatalities.best for i in incidents), [i.summary for i in incidents]


def test_no_one_injured_is_nobody(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "A roadside bomb exploded near a church in Kirkuk on Sunday, but no one was injured, "
        "police said.",
    )
    assert not inc.injuries.best and not inc.fatalities.best
