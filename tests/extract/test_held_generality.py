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
