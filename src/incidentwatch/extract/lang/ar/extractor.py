"""Arabic articles -> codebook incidents, by patterns over tokens and sentences.

Stages, per article:
1. sentences and tokens (offsets into the original text; folded forms for matching);
2. cues: event words by category (data/extract/ar/cues.toml); a sentence that is
   background (statistics, running totals, "it is recalled that", threats and
   condemnations: context.toml) tells no incident;
3. each sentence with a cue is a candidate: casualties (number words, duals, vague
   quantities, qualifiers), date, place (the shared geocoder reads the Arabic names
   of the gazetteer), actors (Arabic aliases of the canonical actors);
4. grouping: a sentence joins the incident before it unless it names another place
   or another day; toll updates ("ارتفعت حصيلة") replace a figure with a higher one;
5. records: types from the shared [[subevent]] table (en/types.toml: the categories
   are language independent), every value with evidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field

from incidentwatch.extract import numbers as num
from incidentwatch.extract.classify import classify
from incidentwatch.extract.dates import MAX_NEWS_AGE_DAYS
from incidentwatch.extract.geocoding import FailureCount, Geocoder, locate, mentions
from incidentwatch.extract.lang.ar.dates import day_before, event_date_tokens, written_day
from incidentwatch.extract.lang.ar.lexicon import ArabicLexicon, lexicon
from incidentwatch.extract.lang.ar.text import (
    Token,
    byline_end,
    normalise,
    sentences,
    tokenize,
)
from incidentwatch.extract.resources import ActorEntry, Knowledge, load_knowledge
from incidentwatch.extract.stages.building import (
    add_summary,
    incident_record,
    place_fields,
    target_and_weapons,
)
from incidentwatch.geo import within_km
from incidentwatch.records import (
    Actor,
    Article,
    Count,
    Evidence,
    Incident,
    Location,
    Place,
    assign_ids,
    iso_date,
)
from incidentwatch.resolve.merge import ROUND_UP_PARTS, ROUND_UP_SERIES, city_part
from incidentwatch.resolve.rules import load_rules

log = logging.getLogger(__name__)

# Tokens after a casualty word searched for its figure.
FIGURE_WINDOW = 5
# Tokens before a casualty verb searched for its victims ("أربعة من عناصر الشرطة العراقية
# قتلوا"), and describing words in a row a list of victims may hold ("في الجيش").
BEFORE_WINDOW = 10
# The words after a toll read for the attackers it counts ("مقتل 33 مسلحا من داعش").
ATTACKER_LOOKAHEAD = 60
ATTACKER_WORDS = 4
# Characters between two places named together ("والكاظمية", " وناحية ").
MAX_JOIN_GAP = 12
MAX_LOOSE_WORDS = 3
# Words of a victim's name between "مقتل" and what he was ("مقتل أحمد عبد عباس البياتي
# قاضي الشرعية").
NAME_WORDS = 4
# Tokens before a target word read for who told the news ("قال مصدر في الشرطة").
TELLER_WINDOW = 3
# Casualty categories, not event kinds: they never decide the type on their own
# when another cue is in the incident.
CASUALTY_CATS = ("kill", "wound")


@dataclass(frozen=True)
class Quantity:
    best: int
    low: int | None
    high: int | None
    start: int
    end: int


@dataclass(frozen=True)
class DateHit:
    date: dt.date
    precision: int
    start: int
    end: int


@dataclass
class ActorHit:
    entry: ActorEntry
    start: int
    end: int
    text: str


@dataclass
class Cand:
    start: int
    end: int
    cues: list[tuple[str, int, int]]  # category, start, end
    killed: Quantity | None = None
    wounded: Quantity | None = None
    kill_span: tuple[int, int] | None = None
    date: DateHit | None = None
    place: Place | None = None
    actors: list[ActorHit] = field(default_factory=list)
    update: bool = False
    own_date: bool = False
    claimed: tuple[int, int] | None = None
    # Suicide attackers this sentence names: (how many, start, end); whether it says
    # they lived, and whether its toll counts them already.
    attackers: tuple[int, int, int] | None = None
    attacker_alive: bool = False
    attacker_in_toll: bool = False
    # Its toll is a round-up total over several attacks ("في هجمات متفرقة").
    roundup: bool = False
    # Its toll is a round-up total, or a total over a series of attacks on several
    # districts ("سلسلة من التفجيرات"): a record with it stands for the series.
    series: bool = False
    # Its toll is an earlier, preliminary one ("حصيلة غير نهائية"): it joins the incident
    # before it and gives way to any other toll.
    prior: bool = False
    # Its toll was one total over places named together; this is share `split` (0 first).
    split: int = 0
    # It opens with another attack ("وفي انفجار آخر منفصل"): another incident, though it
    # names no place of its own.
    another: bool = False
    # It opens with "also" and a killing ("كما قتل شرطيان"): another attack, though its
    # toll may equal the one before.
    also: bool = False
    # Its toll is only a vague word ("لقي عدد من الأشخاص حتفهم"): a figure told later for
    # the same incident ("مقتل ستة أشخاص") is the better toll.
    vague: bool = False
    # Its place is the seat of whoever gives the toll ("الداخلية العراقية في بغداد"): it
    # does not make the sentence another incident's.
    seat: bool = False
    members: list[Cand] = field(default_factory=list)

    @property
    def cats(self) -> set[str]:
        return {c for m in [self, *self.members] for c, _s, _e in m.cues}


class ArabicExtractor:
    """Read-only after construction, like the English `Extractor`: one instance may
    serve several threads."""

    def __init__(self, geocoder: Geocoder | None, failures: FailureCount) -> None:
        self.lex: ArabicLexicon = lexicon()
        # Category -> type is language independent: the English pack defines it once.
        self.kb: Knowledge = dataclasses.replace(
            self.lex.kb, subevents=load_knowledge("en").subevents
        )
        self.geocoder = geocoder
        self.failures = failures

    # ---- public -------------------------------------------------------------------
    def extract(self, article: Article) -> list[Incident]:
        text = article.text
        pub = iso_date(article.published_at)
        toks = tokenize(text, *self.lex.prefixes)
        places = mentions(self.geocoder, self.failures, text)
        codes = [p.country.code for p in places if p.country]
        hint = max(set(codes), key=codes.count) if codes else None
        cands: list[Cand] = []
        lede_date: DateHit | None = None
        # The date of the sentence just before: an undated sentence right after it tells
        # that day, not the lede's.
        last_date: DateHit | None = None
        # "اليوم" of a wire story filed before midnight is the day it was written.
        ref = written_day(normalise(text), article.published_at, pub)
        # The credit line is no sentence of the story: the lede window starts after it.
        story = byline_end(text, self.lex.patterns["credit-line"])
        for si, (s, e, told) in enumerate(
            self._attack_clauses(text, toks, places, sentences(text, story))
        ):
            stoks = [t for t in toks if s <= t.start < e]
            if not stoks:
                continue
            date = self._date(event_date_tokens(stoks), ref)
            before, last_date = last_date, None
            if si < 2 and lede_date is None and date is not None:
                lede_date = date
            folded = normalise(text[s:e])
            why = self._background(folded)
            if why is not None:
                log.debug("sentence dropped (%s): %s", why, text[s:e][:80])
                continue
            age = (pub - date.date).days if date is not None and pub is not None else 0
            old = age > MAX_NEWS_AGE_DAYS
            last_date = None if old else date
            cues = self._cues(stoks)
            if not cues:
                continue
            if old:
                log.debug("sentence dropped (old date %s): %s", date, text[s:e][:80])
                continue
            c = Cand(s, e, cues, date=date)
            c.date = date or _inherited_date(before or lede_date, day_before(folded))
            if c.date is None and day_before(folded):
                c.date = self._day_before_story(stoks, ref)
            c.own_date = date is not None
            c.killed, c.wounded, c.kill_span = self._figures(stoks)
            c.actors = self._actors(stoks)
            c.update = bool(self.lex.patterns["toll-update"].search(folded))
            if self.lex.patterns["toll-update-after"].search(folded):
                c.update = True
                c.killed = self._risen_to(stoks) or c.killed
            m = self.lex.patterns["claim"].search(folded)
            c.claimed = (s, e) if m else None
            if any(cat == "suicide" for cat, _s, _e in cues):
                c.attackers = self._suicide_attackers(stoks)
                c.attacker_alive = bool(self.lex.patterns["suicide-attacker-alive"].search(folded))
            c.attacker_in_toll = bool(self.lex.patterns["toll-includes-attacker"].search(folded))
            c.roundup = c.killed is not None and bool(self.lex.patterns["roundup"].search(folded))
            c.series = c.roundup or (
                c.killed is not None
                and bool(self.lex.patterns["series"].search(folded))
                and not self.lex.patterns["series-before"].search(folded)
            )
            c.prior = bool(self.lex.patterns["prior-toll"].search(folded))
            ls = s
            if si == 0:
                dl = self.lex.patterns["dateline"].match(text[s:e])
                if dl is not None and dl.end() < e - s:
                    ls = s + dl.end()
            # No hint: the analysis mentions() cached for this text is reused (half the cost).
            c.place = told or locate(self.geocoder, self.failures, text, ls, e, None)
            c.seat = self._speaker_seat(text, c.place) or self._distance_reference(text, c.place)
            c.also = self._opens_with_also(stoks)
            c.another = bool(self.lex.patterns["another-attack"].search(folded))
            c.vague = self._vague_toll(stoks, c.killed)
            cands.extend(self._split_over_places(c, text, places, ls))
        for c in cands:
            if c.date is None:
                c.date = lede_date
        groups = _group(cands)
        groups = _drop_roundups(groups)
        if len(groups) > 1:
            groups = _drop_passing(groups)
        out: list[Incident] = []
        for g in groups:
            # An undated report is news of the day the story was written.
            inc = self._build(article, g, ref, hint, toks)
            if inc is not None:
                out.append(inc)
        _mark_round_ups(out, places)
        assign_ids(article, out)
        return out

    def _background(self, folded: str) -> str | None:
        """Why the (normalised) sentence tells no incident, or None. A comparison with the
        year's other attacks ("ويعد الأسوأ من نوعه خلال العام الجاري") is no statistic."""
        told = self.lex.patterns["superlative-frame"].sub(" ", folded)
        return next((cat for cat, pat in self.lex.context.items() if pat.search(told)), None)

    def _day_before_story(self, stoks: list[Token], ref: dt.date | None) -> DateHit | None:
        """ "ويأتي الهجوم غداة مقتل ثلاثين شخصا" in a story that names no day: the killing
        was the day before the one the story was written, its evidence the words "غداة"."""
        if ref is None:
            return None
        for k in range(len(stoks)):
            if day_before(" ".join(t.norm for t in stoks[: k + 1])):
                j = next(
                    j for j in range(k, -1, -1)
                    if day_before(" ".join(t.norm for t in stoks[j : k + 1]))
                )  # fmt: skip
                return DateHit(ref - dt.timedelta(days=1), 1, stoks[j].start, stoks[k].end)
        return None

    # ---- two attacks told in one sentence ------------------------------------------------
    def _attack_clauses(
        self, text: str, toks: list[Token], places: list[Place], spans: list[tuple[int, int]]
    ) -> list[tuple[int, int, Place | None]]:
        """Sentences, each cut in two where it tells a second attack with a toll and a
        place of its own ("قتل شخص في انفجار عبوة في الكرادة، بينما قتل شخصان بانفجار
        سيارة مفخخة في بعقوبة"): two incidents, each with its own toll (codebook 1). The
        second clause comes with the place that made it another attack."""
        out: list[tuple[int, int, Place | None]] = []
        for s, e in spans:
            stoks = [t for t in toks if s <= t.start < e]
            cut = self._second_attack(text, stoks, places)
            if cut is None:
                out.append((s, e, None))
            else:
                out.extend([(s, cut[0], None), (cut[0], e, cut[1])])
        return out

    def _second_attack(
        self, text: str, stoks: list[Token], places: list[Place]
    ) -> tuple[int, Place] | None:
        """Where the second attack of a sentence starts: "بينما/فيما/كما" then a killing
        verb, after a casualty word of the first attack, when the second names a place
        the first does not."""
        joiners = self.lex.word_set("second-attack")
        for k in range(1, len(stoks) - 1):
            if not stoks[k].keys & joiners:
                continue
            if "kill" not in {c for _n, c in self.lex.cues.match_at(stoks, k + 1)}:
                continue
            first = {c for j in range(k) for _n, c in self.lex.cues.match_at(stoks, j)}
            if not first & set(CASUALTY_CATS):
                continue
            cut, end = stoks[k].start, stoks[-1].end
            before = {
                p.name for p in places if p.start is not None and stoks[0].start <= p.start < cut
            }
            after = [p for p in places if p.start is not None and cut <= p.start < end]
            # A governorate counts ("فيما قتل أربعة في محافظة نينوى"), a direction does not.
            after = [p for p in after if p.name not in before and not self._direction(text, p)]
            if after:
                log.debug("second attack told in the sentence at %d: %s", cut, after[0].name)
                return cut, after[0]
        return None

    def _direction(self, text: str, p: Place) -> bool:
        """A place named only to give a direction ("شرق الرمادي", "قرب بعقوبة")."""
        assert p.start is not None
        before = normalise(text[max(0, p.start - 12) : p.start])
        return bool(self.lex.patterns["direction-place"].search(before))

    # ---- counting over several places ---------------------------------------------------
    def _split_over_places(self, c: Cand, text: str, places: list[Place], start: int) -> list[Cand]:
        """ "مقتل 10 مدنيين بانفجار عبوتين في قضاء المقدادية وناحية كنعان": one toll over
        places named together is one incident per place (codebook 1), the total divided
        evenly and the remainder to the first (`numbers.share_of`: 10 over 2: 5 and 5;
        20 over 3: 8, 6 and 6). The evidence keeps the undivided total."""
        chain = self._places_together(text, places, start, c.end) if c.killed else []
        if len(chain) < 2:
            return [c]
        n = len(chain)
        log.debug("toll split over %d places: %s", n, ", ".join(p.name for p in chain))
        out = []
        for k, place in enumerate(chain):
            part = dataclasses.replace(
                c,
                killed=_share(c.killed, k, n),
                wounded=_share(c.wounded, k, n),
                place=place,
                split=k,
                # Divided over the places it names, the total is no round-up any more.
                roundup=False,
                series=False,
                members=[],
                actors=list(c.actors),
            )
            out.append(part)
        return out

    def _places_together(self, text: str, places: list[Place], s: int, e: int) -> list[Place]:
        """The places of a sentence named together, joined by "و": "في الكرادة والكاظمية
        ومدينة الصدر". A place given for reference ("شرق الرمادي") or after the chain
        ("... في بعقوبة") is not one of them."""
        inside = sorted(
            (
                p
                for p in places
                if p.start is not None and s <= p.start < e and p.admin1 and p.geo_precision != 3
            ),
            key=lambda p: p.start or 0,
        )
        chain: list[Place] = []
        for p in inside:
            assert p.start is not None
            before = normalise(text[max(s, p.start - 12) : p.start])
            if self.lex.patterns["reference-place"].search(before):
                if chain:
                    break
                continue
            if chain:
                prev = chain[-1]
                gap = normalise(text[prev.end or p.start : p.start + 1])
                if len(gap) > MAX_JOIN_GAP or not self.lex.patterns["place-joiner"].search(gap):
                    if len(chain) > 1 or not _far(prev, p):
                        break
                    # "الى الشمال من بغداد ... في بلدتي الدجيل وبلد": a place alone and
                    # far before the chain is a reference, not its start.
                    chain = [p]
                    continue
                if p.name == prev.name:
                    continue
            chain.append(p)
        # "الكرادة وسط بغداد": the city that holds another place of the chain is no place
        # of its own, unless a bare "و" joins it ("في بلدتي الدجيل وبلد": two towns).
        return [
            p
            for p in chain
            if not any(p.name in (q.admin1, q.admin2) for q in chain if q is not p)
            or self._joined_by_and(text, chain, p)
        ]

    def _joined_by_and(self, text: str, chain: list[Place], p: Place) -> bool:
        """The place follows the one before it in the chain after a bare "و"."""
        k = chain.index(p)
        if k == 0 or chain[k - 1].end is None or p.start is None:
            return False
        return normalise(text[chain[k - 1].end or 0 : p.start]).strip() == "و"

    def _vague_toll(self, stoks: list[Token], q: Quantity | None) -> bool:
        """The toll's words give a vague quantity and no figure ("عدد", "عشرات")."""
        if q is None:
            return False
        told = [t for t in stoks if q.start <= t.start < q.end]
        return any(t.keys & self.lex.vague.keys() for t in told) and not any(
            t.number is not None or t.keys & self.lex.number_words.keys() for t in told
        )

    def _opens_with_also(self, stoks: list[Token]) -> bool:
        """ "كما قتل شرطيان في انفجار عبوة": the sentence tells another killing."""
        return (
            len(stoks) > 1
            and stoks[0].norm in self.lex.word_set("also")
            and "kill" in {c for _n, c in self.lex.cues.match_at(stoks, 1)}
        )

    def _speaker_seat(self, text: str, place: Place | None) -> bool:
        """The place names the seat of whoever gives the toll, not the attack's place."""
        if place is None or place.start is None:
            return False
        before = normalise(text[max(0, place.start - 30) : place.start])
        return bool(self.lex.patterns["speaker-seat"].search(before))

    def _distance_reference(self, text: str, place: Place | None) -> bool:
        """The place is only where a distance is measured from ("تبعد 390 كيلومترا إلى
        الشمال من بغداد"), not the attack's place."""
        if place is None or place.start is None:
            return False
        before = normalise(text[max(0, place.start - 40) : place.start])
        return bool(self.lex.patterns["distance-reference"].search(before))

    # ---- readers --------------------------------------------------------------------
    def _cues(self, toks: list[Token]) -> list[tuple[str, int, int]]:
        out = []
        i = 0
        while i < len(toks):
            hits = self.lex.cues.match_at(toks, i)
            if hits:
                n = hits[0][0]
                for m, cat in hits:
                    if m == n:
                        out.append((cat, toks[i].start, toks[i + n - 1].end))
                i += n
            else:
                i += 1
        return out

    def _actors(self, toks: list[Token]) -> list[ActorHit]:
        out = []
        i = 0
        while i < len(toks):
            hits = self.lex.actors.match_at(toks, i)
            if hits:
                n, entry = hits[0]
                s, e = toks[i].start, toks[i + n - 1].end
                out.append(ActorHit(entry, s, e, ""))
                i += n
            else:
                i += 1
        return out

    def _quantity(self, toks: list[Token], j: int) -> tuple[Quantity, int] | None:
        """The quantity that starts at token j (after any qualifier), and the index after it."""
        kind = None
        start_j = j
        q = self.lex.qualifiers.match_at(toks, j) if j < len(toks) else []
        if q:
            kind = q[0][1]
            j += q[0][0]
        if j >= len(toks):
            return None
        t = toks[j]
        if t.norm in self.lex.weekdays:
            return None  # "الاثنين" is Monday, not "the two"
        value: int | None = t.number
        if value is not None and j + 1 < len(toks) and self.lex.months.match_at(toks, j + 1):
            return None  # "25 فبراير" is a day
        end_j = j + 1
        vague = False
        if value is None:
            for k in t.keys:
                if k in self.lex.number_words:
                    value = self.lex.number_words[k]
                    break
        if value is None and not self._toll_word_after(toks, j):
            for k in t.keys:
                if k in self.lex.vague:
                    value, vague = self.lex.vague[k], True
                    break
        if value is None:
            dual = self._person_count(t)
            if dual is None:
                return None
            value = dual
        # Compound "خمسة وعشرين", and a teen "ثلاثة عشر".
        if not vague and end_j < len(toks) and value < 10:
            nxt = toks[end_j]
            tens = next(
                (self.lex.number_words[k] for k in nxt.keys if k in self.lex.number_words), None
            )
            if tens is not None and nxt.norm.startswith("و") and tens >= 20:
                value += tens
                end_j += 1
            elif nxt.norm in self.lex.word_set("teen-tens"):
                value += 10
                end_j += 1
        # A range "بين 25 و45".
        low = high = None
        if start_j > 0 and toks[start_j - 1].norm == "بين" and end_j < len(toks):
            nxt = toks[end_j]
            if nxt.norm.startswith("و") and nxt.norm[1:].isdigit():
                other = int(nxt.norm[1:])
                if other > value:
                    low, high = value, other
                    end_j += 1
        if kind is None and end_j + 1 < len(toks):
            after = self.lex.qualifiers.match_at(toks, end_j + 1) or self.lex.qualifiers.match_at(
                toks, end_j
            )
            if after and after[0][1] == "atleast":
                kind = "atleast"
        if kind == "atleast" and low is None:
            low = value
        elif kind == "upto" and high is None:
            high = value
        return Quantity(value, low, high, toks[start_j].start, toks[end_j - 1].end), end_j

    def _suicide_attackers(self, toks: list[Token]) -> tuple[int, int, int] | None:
        """How many suicide attackers a sentence names, the largest number told: one noun
        or "فجر نفسه" is one, a dual or "فجروا انفسهم" two, "ثلاثة انتحاريين" three."""
        two = self.lex.word_set("suicide-attackers-two")
        nouns = self.lex.word_set("suicide-attacker-nouns")
        best: tuple[int, int, int] | None = None
        for i, t in enumerate(toks):
            if "suicide" not in {c for _n, c in self.lex.cues.match_at(toks, i)}:
                continue
            if i > 0 and toks[i - 1].keys & self.lex.word_set("suicide-attack-plurals"):
                continue
            n, start = 1, t.start
            if t.keys & two or (i + 1 < len(toks) and toks[i + 1].keys & two):
                n = 2
            if t.keys & nouns and i > 0:
                r = self._quantity(toks, i - 1)
                if r is not None and r[1] == i and 1 < r[0].best <= 20:
                    n, start = r[0].best, r[0].start
            if best is None or n > best[0]:
                best = (n, start, t.end)
        return best

    def _person_count(self, t: Token) -> int | None:
        """1 for a person noun ("جندي"), 2 for its dual ("جنديين")."""
        persons = self.lex.word_set("person-nouns")
        for k in t.keys:
            if k in persons:
                return 1
            if t.norm == k and k in self.lex.word_set("kin-nouns"):
                return 1  # "أدى إلى مقتل زوجته": a relative named alone is one victim
            if k in self.lex.word_set("dual-count-nouns"):
                return 2
            for end in self.lex.word_set("dual-endings"):
                if k.endswith(end) and k[: -len(end)] in persons:
                    return 2
        return None

    def _figures(
        self, toks: list[Token]
    ) -> tuple[Quantity | None, Quantity | None, tuple[int, int] | None]:
        killed: Quantity | None = None
        wounded: Quantity | None = None
        kill_span = None
        kill_nouns = self.lex.word_set("killed-count-nouns")
        wound_nouns = self.lex.word_set("wounded-count-nouns")
        together: set[int] = set()
        for i, t in enumerate(toks):
            hits = self.lex.cues.match_at(toks, i)
            cats = {c for _n, c in hits}
            if not cats & set(CASUALTY_CATS) or i in together:
                continue
            kind = "kill" if "kill" in cats else "wound"
            q: Quantity | None = None
            before = (
                self._figure_before(toks, i)
                if not self._figure_follows(toks, i)
                and not t.keys & self.lex.word_set("casualty-nouns")
                else None
            )
            # "مقتل وإصابة 20": killed and wounded together, not split (codebook 5).
            if before is None and i + 1 < len(toks) and kind == "kill":
                nxt = {c for _n, c in self.lex.cues.match_at(toks, i + 1)}
                if "wound" in nxt and toks[i + 1].norm.startswith("و"):
                    together.add(i + 1)
                    continue
            # "أكثر من 50 قتيلا وجريحا": the dead and the wounded in one figure.
            if (
                kind == "kill"
                and i + 1 < len(toks)
                and toks[i + 1].norm.startswith("و")
                and toks[i + 1].keys & self.lex.word_set("wounded-count-nouns")
            ):
                together.add(i + 1)
                continue
            if i > 0 and toks[i - 1].norm == "بين":
                continue
            nouns = kill_nouns if kind == "kill" else wound_nouns
            if t.keys & self.lex.word_set("dual-count-nouns"):
                q = Quantity(2, None, None, t.start, t.end)
            elif t.keys & nouns and i > 0:
                # "18 قتيلا": the figure comes first (after a qualifier, perhaps).
                for back in (1, 2, 3, 4):
                    if i - back < 0:
                        break
                    r = self._quantity(toks, i - back)
                    if r is not None and r[1] == i:
                        r = self._teen_before(toks, i - back) or r
                        q = Quantity(r[0].best, r[0].low, r[0].high, r[0].start, t.end)
                        break
            if q is None and kind == "kill":
                q = self._pronoun_toll(toks, i, max(n for n, _c in hits))
            if q is None:
                q = before
            if q is None and kind == "kill":
                q = self._group_told_before(toks, i)
            if q is None:
                j = i + 1
                fillers = self.lex.word_set("count-fillers")
                while j < len(toks) and j <= i + FIGURE_WINDOW:
                    r = self._quantity(toks, j)
                    if r is not None and self._is_agent(toks, j):
                        # "اغتال مسلح مجهول أربعة أشخاص": the doer, the victims follow.
                        later = self._victims_after_agent(toks, r[1])
                        if later is None and j - 1 > i and self.lex.cues.match_at(toks, j - 1):
                            r = None  # "القتلى من هجوم انتحاري": the attack, no count
                        else:
                            r = later if later is not None else r
                    if r is not None:
                        q = Quantity(r[0].best, r[0].low, r[0].high, t.start, r[0].end)
                        q = self._and_more(toks, r[1], q)
                        q = self._with_subject(toks, i, j, q)
                        break
                    other = {c for _n, c in self.lex.cues.match_at(toks, j)}
                    if other & set(CASUALTY_CATS) or (toks[j].norm not in fillers and j > i + 2):
                        break
                    j += 1
            if q is None and kind == "kill" and t.keys & self.lex.word_set("casualty-nouns"):
                q = self._named_victim(toks, i)
            if q is None:
                continue
            if kind == "kill" and killed is not None and self._contrasted(toks, killed, q):
                killed = _disputed(killed, q)
                kill_span = (killed.start, killed.end)
            elif kind == "kill" and killed is not None and self._killed_also(toks, i, killed):
                # "قتل 5 أشخاص في انفجار ...، كما قتل ثلاثة ركاب في انفجار ...": more dead
                # at the same place and day, one incident (codebook 1).
                killed = Quantity(killed.best + q.best, None, None, killed.start, q.end)
                kill_span = (killed.start, killed.end)
            elif kind == "kill" and (killed is None or q.best > killed.best):
                killed, kill_span = q, (q.start, q.end)
            elif kind == "wound" and wounded is not None and self._contrasted(toks, wounded, q):
                wounded = _disputed(wounded, q)
            elif kind == "wound" and (wounded is None or q.best > wounded.best):
                wounded = q
        return killed, wounded, kill_span

    def _named_victim(self, toks: list[Token], i: int) -> Quantity | None:
        """ "مقتل أحمد عبد عباس البياتي قاضي الشرعية": a victim told by his name and then
        what he was (a person noun within NAME_WORDS words) is one."""
        for j in range(i + 1, min(i + 2 + NAME_WORDS, len(toks))):
            t = toks[j]
            if t.number is not None or self.lex.cues.match_at(toks, j) or t.norm.startswith("و"):
                return None
            if self._person_count(t) == 1 and j > i + 1:
                return Quantity(1, None, None, toks[i].start, t.end)
        return None

    def _killed_also(self, toks: list[Token], i: int, before: Quantity) -> bool:
        """The killing verb at i follows "كما" (also) after the toll told before it."""
        return (
            i > 0
            and toks[i - 1].start >= before.end
            and toks[i - 1].norm in self.lex.word_set("also")
        )

    def _teen_before(self, toks: list[Token], j: int) -> tuple[Quantity, int] | None:
        """ "خمسة عشر قتيلا": the "ten" at j ends a teen that starts one word before."""
        if j < 1 or toks[j].norm not in self.lex.word_set("teen-tens"):
            return None
        r = self._quantity(toks, j - 1)
        return r if r is not None and r[1] == j + 1 else None

    def _pronoun_toll(self, toks: list[Token], i: int, n: int) -> Quantity | None:
        """A casualty word whose pronoun counts its victims: "مقتله" one (and those
        killed with him), "مقتلهما" two; in a phrase the pronoun is on its last word
        ("عبوة أودت بحياتها": one)."""
        t, last = toks[i], toks[i + n - 1]
        words = t.keys | last.keys
        if words & self.lex.word_set("killed-two-pronoun"):
            return Quantity(2, None, None, t.start, last.end)
        if words & self.lex.word_set("killed-one-pronoun"):
            return self._companions(toks, i + n, Quantity(1, None, None, t.start, last.end))
        return None

    def _contrasted(self, toks: list[Token], a: Quantity, b: Quantity) -> bool:
        """Two tolls of one sentence set against each other by another source ("مصرع 20
        شخصا، في الوقت الذي وضعت فيه الداخلية الرقم عند 30 قتيلا", "بينما أفادت مصادر
        بمقتل 58"): they disagree, they are not a whole and its part."""
        lo, hi = min(a.end, b.end), max(a.start, b.start)
        between = [t for t in toks if lo <= t.start and t.end <= hi]
        return any(t.keys & self.lex.word_set("contrast") for t in between) and any(
            t.keys & self.lex.word_set("source-words") for t in between
        )

    def _figure_before(self, toks: list[Token], i: int) -> Quantity | None:
        """ "33 شخصا على الأقل قتلوا", "لقي جندي مصرعه", "أربعة من عناصر الشرطة العراقية
        قتلوا", "ضابطا وزوجته ونجله قتلوا": the victims told before the verb. Looking back
        from the verb over a list of victims (person nouns, relatives, "و" + a number, a few
        describing words), the earliest figure whose list runs up to the verb is the count."""
        found: Quantity | None = None
        loose = 0
        for back in range(1, BEFORE_WINDOW + 1):
            j = i - back
            if j < 0 or self.lex.cues.match_at(toks, j):
                break
            year = toks[j].number is not None and 1900 <= (toks[j].number or 0) <= 2100
            if self._quantity(toks, j) is not None and not self._is_agent(toks, j) and not year:
                listed = self._victim_list(toks, j, i)
                if listed is not None and (
                    toks[j].number is not None
                    or any(self._person_plural(toks[k]) for k in range(j, i))
                ):
                    found, loose = listed, 0
                    continue
            if self._listed(toks, j):
                loose = 0
                continue
            loose += 1
            if loose > MAX_LOOSE_WORDS:
                break
        if found is None:
            return None
        first = next(k for k in range(len(toks)) if toks[k].start == found.start)
        if first > 0 and {c for _n, c in self.lex.cues.match_at(toks, first - 1)} & set(
            CASUALTY_CATS
        ):
            return None  # "مقتل جنديين وإصابة": the figure is the first word's
        return Quantity(found.best, found.low, found.high, found.start, toks[i].end)

    def _victim_list(self, toks: list[Token], j: int, stop: int) -> Quantity | None:
        """The victims counted from the figure at j up to the word at `stop`, when every
        word between belongs to the list; None otherwise."""
        r = self._quantity(toks, j)
        if r is None:
            return None
        q, k = r
        total, end = self._list_from(toks, k, q, stop)
        if end == stop:
            return total
        # "ستة أشخاص، بينهم عدد من النساء، قتلوا": the whole, whose part is told inside.
        whole = end < stop and bool(toks[end].keys & self.lex.word_set("part-of"))
        return total if whole and self._victim_list(toks, end + 1, stop) is not None else None

    def _and_more(self, toks: list[Token], k: int, q: Quantity) -> Quantity:
        """ "مقتل ثلاثة من عناصر الشرطة ومدنيين اثنين", "ضابط برتبة رائد و3 من عناصر
        الشرطة": victims named together add up. Quantities joined by "و" (and) or "مع"
        (with), and relatives ("وزوجته"), before any other casualty word, are added."""
        return self._list_from(toks, k, q, None)[0]

    def _companions(self, toks: list[Token], k: int, q: Quantity) -> Quantity:
        """ "مقتله وسائقه", "مقتله مع اثنين من حراسه", "مقتله وحراسه الثلاثة": those
        killed with the one victim a pronoun names."""
        return self._list_from(toks, k, q, None)[0]

    def _list_from(
        self, toks: list[Token], k: int, q: Quantity, stop: int | None
    ) -> tuple[Quantity, int]:
        """Adds the victims listed after the quantity q (its words end before k), up to
        `stop` or the first word that is no part of the list; returns the sum and the
        index where the list ended. A list ends at a casualty word, at "بينهم" (what
        follows counts a part of it) and after more than MAX_LOOSE_WORDS describing words
        in a row ("في الجيش برتبة ملازم")."""
        limit = len(toks) if stop is None else stop
        total, low, high, end = q.best, q.low, q.high, q.end
        loose = 0
        last = k
        while k < limit:
            t = toks[k]
            if {c for _n, c in self.lex.cues.match_at(toks, k)} & set(CASUALTY_CATS):
                break
            if t.keys & self.lex.word_set("part-of") or self._armed_group_at(toks, k):
                break
            more = self._joined(toks, k, limit)
            if more is not None:
                n, k = more
                total, low, high, end, loose = total + n, None, None, toks[k - 1].end, 0
                last = k
                continue
            if self._new_count(toks, k):
                break
            if not self._listed(toks, k):
                loose += 1
                if loose > MAX_LOOSE_WORDS:
                    break
            k += 1
            if stop is not None:
                last = k
        return Quantity(total, low, high, q.start, end), last

    def _joined(self, toks: list[Token], k: int, limit: int) -> tuple[int, int] | None:
        """How many more victims the words at k add, and the index after them: "وزوجته"
        one, "ونجليه" two, "و3 من" / "ومدنيين اثنين" / "مع اثنين" the number,
        "وحراسه الثلاثة" the number after the companions."""
        t = toks[k]
        if not t.norm.startswith("و") and not t.keys & self.lex.word_set("with"):
            return None
        if t.norm in self.lex.number_words:
            # "عائلة واحدة" is one family; "مقتله واحد العاملين", "وأحد أقاربه": "and one
            # of" the people named next.
            nxt = toks[k + 1] if k + 1 < limit else None
            if (
                nxt is None
                or (k > 0 and self._person_plural(toks[k - 1]))
                or self.lex.cues.match_at(toks, k + 1)
                or not (nxt.norm.startswith("ال") or nxt.norm.endswith("ه"))
            ):
                return None
            return self.lex.number_words[t.norm], k + 1
        if self._armed_group_at(toks, k):
            return None  # "11 من داعش و11 مدنيا": two sides, told as two incidents
        bare = {t.norm[1:]} if t.norm.startswith("و") else set()
        if bare & self.lex.word_set("kin-duals"):
            return 2, k + 1
        if bare & self.lex.word_set("kin-nouns"):
            return 1, k + 1
        if bare & self.lex.word_set("kin-plurals"):
            if k + 1 < limit and toks[k + 1].keys & self.lex.word_set("two-after-noun"):
                return 2, k + 2  # "وحراسه الاثنين": two, though "الاثنين" is also Monday
            r = self._quantity(toks, k + 1) if k + 1 < limit else None
            return (r[0].best, r[1]) if r is not None and r[1] <= limit else None
        if t.norm in ("و", *self.lex.word_set("with")):
            r = self._quantity(toks, k + 1) if k + 1 < limit else None
        elif len(t.norm) > 2:
            r = self._quantity(toks, k)
        else:
            return None
        if r is None or r[1] > limit or self._is_agent(toks, r[1] - 1):
            return None
        # At `limit` the list reaches the verb it is counted for ("رجلين وامرأتين قتلوا").
        after = toks[r[1]] if r[1] < min(len(toks), limit) else None
        if after is not None and (
            after.keys & self.lex.word_set("others")
            or after.keys & self.lex.word_set("wounded-count-nouns")
            or self.lex.cues.match_at(toks, r[1])
        ):
            return None  # "مقتل ستة أشخاص و 17 جريحا": the wounded, another count
        return r[0].best, r[1]

    def _new_count(self, toks: list[Token], k: int) -> bool:
        """A figure at k not joined by "و" starts another count ("مقتل أربعة أشخاص - جنديين
        ..." tells the parts), unless it describes the word before it ("مسؤول عسكري",
        "مدنيين اثنين", "11 شخصا")."""
        r = self._quantity(toks, k)
        if r is None or (toks[k].norm in self.lex.number_words and r[0].best <= 2):
            return False  # "عائلة واحدة", "مدنيين اثنين": one and two follow their noun
        prev = toks[k - 1] if k > 0 else None
        return prev is None or not (
            self._person_plural(prev)
            or prev.number is not None
            or bool(prev.keys & self.lex.number_words.keys())  # "وخمسة مدنيين"
            or prev.keys & self.lex.word_set("partitive")  # "خمسة من منتسبي"
        )

    def _listed(self, toks: list[Token], k: int) -> bool:
        """A word that may stand inside a list of victims without counting: a person
        noun in the plural, "من", a qualifier or filler."""
        t = toks[k]
        kin = self.lex.word_set("kin-nouns") | self.lex.word_set("kin-duals")
        return (
            self._person_plural(t)
            or bool(t.keys & self.lex.word_set("count-fillers"))
            or bool(self.lex.qualifiers.match_at(toks, k))
            or (t.norm.startswith("و") and t.norm[1:] in kin)
            or bool(t.keys & self.lex.word_set("rank-words"))
            or (k > 0 and bool(toks[k - 1].keys & self.lex.word_set("rank-words")))
        )

    def _risen_to(self, toks: list[Token]) -> Quantity | None:
        """ "عدد القتلى ... قد ارتفع إلى سبعة": the figure the toll rose to."""
        rise = self.lex.word_set("rise-verbs")
        for k in range(len(toks) - 2):
            if toks[k].keys & rise and toks[k + 1].keys & self.lex.word_set("to"):
                r = self._quantity(toks, k + 2)
                if r is not None:
                    return Quantity(r[0].best, r[0].low, r[0].high, toks[k].start, r[0].end)
        return None

    def _attackers_killed(
        self, text: str, killed: Quantity, a1: ActorHit, sub_event: str | None
    ) -> tuple[int, int, int] | None:
        """ "مقتل 33 مسلحا من داعش" in an attack the armed group made: the dead are its
        own fighters, perpetrator fatalities (codebook 5, GTD nkillter) as well as
        fatalities. Not when the group was only struck (an air strike, a government
        offensive: the dead are then its fighters but not attackers)."""
        struck = self.lex.word_set("struck-sub-events")
        if a1.entry.type not in (2, 3) or normalise(sub_event or "") in struck:
            return None
        toks = tokenize(text[killed.start : killed.end + ATTACKER_LOOKAHEAD], *self.lex.prefixes)
        counted = [t for t in toks if t.start < killed.end - killed.start]
        after = [t for t in toks if t.start >= killed.end - killed.start][:ATTACKER_WORDS]
        words = counted[1:] + after
        for k, t in enumerate(words):
            if t.keys & self.lex.word_set("by-words"):
                return None  # "برصاص مسلحين": the killers, not the killed
            if k > 0 and words[k - 1].keys & self.lex.word_set("attack-nouns"):
                continue  # "هجوم مسلح": an armed attack, no attackers counted
            if t.keys & self.lex.word_set("attacker-words"):
                return killed.best, killed.start, killed.end
        return None

    def _toll_word_after(self, toks: list[Token], j: int) -> bool:
        """ "عدد القتلى": the number of the dead (a toll to come), not "a number" (3)."""
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is None:
            return False
        if nxt.keys & self.lex.word_set("victim-nouns"):
            return True  # "عشرات الضحايا": the dead and the wounded, no toll
        # "عشرات القتلى" is tens of dead; only "عدد" before a toll noun is its number.
        return bool(toks[j].keys & self.lex.word_set("number-of")) and bool(
            nxt.keys
            & (
                self.lex.word_set("killed-count-nouns")
                | self.lex.word_set("wounded-count-nouns")
                | self.lex.word_set("toll-nouns")
            )
        )

    def _figure_follows(self, toks: list[Token], i: int) -> bool:
        """The casualty word at i is followed at once by its figure ("و11 مدنيا وإصابة 13"):
        the words before it count another casualty word's victims."""
        if i + 1 >= len(toks) or self._is_agent(toks, i + 1):
            return False
        r = self._quantity(toks, i + 1)
        nxt = toks[i + 1]
        return r is not None and (
            nxt.number is not None or bool(nxt.keys & self.lex.number_words.keys())
        )

    def _armed_group_at(self, toks: list[Token], k: int) -> bool:
        """An armed group (not state forces or civilians) is named at k: victims of the
        other side told after it are another count."""
        return any(e.type in (2, 3, 8) for _n, e in self.lex.actors.match_at(toks, k))

    def _is_agent(self, toks: list[Token], j: int) -> bool:
        """The word at j names attackers ("مسلح", "مجهولون"), not victims."""
        return toks[j].number is None and bool(toks[j].keys & self.lex.word_set("agent-nouns"))

    def _victims_after_agent(self, toks: list[Token], k: int) -> tuple[Quantity, int] | None:
        """After the doer of an active verb, the figure of its victims within a few words:
        "اغتال مسلح مجهول أربعة أشخاص" is four, not the one gunman."""
        for j in range(k, min(k + MAX_LOOSE_WORDS + 1, len(toks))):
            if self.lex.cues.match_at(toks, j) and not self._is_agent(toks, j):
                return None
            r = self._quantity(toks, j)
            if r is not None and not self._is_agent(toks, j):
                return r
        return None

    def _with_subject(self, toks: list[Token], i: int, j: int, q: Quantity) -> Quantity:
        """ "قتل مع أربعة من معاونيه": the one the verb is about died with those counted
        after "مع" (with): one more."""
        if j - 1 > i and toks[j - 1].keys & self.lex.word_set("with"):
            return Quantity(q.best + 1, None, None, q.start, q.end)
        return q

    def _group_told_before(self, toks: list[Token], i: int) -> Quantity | None:
        """ "أطلقوا النار على ضابط وزوجته ونجله ... مما أسفر عن مقتلهم جميعا": a casualty
        word with a plural pronoun counts the last group of victims the sentence told
        before it (not its attackers)."""
        if not toks[i].keys & self.lex.word_set("killed-plural-pronoun"):
            return None
        found: Quantity | None = None
        k = 0
        while k < i:
            if self._is_agent(toks, k) or self.lex.cues.match_at(toks, k):
                k += 1
                continue
            r = self._quantity(toks, k)
            if r is None:
                k += 1
                continue
            found, k = self._list_from(toks, r[1], r[0], i)
            k = max(k, r[1])
        if found is None:
            return None
        return Quantity(found.best, found.low, found.high, found.start, toks[i].end)

    def _person_plural(self, t: Token) -> bool:
        return (
            bool(t.keys & self.lex.word_set("person-plurals")) or self._person_count(t) is not None
        )

    def _date(self, toks: list[Token], pub: dt.date | None) -> DateHit | None:
        lex = self.lex
        best: DateHit | None = None
        weekday_seen = False
        for i, t in enumerate(toks):
            # "19 مارس"; "17مارس" is two tokens; "الرابع من مارس" is an ordinal day.
            day, month_i = t.number, i + 1
            if day is None:
                ordinal = _ordinal_day(lex, toks, i)
                if ordinal is not None:
                    day, month_i = ordinal
            if day is not None and 1 <= day <= 31 and month_i < len(toks):
                m = lex.months.match_at(toks, month_i)
                if m:
                    n, month = m[0]
                    end_i = month_i + n  # after the month
                    year = pub.year if pub else None
                    # "4 نيسان / أبريل 2024": a year within the next three tokens.
                    for k in range(end_i, min(end_i + 3, len(toks))):
                        yv = toks[k].number
                        if yv is not None and yv > 1900:
                            year = yv
                            break
                    if year is None:
                        continue
                    try:
                        d = dt.date(year, month, day)
                    except ValueError:
                        continue
                    if pub and d > pub + dt.timedelta(days=2) and year == pub.year:
                        d = d.replace(year=year - 1)
                    return DateHit(d, 1, t.start, toks[end_i - 1].end)
            if pub is None:
                continue
            wd = next((lex.weekdays[k] for k in t.keys if k in lex.weekdays), None)
            if wd is None:
                # "الجمعة" may come without the article: "يوم جمعة" is rare; require it.
                wd = next(
                    (
                        lex.weekdays["ال" + k]
                        for k in t.keys
                        if "ال" + k in lex.weekdays and t.norm.startswith(("ال", "وال", "بال"))
                    ),
                    None,
                )
            # A weekday is more precise than "today": outlets stamp wires after midnight.
            if wd is not None and not weekday_seen:
                weekday_seen = True
                back = (pub.weekday() - wd) % 7
                end = t.end
                if i + 1 < len(toks) and toks[i + 1].keys & lex.last_words:
                    back = back or 7
                    end = toks[i + 1].end
                best = DateHit(pub - dt.timedelta(days=back), 1, t.start, end)
                continue
            if best is None:
                r = lex.relative.match_at(toks, i)
                if r:
                    n, days = r[0]
                    best = DateHit(pub - dt.timedelta(days=days), 1, t.start, toks[i + n - 1].end)
        return best

    # ---- target and weapon types ------------------------------------------------------
    def _named_target(
        self, sentences_toks: list[list[Token]], attacker: tuple[int, int] | None
    ) -> tuple[str, int, int] | None:
        """The GTD target type the incident's words name, with its span: in the first
        sentence that names one, the type first in priority (types.toml, the English
        order), as `classify.target_type` reads English. The attacker's own words are no
        target, nor a force named as who told the news ("قال مصدر في الشرطة")."""
        heads = self.lex.word_set("target-place-heads")
        for stoks in sentences_toks:
            for _ttype, table in self.lex.targets:
                for i, t in enumerate(stoks):
                    if attacker is not None and attacker[0] <= t.start < attacker[1]:
                        continue
                    hits = table.match_at(stoks, i)
                    if not hits or self._told_by(stoks, i):
                        continue
                    if i > 0 and stoks[i - 1].keys & heads:
                        continue
                    return hits[0][1], t.start, stoks[i + hits[0][0] - 1].end
        return None

    def _told_by(self, stoks: list[Token], i: int) -> bool:
        """Token i names who gave the news ("قال مصدر في الشرطة", "بحسب الجيش")."""
        tellers = self.lex.word_set("target-tellers")
        return any(tok.keys & tellers for tok in stoks[max(0, i - TELLER_WINDOW) : i])

    def _acted_upon(
        self, sentences_toks: list[list[Token]], a2: ActorHit | None
    ) -> tuple[int, int] | None:
        """The span of the side acted upon, for a target its words don't name; not when
        that mention is who told the news ("أفادت الشرطة العراقية بمقتل ...")."""
        if a2 is None:
            return None
        for stoks in sentences_toks:
            for i, t in enumerate(stoks):
                if t.start == a2.start:
                    return None if self._told_by(stoks, i) else (a2.start, a2.end)
        return a2.start, a2.end

    def _named_weapons(self, sentences_toks: list[list[Token]]) -> list[tuple[str, int, int]]:
        """Every GTD weapon type the incident's words name, at its first words in each
        sentence (a list, as `classify.weapon_types` reads English)."""
        out = []
        for stoks in sentences_toks:
            for wtype, table in self.lex.weapons:
                for i in range(len(stoks)):
                    hits = table.match_at(stoks, i)
                    if hits:
                        out.append((wtype, stoks[i].start, stoks[i + hits[0][0] - 1].end))
                        break
        return out

    # ---- records --------------------------------------------------------------------
    def _build(
        self, article: Article, g: Cand, pub: dt.date | None, hint: str | None, toks: list[Token]
    ) -> Incident | None:
        text, aid = article.text, article.article_id
        ev: list[Evidence] = []

        def add(f: str, s: int, e: int) -> None:
            if 0 <= s < e <= len(text):
                ev.append(Evidence(field=f, article_id=aid, start=s, end=e, text=text[s:e]))

        allc = [g, *g.members]
        cats = g.cats
        event_cats = cats - set(CASUALTY_CATS)
        main = next(
            ((s, e) for m in allc for c, s, e in m.cues if c in event_cats),
            (g.cues[0][1], g.cues[0][2]),
        )
        add("event", *main)
        # The first toll told, unless a later sentence updates it ("ارتفعت حصيلة ... إلى").
        killed = _toll(allc)
        series = _series_total(allc, killed)
        killed, perpetrators = _with_suicide_attackers(allc, killed)
        wounded = max((m.wounded for m in allc if m.wounded), key=lambda q: q.best, default=None)
        place = next((m.place for m in allc if m.place is not None), None)
        country_code = place.country.code if place and place.country else hint or "IQ"
        actors = [a for m in allc for a in m.actors if a.entry.country in (country_code, "*")]
        initiators = [a for a in actors if a.entry.type in (2, 3, 8)]
        a1 = initiators[0] if initiators else None
        a2 = next(
            (
                a
                for a in actors
                if a is not a1
                and a.entry.type in (1, 7)
                and a.entry.name != (a1.entry.name if a1 else None)
            ),
            None,
        )
        if (
            a1 is None
            and a2 is not None
            and a2.entry.type == 1
            and event_cats & {"airstrike", "shelling", "regain"}
        ):
            a1, a2 = a2, None
        actor1 = (
            Actor(name=a1.entry.name, type=a1.entry.type, mention=text[a1.start : a1.end])
            if a1
            else None
        )
        actor2 = (
            Actor(name=a2.entry.name, type=a2.entry.type, mention=text[a2.start : a2.end])
            if a2
            else None
        )
        typing = classify(
            cats,
            actor1,
            actor2,
            self.kb,
            has_casualties=bool(killed and killed.best),
            target_type=None,
        )
        if typing is None:
            return None
        if typing.event_type in ("Protests", "Riots"):
            label, atype = ("Protesters", 6) if typing.event_type == "Protests" else ("Rioters", 5)
            cname = self.kb.country_name(country_code) or ""
            if actor1 is None or actor1.type != atype:
                actor1 = Actor(
                    name=f"{label} ({cname})", type=atype, mention=text[main[0] : main[1]]
                )
                a1 = ActorHit(
                    a1.entry if a1 else actors[0].entry if actors else ActorEntry("", 0, "*", ()),
                    main[0],
                    main[1],
                    "",
                )
        if (
            actor1 is None
            and typing.event_type
            in ("Explosions/Remote violence", "Battles", "Violence against civilians")
            and typing.sub_event_type not in ("Air/drone strike", "Government regains territory")
        ):
            # Codebook 4: an attack whose perpetrator is not named (a bomb, "gunmen") is the
            # work of an unidentified armed group; the evidence is the act itself.
            where = self.kb.country_name(country_code)
            if where:
                actor1 = Actor(
                    name=f"Unidentified Armed Group ({where})",
                    type=3,
                    mention=text[main[0] : main[1]],
                )
                a1 = ActorHit(ActorEntry(actor1.name, 3, country_code, ()), main[0], main[1], "")
        add("event_type", *main)
        add("sub_event_type", *main)
        attack_type = (
            typing.attack_type
            if typing.event_type not in ("Protests", "Riots", "Strategic developments")
            else None
        )
        if attack_type:
            add("attack_type", *main)
        sentences_toks = [[t for t in toks if m.start <= t.start < m.end] for m in allc]
        target, weapons = target_and_weapons(
            typing.event_type,
            self._named_target(sentences_toks, (a1.start, a1.end) if a1 is not None else None),
            actor2,
            self._acted_upon(sentences_toks, a2),
            self._named_weapons(sentences_toks),
            add,
        )
        if actor1 is not None and a1 is not None:
            add("actor1", a1.start, a1.end)
        if actor2 is not None and a2 is not None:
            add("actor2", a2.start, a2.end)
        event_date = precision = None
        date = g.date or next((m.date for m in g.members if m.date), None)
        if date is not None:
            event_date, precision = date.date, date.precision
            add("event_date", date.start, date.end)
        elif pub is not None:
            event_date, precision = pub, 2
            add("event_date", *main)
        placed = place_fields(place, country_code, self.kb, ev, add, main)
        fatalities = Count(best=0)
        if killed is not None:
            fatalities = Count(best=killed.best, low=killed.low, high=killed.high)
            add("fatalities", killed.start, killed.end)
        else:
            add("fatalities", *main)
        perp = Count()
        if perpetrators is None and killed is not None and a1 is not None:
            perpetrators = self._attackers_killed(text, killed, a1, typing.sub_event_type)
        if perpetrators is not None:
            perp = Count(best=perpetrators[0])
            add("perpetrator_fatalities", perpetrators[1], perpetrators[2])
            if killed is not None and (killed.start, killed.end) != perpetrators[1:]:
                # The attacker's own death is part of the toll: its words are evidence too.
                add("fatalities", perpetrators[1], perpetrators[2])
        injuries = Count()
        if wounded is not None:
            injuries = Count(best=wounded.best, low=wounded.low, high=wounded.high)
            add("injuries", wounded.start, wounded.end)
        claim = "reported"
        claimed = next((m.claimed for m in allc if m.claimed), None)
        if claimed:
            claim = "claimed"
            add("claim_status", *claimed)
        inc = incident_record(
            article, typing, attack_type=attack_type, actor1=actor1, actor2=actor2,
            event_date=event_date, precision=precision, where=placed, fatalities=fatalities,
            perpetrator_fatalities=perp, injuries=injuries, evidence=ev, confidence=0.6,
            claim_status=claim, target_type=target, weapon_types=weapons,
        )  # fmt: skip
        if series and inc.location is not None:
            inc.location = Location.model_validate(
                {**inc.location.model_dump(), ROUND_UP_SERIES: True}
            )
        kc = (
            num.Casualties(fatalities.best, fatalities.low, fatalities.high, ()) if killed else None
        )
        wc = num.Casualties(injuries.best, injuries.low, injuries.high, ()) if wounded else None
        add_summary(inc, 0, 1, kc, wc, None, ev[0])
        return inc


def _share(q: Quantity | None, k: int, n: int) -> Quantity | None:
    """Share k of n of a total, each of best, low and high divided (`numbers.share_of`)."""
    if q is None:
        return None

    def part(v: int | None) -> int | None:
        return None if v is None else num.share_of(v, k, n)

    return Quantity(part(q.best) or 0, part(q.low), part(q.high), q.start, q.end)


def _disputed(a: Quantity, b: Quantity) -> Quantity:
    """Codebook 5: reports that disagree give low = the smallest, high = the largest and
    best = the smallest (ACLED keeps the most conservative figure)."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return Quantity(
        min(a.best, b.best),
        min(a.low if a.low is not None else a.best, b.low if b.low is not None else b.best),
        max(a.high if a.high is not None else a.best, b.high if b.high is not None else b.best),
        first.start,
        second.end,
    )


def _toll(allc: list[Cand]) -> Quantity | None:
    """The incident's toll: the last update ("ارتفعت حصيلة ... إلى"), else the first toll
    told; a round-up total over several attacks only when no sentence of its own gives one."""
    updates = [m.killed for m in allc if m.killed and m.update]
    if updates:
        return updates[-1]
    own = [m for m in allc if m.killed and not m.roundup and not m.prior]
    if not own:
        return next((m.killed for m in allc if m.killed), None)
    # A vague toll ("عدد من الأشخاص") gives way to a figure told later.
    exact = [m for m in own if not m.vague and not m.also]
    if own[0].vague and exact:
        own = [exact[0], *[m for m in own if m is not exact[0]]]
    first = own[0].killed
    assert first is not None
    # "كما قتل شخصان آخران ... في المنطقة نفسها": more dead of the same place and day.
    also = [m.killed for m in own[1:] if m.also and m.killed]
    if not also:
        return first
    # The evidence runs over every figure added.
    end = max(first.end, *(q.end for q in also))
    return Quantity(first.best + sum(q.best for q in also), None, None, first.start, end)


def _series_total(allc: list[Cand], killed: Quantity | None) -> bool:
    """The incident's toll is a round-up total over several attacks ("قتل 22 شخصا في
    سلسلة تفجيرات"), kept because no sentence tells a part: the record stands for the
    series (codebook 5a, "names only the city: one incident with the total"), and the
    merge keeps it apart from one attack inside its place (`resolve.merge.series_total`)."""
    return killed is not None and any(m.series and m.killed is killed for m in allc)


def _drop_roundups(groups: list[Cand]) -> list[Cand]:
    """ "قتل 15 شخصا في هجمات متفرقة ..." then each attack with its own toll: the total
    is told next to its parts and counts once (codebook 5), so the incident the round-up
    sentence opened is dropped when another incident of the article has a toll."""
    if len(groups) < 2:
        return groups
    kept = []
    for g in groups:
        round_only = g.roundup and not any(m.killed and not m.roundup for m in g.members)
        others = [o for o in groups if o is not g and _has_killed(o)]
        if round_only and others and not _city_round_up(g, others):
            log.debug("round-up total dropped: sentence at %d", g.start)
            kept.extend(_rest_of_round_up(_hand_over(g.members, others)))
            continue
        kept.append(g)
    return kept


def _hand_over(members: list[Cand], others: list[Cand]) -> list[Cand]:
    """The sentences that followed a dropped round-up and name the place of another
    incident tell that incident ("سيارتين مفخختين انفجرتا ... في الشعلة" after the
    round-up, "19 شخصا قتلوا في الشعلة" later): they join it (its type, a suicide
    attacker's death), not the dropped total. Returns the sentences no incident took."""
    left = []
    for m in members:
        p = _named_place(m)
        to = next((o for o in others if p is not None and o.place and o.place.name == p.name), None)
        if to is not None:
            to.members.append(m)
            log.debug("joined the incident at %d (told after a round-up): sentence at %d",
                      to.start, m.start)  # fmt: skip
        else:
            left.append(m)
    return left


def _rest_of_round_up(left: list[Cand]) -> list[Cand]:
    """The sentences after a dropped round-up that no other incident took, from the first
    that names a place and has a toll of its own ("فجر انتحاري ... وسط مدينة كربلاء ما
    أسفر عن سقوط عشرة جرحى" after "قتل خمسة في سلسلة هجمات ... بينها هجوم انتحاري في
    كربلاء"): one of the round-up's parts, told only here, is an incident."""
    k = next((k for k, m in enumerate(left) if _named_place(m) and (m.killed or m.wounded)), None)
    if k is None:
        return []
    head = dataclasses.replace(left[k], members=list(left[k + 1 :]))
    log.debug("a part of the dropped round-up kept: sentence at %d", head.start)
    return [head]


def _city_round_up(g: Cand, others: list[Cand]) -> bool:
    """The round-up is placed at a city whose quarters the other incidents are told in
    ("... هزت أحياء بغداد" then الكرادة, السيدية): it stays, and `_mark_round_ups` names
    its parts, so that the merge keeps it apart from a single report at the city. Not a
    round-up whose sentence names no place (the geocoder fell back on a place of the
    article: "في مناطق مختلفة في العراق") nor one at a quarter ("بينها انفجار في منطقة
    الشعلة"): their parts are the article's incidents, and the total counts once."""
    if _named_place(g) is None or g.place is None:
        return False
    rules = load_rules()
    city = _spot(g.place)
    return any(
        o.place is not None
        and o.place.name != g.place.name
        and city_part(city, _spot(o.place), rules)
        for o in others
    )


def _spot(p: Place) -> Incident:
    """A place as the bare incident the merge's place rules read."""
    return Incident(
        event_date=None,
        location=Location(
            name=p.name, latitude=p.latitude, longitude=p.longitude, geonames_id=p.geonames_id
        ),
        geo_precision=p.geo_precision,
    )


def _has_killed(g: Cand) -> bool:
    return any(m.killed for m in [g, *g.members] if not m.roundup)


def _with_suicide_attackers(
    allc: list[Cand], killed: Quantity | None
) -> tuple[Quantity | None, tuple[int, int, int] | None]:
    """Codebook 5: a suicide attacker who blew himself up is dead although the report
    may not say so. He is added to the toll unless the incident says he lived or its toll
    counts him already ("بينهم الانتحاري"); he is a perpetrator fatality unless he lived."""
    found = max((m.attackers for m in allc if m.attackers), key=lambda a: a[0], default=None)
    if found is None:
        return killed, None
    if any(m.attacker_alive for m in allc):
        log.debug("suicide attacker not added to the toll: survived")
        return killed, None
    n, s, e = found
    if any(m.attacker_in_toll for m in allc):
        log.debug("suicide attacker not added to the toll: counted already")
        return killed, found
    if killed is None:
        return Quantity(n, None, None, s, e), found
    return (
        Quantity(
            killed.best + n,
            killed.low + n if killed.low is not None else None,
            killed.high + n if killed.high is not None else None,
            killed.start,
            killed.end,
        ),
        found,
    )


def _mark_round_ups(incs: list[Incident], named: list[Place]) -> None:
    """A report placed only at a city, in an article that names places inside that city
    (the day's other incidents, or the quarters its own words list: "وانفجرت القنابل في
    مناطق الأمين ومدينة الصدر"), rounds them up: its location carries their names
    (`resolve.merge.round_up_parts`), so the merge can tell it from a report of another
    quarter or another round-up of other quarters."""
    rules = load_rules()
    spots = [
        Incident(
            event_date=None,
            location=Location(name=p.name, latitude=p.latitude, longitude=p.longitude),
            geo_precision=p.geo_precision,
        )
        for p in named
        if p.name and p.latitude is not None and p.longitude is not None
    ]
    for inc in incs:
        if inc.location is None:
            continue
        others = [o for o in incs if o is not inc and o.event_date == inc.event_date]
        parts = sorted(
            {
                o.location.name
                for o in [*others, *spots]
                if o.location is not None
                and o.location.name != inc.location.name
                and city_part(inc, o, rules)
            }
        )
        if parts:
            inc.location = Location.model_validate(
                {**inc.location.model_dump(), ROUND_UP_PARTS: parts}
            )


def _inherited_date(before: DateHit | None, day_before: bool) -> DateHit | None:
    """The date of a sentence that names no day: that of the dated sentence before it,
    or the day before that when it says so ("غداة", "بعد يوم من"). Its evidence stays
    the words that named the day."""
    if before is None or not day_before:
        return before
    return dataclasses.replace(before, date=before.date - dt.timedelta(days=1))


def _ordinal_day(lex: ArabicLexicon, toks: list[Token], i: int) -> tuple[int, int] | None:
    """An ordinal day at token i ("الرابع", "الحادي عشر") and the index of the word
    after it and an optional "من": the month's place."""
    hit = lex.ordinals.match_at(toks, i)
    if not hit:
        return None
    n, day = hit[0]
    j = i + n
    if j < len(toks) and toks[j].norm == "من":
        j += 1
    return day, j


def _drop_passing(groups: list[Cand]) -> list[Cand]:
    """In an article that tells a toll, a later event with neither a toll nor a day of
    its own is told in passing: background, the hospital the wounded went to, what the
    bombing was like ("وقع انفجار كبير"). The first group is always kept."""
    any_toll = any(_has_toll(g) for g in groups)
    kept = [groups[0]]
    for g in groups[1:]:
        if (
            _has_toll(g)
            or (not any_toll and g.place is not None)
            or any(m.own_date for m in [g, *g.members])
        ):
            kept.append(g)
        elif _tells_how(g, kept[-1]):
            kept[-1].members.extend([g, *g.members])
            log.debug("joined (how the attack was done): sentence at %d", g.start)
        else:
            log.debug("dropped (told in passing): sentence at %d", g.start)
    return kept


def _tells_how(g: Cand, before: Cand) -> bool:
    """A sentence told in passing that names a suicide attacker tells how the incident
    before it was done ("إن انتحاريا هاجم المبنى بسيارة مفخخة"), when it names no other
    place: it joins that incident (its type and the attacker's death, codebook 5)."""
    if not any(m.attackers for m in [g, *g.members]):
        return False
    place = next((m.place for m in [before, *before.members] if m.place is not None), None)
    return g.place is None or place is None or not _far(g.place, place)


def _has_toll(g: Cand) -> bool:
    return any(m.killed or m.wounded for m in [g, *g.members])


def _far(a: Place, b: Place) -> bool:
    """Two places further apart than the merge's same-place distance are two incidents."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return a.name != b.name
    near, _ = within_km(a.latitude, a.longitude, b.latitude, b.longitude,
                        load_rules().max_distance_km)  # fmt: skip
    return not near


def _governorate_of(a: Place, b: Place) -> bool:
    """`a` names only the governorate that holds `b` ("جامعة الأنبار" after the incident
    in Ramadi): no other place, so no other incident."""
    return a.geo_precision == 3 and a.admin1 is not None and a.admin1 == b.admin1


def _named_place(c: Cand) -> Place | None:
    """The sentence's place when the sentence names it; a place the geocoder fell back on
    (the dateline, a city named earlier) does not make its toll another incident's."""
    p = c.place
    if p is None or p.start is None or not c.start <= p.start < c.end or c.seat:
        return None
    return p


def _group(cands: list[Cand]) -> list[Cand]:
    """A sentence joins the incident before it unless it names another place, another
    day, or (both having their own tolls) is not a toll update."""
    groups: list[Cand] = []
    for c in cands:
        g = groups[-1] if groups else None
        if g is None:
            groups.append(c)
            continue
        gplace = next((m.place for m in [g, *g.members] if m.place is not None), None)
        cplace = _named_place(c)
        other_place = (
            cplace is not None
            and gplace is not None
            and _far(cplace, gplace)
            and not _governorate_of(cplace, gplace)
        )
        other_day = c.date is not None and g.date is not None and c.date.date != g.date.date
        # Two tolls, neither an update of the other, each with a place: a round-up of
        # incidents in one city ("وفي حي ..." "قتل 3 ... وقتل 2 ...").
        gk = [m.killed.best for m in [g, *g.members] if m.killed]
        other_toll = (
            c.killed is not None
            and gk
            and (c.killed.best not in gk or c.also)
            and not c.update
            and not c.prior
            and cplace is not None
        )
        # "وفي انفجار آخر ... قتل سبعة": another attack with its own toll.
        another = c.another and c.killed is not None and bool(gk)
        if other_place or other_day or other_toll or another or c.split:
            lede = _retold(c, groups)
            if lede is not None:
                lede.members.append(c)
                log.debug("told again after the lede: sentence at %d", c.start)
                continue
            groups.append(c)
        else:
            g.members.append(c)
    return groups


def _retold(c: Cand, groups: list[Cand]) -> Cand | None:
    """The lede told two attacks in one sentence ("لقي مدنيان مصرعهما غرب بغداد، فيما
    قتل أربعة في نينوى"); the article then tells each again. A later sentence with the
    same toll, day and place as an attack of the lede (not the one just before: that
    one the grouping weighed already) is that attack told again."""
    p = _named_place(c)
    if c.killed is None or p is None or len(groups) < 2:
        return None
    for g in groups[:-1]:
        if g.start > groups[0].end:
            break  # past the lede sentence's clauses
        same_day = c.date is None or g.date is None or c.date.date == g.date.date
        if (
            g.killed is not None
            and g.killed.best == c.killed.best
            and same_day
            and g.place is not None
            and not _far(g.place, p)
        ):
            return g
    return None
