"""Actors: alias table lookup (data/extract/actors.tsv) and initiator/target roles."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from incidentwatch.extract.resources import ActorEntry, Knowledge
from incidentwatch.records import Actor

if TYPE_CHECKING:
    from incidentwatch.extract.lang import LanguagePack
    from incidentwatch.extract.registry import Rule

log = logging.getLogger(__name__)

INITIATOR, TARGET = "initiator", "target"
# ACLED actor types named by their country (state forces, rioters, protesters, civilians):
# a generic word of these types never falls back to another country's line.
COUNTRY_BOUND_TYPES = frozenset({1, 5, 6, 7})
# The codebook's name for unnamed gunmen (generic_actors.tsv: "... ({country})").
UNIDENTIFIED = "Unidentified Armed Group"
# The alias (generic_actors.tsv) that stands for each country's own name.
COUNTRY_NAME = "{country_name}"


_W = TypeVar("_W")


def the_one_named(named: Iterable[tuple[Actor, _W]]) -> tuple[Actor, _W] | None:
    """The actor, with its words, when the tellings name one actor only (by name; the last
    telling of it gives the words), else None: two different names leave it open."""
    by_name = {actor.name: (actor, words) for actor, words in named}
    return next(iter(by_name.values())) if len(by_name) == 1 else None


@dataclass
class ActorMention:
    start: int  # char offsets
    end: int
    text: str
    entries: list[tuple[ActorEntry, str | None]]  # entry, country from a demonym
    role: str | None
    # The text only suspects this actor (rules/actors.py, `suspected-actor` table).
    suspected: bool = False
    # "Russian" in "Russian and Syrian warplanes": where the mention whose noun it shares
    # starts (ActorMatcher.demonyms_sharing_a_noun); the builder keeps both sides.
    shares_noun_with: int | None = None
    # The text names this actor only as backing a side ("backed by coalition air strikes",
    # rules/actors.py, `supporting-actor` table): an associated actor, never the side hit.
    supporting: bool = False


class ActorMatcher:
    def __init__(
        self,
        nlp: Language,
        kb: Knowledge,
        pack: LanguagePack,
        mention_rules: Sequence[Rule] = (),
        suspect_rules: Sequence[Rule] = (),
        state_rules: Sequence[Rule] = (),
        support_rules: Sequence[Rule] = (),
    ):
        self.kb = kb
        self.pack = pack
        self.mention_rules = tuple(mention_rules)
        self.suspect_rules = tuple(suspect_rules)
        self.state_rules = tuple(state_rules)
        self.support_rules = tuple(support_rules)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Country names are places far more often than actors: matched apart and kept only
        # where a `state-actor` rule says the state acts ("Russia launched air strikes").
        self.state_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, list[tuple[ActorEntry, str | None]]] = {}
        for entry in kb.actors:
            for alias in entry.aliases:
                if alias == COUNTRY_NAME:
                    for code, (name, _demonyms) in kb.countries.items():
                        self._add(nlp, name, entry, code, self.state_matcher)
                elif "{demonym}" in alias:
                    for code, (_name, demonyms) in kb.countries.items():
                        for dem in demonyms:
                            self._add(nlp, alias.replace("{demonym}", dem), entry, code)
                else:
                    self._add(nlp, alias, entry, None)

    def _add(
        self,
        nlp: Language,
        phrase: str,
        entry: ActorEntry,
        country: str | None,
        matcher: PhraseMatcher | None = None,
    ) -> None:
        key = phrase.lower()
        if key not in self.by_key:
            self.by_key[key] = []
            # An empty PhraseMatcher is falsy: test for None.
            (self.matcher if matcher is None else matcher).add(key, [nlp.make_doc(phrase)])
        self.by_key[key].append((entry, country))

    def find(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=mid) for mid, s, e in self.matcher(doc)]
        spans += self.demonyms_sharing_a_noun(doc, spans)
        for mid, s, e in self.state_matcher(doc):
            sp = Span(doc, s, e, label=mid)
            acts = next((r for r in self.state_rules if r(sp, self.pack)), None)
            if acts is not None:
                log.debug("country %r acts as its military: %s", sp.text, acts.name)
                spans.append(sp)
        return filter_spans(spans)

    def demonyms_sharing_a_noun(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Rule "demonyms sharing a noun": in "Russian and Syrian warplanes" or "US,
        British and French jets" each demonym before the last names its own country's
        force with the noun they share (the same alias with its demonym), a mention of
        its own word. Where each shares the noun is kept in the Doc (`_SHARED`)."""
        joiners = self.pack.words("demonym-joiners")
        shared: dict[int, int] = doc.user_data.setdefault(_SHARED, {})
        out = []
        for sp in spans:
            if len(sp) < 2 or not any(country for _e, country in self.by_key.get(sp.label_, [])):
                continue
            rest = sp[1:].text.lower()
            i = _before_count(doc, sp.start - 1)
            while i >= 1 and doc[i].lower_ in joiners:
                key = f"{doc[i - 1].lower_} {rest}"
                if not any(country for _e, country in self.by_key.get(key, [])):
                    break
                out.append(Span(doc, i - 1, i, label=key))
                shared[doc[i - 1].idx] = sp.start_char
                i = _before_count(doc, i - 2)
        return out

    def mentions_in(self, spans: list[Span], start: int, end: int) -> list[ActorMention]:
        out = []
        for sp in spans:
            if sp.start_char < start or sp.end_char > end:
                continue
            # "IS" and "US" match ordinary words when lower-cased; require the capitals.
            if sp.text.lower() in self.pack.words("capitals-only-aliases") and not (
                sp.text.isupper() and len(sp.text) > 1
            ):
                continue
            key = sp.label_
            entries = self.by_key.get(key, [])
            no_party, suspect, role = self._judged(sp)
            if no_party is not None:
                log.debug("actor %r left out: %s", sp.text, no_party.name)
                continue
            if suspect is not None:
                log.debug("actor %r only suspected: %s", sp.text, suspect.name)
            out.append(
                ActorMention(
                    sp.start_char,
                    sp.end_char,
                    sp.text,
                    entries,
                    role,
                    suspected=suspect is not None,
                    shares_noun_with=sp.doc.user_data.get(_SHARED, {}).get(sp.start_char),
                    supporting=self._backs(sp),
                )
            )
        return out

    def _judged(self, sp: Span) -> tuple[Rule | None, Rule | None, str | None]:
        """The mention rule that leaves `sp` out, else the suspected-actor rule that
        fires and its role. The rules are functions of the span in its parse, and the
        stages ask about the same span once per sentence scan (every incident that looks
        for a doer elsewhere), so the answer is kept with the parse (`Doc.user_data`,
        one per article: nothing shared between articles or threads)."""
        memo = sp.doc.user_data.setdefault(_JUDGED, {})
        k = (sp.start, sp.end, sp.label)
        got: tuple[Rule | None, Rule | None, str | None] | None = memo.get(k)
        if got is None:
            no_party = next((r for r in self.mention_rules if r(sp, self.pack)), None)
            if no_party is not None:
                got = (no_party, None, None)
            else:
                suspect = next((r for r in self.suspect_rules if r(sp, self.pack)), None)
                got = (None, suspect, role_of(sp, self.kb, self.pack))
            memo[k] = got
        return got

    def _backs(self, sp: Span) -> bool:
        """Whether a `supporting-actor` rule finds `sp` named only as backing a side (asked
        once per mention and kept with the parse, as `_judged`)."""
        memo = sp.doc.user_data.setdefault(_BACKS, {})
        k = (sp.start, sp.end, sp.label)
        if k not in memo:
            backs = next((r for r in self.support_rules if r(sp, self.pack)), None)
            if backs is not None:
                log.debug("actor %r only backs a side: %s", sp.text, backs.name)
            memo[k] = backs is not None
        return bool(memo[k])


def _before_count(doc: Doc, i: int) -> int:
    """The word before a count told with each nationality ("nine German and one Peruvian
    tourists": "and" before "one"), or `i` itself when it is no count."""
    while i >= 1 and doc[i].like_num:
        i -= 1
    return i


# Doc.user_data key of ActorMatcher._judged's answers.
_JUDGED = "incidentwatch.actor-judged"
# Doc.user_data key of ActorMatcher._backs's answers.
_BACKS = "incidentwatch.actor-backs"
# Doc.user_data key of the demonyms sharing a noun: their start -> the noun's mention start.
_SHARED = "incidentwatch.actor-shared-noun"


def role_of(span: Span, kb: Knowledge, pack: LanguagePack) -> str | None:
    """The role the parse gives an actor mention: initiator ("by X", subject of an active
    verb, possessive), target (object, passive subject, "on/against X"), or None."""
    tok = span.root
    for _ in range(6):
        head, pobj = tok.head, pack.dep(tok, "preposition-object")
        if pack.dep(tok, "actor-phrase-link") and head.i != tok.i:
            tok = head
            continue
        if pobj and head.lower_ in kb.word_set("member-of") and head.head.i != head.i:
            # "a group of ISIS elements", "members of the organization"
            tok = head.head
            continue
        if pobj and head.lower_ in kb.word_set("agent-prepositions"):
            return INITIATOR
        if pack.dep(tok, "agent"):
            return INITIATOR
        if pack.dep(tok, "subject"):
            return TARGET if head.lemma_.lower() in kb.word_set("suffer-verbs") else INITIATOR
        if pack.dep(tok, "possessive"):
            # "Islamic State's de facto capital": a place's owner is what was hit.
            if head.lemma_.lower() in kb.word_set("possessed-places"):
                return TARGET
            return INITIATOR
        if pack.dep(tok, "passive-subject-or-object"):
            return TARGET
        if pobj and head.lower_ in kb.word_set("target-prepositions"):
            return TARGET
        if pobj and head.lower_ in kb.word_set("both-sides-prepositions"):
            # "a battle between rebels and government forces": both sides, in the order told.
            return None
        if pobj and head.lower_ in kb.word_set("opponent-prepositions"):
            return TARGET
        return None
    return None


def resolve_entry(
    entries: list[tuple[ActorEntry, str | None]],
    country: str | None,
    kb: Knowledge,
    country_name: str | None = None,
) -> Actor | None:
    """Pick the canonical actor for a mention given the incident's country. `country_name`
    names that country when the pack's country table does not (the geocoder knows every
    country; the table only those with demonyms)."""
    specific = [(e, c) for e, c in entries if not e.generic]
    for e, _c in specific:
        if country and e.country == country:
            return Actor(name=e.name, type=e.type)
    for e, _c in specific:
        if e.country == "*":
            return Actor(name=e.name, type=e.type)
    generic = [(e, c) for e, c in entries if e.generic]
    for e, c in generic:
        code = c or country
        name = kb.country_name(code) or (country_name if code == country else None)
        if name:
            # "{the_country}": ACLED's "Military Forces of the United States".
            the_name = kb.country_name_with_article(code) or name
            canonical = e.name.replace("{the_country}", the_name).replace("{country}", name)
            return Actor(name=canonical, type=e.type)
    if any(e.type in COUNTRY_BOUND_TYPES for e, _c in generic):
        # "police", "soldiers", "civilians" with no country known: never another
        # country's (the Iraq line's) forces or people.
        return None
    if specific:
        # Only entries for other countries: an ISIS mention in a country we have no line for.
        e = specific[0][0]
        return Actor(name=e.name, type=e.type)
    return None


def unidentified_group(
    kb: Knowledge, country: str | None, country_name: str | None = None
) -> Actor | None:
    """`Unidentified Armed Group (<country>)` for the incident's country, or None when the
    country is not known (codebook 4: unnamed gunmen)."""
    entry = next((e for e in kb.actors if e.generic and e.name.startswith(UNIDENTIFIED)), None)
    if entry is None or country is None:
        return None
    return resolve_entry([(entry, None)], country, kb, country_name)


def demonym_country(entries: list[tuple[ActorEntry, str | None]]) -> str | None:
    for _e, c in entries:
        if c:
            return c
    return None


def canonical_names_for(query: str, kb: Knowledge) -> set[str]:
    """Canonical actor names an analyst's word stands for: "ISIS" -> the Islamic State
    branches, "Hashd" -> Popular Mobilization Forces (from the alias table)."""
    q = query.strip().casefold()
    out: set[str] = set()
    for entry in kb.actors:
        if entry.generic:
            continue
        if q == entry.name.casefold() or any(q == a.casefold() for a in entry.aliases):
            out.add(entry.name)
    return out
