"""The attribute ruler matched by `extract/fastruler.py` gives spaCy's matches and the
same token attributes. Text written for these tests, with the contractions, spaces
and "there is" constructions the ruler's multi-token and exception patterns cover."""

from __future__ import annotations

import spacy
from spacy.language import Language

from incidentwatch.extract import fastruler
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import load_nlp

TEXTS = [
    "Gunmen killed two policemen at a checkpoint near Samarra on Monday, officials said.",
    "There are reports that y'all ain't gonna like: let's say the mortar rounds didn't "
    "hit the base, but c'mon, they'd have hit something.",
    "  The  army's   statement,\n\nissued late on Friday, said it wasn't  involved.  ",
    "I'm told there is no way he's coming; we've waited, you're late, and it's dark.",
    "Whether or not the bombers were caught, nobody knows whom they worked for, nothin' "
    "more. Y'all should've gotta stay.",
    "",
]


def plain_model() -> Language:
    return spacy.load(get_pack("en").model)


def test_shipped_pipeline_uses_it() -> None:
    nlp = load_nlp("en")
    assert isinstance(nlp.get_pipe("attribute_ruler").match, fastruler.FastRulerMatch)


def test_same_matches_and_same_annotations() -> None:
    plain = plain_model()
    ruler = plain.get_pipe("attribute_ruler")
    fast = fastruler.FastRulerMatch(ruler)
    before = [d for d in plain.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"])]
    for doc in before:
        assert fast(doc) == ruler.match(doc), doc.text
        # Twice: the second time from the cache.
        assert fast(doc) == ruler.match(doc), doc.text
    slow_docs = list(plain.pipe(TEXTS))
    assert fastruler.install_ruler(plain)
    fast_docs = list(plain.pipe(TEXTS))
    for a, b in zip(slow_docs, fast_docs, strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in a] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_) for t in b
        ]
    # The exception patterns did fire on these texts (else the test proves little).
    assert any(t.lower_ == "ai" and t.lemma_ == "be" for d in fast_docs for t in d)


def test_unsupported_patterns_keep_spacys_matcher() -> None:
    plain = plain_model()
    ruler = plain.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "bomb", "OP": "+"}]], {"LEMMA": "bomb"})
    assert not fastruler.install_ruler(plain)
    assert not isinstance(ruler.match, fastruler.FastRulerMatch)


def test_stock_restores_spacys_own_for_a_while() -> None:
    nlp = load_nlp("en")
    with fastruler.stock(nlp):
        assert "match" not in vars(nlp.get_pipe("attribute_ruler"))
        inside = [(t.lemma_, t.pos_) for t in nlp(TEXTS[1])]
    assert isinstance(nlp.get_pipe("attribute_ruler").match, fastruler.FastRulerMatch)
    assert [(t.lemma_, t.pos_) for t in nlp(TEXTS[1])] == inside
