"""Selective parse (issue 15 prototype, off by default): the statistical pipeline only
on the sentences that may tell an event, and on their neighbours.

    INCIDENTWATCH_SELECTIVE_PARSE=1 incidentwatch extract ...   (one neighbour each side)
    INCIDENTWATCH_SELECTIVE_PARSE=0 ...                          (the cued sentences only)
    unset, empty or "off": the full parse (the default)

Every text is tokenized whole (the tokenizer is ~2 % of the parse), split into
sentences by punctuation (spaCy's rule-based `Sentencizer`), and a sentence is
*cued* when one of its words could be a cue of cues.toml: a phrase of the cue
phrase matcher (which reads only the tokens' lower case), or a word one of whose
possible lemmas is a cue lemma. The possible lemmas come from the model's own
lemmatizer tables (its exceptions and suffix rules, for every part of speech), so
no tagger is needed to find them and the set is a superset of what `find_cues`
will see. The cued sentences and `neighbours` sentences either side make regions;
each region is run through the whole pipeline as its own Doc (tok2vec, tagger,
parser, attribute ruler, lemmatizer, NER), the regions of a batch in one
`nlp.pipe`, and the annotations are written back into the whole text's Doc.

Outside the regions a token has no tag, part of speech or entity, its lower case
as its lemma, and each sentence is a flat tree (its first token the root, the rest
attached to it with the label "dep"), so `doc.sents` still gives the sentences.
The output is therefore NOT the full parse's: sentence boundaries and parses at a
region's edges can differ. Measured against the full parse in docs/store.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, MutableMapping
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

ENV_VAR = "INCIDENTWATCH_SELECTIVE_PARSE"
_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
_OUTSIDE_IOB = 2  # "O": no entity (0 would mean "not annotated")


def neighbours_from_env() -> int | None:
    """The neighbours a selective parse takes (INCIDENTWATCH_SELECTIVE_PARSE=N, N >= 0),
    or None for the full parse (unset, empty or "off")."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw or raw.lower() == "off":
        return None
    try:
        n = int(raw)
    except ValueError:
        msg = f"{ENV_VAR} must be a number of neighbour sentences, got {raw!r}"
        raise ValueError(msg) from None
    if n < 0:
        raise ValueError(f"{ENV_VAR} must not be negative, got {n}")
    return n


class SelectiveParser:
    """Parses texts with the statistical pipeline run on cued regions only."""

    def __init__(
        self, nlp: Language, cue_lemmas: Iterable[str], phrases: PhraseMatcher, neighbours: int
    ) -> None:
        self.nlp = nlp
        self.cue_lemmas = frozenset(cue_lemmas)
        self.phrases = phrases
        self.neighbours = neighbours
        self.sentencizer = Sentencizer()
        lemmatizer = nlp.get_pipe("lemmatizer")
        lookups = getattr(lemmatizer, "lookups", None)
        self._exc: dict[str, dict[str, list[str]]] = {}
        self._rules: dict[str, list[list[str]]] = {}
        if lookups is not None and lookups.has_table("lemma_rules"):
            self._rules = dict(lookups.get_table("lemma_rules").items())
            if lookups.has_table("lemma_exc"):
                self._exc = dict(lookups.get_table("lemma_exc").items())
        self.may_cue = lru_cache(maxsize=200_000)(self._may_cue)
        # Filled by the last `pipe`: tokens in regions and in all, for the bench.
        self.tokens_parsed = 0
        self.tokens_seen = 0

    def _may_cue(self, lower: str) -> bool:
        """Whether some reading of the word has a cue lemma (its own form included)."""
        if lower in self.cue_lemmas:
            return True
        for pos, rules in self._rules.items():
            for form in self._exc.get(pos, {}).get(lower, ()):
                if form in self.cue_lemmas:
                    return True
            for old, new in rules:
                if lower.endswith(old) and lower[: len(lower) - len(old)] + new in self.cue_lemmas:
                    return True
        return False

    def regions(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges (start, end) of the cued sentences and their neighbours, merged;
        `doc` is tokenized and has sentence starts."""
        sents = [(s.start, s.end) for s in doc.sents]
        cued = [False] * len(sents)
        starts = [s for s, _e in sents]
        for _m, s, _e in self.phrases(doc):
            cued[_sentence_of(starts, s)] = True
        for i, (s, e) in enumerate(sents):
            if not cued[i] and any(self.may_cue(t.lower_) for t in doc[s:e]):
                cued[i] = True
        out: list[tuple[int, int]] = []
        k = self.neighbours
        for i, hit in enumerate(cued):
            if not hit:
                continue
            lo, hi = max(0, i - k), min(len(sents) - 1, i + k)
            s, e = sents[lo][0], sents[hi][1]
            if out and s <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], e))
            else:
                out.append((s, e))
        return out

    def pipe(self, texts: list[str], stages: MutableMapping[str, float] | None = None) -> list[Doc]:
        """The Docs of `texts`, in order."""
        docs = [self.nlp.make_doc(t) for t in texts]
        plans = []
        subs: list[Doc] = []
        for doc in docs:
            self.sentencizer(doc)
            regs = self.regions(doc)
            plans.append(regs)
            subs.extend(doc[s:e].as_doc() for s, e in regs)
        parsed = iter(list(self.nlp.pipe(subs, batch_size=max(1, len(subs)))))
        self.tokens_seen = sum(len(d) for d in docs)
        self.tokens_parsed = sum(len(d) for d in subs)
        return [self._assemble(doc, regs, parsed) for doc, regs in zip(docs, plans, strict=True)]

    def _assemble(self, doc: Doc, regs: list[tuple[int, int]], parsed: Iterable[Doc]) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # int64 so relative heads can be negative; the same bits as spaCy's uint64.
        arr = np.zeros((n, len(_ATTRS)), dtype="int64")
        arr[:, _ATTRS.index(LEMMA)] = doc.to_array(LOWER).view("int64")
        arr[:, _ATTRS.index(ENT_IOB)] = _OUTSIDE_IOB
        dep_col, head_col = _ATTRS.index(DEP), _ATTRS.index(HEAD)
        arr[:, dep_col] = np.uint64(self.nlp.vocab.strings.add("dep")).astype("int64")
        root = np.uint64(self.nlp.vocab.strings.add("ROOT")).astype("int64")
        # Flat trees for the sentences outside the regions: head = the sentence's first token.
        for sent in doc.sents:
            arr[sent.start : sent.end, head_col] = sent.start - np.arange(sent.start, sent.end)
            arr[sent.start, dep_col] = root
        sub_iter = iter(parsed)
        for s, e in regs:
            arr[s:e] = next(sub_iter).to_array(_ATTRS).view("int64")
        fresh = Doc(
            self.nlp.vocab,
            words=[t.text for t in doc],
            spaces=[bool(t.whitespace_) for t in doc],
        )
        return fresh.from_array(_ATTRS, arr.view("uint64"))  # type: ignore[arg-type]


def _sentence_of(starts: list[int], tok: int) -> int:
    import bisect

    return bisect.bisect_right(starts, tok) - 1
