"""A learned record filter: is a record the rules built a real incident told as news?

The rules decide what an article reports; this is a second opinion on their output,
a logistic model over what each finished record already carries: where its event
words sit in the article, how far its day lies before the filing day, whether it has
a toll, its type, actors and place, how many other records the article gave, the
rules' own confidence and (optionally) the words of its event evidence. It is
trained by `scripts/train_record_filter.py` on the dev gold (a record is a real
incident when the evaluator pairs it with a gold incident: `evaluate.pairing`) and
stored as plain JSON weights (`data/extract/record_filter.json`): reviewable, and
loading it runs no code, unlike a pickle.

It is measured side by side with the rules (docs/extract.md, "A learned record
filter") and is off by default (`incidentwatch extract --learned-filter`): out of
fold its F1 gain over the rules alone (about +0.01) was smaller than the spread
between fold assignments, and it costs recall.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentwatch.extract.context import SHORT_REPORT_CHARS
from incidentwatch.records import Article, Incident, iso_date

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "extract" / "record_filter.json"

# Evidence fields that show which words a record was read from (its tellings).
_TELLING_FIELDS = frozenset({"event", "fatalities", "injuries", "event_date"})
# A sentence ends at . ! ? or the Arabic question mark before a space or a line
# break: a rough count, the same for every language, enough for "how far in".
_SENTENCE_END = re.compile(r"[.!?\u061f]\s+|\n\s*\n")
_WORD = re.compile(r"\w+", re.UNICODE)
_DIGITS = re.compile(r"\d")


def _event_start(incident: Incident) -> int | None:
    starts = [e.start for e in incident.evidence if e.field == "event"]
    return min(starts) if starts else None


def _event_words(incident: Incident) -> list[str]:
    texts = [e.text or "" for e in incident.evidence if e.field == "event"]
    words = {"#" if _DIGITS.search(w) else w.lower() for t in texts[:1] for w in _WORD.findall(t)}
    return sorted(words)


def _day_bucket(days: int | None) -> str:
    if days is None:
        return "none"
    if days < 0:
        return "after-filing"
    if days == 0:
        return "0"
    if days == 1:
        return "1"
    if days <= 7:
        return "2-7"
    if days <= 31:
        return "8-31"
    return "older"


def record_features(
    article: Article, incident: Incident, siblings: Sequence[Incident], words: bool = True
) -> dict[str, float]:
    """Named features of one record of `article` (`siblings`: all records of the article).

    A record read from the lead, dated the filing day, with a toll, gives
    {"bias": 1, "lead": 1, "day:0": 1, "toll": 1, ...}; one told in the tenth
    sentence about a day two years before the filing gives "day:older" and no "lead".
    """
    text = article.text
    f: dict[str, float] = {"bias": 1.0}
    start = _event_start(incident)
    if start is None:
        f["no-event-span"] = 1.0
    else:
        f["position"] = start / max(len(text), 1)
        sentence = len(_SENTENCE_END.findall(text, 0, start))
        f["lead"] = float(sentence == 0)
        f["first-3-sentences"] = float(sentence < 3)
        f["log-sentence"] = math.log1p(sentence) / 4.0
        earlier = [s for s in (_event_start(o) for o in siblings) if s is not None and s < start]
        f["first-record"] = float(not earlier)
    pub, day = iso_date(article.published_at), iso_date(incident.event_date)
    days = (pub - day).days if pub and day else None
    f[f"day:{_day_bucket(days)}"] = 1.0
    f[f"date-precision:{incident.date_precision or 0}"] = 1.0
    killed = incident.fatalities.best
    f["toll"] = float(bool(killed))
    f["toll-zero"] = float(killed == 0)
    f["log-killed"] = math.log1p(killed or 0) / 5.0
    f["wounded"] = float(bool(incident.injuries.best))
    f["attackers-killed"] = float(bool(incident.perpetrator_fatalities.best))
    f[f"type:{incident.event_type or incident.attack_type or 'none'}"] = 1.0
    f[f"sub:{incident.sub_event_type or 'none'}"] = 1.0
    actor = incident.actor1
    f["actor1"] = float(actor is not None)
    f["actor1-suspected"] = float(bool(actor is not None and getattr(actor, "suspected", False)))
    f["actor2"] = float(incident.actor2 is not None)
    f["place"] = float(incident.location is not None)
    f[f"geo-precision:{incident.geo_precision or 0}"] = 1.0
    tellings = {(e.start, e.end) for e in incident.evidence if e.field in _TELLING_FIELDS}
    f["log-tellings"] = math.log1p(len(tellings)) / 3.0
    f["log-records"] = math.log1p(len(siblings)) / 3.0
    same_day_type = [
        o
        for o in siblings
        if o is not incident
        and o.event_date == incident.event_date
        and o.event_type == incident.event_type
    ]
    f["twin-same-day-type"] = float(bool(same_day_type))
    f["confidence"] = incident.confidence or 0.0
    f["log-length"] = math.log1p(len(text)) / 10.0
    if words:
        for w in _event_words(incident):
            f[f"w:{w}"] = 1.0
    return f


@dataclass(frozen=True)
class RecordFilter:
    """Logistic weights over named features and the threshold below which a record goes."""

    weights: dict[str, float]
    threshold: float
    words: bool = True
    provenance: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def keep(self, article: Article, records: list[Incident]) -> list[Incident]:
        """The records worth keeping. A short report (a note, one event) is left whole:
        the model learnt long articles."""
        if len(article.text) < SHORT_REPORT_CHARS:
            return records
        kept = []
        for r in records:
            p = self.probability(record_features(article, r, records, self.words))
            if p >= self.threshold:
                kept.append(r)
            else:
                log.debug(
                    "record dropped (learned record filter, p=%.2f < %.2f): %s",
                    p, self.threshold, r.summary,
                )  # fmt: skip
        return kept

    def to_json(self) -> dict[str, Any]:
        return {
            "provenance": self.provenance,
            "threshold": self.threshold,
            "words": self.words,
            "weights": dict(sorted(self.weights.items())),
        }


def load_filter(path: Path = MODEL_PATH) -> RecordFilter:
    """The stored filter; a missing or malformed file is a clear error."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in raw["weights"].items()}
        return RecordFilter(
            weights=weights,
            threshold=float(raw["threshold"]),
            words=bool(raw.get("words", True)),
            provenance=dict(raw.get("provenance", {})),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not a record filter ({exc})") from exc
