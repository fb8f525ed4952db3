"""A breaking report that says its details are not yet known (the extractor's mark
`details_pending`) weighs no toll against another outlet's report (codebook 5: a report
without a figure is not a figure). Issue 12, merging, session 9. Hand-written reports."""

from __future__ import annotations

from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    DETAILS_PENDING,
    pair_features,
    same_incident,
    toll_pending,
)
from incidentwatch.resolve.rules import load_rules

HILLA = (32.4637, 44.4199)
DAY = "2016-03-06"


def report(
    text: str, *, toll: int = 0, geo: int = 1, aid: str = "a1", pending: bool = False,
    told_none: bool = False,
) -> Incident:  # fmt: skip
    cue = Evidence(field="event_type", article_id=aid, start=0, end=5, text=text[:5])
    # The extractors' "no figure" mark: a zero whose only evidence is the event's word.
    toll_ev = cue.model_copy(update={"field": "fatalities"})
    if toll or told_none:
        toll_ev = Evidence(field="fatalities", article_id=aid, start=10, end=20, text="killed")
    inc = Incident(
        event_date=DAY,
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1=Actor(name="Unidentified Armed Group (Iraq)"),
        country=Country(code="IQ", name="Iraq"),
        admin1="Babil",
        location=Location(name="Hilla", latitude=HILLA[0], longitude=HILLA[1]),
        geo_precision=geo,
        fatalities=Count(best=toll),
        summary=text,
        evidence=[cue, toll_ev],
    )
    if pending:
        setattr(inc, DETAILS_PENDING, True)
    return inc


# The breaking report knows only the governorate; the later one the town and a toll.
BREAKING = "An explosion went off in Babil province; casualties were reported."
LATER = "A car bomb killed 14 people at a market in Hilla on Sunday, police said."


def test_a_pending_toll_weighs_nothing_against_a_stated_one() -> None:
    rules = load_rules()
    marked = report(BREAKING, geo=3, aid="b1", pending=True)
    plain = report(BREAKING, geo=3, aid="b1")
    later = report(LATER, toll=14, aid="l1")
    assert toll_pending(marked) and not toll_pending(plain)
    f_marked = pair_features(marked, later, rules, a_published=DAY, b_published=DAY)
    f_plain = pair_features(plain, later, rules, a_published=DAY, b_published=DAY)
    assert "toll_relative_difference" in f_plain
    assert not {"toll_relative_difference", "toll_one_side_only", "same_toll"} & f_marked.keys()
    # The toll difference is what kept the two apart.
    assert not same_incident(plain, later, a_published=DAY, b_published=DAY).same
    assert same_incident(marked, later, a_published=DAY, b_published=DAY).same


def test_a_zero_told_in_words_still_disputes_a_toll() -> None:
    # "Nobody was hurt" is a figure, pending or not: the score still reads it.
    told = report(BREAKING, geo=3, aid="b1", pending=True, told_none=True)
    later = report(LATER, toll=14, aid="l1")
    assert not toll_pending(told)
    f = pair_features(told, later, load_rules(), a_published=DAY, b_published=DAY)
    assert f.get("toll_relative_difference") == 1.0


def test_a_stated_toll_is_never_pending() -> None:
    assert not toll_pending(report(LATER, toll=14, pending=True))
