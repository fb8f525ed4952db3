"""Tolls of real reporting (issue 12, codebook 5): the figure in the event's own sentence,
background tolls beside it, series words that are not totals. Texts written for these
tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from incidentwatch.extract import numbers as num
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(extractor: Extractor, text: str) -> Incident:
    art = Article(article_id="tolls", text=text, published_at="2023-05-10")
    incidents = extractor.extract(art)
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


def test_the_wounded_of_a_second_verb_are_its_own_figure(extractor: Extractor) -> None:
    # The parser tags "injured" as a participle here; its object is still the wounded.
    inc = _one(
        extractor,
        "On Sunday a bomb at a Sunni mosque in Diyala province killed three worshippers and "
        "injured 14.",
    )
    assert (inc.fatalities.best, inc.injuries.best) == (3, 14)


@pytest.mark.parametrize(
    "tail",
    [
        ", the latest in a string of raids by militants that have left over 60 dead in the "
        "past year.",
        ", the latest in a series of bombings in the province.",
    ],
)
def test_a_series_or_cumulative_toll_beside_the_event_is_not_its_toll(
    extractor: Extractor, tail: str
) -> None:
    inc = _one(extractor, "On Sunday a bomb at a market in Baquba killed five shoppers" + tail)
    assert inc.fatalities.best == 5
    assert "five" in [e.text for e in inc.evidence if e.field == "fatalities"]


def test_a_demonym_with_its_article_is_a_victim_in_a_list(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Gunmen opened fire on a convoy near Kirkuk on Sunday, killing two Turks and an "
        "Iranian, officials said.",
    )
    assert inc.fatalities.best == 3


def test_a_dateline_taken_for_the_subject_gives_way_to_the_victims(
    extractor: Extractor,
) -> None:
    # The parse the model gives some wire leads, set by hand: the dateline as the passive
    # subject, the victims in apposition to it.
    words = ["MOSUL", "/", "ERBIL", "Three", "people", "were", "killed", "in", "Mosul", "."]
    doc = Doc(
        extractor.nlp.vocab,
        words=words,
        heads=[6, 0, 0, 4, 0, 6, 6, 6, 7, 6],
        deps=["nsubjpass", "punct", "appos", "nummod", "appos", "auxpass", "ROOT", "prep",
              "pobj", "punct"],
        pos=["PROPN", "SYM", "PROPN", "NUM", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        tags=["NNP", "SYM", "NNP", "CD", "NNS", "VBD", "VBN", "IN", "NNP", "."],
        lemmas=["MOSUL", "/", "ERBIL", "three", "people", "be", "kill", "in", "Mosul", "."],
    )  # fmt: skip
    heads = num.victim_heads(doc[6], extractor.pack)
    assert [h.text for h in heads] == ["people"]
    q = num.dependency_number(doc[6], doc[:], extractor.pack)
    assert q is not None and q.best == 3


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A suicide bomber blew himself up near the Turkish embassy in Baghdad on Monday, "
         "wounding two guards. One 2009 attack hit the embassy, killing nine.", 1),
        ("Gunmen killed two guards at a checkpoint near Mosul on Monday. Over the last seven "
         "months, 28 soldiers and two policemen have been killed in attacks on checkpoints in "
         "the province.", 2),
    ],
)  # fmt: skip
def test_history_told_beside_the_news_does_not_feed_its_toll(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert _one(extractor, text).fatalities.best == killed


@pytest.mark.parametrize(
    ("text", "killed", "attackers"),
    [
        ("About 30 militants attacked a police checkpoint in Buhriz on Monday, killing five "
         "policemen and wounding four others. Six of the attackers were killed in the "
         "fighting.", 11, 6),
        ("Gunmen ambushed a convoy near Mosul on Monday, killing two drivers. Two of the "
         "gunmen were also killed.", 4, 2),
    ],
)  # fmt: skip
def test_killed_attackers_told_as_a_part_count_in_both_tolls(
    extractor: Extractor, text: str, killed: int, attackers: int
) -> None:
    inc = _one(extractor, text)
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (killed, attackers)


def test_a_vest_detonated_names_a_suicide_attacker(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A man detonated an explosive vest at the gate of a Shi'ite mosque in Samarra on "
        "Friday, killing three guards.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (4, 1)


def test_one_of_several_killed_is_still_a_total_not_the_toll(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A police officer was shot dead in Kirkuk on Monday. He was one of four policemen "
        "killed in the city in three days.",
    )
    assert inc.fatalities.best == 1


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Police officer Karim Saleh, 40, was killed by gunmen in Kirkuk on Monday.", 1),
        ("Gunmen shot dead Karim Saleh, 37, and his brother Adel, 29, in Kirkuk on Monday.", 2),
    ],
)
def test_an_age_after_a_name_is_not_a_count(extractor: Extractor, text: str, killed: int) -> None:
    assert _one(extractor, text).fatalities.best == killed


def test_strikes_over_the_past_two_days_are_news_not_a_cumulative_count(
    extractor: Extractor,
) -> None:
    inc = _one(
        extractor,
        "Warplanes have hit Mosul over the past two days, killing at least 30 people in the "
        "city, the monitor said on Sunday.",
    )
    assert inc.fatalities.best == 30


def test_a_bomber_who_killed_himself_is_counted_once(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber blew himself up at the gate of a police station in Tikrit on "
        "Monday, killing himself and a guard and wounding six people.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (2, 1)


def test_a_cumulative_toll_in_a_second_clause_is_not_the_news(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A roadside bomb hit a bus in Kirkuk on Monday, wounding six passengers. Over the last "
        "five months, 14 soldiers have been killed in the province, while at least 90 "
        "militants have been killed.",
    )
    assert inc.fatalities.best == 0


def test_relatives_named_with_their_kinship_word_are_each_counted(
    extractor: Extractor,
) -> None:
    inc = _one(
        extractor,
        "The governor's brother Karim Hassan and nephew Adel were killed in the attack in "
        "Kirkuk on Monday.",
    )
    assert inc.fatalities.best == 2


@pytest.mark.parametrize(
    "text",
    [
        "Police sealed off the area after a car bomb killed nine people in Kirkuk on Monday.",
        "Ambulances rushed the wounded to hospital after a roadside bomb killed nine "
        "soldiers near Baiji on Monday.",
    ],
)
def test_a_toll_told_after_the_response_is_the_incidents_own(
    extractor: Extractor, text: str
) -> None:
    # The main clause answers the bombing: the "after" clause is the news, not an earlier
    # event told to set the scene.
    art = Article(article_id="t", text=text, published_at="2016-05-12")
    assert [i.fatalities.best for i in extractor.extract(art)] == [9]


def test_a_lone_figure_before_the_source_is_a_count(extractor: Extractor) -> None:
    # The tagger calls "52" in "wounding 52, police and medical sources said" a date.
    inc = _one(
        extractor,
        "A car bomb went off at a crowded market in Sadr City on Thursday, killing at least "
        "24 people and wounding 52, police and medical sources said.",
    )
    assert (inc.fatalities.best, inc.injuries.best) == (24, 52)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "A district police chief was nearly killed on Monday when a roadside bomb went "
            "off beside his car in Tuz Khurmatu. Two of his guards were wounded.",
            0,
        ),
        (
            "A bomb left in a bag exploded outside a pharmacy in Kirkuk on Monday, almost "
            "killing the owner and wounding three passers-by.",
            0,
        ),
        (
            "Nearly 50 people were killed on Monday when a truck bomb went off at a busy "
            "checkpoint in Hilla.",
            50,
        ),
    ],
)
def test_a_death_that_did_not_happen_is_not_counted(
    extractor: Extractor, text: str, killed: int
) -> None:
    inc = _one(extractor, text)
    assert (inc.fatalities.best or 0) == killed
