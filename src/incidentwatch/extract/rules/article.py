"""Rules over whole segments and groups: is a segment news, is a group an incident of its
own, does a vague retelling join an incident, does one telling split into several.

The candidate stage (stages/candidate.py) asks the "segment" rules before it scores a
segment and the "segment-scored" rules after; the pipeline asks the "article" rules of
each group of a long article; the grouping stage asks "series" and "retelling"; the
building stage asks "split". A rule returns a truthy verdict when it applies (a string
verdict is the detail the -vv line adds after the name)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from incidentwatch.extract import numbers as num
from incidentwatch.extract.actors import INITIATOR
from incidentwatch.extract.context import Candidate
from incidentwatch.extract.dates import DateInfo
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule
from incidentwatch.extract.rules.grouping import same_place
from incidentwatch.extract.rules.places import BORDER

# A segment scored below this is not reported as an incident.
MIN_CONFIDENCE = 0.5
# A vague retelling joins an incident told with its place within this many days.
VAGUE_RETELLING_DAYS = 14
# A day range ("Sunday through Wednesday") longer than this is a period, not days of events.
MAX_SPLIT_DAYS = 7
# A toll this large, undated in a statistic or trend, sums many events.
STATISTIC_TOLL = 100


@dataclass(frozen=True)
class Segment:
    """A segment after its cues, dates and figures are read."""

    dates: list[DateInfo]
    good_dates: list[DateInfo]  # the dates that are not background
    signals: set[str]  # context categories found in the segment ("statistic", "trend")
    killed: num.Casualties | None
    # The segment names no day and carries on, in its paragraph, a sentence whose dates
    # are all background (stages/candidate.after_history).
    after_history: bool = False
    # Every day it names dates a report, and a background date dates one of its event
    # words (stages/candidate._old_deed_on_report_day).
    old_deed_on_report_day: bool = False


@rule(
    "background date",
    table="segment",
    order=10,
    example=("A roadside bomb killed two soldiers in Ramadi on 3 April.", "3 April"),
)
def background_date(seg: Segment) -> str | bool:
    """Every date in the segment dates the background ("on 3 April" in a report of 10 May):
    the segment is history, not news. The verdict is the date's reason."""
    if seg.dates and not seg.good_dates:
        return seg.dates[0].reason or True
    return False


@rule(
    "history told on",
    table="segment",
    order=15,
    example=(
        "Militants stormed the town hall in Kirkuk on 2 March. About 40 people were killed "
        "before the attackers were hunted down.",
        "About 40",
    ),
)
def history_told_on(seg: Segment) -> str | bool:
    """An undated sentence that carries on, in the same paragraph, a sentence dated in the
    background ("Militants stormed the town hall on Oct. 21. Nearly 100 people were killed
    before the attackers were hunted down.") tells the same earlier event: history
    (codebook 5a), not news of its own."""
    if seg.after_history and not seg.dates:
        return "it carries on a sentence dated in the background"
    return False


@rule(
    "an old deed told on a report's day",
    table="segment",
    order=17,
    example=(
        "The army said on Sunday it had killed 300 militants in operations last week.",
        "last week",
    ),
)
def old_deed_on_report_day(seg: Segment) -> str | bool:
    """The segment's only days date the report ("the army said on Sunday"), and the deed
    it tells is dated by a time that can't be fixed or is long past ("had killed 300
    militants in operations last week", "carried out a gas attack in 2015", "a journalist
    shot dead in January"): the report is news, the deed is history (codebook 5a: a day
    that can't be fixed, or older than two weeks, is background)."""
    if seg.old_deed_on_report_day:
        return "the deed is dated in the background, the day is the report's"
    return False


@rule(
    "statistic",
    table="segment",
    order=20,
    example=("Thousands of people have been killed since the war began, the UN said.", "since"),
)
def statistic_or_trend(seg: Segment) -> bool:
    """A statistic or trend ("attacks have killed hundreds this year") with no toll, or a
    toll in the hundreds, sums many events. (No -vv line: the drop was silent before the
    rule was named, and the reason lines stay identical.)"""
    if "statistic" not in seg.signals and "trend" not in seg.signals:
        return False
    return seg.killed is None or (seg.killed.best or 0) >= STATISTIC_TOLL


@rule(
    "confidence",
    table="segment-scored",
    order=10,
    example=('"Someone attacked the convoy," a witness said.', "attacked"),
)
def low_confidence(cand: Candidate) -> bool:
    """The segment's score (cues, figures, date, place, actors) is below MIN_CONFIDENCE: a
    quoted claim with no figure, no date and no place ('"Someone attacked the convoy"')."""
    return cand.confidence < MIN_CONFIDENCE


@dataclass(frozen=True)
class Passing:
    group: Candidate
    dated: bool  # some telling in the article has a day


def _figures(g: Candidate) -> bool:
    return any(c.killed or c.wounded for c in g.all)


@rule(
    "no place, no figures",
    table="article",
    order=10,
    example=("Gunmen attacked a convoy, the ministry said.", "attacked"),
)
def no_place_no_figures(p: Passing) -> bool:
    """In a long wire story, an event with no place at all and no figures is a mention in
    passing ("the bombing", "the clashes"): it cannot be mapped or counted. People taken on
    a day the story tells ("Meanwhile, two engineers were abducted overnight close to the
    frontier with Niger") are a figure of their own: a kidnapping told as news, though its
    only place was a reference. A place read only as this side of a border ("named a man
    responsible for the kidnapping of two engineers close to the frontier with Niger") is
    no more than that reference: the same test holds."""
    place = p.group.place
    placeless = place is None or place.why == BORDER
    return placeless and not _figures(p.group) and not _people_taken(p.group)


def _people_taken(g: Candidate) -> bool:
    """The group counts people kidnapped (not detained) on a day it tells, told by a verb
    ("were kidnapped overnight"), not a kidnapping named in another deed ("arrested a man
    responsible for the kidnapping of a journalist")."""
    return any(
        c.abducted is not None
        and c.told_day
        and any(cue.cat == "abduct" and cue.token.pos_ == "VERB" for cue in c.cues)
        for c in g.all
    )


@rule(
    "only a country, no day, no figures",
    table="article",
    order=20,
    example=("Gunmen attacked a convoy in Syria.", "Syria"),
)
def only_country_undated(p: Passing) -> bool:
    """In a long story that dates its incidents, an event placed only in a country with no
    day and no figure ("Russia's bombing in Syria") is a topic or the standing war."""
    g = p.group
    return (
        p.dated
        and g.place is not None
        and g.place.admin1 is None
        and not _figures(g)
        and not any(c.told_day for c in g.all)
    )


# Cue categories of a detention or a sweep (codebook types, not words of a language).
_SWEEP_CATS = frozenset({"arrest", "operation"})


@rule(
    "arrests with no named place",
    table="article",
    order=30,
    example=("Four foreigners were detained in Syria on Monday, a rights group said.", "Syria"),
)
def arrests_no_named_place(p: Passing) -> bool:
    """In a long story, detentions or a sweep placed only in a country ("four Americans
    were detained in the Emirates") are no incident: codebook 5a codes arrests and
    operations only when a place is named."""
    g = p.group
    cats = {q.cat for c in g.all for q in c.cues}
    return bool(cats) and cats <= _SWEEP_CATS and (g.place is None or g.place.admin1 is None)


@rule(
    "arrests with no one named",
    table="article",
    order=40,
    example=(
        "The minister promised to punish the abusers, and several arrests have been made, "
        "his office said.",
        "arrests",
    ),
)
def arrests_no_one_named(p: Passing) -> bool:
    """In a long story, detentions or a sweep with no day of their own and no one named,
    neither who detained nor who was held ("several arrests have been made"), are a
    mention in passing: codebook 5a codes arrests only when a conflict actor is named."""
    g = p.group
    cats = {q.cat for c in g.all for q in c.cues}
    if not (cats and cats <= _SWEEP_CATS):
        return False
    return not any(c.told_day or c.actors for c in g.all)


@dataclass(frozen=True)
class Series:
    group: Candidate
    groups: list[Candidate]  # every group of the article
    pack: LanguagePack | None = None  # the words a rule reads ("The toll included")


@rule(
    "series total",
    table="series",
    order=10,
    example=(
        "Bombs killed 20 people in three districts of Baghdad. In Karrada, a car bomb "
        "killed 12; in Shaab, a roadside bomb killed 8.",
        "three districts",
    ),
)
def series_total(s: Series) -> list[Candidate]:
    """A toll for a series ("killed 20 in three districts of Baghdad") is not an incident
    of its own when the article names the places of the series with their figures
    (codebook 5a). The verdict is the parts; the stage dates them with the series' day.
    The series may be told in any telling of the group ("suicide bombers blew themselves
    up in the capital. Along with a car bomb, they killed 20 in three districts")."""
    g = s.group
    if not (any(c.series for c in g.all) and g.place is not None):
        return []
    place = g.place
    return [
        o for o in s.groups
        if o is not g and o.place is not None and o.place.name != place.name
        and (o.place.admin1 == place.admin1 or o.place.admin2 == place.name)
        and (g.date is None or o.date is None or o.date.date == g.date.date)
        and (o.killed or o.wounded)
    ]  # fmt: skip


@rule(
    "toll over places named together",
    table="series",
    order=20,
    example=(
        "Two car bombs killed 30 people in Baghdad and Hilla on Sunday, police said.",
        "Baghdad and Hilla",
    ),
)
def toll_over_places_named_together(s: Series) -> list[Candidate]:
    """One toll told over places named together ("killed 30 in Baghdad and Hilla") is one
    incident per place (codebook 1: one day, one location; 5a: one incident per place the
    text names), the toll divided evenly, the remainder to the first; the evidence keeps
    the undivided total. Not when the article tells one of those places as an incident
    of its own (it gives the parts their figures: "series total")."""
    g = s.group
    places = g.together
    if len(places) < 2 or g.share is not None:
        return []
    # The toll kept must be the one told over the places: a part told with its own figure
    # ("Eight died when one bomb exploded in a church in Baghdad") is that part's toll.
    if any((c.killed or c.wounded) and not c.together for c in g.all):
        return []
    others = [o.place for o in s.groups if o is not g and o.place is not None]
    if any(same_place(p, o) for p in places for o in others):
        return []
    n = len(places)
    return [replace(g, place=p, share=(i, n), together=[]) for i, p in enumerate(places)]


# How many tellings after a total may be its parts.
_MAX_PARTS = 4


@rule(
    "a total and its parts",
    table="series",
    order=30,
    example=(
        "At least 20 people were killed in air strikes in Raqqa province in the past two "
        "days, a monitor said. The toll included 12 people killed when a strike hit a market "
        "in Tabqa on Monday. Raids on two other villages killed eight others on Tuesday.",
        "The toll included",
    ),
)
def a_total_and_its_parts(s: Series) -> list[Candidate]:
    """A toll the next telling says it includes ("At least 38 were killed in two days ...
    The toll included 15 killed at a bakery on Tuesday"), with the parts that follow it
    ("15 others on Thursday"), is no incident of its own: the parts are (codebook 5a:
    one incident per place and day; a lead total is never coded beside its parts). The
    parts told with no place lie in the total's place (the stage gives it to them). The
    parts' tolls must fit in the total."""
    g = s.group
    pack = s.pack
    if g.killed is None or g.place is None or pack is None or g not in s.groups:
        return []
    includes, another = pack.pattern("toll-includes-part"), pack.pattern("another-part")
    after = s.groups[s.groups.index(g) + 1 :][:_MAX_PARTS]
    if includes is None or not after or not after[0].killed:
        return []
    if includes.search(after[0].text) is None:
        return []
    parts = [after[0]]
    for o in after[1:]:
        if o.killed is None or another is None or another.search(o.text) is None:
            break
        parts.append(o)
    told = sum(p.killed.best or 0 for p in parts if p.killed is not None)
    if told > (g.killed.best or 0):
        return []
    return parts


@rule(
    "a lead total summed by its parts",
    table="series",
    order=40,
    example=(
        "Bombings in and around Mosul killed 7 people on Monday, police said. A car bomb "
        "killed five at a market in the city. Two soldiers died when a mine hit their "
        "patrol in Hamam al-Alil.",
        "Bombings",
    ),
)
def lead_total_summed(s: Series) -> list[Candidate]:
    """A wire story's lead that sums the day ("Bombings in and around Baghdad killed 11
    people on Sunday"), told with a plural event word, followed by the incidents it sums,
    each on the same day in the lead's place or inside it, whose tolls add up to exactly
    the lead's ("a car bomb ... killing nine", "Two soldiers died ..."), is no incident of
    its own (codebook 5a: a lead total is never coded beside its parts). The sum must be
    exact: a lead that counts more than the parts told may hold an incident of its own."""
    g = s.group
    pack = s.pack
    if pack is None or g.killed is None or not g.killed.best or g.place is None:
        return []
    if not s.groups or s.groups[0] is not g:
        return []
    if not any(pack.tag(c.token, "plural-noun") for c in g.cues):
        return []
    parts: list[Candidate] = []
    told = 0
    for o in s.groups[1:][:_MAX_PARTS]:
        # "in and around Baghdad": a part may lie in the lead place's governorate.
        if o.killed is None or o.place is None:
            break
        if not (
            same_place(g.place, o.place) or (g.place.admin1 and g.place.admin1 == o.place.admin1)
        ):
            break
        if g.date and o.date and g.date.date != o.date.date:
            break
        parts.append(o)
        told += o.killed.best or 0
        if told >= g.killed.best:
            break
    return parts if len(parts) >= 2 and told == g.killed.best else []


@dataclass(frozen=True)
class Retelling:
    group: Candidate
    groups: list[Candidate]
    family: Callable[[Candidate], str]  # event family ("violence", "demo", "sd", "other")
    sub_event: Callable[[Candidate], str | None]
    # Whether a telling's words bring in an incident of its own ("elsewhere", "in a
    # separate incident"): the language pack's "new-incident" pattern.
    new_incident: Callable[[Candidate], bool] = lambda c: False
    # The ACLED event type its words give (a suicide cue only asked about still makes a
    # "Suicide bomb" sub-event here; the type-cue rules settle that later).
    event_type: Callable[[Candidate], str | None] = lambda c: None


def _country_of(c: Candidate) -> str | None:
    return c.place.country.code if c.place is not None and c.place.country else None


def _within_days(a: DateInfo | None, b: DateInfo | None, days: int) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= days


@rule(
    "vague retelling",
    table="retelling",
    order=10,
    example=(
        "Gunmen attacked a convoy in Ramadi on Friday, killing two soldiers. Gunmen "
        "attacked a convoy in Iraq.",
        "Iraq",
    ),
)
def vague_retelling(r: Retelling) -> Candidate | None:
    """In a long article, a retelling placed only by country ("the chemical attack in
    Syria") with no figures of its own is the incident told with its place, when the
    article has one of the same kind in that country within two weeks. The verdict is
    that incident (no -vv line, as before the rule was named)."""
    g = r.group
    if (g.place is not None and g.place.admin1 is not None) or g.killed or g.wounded:
        return None
    country = _country_of(g)
    fam = r.family(g)
    return next(
        (
            o for o in r.groups
            if o is not g and o.place is not None and o.place.admin1 is not None
            and (country is None or _country_of(o) == country)
            and r.family(o) == fam and fam != "other"
            and r.sub_event(o) == r.sub_event(g)
            and _within_days(o.date, g.date, VAGUE_RETELLING_DAYS)
        ),
        None,
    )  # fmt: skip


def _place_borrowed(g: Candidate) -> bool:
    """The group's place is named in none of its tellings: the geocoder carried it from
    an earlier sentence (often a background one), so it says nothing of where this is."""
    p = g.place
    if p is None or p.start is None:
        return p is None
    return not any(c.seg_start <= p.start < c.seg_end for c in g.all)


def _the_one_host(r: Retelling, same: Callable[[Candidate], bool]) -> Candidate | None:
    """The article's one other incident a retelling can join: dated, placed in its own
    words at least to a governorate, of the retelling's family and `same` as it; None when
    there are none or several (it can't be said which)."""
    g = r.group
    fam = r.family(g)
    hosts = [
        o for o in r.groups
        if o is not g and o.place is not None and o.place.admin1 is not None
        and any(c.told_day for c in o.all) and not _place_borrowed(o)
        and r.family(o) == fam and same(o)
    ]  # fmt: skip
    return hosts[0] if len(hosts) == 1 else None


@rule(
    "a retelling with a borrowed place",
    table="retelling",
    order=15,
    example=(
        "Gunmen attacked a hotel in Kabul on Friday. Hotels in Pakistan were attacked "
        "last year. Witnesses said two bombs exploded outside before the gunmen went in.",
        "exploded",
    ),
)
def retelling_with_borrowed_place(r: Retelling) -> Candidate | None:
    """In a long article, a telling with no day, no figure and no place in its own words
    (the place it got was carried from an earlier sentence: "jihadists have attacked
    hotels before in neighbouring Mali. Witnesses said two car bombs exploded outside the
    hotel") retells the article's one dated, placed incident of the same kind and
    sub-event. With two such incidents it is left alone (it can't be said which)."""
    g = r.group
    if g.killed or g.wounded or any(c.told_day for c in g.all) or not _place_borrowed(g):
        return None
    if any(r.new_incident(c) for c in g.all):
        return None
    if r.family(g) == "other":
        return None
    return _the_one_host(r, lambda o: r.sub_event(o) == r.sub_event(g))


def _most(g: Candidate, kind: str) -> int | None:
    """The largest figure of one kind ("killed", "wounded") the group's tellings give."""
    told = [f.best for c in g.all if (f := getattr(c, kind)) is not None and f.best is not None]
    return max(told, default=None)


def _figures_fit(g: Candidate, host: Candidate) -> bool:
    """A retelling's figures fit in its host's: none larger, none of a kind it lacks."""
    for kind in ("killed", "wounded"):
        own, its = _most(g, kind), _most(host, kind)
        if own is not None and (its is None or own > its):
            return False
    return True


@rule(
    "a retelling with no place or day",
    table="retelling",
    order=17,
    example=(
        "A bus exploded in Haifa on Monday, wounding 12 people, police said. "
        + "Officers closed the road and checked the cars parked nearby for hours. " * 10
        + "A medic said 12 people were wounded in the bus explosion.",
        "explosion",
    ),
)
def retelling_without_place_or_day(r: Retelling) -> Candidate | None:
    """In a long article, a telling that names no place and no day at all ("a medic said
    12 people were wounded in the bus explosion", paragraphs after the lead) cannot be
    mapped or dated as an incident of its own: it retells the article's one dated, placed
    incident of the same event type (codebook 1: one incident told twice), when its
    figures fit in that incident's (none larger, none of a kind the incident lacks).
    With two such incidents it is left alone."""
    g = r.group
    # Only a telling with no place at all: one whose place was carried from an earlier
    # sentence is left to "a retelling with a borrowed place" (with figures, joining it
    # measured worse: the carried place may be the right one and the host the wrong one).
    if g.place is not None or any(c.told_day for c in g.all):
        return None
    if any(r.new_incident(c) for c in g.all):
        return None
    if r.family(g) != "violence":
        return None
    host = _the_one_host(r, lambda o: r.event_type(o) == r.event_type(g))
    if host is None:
        return None
    return host if _figures_fit(g, host) else None


@rule(
    "a deed told before a report's day",
    table="retelling",
    order=19,
    example=(
        "Gunmen kidnapped two engineers in the Karrada district of Baghdad on Friday. "
        + "Officers closed the road and checked the cars parked nearby for hours. " * 10
        + "A television channel said on Sunday that two engineers had been kidnapped.",
        "kidnapped",
    ),
)
def deed_told_before_a_report(r: Retelling) -> Candidate | None:
    """In a long article, a telling whose only day is a report's, with the deed told as
    done before it ("a channel said on Sunday that three men had been kidnapped", in a
    Monday article), and no place of its own, retells the article's one dated, placed
    incident of the same sub-event on or before that day (codebook 1: one incident told
    twice), when its figures fit in that incident's. The report's day is no event day:
    alone, it would date the deed to the report."""
    g = r.group
    if not g.told_before_day or g.date is None or g.date.date is None:
        return None
    if not _no_place_of_its_own(g) or any(r.new_incident(c) for c in g.all):
        return None
    said = g.date.date
    if any(c.date is not None and c.date.date != said for c in g.all):
        return None

    def same(o: Candidate) -> bool:
        days = [c.date.date for c in o.all if c.date is not None and c.date.date is not None]
        return r.sub_event(o) == r.sub_event(g) and bool(days) and max(days) <= said

    host = _the_one_host(r, same)
    if host is None:
        return None
    return host if _figures_fit(g, host) else None


# The event families whose incidents have victims a later telling may count: violence,
# and riots and protests met by force (stages/grouping.FAMILY).
_VICTIM_HOSTS = frozenset({"violence", "demo"})
# Cue categories that only count victims (codebook types, not words of a language).
_VICTIM_CATS = frozenset({"kill", "wound"})
# ACLED actor type of civilians (codebook 3).
_CIVILIANS = 7


def _only_victims(c: Candidate) -> bool:
    """The telling counts victims and names no event of its own and no doer: "one
    Norwegian man was injured", "An Iranian was also killed". Civilians are never a doer
    (codebook 4), whatever the parse made of "One man was among the wounded"."""
    return (
        bool(c.cats)
        and c.cats <= _VICTIM_CATS
        and not any(
            m.role == INITIATOR and any(e.type != _CIVILIANS for e, _ in m.entries)
            for m in c.actors
        )
    )


def _borrowed_place(c: Candidate) -> bool:
    """The telling's place is named outside its own words (the geocoder's place told
    earlier or later in the article)."""
    at = c.place.start if c.place is not None else None
    return at is not None and not c.seg_start <= at < c.seg_end


def _no_place_of_its_own(c: Candidate) -> bool:
    """No place, or only a country (a victim's nationality, a speaking government), or a
    telling that says it belongs to a count told before (a breakdown, "also killed"):
    whatever the geocoder made of its words is not a second scene. A place the geocoder
    borrowed from elsewhere in the article (the telling names none) is no place of its
    own either."""
    if c.place is None or c.place.admin1 is None or _borrowed_place(c):
        return True
    return c.subset or any(f is not None and f.additive for f in (c.killed, c.wounded))


@rule(
    "victims told again",
    table="retelling",
    order=20,
    example=(
        "A car bomb killed nine people at a market in Kirkuk on Monday. The blast also "
        "damaged shops and cars nearby. Residents said the market had reopened only last "
        "month. One Egyptian man was also wounded, his embassy said.",
        "Egyptian",
    ),
)
def victims_told_again(r: Retelling) -> Candidate | None:
    """In a long article, a telling that only counts victims ("one Norwegian man was
    injured", "An Iranian was also killed", "Seven of the dead were police officers"),
    with no event word, doer, day or scene of its own, names the victims of the violent
    incident told before it: it joins that incident (codebook 1: one incident told twice)
    instead of standing alone where a nationality or a speaker's country put it. A riot
    or a protest met by force told before it is such an incident too ("security forces
    fired teargas and bullets into the air. Around a dozen people were wounded")."""
    g = r.group
    if not all(_only_victims(c) and _no_place_of_its_own(c) for c in g.all):
        return None
    if any(r.new_incident(c) for c in g.all):
        return None
    before = r.groups[: r.groups.index(g)] if g in r.groups else []
    hosts = [
        h for h in reversed(before)
        if r.family(h) in _VICTIM_HOSTS and not all(_only_victims(c) for c in h.all)
    ]  # fmt: skip
    # The incident that counted such victims (the dead for a death, the wounded for a
    # wound), else the violence told just before.
    kind = "killed" if any(c.killed is not None for c in g.all) else "wounded"
    counted = [h for h in hosts if any(getattr(c, kind) is not None for c in h.all)]
    host = next(iter(counted or hosts), None)
    if host is None:
        return None
    own_days = {c.date.date for c in g.all if c.date is not None}
    host_days = {c.date.date for c in host.all if c.date is not None}
    if own_days and host_days and not own_days <= host_days:
        return None
    return host


@rule(
    "arrests of an incident told",
    table="retelling",
    order=30,
    example=(
        "Gunmen opened fire at a cafe in Kirkuk on Friday, killing four people. A "
        "gunman was arrested at the scene in Kirkuk, and the four dead were all men.",
        "arrested",
    ),
)
def arrests_of_an_incident_told(r: Retelling) -> Candidate | None:
    """In a long article, a telling that opens with an arrest or a security step ("a
    gunman was arrested at the scene") with no day of its own, at the same place (the one
    same-place test: name, 25 km, or one inside the other) as a violent incident the
    article dates, is that incident's aftermath, and what follows it tells the incident
    again (codebook 1: one incident, one day, one place), even when a later telling in it
    names the incident's day again ("19 were wounded in the blast on Tuesday"); another
    day is another incident. Not when its words bring in another incident ("elsewhere",
    "in a separate raid")."""
    g = r.group
    if g.place is None or g.place.admin1 is None:
        return None
    opening = replace(g, cats={q.cat for q in g.cues}, merged=[])
    if r.family(opening) != "sd" or any(r.new_incident(c) for c in g.all):
        return None
    # A day of its own must be the incident's: a telling that joined the arrests may
    # name the incident's day again ("19 were wounded in the blast on Tuesday").
    own_days = {c.date.date for c in g.all if c.date is not None}
    before = r.groups[: r.groups.index(g)] if g in r.groups else []
    return next(
        (
            h for h in reversed(before)
            if r.family(h) == "violence" and h.date is not None and h.place is not None
            and h.place.admin1 is not None and same_place(h.place, g.place)
            and own_days <= {c.date.date for c in h.all if c.date is not None}
        ),
        None,
    )  # fmt: skip


@dataclass(frozen=True)
class Split:
    event_date: dt.date | None
    end_date: dt.date | None
    repeats: int  # attacks the telling counts ("twice", "two separate attacks")


@rule(
    "day range",
    table="split",
    order=10,
    example=("Clashes from Sunday through Wednesday killed eight people.", "through"),
)
def day_range(s: Split) -> list[dt.date | None] | None:
    """A telling over a few days ("Sunday through Wednesday", at most a week) is one
    incident a day, the figures split between them (codebook). The verdict: the days."""
    if s.end_date is None or s.event_date is None:
        return None
    span = (s.end_date - s.event_date).days
    if not 0 < span <= MAX_SPLIT_DAYS:
        return None
    return [s.event_date + dt.timedelta(days=i) for i in range(span + 1)]


@rule(
    "repeated attacks",
    table="split",
    order=20,
    example=("The checkpoint was targeted twice on Monday.", "twice"),
)
def repeated_attacks(s: Split) -> list[dt.date | None] | None:
    """A telling of several attacks ("targeted twice", "two separate attacks") is one
    incident each, on the telling's day. The verdict: their days."""
    if s.repeats <= 1:
        return None
    return [s.event_date] * s.repeats
