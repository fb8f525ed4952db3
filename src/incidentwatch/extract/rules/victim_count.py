"""Counting rules on how many people a victim phrase names (issue 12, RAND counting
classes right by the codebook, section 5: each person killed counted once).

The figures stage (stages/figures.py) asks them where it reads the victims of a casualty
cue word without a number; a rule answers with the count, or None to leave the phrase to
the general reading (numbers.dependency_victims)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule


def _finite_number(verb: Token, pack: LanguagePack) -> str | None:
    """'one' or 'many': the number the finite auxiliary of a verb shows ("was killed",
    "has been killed" one; "were killed" many). None when it shows none ("died")."""
    for c in verb.children:
        if c.i > verb.i or not pack.dep(c, "auxiliary-or-passive"):
            continue
        if c.lower_ in pack.words("singular-finite-auxiliaries"):
            return "one"
        if c.lower_ in pack.words("plural-finite-auxiliaries"):
            return "many"
    return None


@rule(
    "the verb's number counts the victims",
    table="counting",
    order=78,
    example=(
        "A judge at the appeals court and a member of the city council was shot dead in "
        "Kirkuk on Sunday.",
        "shot",
    ),
)
def verb_number_counts(tok: Token, pack: LanguagePack) -> num.Quantity | None:
    """Nouns joined by "and" as the one subject of a casualty verb name as many people as
    the verb's number says: "A judge at the appeals court and a member of the city council
    was shot dead" is one person with two titles (1), "A policeman and street cleaner were
    killed" two people (2). Only nouns with no number of their own ("two guards and a
    driver" is read as figures) and only when the verb shows its number ("died" does
    not)."""
    heads = num.victim_heads(tok, pack)
    if len(heads) != 1:
        return None
    s = heads[0]
    if not pack.dep(s, "subject-or-passive-subject") or s.head.i == s.i:
        return None
    joined = [c for c in s.conjuncts if c.i > s.i]
    if not joined or not all(c.pos_ in ("NOUN", "PROPN") for c in (s, *joined)):
        return None
    if any(
        num.number_children(x, pack)
        or x.like_num
        or not pack.tag(x, "singular-noun")
        or x.lemma_.lower() in pack.words("not-victims")
        for x in (s, *joined)
    ):
        return None
    told = _finite_number(s.head, pack)
    if told is None:
        return None
    end = max(x.idx + len(x) for x in joined)
    n = 1 if told == "one" else 1 + len(joined)
    return num.Quantity(n, None, None, s.left_edge.idx, end)


@rule(
    "a companion of the one victim",
    table="counting",
    order=79,
    example=(
        "Gunmen assassinated a tribal sheikh near Kirkuk on Monday. One of his guards was "
        "killed and another was wounded.",
        "One",
    ),
)
def companion_of_the_victim(doc: Doc, c: num.Casualties, pack: LanguagePack) -> bool:
    """A toll told as a part of someone's people ("One of his guards was killed", "two of
    the sheikh's sons") counts companions of that person, not the person: when every other
    toll of the incident is that one victim, they add to him (codebook 5: each person
    killed counted once, so 1 + 1 = 2, not the larger of two 1s). The figure is a
    partitive alone, its noun with a possessive: "a commander and three of his aides"
    counts the commander too and is no companion."""
    for a, b in c.figure_spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        # the figure is the partitive alone: "a commander and three of his aides" counts
        # the commander too
        for t in span[:1]:
            if not t.like_num and t.lower_ not in pack.words("one"):
                continue
            for p in t.children:
                if not (
                    pack.dep(p, "preposition") and p.lower_ in pack.words("partitive-prepositions")
                ):
                    continue
                if any(
                    pack.dep(o, "preposition-object")
                    and any(pack.dep(w, "possessive") for w in o.children)
                    for o in p.children
                ):
                    return True
    return False
