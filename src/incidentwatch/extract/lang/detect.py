"""Which language an article is written in: cheap, by the share of Arabic-script letters.

Routing needs only "is this Arabic?"; a statistical identifier would be a heavy
dependency for a two-way choice. Latin-script text (and text with no letters) is
English, the extractor's default pack.
"""

from __future__ import annotations

import re

_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F]")
_LETTER = re.compile(r"[^\W\d_]")
# A quoted Arabic name in an English story is not an Arabic article: Arabic letters
# must make up this share of the letters.
ARABIC_SHARE = 0.3
# The first characters decide: articles do not switch language halfway.
SAMPLE_CHARS = 4000


def arabic_share(text: str) -> float:
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER.findall(sample)) / letters


def detect_language(text: str) -> str:
    """ISO 639-1 code of the article's language: "ar" or "en"."""
    return "ar" if arabic_share(text) >= ARABIC_SHARE else "en"
