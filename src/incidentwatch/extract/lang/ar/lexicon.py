"""The Arabic word knowledge (data/extract/ar/), read once and normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from incidentwatch.extract.lang.ar.text import Prefixes, Token, normalise, prefixes_from
from incidentwatch.extract.resources import (
    ActorEntry,
    Knowledge,
    _read_tsv,
    load_knowledge,
    read_toml,
)

LANG = "ar"


def _phrase(p: str) -> tuple[str, ...]:
    return tuple(normalise(w) for w in p.split())


class PhraseTable:
    """Phrases (tuples of folded words, a trailing * = any ending) -> values, matched on
    token keys (the folded word and its prefix-stripped forms)."""

    def __init__(self, *, article_optional: bool = True) -> None:
        # "اليوم" (today) is not "يوم" (day): some tables need the article as written.
        self.article_optional = article_optional
        self.by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self.stems: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, phrase: str, value: Any) -> None:
        words = _phrase(phrase)
        if not words:
            return
        first = words[0]
        if first.endswith("*"):
            self.stems.setdefault(first[:-1], []).append((words, value))
        else:
            self.by_first.setdefault(first, []).append((words, value))
            if self.article_optional and first.startswith("ال") and len(first) > 3:
                self.by_first.setdefault(first[2:], []).append((words, value))

    def _word_ok(self, want: str, tok: Token) -> bool:
        if want.endswith("*"):
            return any(k.startswith(want[:-1]) for k in tok.keys)
        if want in tok.keys:
            return True
        return self.article_optional and want.startswith("ال") and want[2:] in tok.keys

    def match_at(self, toks: list[Token], i: int) -> list[tuple[int, Any]]:
        """(number of tokens, value) of every phrase that starts at token i, longest first."""
        out = []
        cands: list[tuple[tuple[str, ...], Any]] = []
        for k in toks[i].keys:
            cands.extend(self.by_first.get(k, ()))
            for n in range(2, len(k) + 1):
                cands.extend(self.stems.get(k[:n], ()))
        seen = set()
        for words, value in cands:
            if (words, repr(value)) in seen or i + len(words) > len(toks):
                continue
            seen.add((words, repr(value)))
            if all(self._word_ok(w, toks[i + j]) for j, w in enumerate(words[1:], 1)):
                out.append((len(words), value))
        out.sort(key=lambda x: -x[0])
        return out


@dataclass(frozen=True)
class ArabicLexicon:
    kb: Knowledge
    cues: PhraseTable
    actors: PhraseTable
    countries: PhraseTable
    months: PhraseTable
    weekdays: dict[str, int]
    last_words: frozenset[str]
    relative: PhraseTable
    ordinals: PhraseTable
    hijri: frozenset[str]
    number_words: dict[str, int]
    vague: dict[str, int]
    qualifiers: PhraseTable
    words: dict[str, frozenset[str]]
    phrase_sets: dict[str, PhraseTable]
    patterns: dict[str, re.Pattern[str]]
    context: dict[str, re.Pattern[str]]
    prefixes: Prefixes
    # GTD target types in priority order, each with its Arabic words (types.toml), and
    # the weapon types likewise.
    targets: tuple[tuple[str, PhraseTable], ...] = ()
    weapons: tuple[tuple[str, PhraseTable], ...] = ()

    def word_set(self, concept: str) -> frozenset[str]:
        return self.words.get(concept, frozenset())


@cache
def lexicon() -> ArabicLexicon:
    kb = load_knowledge(LANG)
    cues = PhraseTable()
    for cat, spec in kb.cues.items():
        for w in (*spec.get("lemmas", []), *spec.get("phrases", [])):
            cues.add(w, cat)
    # Words of the toml [words] key in cues.toml are read as phrases of one word.
    for doc in read_toml("cues.toml", LANG):
        for cat, spec in doc.items():
            for w in spec.get("words", []):
                cues.add(w, cat)
    actors = PhraseTable()
    for entry in kb.actors:
        for alias in entry.aliases:
            if any("\u0600" <= ch <= "\u06ff" for ch in alias):
                actors.add(alias, entry)
    countries = PhraseTable()
    for row in _read_tsv("countries.tsv", LANG):
        for name in row[2].split("|") if len(row) > 2 else []:
            countries.add(name, row[0])
    dates: dict[str, Any] = {}
    for doc in read_toml("dates.toml", LANG):
        for k, v in doc.items():
            if isinstance(v, dict) and isinstance(dates.get(k), dict):
                dates[k].update(v)
            else:
                dates[k] = v
    months = PhraseTable()
    for name, m in dates.get("months", {}).items():
        months.add(name, int(m))
    relative = PhraseTable(article_optional=False)
    for name, d in dates.get("relative", {}).items():
        relative.add(name, int(d))
    # "الاول" must keep its article: "اول امس" is the day before yesterday.
    ordinals = PhraseTable(article_optional=False)
    for name, d in dates.get("ordinals", {}).items():
        ordinals.add(name, int(d))
    qualifiers = PhraseTable()
    for name, kind in kb.qualifiers.items():
        qualifiers.add(name, kind)
    words: dict[str, set[str]] = {}
    phrase_sets: dict[str, PhraseTable] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    # counting.toml (issue 16) holds the counting words; a key in both files adds up.
    for doc in [
        *read_toml("words.toml", LANG),
        *read_toml("counting.toml", LANG),
        *read_toml("types.toml", LANG),
    ]:
        for k, v in doc.get("words", {}).items():
            words.setdefault(k, set()).update(normalise(w) for w in v)
            table = phrase_sets.setdefault(k, PhraseTable())
            for w in v:
                table.add(w, k)
        for k, p in doc.get("patterns", {}).items():
            patterns[k] = re.compile(p)
    context = {
        cat: re.compile("|".join(f"(?:{p})" for p in spec["patterns"]))
        for cat, spec in kb.context.items()
        if spec.get("patterns")
    }
    sets = {k: frozenset(v) for k, v in words.items()}
    en = load_knowledge("en")
    return ArabicLexicon(
        kb=kb,
        cues=cues,
        actors=actors,
        countries=countries,
        months=months,
        weekdays={normalise(k): int(v) for k, v in dates.get("weekdays", {}).items()},
        last_words=frozenset(normalise(x) for x in dates.get("last", {}).get("words", [])),
        relative=relative,
        ordinals=ordinals,
        hijri=frozenset(normalise(x) for x in dates.get("hijri", {}).get("words", [])),
        number_words={normalise(k): v for k, v in kb.number_words.items()},
        vague={normalise(k): v for k, v in kb.vague.items()},
        qualifiers=qualifiers,
        words=sets,
        phrase_sets=phrase_sets,
        patterns=patterns,
        context=context,
        prefixes=prefixes_from(sets),
        targets=_typed_tables(kb.targets, [t for t, _ in en.targets], "target"),
        weapons=_typed_tables(kb.weapons, [w for w, _ in en.weapons], "weapon"),
    )


def _typed_tables(
    words: list[tuple[str, list[str]]], order: list[str], what: str
) -> tuple[tuple[str, PhraseTable], ...]:
    """The Arabic words of each GTD type (types.toml) as phrase tables, in the English
    table's order: one vocabulary and one priority for both packs, so a key the English
    table lacks is an error, not a second list."""
    unknown = sorted({t for t, _ in words} - set(order))
    if unknown:
        raise ValueError(f"ar/types.toml: {what} types not in en/types.toml: {unknown}")
    tables: dict[str, PhraseTable] = {}
    for t, ws in words:
        table = tables.setdefault(t, PhraseTable())
        for w in ws:
            table.add(w, t)
    return tuple((t, tables[t]) for t in order if t in tables)


__all__ = ["ActorEntry", "ArabicLexicon", "PhraseTable", "lexicon"]
