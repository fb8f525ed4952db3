"""The VOA samples gold (annotations/voa_samples) stays true to the shipped texts.

The gold keeps only annotations; its evidence offsets point into the samples file that
ships with the package. A re-cut samples file or a hand edit of the gold that moves an
offset would silently make every span wrong, so each quote is checked against the text.
"""

from __future__ import annotations

import json
from pathlib import Path

from incidentwatch.evaluate.jsonl import load_articles

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "annotations" / "voa_samples" / "gold.jsonl"
CLUSTERS = REPO / "annotations" / "voa_samples" / "clusters.json"
SAMPLES = REPO / "src" / "incidentwatch" / "data" / "samples" / "voa_iraq_syria.jsonl"
MAX_QUOTE_WORDS = 12


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_every_sample_article_is_coded_once() -> None:
    coded = [row["article_id"] for row in _rows(GOLD)]
    shipped = [row["article_id"] for row in _rows(SAMPLES)]
    assert sorted(coded) == sorted(shipped)
    assert len(set(coded)) == len(coded)


def test_evidence_quotes_match_the_shipped_text() -> None:
    texts = {row["article_id"]: row["text"] for row in _rows(SAMPLES)}
    for row in _rows(GOLD):
        text = texts[row["article_id"]]
        for incident in row["incidents"]:
            assert incident["evidence"], incident["gold_id"]
            for span in incident["evidence"]:
                assert span["article_id"] == row["article_id"]
                assert text[span["start"] : span["end"]] == span["quote"], incident["gold_id"]
                assert len(span["quote"].split()) <= MAX_QUOTE_WORDS


def test_the_evaluator_reads_every_gold_incident() -> None:
    loaded = load_articles(GOLD)
    assert loaded.problems == []
    expected = sum(len(row["incidents"]) for row in _rows(GOLD))
    assert sum(len(a.incidents) for a in loaded.articles.values()) == expected


def test_cluster_ids_name_gold_incidents() -> None:
    ids = {incident["gold_id"] for row in _rows(GOLD) for incident in row["incidents"]}
    clusters = json.loads(CLUSTERS.read_text(encoding="utf-8"))
    for cluster in clusters["clusters"]:
        assert set(cluster) <= ids
    for first, second, _why in clusters["not_same"]:
        assert {first, second} <= ids
