"""Pairing gold and predicted incidents of one article, one to one.

Similarity is the mean of three parts, each 0..1: type, place and date, and a
fourth, the anchor, when the gold cites words for the event: 1.0 when the
prediction's event words lie on them (the same telling read), 0.0 when they lie
on another gold incident's of the article, left out otherwise (a lead and its
body tell one incident from different words). A part the gold incident leaves
empty is left out of the mean (the gold cannot tell); a part the prediction
leaves empty while gold has it scores low (MISSING), so a
prediction without a place cannot ride on free credit. The optimal assignment
(Hungarian method) maximises total similarity; pairs below a threshold stay
unpaired, so a wildly different prediction is a false positive and the gold
incident a miss, not a "match" with every field wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from incidentwatch.evaluate.names import loose_label, loose_place
from incidentwatch.geo import haversine_km
from incidentwatch.records import Incident, iso_date

# Gold has the value, the prediction does not.
MISSING = 0.25
# Below this a pair is not the same incident.
MIN_SIMILARITY = 0.5
# An article whose gold has one incident: its best prediction pairs unless the
# two are clearly different (far apart in place and date, or agree on nothing).
MIN_SIMILARITY_SINGLE = 0.2
NEAR_KM = 25.0
# Evidence fields: the gold's anchor on the words that tell its event, and the
# fields whose spans show which words a predicted record was read from.
GOLD_ANCHOR_FIELDS = frozenset({"event"})
READ_FROM_FIELDS = frozenset({"event", "event_date", "fatalities", "injuries"})
FAR_KM = 200.0

_PRECISION_DAYS = {1: 0, 2: 7, 3: 31}


def coordinates(incident: Incident) -> tuple[float, float] | None:
    loc = incident.location
    if loc is None or loc.latitude is None or loc.longitude is None:
        return None
    return (loc.latitude, loc.longitude)


def type_similarity(gold: Incident, pred: Incident) -> float | None:
    """None when gold codes no type."""
    if gold.event_type:
        if not pred.event_type:
            return MISSING
        if loose_label(gold.event_type) != loose_label(pred.event_type):
            # One incident can be coded under two event types (a clash that
            # involved shelling): low, but not zero.
            return 0.2
        if gold.sub_event_type and pred.sub_event_type:
            same_sub = loose_label(gold.sub_event_type) == loose_label(pred.sub_event_type)
            return 1.0 if same_sub else 0.7
        return 0.85
    if gold.attack_type:
        if not pred.attack_type:
            return MISSING
        return 1.0 if loose_label(gold.attack_type) == loose_label(pred.attack_type) else 0.3
    return None


def place_similarity(gold: Incident, pred: Incident) -> float | None:
    """None when gold names no place."""
    g, p = coordinates(gold), coordinates(pred)
    if g and p:
        km = haversine_km(g[0], g[1], p[0], p[1])
        if km <= NEAR_KM:
            return 1.0
        if km >= FAR_KM:
            return 0.0
        return 1.0 - (km - NEAR_KM) / (FAR_KM - NEAR_KM)
    g_loc = loose_place(gold.location.name) if gold.location else None
    p_loc = loose_place(pred.location.name) if pred.location else None
    if g_loc and p_loc and g_loc == p_loc:
        return 1.0
    g2, p2 = loose_place(gold.admin2), loose_place(pred.admin2)
    if g2 and p2:
        return 0.8 if g2 == p2 else 0.2
    g1, p1 = loose_place(gold.admin1), loose_place(pred.admin1)
    if g1 and p1:
        return 0.6 if g1 == p1 else 0.0
    if g_loc and p_loc:
        return 0.2
    if g or g_loc or g2 or g1:
        return MISSING
    return None


def date_similarity(gold: Incident, pred: Incident) -> float | None:
    """None when gold has no date."""
    g, p = iso_date(gold.event_date), iso_date(pred.event_date)
    if g is None:
        return None
    if p is None:
        return MISSING
    days = abs((g - p).days)
    if days == 0:
        return 1.0
    window = max(
        _PRECISION_DAYS.get(gold.date_precision or 1, 0),
        _PRECISION_DAYS.get(pred.date_precision or 1, 0),
    )
    if days <= window:
        return 0.8
    if days <= 2:
        return 0.6
    if days <= 7:
        return 0.3
    return 0.0


def _spans(incident: Incident, fields: frozenset[str]) -> list[tuple[str, int, int]]:
    return [
        (e.article_id, e.start, e.end)
        for e in incident.evidence
        if e.field in fields and e.end > e.start
    ]


def anchored(gold: Incident, pred: Incident) -> bool:
    """The prediction was read from the words the gold cites for the event.

    The gold's event anchor against the words the prediction was read from:
    its event, day and toll (a record built from several tellings cites the
    first as its event and the others by their toll). Not the gold's toll or
    place spans (a statement of the wounded, read as a record of its own,
    cites the same attack's toll) nor the prediction's places and actors
    (often named sentences away). Only spans of the same article count (a
    merged record carries evidence from several).
    """
    return any(
        ga == pa and ps < ge and gs < pe
        for ga, gs, ge in _spans(gold, GOLD_ANCHOR_FIELDS)
        for pa, ps, pe in _spans(pred, READ_FROM_FIELDS)
    )


def anchor_similarity(
    gold: Incident, pred: Incident, others: Sequence[Incident] = ()
) -> float | None:
    """1.0 when the prediction was read from the gold's event words; 0.0 when from
    another gold incident's of the same article (`others`); None when neither.

    Two same-day shootings a few km apart (one at a checkpoint, one in a
    village beside it) tie on type, place and date; the text each record was
    read from tells which gold incident it is.
    No overlap at all is no evidence against: a record read from the lead and
    a gold cited from the body are still the same incident.
    """
    if not _spans(gold, GOLD_ANCHOR_FIELDS):
        return None
    if anchored(gold, pred):
        return 1.0
    if any(anchored(other, pred) for other in others if other is not gold):
        return 0.0
    return None


def similarity(gold: Incident, pred: Incident, others: Sequence[Incident] = ()) -> float:
    """Mean of the parts; `others` are the article's other gold incidents (for the anchor)."""
    parts = [
        part
        for part in (
            type_similarity(gold, pred),
            place_similarity(gold, pred),
            date_similarity(gold, pred),
            anchor_similarity(gold, pred, others),
        )
        if part is not None
    ]
    # A gold incident with no type, place or date: any prediction is as good.
    return sum(parts) / len(parts) if parts else 0.5


def clearly_different(gold: Incident, pred: Incident) -> bool:
    place, when = place_similarity(gold, pred), date_similarity(gold, pred)
    far_apart = place is not None and place <= 0.2 and when == 0.0
    return far_apart or similarity(gold, pred) < MIN_SIMILARITY_SINGLE


def pair_incidents(gold: list[Incident], predicted: list[Incident]) -> list[tuple[int, int, float]]:
    """Return (gold index, predicted index, similarity) for each paired incident."""
    if not gold or not predicted:
        return []
    scores = np.array([[similarity(g, p, gold) for p in predicted] for g in gold], dtype=float)
    if len(gold) == 1:
        best = int(np.argmax(scores[0]))
        if clearly_different(gold[0], predicted[best]):
            return []
        return [(0, best, float(scores[0, best]))]
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [
        (int(r), int(c), float(scores[r, c]))
        for r, c in zip(rows, cols, strict=True)
        if scores[r, c] >= MIN_SIMILARITY
    ]
