"""Arabic text for matching: tokens with offsets into the original text, and a
normaliser that folds spelling variants for comparison only.

Evidence spans are always token offsets into the article as written; the folded form
is never shown or stored, so normalising cannot shift a span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

# Spelling variants writers use interchangeably: hamza seats, ta marbuta, alef maqsura.
# The one definition of Arabic folding: the store's text search folds its columns with
# these same pairs (store.query), so a query matches however either side was spelt.
FOLDS: dict[str, str | None] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ة": "ه",
    "ى": "ي",
    "ـ": None,  # tatweel
    **{chr(c): None for c in range(0x064B, 0x0660)},  # harakat, shadda, sukun
    "\u0670": None,  # superscript alef
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Eastern Arabic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
}
_FOLD = str.maketrans(FOLDS)

_TOKEN = re.compile(r"\d+|(?:[^\W\d_]|[\u064B-\u065F\u0670\u0640])+")
_SENTENCE_END = re.compile(r"[.!?؟]+|\n+")
# Marks after which a line break closes a sentence.
_LINE_FINAL = frozenset('.!?؟:»"”)')


def normalise(text: str) -> str:
    """The folded form of `text`, for matching only (may be shorter than the original)."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str  # as written
    norm: str  # folded
    keys: frozenset[str] = field(default_factory=frozenset)  # norm and its prefix-stripped forms

    @property
    def number(self) -> int | None:
        return int(self.norm) if self.norm.isdigit() else None


class Prefixes(NamedTuple):
    """The attached prefixes the pack strips, in their order (words.toml `prefix-*`):
    conjunctions (و ف), prepositions (ب ل ك), the article (ال), and prepositions written
    onto the article with its alef dropped (لل = ل + ال)."""

    conj: tuple[str, ...]
    prep: tuple[str, ...]
    art: tuple[str, ...]
    contracted: tuple[str, ...] = ()


def prefixes_from(sets: Mapping[str, Iterable[str]]) -> Prefixes:
    """The prefixes of the pack's word sets (words.toml): one reading for the extractor,
    the store's search and the server."""
    return Prefixes(
        *(
            tuple(sorted(sets.get(f"prefix-{kind}", ())))
            for kind in ("conjunctions", "prepositions", "article", "contracted")
        )
    )


def strip_forms(
    word: str,
    conj: tuple[str, ...],
    prep: tuple[str, ...],
    art: tuple[str, ...],
    contracted: tuple[str, ...] = (),
) -> set[str]:
    """`word` and what is left after taking off attached prefixes in their order:
    conjunction (و ف), preposition (ب ل ك), article (ال). "وبالموصل" -> "بالموصل",
    "الموصل", "موصل". A preposition contracted onto the article ("للموصل") leaves the
    stem and the stem with the article. A stem keeps at least two letters."""
    out = {word}
    stages = [conj, prep, art]
    current = {word}
    for prefixes in stages:
        nxt = set(current)
        for w in current:
            for p in prefixes:
                if w.startswith(p) and len(w) - len(p) >= 2:
                    nxt.add(w[len(p) :])
            if prefixes is prep:
                for c in contracted:
                    if w.startswith(c) and len(w) - len(c) >= 2:
                        stem = w[len(c) :]
                        nxt.add(stem)
                        nxt.update(a + stem for a in art)
        current = nxt
        out |= nxt
    return out


def tokenize(
    text: str,
    conj: tuple[str, ...],
    prep: tuple[str, ...],
    art: tuple[str, ...],
    contracted: tuple[str, ...] = (),
) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        n = normalise(m.group())
        if not n:
            continue
        keys = strip_forms(n, conj, prep, art, contracted) if not n.isdigit() else {n}
        out.append(Token(m.start(), m.end(), m.group(), n, frozenset(keys)))
    return out


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans from `start`: split at full stops, question and exclamation marks,
    and at line ends; in hard-wrapped text (`hard_wrapped`) only at line ends that close
    a sentence (`_line_ends_sentence`). A full stop between digits (a decimal) does not
    end a sentence."""
    wrapped = hard_wrapped(text, start)
    spans = []
    for m in _SENTENCE_END.finditer(text, start):
        decimal = m.group() == "." and m.start() > 0 and m.end() < len(text)
        if decimal and text[m.start() - 1].isdigit() and text[m.end()].isdigit():
            continue
        if wrapped and m.group()[0] == "\n" and not _line_ends_sentence(text[start : m.start()]):
            continue
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def hard_wrapped(text: str, start: int = 0) -> bool:
    """Whether the text from `start` is hard-wrapped: most of its line breaks (at least
    two) come mid-sentence. One paragraph that lacks its full stop is a typo, and joining
    it to the next paragraph would date that paragraph's event by this one's day."""
    lines = [ln for ln in text[start:].split("\n") if ln.strip()][:-1]
    open_lines = sum(not _line_ends_sentence(ln) for ln in lines)
    return open_lines >= 2 and 2 * open_lines >= len(lines)


def _line_ends_sentence(before: str) -> bool:
    """A line break ends a sentence only after sentence-final punctuation (or a closing
    quote or bracket): hard-wrapped text breaks lines mid-sentence ("وقال\nمصدر ..."),
    and the day named on one line dates the words on the next."""
    tail = before.rstrip()
    return not tail or tail[-1] in _LINE_FINAL


def byline_end(text: str, credit: re.Pattern[str], max_words: int = 6) -> int:
    """Where the story starts: after the leading credit lines ("ترجمة ــ ...", "بغداد - أ ش أ",
    "رويترز"). Such a line is short, has no sentence-final punctuation, and names a credit
    word (`credit`, on folded text); it is not a sentence of the story, so it must not
    take the lede's place."""
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return pos
        line = text[pos:nl]
        if line.strip() and (
            len(line.split()) > max_words
            or _line_ends_sentence(line)
            or not credit.search(normalise(line))
        ):
            return pos
        pos = nl + 1
