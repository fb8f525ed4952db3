"""The rule lemmatizer run by lookups (`extract/fastlemma.py`) gives spaCy's own lemmas.
Text written for these tests: plurals, past tenses, comparatives, base forms, proper
nouns, numbers, and the attribute ruler's own lemmas ("ain't") the lemmatizer keeps."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from incidentwatch.extract import fastlemma, fastruler
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import load_nlp

TEXTS = [
    "Gunmen killed two policemen and wounded three others at checkpoints near Samarra "
    "on Monday; the wounded were taken to hospitals, officials said.",
    "Militants had been shelling the villages for weeks, and the bigger attacks came "
    "later, when the fighters' best-armed units ain't retreating any more.",
    "The Peshmerga's 12th brigade said it shot down drones carrying explosives over "
    "Makhmour; 3,000 families fled, leaving houses, cattle and crops behind.",
    "  Bodies  were found\n\nnear the Tigris. He's saying they'd been kidnapped by men "
    "wearing uniforms, who'd driven off in pickups.",
    "",
]


def tokens(docs: list) -> list[list[tuple[str, str, str, str]]]:
    return [[(t.text, t.lemma_, t.pos_, str(t.morph)) for t in d] for d in docs]


def stock_model() -> Language:
    nlp = spacy.load(get_pack("en").model)
    fastruler.install(nlp)  # the same ruler both sides: only the lemmatizer differs
    return nlp


def fast_model() -> Language:
    nlp = stock_model()
    assert fastlemma.install(nlp)
    return nlp


def test_shipped_pipeline_uses_it() -> None:
    lem = load_nlp("en").get_pipe("lemmatizer")
    assert getattr(type(lem), "_iw_fast_lemmatizer", False)


def test_same_lemmas_as_spacy_through_pipe_and_call() -> None:
    want = tokens(list(stock_model().pipe(TEXTS)))
    fast = fast_model()
    assert tokens(list(fast.pipe(TEXTS))) == want
    assert tokens([fast(t) for t in TEXTS]) == want  # again, now from the lookups
    lemmas = {(t, lem) for d in want for t, lem, _p, _m in d}
    # The texts exercise what the test claims (else it proves little).
    assert {("killed", "kill"), ("policemen", "policeman"), ("bigger", "big")} <= lemmas
    assert ("ai", "be") in lemmas  # the attribute ruler's lemma, kept


def test_stock_puts_spacys_lemmatizer_back_for_a_while() -> None:
    fast = fast_model()
    lem = fast.get_pipe("lemmatizer")
    index = lem.lookups.get_table("lemma_index")
    with fastlemma.stock(fast) as nlp:
        assert not getattr(type(lem), "_iw_fast_lemmatizer", False)
        assert all(isinstance(index[pos], list) for pos in index)
        inside = tokens(list(nlp.pipe(TEXTS)))
    assert getattr(type(lem), "_iw_fast_lemmatizer", False)
    assert all(isinstance(index[pos], frozenset) for pos in index)
    assert inside == tokens(list(fast.pipe(TEXTS)))


def test_a_full_cache_starts_again_with_the_same_lemmas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastlemma, "_MAX_KEYS", 5)
    want = tokens(list(stock_model().pipe(TEXTS)))
    fast = fast_model()
    assert tokens(list(fast.pipe(TEXTS))) == want
    assert len(fast.get_pipe("lemmatizer")._iw_lemmas) <= 5
