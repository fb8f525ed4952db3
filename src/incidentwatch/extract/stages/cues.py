"""Cues stage: event cue words (cues.toml lemmas and phrases) and event segments."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from incidentwatch.extract.context import Cue

if TYPE_CHECKING:
    from incidentwatch.extract.pipeline import Extractor

log = logging.getLogger(__name__)

# Universal POS tags of words that are never cues (names, prepositions, articles, pronouns).
_NAME, _NOUN = "PROPN", "NOUN"
_NEVER_CUES = (_NAME, "ADP", "DET", "PRON")
_LEMMATIZER = "lemmatizer"
_PLURAL = "Number=Plur"
MIN_SEGMENT_CHARS = 15


def reread_names(ex: Extractor, doc: Doc) -> None:
    """A word the tagger read as a name that a `parse-word` rule calls a common word in its
    place ("BEIRUT (AFP) - Clashes erupted ...") is read again as a noun, its lemma from the
    pipeline's own lemmatizer, when that reading is an event cue: the cue, actor and count
    readers then see the lead's event word. A word whose noun reading is no cue keeps the
    tagger's reading, so names are untouched."""
    if not ex.parse_word_rules or not ex.nlp.has_pipe(_LEMMATIZER):
        return
    lemmatizer = cast(Lemmatizer, ex.nlp.get_pipe(_LEMMATIZER))
    for tok in doc:
        if tok.pos_ != _NAME or tok.ent_type_:
            continue
        hit = next((r for r in ex.parse_word_rules if r(tok, ex.pack)), None)
        if hit is None:
            continue
        pos, morph = tok.pos_, str(tok.morph)
        # spaCy's stubs lack Token.set_morph, which the lemmatizer's rules read.
        word = cast(Any, tok)
        tok.pos_ = _NOUN
        # A capitalised plural ("Clashes", "Gunmen") is tagged a singular name: its noun
        # lemma is looked up as a plural first, then as the word itself.
        word.set_morph(_PLURAL)
        lemma = next((w for w in lemmatizer.rule_lemmatize(tok) if w in ex.lemma_cats), None)
        if lemma is None and tok.lower_ in ex.lemma_cats:
            lemma = tok.lower_
        if lemma is None:
            tok.pos_ = pos
            word.set_morph(morph)
            continue
        log.debug("word %r read as the noun %r: %s", tok.text, lemma, hit.name)
        tok.lemma_ = lemma


def find_cues(ex: Extractor, doc: Doc) -> list[Cue]:
    pack = ex.pack
    weak_words, always_weak = pack.words("weak-cues"), pack.words("always-weak-cues")
    cues: list[Cue] = []
    seen: set[tuple[str, int]] = set()
    for mid, s, e in ex.phrases(doc):
        cat = ex.nlp.vocab.strings[mid]
        sp = doc[s:e]
        # A phrase is judged by its head word as a lemma cue is ("the chemical weapons
        # watchdog": rule "a weapon naming a body").
        if any(r(sp.root, pack) for r in ex.cue_rules):
            continue
        cues.append(Cue(cat, sp.start_char, sp.end_char, sp.root))
        seen.add((cat, s))
    for tok in doc:
        if ex.cue_added_rules and tok.pos_ not in _NEVER_CUES:
            _add_told_cue(ex, tok, cues, seen)
        cats = ex.lemma_cats.get(tok.lemma_.lower()) or ex.lemma_cats.get(tok.lower_)
        if not cats or tok.pos_ in _NEVER_CUES:
            continue
        if any(r(tok, pack) for r in ex.cue_rules):
            continue
        for cat in cats:
            if (cat, tok.i) in seen:
                continue
            lemma = tok.lemma_.lower()
            weak = (lemma in weak_words or tok.lower_ in weak_words) and (
                tok.pos_ != "VERB" or lemma in always_weak
            )
            cues.append(Cue(cat, tok.idx, tok.idx + len(tok), tok, weak))
    cues.sort(key=lambda c: c.start)
    return cues


def _add_told_cue(ex: Extractor, tok: Token, cues: list[Cue], seen: set[tuple[str, int]]) -> None:
    """The first `cue-added` rule that reads a category into this use of the word (an army
    that "stormed to the edge of" a city took ground; "storm" alone is an attack)."""
    for r in ex.cue_added_rules:
        cat = r(tok, ex.pack)
        if cat:
            if (cat, tok.i) not in seen:
                log.debug("cue %r added as %s: %s", tok.text, cat, r.name)
                cues.append(Cue(cat, tok.idx, tok.idx + len(tok), tok))
                seen.add((cat, tok.i))
            return


def segments(
    ex: Extractor, doc: Doc, cues: Sequence[Cue] = (), cut_at: set[int] | None = None
) -> list[tuple[int, int, int]]:
    """(start, end, sentence index) of each event segment: sentences split at the pack's
    clause breaks (";", "meanwhile", ...), and at a conjunction a `clause-split` rule says
    joins two incidents ("launched an assault ... and fired rockets on a hospital"); those
    cuts are added to `cut_at`."""
    breaks = ex.pack.pattern("clause-breaks")
    segs = []
    for si, sent in enumerate(doc.sents):
        start = sent.start_char
        text = sent.text
        cuts = [(m.start(), m.end()) for m in breaks.finditer(text)] if breaks is not None else []
        if ex.clause_split_rules and cues:
            own = [c for c in cues if sent.start_char <= c.start < sent.end_char]
            for tok in sent:
                if any(r(tok, own, ex.pack) for r in ex.clause_split_rules):
                    log.debug("clause split at %r: %s", tok.text, text[: tok.idx - start])
                    cuts.append((tok.idx - start, tok.idx - start))
                    if cut_at is not None:
                        cut_at.add(tok.idx)
        last = 0
        for cut_start, cut_end in sorted(cuts):
            if cut_start - last > MIN_SEGMENT_CHARS:
                segs.append((start + last, start + cut_start, si))
                last = cut_end
        segs.append((start + last, sent.end_char, si))
    return segs
