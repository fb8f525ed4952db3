"""Arabic date rules that decide which date words of a sentence may date its event.

Each rule takes a sentence's tokens and returns them without the date words that do
not date the event; the pack's date reader (`ArabicExtractor._date`) then reads what
is left. Words live in data/extract/ar/dates.toml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from incidentwatch.extract.lang.ar.text import Token, normalise
from incidentwatch.extract.resources import read_toml

LANG = "ar"
# How far after a sentence-opening reporting verb its date may stand: the speaker's
# name and title come between ("أعلن وزير الداخلية العراقي محمد سالم الغبان اليوم الأحد").
REPORT_DATE_WINDOW = 9


@dataclass(frozen=True)
class DateWords:
    report_verbs: frozenset[str]
    two_days: frozenset[str]
    weekdays: frozenset[str]
    relative: frozenset[str]  # every word of the relative phrases ("امس", "الاول", ...)
    days: frozenset[str]  # the relative phrases of one word, each a day ("امس", "اليوم")
    day_before: re.Pattern[str] | None = None
    wire_marks: re.Pattern[str] | None = None
    wire_before_hour: int = 0


@cache
def date_words() -> DateWords:
    merged: dict[str, Any] = {}
    for doc in read_toml("dates.toml", LANG):
        merged.update(doc)

    def words(section: str) -> frozenset[str]:
        spec = merged.get(section)
        return (
            frozenset(normalise(w) for w in spec.get("words", []))
            if isinstance(spec, dict)
            else frozenset()
        )

    def keys(section: str) -> frozenset[str]:
        spec = merged.get(section)
        if not isinstance(spec, dict):
            return frozenset()
        return frozenset(w for phrase in spec for w in normalise(phrase).split())

    def phrases(section: str, key: str) -> re.Pattern[str] | None:
        spec = merged.get(section)
        found = [normalise(p) for p in spec.get(key, [])] if isinstance(spec, dict) else []
        if not found:
            return None
        alts = "|".join(re.escape(p) for p in sorted(found, key=len, reverse=True))
        return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])")

    wire = merged.get("overnight-wire")
    return DateWords(
        day_before=phrases("day-before", "phrases"),
        wire_marks=phrases("overnight-wire", "marks"),
        wire_before_hour=int(wire.get("before_hour", 0)) if isinstance(wire, dict) else 0,
        report_verbs=words("report-verbs"),
        two_days=words("two-days"),
        weekdays=keys("weekdays"),
        relative=keys("relative"),
        days=frozenset(
            normalise(p) for p in (merged.get("relative") or {}) if " " not in p.strip()
        ),
    )


def _is_date_word(t: Token, w: DateWords) -> bool:
    return bool(t.keys & w.weekdays) or t.norm in w.relative


def drop_report_date(toks: list[Token], w: DateWords | None = None) -> list[Token]:
    """A sentence opened by a reporting verb (in its first two words) dates the report
    with the day words that follow the verb: "أعلن الوزير اليوم الأحد اعتقال ..." says
    when the minister spoke. When a later day word dates the event ("... بالتفجير الذي
    استهدف ديالى أمس الأول الجمعة"), the report's day words are dropped.
    A full date ("19 مارس") is never dropped: outlets use it for the event."""
    w = w or date_words()
    verb = next((i for i, t in enumerate(toks[:2]) if t.keys & w.report_verbs), None)
    if verb is None:
        return toks
    drop: set[int] = set()
    for i in range(verb + 1, min(verb + 1 + REPORT_DATE_WINDOW, len(toks))):
        if _is_date_word(toks[i], w):
            drop.add(i)
        elif drop:
            break  # the date phrase has ended
    # Only when the sentence dates its event too: "قال مصدر أمس إن انفجارا وقع" tells
    # yesterday's event, and the report's day is the best date it has.
    later = toks[max(drop) + 1 :] if drop else []
    if not any(t.keys & w.weekdays or t.norm in w.days for t in later):
        return toks
    return [t for i, t in enumerate(toks) if i not in drop]


def drop_span_start(toks: list[Token], w: DateWords | None = None) -> list[Token]:
    """ "يومي الأحد والاثنين": a two-day span; its first day is dropped, so the later
    day, the one nearest the report, dates the sentence."""
    w = w or date_words()
    drop: set[int] = set()
    for i, t in enumerate(toks[:-1]):
        if t.norm in w.two_days and toks[i + 1].keys & w.weekdays:
            drop |= {i, i + 1}
    return [t for i, t in enumerate(toks) if i not in drop] if drop else toks


def day_before(folded: str, w: DateWords | None = None) -> bool:
    """The (normalised) sentence tells an event of the day before the story's: "ويأتي
    الهجوم غداة مقتل 20 شخصا" / "بعد يوم من اغتيال مسؤول" (the killing, the day before)."""
    w = w or date_words()
    return w.day_before is not None and bool(w.day_before.search(folded))


def written_day(
    folded_text: str, published_at: str | None, pub: dt.date | None, w: DateWords | None = None
) -> dt.date | None:
    """The day a story was written, from which its "اليوم" and "أمس" count: a wire
    story (AFP) published after midnight, before `before_hour`, was written the evening
    before ("هجمات اليوم" in a 05:00 copy are yesterday's). Else the publication day."""
    w = w or date_words()
    if pub is None or not published_at or w.wire_marks is None:
        return pub
    m = re.search(r"T(\d\d):", published_at)
    if m is None or int(m.group(1)) >= w.wire_before_hour:
        return pub
    if not w.wire_marks.search(folded_text):
        return pub
    return pub - dt.timedelta(days=1)


def event_date_tokens(toks: list[Token]) -> list[Token]:
    """The sentence's tokens that may date its event (every rule above, in order)."""
    w = date_words()
    return drop_span_start(drop_report_date(toks, w), w)


__all__ = [
    "REPORT_DATE_WINDOW",
    "DateWords",
    "date_words",
    "day_before",
    "drop_report_date",
    "drop_span_start",
    "event_date_tokens",
    "written_day",
]
