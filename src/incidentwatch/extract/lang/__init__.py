"""Language packs: everything the extractor knows about one language.

The core (stages and rules) asks a `LanguagePack` for concepts — a word set by
name, whether a token's dependency label or tag is a grammatical concept, a
pattern — never for English words. A pack is data (files under
`data/extract/<code>/`) plus the few things data cannot say (the spaCy model,
tokeniser special cases). See docs/extract.md, "Adding a language".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from spacy.tokens import Token

from incidentwatch.extract.dates import DateWords
from incidentwatch.extract.resources import Knowledge, abbreviations, load_knowledge, read_toml


class LanguagePack(Protocol):
    """What a language must provide to the extractor."""

    @property
    def code(self) -> str:
        """ISO 639-1 code ("en")."""
        ...

    @property
    def model(self) -> str:
        """The spaCy pipeline package to load."""
        ...

    @property
    def knowledge(self) -> Knowledge:
        """Cues, context signals, types, numbers, actors, countries."""
        ...

    def words(self, concept: str) -> frozenset[str]:
        """The lower-case words of a concept ("death-nouns", "modal"); empty if unknown."""
        ...

    def pattern(self, concept: str) -> re.Pattern[str] | None:
        """A compiled regular expression for a concept ("cumulative"), or None. Patterns
        ignore case unless the pack lists them as exact."""
        ...

    def template(self, concept: str) -> str:
        """A case-sensitive regular expression with named slots ("{country}"), or ""."""
        ...

    def dep(self, tok: Token, concept: str) -> bool:
        """Whether the token's dependency label is the concept ("negation", "auxiliary")."""
        ...

    def entity(self, label: str, concept: str) -> bool:
        """Whether a named-entity label is the concept ("person")."""
        ...

    def tag(self, tok: Token, concept: str) -> bool:
        """Whether the token's fine-grained tag is the concept ("plural-noun", "gerund")."""
        ...

    def special_cases(self) -> tuple[str, ...]:
        """Strings the tokeniser keeps as one token (titles such as "Capt.")."""
        ...

    def summary(self, piece: str) -> str:
        """A piece of the incident summary sentence ("sentence", "killed", "against"): a
        str.format template with named slots; "" if the pack has none."""
        ...

    @property
    def dates(self) -> DateWords:
        """Month and weekday names, relative date words, date patterns."""
        ...


@dataclass(frozen=True)
class DataPack:
    """A language pack read from data/extract/<code>/ (words.toml, grammar.toml, dates.toml
    and the knowledge files); a user folder in INCIDENTWATCH_EXTRACT_DATA adds to it."""

    code: str
    model: str
    knowledge: Knowledge
    word_sets: Mapping[str, frozenset[str]]
    patterns: Mapping[str, re.Pattern[str]]
    templates: Mapping[str, str]
    labels: Mapping[str, frozenset[str]]
    tags: Mapping[str, frozenset[str]]
    entities: Mapping[str, frozenset[str]]
    dates: DateWords
    summary_pieces: Mapping[str, str] = field(default_factory=dict)
    _empty: frozenset[str] = field(default=frozenset())

    @classmethod
    def load(cls, code: str, model: str) -> DataPack:
        kb = load_knowledge(code)
        words: dict[str, set[str]] = {k: set(v) for k, v in kb.words.items()}
        patterns: dict[str, re.Pattern[str]] = {}
        templates: dict[str, str] = {}
        for doc in read_toml("words.toml", code):
            for k, p in doc.get("patterns", {}).items():
                patterns[k] = re.compile(p, re.I)
            for k, p in doc.get("patterns-exact", {}).items():
                patterns[k] = re.compile(p)
            templates.update(doc.get("templates", {}))
        # The context lemmas (opinion, modal, trend, ...) are word sets by the same names.
        for cat, spec in kb.context.items():
            if spec.get("lemmas"):
                words.setdefault(cat, set()).update(spec["lemmas"])
        labels: dict[str, set[str]] = {}
        tags: dict[str, set[str]] = {}
        entities: dict[str, set[str]] = {}
        for doc in read_toml("grammar.toml", code):
            for k, v in doc.get("entities", {}).items():
                entities.setdefault(k, set()).update(v)
            for k, v in doc.get("labels", {}).items():
                labels.setdefault(k, set()).update(v)
            for k, v in doc.get("tags", {}).items():
                tags.setdefault(k, set()).update(v)
        return cls(
            code=code,
            model=model,
            knowledge=kb,
            word_sets={k: frozenset(v) for k, v in words.items()},
            patterns=patterns,
            templates=templates,
            labels={k: frozenset(v) for k, v in labels.items()},
            tags={k: frozenset(v) for k, v in tags.items()},
            entities={k: frozenset(v) for k, v in entities.items()},
            dates=DateWords.from_toml(read_toml("dates.toml", code)),
            summary_pieces={
                k: str(v)
                for doc in read_toml("summary.toml", code)
                for k, v in doc.get("summary", {}).items()
            },
        )

    def words(self, concept: str) -> frozenset[str]:
        return self.word_sets.get(concept, self._empty)

    def pattern(self, concept: str) -> re.Pattern[str] | None:
        return self.patterns.get(concept)

    def template(self, concept: str) -> str:
        return self.templates.get(concept, "")

    def dep(self, tok: Token, concept: str) -> bool:
        return tok.dep_ in self.labels.get(concept, self._empty)

    def entity(self, label: str, concept: str) -> bool:
        return label in self.entities.get(concept, self._empty)

    def tag(self, tok: Token, concept: str) -> bool:
        return tok.tag_ in self.tags.get(concept, self._empty)

    def special_cases(self) -> tuple[str, ...]:
        return abbreviations(self.code)

    def summary(self, piece: str) -> str:
        return self.summary_pieces.get(piece, "")


@cache
def get_pack(code: str = "en") -> LanguagePack:
    """The language pack for `code` (loaded once; read-only afterwards)."""
    if code == "en":
        from incidentwatch.extract.lang.en import english_pack

        return english_pack()
    raise ValueError(f"no language pack for {code!r} (available: en)")
