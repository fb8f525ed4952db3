"""The model's attribute ruler matched for less CPU with the same output (issue 15).

**Matched without spaCy's general Matcher.** The attribute ruler of
en_core_web_sm (TAG -> POS and MORPH, a few lemma and POS exceptions) has 179
patterns, all of one or two tokens, each token tested on its tag, lower case,
dependency label or whether it is whitespace. spaCy's `Matcher` tries every pattern at
every token: 10 of the ruler's 11.5 ms CPU an article. Whether a token passes a test
depends only on those four values (and a word no pattern names passes the same tests
as any other such word), so the tests run once per combination (cached) and a
document is matched by looking its tokens' combinations up: the same matches in the
same order, ~2 ms an article. `set_annotations` is spaCy's own. Installed in place of
`AttributeRuler.match` only when every pattern is of the kinds above.

The rule lemmatizer has its own lookup (extract/fastlemma.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

# The token values a test may read, in the order of a token's key.
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
Test = Callable[[tuple[str, str, str, bool]], bool]
_OTHER = -1  # stands for any word the patterns do not name (hashes are unsigned)


class Unsupported(ValueError):
    """A pattern this matcher cannot reproduce exactly."""


def _value_test(field: str, spec: Any) -> Callable[[Any], bool]:
    if field == "IS_SPACE":
        if not isinstance(spec, bool):
            raise Unsupported(f"IS_SPACE {spec!r}")
        return lambda v: v is spec
    if isinstance(spec, str):
        return lambda v: v == spec
    if isinstance(spec, dict) and len(spec) == 1:
        [(pred, arg)] = spec.items()
        if (
            pred in ("IN", "NOT_IN")
            and isinstance(arg, list)
            and all(isinstance(a, str) for a in arg)
        ):
            members = frozenset(arg)
            return (lambda v: v in members) if pred == "IN" else (lambda v: v not in members)
        if pred == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)  # spaCy's REGEX predicate searches, not matches
            return lambda v: rx.search(v) is not None
    raise Unsupported(f"{field} {spec!r}")


def _lower_values(spec: dict[str, Any]) -> tuple[set[str], list[re.Pattern[str]]]:
    """The lower-case words a pattern token names, and its lower-case regexes."""
    value = spec.get("LOWER")
    if value is None:
        return set(), []
    if isinstance(value, str):
        return {value}, []
    [(pred, arg)] = value.items()
    return (set(arg), []) if pred in ("IN", "NOT_IN") else (set(), [re.compile(arg)])


def compile_token(spec: dict[str, Any]) -> Test:
    """A pattern token's test over a token's (tag, lower, dep, is_space)."""
    tests: list[tuple[int, Callable[[Any], bool]]] = []
    for field, value in spec.items():
        if field not in _FIELDS:
            raise Unsupported(field)
        tests.append((_FIELDS.index(field), _value_test(field, value)))
    return lambda key: all(test(key[i]) for i, test in tests)


class FastRulerMatch:
    """`AttributeRuler.match` of one ruler: [(attribute id, match id, start, end)],
    sorted, as spaCy's gives them."""

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        specs: dict[str, int] = {}
        self.tests: list[Test] = []
        # A word no test names nor any regex finds is tested as OTHER: every such word
        # passes the same tests, so the cache holds a few hundred combinations, not
        # one per word of the vocabulary.
        self._words: set[int] = set()
        self._regexes: list[re.Pattern[str]] = []
        self._lower: dict[int, int] = {}
        # (attr id, match id hash, [test index per token]) of each pattern.
        self.patterns: list[tuple[int, int, tuple[int, ...]]] = []
        for i in range(len(ruler.attrs)):
            key = str(i)
            _cb, pats = ruler.matcher.get(key)
            for pat in pats:
                ids = []
                for tok in pat:
                    words, regexes = _lower_values(tok) if isinstance(tok, dict) else ({}, [])
                    self._words |= {self.vocab.strings.add(w) for w in words}
                    self._regexes.extend(regexes)
                    sig = repr(sorted(tok.items()))
                    if sig not in specs:
                        specs[sig] = len(self.tests)
                        self.tests.append(compile_token(tok))
                    ids.append(specs[sig])
                if not ids:
                    raise Unsupported("empty pattern")
                self.patterns.append((i, self.vocab.strings.add(key), tuple(ids)))
        # Patterns by their first token's test.
        self.by_first: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
        for p in self.patterns:
            self.by_first.setdefault(p[2][0], []).append(p)
        # A token's attribute hashes -> the one-token matches it makes, and the longer
        # patterns whose first token it passes.
        Entry = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, tuple[int, ...]], ...]]
        self._entries: dict[tuple[int, ...], Entry] = {}
        self._passed: dict[tuple[int, ...], frozenset[int]] = {}

    def _passes(self, raw: tuple[int, ...]) -> frozenset[int]:
        """The tests a token with these attribute hashes passes (cached)."""
        got = self._passed.get(raw)
        if got is None:
            s = self.vocab.strings
            lower = s[raw[1]] if raw[1] != _OTHER else "\x00other"
            key = (s[raw[0]], lower, s[raw[2]], bool(raw[3]))
            got = frozenset(t for t, test in enumerate(self.tests) if test(key))
            self._passed[raw] = got
        return got

    def _canon(self, word: int) -> int:
        text = self.vocab.strings[word]
        named = word in self._words or any(rx.search(text) for rx in self._regexes)
        if len(self._lower) > 500_000:  # a bound for a long-lived worker
            self._lower.clear()
        self._lower[word] = word if named else _OTHER
        return self._lower[word]

    def _entry(self, raw: tuple[int, ...]) -> Any:
        passed = self._passes(raw)
        singles = sorted(
            {(a, m) for t in passed for a, m, ids in self.by_first.get(t, ()) if len(ids) == 1}
        )
        longer = tuple(p for t in passed for p in self.by_first.get(t, ()) if len(p[2]) > 1)
        if len(self._entries) > 200_000:  # a bound for a long-lived worker
            self._entries.clear()
            self._passed.clear()
        entry = (tuple(singles), longer)
        self._entries[raw] = entry
        return entry

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        if n == 0:
            return []
        entries = self._entries
        lower = self._lower
        raws = [
            (t, lower.get(w) or self._canon(w), d, sp)
            for t, w, d, sp in doc.to_array(_ARRAY_ATTRS).tolist()
        ]
        found: list[tuple[int, int, int, int]] = []
        longer_found: set[tuple[int, int, int, int]] = set()
        for start, raw in enumerate(raws):
            entry = entries.get(raw) or self._entry(raw)
            for a, m in entry[0]:
                found.append((a, m, start, start + 1))
            for a, m, ids in entry[1]:
                end = start + len(ids)
                if end <= n and all(
                    ids[k] in self._passes(raws[start + k]) for k in range(1, len(ids))
                ):
                    longer_found.add((a, m, start, end))
        found.extend(longer_found)
        found.sort()
        return found


def install(nlp: Language) -> bool:
    """Match the pipeline's attribute ruler with `FastRulerMatch`; whether it was."""
    return install_ruler(nlp)


def install_ruler(nlp: Language) -> bool:
    """Match the pipeline's attribute ruler with `FastRulerMatch`; whether it was."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    try:
        fast = FastRulerMatch(ruler)
    except Unsupported as exc:
        log.info("attribute ruler kept on spaCy's matcher (%s)", exc)
        return False
    ruler.match = fast
    return True


@contextmanager
def stock(nlp: Language) -> Iterator[Language]:
    """The pipeline with spaCy's own attribute ruler match while inside (the reference a
    benchmark compares with), the fast one again after."""
    ruler: Any = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    match = vars(ruler).pop("match", None) if ruler is not None else None
    try:
        yield nlp
    finally:
        if match is not None:
            ruler.match = match
