"""Counting rule on the toll of an event the text itself calls earlier (issue 12, RAND
counting classes right by the codebook, section 5a: a background event's toll is not the
incident's)."""

from __future__ import annotations

from spacy.tokens import Token

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule


@rule(
    "toll of an event called earlier",
    table="counting",
    order=21,
    example=(
        "Gunmen fired on police officers who came to the scene of an earlier bombing in "
        "Mosul which left four people dead.",
        "dead",
    ),
)
def toll_of_an_event_called_earlier(tok: Token, pack: LanguagePack) -> bool:
    """A casualty told in a relative clause on an event noun the text calls earlier or
    previous ("officers who responded to an earlier attack which left three dead") is the
    toll of that earlier event, set beside the news, even when the news has no toll of
    its own (rule "toll of another event told in passing" waits for a second toll): the
    event noun carries one of `earlier-time-words` as its own modifier."""
    node = tok
    for _ in range(3):
        if pack.dep(node, "relative-clause") and node.head.pos_ == "NOUN":
            event = node.head
            return event.lemma_.lower() in pack.words("other-event-nouns") and any(
                c.lower_ in pack.words("earlier-time-words") and c.i < event.i
                for c in event.children
            )
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@rule(
    "toll of a series told beside the news",
    table="counting",
    order=31,
    example=(
        "Gunmen shot dead four farmers near Balad, on the same day as 9 bombings, mostly "
        "in Baghdad, killed 70 people.",
        "killed",
    ),
)
def toll_of_a_series_beside(tok: Token, pack: LanguagePack) -> bool:
    """A toll told after "on the same day as" of a counted series spread over a region
    ("on the same day as 11 bombings, mostly in Basra, killed 60"; "on a day in which
    nine bombings in Iraq, primarily in Baghdad, killed 90") is the toll of many other
    incidents, a cumulative figure set beside the news (codebook 5a), not the incident's
    own. Rule "toll of other events the same day" leaves a series told with a place to
    the grouping; a place told as where most of the series happened (`series-spread-words`)
    is no scene of one incident. The series is counted: a number before an event noun."""
    pat = pack.pattern("same-day-as-another-event")
    if pat is None:
        return False
    sent = tok.sent
    head = sent.text[: tok.idx - sent.start_char]
    for m in pat.finditer(head):
        if not head[: m.start()].strip():
            continue  # opening the sentence, it only dates the news
        between = tok.doc.char_span(sent.start_char + m.end(), tok.idx, alignment_mode="expand")
        if between is None:
            continue
        counted = any(
            t.like_num and t.head.lemma_.lower() in pack.words("other-event-nouns") for t in between
        )
        spread = any(t.lower_ in pack.words("series-spread-words") for t in between)
        if counted and spread:
            return True
    return False
