"""Tolls told by several sources in one article (issue 12, codebook 5): sources that
disagree give the smallest figure and a disputed claim; a toll update replaces what was
told before; a vague phrase and a count split by adjectives are read. Texts written for
these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract import numbers as num
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.extract.stages.figures import figure_source
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _one(extractor: Extractor, text: str) -> Incident:
    art = Article(article_id="sources", text=text, published_at="2023-05-10")
    incidents = extractor.extract(art)
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


def _rule(name: str):  # type: ignore[no-untyped-def]
    [r] = [x for x in rules_of("counting") if x.name == name]
    return r


def _toll(best: int, low: int | None = None, source: str | None = "police", **kw: object):
    return num.Casualties(best, low, None, ((0, 1),), source=source, **kw)  # type: ignore[arg-type]


def test_two_sources_that_disagree_give_the_smallest_and_dispute(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A car bomb tore through a vegetable market in the Syrian city of Homs on Monday. "
        "State television said eight people perished in the blast. A British-based monitoring "
        "group put the number of dead at no fewer than 20.",
    )
    assert (inc.fatalities.best, inc.fatalities.low, inc.fatalities.high) == (8, 8, 20)
    assert inc.claim_status == "disputed"
    told = {e.text for e in inc.evidence if e.field == "claim_status"}
    assert {"eight", "no fewer than 20"} <= told


def test_one_source_repeating_its_toll_is_no_conflict(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A car bomb tore through a vegetable market in the Syrian city of Homs on Monday, "
        "killing 11 people, police said. Police said three of the dead were children.",
    )
    assert inc.fatalities.best == 11
    assert inc.claim_status != "disputed"


def test_a_partial_count_from_another_source_is_a_lower_bound(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber blew himself up at a police checkpoint in Ramadi on Monday, killing "
        "nine people, the army said. A police officer said two policemen were killed.",
    )
    # Nine victims told as his victims, plus the bomber; the police count is a part.
    assert inc.fatalities.best == 10
    assert inc.claim_status != "disputed"


def test_sources_read_from_the_parse(extractor: Extractor) -> None:
    doc = extractor.nlp("The governor of the province told reporters that six people died.")
    died = next(t for t in doc if t.text == "died")
    span = figure_source(died, extractor.pack)
    assert span is not None and doc.text[span[0] : span[1]] == "The governor of the province"
    doc = extractor.nlp("It said six people died in the attack.")
    assert figure_source(next(t for t in doc if t.text == "died"), extractor.pack) is None
    doc = extractor.nlp("Six people died in the attack, according to the health ministry.")
    span = figure_source(next(t for t in doc if t.text == "died"), extractor.pack)
    assert span is not None and doc.text[span[0] : span[1]] == "the health ministry"


def test_figures_in_conflict_rule_alone(extractor: Extractor) -> None:
    conflict = _rule("figures in conflict")
    pack = extractor.pack
    assert conflict(_toll(8, source="state media"), _toll(20, 20, source="monitor"), pack)
    assert conflict(_toll(5, source="the agency"), _toll(6, source="al-manar"), pack)
    # One source, or a source unknown: the larger is the toll (a partial count).
    assert not conflict(_toll(8, source="police"), _toll(20, source="police"), pack)
    assert not conflict(_toll(8, source=None), _toll(20, source="monitor"), pack)
    # A lower bound under a larger figure, a vague word, a count of part of the dead.
    assert not conflict(_toll(3, 3, source="a"), _toll(5, source="b"), pack)
    assert not conflict(_toll(12, 12, source="a", vague=True), _toll(55, source="b"), pack)
    officers = _toll(2, source="a", nouns=("police", "officer"))
    assert not conflict(officers, _toll(9, source="b", nouns=("people",)), pack)


def test_a_vague_phrase_with_quote_marks_is_read(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Jets struck rebel positions near the town of Nawa in southern Syria on Tuesday. A "
        'rebel commander said a "small number" of his fighters were killed in the air strikes.',
    )
    assert inc.fatalities.best == 3


def test_counts_told_apart_by_adjectives_before_one_noun(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A gunman killed four Iraqi and two Syrian workers at a brick factory near Hit on "
        "Monday, police said.",
    )
    assert inc.fatalities.best == 6
    inc = _one(
        extractor,
        "Gunmen killed three Iraqi soldiers and two Syrian workers near Hit on Monday.",
    )
    assert inc.fatalities.best == 5


def test_a_toll_update_replaces_the_figure_told_before(extractor: Extractor) -> None:
    update = _rule("toll update")
    text = "A bomb killed nine people in Tikrit. The death toll has risen to 12, police said."
    doc = extractor.nlp(text)
    s = text.index("12")
    assert update(
        doc,
        num.Casualties(12, None, None, ((s, s + 2),), figure_spans=((s, s + 2),)),
        extractor.pack,
    )
    s = text.index("nine")
    assert not update(
        doc,
        num.Casualties(9, None, None, ((s, s + 4),), figure_spans=((s, s + 4),)),
        extractor.pack,
    )


def test_a_toll_of_an_event_named_by_its_month_is_background(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Gunmen stormed a cafe in the Somali town of Baidoa on Sunday, killing four guests. "
        "The raid resembled a February bombing at a Baidoa hotel that killed 30 people.",
    )
    assert inc.fatalities.best == 4
    inc = _one(
        extractor,
        "Gunmen stormed a cafe in the Somali town of Baidoa on Sunday, killing four guests. "
        "In early March, a siege by the same group at a hotel in the town killed 30 people.",
    )
    assert inc.fatalities.best == 4


def test_a_toll_told_of_other_incidents_is_not_this_ones(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Soldiers fatally shot a man who attacked a checkpoint near Nablus on Sunday, the "
        "army said, on a day when four other assailants were killed in three separate "
        "incidents.",
    )
    assert inc.fatalities.best == 1


def test_dead_told_as_the_attackers_are_perpetrator_fatalities(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Police officers fatally shot two men who opened fire at them outside a court in "
        "Diyarbakir on Monday, police said.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (2, 2)
    inc = _one(
        extractor,
        "On Monday a man tried to stab a guard at a checkpoint near Hebron and was shot "
        "dead, police said.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (1, 1)
    # Victims of the attackers are not the attackers.
    inc = _one(
        extractor,
        "Gunmen opened fire on a minibus near Hebron on Monday and killed two men who were "
        "driving home, police said.",
    )
    assert inc.fatalities.best == 2
    assert not inc.perpetrator_fatalities.best


def test_one_of_two_attacks_is_no_total(extractor: Extractor) -> None:
    # "in one of two attacks" sets the incident in its series; its toll is its own.
    text = (
        "Three soldiers were killed when a roadside bomb hit their patrol near Tikrit, "
        "officials said, in one of two attacks on the army on Monday."
    )
    ctx = extractor.candidates(Article(article_id="one-of", text=text, published_at="2023-05-10"))
    [cand] = [c for c in ctx.candidates if c.killed is not None]
    assert cand.part_of and not cand.aggregate
    text = "In total, the two attacks on the army killed nine soldiers on Monday."
    ctx = extractor.candidates(Article(article_id="total", text=text, published_at="2023-05-10"))
    assert any(c.aggregate for c in ctx.candidates)


def test_the_latest_entry_of_a_live_blog_gives_the_toll(extractor: Extractor) -> None:
    entries = [
        (
            "4:20 p.m.",
            "The health minister says 41 people have died in the bombing of the bus station.",
        ),
        (
            "3:05 p.m.",
            "A police official said close to 60 people had died in the bombing of the station.",
        ),
        (
            "2:40 p.m.",
            "Police say at least 25 people were killed in the bombing of the bus station in Kabul.",
        ),
    ]
    text = "\n\n".join(f"{stamp}\n\n{words}" for stamp, words in entries)
    live = _rule("latest toll of a live blog")
    doc = extractor.nlp(text)

    def toll(n: str) -> num.Casualties:
        s = text.index(n)
        return num.Casualties(int(n), None, None, ((s, s + 2),), figure_spans=((s, s + 2),))

    chosen = live(doc, [toll("25"), toll("60"), toll("41")], extractor.pack)
    assert chosen is not None and chosen.best == 41
    # Oldest first: the last entry is the latest.
    text = "\n\n".join(f"{stamp}\n\n{words}" for stamp, words in reversed(entries))
    doc = extractor.nlp(text)
    chosen = live(doc, [toll("25"), toll("60"), toll("41")], extractor.pack)
    assert chosen is not None and chosen.best == 41
    # Not a live blog: no time stamps.
    plain = extractor.nlp("Police say at least 25 people were killed. Later 41 had died.")
    assert live(plain, [toll("25")], extractor.pack) is None
