"""Toponym resolution in context.

1. Find every phrase the gazetteer knows (text.py), with all its namesakes.
2. Score each namesake: importance (population, seat/capital), the country of the
   article (hint, countries and demonyms named), admin units named in the text and
   especially right next to the name ("Khanaqin district in Diyala"), and nearness
   to the other places of the article. Two passes let the places support each other.
3. For an event span (locate): drop the dateline and reference places ("105 km
   northeast of Baqubah"), take the most specific remaining place; "near X" gives
   precision 2; a distance and bearing from X moves the point and takes the admin
   units from the boundaries.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import pickle
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import numpy as np

from incidentwatch.geo import haversine_km
from incidentwatch.geocode import capitals
from incidentwatch.geocode import text as tx
from incidentwatch.geocode import wordrules as wr
from incidentwatch.geocode.admin import Boundaries
from incidentwatch.geocode.fuzzy import MIN_RATIO as FUZZY_MIN_RATIO
from incidentwatch.geocode.fuzzy import FuzzyIndex
from incidentwatch.geocode.gazetteer import (
    ADDRESS_KEY,
    ADMIN1,
    ADMIN2,
    COUNTRY,
    MAX_WORDS,
    PARENT_POINT,
    PLACE,
    SITE_FCODE,
    Gazetteer,
    data_dir,
)
from incidentwatch.geocode.historical import FILE as HISTORY_FILE
from incidentwatch.geocode.historical import History
from incidentwatch.geocode.normalise import ARTICLES, loose, norm
from incidentwatch.geocode.prior import (
    SOURCES_FILE,
    SourceCountries,
    block_prior,
    env_prior,
    iso2,
    user_sources_file,
)
from incidentwatch.records import Country, Place

log = logging.getLogger(__name__)

FOCUS = frozenset({"IQ", "SY"})
FCODE_BONUS = {
    "PPLC": 3.0,
    "PPLA": 2.0,
    "CITY": 2.0,
    "PPLA2": 1.5,
    SITE_FCODE: 1.5,
    "PPLA3": 0.8,
    "ADM3": 0.8,  # an Iraqi subdistrict (nahiya) named in the text
    "PPLX": 0.2,
    "PPLQ": -0.5,
    "PPLW": -0.5,
}
KIND_BASE = {ADMIN1: 3.5, ADMIN2: 2.5, COUNTRY: 5.0}
NO_PLACE_DISTRICT_COST = 1.5
COUNTRY_NAMES = {"PS": "Palestine"}
# Below this population a foreign place needs support from the rest of the text.
UNSUPPORTED_MIN_POP = 100_000
# The area prior (per run or per source) weighs less than a country named next to
# the name, so "the Syrian village of X" still wins in an Iraq feed.
PRIOR_WEIGHT = 2.5
NEAR_COUNTRY_WEIGHT = 4.0
# A place the text puts in a city lies within this distance of it.
HOST_KM = 25.0
# Rule "site with a common head": up to this many lower-case words after a name
# ("Damascus airport", "Deir ez-Zor military airport") may name a site of
# extra_places.tsv, whose rows carry this feature code.
SITE_WITH_COMMON_HEAD = "site with a common head"
SITE_HEAD_WORDS = 2
# Rule "a spelling near the story": an exact small namesake this far from every other
# place of the text gives way to a close spelling (at least this edit ratio) within
# HOST_KM of one of them.
SPELLING_NEAR_STORY = "a spelling near the story"
STORY_KM = 100.0
SPELLING_NEAR_RATIO = 80.0
# Rule "surroundings of a city unit": "the outskirts of Damascus" are in Rural Damascus.
SURROUNDINGS = "surroundings of a city unit"
# Rule "unit named by a compass word": "in south Lebanon" (the South governorate).
UNIT_WITH_COMPASS_WORD = "unit named by a compass word"
# Arabic "X جنوب شرق بغداد": a reading of X this near the place it is told from wins
# over a namesake further away (rule "Arabic bearing reference").
ARABIC_BEARING_KM = 60.0
ARABIC_BEARING_BONUS = 3.0


@dataclass
class Mention:
    start: int
    end: int
    text: str
    cands: list[int]
    admin_level: int | None = None  # from a following/preceding admin word
    admin_word_end: int | None = None
    relation: tx.Relation = field(default_factory=lambda: tx.Relation(""))
    dateline: bool = False
    sentence_start: bool = False
    locative: bool = False
    origin: bool = False
    in_parens: bool = False  # "(Khanaqin, Diyala)" after a name: admin context
    fuzzy: bool = False  # found by a close spelling, not an exact key
    ratios: dict[int, float] = field(default_factory=dict)  # fuzzy: edit ratio per namesake
    person: bool = False  # a title before or speech after: a person's name
    in_run: bool = False  # part of a longer capitalised name ("Haider Abadi")
    group_name: bool = False  # the end of a group's name ("Ahrar al Sharqiyah")
    cue: bool = False  # introduced as a place ("in X", "X, Y and Z", "(X)")
    support: dict[int, float] = field(default_factory=dict)  # context score per candidate
    # km to the nearest other place of the text, per candidate (close spellings' ties).
    nearest: dict[int, float] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)
    reasons: dict[int, list[str]] = field(default_factory=dict)
    chosen: int | None = None
    admin_spans: list[tuple[int, int]] = field(default_factory=list)
    # The bigger place the text puts this one in ("Zuhur neighbourhood of Mosul",
    # "Mosul - Al Zuhur", "X area, Baghdad city"): its namesakes must lie inside it.
    host: Mention | None = None
    host_strict: bool = False  # said in words ("in", "of", "area,"), not a bare comma
    # Put in its host by Arabic words ("حي اليرموك غربي بعقوبة"): with no namesake
    # inside, it is placed at the host.
    arabic_host: bool = False
    near_cc: frozenset[str] = frozenset()  # countries named right next to it
    outside_host: set[int] = field(default_factory=set)  # namesakes outside the host
    # The place this one is placed from by a bearing ("Yathrib area, south of Balad").
    bearing_ref: Mention | None = None
    # Namesakes that fit an admin unit named right next to them ("Alexandria, Virginia"):
    # the pair states its own country, whatever the rest of the text is about.
    paired: set[int] = field(default_factory=set)
    capital_rule: str = ""  # "the Syrian capital": the capitals.py rule that read it
    # The names right after it that may be its admin units: "X (District, Governorate)"
    # (all in the brackets), "X, District, Governorate" (the next; it has its own host).
    units_after: list[Mention] = field(default_factory=list)
    # A district with no place of its own: the place inside it the text names.
    point_from: int | None = None


# The mentions that count as neighbours (`Geocoder._placed`): name, point, country.
_PlacedPoints = tuple[tuple[str, float, float, str], ...]


@dataclass
class _Placed:
    """A scoring pass's placed mentions, and the nearness answers (namesake, name) ->
    (places within 100 km, places of its country, nearest km) found for this set."""

    points: _PlacedPoints
    near: dict[tuple[int, str], tuple[int, int, float]]


# How near (characters between them) two names count as named next to each other.
NEXT_TO_CHARS = 40


class _ByStart:
    """Mentions (in their list's order) indexed by where they start, so asking which lie
    next to one reads the few around it, not all: a text naming one place thousands
    of times ("Mosul " * 5000) took minutes, every mention scanning every other."""

    def __init__(self, ms: list[Mention]) -> None:
        self.ms = ms
        self.order = sorted(range(len(ms)), key=lambda i: ms[i].start)
        self.starts = [ms[i].start for i in self.order]
        self.longest = max((o.end - o.start for o in ms), default=0)
        self.count = Counter(id(o) for o in ms)

    def between(self, lo: int, hi: int) -> list[int]:
        """The list positions of the mentions starting in lo..hi, in list order."""
        return sorted(self.order[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)])

    def has_other(self, m: Mention) -> bool:
        return len(self.ms) > self.count[id(m)]

    def adjacent(self, m: Mention) -> list[Mention]:
        """The others within NEXT_TO_CHARS of ``m`` after or before it, in list order."""
        reach = NEXT_TO_CHARS
        return [
            o
            for o in (
                self.ms[i] for i in self.between(m.start - reach - self.longest, m.end + reach)
            )
            if o is not m and (0 <= o.start - m.end < reach or 0 <= m.start - o.end < reach)
        ]

    def next_to(self, m: Mention) -> Mention | None:
        """When another lies within NEXT_TO_CHARS of ``m`` (after it: from its end; else
        from its end to m's start, either way), the other starting nearest m's start
        (the first in list order on a tie); else None."""
        reach = NEXT_TO_CHARS
        window = self.between(m.start - reach - self.longest, m.end + reach)
        if not any(
            o is not m and (o.start - m.end if o.start >= m.end else abs(m.start - o.end)) < reach
            for o in (self.ms[i] for i in window)
        ):
            return None
        # The one next to it starts within `far` of m's start, so the nearest does too.
        far = max(m.end - m.start + reach, reach + self.longest)
        near = [
            (abs(self.ms[i].start - m.start), i)
            for i in self.between(m.start - far, m.start + far)
            if self.ms[i] is not m
        ]
        return self.ms[min(near)[1]]


km = haversine_km  # shared definition (incidentwatch.geo)
# How far after a country-only event clause its next place may be told (about two
# sentences of a wire story).
NEXT_PLACE_CHARS = 400
# Latitude difference beyond which two points are surely over 100 km apart
# (0.95 degrees of a meridian: 105.6 km).
_FAR_LAT_DEG = 0.95
# Sets of placed mentions whose nearness answers are kept (a few analyses' passes).
_NEAR_MEMO_SETS = 64
_CONTAINS_MEMO_PAIRS = 500_000


def displace(lat: float, lon: float, dist_km: float, bearing_deg: float) -> tuple[float, float]:
    r = dist_km / 6371.0
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


class Geocoder:
    def __init__(self, gaz: Gazetteer, bounds: Boundaries) -> None:
        self.gaz = gaz
        self.bounds = bounds
        self._coords: np.ndarray | None = None
        self._fuzzy: FuzzyIndex | None = None
        self._last_ratios: dict[int, float] = {}
        self._analyse = lru_cache(maxsize=64)(self._analyse_uncached)
        # An article is analysed once per country hint (its places, then each event's
        # place with the hint they give): the names found do not depend on the hint.
        self._found = lru_cache(maxsize=16)(self._find_frozen)
        self.words = wr.WordLists.load(data_dir() / wr.FILE)
        self.capital_words = capitals.CapitalWords.load(data_dir() / capitals.FILE)
        self.history = History.load(data_dir() / HISTORY_FILE)
        self.sources = SourceCountries.load_all(data_dir() / SOURCES_FILE, user_sources_file())
        self._coords_memo: dict[int, tuple[float | None, float | None]] = {}
        # What the namesake scoring asks again and again, memoised for the process
        # (the gazetteer never changes): whether one entity contains another, and a
        # namesake's nearness to a set of placed mentions (see `_nearness`).
        self._contains_memo: dict[tuple[int, int], bool] = {}
        self._near_memo: dict[_PlacedPoints, _Placed] = {}
        self.default_prior: str | None = env_prior()
        cues = sorted(gaz.country_cues, key=len, reverse=True)
        self._cue_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)")
            if cues
            else None
        )

    # ------------------------------------------------------------------ API
    def mentions(
        self,
        text: str,
        *,
        country_hint: str | None = None,
        prior: str | None = None,
        outlet: str | None = None,
        on: dt.date | None = None,
    ) -> list[Place]:
        """Every place named in `text`, resolved in the context of the whole text.

        ``prior`` is the area of interest (ISO2, e.g. "IQ": "this feed is about Iraq");
        without it the outlet's country (``source_countries.tsv``) or the run's default
        (`INCIDENTWATCH_COUNTRY`, ``set_default_prior``) is used. Unlike
        ``country_hint`` it only weighs in: a place the text puts abroad still wins.
        ``on``: the event's date; admin units that changed since are named as then
        (``historical_admins.tsv``)."""
        if not text or not isinstance(text, str):
            return []
        out = []
        for m in self._analyse(text, _hint(country_hint), self.prior_for(prior, outlet)):
            place = self.history.as_of(self._place_of(m, text), on, text)
            if place is not None:
                out.append(place)
        return out

    def locate(
        self,
        text: str,
        start: int,
        end: int,
        *,
        country_hint: str | None = None,
        prior: str | None = None,
        outlet: str | None = None,
        on: dt.date | None = None,
        skip: frozenset[int] = frozenset(),
    ) -> Place | None:
        """The place where the event told in text[start:end] happened (``prior``,
        ``outlet`` and ``on`` as in ``mentions``). ``skip``: the offsets of names the
        caller has ruled out as the event's place ("pilgrims returning from Kerbala"),
        left out as if the text did not name them there."""
        place = self._locate(
            text, start, end, _hint(country_hint), self.prior_for(prior, outlet), skip
        )
        return self.history.as_of(place, on, text)

    def as_of(self, place: Place | None, on: dt.date | None, text: str = "") -> Place | None:
        """``place`` (from ``text``) with the admin units of the day ``on``."""
        return self.history.as_of(place, on, text)

    def _locate(
        self,
        text: str,
        start: int,
        end: int,
        hint: str | None,
        prior: str | None,
        skip: frozenset[int] = frozenset(),
    ) -> Place | None:
        if not text or not isinstance(text, str):
            return None
        start, end = max(0, start), min(len(text), end)
        ms = self._analyse(text, hint, prior)
        if skip:
            ms = [m for m in ms if m.start not in skip]
        inside = [m for m in ms if start <= m.start < end and m.chosen is not None]
        events = [
            m for m in inside if not m.dateline and m.relation.kind not in ("offset", "direction")
        ]
        if events:
            # Rule "a dateline names no unit of the clause": "ERBIL, Kurdistan Region -"
            # is where the report was filed; a place outside Erbil told in the lead
            # ("bombed positions in Shingal") is not outside the clause's units.
            span_admins = {
                self.gaz.admin(m.chosen).key
                for m in inside
                if m.chosen is not None
                and not m.dateline
                and self.gaz.kind(m.chosen) in (ADMIN1, ADMIN2)
            }
            # Membership by identity: a Mention's generated __eq__ compares every field,
            # and a list test per mention made a long text quadratic.
            inner = {id(m) for m in self._inside_bigger(events)}
            best = min(events, key=lambda m: self._event_rank(m, span_admins, id(m) in inner))
            told = {id(m) for m in events}
            refs = [m for m in inside if not m.dateline and id(m) not in told]
            if self.gaz.kind(best.chosen) == COUNTRY and refs:  # type: ignore[arg-type]
                # "north of Marib, Yemen": near the reference beats the whole country.
                return self._place_of(refs[0], text, why_prefix="near a reference place", near=True)
            hosted = self._reference_in_unit(best, refs, text)
            if hosted is not None:
                return hosted
            if self.gaz.kind(best.chosen) == COUNTRY:  # type: ignore[arg-type]
                nxt = self._next_place_of_country(ms, text, end, best.chosen)  # type: ignore[arg-type]
                if nxt is not None:
                    return self._place_of(
                        nxt, text, why_prefix="only the country in span; its next place told"
                    )
            if best.capital_rule and best.relation.kind == "near":
                # "near Syria's capital ... in the Sayyida Zeinab area south of
                # Damascus": the place told next, around the capital, is where.
                assert best.chosen is not None
                nxt = self._next_place_of_country(ms, text, end, best.chosen, around=True)
                if nxt is not None:
                    return self._place_of(
                        nxt, text, why_prefix="near a named capital; its next place told"
                    )
            return self._place_of(best, text, why_prefix="event place in span")
        refs = [m for m in inside if not m.dateline]
        if refs:
            ref = refs[0]
            if (
                ref.relation.kind == "offset"
                and ref.relation.distance_km
                and ref.relation.bearing is not None
            ):
                moved = self._offset_place(ref, text)
                if moved is not None:
                    return moved
            return self._place_of(ref, text, why_prefix="only a reference place in span", near=True)
        # Nothing named in the span: the nearest place told before it, else after it.
        before = [m for m in ms if m.end <= start and m.chosen is not None and not m.dateline]
        before = [m for m in before if m.relation.kind not in ("offset", "direction")]
        if before:
            return self._place_of(before[-1], text, why_prefix="from earlier in the article")
        dl = [m for m in ms if m.dateline and m.chosen is not None]
        if dl and "\n" not in text[dl[0].end : start]:
            # The lead paragraph names no place: its dateline tells where it happened.
            return self._place_of(dl[0], text, why_prefix="dateline of the lead")
        after = [m for m in ms if m.start >= end and m.chosen is not None and not m.dateline]
        after = [m for m in after if m.relation.kind not in ("offset", "direction")]
        if after:
            return self._place_of(after[0], text, why_prefix="from later in the article")
        dl = [m for m in ms if m.dateline and m.chosen is not None]
        if dl:
            return self._place_of(dl[0], text, why_prefix="dateline only")
        return None

    # ------------------------------------------------------------- analysis
    def _reference_in_unit(self, best: Mention, refs: list[Mention], text: str) -> Place | None:
        """ "east of Hays (Al Hudaydah)", "west of Tell Abiad city, Ar Raqqa": the only
        event name is the unit the text puts the reference place in, which names
        the reference's governorate, not the event's place: near the reference is
        finer (moved by a distance and bearing when the text gives both)."""
        if best.chosen is None or self.gaz.kind(best.chosen) not in (ADMIN1, ADMIN2):
            return None
        ref = next((r for r in refs if r.host is best and r.chosen is not None), None)
        if ref is None or ref.chosen is None:
            return None
        finer = self.gaz.kind(ref.chosen) == PLACE or (
            self.gaz.kind(ref.chosen) == ADMIN2 and self.gaz.kind(best.chosen) == ADMIN1
        )
        if not finer or not self._contains(best.chosen, ref.chosen):
            return None  # the gazetteer's reading of the reference lies elsewhere
        if ref.relation.kind == "offset" and ref.relation.distance_km:
            if ref.relation.bearing is None:
                return None
            return self._offset_place(ref, text)
        return self._place_of(
            ref, text, why_prefix="near a reference place in the unit named", near=True
        )

    def _next_place_of_country(
        self, ms: list[Mention], text: str, end: int, country: int, *, around: bool = False
    ) -> Mention | None:
        """A lead that says only "in northern Iraq" and, in the same paragraph, "near
        the frontline in the village of Golat": the village is where it happened. Only
        a place of that country, introduced as a place, within NEXT_PLACE_CHARS.
        ``around``: ``country`` is a city (a named capital) and the place must lie
        within HOST_KM of it."""
        gaz = self.gaz
        cc = gaz.entity_cc(country)
        for m in ms:
            if m.start < end or m.chosen is None or m.dateline or m.chosen == country:
                continue
            if around:
                lat, lon = self._coords_of(m.chosen)
                if lat is None or lon is None:
                    continue
                if km(lat, lon, gaz.lat[country], gaz.lon[country]) > HOST_KM:
                    continue
            gap = text[end : m.start]
            if len(gap) > NEXT_PLACE_CHARS or "\n" in gap:
                return None
            if m.relation.kind in ("offset", "direction") or m.person or m.in_run:
                continue
            if gaz.kind(m.chosen) == COUNTRY or gaz.entity_cc(m.chosen) != cc:
                continue
            if m.locative or m.cue:
                return m
        return None

    def _inside_bigger(self, events: list[Mention]) -> list[Mention]:
        """Places in the span that lie within 30 km of a bigger place also named
        there ("Baghdad's Green Zone", "Hole camp near Al-Hasakah"): more specific."""
        gaz = self.gaz
        places = [m for m in events if m.chosen is not None and gaz.kind(m.chosen) == PLACE]
        out = []
        for m in places:
            assert m.chosen is not None
            if self._major(m.chosen) and gaz.fcode[m.chosen] != SITE_FCODE:
                continue
            for o in places:
                assert o.chosen is not None
                if o is m or not self._major(o.chosen) or m.admin_level == 0:
                    continue
                d = km(gaz.lat[m.chosen], gaz.lon[m.chosen], gaz.lat[o.chosen], gaz.lon[o.chosen])
                if d < 30:
                    out.append(m)
                    break
        return out

    def _event_rank(
        self, m: Mention, span_admins: set[str], inner: bool = False
    ) -> tuple[float, int, int]:
        assert m.chosen is not None
        gaz = self.gaz
        kind = gaz.kind(m.chosen)
        if kind == PLACE and m.admin_level in (1, 2):
            kind = m.admin_level
        specificity = float({PLACE: 0, ADMIN2: 1, ADMIN1: 2, COUNTRY: 3}[kind])
        if kind == ADMIN2 and self._town_like_admin2(m, m.chosen):
            specificity = 0.0
        if m.admin_level == 0:  # "Aleppo countryside": an area, not the town
            specificity = 1.5 if gaz.kind(m.chosen) == PLACE else 2.0
        if span_admins and m.chosen not in self._span_admin_eids(span_admins):
            real = gaz.kind(m.chosen)
            if real == PLACE:
                inside = {gaz.adm1[m.chosen], gaz.adm2[m.chosen]}
            elif real == ADMIN2:
                inside = {gaz.admin(m.chosen).parent}
            else:
                inside = span_admins
            # "Hofuf in al-Ahsa": a district with no place of its own in the data
            # holds the town the text puts in it.
            host = m.host.chosen if m.host is not None else None
            placeless = host is not None and self._in_placeless_district(host, m.chosen)
            if not (inside & span_admins) and not placeless:
                specificity += 1.5  # outside the admin units the same clause names
        if inner:
            specificity -= 0.5
        cue = 0 if m.locative else (2 if m.origin else 1)
        if m.in_parens:
            cue = 3
        return (specificity, cue, m.start)

    def _span_admin_eids(self, keys: set[str]) -> set[int]:
        out = set()
        for k in keys:
            e = self.gaz.admin_eid(k)
            if e is not None:
                out.add(e)
        return out

    def _town_like_admin2(self, m: Mention, e: int) -> bool:
        """A district named like its seat and written as a town ("Kartal town",
        "in Artuklu") stands for the town: precision 1, not 2."""
        if self.gaz.kind(e) != ADMIN2:
            return False
        a = self.gaz.admin(e)
        return m.admin_level != 2 and loose(a.seat_name or "") == loose(m.text)

    def prior_for(self, prior: str | None = None, outlet: str | None = None) -> str | None:
        """The area prior in force: the caller's, else the outlet's, else the feed's or
        run's (`prior.area_prior`), else the process default (``prior=""`` turns it
        off)."""
        return self.prior_origin(prior, outlet)[0]

    def prior_origin(
        self, prior: str | None = None, outlet: str | None = None
    ) -> tuple[str | None, str]:
        """The area prior in force and where it comes from, for people."""
        if prior == "":
            return None, "turned off"
        if _hint(prior):
            return _hint(prior), "given for this text"
        by_outlet = self.sources.country_of(outlet)
        if by_outlet:
            return by_outlet, f"the outlet's country ({outlet})"
        if block_prior():
            return block_prior(), "the feed's or run's country"
        if self.default_prior:
            return self.default_prior, "the run's default"
        return None, "none set"

    def _analyse_uncached(self, text: str, hint: str | None, prior: str | None) -> list[Mention]:
        text = text[:200_000]  # hostile or huge input: bounded work
        ms = self._named_capitals(self._found_in(text), text)
        self._link_hosts(ms, text)
        self._resolve(ms, text, hint, prior)
        self._spellings_near_the_story(ms)
        self._arabic_quarters_in_host(ms)
        self._points_for_placeless_districts(ms)
        return ms

    def _spellings_near_the_story(self, ms: list[Mention]) -> None:
        """Rule "a spelling near the story": a name whose namesakes are all small
        Iraqi or Syrian places (no population in the data) lying more than STORY_KM
        from every other place the text names, whether chosen or left unread, gives way
        to a close spelling (`fuzzy.py`, edit ratio >= SPELLING_NEAR_RATIO) within
        HOST_KM of one of them: "the Baghaliyeh area near the northern tip of Deir
        el-Zour" is the Deir ez-Zor quarter written Bughayliyah in the data, not the
        Homs village spelt exactly so. A town with people, a name written in Arabic and
        a text with no other place keep their reading."""
        gaz = self.gaz
        if len(ms) < 2:
            return
        for m in ms:
            if m.fuzzy or not m.cands or tx.is_arabic(m.text):
                continue
            # A name left unread stays so unless said as a place ("in X"): "Alaidin
            # al-Ubaidi, an engineer" is a person whose surname is also a village's.
            if m.person or m.in_run or m.group_name:
                continue
            if m.chosen is None and not (m.cue or m.locative):
                continue
            if any(
                gaz.kind(e) != PLACE or gaz.cc[e] not in FOCUS or gaz.pop[e] > 0 for e in m.cands
            ):
                continue
            key = loose(m.text)
            story = [
                o.chosen
                for o in ms
                if o.chosen is not None and gaz.kind(o.chosen) == PLACE and loose(o.text) != key
            ]
            if not story or any(self._km(e, o) <= STORY_KM for e in m.cands for o in story):
                continue
            if self._fuzzy is None:
                self._fuzzy = FuzzyIndex(gaz, FOCUS)
            near = [
                (r, c)
                for c, r in self._fuzzy.lookup(key).items()
                if c not in m.cands
                and r >= SPELLING_NEAR_RATIO
                and any(self._km(c, o) <= HOST_KM for o in story)
            ]
            if not near:
                continue
            r, c = max(near)
            far = min(self._km(e, o) for e in m.cands for o in story)
            m.scores[c] = max(m.scores.get(e, 0.0) for e in m.cands)
            m.cands.append(c)
            m.chosen, m.fuzzy = c, True
            m.ratios[c] = r
            m.reasons[c] = [
                f"{SPELLING_NEAR_STORY}: {gaz.name[c]} (ratio {r:.0f}) lies within "
                f"{HOST_KM:.0f} km of the text's places, the exact namesakes {far:.0f} km "
                "or more away"
            ]

    def _km(self, a: int, b: int) -> float:
        gaz = self.gaz
        return haversine_km(gaz.lat[a], gaz.lon[a], gaz.lat[b], gaz.lon[b])

    def _arabic_quarters_in_host(self, ms: list[Mention]) -> None:
        """ "حي اليرموك غربي بعقوبة" with no Yarmouk in Baqubah in the data: the
        namesakes lie outside the city the text puts it in (or are no place at all in
        this text), so the quarter is placed at that city (its words stay the
        evidence), and a toll told over it and the next place is still split over
        both."""
        for m in ms:
            h = m.host
            if (
                m.chosen is None
                and h is not None
                and h.chosen is not None
                and m.outside_host
                and m.arabic_host
            ):
                m.chosen = h.chosen
                m.scores[h.chosen] = h.scores.get(h.chosen, 0.0)
                m.reasons[h.chosen] = [f"no namesake inside {h.text!r} named next to it"]

    def _points_for_placeless_districts(self, ms: list[Mention]) -> None:
        """A district with no place of its own in the data has only its governorate's
        point; a town the same text puts inside it ("Hofuf in al-Ahsa") gives a
        point in it."""
        gaz = self.gaz
        units: dict[int, list[Mention]] = {}
        for m in ms:
            e = m.chosen
            if e is not None and gaz.kind(e) == ADMIN2 and gaz.admin(e).seat_gid == PARENT_POINT:
                units.setdefault(e, []).append(m)
        if not units:
            return
        for o in ms:
            h = o.host
            if h is None or h.chosen not in units or o.chosen is None:
                continue
            if gaz.kind(o.chosen) != PLACE or gaz.adm1[o.chosen] != gaz.admin(h.chosen).parent:
                continue
            for m in units.pop(h.chosen):
                m.point_from = o.chosen
            if not units:
                return

    def _link_hosts(self, ms: list[Mention], text: str) -> None:
        """Mark each place that the text puts inside the next (or previous) one."""
        for k, (a, b) in enumerate(pairwise(ms)):
            gap = text[a.end : b.start]
            bracket = tx.arabic_bracket_reference(gap)
            if bracket == "offset":
                continue  # "كركوك (240 كلم شمال بغداد)": Baghdad is a reference
            if tx.host_after(gap) and a.host is None:
                if "(" in gap:
                    # "X (District, Governorate)": the last unit in the brackets, the
                    # biggest, is the one to lie in.
                    close = text.find(")", b.end)
                    inside = [o for o in ms[k + 1 :] if close >= 0 and o.end <= close]
                    b = inside[-1] if inside else b
                    a.units_after = inside
                else:
                    a.units_after = [b]
                a.host = b
                # "X, Marib Province": an admin word makes a comma an address.
                a.host_strict = gap.strip(" ,") != "" or b.admin_level in (1, 2)
                if bracket == "bearing":
                    # "الرمادي (غرب بغداد)" beside the city, "اليرموك (غرب بغداد)" in it.
                    a.host_strict = False
            elif tx.host_before(gap) and b.host is None:
                b.host = a
                b.host_strict = True
            if a.host is None and (tx.bearing_gap(gap) or _arabic_bearing_from(a, b, text)):
                a.bearing_ref = b
        self._link_arabic_hosts(ms, text)
        gaz = self.gaz
        for m in ms:
            near: set[str] = set()
            if m.host is not None:  # "X, Syria", "X in Syria", "Syria's X"
                near |= {gaz.entity_cc(e) for e in m.host.cands if gaz.kind(e) == COUNTRY}
            word = tx.demonym_before(text, m.start)  # "the Syrian village of X"
            if word is not None and loose(word) in gaz.demonyms:
                near.add(gaz.demonyms[loose(word)])
            m.near_cc = frozenset(near)

    def _link_arabic_hosts(self, ms: list[Mention], text: str) -> None:
        """Arabic: "حي اليرموك غربي بعقوبة", "اليرموك الثانية في بعقوبة" put the quarter in
        the city (`text.arabic_host_after`; the word between may itself be read as a
        name, so the host may be the mention after next), and "حيي اليرموك والاملاك في
        بعقوبة" puts both quarters joined by "و" there."""
        toks: list[tx.Token] | None = None
        for k, a in enumerate(ms):
            if a.host is not None or not tx.is_arabic(a.text):
                continue
            toks = toks or tx.tokens(text)
            in_list = tx.arabic_quarter_list_cue(text, toks, a.start)
            for b in ms[k + 1 : k + 3]:
                if tx.arabic_host_after(text[a.end : b.start], in_list):
                    # Not strict: "بعقوبة شمال شرقي بغداد" is a city beside another,
                    # so only a small namesake (a quarter, a village) is ruled out.
                    a.host, a.host_strict, a.units_after = b, False, [b]
                    a.arabic_host = True
                    break
        for a, b in reversed(list(pairwise(ms))):
            if a.host is None and b.host is not None and tx.arabic_joined(text[a.end : b.start]):
                a.host, a.host_strict, a.units_after = b.host, b.host_strict, b.units_after
                a.arabic_host = b.arabic_host

    def _found_in(self, text: str) -> list[Mention]:
        """`_find(text)`, found once for the last few texts: each call gets its own
        copy (the analysis writes into the mentions) and logs what `_find` logs."""
        frozen, notes = self._found(text)
        for phrase, start, why_not in notes:
            log.debug("%r at %d is not a place (rule %s)", phrase, start, why_not)
        ms: list[Mention] = pickle.loads(frozen)
        return ms

    def _find_frozen(self, text: str) -> tuple[bytes, tuple[tuple[str, int, str], ...]]:
        # Pickled, not kept as objects: one load is a deep copy at a fifth of
        # copy.deepcopy's cost, and no caller can reach the cached mentions.
        notes: list[tuple[str, int, str]] = []
        ms = self._find(text, notes)
        return pickle.dumps(ms, protocol=pickle.HIGHEST_PROTOCOL), tuple(notes)

    def _find(self, text: str, notes: list[tuple[str, int, str]] | None = None) -> list[Mention]:
        """Every gazetteer name in `text` with its namesakes. A name a word rule rules
        out is logged, or added to `notes` (phrase, start, rule) for the caller to log."""
        gaz = self.gaz
        toks = tx.tokens(text)
        dl = tx.dateline_span(text)
        out: list[Mention] = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            in_dateline = dl is not None and dl[0] <= t.start < dl[1]
            unit = None if t.capital else self._unit_with_compass_word(text, toks, i)
            if unit is None and (not t.capital or (t.is_acronym and not in_dateline)):
                i += 1
                continue
            found: tuple[int, str, list[int], bool] | None = unit
            arabic = tx.is_arabic(t.text)
            # "ببغداد", "وبالموصل": Arabic attaches prepositions and "and" to the name.
            prefixes = tx.arabic_prefixes_of(t.text) if arabic else []
            prefix = ""
            start = t.start
            for j in range(min(n, i + MAX_WORDS), i, -1):
                if found is not None:
                    break
                last = toks[j - 1]
                if not last.capital:
                    continue
                if not _joined(text, toks, i, j):
                    continue
                phrase = text[t.start : last.end]
                key = loose(phrase)
                address = tx.in_address(text, last.end) and not t.is_acronym
                if address:
                    # Inside "X, Eastern, Saudi Arabia" a bare word is an admin unit.
                    units = self._admin_hits(key)
                    if units:
                        found = (j, phrase, units, False)
                        break
                if key in gaz.stopwords:
                    break  # "White House": not "White" either
                if (
                    arabic
                    and key in tx.arabic_place_words().not_places
                    and not tx.arabic_quarter_cue(text, toks, i)
                ):
                    break  # "على" is "on", not the village Al Ali; "حي الأمين" is a quarter
                if len(norm(phrase)) < 3 or _only_articles(key):
                    continue
                if (
                    key in gaz.name_heads
                    and j < n
                    and toks[j].capital
                    and _joined(text, toks, i, j + 1)
                ):
                    continue  # "Tal" of "Tal Jammeh": generic head of a longer name
                hits = gaz.lookup(key)
                common = False
                # Longest prefix first, then shorter: "وكركوك" is و + كركوك, not وك + ركوك.
                for pfx in prefixes if not hits else []:
                    bare = text[t.start + len(pfx) : last.end]
                    if j == i + 1 and loose(bare) in tx.arabic_place_words().not_places:
                        common = True
                        break
                    hits = gaz.lookup(loose(bare))
                    if hits:
                        phrase, start, prefix = bare, t.start + len(pfx), pfx
                        break
                if common:
                    break
                if hits:
                    found = (j, phrase, list(hits), False)
                    break
                # Arabic words are too short and too alike for near spellings
                # ("سوريا" is not the village Wiriyah).
                if j - i <= 4 and not arabic:
                    found = self._find_fuzzy(text, toks, i, j)
                    if found is not None:
                        break
            if found is None:
                i += 1
                continue
            j, phrase, cands, fuzzy = found
            site = None if arabic else self._site_with_common_head(text, toks, i, j)
            if site is not None:
                j, phrase, cands, fuzzy = site[0], site[1], site[2], False
            if arabic and tx.arabic_owner_before(text, toks, i):
                log.debug("%r at %d is not a place (a title or company word before it)",
                          phrase, t.start)  # fmt: skip
                i = j  # "العميد عبد الأمير", "شركة المنصور": a person's or a company's name
                continue
            facility = j < n and loose(toks[j].text) in gaz.facility_words
            if not facility and self._modified_facility(text, toks, j) is not None:
                i = j  # "the Al-Sadr teaching hospital in Najaf": the hospital's name
                continue
            if facility and (
                toks[j].capital
                or not any(self._major(c) for c in cands)
                # "Ulus square in Altindag": the text says where the facility is
                or tx.host_follows(text, toks[j].end)
            ):
                i = j  # "Hazal Park", "Ulus square": a named facility, not the town
                continue
            if loose(phrase) in gaz.demonyms:
                i = j  # "Iraqi forces": country context, not a place
                continue
            why_not = self._not_a_place(text, toks, j, start, toks[j - 1].end, phrase)
            if why_not is not None:
                if notes is None:
                    log.debug("%r at %d is not a place (rule %s)", phrase, start, why_not)
                else:
                    notes.append((phrase, start, why_not))
                i = j
                continue
            m = Mention(start, toks[j - 1].end, phrase, cands)
            m.fuzzy = fuzzy
            if fuzzy:
                m.ratios = dict(self._last_ratios)
            m.dateline = in_dateline
            m.sentence_start = tx.is_sentence_start(text, t.start)
            aw = tx.admin_word_after(text, m.end)
            if aw is not None:
                m.admin_level, m.admin_word_end = aw
            else:
                m.admin_level = tx.admin_word_before(text, m.start)
            m.relation = tx.relation_before(text, m.start)
            if m.relation.kind == "near" and m.relation.area and m.admin_level is None:
                m.admin_level = 0  # "the countryside of Quamishli": an area
            m.locative = tx.locative_before(text, m.start)
            m.origin = tx.origin_before(text, m.start)
            m.in_parens = tx.in_parentheses(text, m.start)
            m.person = tx.person_cue(text, m.start, m.end) and not m.locative
            m.in_run = _in_longer_name(text, toks, i, j)
            # "the Hospital of Azaz city": a place word after it makes it a place.
            m.group_name = (
                _in_group_name(text, toks, i)
                and not tx.place_word_after(text, m.end)
                and not _last_of_a_list(text, out, toks[i - 1])
            )
            m.cue = tx.place_cue(text, m.start) or m.in_parens or m.admin_level is not None
            if arabic:
                # No capitals in Arabic: a run of words is no sign of a person's name, and
                # the cue is Arabic ("في الكرادة", "ببغداد", "حي الجامعة").
                m.in_run = False
                ar_cue = tx.arabic_place_cue(text, toks, i, "" if start == t.start else prefix)
                m.locative = m.locative or ar_cue
                m.cue = m.cue or ar_cue
                if not m.relation.kind:
                    prev_end = out[-1].end if out else None
                    m.relation = tx.arabic_direction_before(text, toks, i, prev_end) or m.relation
            out.append(m)
            i = j
        return out

    def _unit_with_compass_word(
        self, text: str, toks: list[tx.Token], i: int
    ) -> tuple[int, str, list[int], bool] | None:
        """Rule "unit named by a compass word": a lower-case compass word and the name
        after it that together name an admin unit ("in south Lebanon" is Lebanon's South
        governorate, whose official name is "South Lebanon") are that unit, not the
        whole country. Only units the gazetteer or `admin_aliases.tsv` call so: "south
        Syria" names none and stays Syria."""
        t = toks[i]
        if tx.bearing_word(t.text) is None or i + 1 >= len(toks):
            return None
        for j in range(min(len(toks), i + 1 + MAX_WORDS), i + 1, -1):
            if not toks[j - 1].capital or not _joined(text, toks, i + 1, j):
                continue
            if not _joined_by_space(text, t, toks[i + 1]):
                return None
            phrase = text[t.start : toks[j - 1].end]
            units = [
                e for e in self.gaz.lookup(loose(phrase)) if self.gaz.kind(e) in (ADMIN1, ADMIN2)
            ]
            if units:
                log.debug("%r is an admin unit: %s", phrase, UNIT_WITH_COMPASS_WORD)
                return j, phrase, units, False
        return None

    def _site_with_common_head(
        self, text: str, toks: list[tx.Token], i: int, j: int
    ) -> tuple[int, str, list[int]] | None:
        """Rule "site with a common head": a name followed by one or two lower-case
        words that together name a site of `extra_places.tsv` ("near Damascus airport",
        "the Baiji refinery") is that site, not the town it is named after: the airport
        lies outside the city, in another governorate. Only the sites (feature FAC), so
        "Mosul city" or "Anbar province" keep their own readings."""
        gaz = self.gaz
        for k in range(j + 1, min(len(toks), j + SITE_HEAD_WORDS) + 1):
            head = toks[k - 1]
            if head.capital or not _joined_by_space(text, toks[k - 2], head):
                return None
            phrase = text[toks[i].start : head.end]
            sites = [
                e for e in gaz.lookup(loose(phrase))
                if gaz.kind(e) == PLACE and gaz.fcode[e] == SITE_FCODE
            ]  # fmt: skip
            if sites:
                log.debug("%r is a site: %s", phrase, SITE_WITH_COMMON_HEAD)
                return k, phrase, sites
        return None

    def _modified_facility(self, text: str, toks: list[tx.Token], j: int) -> int | None:
        """Rule "modified facility": one or two modifiers (`facility_modifiers.txt`) and a
        facility word after a name, and a place after the facility ("the Al-Sadr
        teaching hospital in Najaf"), make the name the facility's: the index of the
        facility word, else None. Without the place after it the name stays a place
        ("Tikrit general hospital" is in Tikrit)."""
        gaz = self.gaz
        k = j
        while k < len(toks) and k - j < 2 and loose(toks[k].text) in gaz.facility_modifiers:
            if toks[k].capital or not _joined_by_space(text, toks[k - 1], toks[k]):
                return None
            k += 1
        if k == j or k >= len(toks) or loose(toks[k].text) not in gaz.facility_words:
            return None
        if not _joined_by_space(text, toks[k - 1], toks[k]):
            return None
        return k if tx.host_follows(text, toks[k].end) else None

    def _named_capitals(self, ms: list[Mention], text: str) -> list[Mention]:
        """Read "the Syrian capital", "Burkina Faso's capital", "the capital of Iraq"
        as the capital city (capitals.py rules); a country mention inside such a
        phrase gives way to it. "The capital" with no country stays unread, and so
        does a phrase the city's own name follows ("the Syrian capital Damascus")."""
        gaz, cw = self.gaz, self.capital_words

        def city_follows(end: int, found: list[Mention]) -> bool:
            gap = re.match(r",?\s+", text[end : end + 4])
            return gap is not None and any(o.start == end + gap.end() for o in found)

        out: list[Mention] = []
        for m in ms:
            ccs = {gaz.entity_cc(e) for e in m.cands if gaz.kind(e) == COUNTRY}
            cap = self._capital(next(iter(ccs))) if len(ccs) == 1 else None
            if cap is not None:
                start, end, rule = m.start, cw.possessive_capital(text, m.end), ""
                if end is not None:
                    rule = "country-possessive-capital"
                else:
                    begin = cw.capital_of(text, m.start)
                    if begin is not None:
                        start, end, rule = begin, m.end, "capital-of-country"
                if end is not None and not city_follows(end, ms):
                    out.append(self._capital_mention(text, start, end, cap, rule))
                    continue
            out.append(m)
        for start, end, cc in cw.demonym_capital(text, gaz.demonyms):
            cap = self._capital(cc)
            if cap is None or city_follows(end, ms):
                continue
            if any(o.start < end and start < o.end for o in out):
                continue
            out.append(self._capital_mention(text, start, end, cap, "demonym-capital"))
        out.sort(key=lambda o: o.start)
        return out

    def _capital_mention(self, text: str, start: int, end: int, cap: int, rule: str) -> Mention:
        m = Mention(start, end, text[start:end], [cap])
        m.capital_rule = rule
        m.cue = True  # the phrase itself says it is a city
        m.sentence_start = tx.is_sentence_start(text, start)
        m.relation = tx.relation_before(text, start)
        m.locative = tx.locative_before(text, start)
        m.origin = tx.origin_before(text, start)
        return m

    def _not_a_place(
        self, text: str, toks: list[tx.Token], j: int, start: int, end: int, phrase: str
    ) -> str | None:
        """The word rule (`wordrules.RULES`) that makes this name a person, a date or
        a common word rather than a place, if one does."""
        nxt = toks[j] if j < len(toks) else None
        next_capital = (
            nxt is not None
            and nxt.capital
            and text[end : nxt.start] in (" ", "-")
            and nxt.text.lower() not in tx.PLACE_MODIFIERS
        )
        name = wr.Name(text, start, end, loose(phrase), next_capital)
        return wr.not_a_place(self.words, name)

    def _admin_hits(self, key: str) -> list[int]:
        gaz = self.gaz
        hits = (*gaz.lookup(key), *gaz.lookup(ADDRESS_KEY + key))
        return [e for e in dict.fromkeys(hits) if gaz.kind(e) in (ADMIN1, ADMIN2)]

    def _find_fuzzy(
        self, text: str, toks: list[tx.Token], i: int, j: int
    ) -> tuple[int, str, list[int], bool] | None:
        """A capitalised phrase the text marks as a place ("Tawileh town", "village
        of Fleifel") but the exact index lacks: close spellings of Iraqi/Syrian places."""
        last = toks[j - 1]
        if last.is_acronym:
            return None
        typed = (
            tx.place_word_after(text, last.end)
            or tx.place_word_before(text, toks[i].start)
            # "in Muqdadya, Diyala": a name placed in a bigger one by the text.
            or (
                tx.locative_before(text, toks[i].start)
                and (tx.in_address(text, last.end) or tx.bearing_follows(text, last.end))
            )
            or tx.host_follows(text, last.end)  # "Kafr Sousa in Damascus"
        )
        if not typed:
            return None
        phrase = text[toks[i].start : last.end]
        key = loose(phrase)
        if len(key) < 4 or key in self.gaz.stopwords or _only_articles(key):
            return None
        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex(self.gaz, FOCUS)
        hits = self._fuzzy.lookup(key)
        if not hits:
            return None
        self._last_ratios = hits
        return (j, phrase, list(hits), True)

    def _resolve(
        self, ms: list[Mention], text: str, hint: str | None, prior: str | None = None
    ) -> None:
        gaz = self.gaz
        # Country context: hint, named countries, demonyms, actors and words that
        # belong to one country ("peshmerga", "Houthi": country_cues.tsv).
        countries: Counter[str] = Counter()
        for t in tx.tokens(text):
            cc = gaz.demonyms.get(loose(t.text))
            if cc:
                countries[cc] += 1
        if self._cue_re is not None:
            for hit in self._cue_re.finditer(text):
                countries[gaz.country_cues[hit.group(0)]] += 1
        for m in ms:
            ccs = {gaz.entity_cc(e) for e in m.cands if gaz.kind(e) == COUNTRY}
            for cc in ccs:
                countries[cc] += 2
        # A namesake's prior reads only the mention and the text's countries, which the
        # passes below do not change: computed once, not once a pass.
        priors: dict[tuple[int, int], tuple[float, list[str]]] = {}
        for m in ms:
            for e in m.cands:
                priors[id(m), e] = self._prior(e, m, hint, countries, prior)
                m.scores[e], m.reasons[e] = priors[id(m), e]
        # The mentions named right next to each (`_context` asks for every namesake).
        by_start = _ByStart(ms)
        adjacent = {id(m): by_start.adjacent(m) for m in ms}
        # Admin mentions that are unambiguous anchor the others.
        for _ in range(2):
            for m in ms:
                self._choose(m)
            admin_ctx = self._admin_context(ms)
            placed = self._placed(ms)
            for m in ms:
                for e in m.cands:
                    base, why = priors[id(m), e]
                    extra, why2 = self._context(e, m, ms, admin_ctx, text, placed, adjacent)
                    m.scores[e] = base + extra
                    m.support[e] = extra
                    m.reasons[e] = why + why2
        for m in ms:
            self._choose(m)
        named = {hint, prior, *countries}
        # A name used for a person anywhere in the text is a person everywhere, and so
        # is a full name ending in a surname used alone for a person ("Ibrahim Aziz",
        # "Aziz told").
        persons = {loose(m.text) for m in ms if m.person} | tx.speakers(text)

        def fits_text(m: Mention, e: int) -> bool:
            """The checks that do not depend on the country vote."""
            if m.scores[e] < 0.5 or e in m.outside_host:
                return False
            kind = gaz.kind(e)
            big_place = kind == PLACE and self._major(e) and gaz.fcode[e] != "PPLX"
            key = loose(m.text)
            named_person = key in persons or key.split(" ")[-1] in persons
            if kind in (PLACE, ADMIN2) and not big_place and named_person:
                return False  # "Abadi said", "Ibrahim Aziz ... Aziz told"
            if m.group_name and not m.locative:
                return False  # "Ahrar al Sharqiyah fighters": a group, not a place
            if kind != COUNTRY and not big_place and m.in_run:
                return False  # "Haider al-Abadi", "President Vladimir Putin"
            quiet = not m.cue and not m.fuzzy and m.support.get(e, 0.0) < 3.0
            if quiet and not self._major(e):
                return False  # a small place named with no cue and no support
            placeless = kind == ADMIN2 and gaz.admin(e).seat_gid == PARENT_POINT
            if placeless and m.support.get(e, 0.0) < 2.0:
                # A district with no place of its own ("أدى", Chad's Ade, in "ما أدى
                # إلى"): only with its governorate or neighbours named.
                return False
            return not (m.fuzzy and m.support.get(e, 0.0) < 2.0)  # a near spelling
            # needs its admin unit or neighbours named

        by_cc: Counter[str] = Counter()
        # Only a reading that survives the text's own checks votes for its country
        # (not "Shuhada Badr" of a group's name, nor a namesake outside its host).
        voters = [m for m in ms if m.chosen is not None and fits_text(m, m.chosen)]
        for m in voters:
            assert m.chosen is not None
            # An admin unit named ("(Hayran, Hajjah)") is stronger evidence of the
            # country than one more town, but not twice over when it only holds the
            # place named before it.
            unit = gaz.kind(m.chosen) in (ADMIN1, ADMIN2)
            weight = 2 if unit and not self._unit_of_pair(m, voters) else 1
            by_cc[gaz.entity_cc(m.chosen)] += weight
        top_cc, top_n = by_cc.most_common(1)[0] if by_cc else ("", 0)

        def paired_reading(m: Mention, e: int) -> bool:
            """Rule "address pair": a name and the admin unit it lies in, named next to
            each other ("a suburb of Alexandria, Virginia"), state their country
            themselves: a foreign pair in an Iraq story is not a namesake the
            gazetteer lacks."""
            return e in m.paired and e == m.chosen

        def arabic_unit(m: Mention, e: int) -> bool:
            # Arabic common words match villages everywhere ("تحت", "مستوى"), so an
            # Arabic text's majority country is a weak vote: a governorate of the focus
            # countries named ("الأنبار") is not outvoted by it into a foreign village
            # namesake (a dateline's "دبي" still is).
            return gaz.kind(e) == ADMIN1 and gaz.entity_cc(e) in FOCUS and tx.is_arabic(m.text)

        def plausible(m: Mention, e: int) -> bool:
            if not fits_text(m, e):
                return False
            cc = gaz.entity_cc(e)
            kind = gaz.kind(e)
            if cc in named or kind == COUNTRY or paired_reading(m, e):
                return True
            # A place of another country than the text's clear majority, with no
            # country named for it, is a namesake of a place the gazetteer lacks.
            if top_n >= 2 and cc != top_cc and by_cc[cc] < top_n and not arabic_unit(m, e):
                return False
            # A small foreign namesake that nothing else in the text points to is
            # more often a word, a person or a misspelling than a place.
            own = 0
            if m.chosen is not None and gaz.entity_cc(m.chosen) == cc:
                own = 2 if gaz.kind(m.chosen) in (ADMIN1, ADMIN2) else 1
            if cc in FOCUS or by_cc[cc] - own >= 1 or kind == ADMIN1:
                return True
            return kind == PLACE and gaz.pop[e] >= UNSUPPORTED_MIN_POP

        for m in ms:
            best = max(m.cands, key=lambda e: (m.scores[e], -e)) if m.cands else None
            self._choose(m, plausible)
            lost_capital = (
                best is not None
                and m.chosen != best
                and gaz.kind(best) == PLACE
                and gaz.fcode[best] == "PPLC"
            )
            if lost_capital:
                # "Beirut" in a text about other countries is still Beirut, never a
                # village that happens to share the name: leave it unresolved.
                m.chosen = None

    def _unit_of_pair(self, m: Mention, ms: list[Mention]) -> bool:
        """Whether ``m`` is the unit of an address pair, named right next to the place
        it holds ("Alexandria, Virginia"): the pair is one statement of its country, so
        the unit adds no more than a town would (two US names must not outvote three
        Iraqi cities)."""
        if m.chosen is None or m.chosen not in m.paired:
            return False
        return any(
            o is not m
            and o.chosen is not None
            and o.chosen in o.paired
            and 0 <= m.start - o.end < 40
            and self._contains(m.chosen, o.chosen)
            for o in ms
        )

    def _choose(self, m: Mention, keep: Callable[[Mention, int], bool] | None = None) -> None:
        allowed = m.cands if keep is None else [e for e in m.cands if keep(m, e)]
        if m.admin_level in (1, 2):
            same = [e for e in allowed if self.gaz.kind(e) == m.admin_level]
            if same:
                allowed = same
        if not allowed:
            m.chosen = None
            return
        if m.fuzzy:
            # Two villages as close in spelling and as unknown ("Golat": Kawlat or
            # Gilali): the one nearer the text's other places. (For exact names this
            # tie-break cost 0.6 points of ACLED's 25 km figure: the lower id stays.)
            m.chosen = max(allowed, key=lambda e: (m.scores[e], -m.nearest.get(e, 100.0), -e))
            return
        m.chosen = max(allowed, key=lambda e: (m.scores[e], -e))

    def _prior(
        self,
        e: int,
        m: Mention,
        hint: str | None,
        countries: Counter[str],
        prior: str | None = None,
    ) -> tuple[float, list[str]]:
        gaz = self.gaz
        kind = gaz.kind(e)
        why: list[str] = []
        if kind == PLACE:
            pop = gaz.pop[e]
            score = 0.6 * math.log10(pop + 1) + FCODE_BONUS.get(gaz.fcode[e], 0.0)
            why.append(f"population {pop}" if pop else "no population")
            if gaz.fcode[e] in FCODE_BONUS:
                why.append(f"feature {gaz.fcode[e]}")
            if m.admin_level in (1, 2):
                score -= 1.0
        else:
            score = KIND_BASE[kind]
            why.append({ADMIN1: "admin1 name", ADMIN2: "admin2 name", COUNTRY: "country"}[kind])
            if kind == ADMIN2 and gaz.admin(e).seat_gid == PARENT_POINT and m.admin_level != 2:
                # A district the data holds no place of has only its governorate's
                # point: a town of the name ("al-Ahsa", Hofuf) places it better.
                score -= NO_PLACE_DISTRICT_COST
                why.append("district with no place of its own")
        cc = gaz.entity_cc(e)
        if hint and cc == hint:
            score += 4.0
            why.append("country hint")
        elif countries.get(cc):
            score += min(3.0, 1.5 * countries[cc])
            why.append("country named in text")
        elif cc in FOCUS:
            score += 0.5
        if prior and cc == prior:
            score += PRIOR_WEIGHT
            why.append("area prior")
        if cc in m.near_cc:
            # "the Syrian village of X", "X, Syria": stronger than any prior.
            score += NEAR_COUNTRY_WEIGHT
            why.append("country named next to it")
        elif m.near_cc and kind != COUNTRY:
            score -= NEAR_COUNTRY_WEIGHT
            why.append("another country named next to it")
        unasked = cc not in FOCUS and cc != hint and cc != prior and not countries.get(cc)
        if kind == PLACE and unasked and m.sentence_start and len(m.text.split()) == 1:
            # A foreign town no context asks for, as a sentence's first word: likely a word.
            score -= 2.0
            why.append("sentence-initial word")
        if len(m.text) <= 4 and kind == PLACE:
            score -= 1.0
        if m.fuzzy:
            # The closer the spelling, the smaller the cost ("Khanaqen" ~ "Khanaqin").
            ratio = m.ratios.get(e, FUZZY_MIN_RATIO)
            score -= 1.0 + (100.0 - ratio) / 15.0
            why.append(f"close spelling ({ratio:.0f}%)")
        if m.in_parens:
            # ACLED-style "(Al Hazm, Al Jawf)" names the admin units of the place before.
            score += 2.5 if kind in (ADMIN1, ADMIN2) else -1.0
        return score, why

    def _admin_context(self, ms: list[Mention]) -> dict[str, _ByStart]:
        """Admin keys named in the text (as admin units), with where."""
        ctx: dict[str, list[Mention]] = {}
        for m in ms:
            if m.chosen is None:
                continue
            gaz = self.gaz
            k = gaz.kind(m.chosen)
            if k in (ADMIN1, ADMIN2):
                ctx.setdefault(gaz.admin(m.chosen).key, []).append(m)
            elif k == PLACE:
                # "Al Hasakeh" names the city and its governorate at once: the
                # governorate (or district) of the same name is context too, and so
                # is the unit of "Marib Province" whichever namesake won.
                for e in m.cands:
                    if gaz.kind(e) in (ADMIN1, ADMIN2):
                        key = gaz.admin(e).key
                        if key in (gaz.adm1[m.chosen], gaz.adm2[m.chosen]):
                            ctx.setdefault(key, []).append(m)
        return {key: _ByStart(named) for key, named in ctx.items()}

    def _context(
        self,
        e: int,
        m: Mention,
        ms: list[Mention],
        admin_ctx: dict[str, _ByStart],
        text: str,
        placed: _Placed | None = None,
        adjacent: dict[int, list[Mention]] | None = None,
    ) -> tuple[float, list[str]]:
        gaz = self.gaz
        kind = gaz.kind(e)
        score = 0.0
        why: list[str] = []
        m.paired.discard(e)
        if kind == PLACE:
            keys = (gaz.adm1[e], gaz.adm2[e])
        elif kind == ADMIN2:
            keys = (gaz.admin(e).parent, "")
        else:
            keys = ("", "")
        for key in keys:
            if not key or key not in admin_ctx:
                continue
            named = admin_ctx[key]
            if not named.has_other(m):
                continue
            o = named.next_to(m)
            score += 3.0 + (2.0 if o is not None else 0.0)
            if o is not None:
                m.admin_spans = [(o.start, o.end)]
                m.paired.add(e)
            why.append(
                f"in {gaz.admin_name(key)} named {'next to it' if o is not None else 'in the text'}"
            )
        if m.host is not None and kind != COUNTRY:
            bonus, note = self._host_fit(e, m, m.host)
            score += bonus
            if note:
                why.append(note)
        bref = m.bearing_ref
        if (
            bref is not None
            and bref.chosen is not None
            and kind != COUNTRY
            and gaz.kind(bref.chosen) != COUNTRY
            and gaz.entity_cc(e) != gaz.entity_cc(bref.chosen)
        ):
            # Rule "bearing reference": a place told by a bearing from another lies in
            # the other's country ("Yathrib area, south of Balad" is not Saudi Arabia's
            # Medina, once called Yathrib).
            m.outside_host.add(e)
            score -= 6.0
            why.append(f"not in the country of {bref.text!r} it is told from")
        if bref is not None and tx.is_arabic(m.text) and self._near_bearing_ref(e, bref):
            # Rule "Arabic bearing reference": "منطقة الحسينية جنوب شرق بغداد" is the
            # Husseiniya near Baghdad, not a namesake by Karbala the article also names.
            score += ARABIC_BEARING_BONUS
            why.append(f"within {ARABIC_BEARING_KM:g} km of {bref.text!r} it is told from")
        # Namesakes of neighbouring names that fit together ("Tripoli (Tripoli)",
        # "Qatana, Rural Damascus"): one contains the other, whatever was chosen.
        if not any(w.startswith("in ") for w in why):
            for o in self._adjacent(m, ms) if adjacent is None else adjacent[id(m)]:
                if any(self._contains(c, e) or self._contains(e, c) for c in o.cands):
                    score += 3.0
                    why.append(f"fits {o.text!r} next to it")
                    if o.chosen is not None and (
                        self._contains(o.chosen, e) or self._contains(e, o.chosen)
                    ):
                        m.paired.add(e)  # with the neighbour's own reading, not a namesake
                    if not m.admin_spans and any(self._contains(c, e) for c in o.cands):
                        m.admin_spans = [(o.start, o.end)]
                    break
        # Nearness to the other places of the article.
        lat, lon = self._coords_of(e)
        if lat is not None and lon is not None:
            close, same_cc, nearest = self._nearness(
                e, m.text, lat, lon, self._placed(ms) if placed is None else placed
            )
            m.nearest[e] = nearest
            if close:
                # (A bonus graded by the nearest distance was tried: it cost 0.7 points
                # of ACLED's 25 km figure, so nearness stays a count.)
                score += min(3.0, 1.5 * close)
                why.append(f"{close} other place(s) within 100 km (nearest {nearest:.0f} km)")
            if same_cc:
                score += min(2.0, 0.7 * same_cc)
                why.append("same country as other places")
        return score, why

    def _near_bearing_ref(self, e: int, bref: Mention) -> bool:
        if bref.chosen is None or self.gaz.kind(bref.chosen) == COUNTRY:
            return False
        lat, lon = self._coords_of(e)
        rlat, rlon = self._coords_of(bref.chosen)
        if lat is None or lon is None or rlat is None or rlon is None:
            return False
        return km(lat, lon, rlat, rlon) <= ARABIC_BEARING_KM

    @staticmethod
    def _adjacent(m: Mention, ms: list[Mention]) -> list[Mention]:
        """The other mentions of ``ms`` within 40 characters of ``m``, in text order."""
        return _ByStart(ms).adjacent(m)

    def _nearness(
        self, e: int, name: str, lat: float, lon: float, placed: _Placed
    ) -> tuple[int, int, float]:
        """How many placed mentions (other than those of ``name``) lie within 100 km of
        namesake ``e`` at (lat, lon), how many share its country, and the nearest one's
        distance (100 when none is near). The answer reads only ``e``, ``name`` and the
        names, points and countries of ``placed``: the second scoring pass, the analysis
        with the country hint and a name told twice ask the same again, so it is kept
        for each such set of placed mentions."""
        memo = placed.near
        hit = memo.get((e, name))
        if hit is not None:
            return hit
        close = 0
        same_cc = 0
        nearest = 100.0
        cc = self.gaz.entity_cc(e)
        for o_text, olat, olon, occ in placed.points:
            if o_text == name:
                continue
            # A degree of latitude is 111 km, so this far apart in latitude alone
            # is beyond 100 km: skip the great-circle formula (same counts).
            if abs(lat - olat) < _FAR_LAT_DEG:
                d = km(lat, lon, olat, olon)
                if d < 100:
                    close += 1
                    nearest = min(nearest, d)
            if occ == cc:
                same_cc += 1
        hit = memo[e, name] = (close, same_cc, nearest)
        return hit

    def _placed(self, ms: list[Mention]) -> _Placed:
        """The mentions that count as neighbours of another (a chosen reading with
        coordinates; a person's name, "Captain Daham", is no neighbour), with their
        coordinates and country: computed once a scoring pass, not for every pair; with
        the nearness answers already found for the same set (`_nearness`)."""
        out = []
        for o in ms:
            if o.chosen is None or o.person or o.in_run:
                continue
            olat, olon = self._coords_of(o.chosen)
            if olat is None or olon is None:
                continue
            out.append((o.text, olat, olon, self.gaz.entity_cc(o.chosen)))
        points = tuple(out)
        placed = self._near_memo.get(points)
        if placed is None:
            if len(self._near_memo) >= _NEAR_MEMO_SETS:
                del self._near_memo[next(iter(self._near_memo))]
            placed = self._near_memo[points] = _Placed(points, {})
        return placed

    def _host_fit(self, e: int, m: Mention, host: Mention) -> tuple[float, str]:
        """How well namesake ``e`` fits the bigger place the text puts it in: inside
        (an admin unit containing it, a city within HOST_KM) gains; a small namesake
        outside every reading of a big host ("Zuhur neighbourhood of Mosul" -> a Zuhur
        in Egypt) is ruled out, so the host itself becomes the place."""
        gaz = self.gaz
        if e in host.cands:
            return 0.0, ""
        lat, lon = self._coords_of(e)
        big = False
        for c in host.cands:
            kc = gaz.kind(c)
            if kc == COUNTRY:
                if gaz.entity_cc(e) == gaz.country(c)[0]:
                    return 0.0, ""
                continue
            if kc in (ADMIN1, ADMIN2):
                big = True
                if self._contains(c, e):
                    return 0.0, ""  # scored as admin context already
                if self._in_placeless_district(c, e):
                    return 0.0, ""  # its extent is unknown: only its governorate tells
                continue
            if not self._major(c):
                continue
            big = True
            if lat is None or lon is None:
                continue
            if km(lat, lon, gaz.lat[c], gaz.lon[c]) <= HOST_KM:
                return 3.0, f"inside {host.text!r} named next to it"
        if big and (m.host_strict or not self._major(e)):
            # A bare comma may join a list of equals ("Tal Afar, Sinjar"): only a
            # small namesake is ruled out then.
            m.outside_host.add(e)
            return -6.0, f"not inside {host.text!r} named next to it"
        return 0.0, ""

    def _in_placeless_district(self, unit: int, e: int) -> bool:
        """Whether place ``e`` may lie in ``unit``, a district none of whose places the
        data holds (GeoNames files al-Ahsa's Hofuf elsewhere): in its governorate."""
        gaz = self.gaz
        if gaz.kind(unit) != ADMIN2 or gaz.kind(e) != PLACE:
            return False
        a = gaz.admin(unit)
        return a.seat_gid == PARENT_POINT and gaz.adm1[e] == a.parent

    def _major(self, e: int) -> bool:
        """Admin units, countries, cities and towns that a stray word rarely is."""
        gaz = self.gaz
        if gaz.kind(e) != PLACE:
            return True
        return gaz.pop[e] >= 100_000 or gaz.fcode[e] in (
            "PPLC",
            "PPLA",
            "CITY",
            "PPLA2",
            SITE_FCODE,
        )

    def _contains(self, outer: int, inner: int) -> bool:
        """Whether admin unit ``outer`` contains entity ``inner``."""
        # Asked for every namesake against every namesake of its neighbours: memoised.
        hit = self._contains_memo.get((outer, inner))
        if hit is None:
            if len(self._contains_memo) >= _CONTAINS_MEMO_PAIRS:
                self._contains_memo.clear()  # bounded: a long backfill meets many pairs
            hit = self._contains_memo[outer, inner] = self._contains_uncached(outer, inner)
        return hit

    def _contains_uncached(self, outer: int, inner: int) -> bool:
        gaz = self.gaz
        ko = gaz.kind(outer)
        if ko not in (ADMIN1, ADMIN2) or outer == inner:
            return False
        key = gaz.admin(outer).key
        ki = gaz.kind(inner)
        if ki == PLACE:
            return key in (gaz.adm1[inner], gaz.adm2[inner])
        if ki == ADMIN2:
            return gaz.admin(inner).parent == key
        return False

    def _coords_of(self, e: int) -> tuple[float | None, float | None]:
        # Asked for every pair of mentions of an article: memoised per entity.
        hit = self._coords_memo.get(e)
        if hit is None:
            hit = self._coords_memo[e] = self._coords_uncached(e)
        return hit

    def _coords_uncached(self, e: int) -> tuple[float | None, float | None]:
        gaz = self.gaz
        kind = gaz.kind(e)
        if kind == PLACE:
            return gaz.lat[e], gaz.lon[e]
        if kind in (ADMIN1, ADMIN2):
            a = gaz.admin(e)
            return a.lat, a.lon
        cap = self._capital(gaz.country(e)[0])
        return (gaz.lat[cap], gaz.lon[cap]) if cap is not None else (None, None)

    @lru_cache(maxsize=512)  # noqa: B019 - one geocoder per process
    def _capital(self, cc: str) -> int | None:
        gaz = self.gaz
        name = gaz.countries[gaz.country_by_cc[cc]][2] if cc in gaz.country_by_cc else ""
        best = None
        for e in gaz.lookup(loose(name)) if name else ():
            if (
                gaz.kind(e) == PLACE
                and gaz.cc[e] == cc
                and (best is None or gaz.pop[e] > gaz.pop[best])
            ):
                best = e
        return best

    # --------------------------------------------------------------- output
    def _country(self, cc: str) -> Country | None:
        i = self.gaz.country_by_cc.get(cc)
        if i is None:
            return None
        return Country(code=cc, name=COUNTRY_NAMES.get(cc, self.gaz.countries[i][1]))

    def _admin_names(self, a1: str, a2: str) -> tuple[str | None, str | None]:
        return self.gaz.admin_name(a1) if a1 else None, self.gaz.admin_name(a2) if a2 else None

    def _place_of(
        self, m: Mention, text: str, *, why_prefix: str = "", near: bool = False
    ) -> Place | None:
        gaz = self.gaz
        e = m.chosen
        if e is None:
            return None
        kind = gaz.kind(e)
        if kind == PLACE and m.admin_level in (1, 2):
            # "Baqubah district": the district whose seat the town is (one the town
            # lies in: not a namesake district abroad).
            own = (gaz.adm1[e], gaz.adm2[e])
            same = [c for c in m.cands if gaz.kind(c) == m.admin_level and gaz.admin(c).key in own]
            if same:
                e, kind = same[0], m.admin_level
        why = self._why(m, e, why_prefix)
        near = near or m.relation.kind == "near" or m.admin_level == 0
        if kind == PLACE:
            a1, a2 = self._admin_names(gaz.adm1[e], gaz.adm2[e])
            around = self._surroundings(e) if near else None
            if around is not None:
                a1, a2 = gaz.admin_name(around), None
                why += f"; {SURROUNDINGS}: around the city, in {a1}"
            spans = list(m.admin_spans)
            district = self._named_district(m, e)
            if district is not None:
                unit, said = district
                a2 = gaz.admin(unit).name
                spans.append((said.start, said.end))
                why += f"; admin2 {a2} as the text names it next to the place"
            return Place(
                name=gaz.name[e],
                latitude=gaz.lat[e],
                longitude=gaz.lon[e],
                geonames_id=gaz.gid[e] if gaz.gid[e] > 0 else None,
                country=self._country(gaz.cc[e]),
                admin1=a1,
                admin2=a2,
                geo_precision=2 if near else 1,
                start=m.start,
                end=m.end,
                admin_spans=spans,
                why=why,
            )
        if kind in (ADMIN1, ADMIN2):
            a = gaz.admin(e)
            lat, lon, precision = a.lat, a.lon, self._admin_precision(m, e)
            if near:
                precision = max(precision, 2)  # "east of Hays": near the town
            if kind == ADMIN2:
                a1, a2 = gaz.admin_name(a.parent), a.name
                if m.point_from is not None and e == m.chosen:
                    inner = m.point_from
                    lat, lon, precision = gaz.lat[inner], gaz.lon[inner], 2
                    why += f"; point of {gaz.name[inner]}, which the text puts inside it"
            else:
                a1, a2 = a.name, None
                if a.seat_gid and a.seat_gid in gaz.by_gid:
                    a2 = gaz.admin_name(gaz.adm2[gaz.by_gid[a.seat_gid]])
            return Place(
                name=a.seat_name or a.name,
                latitude=lat,
                longitude=lon,
                geonames_id=a.seat_gid if a.seat_gid > 0 else None,
                country=self._country(a.cc),
                admin1=a1,
                admin2=a2,
                geo_precision=precision,
                start=m.start,
                end=m.end,
                admin_spans=list(m.admin_spans),
                why=why,
            )
        country = self._country(gaz.country(e)[0])
        return Place(
            name=country.name if country else m.text,
            country=country,
            start=m.start,
            end=m.end,
            why=why,
        )

    def _surroundings(self, e: int) -> str | None:
        """Rule "surroundings of a city unit": a city that is an admin1 unit of its own
        (`city_surroundings.tsv`: Damascus, Beirut), told only as near it, its outskirts
        or suburbs ("the outskirts of Damascus"), is the unit around it: the key of that unit,
        else None. Only the city itself, the seat of its unit: a quarter inside it
        ("near Mezzeh") stays in the city."""
        gaz = self.gaz
        own = gaz.adm1[e]
        outer = gaz.surroundings.get(own)
        if outer is None:
            return None
        i = gaz.admin_by_key.get(own)
        if i is None or gaz.admins[i].seat_gid != gaz.gid[e]:
            return None
        return outer

    def _named_district(self, m: Mention, e: int) -> tuple[int, Mention] | None:
        """ACLED's "X (District, Governorate)" and "X, District, Governorate": the
        district the text names right after a place is its admin2, where the gazetteer's
        is only GeoNames' code or the nearest-place stand-in (outside Iraq and Syria,
        whose admin2 the polygons give) and differs or is missing. Only a district of
        the place's own governorate, whose seat lies within 60 km of it."""
        gaz = self.gaz
        if gaz.cc[e] in self.bounds.countries or not gaz.adm1[e]:
            return None
        todo, seen = list(m.units_after), 0
        while todo and seen < 4:
            u = todo.pop(0)
            seen += 1
            readings = [u.chosen] if u.chosen is not None else []
            readings += u.cands
            if any(gaz.kind(c) == ADMIN1 and gaz.admin(c).key == gaz.adm1[e] for c in readings):
                return None  # the governorate: any district was named before it
            for c in readings:
                if gaz.kind(c) != ADMIN2:
                    continue
                a = gaz.admin(c)
                if a.key == gaz.adm2[e]:
                    return None  # the text agrees with the gazetteer
                if a.parent != gaz.adm1[e]:
                    continue
                if a.seat_gid != PARENT_POINT and km(a.lat, a.lon, gaz.lat[e], gaz.lon[e]) > 60:
                    continue  # too far for the place's district: another reading
                return c, u
            if u.host is not None and u.host not in todo:
                todo.append(u.host)
        return None

    def _admin_precision(self, m: Mention, e: int) -> int:
        a = self.gaz.admin(e)
        if a.level == ADMIN1 or a.seat_gid == PARENT_POINT:
            return 3  # the governorate's point
        return 1 if self._town_like_admin2(m, e) else 2

    def _offset_place(self, m: Mention, text: str) -> Place | None:
        gaz = self.gaz
        assert m.chosen is not None and m.relation.distance_km and m.relation.bearing is not None
        lat0, lon0 = self._coords_of(m.chosen)
        if lat0 is None or lon0 is None:
            return None
        lat, lon = displace(lat0, lon0, m.relation.distance_km, m.relation.bearing)
        cc = gaz.entity_cc(m.chosen)
        near = self._nearest_town(lat, lon, cc)
        if cc in self.bounds.countries:
            k1, k2 = self.bounds.locate(lat, lon)
        elif near is not None:
            k1, k2 = gaz.adm1[near], gaz.adm2[near]
        else:
            k1 = k2 = ""
        a1, a2 = self._admin_names(k1, k2)
        name = (
            gaz.name[near] if near is not None else f"{m.relation.distance_km:g} km from {m.text}"
        )
        why = (
            f"{m.relation.distance_km:g} km at bearing {m.relation.bearing:g} from "
            f"{m.text!r} ({gaz.name[m.chosen] if gaz.kind(m.chosen) == PLACE else m.text}); "
            f"point falls in {a2 or '?'}, {a1 or '?'}; nearest town {name}"
        )
        return Place(
            name=name,
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            geonames_id=gaz.gid[near] if near is not None and gaz.gid[near] > 0 else None,
            country=self._country(cc),
            admin1=a1,
            admin2=a2,
            geo_precision=2,
            start=m.start,
            end=m.end,
            admin_spans=list(m.admin_spans),
            why=why,
        )

    def _nearest_town(self, lat: float, lon: float, cc: str, max_km: float = 30.0) -> int | None:
        gaz = self.gaz
        if self._coords is None:
            self._coords = np.radians(np.array([gaz.lat, gaz.lon], dtype=np.float64).T)
            self._townlike = np.array(
                [
                    (p > 0 or f in FCODE_BONUS) and f not in ("PPLQ", "PPLW", "PPLX")
                    for p, f in zip(gaz.pop, gaz.fcode, strict=True)
                ]
            )
        p1, l1 = math.radians(lat), math.radians(lon)
        c = self._coords
        a = (
            np.sin((c[:, 0] - p1) / 2) ** 2
            + np.cos(p1) * np.cos(c[:, 0]) * np.sin((c[:, 1] - l1) / 2) ** 2
        )
        d = 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        d = np.where(self._townlike, d, np.inf)
        i = int(np.argmin(d))
        if d[i] > max_km:
            return None
        return i

    def _why(self, m: Mention, e: int, prefix: str) -> str:
        ranked = sorted(m.cands, key=lambda c: -m.scores.get(c, 0.0))
        parts = []
        if prefix:
            parts.append(prefix)
        if m.dateline:
            parts.append("dateline")
        if m.relation.kind:
            parts.append(f"relation: {m.relation.kind}")
        if m.capital_rule:
            parts.append(f"capital named by rule {m.capital_rule}")
        parts.append(f"{len(m.cands)} candidate(s) for {m.text!r}")
        reasons = "; ".join(m.reasons.get(e, []))
        parts.append(f"chose {self._label(e)} score {m.scores.get(e, 0.0):.1f} ({reasons})")
        runners = [c for c in ranked if c != e][:2]
        if runners:
            parts.append(
                "over " + ", ".join(f"{self._label(c)} {m.scores.get(c, 0.0):.1f}" for c in runners)
            )
        return "; ".join(parts)

    def _label(self, e: int) -> str:
        gaz = self.gaz
        kind = gaz.kind(e)
        if kind == PLACE:
            a1 = gaz.admin_name(gaz.adm1[e]) or "?"
            return f"{gaz.name[e]} [{gaz.cc[e]}, {a1}]"
        if kind in (ADMIN1, ADMIN2):
            a = gaz.admin(e)
            return f"{a.name} [{a.cc} admin{a.level}]"
        return f"{gaz.country(e)[1]} [country]"

    def candidates(
        self,
        text: str,
        *,
        country_hint: str | None = None,
        prior: str | None = None,
        outlet: str | None = None,
    ) -> list[dict[str, object]]:
        """Every mention with all its scored candidates (for `incidentwatch geocode`)."""
        out: list[dict[str, object]] = []
        for m in self._analyse(text, _hint(country_hint), self.prior_for(prior, outlet)):
            ranked = sorted(m.cands, key=lambda c: -m.scores.get(c, 0.0))
            out.append(
                {
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "role": "dateline" if m.dateline else (m.relation.kind or "place"),
                    "chosen": self._label(m.chosen) if m.chosen is not None else None,
                    "candidates": [
                        {
                            "label": self._label(c),
                            "score": round(m.scores.get(c, 0.0), 2),
                            "why": m.reasons.get(c, []),
                        }
                        for c in ranked[:8]
                    ],
                }
            )
        return out


def _joined(text: str, toks: list[tx.Token], i: int, j: int) -> bool:
    """Tokens i..j-1 form one name: only spaces/hyphens between them, inner
    lower-case words are connectors."""
    for k in range(i + 1, j):
        gap = text[toks[k - 1].end : toks[k].start]
        if gap not in (" ", "-", " - ", "’s ", "'s ") and gap.strip(" -") != "":
            return False
        if "\n" in gap:
            return False
        if gap.startswith(("’s", "'s")):
            return False
        if not toks[k].capital and toks[k].text.lower() not in tx.CONNECTORS:
            return False
    return True


def _joined_by_space(text: str, a: tx.Token, b: tx.Token) -> bool:
    """Whether token ``b`` follows ``a`` with only spaces between (no comma or stop)."""
    return not text[a.end : b.start].strip()


def _arabic_bearing_from(a: Mention, b: Mention, text: str) -> bool:
    """ "منطقة الحسينية جنوب شرق بغداد": b is told as the place a lies a bearing from
    (`text.arabic_direction_before` read the bearing before b, right after a)."""
    cue = b.relation.cue_start
    if b.relation.kind != "direction" or cue is None or not tx.is_arabic(a.text):
        return False
    if loose(b.text) in tx.arabic_place_words().bearings:
        return False  # "جنوب شرقي": the second bearing word, read as a village somewhere
    return a.end <= cue and len(text[a.end : cue].split()) <= 1


def _in_longer_name(text: str, toks: list[tx.Token], i: int, j: int) -> bool:
    """Whether tokens i..j-1 sit inside a longer run of capitalised words (a person
    or organisation: "Haider al-Abadi", "Issam Fares Institute")."""
    if i > 0 and toks[i - 1].capital and not tx.is_sentence_start(text, toks[i - 1].start):
        gap = text[toks[i - 1].end : toks[i].start]
        if gap in (" ", "-"):
            return True
    if j < len(toks) and toks[j].capital:
        gap = text[toks[j - 1].end : toks[j].start]
        if gap in (" ", "-") and toks[j].text.lower() not in tx.PLACE_MODIFIERS:
            return True
    return False


def _in_group_name(text: str, toks: list[tx.Token], i: int) -> bool:
    """Whether token i ends a name joined by a connector to a capitalised word before
    it that the gazetteer did not know as a whole: "Ahrar al Sharqiyah", "Jaish al
    Islam" (a group named after a place is not where it acts)."""
    if i < 2 or toks[i - 1].text.lower() not in tx.CONNECTORS or not toks[i - 2].capital:
        return False
    gaps = text[toks[i - 2].end : toks[i - 1].start] + text[toks[i - 1].end : toks[i].start]
    return gaps in ("  ", "--", " -", "- ") and not tx.is_sentence_start(text, toks[i - 2].start)


def _last_of_a_list(text: str, before: list[Mention], joiner: tx.Token) -> bool:
    """Rule "last of a list": "and" after places joined by commas, the first of them said
    with a locative or a direction ("in Kirkuk, Hilla and Basra", "spread to Nasiriya, Kut
    and Amara"), closes a list of places: the name
    after it is the list's last place, not the end of a group's name ("Jaish al Islam",
    "al-Zarqawi, Tawhid and Jihad": no place opens that list)."""
    if joiner.text.lower() != "and" or not before:
        return False
    k = len(before) - 1
    if text[before[k].end : joiner.start].strip():
        return False
    while not (before[k].locative or before[k].origin):
        if k == 0 or text[before[k - 1].end : before[k].start].strip() != ",":
            return False
        k -= 1
    return k < len(before) - 1


def _only_articles(key: str) -> bool:
    return all(w in ARTICLES or w in tx.CONNECTORS for w in key.split())


def _hint(cc: str | None) -> str | None:
    return iso2(cc)


def new_geocoder() -> Geocoder:
    from incidentwatch.geocode.gazetteer import load

    folder = data_dir()
    return Geocoder(load(folder), Boundaries.load(folder))
