"""Issue 12, held-out generality: rules found by running the extractor on wire-style
stories written for this purpose (tests/extract/data/held_wire.jsonl). Every text
here is written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(ex: Extractor, text: str, pub: str = "2016-05-12") -> list[tuple[str, int | None]]:
    art = Article(article_id="held", text=text, published_at=pub)
    return [(i.sub_event_type, i.fatalities.best) for i in ex.extract(art)]


def _off(ex: Extractor, rule: str) -> Extractor:
    return Extractor(nlp=ex.nlp, disabled_rules=[rule])


# ---- background: a gathering, not a protest ---------------------------------------


def test_relatives_gathering_at_a_hospital_is_no_protest(extractor: Extractor) -> None:
    text = (
        "A roadside bomb killed four soldiers near Tarmiyah on Wednesday, officers said. "
        "Relatives gathered outside the hospital in Tarmiyah to wait for news of the wounded."
    )
    got = _extract(extractor, text)
    assert [t for t, _ in got] == ["Remote explosive/landmine/IED"], got
    off = _extract(_off(extractor, "a gathering, not a protest"), text)
    assert "Peaceful protest" in [t for t, _ in off], off


def test_a_crowd_that_rallies_with_demands_is_a_protest(extractor: Extractor) -> None:
    # No protester word: the demand makes the rally a protest.
    text = (
        "Thousands of supporters of the opposition party rallied in Basra on Friday, "
        "demanding jobs and an end to power cuts."
    )
    assert [t for t, _ in _extract(extractor, text)] == ["Peaceful protest"]


def test_a_crowd_that_rallies_with_no_sign_of_protest_is_no_incident(
    extractor: Extractor,
) -> None:
    text = "Thousands of football fans rallied in Basra on Friday after the national team won."
    assert _extract(extractor, text) == []


def test_protesters_who_gather_still_protest(extractor: Extractor) -> None:
    text = "Hundreds of protesters gathered outside the provincial council in Nasiriyah on Sunday."
    assert [t for t, _ in _extract(extractor, text)] == ["Peaceful protest"]


# ---- background: habitual present ----------------------------------------------------


def test_a_present_tense_habit_is_no_incident(extractor: Extractor) -> None:
    text = "Moscow says its jets target only militant positions in the north of the country."
    assert _extract(extractor, text) == []
    assert _extract(_off(extractor, "habitual present"), text) != []


def test_a_past_tense_strike_is_still_news(extractor: Extractor) -> None:
    text = "Russian jets targeted militant positions near Jisr al-Shughour on Monday."
    assert _extract(extractor, text) != []


def test_a_present_tense_with_a_day_is_not_taken_for_a_habit(extractor: Extractor) -> None:
    # A historic present with a day named still tells one event.
    text = "Gunmen attack a police checkpoint in Tikrit on Monday, killing two officers."
    assert _extract(extractor, text) != []


# ---- background: cumulative tolls over a war or a period ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 30,000 people have been killed in the conflict in the southeast.",
        "Security forces have killed more than 40 suspects in the same period.",
        "About 400,000 people have died in six years of war, the monitor says.",
    ],
)
def test_a_perfect_tense_toll_over_a_war_or_period_is_a_statistic(
    extractor: Extractor, sentence: str
) -> None:
    assert _extract(extractor, sentence) == []
    assert _extract(_off(extractor, "cumulative count"), sentence) != []


def test_a_war_toll_does_not_join_the_incident_told(extractor: Extractor) -> None:
    text = (
        "Gunmen shot dead a village headman near Baiji on Tuesday, police said. "
        "The attackers fled in a pickup truck. "
        "More than 30,000 people have been killed in the conflict in the province."
    )
    assert [k for _t, k in _extract(extractor, text)] == [1]


# ---- type-cue: a bomb worn is no blast ------------------------------------------------


def test_attackers_wearing_explosive_belts_who_open_fire_fight_a_clash(
    extractor: Extractor,
) -> None:
    text = (
        "Militants attacked an army post near Rutba on Thursday, killing three soldiers. "
        "The attackers, some of them wearing explosive belts, opened fire on the guards."
    )
    [(sub, _k)] = _extract(extractor, text)
    assert sub == "Armed clash"
    [(sub_off, _k)] = _extract(_off(extractor, "a bomb worn is no blast"), text)
    assert sub_off != "Armed clash"


def test_machine_guns_are_no_artillery(extractor: Extractor) -> None:
    text = (
        "Insurgents opened fire with machine guns on a police patrol in Muqdadiya on "
        "Sunday, wounding two officers."
    )
    [(sub, _k)] = _extract(extractor, text)
    assert sub == "Armed clash"


# ---- grouping: a new incident told ------------------------------------------------------


def test_elsewhere_in_the_same_city_is_a_second_incident(extractor: Extractor) -> None:
    text = (
        "Government jets bombed a market in the rebel-held east of Aleppo on Monday, killing "
        "nine people, rescue workers said. Elsewhere in the city, Kurdish fighters clashed "
        "with rebels near the old citadel, killing four fighters, a monitor said."
    )
    got = sorted(_extract(extractor, text))
    assert got == [("Air/drone strike", 9), ("Armed clash", 4)], got
    off = _extract(_off(extractor, "a new incident told"), text)
    assert len(off) == 1, off


def test_a_victim_breakdown_after_elsewhere_is_not_split(extractor: Extractor) -> None:
    # "Elsewhere" with no doer and no toll of its own brings in nothing.
    text = (
        "A car bomb killed six people in Hilla on Monday, police said. Shops elsewhere in "
        "the town closed early."
    )
    assert len(_extract(extractor, text)) == 1


# ---- the written wire stories -------------------------------------------------------


def test_policy_and_appeal_stories_yield_no_incident(extractor: Extractor) -> None:
    # The stories coded with no incident (a deployment, an aid appeal, a truce's end)
    # are background, reaction and statistics from start to end.
    import json
    from pathlib import Path

    path = Path(__file__).parent / "data" / "held_wire.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    empty = [r for r in rows if not r["incidents"]]
    assert len(empty) >= 3
    for r in empty:
        art = Article(article_id=r["article_id"], text=r["text"], published_at=r["published_at"])
        assert extractor.extract(art) == [], r["article_id"]


def test_elsewhere_closing_a_background_sentence_does_not_split(extractor: Extractor) -> None:
    # "in the capital and elsewhere" ends a sentence about a habit: it opens no incident.
    text = (
        "A suicide bomber blew himself up at a checkpoint in Baquba on Monday, killing five "
        "policemen, officials said. The group often sends car bombs against checkpoints in "
        "the province and elsewhere."
    )
    assert len(_extract(extractor, text)) == 1


# ---- segment: history told on -------------------------------------------------------


_HISTORY = (
    "Police in Kirkuk arrested nine suspected militants in a village south of the city on "
    "Tuesday, a police spokesman said. Officers found rifles and two explosive vests in "
    "one of the houses, he said.\n\n"
    "Militants stormed government offices in the city on Oct. 21, the spokesman recalled. "
    "About 80 people were killed before the attackers were hunted down.\n\n"
    "The governor has ordered new checks on families who arrived from areas held by the "
    "militants, a decision that rights groups have criticised. Local officials say the "
    "checks will continue until the security forces are sure the city is safe, and that "
    "families with papers have nothing to fear."
)


def test_a_sentence_carrying_on_a_dated_earlier_event_is_history(extractor: Extractor) -> None:
    got = _extract(extractor, _HISTORY, pub="2016-11-08")
    assert all(k != 80 for _t, k in got), got
    off = _extract(_off(extractor, "history told on"), _HISTORY, pub="2016-11-08")
    assert any(k == 80 for _t, k in off), off


def test_a_new_paragraph_is_not_carried_on(extractor: Extractor) -> None:
    # The undated toll opens its own paragraph: the rule leaves it alone.
    text = _HISTORY.replace(
        "the spokesman recalled. About 80", "the spokesman recalled.\n\nAbout 80"
    )
    off = _extract(_off(extractor, "history told on"), text, pub="2016-11-08")
    assert _extract(extractor, text, pub="2016-11-08") == off


# ---- actor1: a force shooting its attacker responds ------------------------


def _actors(ex: Extractor, text: str) -> list[tuple[str | None, str | None]]:
    art = Article(article_id="held", text=text, published_at="2016-08-26")
    return [
        (i.actor1.name if i.actor1 else None, i.actor2.name if i.actor2 else None)
        for i in ex.extract(art)
    ]


def test_troops_who_shoot_a_would_be_stabber_answer_his_attack(extractor: Extractor) -> None:
    text = (
        "Israeli troops shot and killed a Palestinian man who tried to stab soldiers at a "
        "checkpoint near Hebron on Friday, the military said."
    )
    [(a1, a2)] = _actors(extractor, text)
    assert a1 is not None and a1.startswith("Unidentified Armed Group")
    assert a2 == "Military Forces of Israel"
    rule = "a force shooting its attacker responds"
    [(off1, _a2)] = _actors(_off(extractor, rule), text)
    assert off1 == "Military Forces of Israel"


def test_troops_who_shoot_a_man_who_was_shot_at_are_still_the_doers(
    extractor: Extractor,
) -> None:
    # A passive clause makes him a victim, not an attacker.
    text = (
        "Soldiers shot dead a farmer who had been attacked by a dog near Jenin on Friday, "
        "relatives said."
    )
    got = _actors(extractor, text)
    assert got and got[0][0] is not None and got[0][0].startswith("Military Forces"), got


# ---- countries.tsv: every state ---------------------------------------------------------


@pytest.mark.parametrize(
    ("demonym", "country"),
    [("German", "Germany"), ("Peruvian", "Peru"), ("Australian", "Australia")],
)
def test_victims_of_any_nationality_are_named(
    extractor: Extractor, demonym: str, country: str
) -> None:
    text = f"A gunman shot dead two {demonym} tourists at a hotel in Sousse on Friday, police said."
    [(_a1, a2)] = _actors(extractor, text)
    assert a2 == f"Civilians ({country})"


# ---- generic plural: a bare plural that tells the event ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes on the rebel-held town of Saraqeb killed 12 people on Monday.",
        "At least 20 people died in air strikes on the town of Saraqeb, a monitor said.",
        "Air strikes hit a bakery in the rebel-held town of Saraqeb on Tuesday.",
    ],
)
def test_a_bare_plural_that_did_the_killing_is_the_event(extractor: Extractor, text: str) -> None:
    assert [t for t, _k in _extract(extractor, text)] == ["Air/drone strike"]


def test_a_bare_plural_over_a_period_stays_generic(extractor: Extractor) -> None:
    # A perfect over a period sums many strikes: no incident of its own.
    text = "Air strikes have killed more than 40 people in the town since January."
    assert _extract(extractor, text) == []


# ---- actors.tsv: troops in the West Bank are Israel's -------------------------------------


def test_unnamed_troops_in_the_west_bank_are_israeli_forces(extractor: Extractor) -> None:
    text = "Troops shot dead a Palestinian in the West Bank city of Nablus on Monday."
    got = _actors(extractor, text)
    assert got and got[0][0] == "Military Forces of Israel", got


def test_unnamed_troops_elsewhere_stay_the_local_forces(extractor: Extractor) -> None:
    text = "Troops shot dead two gunmen at a checkpoint near Tikrit on Monday."
    names = {n for pair in _actors(extractor, text) for n in pair if n}
    assert "Military Forces of Iraq" in names and "Military Forces of Israel" not in names
