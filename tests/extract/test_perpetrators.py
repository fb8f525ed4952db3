"""Attackers among the dead (codebook 5): a suicide attacker's own death counts in
`fatalities` and in `perpetrator_fatalities`; killed attackers count in both; every
value carries evidence. Texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidentwatch.evaluate.jsonl import load_articles
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.extract.rules.perpetrators import Told, suicide_attackers
from incidentwatch.extract.rules.series_members import series_count
from incidentwatch.records import Article, Incident

PACK = get_pack("en")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(extractor: Extractor, text: str) -> Incident:
    art = Article(article_id="perp", text=text, published_at="2023-05-10")
    incidents = extractor.extract(art)
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


def _evidence(inc: Incident, field: str) -> list[str]:
    return [e.text for e in inc.evidence if e.field == field]


def test_bomber_not_said_to_die_is_added(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber blew himself up at a police checkpoint in Tikrit on Tuesday, "
        "killing six policemen and wounding ten others.",
    )
    assert inc.fatalities.best == 7
    assert inc.perpetrator_fatalities.best == 1
    assert _evidence(inc, "perpetrator_fatalities") == ["A suicide bomber"]
    assert "A suicide bomber" in _evidence(inc, "fatalities")


def test_several_bombers_are_each_added(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Four suicide bombers stormed a wedding hall in Kirkuk on Tuesday and killed six "
        "guests, police said.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (10, 4)
    assert _evidence(inc, "perpetrator_fatalities") == ["Four suicide bombers"]


def test_toll_that_includes_the_bomber_is_not_raised(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide attack on a market in Hilla on Tuesday killed nine people, including the "
        "bomber.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (9, 1)
    assert _evidence(inc, "perpetrator_fatalities")


def test_arrested_bomber_is_not_dead(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Police arrested a would-be suicide bomber at a checkpoint in Tikrit on Tuesday before "
        "he could detonate his vest.",
    )
    assert inc.fatalities.best == 0
    assert inc.perpetrator_fatalities.best is None


def test_bomber_alone_with_no_toll_is_one_death(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide car bomber struck an army convoy near Samarra on Tuesday. There was no "
        "word on casualties.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (1, 1)
    assert _evidence(inc, "fatalities") == ["A suicide car bomber"]


def test_killed_gunmen_count_in_both(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Gunmen attacked a checkpoint in Baiji on Tuesday, killing two soldiers. All three "
        "gunmen were killed in the firefight that followed.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (5, 3)
    assert "three" in _evidence(inc, "perpetrator_fatalities")


def test_no_attacker_killed_leaves_the_perpetrator_toll_unstated(extractor: Extractor) -> None:
    inc = _one(extractor, "Gunmen shot dead two farmers near Tuz Khurmatu on Tuesday.")
    assert inc.fatalities.best == 2
    assert inc.perpetrator_fatalities.best is None
    assert not _evidence(inc, "perpetrator_fatalities")


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("twin suicide bombings hit the city", 2),
        ("three suicide bombers entered the mall", 3),
        ("two female suicide bombers", 2),
        ("a suicide bomber and then a second suicide bomber", 1),
        ("the attackers blew themselves up", 2),
        ("a gunman opened fire", None),
        # Each suicide attack counted had its own attacker.
        ("two suicide bombings struck the market", 2),
        ("3 suicide car bombings hit army posts", 3),
        ("four coordinated suicide attacks on checkpoints", 4),
        # Attacks with no number, or other attacks, give no count.
        ("a wave of suicide bombings", None),
        ("five other suicide bombings", None),
        # Attacks told as an earlier event are not this incident's.
        ("a car bomb was defused, just after two suicide bombings", None),
        ("This comes a day after three suicide attacks", None),
    ],
)
def test_counting_suicide_attackers(text: str, n: int | None) -> None:
    hit = suicide_attackers(text, PACK, PACK.knowledge)
    assert (hit.n if hit else None) == n


@pytest.mark.parametrize("r", list(rules_of("suicide-attacker")), ids=lambda r: r.name)
def test_suicide_attacker_rule_fires_on_its_example(r: Rule) -> None:
    text, word = r.example
    told = Told(text, toll_segments=text, toll_figures=word)
    assert r(told, PACK)
    plain = "A suicide bomber killed four soldiers in Baiji on Monday."
    assert not r(Told(plain, toll_segments=plain, toll_figures="four soldiers"), PACK)


@pytest.mark.parametrize(
    "text",
    [
        "It was unclear whether the blast was a suicide attack or a remote-controlled bomb.",
        "Guards overpowered the suicide bomber at the gate.",
        "The bomber survived and was taken to hospital.",
    ],
)
def test_survival_and_doubt_keep_the_bomber_out(text: str) -> None:
    out = [
        r for r in rules_of("suicide-attacker")
        if r.name in ("suicide attacker survived", "a suicide attack only doubted")
    ]  # fmt: skip
    assert any(r(Told(text), PACK) for r in out)


def test_gold_with_no_perpetrator_figure_loads_as_unstated(tmp_path: Path) -> None:
    """A gold line writes an unstated count as null; evaluate must read it, not skip the
    incident (it did: every gold incident without a killed attacker was dropped)."""
    gold = {
        "article_id": "g1",
        "text": "Gunmen shot dead two farmers near Tuz Khurmatu on Tuesday.",
        "published_at": "2023-05-10",
        "incidents": [
            {"event_type": "Violence against civilians", "fatalities": {"best": 2},
             "perpetrator_fatalities": None, "injuries": None}
        ],
    }  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    loaded = load_articles(path)
    assert not loaded.problems
    [inc] = loaded.articles["g1"].incidents
    assert inc.perpetrator_fatalities.best is None and inc.injuries.best is None
    assert inc.fatalities.best == 2


def test_a_hedge_on_who_the_bomber_is_keeps_the_event(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber believed to be from Yemen killed at least 10 people in the old "
        "quarter of Mosul on Tuesday.",
    )
    assert inc.sub_event_type == "Suicide bomb"
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (11, 1)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("The president vowed to retaliate after a car bomb attack killed at least 20 people "
         "in Aden on Sunday.", 20),
        ("The army vowed revenge following an ambush that killed six soldiers near Mukalla on "
         "Monday.", 6),
    ],
)  # fmt: skip
def test_a_lead_under_a_reaction_verb_still_reports_the_event(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_opinion_verbs_still_make_talk_background(extractor: Extractor) -> None:
    art = Article(
        article_id="talk",
        text="The governor urged residents to report attacks on farms near Kirkuk.",
        published_at="2023-05-10",
    )
    assert extractor.extract(art) == []


@pytest.mark.parametrize(
    ("text", "killed", "perps"),
    [
        # The bomber is named among the dead: counted once.
        ("A car bomb exploded at a police station in Baqubah on Tuesday, killing a suicide "
         "bomber and three officials.", 4, 1),
        # A total of the dead may count him: not added, still a perpetrator fatality.
        ("A suicide bomber struck a police station in Tikrit on Tuesday. Three people were "
         "killed in the attack.", 3, 1),
        # Other attacks of a series are not this incident's attackers.
        ("A suicide bomber killed three voters at a school in Mosul on Tuesday. It was one "
         "of eight suicide bombings in the province that day.", 4, 1),
        ("Police foiled a suicide attack at a checkpoint in Tikrit on Tuesday.", 0, None),
    ],
)  # fmt: skip
def test_bomber_counted_once_or_not_at_all(
    extractor: Extractor, text: str, killed: int, perps: int | None
) -> None:
    inc = _one(extractor, text)
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (killed, perps)


def test_a_stated_belief_is_still_talk(extractor: Extractor) -> None:
    art = Article(
        article_id="belief",
        text="Hidden bombs are believed to be scattered across the old town of Hit.",
        published_at="2023-05-10",
    )
    assert extractor.extract(art) == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # Policemen cannot include the bomber: he is added to their toll.
        ("A suicide bomber blew himself up at a checkpoint in Baiji on Tuesday. Four "
         "policemen were killed in the blast.", 5),
        # "people" may count him: the toll stands as told.
        ("A suicide bomber blew himself up at a checkpoint in Baiji on Tuesday. Four "
         "people were killed in the blast.", 4),
    ],
)  # fmt: skip
def test_a_toll_of_victims_of_one_kind_leaves_the_bomber_out(
    extractor: Extractor, text: str, killed: int
) -> None:
    inc = _one(extractor, text)
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (killed, 1)


def test_each_counted_suicide_bombing_adds_its_attacker(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Two suicide bombings hit a crowded vegetable market in Baquba on Friday, killing "
        "14 shoppers, a police officer said.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (16, 2)
    assert _evidence(inc, "perpetrator_fatalities") == ["Two suicide bombings"]


@pytest.mark.parametrize(
    "text",
    ["one of six suicide bombings that day", "one of at least four suicide bombings that day"],
)
def test_a_hedged_series_count_is_the_series(text: str) -> None:
    assert suicide_attackers(text, PACK, PACK.knowledge, series_count) is None


def test_a_counted_series_of_suicide_bombings_is_not_this_attack(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber killed nine soldiers at a base near Rutba on Monday, one of three "
        "suicide bombings claimed by the militants this month.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (10, 1)
