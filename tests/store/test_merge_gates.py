"""The merge's date gate (codebook 5, "Merging"), tested on the gate itself.

Candidate lookup only offers reports near in time, which hid a gate that let undated
reports through; these tests call `dates_agree` and `same_incident` directly.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    date_interval,
    dates_agree,
    reported_interval,
    same_incident,
)

D = dt.date


def bombing(day: str | None, precision: int | None = 1, aid: str = "a1") -> Incident:
    """A roadside bombing in Hit (Anbar) on `day`: everything but the date agrees."""
    text = "A roadside bomb killed three farmers near Hit."
    return Incident(
        event_date=day,
        date_precision=precision if day else None,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1=Actor(name="Islamic State (Iraq)"),
        country=Country(code="IQ", name="Iraq"),
        admin1="Anbar",
        location=Location(name="Hit", latitude=33.6416, longitude=42.8251),
        geo_precision=1,
        fatalities=Count(best=3),
        summary=text,
        evidence=[Evidence(field="location", article_id=aid, start=42, end=45, text="Hit")],
    )


def test_an_undated_report_agrees_with_no_date() -> None:
    dated = bombing("2016-03-14")
    undated = bombing(None, aid="b1")
    assert not dates_agree(undated, dated)
    assert not dates_agree(dated, undated)
    assert not dates_agree(undated, bombing(None, aid="c1"))
    # not even when the publication dates are the same day
    assert not dates_agree(undated, dated, "2016-03-14", "2016-03-14")


def test_an_undated_report_is_not_merged_however_alike() -> None:
    dated = bombing("2016-03-14")
    for a, b in ((bombing(None, aid="b1"), dated), (dated, bombing(None, aid="b1"))):
        d = same_incident(a, b)
        assert not d.same and not d.compatible
        assert d.why == "dates differ or unknown"
    # the control: the same report with the date is merged
    assert same_incident(bombing("2016-03-14", aid="b1"), dated).same


def test_exact_days_agree_only_on_the_same_day() -> None:
    monday = bombing("2016-03-14")
    assert dates_agree(monday, bombing("2016-03-14", aid="b1"))
    assert not dates_agree(monday, bombing("2016-03-15", aid="b1"))
    assert not dates_agree(monday, bombing("2016-03-13", aid="b1"))


@pytest.mark.parametrize(
    ("day", "precision", "interval"),
    [
        ("2016-03-14", 1, (D(2016, 3, 14), D(2016, 3, 14))),
        ("2016-03-14", None, (D(2016, 3, 14), D(2016, 3, 14))),
        ("2016-03-14", 2, (D(2016, 3, 14), D(2016, 3, 20))),
        ("2016-02-01", 3, (D(2016, 2, 1), D(2016, 2, 29))),
        ("2015-02-01", 3, (D(2015, 2, 1), D(2015, 2, 28))),
        ("2016-12-01", 3, (D(2016, 12, 1), D(2016, 12, 31))),
    ],
)
def test_date_interval_by_precision(
    day: str, precision: int | None, interval: tuple[dt.date, dt.date]
) -> None:
    inc = bombing(day, precision)
    inc.date_precision = precision
    assert date_interval(inc) == interval


def test_no_date_has_no_interval() -> None:
    assert date_interval(bombing(None)) is None
    assert reported_interval(bombing(None), "2016-03-16") is None


def test_week_and_month_agree_with_their_days_only() -> None:
    week = bombing("2016-03-14", 2)  # 14-20 March
    assert dates_agree(week, bombing("2016-03-14", aid="b1"))
    assert dates_agree(week, bombing("2016-03-20", aid="b1"))
    assert not dates_agree(week, bombing("2016-03-21", aid="b1"))
    assert not dates_agree(week, bombing("2016-03-13", aid="b1"))
    march = bombing("2016-03-01", 3)
    assert dates_agree(march, bombing("2016-03-31", aid="b1"))
    assert not dates_agree(march, bombing("2016-04-01", aid="b1"))
    assert not dates_agree(march, bombing("2016-02-29", aid="b1"))


def test_the_interval_is_cut_at_the_publication_day() -> None:
    week = bombing("2016-03-14", 2)  # 14-20 March
    assert reported_interval(week, "2016-03-16") == (D(2016, 3, 14), D(2016, 3, 16))
    assert reported_interval(week, "2016-03-14") == (D(2016, 3, 14), D(2016, 3, 14))
    # a publication day outside the interval, or on its last day, changes nothing
    assert reported_interval(week, "2016-03-20") == (D(2016, 3, 14), D(2016, 3, 20))
    assert reported_interval(week, "2016-03-25") == (D(2016, 3, 14), D(2016, 3, 20))
    assert reported_interval(week, "2016-03-10") == (D(2016, 3, 14), D(2016, 3, 20))
    assert reported_interval(week, None) == (D(2016, 3, 14), D(2016, 3, 20))
    thursday = bombing("2016-03-17", aid="b1")
    assert dates_agree(week, thursday)
    assert not dates_agree(week, thursday, a_published="2016-03-16")
    assert dates_agree(week, bombing("2016-03-16", aid="b1"), a_published="2016-03-16")
    # the cut applies to each side with its own article's date
    assert not dates_agree(thursday, week, b_published="2016-03-16")
    assert dates_agree(thursday, week, a_published="2016-03-16")
