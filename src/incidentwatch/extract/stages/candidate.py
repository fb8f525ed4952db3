"""Candidate stage: one event segment -> a Candidate (cues kept, figures, date, place,
actors, confidence), or None when the segment reports no event as news."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from incidentwatch.extract import numbers as num
from incidentwatch.extract.context import ArticleContext, Candidate, Cue
from incidentwatch.extract.dates import PERIOD_START_WINDOW, DateInfo, find_dates
from incidentwatch.extract.rules.article import Segment
from incidentwatch.extract.rules.background import TOLD_AGAIN
from incidentwatch.extract.rules.dates import Header, Unfixed, only_tells_news
from incidentwatch.extract.stages.background import why_background
from incidentwatch.extract.stages.figures import casualties
from incidentwatch.extract.stages.place import places_told_together, segment_place
from incidentwatch.extract.wordre import whole_word
from incidentwatch.records import Place

if TYPE_CHECKING:
    from incidentwatch.extract.pipeline import Extractor

log = logging.getLogger(__name__)

# Cue categories (codebook types, not words): police action at a protest is not an event
# of its own; the abducted and the arrested are counted as taken.
NON_EVENT_CATS = {"intervention"}
TAKEN_CATS = ("abduct", "arrest")
# The report-day rule whose day is no event day (rules/dates.day_of_toll_update).
# The report-day rules whose day is when a toll was updated, never an event's day.
UPDATE_DAYS = ("day of a toll update", "day a toll was raised")
# The codebook's canonical name for demonstrators (data/extract/<lang>/generic_actors.tsv).
PROTESTERS = "Protesters"


def candidate(
    ctx: ArticleContext, seg_start: int, seg_end: int, si: int, cues: list[Cue]
) -> Candidate | None:
    ex, doc, text = ctx.ex, ctx.doc, ctx.text
    pack = ex.pack
    seg_text = text[seg_start:seg_end]
    # Cues that describe talk, trends or hypotheticals are not events.
    live: list[Cue] = []
    for c in cues:
        why = why_background(c.token, pack, ex.dependent_rules, ex.governor_rules, ex.own_rules)
        if (
            why is not None
            and why.startswith(TOLD_AGAIN)
            and not ctx.candidates
            and pack.tag(c.token, "singular-noun")
        ):
            # Named again, but the text has told no incident before it: "The blast" names
            # the one event of a headline the text lacks, the story's own news ("the air
            # strikes" it carries out are many, a habit). The other rules still apply.
            own = tuple(r for r in ex.own_rules if r.name != TOLD_AGAIN)
            why = why_background(c.token, pack, ex.dependent_rules, ex.governor_rules, own)
            if why is None:
                log.debug("cue %r kept: named again, but nothing told before it", c.token.text)
        if why is None:
            live.append(c)
        else:
            log.debug("cue %r dropped: %s", text[c.start : c.end], why)
    # An old date in a relative clause ("kidnapped last month") makes that clause
    # background; the rest of the segment may still be news ("have been released").
    dates = find_dates(seg_text, seg_start, ctx.pub, pack.dates)
    dates = [unfixed_day(ctx, d, live) for d in dates]
    split_clause = seg_start in ctx.clause_cuts
    if split_clause and not dates:
        # Two deeds told in one sentence share its time ("launched an assault on Tuesday
        # and fired rockets on a hospital"): the day of the clause before the cut.
        sent_start = doc.char_span(seg_start, seg_end, alignment_mode="expand")
        if sent_start is not None:
            s0 = sent_start.sent.start_char
            dates = find_dates(text[s0:seg_start], s0, ctx.pub, pack.dates)
    cue_tokens = {c.token.i for c in live}
    bg_clauses = [r for d in dates if d.background for r in [clause_range(ctx, d, cue_tokens)] if r]
    if bg_clauses:
        live = [c for c in live if not any(c.token.i in r for r in bg_clauses)]
        dates = [d for d in dates if not (d.background and clause_range(ctx, d, cue_tokens))]
    if not dates and ctx.header_day is not None and ctx.header_day[1] == si:
        # The header the splitter cut off dates the sentence it opened, as if not cut off;
        # the sentences after it join that one's incident as they would.
        dates = [ctx.header_day[0]]
    event_cues = [c for c in live if c.cat not in NON_EVENT_CATS]
    if not event_cues:
        return None
    actors = ex.actor_matcher.mentions_in(ctx.actor_spans, seg_start, seg_end)
    protesters = any(e.name.startswith(PROTESTERS) for m in actors for e, _c in m.entries)
    # A weak protest word is a protest when protesters are named, or when it is a crowd
    # verb ("supporters rallied") whose sentence says what the crowd demands or what met
    # it (`protest-signs`).
    strong = [
        c
        for c in event_cues
        if not c.weak or (c.cat == "protest" and (protesters or _crowd_protest(ctx, c)))
    ]
    cats = {c.cat for c in event_cues}
    # Police action told in the next clause still belongs to the protest.
    sent = doc[cues[0].token.i].sent
    cats |= {c.cat for c in ctx.sentence_cues.get(sent.start, []) if c.cat in NON_EVENT_CATS}
    # A casualty cue only counts as an event with a number or another cue.
    span = doc.char_span(seg_start, seg_end, alignment_mode="expand")
    if span is None:
        return None
    killed = casualties(ex, span, [c for c in live if c.cat == "kill"])
    wounded = casualties(ex, span, [c for c in live if c.cat == "wound"])
    abducted = casualties(ex, span, [c for c in live if c.cat in TAKEN_CATS])
    bodies = _search(ctx, "bodies", seg_text) is not None or (
        # "The fishermen were shot, execution style": the people taken earlier
        killed is None
        and any(c.cat == "kill" for c in live)
        and _search(ctx, "definite-plural", seg_text) is not None
    )
    if not strong and killed is None and wounded is None:
        return None

    signals = {cat for cat, s, _e in ctx.ctx_hits if seg_start <= s < seg_end}
    good_dates = [d for d in dates if not d.background]
    history = after_history(ctx, seg_start, si, dates)
    seg = Segment(
        dates, good_dates, signals, killed, history,
        old_deed_on_report_day=_old_deed_on_report_day(ctx, dates, good_dates, event_cues),
    )  # fmt: skip
    for r in ex.segment_rules:
        verdict = r(seg)
        if verdict:
            if history or _dates_history(ctx, dates):
                ctx.history_sents.add(si)
            if isinstance(verdict, str):
                log.debug("segment dropped (%s: %s)", r.name, verdict)
            return None
    # A day that dates the report gives way to the event's own day in the segment.
    good_dates.sort(key=lambda d: report_day(ctx, d) is not None)
    event_day = good_dates[0] if good_dates else None
    day_of_report = event_day is not None and report_day(ctx, event_day) is not None
    report_date = None
    told_before = told_before_day = False
    if event_day is not None and filing_day_only(ctx, event_day):
        day_words = ctx.text[event_day.start : event_day.end]
        log.debug("date %r: the filing day of a report, no event day", day_words)
        told_before = deed_told_before(ctx, event_day, event_cues)
        event_day, report_date = None, event_day
    elif event_day is not None and update_day_only(ctx, event_day):
        # "The toll from the Tikrit attack rose to 12 on Monday": the update's day is no
        # event day; the update joins the incident the article tells with its own day.
        day_words = ctx.text[event_day.start : event_day.end]
        log.debug("date %r: the day of a toll update, no event day", day_words)
        event_day, report_date = None, event_day
        # A toll rises after its event: dated by a filing day that is the update's, the
        # record is news of the days before it (resolve.merge: `TOLD_BEFORE_REPORT`), so
        # another outlet's report of the event's own day can be its report.
        told_before = True
    elif day_of_report and event_day is not None:
        # "X said on Sunday that three men had been kidnapped": the deed is told as done
        # before the report's day, which bounds its day without being it.
        told_before_day = deed_told_before(ctx, event_day, event_cues)

    confidence = 0.55 if strong else 0.4
    if killed is not None or wounded is not None:
        confidence += 0.15
    if good_dates:
        confidence += 0.1
    if ctx.short:
        confidence += 0.1
    stripped = seg_text.replace("[...]", "").strip()
    # (An empty segment counts as quoted too: the test was once a substring test.)
    quoted = stripped[:1] == "" or stripped[:1] in pack.words("quote-marks")
    if quoted and killed is None and not good_dates:
        confidence -= 0.2  # a quoted opinion, unless it gives a figure or a date
    if "trend" in signals or "statistic" in signals:
        confidence -= 0.3

    place = segment_place(ctx, seg_start, seg_end)
    if place is not None:
        confidence += 0.1
    together = (
        places_told_together(ctx, place, seg_end)
        if place is not None and (killed is not None or wounded is not None)
        else []
    )
    if not ctx.short and not good_dates:
        # In a long article, an undated event placed only in a country, or a toll in the
        # hundreds, is usually a summary of many events rather than one incident.
        if place is not None and place.admin1 is None:
            confidence -= 0.15
        if killed is not None and (killed.best or 0) >= 100:
            confidence -= 0.25

    if actors:
        confidence += 0.05
    repeats, repeats_span = count_repeats(ctx, seg_text, seg_start)
    cand = Candidate(
        seg_start, seg_end, si, event_cues, cats, killed, wounded,
        event_day, place, actors, repeats, repeats_span,
    )  # fmt: skip
    cand.confidence = max(0.0, min(1.0, confidence))
    cand.report_date = report_date
    cand.told_before = told_before
    cand.told_before_day = told_before_day
    cand.day_of_report = day_of_report and event_day is not None
    cand.together = together
    cand.anaphoric = _search(ctx, "anaphora", seg_text) is not None
    cand.beside_toll = _toll_told_beside(ctx, span, [c for c in live if c.cat == "kill"])
    cand.subset = (killed is not None or wounded is not None) and _search(
        ctx, "victim-subset", seg_text
    ) is not None
    cand.series = _search(ctx, "series", seg_text) is not None
    cand.text = seg_text
    cand.split_clause = split_clause
    cand.part_of = bool(ex.part_of and ex.part_of.search(seg_text))
    cand.aggregate = bool(
        (killed is not None or wounded is not None) and _aggregate_words(ex, seg_text)
    )
    cand.abducted, cand.bodies = abducted, bodies
    m = _search(ctx, "claimed", seg_text)
    if m:
        cand.claimed = (seg_start + m.start(), seg_start + m.end())
    m = _search(ctx, "no-casualties", seg_text)
    if m:
        cand.no_casualties = (seg_start + m.start(), seg_start + m.end())
    for r in ex.scored_rules:
        if r(cand):
            log.debug("segment dropped (%s %.2f): %s", r.name, cand.confidence, seg_text[:80])
            return None
    return cand


def after_history(ctx: ArticleContext, seg_start: int, si: int, dates: list[DateInfo]) -> bool:
    """The segment names no day, and the sentence before it, in the same paragraph, tells
    history: all its dates are background, or it carries on such a sentence."""
    if dates or si == 0:
        return False
    prev = ctx.sents[si - 1]
    # The parser keeps a paragraph break at the end of the sentence before it.
    if "\n" in ctx.text[prev.start_char + len(prev.text.rstrip()) : seg_start]:
        return False
    if si - 1 in ctx.history_sents:
        return True
    return _dates_history(ctx, find_dates(prev.text, prev.start_char, ctx.pub, ctx.ex.pack.dates))


def _dates_history(ctx: ArticleContext, dates: list[DateInfo]) -> bool:
    """All the dates are background and one dates the main clause ("Militants stormed the
    offices on Oct. 21"), not only a clause on a noun ("the operation launched in August")."""
    return (
        bool(dates)
        and all(d.background for d in dates)
        and any(clause_range(ctx, d, set()) is None for d in dates)
    )


def _crowd_protest(ctx: ArticleContext, c: Cue) -> bool:
    """A crowd verb ("rallied", "marched") in a sentence with a sign of protest."""
    pack = ctx.ex.pack
    return (
        c.token.pos_ == "VERB"
        and c.token.lemma_.lower() in pack.words("crowd-verbs")
        and _search(ctx, "protest-signs", c.token.sent.text) is not None
    )


def _search(ctx: ArticleContext, concept: str, text: str) -> re.Match[str] | None:
    pat = ctx.ex.pack.pattern(concept)
    return pat.search(text) if pat is not None else None


def count_repeats(
    ctx: ArticleContext, seg_text: str, offset: int
) -> tuple[int, tuple[int, int] | None]:
    """How many attacks the segment tells as one ("targeted twice", "two separate attacks"),
    and the words that say so; 1 when it is one of several ("one of four bombs")."""
    kb = ctx.ex.kb
    low = seg_text.lower()
    if _search(ctx, "one-of-several", low):
        return 1, None  # "one of four bombs": this report is about one of them
    for word, n in kb.repeats.items():
        m = whole_word(word, r"\b", r"\b").search(low)
        if m:
            return n, (offset + m.start(), offset + m.end())
    m = _search(ctx, "repeat-attacks", low)
    if m:
        n = kb.number_words.get(m.group(1)) or int(m.group(1))
        return n, (offset + m.start(), offset + m.end())
    return 1, None


# How far into the text a header's date may run: a date is a few words long.
HEADER_CHARS = 40


def header_day(ctx: ArticleContext) -> tuple[DateInfo, int] | None:
    """The date the text opens with, when a `header-date` rule says it is a header
    ("03/14/2019: Gunmen attacked ..."), and the index of the sentence it opens: the
    first with words after the header's (the splitter may cut the header off)."""
    head = ctx.text[:HEADER_CHARS]
    dates = [d for d in find_dates(head, 0, ctx.pub, ctx.ex.pack.dates) if not d.background]
    if not dates:
        return None
    first = min(dates, key=lambda d: d.start)
    hit = next(
        (r for r in ctx.ex.header_date_rules if r(Header(ctx.text, first), ctx.ex.pack)), None
    )
    if hit is None:
        return None
    for si, sent in enumerate(ctx.sents):
        # The header's mark ends at most a character or two after the date.
        if sent.end_char > first.end + 2 and any(t.is_alpha for t in sent):
            log.debug("date %r: %s", head[first.start : first.end], hit.name)
            return first, si
    return None


# How many steps up its heads a date may climb to the event word it dates ("killed ... in
# operations last week": the date, its preposition, the verb).
_DATES_A_CUE_STEPS = 3


def _old_deed_on_report_day(
    ctx: ArticleContext, dates: list[DateInfo], good_dates: list[DateInfo], cues: list[Cue]
) -> bool:
    """Every day the segment names dates a report, and a background date dates one of its
    event words itself ("the army said on Sunday it had killed 300 militants last week",
    "investigators said on Friday that troops carried out a gas attack in 2015"). A date
    that opens a period ("since 2014") or measures a superlative ("the deadliest attack this
    year") dates no deed, nor one that dates only a deed told to explain another ("died
    under torture after being arrested six years ago")."""
    old = [d for d in dates if d.background]
    if not old or not good_dates or any(report_day(ctx, d) is None for d in good_dates):
        return False
    cue_tokens = {c.token.i for c in cues}
    words = ctx.ex.pack.dates
    superlative = ctx.ex.pack.pattern("superlative-before")
    opening = ctx.ex.pack.pattern("period-opening")
    for d in old:
        before = ctx.text[max(0, d.start - PERIOD_START_WINDOW) : d.start]
        if any(True for _ in words.finditer("period-start", before)) or (
            opening is not None and opening.search(ctx.text[d.start : d.end])
        ):
            continue
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        sent_before = ctx.text[span.sent.start_char : d.start]
        if superlative is not None and superlative.search(sent_before):
            continue
        node = span.root
        for _ in range(_DATES_A_CUE_STEPS):
            if node.head.i == node.i:
                break
            node = node.head
            if node.i in cue_tokens:
                # The dated deed must hold every other event word of the segment: "died
                # under torture ... after being arrested six years ago" tells a death the
                # old arrest only explains.
                return all(node.left_edge.i <= i <= node.right_edge.i for i in cue_tokens)
    return False


def report_day(ctx: ArticleContext, date: DateInfo) -> str | None:
    """The name of the `report-day` rule that says the date dates the report, else None."""
    span = ctx.doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    for r in ctx.ex.report_day_rules:
        if r(span, ctx.ex.pack):
            log.debug("date %r: %s", span.text, r.name)
            return r.name
    return None


def filing_day_only(ctx: ArticleContext, date: DateInfo) -> bool:
    """The segment's only day dates the report and is the filing day ("the ministry
    said on Sunday" in a Sunday article): it says when the news was told, not when the
    event happened, so the event is dated as news with no day named (the filing
    day's week, codebook 5a) and another outlet's day before it can still be its day.
    A report day before the filing day ("said on Saturday" in a Monday article) is
    kept: the event was on or before it, the closest day the text gives."""
    if ctx.pub is None or date.date != ctx.pub or date.precision != 1 or date.end_date:
        return False
    span = ctx.doc.char_span(date.start, date.end, alignment_mode="expand")
    return (
        span is not None
        and report_day(ctx, date) is not None
        and only_tells_news(span, ctx.ex.pack)
    )


def deed_told_before(ctx: ArticleContext, date: DateInfo, cues: list[Cue]) -> bool:
    """The first `told-before` rule that says an event word of the segment is told as done
    before the filing day its report is dated by (rules/dates.py)."""
    span = ctx.doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    for c in cues:
        hit = next((r for r in ctx.ex.told_before_rules if r(c.token, span, ctx.ex.pack)), None)
        if hit is not None:
            log.debug("cue %r: %s", ctx.text[c.start : c.end], hit.name)
            return True
    return False


def update_day_only(ctx: ArticleContext, date: DateInfo) -> bool:
    """The segment's only day is the day its toll was updated (rule "day of a toll
    update"), which tells when the figure was given, not when the incident happened."""
    span = ctx.doc.char_span(date.start, date.end, alignment_mode="expand")
    return span is not None and any(
        r.name in UPDATE_DAYS and r(span, ctx.ex.pack) for r in ctx.ex.report_day_rules
    )


def clause_range(ctx: ArticleContext, date: DateInfo, cue_tokens: set[int]) -> range | None:
    """Token range of the relative clause a date sits in ("who were abducted ... last
    month"), or None when the date dates the main clause or the event noun the clause
    describes ("a cease-fire that began on Feb. 27")."""
    doc: Doc = ctx.doc
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    node = span.root
    for _ in range(8):
        if ctx.ex.pack.dep(node, "clause-modifier") and node.head.i != node.i:
            if node.head.i in cue_tokens:
                return None
            return range(node.left_edge.i, node.right_edge.i + 1)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _aggregate_words(ex: Extractor, seg_text: str) -> bool:
    """The segment's toll covers several incidents ("In total, the attacks killed 64").
    Words that only set the incident in its series ("killed four, the latest in a string
    of attacks") are not a total: an aggregate match that starts inside them does not
    count."""
    if ex.aggregate is None:
        return False
    latest = ex.pack.pattern("latest-in-series")
    series = [(m.start(), m.end()) for m in latest.finditer(seg_text)] if latest else []
    return any(
        not any(s <= m.start() < e for s, e in series) for m in ex.aggregate.finditer(seg_text)
    )


def _toll_told_beside(
    ctx: ArticleContext, span: Span, kill_cues: list[Cue]
) -> tuple[num.Casualties, Place] | None:
    """The toll of the earlier event a segment sets beside its news, with the place named in
    that clause ("..., a day after a car bomb in Ramadi killed 11 people" gives 11
    and Ramadi); None when there is no such clause, toll or place."""
    toll = casualties(ctx.ex, span, kill_cues, beside=True)
    pat = ctx.ex.pack.pattern("time-after-another-event")
    if toll is None or pat is None:
        return None
    m = pat.search(span.text)
    if m is None:
        return None
    start, end = span.start_char + m.end(), span.end_char
    place = next(
        (p for p in ctx.place_mentions if p.start is not None and start <= p.start < end), None
    )
    return (toll, place) if place is not None and place.admin1 is not None else None


def unfixed_day(ctx: ArticleContext, d: DateInfo, cues: list[Cue]) -> DateInfo:
    """The date, or the day an `unfixed-day` rule finds for a week the text tells without
    its day ("a siege last week" and, further on, "since last Friday's siege") or for a
    day counted from another the story tells ("a day earlier")."""
    open_day = d.background and d.date is None
    if not (open_day or d.counted is not None) or not ctx.ex.unfixed_day_rules:
        return d
    nouns = frozenset(w for c in cues for w in (c.token.lower_, c.token.lemma_.lower()))
    u = Unfixed(ctx.text, d, ctx.pub, nouns)
    for r in ctx.ex.unfixed_day_rules:
        day = r(u, ctx.ex.pack)
        if day is not None:
            log.debug("date %r: %s", ctx.text[d.start : d.end], r.name)
            return day
    return d
