"""Real-report merge evaluation: do two outlets' reports of one event become one record?

The synthetic merge test rewords one note many times; real outlets tell an
event with other places, days and tolls. Here the real articles go through the
whole ingest (extract, geocode, merge, store) in publication order, each gold
incident is paired with the report its own article produced (the same pairing
as `evaluate`), and pairs of gold incidents from different articles are scored:

- a gold pair is *same* when both incidents are in one cluster of the clusters
  file, *different* otherwise;
- a predicted pair is *merged* when both gold incidents were found and stored
  in one incident.

Recall counts a same pair whose incident was never extracted as not merged (an
analyst sees two records, or one); "recall given detection" leaves those out to
show the merge stage alone. Look-alike pairs (`not_same` in the clusters file:
same city and day, different events) are reported apart, since those are the
wrong merges that cost most.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from incidentwatch.evaluate.jsonl import load_articles
from incidentwatch.evaluate.pairing import pair_incidents
from incidentwatch.records import Article, Incident
from incidentwatch.resolve.merge import same_incident


@dataclass(frozen=True)
class GoldIncident:
    gold_id: str
    article_id: str
    incident: Incident


@dataclass
class Clusters:
    """Same-incident groups of gold ids, and look-alike pairs that are not one incident."""

    groups: list[list[str]] = field(default_factory=list)
    not_same: list[tuple[str, str]] = field(default_factory=list)

    def cluster_of(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for n, group in enumerate(self.groups):
            for gid in group:
                if gid in out and out[gid] != n:
                    raise ValueError(f"gold id {gid} is in two clusters")
                out[gid] = n
        return out


@dataclass
class PairOutcome:
    a: str
    b: str
    same: bool
    merged: bool
    why: str  # for a same pair not merged, or a different pair merged


@dataclass
class MergeEvaluation:
    gold_incidents: int = 0
    found: int = 0
    same_pairs: int = 0
    same_merged: int = 0
    same_detected: int = 0  # same pairs whose two incidents were both found
    merged_pairs: int = 0
    look_alike: int = 0
    look_alike_merged: int = 0
    outcomes: list[PairOutcome] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.same_merged / self.merged_pairs if self.merged_pairs else None

    @property
    def recall(self) -> float | None:
        return self.same_merged / self.same_pairs if self.same_pairs else None

    @property
    def recall_given_detection(self) -> float | None:
        return self.same_merged / self.same_detected if self.same_detected else None

    def to_json(self) -> dict[str, Any]:
        return {
            "gold_incidents": self.gold_incidents,
            "found": self.found,
            "same_pairs": self.same_pairs,
            "same_merged": self.same_merged,
            "same_detected": self.same_detected,
            "merged_pairs": self.merged_pairs,
            "precision": self.precision,
            "recall": self.recall,
            "recall_given_detection": self.recall_given_detection,
            "look_alike_pairs": self.look_alike,
            "look_alike_merged": self.look_alike_merged,
        }

    def to_text(self) -> str:
        def f(v: float | None) -> str:
            return "-" if v is None else f"{v:.3f}"

        return (
            "real-report merge evaluation\n"
            f"  gold incidents {self.gold_incidents}, found by extraction {self.found}\n"
            f"  same-incident pairs across articles {self.same_pairs}, merged "
            f"{self.same_merged}\n"
            f"  predicted merged pairs {self.merged_pairs}\n"
            f"  pairwise precision {f(self.precision)}  recall {f(self.recall)}  "
            f"(recall given detection {f(self.recall_given_detection)})\n"
            f"  look-alike pairs merged {self.look_alike_merged} of {self.look_alike}\n"
        )


def load_gold(paths: Sequence[Path]) -> list[GoldIncident]:
    """Gold incidents with ids: `gold_id` when given, else `<article_id>#<k>` (k from 1)."""
    out: list[GoldIncident] = []
    seen: set[str] = set()
    for path in paths:
        data = load_articles(path)
        for article_id, entry in data.articles.items():
            for k, inc in enumerate(entry.incidents, start=1):
                extra = inc.model_extra or {}
                gid = str(extra.get("gold_id") or f"{article_id}#{k}")
                if gid in seen:
                    raise ValueError(f"{path}: gold id {gid} given twice")
                seen.add(gid)
                out.append(GoldIncident(gid, article_id, inc))
    return out


def load_clusters(paths: Iterable[Path]) -> Clusters:
    out = Clusters()
    for path in paths:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: expected an object with 'clusters' and 'not_same'")
        for group in raw.get("clusters", []):
            if not isinstance(group, list) or not all(isinstance(g, str) for g in group):
                raise ValueError(f"{path}: a cluster is not a list of gold ids: {group!r}")
            out.groups.append(list(group))
        for item in raw.get("not_same", []):
            if not isinstance(item, list) or len(item) < 2:
                raise ValueError(f"{path}: a not_same entry is not [id, id, reason]: {item!r}")
            out.not_same.append((str(item[0]), str(item[1])))
    return out


def link_gold_to_store(
    gold: Sequence[GoldIncident],
    stored: dict[str, list[tuple[str, Incident]]],
    duplicate_of: dict[str, str],
    reports: dict[str, tuple[str, Incident]] | None = None,
) -> dict[str, str | None]:
    """gold id -> the stored incident its own article's report went into (None: not found).

    A syndicated copy the store recognised as a duplicate is read as its original.
    `reports`, when given, receives gold id -> (article id, the report it paired with).
    """
    by_article: dict[str, list[GoldIncident]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append(g)
    out: dict[str, str | None] = {g.gold_id: None for g in gold}
    paired = reports
    for article_id, items in by_article.items():
        source = article_id
        while source in duplicate_of and duplicate_of[source] != source:
            source = duplicate_of[source]
        cands = stored.get(source, [])
        pairs = pair_incidents([g.incident for g in items], [inc for _, inc in cands])
        for gi, pi, _ in pairs:
            out[items[gi].gold_id] = cands[pi][0]
            if paired is not None:
                paired[items[gi].gold_id] = (source, cands[pi][1])
    return out


def score_links(
    gold: Sequence[GoldIncident],
    links: dict[str, str | None],
    clusters: Clusters,
    explain: Callable[[str, str], str | None] | None = None,
) -> MergeEvaluation:
    """Pairwise scores; `explain(gold id, gold id)` says why two found reports stayed apart."""
    known = {g.gold_id for g in gold}
    unknown = [gid for group in clusters.groups for gid in group if gid not in known]
    unknown += [gid for pair in clusters.not_same for gid in pair if gid not in known]
    if unknown:
        raise ValueError(f"clusters name gold ids that no gold file has: {sorted(set(unknown))}")
    cluster_of = clusters.cluster_of()
    look_alike = {frozenset(p) for p in clusters.not_same}
    ev = MergeEvaluation(gold_incidents=len(gold))
    ev.found = sum(1 for g in gold if links[g.gold_id] is not None)
    for x, y in combinations(gold, 2):
        if x.article_id == y.article_id:
            continue  # one article's incidents are kept apart by extraction, not merging
        cx, cy = cluster_of.get(x.gold_id), cluster_of.get(y.gold_id)
        same = cx is not None and cx == cy
        lx, ly = links[x.gold_id], links[y.gold_id]
        merged = lx is not None and lx == ly
        alike = frozenset((x.gold_id, y.gold_id)) in look_alike
        if alike:
            ev.look_alike += 1
            ev.look_alike_merged += merged
        if merged:
            ev.merged_pairs += 1
        if same:
            ev.same_pairs += 1
            ev.same_merged += merged
            ev.same_detected += lx is not None and ly is not None
        if same and not merged:
            why = (
                f"{'not found: ' + x.gold_id if lx is None else ''}"
                f"{' ' if lx is None and ly is None else ''}"
                f"{'not found: ' + y.gold_id if ly is None else ''}"
            ) or "stored as two incidents"
            if lx is not None and ly is not None and explain is not None:
                why = f"{why}: {explain(x.gold_id, y.gold_id) or 'no reason'}"
            ev.outcomes.append(PairOutcome(x.gold_id, y.gold_id, True, False, why))
        elif merged and not same:
            why = "look-alike merged" if alike else "different incidents merged"
            ev.outcomes.append(PairOutcome(x.gold_id, y.gold_id, False, True, why))
    return ev


def evaluate_merging(
    articles: Sequence[Article],
    gold: Sequence[GoldIncident],
    clusters: Clusters,
    db_url: str | None = None,
) -> MergeEvaluation:
    """Ingest `articles` (publication order) into a store and score merging against gold."""
    from incidentwatch.ingest.pipeline import ingest_articles
    from incidentwatch.store.store import open_store

    ordered = sorted(articles, key=lambda a: (a.published_at or "", a.article_id))
    with tempfile.TemporaryDirectory(prefix="iw-merge-eval-") as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'merge-eval.db'}"
        store = open_store(url)
        try:
            rep = ingest_articles(store, ordered)
            reports = store.reports_of_articles(a.article_id for a in ordered)
        finally:
            store.close()
    stored = {
        article_id: [(incident_id, r.incident) for incident_id, r in items]
        for article_id, items in reports.items()
    }
    paired: dict[str, tuple[str, Incident]] = {}
    links = link_gold_to_store(gold, stored, rep.duplicate_of, paired)
    published = {a.article_id: a.published_at for a in ordered}

    def explain(a: str, b: str) -> str | None:
        # The merge decision on the two reports the gold incidents paired with.
        if a not in paired or b not in paired:
            return None
        (aa, ia), (ab, ib) = paired[a], paired[b]
        d = same_incident(ia, ib, a_published=published.get(aa), b_published=published.get(ab))
        return d.why

    return score_links(gold, links, clusters, explain)
