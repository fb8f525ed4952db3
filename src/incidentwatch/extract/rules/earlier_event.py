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
