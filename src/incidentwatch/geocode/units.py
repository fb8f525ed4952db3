"""Comparing admin units, not their names: for measuring against coded data.

ACLED, GeoNames and OCHA spell one district several ways ("Isfahan", "Esfahan";
"Deir El Balah", "Deir al-Balah"; "Mahshahr", "Bandar-e Mahshahr"). A name comparison
(`evaluate.names.loose_place`) counts those as misses. Here the gold name is resolved
to the gazetteer's unit, and it counts as the predicted unit only when it resolves to
exactly one unit of that level in the predicted country: by any of the unit's names
(loose key), else by a close spelling of one of them (edit ratio >= UNIT_MIN_RATIO,
or one name's words all inside the other's). A gold name that fits no unit, or two,
is left to the name comparison.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from incidentwatch.geocode.gazetteer import ADMIN1, ADMIN2, Gazetteer
from incidentwatch.geocode.normalise import loose

# "isfahan" ~ "esfahan" is 86; "tripoli" ~ "tripolis" would be 93 (not a district
# pair in the data); two different districts of one country rarely come this close.
UNIT_MIN_RATIO = 85.0


class UnitNames:
    """Every loose name of every admin unit, by country and level."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.names: dict[tuple[str, int], dict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        for key, hit in gaz.index.items():
            for e in (hit,) if isinstance(hit, int) else hit:
                kind = gaz.kind(e)
                if kind in (ADMIN1, ADMIN2):
                    a = gaz.admin(e)
                    self.names[(a.cc, kind)][a.key].add(key)
        for a in gaz.admins:
            self.names[(a.cc, a.level)][a.key].add(loose(a.name))

    def resolve(self, cc: str, level: int, name: str) -> set[str]:
        """The keys of the units of ``cc`` at ``level`` that ``name`` names."""
        want = loose(name)
        units = self.names.get((cc, level), {})
        exact = {k for k, ns in units.items() if want in ns}
        if exact or not want:
            return exact
        return {k for k, ns in units.items() if any(_close(want, n) for n in ns)}


def _close(a: str, b: str) -> bool:
    if not a or not b or not a.isascii() or not b.isascii():
        return False
    wa, wb = set(a.split()), set(b.split())
    return fuzz.ratio(a, b) >= UNIT_MIN_RATIO or wa <= wb or wb <= wa


_CACHE: dict[int, UnitNames] = {}


def unit_names(gaz: Gazetteer) -> UnitNames:
    """Built once per gazetteer (a pass over the whole index: about a second)."""
    names = _CACHE.get(id(gaz))
    if names is None or names.gaz is not gaz:
        names = _CACHE[id(gaz)] = UnitNames(gaz)
    return names


def same_unit(gaz: Gazetteer, cc: str | None, level: int, gold: str, pred: str | None) -> bool:
    """Whether the gold unit name and the predicted one name the same unit of country
    ``cc`` (the prediction's): the gold name must resolve to exactly one unit, and the
    predicted name to that one."""
    if not cc or not gold or not pred:
        return False
    names = unit_names(gaz)
    gold_units = names.resolve(cc, level, gold)
    if len(gold_units) != 1:
        return False
    return gold_units <= names.resolve(cc, level, pred)
