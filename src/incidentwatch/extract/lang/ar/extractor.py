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
from incidentwatch.extract.stages.building import _summary, assign_ids
from incidentwatch.geo import within_km
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
    iso_date,
)
from incidentwatch.resolve.merge import ROUND_UP_PARTS, city_part
from incidentwatch.resolve.rules import load_rules

log = logging.getLogger(__name__)

# Tokens after a casualty word searched for its figure.
FIGURE_WINDOW = 5
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
        for si, (s, e) in enumerate(sentences(text, story)):
            stoks = [t for t in toks if s <= t.start < e]
            if not stoks:
                continue
            date = self._date(event_date_tokens(stoks), ref)
            before, last_date = last_date, None
            if si < 2 and lede_date is None and date is not None:
                lede_date = date
            folded = normalise(text[s:e])
            why = next((cat for cat, pat in self.lex.context.items() if pat.search(folded)), None)
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
            c.own_date = date is not None
            c.killed, c.wounded, c.kill_span = self._figures(stoks)
            c.actors = self._actors(stoks)
            c.update = bool(self.lex.patterns["toll-update"].search(folded))
            m = self.lex.patterns["claim"].search(folded)
            c.claimed = (s, e) if m else None
            if any(cat == "suicide" for cat, _s, _e in cues):
                c.attackers = self._suicide_attackers(stoks)
                c.attacker_alive = bool(self.lex.patterns["suicide-attacker-alive"].search(folded))
            c.attacker_in_toll = bool(self.lex.patterns["toll-includes-attacker"].search(folded))
            ls = s
            if si == 0:
                dl = self.lex.patterns["dateline"].match(text[s:e])
                if dl is not None and dl.end() < e - s:
                    ls = s + dl.end()
            # No hint: the analysis mentions() cached for this text is reused (half the cost).
            c.place = locate(self.geocoder, self.failures, text, ls, e, None)
            cands.append(c)
        for c in cands:
            if c.date is None:
                c.date = lede_date
        groups = _group(cands)
        if len(groups) > 1:
            groups = _drop_passing(groups)
        out: list[Incident] = []
        for g in groups:
            # An undated report is news of the day the story was written.
            inc = self._build(article, g, ref, hint)
            if inc is not None:
                out.append(inc)
        _mark_round_ups(out, places)
        assign_ids(article, out)
        return out

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
        end_j = j + 1
        vague = False
        if value is None:
            for k in t.keys:
                if k in self.lex.number_words:
                    value = self.lex.number_words[k]
                    break
        if value is None:
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
            elif nxt.norm in ("عشر", "عشره"):
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
            before = self._figure_before(toks, i)
            # "مقتل وإصابة 20": killed and wounded together, not split (codebook 5).
            if before is None and i + 1 < len(toks) and kind == "kill":
                nxt = {c for _n, c in self.lex.cues.match_at(toks, i + 1)}
                if "wound" in nxt and toks[i + 1].norm.startswith("و"):
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
                        q = Quantity(r[0].best, r[0].low, r[0].high, r[0].start, t.end)
                        break
            if q is None and kind == "kill":
                if t.keys & self.lex.word_set("killed-two-pronoun"):
                    q = Quantity(2, None, None, t.start, t.end)
                elif t.keys & self.lex.word_set("killed-one-pronoun"):
                    q = Quantity(1, None, None, t.start, t.end)
            if q is None:
                q = before
            if q is None:
                j = i + 1
                fillers = self.lex.word_set("count-fillers")
                while j < len(toks) and j <= i + FIGURE_WINDOW:
                    r = self._quantity(toks, j)
                    if r is not None:
                        q = Quantity(r[0].best, r[0].low, r[0].high, t.start, r[0].end)
                        q = self._and_more(toks, r[1], q)
                        break
                    other = {c for _n, c in self.lex.cues.match_at(toks, j)}
                    if other & set(CASUALTY_CATS) or (toks[j].norm not in fillers and j > i + 2):
                        break
                    j += 1
            if q is None:
                continue
            if kind == "kill" and (killed is None or q.best > killed.best):
                killed, kill_span = q, (q.start, q.end)
            elif kind == "wound" and (wounded is None or q.best > wounded.best):
                wounded = q
        return killed, wounded, kill_span

    def _figure_before(self, toks: list[Token], i: int) -> Quantity | None:
        """ "33 شخصا على الأقل قتلوا", "لقي جندي مصرعه": the victims told before the verb,
        a quantity and its person noun within a few words, nothing else between."""
        fillers = self.lex.word_set("count-fillers")
        for back in (1, 2, 3, 4):
            j = i - back
            if j < 0:
                return None
            r = self._quantity(toks, j)
            if r is not None and toks[j].number is None and j > 0:
                # "18 شخصا": the numeral before the person noun is the figure.
                for k in (j - 1, j - 2, j - 3):
                    r2 = self._quantity(toks, k) if k >= 0 else None
                    if r2 is not None and r2[1] in (j, j + 1):
                        r = (r2[0], max(r2[1], r[1]))
                        break
            if r is not None:
                q, after = r
                first = next(k for k in range(len(toks)) if toks[k].start == q.start)
                if first > 0 and {c for _n, c in self.lex.cues.match_at(toks, first - 1)} & set(
                    CASUALTY_CATS
                ):
                    return None  # "مقتل جنديين وإصابة": the figure is the first word's
                # Between the figure and the verb: person nouns, qualifiers, fillers only.
                between = toks[after:i]
                if all(
                    self._person_plural(b)
                    or b.keys & fillers
                    or self.lex.qualifiers.match_at(toks, k)
                    for k, b in zip(range(after, i), between, strict=True)
                ):
                    return Quantity(q.best, q.low, q.high, q.start, toks[i].end)
                return None
            if self.lex.cues.match_at(toks, j):
                return None
        return None

    def _and_more(self, toks: list[Token], k: int, q: Quantity) -> Quantity:
        """ "مقتل ثلاثة من عناصر الشرطة ومدنيين اثنين": victims named together add up. A
        quantity within a few words that starts with "و" (and), before any other
        casualty word, is added."""
        fillers = self.lex.word_set("count-fillers")
        for j in range(k, min(k + 4, len(toks))):
            t = toks[j]
            if {c for _n, c in self.lex.cues.match_at(toks, j)} & set(CASUALTY_CATS):
                return q
            if t.norm == "و" and j + 1 < len(toks):
                r = self._quantity(toks, j + 1)
            elif t.norm.startswith("و") and len(t.norm) > 2:
                r = self._quantity(toks, j)
            else:
                if not (self._person_plural(t) or t.keys & fillers):
                    return q
                continue
            if r is None:
                return q
            more = r[0]
            return Quantity(q.best + more.best, None, None, q.start, more.end)
        return q

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

    # ---- records --------------------------------------------------------------------
    def _build(
        self, article: Article, g: Cand, pub: dt.date | None, hint: str | None
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
        updates = [m.killed for m in allc if m.killed and m.update]
        killed = updates[-1] if updates else next((m.killed for m in allc if m.killed), None)
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
        location = None
        admin1 = admin2 = None
        geo_precision = None
        country = None
        if place is not None:
            location = Location(
                name=place.name,
                latitude=place.latitude,
                longitude=place.longitude,
                geonames_id=place.geonames_id,
            )
            admin1, admin2, geo_precision = place.admin1, place.admin2, place.geo_precision
            if place.start is not None and place.end is not None:
                add("location", place.start, place.end)
                if admin1:
                    s, e = place.admin_spans[0] if place.admin_spans else (place.start, place.end)
                    add("admin1", s, e)
                if admin2:
                    s, e = place.admin_spans[-1] if place.admin_spans else (place.start, place.end)
                    add("admin2", s, e)
                add("country", place.start, place.end)
            country = place.country
        if country is None:
            name = self.kb.country_name(country_code)
            if name:
                country = Country(code=country_code, name=name)
                add("country", *main)
        fatalities = Count(best=0)
        if killed is not None:
            fatalities = Count(best=killed.best, low=killed.low, high=killed.high)
            add("fatalities", killed.start, killed.end)
        else:
            add("fatalities", *main)
        perp = Count()
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
        inc = Incident(
            event_date=event_date.isoformat() if event_date else None,
            date_precision=precision if event_date else None,
            event_type=typing.event_type,
            sub_event_type=typing.sub_event_type,
            attack_type=attack_type,
            actor1=actor1,
            actor2=actor2,
            country=country,
            admin1=admin1,
            admin2=admin2,
            location=location,
            geo_precision=geo_precision,
            fatalities=fatalities,
            perpetrator_fatalities=perp,
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
            confidence=0.6,
            claim_status=claim,
        )
        kc = (
            num.Casualties(fatalities.best, fatalities.low, fatalities.high, ()) if killed else None
        )
        wc = num.Casualties(injuries.best, injuries.low, injuries.high, ()) if wounded else None
        inc.summary = _summary(inc, 0, 1, kc, wc)
        inc.evidence.append(
            Evidence(
                field="summary", article_id=aid, start=ev[0].start, end=ev[0].end, text=ev[0].text
            )
        )
        return inc


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
        other_place = c.place is not None and gplace is not None and _far(c.place, gplace)
        other_day = c.date is not None and g.date is not None and c.date.date != g.date.date
        # Two tolls, neither an update of the other, each with a place: a round-up of
        # incidents in one city ("وفي حي ..." "قتل 3 ... وقتل 2 ...").
        gk = [m.killed.best for m in [g, *g.members] if m.killed]
        other_toll = (
            c.killed is not None
            and gk
            and c.killed.best not in gk
            and not c.update
            and c.place is not None
        )
        if other_place or other_day or other_toll:
            groups.append(c)
        else:
            g.members.append(c)
    return groups
