"""Name normalisation shared by the gazetteer build and the geocoder.

Place names reach us in many romanisations ("Ba'qubah", "Baqubah", "Baqouba",
"Al-Anbar", "Anbar", "Şanlıurfa"). Matching works on a folded key: no accents,
no apostrophes or hyphens, lower case, Arabic letters unified. The same function
builds the keys at build time and at look-up time, so they always agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter + mark.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ẖ": "h",
        # Arabic letter variants that writers use interchangeably.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ك": "ک",
        "ـ": None,
    }
)

# Apostrophes, ayn/hamza marks and quotes vanish: "Ba'qubah" = "Baqubah".
_DROP = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u201c\u201d\"]")
_SEP = re.compile(r"[\s\-‐‑‒–—_./,()]+")
_NON_WORD = re.compile(r"[^\w ]+")

# Leading articles in Arabic transliteration ("Al-", "as-", "el ") and their
# sun-letter assimilations.
_ARTICLE_WORDS = "al el ad ar as ash at ath az adh an dh ez es ed er et en esh ul il"
ARTICLES = frozenset(_ARTICLE_WORDS.split(" "))
_ADMIN_WORDS = re.compile(
    r"\b(governorate|province|district|region|county|muhafazat|mohafazat|qada|caza|"
    r"subdistrict|nahiya|wilayat|ilcesi|ili)\b"
)


def fold(text: str) -> str:
    """Accent-free, lower-case form of ``text`` with Arabic letters unified."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(_SPECIAL).lower()


def norm(name: str) -> str:
    """The matching key of a name: folded, no punctuation, single spaces."""
    text = _DROP.sub("", fold(name))
    text = _SEP.sub(" ", text)
    text = _NON_WORD.sub("", text)
    return " ".join(text.split())


def strip_article(key: str) -> str:
    """``key`` without a leading transliterated (or Arabic) article."""
    head, _, rest = key.partition(" ")
    if rest and head in ARTICLES:
        return rest
    if key.startswith("ال") and len(key) > 4:
        return key[2:]
    return key


_DOUBLE = re.compile(r"(\w)\1+")
_LOOSE_SUBS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ey", "ai"), ("ei", "ai"), ("ay", "ai"))


# The geocoder asks for the same few thousand names over and over (every token of
# every article, every candidate): a pure function, so cached.
@lru_cache(maxsize=1 << 16)
def loose(name: str) -> str:
    """A spelling-tolerant key: ``norm`` without articles, doubled letters and the
    vowel spellings that vary between romanisations ("Ba'qubah" = "Baquba" =
    "Baqouba"; "Deir ez-Zor" = "Deir al-Zour"; "Baiji" = "Beiji" = "Bayji")."""
    words = norm(name).split()
    if not words:
        return ""
    kept = [w for w in words if w not in ARTICLES] or words
    out = []
    for w in kept:
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        if w.isascii():
            for a, b in _LOOSE_SUBS:
                w = w.replace(a, b)
            w = _DOUBLE.sub(r"\1", w)
            if len(w) > 4 and (w.endswith("ah") or w.endswith("eh")):
                w = w[:-2] + "a"
        out.append(w)
    return " ".join(out)


def normalise_admin(name: str | None) -> str:
    """Loose comparison key for admin names ("Al-Anbar" = "anbar", "Dar'a" = "Dara",
    "Salah Al-Din Governorate" = "salah al din"): case, accents, hyphens,
    apostrophes, a leading article and admin words like "Governorate" ignored."""
    if not name:
        return ""
    key = norm(name)
    key = " ".join(_ADMIN_WORDS.sub(" ", key).split())
    return strip_article(key)
