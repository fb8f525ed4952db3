"""Lists of counted victims the parse did not join (issue 12, the RAND counting classes
that are right by the codebook, section 5: each person killed is counted, once). Texts
written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract import numbers as num
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.records import Article

PACK = get_pack("en")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def without(extractor: Extractor) -> Extractor:
    return Extractor(
        extractor.nlp,
        disabled_rules=(
            "a list of counted victims",
            "counted items before the victim",
            "a figure before an aside",
        ),
    )


def _killed(extractor: Extractor, text: str) -> list[int | None]:
    art = Article(article_id="lists", text=text, published_at="2005-05-10")
    return [i.fatalities.best for i in extractor.extract(art)]


def _rule(name: str):  # type: ignore[no-untyped-def]
    [r] = [x for x in rules_of("counting") if x.name == name]
    return r


def test_the_list_rule_alone(extractor: Extractor) -> None:
    r = _rule("a list of counted victims")
    text, word = r.example
    doc = extractor.nlp(text)
    tok = next(t for t in doc if t.text == word)
    q = num.Quantity(12, None, None, tok.idx, tok.idx + len(tok))
    more = r(doc, q, PACK)
    assert more is not None and more.best == 4 + 9
    assert text[q.start : more.end] == (
        "twelve police officers, four tribal fighters, and nine gunmen"
    )
    # a breakdown of a whole adds no one
    whole = "The clash left twelve policemen, eight officers and four recruits, dead."
    doc = extractor.nlp(whole)
    tok = next(t for t in doc if t.text == "twelve")
    assert r(doc, num.Quantity(12, None, None, tok.idx, tok.idx + len(tok)), PACK) is None


def test_the_items_before_rule_alone(extractor: Extractor) -> None:
    r = _rule("counted items before the victim")
    text, word = r.example
    doc = extractor.nlp(text)
    tok = next(t for t in doc if t.text == word)
    q = num.Quantity(12, None, None, tok.idx, tok.idx + len(tok))
    more = r(doc, q, PACK)
    assert more is not None and more.best == 9 + 3
    assert text[more.start : more.end] == "nine police officers, three border guards, and "
    # a date before "and" is no item
    dated = "Gunmen attacked the village on 12 July and a child was killed."
    doc = extractor.nlp(dated)
    tok = next(t for t in doc if t.text == "a")
    assert r(doc, num.Quantity(1, None, None, tok.idx, tok.idx + 7), PACK) is None


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # three counted items, the last read by the parser as the subject of "dead"
        (
            "The resulting clash near Ramadi left nine police officers, three Interior "
            "Ministry commandos, and twelve gunmen dead.",
            24,
        ),
        # a place phrase after the first item
        (
            "A car bomb in Mosul on Friday killed 14 officers from the provincial rapid "
            "response unit and three shopkeepers.",
            17,
        ),
        # an item with an article inside a list closed by a counted item
        (
            "Gunmen ambushed a bus near Tikrit, killing four Sunni farmers, the Kurdish bus "
            "driver, and two Turkish merchants of Kurdish origin.",
            7,
        ),
        # a counted item before the victim the parser made the subject
        # the figure before an aside, not the one inside it
        (
            "Four men, at least two of whom were police recruits, were killed by gunmen near "
            "Baquba on Sunday.",
            4,
        ),
        (
            "He survived the blast near Kirkuk but three bodyguards and a boy were killed; "
            "six were hurt.",
            4,
        ),
    ],
)
def test_lists_count_every_item(
    extractor: Extractor, without: Extractor, text: str, killed: int
) -> None:
    assert _killed(extractor, text)[:1] == [killed]
    # the rules make the difference: without them an item is lost
    assert _killed(without, text)[:1] != [killed]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # items the parse joined are counted once
        (
            "The gun battle in Hilla left eleven Iraqi soldiers, six Facilities Protection "
            "Service guards, and nine insurgents dead on Monday.",
            26,
        ),
        # a breakdown of the whole toll
        (
            "The bombing in Baquba on Monday killed 20 people, 15 civilians and five policemen.",
            20,
        ),
        # the next item is the subject of another clause
        (
            "A bomb in Samarra killed two soldiers on Tuesday, and four civilians were "
            "wounded by the blast.",
            2,
        ),
        # a count of things, not people
        (
            "Gunmen in Falluja killed three policemen on Sunday and two hours later burned "
            "their station.",
            3,
        ),
    ],
)
def test_what_is_no_list_of_victims(extractor: Extractor, text: str, killed: int) -> None:
    assert _killed(extractor, text) == [killed]


def test_who_they_were_is_no_list(extractor: Extractor) -> None:
    r = _rule("a list of counted victims")
    text = "Two of the guards, one British and one Iraqi, were killed near Baiji."
    doc = extractor.nlp(text)
    # the parser may read "one" as part of the figure: "Two of the workers, one"
    q = num.Quantity(2, None, None, 0, text.index(" British"))
    assert r(doc, q, PACK) is None


def test_a_part_of_a_whole_told_before_is_no_item(extractor: Extractor) -> None:
    r = _rule("counted items before the victim")
    text = (
        "Ten people died in the blast, including eight officers, and at least thirty people "
        "were wounded."
    )
    doc = extractor.nlp(text)
    a = text.index("at least")
    assert r(doc, num.Quantity(30, 30, None, a, a + len("at least thirty")), PACK) is None


def test_the_aside_rule_alone(extractor: Extractor) -> None:
    r = _rule("a figure before an aside")
    text, word = r.example
    doc = extractor.nlp(text)
    q = r(next(t for t in doc if t.text == word), PACK)
    assert q is not None and q.best == 4 and text[q.start : q.end] == "Four men"
    # commas that set off no aside
    plain = "In Mosul, on Sunday, two policemen were killed by gunmen."
    doc = extractor.nlp(plain)
    assert r(next(t for t in doc if t.text == "killed"), PACK) is None


def test_the_aside_figure_is_read_whole(extractor: Extractor) -> None:
    # "Twenty-three" is three tokens: the figure is the number as the window reads it
    text = (
        "Twenty-three people, including the five gunmen, were killed when militants stormed "
        "a bus station in Quetta."
    )
    assert _killed(extractor, text) == [23]
