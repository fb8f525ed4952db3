"""A title with a period ends no sentence (issue 12, RAND counting classes right by the
codebook: the victim named after "Capt." is the verb's victim). Texts written for these
tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen assassinated police Capt. Karim Hadi, a traffic officer, in Basra on Monday.",
        "Insurgents killed army Col. Adel Jabbar, a battalion commander, near Tikrit.",
    ],
)
def test_the_name_after_a_title_stays_in_its_sentence(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)
    assert len(list(doc.sents)) == 1
    art = Article(article_id="title", text=text, published_at="2005-06-07")
    assert [i.fatalities.best for i in extractor.extract(art)] == [1]


def test_a_sentence_end_after_a_title_word_without_its_period(extractor: Extractor) -> None:
    doc = extractor.nlp("The attack wounded a police captain. Two civilians died later.")
    assert len(list(doc.sents)) == 2
