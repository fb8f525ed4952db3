"""Grouping stage: tellings of one incident within an article become one group.

Each candidate joins the latest group it is compatible with (the grouping rules,
extract/rules/grouping.py, decide), else starts one; then, in a long article, vague
retellings join the incident told with its place, and a series total gives way to
the parts the article names."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from incidentwatch.extract.classify import classify
from incidentwatch.extract.context import Candidate
from incidentwatch.extract.rules.article import Retelling, Series
from incidentwatch.extract.rules.counting import live_blog_entries
from incidentwatch.extract.rules.grouping import Pair
from incidentwatch.extract.rules.types import found_by_search
from incidentwatch.records import Place
from incidentwatch.resolve.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from incidentwatch.extract.pipeline import Extractor

log = logging.getLogger(__name__)

# Event types by family: tellings of different families are different incidents.
FAMILY = {
    "Battles": "violence", "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence", "Protests": "demo", "Riots": "demo",
    "Strategic developments": "sd",
}  # fmt: skip


def family(ex: Extractor, cand: Candidate) -> str:
    t = classify(cand.cats, None, None, ex.kb, has_casualties=False, target_type=None)
    return FAMILY.get(t.event_type, "other") if t else "other"


# How far into a telling a `new-incident` word still opens it ("In a separate attack on
# Monday, ...").
OPENING_CHARS = 12


def make_pair(ex: Extractor, a: Candidate, b: Candidate, short: bool = False) -> Pair:
    """What the grouping rules see of group `a` and a later telling `b`."""
    new_incident = ex.pack.pattern("new-incident")
    # Only words that open the telling bring in an incident ("Elsewhere in the city,
    # ..."); "attacks in Mogadishu and elsewhere" at a sentence's end is background.
    told = b.text.lstrip()
    m = new_incident.search(told) if new_incident is not None else None
    opens_new = m is not None and m.start() <= OPENING_CHARS
    return Pair(
        a, b, short, family(ex, a), family(ex, b), opens_new,
        named_by_day=_found(ex, "event-named-by-its-day", b.text),
        attackers_told=b.anaphoric or _found(ex, "attackers-told", b.text),
        part_of_total=_found(ex, "toll-includes-part", b.text),
        followed_by=_found(ex, "followed-by-another", b.text),
        updates_toll=b.killed is not None and load_rules().toll_update.search(b.text) is not None,
        search_haul=bool(b.cues) and all(found_by_search(c, ex.pack) for c in b.cues),
        dies=bool(b.cues) and all(_of_dying(c.token, ex) for c in b.cues),
    )  # fmt: skip


def _of_dying(tok: Token, ex: Extractor) -> bool:
    """A dying verb, or the wounds it names ("died of his wounds": wounds <- of <- died)."""
    dying = ex.pack.words("dying-verbs")
    for _ in range(3):
        if tok.lemma_.lower() in dying:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _found(ex: Extractor, concept: str, text: str) -> bool:
    pat = ex.pack.pattern(concept)
    return pat is not None and pat.search(text) is not None


def compatible(ex: Extractor, a: Candidate, b: Candidate, short: bool = False) -> bool:
    """Whether `b` tells the incident of group `a`: the first grouping rule with an
    answer decides; with none, they are two incidents."""
    pair = make_pair(ex, a, b, short)
    for r in ex.grouping_rules:
        verdict = r(pair)
        if verdict is not None:
            return bool(verdict)
    return False


def country_level(place: Place) -> bool:
    """The place is only a country: no governorate, and no point or the country's name
    ("a suicide bombing in Pakistan")."""
    if place.country is None or place.admin1:
        return False
    return place.latitude is None or place.name.lower() == place.country.name.lower()


def finer_place(group_place: Place | None, told: Place | None) -> bool:
    """A later telling names where in the group's country it happened: "Sunday's bombing
    in Pakistan" then "the blast at a park in Lahore" is one incident in Lahore (the
    codebook's most specific location), not in Pakistan.

    >>> from incidentwatch.records import Country
    >>> pk = Country(code="PK", name="Pakistan")
    >>> finer_place(Place(name="Pakistan", country=pk),
    ...             Place(name="Lahore", country=pk, admin1="Punjab", latitude=31.5))
    True
    """
    if told is None:
        return False
    if group_place is None:
        return True
    return (
        country_level(group_place)
        and not country_level(told)
        and told.country is not None
        and group_place.country is not None
        and told.country.code == group_place.country.code
    )


def mark_blog_entries(ex: Extractor, text: str, cands: list[Candidate]) -> None:
    """Each candidate's live-blog entry (the time stamp its first cue follows), for the
    grouping rule "one live-blog entry"; nothing when the article is no live blog."""
    entries = live_blog_entries(text, ex.pack)
    if not entries:
        return
    for c in cands:
        at = c.cues[0].start if c.cues else c.seg_start
        i = max((i for i, (s, _t) in enumerate(entries) if s <= at), default=None)
        c.blog_entry = i


def tolls_told_beside(ex: Extractor, groups: list[Candidate]) -> None:
    """Give the toll of an earlier event set beside the news ("..., a day after a car bomb in
    Ramadi killed 11 people") to the group that tells that event again without a figure
    (counting rule "the earlier event told again")."""
    told_again = ex.counting.get("the earlier event told again")
    if told_again is None:
        return
    for g in groups:
        for m in g.all:
            if m.beside_toll is None:
                continue
            toll, place = m.beside_toll
            host = next((h for h in groups if h is not g and told_again(h, g, place)), None)
            if host is not None:
                log.debug("%s: %s gets the toll told beside", told_again.name, place.name)
                host.killed = toll


def group(ex: Extractor, cands: list[Candidate], short: bool = False) -> list[Candidate]:
    groups: list[Candidate] = []
    for c in cands:
        target = None
        for g in reversed(groups):
            # A breakdown of the group's victims ("four of the dead were from Ukraine")
            # follows the group's count, not the places its members were given.
            if compatible(ex, g, c, short) and all(
                compatible(ex, m, c, short)
                for m in g.merged
                if m.place and c.place and not c.subset
            ):
                target = g
                break
        if target is None:
            # "This attack was followed by a car bombing": the second deed came after the
            # first, on its day, not on the day the story was filed.
            followed = c.date is None and _found(ex, "followed-by-another", c.text)
            if groups and followed and groups[-1].date is not None:
                c.date = groups[-1].date
            groups.append(c)
            continue
        target.merged.append(c)
        if finer_place(target.place, c.place):
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


def absorb_vague(ex: Extractor, groups: list[Candidate]) -> list[Candidate]:
    """A long article's groups with each vague retelling joined to the incident it
    retells (the "retelling" rules, extract/rules/article.py)."""
    out: list[Candidate] = []
    new_incident = ex.pack.pattern("new-incident")
    for g in groups:
        case = Retelling(
            g,
            groups,
            lambda c: family(ex, c),
            lambda c: _sub_event_of(ex, c),
            lambda c: new_incident is not None and new_incident.search(c.text) is not None,
            lambda c: _event_type_of(ex, c),
        )
        host = next((h for r in ex.retelling_rules if (h := r(case)) is not None), None)
        if host is not None:
            host.merged.extend(g.all)
            host.cats |= g.cats
            continue
        out.append(g)
    return out


def drop_series_totals(ex: Extractor, groups: list[Candidate]) -> list[Candidate]:
    """The groups without the series totals whose parts the article names (the "series"
    rules, extract/rules/article.py); the parts take the series' day."""
    out = []
    for g in groups:
        case = Series(g, groups, ex.pack)
        hit = next(((r, p) for r in ex.series_rules if (p := r(case))), None)
        if hit is not None and g.place is not None:
            log.debug("%s dropped: %s", hit[0].name, g.place.name)
            for o in hit[1]:
                # The parts happened on the day the series is dated.
                if o.date is None and g.date is not None:
                    o.date = g.date
                # A part told with no place ("raids on three other villages") lies in
                # the series' place.
                if o.place is None:
                    o.place = g.place
                # Parts made from the total itself (one per place it names) take its place.
                if not any(o is x for x in groups):
                    out.append(o)
            continue
        out.append(g)
    return out


def _event_type_of(ex: Extractor, c: Candidate) -> str | None:
    t = classify(c.cats, None, None, ex.kb, has_casualties=False, target_type=None)
    return t.event_type if t else None


def _sub_event_of(ex: Extractor, c: Candidate) -> str | None:
    t = classify(c.cats, None, None, ex.kb, has_casualties=False, target_type=None)
    return t.sub_event_type if t else None
