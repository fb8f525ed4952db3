"""Counting rules on an incident told as one of a series (issue 12, RAND counting classes
right by the codebook, section 5: the incident's own dead, each counted once)."""

from __future__ import annotations

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule

# How far before a count the words that make it a series' count may start.
_REACH = 40


@rule(
    "attacks of a series counted",
    table="counting",
    order=83,
    example=(
        "A suicide bomber blew up his car at a checkpoint in Baghdad. It was one of six "
        "suicide bombings in the city that day.",
        "six",
    ),
)
def series_count(text: str, start: int, pack: LanguagePack) -> bool:
    """A count of suicide attacks told as the series the incident is one of ("It was one
    of six suicide bombings in the city", "among three suicide bombs that day") counts
    the other attacks too, not this incident's attackers: the incident's own bomber is
    told by its own words ("A suicide bomber blew up his car"). The count at `start` in
    `text` is such a count when the words just before it say so (`series-member-before`)."""
    pat = pack.pattern("series-member-before")
    return pat is not None and pat.search(text[max(0, start - _REACH) : start]) is not None
