"""The rule "the raid of an arrest" reads its arrest words from one place: the [arrest]
cue lemmas (cues.toml), with only the words that are no arrest cue alone listed in
words.toml ("arrest-verbs-beyond-cues"). Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _types(ex: Extractor, text: str) -> list[str | None]:
    art = Article(article_id="raid", text=text, published_at="2024-07-14")
    return [i.sub_event_type for i in ex.extract(art)]


def test_no_arrest_word_is_listed_twice() -> None:
    pack = get_pack("en")
    cue = set(pack.knowledge.cues["arrest"]["lemmas"])
    extra = pack.words("arrest-verbs-beyond-cues")
    assert extra and not extra & cue
    assert not pack.words("arrest-verbs")  # the old copy of the cue list is gone


@pytest.mark.parametrize(
    "text",
    [
        # "apprehend" is listed only as an arrest cue lemma.
        "Security forces apprehended six wanted men during a raid on a farm near Tikrit on Monday.",
        "Police detained five men during a raid on a house in Kirkuk on Sunday.",
        # "round" ("rounded up") is no arrest cue lemma: the rule's own word.
        "Police rounded up 15 suspects in a raid on a market in Basra on Wednesday.",
    ],
)
def test_a_raid_that_makes_arrests_is_no_attack(extractor: Extractor, text: str) -> None:
    off = Extractor(nlp=extractor.nlp, disabled_rules=["the raid of an arrest"])
    assert _types(extractor, text) == ["Arrests"]
    assert _types(off, text) == ["Attack"]
