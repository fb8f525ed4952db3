"""Building stage: a group of tellings -> codebook incident records with evidence.

Types from the cue categories and actors (classify.py), roles, date, place, counts,
claim status; a group that tells several days or attacks is split with its totals
divided (codebook 1)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from incidentwatch.extract import geocoding
from incidentwatch.extract import numbers as num
from incidentwatch.extract.actors import (
    INITIATOR,
    TARGET,
    UNIDENTIFIED,
    ActorMention,
    demonym_country,
    resolve_entry,
    the_one_named,
    unidentified_group,
)
from incidentwatch.extract.classify import Typing, classify, target_type, weapon_types
from incidentwatch.extract.context import ArticleContext, Candidate, Cue
from incidentwatch.extract.dates import find_dates
from incidentwatch.extract.lang import LanguagePack, get_pack
from incidentwatch.extract.resources import Knowledge
from incidentwatch.extract.rules.actors import (
    ARTICLE_DOER_TYPES,
    ATTACKER_SUBEVENTS,
    CIVILIANS,
    CLAIMING_TYPES,
    STATE,
    STATE_FORCE_TYPES,
    SUSPECT_TYPES,
    ActedUpon,
    OtherSentence,
    Sides,
    Victims,
    group_struck_from_air,
    state_no_suicide_bomber,
)
from incidentwatch.extract.rules.article import Split
from incidentwatch.extract.rules.counting import whole_toll
from incidentwatch.extract.rules.perpetrators import Told, suicide_attackers
from incidentwatch.extract.rules.types import VIOLENCE_CATS, type_cats
from incidentwatch.extract.rules.victim_count import one_named_victim
from incidentwatch.extract.stages.figures import counted_nouns
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
)
from incidentwatch.resolve.merge import DETAILS_PENDING, TOLD_BEFORE_REPORT, TOLL_OF_A_PART

# ACLED actor types a force told among the victims may have (`actor2` rules): state forces,
# rebels and militias, external forces.
ACTED_UPON_TYPES = frozenset({1, 2, 3, 4, 8})
# ACLED actor types of armed groups (codebook 3: rebels, political and identity militias)
# and the event types in which both sides fight.
NON_STATE_ARMED = (2, 3, 4)
FIGHTS = ("Battles", "Violence against civilians")

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from incidentwatch.extract.pipeline import Extractor

log = logging.getLogger(__name__)


def _search(pack: LanguagePack, concept: str, text: str) -> re.Match[str] | None:
    pat = pack.pattern(concept)
    return pat.search(text) if pat is not None else None


def _told_as_attacker(ctx: ArticleContext, pack: LanguagePack, start: int, end: int) -> bool:
    """The mention's noun carries a relative clause in which it attacks ("a man who tried to
    stab soldiers", "two men who opened fire on a patrol"): an active verb of attack
    (`attacking-verbs`) in the clause, not a passive one ("a man who was shot")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    for clause in (c for c in span.root.children if pack.dep(c, "relative-clause")):
        for tok in clause.subtree:
            if tok.lemma_.lower() not in pack.words("attacking-verbs"):
                continue
            verb = tok if tok.pos_ == "VERB" else tok.head
            if not any(pack.dep(c, "passive-auxiliary") for c in verb.children):
                return True
    return False


def build(ex: Extractor, ctx: ArticleContext, g: Candidate) -> list[Incident]:
    """The codebook record(s) of one group, each value with its evidence; several when the
    group tells several days or attacks (totals divided, codebook 1)."""
    article, text, pub, country_hint = ctx.article, ctx.text, ctx.pub, ctx.country_hint
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
    place_country_name = (
        place.country.name
        if place and place.country and place.country.code == country_code
        else None
    )
    initiators: list[tuple[Actor, ActorMention]] = []
    targets: list[tuple[Actor, ActorMention]] = []
    others: list[tuple[Actor, ActorMention]] = []
    supporters: list[tuple[Actor, ActorMention]] = []
    ranked = sorted(g.all, key=_information, reverse=True)
    # The groups suspected mentions name, by where they start (`acted-upon` rules).
    suspected_as: dict[int, tuple[Actor, ActorMention]] = {}
    for m in (x for c in ranked for x in c.actors):
        actor = resolve_entry(m.entries, country_code, ex.kb, place_country_name)
        if actor is None:
            continue
        if m.suspected and (actor.type in SUSPECT_TYPES or _suspect_itself(ctx, ex.pack, m)):
            if actor.type in NON_STATE_ARMED and not actor.name.startswith(UNIDENTIFIED):
                suspected_as[m.start] = (actor, m)
            # Suspicion is not attribution (codebook 5a): an unidentified group, marked so
            # that a later claim by another report is no conflict (resolve/merge.py). An
            # unidentified armed group is a non-state one: warplanes "believed to be
            # Russian" stay Russia's, marked suspected all the same.
            if actor.type not in STATE_FORCE_TYPES:
                actor = unidentified_group(ex.kb, country_code, place_country_name) or actor
            actor = Actor(name=actor.name, type=actor.type, mention=m.text, suspected=True)
        else:
            actor = actor.model_copy(update={"mention": m.text})
        bucket = initiators if m.role == INITIATOR else targets if m.role == TARGET else others
        if m.supporting and not actor.name.startswith(UNIDENTIFIED):
            # Backing a side (`supporting-actor` rules): associated with it, no side itself.
            bucket = supporters
        bucket.append((actor, m))
    actor1, actor2, a1m, a2m = _assign_roles(initiators, targets, others)
    # Victims are told where the incident's figures are: a foreigner named in a segment
    # without a toll ("a city popular with foreigners") is no victim.
    counted = [c for c in g.all if c.killed or c.wounded or c.abducted]
    victims = [
        (a, m)
        for a, m in targets + others
        if m is a2m or any(c.seg_start <= m.start < c.seg_end for c in counted)
    ]
    foreign = _victims_by_nationality(actor1, actor2, a2m, victims, country_code)
    if foreign is not None:
        log.debug("actor2 %r: victims named by their nationality", foreign[0].name)
        actor2, a2m = foreign

    kill = _combine(_own_tolls(ex.pack, g, "killed"), ex, ctx.doc)
    wound = _combine(_own_tolls(ex.pack, g, "wounded"), ex, ctx.doc)
    if (kill is None or not kill.best) and any(c.bodies for c in g.all):
        # "Eight contractors were kidnapped ... Their bodies were found": the victims
        # counted earlier in the incident are the dead.
        taken = _combine([c.abducted for c in g.all])
        if taken is not None and taken.best:
            kill = taken
    kill, perpetrators = _with_suicide_attackers(ex, ctx.doc, text, g, kill)
    tgt = None
    own = (a1m.start, a1m.end) if a1m is not None else None
    for c in ranked:
        tgt = target_type(text[c.seg_start : c.seg_end], c.seg_start, ex.kb, own)
        if tgt:
            break
    cats = type_cats(g.all, g.cats, ex.type_cue_rules, ex.pack)
    has_casualties = bool(kill and kill.best)
    typing = classify(
        cats, actor1, actor2, ex.kb,
        has_casualties=has_casualties, target_type=tgt[0] if tgt else None,
    ) or classify(
        g.cats, actor1, actor2, ex.kb,
        has_casualties=has_casualties, target_type=tgt[0] if tgt else None,
    )  # fmt: skip
    if typing is None:
        return []
    if cats != g.cats:
        log.debug("type from %s (left out: %s)", sorted(cats), sorted(g.cats - cats))
    sides = Sides(
        typing.sub_event_type, actor1, a1m.role if a1m is not None else None, actor2,
        tuple(m.text.lower() for _a, m in targets),
        any(_told_as_attacker(ctx, ex.pack, m.start, m.end) for _a, m in targets),
        frozenset(cue.cat for cand in g.all for cue in cand.cues),
        _told_apart(ctx, a1m, [cue for cand in g.all for cue in cand.cues]),
        _owns_thing_hit(ctx, ex.pack, a1m),
    )  # fmt: skip
    unnamed = next((r for r in ex.actor1_rules if r(sides, ex.pack)), None)
    uag = unidentified_group(ex.kb, country_code, place_country_name) if unnamed else None
    if (
        unnamed is not None
        and actor1 is not None
        and typing.sub_event_type not in ATTACKER_SUBEVENTS
    ):
        # Civilians named in an arrest or a seizure were acted upon; nobody unnamed acted.
        # A group struck from the air is what the strike hit, before the people counted.
        log.debug("actor1 %r left out: %s", actor1.name if actor1 else None, unnamed.name)
        struck = unnamed.fn is group_struck_from_air
        if actor2 is None or (struck and actor2.type == CIVILIANS):
            actor2, a2m = actor1, a1m
        actor1, a1m = None, None
    elif unnamed is not None and uag is not None:
        log.debug("actor1 is an unidentified armed group: %s", unnamed.name)
        # A force named only apart from the attack (deployed, guarding) was not hit either.
        # A force that did something else in a suicide bombing leaves the victims counted.
        elsewhere = unnamed.fn is state_no_suicide_bomber
        if (
            actor1 is not None
            and (
                actor2 is None or (actor1.type == STATE and not elsewhere) or sides.actor1_owns_hit
            )
            and not sides.actor1_apart
        ):
            # The victims, or the force hit or answering the attack: a force the attack
            # met is the side acted upon before the people around it.
            actor2, a2m = actor1, a1m
        # The event's own words are the evidence that someone unnamed did it.
        mention = text[main_cue.start : main_cue.end]
        actor1 = uag.model_copy(update={"mention": mention})
        a1m = ActorMention(main_cue.start, main_cue.end, mention, [], INITIATOR)
        typing = classify(
            cats, actor1, actor2, ex.kb,
            has_casualties=has_casualties, target_type=tgt[0] if tgt else None,
        ) or typing  # fmt: skip
    back = _claimer_named_before(ex, ctx, actor1, a1m, country_code, place_country_name)
    if back is not None:
        log.debug("actor1 %r: the claiming group named just before", back[0].name)
        actor1, a1m = back
    day = g.date.date if g.date is not None and g.date.precision == 1 else None
    doer = _doer_told_elsewhere(
        ex, ctx, actor1, typing.sub_event_type, country_code, place_country_name, place, day, a1m
    )
    if doer is not None:
        log.debug("actor1 %r: the doer the article names elsewhere", doer[0].name)
        actor1, a1m = doer
    if actor1 is not None and actor2 is not None and actor2.name == actor1.name:
        # One side does not act on itself: "vowed to retaliate against militants after a
        # car bomb killed 34 people" names the unidentified bombers twice; the people are
        # what was hit.
        actor2, a2m = next(
            ((a, m) for a, m in targets + others if a.name != actor1.name), (None, None)
        )
    force = _force_acted_upon(ex, ctx, typing.sub_event_type, actor1, actor2, a2m, targets + others)
    if force is not None:
        actor2, a2m = force
    upon = _acted_upon(
        ex, ctx, typing, cats, (actor1, actor2, a2m), targets + others, suspected_as,
        (kill, wound, _combine([c.abducted for c in g.all])), tgt, country_code,
        place_country_name,
    )  # fmt: skip
    if upon is not None:
        actor2, a2m, typing = upon
    # ACLED names demonstrators and rioters by country, whoever they are.
    if typing.event_type in ("Protests", "Riots") and country_code:
        cname = ex.kb.country_name(country_code) or place_country_name
        want_type, label = (6, "Protesters") if typing.event_type == "Protests" else (5, "Rioters")
        if cname and (actor1 is None or actor1.type not in (want_type, 4)):
            # The crowd named as acted upon ("police fired tear gas at protesters") is the
            # actor1 ACLED names; the force that met it is the side acted upon.
            crowd = a2m if actor2 is not None and actor2.type in (5, 6) else None
            if actor1 is not None and (
                crowd is not None or (typing.event_type == "Riots" and actor2 is None)
            ):
                actor2, a2m = actor1, a1m
            named = crowd or a1m
            mention = named.text if named is not None else text[main_cue.start : main_cue.end]
            actor1 = Actor(name=f"{label} ({cname})", type=want_type, mention=mention)
            if crowd is not None:
                a1m = crowd
            elif a1m is None:
                a1m = ActorMention(main_cue.start, main_cue.end, mention, [], INITIATOR)
    add("event_type", main_cue.start, main_cue.end)
    add("sub_event_type", main_cue.start, main_cue.end)
    attack_type = typing.attack_type
    if typing.event_type not in NO_TARGET_TYPES:
        if attack_type:
            add("attack_type", main_cue.start, main_cue.end)
        assassination = ex.pack.pattern("assassination")
        if assassination is not None and assassination.search(text[g.seg_start : g.seg_end]):
            attack_type = "Assassination"
    else:
        attack_type = None
    target, weapons = target_and_weapons(
        typing.event_type, tgt, actor2, (a2m.start, a2m.end) if a2m is not None else None,
        (w for c in g.all for w in weapon_types(text[c.seg_start : c.seg_end], c.seg_start, ex.kb)),
        add,
    )  # fmt: skip

    if actor1 is not None and a1m is not None:
        add("actor1", a1m.start, a1m.end)
    if actor2 is not None and a2m is not None:
        add("actor2", a2m.start, a2m.end)
    assoc1 = _sharing_the_noun(actor1, a1m, initiators + targets + others)
    if actor1 is not None:
        kept = {actor1.name, *(a.name for a, _m in assoc1)}
        for a, m in supporters:
            if a.name not in kept:
                kept.add(a.name)
                assoc1.append((a, m))
    for _a, m in assoc1:
        add("assoc_actors1", m.start, m.end)

    # Date.
    date = g.date
    event_date: dt.date | None = None
    precision: int | None = None
    end_date: dt.date | None = None
    if date is not None and date.date is not None:
        event_date, precision, end_date = date.date, date.precision, date.end_date
        add("event_date", date.start, date.end)
    elif pub is not None and ctx.breaking is not None:
        # Breaking news with no day named (rule "a breaking report"): its filing day.
        event_date, precision = pub, 1
        add("event_date", *ctx.breaking)
    elif pub is not None:
        # Reported as news with no day named: the week of publication (codebook 5a).
        event_date, precision = pub, 2
        add("event_date", main_cue.start, main_cue.end)

    # Place, with the admin units of the event's day (historical_admins.tsv).
    place = geocoding.as_of(ex.geocoder, place, event_date, text)
    named_by = a1m if a1m is not None else main_cue
    where = place_fields(place, country_code, ex.kb, ev, add, (named_by.start, named_by.end))

    # Counts.
    fatalities = Count(best=0, low=None, high=None)
    if kill is not None:
        fatalities = Count(best=kill.best, low=kill.low, high=kill.high)
        for s, e in (*kill.spans, *kill.disputed_spans):
            add("fatalities", s, e)
    else:
        if g.no_casualties:
            add("fatalities", *g.no_casualties)
        else:
            add("fatalities", main_cue.start, main_cue.end)
    # The attacking group's fighters among the dead of a fight it started ("killed 12
    # soldiers and 20 militants"): attackers killed (rule "the attacking group's own dead").
    own_dead = ex.counting.get("the attacking group's own dead")
    if (
        own_dead is not None
        and kill is not None
        and actor1 is not None
        and actor1.type in NON_STATE_ARMED
        and a1m is not None
        and a1m.role == INITIATOR
        and typing.event_type in FIGHTS
    ):
        n_own, own_spans = own_dead(ctx.doc, kill, ex.pack)
        if n_own and (perpetrators is None or perpetrators[0] < n_own):
            perpetrators = (n_own, own_spans)
    perp = Count()
    if perpetrators is not None:
        perp = Count(best=perpetrators[0])
        for s, e in perpetrators[1]:
            add("perpetrator_fatalities", s, e)
    injuries = Count()
    if wound is not None:
        injuries = Count(best=wound.best, low=wound.low, high=wound.high)
        for s, e in (*wound.spans, *wound.disputed_spans):
            add("injuries", s, e)

    claim = "reported"
    claimed_span = next((c.claimed for c in g.all if c.claimed), None)
    if claimed_span and (kill is not None or typing.event_type != "Strategic developments"):
        seg = text[claimed_span[0] : claimed_span[1]].lower()
        if not any(w in seg for w in ex.pack.words("responsibility-nouns")):
            claim = "claimed"
            add("claim_status", *claimed_span)
    # Sources that disagree on the toll (rule "figures in conflict"): codebook 5.
    for toll in (kill, wound):
        if toll is not None and toll.disputed:
            claim = "disputed"
            for s, e in toll.figure_spans:
                add("claim_status", s, e)

    base = incident_record(
        article, typing, attack_type=attack_type, actor1=actor1, actor2=actor2,
        event_date=event_date, precision=precision, where=where, fatalities=fatalities,
        perpetrator_fatalities=perp, injuries=injuries, evidence=ev,
        confidence=round(g.confidence, 2), claim_status=claim, target_type=target,
        weapon_types=weapons,
    )  # fmt: skip
    base.assoc_actors1 = [a for a, _m in assoc1]
    if precision == 2 and event_date == pub and any(c.told_before for c in g.all):
        # Dated by the filing day of a report that tells the deed as done before it
        # (rule "a deed told before its report"): the merge lets that week reach back.
        setattr(base, TOLD_BEFORE_REPORT, True)
    if ctx.breaking is not None and not (kill is not None and kill.best):
        # A breaking report that gives no toll does not know it yet (rule "a breaking
        # report"): the merge weighs no toll for it (resolve.merge.toll_pending).
        setattr(base, DETAILS_PENDING, True)
    if kill is not None and kill.best and not whole_toll(kill, ex.pack):
        # The only toll told counts part of the victims ("two police officers were
        # killed"): another outlet's larger figure is no conflict (codebook 5), so the
        # merge reads it as a lower bound (resolve.merge.toll_of_a_part).
        setattr(base, TOLL_OF_A_PART, True)
    # A toll over places named together: this place's share ("toll over places named
    # together"); the evidence keeps the undivided total (codebook 1).
    share = g.share
    if share is not None:
        fatalities = _split(fatalities, share[1])[share[0]]
        injuries = _split(injuries, share[1])[share[0]]
        perp = _split(perp, share[1])[share[0]]
        base.fatalities, base.injuries, base.perpetrator_fatalities = fatalities, injuries, perp
    # Split: several days ("Sunday through Wednesday") or several attacks ("twice").
    # The first rule with the most days decides (a day range before repeats of one day).
    split = Split(event_date, end_date, g.repeats)
    told = [v for r in ex.split_rules if (v := r(split))]
    days: list[dt.date | None] = max(told, key=len) if told else [event_date]
    n = len(days)
    out: list[Incident] = []
    kills = _split(fatalities, n)
    wounds = _split(injuries, n)
    perps = _split(perp, n)
    for i in range(n):
        inc = base.model_copy(deep=True)
        day = days[i]
        inc.event_date = day.isoformat() if day else None
        inc.fatalities, inc.injuries = kills[i], wounds[i]
        inc.perpetrator_fatalities = perps[i]
        if n > 1 and g.repeats_span:
            inc.evidence.append(
                Evidence(field="event", article_id=aid, start=g.repeats_span[0],
                         end=g.repeats_span[1], text=text[g.repeats_span[0]:g.repeats_span[1]])
            )  # fmt: skip
        part, parts = (i, n) if n > 1 or share is None else share
        add_summary(inc, part, parts, kill, wound, ex.pack, ev[0])
        out.append(inc)
    return out


class PlaceFields(NamedTuple):
    """The record's place: location, admin units, precision and country."""

    location: Location | None
    admin1: str | None
    admin2: str | None
    geo_precision: int | None
    country: Country | None


def place_fields(
    place: Place | None,
    country_code: str | None,
    kb: Knowledge,
    ev: list[Evidence],
    add: Callable[[str, int, int], None],
    named_by: tuple[int, int],
) -> PlaceFields:
    """The place fields of a record from the place the stages chose, each with its
    evidence: location and admin units at the words naming them, the country at the
    place's words, else at `named_by` (the words that tell whose country it is: an
    actor, or the event itself). Every language pack's records are placed here."""
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
        name = kb.country_name(country_code)
        if name:
            country = Country(code=country_code, name=name)
    if country is not None and not any(e.field == "country" for e in ev):
        if place is not None and place.start is not None and place.end is not None:
            add("country", place.start, place.end)
        else:
            add("country", *named_by)
    return PlaceFields(location, admin1, admin2, geo_precision, country)


def incident_record(
    article: Article,
    typing: Typing,
    *,
    attack_type: str | None,
    actor1: Actor | None,
    actor2: Actor | None,
    event_date: dt.date | None,
    precision: int | None,
    where: PlaceFields,
    fatalities: Count,
    perpetrator_fatalities: Count,
    injuries: Count,
    evidence: list[Evidence],
    confidence: float,
    claim_status: str,
    target_type: str | None = None,
    weapon_types: Sequence[str] = (),
) -> Incident:
    """The one construction of an extracted codebook record (every language pack's):
    the values the stages decided, the article as its source, the evidence as given."""
    return Incident(
        event_date=event_date.isoformat() if event_date else None,
        date_precision=precision if event_date else None,
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        attack_type=attack_type,
        actor1=actor1,
        actor2=actor2,
        target_type=target_type,
        weapon_types=list(weapon_types),
        country=where.country,
        admin1=where.admin1,
        admin2=where.admin2,
        location=where.location,
        geo_precision=where.geo_precision,
        fatalities=fatalities,
        perpetrator_fatalities=perpetrator_fatalities,
        injuries=injuries,
        sources=[
            Source(
                article_id=article.article_id,
                url=article.url,
                outlet=article.outlet,
                published_at=article.published_at,
            )
        ],
        evidence=evidence,
        confidence=confidence,
        claim_status=claim_status,
    )


def add_summary(
    inc: Incident,
    i: int,
    n: int,
    kill: num.Casualties | None,
    wound: num.Casualties | None,
    pack: LanguagePack | None,
    event: Evidence,
) -> None:
    """The record's summary sentence (record `i` of `n` the group told), cited by the
    event's own words."""
    inc.summary = _summary(inc, i, n, kill, wound, pack)
    inc.evidence.append(
        Evidence(
            field="summary", article_id=event.article_id, start=event.start, end=event.end,
            text=event.text,
        )
    )  # fmt: skip


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
    # A quote starts and ends on whole words: a window cut inside one ("euters) - Iraqi
    # troops") moves to the word's edge, never past the cue.
    while s > seg_s and s < cue.start and not text[s - 1].isspace():
        s += 1
    while e < seg_e and e > cue.end and text[e - 1].isalnum() and text[e].isalnum():
        e -= 1
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


def _sharing_the_noun(
    actor1: Actor | None, a1m: ActorMention | None, found: list[tuple[Actor, ActorMention]]
) -> list[tuple[Actor, ActorMention]]:
    """The forces told with actor1 over one noun ("Russian and Syrian warplanes", rule
    "demonyms sharing a noun"): actor1 is the first named, these are its associated
    actors (codebook: groups named alongside an actor)."""
    if actor1 is None or a1m is None:
        return []
    host = a1m.shares_noun_with if a1m.shares_noun_with is not None else a1m.start
    out: list[tuple[Actor, ActorMention]] = []
    for a, m in found:
        if m is a1m or a.name == actor1.name or any(a.name == o.name for o, _m in out):
            continue
        if m.start == host or m.shares_noun_with == host:
            out.append((a, m))
    return out


def _victims_by_nationality(
    actor1: Actor | None,
    actor2: Actor | None,
    a2m: ActorMention | None,
    told: list[tuple[Actor, ActorMention]],
    country: str | None,
) -> tuple[Actor, ActorMention] | None:
    """Civilians named by their nationality among an incident's victims ("three U.S.
    citizens", "foreigners") for an actor2 told only as people of no nationality ("people",
    "residents"): codebook 5a, foreign victims are `Civilians (<their country>)`, and
    victims of unnamed or several countries ACLED's `Civilians (International)`."""
    if actor2 is None or a2m is None or actor2.type != CIVILIANS:
        return None
    if demonym_country(a2m.entries) is not None or any(not e.generic for e, _c in a2m.entries):
        return None  # already named by nationality
    for act, m in told:
        if act.type != CIVILIANS or act.name in (actor2.name, actor1.name if actor1 else None):
            continue
        nationality = demonym_country(m.entries)
        named = any(not e.generic for e, _c in m.entries)
        if (nationality is not None and nationality != country) or named:
            return act, m
    return None


def _suspect_itself(ctx: ArticleContext, pack: LanguagePack, m: ActorMention) -> bool:
    """Whether people not armed are themselves the suspects: the suspicion word is in
    their own phrase ("three Russian nationals suspected of links with the group"), not
    on the bomber whose victims they were (SUSPECT_TYPES)."""
    span = ctx.doc.char_span(m.start, m.end)
    if span is None:
        return False
    words = pack.words("suspicion-words")
    # The mention and the words that modify it directly; not an apposition or a clause
    # beside it ("ten people, an attack officials said was probably planned by ...").
    own = [*span, *(c for c in span.root.children if pack.dep(c, "suspicion-site"))]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in own)


def _force_acted_upon(
    ex: Extractor,
    ctx: ArticleContext,
    sub_event_type: str,
    actor1: Actor | None,
    actor2: Actor | None,
    a2m: ActorMention | None,
    found: list[tuple[Actor, ActorMention]],
) -> tuple[Actor, ActorMention] | None:
    """The force the `actor2` rules find acted upon for an actor2 told only as people of
    no nationality ("seven people, most of them soldiers", "a bomb hit a police bus,
    wounding ten people"): a state force or a named armed group of the victims' sentence."""
    if actor2 is None or a2m is None or actor2.type != CIVILIANS or not ex.actor2_rules:
        return None
    if demonym_country(a2m.entries) is not None or any(not e.generic for e, _c in a2m.entries):
        return None
    people = ctx.doc.char_span(a2m.start, a2m.end)
    if people is None:
        return None
    sent = people.sent
    for act, m in found:
        if act.type not in ACTED_UPON_TYPES or m.suspected or act.name.startswith(UNIDENTIFIED):
            continue
        if actor1 is not None and act.name == actor1.name:
            continue
        if not sent.start_char <= m.start < sent.end_char:
            continue
        force = ctx.doc.char_span(m.start, m.end)
        if force is None:
            continue
        told = Victims(sub_event_type, people, force)
        fired = next((r for r in ex.actor2_rules if r(told, ex.pack)), None)
        if fired is not None:
            log.debug("actor2 %r, not the people: %s", act.name, fired.name)
            return act, m
    return None


def _acted_upon(
    ex: Extractor,
    ctx: ArticleContext,
    typing: Typing,
    cats: set[str],
    sides: tuple[Actor | None, Actor | None, ActorMention | None],
    found: list[tuple[Actor, ActorMention]],
    suspected_as: dict[int, tuple[Actor, ActorMention]],
    tolls: tuple[num.Casualties | None, ...],
    tgt: tuple[str, int, int] | None,
    country: str | None,
    country_name: str | None,
) -> tuple[Actor, ActorMention, Typing] | None:
    """The side the `acted-upon` rules find acted upon, its words, and the incident's types
    with it: suspects held as a group's members, the group a bare "militants" is, the
    civilians a toll counts when no side is named (session 10, actor10)."""
    if not ex.acted_upon_rules:
        return None
    actor1, actor2, a2m = sides
    doc = ctx.doc
    words = doc.char_span(a2m.start, a2m.end) if a2m is not None else None
    # The group a suspected actor2 is suspected of: its own words' ("suspected Islamic
    # State militants"), else the one group the incident suspects ("men suspected of
    # belonging to Islamic State").
    named_as = None
    if a2m is not None and a2m.suspected:
        held = suspected_as.get(a2m.start)
        held = held or the_one_named(suspected_as.values())
        if held is not None:
            named_as, words = held[0], doc.char_span(held[1].start, held[1].end)
    groups, armed = [], []
    for act, m in found:
        if act.type not in ACTED_UPON_TYPES or act.name.startswith(UNIDENTIFIED) or m.suspected:
            continue
        if actor1 is not None and act.name == actor1.name:
            continue
        sp = doc.char_span(m.start, m.end)
        if sp is not None:
            armed.append((act, sp))
            if act.type in NON_STATE_ARMED:
                groups.append((act, sp))
    civilians = toll = None
    force_counted = False
    sub = typing.sub_event_type
    if actor2 is None:
        entry = next((e for e in ex.kb.actors if e.generic and e.type == CIVILIANS), None)
        civilians = resolve_entry([(entry, None)], country, ex.kb, country_name) if entry else None
        victims = [t for t in tolls if t is not None and (t.best or 0) > t.perpetrators]
        if victims:
            s, e = victims[0].spans[0] if victims[0].spans else (0, 0)
            toll = doc.char_span(s, e, alignment_mode="expand") if e > s else None
            nouns = {n for t in victims for n in t.nouns}
            force_counted = bool(nouns & ex.pack.words("armed-victim-nouns")) or any(
                act.type != CIVILIANS
                for n in nouns
                for key in (n, n + "s")
                for act in (
                    resolve_entry([en], country, ex.kb, country_name)
                    for en in ex.actor_matcher.by_key.get(key, [])
                )
                if act is not None
            )
        if civilians is not None and victims and victims[0].nouns:
            # Would the incident be one-sided if the people counted were civilians? A
            # shooting by gunmen of a person told by a noun ("a tax collector was shot
            # dead") is then an attack, not a clash (classify). A bare count ("ISIS
            # attacks killed three") keeps the type its words give.
            alt = classify(
                cats, actor1, civilians, ex.kb,
                has_casualties=bool(tolls[0] and tolls[0].best),
                target_type=tgt[0] if tgt else None,
            )  # fmt: skip
            sub = alt.sub_event_type if alt is not None else sub
    # A target word that names the speaker ("police said") tells no target.
    said = tgt is not None and any(
        sp.start_char <= tgt[1] < sp.end_char
        and not ex.actor_matcher.mentions_in([sp], sp.start_char, sp.end_char)
        for sp in ctx.actor_spans
    )
    told = ActedUpon(
        sub, frozenset(cats), actor1, actor2, words, named_as, tuple(groups), civilians,
        toll, tgt[0] if tgt and not said else None, force_counted, tuple(armed),
    )  # fmt: skip
    for r in ex.acted_upon_rules:
        got = r(told, ex.pack)
        if got is None:
            continue
        act, sp = got
        log.debug("actor2 %r: %s", act.name, r.name)
        mention = ActorMention(sp.start_char, sp.end_char, sp.text, [], TARGET)
        act = act.model_copy(update={"mention": sp.text})
        retyped = classify(
            cats, actor1, act, ex.kb,
            has_casualties=bool(tolls[0] and tolls[0].best),
            target_type=tgt[0] if tgt else None,
        )  # fmt: skip
        return act, mention, retyped or typing
    return None


def _owns_thing_hit(ctx: ArticleContext, pack: LanguagePack, m: ActorMention | None) -> bool:
    """Whether an actor's words name who holds a post or vehicle (`force-property-nouns`)
    that the event hit: "at a rebel checkpoint" (a modifier of the noun), "at a checkpoint
    run by rebels" (the agent of a participle that describes it). Not the vehicle the
    attackers came in ("a car driven by rebels exploded"): what was hit is an object, or
    what the event went at or through (`hit-prepositions`)."""
    if m is None or not m.entries:
        return False
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    things = pack.words("force-property-nouns")

    def hit(t: Token) -> bool:
        return pack.dep(t, "object") or (
            pack.dep(t, "preposition-object") and t.head.lower_ in pack.words("hit-prepositions")
        )

    tok = span.root
    if pack.dep(tok, "compound-or-attribute") and tok.head.lemma_.lower() in things:
        return hit(tok.head)
    by = tok.head
    if not pack.dep(tok, "preposition-object") or by.lower_ not in pack.words("agent-prepositions"):
        return False
    verb = by.head
    if verb.i == by.i or verb.i == 0:
        return False
    # The noun the participle describes is its head; where the parse takes that noun for a
    # modifier of the participle ("at a checkpoint run by"), the word just before it.
    if verb.head.i < verb.i and verb.head.lemma_.lower() in things:
        return hit(verb.head)
    before = verb.doc[verb.i - 1]
    return before.lemma_.lower() in things and before.head.i == verb.i and hit(verb)


def _told_apart(ctx: ArticleContext, a1m: ActorMention | None, cues: list[Cue]) -> bool:
    """Whether actor1's mention is in a sentence that tells none of the incident's violent
    event words ("troops had been deployed to guard the route" beside "a truck bomb blew
    up"): a deployment or a change told there is not the attack."""
    if a1m is None or not a1m.entries or not cues:
        return False
    span = ctx.doc.char_span(a1m.start, a1m.end, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    return not any(
        sent.start_char <= c.start < sent.end_char and c.cat in VIOLENCE_CATS for c in cues
    )


def _doer_told_elsewhere(
    ex: Extractor,
    ctx: ArticleContext,
    actor1: Actor | None,
    sub_event_type: str,
    country: str | None,
    country_name: str | None,
    place: Place | None = None,
    day: dt.date | None = None,
    a1m: ActorMention | None = None,
) -> tuple[Actor, ActorMention] | None:
    """The doer another sentence of the article names (`article-actor` rules) for an
    incident whose own words name none: an attack by an unidentified group that a group
    claims, an air strike with no air force named. Only one doer, the subject or agent of
    that sentence; an article that says the attack is unclaimed ("There was no immediate
    claim") has its claims about other attacks, and a claim that names other places or
    other days than the incident's ("claimed Friday's siege" for a Thursday attack) is of
    another attack."""
    if sub_event_type in ARTICLE_DOER_TYPES:
        if actor1 is not None:
            return None
        types = ARTICLE_DOER_TYPES[sub_event_type]
    else:
        if actor1 is None or not actor1.name.startswith(UNIDENTIFIED):
            return None
        types = CLAIMING_TYPES
        unclaimed = ex.pack.pattern("no-claim")
        if unclaimed is not None and unclaimed.search(ctx.text):
            return None
    if not ex.article_actor_rules:
        return None
    # A claim naming other places is of another attack; an air force's strikes are told
    # over a region ("across Syria"), so its sentences keep their doer.
    own = _place_names(ex, place, country, country_name) if types is CLAIMING_TYPES else set()
    # The incident's own word for its doer, when one names it ("the insurgents").
    own_doer = ctx.doc.char_span(a1m.start, a1m.end) if a1m is not None and a1m.entries else None
    found: dict[str, tuple[Actor, ActorMention]] = {}
    for si, sent in enumerate(ctx.sents):
        ents = ctx.sentence_entities(si)
        named = [e.text.lower() for e in ents if ex.pack.entity(e.label_, "place")]
        # A sentence of other places or days tells another attack: its groups act there,
        # not here, though "the militants" may still refer back to one it names (actw9).
        elsewhere = bool(own and named and not any(n in o or o in n for n in named for o in own))
        elsewhere = elsewhere or bool(
            own and day is not None and _names_other_days(ex, ctx, sent, day)
        )
        if elsewhere and own_doer is None:
            continue
        for m in ex.actor_matcher.mentions_in(ctx.actor_spans, sent.start_char, sent.end_char):
            acting = m.role == INITIATOR and not elsewhere
            if m.suspected or (not acting and own_doer is None):
                continue
            doer = ctx.doc.char_span(m.start, m.end)
            other = (
                OtherSentence(sent, sub_event_type, doer, own_doer, acting)
                if doer is not None
                else None
            )
            if other is None or not any(r(other, ex.pack) for r in ex.article_actor_rules):
                continue
            actor = resolve_entry(m.entries, country, ex.kb, country_name)
            if actor is None or actor.type not in types:
                continue
            if actor.name.startswith(UNIDENTIFIED):
                continue
            found.setdefault(actor.name, (actor.model_copy(update={"mention": m.text}), m))
    return next(iter(found.values())) if len(found) == 1 else None


def _claimer_named_before(
    ex: Extractor,
    ctx: ArticleContext,
    actor1: Actor | None,
    a1m: ActorMention | None,
    country: str | None,
    country_name: str | None,
) -> tuple[Actor, ActorMention] | None:
    """The group "the militants" refers back to when they claim the attack: "Islamic State
    controls the north ... the hardline militants later claimed the bombing". A claimer
    named with the definite article is one the reader already knows: the armed group last
    named before it (within the article), if any."""
    if actor1 is None or a1m is None or not actor1.name.startswith(UNIDENTIFIED):
        return None
    if a1m.suspected:
        return None
    span = ctx.doc.char_span(a1m.start, a1m.end)
    claim = ex.pack.pattern("responsibility-claim")
    if span is None or claim is None or claim.search(span.sent.text) is None:
        return None
    definite = ex.pack.words("definite-determiners")
    if not any(ex.pack.dep(c, "determiner") and c.lower_ in definite for c in span.root.children):
        return None
    before = [sp for sp in ctx.actor_spans if sp.end_char <= a1m.start]
    for sp in reversed(before):
        for m in ex.actor_matcher.mentions_in([sp], sp.start_char, sp.end_char):
            actor = resolve_entry(m.entries, country, ex.kb, country_name)
            if actor is not None and actor.type in CLAIMING_TYPES and not m.suspected:
                if actor.name.startswith(UNIDENTIFIED):
                    continue
                return actor.model_copy(update={"mention": m.text}), m
    return None


def _names_other_days(ex: Extractor, ctx: ArticleContext, sent: Span, day: dt.date) -> bool:
    """Whether a sentence names days, none of them `day` ("Friday's hostage siege" told
    of a Thursday attack)."""
    told = {
        d.date
        for d in find_dates(sent.text, sent.start_char, ctx.pub, ex.pack.dates)
        if d.date is not None and d.precision == 1 and not d.background
    }
    return bool(told) and day not in told


def _place_names(
    ex: Extractor, place: Place | None, country: str | None, country_name: str | None
) -> set[str]:
    """The names an incident's place goes by (place, districts, country), lower case."""
    if place is None:
        return set()
    names = {place.name, place.admin1, place.admin2, country_name, ex.kb.country_name(country)}
    return {n.lower() for n in names if n}


# Event types with no GTD target or weapon (codebook 5a: protests and riots have no
# target; a strategic development attacks nothing).
NO_TARGET_TYPES = ("Protests", "Riots", "Strategic developments")


def target_and_weapons(
    event_type: str,
    named: tuple[str, int, int] | None,
    actor2: Actor | None,
    actor2_span: tuple[int, int] | None,
    weapons_named: Iterable[tuple[str, int, int]],
    add: Callable[[str, int, int], None],
) -> tuple[str | None, list[str]]:
    """A record's GTD target and weapon types, each with its evidence, from what the
    language pack read (every pack's records decide them here): the target its words
    name, else the side acted upon; every weapon type named, cited at its first words.
    An attack that names neither is "Unknown" (GTD's value); protests, riots and
    strategic developments have none."""
    if event_type in NO_TARGET_TYPES:
        return None, []
    target = None
    if named:
        target = named[0]
        add("target_type", named[1], named[2])
    elif actor2 is not None and actor2_span is not None:
        target = _target_from_actor(actor2)
        if target:
            add("target_type", *actor2_span)
    weapons: list[str] = []
    for wtype, s, e in weapons_named:
        if wtype not in weapons:
            weapons.append(wtype)
            add("weapon_types", s, e)
    return target or "Unknown", weapons or ["Unknown"]


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


def _own_tolls(pack: LanguagePack, g: Candidate, attr: str) -> list[num.Casualties | None]:
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
        c.aggregate and _search(pack, "plural-events", c.text) for c in members
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
    # So does a part brought in as one attack of its own ("Bombings killed 25 across
    # Iraq. A car bomb at a market in Sadr City killed 15"): the whole and its part are
    # counted once (codebook 1), the whole is no part's toll.
    one = [
        getattr(c, attr) for c in members
        if not c.aggregate and c.seg_start > first_total and not c.subset
        and (_search(pack, "one-of-them", c.text) or _search(pack, "one-attack-told", c.text))
    ]  # fmt: skip
    if any(x is not None for x in one):
        return one
    return figures


def _with_suicide_attackers(
    ex: Extractor, doc: Doc, ctx_text: str, g: Candidate, kill: num.Casualties | None
) -> tuple[num.Casualties | None, tuple[int, list[tuple[int, int]]] | None]:
    """The toll with the incident's suicide attackers in it, and the perpetrators killed
    with the spans that tell them (codebook 5). Killed attackers the figures counted
    ("all three gunmen were killed") are perpetrators already; a suicide attacker is
    added unless a `suicide-attacker` rule says he lived or the toll includes him."""
    # The article's text (spaCy's doc.text joins every token again at each call).
    text = ctx_text
    counted = kill.perpetrators if kill is not None else 0
    spans = list(kill.perpetrator_spans) if kill is not None else []
    found = None
    series = ex.counting.get("attacks of a series counted")
    for c in g.all:
        if "suicide" not in c.cats:
            continue
        seg = text[c.seg_start : c.seg_end]
        hit = suicide_attackers(seg, ex.pack, ex.kb, series)
        if hit is not None and (found is None or hit.n > found[0]):
            found = (hit.n, c.seg_start + hit.start, c.seg_start + hit.end)
    if found is None:
        return kill, ((counted, spans) if counted else None)
    n, s, e = found
    # Attackers the forces killed are not the one who set off his bomb: he is one more.
    shot = ex.counting.get("attackers shot are not the bomber")
    apart = counted if counted and shot is not None and shot(doc, kill, ex.pack) else 0
    toll_spans = kill.spans if kill is not None else ()
    if apart and kill is not None:
        # Nor are they among the dead he may be counted in ("... and three others were
        # shot dead by guards" is no toll of the dead of his attack).
        toll_spans = tuple(sp for sp in toll_spans if sp not in kill.perpetrator_spans)
    told = Told(
        words=" ".join(text[c.seg_start : c.seg_end] for c in g.all),
        toll_segments=" ".join(
            text[c.seg_start : c.seg_end]
            for c in g.all
            if any(c.seg_start <= a < c.seg_end for a, _b in toll_spans)
        ),
        toll_figures=" ".join(text[a:b] for a, b in toll_spans),
        toll_nouns=tuple(n for a, b in toll_spans for n in counted_nouns(doc, a, b)),
    )
    for r in ex.suicide_rules:
        if r(told, ex.pack):
            log.debug("suicide attacker not added to the toll: %s", r.name)
            if r.name in ("suicide attacker survived", "a suicide attack only doubted"):
                return kill, ((counted, spans) if counted else None)
            # Dead, and counted in the toll already: a perpetrator fatality only.
            return kill, (max(n, counted), [*spans, (s, e)])
    if apart:
        log.debug("suicide attacker added beside the attackers shot")
    elif counted >= n:
        return kill, (counted, spans)
    extra = n if apart else n - counted
    if kill is None:
        added = num.Casualties(
            extra, None, None, ((s, e),), perpetrators=n, perpetrator_spans=((s, e),)
        )
    else:
        added = num.Casualties(
            (kill.best or 0) + extra,
            kill.low + extra if kill.low is not None else None,
            kill.high + extra if kill.high is not None else None,
            (*kill.spans, (s, e)),
            perpetrators=apart + n,
            perpetrator_spans=(*kill.perpetrator_spans, (s, e)),
            disputed=kill.disputed,
            disputed_spans=kill.disputed_spans,
        )
    return added, (apart + n, [*spans, (s, e)])


def _after_updates(ex: Extractor, doc: Doc, base: list[num.Casualties]) -> list[num.Casualties]:
    """A toll told as an update replaces the figures told before it (rule "toll update"):
    the last update and what the article tells after it."""
    update = ex.counting.get("toll update")
    if update is None:
        return base
    ordered = sorted(base, key=lambda c: c.figure_spans[0] if c.figure_spans else (0, 0))
    last = max((i for i, c in enumerate(ordered) if update(doc, c, ex.pack)), default=None)
    return base if last is None else ordered[last:]


def _disputed(ex: Extractor, base: list[num.Casualties]) -> num.Casualties | None:
    """Tolls from sources that disagree (rule "figures in conflict"): best and low are the
    smallest, high the largest (codebook 5), with the evidence of each."""
    conflict = ex.counting.get("figures in conflict")
    if conflict is None:
        return None
    pairs = [(a, b) for i, a in enumerate(base) for b in base[i + 1 :] if conflict(a, b, ex.pack)]
    if not pairs:
        return None
    told = list({id(c): c for pair in pairs for c in pair}.values())
    smallest = min(told, key=lambda c: c.best or 0)
    highs = [v for c in told for v in (c.best, c.high) if v is not None]
    log.debug("tolls %s disputed: figures in conflict", sorted(c.best or 0 for c in told))
    return num.Casualties(
        smallest.best,
        smallest.best,
        max(highs) if highs else None,
        smallest.spans,
        perpetrators=smallest.perpetrators,
        perpetrator_spans=smallest.perpetrator_spans,
        source=smallest.source,
        source_span=smallest.source_span,
        nouns=smallest.nouns,
        figure_spans=tuple(sp for c in told for sp in c.figure_spans),
        disputed=True,
        disputed_spans=tuple(sp for c in told if c is not smallest for sp in c.spans),
    )


def _combine(
    items: list[num.Casualties | None], ex: Extractor | None = None, doc: Doc | None = None
) -> num.Casualties | None:
    """Within one article, repeated figures for one incident: an update replaces what was
    told before it; sources that disagree give the smallest, disputed; otherwise the
    largest is the toll (partial counts are lower bounds, codebook 5)."""
    vals = [c for c in items if c is not None]
    if not vals:
        return None
    base = [c for c in vals if not c.additive]
    extra = [c for c in vals if c.additive]
    if ex is not None and doc is not None and base:
        base = _after_updates(ex, doc, base)
        live = ex.counting.get("latest toll of a live blog")
        latest = live(doc, base, ex.pack) if live is not None else None
        if latest is not None:
            base = [latest]
        disputed = _disputed(ex, base)
        if disputed is not None:
            base = [disputed]
        companion = ex.counting.get("a companion of the one victim")
        if companion is not None and len(base) > 1:
            # "X was assassinated ... One of his guards was killed": the guard is one more
            with_them = [c for c in base if companion(doc, c, ex.pack)]
            alone = [c for c in base if c not in with_them]
            if (
                with_them
                and alone
                and all(
                    c.best == 1 and not c.disputed and one_named_victim(doc, c, with_them, ex.pack)
                    for c in alone
                )
            ):
                base, extra = alone, extra + with_them
        other_side = ex.counting.get("dead of the other side")
        if other_side is not None and len(base) > 1:
            # "Two soldiers were killed ... dozens of militants had been killed": the
            # fighters' dead add to the toll of the others (the largest telling of them).
            theirs = [c for c in base if any(other_side(doc, o, c, ex.pack) for o in base)]
            if theirs:
                base = [c for c in base if c not in theirs]
                extra = [*extra, max(theirs, key=lambda c: c.best or 0)]
        for name in ("victim named again", "a victim told by name", "victims of a breakdown"):
            named = ex.counting.get(name)
            if named is not None:
                extra = [c for c in extra if not any(named(doc, c, b, ex.pack) for b in base)]
        vals = base + extra
    if not base and len(extra) > 1 and any(c.perpetrators for c in extra):
        # "... shooting two of the gunmen dead. A guard also died": the attackers killed
        # and a victim told as "also", both added to no toll told before
        top, extra = extra[0], extra[1:]
        base = [top]
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
        perpetrators=top.perpetrators + sum(c.perpetrators for c in extra),
        perpetrator_spans=top.perpetrator_spans
        + tuple(sp for c in extra for sp in c.perpetrator_spans),
        # The figures added stay figures of the toll: rules that ask who the counted
        # attackers are ("attackers shot are not the bomber") read them.
        figure_spans=top.figure_spans + tuple(sp for c in extra for sp in c.figure_spans),
        disputed=top.disputed,
        disputed_spans=top.disputed_spans,
    )


def _split(count: Count, n: int) -> list[Count]:
    """Divide a total over n incidents (`numbers.share_of`); low and high, when given,
    become the part itself."""
    if n <= 1:
        return [count]
    if count.best is None:
        return [count.model_copy() for _ in range(n)]
    out = []
    for i in range(n):
        v = num.share_of(count.best, i, n)
        out.append(Count(best=v, low=v if count.low is not None else None,
                         high=v if count.high is not None else None))  # fmt: skip
    return out


def _summary(
    inc: Incident,
    i: int,
    n: int,
    kill: num.Casualties | None,
    wound: num.Casualties | None,
    pack: LanguagePack | None = None,
) -> str:
    """The summary sentence from the pack's template pieces (summary.toml). The record's
    language is the codebook's: a pack without its own summary uses the default pack's."""
    if pack is None or not pack.summary("sentence"):
        pack = get_pack()
    who = inc.actor1.name if inc.actor1 else pack.summary("unknown-actor")
    what = (inc.sub_event_type or inc.event_type or pack.summary("unknown-event")).lower()
    whom = pack.summary("against").format(actor2=inc.actor2.name) if inc.actor2 else ""
    where = ""
    if inc.location:
        where = pack.summary("in").format(place=inc.location.name)
        if inc.admin1 and inc.admin1 != inc.location.name:
            where += pack.summary("admin1").format(admin1=inc.admin1)
    elif inc.admin1:
        where = pack.summary("in").format(place=inc.admin1)
    when = pack.summary("on").format(date=inc.event_date) if inc.event_date else ""
    if kill is None and wound is None:
        result = pack.summary("no-casualties")
    else:
        parts = [pack.summary("killed").format(n=inc.fatalities.best or 0)]
        if inc.injuries.best is not None:
            parts.append(pack.summary("wounded").format(n=inc.injuries.best))
        joined = pack.summary("casualty-separator").join(parts)
        result = pack.summary("casualties").format(parts=joined)
    part = pack.summary("split").format(i=i + 1, n=n) if n > 1 else ""
    return pack.summary("sentence").format(
        who=who, what=what, whom=whom, where=where, when=when, result=result, part=part
    )
