"""Date rules: a day told in an event's words that is not the day it happened.

The candidate stage (stages/candidate.py) asks the `report-day` table about each date
it found in a segment: a rule returns True when the date dates the report ("media
reports said on Wednesday"), and the stage then prefers an event day the segment
also tells ("gunmen killed three on Tuesday"). Rules read words through the pack."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from incidentwatch.extract.dates import MAX_NEWS_AGE_DAYS, DateInfo, find_dates
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule
from incidentwatch.extract.rules.counting import raises_a_toll, toll_update_verb


@rule("day of a report", table="report-day", order=10,
      example=("Police said on Wednesday that gunmen killed three guards on Tuesday.",
               "on Wednesday"))  # fmt: skip
def day_of_report(span: Span, pack: LanguagePack) -> bool:
    """A day that modifies a reporting verb ("police said on Wednesday", "the ministry
    announced Friday") is when the report was made: the event is on or before it."""
    verb = verb_of_day(span, pack)
    return verb is not None and verb.lemma_.lower() in pack.words("reporting-verbs")


@rule("day of a toll update", table="report-day", order=20,
      example=("The death toll rose on Monday to 60 after a car bomb hit a market in Hilla "
               "on Saturday.", "on Monday"))  # fmt: skip
def day_of_toll_update(span: Span, pack: LanguagePack) -> bool:
    """A day that modifies a toll's update ("the death toll ... rose to 60 on Monday") is
    when the toll was updated, not when the incident happened (codebook 5: the update
    replaces the figure of the incident it refers to, which keeps its own day). Only a
    day told after the verb: one before it sits in the toll's own words ("the toll from
    the attack on Saturday rose"), whatever the parse hangs it on."""
    verb = verb_of_day(span, pack)
    return verb is not None and span.start > verb.i and toll_update_verb(verb, pack)


@rule("day a toll was raised", table="report-day", order=25,
      example=("Officials on Monday raised the death toll to 73, after a truck bomb hit a "
               "petrol station near Hilla on Saturday.", "on Monday"))  # fmt: skip
def day_toll_raised(span: Span, pack: LanguagePack) -> bool:
    """A day on a verb that raises a death toll ("officials raised the death toll ... to
    73 on Friday"), or on the deed the raising clause hangs on ("rescuers on Monday pulled
    more bodies from the rubble, raising the death toll from Sunday's raids to 21"), is
    when the toll was updated: the incident keeps the day it is told with elsewhere
    (codebook 5: an update replaces the figure, not the day)."""
    verb = verb_of_day(span, pack)
    if verb is None:
        return False
    clauses = [verb, *(c for c in verb.children if pack.dep(c, "clause-chain"))]
    return any(raises_a_toll(v, pack) for v in clauses)


@dataclass(frozen=True)
class Header:
    """The first date of an article's text (the `header-date` table's question)."""

    text: str
    date: DateInfo


@rule("header date", table="header-date", order=10,
      example=("03/14/2019: Gunmen attacked a checkpoint near Kirkuk, killing two "
               "policemen.", "03/14/2019"))  # fmt: skip
def header_date(h: Header, pack: LanguagePack) -> bool:
    """A date that opens the text and a header mark closes ("03/14/2019: Gunmen attacked
    ...", how incident databases such as GTD open a narrative) dates the sentence it
    opens, when that names no day of its own: the sentence splitter may cut the header
    off, leaving the sentence undated. The sentences after it join its incident as
    before."""
    after = h.text[h.date.end :].lstrip(" ")
    return not h.text[: h.date.start].strip() and after[:1] in pack.words("header-date-marks")


@rule("day of an identification", table="report-day", order=15,
      example=("Police on Monday identified the bomber who killed nine people at a market "
               "in Hilla on Saturday.", "on Monday"))  # fmt: skip
def day_of_identification(span: Span, pack: LanguagePack) -> bool:
    """A day that modifies the naming of a doer ("police on Monday identified the
    bomber", "the ministry named the attacker on Sunday") is when he was named, after
    the attack: a bound on the event's day, like a report's day."""
    verb = verb_of_day(span, pack)
    return verb is not None and verb.lemma_.lower() in pack.words("identifying-verbs")


def verb_of_day(span: Span, pack: LanguagePack) -> Token | None:
    """The verb a day modifies ("said" in "police said on Wednesday"), else None."""
    tok = span.root
    # "on Wednesday": the preposition hangs on the verb; "Friday": the noun itself.
    if pack.dep(tok, "preposition-object") and tok.head is not tok:
        tok = tok.head
    head = tok.head
    if head is tok or not pack.dep(tok, "time-modifier"):
        return None
    return head


def only_tells_news(span: Span, pack: LanguagePack) -> bool:
    """The day dates a verb that only tells news ("police said on Sunday", "officials
    told reporters Sunday"), not one that may be part of the event itself ("IS claimed
    a car bomb on Wednesday": the claim often comes the day of the attack)."""
    verb = verb_of_day(span, pack)
    return verb is not None and verb.lemma_.lower() in pack.words("telling-verbs")


@dataclass(frozen=True)
class Unfixed:
    """A date whose day the text leaves open ("a siege last week"), the article around it
    and the event words of its segment (the `unfixed-day` table's question)."""

    text: str
    date: DateInfo
    published: dt.date | None
    nouns: frozenset[str]


@rule("a week narrowed by its day", table="unfixed-day", order=10,
      example=("Police stepped up checks on Thursday after a siege last week in which "
               "gunmen killed nine guests at a hotel. Hotels have hired guards since last "
               "Friday's siege.", "last week"))  # fmt: skip
def week_narrowed_by_its_day(u: Unfixed, pack: LanguagePack) -> DateInfo | None:
    """A week told without its day ("a siege last week") is background (codebook 5a),
    unless the article names the same event by its day elsewhere ("since last Friday's
    siege"): that day, within the 14 days before publication, is the event's day, and the
    earlier event told again in a follow-up story is news with its day fixed."""
    if pack.dates.relative.get(u.text[u.date.start : u.date.end].lower()) != "unfixed":
        return None
    pat = pack.pattern("day-named-event")
    if pat is None or u.published is None:
        return None
    for m in pat.finditer(u.text):
        if not u.nouns & set(m.group("words").lower().split()):
            continue
        start, end = m.span("day")
        days = [d for d in find_dates(u.text[start:end], start, u.published, pack.dates) if d.date]
        if len(days) != 1 or days[0].precision != 1 or days[0].date is None:
            continue
        age = (u.published - days[0].date).days
        if 0 < age <= MAX_NEWS_AGE_DAYS:
            return DateInfo(days[0].date, 1, start, end)
    return None


# ---- session 10 fresh10 ----
@rule("a day counted from the day told", table="unfixed-day", order=20,
      example=("Troops retook the citadel on Saturday. A day earlier, a bomb planted on "
               "the road killed two fighters near the town.", "A day earlier"))  # fmt: skip
def day_counted_from_day_told(u: Unfixed, pack: LanguagePack) -> DateInfo | None:
    """A day counted from another day the story tells ("A day earlier, a bomb killed
    two", "in a separate assault the same morning", "after the previous day's attack")
    counts from the last day told before it, not from publication: wire copy tells the
    lead's day first and dates what came before by it. Days that are themselves counted
    are passed over; with no day told before, the count runs from publication (codebook 5,
    relative days), as `find_dates` gave it."""
    if u.date.counted is None or u.published is None:
        return None
    told = [
        d
        for d in find_dates(u.text[: u.date.start], 0, u.published, pack.dates)
        if d.date is not None and d.precision == 1 and d.counted is None
        and not d.background and d.end_date is None
    ]  # fmt: skip
    if not told:
        return None
    day = told[-1].date
    assert day is not None  # filtered above; for the type checker
    return DateInfo(day + dt.timedelta(days=u.date.counted), 1, u.date.start, u.date.end)


@rule("a deed told before its report", table="told-before", order=10,
      example=("A spokesman told reporters on Wednesday that troops had retaken the "
               "district of Sharqat.", "retaken", "on Wednesday"))  # fmt: skip
def deed_told_before_report(cue: Token, day: Span, pack: LanguagePack) -> bool:
    """An event verb in the pluperfect under the report its only day dates ("told a news
    channel on Tuesday that soldiers had cleared the quarter", in a Tuesday article) is
    told as done before that day: the filing day's week is no bound on its start, so another
    outlet's earlier day can be its day (resolve.merge: `TOLD_BEFORE_REPORT`). The report's
    verb must govern the event verb: "had" elsewhere in the sentence says nothing of it."""
    verb = verb_of_day(day, pack)
    if verb is None or not pack.tag(cue, "past-participle"):
        return False
    if not any(
        pack.dep(c, "auxiliary") and c.lower_ in pack.words("pluperfect-auxiliary")
        for c in cue.children
    ):
        return False
    return any(a.i == verb.i for a in cue.ancestors)


@rule("a breaking report", table="breaking", order=10,
      example=("A bomb went off in the main market of Hilla. A medic spoke of casualties; "
               "no further details were immediately available.",
               "no further details were immediately available"))  # fmt: skip
def breaking_report(text: str, pack: LanguagePack) -> tuple[int, int] | None:
    """A story that says its details are not yet known ("no further details were
    immediately available", "details are not yet known") is breaking news: an
    event it tells with no day happened on its filing day (as "overnight" with no day
    named, codebook 5a), and a toll it does not give is not yet known, not none (codebook
    5: a report without a figure is not a figure; resolve.merge: `DETAILS_PENDING`)."""
    pat = pack.pattern("details-pending")
    m = pat.search(text) if pat is not None else None
    return m.span() if m is not None else None
