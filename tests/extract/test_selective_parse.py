"""The selective parse (issue 15 prototype, INCIDENTWATCH_SELECTIVE_PARSE): the statistical
pipeline runs only on cued sentences and their neighbours; off by default. Text written
for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.selective import ENV_VAR, SelectiveParser, neighbours_from_env
from incidentwatch.records import Article

# Sentences 0, 2 and 5 tell an event; 1, 3, 4 and 6 do not.
TEXT = (
    "The provincial council met in the morning to discuss the new budget. "
    "Members argued about money for schools and roads. "
    "Gunmen shot dead two farmers near the village of Abu Sayda on Monday, police said. "
    "The mayor inaugurated a new bridge over the river last week. "
    "Residents praised the project and asked for more street lights. "
    "A roadside bomb wounded three soldiers on the highway north of the town. "
    "The weather is expected to stay mild until the weekend."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def selective(extractor: Extractor, neighbours: int) -> SelectiveParser:
    return SelectiveParser(extractor.nlp, extractor.lemma_cats, extractor.phrases, neighbours)


def sentences(doc: Doc) -> list[str]:
    return [s.text.strip() for s in doc.sents]


def test_off_unless_the_variable_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert neighbours_from_env() is None
    monkeypatch.setenv(ENV_VAR, "off")
    assert neighbours_from_env() is None
    monkeypatch.setenv(ENV_VAR, "0")
    assert neighbours_from_env() == 0
    monkeypatch.setenv(ENV_VAR, "2")
    assert neighbours_from_env() == 2
    monkeypatch.setenv(ENV_VAR, "many")
    with pytest.raises(ValueError, match="number of neighbour sentences"):
        neighbours_from_env()
    monkeypatch.setenv(ENV_VAR, "-1")
    with pytest.raises(ValueError, match="negative"):
        neighbours_from_env()


def test_the_default_extractor_parses_everything(extractor: Extractor) -> None:
    assert extractor.selective is None
    doc = extractor.parse(TEXT)
    assert all(t.pos_ for t in doc)  # every token tagged


def test_only_cued_sentences_are_parsed(extractor: Extractor) -> None:
    sel = selective(extractor, 0)
    [doc] = sel.pipe([TEXT])
    assert doc.text == TEXT
    parsed = [s for s in doc.sents if all(t.pos_ for t in s)]
    assert [s.text.strip() for s in parsed] == [sentences(doc)[2], sentences(doc)[5]]
    assert "Gunmen shot dead" in parsed[0].text and "roadside bomb" in parsed[1].text
    # Outside: no tags, lemma = lower case, a flat tree rooted at the first word.
    council = next(s for s in doc.sents if "council" in s.text)
    assert {t.pos_ for t in council} == {""}
    assert council.root.i == council.start and council[0].lemma_ == "the"
    assert sel.tokens_parsed < sel.tokens_seen


def test_neighbours_widen_the_regions(extractor: Extractor) -> None:
    sel = selective(extractor, 1)
    [doc] = sel.pipe([TEXT])
    unparsed = [s.text.strip() for s in doc.sents if not any(t.pos_ for t in s)]
    # Cued 2 and 5, one neighbour each side: 1-3 and 4-6 are parsed, the first is not.
    assert unparsed == [TEXT.split(". ")[0] + "."]
    assert sel.tokens_parsed < sel.tokens_seen


def test_a_region_is_parsed_as_the_full_pipeline_parses_it(extractor: Extractor) -> None:
    sel = selective(extractor, 0)
    [doc] = sel.pipe([TEXT])
    region = next(s for s in doc.sents if "roadside" in s.text)
    alone = extractor.nlp(region.text)
    assert [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i - t.sent.start, t.ent_type_)
            for t in region] == [
        (t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in alone
    ]  # fmt: skip


def test_inflected_and_irregular_cues_select_their_sentence(extractor: Extractor) -> None:
    sel = selective(extractor, 0)
    assert sel.may_cue("killed") and sel.may_cue("fought") and sel.may_cue("bombings")
    assert not sel.may_cue("budget") and not sel.may_cue("bridge")


def test_extraction_under_the_flag_keeps_evidence(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, "1")
    flagged = Extractor(nlp=extractor.nlp, geocoder=extractor.geocoder)
    assert flagged.selective is not None
    art = Article(article_id="sel-1", text=TEXT, published_at="2023-05-10")
    got = flagged.extract(art)
    full = extractor.extract(art)
    assert [i.fatalities.best for i in full] == [2]
    # On a short text whose event sentences are parsed alone, the same record.
    assert [i.model_dump() for i in got] == [i.model_dump() for i in full]
    for inc in got:
        assert inc.evidence and all(0 <= e.start < e.end <= len(TEXT) for e in inc.evidence)


def test_empty_and_blank_texts(extractor: Extractor) -> None:
    sel = selective(extractor, 1)
    docs = sel.pipe(["", "   ", "No event here at all."])
    assert [d.text for d in docs] == ["", "   ", "No event here at all."]
