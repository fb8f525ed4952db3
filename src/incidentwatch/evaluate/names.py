"""Loose comparison of names: actor names, admin names, place names, type labels.

Gold files come from different datasets and annotators, so "Al-Hasakeh",
"Al Hasakeh" and "Hasakah" must count as one answer, and ACLED's dated actor
names ("Military Forces of Syria (2000-)") as the codebook's undated ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_APOSTROPHES = "'’‘`ʼʻ´ʿʾ"
# A leading Arabic article written as a separate word: "Al Anbar", "Ar-Raqqa".
_ARTICLE = re.compile(r"^(?:al|ar|as|an|ad|ash|at|az|el|ad|ed|es|ez)[\s\-]+", re.IGNORECASE)
_YEARS = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"(.)\1+")


def _fold(text: str) -> str:
    """Lower case, no accents, no apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "")
    return stripped.casefold().strip()


def loose_label(value: str | None) -> str | None:
    """Type labels: case, spaces and punctuation do not matter."""
    if value is None:
        return None
    key = _NON_ALNUM.sub("", _fold(value))
    return key or None


def loose_actor(value: str | None) -> str | None:
    """Actor names: ACLED's "(2000-)" period suffixes and an "Al-" do not matter."""
    if value is None:
        return None
    text = _YEARS.sub(" ", value)
    text = _ARTICLE.sub("", _fold(text))
    key = _NON_ALNUM.sub("", text)
    return key or None


def _place_key(value: str) -> str:
    text = _ARTICLE.sub("", _fold(value))
    # Drop trailing generic words ("Tikrit District", "Diyala Governorate").
    text = re.sub(r"\b(?:district|governorate|province|city|qadaa|qada|nahiya)\b", " ", text)
    key = _NON_ALNUM.sub("", text)
    # Transliterations differ in doubled letters and a final "h": Raqqa/Raqqah/Raqa.
    key = _DOUBLE.sub(r"\1", key)
    if len(key) > 3 and key.endswith("h"):
        key = key[:-1]
    return key


@lru_cache(maxsize=1)
def _admin_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    path = resources.files("incidentwatch.data").joinpath("evaluate/admin_aliases.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("\t") if n.strip()]
        canonical = _place_key(names[0])
        for name in names:
            table.setdefault(_place_key(name), canonical)
    return table


def loose_place(value: str | None) -> str | None:
    """Admin and place names: spelling variants and known aliases compare equal."""
    if value is None:
        return None
    key = _place_key(value)
    if not key:
        return None
    return _admin_aliases().get(key, key)


def same_set(gold: Iterable[str], predicted: Iterable[str]) -> bool:
    return {loose_label(v) for v in gold} == {loose_label(v) for v in predicted}
