"""What the stages pass between them: cues, candidates, and the per-article context.

Everything that belongs to one article lives in an `ArticleContext` made for that
call; the `Extractor` the stages read from (model, language pack, matchers,
geocoder, enabled rules) is shared and never written after it is built, so one
extractor can serve several threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.actors import ActorMention
from incidentwatch.extract.dates import DateInfo
from incidentwatch.records import Article, Place

# Notes and narratives (ACLED, GTD, RAND: 99% under 1,000 characters) tell one event;
# wire stories are longer.
SHORT_REPORT_CHARS = 1000

if TYPE_CHECKING:
    from incidentwatch.extract.pipeline import Extractor


@dataclass
class Cue:
    cat: str
    start: int  # char offsets
    end: int
    token: Token
    weak: bool = False


@dataclass
class Candidate:
    """One segment's telling of an event, and (after grouping) the tellings merged into it."""

    seg_start: int
    seg_end: int
    sent_index: int
    cues: list[Cue]
    cats: set[str]
    killed: num.Casualties | None
    wounded: num.Casualties | None
    date: DateInfo | None
    place: Place | None
    actors: list[ActorMention]
    repeats: int = 1
    repeats_span: tuple[int, int] | None = None
    anaphoric: bool = False  # refers back: "the attack", "the explosion"
    subset: bool = False  # a breakdown of victims told: "six of its citizens were killed"
    series: bool = False  # a toll for several places ("in three districts of Baghdad")
    part_of: bool = False  # told as one of several ("This was one of four bombs")
    aggregate: bool = False  # its toll covers several incidents ("In total, the attacks killed")
    text: str = ""  # the segment's words
    abducted: num.Casualties | None = None  # people kidnapped or detained
    bodies: bool = False  # "their bodies were found": the abducted were killed
    confidence: float = 0.0
    claimed: tuple[int, int] | None = None
    no_casualties: tuple[int, int] | None = None
    merged: list[Candidate] = field(default_factory=list)
    # The filing day the segment names as the day of its report ("police said on
    # Sunday" in a Sunday article): not the event's day (stages/candidate.filing_day_only),
    # but the story still dates what it tells.
    report_date: DateInfo | None = None
    # Its event is told as done before that filing day ("told reporters on Wednesday that
    # troops had retaken the district"): a `told-before` rule fired.
    told_before: bool = False
    # Its day dates a report ("the ministry on Saturday identified the bomber"), a bound
    # on the event's day (a `report-day` rule fired), kept as the closest day told.
    day_of_report: bool = False
    # Its event is told as done before that report's day, which is not the filing day
    # ("Al Arabiya said on Sunday that three men had been kidnapped", in a Monday
    # article): the day bounds the event, the retelling rule "a deed told before a
    # report's day" lets it join the incident told with its own earlier day.
    told_before_day: bool = False
    # The places its toll is told over, named together with its own ("killed 30 in
    # Baghdad and Hilla"): the series rule "toll over places named together" splits it.
    together: list[Place] = field(default_factory=list)
    # (i, n): this is the i-th of n incidents a toll told over n places is divided among.
    share: tuple[int, int] | None = None
    # The segment is the second of two deeds a `clause-split` rule cut apart ("... and
    # fired rockets on a hospital"): not the incident of the clause before it.
    split_clause: bool = False
    # The time-stamped entry of a live blog its first cue is told in (0, 1, ... in text
    # order), None outside live blogs (stages/grouping.mark_blog_entries).
    blog_entry: int | None = None
    # The toll of an earlier event the segment sets beside its news, and that event's place
    # ("..., a day after a car bomb in Ramadi killed 11 people"): not this incident's toll,
    # but the toll of the event the article may tell again (stages/grouping.tolls_told_beside).
    beside_toll: tuple[num.Casualties, Place] | None = None

    @property
    def told_day(self) -> bool:
        """The segment names a day: the event's, or the filing day of its report."""
        return self.date is not None or self.report_date is not None

    @property
    def all(self) -> list[Candidate]:
        return [self, *self.merged]


@dataclass
class ArticleContext:
    """One article being extracted: its parse, its cues and what the stages found."""

    ex: Extractor
    article: Article
    doc: Doc
    pub: dt.date | None
    # Notes and narratives (ACLED, GTD, RAND: 99% under 1,000 characters) tell one
    # event; wire stories are longer.
    short: bool
    cues: list[Cue] = field(default_factory=list)
    sentence_cues: dict[int, list[Cue]] = field(default_factory=dict)  # sentence start -> cues
    actor_spans: list[Span] = field(default_factory=list)
    ctx_hits: list[tuple[str, int, int]] = field(default_factory=list)  # context phrases
    place_country: str | None = None  # the country of the article's places
    country_hint: str | None = None  # ... of its places and actors
    place_mentions: list[Place] = field(default_factory=list)  # every place the text names
    # The text the geocoder reads: the article's, with the common words that open a
    # sentence in lower case ("Car bombs" -> "car bombs"), offsets unchanged.
    geo_text: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    # Where a `clause-split` rule cut a sentence (character offsets): the clause after
    # the cut tells an incident of its own (stages/cues.segments).
    clause_cuts: set[int] = field(default_factory=set)
    # Sentences (by index) that tell history: all their dates are background, or they
    # carry on such a sentence in its paragraph (stages/candidate.after_history).
    history_sents: set[int] = field(default_factory=set)
    # The day a header opening the text gives its first sentence ("03/14/2019: ...",
    # table `header-date`; stages/candidate.header_day), and that sentence's index.
    header_day: tuple[DateInfo, int] | None = None
    # Where the text says its details are not yet known (table `breaking`): breaking
    # news, whose undated events happened on its filing day and whose tolls are pending.
    breaking: tuple[int, int] | None = None
    # Filled on first use (`sents`, `sentence_entities`): not the stages' to set.
    _sents: list[Span] | None = field(default=None, repr=False)
    _sentence_entities: list[list[Span]] | None = field(default=None, repr=False)

    @property
    def sents(self) -> list[Span]:
        """The parse's sentences, in order, listed once for the article: each walk of
        `doc.sents` builds every sentence again (issue 15)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def sentence_entities(self, si: int) -> list[Span]:
        """The named entities of sentence `si` (`sent.ents`), for all sentences in one
        walk over the article's entities: `sent.ents` scans all of them per sentence."""
        if self._sentence_entities is None:
            sents = self.sents
            by: list[list[Span]] = [[] for _ in sents]
            k = 0
            for e in self.doc.ents:
                # spaCy's `Span.ents`: the entities that start and end inside the span.
                while k < len(sents) and sents[k].end <= e.start:
                    k += 1
                if k < len(sents) and sents[k].start <= e.start and e.end <= sents[k].end:
                    by[k].append(e)
            self._sentence_entities = by
        return self._sentence_entities[si]

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def outlet(self) -> str | None:
        """The outlet (or URL): its country is the geocoder's area prior."""
        return self.article.outlet or self.article.url
