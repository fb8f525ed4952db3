"""Counting classes of short incident notes (issue 12, codebook 5): companions named beside
a victim, partitives with a companion, victims who died of their wounds later, tolls of
other events of the same day. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article, Incident

PACK = get_pack("en")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(extractor: Extractor, text: str) -> Incident:
    art = Article(article_id="counting", text=text, published_at="2005-05-10")
    incidents = extractor.extract(art)
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # two people who serve the official, one determiner for both
        ("A roadside bomb hit the judge's car in Kirkuk. His guard and driver were killed.", 2),
        (
            "Militants ambushed a car near the court in Basra and shot dead the chauffeur and "
            "secretary of a judge.",
            2,
        ),
        # one person with two titles stays one
        ("Gunmen killed a retired officer and party member in Basra.", 1),
        ("Gunmen killed Hamid Aziz, a retired officer and party member, in Basra.", 1),
    ],
)
def test_a_companion_sharing_the_determiner_is_another_victim(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert _one(extractor, text).fatalities.best == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Gunmen stormed the home of a tribal elder in Baquba and killed him, along with "
            "two of his sons and his brother.",
            4,
        ),
        # the partitive's own list names one group
        ("Gunmen killed three of his sons and daughters in Basra.", 3),
    ],
)
def test_a_companion_after_a_partitive_is_one_more(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_along_with_on_the_victims_adds_them(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "At least two candidates of the party, along with a guard and a driver who work for "
        "the party, were killed when gunmen attacked their bus in Baghdad.",
    )
    assert inc.fatalities.best == 4
    assert inc.fatalities.low == 4  # "at least" is kept as the lower bound of the whole


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Gunmen killed the police chief in Kirkuk, Major Adel Umar, and his wife when they "
            "opened fire on his car in Kirkuk.",
            2,
        ),
        (
            "Gunmen assassinated a security official for the oil company, Colonel Saad Hadi, "
            "and one of Hadi's guards when they opened fire on the two men in Kirkuk.",
            2,
        ),
        (
            "Gunmen killed the head of the Tuz council, Saad Omar, and the council's "
            "treasurer, Jamal Aziz, on the road to Kirkuk.",
            2,
        ),
        ("Gunmen killed the mayor of Tuz, Saad Omar, and two of his guards near Kirkuk.", 3),
        # a clause, not a companion
        ("Gunmen killed the mayor of Tuz, Saad Omar, and the car was burned.", 1),
    ],
)
def test_a_companion_after_the_victims_name(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Gunmen opened fire on a minibus in Samarra, killing two farmers and wounding "
            "four. One of the wounded later died in hospital.",
            3,
        ),
        (
            "Gunmen opened fire on a minibus in Samarra, killing two farmers and wounding "
            "four. A farmer died of his wounds the next morning.",
            3,
        ),
        # the death told alone is the toll
        ("A soldier died of his wounds after a roadside bomb hit his patrol in Tikrit.", 1),
    ],
)
def test_a_wounded_victim_who_died_later_adds_one(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_the_rule_for_a_wounded_victim_who_died_later(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == "a wounded victim who died later"]
    text, word = r.example
    doc = extractor.nlp(text)
    assert any(r(t, PACK) for t in doc if t.text == word)
    # a toll told in the same sentence is the update itself
    doc = extractor.nlp(
        "A car bomb killed 20 people in Hilla. Three of the wounded died overnight, bringing "
        "the death toll to 23."
    )
    assert not any(r(t, PACK) for t in doc if t.text == "died")
    doc = extractor.nlp("Two soldiers died when a roadside bomb hit their patrol in Tikrit.")
    assert not any(r(t, PACK) for t in doc if t.text == "died")


def test_the_rule_for_tolls_of_other_events_the_same_day(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == "toll of other events the same day"]
    text, word = r.example
    doc = extractor.nlp(text)
    assert [r(t, PACK) for t in doc if t.text == word] == [True]
    assert not any(r(t, PACK) for t in doc if t.text == "dead")
    # opening the sentence, the phrase dates the news
    doc = extractor.nlp("On the same day as the vote, gunmen killed five voters in Baquba.")
    assert not any(r(t, PACK) for t in doc if t.text == "killed")


def test_a_toll_of_other_events_the_same_day_is_not_the_incidents(
    extractor: Extractor,
) -> None:
    inc = _one(
        extractor,
        "Gunmen kidnapped eleven farmers near Tarmiyah and shot all of them dead. The attack "
        "came on the same day as a wave of bombings killed 90 people.",
    )
    assert inc.fatalities.best == 11


def test_other_events_with_a_place_of_their_own_keep_their_toll(extractor: Extractor) -> None:
    art = Article(
        article_id="counting",
        text="Gunmen kidnapped eleven farmers near Tarmiyah and shot all of them dead. The "
        "attack came on the same day as a wave of bombings, mostly in Baghdad, killed 90 "
        "people.",
        published_at="2005-05-10",
    )
    assert sorted(i.fatalities.best for i in extractor.extract(art)) == [11, 90]


@pytest.mark.parametrize("verb", ["were killed", "were shot dead"])
def test_the_people_taken_named_again_are_the_dead(extractor: Extractor, verb: str) -> None:
    # "the fishermen": a plural in -men names the people counted when they were taken
    inc = _one(
        extractor,
        "Insurgents abducted twenty fishermen on the road to Tharthar Lake. The fishermen "
        f"{verb} in a stadium in Haditha.",
    )
    assert inc.fatalities.best == 20


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # "dead" after the last noun of a list is the predicate of "left", not an attribute
        ("The battle in Baiji left ten soldiers, five policemen, and ten militants dead.", 25),
        ("The attack left twenty people dead.", 20),
        # a plural name is a noun of its own, not an adjective before a shared noun
        (
            "A car bomb hit a convoy in Baghdad killing eight Iraqis and three British "
            "employees and two guards.",
            13,
        ),
        ("A bomb in a Baghdad market killed nine German and one Peruvian tourists.", 10),
        # "along with" on the noun of the verb's own preposition
        (
            "A senior official, Colonel Adel Hamid, died in the ambush along with two of his "
            "nephews when gunmen fired on his car in Mosul.",
            3,
        ),
        # "one of whom" describes the victims counted
        (
            "Four men, two of whom were brothers from a farming family, were shot dead by "
            "gunmen near Balad.",
            4,
        ),
        # a report told as a headline, with no main verb
        ("Three farmers who worked for the army in Balad killed by insurgents in Balad.", 3),
        # the subject of a dying verb is counted once
        (
            "Gunmen opened fire on a minibus in Baquba. The driver and nine workers were "
            "killed, and three people died when the minibus crashed into a car.",
            13,
        ),
    ],
)
def test_lists_and_victims_the_parser_splits(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_a_partitive_of_them_counts_the_attackers_it_stands_for(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "The mayor and two of his guards were killed by the gunmen. The guards fired back at "
        "the attackers, killing all four of them.",
    )
    assert inc.fatalities.best == 7
    assert inc.perpetrator_fatalities.best == 4
