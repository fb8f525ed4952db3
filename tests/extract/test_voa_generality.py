"""Issue 12, generality: rules found on the real VOA samples
(annotations/voa_samples, coded blind before any run). Every text here is written for
these tests; none is taken from the samples or the dev data."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _off(ex: Extractor, rule: str) -> Extractor:
    return Extractor(nlp=ex.nlp, disabled_rules=[rule])


def _types(ex: Extractor, text: str, pub: str = "2018-03-09") -> list[str | None]:
    art = Article(article_id="voa-gen", text=text, published_at=pub)
    return [i.sub_event_type for i in ex.extract(art)]


def _dates(ex: Extractor, text: str, pub: str) -> list[tuple[str | None, int | None]]:
    art = Article(article_id="voa-gen", text=text, published_at=pub)
    return [(i.event_date, i.date_precision) for i in ex.extract(art)]


# ---- type-cue: the attack it answers -------------------------------------------------


def test_the_type_cue_table_holds_the_answer_rule() -> None:
    assert "the attack it answers" in [r.name for r in rules_of("type-cue")]


RETALIATION = (
    "Warships fired cruise missiles at an air base near Homs on Friday in retaliation for "
    "a chemical attack on a rebel-held town."
)


def test_missiles_fired_in_retaliation_for_a_gas_attack_are_a_missile_strike(
    extractor: Extractor,
) -> None:
    assert _types(extractor, RETALIATION) == ["Shelling/artillery/missile attack"]


def test_without_the_rule_the_gas_attack_types_the_strike(extractor: Extractor) -> None:
    off = _types(_off(extractor, "the attack it answers"), RETALIATION)
    assert off == ["Chemical weapon"]


# ---- dates.toml: a part of the report's own day --------------------------------------


@pytest.mark.parametrize("words", ["earlier in the day", "later in the day"])
def test_a_part_of_the_report_day_dates_the_event_that_day(
    extractor: Extractor, words: str
) -> None:
    text = (
        "Jets bombed the village of Kafr Naya on Monday, residents said. A farmer hurt "
        f"{words} in a second raid on Kafr Naya was carried to a clinic, where he died."
    )
    assert ("2018-03-14", 1) in _dates(extractor, text, "2018-03-14")


def test_an_undated_bombing_in_the_same_text_takes_no_report_day(extractor: Extractor) -> None:
    # Control: without the words the bombing has no day of its own and is not dated to
    # the publication day by them.
    text = (
        "Jets bombed the village of Kafr Naya on Monday, residents said. A farmer hurt "
        "in a second raid on Kafr Naya was carried to a clinic, where he died."
    )
    assert ("2018-03-14", 1) not in _dates(extractor, text, "2018-03-14")


# ---- pipeline: a lead-in paragraph ends its sentence ----------------------------------


def test_a_lead_in_ending_with_a_colon_ends_at_the_blank_line(extractor: Extractor) -> None:
    doc = extractor.nlp(
        "Here is a timeline of this week's events:\n\nMarch 6, 2018 - Jets bombed the town "
        "of Kafr Naya on Tuesday, killing nine people.\n\nThe army denied it."
    )
    firsts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert firsts == ["Here", "March", "The"]


def test_the_lead_in_does_not_date_the_event_after_it(extractor: Extractor) -> None:
    text = (
        "Here is a timeline of this week's events:\n\nJets bombed the town of Kafr Naya on "
        "Tuesday, killing nine people, residents said."
    )
    # Friday 9 March 2018: Tuesday is the 6th; "this week" alone would give Monday the 5th.
    assert _dates(extractor, text, "2018-03-09") == [("2018-03-06", 1)]


def test_a_line_break_inside_a_paragraph_keeps_the_sentence(extractor: Extractor) -> None:
    doc = extractor.nlp("Jets bombed the town of Kafr Naya:\non Tuesday, killing nine people.")
    assert len(list(doc.sents)) == 1
