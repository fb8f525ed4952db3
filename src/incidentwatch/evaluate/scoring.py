"""Scores of a system's incidents against gold (codebook section 6).

Pure functions over loaded records: pairing per article, then detection,
per-field accuracy on paired incidents, counts, distance and merging. A field
whose gold value is empty in a pair is skipped, not counted wrong, because gold
files from different datasets fill different fields.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from math import comb
from typing import Any

from incidentwatch.evaluate.jsonl import ArticleIncidents
from incidentwatch.evaluate.names import loose_actor, loose_label, loose_place, same_set
from incidentwatch.evaluate.pairing import coordinates, haversine_km, pair_incidents
from incidentwatch.records import Incident

WITHIN_KM = 25.0
# Keys a gold incident may use to say which real-world incident it is.
GOLD_CLUSTER_KEYS = ("gold_cluster_id", "cluster", "cluster_id")

Getter = Callable[[Incident], Any]
Same = Callable[[Any, Any], bool]


def _eq(norm: Callable[[Any], Any]) -> Same:
    return lambda g, p: norm(g) == norm(p)


def _actor_name(which: str) -> Getter:
    def get(incident: Incident) -> str | None:
        actor = getattr(incident, which)
        return actor.name if actor is not None and actor.name else None

    return get


def _actor_type(which: str) -> Getter:
    def get(incident: Incident) -> int | None:
        actor = getattr(incident, which)
        return actor.type if actor is not None else None

    return get


def _country_code(incident: Incident) -> str | None:
    return incident.country.code.upper() if incident.country and incident.country.code else None


def _location_name(incident: Incident) -> str | None:
    return incident.location.name if incident.location and incident.location.name else None


def _date(incident: Incident) -> str | None:
    return incident.event_date[:10] if incident.event_date else None


def _weapons(incident: Incident) -> list[str] | None:
    return list(incident.weapon_types) or None


@dataclass(frozen=True)
class FieldSpec:
    name: str
    get: Getter
    same: Same


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("event_type", lambda i: i.event_type, _eq(loose_label)),
    FieldSpec("sub_event_type", lambda i: i.sub_event_type, _eq(loose_label)),
    FieldSpec("attack_type", lambda i: i.attack_type, _eq(loose_label)),
    FieldSpec("target_type", lambda i: i.target_type, _eq(loose_label)),
    FieldSpec("weapon_types", _weapons, lambda g, p: same_set(g, p or [])),
    FieldSpec("actor1.name", _actor_name("actor1"), _eq(loose_actor)),
    FieldSpec("actor1.type", _actor_type("actor1"), lambda g, p: g == p),
    FieldSpec("actor2.name", _actor_name("actor2"), _eq(loose_actor)),
    FieldSpec("actor2.type", _actor_type("actor2"), lambda g, p: g == p),
    FieldSpec("country.code", _country_code, lambda g, p: g == p),
    FieldSpec("admin1", lambda i: i.admin1, _eq(loose_place)),
    FieldSpec("admin2", lambda i: i.admin2, _eq(loose_place)),
    FieldSpec("location.name", _location_name, _eq(loose_place)),
    FieldSpec("geo_precision", lambda i: i.geo_precision, lambda g, p: g == p),
    FieldSpec("event_date", _date, lambda g, p: g == p),
    FieldSpec("date_precision", lambda i: i.date_precision, lambda g, p: g == p),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
COUNT_FIELDS = ("fatalities", "perpetrator_fatalities", "injuries")


@dataclass
class Mismatch:
    article_id: str
    field: str
    gold: Any
    predicted: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "field": self.field,
            "gold": self.gold,
            "predicted": self.predicted,
        }


@dataclass
class FieldScore:
    n: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None


@dataclass
class CountScore:
    n: int = 0
    exact: int = 0
    abs_errors: list[int] = field(default_factory=list)

    @property
    def exact_share(self) -> float | None:
        return self.exact / self.n if self.n else None

    @property
    def mae(self) -> float | None:
        return sum(self.abs_errors) / len(self.abs_errors) if self.abs_errors else None


@dataclass
class MergeScore:
    items: int
    gold_pairs: int
    predicted_pairs: int
    both_pairs: int

    @property
    def precision(self) -> float | None:
        return self.both_pairs / self.predicted_pairs if self.predicted_pairs else None

    @property
    def recall(self) -> float | None:
        return self.both_pairs / self.gold_pairs if self.gold_pairs else None


@dataclass
class Report:
    articles: int = 0
    articles_missing: int = 0
    articles_extra: int = 0
    gold_incidents: int = 0
    predicted_incidents: int = 0
    matched: int = 0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    counts: dict[str, CountScore] = field(default_factory=dict)
    distances_km: list[float] = field(default_factory=list)
    merge: MergeScore | None = None
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted_incidents if self.predicted_incidents else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold_incidents if self.gold_incidents else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    @property
    def within_km_share(self) -> float | None:
        if not self.distances_km:
            return None
        return sum(d <= WITHIN_KM for d in self.distances_km) / len(self.distances_km)

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.distances_km) if self.distances_km else None


def _compare_counts(
    report: Report, article_id: str, gold: Incident, pred: Incident, record: bool
) -> None:
    for name in COUNT_FIELDS:
        gold_best = getattr(gold, name).best
        if gold_best is None:
            continue
        # An extractor leaves injuries null when none are reported; reference
        # datasets write 0 for the same thing.
        pred_best = getattr(pred, name).best
        value = pred_best if pred_best is not None else 0
        score = report.counts.setdefault(name, CountScore())
        score.n += 1
        score.abs_errors.append(abs(gold_best - value))
        if gold_best == value:
            score.exact += 1
        elif record:
            report.mismatches.append(Mismatch(article_id, f"{name}.best", gold_best, pred_best))


def _compare_pair(
    report: Report, article_id: str, gold: Incident, pred: Incident, record: bool
) -> None:
    for spec in FIELDS:
        gold_value = spec.get(gold)
        if gold_value is None:
            continue
        pred_value = spec.get(pred)
        score = report.fields.setdefault(spec.name, FieldScore())
        score.n += 1
        if pred_value is not None and spec.same(gold_value, pred_value):
            score.correct += 1
        elif record:
            report.mismatches.append(Mismatch(article_id, spec.name, gold_value, pred_value))
    _compare_counts(report, article_id, gold, pred, record)
    g, p = coordinates(gold), coordinates(pred)
    if g and p:
        km = haversine_km(g[0], g[1], p[0], p[1])
        report.distances_km.append(km)
        if record and km > WITHIN_KM:
            report.mismatches.append(
                Mismatch(article_id, "coordinates", list(g), [*list(p), round(km, 1)])
            )


def _describe(incident: Incident) -> dict[str, Any]:
    """A short view of an unpaired incident for the errors file."""
    return {
        "event_date": incident.event_date,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "attack_type": incident.attack_type,
        "location": incident.location.name if incident.location else None,
        "admin1": incident.admin1,
        "actor1": incident.actor1.name if incident.actor1 else None,
        "fatalities": incident.fatalities.best,
        "summary": incident.summary,
    }


def gold_cluster(incident: Incident) -> str | None:
    extra = incident.model_extra or {}
    for key in GOLD_CLUSTER_KEYS:
        value = extra.get(key)
        if value is not None and value != "":
            return str(value)
    return None


def _pairs_across_articles(groups: dict[Any, Counter[str]]) -> int:
    """Pairs of items sharing a key, minus those within one article."""
    total = 0
    for per_article in groups.values():
        n = sum(per_article.values())
        total += comb(n, 2) - sum(comb(k, 2) for k in per_article.values())
    return total


def merge_score(linked: list[tuple[str, str, str]]) -> MergeScore | None:
    """Pairwise merge precision/recall over (article_id, gold cluster, predicted id)."""
    if not linked:
        return None
    by_gold: dict[Any, Counter[str]] = {}
    by_pred: dict[Any, Counter[str]] = {}
    by_both: dict[Any, Counter[str]] = {}
    for article_id, cluster, pred_id in linked:
        by_gold.setdefault(cluster, Counter())[article_id] += 1
        by_pred.setdefault(pred_id, Counter())[article_id] += 1
        by_both.setdefault((cluster, pred_id), Counter())[article_id] += 1
    return MergeScore(
        items=len(linked),
        gold_pairs=_pairs_across_articles(by_gold),
        predicted_pairs=_pairs_across_articles(by_pred),
        both_pairs=_pairs_across_articles(by_both),
    )


def _article_pairs(
    gold: dict[str, ArticleIncidents], predicted: dict[str, ArticleIncidents]
) -> Iterator[tuple[str, list[Incident], list[Incident] | None]]:
    for article_id, entry in gold.items():
        pred = predicted.get(article_id)
        yield article_id, entry.incidents, pred.incidents if pred is not None else None


def score(
    gold: dict[str, ArticleIncidents],
    predicted: dict[str, ArticleIncidents],
    record_mismatches: bool = False,
) -> Report:
    """Score every gold article; predicted articles absent from gold are ignored."""
    report = Report(articles=len(gold))
    report.articles_extra = sum(1 for a in predicted if a not in gold)
    report.fields = {name: FieldScore() for name in FIELD_NAMES}
    report.counts = {name: CountScore() for name in COUNT_FIELDS}
    linked: list[tuple[str, str, str]] = []
    for article_id, gold_incidents, pred_incidents in _article_pairs(gold, predicted):
        report.gold_incidents += len(gold_incidents)
        if pred_incidents is None:
            report.articles_missing += 1
            pred_incidents = []
        report.predicted_incidents += len(pred_incidents)
        pairs = pair_incidents(gold_incidents, pred_incidents)
        report.matched += len(pairs)
        for gi, pi, _ in pairs:
            g, p = gold_incidents[gi], pred_incidents[pi]
            _compare_pair(report, article_id, g, p, record_mismatches)
            cluster = gold_cluster(g)
            if cluster is not None and p.incident_id:
                linked.append((article_id, cluster, p.incident_id))
        if record_mismatches:
            paired_gold = {gi for gi, _, _ in pairs}
            paired_pred = {pi for _, pi, _ in pairs}
            for i, g in enumerate(gold_incidents):
                if i not in paired_gold:
                    report.mismatches.append(Mismatch(article_id, "missed", _describe(g), None))
            for i, p in enumerate(pred_incidents):
                if i not in paired_pred:
                    report.mismatches.append(Mismatch(article_id, "spurious", None, _describe(p)))
    report.merge = merge_score(linked)
    return report
