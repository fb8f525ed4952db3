"""Shortcuts the extractor takes for speed (issue 15) give what the long way gives:
an article's sentences and each sentence's entities listed once (ArticleContext), and
target and weapon types found with one scan per type (classify). Texts written for
these tests."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc, Span

from incidentwatch.extract.classify import target_type, weapon_types
from incidentwatch.extract.context import ArticleContext
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article

TEXT = (
    "Gunmen in a white Toyota opened fire on a police checkpoint in Ramadi on Tuesday, "
    "killing two officers, the Anbar Operations Command said. Hours later a car bomb "
    "exploded outside the Grand Mosque in Falluja, wounding eleven worshippers and a "
    "local journalist working for Al Sumaria. The United Nations mission in Baghdad "
    "condemned both attacks. A mortar round hit a primary school in Hit on Wednesday."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_geocoder=False)


def _ctx(ex: Extractor, doc: Doc) -> ArticleContext:
    art = Article(article_id="t", text=doc.text, published_at="2016-05-04")
    return ArticleContext(ex=ex, article=art, doc=doc, pub=None, short=False)


def test_sentences_and_their_entities_as_spacy_gives_them(extractor: Extractor) -> None:
    doc = extractor.nlp(TEXT)
    ctx = _ctx(extractor, doc)
    sents = list(doc.sents)
    assert len(sents) >= 4 and len(doc.ents) >= 5
    assert [(s.start, s.end) for s in ctx.sents] == [(s.start, s.end) for s in sents]
    assert ctx.sents is ctx.sents  # listed once
    for i, s in enumerate(sents):
        got = [(e.start, e.end, e.label_) for e in ctx.sentence_entities(i)]
        assert got == [(e.start, e.end, e.label_) for e in s.ents]


def test_an_entity_across_a_sentence_break_belongs_to_neither(extractor: Extractor) -> None:
    # The parser and the recogniser are separate: an entity may run over a sentence
    # break, and `Span.ents` then gives it to no sentence (nor anything after it there).
    doc = extractor.nlp(TEXT)
    sents = list(doc.sents)
    cut = sents[1].start
    doc.ents = [
        Span(doc, cut - 3, cut + 1, label="ORG"),
        *[e for e in doc.ents if e.end <= cut - 3 or e.start >= cut + 1],
    ]
    ctx = _ctx(extractor, doc)
    for i, s in enumerate(sents):
        assert [(e.start, e.end) for e in ctx.sentence_entities(i)] == [
            (e.start, e.end) for e in s.ents
        ]
    assert all(e.start != cut - 3 for i in range(len(sents)) for e in ctx.sentence_entities(i))


def _word_by_word(text: str, words: list[str]) -> re.Match[str] | None:
    """The long way: each word's own search, first word that is found."""
    for w in words:
        m = re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)
        if m:
            return m
    return None


@pytest.mark.parametrize(
    "segment",
    [
        TEXT,
        "A suicide bomber wearing an explosive vest blew himself up at a wedding party.",
        "Militants shelled the village with mortars and rockets, then stormed the school.",
        "Police-station guards fired shots in the air; no weapon-like objects were found.",
        "Nothing here names a target or a weapon at all.",
    ],
)
def test_types_as_found_word_by_word(extractor: Extractor, segment: str) -> None:
    kb = extractor.kb
    low = segment.lower()
    weapons = []
    for wtype, words in kb.weapons:
        m = _word_by_word(low, words)
        if m:
            weapons.append((wtype, 100 + m.start(), 100 + m.end()))
    assert weapon_types(segment, 100, kb) == weapons
    target = next(
        (
            (ttype, 100 + m.start(), 100 + m.end())
            for ttype, words in kb.targets
            if (m := _word_by_word(low, words))
        ),
        None,
    )
    assert target_type(segment, 100, kb) == target


def test_a_target_inside_the_attacker_is_skipped_as_before(extractor: Extractor) -> None:
    kb = extractor.kb
    seg = "Police officers shot dead a gunman who attacked a school in Hit."
    first = target_type(seg, 0, kb)
    assert first is not None
    # The same words with the first target's span excluded: another word or type.
    other = target_type(seg, 0, kb, exclude=(first[1], first[2]))
    assert other is not None and other[1] != first[1]
