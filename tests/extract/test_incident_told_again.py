"""An incident told again later in a long story (issue 12, killed on the real-news pool).

Codebook 1: the same incident told twice in one article is one incident. Two tellings
the grouping used to keep apart: one that names its event by the day it happened
("killed in Friday's fighting") with no place of its own, and a report dated by its own
day ("police on Saturday identified one of the attackers") that names the attack of the
day before again. A suicide bomber's own death is added to a toll of his victims even
when the sentence also gives a running toll over a period. Texts written for these
tests (wire style, Iraq and Lebanon).
"""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

# Background paragraphs, so that the test articles are long ones (a short note tells one
# event and is grouped as one by another rule).
BACKGROUND = (
    "\n\nThe factions have traded accusations for months over control of the main roads "
    "and the aid offices, and mediators from the neighbouring towns have met the leaders "
    "of both sides several times without an agreement.\n\nResidents say the schools have "
    "stayed shut for most of the spring, and shopkeepers complain that customers no longer "
    "come from outside.\n\nThe national government has little say over the camps, which "
    "are run by committees of the factions under agreements reached decades ago."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(extractor: Extractor, text: str, published: str) -> list[Incident]:
    return extractor.extract(Article(article_id="told-again", text=text, published_at=published))


def _killed(incidents: list[Incident]) -> list[int]:
    return sorted(i.fatalities.best or 0 for i in incidents if i.fatalities is not None)


def test_a_death_in_fridays_fighting_is_the_fight_told_on_friday(extractor: Extractor) -> None:
    # The last telling names no place of its own (the agency's country is a speaker's),
    # and gives a toll of its own: only the day it names ties it to Friday's gunfight.
    text = (
        "BEIRUT - A man was killed and several people were hurt late on Friday in a "
        "refugee camp in northern Lebanon when a quarrel between two rival factions turned "
        "into a gunfight, local media said.\n\n"
        "On Tuesday, a shopkeeper was shot dead in the same camp in a dispute between "
        "the same groups.\n\n"
        "Local official Samir Haddad died in Friday's fighting between armed men of the "
        "two factions, Lebanon's state news agency reported." + BACKGROUND
    )
    found = _extract(extractor, text, "2016-04-09")  # a Saturday
    friday = [i for i in found if i.event_date == "2016-04-08"]
    assert len(friday) == 1, [(i.event_date, i.fatalities) for i in found]
    assert friday[0].fatalities is not None and friday[0].fatalities.best == 1
    # The Tuesday killing is another incident, with its own toll.
    assert [i.fatalities.best for i in found if i.event_date == "2016-04-05" and i.fatalities] == [
        1
    ]
    # Without the rule the last telling stands alone: a second Friday incident.
    off = Extractor(nlp=extractor.nlp, disabled_rules=["an event named by its day"])
    art = Article(article_id="told-again", text=text, published_at="2016-04-09")
    assert len([i for i in off.extract(art) if i.event_date == "2016-04-08"]) == 2


def test_a_day_named_event_at_another_place_stays_apart(extractor: Extractor) -> None:
    text = (
        "KIRKUK, Iraq - A roadside bomb killed two soldiers on a road south of Kirkuk on "
        "Friday, security sources said.\n\n"
        "In Basra, a policeman was killed in Friday's shooting at a checkpoint in the "
        "city centre, police said." + BACKGROUND
    )
    found = _extract(extractor, text, "2016-04-09")
    assert _killed(found) == [1, 2]


def test_an_attacker_identified_the_next_day_is_the_attack_told(extractor: Extractor) -> None:
    text = (
        "KIRKUK, Iraq - A suicide bomber blew himself up at a Shi'ite mosque in Kirkuk on "
        "Friday, killing six worshippers and wounding 20, police said.\n\n"
        "Officials in Baghdad said security would be tightened at places of worship "
        "before the religious holiday next week.\n\n"
        "The interior ministry on Saturday identified the bomber in Kirkuk as a "
        "24-year-old local man, who detonated an explosive belt at the mosque gate." + BACKGROUND
    )
    found = _extract(extractor, text, "2016-04-10")  # a Sunday
    assert len(found) == 1, [(i.event_date, i.fatalities) for i in found]
    [inc] = found
    assert inc.event_date == "2016-04-08"
    assert inc.sub_event_type == "Suicide bomb"
    # Six victims and the bomber (codebook 5).
    assert inc.fatalities is not None and inc.fatalities.best == 7
    assert inc.perpetrator_fatalities is not None and inc.perpetrator_fatalities.best == 1


def test_a_report_of_the_next_day_without_a_back_reference_is_news_of_its_own(
    extractor: Extractor,
) -> None:
    text = (
        "KIRKUK, Iraq - A roadside bomb killed two soldiers in Kirkuk on Friday, police "
        "said.\n\n"
        "Officials in Baghdad said security would be tightened before the holiday.\n\n"
        "Police on Saturday said gunmen had shot dead a teacher outside his home in "
        "Kirkuk." + BACKGROUND
    )
    found = _extract(extractor, text, "2016-04-10")
    assert _killed(found) == [1, 2]


def test_a_running_toll_beside_the_attack_does_not_hide_the_bomber(extractor: Extractor) -> None:
    text = (
        "KIRKUK, Iraq - On Friday a suicide attack at a mosque in Kirkuk killed four "
        "people and wounded 11, the latest in a wave of bombings that have left over 40 "
        "dead in the past year, police said.\n\n"
        "The bomber detonated an explosive vest at the gate as worshippers left the "
        "evening prayer." + BACKGROUND
    )
    [inc] = _extract(extractor, text, "2016-04-09")
    assert inc.fatalities is not None and inc.fatalities.best == 5
    assert inc.perpetrator_fatalities is not None and inc.perpetrator_fatalities.best == 1


def test_people_taken_meanwhile_are_an_incident_of_their_own(extractor: Extractor) -> None:
    text = (
        "KIRKUK, Iraq - Security forces retook a bank in Kirkuk on Saturday from gunmen "
        "who had seized it on Friday evening, police said.\n\n"
        "A police spokesman put the death toll at 14 and said about 60 hostages had been "
        "freed.\n\n"
        "Officials said about 20 people had been wounded and that three gunmen were killed."
        "\n\n"
        "Meanwhile, a doctor and his wife were kidnapped overnight in the east near the "
        "border with Iran, the interior ministry said." + BACKGROUND
    )
    found = _extract(extractor, text, "2016-04-09")
    taken = [i for i in found if i.sub_event_type == "Abduction/forced disappearance"]
    assert len(taken) == 1 and len(found) == 2, [(i.sub_event_type, i.fatalities) for i in found]
    # The dead and wounded of the bank stay with the bank, not with the kidnapping.
    assert taken[0].fatalities is None or not taken[0].fatalities.best
    assert taken[0].injuries is None or not taken[0].injuries.best
    [bank] = [i for i in found if i is not taken[0]]
    assert bank.fatalities is not None and bank.fatalities.best == 17  # 14 and three gunmen


def test_a_state_that_strikes_is_no_place_and_its_strike_is_told_by_its_day(
    extractor: Extractor,
) -> None:
    # The lead names only the striking state; the next paragraph gives the day and the
    # area ("Wednesday's air strikes in northern Syria"): one incident, in Syria.
    text = (
        "WASHINGTON - Russia carried out a second air strike on a rebel camp, including "
        "fighters trained by the United States, after Washington asked Moscow to hold "
        "off, a U.S. defence official said on Thursday.\n\n"
        "The official said several rebel fighters were killed in Wednesday's air strikes in "
        "northern Syria." + BACKGROUND
    )
    found = _extract(extractor, text, "2016-06-16")  # a Thursday
    assert len(found) == 1, [(i.event_date, i.location) for i in found]
    [inc] = found
    assert inc.country is not None and inc.country.code == "SY"
    assert inc.event_date == "2016-06-15"
    assert inc.fatalities is not None and inc.fatalities.best == 3  # "several" (codebook 5)
    assert inc.actor1 is not None and "Russia" in inc.actor1.name
