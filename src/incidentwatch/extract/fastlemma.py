"""The model's rule lemmatizer giving the same lemmas for less CPU (issue 15).

spaCy's rule lemmatizer reads three things of a token: its text, its part of speech
and its morphological features (the key of its own cache). It still costs ~10 ms an
article while its cache fills and ~1.7 ms once warm: a word's first reading scans
the model's word list for its part of speech (a Python list: `form in index`), base
forms ("Sing" nouns, infinitives, ...) are never cached, and every token goes
through a Python `Token` and the `lemma_` setter. Here:

- the word lists are held as sets (membership is all the lemmatizer asks of them);
- a document's lemmas are looked up by (text, part of speech, morphology) over its
  token arrays, each key's lemma computed once by spaCy's own `lemmatize` on the
  first token that has it, and written back in one `Doc.from_array`.

Installed by giving the pipeline's lemmatizer instance a subclass of its own class
whose `__call__` is this lookup (`nlp(text)` and `nlp.pipe` both call it);
`stock` puts spaCy's back for the reference parse of a benchmark.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

# A bound for a long-lived worker: (text, POS, morphology) keys, ~100 bytes each.
_MAX_KEYS = 500_000
_FAST = "_iw_fast_lemmatizer"


def _fast_call(self: Any, doc: Doc) -> Doc:
    """`Lemmatizer.__call__` by lookups: the same lemmas on the same tokens."""
    if not self._validated:
        self._validate_tables()
    n = len(doc)
    if n == 0:
        return doc
    cache: dict[tuple[int, int, int], int] = self._iw_lemmas
    overwrite = self.overwrite
    rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
    out = rows[:, 3].copy()
    try:
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                got = cache.get(key)
                if got is None:
                    if len(cache) >= _MAX_KEYS:
                        cache.clear()
                    got = cache[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
                out[i] = got
    except Exception as e:
        self.get_error_handler()(self.name, self, [doc], e)
        return doc
    column: Any = out.astype(np.uint64).reshape(n, 1)  # spaCy's types say thinc's Ints2d
    doc.from_array([LEMMA], column)
    return doc


def install(nlp: Language) -> bool:
    """Lemmatize the pipeline's rule lemmatizer by lookups; whether it was."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lem: Any = nlp.get_pipe("lemmatizer")
    if getattr(lem, "mode", None) != "rule" or getattr(type(lem), _FAST, False):
        return False
    stock_index: dict[Any, Any] = {}
    if getattr(lem, "lookups", None) is not None and lem.lookups.has_table("lemma_index"):
        index = lem.lookups.get_table("lemma_index")
        stock_index = {pos: index[pos] for pos in list(index.keys())}
    cls = type(lem)
    lem._iw_lemmas = {}
    lem._iw_stock = (cls, stock_index)
    lem._iw_fast = (
        type(f"Fast{cls.__name__}", (cls,), {"__call__": _fast_call, _FAST: True}),
        {pos: frozenset(words) for pos, words in stock_index.items()},
    )
    _use(lem, lem._iw_fast)
    return True


def dictionary_words(nlp: Language) -> frozenset[str]:
    """The words of the language's dictionary the model ships for its rule lemmatizer
    (`lemma_index`, every part of speech); empty for a model without one."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lem: Any = nlp.get_pipe("lemmatizer")
    lookups = getattr(lem, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in list(index.keys()) for w in index[pos])


def _use(lem: Any, how: tuple[type, dict[Any, Any]]) -> None:
    """Give the lemmatizer this class and these word lists."""
    cls, words = how
    if words:
        index = lem.lookups.get_table("lemma_index")
        for pos, ws in words.items():
            index[pos] = ws
    lem.__class__ = cls


@contextmanager
def stock(nlp: Language) -> Iterator[Language]:
    """The pipeline with spaCy's own lemmatizer call while inside, the fast one after."""
    lem: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    fast = lem is not None and getattr(type(lem), _FAST, False)
    if fast:
        _use(lem, lem._iw_stock)
    try:
        yield nlp
    finally:
        if fast:
            _use(lem, lem._iw_fast)
