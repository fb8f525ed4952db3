"""Event dates: absolute and relative to the publication date (codebook 5 and 5a)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

# How far back an earlier event may lie and still be news (codebook 5a).
MAX_NEWS_AGE_DAYS = 14
# Relative date kinds (dates.toml [relative]) whose day cannot be fixed: background.
BACKGROUND_KINDS = frozenset({"month", "unfixed"})


@dataclass(frozen=True)
class DateWords:
    """A language's date words and patterns (data/extract/<lang>/dates.toml)."""

    weekdays: tuple[str, ...]  # Monday first
    months: dict[str, int]  # month names and abbreviations -> 1..12
    previous_qualifiers: frozenset[str]  # "last" Monday
    relative: dict[str, str]  # relative date word -> what it means (see dates.toml)
    patterns: dict[str, re.Pattern[str]]
    # "a day earlier" -> -1: days counted from another day the story tells (dates.toml).
    counted: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, docs: list[dict[str, Any]]) -> DateWords:
        weekdays: list[str] = []
        months: dict[str, int] = {}
        previous: set[str] = set()
        relative: dict[str, str] = {}
        raw: dict[str, str] = {}
        ignorecase: set[str] = set()
        counted: dict[str, int] = {}
        for d in docs:
            weekdays = [w.lower() for w in d.get("weekdays", weekdays)]
            months.update({k.lower(): int(v) for k, v in d.get("months", {}).items()})
            previous.update(w.lower() for w in d.get("previous-qualifiers", []))
            for kind, words in d.get("relative", {}).items():
                relative.update({w.lower(): kind for w in words})
            raw.update(d.get("patterns", {}))
            ignorecase.update(d.get("ignorecase", []))
            counted.update({k.lower(): int(v) for k, v in d.get("counted", {}).items()})
        patterns = {k: re.compile(v, re.I if k in ignorecase else 0) for k, v in raw.items()}
        return cls(tuple(weekdays), months, frozenset(previous), relative, patterns, counted)

    def finditer(self, name: str, text: str) -> Iterator[re.Match[str]]:
        rx = self.patterns.get(name)
        return rx.finditer(text) if rx is not None else iter(())


@dataclass(frozen=True)
class DateInfo:
    date: dt.date | None
    precision: int | None
    start: int
    end: int
    end_date: dt.date | None = None  # for "Sunday through Wednesday"
    background: bool = False
    reason: str = ""
    # Days counted from another day the story tells ("a day earlier": -1), else None;
    # `date` is then counted from publication until a rule finds that day.
    counted: int | None = None


def _latest_weekday(pub: dt.date, name: str, words: DateWords) -> dt.date:
    target = words.weekdays.index(name.lower())
    delta = (pub.weekday() - target) % 7
    return pub - dt.timedelta(days=delta)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: dt.date | None, explicit: str | None) -> int | None:
    if explicit:
        return int(explicit)
    if pub is None:
        return None
    # A day-month without year is the latest such day on or before publication.
    cand = _safe_date(pub.year, month, day)
    if cand is not None and cand > pub + dt.timedelta(days=1):
        return pub.year - 1
    return pub.year


# How far before a date the words that open a period may start ("ever since ").
PERIOD_START_WINDOW = 12


def _age_check(info: DateInfo, pub: dt.date | None) -> DateInfo:
    if pub is None or info.date is None:
        return info
    age = (pub - info.date).days
    if age > MAX_NEWS_AGE_DAYS:
        return DateInfo(
            info.date, info.precision, info.start, info.end, info.end_date, True,
            f"event {age} days before publication",
        )  # fmt: skip
    return info


def find_dates(text: str, offset: int, pub: dt.date | None, words: DateWords) -> list[DateInfo]:
    """All date expressions in `text` (a sentence starting at `offset` in the article)."""
    months = words.months
    found: list[DateInfo] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(info: DateInfo) -> None:
        taken.append((info.start - offset, info.end - offset))
        # "killed since April 22": the first day of a period that runs on is no event's
        # day, and what it dates is a running count (background).
        before = text[max(0, info.start - offset - PERIOD_START_WINDOW) : info.start - offset]
        if any(True for _ in words.finditer("period-start", before)):
            info = DateInfo(
                info.date, info.precision, info.start, info.end, info.end_date, True,
                "the first day of a period",
            )  # fmt: skip
            found.append(info)
            return
        found.append(_age_check(info, pub))

    for m in words.finditer("iso", text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            add(DateInfo(d, 1, offset + m.start(), offset + m.end()))
    for m in words.finditer("numeric", text):
        if not free(m.start(), m.end()):
            continue
        # Slashed dates in English wire text and GTD are month/day/year.
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d = _safe_date(y, a, b) or _safe_date(y, b, a)
        if d:
            add(DateInfo(d, 1, offset + m.start(), offset + m.end()))
    for order in ("dmy", "mdy"):
        for m in words.finditer(order, text):
            if not free(m.start(), m.end()):
                continue
            if order == "dmy":
                day, month, year = int(m.group(1)), months[m.group(2).lower()], m.group(3)
            else:
                month, day, year = months[m.group(1).lower()], int(m.group(2)), m.group(3)
            maybe_year = _year_for(month, day, pub, year)
            if maybe_year is None:
                continue
            y = maybe_year
            d = _safe_date(y, month, day)
            if d:
                add(DateInfo(d, 1, offset + m.start(), offset + m.end()))
    for m in words.finditer("weekday", text):
        if not free(m.start(), m.end()) or pub is None:
            continue
        qualifier = (m.group(2) or "").lower()
        d = _latest_weekday(pub, m.group(3), words)
        if qualifier in words.previous_qualifiers and d == pub:
            d -= dt.timedelta(days=7)
        end_date = None
        if m.group(4):
            end_date = _latest_weekday(pub, m.group(4), words)
            if end_date < d:
                d -= dt.timedelta(days=7)
        add(DateInfo(d, 1, offset + m.start(), offset + m.end(), end_date))
    for m in words.finditer("long-ago", text):
        # "two years ago", "last summer": no day can be fixed, and the time is long past.
        taken.append((m.start(), m.end()))
        found.append(
            DateInfo(
                None, None, offset + m.start(), offset + m.end(), background=True,
                reason=f"long ago '{m.group(0)}'",
            )
        )  # fmt: skip
    for m in words.finditer("counted", text):
        shift = words.counted.get(" ".join(m.group(1).lower().split()))
        if not free(m.start(), m.end()) or pub is None or shift is None:
            continue
        # Counted from publication until the `unfixed-day` table finds the day the
        # story counts from (rules/dates.day_counted_from_day_told).
        add(DateInfo(pub + dt.timedelta(days=shift), 1, offset + m.start(), offset + m.end(),
                     counted=shift))  # fmt: skip
    for m in words.finditer("relative", text):
        if not free(m.start(), m.end()):
            continue
        word = m.group(1).lower()
        kind = words.relative.get(word)
        s, e = offset + m.start(), offset + m.end()
        if kind == "vague":
            found.append(DateInfo(None, None, s, e, background=True, reason=f"vague date '{word}'"))
            continue
        if pub is None:
            if kind in BACKGROUND_KINDS:
                found.append(DateInfo(None, None, s, e, background=True, reason=f"'{word}'"))
            continue
        if kind == "day-before":
            add(DateInfo(pub - dt.timedelta(days=1), 1, s, e))
        elif kind == "same-day":
            add(DateInfo(pub, 1, s, e))
        elif kind == "two-days":
            add(DateInfo(pub - dt.timedelta(days=1), 2, s, e))
        elif kind == "this-week":
            add(DateInfo(pub - dt.timedelta(days=pub.weekday()), 2, s, e))
        elif kind == "last-week":
            monday = pub - dt.timedelta(days=pub.weekday() + 7)
            add(DateInfo(monday, 2, s, e))
        elif kind in BACKGROUND_KINDS:
            # The day can't be fixed: background (codebook 5a).
            found.append(DateInfo(None, None, s, e, background=True, reason=f"'{word}'"))
    for m in words.finditer("year-only", text):
        if not free(m.start(), m.end()):
            continue
        year = int(m.group(1))
        if pub is None or year < pub.year:
            found.append(
                DateInfo(
                    None, 3, offset + m.start(), offset + m.end(), background=True,
                    reason=f"history ({year})",
                )
            )  # fmt: skip
    for m in words.finditer("month-only", text):
        if not free(m.start(), m.end()):
            continue
        month = months[m.group(1).lower()]
        year = m.group(2)
        if pub is not None:
            y = int(year) if year else (pub.year if month <= pub.month else pub.year - 1)
            if (y, month) != (pub.year, pub.month):
                found.append(
                    DateInfo(
                        dt.date(y, month, 1), 3, offset + m.start(), offset + m.end(),
                        background=True, reason="month-only date",
                    )
                )  # fmt: skip
    found.sort(key=lambda d: d.start)
    return found


def sentence_dates(sent: Span, pub: dt.date | None, words: DateWords) -> list[DateInfo]:
    return find_dates(sent.text, sent.start_char, pub, words)
