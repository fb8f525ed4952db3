"""Event dates: absolute and relative to the publication date (codebook 5 and 5a)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip

# How far back an earlier event may lie and still be news (codebook 5a).
MAX_NEWS_AGE_DAYS = 14

_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}))?", re.I
)
_MDY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(
    r"\b(?:(late|early)\s+)?(?:(last|this|past|on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    r"(?:\s+(?:through|to|until|and)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)?",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(yesterday|today|tonight|overnight|last night|this morning|this afternoon|this evening|"
    r"earlier today|on the same day|the day before|earlier this week|this week|last week|"
    r"past week|earlier this month|last month|this month|recently|earlier this year|last year|"
    r"past 24 hours|past two days|past 48 hours)\b",
    re.I,
)
_YEAR_ONLY = re.compile(
    r"\b(?:in|since|during|by|of|following the|after the|before the|the)\s+"
    r"(?:early\s+|late\s+|mid-)?(19\d\d|20\d\d)\b",
    re.I,
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|early|late|mid-)\s+{_MONTH_RE}(?:\s+(\d{{4}}))?\b(?!\s+\d)", re.I
)


@dataclass(frozen=True)
class DateInfo:
    date: dt.date | None
    precision: int | None
    start: int
    end: int
    end_date: dt.date | None = None  # for "Sunday through Wednesday"
    background: bool = False
    reason: str = ""


def _latest_weekday(pub: dt.date, name: str) -> dt.date:
    target = WEEKDAYS.index(name.lower())
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


def find_dates(text: str, offset: int, pub: dt.date | None) -> list[DateInfo]:
    """All date expressions in `text` (a sentence starting at `offset` in the article)."""
    found: list[DateInfo] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(info: DateInfo) -> None:
        found.append(_age_check(info, pub))
        taken.append((info.start - offset, info.end - offset))

    for m in _ISO.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            add(DateInfo(d, 1, offset + m.start(), offset + m.end()))
    for m in _NUMERIC.finditer(text):
        if not free(m.start(), m.end()):
            continue
        # Slashed dates in English wire text and GTD are month/day/year.
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d = _safe_date(y, a, b) or _safe_date(y, b, a)
        if d:
            add(DateInfo(d, 1, offset + m.start(), offset + m.end()))
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if order == "dmy":
                day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], m.group(3)
            else:
                month, day, year = MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
            maybe_year = _year_for(month, day, pub, year)
            if maybe_year is None:
                continue
            y = maybe_year
            d = _safe_date(y, month, day)
            if d:
                add(DateInfo(d, 1, offset + m.start(), offset + m.end()))
    for m in _WEEKDAY.finditer(text):
        if not free(m.start(), m.end()) or pub is None:
            continue
        qualifier = (m.group(2) or "").lower()
        d = _latest_weekday(pub, m.group(3))
        if qualifier == "last" and d == pub:
            d -= dt.timedelta(days=7)
        end_date = None
        if m.group(4):
            end_date = _latest_weekday(pub, m.group(4))
            if end_date < d:
                d -= dt.timedelta(days=7)
        add(DateInfo(d, 1, offset + m.start(), offset + m.end(), end_date))
    for m in _RELATIVE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        word = m.group(1).lower()
        s, e = offset + m.start(), offset + m.end()
        if word in ("recently", "earlier this year", "last year"):
            found.append(DateInfo(None, None, s, e, background=True, reason=f"vague date '{word}'"))
            continue
        if pub is None:
            if word in ("earlier this month", "last month", "this month"):
                found.append(DateInfo(None, None, s, e, background=True, reason=f"'{word}'"))
            continue
        if word in ("yesterday", "last night", "the day before"):
            add(DateInfo(pub - dt.timedelta(days=1), 1, s, e))
        elif word in (
            "today", "tonight", "overnight", "this morning", "this afternoon", "this evening",
            "earlier today", "past 24 hours", "on the same day",
        ):  # fmt: skip
            add(DateInfo(pub, 1, s, e))
        elif word in ("past two days", "past 48 hours"):
            add(DateInfo(pub - dt.timedelta(days=1), 2, s, e))
        elif word in ("earlier this week", "this week"):
            add(DateInfo(pub - dt.timedelta(days=pub.weekday()), 2, s, e))
        elif word in ("last week", "past week"):
            monday = pub - dt.timedelta(days=pub.weekday() + 7)
            add(DateInfo(monday, 2, s, e))
        elif word in ("earlier this month", "last month", "this month"):
            # The day can't be fixed: background (codebook 5a).
            found.append(DateInfo(None, None, s, e, background=True, reason=f"'{word}'"))
    for m in _YEAR_ONLY.finditer(text):
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
    for m in _MONTH_ONLY.finditer(text):
        if not free(m.start(), m.end()):
            continue
        month = MONTHS[m.group(1).lower()]
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


def sentence_dates(sent: Span, pub: dt.date | None) -> list[DateInfo]:
    return find_dates(sent.text, sent.start_char, pub)
