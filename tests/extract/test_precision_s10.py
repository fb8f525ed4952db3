"""Records that are no incident on wire stories (issue 12, precision, session 10): an event
named by its year, a court case about an old attack, a day of remembrance, a death by
disaster or disease, and a time long past ("two years ago", "last summer"). Each rule is
checked on its own (the output changes when it is switched off) and beside a sentence it
must leave alone. Texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentwatch.extract.dates import find_dates
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PACK = get_pack("en")


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _off(ex: Extractor, *names: str) -> Extractor:
    return Extractor(nlp=ex.nlp, disabled_rules=list(names))


def _run(ex: Extractor, text: str, day: str = "2017-06-12") -> list[Incident]:
    return ex.extract(Article(article_id="wire", text=text, published_at=day))


def _kinds(incs: list[Incident]) -> list[tuple[str | None, int | None]]:
    return sorted((i.sub_event_type or "", i.fatalities.best) for i in incs)


# ---- an event named by its year -------------------------------------------------------

_VERDICT = (
    "NAJAF, Iraq (Reuters) - A criminal court on Monday sentenced four men to life in prison "
    "for a 2016 bombing near a hospital in Najaf that killed 14 people, a judicial "
    "spokesman said."
)


_RECALLED = (
    "NAJAF, Iraq (Reuters) - Security was tightened around hospitals in Najaf on Monday. "
    "A 2016 bombing near the main hospital killed 14 people."
)


def test_an_event_named_by_its_year_is_history(ex: Extractor) -> None:
    assert _run(ex, _RECALLED) == []
    assert _run(_off(ex, "an event named by its year"), _RECALLED) != []


def test_a_verdict_on_an_event_of_a_year_is_no_incident(ex: Extractor) -> None:
    assert _run(ex, _VERDICT) == []
    # Either rule alone keeps it out: the year and the court's words.
    assert _run(_off(ex, "an event named by its year"), _VERDICT) == []
    assert _run(_off(ex, "an event named by its year", "a court case"), _VERDICT) != []


def test_the_year_may_stand_on_a_name_before_the_event_noun(ex: Extractor) -> None:
    text = (
        "Police in Tikrit on Monday stepped up checks at the entrances to the city. Officials "
        "recalled the 2014 Speicher massacre, in which hundreds of cadets were killed."
    )
    assert _run(ex, text) == []


def test_a_bombing_with_a_day_and_no_year_is_news(ex: Extractor) -> None:
    text = (
        "NAJAF, Iraq (Reuters) - A bombing near a hospital in Najaf killed 14 people on "
        "Sunday, a police spokesman said."
    )
    assert _kinds(_run(ex, text)) == [("Remote explosive/landmine/IED", 14)]


# ---- a court case --------------------------------------------------------------------

_TRIAL = (
    "ISTANBUL (AP) - A Turkish court on Monday convicted nine men of the bombing of a "
    "police bus in the city's Besiktas district and sentenced them to life in prison."
)


def test_an_event_a_court_judges_is_no_incident(ex: Extractor) -> None:
    assert _run(ex, _TRIAL) == []
    assert _run(_off(ex, "a court case"), _TRIAL) != []


def test_a_bombing_outside_a_court_is_news(ex: Extractor) -> None:
    text = (
        "ISTANBUL (AP) - A car bomb exploded outside a court in the city's Besiktas district "
        "on Monday, wounding six police officers, the governor said."
    )
    assert [i.sub_event_type for i in _run(ex, text)] == ["Remote explosive/landmine/IED"]


# ---- a day of remembrance -------------------------------------------------------------

_ANNIVERSARY = (
    "HILLA, Iraq (AFP) - Hundreds of residents gathered in the main square of Hilla on "
    "Sunday to mark the anniversary of the truck bombing that killed 58 people at a "
    "checkpoint on the edge of the city."
)


def test_an_event_a_day_remembers_is_history(ex: Extractor) -> None:
    assert _run(ex, _ANNIVERSARY) == []
    assert _run(_off(ex, "a day of remembrance"), _ANNIVERSARY) != []


def test_an_attack_on_an_anniversary_is_news(ex: Extractor) -> None:
    text = (
        "HILLA, Iraq (AFP) - On the anniversary of the uprising, gunmen opened fire on a "
        "checkpoint in Hilla on Sunday, killing two policemen, officials said."
    )
    assert _kinds(_run(ex, text)) == [("Armed clash", 2)]


# ---- a death by disaster or disease ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ERBIL, Iraq (Rudaw) - A fire at a plastics warehouse in Erbil killed three workers "
        "on Sunday, the civil defence directorate said.",
        "BASRA, Iraq (AP) - Nine people died of cholera in Basra province on Sunday, the "
        "health directorate said.",
        "SULAIMANI, Iraq (Kurdistan24) - Four people were killed in floods near Sulaimani on "
        "Sunday, officials said.",
        "NASIRIYA, Iraq (AP) - Six farm workers died of heatstroke near Nasiriya on Sunday as "
        "temperatures passed 50 degrees, a health official said.",
    ],
)
def test_a_death_by_disaster_or_disease_is_no_incident(ex: Extractor, text: str) -> None:
    assert _run(ex, text) == []
    assert _run(_off(ex, "a death by disaster or disease"), text) != []


@pytest.mark.parametrize(
    "text",
    [
        # A blaze set by a hand, or started by a weapon, is the attack's.
        "ERBIL, Iraq (Rudaw) - A fire started by a rocket killed three workers at a "
        "warehouse in Erbil on Sunday, officials said.",
        "KIRKUK, Iraq (Reuters) - Gunmen set fire to a house in Kirkuk on Sunday, killing "
        "two children, police said.",
        # "heavy fire" is shooting, not a blaze.
        "MOSUL, Iraq (AP) - Two soldiers were killed by heavy fire near Mosul on Sunday, "
        "an officer said.",
        # Suffocation also tells the victims of a gas attack.
        "IDLIB, Syria (Reuters) - Dozens of people died of suffocation in the town of "
        "Saraqib on Sunday, rescuers said.",
    ],
)
def test_a_fire_set_or_shot_is_left_alone(ex: Extractor, text: str) -> None:
    assert _run(ex, text) != []


# ---- a time long past -----------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "two years ago",
        "18 months ago",
        "a decade ago",
        "last summer",
        "a few months earlier",
        "on the same day last year",
        "this time last year",
    ],
)
def test_a_time_long_past_dates_the_background(phrase: str) -> None:
    sent = f"Militants stormed the town hall {phrase}."
    [d] = find_dates(sent, 0, dt.date(2017, 5, 22), PACK.dates)
    assert d.background and d.date is None
    assert sent[d.start : d.end] == phrase


def test_a_deed_told_years_ago_does_not_type_the_news(ex: Extractor) -> None:
    text = (
        "MOSUL, Iraq (AP) - Iraqi troops battled Islamic State fighters in the Old City of "
        "Mosul on Sunday, officers said.\n\n"
        "Two years ago, the militants blew up a famous shrine in the city."
    )
    assert [i.sub_event_type for i in _run(ex, text, "2017-05-22")] == ["Armed clash"]


def test_two_days_ago_is_no_time_long_past() -> None:
    sent = "Militants stormed the town hall two days ago."
    assert not any(d.background for d in find_dates(sent, 0, dt.date(2017, 5, 22), PACK.dates))


# ---- a deed dated by its year ---------------------------------------------------------

_REPORT_ON_AN_OLD_ATTACK = (
    "GENEVA (AP) - United Nations investigators have concluded that government troops "
    "carried out a toxic gas attack in 2015, according to a report seen by reporters on "
    "Friday."
)


def test_a_deed_dated_by_its_year_is_history_beside_a_report_day(ex: Extractor) -> None:
    assert _run(ex, _REPORT_ON_AN_OLD_ATTACK, "2017-03-03") == []
    off = _off(ex, "a deed dated by its year")
    assert _run(off, _REPORT_ON_AN_OLD_ATTACK, "2017-03-03") != []


def test_a_deed_dated_by_its_day_is_news(ex: Extractor) -> None:
    text = (
        "GENEVA (AP) - Government troops carried out a toxic gas attack on a village near "
        "Hama on Thursday, a monitor said on Friday."
    )
    assert _run(ex, text, "2017-03-03") != []


# ---- a weapon naming a body -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "THE HAGUE (Reuters) - Inspectors from the global chemical weapons watchdog arrived in "
        "Damascus on Friday, a spokesman said.",
        "THE HAGUE (Reuters) - Experts of the Organization for the Prohibition of Chemical "
        "Weapons began work in Damascus on Friday.",
    ],
)
def test_a_weapon_naming_a_body_is_no_weapon_used(ex: Extractor, text: str) -> None:
    assert _run(ex, text, "2017-03-03") == []
    assert _run(_off(ex, "a weapon naming a body"), text, "2017-03-03") != []


def test_a_weapon_used_beside_the_inspectors_is_kept(ex: Extractor) -> None:
    text = (
        "DAMASCUS (Reuters) - Chemical weapons were used in an attack on a village near Hama "
        "on Thursday, weapons inspectors said on Friday."
    )
    assert [i.sub_event_type for i in _run(ex, text, "2017-03-03")] == ["Chemical weapon"]


def test_the_same_day_last_year_is_no_news(ex: Extractor) -> None:
    text = (
        "DAMASCUS (AFP) - Rebel mortar rounds killed two children in the Old City of Damascus "
        "on Sunday, state media said.\n\n"
        "On the same day last year, a mortar round hit a school in the district, killing a "
        "teacher."
    )
    assert _kinds(_run(ex, text, "2017-09-18")) == [("Shelling/artillery/missile attack", 2)]


# ---- an old deed told on a report's day -----------------------------------------------

_OLD_DEED = "an old deed told on a report's day"


@pytest.mark.parametrize(
    "text",
    [
        "KIRKUK, Iraq (Reuters) - The army said on Sunday that its troops had killed 300 "
        "militants near Rawa last month.",
        "KIRKUK, Iraq (Reuters) - Police said on Sunday that gunmen kidnapped two engineers "
        "near Baiji last week.",
        "KIRKUK, Iraq (Reuters) - Officials said on Sunday that a bomb killed 12 people in a "
        "Hilla market in January.",
    ],
)
def test_a_deed_dated_in_the_background_on_a_report_day_is_history(
    ex: Extractor, text: str
) -> None:
    assert _run(ex, text, "2017-04-10") == []
    assert _run(_off(ex, _OLD_DEED), text, "2017-04-10") != []


@pytest.mark.parametrize(
    "text",
    [
        # The report's day is the only day, and nothing dates the deed in the past.
        "HILLA, Iraq (Reuters) - A car bomb killed 12 people in a Hilla market, police said on "
        "Sunday.",
        # A superlative's window measures the event, it does not date it.
        "HILLA, Iraq (Reuters) - A car bomb killed 12 people in a Hilla market, police said on "
        "Sunday, the deadliest attack in the city this year.",
        # A period's first day dates a running count, not the deed.
        "HILLA, Iraq (Reuters) - A car bomb killed 12 people in a Hilla market, police said on "
        "Sunday, the first such attack since 2016.",
    ],
)
def test_a_report_day_with_no_old_deed_is_news(ex: Extractor, text: str) -> None:
    assert _kinds(_run(ex, text, "2017-04-10")) == [("Remote explosive/landmine/IED", 12)]


# ---- a recollection, what a recording shows, a collapse -------------------------------

_RECALLED_MASSACRE = (
    "MOSUL, Iraq (AP) - Survivors of the massacre at the Badush prison recalled on Sunday how "
    "militants lined up hundreds of inmates and shot them."
)


def test_a_deed_told_as_remembered_is_history(ex: Extractor) -> None:
    assert _run(ex, _RECALLED_MASSACRE, "2017-04-10") == []
    assert _run(_off(ex, "a recollection"), _RECALLED_MASSACRE, "2017-04-10") != []


_VIDEO = (
    "RAQQA, Syria (Reuters) - Islamic State released a video on Sunday that appeared to show "
    "the execution of two Turkish soldiers captured near al-Bab in December."
)


def test_a_deed_a_video_shows_is_no_incident(ex: Extractor) -> None:
    assert _run(ex, _VIDEO, "2017-04-10") == []
    assert _run(_off(ex, "what a recording shows"), _VIDEO, "2017-04-10") != []


def test_a_deed_told_beside_a_video_is_news(ex: Extractor) -> None:
    text = (
        "RAQQA, Syria (Reuters) - Militants shot dead two Turkish soldiers near al-Bab on "
        "Sunday, the army said, after a video of the soldiers was posted online."
    )
    assert _kinds(_run(ex, text, "2017-04-10")) != []


def test_a_collapse_is_a_death_by_disaster(ex: Extractor) -> None:
    text = (
        "MOSUL, Iraq (Reuters) - Three people died on Sunday when a building that had been "
        "damaged in fighting collapsed in western Mosul, civil defence officials said."
    )
    assert _run(ex, text, "2017-04-10") == []
    assert _run(_off(ex, "a death by disaster or disease"), text, "2017-04-10") != []


def test_a_building_brought_down_by_a_bomb_is_an_attack(ex: Extractor) -> None:
    text = (
        "MOSUL, Iraq (Reuters) - Three people died on Sunday when a building collapsed after "
        "a car bomb exploded beside it in western Mosul, officials said."
    )
    assert _run(ex, text, "2017-04-10") != []


# ---- a raid with no violence ----------------------------------------------------------

_QUIET_RAIDS = (
    "ANKARA (Reuters) - Turkish police detained 120 people in operations against suspected "
    "Islamic State cells in Istanbul on Monday, state media said. No shots were fired during "
    "the raids."
)


def test_raids_with_no_shot_fired_are_arrests(ex: Extractor) -> None:
    assert [i.sub_event_type for i in _run(ex, _QUIET_RAIDS, "2017-05-15")] == ["Arrests"]
    off = _off(ex, "a raid with no violence")
    assert [i.sub_event_type for i in _run(off, _QUIET_RAIDS, "2017-05-15")] != ["Arrests"]


def test_a_blast_with_no_one_hurt_is_still_a_blast(ex: Extractor) -> None:
    text = (
        "ANKARA (Reuters) - A bomb exploded at a bus stop in Istanbul on Monday. No one was "
        "hurt in the blast, police said."
    )
    kinds = [i.sub_event_type for i in _run(ex, text, "2017-05-15")]
    assert kinds == ["Remote explosive/landmine/IED"]


def test_an_old_deed_that_explains_the_news_leaves_it_alone(ex: Extractor) -> None:
    text = (
        "On 5 March 2017 (as reported), a shopkeeper from Idlib was beaten to death in a state "
        "security jail, after guards detained him at a roadblock near Idlib four years ago."
    )
    assert [i.sub_event_type for i in _run(ex, text, "2017-03-06")] == ["Attack"]
