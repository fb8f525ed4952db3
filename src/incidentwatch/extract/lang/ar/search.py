"""Arabic search keys: what the store indexes of an incident's Arabic words, and what
an Arabic query is matched with.

Both sides go through the pack's own normaliser (`text.tokenize`: hamza seats, ta
marbuta, alef maqsura, tatweel, diacritics, Eastern digits) and its attached-prefix
stripping, so "الموصل" finds "وبالموصل" and "اطلاق" finds "إطلاق". Only tokens with
Arabic letters are indexed: English search keeps its plain LIKE on the English columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from incidentwatch.extract.lang.ar.text import Prefixes, prefixes_from, tokenize
from incidentwatch.extract.resources import read_toml

LANG = "ar"
# A stored key list is cut here: an incident's reports are a few thousand words, and
# the column must not grow without bound with a hostile article.
MAX_INDEX_CHARS = 100_000


@cache
def _prefixes() -> Prefixes:
    # The same word sets the pack's lexicon strips, read without loading the whole pack
    # (the store and the server need only these).
    sets: dict[str, set[str]] = {}
    for doc in read_toml("words.toml", LANG):
        for k, v in doc.get("words", {}).items():
            if k.startswith("prefix-"):
                sets.setdefault(k, set()).update(v)
    return prefixes_from(sets)


def _arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


# The same range as `_arabic`, for a whole text at C speed.
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")


def query_keys(query: str) -> list[frozenset[str]]:
    """Per Arabic word of `query`, the forms any of which may match (empty: no Arabic)."""
    return [t.keys for t in tokenize(query, *_prefixes()) if _arabic(t.text) or t.norm.isdigit()]


def has_arabic(query: str) -> bool:
    return _arabic(query)


def index_text(texts: Iterable[str]) -> str | None:
    """The space-separated keys of every Arabic word in `texts`, each word's folded
    form and its prefix-stripped forms, once each; None when there is no Arabic."""
    texts = list(texts)
    # Only a token with a character of the Arabic block adds an Arabic key: without one
    # anywhere (every English incident) the answer is None, whatever the digits.
    if not any(_ARABIC_CHAR.search(t) for t in texts):
        return None
    seen: dict[str, None] = {}
    for text in texts:
        seen.update(dict.fromkeys(_text_keys(text)))
    if not any(_arabic(k) for k in seen):
        return None
    # Padded with spaces so a whole-key match is "% key %" (a prefix of a key is "% key%").
    return (" " + " ".join(seen) + " ")[:MAX_INDEX_CHARS]


@lru_cache(maxsize=1024)
def _text_keys(text: str) -> tuple[str, ...]:
    """The keys of one text in first-seen order. Cached: the store indexes every source
    text of an incident again each time the incident gains a report."""
    seen: dict[str, None] = {}
    for t in tokenize(text, *_prefixes()):
        if _arabic(t.text):
            seen.update(dict.fromkeys(sorted(t.keys)))
        elif t.norm.isdigit():
            seen[t.norm] = None
    return tuple(seen)


__all__ = ["MAX_INDEX_CHARS", "has_arabic", "index_text", "query_keys"]
