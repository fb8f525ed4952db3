"""Names that are not places: persons, dates and common words with a namesake town.

Real news gives a speaker's surname ("Anka"), a byline ("Writing by Makini Brice" ->
McKinney, Texas), a date ("detained on Jan 25" -> a Syrian village Janah), a quoted
word ("Kill us" -> Kiel), a car ("a Mercedes" -> a Texan town). Each rule is small,
named and tested alone (tests/geocode/test_not_places.py); the words are data
(`not_places.tsv` in the gazetteer folder, beside `stopwords.txt`).

spaCy's PERSON label is not one of the signals: on the 69 real wire stories of the
news pool the small English model labels more real places PERSON (Kilis, Tartous,
Multan, Jableh, Sayyida Zeinab, Mali...) than the names it should catch, so the rules
use capitalisation and context instead: a title before the name, a capitalised word
joined after it, a credit line, a number after a month.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from incidentwatch.geocode import text as tx
from incidentwatch.geocode.normalise import loose

log = logging.getLogger(__name__)

FILE = "not_places.tsv"
CLASSES = ("date", "word", "adjective", "credit")


@dataclass(frozen=True)
class WordLists:
    dates: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    credit: re.Pattern[str] | None = None  # an open credit line before the name

    @classmethod
    def load(cls, path: Path) -> WordLists:
        by_class: dict[str, set[str]] = {c: set() for c in CLASSES}
        credits: list[str] = []
        if not path.exists():
            return cls()
        with open(path, encoding="utf-8", newline="") as fh:
            lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
                word, cls_ = (row.get("word") or "").strip(), (row.get("class") or "").strip()
                if not word or cls_ not in CLASSES:
                    log.warning("%s: bad line %r, skipped", path.name, row)
                    continue
                if cls_ == "credit":
                    credits.append(r"\s+".join(map(re.escape, word.lower().split())))
                else:
                    by_class[cls_].add(loose(word))
        # The credit line runs from its opening words to the end of the brackets or
        # line; places in it are said with "in" ("Ari Rabinovitch in Jerusalem").
        credit = (
            re.compile(r"\b(?:" + "|".join(credits) + r")\b[^()\n]*$", re.IGNORECASE)
            if credits
            else None
        )
        return cls(
            frozenset(by_class["date"]),
            frozenset(by_class["word"]),
            frozenset(by_class["adjective"]),
            credit,
        )


@dataclass(frozen=True)
class Name:
    """A capitalised name the gazetteer knows, in its text."""

    text: str
    start: int
    end: int
    key: str  # loose key of text[start:end]
    next_capital: bool  # a capitalised word joined right after it ("Vladimir Putin")

    # Looked at only by the rules that need them (most names reach no rule).
    @cached_property
    def marked(self) -> bool:
        """The text says it is a place: "town of X", "X town", "X, Texas", "X province"."""
        t, s, e = self.text, self.start, self.end
        return (
            tx.admin_word_after(t, e) is not None
            or tx.admin_word_before(t, s) is not None
            or tx.place_word_after(t, e)
            or tx.place_word_before(t, s)
            or tx.in_address(t, e)
            or tx.host_follows(t, e)
        )

    @cached_property
    def locative(self) -> bool:
        """ "in X", "at X"."""
        return tx.locative_before(self.text, self.start)


_DAY_AFTER = re.compile(r"^\.?\s+\d{1,4}\b")
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$")


def date_word(w: WordLists, n: Name) -> bool:
    """A month next to a day or a year: "Jan 25", "Nov. 13", "25 January"."""
    if n.key not in w.dates:
        return False
    return bool(
        _DAY_AFTER.match(n.text[n.end : n.end + 8])
        or _DAY_BEFORE.search(n.text[max(0, n.start - 10) : n.start])
    )


def common_word(w: WordLists, n: Name) -> bool:
    """A common word or a brand ("Story highlights", "Kill us", "a Mercedes"), unless
    the text marks it as a place ("the town of Mercedes", "Union, New Jersey")."""
    return n.key in w.words and not n.marked


def nationality_adjective(w: WordLists, n: Name) -> bool:
    """ "the Greek islands", "an Argentine": an adjective, never the namesake town."""
    return n.key in w.adjectives


def credit_line(w: WordLists, n: Name) -> bool:
    """A name in an agency's credit line ("Reporting by Tom Perry/Suleiman
    al-Khalidi; Editing by Louise Ireland") is a journalist's, unless said with "in"."""
    if w.credit is None:
        return False
    before = n.text[max(0, n.start - 200) : n.start]
    if " by " not in before.lower() or n.locative:
        return False
    if _PLACE_LIST.search(before):
        return False  # "... in Austin, Texas": the reporter's place
    return bool(w.credit.search(before))


_PLACE_LIST = re.compile(r"\bin\s+(?:[A-Z][\w’'\-]*\s*){1,3},\s*$")


def titled_name(w: WordLists, n: Name) -> bool:
    """A title right before the name and a capitalised word joined after it
    ("President Vladimir Putin", "spokesman Omar Anka"): a person, however big the
    namesake city. "Governor Kirkuk Police" keeps the place (a place modifier)."""
    if not n.next_capital:
        return False
    # Back from the name over at most two capitalised words ("Russian President
    # Vladimir"), to a title; "a minister under former Burkina Faso President" is not.
    words = n.text[max(0, n.start - 60) : n.start].split()
    for k, word in enumerate(reversed(words)):
        if tx.PERSON_TITLE.search(word + " "):
            return True
        if k >= 2 or not word[:1].isupper():
            return False
    return False


Rule = Callable[[WordLists, Name], bool]
RULES: tuple[tuple[str, Rule], ...] = (
    ("date_word", date_word),
    ("common_word", common_word),
    ("nationality_adjective", nationality_adjective),
    ("credit_line", credit_line),
    ("titled_name", titled_name),
)


def not_a_place(w: WordLists, n: Name) -> str | None:
    """The name of the first rule that says the name is not a place, else None."""
    for name, rule in RULES:
        if rule(w, n):
            return name
    return None
