"""Load a language's knowledge files (src/incidentwatch/data/extract/<lang>/).

Everything the extractor knows about words — cues, actors, numbers, types, the
word sets and patterns its rules read — is read from these files, so a user can
extend them without touching code. Set INCIDENTWATCH_EXTRACT_DATA to a folder with
files of the same names to add entries: they are read after the shipped ones
(from its `<lang>/` subfolder, or for English from the folder itself as before).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ActorEntry:
    name: str
    type: int
    country: str  # ISO2 or "*"
    aliases: tuple[str, ...]
    generic: bool = False  # a template such as "Military Forces of {country}"


@dataclass(frozen=True)
class SubEventRule:
    cue: str
    event_type: str
    sub_event_type: str
    attack_type: str | None
    weapon: str | None


@dataclass
class Knowledge:
    cues: dict[str, dict[str, list[str]]]
    context: dict[str, dict[str, list[str]]]
    subevents: list[SubEventRule]
    targets: list[tuple[str, list[str]]]
    weapons: list[tuple[str, list[str]]]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, str]
    repeats: dict[str, int]
    countries: dict[str, tuple[str, list[str]]]  # code -> (name, demonyms)
    actors: list[ActorEntry] = field(default_factory=list)
    # Word sets by concept (words.toml [words]; the language pack adds the context lemmas).
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def word_set(self, concept: str) -> frozenset[str]:
        """The words of a concept (empty when the language's words.toml has none)."""
        return self.words.get(concept, frozenset())

    # The name where a phrase needs an article: "the United States" ("Military Forces of
    # the United States", ACLED's spelling). Countries without one use their name.
    names_with_article: dict[str, str] = field(default_factory=dict)

    def country_name(self, code: str | None) -> str | None:
        if code is None:
            return None
        entry = self.countries.get(code.upper())
        return entry[0] if entry else None

    def country_name_with_article(self, code: str | None) -> str | None:
        if code is None:
            return None
        return self.names_with_article.get(code.upper()) or self.country_name(code)


DEFAULT_LANG = "en"


def _data_dirs(lang: str = DEFAULT_LANG) -> list[Path]:
    shipped = Path(str(resources.files("incidentwatch") / "data" / "extract" / lang))
    dirs = [shipped]
    extra = os.environ.get("INCIDENTWATCH_EXTRACT_DATA")
    if extra:
        if lang == DEFAULT_LANG:
            dirs.append(Path(extra))  # the layout before language packs
        dirs.append(Path(extra) / lang)
    return dirs


def read_toml(name: str, lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """Each data folder's `name` (shipped first, then the user's), parsed."""
    out = []
    for d in _data_dirs(lang):
        p = d / name
        if p.exists():
            with p.open("rb") as fh:
                out.append(tomllib.load(fh))
    return out


def _read_tsv(name: str, lang: str = DEFAULT_LANG) -> list[list[str]]:
    rows: list[list[str]] = []
    for d in _data_dirs(lang):
        p = d / name
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def _merge_lists(dst: dict[str, dict[str, list[str]]], src: dict[str, Any]) -> None:
    for cat, spec in src.items():
        slot = dst.setdefault(cat, {"lemmas": [], "phrases": [], "patterns": []})
        for key in ("lemmas", "phrases", "patterns"):
            slot.setdefault(key, [])
            # Regular expressions keep their case: \\W and \\w differ.
            slot[key].extend(w if key == "patterns" else w.lower() for w in spec.get(key, []))


@cache
def load_knowledge(lang: str = DEFAULT_LANG) -> Knowledge:
    cues: dict[str, dict[str, list[str]]] = {}
    for doc in read_toml("cues.toml", lang):
        _merge_lists(cues, doc)
    context: dict[str, dict[str, list[str]]] = {}
    for doc in read_toml("context.toml", lang):
        _merge_lists(context, doc)

    subevents: list[SubEventRule] = []
    targets: dict[str, list[str]] = {}
    weapons: dict[str, list[str]] = {}
    for doc in read_toml("types.toml", lang):
        for r in doc.get("subevent", []):
            subevents.append(
                SubEventRule(
                    cue=r["cue"],
                    event_type=r["event_type"],
                    sub_event_type=r["sub_event_type"],
                    attack_type=r.get("attack_type"),
                    weapon=r.get("weapon"),
                )
            )
        for k, words in doc.get("targets", {}).items():
            targets.setdefault(k, []).extend(w.lower() for w in words)
        for k, words in doc.get("weapons", {}).items():
            weapons.setdefault(k, []).extend(w.lower() for w in words)

    number_words: dict[str, int] = {}
    multipliers: dict[str, int] = {}
    vague: dict[str, int] = {}
    qualifiers: dict[str, str] = {}
    repeats: dict[str, int] = {}
    for doc in read_toml("numbers.toml", lang):
        number_words.update({k.lower(): int(v) for k, v in doc.get("words", {}).items()})
        multipliers.update({k.lower(): int(v) for k, v in doc.get("multipliers", {}).items()})
        vague.update({k.lower(): int(v) for k, v in doc.get("vague", {}).items()})
        qualifiers.update({k.lower(): str(v) for k, v in doc.get("qualifiers", {}).items()})
        repeats.update({k.lower(): int(v) for k, v in doc.get("repeats", {}).items()})

    word_sets: dict[str, set[str]] = {}
    for doc in read_toml("words.toml", lang):
        for k, v in doc.get("words", {}).items():
            word_sets.setdefault(k, set()).update(w.lower() for w in v)

    countries: dict[str, tuple[str, list[str]]] = {}
    names_with_article: dict[str, str] = {}
    for row in _read_tsv("countries.tsv", lang):
        code, name = row[0].upper(), row[1]
        demonyms = [d for d in (row[2].split("|") if len(row) > 2 else []) if d]
        countries[code] = (name, demonyms)
        if len(row) > 3 and row[3].strip():
            names_with_article[code] = row[3].strip()

    actors: list[ActorEntry] = []
    for row in _read_tsv("actors.tsv", lang):
        name, typ, where, aliases = row[0], int(row[1]), row[2].upper(), row[3]
        al = tuple(a.strip() for a in aliases.split("|") if a.strip())
        # "ML,BF,NE": a group that operates in several countries, one entry each.
        for country in (c.strip() for c in where.split(",") if c.strip()):
            actors.append(ActorEntry(name, typ, country, (*al, name)))
    for row in _read_tsv("generic_actors.tsv", lang):
        template, typ, aliases = row[0], int(row[1]), row[2]
        al = tuple(a.strip() for a in aliases.split("|") if a.strip())
        actors.append(ActorEntry(template, typ, "*", al, generic=True))

    return Knowledge(
        cues=cues,
        context=context,
        subevents=subevents,
        targets=list(targets.items()),
        weapons=list(weapons.items()),
        number_words=number_words,
        multipliers=multipliers,
        vague=vague,
        qualifiers=qualifiers,
        repeats=repeats,
        countries=countries,
        actors=actors,
        words={k: frozenset(v) for k, v in word_sets.items()},
        names_with_article=names_with_article,
    )


@cache
def abbreviations(lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """Titles with a period that do not end a sentence (data/extract/<lang>/abbreviations.tsv)."""
    return tuple(row[0] for row in _read_tsv("abbreviations.tsv", lang) if row and row[0])
