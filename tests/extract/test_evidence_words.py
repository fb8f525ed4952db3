"""An event's evidence quote starts and ends on whole words: the window around the cue
used to cut words in two ("euters) - Iraqi troops"), 35 of 58 event quotes on held_wire3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidentwatch.extract.pipeline import Extractor, get_extractor
from incidentwatch.records import Article

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def _cut_inside_a_word(text: str, start: int, end: int) -> bool:
    inside_start = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_end = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return inside_start or inside_end


def test_event_quotes_are_whole_words_on_written_wire_stories(extractor: Extractor) -> None:
    lines = (DATA / "held_wire3.jsonl").read_text(encoding="utf-8").splitlines()[:10]
    quotes = 0
    for line in lines:
        row = json.loads(line)
        art = Article(
            article_id=row["article_id"], text=row["text"], published_at=row["published_at"]
        )
        for inc in extractor.extract(art):
            for ev in inc.evidence:
                assert ev.text == art.text[ev.start : ev.end]
                if ev.field != "event":
                    continue
                quotes += 1
                assert not _cut_inside_a_word(art.text, ev.start, ev.end), ev.text
    assert quotes >= 10
