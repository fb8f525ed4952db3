"""Place stage: the article's country, each segment's place (geocoder), and what is not
a place (a nationality, part of a person's name, a government)."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from incidentwatch.extract import geocoding
from incidentwatch.extract.context import ArticleContext
from incidentwatch.extract.rules.grouping import same_place
from incidentwatch.extract.rules.places import BORDER, BORDER_WINDOW
from incidentwatch.extract.wordre import compiled
from incidentwatch.records import Country, Place

log = logging.getLogger(__name__)

DATELINE = "dateline"
# The not-event-place rule whose place is a neighbour across a border (rules/places.py).
# Where the report was filed or its speaker sits: the event's place when the story names
# no other place in its country (not-event-place rules by name).
FALLBACK_PLACES = (DATELINE, "seat of a speaker")
# How many places in the segment the stage passes over, and how many told before it when
# the segment names none (`segment_place`).
_LOOK_ON = 3
_WALK_BACK = 6
# States named as actors (`not-event-place` rules by name): a segment that names no other
# place takes the one told before it.
_WALK_BACK_FROM = ("a government named", "a state in its affairs", "a government asked to answer")
# Places told of the victims (session 10 place10): "had travelled to Kerbala" or "were
# transferred to hospitals in Erbil", told before a segment that names no place, is no
# scene to carry on; the stage walks back to the place told before it. Inside the
# segment the stage looks on, as for any place that is not the event's.
_WALK_BACK_FROM_BORROWED = ("where the wounded were taken", "where travellers came from")
# A place measured from the scene told just before it ("Kilis, just across from Syria"):
# carried on from an earlier sentence, the scene is carried, not the reference.
CARRIED_PAST = (BORDER,)

if TYPE_CHECKING:
    from incidentwatch.extract.pipeline import Extractor


def article_country(ctx: ArticleContext) -> tuple[str | None, str | None]:
    """The article's country from its places (a hint for the geocoder), and from places
    and actors together (for naming actors when an incident has no place). Actors are
    kept out of the geocoder's hint: "Israeli forces" act in the West Bank, "Turkish
    forces" in Aleppo."""
    ex = ctx.ex
    votes: dict[str, float] = {}
    ctx.place_mentions = geocoding.mentions(ex.geocoder, ex.geocode_failures, ctx.text, ctx.outlet)
    ctx.geo_text = common_words_lowered(ex, ctx.doc, ctx.text, ctx.place_mentions)
    if ctx.geo_text != ctx.text:
        ctx.place_mentions = geocoding.mentions(
            ex.geocoder, ex.geocode_failures, ctx.geo_text, ctx.outlet
        )
    for p in ctx.place_mentions:
        if p.country is not None:
            votes[p.country.code] = votes.get(p.country.code, 0.0) + 1
    place_country = max(votes, key=lambda k: votes[k]) if votes else None
    for sp in ctx.actor_spans:
        for e, c in ex.actor_matcher.by_key.get(sp.label_, []):
            if c:
                votes[c] = votes.get(c, 0.0) + 1
            elif not e.generic and e.country != "*":
                votes[e.country] = votes.get(e.country, 0.0) + 0.5
    if not votes:
        return place_country, None
    return place_country, max(votes, key=lambda k: votes[k])


def common_words_lowered(ex: Extractor, doc: Doc, text: str, mentions: list[Place]) -> str:
    """The text with each word a `place-word` rule finds common ("Car bombs killed") in
    lower case, as the geocoder should read it: a word not capitalised is
    no name, and a name read as a place far away would also pull the text's other names
    towards that country. Same length, same offsets."""
    if not ex.place_word_rules or not ex.dictionary:
        return text
    at = {m.start: m for m in mentions if m.start is not None}
    chars = list(text)
    for sent in doc.sents:
        tok = next((t for t in sent if not t.is_punct), None)
        if tok is None or tok.idx not in at or text[tok.idx : tok.idx + len(tok)] != tok.text:
            continue
        why = next(
            (r.name for r in ex.place_word_rules if r(tok, at[tok.idx], ex.dictionary, ex.pack)),
            None,
        )
        if why is None:
            continue
        log.debug("%r is not a place: %s", tok.text, why)
        chars[tok.idx : tok.idx + len(tok)] = tok.lower_
    return "".join(chars)


def segment_place(ctx: ArticleContext, seg_start: int, seg_end: int) -> Place | None:
    """Where the event told in the segment happened: the geocoder's place unless it is not
    a place, else a country named alone, else the dateline's city when it lies in the
    country the article's places are in ("BAGHDAD - Bombs struck the capital")."""
    ex = ctx.ex
    start, end = seg_start, seg_end
    filed: Place | None = None
    neighbour: tuple[Span, str] | None = None
    looked_on = walked_back = 0
    # Where the names the rules ruled out inside the segment start (`place_left`).
    ruled_out: set[int] = set()
    while looked_on < _LOOK_ON and walked_back < _WALK_BACK:
        place = geocoding.locate(ex.geocoder, ex.geocode_failures, ctx.geo_text or ctx.text,
                                 start, end, ctx.place_country, ctx.outlet)  # fmt: skip
        if place is None or place.start is None or place.end is None:
            break
        at, after = place.start, place.end
        pspan = ctx.doc.char_span(at, after, alignment_mode="expand")
        if pspan is None:
            break
        # Walking back over places told before a segment that names none (rule "a
        # borrowed place walked back", below).
        walking = at < seg_start and walked_back > 0
        # A person's name or a nationality is not a place ("Talib", "Iraqi").
        if name_not_place(ex, pspan):
            if not walking:
                place = None
                break
            why: str | None = name_not_place.__name__
        else:
            # Where the report was filed or who spoke is not where it happened: look on.
            why = not_event_place(ctx, pspan)
        if why is None:
            break
        log.debug("place %r is not the event's: %s", pspan.text, why)
        if seg_start <= at < seg_end:
            ruled_out.add(at)
        if why in FALLBACK_PLACES and filed is None:
            filed = place
        # Only a border the segment's own words name: a reference told before the segment
        # carries the scene its sentence named (`told_before_reference`).
        if why == BORDER and neighbour is None and place.country is not None and at >= seg_start:
            neighbour = (pspan, place.country.code)
        if after <= seg_start and not walking and why in CARRIED_PAST:
            # Carried from earlier, and only a reference there: the scene that sentence
            # told before it is the one carried on.
            place = told_before_reference(ctx, pspan, ctx.text[seg_start:seg_end])
            break
        if walking or (at < seg_start and why in _WALK_BACK_FROM + _WALK_BACK_FROM_BORROWED):
            # Rule "a borrowed place walked back": the segment names no place and the
            # place told before it is a state named ("urged the government of
            # Bangladesh"): the place told before that, as a reader takes it.
            start = end = at
            walked_back += 1
        elif why in _WALK_BACK_FROM and _last_in_segment(ctx, after, seg_end):
            # The segment's only place is a state named ("at a time Iraq is grappling
            # with protests"): it names no scene, so it borrows the one told before it.
            start = end = seg_start
            walked_back += 1
        else:
            start = after
            looked_on += 1
        place = None
    if place is None and ruled_out:
        place = place_left(ctx, seg_start, seg_end, frozenset(ruled_out))
    if place is None:
        place = country_place(ex, ctx.text[seg_start:seg_end], seg_start, ctx)
    if (
        place is None
        and filed is not None
        and filed.country is not None
        and filed.country.code == ctx.place_country
    ):
        place = filed
    if place is None and neighbour is not None:
        place = this_side_of_border(ctx, *neighbour)
    return place


def place_left(
    ctx: ArticleContext, seg_start: int, seg_end: int, ruled_out: frozenset[int]
) -> Place | None:
    """Rule "the place left in the segment": with the names the rules ruled out left
    out, the geocoder's place for the segment, when the segment's own words name it and
    no rule rules it out too. "A truck bomb blew up on the highway south of Hilla,
    killing pilgrims returning from a ceremony in Kerbala": without Kerbala, the only
    place is the reference the scene is told from, and the event lies near Hilla (the
    stage had looked on past Kerbala only, and a reference told before the ruled-out
    name was never asked for). Only a place below its country: a country left is
    `country_place`'s to judge, which knows a state that acts ("Russia launched")."""
    ex = ctx.ex
    place = geocoding.locate(ex.geocoder, ex.geocode_failures, ctx.geo_text or ctx.text,
                             seg_start, seg_end, ctx.place_country, ctx.outlet,
                             skip=ruled_out)  # fmt: skip
    if place is None or place.start is None or place.end is None:
        return None
    if not seg_start <= place.start < seg_end or place.admin1 is None:
        return None
    pspan = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
    if pspan is None or name_not_place(ex, pspan) or not_event_place(ctx, pspan) is not None:
        return None
    log.debug("place %r: the place left in the segment", pspan.text)
    return place


def _last_in_segment(ctx: ArticleContext, after: int, seg_end: int) -> bool:
    """No place is named in the segment after `after`."""
    ex = ctx.ex
    text = ctx.geo_text or ctx.text
    place = geocoding.locate(ex.geocoder, ex.geocode_failures, text, after, seg_end,
                             ctx.place_country, ctx.outlet)  # fmt: skip
    # The geocoder answers a span that names none with a place told before or after it.
    return place is None or place.start is None or not after <= place.start < seg_end


def this_side_of_border(ctx: ArticleContext, neighbour: Span, across: str) -> Place | None:
    """An event told only as "near the border with <a neighbour>" (rule "border
    reference") lies on this side, in the country the article's places are in: that
    country, at country level, its evidence the border phrase ("kidnapped in the north
    near the border with Niger" in a story about Mali). None when the article's places
    are in the neighbour itself or in no country."""
    ex = ctx.ex
    code = ctx.place_country
    name = ex.kb.country_name(code) if code else None
    if not code or not name or code == across:
        return None
    pat = ex.pack.pattern("border-reference")
    before = ctx.text[max(0, neighbour.start_char - BORDER_WINDOW) : neighbour.start_char]
    m = pat.search(before) if pat is not None else None
    start = neighbour.start_char - len(before) + m.start() if m else neighbour.start_char
    log.debug("place: this side of the border with %r, the article's %s", neighbour.text, name)
    return Place(
        name=name, country=Country(code=code, name=name), geo_precision=3,
        start=start, end=neighbour.end_char, why=BORDER,
    )  # fmt: skip


def told_before_reference(ctx: ArticleContext, ref: Span, seg_text: str) -> Place | None:
    """Rule "scene before a reference": a segment that names no place carries on the place
    told before it; when that place is only a reference ("The town of Kilis, just across
    from Syria, has been hit by rockets. On Sunday, three rockets wounded two people"),
    the place its sentence named before the reference is the scene carried on (Kilis),
    not the reference (Syria), nor none. Only a place of the same sentence, itself
    neither a reference nor a name that is no place; not for a segment told of other
    places than the scene before ("Raids on three other villages killed 15 others")."""
    other = ctx.ex.pack.pattern("another-part")
    if other is not None and other.search(seg_text):
        return None
    sent = ref.sent
    for m in sorted(ctx.place_mentions, key=lambda m: -(m.start or 0)):
        if m.start is None or m.end is None or not sent.start_char <= m.start < ref.start_char:
            continue
        sp = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if sp is None or name_not_place(ctx.ex, sp) or not_event_place(ctx, sp) is not None:
            continue
        log.debug("place %r carried on: scene before a reference", sp.text)
        return m
    return None


def not_event_place(ctx: ArticleContext, span: Span, *, skip: tuple[str, ...] = ()) -> str | None:
    """The name of the first `not-event-place` rule (extract/rules/places.py) that says the
    place named by `span` is not where the event happened, else None."""
    ex = ctx.ex
    for r in ex.place_rules:
        if r.name not in skip and r(ctx.text, span, ex.pack):
            return r.name
    return None


def country_place(
    ex: Extractor, seg_text: str, offset: int, ctx: ArticleContext | None = None
) -> Place | None:
    """Only a country is named ("in a prison in eastern Syria"): a country-level place.
    A country that speaks ("Canada said") or across a border ("near the border with
    Syria") is not one (the `not-event-place` rules, but for the dateline)."""
    template = ex.pack.template("country-mention")
    if not template:
        return None
    for code, (name, _dem) in ex.kb.countries.items():
        for m in compiled(template.replace("{country}", re.escape(name))).finditer(seg_text):
            if ctx is not None:
                sp = ctx.doc.char_span(
                    offset + m.start(1), offset + m.end(1), alignment_mode="expand"
                )
                if sp is not None and not_event_place(ctx, sp, skip=(DATELINE,)):
                    continue
                # A state that acts ("Russia launched a second air strike") is the
                # doer, its armed forces (`state-actor` rules), not where it struck.
                acts = next(
                    (r for r in ex.actor_matcher.state_rules if sp and r(sp, ex.pack)), None
                )
                if acts is not None:
                    log.debug("country %r is no place: %s", m.group(1), acts.name)
                    continue
            break
        else:
            m = None
        if m:
            return Place(
                name=m.group(1), country=Country(code=code, name=name), geo_precision=3,
                start=offset + m.start(1), end=offset + m.end(1), why="country named",
            )  # fmt: skip
    return None


def name_not_place(ex: Extractor, span: Span) -> bool:
    """A nationality ("Iraqi") or part of a longer person's name ("Talib al-Moussawi")."""
    if span.text.lower() in ex.not_places:
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    prev = span.doc[span.start - 1] if span.start > 0 else None
    # "Moscow's statement": a government, not where it happened; "in Baghdad's
    # northern outskirts" still places the event.
    if (
        nxt is not None
        and nxt.text in ex.pack.words("possessive-clitics")
        and (prev is None or prev.lower_ not in ex.pack.words("locatives-before-possessive"))
        and not possessed_facility(ex, span)
        and not possessed_site(ex, span)
    ):
        return True
    # Rule "a hospital's own name" (issue 12 precw9): in "treated at the Kadhimiya
    # hospital" the name is the hospital's, where the wounded were taken, not the scene;
    # "the" marks it as a name of the building ("Tikrit hospital" still names the city).
    if (
        nxt is not None
        and prev is not None
        and prev.lower_ in ex.pack.words("definite-determiners")
        and nxt.lemma_.lower() in ex.pack.words("possessed-facility-nouns")
    ):
        return True
    for ent in span.doc.ents:
        if ent.end <= span.start or ent.start >= span.end:
            continue
        # The small model calls unknown villages PERSON too, so only a longer name counts,
        # and one that starts with a title or a given name shape ("Talib al-Moussawi").
        if ex.pack.entity(ent.label_, "person") and _words(ent) > _words(span):
            return True
    return False


def _words(span: Span) -> int:
    """How many words a span holds: the model's entities sometimes take in a bracket or a
    comma after the name ("Altun Kupri (" read as a PERSON), which makes no longer name."""
    return sum(1 for t in span if not t.is_punct)


def places_told_together(ctx: ArticleContext, place: Place, seg_end: int) -> list[Place]:
    """The places named in one list with the segment's place ("in Jableh and Tartous",
    "in Ramadi, Falluja and Haditha"), in their order, the segment's own first; [] when
    it is named alone. Only towns and districts of one country, each a place of its own
    (not one inside another or within the same-place distance): a country, a governorate
    named with its capital or a quarter with its city is no list of scenes."""
    if place.start is None or place.end is None or place.admin1 is None:
        return []
    joiners = ctx.ex.pack.words("place-list-joiners")
    mentions = sorted(
        (m for m in ctx.place_mentions if m.start is not None and m.end is not None),
        key=lambda m: m.start or 0,
    )
    chain = [place]
    end = place.end
    last = ""
    for m in mentions:
        if m.start is None or m.end is None or m.start < end:
            continue
        if m.start > seg_end:
            break
        between = ctx.text[end : m.start].strip().lower()
        if between not in joiners:
            break
        chain.append(m)
        end, last = m.end, between
    if len(chain) < 2 or last not in ctx.ex.pack.words("place-list-ends"):
        return []
    country = place.country.code if place.country else None
    for i, m in enumerate(chain):
        if m.admin1 is None or (m.country.code if m.country else None) != country:
            return []
        if any(same_place(m, o) for o in chain[:i]):
            return []
    return chain


def possessed_site(ex: Extractor, span: Span) -> bool:
    """Rule "possessed site": a city whose possessive names a square, street or market of
    it ("rallied in central Baghdad's Tahrir Square", "outside Mosul's old market") is
    where the event happened, whatever words come before it, not a government like
    "Moscow's statement"."""
    head = span.root.head
    return (
        ex.pack.dep(span.root, "possessive")
        and head is not span.root
        and head.lemma_.lower() in ex.pack.words("possessed-site-nouns")
    )


def possessed_facility(ex: Extractor, span: Span) -> bool:
    """Rule "possessed facility": a city whose possessive names a hospital or morgue it
    holds ("a staff member of Falluja's main hospital said") is a place, not a
    government. The speaker rules still keep it off an event told elsewhere, and the
    stage falls back on it only when the sentence names no other place in the
    article's country."""
    head = span.root.head
    return (
        ex.pack.dep(span.root, "possessive")
        and head is not span.root
        and head.lemma_.lower() in ex.pack.words("possessed-facility-nouns")
    )
