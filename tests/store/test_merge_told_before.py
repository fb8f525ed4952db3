"""A report dated by its filing day that tells the deed as done before it (the extractor's
mark `told_before_report`), and a report vague only in its day that fits two incidents one
article told apart (issue 12, merging, session 8 part b). Hand-written reports."""

from __future__ import annotations

from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    TOLD_BEFORE_REPORT,
    Report,
    choose_cluster,
    dates_agree,
    reported_interval,
    same_incident,
)
from incidentwatch.resolve.rules import load_rules

RAMADI = (33.4258, 43.2994)
FILED = "2016-06-01"


def report(
    text: str,
    *,
    day: str = "2016-05-30",
    precision: int = 1,
    geo: int = 1,
    sub: str = "Government regains territory",
    actor1: str = "Military Forces of Iraq",
    actor2: str | None = "Islamic State (Iraq)",
    toll: int = 0,
    aid: str = "a1",
    told_before: bool = False,
) -> Incident:
    cue = Evidence(field="event_type", article_id=aid, start=0, end=6, text=text[:6])
    ev = [
        cue,
        cue.model_copy(update={"field": "fatalities"}),
        Evidence(field="location", article_id=aid, start=0, end=6, text="Ramadi"),
    ]
    inc = Incident(
        event_date=day,
        date_precision=precision,
        event_type="Battles",
        sub_event_type=sub,
        actor1=Actor(name=actor1),
        actor2=Actor(name=actor2) if actor2 else None,
        country=Country(code="IQ", name="Iraq"),
        admin1="Al Anbar",
        location=Location(name="Ramadi", latitude=RAMADI[0], longitude=RAMADI[1]),
        geo_precision=geo,
        fatalities=Count(best=toll),
        summary=text,
        evidence=ev,
    )
    if told_before:
        setattr(inc, TOLD_BEFORE_REPORT, True)
    return inc


DONE_BEFORE = dict(day=FILED, precision=2, aid="n1")


def test_a_deed_told_before_the_filing_day_reaches_back_a_week() -> None:
    marked = report("Troops had retaken the Tamim district, a spokesman said Wednesday.",
                    told_before=True, **DONE_BEFORE)  # fmt: skip
    plain = report("Troops retook the Tamim district, a spokesman said Wednesday.",
                   **DONE_BEFORE)  # fmt: skip
    iv = reported_interval(marked, FILED)
    assert iv is not None and (iv[1] - iv[0]).days == load_rules().told_before_days
    monday = report("Troops stormed the Tamim district of Ramadi on Monday.", aid="m1")
    # The filing day's own news can't be Monday's; a deed told as done before it can.
    assert not dates_agree(plain, monday, FILED, "2016-05-30")
    assert dates_agree(marked, monday, FILED, "2016-05-30")
    assert same_incident(marked, monday, a_published=FILED, b_published="2016-05-30").same


def test_the_mark_never_reaches_past_the_filing_day() -> None:
    marked = report("Troops had retaken the Tamim district, a spokesman said Wednesday.",
                    told_before=True, **DONE_BEFORE)  # fmt: skip
    thursday = report("Troops stormed the Tamim district of Ramadi on Thursday.",
                      day="2016-06-02", aid="t1")  # fmt: skip
    assert not dates_agree(marked, thursday, FILED, "2016-06-02")


def _two_told_apart() -> tuple[list[tuple[str, Report]], dict[str, list[str]]]:
    # One article told the Monday advance and a Tuesday counter-attack apart; another
    # outlet's report of the Monday advance already joined the first.
    advance = report("The army advanced into the Tamim district of Ramadi on Monday.", aid="x1")
    advance_2 = report("Iraqi forces pushed into Tamim in Ramadi on Monday.", aid="y1")
    counter = report(
        "Islamic State fighters counter-attacked the army in Ramadi on Tuesday.",
        day="2016-05-31", sub="Armed clash", actor1="Islamic State (Iraq)",
        actor2="Military Forces of Iraq", aid="x1",
    )  # fmt: skip
    cands = [
        ("inc-1", Report("x1", 0, advance)),
        ("inc-1", Report("y1", 0, advance_2)),
        ("inc-2", Report("x1", 1, counter)),
    ]
    return cands, {"inc-1": ["x1", "y1"], "inc-2": ["x1"]}


def test_a_report_vague_in_its_day_joins_the_better_of_two_told_apart() -> None:
    cands, clusters = _two_told_apart()
    new = report("Troops had retaken the Tamim district of Ramadi, a spokesman said Wednesday.",
                 told_before=True, **DONE_BEFORE)  # fmt: skip
    assert choose_cluster(Report("n1", 0, new, published_at=FILED), cands, clusters) == "inc-1"


def test_two_incidents_no_article_told_apart_stay_a_guess() -> None:
    cands, _ = _two_told_apart()
    # The counter-attack known only from another article: nothing says the two differ.
    cands = [cands[0], cands[1], ("inc-2", Report("z1", 0, cands[2][1].incident))]
    clusters = {"inc-1": ["x1", "y1"], "inc-2": ["z1"]}
    new = report("Troops had retaken the Tamim district of Ramadi, a spokesman said Wednesday.",
                 told_before=True, **DONE_BEFORE)  # fmt: skip
    assert choose_cluster(Report("n1", 0, new, published_at=FILED), cands, clusters) is None


def test_a_toll_raised_on_the_filing_day_is_news_of_the_days_before() -> None:
    """A follow-up whose only day is the day a toll was raised ("raised the death toll
    ... on Friday", rule *day a toll was raised*) is dated by its filing day; a toll rises
    after its event, so the record is marked `told_before_report` and joins another
    outlet's report of the day before."""
    from incidentwatch.extract import extract_article
    from incidentwatch.records import Article
    from incidentwatch.resolve.merge import Resolver, told_before_report

    first = Article(
        article_id="kut-a",
        published_at="2016-04-14",
        text="KUT, Iraq - A car bomb exploded at a crowded bus station in the southern Iraqi "
        "city of Kut on Thursday, killing 18 people and wounding dozens, police and hospital "
        "sources said.",
    )
    follow_up = Article(
        article_id="kut-b",
        published_at="2016-04-15",
        text="KUT, Iraq - Health officials raised the death toll from a car bombing at a bus "
        "station in Kut to 27 on Friday, as relatives gathered outside the city morgue.\n\n"
        "The governor of Wasit province declared three days of mourning. No group has "
        "claimed responsibility.",
    )
    (told,) = extract_article(first)
    (later,) = extract_article(follow_up)
    assert later.event_date == "2016-04-15" and later.date_precision == 2
    assert told_before_report(later) and not told_before_report(told)
    res = Resolver()
    a = res.add(Report("kut-a", 0, told, published_at=first.published_at))
    assert res.add(Report("kut-b", 0, later, published_at=follow_up.published_at)) == a
