"""Cross-article merging (codebook section 5): pure functions over Incident records.

Two reports are one incident when their dates agree within the precision they
have, their places agree (same location, one inside the other, or within
25 km), their types are compatible and their actors do not conflict. The
merged record keeps every source and all evidence and reconciles the counts.

Reports from one article are never merged with each other here: the
extractor has already merged within the article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from incidentwatch.geo import haversine_km, inside_city, within_km
from incidentwatch.records import Actor, Count, Evidence, Incident, Location, Source, iso_date
from incidentwatch.resolve.rules import MergeRules, load_rules

# Candidate grid: 0.5 degree cells, so a 25 km radius always falls inside the
# 3x3 block around a point's cell (below 60 degrees of latitude).
CELL_DEG = 0.5
# The widest date interval an incident can cover (precision 3: a month).
MAX_INTERVAL_DAYS = 31


@dataclass(frozen=True)
class Report:
    """One article's account of one incident, the unit the resolver clusters."""

    article_id: str
    ordinal: int
    incident: Incident
    published_at: str | None = None
    url: str | None = None
    outlet: str | None = None
    # The article says the toll was updated ("rose to"): it replaces earlier figures.
    fatalities_update: bool = False
    injuries_update: bool = False

    @property
    def key(self) -> tuple[str, str, int]:
        # Chronological order of reports; ties broken by id so merging is deterministic.
        return (self.published_at or "9999", self.article_id, self.ordinal)


@dataclass(frozen=True)
class Decision:
    same: bool
    why: str
    score: float = 0.0
    # Passed the hard conditions (dates, places, types, actors); the score decides the rest.
    compatible: bool = False


# ---------------------------------------------------------------- dates


def date_interval(inc: Incident) -> tuple[dt.date, dt.date] | None:
    """The days an incident's date allows, given its precision."""
    d = iso_date(inc.event_date)
    if d is None:
        return None
    if inc.date_precision == 2:
        return d, d + dt.timedelta(days=6)
    if inc.date_precision == 3:
        last = calendar.monthrange(d.year, d.month)[1]
        return d, d.replace(day=last)
    return d, d


def reported_interval(inc: Incident, published_at: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an incident's date allows, cut at the article's publication day:
    "earlier this week" in a Wednesday article can't be Thursday's event."""
    iv = date_interval(inc)
    pub = iso_date(published_at)
    if iv is None or pub is None:
        return iv
    if filing_week(inc, pub):
        rules = load_rules()
        days = rules.filing_days_before
        if told_before_report(inc):
            days = max(days, rules.told_before_days)
        return pub - dt.timedelta(days=days), pub
    if not iv[0] <= pub < iv[1]:
        return iv
    return iv[0], pub


def filing_week(inc: Incident, published: dt.date) -> bool:
    """The report names no day, so its date is the filing day's week (the extractor's
    "reported as news": date = publication day, precision 2). News is told after the
    fact, so it means the days up to the filing day, not the day itself: a report
    filed on Saturday with no day named can be Friday's event another outlet dates.

    >>> filing_week(Incident(event_date="2024-03-09", date_precision=2), dt.date(2024, 3, 9))
    True
    """
    return inc.date_precision == 2 and iso_date(inc.event_date) == published


# The extractor's mark on a report dated by its filing day whose text tells the deed as
# done before that day ("told reporters on Wednesday that troops had retaken the town").
TOLD_BEFORE_REPORT = "told_before_report"
# The extractor's mark on a breaking report that gives no toll (its text says the details
# are not yet known: English rule "a breaking report").
DETAILS_PENDING = "details_pending"


# The extractor's mark on a report whose toll counts only a part of the victims ("two
# police officers were killed", no whole figure told): codebook 5, a lower bound.
TOLL_OF_A_PART = "toll_of_a_part"


def toll_of_a_part(inc: Incident) -> bool:
    """The report's death toll counts only part of the victims (the extractor's mark
    `TOLL_OF_A_PART`: "two police officers were killed" and no figure for everyone). By
    codebook 5 such a count "does not conflict with a full toll: it is a lower bound".

    >>> toll_of_a_part(Incident(fatalities={"best": 2}, toll_of_a_part=True))
    True
    """
    return (inc.model_extra or {}).get(TOLL_OF_A_PART) is True


def lower_bound_of(part: Incident, toll: int | None) -> bool:
    """`part`'s toll counts part of the victims and is no more than `toll`, another
    report's figure of the same incident: codebook 5's lower bound, no figure to lower or
    dispute the whole toll with (`merge_reports`).

    >>> lower_bound_of(Incident(fatalities={"best": 2}, toll_of_a_part=True), 22)
    True
    >>> lower_bound_of(Incident(fatalities={"best": 2}, toll_of_a_part=True), 1)
    False
    """
    best = part.fatalities.best
    return toll_of_a_part(part) and best is not None and toll is not None and best <= toll


def told_before_report(inc: Incident) -> bool:
    """The report tells its event as done before the filing day it is dated by (the
    extractor's rule "a deed told before its report"): news of the filing day's week
    reaching back `told_before_days`, not the filing day's own news.

    >>> told_before_report(Incident(event_date="2016-06-01", date_precision=2,
    ...                             told_before_report=True))
    True
    """
    return (inc.model_extra or {}).get(TOLD_BEFORE_REPORT) is True


def dates_agree(
    a: Incident, b: Incident, a_published: str | None = None, b_published: str | None = None
) -> bool:
    ia, ib = reported_interval(a, a_published), reported_interval(b, b_published)
    # An undated report can't be placed in time: merging it would be a guess.
    if ia is None or ib is None:
        return False
    if ia[0] <= ib[1] and ib[0] <= ia[1]:
        return True
    return filed_with_yesterday(a, b, a_published, b_published) or filed_with_yesterday(
        b, a, b_published, a_published
    )


def names_no_day(inc: Incident) -> bool:
    """The report names no day at all: the extractor cites its date by the event's own
    words (the type's evidence), not by date words such as "earlier this week".

    >>> ev = Evidence(field="event_type", article_id="a", start=0, end=4, text="bomb")
    >>> names_no_day(Incident(evidence=[ev, ev.model_copy(update={"field": "event_date"})]))
    True
    """
    typed = {(e.start, e.end) for e in inc.evidence if e.field == "event_type"}
    return any((e.start, e.end) in typed for e in inc.evidence if e.field == "event_date")


def filed_with_yesterday(
    undated: Incident, dated: Incident, undated_published: str | None, dated_published: str | None
) -> bool:
    """Two outlets file on one day; one names no day at all (`filing_week`,
    `names_no_day`), the other names the day before, for the same kind of event at the
    same place: that day's news is yesterday's event told without its day, as wires
    filed after midnight tell the evening before.

    >>> cue = Evidence(field="event_type", article_id="a", start=0, end=4, text="bomb")
    >>> told = [cue, cue.model_copy(update={"field": "event_date"})]
    >>> at = {"name": "Shula"}
    >>> undated = Incident(event_date="2013-03-01", date_precision=2, location=at, evidence=told)
    >>> dated = Incident(event_date="2013-02-28", date_precision=1, location=at)
    >>> filed_with_yesterday(undated, dated, "2013-03-01", "2013-03-01")
    True
    """
    pub = iso_date(undated_published)
    day = iso_date(dated.event_date)
    return (
        pub is not None
        and day is not None
        and pub == iso_date(dated_published)
        and filing_week(undated, pub)
        and names_no_day(undated)
        and _precise_day(dated)
        and day == pub - dt.timedelta(days=1)
        and undated.event_type == dated.event_type
        and same_named_place(undated, dated)
    )


# ---------------------------------------------------------------- places

_NONWORD = re.compile(r"[\W_]+", re.UNICODE)


def norm_name(name: str | None) -> str:
    if not name:
        return ""
    s = _NONWORD.sub(" ", name.casefold()).strip()
    # "al-Muqdadiya" and "Muqdadiya" are the same town in English reports.
    s = re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an) ", "", s)
    return s.replace(" ", "")


def coords(inc: Incident) -> tuple[float, float] | None:
    loc = inc.location
    if loc is None or loc.latitude is None or loc.longitude is None:
        return None
    return loc.latitude, loc.longitude


def country_code(inc: Incident) -> str | None:
    return inc.country.code.upper() if inc.country and inc.country.code else None


def country_only(inc: Incident) -> bool:
    """The report places the event only in a country: no governorate, and its place is
    the country itself or has no coordinates ("an attack in Pakistan").

    >>> country_only(Incident(country={"code": "PK", "name": "Pakistan"},
    ...                       location={"name": "Pakistan"}))
    True
    """
    if country_code(inc) is None or inc.admin1:
        return False
    loc = inc.location
    return (
        loc is None
        or coords(inc) is None
        or (inc.country is not None and norm_name(loc.name) == norm_name(inc.country.name))
    )


# GeoNames' feature code of a section of a city (a quarter, however populous).
CITY_SECTION = "PPLX"


@lru_cache(maxsize=4096)
def _city_population(geonames_id: int) -> int:
    """A city's population from the shipped gazetteer (0 when unknown). A section of a
    city is no city around others: Sadr City's 1.2 million people don't make
    Kamaliya, 7 km away, one of its streets."""
    from incidentwatch.geocode import get_geocoder

    # The process's one gazetteer: loading it (seconds) for every new place cost
    # the writer more than the merge itself.
    gaz = get_geocoder().gaz
    e = gaz.by_gid.get(geonames_id)
    if e is None or gaz.fcode[e] == CITY_SECTION:
        return 0
    return int(gaz.pop[e] or 0)


def city_part(city: Incident, part: Incident, rules: MergeRules) -> bool:
    """`city`'s place is a city and `part`'s lies in its built-up area (geo.inside_city).

    Cities are places of at least `city_min_population` people in the gazetteer."""
    pc, pp = coords(city), coords(part)
    if pc is None or pp is None or city.location is None or part.location is None:
        return False
    gid = city.location.geonames_id
    if not gid or (city.geo_precision or 1) != 1:
        return False
    pop = _city_population(gid)
    return pop >= rules.city_min_population and inside_city(pc, pop, pp, rules.city_density_per_km2)


def city_contains(a: Incident, b: Incident, rules: MergeRules) -> bool:
    """One report's place is a city and the other's lies in its built-up area:
    "Baghdad" in one outlet, "Karrada" in another is one place."""
    return city_part(a, b, rules) or city_part(b, a, rules)


# The extractor's mark on a report told only at a city whose article tells the day's
# other incidents there by their quarters: the names of those quarters.
ROUND_UP_PARTS = "parts"


def round_up_parts(inc: Incident) -> list[str]:
    """The quarters a city-level report's article told apart (the extractor's
    `location.parts`): such a report rounds the day up, it is no one place.

    >>> round_up_parts(Incident(location={"name": "Baghdad", "parts": ["Karrada"]}))
    ['Karrada']
    """
    extra = (inc.location.model_extra or {}) if inc.location else {}
    parts = extra.get(ROUND_UP_PARTS)
    return [str(p) for p in parts] if isinstance(parts, list) else []


# The extractor's mark on a report whose toll is a round-up total over a series of
# attacks ("a series of bombings across Baghdad killed 22"), its place only where the
# series struck.
ROUND_UP_SERIES = "series"


def series_total(inc: Incident) -> bool:
    """The report tells a series by its total (the extractor's `location.series`):
    codebook 5a codes it as one incident at the only place named, and it is none of the
    attacks inside that place another outlet tells on its own.

    >>> series_total(Incident(location={"name": "Baghdad", "series": True}))
    True
    """
    extra = (inc.location.model_extra or {}) if inc.location else {}
    return extra.get(ROUND_UP_SERIES) is True


def rounds_up(inc: Incident, rules: MergeRules) -> bool:
    """The report stands for several incidents at its place: a series total, or a
    city-level report whose article names several quarters (`round_up_of_several`)."""
    parts = {norm_name(p) for p in round_up_parts(inc)}
    return series_total(inc) or round_up_of_several(parts, rules)


def _inside(coarse: Incident, fine: Incident) -> bool:
    """The coarse report's place contains the fine one's (governorate or district level)."""
    cname = norm_name(coarse.location.name if coarse.location else None)
    a1c, a1f = norm_name(coarse.admin1), norm_name(fine.admin1)
    a2c, a2f = norm_name(coarse.admin2), norm_name(fine.admin2)
    if coarse.geo_precision == 3 and a1c and a1c == a1f:
        return True
    if coarse.geo_precision == 2 and a2c and a2c == a2f:
        return True
    # The coarse place is named after the fine one's governorate or district.
    return bool(cname) and cname in {a1f, a2f}


def named_apart(a: Incident, b: Incident, rules: MergeRules) -> bool:
    """Reports placed only at a city whose texts name different places inside it (the
    extractor's `location.parts`): two round-ups whose lists each name a quarter the
    other lacks (`round_ups_apart`), a round-up and a report of a quarter it doesn't
    name, or a round-up of several quarters and a report of one (`round_up_of_several`).
    Told only at "Baghdad", a bombing in the quarters one outlet lists is not the one
    another outlet lists, nor one a third places in another quarter. A report naming no
    quarter says nothing. A series total at a city (`series_total`) is none of the
    attacks inside it: a report of a place inside the city that is no round-up itself
    is another incident (codebook 5a)."""
    pa = {norm_name(p) for p in round_up_parts(a)}
    pb = {norm_name(p) for p in round_up_parts(b)}
    if same_named_place(a, b):
        return round_ups_apart(pa, pb, rules.round_up_min_parts)
    for city, parts, quarter in ((a, pa, b), (b, pb, a)):
        name = norm_name(quarter.location.name if quarter.location else None)
        if (
            parts
            and name
            and city_part(city, quarter, rules)
            and (name not in parts or round_up_of_several(parts, rules))
        ):
            return True
        if series_total(city) and not rounds_up(quarter, rules) and city_part(city, quarter, rules):
            return True
    return False


def round_ups_apart(pa: set[str], pb: set[str], min_parts: int = 2) -> bool:
    """Two round-ups of one city's day are one report only when one list holds the
    other: an outlet that knew of fewer bombings names fewer quarters. Lists that each
    name a quarter the other lacks ("Amin, Habibiya, Sadr City" and "Habibiya, Karrada,
    Kamaliya") tell different bombings of a series that hit the city again and again.
    A city-level report naming one quarter is that quarter's report told at the city,
    and a round-up of several quarters is none of them (`round_up_of_several`).

    >>> round_ups_apart({"amin", "habibiya", "sadrcity"}, {"habibiya", "karrada", "kamaliya"})
    True
    >>> round_ups_apart({"amin", "sadrcity"}, {"amin", "habibiya", "sadrcity"})
    False
    >>> round_ups_apart({"sadrcity"}, {"amin", "habibiya", "sadrcity"})
    True
    """
    if not pa or not pb:
        return False
    if (len(pa) >= min_parts) != (len(pb) >= min_parts):
        return True
    return not (pa <= pb or pb <= pa)


def round_up_of_several(parts: set[str], rules: MergeRules) -> bool:
    """A city-level report whose article names several quarters of that city (its own
    list, or the day's other incidents) is no one quarter's report: which of them a
    report of one quarter tells can't be said from the city-level one, and the article's
    own report of that quarter, if any, is the better match."""
    return len(parts) >= rules.round_up_min_parts


def same_named_place(a: Incident, b: Incident) -> bool:
    """Both reports name one place: the same GeoNames id or the same name."""
    la, lb = a.location, b.location
    if la is None or lb is None:
        return False
    if la.geonames_id and la.geonames_id == lb.geonames_id:
        return True
    na = norm_name(la.name)
    return bool(na) and na == norm_name(lb.name)


def places_agree(a: Incident, b: Incident, rules: MergeRules) -> tuple[bool, str, float]:
    ca, cb = country_code(a), country_code(b)
    if ca and cb and ca != cb:
        return False, "different countries", 0.0
    if ca and ca == cb and country_only(a) != country_only(b):
        # A country contains every place in it (the extractor's grouping agrees:
        # extract.rules.grouping.same_place); the score weighs how little that says.
        # Two reports that both name only the country say nothing about one place.
        return True, "one place inside the other (country)", 0.3
    la, lb = a.location, b.location
    if named_apart(a, b, rules):
        return False, "one city, its reports name different quarters", 0.0
    if la and lb and la.geonames_id and la.geonames_id == lb.geonames_id:
        return True, "same place", 1.0
    na, nb = norm_name(la.name if la else None), norm_name(lb.name if lb else None)
    if na and na == nb:
        return True, "same place name", 1.0
    if _inside(a, b) or _inside(b, a):
        return True, "one place inside the other", 0.6
    pa, pb = coords(a), coords(b)
    if pa and pb:
        near, km = within_km(pa[0], pa[1], pb[0], pb[1], rules.max_distance_km)
        if near:
            return True, f"{km:.1f} km apart", 1.0 - km / (2 * rules.max_distance_km)
        return False, f"{km:.0f} km apart", 0.0
    return False, "places unknown or different", 0.0


# ---------------------------------------------------------------- types, actors


def types_compatible(a: Incident, b: Incident, rules: MergeRules) -> bool:
    ta, tb = a.event_type, b.event_type
    # Sub-event types are not compared: outlets often tell one event as
    # different kinds ("shelling" / "air strike"), and requiring them to agree
    # cost recall without gaining precision on the merge test set.
    if not ta or not tb or ta == tb:
        return True
    return frozenset((ta, tb)) in rules.compatible_event_types


def foreign_label(label: str, inc: Incident) -> bool:
    """A generic group named by another country than the report's own ("Civilians
    (Germany)" in a bombing in Istanbul): foreign victims by their nationality (codebook
    5a), so another outlet that names other foreigners among them ("Civilians (Russia)")
    tells the same event. A group labelled by its own event's country still differs from
    another country's (`actors_conflict`: only two foreign labels are let pass).

    >>> foreign_label("Germany", Incident(country={"code": "TR", "name": "Turkey"}))
    True
    >>> foreign_label("Turkey", Incident(country={"code": "TR", "name": "Turkey"}))
    False
    """
    return inc.country is not None and bool(inc.country.name) and label != inc.country.name


def is_generic(actor: Actor | None, rules: MergeRules) -> bool:
    return actor is None or not actor.name or actor.name.startswith(rules.generic_actor_prefixes)


def actor_names(inc: Incident) -> set[str]:
    names = {a.name for a in (inc.actor1, inc.actor2) if a and a.name}
    names.update(a.name for a in [*inc.assoc_actors1, *inc.assoc_actors2] if a.name)
    return names


_BRACKET = re.compile(r"\(([^()]*)\)\s*$")


def is_suspected(actor: Actor | None) -> bool:
    """The report only suspects this actor ("a suspected attack by Kurdish militants"):
    the extractor marks it `suspected: true` on the actor. A later claim or finding by
    another outlet is then no conflict, and the named actor wins the merged record.

    >>> is_suspected(Actor(name="PKK: Kurdistan Workers Party", suspected=True))
    True
    """
    return actor is not None and bool((actor.model_extra or {}).get("suspected"))


def same_state_forces(a: str, b: str, rules: MergeRules) -> bool:
    """Two names of one state's forces ("Military Forces of Iraq", "Police Forces of
    Iraq"): outlets call the same checkpoint's men soldiers, police or security forces,
    so the branch is no sign of two events; another state's forces are.

    >>> same_state_forces("Military Forces of Iraq", "Police Forces of Iraq", load_rules())
    True
    >>> same_state_forces("Military Forces of Iraq", "Police Forces of Syria", load_rules())
    False
    """

    def state(name: str) -> str | None:
        for prefix in rules.state_forces_prefixes:
            if name.startswith(prefix):
                return name[len(prefix) :].strip()
        return None

    sa, sb = state(a), state(b)
    return sa is not None and sa == sb


def branches_of_one_state(a: Incident, b: Incident, rules: MergeRules) -> bool:
    """One side is two branches of one state's forces in the two reports (soldiers in
    one, police in the other): no conflict, but less alike than one force named alike."""
    return any(
        xa is not None
        and xb is not None
        and xa.name != xb.name
        and same_state_forces(xa.name or "", xb.name or "", rules)
        for xa, xb in ((a.actor1, b.actor1), (a.actor2, b.actor2))
    )


def actors_conflict(a: Incident, b: Incident, rules: MergeRules) -> bool:
    """Both name an actor for the same side, the names differ, and neither
    appears in the other report. Unidentified actors are wildcards; generic
    ones (Protesters (X), Civilians (X)) differ only by their country, and
    Civilians (International) is civilians of any country."""
    na, nb = actor_names(a), actor_names(b)
    for xa, xb in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if xa is None or xb is None or not xa.name or not xb.name or xa.name == xb.name:
            continue
        if is_suspected(xa) or is_suspected(xb):
            continue
        if same_state_forces(xa.name, xb.name, rules):
            continue
        if xa.name.startswith(rules.wildcard_actor_prefixes) or xb.name.startswith(
            rules.wildcard_actor_prefixes
        ):
            continue
        if is_generic(xa, rules) and is_generic(xb, rules):
            ca, cb = _BRACKET.search(xa.name), _BRACKET.search(xb.name)
            if (
                ca
                and cb
                and ca.group(1) != cb.group(1)
                and not {ca.group(1), cb.group(1)} & set(rules.any_country_labels)
                and not (foreign_label(ca.group(1), a) and foreign_label(cb.group(1), b))
            ):
                return True
            continue
        if is_generic(xa, rules) or is_generic(xb, rules):
            continue
        if xa.name not in nb and xb.name not in na:
            return True
    return False


def _precise_day(inc: Incident) -> bool:
    return inc.date_precision in (None, 1) and iso_date(inc.event_date) is not None


def count_stated(inc: Incident, fieldname: str) -> bool:
    """Whether the report states this count (codebook 5: a report without a figure is not
    a figure). A figure above zero is stated; a zero with no evidence is a default. A zero
    whose only evidence is the event's own word is the extractors' mark for "no figure"
    (the record must show its 0 somewhere; both language packs put it on the word that
    types the event, and "casualties unknown" in the summary): "gunfire and explosions
    were reported" tells no toll, and merged with another outlet's 23 dead it must not
    make the toll 0 and disputed. A zero told in words ("no one was hurt") has evidence
    of its own: it is stated.

    >>> ev = [Evidence(field=f, article_id="a", start=0, end=5, text="blast")
    ...       for f in ("event_type", "fatalities")]
    >>> count_stated(Incident(fatalities={"best": 0}, evidence=ev), "fatalities")
    False
    >>> ev[1] = Evidence(field="fatalities", article_id="a", start=9, end=15, text="no one")
    >>> count_stated(Incident(fatalities={"best": 0}, evidence=ev), "fatalities")
    True
    """
    c: Count = getattr(inc, fieldname)
    if not _known(c):
        return False
    if c.best == 0 and c.low in (None, 0) and c.high in (None, 0):
        event_words = {(e.start, e.end) for e in inc.evidence if e.field == "event_type"}
        return any(
            e.field.startswith(fieldname) and (e.start, e.end) not in event_words
            for e in inc.evidence
        )
    return True


def _known_toll(inc: Incident) -> int | None:
    """The toll the score compares: fatalities with evidence, else None. Wider than
    `count_stated` on purpose: the weights were fit on records where a zero with evidence
    counts as a toll (two reports that both tell none agree; one that tells none against
    one with deaths differs), and on the real reports reading "no figure" as no toll in
    the score cost recall (Arabic pool 73 -> 59 merged pairs). The number rules of the
    merged record (`merge_reports`) follow the codebook: only stated figures."""
    if not any(e.field.startswith("fatalities") for e in inc.evidence):
        return None
    return inc.fatalities.best


def toll_pending(inc: Incident) -> bool:
    """A breaking report that states no toll (the extractor's mark `DETAILS_PENDING`: its
    text says the details are not yet known): its toll is unknown, not 0, so the score
    weighs no toll for the pair (a stated zero, "nobody was hurt", still counts).

    >>> toll_pending(Incident(fatalities={"best": 0}, details_pending=True))
    True
    >>> toll_pending(Incident(fatalities={"best": 3}, details_pending=True))
    False
    """
    return (inc.model_extra or {}).get(DETAILS_PENDING) is True and not count_stated(
        inc, "fatalities"
    )


def weapons_apart(a: Incident, b: Incident, rules: MergeRules) -> bool:
    """Both reports name the weapon and no weapon is in both: a suicide bomb in one, a
    gunman in the other. Outlets telling one deed name its weapon alike (on the real
    reports no same-incident pair names weapons apart), so two deeds of one city and day
    are told apart by it. A weapon not named ("Unknown", `unknown_weapon_labels`) says
    nothing.

    >>> r = load_rules()
    >>> weapons_apart(Incident(weapon_types=["Explosives"]), Incident(weapon_types=["Firearms"]), r)
    True
    >>> weapons_apart(Incident(weapon_types=["Explosives"]), Incident(weapon_types=["Unknown"]), r)
    False
    """
    unknown = set(rules.unknown_weapon_labels)
    wa, wb = set(a.weapon_types) - unknown, set(b.weapon_types) - unknown
    return bool(wa) and bool(wb) and not wa & wb


def _report_text(inc: Incident) -> str:
    """The report's own words: its summary, else its evidence spans."""
    if inc.summary:
        return inc.summary
    return " ".join(e.text for e in inc.evidence if e.text)


def pair_features(
    a: Incident,
    b: Incident,
    rules: MergeRules,
    *,
    a_published: str | None = None,
    b_published: str | None = None,
) -> dict[str, float]:
    """What two reports that pass the hard conditions share, as the features the
    scored decision weighs. Values are 0/1 except the graded ones (distance as a
    fraction of the merge radius, relative toll difference, text similarity)."""
    f: dict[str, float] = {"bias": 1.0}
    da, db = _precise_day(a), _precise_day(b)
    if da != db:
        vague, pub = (b, iso_date(b_published)) if da else (a, iso_date(a_published))
        # A week the coder could not narrow (ACLED's week precision) says little; a
        # report that names no day is news of the days up to its filing (filing_week),
        # and another outlet's day inside them is what it leaves out.
        filed = pub is not None and filing_week(vague, pub)
        f["filing_week_and_day" if filed else "mixed_date_precision"] = 1.0
    else:
        f["exact_day" if da else "vague_date"] = 1.0
    ga, gb = a.geo_precision or 1, b.geo_precision or 1
    if country_only(a) or country_only(b):
        f["place_inside_country"] = 1.0
    elif max(ga, gb) >= 3:
        f["place_inside_region"] = 1.0
    elif same_named_place(a, b):
        f["same_place" if ga == gb == 1 else "same_place_one_near"] = 1.0
    elif city_contains(a, b, rules):
        # A neighbourhood or suburb of a city the other report names: one place told
        # at two scales, not two towns (distance inside the city says nothing more).
        f["place_inside_city"] = 1.0
    else:
        # Two towns: ACLED's unit is one location, so shelling of two villages
        # 8 km apart on one day is two events. "Near" a neighbouring town is
        # how another outlet may place the same event: a milder penalty.
        if ga == gb == 1:
            f["different_towns"] = 1.0
        else:
            f["different_places_both_near" if ga == gb == 2 else "different_places_one_near"] = 1.0
    pa, pb = coords(a), coords(b)
    if (
        pa
        and pb
        and max(ga, gb) < 3
        and not f.keys() & {"place_inside_country", "place_inside_city"}
    ):
        f["per_max_distance"] = haversine_km(pa[0], pa[1], pb[0], pb[1]) / rules.max_distance_km
    if a.event_type and a.event_type == b.event_type:
        f["same_event_type"] = 1.0
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        f["same_sub_event_type"] = 1.0
    n1, n2 = (a.actor1.name if a.actor1 else ""), (b.actor1.name if b.actor1 else "")
    g1, g2 = is_generic(a.actor1, rules), is_generic(b.actor1, rules)
    if n1.startswith(rules.wildcard_actor_prefixes) or n2.startswith(rules.wildcard_actor_prefixes):
        f["unidentified_actor"] = 1.0
    elif g1 and g2:
        if n1 == n2:
            f["same_generic_actor"] = 1.0
    elif g1 or g2:
        f["generic_and_named_actor"] = 1.0
    elif n1 == n2:
        f["same_named_actor"] = 1.0
    if branches_of_one_state(a, b, rules):
        f["other_branch_of_state_forces"] = 1.0
    if weapons_apart(a, b, rules):
        f["weapons_apart"] = 1.0
    ta, tb = _known_toll(a), _known_toll(b)
    if toll_pending(a) or toll_pending(b):
        # Codebook 5: a report without a figure is not a figure. One that says its
        # details are not yet known neither agrees nor disagrees with another's toll.
        ta = tb = None
    # A count of part of the victims (`toll_of_a_part`) still weighs here as told: the
    # codebook's lower bound is a number rule of the merged record (`merge_reports`), and
    # a toll is the score's best evidence against two events of one city and day ("a
    # council member shot dead" beside a mosque bombing's seven dead).
    if ta is not None and tb is not None:
        if ta == tb:
            f["same_toll"] = 1.0
        else:
            f["toll_relative_difference"] = abs(ta - tb) / max(ta, tb, 1)
    elif (ta is None) != (tb is None):
        # One report states deaths, the other none: reports of one deadly
        # event rarely leave the toll out.
        f["toll_one_side_only"] = 1.0
    ra, rb = _report_text(a), _report_text(b)
    if ra and rb:
        f["text_similarity"] = fuzz.token_set_ratio(ra, rb) / 100.0
    return f


def score_pair(features: Mapping[str, float], rules: MergeRules) -> float:
    """Log-odds that two reports are one incident (weights in merge_rules.json)."""
    w = rules.score_weights
    return sum(w.get(name, 0.0) * value for name, value in features.items())


def same_incident(
    a: Incident,
    b: Incident,
    rules: MergeRules | None = None,
    *,
    a_published: str | None = None,
    b_published: str | None = None,
) -> Decision:
    """The codebook's merge decision for two reports from different articles.

    The four conditions of section 5 are hard gates. Two reports that pass
    them can still be two events (same town, same day, same actors: ACLED
    codes such events separately), so the decision is then a score: the
    weighted sum of what the reports share (exact days, same place or only a
    region, same type and sub-type, same named actor, compatible tolls, similar
    wording), merged when it reaches the threshold. Weights and threshold live
    in data/resolve/merge_rules.json; docs/store.md says how they were set.
    """
    rules = rules or load_rules()
    if not dates_agree(a, b, a_published, b_published):
        return Decision(False, "dates differ or unknown")
    ok, why, _ = places_agree(a, b, rules)
    if not ok:
        return Decision(False, why)
    if not types_compatible(a, b, rules):
        return Decision(False, f"types {a.event_type} / {b.event_type}")
    if actors_conflict(a, b, rules):
        return Decision(False, "actors conflict")
    features = pair_features(a, b, rules, a_published=a_published, b_published=b_published)
    score = score_pair(features, rules)
    if score < rules.merge_threshold:
        return Decision(False, f"{why}, but score {score:.2f} below threshold", score, True)
    return Decision(True, f"{why}, score {score:.2f}", score, True)


# ---------------------------------------------------------------- candidates


def cell_of(lat: float, lon: float) -> int:
    return (math.floor(lat / CELL_DEG) + 400) * 10_000 + (math.floor(lon / CELL_DEG) + 800)


def neighbour_cells(lat: float, lon: float) -> list[int]:
    i, j = math.floor(lat / CELL_DEG) + 400, math.floor(lon / CELL_DEG) + 800
    return [(i + di) * 10_000 + (j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1)]


def linked(decisions: Sequence[Decision], rules: MergeRules) -> bool:
    """A new report joins an incident when it is the same incident as every report of
    it (complete linkage), or when every report passes the hard gates, at least two
    reach the threshold, at most `linkage_outliers` don't, none of those speaks against
    the match (`linkage_outlier_min_score`: log-odds 0, even odds), and the mean score
    does: one outlet's mis-read toll or type then can't keep the next outlet's report
    out of an incident the others agree on, while a member whose own evidence says
    "another event" still can.

    >>> r = load_rules()
    >>> linked([Decision(True, "", 3.0, True), Decision(True, "", 2.0, True)], r)
    True
    >>> weak = Decision(False, "", 0.5, True)
    >>> linked([Decision(True, "", 3.0, True), Decision(True, "", 2.0, True), weak], r)
    True
    >>> against = Decision(False, "", -0.5, True)
    >>> linked([Decision(True, "", 3.0, True), Decision(True, "", 2.0, True), against], r)
    False
    """
    if all(d.same for d in decisions):
        return True
    below = [d for d in decisions if not d.same]
    return (
        len(below) <= rules.linkage_outliers
        and all(d.score >= rules.linkage_outlier_min_score for d in below)
        and len(decisions) - len(below) >= 2
        and sum(d.score for d in decisions) / len(decisions) >= rules.merge_threshold
    )


def total_of_parts(new: Report, parts: Sequence[Sequence[Report]], rules: MergeRules) -> bool:
    """The new report's toll is the total of incidents one article told apart ("three
    bombings killed 80" against that article's 60 in one district and 15 in another):
    it is a lead total, none of its parts, so it joins neither. A report that names
    the place only one of the parts names is that part told with a risen toll.

    >>> def rep(aid: str, toll: int) -> Report:
    ...     ev = [Evidence(field="fatalities", article_id=aid, start=0, end=2, text="80")]
    ...     return Report(aid, 0, Incident(fatalities={"best": toll}, evidence=ev))
    >>> total_of_parts(rep("a", 80), [[rep("b", 60)], [rep("b", 15)]], load_rules())
    True
    """
    total = _known_toll(new.incident)
    if total is None:
        return False
    # The place it names picks out one part: that part's risen toll. Parts told in one
    # place alike ("Baghdad", "Baghdad") are not told apart by it: the tolls decide.
    named = [any(same_named_place(new.incident, r.incident) for r in reps) for reps in parts]
    if sum(named) == 1:
        return False
    tolls: list[int] = []
    for reps in parts:
        known = [t for r in reps if (t := _known_toll(r.incident)) is not None]
        if not known:
            return False
        tolls.append(max(known))
    if not deadly_parts(tolls):
        return False
    return total > max(tolls) and total >= rules.total_min_share * sum(tolls)


def deadly_parts(tolls: Sequence[int]) -> bool:
    """A total sums two or more deadly parts: against one deadly part and one that
    killed nobody ("13 killed" vs one article's 8 in Mosul and a bomb defused nearby)
    a higher toll is that part told with another figure, not their total.

    >>> deadly_parts([8, 0])
    False
    """
    return sum(t > 0 for t in tolls) >= 2


def choose_cluster(
    new: Report,
    candidates: Iterable[tuple[str, Report]],
    clusters: Mapping[str, Sequence[str]],
    rules: MergeRules | None = None,
) -> str | None:
    """The incident a new report joins, or None for a new incident.

    `candidates` are (incident id, report) pairs near the new report in time
    and space; `clusters` gives, for each candidate incident, the article ids
    of all its reports. A report joins an incident only when it is the same
    incident as every report of it (complete linkage: a vague "fighting in
    Diyala" must not chain two towns 40 km apart into one incident), and never
    one that already has a report from its own article. The best match wins;
    ties go to the smaller id, so the result is deterministic.
    """
    rules = rules or load_rules()
    by_cluster: dict[str, list[Report]] = {}
    for cid, rep in candidates:
        by_cluster.setdefault(cid, []).append(rep)
    matches: list[tuple[float, str]] = []
    for cid in sorted(by_cluster):
        reps = by_cluster[cid]
        members = clusters.get(cid, [r.article_id for r in reps])
        if new.article_id in members or len(reps) < len(members):
            continue
        decisions = [
            same_incident(
                new.incident,
                rep.incident,
                rules,
                a_published=new.published_at,
                b_published=rep.published_at,
            )
            for rep in reps
        ]
        if not all(d.compatible for d in decisions):
            continue
        if linked(decisions, rules):
            matches.append((sum(d.score for d in decisions) / len(decisions), cid))
    if not matches:
        return None
    inc = new.incident
    if len(matches) > 1:
        (s1, c1), (s2, c2) = sorted(matches, key=lambda m: (-m[0], m[1]))[:2]
        told_apart = set(clusters.get(c1, ())) & set(clusters.get(c2, ()))
        # A vague report that fits several incidents can't say which it is, unless
        # its place is precise and one article told those incidents apart (below).
        if inc.geo_precision == 3 or country_only(inc):
            return None
        if not _precise_day(inc) and not told_apart:
            return None
        # Nor can a precise one that fits two about equally well, unless one
        # article reported both: its author told them apart, so they are two
        # known events and the report is one of them (best match, as before).
        if told_apart and total_of_parts(new, [by_cluster[c1], by_cluster[c2]], rules):
            return None
        if s1 - s2 < rules.ambiguity_margin and not told_apart:
            return None
    return min(matches, key=lambda m: (-m[0], m[1]))[1]


# ---------------------------------------------------------------- reconciling


def toll_updated(
    text: str, spans: Iterable[tuple[int, int]], rules: MergeRules | None = None
) -> bool:
    """Whether the words around a count's evidence say it updates an earlier toll."""
    rules = rules or load_rules()
    for start, end in spans:
        window = text[max(0, start - 60) : min(len(text), end + 40)]
        if rules.toll_update.search(window):
            return True
    return False


@dataclass
class _Acc:
    low: int | None = None
    best: int | None = None
    high: int | None = None
    disputed: bool = False
    seen: bool = False


def _known(c: Count) -> bool:
    return c.best is not None or c.low is not None or c.high is not None


def reconcile_counts(counts: Sequence[tuple[Count, bool]]) -> tuple[Count, bool]:
    """Counts in chronological order, each with its "updates earlier toll" flag
    -> (reconciled count, disputed). Section 5: an update replaces; otherwise
    disagreeing reports give low = smallest, high = largest, best = smallest."""
    acc = _Acc()
    for c, update in counts:
        if not _known(c):
            continue
        if not acc.seen or update:
            acc = _Acc(c.low, c.best, c.high, False, True)
            continue
        if (c.low, c.best, c.high) == (acc.low, acc.best, acc.high):
            continue
        lows = [v for v in (acc.low, acc.best, c.low, c.best) if v is not None]
        highs = [v for v in (acc.high, acc.best, c.high, c.best) if v is not None]
        bests = [v for v in (acc.best, c.best) if v is not None]
        new_best = min(bests) if bests else None
        # A range that agrees with a point ("at least 5" vs "5") is not a conflict.
        conflict = acc.best is not None and c.best is not None and acc.best != c.best
        acc = _Acc(
            min(lows) if lows else None,
            new_best,
            max(highs) if conflict and highs else (acc.high if acc.high is not None else c.high),
            acc.disputed or conflict,
            True,
        )
    return Count(low=acc.low, best=acc.best, high=acc.high), acc.disputed


def _count_field_known(rep: Report, fieldname: str) -> bool:
    """Only a count the report states takes part in the number rules (`count_stated`)."""
    return count_stated(rep.incident, fieldname)


def _vote(values: Iterable[str | None]) -> str | None:
    vals = [v for v in values if v]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    # The earliest report among the most common values wins: stable and explainable.
    return next(v for v in vals if counts[v] == top)


def merge_reports(reports: Sequence[Report], incident_id: str | None = None) -> Incident:
    """One incident from several articles' reports of it."""
    rules = load_rules()
    reps = sorted(reports, key=lambda r: r.key)
    if not reps:
        raise ValueError("merge_reports needs at least one report")
    incs = [r.incident for r in reps]
    base = incs[0]

    dated = [i for i in incs if iso_date(i.event_date)]
    # The most precise date wins (1 = day); ties to the earliest report.
    date_src = min(dated, key=lambda i: i.date_precision or 1) if dated else base
    placed = [i for i in incs if i.location is not None]
    place_src = min(placed, key=lambda i: i.geo_precision or 9) if placed else base

    event_type = _vote(i.event_type for i in incs)
    sub_event_type = _vote(i.sub_event_type for i in incs if i.event_type == event_type)
    attack_type = _vote(i.attack_type for i in incs)
    target_type = _vote(i.target_type for i in incs)

    def pick_actor(attr: str) -> Actor | None:
        actors: list[Actor] = [a for a in (getattr(i, attr) for i in incs) if a is not None]
        # A stated actor before a suspected one, a specific one before a generic one.
        actors = [a for a in actors if not is_suspected(a)] or actors
        specific = [a for a in actors if not is_generic(a, rules)]
        pool = specific or actors
        if not pool:
            return None
        name = _vote(a.name for a in pool)
        return next(a for a in pool if a.name == name)

    actor1, actor2 = pick_actor("actor1"), pick_actor("actor2")

    def assoc(attr: str, exclude: Actor | None) -> list[Actor]:
        out: dict[str, Actor] = {}
        for i in incs:
            for a in getattr(i, attr):
                if a.name and a.name not in out and (exclude is None or a.name != exclude.name):
                    out[a.name] = a
        return list(out.values())

    told = [r for r in reps if _count_field_known(r, "fatalities")]
    # A count of part of the victims no larger than another report's whole toll is its
    # lower bound (codebook 5): it neither lowers nor disputes that toll.
    wholes = [
        r.incident.fatalities.best
        for r in told
        if not toll_of_a_part(r.incident) and r.incident.fatalities.best is not None
    ]
    if wholes:
        told = [r for r in told if not lower_bound_of(r.incident, max(wholes))]
    fat, fat_disp = reconcile_counts([(r.incident.fatalities, r.fatalities_update) for r in told])
    # Attackers killed follow the toll they are part of: an update of the toll
    # updates them too; a report that states none neither lowers nor disputes them.
    perp, _ = reconcile_counts(
        [
            (r.incident.perpetrator_fatalities, r.fatalities_update)
            for r in reps
            if _count_field_known(r, "perpetrator_fatalities")
        ]
    )
    inj, inj_disp = reconcile_counts(
        [
            (r.incident.injuries, r.injuries_update)
            for r in reps
            if _count_field_known(r, "injuries")
        ]
    )
    if fat.best is None and any(i.fatalities.best == 0 for i in incs):
        fat = Count(best=0)

    statuses = [i.claim_status for i in incs if i.claim_status]
    if fat_disp or inj_disp or "disputed" in statuses:
        claim_status: str | None = "disputed"
    elif "reported" in statuses:
        claim_status = "reported"
    else:
        claim_status = statuses[0] if statuses else None

    weapons: list[str] = []
    for i in incs:
        weapons.extend(w for w in i.weapon_types if w not in weapons)

    sources: list[Source] = []
    seen_src: set[str] = set()
    for r in reps:
        if r.article_id in seen_src:
            continue
        seen_src.add(r.article_id)
        sources.append(
            Source(article_id=r.article_id, url=r.url, outlet=r.outlet, published_at=r.published_at)
        )
    evidence: list[Evidence] = []
    seen_ev: set[tuple[str, str, int, int]] = set()
    for i in incs:
        for e in i.evidence:
            k = (e.field, e.article_id, e.start, e.end)
            if k not in seen_ev:
                seen_ev.add(k)
                evidence.append(e)

    confs = [i.confidence for i in incs if i.confidence is not None]
    # Independent reports of one event make it more certain than any one of them.
    confidence = None
    if confs:
        miss = 1.0
        for c in confs:
            miss *= 1.0 - max(0.0, min(1.0, c))
        confidence = round(1.0 - miss, 4)

    loc = place_src.location
    return Incident(
        incident_id=incident_id,
        event_date=date_src.event_date,
        date_precision=date_src.date_precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        attack_type=attack_type,
        actor1=actor1,
        actor2=actor2,
        assoc_actors1=assoc("assoc_actors1", actor1),
        assoc_actors2=assoc("assoc_actors2", actor2),
        target_type=target_type,
        weapon_types=weapons,
        country=place_src.country or next((i.country for i in incs if i.country), None),
        admin1=place_src.admin1,
        admin2=place_src.admin2,
        location=Location.model_validate(loc.model_dump()) if loc else None,
        geo_precision=place_src.geo_precision,
        fatalities=fat,
        perpetrator_fatalities=perp,
        injuries=inj,
        summary=base.summary or next((i.summary for i in incs if i.summary), None),
        sources=sources,
        evidence=evidence,
        confidence=confidence,
        claim_status=claim_status,
    )


# ---------------------------------------------------------------- in-memory resolver


def report_interval(rep: Report) -> tuple[dt.date, dt.date] | None:
    """The days a report's incident can be on, as candidates are indexed and looked up."""
    return reported_interval(rep.incident, rep.published_at)


# Days a report's candidates may lie beyond its own interval: one outlet's yesterday
# against another's undated report filed the same day (filed_with_yesterday).
CANDIDATE_SLACK_DAYS = 1


def candidate_window(rep: Report) -> tuple[dt.date, dt.date] | None:
    """The days whose reports may be this one's incident, as the store and the resolver
    look candidates up: its interval, a day wider each side (filed_with_yesterday)."""
    iv = report_interval(rep)
    if iv is None:
        return None
    slack = dt.timedelta(days=CANDIDATE_SLACK_DAYS)
    return iv[0] - slack, iv[1] + slack


def _weeks(rep: Report) -> range:
    """Week buckets a report's candidates can lie in (intervals are at most a month long)."""
    iv = candidate_window(rep)
    if iv is None:
        return range(0)
    lo = (iv[0].toordinal() - MAX_INTERVAL_DAYS) // 7
    return range(lo, iv[1].toordinal() // 7 + 1)


def _index_keys(rep: Report) -> list[tuple[str, object]]:
    inc = rep.incident
    keys: list[tuple[str, object]] = []
    c = coords(inc)
    if c:
        keys.append(("cell", cell_of(*c)))
    if inc.admin1:
        keys.append(("admin1", (country_code(inc) or "", norm_name(inc.admin1))))
    n = norm_name(inc.location.name if inc.location else None)
    if n:
        keys.append(("name", n))
    cc = country_code(inc)
    if cc:
        # Every report is inside its country; a country-only report is found by all of them.
        keys.append(("country", cc))
        if country_only(inc):
            keys.append(("country only", cc))
    return keys


@dataclass
class Resolver:
    """Incremental, indexed clustering of reports in memory, with the same
    decision as the store (which uses SQL indexes instead of dicts)."""

    rules: MergeRules = field(default_factory=load_rules)
    reports: list[Report] = field(default_factory=list)
    cluster_of: list[int] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)
    _index: dict[tuple[str, object, int], list[int]] = field(default_factory=dict)

    def candidates(self, rep: Report) -> set[int]:
        out: set[int] = set()
        inc = rep.incident
        keys = [k for k in _index_keys(rep) if k[0] not in ("country", "country only")]
        c = coords(inc)
        if c:
            keys += [("cell", cell) for cell in neighbour_cells(*c)]
        cc = country_code(inc)
        if cc:
            # A country-only report may be any report of its country, and the reverse.
            keys.append(("country", cc) if country_only(inc) else ("country only", cc))
        for kind, k in keys:
            for w in _weeks(rep):
                out.update(self._index.get((kind, k, w), ()))
        return out

    def add(self, rep: Report) -> int:
        """Add a report; returns the number of the cluster it joins."""
        idx = len(self.reports)
        cands = sorted(self.candidates(rep))
        pairs = [(f"{self.cluster_of[i]:012d}", self.reports[i]) for i in cands]
        clusters = {
            cid: [self.reports[m].article_id for m in self.members[int(cid)]] for cid, _ in pairs
        }
        chosen = choose_cluster(rep, pairs, clusters, self.rules)
        cluster = int(chosen) if chosen is not None else idx
        self.reports.append(rep)
        self.cluster_of.append(cluster)
        self.members.setdefault(cluster, []).append(idx)
        iv = report_interval(rep)
        if iv is not None:
            week = iv[0].toordinal() // 7
            for kind, k in _index_keys(rep):
                self._index.setdefault((kind, k, week), []).append(idx)
        return cluster

    def clusters(self) -> list[list[Report]]:
        return [[self.reports[i] for i in self.members[k]] for k in sorted(self.members)]
