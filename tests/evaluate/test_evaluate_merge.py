"""The real-report merge evaluation: pairwise scoring, and the command end to end.

Articles are invented here; the command runs the real extractor, geocoder,
merger and SQLite store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.evaluate.merging import (
    Clusters,
    GoldIncident,
    link_gold_to_store,
    score_links,
)
from incidentwatch.records import Incident

DAY = "2024-03-10"


def _gold(gid: str, article: str, **fields: object) -> GoldIncident:
    return GoldIncident(gid, article, Incident.model_validate(fields))


def test_pairwise_scores_count_misses_and_wrong_merges() -> None:
    gold = [
        _gold("a#1", "a"),
        _gold("b#1", "b"),
        _gold("c#1", "c"),  # same event as a#1 and b#1, but never extracted
        _gold("b#2", "b"),
        _gold("d#1", "d"),  # a look-alike of b#2, wrongly merged with it
    ]
    clusters = Clusters(groups=[["a#1", "b#1", "c#1"]], not_same=[("b#2", "d#1")])
    links: dict[str, str | None] = {
        "a#1": "i1",
        "b#1": "i1",
        "c#1": None,
        "b#2": "i2",
        "d#1": "i2",
    }
    ev = score_links(gold, links, clusters)
    # same pairs: a-b (merged), a-c, b-c (c not found) -> recall 1/3
    assert (ev.same_pairs, ev.same_merged, ev.same_detected) == (3, 1, 1)
    # merged pairs across articles: a#1-b#1 and b#2-d#1
    assert ev.merged_pairs == 2
    assert ev.precision == 0.5
    assert ev.recall == pytest.approx(1 / 3)
    assert ev.recall_given_detection == 1.0
    assert (ev.look_alike, ev.look_alike_merged) == (1, 1)
    whys = sorted(o.why for o in ev.outcomes)
    assert whys == ["look-alike merged", "not found: c#1", "not found: c#1"]


def test_incidents_of_one_article_are_not_merge_pairs() -> None:
    gold = [_gold("a#1", "a"), _gold("a#2", "a")]
    ev = score_links(gold, {"a#1": "i1", "a#2": "i1"}, Clusters())
    assert ev.merged_pairs == 0 and ev.same_pairs == 0


def test_clusters_must_name_known_gold_ids() -> None:
    with pytest.raises(ValueError, match="no gold file has"):
        score_links([_gold("a#1", "a")], {"a#1": None}, Clusters(groups=[["a#1", "zz#9"]]))


def test_a_syndicated_copy_counts_as_its_original() -> None:
    inc = {"event_date": DAY, "event_type": "Battles"}
    gold = [_gold("orig#1", "orig", **inc), _gold("copy#1", "copy", **inc)]
    stored = {"orig": [("i7", Incident.model_validate(inc))]}
    links = link_gold_to_store(gold, stored, {"copy": "orig"})
    assert links == {"orig#1": "i7", "copy#1": "i7"}


WIRE = (
    "BAGHDAD (Example Wire) - A car bomb exploded near a crowded vegetable market "
    "in Baghdad on Sunday, killing seven people and wounding 15 others, police said.\n\n"
    "No group claimed the attack. Markets in the capital have often been targeted "
    "in past years, a police officer said."
)
DAILY = (
    "Seven people were killed and 15 wounded when a car bomb went off at a busy "
    "market in Baghdad on Sunday, security sources told the Daily Sample.\n\n"
    "Separately, gunmen shot dead two police officers at a checkpoint in Basra on "
    "Sunday, a provincial official said."
)
BASE = {"event_date": DAY, "date_precision": 1, "country": {"code": "IQ", "name": "Iraq"}}
BOMB = {
    **BASE,
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Remote explosive/landmine/IED",
    "admin1": "Baghdad",
    "location": {"name": "Baghdad", "latitude": 33.34, "longitude": 44.4},
    "fatalities": {"best": 7},
}
SHOOTING = {
    **BASE,
    "event_type": "Violence against civilians",
    "sub_event_type": "Attack",
    "admin1": "Al Basrah",
    "location": {"name": "Basra", "latitude": 30.51, "longitude": 47.81},
    "fatalities": {"best": 2},
}


@pytest.fixture
def merge_files(tmp_path: Path) -> dict[str, Path]:
    articles = tmp_path / "articles.jsonl"
    rows = [
        {"article_id": "wire-1", "outlet": "Example Wire", "published_at": DAY, "text": WIRE},
        {"article_id": "daily-1", "outlet": "Daily Sample", "published_at": DAY, "text": DAILY},
    ]
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold_rows = [
        {"article_id": "wire-1", "incidents": [BOMB]},
        {"article_id": "daily-1", "incidents": [BOMB, SHOOTING]},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in gold_rows), encoding="utf-8")
    clusters = tmp_path / "clusters.json"
    clusters.write_text(
        json.dumps(
            {
                "clusters": [["wire-1#1", "daily-1#1"]],
                "not_same": [["wire-1#1", "daily-1#2", "same day, other city and attack"]],
            }
        ),
        encoding="utf-8",
    )
    return {"articles": articles, "gold": gold, "clusters": clusters}


def test_evaluate_merge_command_on_two_outlets(
    merge_files: dict[str, Path], tmp_path: Path
) -> None:
    details = tmp_path / "details.jsonl"
    args = [
        "evaluate-merge",
        str(merge_files["articles"]),
        "--gold",
        str(merge_files["gold"]),
        "--clusters",
        str(merge_files["clusters"]),
        "--json",
        "--details",
        str(details),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["gold_incidents"] == 3
    assert out["found"] == 3
    assert (out["same_pairs"], out["same_merged"], out["merged_pairs"]) == (1, 1, 1)
    assert (out["precision"], out["recall"]) == (1.0, 1.0)
    assert (out["look_alike_pairs"], out["look_alike_merged"]) == (1, 0)
    assert details.read_text(encoding="utf-8") == ""


def test_evaluate_merge_needs_the_articles_text(
    merge_files: dict[str, Path], tmp_path: Path
) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(
        json.dumps({"article_id": "x", "text": "Nothing happened in the town today."}) + "\n",
        encoding="utf-8",
    )
    args = [
        "evaluate-merge",
        str(other),
        "--gold",
        str(merge_files["gold"]),
        "--clusters",
        str(merge_files["clusters"]),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "have no text" in result.output


def test_a_same_text_copy_links_to_its_original_end_to_end(
    merge_files: dict[str, Path], tmp_path: Path
) -> None:
    """A syndicated copy under another id and URL is skipped by the store; its gold
    incident must read as the original's, not go missing (the store used to report
    why it was a duplicate instead of which article it duplicates)."""
    articles = merge_files["articles"]
    copy = {"article_id": "copy-1", "outlet": "Reprint Site", "published_at": DAY, "text": WIRE}
    articles.write_text(articles.read_text() + json.dumps(copy) + "\n", encoding="utf-8")
    gold = merge_files["gold"]
    # Gold written by hand leaves a count nobody stated as null: that is no figure.
    copy_gold = {"article_id": "copy-1", "incidents": [{**BOMB, "perpetrator_fatalities": None}]}
    gold.write_text(gold.read_text() + json.dumps(copy_gold) + "\n", encoding="utf-8")
    merge_files["clusters"].write_text(
        json.dumps({"clusters": [["wire-1#1", "daily-1#1", "copy-1#1"]], "not_same": []}),
        encoding="utf-8",
    )
    args = [
        "evaluate-merge",
        str(articles),
        "--gold",
        str(gold),
        "--clusters",
        str(merge_files["clusters"]),
        "--json",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["gold_incidents"] == 4 and out["found"] == 4
    assert (out["same_pairs"], out["same_merged"]) == (3, 3)


def test_a_missed_pair_says_why_the_merge_kept_it_apart() -> None:
    gold = [_gold("a#1", "a"), _gold("b#1", "b")]
    links: dict[str, str | None] = {"a#1": "i1", "b#1": "i2"}
    asked: list[tuple[str, str]] = []

    def explain(x: str, y: str) -> str:
        asked.append((x, y))
        return "dates differ or unknown"

    ev = score_links(gold, links, Clusters(groups=[["a#1", "b#1"]]), explain)
    assert asked == [("a#1", "b#1")]
    assert [o.why for o in ev.outcomes] == ["stored as two incidents: dates differ or unknown"]
