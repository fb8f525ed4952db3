"""Spelling-tolerant look-up for Iraqi and Syrian villages.

News and ACLED write the same village many ways ("Tawileh", "Tuwaylah", "At
Tuwayla"); the exact keys miss them. We index every Iraqi/Syrian place name by a
consonant skeleton (vowels, h, w/y glides and doubled letters dropped; q = k)
and confirm a skeleton hit with an edit-distance ratio, so only close spellings
match. Callers use it only for capitalised phrases that the text marks as places
("X town", "X village", "village of X") and that the exact index does not know.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from incidentwatch.geocode.gazetteer import PLACE, Gazetteer

_VOWELS = re.compile(r"[aeiouyh']")
_DOUBLE = re.compile(r"(\w)\1+")
MIN_RATIO = 70.0


def skeleton(key: str, across_vowels: bool = True) -> str:
    """The consonant skeleton of a loose key: a doubled letter is one consonant
    ("Fallujah"); ``across_vowels``: so are two alike that a vowel parts ("Fatatra" =
    "Fatirah", f-t-r), else they stay two ("Daquq", d-k-k; see `skeletons`)."""
    words = [w for w in key.split() if w.isascii()]
    out = []
    for w in words:
        w = w.replace("q", "k").replace("c", "k").replace("dh", "d").replace("th", "t")
        w = _DOUBLE.sub(r"\1", w)
        w = w[0] + _VOWELS.sub("", w[1:]) if w else w
        w = _VOWELS.sub("", w) if w[:1] in "aeiouyh" and len(w) > 1 else w
        out.append(_DOUBLE.sub(r"\1", w) if across_vowels else w)
    return " ".join(x for x in out if x)


def skeletons(key: str) -> list[tuple[str, str]]:
    """The readings of a key and the skeletons each is looked up by, as (reading,
    skeleton) pairs.
    - Rule "dh is d or z": Arabic's dhal and dad are written "dh", "d" or "z" in news
      ("Dhuluiya" / "Duluiya" / "Zuluiya", "Adhamiya" / "Azamiya"), so a key with "dh"
      is also read with "z" (and its edit ratio taken so).
    - Rule "two alike a vowel parts": besides the skeleton that makes them one, the one
      that keeps them two, so a short name keeps enough consonants to be looked up
      ("Dakuq" d-k-k finds Daquq; as d-k it was too narrow to try)."""
    out: list[tuple[str, str]] = []
    for reading in (key, key.replace("dh", "z")) if "dh" in key else (key,):
        for across in (True, False):
            pair = (reading, skeleton(reading, across))
            if pair not in out and _usable(*pair):
                out.append(pair)
    return out


class FuzzyIndex:
    def __init__(self, gaz: Gazetteer, countries: frozenset[str]) -> None:
        self.gaz = gaz
        self.by_skel: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for key, hit in gaz.index.items():
            if not key.isascii():
                continue
            eids = (hit,) if isinstance(hit, int) else hit
            for e in eids:
                if e < gaz.n_places and gaz.kind(e) == PLACE and gaz.cc[e] in countries:
                    for reading, sk in skeletons(key):
                        self.by_skel[sk].append((reading, e))

    def lookup(self, key: str) -> dict[int, float]:
        """Places whose name is a close spelling of ``key``, with the best edit ratio
        (0-100) of any of their names."""
        out: dict[int, float] = {}
        for reading, sk in skeletons(key):
            for cand_key, e in self.by_skel.get(sk, []):
                r = fuzz.ratio(reading, cand_key)
                if r >= MIN_RATIO and r > out.get(e, 0.0):
                    out[e] = r
        return out


def _usable(key: str, sk: str) -> bool:
    """A skeleton narrow enough to look up: three consonants, or two in a long name
    ("Yusifiya" -> "sf": the edit ratio then does the sorting)."""
    n = len(sk.replace(" ", ""))
    return n >= 3 or (n == 2 and len(key) >= 6)
