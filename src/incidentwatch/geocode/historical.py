"""Admin units as they were on the event's date (`historical_admins.tsv`).

Boundaries and names change: Pakistan's tribal areas (FATA) became districts of Khyber
Pakhtunkhwa in 2018. The gazetteer holds today's units; a coder of an older event
names the unit of the day, so with the event date the place takes that name.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from incidentwatch.geocode.normalise import normalise_admin
from incidentwatch.records import Place

log = logging.getLogger(__name__)

FILE = "historical_admins.tsv"


@dataclass(frozen=True)
class Change:
    cc: str
    admin1: str  # normalise_admin key of today's admin1
    admin2: str  # ... of today's admin2, "*" for any
    admin1_then: str
    until: dt.date


@dataclass
class History:
    changes: list[Change] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> History:
        out: list[Change] = []
        if not path.exists():
            return cls(out)
        with open(path, encoding="utf-8", newline="") as fh:
            lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
                try:
                    until = dt.date.fromisoformat((row.get("until") or "").strip())
                    cc, a1 = row["country"].strip().upper(), row["admin1"].strip()
                    a2, then = row["admin2"].strip(), row["admin1_then"].strip()
                except (KeyError, AttributeError, ValueError):
                    log.warning("%s: bad line %r, skipped", path.name, row)
                    continue
                if not (cc and a1 and a2 and then):
                    log.warning("%s: bad line %r, skipped", path.name, row)
                    continue
                key2 = "*" if a2 == "*" else normalise_admin(a2)
                out.append(Change(cc, normalise_admin(a1), key2, then, until))
        return cls(out)

    def admin1_on(
        self, place: Place, on: dt.date, named: frozenset[str] = frozenset()
    ) -> str | None:
        """The admin1 ``place`` lay in on ``on``, when it differs from today's.
        ``named``: normalise_admin keys of the admin names the text used for it; a
        former name the text itself uses ("..., Federally Administered Tribal Areas,
        Pakistan") decides, whatever the district."""
        if place.country is None or not place.admin1:
            return None
        a1 = normalise_admin(place.admin1)
        a2 = normalise_admin(place.admin2) if place.admin2 else ""
        for c in self.changes:
            same = c.cc == place.country.code and c.admin1 == a1
            if same and on < c.until and normalise_admin(c.admin1_then) in named:
                return c.admin1_then
        for c in self.changes:
            if c.cc != place.country.code or c.admin1 != a1:
                continue
            if c.admin2 != "*" and c.admin2 != a2:
                continue
            return c.admin1_then if on < c.until else None
        return None

    def as_of(self, place: Place | None, on: dt.date | None, text: str = "") -> Place | None:
        """``place`` with the admin1 of the day ``on`` (unchanged without a date);
        ``text`` is the text the place's spans point into."""
        if place is None or on is None or not self.changes:
            return place
        spans = [(place.start, place.end), *place.admin_spans]
        named = frozenset(
            normalise_admin(text[s:e]) for s, e in spans if s is not None and e is not None
        )
        then = self.admin1_on(place, on, named)
        if then is None:
            return place
        why = f"{place.why or ''}; admin1 on {on.isoformat()}: {then} ({FILE})".lstrip("; ")
        return place.model_copy(update={"admin1": then, "why": why})
