"""How many people a victim phrase names (issue 12, the RAND counting classes that are
right by the codebook, section 5: each person killed is counted once). Texts written for
these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article, Incident

PACK = get_pack("en")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(extractor: Extractor, text: str) -> Incident:
    art = Article(article_id="victims", text=text, published_at="2005-05-10")
    incidents = extractor.extract(art)
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


def _token(ex: Extractor, text: str, word: str) -> Token:
    return next(t for t in ex.nlp(text) if t.text == word)


def test_the_rule_reads_the_verbs_number(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == "the verb's number counts the victims"]
    text, word = r.example
    q = r(_token(extractor, text, word), PACK)
    assert q is not None and q.best == 1
    assert text[q.start : q.end] == "A judge at the appeals court and a member"
    plural = text.replace(" was ", " were ")
    q = r(_token(extractor, plural, "shot"), PACK)
    assert q is not None and q.best == 2
    # "died" shows no number; nouns with numbers are figures: the rule has no answer
    died = "A judge at the appeals court and a member of the city council died in Kirkuk."
    assert r(_token(extractor, died, "died"), PACK) is None
    counted = "Two guards and a driver were killed when a bomb hit the convoy in Basra."
    assert r(_token(extractor, counted, "killed"), PACK) is None


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # one person with two titles, each with its own article: the singular verb says one
        (
            "An engineer at the oil ministry and a member of the city council was shot dead "
            "in Kirkuk on Sunday.",
            1,
        ),
        (
            "A professor at the university and an adviser to the governor was assassinated by "
            "gunmen in Mosul.",
            1,
        ),
        (
            "A senior officer and the deputy head of the border police, Colonel Karim Aziz, "
            "was killed by gunmen in Basra.",
            1,
        ),
        # the same words with a plural verb are two people
        (
            "An engineer at the oil ministry and a member of the city council were shot dead "
            "in Kirkuk on Sunday.",
            2,
        ),
        # two people sharing no article, told by a plural verb
        (
            "A policeman and street vendor were killed when a bomb exploded in a market in Kirkuk.",
            2,
        ),
        # unchanged: companions, and nouns with numbers
        ("A doctor and his driver were killed by gunmen in Baghdad.", 2),
        ("Two soldiers and a civilian were killed in a bombing in Hilla.", 3),
    ],
)
def test_the_verbs_number_counts_the_victims(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_the_verbs_number_keeps_victims_told_along(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A judge at the appeals court and a founder of the bar association was killed along "
        "with two of his guards in an ambush near Kirkuk.",
    )
    assert inc.fatalities.best == 3


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Nine workers were killed when gunmen stopped their van near Balad, pulled the men "
            "out and killed them one by one.",
            9,
        ),
        ("Gunmen seized six farmers near Hawija and executed them one after another.", 6),
    ],
)
def test_one_by_one_is_no_figure(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


@pytest.mark.parametrize(
    "text",
    [
        "It was not known if anyone was killed when a bomb went off at the bus station in Hilla.",
        "A bomb went off near a checkpoint in Baquba; it was unclear whether anybody was killed.",
    ],
)
def test_anyone_is_no_victim(extractor: Extractor, text: str) -> None:
    assert _one(extractor, text).fatalities.best == 0


def test_a_death_joined_to_the_wounded_is_read_from_its_of_phrase(
    extractor: Extractor,
) -> None:
    inc = _one(
        extractor,
        "Gunmen attacked the mayor's house in Tuz, leading to three guards being hurt and the "
        "death of two of the attackers.",
    )
    assert inc.fatalities.best == 2
    assert inc.perpetrator_fatalities.best == 2


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "A bomb exploded in a market in Hilla, killing a shopkeeper, either a baker or a "
            "butcher, and wounding six people.",
            1,
        ),
        (
            "Gunmen opened fire on a convoy near Baiji, killing two people. The man killed was "
            "a truck driver, either a Turk or a Jordanian working for a supply firm.",
            2,
        ),
        # "and" still joins two victims
        ("Gunmen killed a policeman and a teacher in Baquba.", 2),
    ],
)
def test_words_joined_by_or_name_one_person(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_a_doubt_about_the_target_keeps_the_bomber_counted(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber set off his explosives beside a convoy near the house of a deputy "
        "minister in Mosul, wounding three passers-by. It was unclear whether the minister or "
        "his convoy was the target.",
    )
    # codebook 5: he blew himself up, and nothing says he lived
    assert inc.fatalities.best == 1
    assert inc.perpetrator_fatalities.best == 1


def test_a_doubt_about_the_bomber_still_leaves_him_out(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A bomb exploded near a police convoy in Baquba, wounding four officers. It was "
        "unclear whether a suicide bomber was involved.",
    )
    assert inc.fatalities.best == 0


def test_killing_himself_after_the_toll_adds_the_bomber(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber opened fire on a group of recruits outside a base in Ramadi, killing "
        "three recruits before killing himself by detonating his belt.",
    )
    assert inc.fatalities.best == 4
    # "killing himself and five shoppers": he is in the toll told
    inc = _one(
        extractor,
        "A suicide bomber blew himself up in a crowd in Hilla, killing himself and five shoppers.",
    )
    assert inc.fatalities.best == 6


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # the vague toll stands; the question after it adds nothing
        (
            "A mortar round hit a polling station in Hilla. Several people were killed and "
            "wounded, although officials did not say how many people were killed.",
            3,
        ),
        ("A bomb went off at a bus stop in Basra. Police did not say how many people died.", 0),
    ],
)
def test_how_many_is_a_question_not_a_figure(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_the_rule_for_a_companion_of_the_one_victim(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == "a companion of the one victim"]
    text, word = r.example
    doc = extractor.nlp(text)
    start = text.index("One of his guards")
    q = num.Casualties(1, None, None, (), figure_spans=((start, start + len(word)),))
    assert r(doc, q, PACK)
    # a part of a group with no one's possessive is no companion
    doc = extractor.nlp("A bomb killed a soldier near Baiji. One of the soldiers was killed.")
    start = doc.text.index("One of")
    assert not r(doc, num.Casualties(1, None, None, (), figure_spans=((start, start + 3),)), PACK)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Gunmen assassinated a tribal sheikh near Kirkuk on Monday. One of his guards was "
            "killed and another was wounded.",
            2,
        ),
        (
            "Gunmen assassinated a tribal sheikh near Kirkuk on Monday. He was shot dead outside "
            "his home. One of his guards was killed and another was wounded.",
            2,
        ),
        # a toll of several may already hold the guard
        (
            "Three people were killed when gunmen attacked a tribal sheikh near Kirkuk. One of "
            "his guards was killed and another was wounded.",
            3,
        ),
        # a companion with his own possessive beside a partitive
        (
            "Gunmen shot dead the mayor of Tuz as he left his office. The attack also killed one "
            "of the mayor's guards and his driver.",
            3,
        ),
    ],
)
def test_companions_of_a_victim_add_to_him(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_killing_himself_as_the_toll_counts_him_once(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber rammed his truck into a checkpoint wall near Tikrit, wounding twelve "
        "soldiers and killing himself.",
    )
    assert inc.fatalities.best == 1


def test_a_victim_with_his_companions_is_no_companion_toll(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "An air strike killed a senior militant commander and two of his guards near Hit on "
        "Monday, the army said. It did not say how his death had been confirmed.",
    )
    assert inc.fatalities.best == 3
